from django.conf import settings
from django.db import models

from opora.cases.models import Case
from opora.centres.models import Centre
from opora.referrals.enums import SourceType


class Referral(models.Model):
    """An incoming referral (направление / ПОП) or a self-referral, registered against a case."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="referrals")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    source_type = models.CharField("насочващ орган", max_length=20, choices=SourceType)
    institution = models.CharField("институция", max_length=200, blank=True)
    officer_name = models.CharField("служител, който насочва", max_length=150, blank=True)
    officer_phone = models.CharField("телефон на служителя", max_length=60, blank=True)
    officer_email = models.EmailField("e-mail на служителя", blank=True)
    document_number = models.CharField("номер на документа", max_length=60, blank=True)
    document_date = models.DateField("дата на документа", null=True, blank=True)
    wish_declared_on = models.DateField("дата на заявяване на желанието", null=True, blank=True)
    needs_summary = models.TextField("потребности (от ПОП)", blank=True)
    proposed_services = models.TextField("предложени услуги (от ПОП)", blank=True)
    chosen_services = models.JSONField("избрани от лицето услуги", default=list, blank=True)
    notes = models.TextField("бележки", blank=True)
    received_at = models.DateTimeField("получено на")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "насочване"
        verbose_name_plural = "насочвания"
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"Насочване от {self.get_source_type_display()} ({self.received_at:%d.%m.%Y})"

    @property
    def is_self_referred_child(self) -> bool:
        return self.source_type == SourceType.SELF_CHILD
