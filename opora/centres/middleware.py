from django.http import Http404
from django.shortcuts import get_object_or_404

from opora.accounts.roles import role_in
from opora.centres.models import Centre


class CurrentCentreMiddleware:
    """Resolves the centre named in the URL once per request.

    A centre the user does not belong to is a 404, exactly like one that does not exist, so
    that a user of one centre cannot even learn which other centres or ids exist.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.centre = None
        request.role = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("centre")
        if slug is None or not request.user.is_authenticated:
            return None
        centre = get_object_or_404(Centre, slug=slug, is_active=True)
        role = role_in(request.user, centre.pk)
        if role is None:
            raise Http404("Няма такъв център.")
        request.centre = centre
        request.role = role
        return None
