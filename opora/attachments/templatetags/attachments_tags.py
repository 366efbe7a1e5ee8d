from django import template

from opora.attachments.domain.queries import (
    PANEL_SIZE,
    attachments_of_case,
    attachments_of_person,
    count_of,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def case_attachments(context, case) -> dict:
    """{% case_attachments case as panel %}: the newest files of the case and how many there are."""
    user = context["request"].user
    rows = attachments_of_case(user, case, limit=PANEL_SIZE)
    return {"rows": rows, "count": _count(rows, case=case), "may_change": _may(user, case)}


@register.simple_tag(takes_context=True)
def person_attachments(context, person) -> dict:
    user = context["request"].user
    rows = attachments_of_person(user, person, limit=PANEL_SIZE)
    return {"rows": rows, "count": _count(rows, person=person), "may_change": _may(user, person)}


def _count(rows, **subject) -> int:
    return len(rows) if len(rows) < PANEL_SIZE else count_of(**subject)


def _may(user, subject) -> bool:
    return user.has_perm("attachments.change_attachments", subject)
