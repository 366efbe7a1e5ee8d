"""The clock the sign-in tests move: sessions, throttling and the lockout all read it."""

from datetime import timedelta

import axes.attempts
import axes.handlers.proxy
import pytest
from django.utils import timezone


class Clock:
    """`django.utils.timezone.now` plus an offset that only grows: `clock.advance(minutes=31)`.

    django-axes imported `now` by name, so its two copies are moved as well. The authenticator
    app's codes follow the real time (time.time), which stays put.
    """

    def __init__(self, real_now):
        self._real_now = real_now
        self._offset = timedelta(0)

    def now(self):
        return self._real_now() + self._offset

    def advance(self, **delta) -> None:
        self._offset += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    moving = Clock(timezone.now)
    monkeypatch.setattr(timezone, "now", moving.now)
    monkeypatch.setattr(axes.handlers.proxy, "now", moving.now)
    monkeypatch.setattr(axes.attempts, "now", moving.now)
    return moving
