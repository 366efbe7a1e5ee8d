"""The officials' pages: only the centres of their scope, only counts, never a name."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.centres.domain import settings_for
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.oversight.domain.access import grant_oversight, revoke_oversight
from opora.oversight.domain.figures import figures_of
from opora.oversight.models import OversightAccess
from tests.factories import CentreFactory, UserFactory, make_case, make_member, put_on_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def harmanli_official(sysadmin):
    user = UserFactory(username="obshtina.harmanli", first_name="Ваня", last_name="Колева")
    grant_oversight(user, actor=sysadmin, municipality="Харманли")
    return user


@pytest.fixture
def national_official(sysadmin):
    user = UserFactory(username="asp.national", first_name="Камен", last_name="Стоев")
    grant_oversight(user, actor=sysadmin)
    return user


@pytest.fixture
def busy_centre(centre, manager, psychologist, person):
    """Two places taken (capacity 3), one child waiting, one overdue deadline; the psychologist
    works on both open cases against a standard of one."""
    first = make_case(
        centre, manager, CaseStatus.ASSESSMENT, person=person, case_manager=psychologist
    )
    second = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    make_case(centre, manager, CaseStatus.WAITLISTED)
    put_on_team(first, psychologist)
    Deadline.objects.create(
        centre=centre, case=second, kind=DeadlineKind.CONTRACT, title="договор",
        due_on=timezone.localdate() - timedelta(days=3),
    )  # fmt: skip
    standard = settings_for(centre)
    standard.workload_standard = 1
    standard.save()
    return centre


def test_figures_are_counts_per_centre(busy_centre, other_centre, outsider_manager):
    make_case(other_centre, outsider_manager, CaseStatus.ACTIVE)
    today = timezone.localdate()
    here, there = figures_of([busy_centre, other_centre], today=today, now=timezone.now())
    assert (here.places_used, here.capacity, here.percent_used) == (2, 3, 67)
    assert here.waiting == 1 and here.average_wait_days == 0
    assert here.new_this_month == 3 and here.closed_this_month == 0
    assert (
        here.overdue
        == 1
        + Deadline.objects.filter(
            centre=busy_centre, due_on__lt=today, done_at=None, cancelled_at=None
        )
        .exclude(kind=DeadlineKind.CONTRACT)
        .count()
    )
    assert (here.standard, here.over_standard) == (1, 1)
    assert (there.places_used, there.new_this_month, there.over_standard) == (1, 1, 0)


def test_an_official_sees_only_her_municipality_and_no_names(
    busy_centre, other_centre, harmanli_official, manager, psychologist, person, client_of
):
    client = client_of(harmanli_official)
    html = client.get("/oversight/").content.decode()
    assert busy_centre.name in html and "Община Харманли" in html
    assert other_centre.name not in html
    assert "2 / 3 (67%)" in html
    assert 'href="/oversight/reports/"' in html  # the roll-up statistics of the reporting app
    assert "1 от 2 специалисти над стандарта" in html  # the manager works on none
    for name in (
        person.full_name,
        person.first_name,
        manager.get_full_name(),
        psychologist.get_full_name(),
    ):
        assert name not in html
    numbers = busy_centre.cases.values_list("number", flat=True)
    detail = client.get(f"/oversight/centres/{busy_centre.slug}/").content.decode()
    assert "Заети места във времето" in detail and "специалист 1" in detail
    for text in (person.full_name, psychologist.get_full_name(), *numbers):
        assert text not in html and text not in detail
    assert client.get(f"/oversight/centres/{other_centre.slug}/").status_code == 404


def test_the_national_official_and_the_administrator_see_every_centre(
    centre, other_centre, national_official, sysadmin, client_of
):
    for user in (national_official, sysadmin):
        html = client_of(user).get("/oversight/").content.decode()
        assert centre.name in html and other_centre.name in html
        assert client_of(user).get(f"/oversight/centres/{other_centre.slug}/").status_code == 200


def test_staff_and_strangers_get_404(centre, manager, accountant, outsider_manager, client_of):
    for user in (manager, accountant, outsider_manager):
        client = client_of(user)
        assert client.get("/oversight/").status_code == 404
        assert client.get("/oversight/charts/").status_code == 404
        assert client.get(f"/oversight/centres/{centre.slug}/").status_code == 404


def test_without_sign_in_the_login_page_comes_first(centre, client):
    response = client.get("/oversight/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_password_alone_is_not_enough(harmanli_official, client):
    client.force_login(harmanli_official)  # no code yet
    response = client.get("/oversight/")
    assert response.status_code == 302 and "/accounts/code/" in response["Location"]


def test_the_total_charts_sum_the_scope(busy_centre, other_centre, harmanli_official, client_of):
    second = CentreFactory(
        slug="harmanli-2", name="ЦОП Харманли 2", municipality="Харманли", capacity=5
    )
    response = client_of(harmanli_official).get("/oversight/charts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Общо за община Харманли" in html
    assert "капацитет: 8" in html  # 3 + 5; Хасково is not in the scope
    assert second.capacity == 5
    bad = client_of(harmanli_official).get("/oversight/charts/", {"period": "x"})
    assert "Няма такъв период" in bad.content.decode()


def test_home_sends_an_official_to_the_overview(centre, harmanli_official, sysadmin, client_of):
    response = client_of(harmanli_official).get("/")
    assert response.status_code == 302 and response["Location"] == "/oversight/"
    admin_home = client_of(sysadmin).get("/").content.decode()
    assert 'href="/oversight/"' in admin_home


def test_an_official_who_is_also_staff_goes_to_her_centre(centre, harmanli_official, client_of):
    Membership.objects.create(user=harmanli_official, centre=centre, role=Role.SOCIAL_WORKER)
    response = client_of(harmanli_official).get("/")
    assert response.status_code == 302 and response["Location"] == f"/c/{centre.slug}/"


def test_granting_and_revoking_are_audited(sysadmin):
    user = UserFactory(username="obshtina.dragoman")
    access = grant_oversight(user, actor=sysadmin, municipality=" Драгоман ")
    assert access.municipality == "Драгоман"
    grant_oversight(user, actor=sysadmin, municipality="Харманли")
    assert OversightAccess.objects.get(user=user).municipality == "Харманли"
    revoke_oversight(OversightAccess.objects.get(user=user), actor=sysadmin)
    assert not OversightAccess.objects.filter(user=user).exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="oversight.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == ["oversight.grant", "oversight.grant", "oversight.revoke"]
    assert admin.site.is_registered(OversightAccess)


def test_an_inactive_centre_is_out_of_every_scope(centre, harmanli_official, client_of):
    centre.is_active = False
    centre.save()
    # Nothing left to oversee: the official is like a stranger there.
    assert client_of(harmanli_official).get("/oversight/").status_code == 404


def test_the_overview_costs_the_same_queries_for_one_centre_and_many(
    centre, manager, national_official, client_of
):
    client = client_of(national_official)
    make_case(centre, manager, CaseStatus.ACTIVE)
    client.get("/oversight/")
    with CaptureQueriesContext(connection) as one:
        client.get("/oversight/")
    for n in range(4):
        more = CentreFactory(slug=f"more-{n}", municipality=f"Община {n}", capacity=4)
        lead = make_member(more, Role.MANAGER)
        make_case(more, lead, CaseStatus.ACTIVE)
        make_case(more, lead, CaseStatus.WAITLISTED)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/oversight/").content.decode()
    assert html.count("oversight/centres/") == 5
    assert len(many) == len(one) <= 20
