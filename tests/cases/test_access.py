"""Need-to-know: who reads a case (opora.cases.domain.access) and the access requests a case worker
off the team sends and the manager grants, refuses or revokes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.cases.domain.access import (
    can_read_case,
    directory_cases,
    readable_cases,
    readable_people,
)
from opora.cases.domain.access_requests import (
    grant_case_access,
    refuse_case_access,
    request_case_access,
    revoke_case_access,
)
from opora.cases.domain.intake import accept_case
from opora.cases.enums import AccessRequestStatus, CaseStatus
from opora.cases.models import CaseAccessRequest
from opora.core.errors import DomainError
from tests.factories import PersonFactory, make_case, put_on_team
from tests.web.state import changed_tables, database_state

BASE = "/c/harmanli"


@pytest.fixture
def case(centre, manager, psychologist):
    """Active, led by the psychologist; the social worker is not on its team."""
    return make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)


def _fresh(case):
    """A new instance: `can_read_case` caches its answer on the case object."""
    return type(case).objects.get(pk=case.pk)


# Who reads a case


def test_the_manager_and_the_case_manager_read_it_others_only_know_it_exists(
    centre, case, manager, psychologist, social_worker, accountant
):
    assert set(readable_cases(manager, centre)) == {case}
    assert set(readable_cases(psychologist, centre)) == {case}
    assert list(readable_cases(social_worker, centre)) == []
    assert list(readable_cases(accountant, centre)) == []
    assert list(directory_cases(social_worker, centre)) == [case]
    assert list(directory_cases(accountant, centre)) == []
    assert [can_read_case(u, _fresh(case)) for u in (manager, psychologist, social_worker)] == [
        True,
        True,
        False,
    ]


def test_a_team_member_reads_it(centre, case, social_worker):
    put_on_team(case, social_worker)

    assert set(readable_cases(social_worker, centre)) == {case}
    assert can_read_case(social_worker, _fresh(case))


def test_the_registering_worker_reads_the_case_only_while_it_is_in_intake(
    centre, manager, psychologist, social_worker
):
    case = make_case(centre, social_worker)

    assert can_read_case(social_worker, _fresh(case))
    accept_case(case, actor=manager, case_manager=psychologist)
    assert not can_read_case(social_worker, _fresh(case))


def test_another_centres_staff_read_nothing(centre, case, outsider_manager, outsider_psychologist):
    for user in (outsider_manager, outsider_psychologist):
        assert list(readable_cases(user, centre)) == []
        assert list(directory_cases(user, centre)) == []
        assert not can_read_case(user, _fresh(case))


def test_a_person_is_readable_on_a_readable_case_or_on_no_case(
    centre, case, social_worker, accountant
):
    loose = PersonFactory(centre=centre)

    assert set(readable_people(social_worker, centre)) == {loose}
    assert list(readable_people(accountant, centre)) == []
    put_on_team(case, social_worker)
    assert set(readable_people(social_worker, centre)) == {loose, case.primary_person}


# Requests, grants, refusals, revocations (the domain)


def test_a_grant_lets_the_requester_read_until_it_expires(centre, case, manager, social_worker):
    asked = request_case_access(case, actor=social_worker, reason="Замествам водещия.")
    grant_case_access(asked, actor=manager, expires_on=timezone.localdate())

    assert can_read_case(social_worker, _fresh(case))
    CaseAccessRequest.objects.filter(pk=asked.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert not can_read_case(social_worker, _fresh(case))


def test_a_request_needs_a_reason_and_only_one_waits(case, social_worker):
    with pytest.raises(DomainError, match="Напишете защо ви е нужен достъп"):
        request_case_access(case, actor=social_worker, reason="  ")
    request_case_access(case, actor=social_worker, reason="Замествам.")
    with pytest.raises(DomainError, match="искането чака решение"):
        request_case_access(case, actor=social_worker, reason="Пак.")


@pytest.mark.parametrize("who", ["manager", "psychologist"])
def test_who_already_reads_the_case_does_not_ask(case, who, request):
    with pytest.raises(DomainError, match="Вече имате достъп"):
        request_case_access(case, actor=request.getfixturevalue(who), reason="Защо не.")


def test_only_the_centres_manager_decides(case, social_worker, psychologist, outsider_manager):
    asked = request_case_access(case, actor=social_worker, reason="Замествам.")

    for user in (psychologist, social_worker, outsider_manager):
        with pytest.raises(DomainError, match="само ръководителят"):
            grant_case_access(asked, actor=user)
    assert CaseAccessRequest.objects.get(pk=asked.pk).status == AccessRequestStatus.PENDING


def test_a_refusal_needs_its_reason_and_a_decided_request_is_not_decided_again(
    case, manager, social_worker
):
    asked = request_case_access(case, actor=social_worker, reason="Замествам.")

    with pytest.raises(DomainError, match="Напишете защо отказвате"):
        refuse_case_access(asked, actor=manager, reason="")
    refuse_case_access(asked, actor=manager, reason="Случаят е с ограничен кръг.")
    with pytest.raises(DomainError, match="вече е „Отказан“"):
        grant_case_access(asked, actor=manager)
    assert not can_read_case(social_worker, _fresh(case))


def test_a_grant_cannot_end_in_the_past(case, manager, social_worker):
    asked = request_case_access(case, actor=social_worker, reason="Замествам.")

    with pytest.raises(DomainError, match="не може да е в миналото"):
        grant_case_access(asked, actor=manager, expires_on=timezone.localdate() - timedelta(days=1))


def test_every_step_is_audited(case, manager, social_worker):
    asked = request_case_access(case, actor=social_worker, reason="Замествам.")
    grant_case_access(asked, actor=manager)
    revoke_case_access(asked, actor=manager)
    again = request_case_access(case, actor=social_worker, reason="Отново.")
    refuse_case_access(again, actor=manager, reason="Не е нужно.")

    actions = list(
        AuditEntry.objects.filter(action__startswith="case.access.")
        .order_by("id")
        .values_list("action", "actor_id", "object_id")
    )
    assert actions == [
        ("case.access.request", social_worker.pk, str(case.pk)),
        ("case.access.grant", manager.pk, str(case.pk)),
        ("case.access.revoke", manager.pk, str(case.pk)),
        ("case.access.request", social_worker.pk, str(case.pk)),
        ("case.access.refuse", manager.pk, str(case.pk)),
    ]


# The pages


def test_request_grant_read_revoke_through_the_pages(case, manager, social_worker, client_of):
    worker, boss = client_of(social_worker), client_of(manager)
    case_url = f"{BASE}/cases/{case.pk}/"
    sessions_url = f"{BASE}/cases/{case.pk}/sessions/"

    refused = worker.get(case_url)
    assert refused.status_code == 403
    assert "Поискай достъп" in refused.content.decode()
    assert worker.get(sessions_url).status_code == 404

    asked = worker.post(f"{case_url}access/", {"reason": "Водя групата, в която е детето."})
    assert asked.status_code == 302
    assert 'data-testid="access-pending"' in worker.get(case_url).content.decode()

    listing = boss.get(f"{BASE}/cases/access-requests/").content.decode()
    assert "Водя групата, в която е детето." in listing
    assert "Водя групата" in boss.get(f"{BASE}/").content.decode()  # the dashboard panel
    request = CaseAccessRequest.objects.get()
    until = (timezone.localdate() + timedelta(days=30)).strftime("%d.%m.%Y")
    granted = boss.post(f"{BASE}/cases/access-requests/{request.pk}/grant/", {"expires_on": until})
    assert granted.status_code == 302

    assert worker.get(case_url).status_code == 200
    assert worker.get(sessions_url).status_code == 200
    assert social_worker.get_full_name() in boss.get(case_url).content.decode()  # the panel

    revoked = boss.post(f"{BASE}/cases/access-requests/{request.pk}/revoke/", {"back": "case"})
    assert revoked.status_code == 302
    assert revoked["Location"] == case_url
    assert worker.get(case_url).status_code == 403
    assert worker.get(sessions_url).status_code == 404


def test_a_request_without_a_reason_is_refused_in_bulgarian(case, social_worker, client_of):
    response = client_of(social_worker).post(f"{BASE}/cases/{case.pk}/access/", {"reason": ""})

    assert response.status_code == 400
    assert "Напишете защо ви е нужен достъп до случая." in response.content.decode()
    assert not CaseAccessRequest.objects.exists()


def test_the_refusal_reason_reaches_the_requester(case, manager, social_worker, client_of):
    asked = request_case_access(case, actor=social_worker, reason="Замествам.")
    client = client_of(manager)

    empty = client.post(f"{BASE}/cases/access-requests/{asked.pk}/refuse/", {"reason": ""})
    done = client.post(
        f"{BASE}/cases/access-requests/{asked.pk}/refuse/", {"reason": "Кръгът е ограничен."}
    )

    assert empty.status_code == 400
    assert "Напишете защо отказвате достъпа." in empty.content.decode()
    assert done.status_code == 302
    page = client_of(social_worker).get(f"{BASE}/cases/{case.pk}/").content.decode()
    assert "Кръгът е ограничен." in page


def test_a_past_end_date_is_refused_in_the_form(case, manager, social_worker, client_of):
    asked = request_case_access(case, actor=social_worker, reason="Замествам.")
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d.%m.%Y")

    response = client_of(manager).post(
        f"{BASE}/cases/access-requests/{asked.pk}/grant/", {"expires_on": yesterday}
    )

    assert response.status_code == 400
    assert "Крайната дата на достъпа не може да е в миналото." in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == AccessRequestStatus.PENDING


def test_another_centres_manager_cannot_see_or_decide_the_requests(
    case, social_worker, outsider_manager, client_of
):
    asked = request_case_access(case, actor=social_worker, reason="Замествам.")
    client = client_of(outsider_manager)
    before = database_state()

    answers = [
        client.post(f"{BASE}/cases/access-requests/{asked.pk}/grant/", {}).status_code,
        client.get(f"{BASE}/cases/access-requests/").status_code,
        client.post(f"/c/haskovo/cases/access-requests/{asked.pk}/grant/", {}).status_code,
        client.post(f"/c/haskovo/cases/access-requests/{asked.pk}/refuse/", {"reason": "Х"}),
    ]

    assert answers[:3] == [404, 404, 404]
    assert answers[3].status_code == 404
    assert changed_tables(before, database_state()) == []


def test_the_accountant_cannot_ask_for_access(case, accountant, client_of):
    client = client_of(accountant)

    assert client.get(f"{BASE}/cases/{case.pk}/").status_code == 403
    assert client.post(f"{BASE}/cases/{case.pk}/access/", {"reason": "Х"}).status_code == 403
    assert not CaseAccessRequest.objects.exists()


def test_the_no_access_page_shows_the_directory_entry_only(case, social_worker, client_of):
    html = client_of(social_worker).get(f"{BASE}/cases/{case.pk}/").content.decode()

    assert case.number in html
    assert case.primary_person.full_name in html
    assert "Без достъп" in html
    assert f"{BASE}/cases/{case.pk}/sessions/" not in html
    assert f"{BASE}/people/{case.primary_person_id}/" not in html
