"""Who may see and write the session log and the specialists' calendars."""

import rules

from opora.accounts.rules import is_case_worker, is_manager


@rules.predicate
def works_on_case(user, case) -> bool:
    """The case manager or a member of the case team (uses the team if it was prefetched)."""
    if getattr(case, "_meta", None) is None or case._meta.label != "cases.Case" or not case.pk:
        return False
    if case.case_manager_id == user.pk:
        return True
    return any(member.user_id == user.pk for member in case.team.all())


rules.add_perm("consultations.view_sessions", is_case_worker)
rules.add_perm("consultations.log_session", is_manager | (is_case_worker & works_on_case))
rules.add_perm("consultations.view_calendar", is_case_worker)
