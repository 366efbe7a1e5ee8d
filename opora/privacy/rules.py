"""Who may use the privacy tools (django-rules, over the per-centre roles of accounts/rules.py)."""

import rules

from opora.accounts.rules import is_case_worker, is_manager

# The case list as an encrypted file, and the one-time download of one's own exports. The rows
# are the cases the user reads (need-to-know); the accountant reads none and exports nothing.
rules.add_perm("privacy.export_cases", is_case_worker)
# Every export made in the centre: who, when, what, how many rows.
rules.add_perm("privacy.view_exports", is_manager)
# The data subject's access request (ОРЗД чл. 15): the centre, as controller, answers it.
rules.add_perm("privacy.request_person_data", is_manager)
# Retention periods, what is due, legal holds.
rules.add_perm("privacy.manage_retention", is_manager)
