from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opora.cases.models import Case, CasePerson
from opora.centres.models import Centre
from opora.consultations.enums import (
    MAX_DURATION_MINUTES,
    SETTING_SHORT,
    SessionKind,
    SessionStatus,
)
from opora.core.sensitivity import Sensitivity
from opora.plans.enums import Setting
from opora.plans.models import Goal


class Session(models.Model):
    """One contact with the people of a case: a consultation, a visit, a call (the session log)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField("вид", max_length=20, choices=SessionKind)
    status = models.CharField(
        "статус",
        max_length=12,
        choices=SessionStatus,
        default=SessionStatus.PLANNED,
        editable=False,
    )
    date = models.DateField("дата")
    start_time = models.TimeField("начален час")
    duration_minutes = models.PositiveSmallIntegerField("продължителност (минути)")
    setting = models.CharField("среда", max_length=10, choices=Setting, default=Setting.CENTRE)
    place = models.CharField("място / адрес", max_length=250, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_sessions",
        verbose_name="водещ специалист",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="joined_sessions",
        blank=True,
        verbose_name="други служители",
    )
    participants = models.ManyToManyField(
        CasePerson, related_name="sessions", blank=True, verbose_name="участници"
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name="цел от ИПП",
    )
    # A copy of the goal's wording, so the record reads the same if the plan is later replaced.
    goal_title = models.CharField("цел от ИПП", max_length=300, blank=True)
    notes = models.TextField("бележки от срещата", blank=True)
    next_steps = models.TextField("следващи стъпки", blank=True)
    # Who inside the centre may read the notes, next steps and status note (need-to-know); the
    # fact of the session (date, kind, who) stays visible to everyone who reads the case.
    sensitivity = models.CharField(
        "кой вижда бележките", max_length=20, choices=Sensitivity, default=Sensitivity.TEAM
    )
    status_note = models.TextField("причина / бележка за статуса", blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "среща"
        verbose_name_plural = "срещи"
        ordering = ["-date", "-start_time", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0) & Q(duration_minutes__lte=MAX_DURATION_MINUTES),
                name="session_duration_sensible",
            )
        ]
        indexes = [
            models.Index(fields=["case", "date"], name="session_case_date_idx"),
            models.Index(fields=["lead", "date"], name="session_lead_date_idx"),
            models.Index(fields=["centre", "date"], name="session_centre_date_idx"),
            # Statistics over many centres: held sessions of a period by kind, read from the index.
            models.Index(
                fields=["date", "centre", "kind"],
                condition=Q(status="held"),
                name="session_held_date_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y} ({self.case.number})"

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def where(self) -> str:
        """Short: „в дома“, or „в центъра · кабинет 2“ when a place is written down."""
        short = SETTING_SHORT.get(self.setting, self.setting)
        return f"{short} · {self.place}" if self.place else short

    @property
    def is_planned(self) -> bool:
        return self.status == SessionStatus.PLANNED
