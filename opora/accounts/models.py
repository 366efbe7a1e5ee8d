import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from opora.accounts.enums import Role
from opora.centres.models import Centre


class User(AbstractUser):
    """A person who signs in. What they may do depends on their Membership in each centre."""

    is_system_admin = models.BooleanField(
        "системен администратор",
        default=False,
        help_text="Управлява центрове и потребители; няма достъп до съдържанието на случаите.",
    )

    class Meta:
        verbose_name = "потребител"
        verbose_name_plural = "потребители"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

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
