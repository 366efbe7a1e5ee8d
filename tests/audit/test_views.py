"""The manager's audit pages: right rows, only her centre, only for her."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.domain import record
from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.centres.models import CentreSettings
from opora.demo.clock import played_at
from tests.factories import make_case, make_member


@pytest.fixture
def case(centre, manager, psychologist):
    return make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)


def case_log(client, case) -> str:
    response = client.get(f"/c/harmanli/cases/{case.pk}/audit/")
    assert response.status_code == 200
    return response.content.decode()


# Кой е отварял случая


def test_every_case_read_appears_in_the_case_log(case, manager, psychologist, client_of):
    client_of(psychologist).get(f"/c/harmanli/cases/{case.pk}/")

    html = case_log(client_of(manager), case)

    assert "Елена Колева (psychologist)" in html
    assert "отвори случая" in html


def test_the_case_log_lists_the_case_and_its_records_but_no_other_case(
    centre, case, manager, psychologist, client_of
):
    other = make_case(centre, manager, CaseStatus.INTAKE)
    record(actor=psychologist, action="case.marker_mine", obj=case)
    record(actor=psychologist, action="case.marker_other", obj=other)

    html = case_log(client_of(manager), case)

    assert "case.marker_mine" in html
    assert "case.marker_other" not in html
    assert "смени състоянието на случая" in html


def test_the_case_log_never_shows_another_centres_entries(
    case, other_centre, outsider_manager, manager, client_of
):
    record(
        actor=outsider_manager, action="case.marker_leak", centre_id=other_centre.pk,
        case_id=case.pk,
    )  # fmt: skip

    assert "case.marker_leak" not in case_log(client_of(manager), case)


def test_a_read_from_outside_the_team_is_marked_but_not_the_managers(
    case, social_worker, psychologist, manager, client_of
):
    record(actor=social_worker, action="case.view", obj=case)
    record(actor=psychologist, action="case.view", obj=case)
    record(actor=manager, action="case.view", obj=case)

    html = case_log(client_of(manager), case)

    assert html.count('class="badge-outside"') == 1
    assert html.count('class="outside-team"') == 1


@pytest.mark.parametrize("name", ["psychologist", "social_worker", "accountant"])
def test_only_the_manager_opens_the_audit_pages(request, name, case, client_of):
    client = client_of(request.getfixturevalue(name))

    for url in (
        f"/c/harmanli/cases/{case.pk}/audit/",
        "/c/harmanli/audit/staff/",
        "/c/harmanli/audit/unusual/",
    ):
        assert client.get(url).status_code == 403, url


def test_another_centres_manager_gets_404(case, outsider_manager, other_centre, client_of):
    client = client_of(outsider_manager)
    theirs = make_case(other_centre, outsider_manager, CaseStatus.INTAKE)

    assert client.get(f"/c/harmanli/cases/{case.pk}/audit/").status_code == 404
    assert client.get("/c/harmanli/audit/staff/").status_code == 404
    assert client.get(f"/c/haskovo/cases/{case.pk}/audit/").status_code == 404
    assert client.get(f"/c/haskovo/cases/{theirs.pk}/audit/").status_code == 200


def test_the_case_log_is_paged_without_counting(case, manager, client_of):
    for n in range(5):
        record(actor=manager, action=f"case.marker_{n}", obj=case)
    client = client_of(manager)

    with override_settings(OPORA_PAGE_SIZE=2):
        first = client.get(f"/c/harmanli/cases/{case.pk}/audit/")
        cursor = first.context["page"].next_before
        second = client.get(f"/c/harmanli/cases/{case.pk}/audit/?before={cursor}")

    assert [e.action for e in first.context["page"].entries] == ["case.marker_4", "case.marker_3"]
    assert [e.action for e in second.context["page"].entries] == [
        "case.marker_2",
        "case.marker_1",
    ]
    assert f"before={cursor}" in first.content.decode()


def test_a_malformed_cursor_shows_the_first_page(case, manager, client_of):
    response = client_of(manager).get(f"/c/harmanli/cases/{case.pk}/audit/?before=1%27x")

    assert response.status_code == 200


def test_looking_at_the_audit_is_recorded_too(case, manager, client_of):
    client = client_of(manager)

    client.get(f"/c/harmanli/cases/{case.pk}/audit/")
    client.get("/c/harmanli/audit/unusual/")

    actions = list(
        AuditEntry.objects.filter(actor=manager, action__startswith="audit.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["audit.view_case_log", "audit.view_unusual"]


# Действия на служител


def staff_log(client, **params):
    return client.get("/c/harmanli/audit/staff/", params)


def test_a_staff_members_month_lists_her_actions_sign_ins_and_failed_tries(
    centre, other_centre, case, manager, psychologist, client_of
):
    make_member(other_centre, Role.PSYCHOLOGIST, username="psy2")  # someone else elsewhere
    Membership.objects.create(user=psychologist, centre=other_centre, role=Role.PSYCHOLOGIST)
    record(actor=psychologist, action="case.marker_here", obj=case)
    record(actor=psychologist, action="case.marker_there", centre_id=other_centre.pk)
    record(actor=psychologist, action="auth.login")
    record(actor=None, action="auth.login_failed", obj=psychologist, changes={"username": "x"})
    record(actor=manager, action="case.marker_manager", obj=case)
    month = timezone.localdate().strftime("%m.%Y")

    response = staff_log(client_of(manager), user=psychologist.pk, month=month)

    actions = {e.action for e in response.context["page"].entries}
    assert {"case.marker_here", "auth.login", "auth.login_failed"} <= actions
    assert "case.marker_there" not in actions
    assert "case.marker_manager" not in actions


def test_another_month_shows_nothing_of_this_one(case, manager, psychologist, client_of):
    record(actor=psychologist, action="case.marker_now", obj=case)
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).strftime("%m.%Y")

    response = staff_log(client_of(manager), user=psychologist.pk, month=last_month)

    assert response.status_code == 200
    assert "case.marker_now" not in {e.action for e in response.context["page"].entries}
    assert "Няма действия през този месец." in response.content.decode()


@pytest.mark.parametrize(
    "month, message",
    [
        ("13.2026", "Въведете месеца във вида мм.гггг, напр. 11.2026."),
        ("ноември", "Въведете месеца във вида мм.гггг, напр. 11.2026."),
        ("01.2099", "Месецът още не е започнал."),
    ],
)
def test_a_wrong_month_is_explained_in_bulgarian(month, message, manager, psychologist, client_of):
    response = staff_log(client_of(manager), user=psychologist.pk, month=month)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_staff_member_of_another_centre_cannot_be_chosen(
    manager, outsider_psychologist, client_of
):
    response = staff_log(client_of(manager), user=outsider_psychologist.pk)

    assert response.status_code == 400
    assert "Изберете служител от списъка." in response.content.decode()
    assert response.context["page"] is None


def test_without_a_choice_the_page_asks_for_one(manager, client_of):
    response = staff_log(client_of(manager))

    assert response.status_code == 200
    assert "Изберете служител и месец" in response.content.decode()


# Необичаен достъп


@pytest.fixture
def thresholds(centre):
    CentreSettings.objects.filter(centre=centre).update(
        unusual_access_cases=3, unusual_access_minutes=10
    )


def read_at(moment, user, case):
    with played_at(moment):
        record(actor=user, action="case.view", obj=case)


def unusual(client, **params):
    return client.get("/c/harmanli/audit/unusual/", params)


def test_many_cases_opened_in_a_short_time_are_shown(
    thresholds, centre, manager, psychologist, social_worker, client_of
):
    cases = [make_case(centre, manager) for _ in range(4)]
    start = timezone.now() - timedelta(hours=2)
    for n, case in enumerate(cases[:3]):  # three cases within 8 minutes
        read_at(start + timedelta(minutes=4 * n), psychologist, case)
    for n, case in enumerate(cases[:3]):  # the same three, spread over an hour
        read_at(start + timedelta(minutes=20 * n + 30), social_worker, case)

    response = unusual(client_of(manager))

    bursts = response.context["found"].bursts
    assert [(b.actor_name, len(b.case_ids)) for b in bursts] == [("Елена Колева (psychologist)", 3)]
    assert cases[0].number in response.content.decode()


def test_cases_read_from_outside_the_team_are_shown_but_not_the_managers(
    case, manager, social_worker, psychologist, client_of
):
    record(actor=social_worker, action="case.view", obj=case)
    record(actor=social_worker, action="session.list.view", obj=case)
    record(actor=psychologist, action="case.view", obj=case)  # on the team
    record(actor=manager, action="case.view", obj=case)  # reads every case by her role

    response = unusual(client_of(manager))

    outside = response.context["found"].outside_team
    assert [(r.actor_name, r.case_id, r.count) for r in outside] == [
        ("Иван Димитров (social_worker)", case.pk, 2)
    ]


def test_the_other_centres_reads_are_never_counted(
    thresholds, other_centre, outsider_manager, outsider_psychologist, manager, client_of
):
    theirs = [make_case(other_centre, outsider_manager) for _ in range(3)]
    for case in theirs:
        record(actor=outsider_psychologist, action="case.view", obj=case)

    found = unusual(client_of(manager)).context["found"]

    assert (found.bursts, found.outside_team, found.scanned) == ([], [], 0)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "10.03.2026", "date_to": "01.03.2026"}, "Началната дата е след крайната."),
        ({"date_from": "01.01.2026", "date_to": "01.03.2026"}, "Изберете период до 31 дни"),
        ({"date_from": "31.02.2026"}, "Въведете дата във вида дд.мм.гггг"),
    ],
)
def test_a_wrong_period_is_explained_in_bulgarian(params, message, manager, client_of):
    response = unusual(client_of(manager), **params)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_thresholds_are_shown_and_edited_with_the_centre_settings(
    thresholds, manager, client_of
):
    client = client_of(manager)

    assert "3 или повече различни случая в рамките на 10 минути" in (
        unusual(client).content.decode()
    )
    assert 'name="settings-unusual_access_cases"' in (
        client.get("/c/harmanli/profile/edit/").content.decode()
    )


def test_a_burst_keeps_growing_while_reads_overlap():
    from opora.audit.domain.queries import find_bursts

    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    reads = [
        {"at": start + timedelta(minutes=m), "case_id_copy": c}
        for m, c in [(0, 1), (1, 2), (2, 3), (3, 4), (30, 5), (31, 6), (50, 7)]
    ]

    bursts = find_bursts(reads, name="x", cases=3, minutes=5)

    assert [(b.start, b.end, b.case_ids) for b in bursts] == [
        (start, start + timedelta(minutes=3), {1, 2, 3, 4})
    ]


# Query counts: a page of 1 entry and a page of many cost the same.


def queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warms what is not per row
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_case_log_and_the_staff_month_cost_the_same_for_few_and_many_entries(
    case, manager, psychologist, client_of
):
    client = client_of(manager)
    month = timezone.localdate().strftime("%m.%Y")
    urls = [
        f"/c/harmanli/cases/{case.pk}/audit/",
        f"/c/harmanli/audit/staff/?user={psychologist.pk}&month={month}",
    ]
    record(actor=psychologist, action="case.view", obj=case)
    few = [queries(client, url) for url in urls]

    for n in range(30):
        record(actor=psychologist, action="case.view", obj=case, changes={"n": n})
    many = [queries(client, url) for url in urls]

    assert many == few
