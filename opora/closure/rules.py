"""Permissions on closure, follow-up and reports to the referrer.

Case-level permissions take the case; `closure.view_report_register` takes the centre.
"""

import rules

from opora.accounts.rules import is_case_worker, is_manager
from opora.reviews.rules import on_team_of_case


@rules.predicate
def leads_case(user, obj) -> bool:
    """The case manager (водещ на случая) of this case."""
    if obj is None or obj.__class__.__name__ != "Case":
        return False
    return obj.case_manager_id is not None and obj.case_manager_id == user.pk


works_on_case = is_manager | (is_case_worker & on_team_of_case)

rules.add_perm("closure.propose_closure", is_manager | (is_case_worker & leads_case))
rules.add_perm("closure.approve_closure", is_manager)
rules.add_perm("closure.reopen_case", is_manager)
rules.add_perm("closure.record_follow_up", works_on_case)
rules.add_perm("closure.manage_reports", works_on_case)
rules.add_perm("closure.view_report_register", is_manager)
