"""Permissions of the needs assessment (ИОП) and of general-access consultations.

`assessments.edit_assessment` takes the case as its object: the manager, the case manager and the
case team may write the ИОП (the ИОП team joins the case team when it is named).
"""

import rules

from opora.accounts.rules import is_case_worker, is_manager, is_on_case_team


@rules.predicate
def works_on_this_case(user, obj) -> bool:
    """is_on_case_team for a case only; asked about a centre it answers no instead of failing."""
    from opora.cases.models import Case

    return isinstance(obj, Case) and is_on_case_team(user, obj)


# Needs assessment (ИОП, ЗСУ чл. 80–81)
rules.add_perm("assessments.view_assessment", is_case_worker)
rules.add_perm("assessments.edit_assessment", is_case_worker & (is_manager | works_on_this_case))
# The head of the service names the team (ЗСУ чл. 80, ал. 2).
rules.add_perm("assessments.start_assessment", is_manager)

# General-access consultations (ЗСУ чл. 12, ал. 2, т. 1; no referral, ИОП or contract)
rules.add_perm("cases.open_consultation", is_case_worker)
rules.add_perm("cases.close_consultation", is_case_worker)
