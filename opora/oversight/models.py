from django.conf import settings
from django.db import models


class OversightAccess(models.Model):
    """A municipal or national official who sees aggregated figures of centres, never a case.

    `municipality` blank: every centre of the installation; otherwise the centres whose
    `Centre.municipality` equals it. Granted by the system administrator in /system/.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oversight"
    )
    municipality = models.CharField(
        "община", max_length=100, blank=True, help_text="Празно: всички центрове в системата."
    )
    granted_at = models.DateTimeField("дадено на", auto_now_add=True)

    class Meta:
        verbose_name = "достъп до обобщена статистика"
        verbose_name_plural = "достъп до обобщена статистика"

    def __str__(self) -> str:
        return f"{self.user} — {self.municipality or 'всички центрове'}"
