"""The needs assessment (ИОП) of a demo case: its team, the requests for information, the draft,
and its completion — all through opora.assessments.domain."""

from datetime import timedelta

from django.utils import timezone

from opora.assessments.domain.assessment import (
    complete_assessment,
    save_assessment_draft,
    start_assessment,
)
from opora.assessments.domain.requests import add_information_request, record_reply
from opora.assessments.enums import HearingMethod
from opora.assessments.models import InformationRequest
from opora.cases.models import CaseTeamMember
from opora.demo.diary import CaseDiary
from opora.demo.themes import COMMON_ASSESSMENT
from opora.demo.timeline import local_day

# What a team writes first: the facts, before the conclusions.
FIRST_DRAFT = ("needs", "characteristics", "family_environment", "risks", "sources")
ADULT_AGE = 18


def start(diary: CaseDiary, occasion: str = "") -> None:
    """The manager names the ИОП team: the case manager and whoever else is on the case."""
    team = [diary.lead] + [
        m.user
        for m in CaseTeamMember.objects.filter(case=diary.case).select_related("user")
        if m.user_id not in (diary.lead.pk, diary.manager.pk)
    ]
    diary.assessment = start_assessment(
        diary.case, actor=diary.manager, team=team, occasion=occasion
    )


def ask(diary: CaseDiary, *, days: int, which: int = 0) -> InformationRequest:
    """A request sent today with `days` to answer; remembered so the answer fits the question."""
    asks = diary.theme.asks
    wanted = asks[which % len(asks)]
    request = add_information_request(
        diary.assessment,
        actor=diary.lead,
        addressee=diary.text(wanted.addressee),
        question=diary.text(wanted.question),
        due_on=timezone.localdate() + timedelta(days=days),
        addressee_kind=wanted.addressee_kind,
    )
    diary.asked[request.pk] = wanted
    return request


def answer(diary: CaseDiary, request: InformationRequest) -> None:
    wanted = diary.asked.get(request.pk, diary.theme.asks[0])
    record_reply(
        request, actor=diary.lead, reply=diary.text(wanted.reply), replied_on=timezone.localdate()
    )


def save_first_draft(diary: CaseDiary) -> None:
    sections = _sections(diary)
    data = {name: sections[name] for name in FIRST_DRAFT if name in sections}
    diary.assessment = save_assessment_draft(diary.assessment, actor=diary.lead, data=data)


def save_conclusions(diary: CaseDiary, conclusions: str, recommendations: str) -> None:
    """The team's findings written into the draft (e.g. before a refusal on its grounds)."""
    data = {**_sections(diary), "conclusions": conclusions, "recommendations": recommendations}
    diary.assessment = save_assessment_draft(diary.assessment, actor=diary.lead, data=data)


def complete(diary: CaseDiary) -> None:
    """The ИОП is finished today; the case moves to planning (the domain does that)."""
    today = timezone.localdate()
    data = {**_sections(diary), **_child_view(diary, today), "assessed_on": today}
    diary.assessment = complete_assessment(diary.assessment, actor=diary.lead, data=data)


def _sections(diary: CaseDiary) -> dict[str, str]:
    texts = {**COMMON_ASSESSMENT, **diary.theme.assessment}
    return {name: diary.text(text) for name, text in texts.items()}


def _child_view(diary: CaseDiary, today) -> dict:
    """The child (or the adult client) is heard a few days before the assessment is finished."""
    person = diary.case.primary_person
    registered = local_day(diary.case.registered_at)
    heard = max(registered, today - timedelta(days=diary.rng.randint(1, 5)))
    age = person.age_on(heard)
    if age is not None and age < 10:
        method = HearingMethod.PLAY
    elif age is not None and age < ADULT_AGE and diary.rng.random() < 0.4:
        method = HearingMethod.WITH_TRUSTED
    else:
        method = HearingMethod.INDIVIDUAL
    return {
        "child_view": diary.text(diary.theme.child_view),
        "child_heard_on": heard,
        "hearing_method": method,
    }
