"""The foster-care records of the web tests (tests/web) and a write each fostering route accepts.

`add_fostering_records(centre, manager, worker)` gives one candidate at each stage a write starts
from, a long-term placement, a child free to place and adopter families; FOSTERING_WRITES holds, per
URL name, a POST the centre's manager makes successfully on them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from opora.fostering.domain.assessment import add_referee
from opora.fostering.domain.reports import write_report
from opora.fostering.enums import (
    AdopterStatus,
    CandidateKind,
    CandidateStatus,
    ContactKind,
    DecisionOutcome,
    FosterType,
    MemberRole,
    PlacementKind,
)
from opora.fostering.models import AdopterFamily, Candidate, Placement
from tests.factories import PersonFactory
from tests.fostering.records import days_ago, make_adopters, make_candidate, place

S = CandidateStatus


# The records of the web tests


@dataclass
class FosteringRecords:
    candidates: dict[str, Candidate] = field(default_factory=dict)
    placements: dict[str, Placement] = field(default_factory=dict)
    adopters: dict[str, AdopterFamily] = field(default_factory=dict)
    referees: dict[str, object] = field(default_factory=dict)
    children: dict[str, object] = field(default_factory=dict)

    def objects(self, kwarg: str) -> list:
        return {
            "candidate_id": list(self.candidates.values()),
            "placement_id": list(self.placements.values()),
            "adopter_id": list(self.adopters.values()),
        }[kwarg]


def add_fostering_records(centre, manager, worker, *, every_stage: bool = True) -> FosteringRecords:
    records = FosteringRecords()
    stages = [S.ENQUIRY, S.APPLICATION, S.ASSESSMENT, S.REPORT, S.COMMISSION, S.APPROVED]
    for n, stage in enumerate(stages if every_stage else [S.APPROVED]):
        records.candidates[stage] = make_candidate(
            centre, manager, stage, worker=worker, surname=_SURNAMES[n], first_names=_FIRST
        )
    approved = records.candidates[S.APPROVED]
    records.placements["long"] = place(approved, manager)
    records.children["free"] = PersonFactory(
        centre=centre, first_name="Ема", last_name="Симова", birth_date=days_ago(4 * 365)
    )
    if every_stage:
        # An approved family with no child placed: the one the manager takes off the register.
        records.candidates["removable"] = make_candidate(
            centre, manager, S.APPROVED, worker=worker, surname="Ангелови", first_names=_FIRST
        )
        assessed = records.candidates[S.ASSESSMENT]
        records.referees["waiting"] = add_referee(assessed, actor=manager, name="Генка Минчева")
        write_report(records.candidates[S.REPORT], actor=manager, text="Проект на доклада.")
    records.adopters["referred"] = make_adopters(centre, manager)
    if every_stage:
        records.adopters["adopted"] = make_adopters(
            centre, manager, AdopterStatus.ADOPTED, surname="Николови"
        )
    return records


# Names no client of the web tests' cases bears (tests/factories.py draws from other lists), so
# that a page listing candidates is never mistaken for one leaking a case's client.
_FIRST = ("Снежана", "Емил")
_SURNAMES = ["Бончеви", "Танчеви", "Миланови", "Лазарови", "Гочеви", "Русеви"]


def _day(days_from_today: int = 0) -> str:
    return (timezone.localdate() + timedelta(days=days_from_today)).strftime("%d.%m.%Y")


@dataclass(frozen=True)
class RecordWrite:
    data: Callable[[FosteringRecords], dict]
    target: Callable[[FosteringRecords], dict[str, int]] | None = None


def _prefixed(prefix: str, data: Callable[[FosteringRecords], dict]):
    """The POST of a form of the candidate page, whose fields carry the form's prefix."""
    return lambda r: {f"{prefix}-{key}": value for key, value in data(r).items()}


def _candidate(stage: str):
    return lambda r: {"candidate_id": r.candidates[stage].pk}


def _person(prefix: str, first: str, last: str) -> dict:
    values = {
        "first_name": first,
        "middle_name": "",
        "last_name": last,
        "identifier_type": "none",
        "identifier": "",
        "no_identifier_reason": "unknown",
        "birth_date": "",
        "sex": "unknown",
    }
    return {f"{prefix}{k}": v for k, v in values.items()}


_CANDIDATE_FIELDS = {
    "kind": CandidateKind.FAMILY,
    "foster_type": FosterType.VOLUNTEER,
    "enquiry_on": _day(-3),
    "address": "гр. Харманли",
    "worker": "",
}

_WRITES: dict[str, RecordWrite] = {
    "fostering:new_candidate": RecordWrite(
        lambda r: {
            **_CANDIDATE_FIELDS,
            **_person("applicant-", "Галя", "Русева"),
            "applicant-role": "applicant",
        }
    ),
    "fostering:edit_candidate": RecordWrite(
        lambda r: {**_CANDIDATE_FIELDS, "foster_type": FosterType.PROFESSIONAL},
        target=_candidate(S.ENQUIRY),
    ),
    "fostering:add_member": RecordWrite(
        lambda r: {**_person("", "Веселин", "Русев"), "role": MemberRole.HOUSEHOLD},
        target=_candidate(S.ENQUIRY),
    ),
    "fostering:register_application": RecordWrite(
        lambda r: {"applied_on": _day(-1)}, target=_candidate(S.ENQUIRY)
    ),
    "fostering:change_status": RecordWrite(
        lambda r: {"to_status": S.ASSESSMENT, "note": ""}, target=_candidate(S.APPLICATION)
    ),
    "fostering:extend_assessment": RecordWrite(
        lambda r: {"months": "2", "reason": "Кандидатката е в болница."},
        target=_candidate(S.ASSESSMENT),
    ),
    "fostering:add_contact": RecordWrite(
        lambda r: {
            "kind": ContactKind.HOME_VISIT,
            "held_on": _day(),
            "notes": "Домът е подреден.",
            "sensitivity": "team",
        },
        target=_candidate(S.ASSESSMENT),
    ),
    "fostering:add_referee": RecordWrite(
        lambda r: {
            "name": "Пенка Гочева",
            "contact": "0877 111 222",
            "received_on": "",
            "summary": "",
        },
        target=_candidate(S.ASSESSMENT),
    ),
    "fostering:record_reference": RecordWrite(
        lambda r: {
            "referee": r.referees["waiting"].pk,
            "received_on": _day(),
            "summary": "Препоръчва.",
        },
        target=_candidate(S.ASSESSMENT),
    ),
    "fostering:write_report": RecordWrite(
        lambda r: {"text": "Окончателен доклад."}, target=_candidate(S.REPORT)
    ),
    "fostering:sign_report": RecordWrite(
        lambda r: {"signed_on": _day()}, target=_candidate(S.REPORT)
    ),
    "fostering:record_decision": RecordWrite(
        lambda r: {
            "decided_on": _day(),
            "protocol_number": "7",
            "outcome": DecisionOutcome.APPROVED,
            "capacity": "1",
            "age_from": "0",
            "age_to": "7",
            "child_sex": "",
            "child_needs": "",
            "reasons": "",
            "information_due_on": "",
        },
        target=_candidate(S.COMMISSION),
    ),
    "fostering:remove": RecordWrite(
        lambda r: {"removed_on": _day(), "reason": "Семейството се отказа."},
        target=_candidate("removable"),
    ),
    "fostering:add_placement": RecordWrite(
        lambda r: {
            "child": r.children["free"].pk,
            "case": "",
            "kind": PlacementKind.SHORT_TERM,
            "placed_on": _day(),
            "order_reference": "З-21",
        },
        target=_candidate(S.APPROVED),
    ),
    "fostering:review_placement": RecordWrite(
        lambda r: {"held_on": _day(), "summary": "Детето се е адаптирало.", "next_review_on": ""},
        target=lambda r: {"placement_id": r.placements["long"].pk},
    ),
    "fostering:end_placement": RecordWrite(
        lambda r: {"ended_on": _day(), "reason": "Реинтеграция в семейството."},
        target=lambda r: {"placement_id": r.placements["long"].pk},
    ),
    "fostering:settings": RecordWrite(
        lambda r: {
            "assessment_months": "4",
            "extension_months": "2",
            "required_meetings": "5",
            "required_home_visits": "2",
            "required_referees": "2",
            "base_training_hours": "12",
            "professional_training_hours": "24",
            "placement_review_months": "6",
        }
    ),
    "fostering:new_adopter": RecordWrite(
        lambda r: {
            "referred_by": "ДСП Харманли",
            "referred_on": _day(-2),
            "letter_number": "91",
            "address": "",
            "worker": "",
            **_person("applicant-", "Лиляна", "Танева"),
            "applicant-role": "applicant",
        }
    ),
    "fostering:edit_adopter": RecordWrite(
        lambda r: {
            "referred_by": "ДСП Харманли",
            "referred_on": _day(-200),
            "letter_number": "ЗД-45",
            "address": "",
            "worker": "",
        },
        target=lambda r: {"adopter_id": r.adopters["referred"].pk},
    ),
    "fostering:add_adopter_member": RecordWrite(
        lambda r: {**_person("", "Мила", "Танева"), "role": MemberRole.HOUSEHOLD},
        target=lambda r: {"adopter_id": r.adopters["referred"].pk},
    ),
    "fostering:change_adopter_status": RecordWrite(
        lambda r: {
            "to_status": AdopterStatus.TRAINING,
            "adopted_on": "",
            "follow_up_on": "",
            "note": "",
        },
        target=lambda r: {"adopter_id": r.adopters["referred"].pk},
    ),
    "fostering:add_adopter_contact": RecordWrite(
        lambda r: {
            "kind": "consultation",
            "held_on": _day(),
            "duration_minutes": "60",
            "notes": "Разговор за очакванията.",
            "sensitivity": "team",
            "next_contact_on": "",
        },
        target=lambda r: {"adopter_id": r.adopters["referred"].pk},
    ),
}

# The forms of the candidate page carry a prefix each (opora/fostering/forms.py).
_PREFIXES = {
    "fostering:register_application": "application",
    "fostering:change_status": "step",
    "fostering:extend_assessment": "extension",
    "fostering:add_contact": "contact",
    "fostering:add_referee": "referee",
    "fostering:record_reference": "reference",
    "fostering:write_report": "report",
    "fostering:sign_report": "signature",
    "fostering:record_decision": "decision",
    "fostering:remove": "removal",
    "fostering:add_placement": "placement",
}
FOSTERING_WRITES: dict[str, RecordWrite] = {
    name: RecordWrite(_prefixed(_PREFIXES[name], w.data), w.target) if name in _PREFIXES else w
    for name, w in _WRITES.items()
}

FOSTERING_PAGES = frozenset(
    {
        "fostering:candidates",
        "fostering:candidate",
        "fostering:register",
        "fostering:placement",
        "fostering:adopters",
        "fostering:adopter",
    }
)
# Writes with a page of their own (GET shows the form); every other write is a POST from a page.
FOSTERING_FORM_PAGES = frozenset(
    {
        "fostering:new_candidate",
        "fostering:edit_candidate",
        "fostering:add_member",
        "fostering:settings",
        "fostering:new_adopter",
        "fostering:edit_adopter",
        "fostering:add_adopter_member",
    }
)
FOSTERING_POST_ONLY = frozenset(FOSTERING_WRITES) - FOSTERING_FORM_PAGES
# Only the manager: the Commission's decision, removal from the register, the centre's values.
FOSTERING_MANAGER_WRITES = frozenset(
    {"fostering:record_decision", "fostering:remove", "fostering:settings"}
)
FOSTERING_MANAGER_PAGES = frozenset({"fostering:settings"})
