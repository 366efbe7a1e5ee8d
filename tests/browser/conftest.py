"""Browser fixtures: headless Debian Chromium driven by Playwright against Django's live_server.

Chromium is the system one (/usr/bin/chromium); `playwright install` is never needed. Without it
the browser tests skip locally and fail in CI (CI=true), where a skip would hide a broken journey.
Screenshots land in artifacts/screenshots/<test>/<step>.png (artifacts/ is git-ignored).
"""

import os
import re
import shutil
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from opora.accounts.enums import Role
from opora.cases.enums import CaseStatus
from tests.factories import make_case, make_member

CHROMIUM = Path(os.environ.get("OPORA_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"CI: browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _urls_loaded():
    """Import every view before the live server's first page: on a busy machine the first request
    would otherwise spend the browser's whole timeout importing the URL configuration."""
    from django.urls import reverse

    reverse("accounts:login")


@pytest.fixture(scope="session")
def _chromium():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
    # itself (set-up, checks) would otherwise be refused as "async unsafe".
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as p:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Shooter:
    """Saves full-page screenshots of `page`, at desktop width and, on request, at phone width."""

    def __init__(self, page, folder: Path):
        self.page = page
        self.folder = folder
        self.paths: list[Path] = []
        self.overflow: dict[str, int] = {}

    def __call__(self, step: str, *, phone: bool = False) -> None:
        self._save(step)
        if phone:
            self.page.set_viewport_size(PHONE)
            try:
                self.page.wait_for_timeout(100)  # let the layout settle after the resize
                self._save(f"{step}-phone")
                extra = self.page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if extra > 0:
                    self.overflow[step] = extra
            finally:
                self.page.set_viewport_size(DESKTOP)

    def _save(self, name: str) -> None:
        path = self.folder / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.paths.append(path)


@pytest.fixture
def browser_page(_chromium, live_server, transactional_db):
    """A fresh page (own cookies) at 1280×900 in Bulgarian, on the live server (relative URLs work).

    live_server needs a transactional database: the server thread must see committed rows. The
    test fails afterwards if any response was a 5xx or the page raised a JavaScript error.
    """
    context = _chromium.new_context(
        viewport=DESKTOP, locale="bg-BG", timezone_id="Europe/Sofia", base_url=live_server.url
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    server_errors: list[str] = []
    page_errors: list[str] = []
    page.on(
        "response",
        lambda r: server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
    )
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    try:
        yield page
    finally:
        context.close()
    assert not server_errors, f"server errors during the journey: {server_errors}"
    assert not page_errors, f"JavaScript errors during the journey: {page_errors}"


@pytest.fixture
def shoot(browser_page, request) -> Shooter:
    """`shoot("03-case", phone=True)`: screenshots into artifacts/screenshots/<test>/."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Shooter(browser_page, folder)


class Clock:
    """The application's clock, set forward step by step so that a journey of weeks runs in a minute.

    Casework takes weeks (ИОП, plan, contract, sessions, review, closure) and the case timeline
    orders events by when they happened, so each step happens on its own day and hour:
    `clock.set(date(2026, 10, 6), "10:00")`. `django.utils.timezone.now`, which localtime/localdate,
    auto_now fields, sessions and every domain function read, then answers that moment plus the real
    seconds elapsed since; the live server runs in this process, so it sees the same time. Chromium
    keeps the real clock, which no page relies on.
    """

    def __init__(self, real_now: Callable[[], datetime]):
        self._real_now = real_now
        self._offset: timedelta | None = None

    def now(self) -> datetime:
        return self._real_now() + (self._offset or timedelta(0))

    def set(self, day: date, hh_mm: str) -> None:
        hour, minute = (int(part) for part in hh_mm.split(":"))
        moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
        if self._offset is not None and moment < self.now():
            raise ValueError(f"the clock only moves forward: {moment} < {self.now()}")
        self._offset = moment - self._real_now()


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The first `set` may go anywhere (the journey's start); request the fixture that makes it
    before any set-up whose rows must carry the journey's dates."""
    moving = Clock(timezone.now)
    monkeypatch.setattr(timezone, "now", moving.now)
    return moving


# The set-up both journeys start from (the only direct database writes).


@pytest.fixture
def harmanli(transactional_db, centre):
    """ЦОП Харманли (3 places): a manager, two psychologists, a social worker; 2 places taken."""
    staff = {
        "manager": make_member(
            centre,
            Role.MANAGER,
            username="harmanli.manager",
            first_name="Мария",
            last_name="Петрова",
        ),
        "psy1": make_member(
            centre, Role.PSYCHOLOGIST, username="e.koleva", first_name="Елена", last_name="Колева"
        ),
        "psy2": make_member(
            centre,
            Role.PSYCHOLOGIST,
            username="d.stoyanova",
            first_name="Десислава",
            last_name="Стоянова",
        ),
        "social": make_member(
            centre,
            Role.SOCIAL_WORKER,
            username="i.dimitrov",
            first_name="Иван",
            last_name="Димитров",
        ),
    }
    working = [
        make_case(centre, staff["psy1"], CaseStatus.ACTIVE),
        make_case(centre, staff["social"], CaseStatus.ACTIVE),
    ]
    return centre, staff, working
