"""Writes on a case's ИОП (ЗСУ чл. 80): start it with a team, keep a draft, complete it."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.assessments.domain.completion import AssessmentErrors, completion_errors, date_errors
from opora.assessments.enums import AssessmentStatus
from opora.assessments.models import Assessment
from opora.assessments.sections import DRAFT_FIELDS
from opora.audit.domain import record
from opora.cases.domain.case import add_team_member
from opora.cases.domain.status import change_status
from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus, Track
from opora.cases.models import Case, CaseTeamMember
from opora.core.errors import DomainError
from opora.core.locking import bump_revision, require_revision, revision_changes

# The first ИОП belongs to the assessment phase; an updated one follows a review, a return to
# assessment or a reopened case.
LATER_ASSESSMENT_STATUSES = frozenset(
    {CaseStatus.ASSESSMENT, CaseStatus.ACTIVE, CaseStatus.UNDER_REVIEW}
)


def start_assessment(case: Case, *, actor, team: Iterable, occasion: str = "") -> Assessment:
    """Open the next ИОП of the case with the team named by the head of the service (чл. 80, ал. 2)."""
    _require_head_of_service(actor, case)
    members = _checked_team(case, team)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        numbers = _require_may_start(locked)
        now = timezone.now()
        assessment = Assessment.objects.create(
            centre_id=locked.centre_id, case=locked, number=max(numbers, default=0) + 1,
            occasion=occasion.strip()[:250], started_at=now, started_by=actor,
            updated_at=now, updated_by=actor,
        )  # fmt: skip
        assessment.team.set(members)
        _join_case_team(locked, members, actor=actor)
        record(
            actor=actor,
            action="assessment.start",
            obj=assessment,
            changes={"number": assessment.number, "team": [m.pk for m in members]},
        )
    return assessment


def name_assessment_team(assessment: Assessment, *, actor, team: Iterable) -> Assessment:
    """Change the team of a draft ИОП; new members join the case team so that they can edit."""
    _require_head_of_service(actor, assessment.case)
    members = _checked_team(assessment.case, team)
    with transaction.atomic():
        locked = lock_assessment(assessment)
        require_workable(locked)
        locked.team.set(members)
        _join_case_team(locked.case, members, actor=actor)
        record(
            actor=actor,
            action="assessment.name_team",
            obj=locked,
            changes={"team": [m.pk for m in members]},
        )
    return locked


def save_assessment_draft(
    assessment: Assessment, *, actor, data: dict, revision: int | None = None
) -> Assessment:
    """Keep whatever is filled in so far; only the dates are checked, not completeness."""
    _require_known_fields(data)
    with transaction.atomic():
        locked = lock_assessment(assessment)
        require_workable(locked)
        require_revision(locked, revision)
        changed = _apply(locked, data)
        if errors := date_errors(locked):
            raise AssessmentErrors(errors)
        if changed:
            _touch(locked, actor)
            locked.save()
            record(
                actor=actor,
                action="assessment.save_draft",
                obj=locked,
                changes=revision_changes(locked, changed),
            )
    return locked


def complete_assessment(
    assessment: Assessment, *, actor, data: dict | None = None, revision: int | None = None
) -> Assessment:
    """Save the last changes and complete the ИОП, or refuse it all with every missing section.

    The deadline of the assessment phase is not fulfilled here: the legal term covers the ИОП and
    the ИПП together, so it is met when the plan is approved.
    """
    _require_known_fields(data or {})
    with transaction.atomic():
        locked = lock_assessment(assessment)
        require_workable(locked)
        require_revision(locked, revision)
        changed = _apply(locked, data or {})
        on = locked.assessed_on or timezone.localdate()
        if errors := {**completion_errors(locked, on=on), **date_errors(locked)}:
            raise AssessmentErrors(errors)
        locked.assessed_on, locked.status = on, AssessmentStatus.COMPLETED
        locked.completed_at, locked.completed_by = timezone.now(), actor
        _touch(locked, actor)
        locked.save()
        record(
            actor=actor,
            action="assessment.complete",
            obj=locked,
            changes={
                "number": locked.number,
                "assessed_on": on.isoformat(),
                **revision_changes(locked, changed),
            },
        )
        if locked.case.status == CaseStatus.ASSESSMENT:
            change_status(
                locked.case, to_status=CaseStatus.PLANNING, actor=actor, note="ИОП завършена"
            )
    return locked


def lock_assessment(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("case__primary_person", "updated_by")
        .get(pk=assessment.pk)
    )


def require_workable(assessment: Assessment) -> None:
    """Only a draft of a case that is still being worked on changes."""
    if assessment.status != AssessmentStatus.DRAFT:
        raise DomainError(
            f"ИОП № {assessment.number} е завършена и не се променя. "
            "За промяна започнете актуализирана ИОП."
        )
    case = assessment.case
    if case.status not in OCCUPYING_STATUSES:
        raise DomainError(
            f"Случаят е в статус „{case.get_status_display()}“ и ИОП не може да се променя."
        )


def _require_head_of_service(actor, case: Case) -> None:
    if not actor.has_perm("assessments.start_assessment", case):
        raise DomainError(
            "Екипът за ИОП се определя от ръководителя на услугата (чл. 80, ал. 2 ЗСУ)."
        )


def why_not_start(case: Case) -> str | None:
    """The reason a new ИОП cannot start on the case now, or None if it can."""
    if case.track == Track.GENERAL:
        return "За общодостъпна услуга не се изготвя ИОП."
    rows = list(Assessment.objects.filter(case=case).values_list("number", "status"))
    draft = next((number for number, status in rows if status == AssessmentStatus.DRAFT), None)
    if draft is not None:
        return f"ИОП № {draft} още не е завършена — продължете нея."
    if not rows and case.status != CaseStatus.ASSESSMENT:
        return (
            "Първата ИОП започва, когато случаят е приет и е в статус „В оценка“. "
            f"Сега случаят е „{case.get_status_display()}“."
        )
    if rows and case.status not in LATER_ASSESSMENT_STATUSES:
        return (
            "Актуализирана ИОП започва, когато случаят е в оценка, активен или в преглед. "
            f"Сега случаят е „{case.get_status_display()}“."
        )
    return None


def _require_may_start(case: Case) -> list[int]:
    if reason := why_not_start(case):
        raise DomainError(reason)
    return list(Assessment.objects.filter(case=case).values_list("number", flat=True))


def _checked_team(case: Case, team: Iterable) -> list:
    members = list(dict.fromkeys(team or []))
    if not members:
        raise DomainError("Изберете поне един член на екипа.", field="team")
    allowed = set(
        Membership.objects.filter(
            centre_id=case.centre_id,
            is_active=True,
            role__in=Role.case_workers(),
            user__in=members,
        ).values_list("user_id", flat=True)
    )
    if strangers := [m for m in members if m.pk not in allowed]:
        names = ", ".join(str(m) for m in strangers)
        raise DomainError(
            f"В екипа за ИОП може да е само служител на центъра, който работи по случаи: {names}.",
            field="team",
        )
    return members


def _join_case_team(case: Case, members: list, *, actor) -> None:
    on_team = set(CaseTeamMember.objects.filter(case=case).values_list("user_id", flat=True))
    for member in members:
        if member.pk not in on_team:
            add_team_member(case, actor=actor, user=member)


def _require_known_fields(data: dict) -> None:
    if unknown := set(data) - DRAFT_FIELDS:
        raise ValueError(f"Unknown ИОП fields: {sorted(unknown)}")


def _apply(assessment: Assessment, data: dict) -> list[str]:
    changed = []
    for name, value in data.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(assessment, name) != value:
            setattr(assessment, name, value)
            changed.append(name)
    return sorted(changed)


def _touch(assessment: Assessment, actor) -> None:
    """Bump the revision (F() + 1, under the row lock) and stamp who changed the draft."""
    bump_revision(assessment)
    assessment.updated_at, assessment.updated_by = timezone.now(), actor
