from datetime import timedelta

import pytest
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.cases.enums import CasePersonRole, CaseStatus, Urgency
from opora.cases.models import Case, CasePerson, CaseTargetGroup, StatusChange
from opora.centres.domain import settings_for
from opora.centres.enums import Service, TargetGroup
from opora.core.errors import DomainError
from opora.referrals.domain import register_referral
from opora.referrals.enums import SourceType
from opora.referrals.models import Referral
from opora.tasks.enums import TaskKind
from opora.tasks.models import Task
from tests.factories import PersonFactory, referral_data
from tests.threads import run_together


def rows() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Case, Referral, StatusChange, CasePerson, CaseTargetGroup, Task, AuditEntry)
    )


def refusal(centre, actor, person, **data) -> DomainError:
    before = rows()
    with pytest.raises(DomainError) as refused:
        register_referral(centre=centre, actor=actor, person=person, data=referral_data(**data))
    assert rows() == before, "a refused referral must write nothing"
    return refused.value


def test_register_opens_an_intake_case_with_the_referral(centre, manager, person):
    mother = PersonFactory(centre=centre, first_name="Радка", last_name="Иванова", birth_date=None)
    data = referral_data(
        institution="ДСП Харманли", officer_name="Г. Петкова", document_number="ОЗД-123",
        document_date=timezone.localdate(), chosen_services=[Service.COUNSELLING],
        target_groups=[TargetGroup.RISK_CHILD, TargetGroup.FAMILY_RISK],
        family=[(mother, CasePersonRole.PARENT)],
    )  # fmt: skip

    case = register_referral(centre=centre, actor=manager, person=person, data=data)

    case.refresh_from_db()
    assert (case.centre, case.primary_person, case.status) == (centre, person, CaseStatus.INTAKE)
    assert case.case_manager is None and case.opened_at is None
    referral = case.referrals.get()
    assert (referral.centre, referral.source_type, referral.document_number) == (
        centre, SourceType.OZD, "ОЗД-123",
    )  # fmt: skip
    assert referral.registered_by == manager
    assert referral.chosen_services == [Service.COUNSELLING]
    assert set(case.target_groups.values_list("group", flat=True)) == {"risk_child", "family_risk"}
    assert list(case.services.values_list("service", flat=True)) == [Service.COUNSELLING]
    assert set(case.people.values_list("person__first_name", "role")) == {
        ("Никола", CasePersonRole.CHILD), ("Радка", CasePersonRole.PARENT),
    }  # fmt: skip
    history = case.status_history.get()
    assert (history.from_status, history.to_status, history.changed_by) == ("", "intake", manager)
    assert (
        AuditEntry.objects.filter(action="referral.register", object_id=str(case.pk)).count() == 1
    )
    assert Task.objects.count() == 0


def test_an_adult_is_linked_as_client(centre, manager):
    adult = PersonFactory(centre=centre, birth_date=timezone.localdate() - timedelta(days=30 * 365))

    case = register_referral(centre=centre, actor=manager, person=adult, data=referral_data())

    assert case.people.get().role == CasePersonRole.CLIENT


def test_a_person_of_another_centre_is_refused(centre, other_centre, manager):
    stranger = PersonFactory(centre=other_centre)

    error = refusal(centre, manager, stranger)

    assert (error.message, error.field) == ("Лицето не е от този център.", "person")


def test_a_family_member_of_another_centre_is_refused(centre, other_centre, manager, person):
    stranger = PersonFactory(centre=other_centre)

    error = refusal(centre, manager, person, family=[(stranger, CasePersonRole.PARENT)])

    assert (error.message, error.field) == ("Член на семейството не е от този център.", "family")


def test_the_child_cannot_be_its_own_family_member(centre, manager, person):
    error = refusal(centre, manager, person, family=[(person, CasePersonRole.SIBLING)])

    assert error.message == "Детето не може да е и член на семейството си в случая."


@pytest.mark.parametrize(
    ("data", "message", "field"),
    [
        ({"target_groups": []}, "Изберете поне една целева група.", "target_groups"),
        ({"target_groups": ["orphans"]}, "Невалидна целева група.", "target_groups"),
        ({"source_type": "neighbour"}, "Изберете кой насочва.", "source_type"),
        ({"urgency": "very"}, "Невалидна спешност.", "urgency"),
        ({"chosen_services": ["massage"]}, "Невалидна услуга.", "chosen_services"),
    ],
)
def test_invalid_referral_data_is_refused(centre, manager, person, data, message, field):
    error = refusal(centre, manager, person, **data)

    assert (error.message, error.field) == (message, field)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("document_date", "Датата на документа не може да е в бъдещето."),
        ("wish_declared_on", "Датата на заявяване на желанието не може да е в бъдещето."),
    ],
)
def test_a_future_date_is_refused(centre, manager, person, name, message):
    tomorrow = timezone.localdate() + timedelta(days=1)

    error = refusal(centre, manager, person, **{name: tomorrow})

    assert (error.message, error.field) == (message, name)


def test_a_self_referred_child_raises_a_notification_task(centre, manager, person):
    centre_settings = settings_for(centre)
    centre_settings.notification_deadline_hours = 6
    centre_settings.save()

    case = register_referral(
        centre=centre, actor=manager, person=person,
        data=referral_data(source_type=SourceType.SELF_CHILD),
    )  # fmt: skip

    task = Task.objects.get()
    assert (task.centre, task.case, task.kind) == (
        centre,
        case,
        TaskKind.NOTIFY_CHILD_SELF_REFERRAL,
    )
    assert task.done_at is None
    assert task.created_at is not None
    assert task.due_at - task.created_at == timedelta(hours=6)
    assert case.number in task.title
    assert task.title.startswith("Уведомете незабавно ДСП и родителите/настойника")


def test_an_urgent_referral_raises_an_urgent_notification_task(centre, manager, person):
    case = register_referral(
        centre=centre, actor=manager, person=person,
        data=referral_data(urgency=Urgency.VIOLENCE),
    )  # fmt: skip

    task = Task.objects.get()
    assert (task.kind, task.case, task.done_at) == (TaskKind.NOTIFY_URGENT, case, None)
    assert task.due_at - task.created_at == timedelta(hours=24)
    assert task.title == (
        f"Уведомете незабавно ДСП: домашно насилие / насилие над дете (случай {case.number})"
    )


def test_an_urgent_self_referred_child_raises_both_tasks(centre, manager, person):
    register_referral(
        centre=centre, actor=manager, person=person,
        data=referral_data(source_type=SourceType.SELF_CHILD, urgency=Urgency.CRISIS),
    )  # fmt: skip

    assert sorted(Task.objects.values_list("kind", flat=True)) == [
        TaskKind.NOTIFY_CHILD_SELF_REFERRAL, TaskKind.NOTIFY_URGENT,
    ]  # fmt: skip


def test_case_numbers_count_per_centre_and_year(centre, other_centre, manager, outsider_manager):
    def register(where, actor):
        person = PersonFactory(centre=where)
        return register_referral(centre=where, actor=actor, person=person, data=referral_data())

    year = timezone.now().year
    numbers = [
        register(centre, manager).number,
        register(centre, manager).number,
        register(other_centre, outsider_manager).number,
        register(centre, manager).number,
    ]

    assert numbers == [f"{year}-0001", f"{year}-0002", f"{year}-0001", f"{year}-0003"]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_get_distinct_numbers(centre, manager):
    children = [PersonFactory(centre=centre) for _ in range(5)]

    outcomes = run_together(
        [
            lambda child=child: register_referral(
                centre=centre, actor=manager, person=child, data=referral_data()
            )
            for child in children
        ]
    )

    assert all(isinstance(o, Case) for o in outcomes), outcomes
    year = timezone.now().year
    assert sorted(o.number for o in outcomes) == [f"{year}-{n:04d}" for n in range(1, 6)]
