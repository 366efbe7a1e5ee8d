"""Named reads of foster-care candidates and adopters; each starts from the centre."""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.cases.models import Case
from opora.core.sensitivity import Sensitivity, levels_for
from opora.deadlines.calendar import add_months, days_label
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.deadlines.queries import CaseDeadlines, subject_deadlines
from opora.fostering.domain.progress import Progress, adopter_hours, candidate_progress
from opora.fostering.domain.reports import current_report
from opora.fostering.enums import ADOPTER_PIPELINE, PIPELINE, AdopterStatus, CandidateStatus
from opora.fostering.models import (
    AdopterFamily,
    Candidate,
    CandidateReport,
    Placement,
    PlacementReview,
)
from opora.people.models import Person

# Every status in the order the lists show them: the pipeline first, then the ended ones.
CANDIDATE_ORDER = (*PIPELINE, *(s for s in CandidateStatus.values if s not in PIPELINE))


# The deadline counter: „остават 23 дни до края на оценката“


@dataclass(frozen=True)
class Counter:
    due_on: date
    days_left: int  # negative once overdue
    what: str = "до края на оценката"

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def text(self) -> str:
        if self.days_left > 0:
            verb = "остава" if self.days_left == 1 else "остават"
            return f"{verb} {days_label(self.days_left)} {self.what}"
        if self.days_left == 0:
            return f"днес е последният ден ({self.what.removeprefix('до ')})"
        return f"просрочено с {days_label(-self.days_left)} ({self.what.removeprefix('до ')})"


def counter(due_on: date | None, today: date, what: str = "до края на оценката") -> Counter | None:
    return Counter(due_on, (due_on - today).days, what) if due_on else None


def _open_assessment_due():
    return Subquery(
        Deadline.objects.filter(
            candidate=OuterRef("pk"),
            kind=DeadlineKind.CANDIDATE_ASSESSMENT,
            done_at=None,
            cancelled_at=None,
        )
        .order_by("due_on")
        .values("due_on")[:1]
    )


# Candidates


def candidates_of(centre) -> QuerySet[Candidate]:
    return Candidate.objects.filter(centre=centre)


def candidate_in(centre, candidate_id: int) -> Candidate:
    """The centre's candidate, else 404 (another centre's id is like one that does not exist)."""
    return get_object_or_404(
        candidates_of(centre).select_related("worker", "approval"), pk=candidate_id
    )


@dataclass(frozen=True)
class CandidateRow:
    candidate: Candidate
    counter: Counter | None


@dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    rows: list[CandidateRow]


def candidate_groups(centre, today: date, *, status: str = "") -> list[StatusGroup]:
    """The centre's candidates by stage, each with its assessment counter, in one query."""
    found = candidates_of(centre).select_related("worker").annotate(due=_open_assessment_due())
    if status:
        found = found.filter(status=status)
    by_status: dict[str, list[CandidateRow]] = {}
    for candidate in found.order_by("name", "id"):
        row = CandidateRow(candidate, counter(candidate.due, today))
        by_status.setdefault(candidate.status, []).append(row)
    return [
        StatusGroup(s, CandidateStatus(s).label, by_status[s])
        for s in CANDIDATE_ORDER
        if s in by_status
    ]


def readable_levels(user, subject) -> frozenset[str]:
    """The note levels a reader sees on a candidate or adopter family (the lead is its team)."""
    role = role_in(user, subject.centre_id)
    if role not in Role.case_workers():
        return frozenset()
    levels = levels_for(
        on_team=subject.worker_id == user.pk,
        is_psychologist=role == Role.PSYCHOLOGIST,
        is_manager=role == Role.MANAGER,
    )
    return levels | {Sensitivity.TEAM}


@dataclass(frozen=True)
class Note:
    """A contact as a reader sees it: the notes only if she may read them."""

    contact: object
    readable: bool


def _notes(contacts, user, levels) -> list[Note]:
    return [Note(c, c.sensitivity in levels or c.author_id == user.pk) for c in contacts]


@dataclass(frozen=True)
class CandidatePage:
    candidate: Candidate
    members: list
    progress: Progress
    contacts: list[Note]
    referees: list
    report: CandidateReport | None
    earlier_reports: list
    decisions: list
    placements: list
    history: list
    deadlines: CaseDeadlines
    counter: Counter | None


def candidate_page(candidate: Candidate, user, today: date) -> CandidatePage:
    members = list(candidate.members.select_related("person"))
    report = current_report(candidate)
    due = (
        Deadline.objects.filter(
            candidate=candidate,
            kind=DeadlineKind.CANDIDATE_ASSESSMENT,
            done_at=None,
            cancelled_at=None,
        )
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    return CandidatePage(
        candidate=candidate,
        members=members,
        progress=candidate_progress(candidate, members=members, today=today),
        contacts=_notes(candidate.contacts.all(), user, readable_levels(user, candidate)),
        referees=list(candidate.referees.all()),
        report=report,
        earlier_reports=[r for r in candidate.reports.all() if report is None or r.pk != report.pk],
        decisions=list(candidate.decisions.select_related("recorded_by")),
        placements=list(placements_of(candidate)),
        history=list(candidate.history.all()),
        deadlines=subject_deadlines(today, candidate=candidate),
        counter=counter(due, today),
    )


def placements_of(candidate: Candidate) -> QuerySet[Placement]:
    return candidate.placements.select_related("child", "case").prefetch_related(
        Prefetch("reviews", queryset=PlacementReview.objects.order_by("-held_on", "-id"))
    )


def placement_in(centre, placement_id: int) -> Placement:
    return get_object_or_404(
        Placement.objects.filter(centre=centre).select_related(
            "candidate__approval", "candidate__worker", "child", "case"
        ),
        pk=placement_id,
    )


@dataclass(frozen=True)
class RegisterRow:
    candidate: Candidate
    current: list[Placement]
    next_review: Counter | None


def register_of(centre, today: date) -> list[RegisterRow]:
    """The approved families with their current placements and the next review, in 3 queries."""
    approved = (
        candidates_of(centre)
        .filter(status=CandidateStatus.APPROVED)
        .select_related("approval", "worker")
        .annotate(review=_next_review_due())
        .prefetch_related(
            Prefetch(
                "placements",
                queryset=Placement.objects.filter(ended_on=None).select_related("child"),
                to_attr="current",
            )
        )
        .order_by("name", "id")
    )
    return [
        RegisterRow(c, c.current, counter(c.review, today, "до прегледа на настаняването"))
        for c in approved
    ]


def _next_review_due():
    return Subquery(
        Deadline.objects.filter(
            candidate=OuterRef("pk"),
            kind=DeadlineKind.PLACEMENT_REVIEW,
            done_at=None,
            cancelled_at=None,
        )
        .order_by("due_on")
        .values("due_on")[:1]
    )


def placement_review_due(placement: Placement) -> date | None:
    return (
        Deadline.objects.filter(
            candidate_id=placement.candidate_id,
            kind=DeadlineKind.PLACEMENT_REVIEW,
            done_at=None,
            cancelled_at=None,
            source=f"{placement._meta.label_lower}:{placement.pk}",
        )
        .values_list("due_on", flat=True)
        .first()
    )


# Choices for the forms: only the centre's own people and cases


def adults_of(centre, today: date) -> QuerySet[Person]:
    """People of the centre who may join a household (adults, or age unknown)."""
    return Person.objects.filter(centre=centre).exclude(
        birth_date__gt=_eighteen_years_before(today)
    )


def children_of(centre, today: date) -> QuerySet[Person]:
    """People of the centre who may be placed (under 18, or age unknown)."""
    return Person.objects.filter(centre=centre).exclude(
        birth_date__lte=_eighteen_years_before(today)
    )


def _eighteen_years_before(today: date) -> date:
    return add_months(today, -18 * 12)


def cases_of(centre) -> QuerySet[Case]:
    return Case.objects.filter(centre=centre).select_related("primary_person").order_by("-number")


# Adopters


def adopters_of(centre) -> QuerySet[AdopterFamily]:
    return AdopterFamily.objects.filter(centre=centre)


def adopter_in(centre, adopter_id: int) -> AdopterFamily:
    return get_object_or_404(adopters_of(centre).select_related("worker"), pk=adopter_id)


@dataclass(frozen=True)
class AdopterGroup:
    status: str
    label: str
    rows: list[AdopterFamily]


def adopter_groups(centre, *, status: str = "") -> list[AdopterGroup]:
    found = adopters_of(centre).select_related("worker").order_by("name", "id")
    if status:
        found = found.filter(status=status)
    by_status: dict[str, list] = {}
    for adopter in found:
        by_status.setdefault(adopter.status, []).append(adopter)
    return [
        AdopterGroup(s, AdopterStatus(s).label, by_status[s])
        for s in ADOPTER_PIPELINE
        if s in by_status
    ]


@dataclass(frozen=True)
class AdopterPage:
    adopter: AdopterFamily
    members: list
    hours: tuple
    contacts: list[Note]
    consultation_minutes: int
    history: list
    deadlines: CaseDeadlines


def adopter_page(adopter: AdopterFamily, user, today: date) -> AdopterPage:
    members = list(adopter.members.select_related("person"))
    contacts = list(adopter.contacts.all())
    return AdopterPage(
        adopter=adopter,
        members=members,
        hours=adopter_hours(members, today=today),
        contacts=_notes(contacts, user, readable_levels(user, adopter)),
        consultation_minutes=sum(c.duration_minutes for c in contacts),
        history=list(adopter.history.all()),
        deadlines=subject_deadlines(today, adopter=adopter),
    )
