"""A diligent team: between the steps of a story, the duties that fall due are done in time.

The domain functions set the deadlines (a plan review six months on, a report to ОЗД every three
months, the end of a contract, an answer to an information request, a follow-up contact). Before
each step of a story, every such deadline due by then is kept a few days before its date, through
the same domain functions a specialist would use. Deadlines a story names as `late` are left.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from opora.assessments.models import InformationRequest
from opora.cases.enums import CaseStatus
from opora.closure.domain.follow_up import record_follow_up
from opora.closure.domain.reports import ReportContent, mark_report_sent, update_report
from opora.closure.enums import Channel, FollowUpOutcome, ReportStatus
from opora.closure.models import ReferrerReport
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind as DK
from opora.deadlines.models import Deadline
from opora.demo import assessing, endings
from opora.demo.diary import CaseDiary
from opora.demo.timeline import at_work, local_day, workday_after, working_day_on_or_before
from opora.plans.domain.checks import latest_end
from opora.plans.domain.contract import extend_contract
from opora.plans.domain.queries import plan_in_force
from opora.plans.enums import ContractStatus
from opora.plans.models import Contract
from opora.tasks.domain import complete_task
from opora.tasks.enums import TaskKind
from opora.tasks.models import Task

# Duties done ahead of their date: a review or a report a week early, a contract extended two
# weeks before it ends.
AHEAD_DAYS = {DK.PLAN_REVIEW: 7, DK.REFERRER_REPORT: 7, DK.CONTRACT_END: 14}
MAX_ROUNDS = 40
TASK_NOTES = {
    TaskKind.NOTIFY_CHILD_SELF_REFERRAL: "ДСП и майката са уведомени по телефона в същия ден.",
    TaskKind.NOTIFY_URGENT: "ОЗД е уведомен по телефона и с писмо в същия ден.",
    TaskKind.OTHER: "Изпълнено: ОЗД е уведомен писмено, копие в досието.",
}


def catch_up(
    diary: CaseDiary,
    *,
    until: datetime,
    keeps: frozenset = frozenset(),
    reviews_until: date | None = None,
    final: bool = False,
) -> None:
    """Keep every duty due before `until` (and those due soon after, done ahead).

    `keeps`: kinds the coming step keeps itself; `reviews_until`: hold plan reviews due up to then
    now, because after the coming step no review can be held (a closure, a review of its own).
    """
    for _ in range(MAX_ROUNDS):
        duties = _open_duties(diary)
        deadline = _next_due(duties, until, keeps, reviews_until, final)
        if deadline is None:
            break
        try:
            kept = KEEPERS[deadline.kind](diary, deadline, until)
        except DomainError:
            kept = False
        if not kept:
            diary.given_up.add(deadline.pk)
    tasks = _finish_tasks(diary, until)
    diary.quiet_until = _quiet_until(diary, duties, tasks)


def _open_duties(diary: CaseDiary) -> list[Deadline]:
    open_ones = Deadline.objects.filter(
        case=diary.case, done_at=None, cancelled_at=None, kind__in=list(KEEPERS)
    ).exclude(kind__in=diary.story.late)
    return list(open_ones.exclude(pk__in=diary.given_up).order_by("due_on", "id"))


def _next_due(duties, until, keeps, reviews_until, final) -> Deadline | None:
    day = local_day(until)
    for deadline in duties:
        if deadline.kind in keeps:
            continue
        horizon = day if final else day + timedelta(days=AHEAD_DAYS.get(deadline.kind, 0))
        if deadline.kind == DK.PLAN_REVIEW and reviews_until is not None:
            horizon = max(horizon, reviews_until)
        if deadline.due_on < horizon:
            return deadline
    return None


def _quiet_until(diary: CaseDiary, duties: list[Deadline], tasks: list) -> datetime:
    """The moment before which no duty of the case falls due.

    Sessions add no duties, so the catch-up before them is skipped until then.
    """
    days = [d.due_on - timedelta(days=AHEAD_DAYS.get(d.kind, 0)) for d in duties]
    moments = [timezone.make_aware(datetime.combine(day, time.min)) for day in days]
    return min([*moments, *tasks], default=diary.now)


def _when(diary: CaseDiary, due_on: date, until: datetime) -> datetime:
    """A few days before the deadline, after what is already written and before the next step."""
    wanted = at_work(
        working_day_on_or_before(due_on - timedelta(days=diary.rng.randint(1, 4))), diary.rng
    )
    earliest = diary.last + timedelta(minutes=10)
    latest = until - timedelta(minutes=10)
    return max(earliest, min(wanted, latest))


def _source_id(deadline: Deadline) -> int | None:
    _, _, pk = deadline.source.partition(":")
    return int(pk) if pk.isdigit() else None


# Keepers: each returns whether the deadline is now kept


def _answer(diary, deadline, until) -> bool:
    request = InformationRequest.objects.filter(pk=_source_id(deadline)).first()
    if request is None or request.is_answered:
        return False
    with diary.at(_when(diary, deadline.due_on, until)):
        assessing.answer(diary, request)
    return True


def _review(diary, deadline, until) -> bool:
    status = diary.refresh().status
    if status not in endings.REVIEWABLE or diary.case.reviews.filter(status="in_progress").exists():
        return False
    start = _when(diary, deadline.due_on, until)
    with diary.at(start):
        endings.begin_review(diary, scheduled=True)
    # Completed by its date: a review held on time is not "done late" because of the paperwork.
    wanted = workday_after(start, diary.rng.randint(1, 3), diary.rng)
    by_due = timezone.make_aware(
        datetime.combine(working_day_on_or_before(deadline.due_on), time(16))
    )
    done = max(start + timedelta(minutes=30), min(wanted, by_due, until - timedelta(minutes=5)))
    with diary.at(done):
        endings.finish_review(diary)
    return True


def _report(diary, deadline, until) -> bool:
    report = ReferrerReport.objects.filter(pk=_source_id(deadline), case=diary.case).first()
    if report is None or report.status != ReportStatus.DUE:
        return False
    with diary.at(_when(diary, deadline.due_on, until)):
        if not report.has_content or not report.addressee_institution.strip():
            update_report(report, actor=diary.lead, content=_report_content(diary, report))
        today = timezone.localdate()
        mark_report_sent(
            report, actor=diary.lead, sent_on=today, channel=Channel.ELECTRONIC_SYSTEM,
            reference_number=f"{diary.rng.randint(100, 999)}/{today:%d.%m.%Y}",
        )  # fmt: skip
    return True


def _report_content(diary: CaseDiary, report: ReferrerReport) -> ReportContent:
    theme = diary.theme
    return ReportContent(
        due_on=report.due_on, period_from=report.period_from, period_to=report.period_to,
        progress=diary.text(theme.review_news), risks=diary.text(theme.assessment["risks"]),
        recommendations=diary.text(theme.review_decisions),
        addressee_institution=report.addressee_institution or f"ОЗД – {diary.scene.place.town}",
        addressee_officer=report.addressee_officer,
    )  # fmt: skip


def _extend(diary, deadline, until) -> bool:
    contract = Contract.objects.filter(
        pk=_source_id(deadline), case=diary.case, status=ContractStatus.SIGNED
    ).first()
    plan = plan_in_force(diary.case)
    if contract is None or plan is None:
        return False
    new_end = latest_end(contract.start_on, plan.duration_class) - timedelta(days=1)
    if new_end <= contract.end_on:
        return False
    with diary.at(_when(diary, deadline.due_on - timedelta(days=10), until)):
        diary.contract = contract
        extend_contract(
            contract, actor=diary.manager, signed_on=timezone.localdate(), new_end_on=new_end,
            reason="Продължаване на услугата до края на срока по ИПП.",
        )  # fmt: skip
    return True


def _contact(diary, deadline, until) -> bool:
    if diary.refresh().status != CaseStatus.FOLLOW_UP:
        return False
    with diary.at(_when(diary, deadline.due_on, until)):
        today = timezone.localdate()
        record_follow_up(
            diary.case, actor=diary.lead, contacted_on=today, note=diary.text(diary.theme.follow_up),
            outcome=FollowUpOutcome.CONTINUE, next_contact_on=add_months(today, 3),
        )  # fmt: skip
    return True


KEEPERS = {
    DK.INFO_REQUEST: _answer,
    DK.PLAN_REVIEW: _review,
    DK.REFERRER_REPORT: _report,
    DK.CONTRACT_END: _extend,
    DK.FOLLOW_UP: _contact,
}


def _finish_tasks(diary: CaseDiary, until: datetime) -> list[datetime]:
    """Tasks (notify ДСП …) are done within hours; those not yet due wait for the reader.

    Returns when the waiting ones fall due.
    """
    waiting = []
    for task in Task.objects.filter(case=diary.case, done_at=None).order_by("id"):
        if task.due_at >= until:
            waiting.append(task.due_at)
            continue
        note = TASK_NOTES.get(task.kind, TASK_NOTES[TaskKind.OTHER])
        with diary.at(task.created_at + timedelta(hours=diary.rng.randint(1, 3))):
            complete_task(task, actor=diary.manager, note=note)
    return waiting
