"""The case timeline: status history, referral, tasks and the session log, newest first; the other
apps' providers are tested by their owners."""

import sys
import types
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.consultations.enums import SessionKind, SessionStatus
from opora.core import timeline as core_timeline
from opora.core.timeline import TimelineEvent, case_timeline
from opora.tasks.domain import complete_task, create_task
from opora.tasks.enums import TaskKind
from tests.consultations.conftest import TODAY, TOMORROW, add_session
from tests.factories import make_case

BASE = "/c/harmanli"


def _ours(events):
    """Events of the apps under test here (other apps' providers may add theirs)."""
    return [e for e in events if e.kind.split(".")[0] in {"status", "referral", "task", "session"}]


def test_the_timeline_gathers_status_referral_tasks_and_sessions_newest_first(
    active_case, manager, psychologist
):
    held = add_session(
        active_case, psychologist, day=TODAY - timedelta(days=2), status=SessionStatus.HELD
    )
    add_session(
        active_case, psychologist, day=TODAY - timedelta(days=1), status=SessionStatus.NO_SHOW,
        status_note="Не дойдоха.",
    )  # fmt: skip
    add_session(active_case, psychologist, day=TOMORROW, kind=SessionKind.HOME_VISIT)
    task = create_task(
        centre=active_case.centre, actor=manager, kind=TaskKind.OTHER,
        title="Уведоми ОЗД", case=active_case, due_in=timedelta(hours=24),
    )  # fmt: skip
    complete_task(task, actor=manager, note="Уведомен по телефона.")

    events = _ours(case_timeline(active_case))

    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    kinds = [e.kind for e in events]
    assert kinds[0] == "session.planned"  # tomorrow: the top of the timeline
    assert {"status", "referral", "task", "task.done", "session.held", "session.no_show"} <= set(
        kinds
    )
    titles = [e.title for e in events]
    assert "Статус: Активен" in titles
    assert "Статус: Входящ" in titles
    assert "Планирана: Посещение в дома" in titles
    assert "Неявяване: Индивидуална психологическа консултация" in titles
    assert any(t.startswith("Насочване: ") for t in titles)
    no_show = next(e for e in events if e.kind == "session.no_show")
    assert "Не дойдоха." in no_show.detail
    assert no_show.actor == "Елена Колева"
    session_event = next(e for e in events if e.kind == "session.held")
    assert session_event.url == f"{BASE}/sessions/{held.pk}/"
    assert session_event.at == timezone.make_aware(datetime.combine(held.date, held.start_time))


def test_a_status_change_carries_its_note(active_case, manager):
    change_status(active_case, to_status=CaseStatus.UNDER_REVIEW, actor=manager, note="Нов риск")

    event = next(e for e in case_timeline(active_case) if e.title == "Статус: В преглед")

    assert event.detail == "Нов риск"
    assert event.actor == str(manager)


def test_other_cases_events_stay_out(active_case, roomy_centre, manager, psychologist):
    other = make_case(roomy_centre, manager, CaseStatus.ACTIVE)
    add_session(other, psychologist, day=TODAY, status=SessionStatus.HELD)

    events = case_timeline(active_case)

    assert not [e for e in events if e.kind.startswith("session")]


def test_an_app_without_a_timeline_module_is_skipped(monkeypatch, active_case):
    monkeypatch.setattr(core_timeline, "PROVIDER_APPS", ["consultations", "no_such_app"])

    assert case_timeline(active_case)


def test_a_provider_whose_own_import_fails_is_not_hidden(monkeypatch, tmp_path, active_case):
    (tmp_path / "timeline.py").write_text("import opora_no_such_dependency\n")
    package = types.ModuleType("opora.brokenapp")
    package.__path__ = [str(tmp_path)]
    monkeypatch.setitem(sys.modules, "opora.brokenapp", package)
    monkeypatch.setattr(core_timeline, "PROVIDER_APPS", ["brokenapp"])

    with pytest.raises(ModuleNotFoundError, match="opora_no_such_dependency"):
        case_timeline(active_case)


def test_events_with_a_date_or_a_naive_time_are_sorted_with_the_others(monkeypatch, active_case):
    module = types.ModuleType("opora.fakeapp.timeline")
    module.timeline_events = lambda case: [
        TimelineEvent(at=date(2000, 1, 1), kind="plan", title="Стара дата"),
        TimelineEvent(at=datetime(2100, 1, 1, 9), kind="review", title="Далечно бъдеще"),
    ]
    monkeypatch.setitem(sys.modules, "opora.fakeapp", types.ModuleType("opora.fakeapp"))
    monkeypatch.setitem(sys.modules, "opora.fakeapp.timeline", module)
    monkeypatch.setattr(core_timeline, "PROVIDER_APPS", ["fakeapp"])

    events = case_timeline(active_case)

    assert (events[0].title, events[-1].title) == ("Далечно бъдеще", "Стара дата")
    assert all(timezone.is_aware(e.at) for e in events)


# The page


def test_the_timeline_page_groups_by_day_with_upcoming_on_top(active_case, psychologist, client_of):
    add_session(active_case, psychologist, day=TOMORROW, at=time(11), kind=SessionKind.HOME_VISIT)
    add_session(active_case, psychologist, day=TODAY - timedelta(days=3), status=SessionStatus.HELD)

    response = client_of(psychologist).get(f"{BASE}/cases/{active_case.pk}/timeline/")

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index("Предстои")
        < html.index("Планирана: Посещение в дома")
        < html.index('data-testid="timeline"')
    )
    assert f"{(TODAY - timedelta(days=3)):%d.%m.%Y}" in html
    assert 'data-kind="session.held"' in html
    assert 'data-kind="status"' in html


def test_opening_the_timeline_is_audited(active_case, psychologist, client_of):
    from opora.audit.models import AuditEntry

    client_of(psychologist).get(f"{BASE}/cases/{active_case.pk}/timeline/")

    assert (
        AuditEntry.objects.filter(
            action="case.timeline.view", object_id=str(active_case.pk)
        ).count()
        == 1
    )


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_timeline_page_runs_the_same_queries_for_one_and_many_rows(
    active_case, manager, psychologist, social_worker, client_of
):
    client = client_of(psychologist)
    url = f"{BASE}/cases/{active_case.pk}/timeline/"
    add_session(active_case, psychologist, day=TODAY - timedelta(days=1), status=SessionStatus.HELD)
    one = _queries(client, url)

    for i in range(12):
        session = add_session(
            active_case, [psychologist, social_worker][i % 2], day=TODAY - timedelta(days=2 + i),
            status=[SessionStatus.HELD, SessionStatus.NO_SHOW, SessionStatus.CANCELLED][i % 3],
        )  # fmt: skip
        session.participants.set(active_case.people.all())
        session.staff.set([social_worker])
    for status in (CaseStatus.UNDER_REVIEW, CaseStatus.ACTIVE, CaseStatus.UNDER_REVIEW):
        change_status(active_case, to_status=status, actor=manager, note="Преглед")
    many = _queries(client, url)

    print(f"\n[queries] case timeline: 1 session -> {one}, 13 sessions and more history -> {many}")
    assert many == one


def test_a_planned_session_whose_day_has_passed_shows_as_not_recorded(active_case, psychologist):
    add_session(active_case, psychologist, day=TODAY - timedelta(days=1), kind=SessionKind.FAMILY)

    event = next(e for e in case_timeline(active_case) if e.kind == "session.planned")

    assert event.title == "Неотчетена (планирана): Семейна консултация"
