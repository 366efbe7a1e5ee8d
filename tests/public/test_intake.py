"""The staff side of online requests: marked in the intake list, told in full on the case page."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opora.cases.enums import CaseStatus
from opora.cases.models import Case
from tests.factories import make_case
from tests.public.conftest import post_request


def _online_case(centre, **overrides) -> Case:
    response = post_request(Client(REMOTE_ADDR="198.51.100.20"), centre, **overrides)
    assert response.status_code == 302
    return Case.objects.filter(centre=centre).latest("id")


def test_the_manager_sees_online_requests_marked_among_new_referrals(
    public_centre, manager, client_of
):
    by_phone = make_case(public_centre, manager, CaseStatus.INTAKE)
    online = _online_case(public_centre)

    page = client_of(manager).get("/c/harmanli/").content.decode()

    rows = {row.split("</tr>")[0] for row in page.split("<tr>")}
    online_row = next(row for row in rows if f">{online.number}</a>" in row)
    phone_row = next(row for row in rows if f">{by_phone.number}</a>" in row)
    assert "Онлайн заявка" in online_row
    assert "Онлайн заявка" not in phone_row


def test_the_case_page_tells_the_request_with_its_contacts_and_text(
    public_centre, manager, client_of
):
    case = _online_case(
        public_centre, writer="child", first_name="Ива", age="13", email="iva@abv.bg",
        contact_way="email", message="Страх ме е да се прибера вкъщи.",
    )  # fmt: skip

    page = client_of(manager).get(f"/c/harmanli/cases/{case.pk}/").content.decode()

    panel = page[page.index('data-testid="online-request"') :]
    for text in (
        "Дете или млад човек – пиша за себе си",
        "Ива",
        "13 г.",
        "0888 123 456",
        "iva@abv.bg",
        "По електронна поща; след 17 ч.",
        "Страх ме е да се прибера вкъщи.",
    ):
        assert text in panel, text
    assert "Уведомете незабавно ДСП и родителите/настойника" in page
    assert "Самонасочило се дете — Онлайн заявка „Потърсете подкрепа“" in page


def test_a_case_opened_by_hand_has_no_online_request_panel(public_centre, manager, client_of):
    case = make_case(public_centre, manager, CaseStatus.INTAKE)

    page = client_of(manager).get(f"/c/harmanli/cases/{case.pk}/").content.decode()

    assert 'data-testid="online-request"' not in page


def test_another_centres_manager_cannot_open_the_request(
    public_centre, outsider_manager, client_of
):
    case = _online_case(public_centre)

    response = client_of(outsider_manager).get(f"/c/harmanli/cases/{case.pk}/")
    own_centre = client_of(outsider_manager).get(f"/c/haskovo/cases/{case.pk}/")

    assert (response.status_code, own_centre.status_code) == (404, 404)
    assert "Синът ми" not in response.content.decode() + own_centre.content.decode()


def test_marking_the_intake_list_costs_one_query_however_many_requests(
    public_centre, manager, client_of
):
    client = client_of(manager)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/c/harmanli/").status_code == 200
        return len(captured)

    _online_case(public_centre)
    queries()  # the first page of a session also writes the session
    one = queries()
    for n in range(3):
        post_request(Client(REMOTE_ADDR=f"198.51.100.{30 + n}"), public_centre)

    assert queries() == one
