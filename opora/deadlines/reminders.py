"""The daily e-mail reminder: each case worker's overdue deadlines and those of the next working days.

E-mail leaves the system, so a reminder names a case by its number and the person by initials only,
never by full name or ЕГН (ЗЗЛД чл. 25ж; domain-bg.md §12.3), and a deadline by its kind, not by its
free-text title. A foster-care candidate or a family of adopters is named by its number in Opora and
the initials of its members, the same way.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.domain import record
from opora.deadlines.calendar import add_working_days, days_label
from opora.deadlines.enums import APPROVAL_KINDS
from opora.deadlines.models import Deadline, ReminderLog
from opora.tasks.models import Task

# A reminder lists what falls due within this many working days after today.
REMINDER_WORKING_DAYS = 3


# How an e-mail names a subject that is not a case: its kind and its number in Opora.
_SUBJECT_WORDS = {"candidate": "кандидати за приемна грижа №", "adopter": "осиновители №"}


@dataclass(frozen=True)
class ReminderItem:
    due_on: date
    kind: str
    subject: str  # "случай 2026-014", "кандидати за приемна грижа №3", "" for a task with no case
    initials: str
    days_overdue: int

    def line(self) -> str:
        late = f" (просрочен с {days_label(self.days_overdue)})" if self.days_overdue else ""
        subject = f"{self.subject}, {self.initials}" if self.subject else "без случай"
        return f"- {self.due_on:%d.%m.%Y}{late} — {self.kind} — {subject}"


@dataclass
class Reminder:
    centre: object
    user: object
    items: list[ReminderItem] = field(default_factory=list)
    already_sent: bool = False

    @property
    def overdue(self) -> list[ReminderItem]:
        return [item for item in self.items if item.days_overdue]

    @property
    def coming(self) -> list[ReminderItem]:
        return [item for item in self.items if not item.days_overdue]


@dataclass(frozen=True)
class ReminderPlan:
    today: date
    until: date  # the last day counted as "coming"
    reminders: list[Reminder]
    unowned: int  # items whose responsible person no longer works in the centre


def initials(person) -> str:
    return " ".join(f"{part[0]}." for part in (person.first_name, person.last_name) if part)


def reminder_plan(centre, today: date) -> ReminderPlan:
    """Who gets which items today, in four queries per centre whatever the number of deadlines."""
    until = add_working_days(today, REMINDER_WORKING_DAYS)
    staff = _case_workers(centre)
    managers = [uid for uid, m in staff.items() if m.role == Role.MANAGER]
    items: dict[int, list[ReminderItem]] = defaultdict(list)
    unowned = 0
    for recipients, item in _deadline_items(centre, today, until, managers) + _task_items(
        centre, today, until, managers
    ):
        known = [uid for uid in recipients if uid in staff]
        unowned += not known
        for uid in known:
            items[uid].append(item)
    sent = set(
        ReminderLog.objects.filter(centre=centre, sent_on=today).values_list("user_id", flat=True)
    )
    reminders = [
        Reminder(centre, staff[uid].user, sorted(found, key=_order), already_sent=uid in sent)
        for uid, found in items.items()
    ]
    reminders.sort(key=lambda r: (r.user.last_name, r.user.first_name, r.user.pk))
    return ReminderPlan(today=today, until=until, reminders=reminders, unowned=unowned)


def _order(item: ReminderItem):
    return (item.due_on, item.subject, item.kind)


def _case_workers(centre) -> dict[int, Membership]:
    memberships = Membership.objects.filter(
        centre=centre, is_active=True, user__is_active=True, role__in=Role.case_workers()
    ).select_related("user")
    return {m.user_id: m for m in memberships}


def _deadline_items(centre, today, until, managers) -> list[tuple[list[int], ReminderItem]]:
    deadlines = Deadline.objects.filter(
        centre=centre, done_at=None, cancelled_at=None, due_on__lte=until
    ).select_related("case__primary_person", "candidate", "adopter")
    return [(_deadline_recipients(d, managers), _deadline_item(d, today)) for d in deadlines]


def _deadline_recipients(deadline: Deadline, managers: list[int]) -> list[int]:
    if deadline.responsible_id is not None:
        return [deadline.responsible_id]
    if deadline.kind in APPROVAL_KINDS:
        return managers
    return [deadline.lead_id] if deadline.lead_id else []


def _deadline_item(deadline: Deadline, today: date) -> ReminderItem:
    if deadline.case_id:
        subject = f"случай {deadline.case.number}"
        named = initials(deadline.case.primary_person)
    else:
        word = _SUBJECT_WORDS["candidate" if deadline.candidate_id else "adopter"]
        subject, named = f"{word}{deadline.subject.pk}", deadline.subject.initials
    return ReminderItem(
        due_on=deadline.due_on,
        kind=deadline.get_kind_display(),
        subject=subject,
        initials=named,
        days_overdue=max((today - deadline.due_on).days, 0),
    )


def _task_items(centre, today, until, managers) -> list[tuple[list[int], ReminderItem]]:
    """Tasks given to someone remind them; the centre's unassigned tasks remind the managers."""
    end = timezone.make_aware(datetime.combine(until, time.max))
    tasks = Task.objects.filter(Q(due_at__lte=end), centre=centre, done_at__isnull=True)
    found = []
    for task in tasks.select_related("case__primary_person"):
        due_on = timezone.localtime(task.due_at).date()
        item = ReminderItem(
            due_on=due_on,
            kind=task.get_kind_display(),
            subject=f"случай {task.case.number}" if task.case else "",
            initials=initials(task.case.primary_person) if task.case else "",
            days_overdue=max((today - due_on).days, 0),
        )
        found.append(([task.assignee_id] if task.assignee_id else managers, item))
    return found


def compose(reminder: Reminder, plan: ReminderPlan, *, site_url: str = "") -> tuple[str, str]:
    """The subject and plain-text body, in Bulgarian, with case numbers and initials only."""
    centre, user = reminder.centre, reminder.user
    counts = []
    if reminder.overdue:
        counts.append(f"просрочени {len(reminder.overdue)}")
    if reminder.coming:
        counts.append(f"предстоящи {len(reminder.coming)}")
    subject = f"Опора · {centre.name}: срокове — {', '.join(counts)}"
    lines = [
        f"Здравейте, {user.first_name or user.username},",
        "",
        f"Напомняне за сроковете Ви в {centre.name} към {plan.today:%d.%m.%Y}.",
    ]
    if reminder.overdue:
        lines += ["", f"ПРОСРОЧЕНИ ({len(reminder.overdue)})"]
        lines += [item.line() for item in reminder.overdue]
    if reminder.coming:
        lines += ["", f"ПРЕДСТОЯЩИ ДО {plan.until:%d.%m.%Y} ({len(reminder.coming)})"]
        lines += [item.line() for item in reminder.coming]
    lines += ["", _where_to_look(centre, site_url), ""]
    lines += [
        "Писмото съдържа само номера на случаите и инициали. Не го препращайте.",
        "— Опора (автоматично съобщение, не отговаряйте на него)",
    ]
    return subject, "\n".join(lines) + "\n"


def _where_to_look(centre, site_url: str) -> str:
    path = reverse("deadlines:my_work", kwargs={"centre": centre.slug})
    if site_url:
        return f"Подробности: {site_url.rstrip('/')}{path}"
    return "Подробности: влезте в Опора, раздел „Моята работа“."


def send_reminder(
    reminder: Reminder, *, plan: ReminderPlan, actor=None, site_url: str = ""
) -> bool:
    """E-mail one reminder and log it; False if this user already had today's reminder."""
    user = reminder.user
    subject, body = compose(reminder, plan, site_url=site_url)
    with transaction.atomic():
        log, created = ReminderLog.objects.get_or_create(
            user=user,
            centre=reminder.centre,
            sent_on=plan.today,
            defaults={"email": user.email, "items": len(reminder.items)},
        )
        if not created:
            return False
        # Sent inside the transaction on purpose: if the mail server refuses, the log row is rolled
        # back and the next run sends the reminder instead of believing it went out.
        send_mail(subject, body, None, [user.email])
        record(
            actor=actor,
            action="deadline.remind",
            obj=log,
            changes={"user": user.pk, "items": len(reminder.items), "on": plan.today.isoformat()},
        )
    return True
