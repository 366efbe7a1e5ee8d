"""The plan and contract pages through the views: who may do what, and what bad input leaves behind."""

from datetime import timedelta

import pytest

from opora.cases.enums import CaseStatus
from opora.deadlines.calendar import add_months
from opora.plans.domain.checks import today
from opora.plans.domain.contract import draft_contract, sign_contract
from opora.plans.domain.plan import approve_plan, save_plan, start_plan, submit_plan
from opora.plans.enums import AnnexKind, ContractStatus, PlanStatus
from opora.plans.models import Annex, Contract, Goal, PlanVersion
from tests.factories import put_on_team
from tests.plans.conftest import plan_data
from tests.plans.test_contract_domain import terms


def _d(day) -> str:
    return day.strftime("%d.%m.%Y")


def editor_post(responsible, *, action="save", expected_result="Редовно в училище", **extra):
    data = {
        "action": action,
        "plan-start_on": _d(today()),
        "plan-review_on": _d(today() + timedelta(days=90)),
        "plan-duration_class": "short",
        "plan-child_view": "Иска да ходи на училище.",
        "plan-family_participation": "Майката участва.",
        "goals": "1",
        "g0-title": "Училищна посещаемост",
        "g0-need": "Отсъствия",
        "g0-expected_result": expected_result,
        "g0-indicators": "",
        "g0-source": "",
        "g0-activities": "1",
        "g0a0-service": "therapy",
        "g0a0-description": "Сесии с психолог",
        "g0a0-frequency": "веднъж седмично",
        "g0a0-setting": "centre",
        "g0a0-responsible": str(responsible.pk),
    }
    data.update(extra)
    return data


def _url(case, tail=""):
    return f"/c/{case.centre.slug}/cases/{case.pk}/plan/{tail}"


def _version_url(version, tail=""):
    return f"/c/{version.case.centre.slug}/plan-versions/{version.pk}/{tail}"


def _contract_url(contract, tail=""):
    return f"/c/{contract.case.centre.slug}/contracts/{contract.pk}/{tail}"


# The plan page and the draft


def test_the_case_team_sees_the_plan_page_others_do_not(
    draft, psychologist, social_worker, accountant, outsider_manager, client_of
):
    url = _url(draft.case)

    assert client_of(psychologist).get(url).status_code == 200
    assert client_of(social_worker).get(url).status_code == 404  # off the team: need-to-know
    put_on_team(draft.case, social_worker)
    assert client_of(social_worker).get(url).status_code == 200
    assert client_of(accountant).get(url).status_code == 403
    assert client_of(outsider_manager).get(url).status_code == 404


def test_the_case_team_starts_the_plan(planning_case, psychologist, client_of):
    response = client_of(psychologist).post(_url(planning_case, "new/"))

    version = PlanVersion.objects.get(case=planning_case)
    assert response.status_code == 302
    assert response["Location"] == _version_url(version, "edit/")


def test_a_worker_outside_the_case_team_cannot_start_or_edit_the_plan(
    planning_case, draft, social_worker, client_of
):
    client = client_of(social_worker)

    assert client.post(_url(planning_case, "new/")).status_code == 404
    assert client.get(_version_url(draft, "edit/")).status_code == 404
    assert client.post(_version_url(draft, "edit/"), editor_post(social_worker)).status_code == 404
    assert client.post(_version_url(draft, "submit/")).status_code == 404
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_the_manager_may_edit_any_plan_of_the_centre(draft, manager, client_of):
    response = client_of(manager).post(_version_url(draft, "edit/"), editor_post(manager))

    assert response.status_code == 302
    assert draft.goals.get().activities.get().responsible == manager


def test_the_editor_opens_with_an_empty_goal_for_a_new_plan(planning_case, psychologist, client_of):
    version = start_plan(planning_case, actor=psychologist)

    response = client_of(psychologist).get(_version_url(version, "edit/"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="g0-title"' in html and 'name="g0a0-service"' in html
    assert 'name="g1-title"' not in html


def test_saving_the_editor_writes_the_draft(planning_case, psychologist, client_of):
    version = start_plan(planning_case, actor=psychologist)

    response = client_of(psychologist).post(
        _version_url(version, "edit/"), editor_post(psychologist)
    )

    assert response.status_code == 302
    saved = version.goals.get()
    assert (saved.title, saved.expected_result) == ("Училищна посещаемост", "Редовно в училище")
    assert saved.activities.get().frequency == "веднъж седмично"


def test_a_goal_without_an_expected_result_is_refused_in_the_editor(draft, psychologist, client_of):
    before = list(Goal.objects.filter(version=draft).values_list("title", "expected_result"))

    response = client_of(psychologist).post(
        _version_url(draft, "edit/"),
        editor_post(psychologist, expected_result="", **{"g0-title": "Нова цел"}),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Целта трябва да има очакван резултат." in html
    assert "Записът не е направен." in html
    assert (
        list(Goal.objects.filter(version=draft).values_list("title", "expected_result")) == before
    )


def test_a_review_date_before_the_start_is_refused_in_the_editor(draft, psychologist, client_of):
    response = client_of(psychologist).post(
        _version_url(draft, "edit/"),
        editor_post(psychologist, **{"plan-review_on": _d(today() - timedelta(days=1))}),
    )

    assert response.status_code == 400
    assert "Датата за преглед не може да е преди началото на плана." in response.content.decode()
    draft.refresh_from_db()
    assert draft.review_on == today() + timedelta(days=90)


def test_a_responsible_of_another_centre_is_refused_in_the_editor(
    draft, psychologist, outsider_psychologist, client_of
):
    response = client_of(psychologist).post(
        _version_url(draft, "edit/"), editor_post(outsider_psychologist)
    )

    assert response.status_code == 400
    assert "Изберете специалист от екипа на центъра." in response.content.decode()
    assert draft.goals.get().activities.get().responsible == psychologist


def test_adding_and_removing_rows_saves_nothing(draft, psychologist, client_of):
    client = client_of(psychologist)
    url = _version_url(draft, "edit/")

    added = client.post(url, editor_post(psychologist, action="add_goal", expected_result=""))
    activity = client.post(url, editor_post(psychologist, action="add_activity-0"))
    removed = client.post(url, editor_post(psychologist, action="remove_activity-0-0"))

    assert added.status_code == 200
    html = added.content.decode()
    assert 'name="g1-title"' in html and "autofocus" in html
    assert "Целта трябва да има очакван резултат." not in html  # nothing validated yet
    assert 'name="g0a1-service"' in activity.content.decode()
    assert 'name="g0a0-service"' not in removed.content.decode()
    assert draft.goals.get().activities.count() == 1


def test_empty_rows_are_left_out_when_saving(draft, psychologist, client_of):
    data = editor_post(
        psychologist,
        **{
            "goals": "2",
            "g0-activities": "2",
            "g0a1-setting": "centre",
            "g1-activities": "1",
            "g1a0-setting": "centre",
        },
    )

    response = client_of(psychologist).post(_version_url(draft, "edit/"), data)

    assert response.status_code == 302
    assert draft.goals.count() == 1
    assert draft.goals.get().activities.count() == 1


def test_goals_can_be_moved_up(draft, psychologist, client_of):
    data = editor_post(
        psychologist,
        action="up_goal-1",
        **{
            "goals": "2",
            "g1-title": "Втора",
            "g1-expected_result": "Резултат",
            "g1-activities": "0",
        },
    )

    response = client_of(psychologist).post(_version_url(draft, "edit/"), data)

    html = response.content.decode()
    assert html.index('value="Втора"') < html.index('value="Училищна посещаемост"')


def test_submitting_from_the_page(draft, psychologist, client_of):
    response = client_of(psychologist).post(_version_url(draft, "submit/"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED


def test_an_incomplete_plan_is_not_submitted(planning_case, psychologist, client_of):
    version = start_plan(planning_case, actor=psychologist)

    response = client_of(psychologist).post(_version_url(version, "submit/"))

    assert response.status_code == 400
    assert "Планът трябва да има поне една цел с поне една дейност." in response.content.decode()
    version.refresh_from_db()
    assert version.status == PlanStatus.DRAFT


# The manager's decision


@pytest.mark.parametrize(
    ("who", "status"),
    [("psychologist", 403), ("social_worker", 403), ("accountant", 403), ("outsider_manager", 404)],
)
def test_only_the_manager_returns_or_approves(submitted, who, status, client_of, request):
    client = client_of(request.getfixturevalue(who))

    returned = client.post(_version_url(submitted, "return/"), {"return-comment": "Корекция"})
    approved = client.post(_version_url(submitted, "approve/"), {"approve-comment": ""})

    assert (returned.status_code, approved.status_code) == (status, status)
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED


def test_returning_requires_a_comment(submitted, manager, client_of):
    response = client_of(manager).post(_version_url(submitted, "return/"), {"return-comment": " "})

    assert response.status_code == 400
    assert "Посочете какво трябва да се коригира." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED


def test_the_manager_returns_with_a_comment(submitted, manager, psychologist, client_of):
    response = client_of(manager).post(
        _version_url(submitted, "return/"), {"return-comment": "Добавете индикатори."}
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.manager_comment) == (
        PlanStatus.RETURNED,
        "Добавете индикатори.",
    )
    page = client_of(psychologist).get(_version_url(submitted)).content.decode()
    assert "Добавете индикатори." in page


def test_the_manager_approves_and_the_case_moves_on(submitted, manager, client_of):
    response = client_of(manager).post(_version_url(submitted, "approve/"), {"approve-comment": ""})

    assert response.status_code == 302
    submitted.refresh_from_db()
    submitted.case.refresh_from_db()
    assert submitted.status == PlanStatus.APPROVED
    assert submitted.case.status == CaseStatus.CONTRACTING


def test_the_version_page_compares_with_the_previous_version(
    approved, manager, psychologist, client_of
):
    from opora.cases.domain.status import change_status

    change_status(approved.case, to_status=CaseStatus.ACTIVE, actor=manager)
    update = start_plan(approved.case, actor=psychologist)
    client_of(psychologist).post(
        _version_url(update, "edit/"),
        editor_post(
            psychologist,
            expected_result="Без неизвинени отсъствия",
            **{"g0-source": str(approved.goals.get().pk)},
        ),
    )

    html = client_of(psychologist).get(_version_url(update)).content.decode()

    assert "Промени спрямо версия 1" in html
    assert "Променена цел" in html
    assert "Без неизвинени отсъствия" in html


def test_the_printable_plan_has_a_letterhead_and_signature_lines(approved, psychologist, client_of):
    html = client_of(psychologist).get(_version_url(approved, "print/")).content.decode()

    case = approved.case
    assert case.centre.name in html
    assert case.number in html and case.primary_person.full_name in html
    assert "Родител / законен представител" in html
    assert "Водещ на случая" in html
    assert "plans/plans.css" in html


def test_the_plan_page_runs_the_same_queries_for_one_and_many_versions(
    approved, manager, psychologist, client_of
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opora.cases.domain.status import change_status

    client = client_of(psychologist)
    url = _url(approved.case)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    change_status(approved.case, to_status=CaseStatus.ACTIVE, actor=manager)
    for _ in range(3):
        version = start_plan(approved.case, actor=psychologist)
        save_plan(version, actor=psychologist, data=plan_data(psychologist))
        approve_plan(submit_plan(version, actor=psychologist), actor=manager)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(one)


# The contract


def test_the_manager_drafts_signs_and_annexes_a_contract(approved, mother_link, manager, client_of):
    client = client_of(manager)
    case = approved.case
    new_url = f"/c/{case.centre.slug}/cases/{case.pk}/contracts/new/"
    assert client.get(new_url).status_code == 200

    created = client.post(
        new_url,
        {
            "signatory": mother_link.pk,
            "capacity": "parent",
            "start_on": _d(today()),
            "end_on": _d(add_months(today(), 6) - timedelta(days=1)),
            "fee_note": "",
        },
    )
    contract = Contract.objects.get(case=case)
    assert created.status_code == 302
    signed = client.post(_contract_url(contract, "sign/"), {"signed_on": _d(today())})
    annexed = client.post(
        _contract_url(contract, "annex/"),
        {"kind": "change", "change-signed_on": _d(today()), "change-changes": "Нов час"},
    )

    contract.refresh_from_db()
    case.refresh_from_db()
    assert (signed.status_code, annexed.status_code) == (302, 302)
    assert contract.status == ContractStatus.SIGNED
    assert case.status == CaseStatus.ACTIVE
    assert Annex.objects.get(contract=contract).changes == "Нов час"
    assert client.get(_contract_url(contract)).status_code == 200
    printed = client.get(_contract_url(contract, "print/")).content.decode()
    assert "Договор за ползване на социална услуга" in printed
    assert mother_link.person.full_name in printed


def test_a_child_under_14_is_refused_as_signatory_in_the_form(approved, manager, client_of):
    from tests.plans.conftest import child_link

    case = approved.case
    response = client_of(manager).post(
        f"/c/{case.centre.slug}/cases/{case.pk}/contracts/new/",
        {
            "signatory": child_link(case).pk,
            "capacity": "young_person",
            "start_on": _d(today()),
            "end_on": _d(today() + timedelta(days=90)),
        },
    )

    assert response.status_code == 400
    assert "Дете под 14 години не подписва договора" in response.content.decode()
    assert not Contract.objects.exists()


def test_signing_in_the_future_is_refused_in_the_form(approved, mother_link, manager, client_of):
    contract = draft_contract(approved.case, actor=manager, data=terms(mother_link))

    response = client_of(manager).post(
        _contract_url(contract, "sign/"), {"signed_on": _d(today() + timedelta(days=2))}
    )

    assert response.status_code == 400
    assert "Датата на подписване не може да е в бъдеще." in response.content.decode()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


def test_an_extension_without_a_new_end_is_refused(approved, mother_link, manager, client_of):
    contract = draft_contract(approved.case, actor=manager, data=terms(mother_link))
    sign_contract(contract, actor=manager, signed_on=today())

    response = client_of(manager).post(
        _contract_url(contract, "annex/"),
        {"kind": AnnexKind.EXTEND, "extend-signed_on": _d(today()), "extend-new_end_on": ""},
    )

    assert response.status_code == 400
    assert "Въведете новия край на договора." in response.content.decode()
    assert not Annex.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("psychologist", 403), ("social_worker", 403), ("accountant", 403), ("outsider_manager", 404)],
)
def test_only_the_manager_manages_contracts(
    approved, mother_link, manager, who, status, client_of, request
):
    contract = draft_contract(approved.case, actor=manager, data=terms(mother_link))
    client = client_of(request.getfixturevalue(who))
    case = approved.case

    answers = [
        client.get(f"/c/{case.centre.slug}/cases/{case.pk}/contracts/new/").status_code,
        client.post(_contract_url(contract, "edit/"), {}).status_code,
        client.post(_contract_url(contract, "sign/"), {"signed_on": _d(today())}).status_code,
        client.post(
            _contract_url(contract, "annex/"),
            {"kind": "change", "change-signed_on": _d(today()), "change-changes": "x"},
        ).status_code,
    ]

    assert answers == [status] * 4
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


def test_case_workers_can_read_the_contract(
    approved, mother_link, manager, psychologist, client_of
):
    contract = draft_contract(approved.case, actor=manager, data=terms(mother_link))

    page = client_of(psychologist).get(_contract_url(contract))

    assert page.status_code == 200
    assert "Отбележи като подписан" not in page.content.decode()


def test_another_centres_version_or_contract_is_a_404(
    approved, mother_link, manager, outsider_manager, other_centre, client_of
):
    contract = draft_contract(approved.case, actor=manager, data=terms(mother_link))
    client = client_of(outsider_manager)
    own = other_centre.slug

    answers = [
        client.get(f"/c/{own}/plan-versions/{approved.pk}/").status_code,
        client.get(f"/c/{own}/contracts/{contract.pk}/").status_code,
        client.post(f"/c/{own}/plan-versions/{approved.pk}/approve/").status_code,
        client.post(
            f"/c/{own}/contracts/{contract.pk}/sign/", {"signed_on": "01.01.2026"}
        ).status_code,
    ]

    assert answers == [404] * 4
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT
