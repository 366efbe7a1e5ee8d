"""The fostering pages: the counter, the progress, Bulgarian refusals, sensitivity and tenancy."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.core.sensitivity import Sensitivity
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.assessment import ContactData, record_contact
from opora.fostering.domain.settings import settings_of
from opora.fostering.enums import CandidateStatus, ContactKind
from opora.fostering.models import Candidate
from opora.groups.enums import ProgrammeKind
from tests.factories import PersonFactory
from tests.fostering.records import (
    APPLICATION_DAYS_AGO,
    days_ago,
    make_adopters,
    make_candidate,
    place,
    train,
)
from tests.web.state import changed_tables, database_state

S = CandidateStatus


def _url(name: str, **kwargs) -> str:
    return reverse(f"fostering:{name}", kwargs={"centre": "harmanli", **kwargs})


def _days_left() -> int:
    return (add_months(days_ago(APPLICATION_DAYS_AGO), 4) - timezone.localdate()).days


def test_the_candidate_page_shows_the_pipeline_the_progress_and_the_counter(
    candidate_at, social_worker, client_of
):
    candidate = candidate_at(S.ASSESSMENT)

    response = client_of(social_worker).get(_url("candidate", candidate_id=candidate.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"остават {_days_left()} дни до края на оценката" in html
    assert "Срещи 0/4, посещения в дома 0/2, препоръки 0/2, обучение 0/12 ч." in html
    assert 'aria-current="step">Оценка</li>' in html


def test_an_overdue_assessment_is_red_on_the_page_and_in_the_list(
    candidate_at, manager, social_worker, client_of
):
    candidate = candidate_at(S.ASSESSMENT)
    candidate.deadlines.update(due_on=timezone.localdate() - timedelta(days=5))
    client = client_of(social_worker)

    page = client.get(_url("candidate", candidate_id=candidate.pk)).content.decode()
    listing = client.get(_url("candidates")).content.decode()

    for html in (page, listing):
        assert 'class="fc-counter late"' in html
        assert "просрочено с 5 дни (края на оценката)" in html


def test_the_list_groups_the_candidates_by_stage_and_filters_them(
    candidate_at, social_worker, client_of
):
    candidate_at(S.ENQUIRY)
    candidate_at(S.ASSESSMENT, surname="Илиеви")
    client = client_of(social_worker)

    everyone = client.get(_url("candidates")).content.decode()
    assessed = client.get(_url("candidates") + "?status=assessment").content.decode()
    nonsense = client.get(_url("candidates") + "?status=%00nonsense")

    assert 'data-testid="candidates-enquiry"' in everyone
    assert 'data-testid="candidates-assessment"' in everyone
    assert 'data-testid="candidates-enquiry"' not in assessed
    assert "Мария Илиева и Иван Илиев" in assessed
    assert nonsense.status_code == 200


def test_an_extension_without_a_reason_is_a_bulgarian_error_and_saves_nothing(
    candidate_at, social_worker, client_of
):
    candidate = candidate_at(S.ASSESSMENT)
    before = database_state()

    response = client_of(social_worker).post(
        _url("extend_assessment", candidate_id=candidate.pk),
        {"extension-months": "2", "extension-reason": " "},
    )

    assert response.status_code == 400
    assert "Посочете писмено мотивите за удължаването на срока." in response.content.decode()
    assert changed_tables(before, database_state()) == []


def test_an_extension_beyond_the_limit_is_refused_by_the_form(
    candidate_at, social_worker, client_of
):
    candidate = candidate_at(S.ASSESSMENT)
    before = database_state()

    response = client_of(social_worker).post(
        _url("extend_assessment", candidate_id=candidate.pk),
        {"extension-months": "3", "extension-reason": "Болест."},
    )

    assert response.status_code == 400
    assert (
        "Изберете валиден избор" in response.content.decode()
        or "валиден" in response.content.decode()
    )
    assert changed_tables(before, database_state()) == []


def test_a_step_not_in_the_table_is_refused_through_the_page(candidate_at, manager, client_of):
    candidate = candidate_at(S.ENQUIRY)
    before = database_state()

    response = client_of(manager).post(
        _url("change_status", candidate_id=candidate.pk), {"step-to_status": S.APPROVED}
    )

    assert response.status_code == 400
    assert changed_tables(before, database_state()) == []
    assert Candidate.objects.get(pk=candidate.pk).status == S.ENQUIRY


def test_notes_follow_their_sensitivity(
    candidate_at, centre, manager, psychologist, social_worker, client_of
):
    candidate = candidate_at(S.ASSESSMENT, worker=psychologist)
    secret = "Кандидатката описа травма от детството."
    record_contact(
        candidate,
        actor=psychologist,
        data=ContactData(
            kind=ContactKind.MEETING,
            held_on=timezone.localdate(),
            notes=secret,
            sensitivity=Sensitivity.PSYCHOLOGISTS,
        ),
    )
    url = _url("candidate", candidate_id=candidate.pk)

    seen = {
        who.username: secret in client_of(who).get(url).content.decode()
        for who in (psychologist, social_worker, manager)
    }

    assert seen == {"psychologist": True, "social_worker": False, "manager": False}
    assert "Бележките са поверителни" in client_of(social_worker).get(url).content.decode()


def test_opening_a_candidate_is_recorded_in_the_audit(candidate_at, social_worker, client_of):
    candidate = candidate_at()

    client_of(social_worker).get(_url("candidate", candidate_id=candidate.pk))

    entry = AuditEntry.objects.filter(action="fostering.candidate.view").get()
    assert (entry.actor, entry.object_id) == (social_worker, str(candidate.pk))


def test_my_work_and_the_overdue_list_link_to_the_candidate(
    candidate_at, manager, social_worker, client_of
):
    candidate = candidate_at(S.ASSESSMENT)
    candidate.deadlines.update(due_on=timezone.localdate() - timedelta(days=2))
    link = f'href="{_url("candidate", candidate_id=candidate.pk)}"'

    mine = client_of(social_worker).get("/c/harmanli/my-work/").content.decode()
    overdue = client_of(manager).get("/c/harmanli/deadlines/overdue/").content.decode()
    per_kind = client_of(manager).get(
        f"/c/harmanli/deadlines/overdue/?kind={DeadlineKind.CANDIDATE_ASSESSMENT}"
    )

    for html in (mine, overdue, per_kind.content.decode()):
        assert link in html
        assert candidate.name in html
    assert "Иван Димитров" in overdue  # the candidate's worker answers for it


def test_the_accountant_sees_no_fostering_page(candidate_at, accountant, client_of):
    candidate = candidate_at(S.APPROVED)
    client = client_of(accountant)

    answers = [
        client.get(url).status_code
        for url in (
            _url("candidates"),
            _url("candidate", candidate_id=candidate.pk),
            _url("register"),
            _url("adopters"),
        )
    ]

    assert answers == [403, 403, 403, 403]


@pytest.mark.parametrize("who", ["outsider_manager", "outsider_psychologist"])
def test_another_centres_staff_get_404_on_every_fostering_page(
    who, candidate_at, centre, manager, client_of, request
):
    candidate = candidate_at(S.APPROVED)
    adopters = make_adopters(centre, manager)
    placement = place(candidate, manager)
    client = client_of(request.getfixturevalue(who))
    urls = [
        _url("candidates"),
        _url("register"),
        _url("adopters"),
        _url("candidate", candidate_id=candidate.pk),
        _url("add_member", candidate_id=candidate.pk),
        _url("placement", placement_id=placement.pk),
        _url("adopter", adopter_id=adopters.pk),
    ]
    before = database_state()

    answers = {url: (client.get(url).status_code, client.post(url, {}).status_code) for url in urls}

    assert answers == dict.fromkeys(urls, (404, 404))
    assert changed_tables(before, database_state()) == []


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_lists_run_the_same_queries_for_one_and_many_families(
    centre, manager, social_worker, client_of
):
    client = client_of(social_worker)
    make_candidate(centre, manager, S.APPROVED, surname="Петрови")
    make_adopters(centre, manager)
    one = {name: _queries(client, _url(name)) for name in ("candidates", "register", "adopters")}
    for surname in ("Илиеви", "Радеви", "Костови"):
        make_candidate(centre, manager, S.APPROVED, surname=surname)
        make_adopters(centre, manager, surname=surname)

    many = {name: _queries(client, _url(name)) for name in ("candidates", "register", "adopters")}

    assert many == one


def test_a_new_enquiry_without_the_applicants_name_is_refused_in_bulgarian(
    social_worker, client_of
):
    before = database_state()

    response = client_of(social_worker).post(
        _url("new_candidate"),
        {
            "kind": "family",
            "foster_type": "volunteer",
            "enquiry_on": "31.02.2026",
            "applicant-role": "applicant",
            "applicant-identifier_type": "none",
            "applicant-no_identifier_reason": "unknown",
            "applicant-sex": "unknown",
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Записът не е направен." in html
    assert "Въведете дата във вида дд.мм.гггг" in html
    assert html.count("Това поле е задължително.") >= 2  # first name and surname
    assert changed_tables(before, database_state()) == []


def test_an_existing_person_of_the_centre_can_be_the_applicant(centre, social_worker, client_of):
    applicant = PersonFactory(
        centre=centre, first_name="Нели", last_name="Вълчева", birth_date=None
    )

    response = client_of(social_worker).post(
        _url("new_candidate"),
        {
            "kind": "single",
            "foster_type": "volunteer",
            "enquiry_on": timezone.localdate().strftime("%d.%m.%Y"),
            "applicant-existing": applicant.pk,
            "applicant-role": "applicant",
            "applicant-sex": "unknown",
        },
    )

    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert (candidate.name, candidate.members.get().person) == ("Нели Вълчева", applicant)


def test_another_centres_person_cannot_be_chosen(centre, other_centre, social_worker, client_of):
    stranger = PersonFactory(centre=other_centre, first_name="Чужда", last_name="Жена")
    before = database_state()

    response = client_of(social_worker).post(
        _url("new_candidate"),
        {
            "kind": "single",
            "foster_type": "volunteer",
            "enquiry_on": timezone.localdate().strftime("%d.%m.%Y"),
            "applicant-existing": stranger.pk,
            "applicant-role": "applicant",
        },
    )

    assert response.status_code == 400
    assert "Направете валиден избор." in response.content.decode()
    assert changed_tables(before, database_state()) == []


def test_the_manager_sets_the_centres_values_and_nobody_else_may(
    centre, manager, social_worker, client_of
):
    values = {
        "assessment_months": "5",
        "extension_months": "2",
        "required_meetings": "6",
        "required_home_visits": "3",
        "required_referees": "2",
        "base_training_hours": "12",
        "professional_training_hours": "24",
        "placement_review_months": "6",
    }

    refused = client_of(social_worker).post(_url("settings"), values)
    wrong = client_of(manager).post(_url("settings"), {**values, "assessment_months": "40"})
    saved = client_of(manager).post(_url("settings"), values)

    assert refused.status_code == 403
    assert wrong.status_code == 400
    assert "по-малка или равна на 12" in wrong.content.decode()
    assert saved.status_code == 302
    assert settings_of(centre).required_meetings == 6


def test_the_adopters_page_shows_their_hours_and_support(centre, manager, social_worker, client_of):
    adopters = make_adopters(centre, manager, "training")
    people = [m.person for m in adopters.members.all()]
    train(centre, manager, people, sessions=2, kind=ProgrammeKind.ADOPTERS)

    html = client_of(social_worker).get(_url("adopter", adopter_id=adopters.pk)).content.decode()

    assert adopters.name in html
    assert 'data-testid="members"' in html
    assert html.count("<td>6</td>") == 2
