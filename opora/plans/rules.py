"""Who may see and change the individual support plan (ИПП) and the contract."""

import rules

from opora.accounts.rules import is_case_worker, is_manager


def _case_of(obj):
    """The case an object belongs to: a Case itself, or a plan version / contract of it."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Case":
        return obj
    return getattr(obj, "case", None) if hasattr(obj, "case_id") else None


@rules.predicate
def works_on_the_case(user, obj) -> bool:
    """The case manager or a member of the case team. Uses the team prefetched by case_detail."""
    case = _case_of(obj)
    if case is None or not case.pk:
        return False
    if case.case_manager_id == user.pk:
        return True
    return any(member.user_id == user.pk for member in case.team.all())


rules.add_perm("plans.view_plan", is_case_worker)
rules.add_perm("plans.edit_plan", is_manager | (is_case_worker & works_on_the_case))
rules.add_perm("plans.approve_plan", is_manager)
rules.add_perm("plans.manage_contract", is_manager)
