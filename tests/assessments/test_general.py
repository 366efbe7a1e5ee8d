"""General-access consultations (ЗСУ чл. 12, ал. 2, т. 1): open, the 2-month limit, close, refer."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.cases.domain.general import consultation_term, refer_from_consultation
from opora.cases.enums import CaseStatus, Track
from opora.cases.models import Case
from opora.centres.domain import settings_for
from opora.centres.enums import Service
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from tests.factories import make_case, put_on_team
from tests.web.state import changed_tables, database_state

TODAY = timezone.localdate


def _open_url(person) -> str:
    return f"/c/harmanli/consultations/general/new/{person.pk}/"


def _case_url(case, action: str) -> str:
    return f"/c/harmanli/consultations/general/{case.pk}/{action}/"


def _panel(case, user) -> str:
    request = RequestFactory().get("/")
    request.user, request.centre = user, case.centre
    context = {"case": case, "centre": case.centre, "request": request}
    return render_to_string("cases/_general_panel.html", context)


def _started_days_ago(case, days: int) -> Case:
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=days))
    case.refresh_from_db()
    return case


# Opening


def test_opening_creates_the_limit_deadline_with_the_centres_months(
    centre, person, social_worker, client_of
):
    centre_settings = settings_for(centre)
    centre_settings.general_access_limit_months = 1
    centre_settings.save()

    response = client_of(social_worker).post(
        _open_url(person), {"services": [Service.GENERAL_INFO], "note": "Въпроси за помощи."}
    )

    case = Case.objects.get(primary_person=person)
    assert response.status_code == 302
    assert response["Location"] == f"/c/harmanli/cases/{case.pk}/"
    assert (case.track, case.status) == (Track.GENERAL, CaseStatus.CONSULTATION_OPEN)
    deadline = Deadline.objects.get(case=case, kind=DeadlineKind.GENERAL_ACCESS_LIMIT)
    assert deadline.due_on == add_months(TODAY(), 1)
    assert deadline.warn_from == deadline.due_on - timedelta(days=14)


def test_opening_needs_a_general_access_service(centre, person, social_worker, client_of):
    client = client_of(social_worker)

    empty = client.post(_open_url(person), {"services": []})
    specialised = client.post(_open_url(person), {"services": [Service.THERAPY]})

    assert empty.status_code == 400
    assert "Изберете общодостъпна услуга." in empty.content.decode()
    assert specialised.status_code == 400
    assert "Изберете услуга от списъка." in specialised.content.decode()
    assert not Case.objects.exists()


def test_the_open_page_warns_of_an_open_consultation(centre, person, manager, client_of):
    make_case(centre, manager, CaseStatus.CONSULTATION_OPEN, person=person)

    html = client_of(manager).get(_open_url(person)).content.decode()

    assert 'data-testid="open-consultations"' in html


def test_the_person_page_offers_a_consultation(centre, person, social_worker, client_of):
    html = client_of(social_worker).get(f"/c/harmanli/people/{person.pk}/").content.decode()

    assert _open_url(person) in html
    assert "Общодостъпна консултация" in html


def test_an_outsider_cannot_open_one_for_another_centres_person(
    centre, person, outsider_manager, other_centre, client_of
):
    client = client_of(outsider_manager)
    before = database_state()

    own = f"/c/{other_centre.slug}/consultations/general/new/{person.pk}/"
    answers = {
        client.get(_open_url(person)).status_code,
        client.post(_open_url(person), {"services": [Service.GENERAL_INFO]}).status_code,
        client.get(own).status_code,
        client.post(own, {"services": [Service.GENERAL_INFO]}).status_code,
    }

    assert answers == {404}
    assert changed_tables(before, database_state()) == []


def test_the_accountant_cannot_open_close_or_refer(centre, person, manager, accountant, client_of):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)
    client = client_of(accountant)
    before = database_state()

    answers = {
        client.get(_open_url(person)).status_code,
        client.post(_open_url(person), {"services": [Service.GENERAL_INFO]}).status_code,
        client.post(_case_url(case, "close"), {"note": "Край"}).status_code,
        client.post(_case_url(case, "refer"), {"note": "Нужна терапия"}).status_code,
    }

    assert answers == {403}
    assert changed_tables(before, database_state()) == []


# The limit on the case page


def test_no_warning_early_in_the_episode(centre, manager):
    case = _started_days_ago(make_case(centre, manager, CaseStatus.CONSULTATION_OPEN), 5)

    html = _panel(case, manager)

    assert 'data-testid="general-panel"' in html
    assert "general-limit-warning" not in html
    assert "general-limit-over" not in html


def test_the_warning_shows_inside_the_last_14_days(centre, manager):
    case = _started_days_ago(make_case(centre, manager, CaseStatus.CONSULTATION_OPEN), 50)
    term = consultation_term(case)

    html = _panel(case, manager)

    assert 0 <= term.days_left <= 14
    assert 'data-testid="general-limit-warning"' in html
    assert f"Срокът от 2 месеца за общодостъпна услуга изтича на {term.ends_on:%d.%m.%Y}." in html


def test_over_the_limit_the_panel_turns_red(centre, manager):
    case = _started_days_ago(make_case(centre, manager, CaseStatus.CONSULTATION_OPEN), 70)
    term = consultation_term(case)

    html = _panel(case, manager)

    assert term.is_over
    assert 'class="errorbox" role="alert" data-testid="general-limit-over"' in html
    assert f"изтече на {term.ends_on:%d.%m.%Y}" in html
    assert "general-limit-warning" not in html


def test_a_closed_consultation_shows_no_warning(centre, manager):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_CLOSED)
    case = _started_days_ago(case, 70)

    html = _panel(case, manager)

    assert "general-limit" not in html
    assert "Получи нужната информация." in html


def test_the_panel_is_empty_for_a_specialised_case(centre, manager):
    case = make_case(centre, manager, CaseStatus.ASSESSMENT)

    assert _panel(case, manager).strip() == ""


def test_the_panel_uses_the_centres_months(centre, manager):
    centre_settings = settings_for(centre)
    centre_settings.general_access_limit_months = 1
    centre_settings.save()
    case = _started_days_ago(make_case(centre, manager, CaseStatus.CONSULTATION_OPEN), 20)

    html = _panel(case, manager)

    assert "Срокът от 1 месец за общодостъпна услуга изтича на" in html


# Closing and referring


def test_closing_with_a_note(centre, manager, social_worker, client_of):
    case = put_on_team(make_case(centre, manager, CaseStatus.CONSULTATION_OPEN), social_worker)

    response = client_of(social_worker).post(
        _case_url(case, "close"), {"note": "Получи информация за помощите."}
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == CaseStatus.CONSULTATION_CLOSED
    assert case.outcome_note == "Получи информация за помощите."
    assert not Deadline.objects.filter(case=case, cancelled_at=None, done_at=None).exists()


def test_closing_needs_the_outcome(centre, manager, client_of):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    response = client_of(manager).post(_case_url(case, "close"), {"note": " "})

    assert response.status_code == 400
    assert "Опишете накратко резултата от консултацията." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.CONSULTATION_OPEN


def test_closing_twice_is_refused(centre, manager, client_of):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_CLOSED)

    response = client_of(manager).post(_case_url(case, "close"), {"note": "Отново"})

    assert response.status_code == 400
    assert "Консултацията вече е приключена." in response.content.decode()


def test_referring_closes_the_episode_and_opens_the_referral_form(
    centre, manager, social_worker, client_of
):
    case = put_on_team(make_case(centre, manager, CaseStatus.CONSULTATION_OPEN), social_worker)
    client = client_of(social_worker)

    response = client.post(_case_url(case, "refer"), {"note": "Нужна е психологическа терапия."})

    case.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/c/harmanli/referrals/new/?person={case.primary_person_id}"
    assert case.status == CaseStatus.CONSULTATION_CLOSED
    assert case.outcome_note == (
        "Насочване към специализирана услуга: Нужна е психологическа терапия."
    )
    assert AuditEntry.objects.filter(action="consultation.refer", object_id=str(case.pk)).exists()
    form = client.get(response["Location"])
    assert form.status_code == 200
    assert case.primary_person.full_name in form.content.decode()


def test_referring_a_specialised_case_is_refused(centre, manager, client_of):
    case = make_case(centre, manager, CaseStatus.ASSESSMENT)

    response = client_of(manager).post(_case_url(case, "refer"), {"note": "Х"})

    assert response.status_code == 400
    assert "Това не е общодостъпна консултация." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSMENT


def test_referring_needs_the_reason(centre, manager):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    with pytest.raises(DomainError, match="защо е нужна специализирана услуга"):
        refer_from_consultation(case, actor=manager, note="  ")

    case.refresh_from_db()
    assert case.status == CaseStatus.CONSULTATION_OPEN


@pytest.mark.parametrize("action", ["close", "refer"])
def test_the_close_and_refer_pages_open_for_any_case(action, centre, manager, client_of):
    general = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)
    specialised = make_case(centre, manager, CaseStatus.ASSESSMENT)
    client = client_of(manager)

    assert client.get(_case_url(general, action)).status_code == 200
    explained = client.get(_case_url(specialised, action))
    assert explained.status_code == 200
    assert "не е общодостъпна консултация" in explained.content.decode()


def test_an_outsider_cannot_close_another_centres_consultation(
    centre, manager, outsider_manager, other_centre, client_of
):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)
    client = client_of(outsider_manager)
    before = database_state()

    answers = set()
    for action in ("close", "refer"):
        for slug in ("harmanli", other_centre.slug):
            url = f"/c/{slug}/consultations/general/{case.pk}/{action}/"
            answers |= {client.get(url).status_code, client.post(url, {"note": "Х"}).status_code}

    assert answers == {404}
    assert changed_tables(before, database_state()) == []
