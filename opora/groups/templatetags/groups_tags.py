from django import template

from opora.groups.domain.queries import programmes_of_case
from opora.groups.text import format_hours

register = template.Library()


@register.filter
def hours(value) -> str:
    """12 → „12“, 7.50 → „7,5“: hours as a Bulgarian reader writes them."""
    return format_hours(value)


@register.filter
def presence_class(presence: str | None) -> str:
    return f"presence presence-{presence or 'none'}"


@register.filter
def mark_of(marks: dict, participant_id: int):
    return marks.get(participant_id)


@register.simple_tag
def group_places(case):
    """The case's places in group programmes with attended hours (for the case page panel)."""
    return programmes_of_case(case)
