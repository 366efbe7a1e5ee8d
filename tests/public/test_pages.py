"""The centres' public pages: readable without sign-in, only the centre's own profile, fast."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opora.accounts.enums import Role
from opora.centres.domain import update_centre
from tests.factories import CentreFactory, make_member


def test_the_public_page_shows_the_centres_own_texts_and_not_the_other_centres(
    public_centre, other_public_centre
):
    response = Client().get("/centres/harmanli/")

    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "ЦОП „Надежда“ – Харманли",
        "Изцяло обновената сграда е разположена в живописен парк.",
        "Равен старт за всяко дете от Харманли.",
        "<li>Сигурна и спокойна среда</li>",
        "<li>Пълна конфиденциалност</li>",
        "Насочват ни ОЗД, училища и детски градини.",
        "Информиране и консултиране (социално, психологическо, правно)",
        "Деца в риск 0–18 г.",
        "ул. „Одрин“ 16, 6450 гр. Харманли",
        'href="tel:037391076"',
        "cop.harmanli@abv.bg",
        "понеделник – петък, 8:30 – 17:00",
        "В западната част на града, в парк.",
        'href="/centres/harmanli/request/"',
    ):
        assert text in page, text
    for text in (
        "Хасково",
        "Хасковският център работи с приемни семейства.",
        "Всяко дете в семейна среда в Хасково.",
        "Доброволност",
        "Приемна грижа",
        "Кандидати за приемни семейства",
        "038/66 55 44",
        "cop.haskovo@example.bg",
        "9 – 18 ч.",
    ):
        assert text not in page, text


def test_the_other_centres_page_shows_only_its_own_texts(public_centre, other_public_centre):
    page = Client().get("/centres/haskovo/").content.decode()

    assert "Хасковският център работи с приемни семейства." in page
    assert "Приемна грижа: набиране, оценка, обучение, подкрепа, наблюдение" in page
    for text in ("Харманли", "живописен парк", "Равен старт", "0373/9 10 76", "Одрин"):
        assert text not in page, text


def test_the_team_is_shown_as_roles_and_counts_never_names(
    public_centre, manager, psychologist, social_worker, accountant, outsider_psychologist
):
    make_member(public_centre, Role.PSYCHOLOGIST, username="psy2", first_name="Десислава")
    left = make_member(public_centre, Role.PEDAGOGUE, username="gone", first_name="Пенка")
    left.memberships.update(is_active=False)

    page = Client().get("/centres/harmanli/").content.decode()

    team = page[page.index('id="team-h"') :]
    assert "<dt>Психолози</dt><dd>2</dd>" in team
    assert "<dt>Управител</dt><dd>1</dd>" in team
    assert "<dt>Социален работник</dt><dd>1</dd>" in team
    assert "<dt>Счетоводител</dt><dd>1</dd>" in team
    assert "Педагог" not in team
    for name in ("Мария", "Петрова", "Елена", "Колева", "Иван", "Десислава", "Пенка", "Радка"):
        assert name not in page, name


def test_free_and_confidential_is_said_only_when_the_profile_says_so(public_centre, manager):
    phrase = "Услугите са безплатни и поверителни."
    assert phrase not in Client().get("/centres/harmanli/").content.decode()

    update_centre(
        public_centre, actor=manager, profile={"services_free_and_confidential": True}, settings={}
    )

    assert phrase in Client().get("/centres/harmanli/").content.decode()


def test_the_location_is_a_plain_link_to_openstreetmap(public_centre):
    response = Client().get("/centres/harmanli/")

    page = response.content.decode()
    assert (
        'href="https://www.openstreetmap.org/search?query='
        "%D1%83%D0%BB.+%E2%80%9E%D0%9E%D0%B4%D1%80%D0%B8%D0%BD%E2%80%9C+16"
    ) in page
    assert "<iframe" not in page
    assert "<script" not in page
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_index_lists_the_active_centres_only(public_centre, other_public_centre):
    CentreFactory(slug="closed", name="ЦОП Закрит", is_active=False)

    page = Client().get("/centres/").content.decode()

    assert 'href="/centres/harmanli/"' in page
    assert 'href="/centres/haskovo/"' in page
    assert "ЦОП Закрит" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/centres/nowhere/",
        "/centres/closed/",
        "/centres/nowhere/request/",
        "/centres/closed/request/",
        "/centres/closed/request/sent/",
    ],
)
def test_an_unknown_or_inactive_centre_is_not_found(public_centre, path):
    CentreFactory(slug="closed", name="ЦОП Закрит", is_active=False)

    response = Client().get(path)

    assert response.status_code == 404
    assert "Страницата не е намерена" in response.content.decode()


def test_a_signed_in_member_of_another_centre_sees_the_public_page(
    public_centre, outsider_manager, client_of
):
    """The public page is outside the staff area: membership plays no part."""
    response = client_of(outsider_manager).get("/centres/harmanli/")

    assert response.status_code == 200
    assert "ЦОП „Надежда“ – Харманли" in response.content.decode()


def test_public_pages_may_be_cached_and_the_form_may_not(public_centre):
    client = Client()

    for path in ("/centres/", "/centres/harmanli/", "/centres/harmanli/request/sent/"):
        cache = client.get(path).headers["Cache-Control"]
        assert "public" in cache and "max-age=300" in cache, path
    form = client.get("/centres/harmanli/request/").headers["Cache-Control"]
    assert "no-store" in form or "no-cache" in form


def test_the_public_page_costs_the_same_few_queries_with_a_big_team(public_centre):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/centres/harmanli/").status_code == 200
        return len(captured)

    make_member(public_centre, Role.MANAGER, username="m1")
    few = queries()
    for n in range(8):
        make_member(public_centre, Role.PSYCHOLOGIST, username=f"psy{n}")

    assert queries() == few <= 3


def test_the_public_page_refuses_writes(public_centre):
    assert Client().post("/centres/harmanli/").status_code == 405


def test_the_manager_edits_the_public_texts_on_the_centre_profile_page(
    public_centre, manager, client_of
):
    client = client_of(manager)
    page = client.get("/c/harmanli/profile/edit/")
    data = {**_as_posted(page.context["form"]), **_as_posted(page.context["settings_form"])}
    data.update(
        {
            "working_hours": "понеделник – четвъртък, 9 – 17 ч.",
            "goals": "Нова цел на центъра.",
            "services_free_and_confidential": "on",
        }
    )

    response = client.post("/c/harmanli/profile/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    page = Client().get("/centres/harmanli/").content.decode()
    assert "понеделник – четвъртък, 9 – 17 ч." in page
    assert "Нова цел на центъра." in page
    assert "Услугите са безплатни и поверителни." in page


def _as_posted(form) -> dict:
    """The form's current values as the browser would post them back."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if hasattr(value, "strftime"):
            value = value.strftime("%d.%m.%Y")
        data[field.html_name] = "on" if value is True else value
    return data
