"""The referral papers of a demo case: who referred, with which document, asking for what."""

from datetime import date, timedelta
from random import Random

from opora.centres.enums import Service
from opora.centres.enums import TargetGroup as TG
from opora.demo import names
from opora.demo.places import Place
from opora.referrals.domain import ReferralData
from opora.referrals.enums import SourceType as Src

# Most referrals to a ЦОП come from the child protection department (ОЗД).
SOURCE_WEIGHTS = {
    Src.OZD: 30, Src.SCHOOL: 4, Src.KINDERGARTEN: 2, Src.MKBPPMN: 3, Src.DPS: 2, Src.HOSPITAL: 1,
    Src.GP: 1, Src.COURT: 1, Src.MUNICIPALITY: 1, Src.SELF_ADULT: 3, Src.NGO: 1, Src.HOTLINE: 1,
    Src.OTHER_PROVIDER: 1, Src.DSP_OTHER: 1, Src.PROSECUTOR: 1,
}  # fmt: skip

SELF_REFERRALS = frozenset({Src.SELF_ADULT, Src.SELF_CHILD, Src.OTHER})

NEEDS = {
    TG.RISK_CHILD: "Конфликтни отношения в семейството след раздялата на родителите.",
    TG.RISK_VICTIM: "Детето е преживяло насилие в семейството; нужда от психологическа подкрепа.",
    TG.RISK_DEVELOPMENT: "Занемаряване; родителите се нуждаят от подкрепа за родителски умения.",
    TG.RISK_SCHOOL: "Чести неизвинени отсъствия и риск от отпадане от училище.",
    TG.BEHAVIOUR: "Агресивно поведение в училище и противообществени прояви.",
    TG.RISK_DISABILITY: "Дете с увреждане; подкрепа на семейството за грижа в семейна среда.",
    TG.PREVENTION: "Трудности в адаптацията към училище; консултиране на родителите.",
    TG.PREGNANT_PARENT: "Бременна жена в риск от изоставяне на детето след раждането.",
    TG.FOSTER_CANDIDATE: "Кандидати за приемно семейство: оценка, обучение и подкрепа.",
    TG.FOSTER_APPROVED: "Подкрепа на приемното семейство и на детето в адаптацията.",
    TG.ADOPTER_CANDIDATE: "Кандидат-осиновители: консултиране и подготовка за осиновяване.",
    TG.CARE_LEAVER: "Младеж, напуснал резидентна грижа: подкрепа за самостоятелен живот.",
}


def pick_source(rng: Random) -> str:
    return rng.choices(list(SOURCE_WEIGHTS), weights=list(SOURCE_WEIGHTS.values()))[0]


def institution(source: str, place: Place, rng: Random) -> str:
    town = place.town
    known = {
        Src.OZD: f"ОЗД към Д „СП“ – {town}", Src.DSP_OTHER: f"Д „СП“ – {town}",
        Src.MUNICIPALITY: f"Община {town}", Src.MKBPPMN: f"МКБППМН – {town}",
        Src.DPS: f"Детска педагогическа стая при РУ – {town}", Src.POLICE_OTHER: f"РУ – {town}",
        Src.NURSERY: f"Детска ясла – {town}", Src.HOSPITAL: place.hospital,
        Src.GP: f"ИППМП – д-р {names.staff_name(rng, female=rng.random() < 0.6)}",
        Src.COURT: place.court, Src.PROSECUTOR: place.prosecutor,
        Src.OTHER_PROVIDER: f"Център за социална рехабилитация и интеграция – {town}",
        Src.RESIDENTIAL: f"Център за настаняване от семеен тип – {town}",
        Src.HOTLINE: "Национална телефонна линия за деца 116 111",
        Src.NGO: "Сдружение „Заедно за децата“",
        Src.SCHOOL: rng.choice(place.schools), Src.KINDERGARTEN: rng.choice(place.kindergartens),
    }  # fmt: skip
    return known.get(source, "")


def document_number(source: str, place: Place, issued: date, rng: Random) -> str:
    if source == Src.OZD:
        return f"ЗД/Д-{place.district_code}-{rng.randint(40, 990):03d}/{issued.year}"
    return f"{rng.randint(12, 2400)}/{issued:%d.%m.%Y}"


def services_for(target_groups: list[str], offered: list[str], rng: Random) -> list[str]:
    if TG.FOSTER_CANDIDATE in target_groups or TG.FOSTER_APPROVED in target_groups:
        wanted = [Service.FOSTER_CARE, Service.COUNSELLING]
    elif TG.CARE_LEAVER in target_groups:
        wanted = [Service.SKILLS, Service.COUNSELLING]
    else:
        wanted = [
            Service.COUNSELLING,
            Service.THERAPY,
            rng.choice((Service.SKILLS, Service.ADVOCACY)),
        ]
    return [s for s in wanted if s in offered] or offered[:1]


def referral_data(
    *, source: str, place: Place, registered_on: date, target_groups: list[str], offered: list[str],
    urgency: str, rng: Random,
) -> ReferralData:  # fmt: skip
    """Papers dated a few days before the case was registered; self-referrals carry none."""
    issued = registered_on - timedelta(days=rng.randint(1, 6))
    formal = source not in SELF_REFERRALS
    services = services_for(target_groups, offered, rng)
    return ReferralData(
        source_type=source,
        institution=institution(source, place, rng),
        officer_name=names.staff_name(rng, female=rng.random() < 0.8) if formal else "",
        officer_phone=names.mobile_phone(rng) if formal else "",
        document_number=document_number(source, place, issued, rng) if formal else "",
        document_date=issued if formal else None,
        wish_declared_on=registered_on
        if not formal
        else issued + timedelta(days=rng.randint(0, 1)),
        needs_summary=NEEDS.get(target_groups[0], ""),
        proposed_services="; ".join(Service(s).label for s in services) if formal else "",
        chosen_services=services,
        target_groups=target_groups,
        urgency=urgency,
    )
