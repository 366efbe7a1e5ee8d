import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opora.cases.models import Case
from opora.centres.models import Centre
from opora.deadlines.enums import APPROVAL_KINDS, DeadlineKind

# The subjects a deadline may belong to, and the field of each that names who leads it.
SUBJECT_FIELDS = {"case": "case_manager", "candidate": "worker", "adopter": "worker"}
_OPEN = Q(done_at__isnull=True, cancelled_at__isnull=True)


def _exactly_one_subject() -> Q:
    alone = (
        Q(**{f"{name}__isnull": False})
        & Q(**{f"{other}__isnull": True for other in SUBJECT_FIELDS if other != name})
        for name in SUBJECT_FIELDS
    )
    return reduce(operator.or_, alone)


class Deadline(models.Model):
    """A dated duty, kept by the domain function that creates or fulfils its source.

    It belongs to exactly one subject: a case, a foster-care candidate or a family of prospective
    adopters (`SUBJECT_FIELDS`). `source` names the record it belongs to (e.g.
    "plans.planversion:12") so that the same kind of deadline can exist once per source (one per
    information request, one per plan review …).
    """

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="deadlines")
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    candidate = models.ForeignKey(
        "fostering.Candidate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    adopter = models.ForeignKey(
        "fostering.AdopterFamily",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    kind = models.CharField("вид", max_length=30, choices=DeadlineKind)
    source = models.CharField(max_length=80, blank=True)
    title = models.CharField("срок", max_length=250)
    due_on = models.DateField("краен срок")
    warn_from = models.DateField("предупреждение от", null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name="отговорник",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "срок"
        verbose_name_plural = "срокове"
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_subject(), name="deadline_exactly_one_subject"
            ),
            models.UniqueConstraint(
                fields=["case", "kind", "source"],
                condition=_OPEN,
                name="deadline_one_open_per_source",
            ),
            models.UniqueConstraint(
                fields=["candidate", "kind", "source"],
                condition=_OPEN,
                name="deadline_candidate_one_open",
            ),
            models.UniqueConstraint(
                fields=["adopter", "kind", "source"],
                condition=_OPEN,
                name="deadline_adopter_one_open",
            ),
        ]
        indexes = [
            models.Index(
                fields=["centre", "done_at", "cancelled_at", "due_on"], name="deadline_open_idx"
            ),
            models.Index(fields=["responsible", "done_at", "due_on"], name="deadline_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} до {self.due_on:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None

    @property
    def met_late(self) -> bool:
        return self.done_at is not None and timezone.localtime(self.done_at).date() > self.due_on

    @property
    def waits_for_managers(self) -> bool:
        """An approval with nobody named: any manager of the centre may take it."""
        return self.responsible_id is None and self.kind in APPROVAL_KINDS

    @property
    def subject(self):
        """The case, candidate or adopter family the deadline belongs to."""
        return next(getattr(self, name) for name in SUBJECT_FIELDS if getattr(self, f"{name}_id"))

    @property
    def lead_id(self) -> int | None:
        """The case manager of the case, or the worker who leads the candidate or adopters."""
        return next(
            getattr(getattr(self, name), f"{lead}_id")
            for name, lead in SUBJECT_FIELDS.items()
            if getattr(self, f"{name}_id")
        )

    @property
    def owner(self):
        """Who answers for it: the named user, else the subject's lead (None for the managers)."""
        if self.responsible_id is not None:
            return self.responsible
        if self.waits_for_managers:
            return None
        name = next(name for name in SUBJECT_FIELDS if getattr(self, f"{name}_id"))
        return getattr(getattr(self, name), SUBJECT_FIELDS[name])

    @property
    def owner_label(self) -> str:
        if self.waits_for_managers:
            return "Управителите"
        owner = self.owner
        return (owner.get_full_name() or owner.username) if owner else "не е определен"


class ReminderLog(models.Model):
    """One row per user, centre and day a reminder e-mail went out, so a rerun sends nothing twice."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_reminders"
    )
    sent_on = models.DateField("за дата")
    sent_at = models.DateTimeField("изпратено на", auto_now_add=True)
    email = models.EmailField("до адрес")
    items = models.PositiveIntegerField("брой срокове")

    class Meta:
        verbose_name = "напомняне за срокове"
        verbose_name_plural = "напомняния за срокове"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "centre", "sent_on"], name="reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Напомняне до {self.email} за {self.sent_on:%d.%m.%Y}"
