"""Sign-in rules for every request: how long a session lives, and the second factor.

SessionLifetimeMiddleware ends a session after the idle timeout of the user's centres (the
strictest one) and after OPORA_SESSION_MAX_HOURS however active it is; an HTMX request counts as
activity like any other. TwoFactorMiddleware lets a user who has given only the password reach
nothing but the sign-in pages until a code from the app (or a recovery code) is entered.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect
from django_otp import user_has_device

from opora.accounts.domain.queries import idle_timeout_minutes

SIGNED_IN_AT = "opora_signed_in_at"
LAST_SEEN = "opora_last_seen"
IDLE_MINUTES = "opora_idle_minutes"
# Activity is written to the session at most once a minute, not on every request.
TOUCH_EVERY_SECONDS = 60
IDLE_MESSAGE = "Сесията изтече поради неактивност. Влезте отново."
LIFETIME_MESSAGE = "Сесията изтече: след {hours} часа в системата се влиза отново."
# What a user who has given only the password may open.
OPEN_BEFORE_CODE = ("accounts:login", "accounts:logout", "accounts:verify", "accounts:setup")


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = _expiry_message(request.session)
            if expired:
                logout(request)
                messages.info(request, expired)
                return redirect_to(request, resolve_url(settings.LOGIN_URL))
        response = self.get_response(request)
        if request.user.is_authenticated:  # also a sign-in made by this very request
            _touch(request)
        return response


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not _open(request):
            step = "accounts:verify" if user_has_device(user) else "accounts:setup"
            return redirect_to(request, reverse(step))
        return self.get_response(request)


def redirect_to(request, url: str):
    """A page asked for with GET comes back after the sign-in; HTMX swaps in the whole page."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return redirect(url)


def _open(request) -> bool:
    """reverse() and request.path both carry the script prefix, if Opora is served under one."""
    if request.path.startswith(settings.STATIC_URL):
        return True
    return request.path in {reverse(name) for name in OPEN_BEFORE_CODE}


def _expiry_message(session) -> str | None:
    now = timezone.now().timestamp()
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is not None and now - signed_in_at > settings.OPORA_SESSION_MAX_HOURS * 3600:
        return LIFETIME_MESSAGE.format(hours=settings.OPORA_SESSION_MAX_HOURS)
    last_seen = session.get(LAST_SEEN)
    idle_minutes = session.get(IDLE_MINUTES, settings.OPORA_IDLE_TIMEOUT_MINUTES)
    if last_seen is not None and now - last_seen > idle_minutes * 60:
        return IDLE_MESSAGE
    return None


def _touch(request) -> None:
    session = request.session
    now = timezone.now().timestamp()
    session.setdefault(SIGNED_IN_AT, now)
    if IDLE_MINUTES not in session or now - session.get(LAST_SEEN, 0) >= TOUCH_EVERY_SECONDS:
        session[LAST_SEEN] = now
        session[IDLE_MINUTES] = idle_timeout_minutes(request.user)
