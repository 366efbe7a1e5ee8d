"""A user's roles per centre, loaded once per request and cached on the user object."""

from opora.accounts.models import Membership


def roles_by_centre(user) -> dict[int, str]:
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_opora_roles", None)
    if cached is None:
        cached = dict(
            Membership.objects.filter(
                user=user, is_active=True, centre__is_active=True
            ).values_list("centre_id", "role")
        )
        user._opora_roles = cached
    return cached


def role_in(user, centre_id: int | None) -> str | None:
    if centre_id is None:
        return None
    return roles_by_centre(user).get(centre_id)


def forget_roles(user) -> None:
    if hasattr(user, "_opora_roles"):
        del user._opora_roles
