"""Sensitivity of session notes: a psychologists-only note is read by the psychologists on the case
(and its author), never by the rest of the team — not on the session page, the case page, the log,
the timeline and its search, the calendar or the day list. The fact of the session (date, kind,
who led it) stays visible to the team, and the counts count every session (decided: a session
that took place is not hidden, only its text)."""

from datetime import time

import pytest

from opora.accounts.enums import Role
from opora.cases.domain.access import readable_levels
from opora.cases.domain.access_requests import grant_case_access, request_case_access
from opora.cases.models import CaseTeamMember
from opora.consultations.domain import sessions as domain
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.core.errors import DomainError
from opora.core.sensitivity import Sensitivity
from tests.consultations.conftest import (
    TODAY,
    add_session,
    plan_with_goal,
    session_data,
    sign_contract,
)
from tests.factories import make_member, put_on_team

BASE = "/c/harmanli"
THERAPY = "Детето разказа за кошмарите си след раздялата."
NEXT = "Работа с рисунки за страховете."
TEAM_NOTE = "Майката дойде навреме и беше спокойна."


@pytest.fixture
def team(active_case, manager, psychologist, social_worker):
    """The active case, led by the psychologist, with the social worker on its team."""
    sign_contract(active_case, manager)
    return put_on_team(active_case, social_worker)


@pytest.fixture
def therapy(team, psychologist):
    """A held session whose notes only the psychologists on the case may read."""
    return add_session(
        team, psychologist, day=TODAY, status=SessionStatus.HELD,
        notes=THERAPY, next_steps=NEXT, sensitivity=Sensitivity.PSYCHOLOGISTS,
    )  # fmt: skip


@pytest.fixture
def ordinary(team, psychologist):
    """A held session with a note for the whole team."""
    return add_session(
        team, psychologist, day=TODAY, at=time(12), status=SessionStatus.HELD, notes=TEAM_NOTE,
        kind=SessionKind.SOCIAL,
    )  # fmt: skip


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _pages(case, session, psychologist) -> dict[str, str]:
    return {
        "session page": f"{BASE}/sessions/{session.pk}/",
        "case page": f"{BASE}/cases/{case.pk}/",
        "session log": f"{BASE}/cases/{case.pk}/sessions/",
        "timeline": f"{BASE}/cases/{case.pk}/timeline/",
        "timeline search": f"{BASE}/cases/{case.pk}/timeline/?q=кошмарите",
        "calendar": f"{BASE}/calendar/?staff={psychologist.pk}",
        "day list": f"{BASE}/calendar/day/?staff={psychologist.pk}",
    }


def test_the_social_worker_on_the_team_never_sees_a_psychologists_note(
    team, therapy, ordinary, psychologist, social_worker, client_of
):
    client = client_of(social_worker)

    for name, url in _pages(team, therapy, psychologist).items():
        html = _html(client, url)
        assert THERAPY not in html, name
        assert NEXT not in html, name

    assert "Бележката е с ограничен достъп" in _html(client, f"{BASE}/sessions/{therapy.pk}/")
    assert TEAM_NOTE in _html(client, f"{BASE}/sessions/{ordinary.pk}/")


def test_the_fact_of_the_session_stays_visible_to_the_team(team, therapy, social_worker, client_of):
    html = _html(client_of(social_worker), f"{BASE}/sessions/{therapy.pk}/")

    assert 'data-testid="session-restricted"' in html
    assert therapy.date.strftime("%d.%m.%Y") in html
    assert therapy.get_kind_display() in html
    assert str(therapy.lead) in html
    timeline = _html(client_of(social_worker), f"{BASE}/cases/{team.pk}/timeline/")
    assert f"/sessions/{therapy.pk}/" in timeline
    assert 'data-testid="event-restricted"' in timeline


def test_the_timeline_search_finds_the_note_only_for_who_may_read_it(
    team, therapy, psychologist, social_worker, client_of
):
    url = f"{BASE}/cases/{team.pk}/timeline/?q=КОШМАРИТЕ"

    for_psychologist = _html(client_of(psychologist), url)
    for_social_worker = _html(client_of(social_worker), url)

    assert THERAPY in for_psychologist
    assert "Намерени събития за „КОШМАРИТЕ“: <strong>1</strong>" in for_psychologist
    assert THERAPY not in for_social_worker
    assert "<strong>0</strong>" in for_social_worker


def test_the_timeline_search_folds_cyrillic_and_latin(team, ordinary, psychologist, client_of):
    html = _html(client_of(psychologist), f"{BASE}/cases/{team.pk}/timeline/?q=spokoina")

    assert TEAM_NOTE in html


def test_the_psychologist_on_the_case_reads_it_everywhere(team, therapy, psychologist, client_of):
    client = client_of(psychologist)

    assert THERAPY in _html(client, f"{BASE}/sessions/{therapy.pk}/")
    assert THERAPY in _html(client, f"{BASE}/cases/{team.pk}/timeline/")
    assert THERAPY in _html(client, f"{BASE}/cases/{team.pk}/timeline/?q=раздялата")


def test_a_psychologist_off_the_team_with_a_grant_does_not_read_it(
    team, therapy, centre, manager, client_of
):
    """Therapy notes are for the psychologists on the case team; a grant opens the case only."""
    colleague = make_member(centre, Role.PSYCHOLOGIST, first_name="Ива", last_name="Друга")
    grant_case_access(
        request_case_access(team, actor=colleague, reason="Замествам."), actor=manager
    )

    html = _html(client_of(colleague), f"{BASE}/sessions/{therapy.pk}/")

    assert THERAPY not in html
    assert "Бележката е с ограничен достъп" in html


def test_the_manager_reads_team_and_manager_notes_but_not_therapy_notes(
    team, therapy, manager, psychologist
):
    levels = readable_levels(manager, team)

    assert levels == {Sensitivity.TEAM, Sensitivity.MANAGER}
    assert readable_levels(psychologist, team) == {Sensitivity.TEAM, Sensitivity.PSYCHOLOGISTS}


def test_the_author_always_reads_her_own_note(team, social_worker, client_of):
    own = add_session(
        team, social_worker, day=TODAY, status=SessionStatus.HELD,
        notes=THERAPY, sensitivity=Sensitivity.MANAGER,
    )  # fmt: skip

    assert THERAPY in _html(client_of(social_worker), f"{BASE}/sessions/{own.pk}/")


def test_the_counts_count_every_session_and_show_no_text(
    team, therapy, ordinary, psychologist, social_worker, client_of
):
    for user in (psychologist, social_worker):
        html = _html(client_of(user), f"{BASE}/cases/{team.pk}/")
        assert '<span data-testid="sessions-held">2</span>' in html
        assert THERAPY not in html


def test_who_may_not_read_the_note_may_not_edit_or_cancel_the_session(
    team, psychologist, social_worker, client_of
):
    planned = add_session(
        team, psychologist, day=TODAY, notes=THERAPY, sensitivity=Sensitivity.PSYCHOLOGISTS
    )
    client = client_of(social_worker)

    edit = client.get(f"{BASE}/sessions/{planned.pk}/edit/")
    cancel = client.post(f"{BASE}/sessions/{planned.pk}/cancel/", {"reason": "Болно дете"})

    assert (edit.status_code, cancel.status_code) == (403, 403)
    assert THERAPY not in edit.content.decode()
    planned.refresh_from_db()
    assert planned.status == SessionStatus.PLANNED


def test_the_form_offers_the_levels_in_plain_words_and_saves_the_choice(
    team, manager, psychologist, client_of
):
    plan_with_goal(team, manager)
    url = f"{BASE}/cases/{team.pk}/sessions/log/"
    client = client_of(psychologist)

    page = _html(client, url)
    posted = client.post(
        url,
        {
            "kind": "individual_psych",
            "date": TODAY.strftime("%d.%m.%Y"),
            "start_time": "08:00",
            "duration_minutes": "50",
            "setting": "centre",
            "lead": psychologist.pk,
            "participants": [team.people.get(person=team.primary_person).pk],
            "notes": THERAPY,
            "sensitivity": Sensitivity.PSYCHOLOGISTS,
        },
    )

    assert "Терапевтични бележки — само психолозите по случая" in page
    assert posted.status_code == 302
    assert Session.objects.get(notes=THERAPY).sensitivity == Sensitivity.PSYCHOLOGISTS


def test_an_unknown_level_is_refused_in_bulgarian(team, manager, psychologist, client_of):
    url = f"{BASE}/cases/{team.pk}/sessions/log/"

    response = client_of(psychologist).post(
        url,
        {
            "kind": "individual_psych",
            "date": TODAY.strftime("%d.%m.%Y"),
            "start_time": "08:00",
            "duration_minutes": "50",
            "lead": psychologist.pk,
            "setting": "centre",
            "participants": [team.people.get(person=team.primary_person).pk],
            "sensitivity": "everyone",
        },
    )

    assert response.status_code == 400
    assert "Изберете кой може да чете бележките." in response.content.decode()
    assert not Session.objects.exists()


def test_the_domain_refuses_an_unknown_level(team, psychologist):
    with pytest.raises(DomainError, match="Изберете кой може да чете бележките"):
        domain.record_session(
            team, actor=psychologist, data=session_data(team, psychologist, sensitivity="x")
        )


def test_naming_a_colleague_on_a_session_puts_her_on_the_case_team(
    team, manager, psychologist, centre
):
    pedagogue = make_member(centre, Role.PEDAGOGUE)

    domain.record_session(
        team, actor=psychologist,
        data=session_data(team, psychologist, staff=(pedagogue,), kind="individual_psych"),
    )  # fmt: skip

    assert CaseTeamMember.objects.filter(case=team, user=pedagogue).exists()
