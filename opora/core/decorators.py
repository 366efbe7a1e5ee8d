from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404


def centre_view(permission: str | None = None):
    """A staff view inside /c/<centre>/: signed in, member of the centre, holding `permission`.

    The centre was resolved by CurrentCentreMiddleware; a non-member already got a 404 there.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, centre: str, **kwargs):
            if getattr(request, "centre", None) is None:
                raise Http404("Няма такъв център.")
            if permission and not request.user.has_perm(permission, request.centre):
                raise PermissionDenied("Нямате права за тази страница.")
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator
