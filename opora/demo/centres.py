"""The two seed centres, ЦОП Харманли and ЦОП Драгоман; their public texts are in `public_texts`."""

from datetime import date

from opora.centres.domain import create_centre, update_centre
from opora.centres.enums import DayCount, Service
from opora.centres.enums import TargetGroup as TG
from opora.demo.public_texts import PUBLIC_TEXTS

SEED_SLUGS = ("harmanli", "dragoman")

HARMANLI = {
    "slug": "harmanli",
    "name": "ЦОП Харманли",
    "provider_name": "Община Харманли",
    "municipality": "Харманли",
    "address": "ул. „Одрин“ 16, 6450 гр. Харманли",
    "phone": "0373/9 10 76",
    "email": "cop.harmanli@abv.bg",
    "opened_on": date(2014, 6, 4),
    "founding_decision": "Решение на Общински съвет – Харманли",
    "capacity": 30,
    "services": [Service.GENERAL_INFO, Service.COUNSELLING, Service.THERAPY],
    "target_groups": [
        TG.RISK_CHILD, TG.RISK_VICTIM, TG.RISK_DEVELOPMENT, TG.RISK_DISABILITY, TG.RISK_SCHOOL,
        TG.FAMILY_RISK, TG.PREVENTION, TG.PREGNANT_PARENT, TG.FOSTER_CANDIDATE,
        TG.FOSTER_APPROVED, TG.ADOPTER_CANDIDATE, TG.ADOPTER,
    ],
}  # fmt: skip

DRAGOMAN = {
    "slug": "dragoman",
    "name": "ЦОП Драгоман",
    "provider_name": "Община Драгоман",
    "municipality": "Драгоман",
    "address": "ул. „Захари Стоянов“ 2, 2210 гр. Драгоман",
    "capacity": 24,
    "services": list(Service.values),
    "target_groups": [
        TG.RISK_CHILD, TG.RISK_VICTIM, TG.RISK_SCHOOL, TG.FAMILY_RISK, TG.PREVENTION,
        TG.PREGNANT_PARENT, TG.FOSTER_CANDIDATE, TG.FOSTER_APPROVED, TG.ADOPTER_CANDIDATE,
        TG.ADOPTER, TG.CARE_LEAVER, TG.BEHAVIOUR,
    ],
}  # fmt: skip

# Per-centre settings that differ from the defaults, set as the manager would on the settings page.
SETTINGS = {
    "harmanli": {"assessment_deadline_count": DayCount.WORKING, "workload_standard": 10},
    "dragoman": {"follow_up_months": 6},
}


def create_seed_centres(*, actor) -> dict:
    centres = {}
    for profile in (HARMANLI, DRAGOMAN):
        centre = create_centre(actor=actor, **profile, **PUBLIC_TEXTS[profile["slug"]])
        update_centre(centre, actor=actor, profile={}, settings=SETTINGS[centre.slug])
        centres[centre.slug] = centre
    return centres
