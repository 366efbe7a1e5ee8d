"""Writes of the accounts app: staff management (`staff`), two-factor sign-in (`two_factor`) and
the user's own sessions and password (`sessions`). Staff functions are importable from here."""

from opora.accounts.domain.staff import (
    add_staff_member,
    change_role,
    set_active,
    update_membership,
)

__all__ = ["add_staff_member", "change_role", "set_active", "update_membership"]
