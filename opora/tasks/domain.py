from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.tasks.models import Task


def create_task(
    *, centre, actor, kind: str, title: str, case=None, due_in: timedelta, assignee=None
) -> Task:
    now = timezone.now()
    task = Task.objects.create(
        centre=centre,
        case=case,
        kind=kind,
        title=title,
        created_at=now,
        due_at=now + due_in,
        assignee=assignee,
    )
    record(actor=actor, action="task.create", obj=task, changes={"kind": kind})
    return task


def complete_task(task: Task, *, actor, note: str) -> Task:
    if task.done_at is not None:
        raise DomainError("Задачата вече е отбелязана като изпълнена.")
    if not note.strip():
        raise DomainError(
            "Опишете как е изпълнена задачата (кого, кога и как уведомихте).", field="note"
        )
    with transaction.atomic():
        task.done_at = timezone.now()
        task.done_by = actor
        task.done_note = note.strip()
        task.save(update_fields=["done_at", "done_by", "done_note"])
        record(actor=actor, action="task.complete", obj=task)
    return task


def open_tasks(centre) -> QuerySet[Task]:
    return (
        Task.objects.filter(centre=centre, done_at__isnull=True)
        .select_related("case")
        .order_by("due_at")
    )


def visible_tasks(user, centre) -> QuerySet[Task]:
    """The centre's tasks the user may see: those of cases she reads (need-to-know) and those
    bound to no case."""
    from django.db.models import Q

    from opora.cases.domain.access import readable_cases

    return Task.objects.filter(centre=centre).filter(
        Q(case__isnull=True) | Q(case__in=readable_cases(user, centre))
    )


def open_tasks_of(user, centre) -> QuerySet[Task]:
    """`open_tasks` limited to what the user may see."""
    return (
        visible_tasks(user, centre)
        .filter(done_at__isnull=True)
        .select_related("case")
        .order_by("due_at")
    )
