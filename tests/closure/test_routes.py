"""Every route of the reviews and closure apps, the way tests/web checks the whole staff UI.

Until tests/web/routes.py lists these routes, this module walks them from the resolver itself: a
stranger is sent to the login, the accountant gets 403, another centre's staff and the system
administrator get 404, each write succeeds for the centre's own manager, and each page opens.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from opora.cases.enums import CaseStatus
from opora.centres.models import Centre
from opora.closure.domain.follow_up import start_follow_up
from opora.closure.domain.reports import ReportContent, schedule_referrer_reports, update_report
from opora.closure.enums import Channel, FollowUpOutcome, GoalResult, ReportKind
from opora.deadlines.calendar import add_months
from opora.reviews.domain.review import start_review
from opora.reviews.enums import Progress, ReviewKind
from tests.closure.test_proposal_domain import propose
from tests.factories import make_case
from tests.reviews.casework import working_case
from tests.web.routes import staff_routes
from tests.web.state import changed_tables, database_state

APPS = ("reviews:", "closure:")
PAGES = {
    "reviews:list": "active",
    "reviews:detail": "review",
    "closure:page": "active",
    "closure:reports": "active",
    "closure:report": "report",
    "closure:print_report": "report",
    "closure:register": None,
}


def _day(delta_days: int = 0) -> str:
    return (timezone.localdate() + timedelta(days=delta_days)).strftime("%d.%m.%Y")


def _goals(case, value) -> dict:
    goals = case.plan_versions.get(status="approved").goals.all()
    return {f"goal_{g.pk}": value for g in goals}


# The write each route accepts from the centre's manager, and the record it acts on.
WRITES = {
    "reviews:start": ("active", lambda w: {"kind": ReviewKind.SCHEDULED}),
    "reviews:record": ("review", lambda w: {"held_on": _day()}),
    "reviews:complete": (
        "review",
        lambda w: {
            "held_on": _day(),
            "child_view": "Харесва ми.",
            "decisions": "Продължаваме.",
            "next_review_on": add_months(timezone.localdate(), 6).strftime("%d.%m.%Y"),
            **_goals(w["under_review"], Progress.IN_PROGRESS),
        },
    ),
    "closure:propose": (
        "active",
        lambda w: {
            "reason": "goals_achieved",
            "final_assessment": "Целите са постигнати.",
            **_goals(w["active"], GoalResult.ACHIEVED),
        },
    ),
    "closure:approve": ("closing", lambda w: {"comment": ""}),
    "closure:return_closure": ("closing", lambda w: {"comment": "Допълнете оценката."}),
    "closure:start_follow_up": ("closed", lambda w: {"follow_up_on": _day(30)}),
    "closure:record_follow_up": (
        "following",
        lambda w: {"contacted_on": _day(), "note": "Добре са.", "outcome": FollowUpOutcome.CLOSED},
    ),
    "closure:reopen": ("closed", lambda w: {"reason": "Нов сигнал от училището."}),
    "closure:add_report": ("active", lambda w: {"kind": ReportKind.NEW_RISK, "due_on": _day()}),
    "closure:edit_report": ("report", lambda w: {"due_on": _day(10), "progress": "Напредък."}),
    "closure:send_report": (
        "report",
        lambda w: {"sent_on": _day(), "channel": Channel.EMAIL, "reference_number": "12/2026"},
    ),
    "closure:cancel_report": ("report", lambda w: {"reason": "ОЗД прекрати мярката."}),
}


@pytest.fixture
def world(centre, manager, psychologist, social_worker, accountant):
    Centre.objects.filter(pk=centre.pk).update(capacity=6)
    centre.refresh_from_db()
    closed = make_case(centre, manager, CaseStatus.CLOSED, case_manager=psychologist)
    following = make_case(centre, manager, CaseStatus.CLOSED, case_manager=psychologist)
    start_follow_up(
        following, actor=manager, follow_up_on=timezone.localdate() + timedelta(days=20)
    )
    active = working_case(centre, manager, psychologist)
    closing = working_case(centre, manager, psychologist)
    propose(closing, psychologist)
    under_review = working_case(centre, manager, psychologist)
    review = start_review(under_review, actor=psychologist, kind=ReviewKind.SCHEDULED)
    report = schedule_referrer_reports(active, actor=manager)
    update_report(
        report,
        actor=manager,
        content=ReportContent(due_on=report.due_on, progress="Детето посещава училище.",
                              addressee_institution="ОЗД – Харманли"),
    )  # fmt: skip
    return {
        "closed": closed, "following": following, "active": active, "closing": closing,
        "under_review": under_review, "review": review, "report": report,
    }  # fmt: skip


def _routes():
    return [r for r in staff_routes() if r.name.startswith(APPS)]


def _url(route, world, target: str | None) -> str:
    ids = {}
    for name in route.object_kwargs:
        record = world[target]
        ids[name] = record.pk
    return route.url("harmanli", **ids)


def _target(name: str) -> str | None:
    return PAGES[name] if name in PAGES else WRITES[name][0]


def _data(name: str, world) -> dict:
    return WRITES[name][1](world) if name in WRITES else {}


def test_every_route_of_the_two_apps_is_a_page_or_a_write():
    names = {r.name for r in _routes()}

    assert names == set(PAGES) | set(WRITES)


def test_each_write_succeeds_for_the_centres_manager(world, manager, client_of):
    client = client_of(manager)
    outcomes = {}

    for route in _routes():
        if route.name not in WRITES:
            continue
        with transaction.atomic():
            before = database_state()
            response = client.post(
                _url(route, world, _target(route.name)), _data(route.name, world)
            )
            changed = bool(changed_tables(before, database_state()))
            outcomes[route.name] = (response.status_code, changed)
            transaction.set_rollback(True)

    assert outcomes == dict.fromkeys(WRITES, (302, True))


def test_each_page_opens_for_the_manager_and_post_only_routes_refuse_get(world, manager, client_of):
    client = client_of(manager)
    problems = []

    for route in _routes():
        expected = 200 if route.name in PAGES else 405
        url = _url(route, world, _target(route.name))
        if (got := client.get(url).status_code) != expected:
            problems.append(f"GET {url}: {got}")

    assert problems == []


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("accountant", 403),
        ("outsider_manager", 404),
        ("outsider_psychologist", 404),
        ("sysadmin", 404),
    ],
)
def test_every_route_refuses_the_accountant_and_outsiders_and_changes_nothing(
    world, who, expected, client_of, request
):
    client = client_of(request.getfixturevalue(who))
    before = database_state()
    problems = []

    for route in _routes():
        url = _url(route, world, _target(route.name))
        for method, response in (("GET", client.get(url)), ("POST", client.post(url, _data(route.name, world)))):  # fmt: skip
            if response.status_code != expected:
                problems.append(f"{method} {url}: {response.status_code}")

    assert problems == []
    assert changed_tables(before, database_state()) == []


def test_every_route_sends_a_stranger_to_the_login(world):
    client = Client()

    for route in _routes():
        url = _url(route, world, _target(route.name))
        for response in (client.get(url), client.post(url, _data(route.name, world))):
            assert response.status_code == 302
            assert response.url.startswith("/accounts/login/")


def test_own_centre_ids_of_another_centre_answer_like_missing_ids(world, outsider_psychologist, outsider_manager, client_of):  # fmt: skip
    for outsider in (outsider_psychologist, outsider_manager):
        client = client_of(outsider)
        for route in _routes():
            if not route.object_kwargs:
                continue
            theirs = _url(route, world, _target(route.name)).replace("/c/harmanli/", "/c/haskovo/")
            missing = route.url("haskovo", **dict.fromkeys(route.object_kwargs, 987654))
            for method in ("get", "post"):
                got = getattr(client, method)(theirs).status_code
                assert got == getattr(client, method)(missing).status_code, (method, theirs)
                assert got in (403, 404, 405)
