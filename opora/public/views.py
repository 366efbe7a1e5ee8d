"""The public side: no sign-in, nothing but a centre's own profile, and the request form."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from opora.audit.context import client_ip
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.public.domain import queries
from opora.public.domain.requests import consent_text, submit_public_request
from opora.public.domain.spam import Throttled, issue_form_token
from opora.public.forms import SupportRequestForm

# Public pages hold no personal data and no form: browsers and proxies may keep them a while.
PUBLIC_CACHE = {"public": True, "max_age": 300}


@require_GET
@cache_control(**PUBLIC_CACHE)
def index(request):
    return render(request, "public/index.html", {"centres": queries.active_centres()})


@require_GET
@cache_control(**PUBLIC_CACHE)
def centre_page(request, slug: str):
    centre = get_object_or_404(queries.public_centres(), slug=slug)
    context = {
        "page_centre": centre,
        "team": queries.team_of(centre),
        "services": queries.services_of(centre),
        "target_groups": queries.target_groups_of(centre),
        "principles": queries.lines_of(centre.principles),
        "map_link": queries.map_link(centre),
    }
    return render(request, "public/centre.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def request_form(request, slug: str):
    centre = get_object_or_404(queries.public_centres(), slug=slug)
    if request.method == "GET":
        return _render_form(request, centre, SupportRequestForm(centre=centre))
    form = SupportRequestForm(request.POST, centre=centre)
    status = _submit(form, centre) if form.is_valid() else 400
    if status is None:
        return redirect("public:request_sent", slug=centre.slug)
    return _render_form(request, centre, form, status=status)


def _submit(form, centre) -> int | None:
    """Send the request on; None when it was accepted, else the status of the refusal."""
    try:
        submit_public_request(centre, data=form.request_data(), client_address=client_ip.get())
    except Throttled as refused:
        form.add_error(None, refused.message)
        return 429
    except DomainError as error:
        apply_domain_error(form, error)
        return 400
    return None


def _render_form(request, centre, form, *, status: int = 200):
    """A new form gets a new signed timestamp; a refused one keeps its own unless it is stale."""
    fresh = not form.is_bound or form.renew_token
    context = {
        "page_centre": centre,
        "form": form,
        "token": issue_form_token(centre) if fresh else request.POST.get("token", ""),
        "consent": consent_text(centre),
    }
    return render(request, "public/request.html", context, status=status)


@require_GET
@cache_control(**PUBLIC_CACHE)
def request_sent(request, slug: str):
    """The same page whatever was sent: it tells nothing about people or cases."""
    centre = get_object_or_404(queries.public_centres(), slug=slug)
    return render(request, "public/sent.html", {"page_centre": centre})
