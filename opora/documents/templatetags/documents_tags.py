"""The documents panel of the case page: what can be issued for the case, and what was."""

from django import template
from django.http import Http404
from django.urls import reverse

from opora.documents.domain.render import prepare
from opora.documents.kinds.base import REGISTRY

register = template.Library()


@register.simple_tag(takes_context=True)
def case_documents(context, case) -> dict:
    """Links to the documents of the case itself (kinds keyed by the case) and of its referrals,
    the ones that cannot be issued now left out; and the issued ones, newest first."""
    request = context["request"]
    slug = request.centre.slug
    links = []
    for kind in REGISTRY.values():
        if kind.url_kwarg == "case_id" and _available(kind, request, case):
            links.append({"title": kind.title, "url": _url(kind, slug, case.pk)})
    acknowledgement = REGISTRY.get("acknowledgement")
    if acknowledgement is not None:
        for referral in case.referrals.all():
            title = f"{acknowledgement.title} ({referral.received_at:%d.%m.%Y})"
            links.append({"title": title, "url": _url(acknowledgement, slug, referral.pk)})
    issued = list(case.issued_documents.select_related("issued_by").order_by("-issued_at")[:20])
    for document in issued:
        kind = REGISTRY.get(document.kind_code)
        document.copy_url = (
            f"{_url(kind, slug, document.subject_id)}?copy={document.pk}" if kind else ""
        )
    return {"links": links, "issued": issued}


def _available(kind, request, case) -> bool:
    """The kind's own loading and its own reason not to issue it now (the case page's case was
    read through the need-to-know rule already)."""
    try:
        prepared = prepare(
            kind, user=request.user, centre=request.centre, subject_id=case.pk, read_case=case
        )
    except Http404:
        return False
    return not kind.unavailable(prepared.subject)


def _url(kind, slug: str, subject_id: int) -> str:
    return reverse(f"documents:{kind.code}", kwargs={"centre": slug, kind.url_kwarg: subject_id})
