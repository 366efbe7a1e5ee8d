import secrets

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac

from opora.accounts.enums import Role
from opora.centres.models import Centre


def new_session_salt() -> str:
    return secrets.token_hex(16)


class User(AbstractUser):
    """A person who signs in. What they may do depends on their Membership in each centre."""

    is_system_admin = models.BooleanField(
        "системен администратор",
        default=False,
        help_text="Управлява центрове и потребители; няма достъп до съдържанието на случаите.",
    )
    # Mixed into the session hash: a new value ends every session at its next request
    # ("log out everywhere"), as a new password does.
    session_salt = models.CharField(max_length=32, default=new_session_salt, editable=False)

    class Meta:
        verbose_name = "потребител"
        verbose_name_plural = "потребители"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_session_auth_hash(self) -> str:
        return self._session_hash(secret=None)

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def _session_hash(self, *, secret) -> str:
        key_salt = "opora.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_salt}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def has_perm(self, perm, obj=None) -> bool:
        """Opora's named permissions follow the centre role only: no superuser shortcut."""
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)


class Membership(models.Model):
    """A user's role in one centre; the same user may hold another role in another centre."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("роля", max_length=20, choices=Role)
    is_active = models.BooleanField("активен", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "членство"
        verbose_name_plural = "членства"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "centre"], name="membership_one_role_per_centre"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} в {self.centre}"
