from django import template

from opora.plans.domain.queries import plan_summary

register = template.Library()


@register.inclusion_tag("plans/_panel_body.html", takes_context=True)
def plans_panel(context, case):
    """The plan and contract state of a case for its page, in two queries whatever the history."""
    request = context["request"]
    user = request.user
    return {
        "case": case,
        "centre": context.get("centre"),
        "summary": plan_summary(case),
        "may_edit": user.has_perm("plans.edit_plan", case),
        "may_approve": user.has_perm("plans.approve_plan", case),
        "may_contract": user.has_perm("plans.manage_contract", case),
    }
