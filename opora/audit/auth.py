"""Sign-in events, from Django's auth signals: the only place Django reports them.

A failed sign-in keeps the username that was tried (never the password) and, when that account
exists, points at it, so the manager sees attempts on a staff member's account.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from opora.audit.domain import record

USERNAME_MAX = 150


def on_login(sender, request, user, **kwargs):
    record(actor=user, action="auth.login")


def on_logout(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        record(actor=user, action="auth.logout")


def on_login_failed(sender, credentials, request=None, **kwargs):
    model = get_user_model()
    tried = str(credentials.get(model.USERNAME_FIELD) or "")[:USERNAME_MAX]
    account = (
        model._default_manager.filter(**{model.USERNAME_FIELD: tried}).first() if tried else None
    )
    record(actor=None, action="auth.login_failed", obj=account, changes={"username": tried})


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="audit.login")
    user_logged_out.connect(on_logout, dispatch_uid="audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
