"""Who may see and keep files with cases and people (which case or person: need-to-know, in the
queries). A case's files are added, described and removed by its team and the manager; a
person's by any case worker who may open the person."""

import rules

from opora.accounts.rules import is_case_worker, is_manager


@rules.predicate
def works_on_it(user, obj) -> bool:
    """On a case: the case manager or a team member. Anything else (a person, the centre): yes."""
    meta = getattr(obj, "_meta", None)
    if meta is None or meta.label != "cases.Case":
        return True
    if not obj.pk:
        return False
    if obj.case_manager_id == user.pk:
        return True
    return any(member.user_id == user.pk for member in obj.team.all())


rules.add_perm("attachments.view_attachments", is_case_worker)
rules.add_perm("attachments.change_attachments", is_manager | (is_case_worker & works_on_it))
