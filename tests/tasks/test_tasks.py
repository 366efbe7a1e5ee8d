from datetime import timedelta

import pytest

from opora.audit.models import AuditEntry
from opora.core.errors import DomainError
from opora.referrals.enums import SourceType
from opora.tasks.domain import complete_task, create_task, open_tasks
from opora.tasks.enums import TaskKind
from opora.tasks.models import Task
from tests.factories import make_case


@pytest.fixture
def task(centre, manager):
    make_case(centre, manager, source_type=SourceType.SELF_CHILD)
    return Task.objects.get()


def test_create_task_sets_the_due_time_from_its_creation(centre, manager):
    task = create_task(
        centre=centre, actor=manager, kind=TaskKind.OTHER, title="Обадете се на училището",
        due_in=timedelta(days=2),
    )  # fmt: skip

    assert task.due_at - task.created_at == timedelta(days=2)
    assert AuditEntry.objects.filter(action="task.create", object_id=str(task.pk)).count() == 1


def test_complete_task_records_who_when_and_how(task, social_worker):
    complete_task(task, actor=social_worker, note="  Уведомена ДСП по телефона в 10:20. ")

    stored = Task.objects.get(pk=task.pk)
    assert stored.done_at is not None
    assert stored.done_by == social_worker
    assert stored.done_note == "Уведомена ДСП по телефона в 10:20."
    assert AuditEntry.objects.filter(action="task.complete", actor=social_worker).count() == 1


def test_complete_task_needs_a_note(task, social_worker):
    audit = AuditEntry.objects.count()

    with pytest.raises(DomainError) as refused:
        complete_task(task, actor=social_worker, note=" ")

    assert refused.value.message == (
        "Опишете как е изпълнена задачата (кого, кога и как уведомихте)."
    )
    assert refused.value.field == "note"
    assert Task.objects.get(pk=task.pk).done_at is None
    assert AuditEntry.objects.count() == audit


def test_a_task_is_completed_only_once(task, social_worker, psychologist):
    complete_task(task, actor=social_worker, note="Уведомени.")

    with pytest.raises(DomainError) as refused:
        complete_task(task, actor=psychologist, note="И аз ги уведомих.")

    assert refused.value.message == "Задачата вече е отбелязана като изпълнена."
    assert Task.objects.get(pk=task.pk).done_by == social_worker


def test_open_tasks_are_the_centres_unfinished_tasks_soonest_first(
    centre, other_centre, manager, outsider_manager, social_worker
):
    later = create_task(
        centre=centre,
        actor=manager,
        kind=TaskKind.OTHER,
        title="По-късно",
        due_in=timedelta(days=3),
    )
    sooner = create_task(
        centre=centre,
        actor=manager,
        kind=TaskKind.OTHER,
        title="По-скоро",
        due_in=timedelta(hours=1),
    )
    done = create_task(
        centre=centre, actor=manager, kind=TaskKind.OTHER, title="Готово", due_in=timedelta(0)
    )
    complete_task(done, actor=social_worker, note="Готово.")
    create_task(
        centre=other_centre, actor=outsider_manager, kind=TaskKind.OTHER, title="Чужда",
        due_in=timedelta(0),
    )  # fmt: skip

    assert list(open_tasks(centre)) == [sooner, later]
