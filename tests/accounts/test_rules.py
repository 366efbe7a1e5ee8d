"""Every named permission, for every role of the centre, the outsiders and the system administrator."""

import pytest
from rules.permissions import permissions

from opora.accounts.models import Membership, User
from opora.cases.domain.case import add_team_member
from opora.cases.enums import CaseStatus
from tests.factories import PersonFactory, make_case

STAFF = ["manager", "psychologist", "social_worker", "accountant"]
CAST = [*STAFF, "outsider_manager", "outsider_psychologist", "sysadmin"]
CASE_WORKERS = {"manager", "psychologist", "social_worker"}
MANAGER = {"manager"}

# Who holds each permission on the centre and on its records when no case worker is on the case.
EXPECTED = {
    "centres.open_centre": set(STAFF),
    "centres.view_capacity": set(STAFF),
    "centres.edit_centre_profile": MANAGER,
    "centres.view_capacity_trends": {"manager", "accountant"},
    "centres.view_indicators": MANAGER,
    "accounts.view_staff": {"manager", "accountant"},
    "accounts.manage_staff": MANAGER,
    "accounts.reset_two_factor": MANAGER,
    "people.view_person": CASE_WORKERS,
    "people.add_person": CASE_WORKERS,
    "people.change_person": CASE_WORKERS,
    "referrals.register_referral": CASE_WORKERS,
    "cases.view_case": CASE_WORKERS,
    "cases.change_case": CASE_WORKERS,
    "cases.decide_intake": MANAGER,
    "cases.view_waiting_list": MANAGER,
    "cases.assign_case_manager": MANAGER,
    "cases.change_status": MANAGER,
    # Need-to-know: reading a case is checked on the case (see ON_A_CASE and ON_THE_TEAM).
    "cases.read_case": set(),
    "cases.request_case_access": CASE_WORKERS,
    "cases.decide_case_access": MANAGER,
    "cases.open_consultation": CASE_WORKERS,
    "cases.close_consultation": CASE_WORKERS,
    "tasks.view_task": CASE_WORKERS,
    "tasks.complete_task": CASE_WORKERS,
    "deadlines.view_my_work": CASE_WORKERS,
    "deadlines.view_case_deadlines": CASE_WORKERS,
    "deadlines.view_centre_overdue": MANAGER,
    "assessments.view_assessment": CASE_WORKERS,
    "assessments.edit_assessment": MANAGER,
    "assessments.start_assessment": MANAGER,
    "plans.view_plan": CASE_WORKERS,
    "plans.edit_plan": MANAGER,
    "plans.approve_plan": MANAGER,
    "plans.manage_contract": MANAGER,
    "consultations.view_sessions": CASE_WORKERS,
    "consultations.log_session": MANAGER,
    "consultations.view_calendar": CASE_WORKERS,
    "reviews.view_review": MANAGER,
    "reviews.conduct_review": MANAGER,
    "closure.propose_closure": MANAGER,
    "closure.approve_closure": MANAGER,
    "closure.reopen_case": MANAGER,
    "closure.record_follow_up": MANAGER,
    "closure.manage_reports": MANAGER,
    "closure.view_report_register": MANAGER,
    "audit.view_audit": MANAGER,
    "reporting.view_statistics": {"manager", "accountant"},
    "reporting.submit_statistics": MANAGER,
    # The occupancy statement has no names; the ASP data and the annual report are the manager's.
    "statutory.view_statements": {"manager", "accountant"},
    "statutory.prepare_reports": MANAGER,
    "privacy.export_cases": CASE_WORKERS,
    "privacy.view_exports": MANAGER,
    "privacy.request_person_data": MANAGER,
    "privacy.manage_retention": MANAGER,
    "groups.view_programmes": CASE_WORKERS,
    "groups.manage_programme": CASE_WORKERS,
    "groups.record_attendance": CASE_WORKERS,
    "groups.write_participant_note": CASE_WORKERS,
    "groups.issue_certificate": CASE_WORKERS,
    "documents.issue_document": CASE_WORKERS,
    "documents.view_register": CASE_WORKERS,
    "documents.manage_templates": MANAGER,
    "fostering.view_fostering": CASE_WORKERS,
    "fostering.work_with_candidates": CASE_WORKERS,
    "fostering.record_commission_decision": MANAGER,
    "fostering.remove_from_register": MANAGER,
    "fostering.work_with_adopters": CASE_WORKERS,
    "fostering.edit_fostering_settings": MANAGER,
    # Files: every case worker sees the lists of what she reads; a case's files are its team's.
    "attachments.view_attachments": CASE_WORKERS,
    "attachments.change_attachments": CASE_WORKERS,
}
# On a case that no case worker works on (registered by the manager), only the manager reads it.
ON_A_CASE = {"cases.read_case": MANAGER, "attachments.change_attachments": MANAGER}
# On a case led by the psychologist with the social worker on its team, the team gains these.
ON_THE_TEAM = {
    "cases.read_case": CASE_WORKERS,
    "assessments.edit_assessment": CASE_WORKERS,
    "plans.edit_plan": CASE_WORKERS,
    "consultations.log_session": CASE_WORKERS,
    "reviews.view_review": CASE_WORKERS,
    "reviews.conduct_review": CASE_WORKERS,
    "closure.record_follow_up": CASE_WORKERS,
    "closure.manage_reports": CASE_WORKERS,
    # Closure is proposed by the case manager (водещ на случая), not by the rest of the team.
    "closure.propose_closure": {"manager", "psychologist"},
}


@pytest.fixture
def cast(request, centre, other_centre):
    """Each member of the cast as a fresh instance: roles are cached on the user object."""
    users = {name: request.getfixturevalue(name) for name in CAST}
    return lambda name: User.objects.get(pk=users[name].pk)


def holders(cast, permission, obj) -> set[str]:
    return {name for name in CAST if cast(name).has_perm(permission, obj)}


def test_every_permission_is_covered_here():
    """Any app's rules.py: a permission added anywhere must be added to the table above."""
    assert set(permissions) == set(EXPECTED)


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_who_holds_the_permission_on_the_centre(cast, centre, permission):
    assert holders(cast, permission, centre) == EXPECTED[permission]


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_who_holds_the_permission_on_a_record_of_the_centre(cast, centre, manager, permission):
    person, case = PersonFactory(centre=centre), make_case(centre, manager)

    assert holders(cast, permission, person) == EXPECTED[permission]
    assert holders(cast, permission, case) == ON_A_CASE.get(permission, EXPECTED[permission])


@pytest.fixture
def team_case(centre, manager, psychologist, social_worker):
    """In assessment, led by the psychologist, with the social worker on the team."""
    case = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)
    add_team_member(case, actor=manager, user=social_worker)
    return case


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_who_holds_the_permission_on_a_case_the_specialists_work_on(cast, team_case, permission):
    expected = ON_THE_TEAM.get(permission, EXPECTED[permission])

    assert holders(cast, permission, team_case) == expected


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_outsiders_hold_the_same_permission_in_their_own_centre(cast, other_centre, permission):
    in_own_centre = holders(cast, permission, other_centre)

    expected = {f"outsider_{role}" for role in EXPECTED[permission] & {"manager", "psychologist"}}
    assert in_own_centre == expected


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_no_permission_without_an_object(cast, permission):
    assert holders(cast, permission, None) == set()


def test_an_inactive_membership_gives_no_permission(centre, manager):
    Membership.objects.filter(user=manager).update(is_active=False)

    fresh = User.objects.get(pk=manager.pk)
    assert not any(fresh.has_perm(permission, centre) for permission in EXPECTED)


def test_an_inactive_centre_gives_no_permission(centre, manager):
    centre.is_active = False
    centre.save()

    fresh = User.objects.get(pk=manager.pk)
    assert not any(fresh.has_perm(permission, centre) for permission in EXPECTED)


def test_a_system_administrator_who_is_also_a_superuser_gets_no_case_permission(
    centre, manager, sysadmin
):
    """rules.py: „no case permission, whatever other flags the account carries“."""
    sysadmin.is_superuser = True
    sysadmin.save()
    case = make_case(centre, manager)

    fresh = User.objects.get(pk=sysadmin.pk)
    assert not fresh.has_perm("cases.view_case", case)
    assert not fresh.has_perm("people.view_person", case.primary_person)
    assert not fresh.has_perm("referrals.register_referral", centre)
