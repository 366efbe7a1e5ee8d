from django import template

from opora.public.domain import queries

register = template.Library()


@register.simple_tag
def public_request_of(case):
    """{% public_request_of case as online %}: the online request that opened the case, if any."""
    return queries.public_request_of(case)


@register.simple_tag
def online_request_case_ids(cases) -> set[int]:
    """{% online_request_case_ids cases as online_ids %}: one query for a whole list of cases."""
    return queries.online_request_case_ids(cases)


@register.filter
def tel_link(phone: str) -> str:
    """{{ centre.phone|tel_link }}: „0373/9 10 76“ → „tel:037391076“."""
    return queries.tel_link(phone)
