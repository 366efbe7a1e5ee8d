"""The certificate as a PDF: a Django template rendered by WeasyPrint with a static stylesheet.

The stylesheet is a file (not a <style> block or attributes), so the template holds no inline
style at all, like every other template; DejaVu Sans carries the Cyrillic.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.groups.models import Certificate
from opora.groups.text import format_hours

STYLESHEET = "groups/certificate.css"


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import CSS, HTML  # heavy: loaded only when a certificate is printed

    html = render_to_string("groups/certificate.html", certificate_context(certificate))
    stylesheet = CSS(filename=finders.find(STYLESHEET))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def certificate_context(certificate: Certificate) -> dict:
    participant = certificate.participant
    programme = participant.programme
    centre = programme.centre
    return {
        "certificate": certificate,
        "centre": centre,
        "person": participant.person,
        "programme": programme,
        "hours": format_hours(certificate.hours),
        "planned_hours": format_hours(programme.planned_hours),
        "facilitators": list(programme.facilitators.order_by("last_name", "first_name")),
        "head": _head_of(centre),
    }


def certificate_filename(certificate: Certificate) -> str:
    return f"udostoverenie-{certificate.sequence}-{certificate.year}.pdf"


def _head_of(centre):
    """The centre's manager, who signs for the centre (none if the post is empty or shared)."""
    managers = list(
        Membership.objects.filter(centre=centre, role=Role.MANAGER, is_active=True)
        .select_related("user")
        .order_by("pk")[:2]
    )
    return managers[0].user if len(managers) == 1 else None
