"""Who signs for the centre: its manager."""

from opora.accounts.enums import Role
from opora.accounts.models import Membership


def head_of(centre):
    """The centre's manager (None if the post is empty or shared by several)."""
    managers = list(
        Membership.objects.filter(centre=centre, role=Role.MANAGER, is_active=True)
        .select_related("user")
        .order_by("pk")[:2]
    )
    return managers[0].user if len(managers) == 1 else None
