"""Permissions named per use case, over per-centre roles (django-rules).

Every predicate receives a centre or a centre-owned object; a user with no active membership in
that centre gets no permission at all. The system administrator has no membership and therefore
no case permission, whatever other flags the account carries.
"""

import rules

from opora.accounts.enums import Role
from opora.accounts.roles import role_in


def _centre_id(obj) -> int | None:
    if obj is None:
        return None
    if obj.__class__.__name__ == "Centre":
        return obj.pk
    return getattr(obj, "centre_id", None)


def _has_role(*roles):
    wanted = frozenset(roles)

    @rules.predicate
    def predicate(user, obj) -> bool:
        return role_in(user, _centre_id(obj)) in wanted

    return predicate


is_member = _has_role(*Role.values)
is_manager = _has_role(Role.MANAGER)
is_accountant = _has_role(Role.ACCOUNTANT)
is_case_worker = _has_role(*Role.case_workers())


@rules.predicate
def is_system_admin(user) -> bool:
    return bool(getattr(user, "is_system_admin", False))


# Centre and staff
rules.add_perm("centres.open_centre", is_member)
rules.add_perm("centres.view_capacity", is_member)
rules.add_perm("centres.edit_centre_profile", is_manager)
# „Показатели“: trends in counts for the manager and the accountant; figures with names (workload
# per specialist, overdue deadlines per person) for the manager only.
rules.add_perm("centres.view_capacity_trends", is_manager | is_accountant)
rules.add_perm("centres.view_indicators", is_manager)
rules.add_perm("accounts.view_staff", is_manager | is_accountant)
rules.add_perm("accounts.manage_staff", is_manager)
# A member lost the phone with the authenticator app: the manager removes it (sessions end too).
rules.add_perm("accounts.reset_two_factor", is_manager)

# People
rules.add_perm("people.view_person", is_case_worker)
rules.add_perm("people.add_person", is_case_worker)
rules.add_perm("people.change_person", is_case_worker)

# Referrals and cases
rules.add_perm("referrals.register_referral", is_case_worker)
rules.add_perm("cases.view_case", is_case_worker)
rules.add_perm("cases.change_case", is_case_worker)
rules.add_perm("cases.decide_intake", is_manager)
rules.add_perm("cases.view_waiting_list", is_manager)
rules.add_perm("cases.assign_case_manager", is_manager)
rules.add_perm("cases.change_status", is_manager)

# Tasks
rules.add_perm("tasks.view_task", is_case_worker)
rules.add_perm("tasks.complete_task", is_case_worker)

# Audit: who read and changed what, for the centre's manager only.
rules.add_perm("audit.view_audit", is_manager)
# Statistics carry no names: the manager and the accountant see and export them.
rules.add_perm("reporting.view_statistics", is_manager | is_accountant)
# Saving the figures as a submitted report is the manager's act for the centre.
rules.add_perm("reporting.submit_statistics", is_manager)


@rules.predicate
def is_on_case_team(user, case) -> bool:
    """The case manager or a team member of this case (who reads a case: cases.domain.access)."""
    if case is None or not getattr(case, "pk", None) or not hasattr(case, "case_manager_id"):
        return False
    if getattr(case, "case_manager_id", None) == user.pk:
        return True
    return case.team.filter(user=user).exists()
