"""Who works with foster-care candidates and adopters: the case workers; the Commission's decision,
removal from the register and the centre's foster-care values: the manager. The accountant: nothing.
"""

import rules

from opora.accounts.rules import is_case_worker, is_manager

# The lists, the candidate and adopter pages, the register of approved families.
rules.add_perm("fostering.view_fostering", is_case_worker)
# Enquiry to report: members, meetings and visits, referees, the report, placements and reviews.
rules.add_perm("fostering.work_with_candidates", is_case_worker)
# Recording the decision of the Комисия по приемна грижа (approval, more information, refusal).
rules.add_perm("fostering.record_commission_decision", is_manager)
# Taking an approved family off the register.
rules.add_perm("fostering.remove_from_register", is_manager)
# Prospective adopters: registration, members, consultations, stages, support after adoption.
rules.add_perm("fostering.work_with_adopters", is_case_worker)
# The centre's foster-care values (assessment term, required meetings, training hours …).
rules.add_perm("fostering.edit_fostering_settings", is_manager)
