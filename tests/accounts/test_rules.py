"""Every named permission, for every role of the centre, the outsiders and the system administrator."""

import pytest
from rules.permissions import permissions

from opora.accounts.models import Membership, User
from tests.factories import PersonFactory, make_case

STAFF = ["manager", "psychologist", "social_worker", "accountant"]
CAST = [*STAFF, "outsider_manager", "outsider_psychologist", "sysadmin"]
CASE_WORKERS = {"manager", "psychologist", "social_worker"}
MANAGER = {"manager"}

EXPECTED = {
    "centres.open_centre": set(STAFF),
    "centres.view_capacity": set(STAFF),
    "centres.edit_centre_profile": MANAGER,
    "accounts.view_staff": {"manager", "accountant"},
    "accounts.manage_staff": MANAGER,
    "people.view_person": CASE_WORKERS,
    "people.add_person": CASE_WORKERS,
    "people.change_person": CASE_WORKERS,
    "referrals.register_referral": CASE_WORKERS,
    "cases.view_case": CASE_WORKERS,
    "cases.change_case": CASE_WORKERS,
    "cases.decide_intake": MANAGER,
    "cases.view_waiting_list": MANAGER,
    "cases.assign_case_manager": MANAGER,
    "cases.close_case": MANAGER,
    "cases.change_status": MANAGER,
    "tasks.view_task": CASE_WORKERS,
    "tasks.complete_task": CASE_WORKERS,
}
OUR_APPS = {"centres", "accounts", "people", "referrals", "cases", "tasks"}


@pytest.fixture
def cast(request, centre, other_centre):
    """Each member of the cast as a fresh instance: roles are cached on the user object."""
    users = {name: request.getfixturevalue(name) for name in CAST}
    return lambda name: User.objects.get(pk=users[name].pk)


def holders(cast, permission, obj) -> set[str]:
    return {name for name in CAST if cast(name).has_perm(permission, obj)}


def test_every_permission_of_our_apps_is_covered_here():
    assert {name for name in permissions if name.split(".")[0] in OUR_APPS} == set(EXPECTED)


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_who_holds_the_permission_on_the_centre(cast, centre, permission):
    assert holders(cast, permission, centre) == EXPECTED[permission]


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_who_holds_the_permission_on_a_record_of_the_centre(cast, centre, manager, permission):
    records = [PersonFactory(centre=centre), make_case(centre, manager)]

    for record in records:
        assert holders(cast, permission, record) == EXPECTED[permission], record


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
