"""Reads about a user's sign-in."""

from django.conf import settings
from django.db.models import Min

from opora.centres.models import CentreSettings


def idle_timeout_minutes(user) -> int:
    """The strictest idle timeout among the user's centres; the default for a user with none."""
    strictest = CentreSettings.objects.filter(
        centre__is_active=True,
        centre__memberships__user=user,
        centre__memberships__is_active=True,
    ).aggregate(minutes=Min("idle_timeout_minutes"))["minutes"]
    return strictest or settings.OPORA_IDLE_TIMEOUT_MINUTES
