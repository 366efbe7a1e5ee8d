"""Permissions on plan reviews. They take the case: the centre's manager or the case's team."""

import rules

from opora.accounts.rules import is_case_worker, is_manager, is_on_case_team


@rules.predicate
def on_team_of_case(user, obj) -> bool:
    """On the team of this case; False for anything that is not a case (e.g. the centre)."""
    if obj is None or obj.__class__.__name__ != "Case":
        return False
    return is_on_case_team(user, obj)


works_on_case = is_manager | (is_case_worker & on_team_of_case)

rules.add_perm("reviews.view_review", works_on_case)
rules.add_perm("reviews.conduct_review", works_on_case)
