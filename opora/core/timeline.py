"""The case timeline: every app's events on one case, newest first.

`core` imports no other app: the case's own history is read through its reverse relations
(status_history, referrals, tasks), and each casework app contributes through a module
`opora.<app>.timeline` with `timeline_events(case) -> list[TimelineEvent]`, found by name.
Each provider must run a fixed number of queries, whatever the number of its rows.
"""

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from opora.core.sensitivity import Sensitivity
from opora.core.text import query_terms, search_key

# The apps that may contribute events, in the order of the work on a case.
PROVIDER_APPS = [
    "assessments",
    "plans",
    "consultations",
    "reviews",
    "closure",
    "deadlines",
    "groups",
    "attachments",
]


RESTRICTED_NOTE = "Бележката е с ограничен достъп"


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str  # "status", "referral", "task", "task.done", "session.held", "plan.approved" …
    title: str
    detail: str = ""
    url: str = ""
    actor: str = ""
    # A note (e.g. a session's) with a sensitivity level (opora.core.sensitivity): a reader
    # without that level, who did not write it (`authors`: user ids), sees the event with
    # `public_detail` instead of `detail`, no `note`, and `restricted` set.
    note: str = ""
    sensitivity: str = ""
    authors: tuple[int, ...] = ()
    public_detail: str = ""
    restricted: bool = False

    @property
    def text(self) -> str:
        """Everything the reader sees of the event, for the search."""
        return " ".join((self.title, self.detail, self.note, self.actor))


def case_timeline(case, *, reader=None, levels=None) -> list[TimelineEvent]:
    """All events of the case, newest first (future events, such as planned sessions, on top).

    `levels` are the sensitivity levels the reader may see (`cases.domain.access.readable_levels`);
    without them only the team's level is shown. The notes of any other level are replaced by
    the fact that the event took place, unless `reader` wrote them.
    """
    visible = frozenset(levels) if levels is not None else frozenset({Sensitivity.TEAM})
    reader_id = getattr(reader, "pk", None)
    events = [*status_events(case), *referral_events(case), *task_events(case)]
    for provider in providers():
        events.extend(provider(case))
    events = [_for_reader(_with_aware_time(event), visible, reader_id) for event in events]
    return sorted(events, key=lambda event: event.at, reverse=True)


def search_events(events: list[TimelineEvent], query: str) -> list[TimelineEvent]:
    """The events whose visible text has every word of the query at the start of a word.

    Folded in Python on both sides (`core.text`), so Cyrillic, Latin and any letter case match
    on SQLite as on PostgreSQL; restricted notes are already gone, so they are never found.
    """
    terms = query_terms(query)
    if not terms:
        return events
    return [e for e in events if all(term in search_key(e.text) for term in terms)]


def _for_reader(event: TimelineEvent, visible: frozenset, reader_id) -> TimelineEvent:
    if not event.sensitivity or event.sensitivity in visible:
        return event
    if reader_id is not None and reader_id in event.authors:
        return event
    return replace(event, detail=event.public_detail, note="", restricted=True)


def providers() -> list:
    """`timeline_events` of each app that has a timeline module; an app without one is skipped."""
    found = []
    for label in PROVIDER_APPS:
        name = f"opora.{label}.timeline"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name not in (name, f"opora.{label}"):
                raise  # the module exists, but something it imports does not: a real error
            continue
        found.append(module.timeline_events)
    return found


def status_events(case) -> Iterable[TimelineEvent]:
    for change in case.status_history.all():
        yield TimelineEvent(
            at=change.changed_at,
            kind="status",
            title=f"Статус: {change.get_to_status_display()}",
            detail=change.note,
            actor=change.changed_by_name,
        )


def referral_events(case) -> Iterable[TimelineEvent]:
    for referral in case.referrals.select_related("registered_by"):
        source = referral.get_source_type_display()
        institution = f" — {referral.institution}" if referral.institution else ""
        number = f"Документ № {referral.document_number}" if referral.document_number else ""
        yield TimelineEvent(
            at=referral.received_at,
            kind="referral",
            title=f"Насочване: {source}{institution}",
            detail=number,
            url=reverse("cases:detail", kwargs={"centre": case.centre.slug, "case_id": case.pk}),
            actor=_name(referral.registered_by),
        )


def task_events(case) -> Iterable[TimelineEvent]:
    tasks_url = reverse("tasks:list", kwargs={"centre": case.centre.slug})
    for task in case.tasks.select_related("done_by"):
        due = timezone.localtime(task.due_at)
        yield TimelineEvent(
            at=task.created_at,
            kind="task",
            title=f"Задача: {task.title}",
            detail=f"Срок: {due:%d.%m.%Y %H:%M}",
            url=f"{tasks_url}#task-{task.pk}",
        )
        if task.done_at:
            yield TimelineEvent(
                at=task.done_at,
                kind="task.done",
                title=f"Изпълнена задача: {task.title}",
                detail=task.done_note,
                actor=_name(task.done_by),
            )


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _with_aware_time(event: TimelineEvent) -> TimelineEvent:
    """Sorting needs comparable times: a date is taken at its start, a naive time as local."""
    at = event.at
    if not isinstance(at, datetime):
        at = datetime.combine(at if isinstance(at, date) else timezone.localdate(), time.min)
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at is event.at:
        return event
    return replace(event, at=at)
