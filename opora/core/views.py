from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.oversight.domain.scope import may_oversee


@login_required
def home(request):
    """Send a user with one centre straight to it; let a user with several choose."""
    memberships = list(
        Membership.objects.filter(user=request.user, is_active=True, centre__is_active=True)
        .select_related("centre")
        .order_by("centre__name")
    )
    if len(memberships) == 1:
        return redirect("centres:dashboard", centre=memberships[0].centre.slug)
    oversees = may_oversee(request.user)
    if not memberships and oversees and not request.user.is_system_admin:
        return redirect("oversight:overview")
    return render(
        request,
        "core/choose_centre.html",
        {
            "memberships": memberships,
            "roles": Role,
            "is_system_admin": request.user.is_system_admin,
            "oversees": oversees,
        },
    )


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
