from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Записите в одита не могат да се променят.")

    def delete(self):
        raise AppendOnlyError("Записите в одита не могат да се изтриват.")


class AuditEntry(models.Model):
    """Who did what, when, where. Append-only; keeps copies of names so it survives deletions.

    Each entry carries the hash of the one before it (`prev_hash`) and its own `hash` over its
    stored fields (`opora.audit.chain`), so a changed or deleted row breaks the chain.
    """

    # Set by record() from timezone.now() (not auto_now_add): the hash is computed before the insert.
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # SET_NULL when a user is deleted; the chained copy of who it was is `actor_name`.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200)
    centre_id_copy = models.BigIntegerField(null=True, db_index=True)
    # The case the object belongs to (the case itself, its session, plan …): "who opened this case".
    case_id_copy = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "запис в одита"
        verbose_name_plural = "одит"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.actor_name}: {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Записите в одита не могат да се променят.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Записите в одита не могат да се изтриват.")
