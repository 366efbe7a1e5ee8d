"""Who may see which deadlines (django-rules, over the per-centre roles of accounts/rules.py)."""

import rules

from opora.accounts.rules import is_case_worker, is_manager

# „Моята работа“: a case worker's own deadlines and the centre's open tasks.
rules.add_perm("deadlines.view_my_work", is_case_worker)
# The deadlines panel of a case page.
rules.add_perm("deadlines.view_case_deadlines", is_case_worker)
# The centre-wide list of overdue deadlines, per specialist.
rules.add_perm("deadlines.view_centre_overdue", is_manager)
