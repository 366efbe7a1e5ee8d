"""The contract (ЗСУ чл. 85): drafted from the plan in force, signed by the right person, annexes."""

from datetime import date, timedelta

import pytest

from opora.audit.models import AuditEntry
from opora.cases.enums import CasePersonRole, CaseStatus
from opora.cases.models import CasePerson
from opora.centres.enums import Service
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.plans.domain.checks import today
from opora.plans.domain.contract import (
    ContractData,
    add_annex,
    change_contract,
    draft_contract,
    extend_contract,
    sign_contract,
    terminate_contract,
    update_contract,
)
from opora.plans.domain.plan import approve_plan, save_plan, start_plan, submit_plan
from opora.plans.domain.queries import has_signed_contract, signed_contract
from opora.plans.enums import AnnexKind, ContractStatus, DurationClass, SignatoryCapacity
from opora.plans.models import Annex, Contract, PlanVersion
from tests.factories import PersonFactory, make_case
from tests.plans.conftest import activity, child_link, goal, plan_data


def terms(link, **overrides) -> ContractData:
    values = {
        "signatory": link,
        "capacity": SignatoryCapacity.PARENT,
        "start_on": today(),
        "end_on": add_months(today(), 6) - timedelta(days=1),
        "fee_note": "Без такса",
    }
    values.update(overrides)
    return ContractData(**values)


@pytest.fixture
def contract(approved, mother_link, manager):
    return draft_contract(approved.case, actor=manager, data=terms(mother_link))


@pytest.fixture
def signed(contract, manager):
    return sign_contract(contract, actor=manager, signed_on=today())


def _end_deadline(contract):
    return Deadline.objects.get(
        case=contract.case, kind=DeadlineKind.CONTRACT_END, source=f"plans.contract:{contract.pk}"
    )


# Drafting


def test_a_draft_takes_its_services_from_the_plan_in_force(
    draft, psychologist, social_worker, manager, mother_link
):
    data = plan_data(
        psychologist,
        goals=(
            goal(
                psychologist,
                activities=(
                    activity(psychologist),
                    activity(social_worker, service=Service.SKILLS),
                ),
            ),
            goal(social_worker, title="Друга", activities=(activity(social_worker),)),
        ),
    )
    save_plan(draft, actor=psychologist, data=data)
    submit_plan(draft, actor=psychologist)
    approve_plan(draft, actor=manager)

    contract = draft_contract(draft.case, actor=manager, data=terms(mother_link))

    assert contract.services == [Service.THERAPY, Service.SKILLS]
    assert contract.status == ContractStatus.DRAFT
    assert contract.number == f"Д-{today().year}-001"
    assert contract.plan_version == draft
    assert (contract.signatory, contract.signatory_name) == (
        mother_link.person,
        "Деяна Маринова",
    )
    assert AuditEntry.objects.filter(action="contract.draft", object_id=str(contract.pk)).exists()


def _approved_case_with_parent(centre, manager, specialist):
    case = make_case(centre, manager, CaseStatus.PLANNING, case_manager=specialist)
    version = save_plan(
        start_plan(case, actor=specialist), actor=specialist, data=plan_data(specialist)
    )
    approve_plan(submit_plan(version, actor=specialist), actor=manager)
    parent = PersonFactory(centre=centre, birth_date=date(1985, 1, 1))
    link = CasePerson.objects.create(case=case, person=parent, role=CasePersonRole.PARENT)
    return case, link


def test_contract_numbers_run_per_centre(
    approved,
    mother_link,
    manager,
    centre,
    psychologist,
    other_centre,
    outsider_manager,
    outsider_psychologist,
):
    first = draft_contract(approved.case, actor=manager, data=terms(mother_link))
    case, link = _approved_case_with_parent(centre, manager, psychologist)
    second = draft_contract(case, actor=manager, data=terms(link))
    elsewhere, other_link = _approved_case_with_parent(
        other_centre, outsider_manager, outsider_psychologist
    )
    other = draft_contract(elsewhere, actor=outsider_manager, data=terms(other_link))

    year = today().year
    assert [first.number, second.number, other.number] == [
        f"Д-{year}-001",
        f"Д-{year}-002",
        f"Д-{year}-001",
    ]


def test_no_contract_without_an_approved_plan(submitted, mother_link, manager):
    with pytest.raises(DomainError) as error:
        draft_contract(submitted.case, actor=manager, data=terms(mother_link))

    assert error.value.message == "Договорът се изготвя по одобрен ИПП: първо одобрете плана."
    assert not Contract.objects.exists()


def test_no_contract_for_general_access(centre, manager):
    from opora.cases.models import CasePerson

    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)
    link = CasePerson.objects.filter(case=case).first()

    with pytest.raises(DomainError) as error:
        draft_contract(case, actor=manager, data=terms(link))

    assert "(чл. 85, ал. 3 ЗСУ)" in error.value.message


def test_only_the_manager_drafts_a_contract(approved, mother_link, psychologist):
    with pytest.raises(DomainError) as error:
        draft_contract(approved.case, actor=psychologist, data=terms(mother_link))

    assert error.value.message == (
        "Само управителят на центъра сключва, изменя и прекратява договори."
    )


def test_a_child_under_14_does_not_sign(approved, manager):
    link = child_link(approved.case)  # born 2015

    with pytest.raises(DomainError) as error:
        draft_contract(
            approved.case,
            actor=manager,
            data=terms(link, capacity=SignatoryCapacity.YOUNG_PERSON),
        )

    assert error.value.message == (
        "Дете под 14 години не подписва договора: подписва родител, настойник или приемен родител."
    )
    assert not Contract.objects.exists()


def test_a_young_person_of_16_may_sign_personally(approved, manager):
    person = approved.case.primary_person
    person.birth_date = today().replace(year=today().year - 16) - timedelta(days=1)
    person.save()

    contract = draft_contract(
        approved.case,
        actor=manager,
        data=terms(child_link(approved.case), capacity=SignatoryCapacity.YOUNG_PERSON),
    )

    assert contract.signatory_capacity == SignatoryCapacity.YOUNG_PERSON


def test_the_capacity_must_match_who_signs(approved, mother_link, manager):
    with pytest.raises(DomainError) as error:
        draft_contract(
            approved.case,
            actor=manager,
            data=terms(mother_link, capacity=SignatoryCapacity.YOUNG_PERSON),
        )

    assert error.value.field == "capacity"


def test_the_signatory_must_be_a_person_of_this_case(approved, manager, centre, psychologist):
    other = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)

    with pytest.raises(DomainError) as error:
        draft_contract(approved.case, actor=manager, data=terms(child_link(other)))

    assert error.value.message == "Изберете подписващия измежду лицата по случая."


def test_the_end_must_follow_the_start(approved, mother_link, manager):
    with pytest.raises(DomainError) as error:
        draft_contract(approved.case, actor=manager, data=terms(mother_link, end_on=today()))

    assert error.value.message == "Краят на договора трябва да е след началото му."


def test_the_term_must_fit_the_duration_class_of_the_plan(approved, mother_link, manager):
    last = add_months(today(), 6)

    with pytest.raises(DomainError) as error:
        draft_contract(
            approved.case, actor=manager, data=terms(mother_link, end_on=last + timedelta(days=1))
        )

    assert error.value.message == (
        "Срокът на договора трябва да отговаря на ИПП (версия 1): краткосрочна (до 6 месеца), "
        f"т.е. край най-късно {last:%d.%m.%Y} (чл. 16, ал. 2 ЗСУ)."
    )
    assert not Contract.objects.exists()


def test_one_open_contract_per_case(contract, mother_link, manager):
    with pytest.raises(DomainError) as error:
        draft_contract(contract.case, actor=manager, data=terms(mother_link))

    assert error.value.message == (
        f"Вече има проект на договор № {contract.number}: продължете с него."
    )


def test_a_draft_can_be_changed_but_a_signed_contract_only_by_annex(contract, mother_link, manager):
    update_contract(contract, actor=manager, data=terms(mother_link, fee_note="Освободен"))
    contract.refresh_from_db()
    assert contract.fee_note == "Освободен"

    sign_contract(contract, actor=manager, signed_on=today())
    with pytest.raises(DomainError) as error:
        update_contract(contract, actor=manager, data=terms(mother_link))

    assert error.value.message == "Подписан договор се променя само с анекс."


# Signing


def test_signing_the_first_contract_starts_the_support(contract, manager, psychologist):
    case = contract.case
    assert case.status == CaseStatus.CONTRACTING
    assert not has_signed_contract(case)

    sign_contract(contract, actor=manager, signed_on=today())

    contract.refresh_from_db()
    case.refresh_from_db()
    assert (contract.status, contract.signed_on, contract.signed_by) == (
        ContractStatus.SIGNED,
        today(),
        manager,
    )
    assert case.status == CaseStatus.ACTIVE
    assert has_signed_contract(case)
    assert signed_contract(case) == contract
    deadline = _end_deadline(contract)
    assert (deadline.due_on, deadline.warn_from, deadline.responsible) == (
        contract.end_on,
        contract.end_on - timedelta(days=30),
        psychologist,
    )


def test_a_contract_is_not_signed_in_the_future(contract, manager):
    with pytest.raises(DomainError) as error:
        sign_contract(contract, actor=manager, signed_on=today() + timedelta(days=1))

    assert error.value.message == "Датата на подписване не може да е в бъдеще."
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT
    contract.case.refresh_from_db()
    assert contract.case.status == CaseStatus.CONTRACTING


def test_a_contract_is_not_signed_before_the_plan_was_approved(contract, manager):
    approved_on = today()

    with pytest.raises(DomainError) as error:
        sign_contract(contract, actor=manager, signed_on=approved_on - timedelta(days=1))

    assert error.value.message == (
        f"Договорът не може да е подписан преди одобряването на ИПП ({approved_on:%d.%m.%Y}), "
        "който следва оценката на потребностите (чл. 85, ал. 2 ЗСУ)."
    )
    assert not Deadline.objects.filter(kind=DeadlineKind.CONTRACT_END).exists()


def test_only_the_manager_signs(contract, psychologist):
    with pytest.raises(DomainError):
        sign_contract(contract, actor=psychologist, signed_on=today())

    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


def test_a_contract_is_signed_once(signed, manager):
    with pytest.raises(DomainError) as error:
        sign_contract(signed, actor=manager, signed_on=today())

    assert error.value.message == "Договорът е „Подписан (в сила)“."


def test_a_contract_starting_later_is_not_in_force_yet(approved, mother_link, manager):
    start = today() + timedelta(days=10)
    contract = draft_contract(
        approved.case,
        actor=manager,
        data=terms(mother_link, start_on=start, end_on=start + timedelta(days=100)),
    )
    sign_contract(contract, actor=manager, signed_on=today())

    assert not has_signed_contract(approved.case)
    assert has_signed_contract(approved.case, on=start)
    assert not has_signed_contract(approved.case, on=start + timedelta(days=101))


# Annexes


def test_an_extension_moves_the_end_and_its_deadline(signed, manager, psychologist):
    case = signed.case
    update = start_plan(case, actor=psychologist)
    save_plan(
        update,
        actor=psychologist,
        data=plan_data(psychologist, duration_class=DurationClass.MEDIUM),
    )
    approve_plan(submit_plan(update, actor=psychologist), actor=manager)
    new_end = add_months(signed.start_on, 12)

    annex = extend_contract(signed, actor=manager, signed_on=today(), new_end_on=new_end)

    signed.refresh_from_db()
    assert (annex.kind, annex.new_end_on, signed.end_on) == (AnnexKind.EXTEND, new_end, new_end)
    deadline = _end_deadline(signed)
    assert (deadline.due_on, deadline.warn_from, deadline.is_open) == (
        new_end,
        new_end - timedelta(days=30),
        True,
    )
    assert Deadline.objects.filter(kind=DeadlineKind.CONTRACT_END).count() == 1


def test_an_extension_must_end_after_the_current_end(signed, manager):
    with pytest.raises(DomainError) as error:
        extend_contract(signed, actor=manager, signed_on=today(), new_end_on=signed.end_on)

    assert error.value.message == (
        f"Новият край трябва да е след сегашния край на договора ({signed.end_on:%d.%m.%Y})."
    )
    assert not Annex.objects.exists()


def test_an_extension_stays_within_the_plans_duration_class(signed, manager):
    end = signed.end_on
    with pytest.raises(DomainError) as error:
        extend_contract(
            signed, actor=manager, signed_on=today(), new_end_on=end + timedelta(days=40)
        )

    assert "За по-дълъг срок първо актуализирайте ИПП" in error.value.message
    signed.refresh_from_db()
    assert signed.end_on == end
    assert not Annex.objects.exists()


def test_a_change_needs_its_text(signed, manager):
    with pytest.raises(DomainError) as error:
        change_contract(signed, actor=manager, signed_on=today(), changes="  ")

    assert error.value.message == "Опишете промените в договора."
    assert not Annex.objects.exists()

    annex = change_contract(signed, actor=manager, signed_on=today(), changes="Нов час на сесиите")
    assert (annex.kind, annex.changes) == (AnnexKind.CHANGE, "Нов час на сесиите")


def test_terminating_ends_the_contract_and_drops_its_deadline(signed, manager):
    annex = terminate_contract(
        signed, actor=manager, signed_on=today(), reason="Семейството се премести."
    )

    signed.refresh_from_db()
    assert (signed.status, signed.terminated_on) == (ContractStatus.TERMINATED, today())
    assert annex.kind == AnnexKind.TERMINATE
    assert _end_deadline(signed).cancelled_at is not None
    assert not has_signed_contract(signed.case)


def test_termination_needs_a_reason(signed, manager):
    with pytest.raises(DomainError) as error:
        terminate_contract(signed, actor=manager, signed_on=today(), reason="")

    assert error.value.message == "Посочете основанието за прекратяване."
    signed.refresh_from_db()
    assert signed.status == ContractStatus.SIGNED


def test_no_annex_to_a_draft_or_a_terminated_contract(contract, manager):
    with pytest.raises(DomainError) as error:
        change_contract(contract, actor=manager, signed_on=today(), changes="Промяна")

    assert "само към подписан договор" in error.value.message


def test_an_annex_is_not_dated_before_the_contract_or_in_the_future(signed, manager):
    for day, message in [
        (today() + timedelta(days=1), "Датата на подписване не може да е в бъдеще."),
        (
            today() - timedelta(days=1),
            f"Анексът не може да е подписан преди договора ({today():%d.%m.%Y}).",
        ),
    ]:
        with pytest.raises(DomainError) as error:
            add_annex(signed, actor=manager, kind=AnnexKind.CHANGE, signed_on=day, changes="x")
        assert error.value.message == message
    assert not Annex.objects.exists()


def test_only_the_manager_makes_annexes(signed, psychologist):
    with pytest.raises(DomainError):
        terminate_contract(signed, actor=psychologist, signed_on=today(), reason="Край")

    signed.refresh_from_db()
    assert signed.status == ContractStatus.SIGNED


def test_an_expired_contract_makes_way_for_a_new_one(signed, mother_link, manager):
    Contract.objects.filter(pk=signed.pk).update(
        start_on=date(2020, 1, 1), end_on=today() - timedelta(days=1)
    )

    renewed = draft_contract(signed.case, actor=manager, data=terms(mother_link))

    signed.refresh_from_db()
    assert signed.status == ContractStatus.EXPIRED
    assert renewed.status == ContractStatus.DRAFT
    assert not _end_deadline(signed).is_open
    assert PlanVersion.objects.count() == 1


def test_a_terminated_contract_still_covers_the_days_before_its_termination(signed, manager):
    from datetime import timedelta

    signed.start_on = today() - timedelta(days=20)
    signed.save(update_fields=["start_on"])
    terminate_contract(signed, actor=manager, signed_on=today(), reason="Семейството се премести.")

    # A session held last week may still be logged late; from the termination day on it may not.
    assert has_signed_contract(signed.case, on=today() - timedelta(days=7))
    assert not has_signed_contract(signed.case, on=today())
