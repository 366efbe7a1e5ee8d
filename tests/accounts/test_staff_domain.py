import pytest

from opora.accounts.domain import add_staff_member, change_role, set_active
from opora.accounts.enums import Role
from opora.accounts.models import Membership, User
from opora.accounts.roles import forget_roles, role_in
from opora.audit.models import AuditEntry
from opora.core.errors import DomainError
from tests.factories import PASSWORD, make_member

NEW_PASSWORD = "ябълков-пай-2026"


def rows() -> tuple[int, int, int]:
    return User.objects.count(), Membership.objects.count(), AuditEntry.objects.count()


def add(centre, actor, **overrides) -> Membership:
    values = {
        "username": "Petya.Ruseva", "first_name": "Петя", "last_name": "Русева",
        "email": "petya@example.org", "role": Role.SOCIAL_WORKER, "password": NEW_PASSWORD,
    }  # fmt: skip
    return add_staff_member(centre=centre, actor=actor, **{**values, **overrides})


def refusal(centre, actor, **overrides) -> DomainError:
    before = rows()
    with pytest.raises(DomainError) as refused:
        add(centre, actor, **overrides)
    assert rows() == before, "a refused addition must write nothing"
    return refused.value


def test_add_staff_member_creates_the_account_and_the_membership(centre, manager):
    membership = add(centre, manager)

    user = membership.user
    assert user.username == "petya.ruseva"
    assert (user.first_name, user.last_name, user.email) == ("Петя", "Русева", "petya@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert (membership.centre, membership.role, membership.is_active) == (
        centre, Role.SOCIAL_WORKER, True,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="staff.add")
    assert entry.changes == {"user": "petya.ruseva", "role": Role.SOCIAL_WORKER}
    assert (entry.actor, entry.centre_id_copy) == (manager, centre.pk)


def test_a_weak_password_is_refused_with_bulgarian_messages(centre, manager):
    error = refusal(centre, manager, password="111111111111")

    assert error.field == "password"
    assert error.message == "Тази парола е често срещана. Тази парола е изцяло от цифри."


def test_a_short_password_is_refused_in_bulgarian(centre, manager):
    error = refusal(centre, manager, password="kx7#q")

    assert error.field == "password"
    assert error.message == "Паролата е прекалено къса. Трябва да съдържа поне 12 символа."


def test_a_password_like_the_username_is_refused(centre, manager):
    error = refusal(centre, manager, password="petya.ruseva")

    assert error.field == "password"
    assert "Паролата е много подобна на" in error.message


@pytest.mark.parametrize(
    ("overrides", "message", "field"),
    [
        ({"role": "director"}, "Изберете роля.", "role"),
        ({"username": "  "}, "Въведете потребителско име.", "username"),
        ({"first_name": " "}, "Въведете име и фамилия на новия служител.", "first_name"),
    ],
)
def test_incomplete_staff_data_is_refused(centre, manager, overrides, message, field):
    error = refusal(centre, manager, **overrides)

    assert (error.message, error.field) == (message, field)


def test_a_member_of_the_team_cannot_be_added_twice(centre, manager, psychologist):
    error = refusal(centre, manager, username="PSYCHOLOGIST", role=Role.PEDAGOGUE)

    assert error.message == "Този потребител вече е в екипа на центъра."
    assert error.field == "username"
    assert Membership.objects.get(user=psychologist).role == Role.PSYCHOLOGIST


def test_a_user_may_hold_different_roles_in_two_centres(
    centre, other_centre, manager, outsider_psychologist
):
    membership = add(centre, manager, username="outsider_psychologist", role=Role.ACCOUNTANT,
                     password="", first_name="", last_name="")  # fmt: skip

    assert membership.user == outsider_psychologist
    assert outsider_psychologist.check_password(PASSWORD)
    forget_roles(outsider_psychologist)
    assert role_in(outsider_psychologist, centre.pk) == Role.ACCOUNTANT
    assert role_in(outsider_psychologist, other_centre.pk) == Role.PSYCHOLOGIST


def test_change_role_is_saved_and_audited(centre, manager, psychologist):
    membership = psychologist.memberships.get()

    change_role(membership, actor=manager, role=Role.PEDAGOGUE)

    assert Membership.objects.get(pk=membership.pk).role == Role.PEDAGOGUE
    entry = AuditEntry.objects.get(action="staff.change_role")
    assert entry.changes == {"from": Role.PSYCHOLOGIST, "to": Role.PEDAGOGUE}


def test_the_last_active_manager_cannot_change_role(centre, manager):
    membership = manager.memberships.get()
    before = rows()

    with pytest.raises(DomainError) as refused:
        change_role(membership, actor=manager, role=Role.PSYCHOLOGIST)

    assert refused.value.message == "Центърът трябва да има поне един активен управител."
    assert Membership.objects.get(pk=membership.pk).role == Role.MANAGER
    assert rows() == before


def test_a_manager_may_step_down_when_another_manager_remains(centre, manager):
    make_member(centre, Role.MANAGER, first_name="Весела", last_name="Ангелова")

    change_role(manager.memberships.get(), actor=manager, role=Role.PSYCHOLOGIST)

    assert Membership.objects.get(user=manager).role == Role.PSYCHOLOGIST


def test_an_inactive_manager_does_not_count_as_the_remaining_manager(centre, manager):
    deputy = make_member(centre, Role.MANAGER, first_name="Весела", last_name="Ангелова")
    deputy.memberships.update(is_active=False)

    with pytest.raises(DomainError, match="поне един активен управител"):
        change_role(manager.memberships.get(), actor=manager, role=Role.SOCIAL_WORKER)


def test_a_manager_of_another_centre_does_not_count(centre, manager, outsider_manager):
    with pytest.raises(DomainError, match="поне един активен управител"):
        change_role(manager.memberships.get(), actor=manager, role=Role.SOCIAL_WORKER)


def test_deactivation_removes_the_role_and_is_audited(centre, manager, psychologist):
    set_active(psychologist.memberships.get(), actor=manager, active=False)

    forget_roles(psychologist)
    assert role_in(psychologist, centre.pk) is None
    assert AuditEntry.objects.filter(action="staff.deactivate").count() == 1

    set_active(psychologist.memberships.get(), actor=manager, active=True)

    forget_roles(psychologist)
    assert role_in(psychologist, centre.pk) == Role.PSYCHOLOGIST
    assert AuditEntry.objects.filter(action="staff.activate").count() == 1


def test_nobody_deactivates_themselves(centre, manager):
    make_member(centre, Role.MANAGER, first_name="Весела", last_name="Ангелова")

    with pytest.raises(DomainError) as refused:
        set_active(manager.memberships.get(), actor=manager, active=False)

    assert refused.value.message == "Не можете да деактивирате собствения си достъп."
    assert Membership.objects.get(user=manager).is_active


def test_the_last_active_manager_cannot_be_deactivated(centre, manager, sysadmin):
    before = rows()

    with pytest.raises(DomainError) as refused:
        set_active(manager.memberships.get(), actor=sysadmin, active=False)

    assert refused.value.message == "Центърът трябва да има поне един активен управител."
    assert Membership.objects.get(user=manager).is_active
    assert rows() == before
