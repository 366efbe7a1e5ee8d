"""Permissions on documents: issuing them, the register, and the centre's own layouts.

Which documents a case worker may issue is decided by need-to-know on the document's case
(`cases.domain.access`, through each kind's `load`); these take the centre.
"""

import rules

from opora.accounts.rules import is_case_worker, is_manager

rules.add_perm("documents.issue_document", is_case_worker)
rules.add_perm("documents.view_register", is_case_worker)
rules.add_perm("documents.manage_templates", is_manager)
