from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, permission: str, obj=None) -> bool:
    """{% can "cases.decide_intake" as allowed %}: the same permission check the views use."""
    request = context.get("request")
    target = obj if obj is not None else getattr(request, "centre", None)
    return bool(request and target is not None and request.user.has_perm(permission, target))


@register.filter
def status_class(status: str) -> str:
    return f"status status-{status}"
