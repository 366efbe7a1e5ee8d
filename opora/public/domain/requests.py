"""„Потърсете подкрепа“: a request from the public lands in the centre's intake as a self-referral.

Nobody on the staff is signed in when it arrives, so the writes are made by the system account
„Онлайн заявка“ (it cannot sign in), and every row and audit entry says so. The person is always
created anew, without an identifier: matching with known people is the staff's decision.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from opora.audit.context import client_ip
from opora.audit.domain import record
from opora.cases.domain.capacity import lock_centre
from opora.cases.enums import CasePersonRole
from opora.cases.models import CasePerson
from opora.centres.enums import TargetGroup
from opora.core.errors import DomainError
from opora.people.domain.person import PersonData, create_person
from opora.people.enums import IdentifierType, NoIdentifierReason
from opora.public.domain.spam import check_limits, client_key
from opora.public.enums import ContactWay, Writer
from opora.public.models import PublicRequest
from opora.referrals.domain import ReferralData, register_referral
from opora.referrals.enums import SourceType

ONLINE_ACTOR_USERNAME = "online-request"
ONLINE_ACTOR_NAME = "Онлайн заявка"
UNKNOWN_NAME = "Неизвестно"
MARKER = "Онлайн заявка „Потърсете подкрепа“"
MAX_MESSAGE = 1000
ADULT_AGE = 18


@dataclass(frozen=True)
class RequestData:
    writer: str
    message: str
    contact_way: str = ContactWay.ANY
    phone: str = ""
    email: str = ""
    first_name: str = ""
    age: int | None = None
    contact_time: str = ""

    @property
    def from_child(self) -> bool:
        """ЗСУ чл. 87: a child who turns to the provider; a young person of 18+ is not a child."""
        return self.writer == Writer.CHILD and (self.age is None or self.age < ADULT_AGE)

    @property
    def about_writer(self) -> bool:
        """Parents, young people and others ask for themselves; a professional writes about a child."""
        return self.writer != Writer.PROFESSIONAL


def submit_public_request(
    centre, *, data: RequestData, client_address: str | None
) -> PublicRequest:
    """Open a case in intake for the request and keep the request as written; all or nothing."""
    _check(data)
    client = client_key(client_address)
    with transaction.atomic(), _address_kept_out_of_audit():
        locked = lock_centre(centre)
        now = timezone.now()
        check_limits(locked, client=client, now=now)
        actor = online_request_actor()
        person = create_person(
            centre=locked, actor=actor, data=_person_data(data, now), confirmed=True
        )
        case = register_referral(
            centre=locked, actor=actor, person=person, data=_referral_data(data, now)
        )
        if data.about_writer and not data.from_child:
            _mark_as_adult_client(case, person)
        request = PublicRequest.objects.create(
            centre=locked, case=case, **_request_fields(data), consent_text=consent_text(locked),
            client_hash=client, created_at=now,
        )  # fmt: skip
        record(
            actor=actor,
            action="public_request.receive",
            obj=request,
            changes={"writer": data.writer, "case": case.number, "client": client[:12]},
        )
    return request


def consent_text(centre) -> str:
    """What the sender agrees to; stored with the request exactly as it was shown."""
    return (
        f"Съгласен/съгласна съм {centre.name} да използва данните от тази заявка само за да се "
        "свърже с мен и да прецени с каква подкрепа може да помогне. Служител на центъра ще се "
        "свърже с мен по телефона или по електронната поща, които посочих. Заявката става част "
        "от документацията на центъра и се пази според сроковете му за съхранение на "
        "документите. Мога по всяко време да поискам данните ми да бъдат заличени, като се "
        "обадя или пиша на центъра."
    )


def online_request_actor():
    """The system account the online form acts as: inactive, with no password and no centre."""
    user, _ = get_user_model().objects.get_or_create(
        username=ONLINE_ACTOR_USERNAME,
        defaults={
            "first_name": ONLINE_ACTOR_NAME,
            "is_active": False,
            "password": make_password(None),
        },
    )
    return user


def _check(data: RequestData) -> None:
    if data.writer not in Writer.values:
        raise DomainError("Изберете кой пише.", field="writer")
    if data.contact_way not in ContactWay.values:
        raise DomainError("Изберете как да се свържем с вас.", field="contact_way")
    if not data.message.strip():
        raise DomainError("Опишете накратко с какво можем да помогнем.", field="message")
    if len(data.message) > MAX_MESSAGE:
        raise DomainError(f"Текстът е по-дълъг от {MAX_MESSAGE} знака.", field="message")
    check_contact(phone=data.phone, email=data.email, contact_way=data.contact_way)


def check_contact(*, phone: str, email: str, contact_way: str) -> None:
    """At least one way back to the sender, and the one they prefer."""
    if not (phone or email):
        raise DomainError(
            "Посочете телефон или електронна поща, за да се свържем с вас.", field="phone"
        )
    if contact_way == ContactWay.PHONE and not phone:
        raise DomainError("Посочете телефон, щом предпочитате да ви се обадим.", field="phone")
    if contact_way == ContactWay.EMAIL and not email:
        raise DomainError("Посочете електронна поща, щом предпочитате да ви пишем.", field="email")


@contextmanager
def _address_kept_out_of_audit() -> Iterator[None]:
    """The sender's address is kept only hashed (in the request), so the audit does not copy it."""
    token = client_ip.set(None)
    try:
        yield
    finally:
        client_ip.reset(token)


def _person_data(data: RequestData, now) -> PersonData:
    writer = data.about_writer
    return PersonData(
        first_name=(data.first_name if writer else "") or UNKNOWN_NAME,
        last_name=UNKNOWN_NAME,
        identifier_type=IdentifierType.NONE,
        no_identifier_reason=NoIdentifierReason.UNKNOWN,
        phone=data.phone if writer else "",
        email=data.email if writer else "",
        notes=(
            f"Заявка от сайта – без ЕГН ({timezone.localtime(now):%d.%m.%Y}). "
            "Името, фамилията и датата на раждане се уточняват при първия разговор."
        ),
    )


def _referral_data(data: RequestData, now) -> ReferralData:
    professional = data.writer == Writer.PROFESSIONAL
    if data.from_child:
        source = SourceType.SELF_CHILD
    else:
        source = SourceType.OTHER if professional else SourceType.SELF_ADULT
    return ReferralData(
        source_type=source,
        institution=MARKER,
        officer_name=data.first_name if professional else "",
        officer_phone=data.phone if professional else "",
        officer_email=data.email if professional else "",
        wish_declared_on=None if professional else timezone.localdate(now),
        needs_summary=data.message.strip(),
        notes=_referral_notes(data),
        target_groups=[TargetGroup.PREVENTION],
    )


def _referral_notes(data: RequestData) -> str:
    lines = [f"{MARKER}. Пише: {Writer(data.writer).label.lower()}."]
    if data.age is not None:
        lines.append(f"Възраст на детето / младия човек: {data.age} г.")
    lines.append(f"Предпочитан начин за връзка: {ContactWay(data.contact_way).label.lower()}.")
    if data.contact_time:
        lines.append(f"Удобно време: {data.contact_time}.")
    return "\n".join(lines)


def _mark_as_adult_client(case, person) -> None:
    """Without a birth date the person counts as a child; the writer told us they are an adult."""
    CasePerson.objects.filter(case=case, person=person).update(role=CasePersonRole.CLIENT)


def _request_fields(data: RequestData) -> dict:
    return {
        "writer": data.writer,
        "first_name": data.first_name,
        "age": data.age,
        "message": data.message.strip(),
        "phone": data.phone,
        "email": data.email,
        "contact_way": data.contact_way,
        "contact_time": data.contact_time,
    }
