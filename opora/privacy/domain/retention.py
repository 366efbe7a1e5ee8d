"""Retention: what is due for erasure per centre and record type, and the run that erases it.

Periods are counted in whole years from the case's closure (`Case.closed_at`). A legal hold on a
case or on any person of it blocks the case; a person is anonymised only when every case they
are on has been erased and nothing of theirs is held, so a person still on an open case, or on a
case not yet due, keeps their data. The audit is append-only: for it retention only reports.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from opora.audit.domain import record
from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus, Track
from opora.cases.models import Case, CasePerson
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.people.models import Person, Relation
from opora.plans.models import Contract
from opora.privacy.domain.erasure import anonymise_person_record, erase_case_content
from opora.privacy.enums import DEFAULT_YEARS, ERASABLE_TYPES, MAX_YEARS, RecordType
from opora.privacy.models import Anonymisation, Erasure, LegalHold, RetentionPolicy

# Statuses in which the work on a case has ended (follow-up is still work).
ENDED_STATUSES = frozenset(
    {CaseStatus.CLOSED, CaseStatus.ARCHIVED, CaseStatus.REFUSED, CaseStatus.CONSULTATION_CLOSED}
)


# Policies


def policy_years(centre) -> dict[str, int]:
    """Years per record type: the centre's own, else the defaults."""
    years = {record_type: DEFAULT_YEARS[record_type] for record_type in RecordType.values}
    rows = RetentionPolicy.objects.filter(centre=centre).values_list("record_type", "years")
    years.update(dict(rows))
    return years


def set_retention_policies(centre, *, actor, years: dict[str, int]) -> dict[str, list[int]]:
    """Save the centre's periods; returns what changed ({type: [old, new]})."""
    for record_type, value in years.items():
        if record_type not in RecordType.values:
            raise DomainError("Непознат вид записи.")
        if not 1 <= value <= MAX_YEARS:
            raise DomainError(f"Срокът трябва да е от 1 до {MAX_YEARS} години.", field=record_type)
    with transaction.atomic():
        before = policy_years(centre)
        changed = {t: [before[t], v] for t, v in years.items() if before[t] != v}
        for record_type, value in years.items():
            RetentionPolicy.objects.update_or_create(
                centre=centre,
                record_type=record_type,
                defaults={"years": value, "updated_at": timezone.now(), "updated_by": actor},
            )
        if changed:
            record(actor=actor, action="retention.policies", obj=centre, changes=changed)
    return changed


# What is due


@dataclass(frozen=True)
class DueCase:
    case: Case
    record_type: str
    years: int
    holds: tuple[LegalHold, ...] = ()

    @property
    def closed_on(self) -> date:
        return timezone.localtime(self.case.closed_at).date()

    @property
    def due_on(self) -> date:
        return add_months(self.closed_on, 12 * self.years)


@dataclass
class RetentionReport:
    """The dry run: what is due per record type, what is held, and the audit that stays."""

    centre: object
    today: date
    years: dict[str, int]
    due: dict[str, list[DueCase]] = field(default_factory=dict)
    held: list[DueCase] = field(default_factory=list)
    audit_entries_past_period: int = 0

    @property
    def due_count(self) -> int:
        return sum(len(cases) for cases in self.due.values())


def retention_report(centre, *, today: date | None = None) -> RetentionReport:
    today = today or timezone.localdate()
    report = RetentionReport(centre=centre, today=today, years=policy_years(centre))
    holds = _active_holds(centre)
    for record_type in ERASABLE_TYPES:
        years = report.years[record_type]
        report.due[record_type] = []
        for case in _due_cases(centre, record_type, years, today):
            found = _holds_on(case, holds)
            target = report.held if found else report.due[record_type]
            target.append(DueCase(case, record_type, years, found))
    audit_cutoff = _cutoff(today, report.years[RecordType.AUDIT_ENTRIES])
    report.audit_entries_past_period = AuditEntry.objects.filter(
        centre_id_copy=centre.pk, at__lt=audit_cutoff
    ).count()
    return report


def cases_of_type(centre, record_type: str) -> QuerySet[Case]:
    """The centre's ended cases that a record type's period applies to."""
    ended = Case.objects.filter(centre=centre, status__in=ENDED_STATUSES, closed_at__isnull=False)
    never_worked = Q(status=CaseStatus.REFUSED) | ~Q(refusal_ground="") | Q(opened_at__isnull=True)
    if record_type == RecordType.GENERAL_CONSULTATIONS:
        return ended.filter(track=Track.GENERAL)
    specialised = ended.exclude(track=Track.GENERAL)
    if record_type == RecordType.REFUSED_REFERRALS:
        return specialised.filter(never_worked)
    if record_type == RecordType.CLOSED_CASES:
        return specialised.exclude(never_worked)
    raise ValueError(record_type)


def _due_cases(centre, record_type: str, years: int, today: date) -> list[Case]:
    cases = cases_of_type(centre, record_type).filter(
        closed_at__lt=_cutoff(today, years), erasure__isnull=True
    )
    return list(
        cases.select_related("primary_person").prefetch_related("people").order_by("closed_at")
    )


def _cutoff(today: date, years: int) -> datetime:
    """Closed before the start of the day after this date is past the period."""
    last_day = add_months(today, -12 * years)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


@dataclass(frozen=True)
class _Holds:
    by_case: dict[int, list[LegalHold]]
    by_person: dict[int, list[LegalHold]]


def _active_holds(centre) -> _Holds:
    by_case, by_person = defaultdict(list), defaultdict(list)
    for hold in LegalHold.objects.filter(centre=centre, lifted_at=None).select_related("person"):
        if hold.case_id:
            by_case[hold.case_id].append(hold)
        else:
            by_person[hold.person_id].append(hold)
    return _Holds(by_case, by_person)


def _holds_on(case: Case, holds: _Holds) -> tuple[LegalHold, ...]:
    people = {case.primary_person_id} | {link.person_id for link in case.people.all()}
    found = list(holds.by_case.get(case.pk, []))
    for person_id in sorted(people):
        found += holds.by_person.get(person_id, [])
    return tuple(found)


# The run


@dataclass
class RetentionSummary:
    erased: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ERASABLE_TYPES, 0))
    anonymised: int = 0
    held: int = 0
    skipped: int = 0
    audit_entries_past_period: int = 0


def apply_retention(centre, *, today: date | None = None) -> RetentionSummary:
    """Erase every case that is due and not held, one transaction per case; run by the command."""
    report = retention_report(centre, today=today)
    summary = RetentionSummary(
        held=len(report.held), audit_entries_past_period=report.audit_entries_past_period
    )
    for record_type, cases in report.due.items():
        for due in cases:
            anonymised = erase_case(due, centre=centre, today=report.today)
            if anonymised is None:
                summary.skipped += 1
            else:
                summary.erased[record_type] += 1
                summary.anonymised += anonymised
    return summary


def erase_case(due: DueCase, *, centre, today: date) -> int | None:
    """Erase one case's content and anonymise its people who are free; None if it changed since."""
    with transaction.atomic():
        case = _still_due(due, centre, today)
        if case is None:
            return None
        erase_case_content(case)
        Erasure.objects.create(
            centre_id=case.centre_id, case=case, record_type=due.record_type, years=due.years,
            erased_at=timezone.now(),
        )  # fmt: skip
        record(
            actor=None, action="retention.erase_case", obj=case,
            changes={"record_type": due.record_type, "years": due.years,
                     "closed_on": due.closed_on.isoformat()},
        )  # fmt: skip
        return sum(_anonymise_if_free(person) for person in _people_of(case))


def _still_due(due: DueCase, centre, today: date) -> Case | None:
    """The case, locked, if nothing changed since the report (reopened, held, erased)."""
    case = Case.objects.select_for_update().filter(pk=due.case.pk, centre=centre).first()
    if case is None or Erasure.objects.filter(case=case).exists():
        return None
    type_cases = cases_of_type(centre, due.record_type)
    if not type_cases.filter(pk=case.pk, closed_at__lt=_cutoff(today, due.years)).exists():
        return None
    if _holds_on(case, _active_holds(centre)):
        return None
    return case


def _people_of(case: Case) -> list[Person]:
    ids = {case.primary_person_id} | set(
        CasePerson.objects.filter(case=case).values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=ids).order_by("pk"))


def _anonymise_if_free(person: Person) -> bool:
    if not may_anonymise(person):
        return False
    anonymise_person_record(person)
    Anonymisation.objects.create(
        centre_id=person.centre_id, person=person, anonymised_at=timezone.now()
    )
    record(actor=None, action="retention.anonymise_person", obj=person)
    return True


def may_anonymise(person: Person) -> bool:
    """True when nothing needs the person any more.

    Every case of the person and of their relatives is erased, nothing of theirs is held, and no
    other record points to them (a group programme, the foster-care registers, a model added
    later): those keep their own retention, so the person stays.
    """
    if Anonymisation.objects.filter(person=person).exists() or _linked_elsewhere(person):
        return False
    case_ids = _case_ids(person.pk)
    for relative_id in _relative_ids(person):
        case_ids |= _case_ids(relative_id)
    if Erasure.objects.filter(case_id__in=case_ids).count() != len(case_ids):
        return False
    holds = LegalHold.objects.filter(lifted_at=None)
    return not holds.filter(Q(person=person) | Q(case_id__in=case_ids)).exists()


def _case_ids(person_id: int) -> set[int]:
    """The cases the person is on, leads as the primary person, or signed a contract for."""
    return (
        set(Case.objects.filter(primary_person_id=person_id).values_list("pk", flat=True))
        | set(CasePerson.objects.filter(person_id=person_id).values_list("case_id", flat=True))
        | set(Contract.objects.filter(signatory_id=person_id).values_list("case_id", flat=True))
    )


def _relative_ids(person: Person) -> set[int]:
    pairs = Relation.objects.filter(Q(person=person) | Q(relative=person)).values_list(
        "person_id", "relative_id"
    )
    return {each for pair in pairs for each in pair} - {person.pk}


# The records that point to a person and that `may_anonymise` weighs itself.
_WEIGHED = frozenset(
    {
        "cases.Case", "cases.CasePerson", "people.Relation", "plans.Contract",
        "privacy.LegalHold", "privacy.Anonymisation",
        # A person's own files go with the person (erasure.FILES).
        "attachments.Attachment",
    }
)  # fmt: skip


def _linked_elsewhere(person: Person) -> bool:
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if model._meta.label in _WEIGHED or not relation.field.concrete:
            continue
        if model._default_manager.filter(**{relation.field.name: person}).exists():
            return True
    return False
