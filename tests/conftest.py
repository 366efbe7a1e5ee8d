"""The cast every test uses, and the guards that keep the two database runs honest.

The cast follows healthchecks' owner / team member / outsider pattern: four staff of `centre`
(ЦОП Харманли), two staff of `other_centre` who must never see its records, and a system
administrator with no membership anywhere. Every user's password is `factories.PASSWORD`.
"""

import os

import pytest
from django.db import connection, connections
from django.test import Client, override_settings

from opora.accounts.enums import Role
from tests.factories import CentreFactory, PersonFactory, UserFactory, make_member
from tests.signin import verified_client

_TRUE = {"1", "true", "yes", "on"}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in _TRUE


def _url_wants_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def _using_postgres() -> bool:
    return connections["default"].vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Skip `postgres_only` tests on SQLite; in CI against PostgreSQL they must run.

    CI runs the suite once on SQLite (skipping them there is expected) and once with DATABASE_URL
    pointing to PostgreSQL, where a skip would silently hide the concurrency tests.
    """
    if _using_postgres():
        return
    if _in_ci() and _url_wants_postgres():
        raise pytest.UsageError(
            "CI: DATABASE_URL points to PostgreSQL but Django is using "
            f"{connections['default'].vendor!r}; the postgres_only tests would not run."
        )
    skip = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI on PostgreSQL a postgres_only test that skips itself is a failure, never a skip."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and "postgres_only" in item.keywords and _in_ci() and _url_wants_postgres():
        report.outcome = "failed"
        report.longrepr = f"postgres_only test skipped in CI on PostgreSQL: {report.longrepr}"


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """set_password with the production PBKDF2 costs ~0.3 s a user; tests create hundreds."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Once the test database exists: Cyrillic names need a UTF-8 character type on PostgreSQL."""
    if _using_postgres():
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
            (ctype,) = cursor.fetchone()
        if not ctype.lower().replace("-", "").endswith("utf8"):
            pytest.fail(
                f"The PostgreSQL test database {connection.settings_dict['NAME']!r} has "
                f"LC_CTYPE {ctype!r}, not UTF-8. Create the cluster/template with a UTF-8 locale "
                "(e.g. initdb --locale=C.UTF-8) so the test database inherits it, and drop a test "
                "database kept with --reuse-db.",
                pytrace=False,
            )
    yield


@pytest.fixture(scope="session", autouse=True)
def _attachments_in_a_temporary_folder(tmp_path_factory):
    """Files uploaded by any test (the web worlds, the demo) land in a folder of the run only."""
    folder = tmp_path_factory.mktemp("attachments")
    with override_settings(OPORA_ATTACHMENT_DIR=folder):
        yield folder


# The centres


@pytest.fixture
def centre(db):
    return CentreFactory(
        slug="harmanli", name="ЦОП „Надежда“ – Харманли", municipality="Харманли", capacity=3
    )


@pytest.fixture
def other_centre(db):
    return CentreFactory(slug="haskovo", name="ЦОП Хасково", municipality="Хасково", capacity=3)


# Staff of `centre`


@pytest.fixture
def manager(centre):
    return make_member(
        centre, Role.MANAGER, username="manager", first_name="Мария", last_name="Петрова"
    )


@pytest.fixture
def psychologist(centre):
    return make_member(
        centre, Role.PSYCHOLOGIST, username="psychologist", first_name="Елена", last_name="Колева"
    )


@pytest.fixture
def social_worker(centre):
    return make_member(
        centre,
        Role.SOCIAL_WORKER,
        username="social_worker",
        first_name="Иван",
        last_name="Димитров",
    )


@pytest.fixture
def accountant(centre):
    return make_member(
        centre, Role.ACCOUNTANT, username="accountant", first_name="Радка", last_name="Тодорова"
    )


# Outsiders: staff of `other_centre`, and the system administrator


@pytest.fixture
def outsider_manager(other_centre):
    return make_member(
        other_centre,
        Role.MANAGER,
        username="outsider_manager",
        first_name="Стоян",
        last_name="Ненов",
    )


@pytest.fixture
def outsider_psychologist(other_centre):
    return make_member(
        other_centre,
        Role.PSYCHOLOGIST,
        username="outsider_psychologist",
        first_name="Десислава",
        last_name="Атанасова",
    )


@pytest.fixture
def sysadmin(db):
    return UserFactory(
        username="sysadmin",
        first_name="Николай",
        last_name="Илиев",
        is_system_admin=True,
        is_staff=True,
    )


# Records and clients


@pytest.fixture
def person(centre):
    """A child of `centre` with no identifier."""
    return PersonFactory(centre=centre, first_name="Никола", last_name="Иванов")


@pytest.fixture
def client_of(db):
    """`client_of(user)`: a test client signed in as `user`, past the password and the code."""

    def signed_in(user) -> Client:
        return verified_client(user)

    return signed_in
