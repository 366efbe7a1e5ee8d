from django.db import models

from opora.cases.models import Case
from opora.centres.models import Centre
from opora.public.enums import ContactWay, Writer


class PublicRequest(models.Model):
    """A request sent with the public form „Потърсете подкрепа“, as it was written.

    It opened `case` (a self-referral in intake). The sender's network address is kept only as a
    keyed hash: enough to limit repeated submissions, not enough to tell who sent it.
    """

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="public_requests")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="public_request")
    writer = models.CharField("кой пише", max_length=20, choices=Writer)
    first_name = models.CharField("име", max_length=40, blank=True)
    age = models.PositiveSmallIntegerField("възраст на детето / младия човек", null=True)
    message = models.TextField("с какво можем да помогнем")
    phone = models.CharField("телефон", max_length=30, blank=True)
    email = models.EmailField("електронна поща", blank=True)
    contact_way = models.CharField("предпочитан начин за връзка", max_length=10, choices=ContactWay)
    contact_time = models.CharField("удобно време за връзка", max_length=100, blank=True)
    consent_text = models.TextField("текст на съгласието, което е дадено")
    client_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField("получена на")

    class Meta:
        verbose_name = "онлайн заявка"
        verbose_name_plural = "онлайн заявки"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["client_hash", "created_at"], name="public_req_client_idx"),
            models.Index(fields=["centre", "created_at"], name="public_req_centre_idx"),
        ]

    def __str__(self) -> str:
        return f"Онлайн заявка от {self.created_at:%d.%m.%Y %H:%M}"
