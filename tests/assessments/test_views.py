"""The ИОП pages: who may open and write them, what a POST changes, and what the pages show."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opora.assessments.domain.assessment import complete_assessment, start_assessment
from opora.assessments.domain.requests import add_information_request
from opora.assessments.enums import AssessmentStatus
from opora.assessments.models import Assessment, InformationRequest
from opora.assessments.timeline import timeline_events
from opora.cases.enums import CaseStatus
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from tests.assessments.conftest import complete_sections
from tests.factories import put_on_team
from tests.web.state import changed_tables, database_state

TODAY = timezone.localdate


def _url(case, page: str = "") -> str:
    return f"/c/harmanli/cases/{case.pk}/assessment/{page}"


def _bg(day) -> str:
    return f"{day:%d.%m.%Y}"


def _sections_post(revision: int = 0, **overrides) -> dict:
    data = {
        key: (_bg(value) if hasattr(value, "year") else value)
        for key, value in complete_sections().items()
    }
    data.update({"revision": str(revision), "action": "save"}, **overrides)
    return data


def _ask(draft, actor, days: int = 5) -> InformationRequest:
    return add_information_request(
        draft,
        actor=actor,
        addressee="ОЗД Харманли",
        question="Предишни сигнали?",
        due_on=TODAY() + timedelta(days=days),
    )


# Who may open and write


@pytest.mark.parametrize(
    "page", ["", "start/", "edit/", "team/", "requests/new/", "requests/reply/"]
)
def test_every_page_opens_for_the_manager(page, draft, manager, client_of):
    _ask(draft, manager)

    assert client_of(manager).get(_url(draft.case, page)).status_code == 200


@pytest.mark.parametrize(
    "page", ["", "start/", "edit/", "team/", "requests/new/", "requests/reply/"]
)
def test_an_outsider_gets_404_and_changes_nothing(
    page, draft, outsider_manager, client_of, other_centre
):
    client = client_of(outsider_manager)
    before = database_state()

    answers = {
        client.get(_url(draft.case, page)).status_code,
        client.post(_url(draft.case, page), _sections_post()).status_code,
        client.get(f"/c/{other_centre.slug}/cases/{draft.case_id}/assessment/{page}").status_code,
        client.post(
            f"/c/{other_centre.slug}/cases/{draft.case_id}/assessment/{page}", _sections_post()
        ).status_code,
    }

    assert answers == {404}
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize(
    "page", ["", "start/", "edit/", "team/", "requests/new/", "requests/reply/"]
)
def test_the_accountant_gets_403_and_changes_nothing(page, draft, accountant, client_of):
    client = client_of(accountant)
    before = database_state()

    answers = {
        client.get(_url(draft.case, page)).status_code,
        client.post(_url(draft.case, page), _sections_post()).status_code,
    }

    assert answers == {403}
    assert changed_tables(before, database_state()) == []


def test_a_case_worker_off_the_case_team_neither_reads_nor_writes(draft, social_worker, client_of):
    """Need-to-know: off the team the ИОП is not there (404); the manager's pages say 403 first."""
    client = client_of(social_worker)
    before = database_state()

    assert client.get(_url(draft.case)).status_code == 404
    for page, refused in [("edit/", 404), ("requests/new/", 404), ("requests/reply/", 404),
                          ("start/", 403), ("team/", 403)]:  # fmt: skip
        assert client.get(_url(draft.case, page)).status_code == refused, page
        assert client.post(_url(draft.case, page), _sections_post()).status_code == refused, page
    assert changed_tables(before, database_state()) == []


def test_a_case_worker_on_the_case_team_reads_the_ioop(draft, social_worker, client_of):
    put_on_team(draft.case, social_worker)

    response = client_of(social_worker).get(_url(draft.case))

    assert response.status_code == 200
    assert "ИОП № 1" in response.content.decode()


def test_a_team_member_who_is_not_the_manager_cannot_start_or_name_the_team(
    draft, psychologist, client_of
):
    client = client_of(psychologist)

    assert client.get(_url(draft.case, "edit/")).status_code == 200
    assert client.get(_url(draft.case, "start/")).status_code == 403
    assert client.post(_url(draft.case, "team/"), {"team": [psychologist.pk]}).status_code == 403


# Starting


def test_the_manager_starts_an_ioop_from_the_page(
    assessing_case, manager, psychologist, social_worker, client_of
):
    response = client_of(manager).post(
        _url(assessing_case, "start/"), {"team": [psychologist.pk, social_worker.pk]}
    )

    assert response.status_code == 302
    assert response["Location"] == _url(assessing_case, "edit/")
    assessment = Assessment.objects.get(case=assessing_case)
    assert set(assessment.team.all()) == {psychologist, social_worker}


def test_starting_without_a_team_shows_the_message(assessing_case, manager, client_of):
    response = client_of(manager).post(_url(assessing_case, "start/"), {"team": []})

    assert response.status_code == 400
    assert "Изберете поне един член на екипа." in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_start_page_explains_why_an_intake_case_cannot_start(centre, manager, client_of):
    from tests.factories import make_case

    case = make_case(centre, manager)

    response = client_of(manager).get(_url(case, "start/"))

    assert response.status_code == 200
    assert "Първата ИОП започва, когато случаят е приет" in response.content.decode()


# Editing


def test_saving_a_partial_draft(draft, psychologist, client_of):
    response = client_of(psychologist).post(
        _url(draft.case, "edit/"), {"revision": "0", "needs": "Само това.", "action": "save"}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.needs, draft.status) == ("Само това.", AssessmentStatus.DRAFT)


def test_completing_with_gaps_shows_each_message_and_saves_nothing(draft, psychologist, client_of):
    response = client_of(psychologist).post(
        _url(draft.case, "edit/"),
        {"revision": "0", "needs": "Нещо.", "action": "complete"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Запишете изводите на екипа." in html
    assert "Детето е на 12 години: запишете мнението му" in html
    assert "Нещо." in html  # the typed text is still in the form
    draft.refresh_from_db()
    assert draft.needs == ""


def test_completing_from_the_form_moves_the_case_to_planning(draft, psychologist, client_of):
    response = client_of(psychologist).post(
        _url(draft.case, "edit/"), _sections_post(action="complete")
    )

    assert response.status_code == 302
    assert response["Location"] == _url(draft.case)
    draft.refresh_from_db()
    draft.case.refresh_from_db()
    assert draft.status == AssessmentStatus.COMPLETED
    assert draft.case.status == CaseStatus.PLANNING


def test_a_stale_form_is_refused_and_then_can_knowingly_replace(
    draft, psychologist, manager, client_of
):
    client_of(manager).post(_url(draft.case, "edit/"), _sections_post(needs="Текст на Мария."))
    client = client_of(psychologist)

    refused = client.post(_url(draft.case, "edit/"), _sections_post(needs="Текст на Елена."))

    html = refused.content.decode()
    assert refused.status_code == 409
    assert "Докато редактирахте, Мария Петрова промени записа" in html
    assert 'name="revision" value="1"' in html
    draft.refresh_from_db()
    assert draft.needs == "Текст на Мария."
    again = client.post(
        _url(draft.case, "edit/"), _sections_post(revision=1, needs="Текст на Елена.")
    )
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.needs == "Текст на Елена."


def test_a_bad_date_in_the_form_is_a_bulgarian_message(draft, psychologist, client_of):
    response = client_of(psychologist).post(
        _url(draft.case, "edit/"),
        {"revision": "0", "assessed_on": "31.02.2026", "action": "save"},
    )

    assert response.status_code == 400
    assert "Въведете дата във вида дд.мм.гггг" in response.content.decode()


def test_the_edit_page_without_a_draft_explains(draft, psychologist, client_of):
    complete_assessment(draft, actor=psychologist, data=complete_sections())

    response = client_of(psychologist).get(_url(draft.case, "edit/"))

    assert response.status_code == 200
    assert "Няма ИОП в чернова" in response.content.decode()


def test_the_manager_changes_the_team_from_the_page(draft, manager, social_worker, client_of):
    response = client_of(manager).post(_url(draft.case, "team/"), {"team": [social_worker.pk]})

    assert response.status_code == 302
    assert list(draft.team.all()) == [social_worker]


# Information requests


def test_a_request_from_the_page_sets_its_deadline(draft, psychologist, client_of):
    response = client_of(psychologist).post(
        _url(draft.case, "requests/new/"),
        {
            "addressee_kind": "school",
            "addressee": "ДГ „Слънце“",
            "question": "Как се адаптира детето?",
            "due_on": _bg(TODAY() + timedelta(days=10)),
        },
    )

    assert response.status_code == 302
    request = InformationRequest.objects.get()
    assert Deadline.objects.get(kind=DeadlineKind.INFO_REQUEST).due_on == request.due_on


def test_a_past_due_date_is_refused_on_the_page(draft, psychologist, client_of):
    response = client_of(psychologist).post(
        _url(draft.case, "requests/new/"),
        {
            "addressee_kind": "school",
            "addressee": "ДГ „Слънце“",
            "question": "Как се адаптира детето?",
            "due_on": _bg(TODAY()),
        },
    )

    assert response.status_code == 400
    assert "Срокът за отговор трябва да е след днешната дата." in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_a_reply_from_the_page_fulfils_the_deadline(draft, psychologist, client_of):
    request = _ask(draft, psychologist)

    response = client_of(psychologist).post(
        _url(draft.case, "requests/reply/"),
        {"request": request.pk, "replied_on": _bg(TODAY()), "reply": "Няма сигнали."},
    )

    assert response.status_code == 302
    assert Deadline.objects.get(kind=DeadlineKind.INFO_REQUEST).done_at is not None


def test_another_centres_request_cannot_be_answered(
    draft, psychologist, client_of, other_centre, outsider_manager, person
):
    from tests.factories import make_case

    theirs = make_case(other_centre, outsider_manager, CaseStatus.ASSESSMENT)
    their_draft = start_assessment(theirs, actor=outsider_manager, team=[outsider_manager])
    their_request = _ask(their_draft, outsider_manager)

    response = client_of(psychologist).post(
        _url(draft.case, "requests/reply/"),
        {"request": their_request.pk, "replied_on": _bg(TODAY()), "reply": "Х"},
    )

    assert response.status_code == 400
    their_request.refresh_from_db()
    assert their_request.replied_on is None


# What the pages show


def test_the_read_page_shows_overdue_requests_in_red_and_the_childs_view(
    draft, psychologist, client_of
):
    request = _ask(draft, psychologist)
    InformationRequest.objects.filter(pk=request.pk).update(due_on=TODAY() - timedelta(days=2))
    complete_assessment(draft, actor=psychologist, data=complete_sections())

    html = client_of(psychologist).get(_url(draft.case)).content.decode()

    assert 'class="overdue" data-testid="overdue"' in html
    assert "просрочено" in html
    assert "Иска да вижда баща си по-често." in html
    assert 'data-testid="child-view"' in html
    assert "Индивидуален разговор със специалист" in html


def test_an_earlier_ioop_stays_readable(draft, assessing_case, manager, psychologist, client_of):
    from opora.cases.domain.status import change_status

    complete_assessment(draft, actor=psychologist, data=complete_sections())
    for to_status in (CaseStatus.CONTRACTING, CaseStatus.ACTIVE):
        change_status(assessing_case, to_status=to_status, actor=manager)
    start_assessment(assessing_case, actor=manager, team=[psychologist])
    client = client_of(psychologist)

    newest = client.get(_url(assessing_case)).content.decode()
    first = client.get(_url(assessing_case) + "?n=1").content.decode()

    assert "Индивидуална оценка на потребностите № 2" in newest
    assert "Индивидуална оценка на потребностите № 1" in first
    assert "Детето има нужда от психологическа подкрепа." in first


def test_the_case_page_shows_the_ioop_panel(draft, psychologist, client_of):
    html = client_of(psychologist).get(f"/c/harmanli/cases/{draft.case_id}/").content.decode()

    assert 'data-testid="assessment-panel"' in html
    assert "ИОП № 1" in html
    assert "Продължи ИОП" in html


def test_a_general_access_case_has_no_ioop_panel(centre, manager, client_of):
    from tests.factories import make_case

    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    html = client_of(manager).get(f"/c/harmanli/cases/{case.pk}/").content.decode()

    assert 'data-testid="assessment-panel"' not in html


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_read_page_runs_the_same_queries_for_one_and_many_requests(
    draft, psychologist, client_of
):
    client = client_of(psychologist)
    _ask(draft, psychologist)
    one = _count(client, _url(draft.case))
    for days in range(2, 8):
        _ask(draft, psychologist, days=days)

    assert _count(client, _url(draft.case)) == one


def _panel_queries(case, user) -> tuple[int, str]:
    request = RequestFactory().get("/")
    request.user, request.centre = user, case.centre
    context = Context({"case": case, "centre": case.centre, "request": request})
    template = Template("{% load assessments_tags %}{% assessment_panel %}")
    with CaptureQueriesContext(connection) as queries:
        html = template.render(context)
    return len(queries.captured_queries), html


def test_the_case_panel_runs_the_same_queries_for_one_and_many_ioops(
    draft, assessing_case, manager, psychologist, social_worker
):
    from opora.cases.domain.status import change_status

    _ask(draft, psychologist)
    _panel_queries(assessing_case, psychologist)  # loads the user's roles once
    one, _html = _panel_queries(assessing_case, psychologist)
    complete_assessment(draft, actor=psychologist, data=complete_sections())
    for to_status in (CaseStatus.CONTRACTING, CaseStatus.ACTIVE):
        change_status(assessing_case, to_status=to_status, actor=manager)
    for _ in range(2):
        later = start_assessment(assessing_case, actor=manager, team=[psychologist, social_worker])
        _ask(later, psychologist)
        complete_assessment(later, actor=psychologist, data=complete_sections())
    later = start_assessment(assessing_case, actor=manager, team=[psychologist])
    _ask(later, psychologist)

    many, html = _panel_queries(assessing_case, psychologist)

    assert many == one
    assert "ИОП № 4" in html
    assert html.count("?n=") == 3  # the three earlier ones


def test_the_timeline_lists_the_events_in_two_queries(
    draft, psychologist, django_assert_num_queries
):
    from opora.assessments.domain.requests import record_reply

    request = _ask(draft, psychologist)
    record_reply(request, actor=psychologist, reply="Да.", replied_on=TODAY())
    complete_assessment(draft, actor=psychologist, data=complete_sections())
    case = draft.case
    case.centre  # noqa: B018 (loaded, as on the case page)

    with django_assert_num_queries(2):
        events = timeline_events(case)

    assert sorted(e.kind for e in events) == [
        "assessment.complete",
        "assessment.info_reply",
        "assessment.info_request",
        "assessment.start",
    ]
    assert all(e.url.endswith("?n=1") for e in events)


def test_a_save_after_someone_else_completed_keeps_the_typed_text(
    draft, psychologist, manager, client_of
):
    complete_assessment(draft, actor=manager, data=complete_sections())

    response = client_of(psychologist).post(
        _url(draft.case, "edit/"), _sections_post(revision=1, needs="Късно допълнение.")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "ИОП № 1 е завършена и не се променя." in html
    assert "Късно допълнение." in html
    draft.refresh_from_db()
    assert draft.needs == complete_sections()["needs"]


def test_a_single_section_group_has_no_repeated_heading(draft, psychologist, client_of):
    html = client_of(psychologist).get(_url(draft.case)).content.decode()

    assert "<h3>Силни страни и ресурси</h3>" not in html
    assert "<h3>Изводи</h3>" in html
