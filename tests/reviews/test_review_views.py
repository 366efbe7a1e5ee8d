"""The review pages: who may open and conduct them, the sheet's errors, and the case panel."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opora.cases.enums import CaseStatus
from opora.centres.models import Centre
from opora.deadlines.calendar import add_months
from opora.reviews.domain.review import complete_review, start_review
from opora.reviews.enums import Progress, ReviewKind, ReviewStatus
from opora.reviews.models import GoalProgress, Review
from tests.factories import make_case
from tests.reviews.casework import working_case
from tests.reviews.test_review_domain import sheet
from tests.web.state import changed_tables, database_state


@pytest.fixture
def case(centre, manager, psychologist):
    return working_case(centre, manager, psychologist)


def url(case, tail: str = "") -> str:
    return f"/c/harmanli/cases/{case.pk}/reviews/{tail}"


def review_url(review, tail: str = "") -> str:
    return f"/c/harmanli/reviews/{review.pk}/{tail}"


def sheet_post(review, **overrides) -> dict:
    data = {
        "held_on": timezone.localdate().strftime("%d.%m.%Y"),
        "child_view": "Искам да продължа.",
        "decisions": "Продължаваме.",
        "next_review_on": add_months(timezone.localdate(), 6).strftime("%d.%m.%Y"),
    }
    for goal in review.plan.goals.all():
        data[f"goal_{goal.pk}"] = Progress.IN_PROGRESS
        data[f"goal_{goal.pk}_comment"] = "Напредва."
    data.update(overrides)
    return data


def test_the_case_manager_starts_a_scheduled_review_from_the_case_page(
    case, psychologist, client_of
):
    client = client_of(psychologist)
    page = client.get(f"/c/harmanli/cases/{case.pk}/").content.decode()
    assert "Прегледи на ИПП" in page
    assert "Започни планов преглед" in page

    response = client.post(url(case, "start/"), {"kind": ReviewKind.SCHEDULED})

    review = Review.objects.get(case=case)
    assert response.status_code == 302
    assert response.url == review_url(review)
    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW


def test_an_event_review_without_a_reason_is_refused_on_the_page(case, psychologist, client_of):
    response = client_of(psychologist).post(url(case, "start/"), {"kind": ReviewKind.NEW_RISK})

    assert response.status_code == 400
    assert "Опишете повода за извънредния преглед." in response.content.decode()
    assert not Review.objects.exists()


def test_a_specialist_not_on_the_team_and_an_outsider_get_404_the_accountant_403(
    case, social_worker, accountant, outsider_manager, client_of
):
    before = database_state()

    for user, expected in [(social_worker, 404), (accountant, 403), (outsider_manager, 404)]:
        client = client_of(user)
        assert client.get(url(case)).status_code == expected
        assert client.post(url(case, "start/"), {"kind": "scheduled"}).status_code == expected

    assert changed_tables(before, database_state()) == []


def test_the_sheet_completes_the_review(case, psychologist, client_of):
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)
    client = client_of(psychologist)
    assert "Приключи прегледа" in client.get(review_url(review)).content.decode()

    response = client.post(review_url(review, "complete/"), sheet_post(review))

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    report = client.get(review_url(review)).content.decode()
    assert "Доклад от преглед на ИПП" in report
    assert "Искам да продължа." in report


def test_completing_with_a_missing_goal_shows_every_problem_and_saves_nothing(
    case, psychologist, client_of
):
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)
    first = review.plan.goals.first()
    data = sheet_post(review, decisions="", child_view="", **{f"goal_{first.pk}": ""})

    response = client_of(psychologist).post(review_url(review, "complete/"), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert f"Отбележете напредъка по целта „{first.title}“." in html
    assert "Опишете решенията от прегледа." in html
    assert "запишете мнението му (чл. 15, ал. 1 ЗЗД)" in html
    assert not GoalProgress.objects.exists()
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS


def test_saving_the_sheet_keeps_the_review_open(case, psychologist, client_of):
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)

    response = client_of(psychologist).post(
        review_url(review, "record/"), sheet_post(review, decisions="")
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    assert GoalProgress.objects.filter(review=review).count() == 2


def test_a_bad_date_on_the_sheet_is_refused_in_bulgarian(case, psychologist, client_of):
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)

    response = client_of(psychologist).post(
        review_url(review, "record/"), sheet_post(review, held_on="31.02.2026")
    )

    assert response.status_code == 400
    assert "Въведете дата във вида дд.мм.гггг" in response.content.decode()
    assert not GoalProgress.objects.exists()


def test_another_centres_review_is_a_404_like_a_review_that_does_not_exist(
    case, psychologist, outsider_manager, other_centre, client_of
):
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)
    client = client_of(outsider_manager)

    assert client.get(f"/c/haskovo/reviews/{review.pk}/").status_code == 404
    assert client.get("/c/haskovo/reviews/987654/").status_code == 404
    assert client.get(review_url(review)).status_code == 404


def test_the_reviews_panel_is_hidden_for_a_general_consultation(centre, manager, client_of):
    consultation = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    page = client_of(manager).get(f"/c/harmanli/cases/{consultation.pk}/").content.decode()

    assert 'data-testid="reviews-panel"' not in page
    listing = client_of(manager).get(url(consultation))
    assert listing.status_code == 200
    assert "Общодостъпната услуга няма ИПП и не се преглежда." in listing.content.decode()
    refused = client_of(manager).post(url(consultation, "start/"), {"kind": "scheduled"})
    assert refused.status_code == 400
    assert not Review.objects.exists()


def _case_page_queries(client, case) -> int:
    client.get(f"/c/harmanli/cases/{case.pk}/")
    with CaptureQueriesContext(connection) as context:
        assert client.get(f"/c/harmanli/cases/{case.pk}/").status_code == 200
    return len(context.captured_queries)


def test_the_case_page_runs_the_same_queries_for_one_and_many_reviews(
    centre, manager, psychologist, client_of
):
    Centre.objects.filter(pk=centre.pk).update(capacity=10)
    case = working_case(centre, manager, psychologist)
    client = client_of(manager)
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)
    complete_review(review, actor=psychologist, data=sheet(review))
    one = _case_page_queries(client, case)
    for _ in range(4):
        review = start_review(case, actor=psychologist, kind=ReviewKind.OTHER, reason="Среща")
        complete_review(review, actor=psychologist, data=sheet(review))

    assert _case_page_queries(client, case) == one
