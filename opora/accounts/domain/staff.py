"""Staff management by the centre's manager."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.domain import record
from opora.core.errors import DomainError


def add_staff_member(
    *,
    centre,
    actor,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    password: str,
) -> Membership:
    """Create the account if the username is new, then give it a role in this centre."""
    User = get_user_model()
    _check_role(role)
    username = username.strip().lower()
    if not username:
        raise DomainError("Въведете потребителско име.", field="username")
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = _create_user(username, first_name, last_name, email, password)
        elif Membership.objects.filter(user=user, centre=centre).exists():
            raise DomainError("Този потребител вече е в екипа на центъра.", field="username")
        membership = Membership.objects.create(user=user, centre=centre, role=role)
        record(
            actor=actor,
            action="staff.add",
            obj=membership,
            centre_id=centre.pk,
            changes={"user": user.username, "role": role},
        )
    return membership


def change_role(membership: Membership, *, actor, role: str) -> Membership:
    _check_role(role)
    if membership.role == role:
        return membership
    _keep_a_manager(membership, new_role=role)
    with transaction.atomic():
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        record(
            actor=actor,
            action="staff.change_role",
            obj=membership,
            centre_id=membership.centre_id,
            changes={"from": old, "to": role},
        )
    return membership


def set_active(membership: Membership, *, actor, active: bool) -> Membership:
    if membership.is_active == active:
        return membership
    if not active:
        if membership.user_id == actor.pk:
            raise DomainError("Не можете да деактивирате собствения си достъп.")
        _keep_a_manager(membership, new_role=None)
    with transaction.atomic():
        membership.is_active = active
        membership.save(update_fields=["is_active"])
        record(
            actor=actor,
            action="staff.activate" if active else "staff.deactivate",
            obj=membership,
            centre_id=membership.centre_id,
        )
    return membership


def update_membership(membership: Membership, *, actor, role: str, active: bool) -> Membership:
    """Role and access together: either both change or neither does."""
    with transaction.atomic():
        change_role(membership, actor=actor, role=role)
        set_active(membership, actor=actor, active=active)
    return membership


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise DomainError("Изберете роля.", field="role")


def _keep_a_manager(membership: Membership, *, new_role: str | None) -> None:
    if membership.role != Role.MANAGER or new_role == Role.MANAGER:
        return
    others = Membership.objects.filter(
        centre_id=membership.centre_id, role=Role.MANAGER, is_active=True
    )
    if not others.exclude(pk=membership.pk).exists():
        raise DomainError("Центърът трябва да има поне един активен управител.")


def _create_user(username, first_name, last_name, email, password):
    User = get_user_model()
    if not first_name.strip() or not last_name.strip():
        raise DomainError("Въведете име и фамилия на новия служител.", field="first_name")
    user = User(
        username=username, first_name=first_name.strip(), last_name=last_name.strip(), email=email
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save()
    return user
