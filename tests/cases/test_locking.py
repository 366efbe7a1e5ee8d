"""Two managers change the case manager from the same page: the stale change is refused."""

from opora.accounts.enums import Role
from opora.cases.enums import CaseStatus
from opora.cases.models import Case
from opora.core.locking import REVISION_ERROR
from tests.factories import make_case, make_member
from tests.locking_helpers import changes_of, opened_revision


def _url(case, tail="") -> str:
    return f"/c/harmanli/cases/{case.pk}/{tail}"


def test_a_stale_change_is_refused_with_who_and_what_then_a_knowing_change_succeeds(
    centre, manager, psychologist, social_worker, client_of
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    deputy = make_member(centre, Role.MANAGER, first_name="Петър", last_name="Ангелов")
    maria, petar = client_of(manager), client_of(deputy)
    opened_by_maria = opened_revision(maria.get(_url(case)))
    opened_by_petar = opened_revision(petar.get(_url(case)))
    changed_by_maria = {"case_manager": str(manager.pk), "revision": opened_by_maria}
    assert maria.post(_url(case, "case-manager/"), changed_by_maria).status_code == 302

    refused = []
    post = {"case_manager": str(social_worker.pk), "revision": opened_by_petar}
    changed = changes_of(lambda: refused.append(petar.post(_url(case, "case-manager/"), post)))

    html = refused[0].content.decode()
    assert refused[0].status_code == 409
    assert "Докато редактирахте, Мария Петрова промени записа в " in html
    assert ": Водещ на случая. Вашите промени не са записани" in html
    assert changed == []
    assert Case.objects.get(pk=case.pk).case_manager == manager

    post["revision"] = opened_revision(refused[0])
    again = petar.post(_url(case, "case-manager/"), post)

    assert again.status_code == 302
    assert Case.objects.get(pk=case.pk).case_manager == social_worker


def test_a_forged_revision_is_a_bulgarian_error_and_saves_nothing(
    centre, manager, psychologist, client_of
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    post = {"case_manager": str(manager.pk), "revision": "x"}

    responses = []
    changed = changes_of(
        lambda: responses.append(client_of(manager).post(_url(case, "case-manager/"), post))
    )

    assert responses[0].status_code == 400
    assert REVISION_ERROR in responses[0].content.decode()
    assert changed == []


def test_the_other_centres_manager_cannot_change_it(
    centre, manager, psychologist, outsider_manager, client_of
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    post = {"case_manager": str(outsider_manager.pk), "revision": str(case.revision)}

    response = client_of(outsider_manager).post(_url(case, "case-manager/"), post)

    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).case_manager == psychologist
