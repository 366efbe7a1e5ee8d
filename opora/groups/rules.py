"""Permissions on group programmes: the centre's case workers; the accountant has none."""

import rules

from opora.accounts.rules import is_case_worker

rules.add_perm("groups.view_programmes", is_case_worker)
rules.add_perm("groups.manage_programme", is_case_worker)
rules.add_perm("groups.record_attendance", is_case_worker)
rules.add_perm("groups.write_participant_note", is_case_worker)
rules.add_perm("groups.issue_certificate", is_case_worker)
