from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.roles import roles_by_centre


def current_centre(request):
    centre = getattr(request, "centre", None)
    role = getattr(request, "role", None)
    user = getattr(request, "user", None)
    return {
        "centre": centre,
        "role": role,
        "role_label": Role(role).label if role else "",
        "now": timezone.now(),
        "centre_count": len(roles_by_centre(user)) if user is not None else 0,
    }
