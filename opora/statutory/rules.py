"""Who prepares the reports to the institutions (django-rules, over accounts/rules.py's roles)."""

import rules

from opora.accounts.rules import is_accountant, is_manager

# Counts without names (the monthly occupancy statement for the municipality's funding).
rules.add_perm("statutory.view_statements", is_manager | is_accountant)
# The ASP data (its users sheet has names and ЕГН) and the annual report to АКСУ.
rules.add_perm("statutory.prepare_reports", is_manager)
