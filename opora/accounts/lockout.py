"""django-axes hooks: the client's address as the audit sees it, and the Bulgarian lockout page."""

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from opora.audit.context import client_ip
from opora.audit.domain import record


def client_address(request) -> str | None:
    """The address audit entries carry (set by AuditContextMiddleware for this request), so a
    lockout and the failed sign-ins in the audit name the same client."""
    return client_ip.get() or request.META.get("REMOTE_ADDR") or None


def lockout_response(request, original_response=None, credentials=None):
    """Shown instead of the login page while the username is locked for this address."""
    username = get_client_username(request, credentials) or ""
    address = getattr(request, "axes_ip_address", None)
    until = locked_until(username, address)
    if getattr(request, "axes_failures_since_start", None) is not None:
        _record_lockout(username, address, until)  # the failure that started the lockout
    context = {"until": timezone.localtime(until), "minutes": _cool_off_minutes()}
    return render(request, "accounts/locked_out.html", context, status=429)


def locked_until(username: str, address: str | None):
    last = AccessAttempt.objects.filter(username=username, ip_address=address).aggregate(
        last=Max("attempt_time")
    )["last"]
    return (last or timezone.now()) + settings.AXES_COOLOFF_TIME


def _record_lockout(username: str, address: str | None, until) -> None:
    user = get_user_model().objects.filter(username=username).first()
    record(
        actor=None,
        action="auth.lockout",
        obj=user,
        changes={"username": username, "address": address, "until": until.isoformat()},
    )


def _cool_off_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
