"""The user's own sessions and password: log out everywhere, change the password."""

from django.db import transaction

from opora.accounts.models import new_session_salt
from opora.audit.domain import record


def end_sessions(user) -> None:
    """Every session of the user fails Django's session check at its next request.

    The session hash mixes in `session_salt` (User.get_session_auth_hash); the caller keeps its
    own session with `update_session_auth_hash`.
    """
    user.session_salt = new_session_salt()
    user.save(update_fields=["session_salt"])


def log_out_everywhere(user, *, actor) -> None:
    with transaction.atomic():
        end_sessions(user)
        record(actor=actor, action="account.log_out_everywhere", obj=user)


def change_password(user, *, new_password: str) -> None:
    """The new password was validated by the form (old password, policy); other sessions end."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record(actor=user, action="account.change_password", obj=user)
