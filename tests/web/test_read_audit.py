"""Reads of case content leave an audit entry (a decision taken in style.md); denied reads do not."""

from opora.audit.domain import is_read
from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from tests.factories import make_case
from tests.web.routes import PAGES, StaffRoute, staff_routes


def test_opening_a_case_and_a_person_is_recorded_with_who_and_what(
    centre, manager, psychologist, outsider_manager, client_of
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)

    client_of(psychologist).get(f"/c/harmanli/cases/{case.pk}/")
    client_of(psychologist).get(f"/c/harmanli/people/{case.primary_person_id}/")
    client_of(outsider_manager).get(f"/c/harmanli/cases/{case.pk}/")

    reads = AuditEntry.objects.filter(action__in=["case.view", "person.view"]).order_by("id")
    assert [(e.action, e.actor, e.object_id, e.centre_id_copy) for e in reads] == [
        ("case.view", psychologist, str(case.pk), centre.pk),
        ("person.view", psychologist, str(case.primary_person_id), centre.pk),
    ]
    assert reads[0].ip_address == "127.0.0.1"


# Every page that shows case content records a read of that case (issue 4: "every read of a case").

CASE_BOUND = {
    "case_id": lambda w: w.cases["working"],
    "version_id": lambda w: w.versions["working"],
    "contract_id": lambda w: w.contracts["signed"],
    "session_id": lambda w: w.sessions["held"],
    "review_id": lambda w: w.reviews["in_progress"],
    "report_id": lambda w: w.reports["due"],
}


def _case_pages() -> list[StaffRoute]:
    return [
        route
        for route in staff_routes()
        if route.name in PAGES
        and not route.name.startswith("audit:")
        and route.object_kwargs
        and set(route.object_kwargs) <= set(CASE_BOUND)
    ]


def test_every_case_page_is_known_here():
    """A new page of case content is read-audited by the test below as soon as it exists."""
    assert {r.name for r in _case_pages()} >= {"cases:detail", "consultations:timeline"}


def test_every_page_with_case_content_records_a_read_of_its_case(harmanli, client_of):
    client = client_of(harmanli.staff["manager"])
    missing = []

    for route in _case_pages():
        objects = {name: CASE_BOUND[name](harmanli) for name in route.object_kwargs}
        case_id = next(
            o.pk if o._meta.model_name == "case" else o.case_id for o in objects.values()
        )
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
        url = route.url(harmanli.centre.slug, **{k: o.pk for k, o in objects.items()})
        status = client.get(url).status_code
        reads = AuditEntry.objects.filter(id__gt=last, case_id_copy=case_id)
        recorded = [e for e in reads if is_read(e.action) and "on_team" in e.changes]
        if status != 200 or not recorded:
            missing.append(f"{route.name} {url}: {status}, reads {[e.action for e in reads]}")

    assert missing == []
