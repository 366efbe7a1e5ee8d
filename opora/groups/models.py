from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from opora.cases.models import Case
from opora.centres.models import Centre
from opora.core.sensitivity import Sensitivity
from opora.groups.enums import (
    DEFAULT_COMPLETION_PERCENT,
    Presence,
    ProgrammeKind,
    ProgrammeStatus,
)
from opora.people.models import Person


class Programme(models.Model):
    """A group programme of a centre: a course of sessions with enrolled participants."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="programmes")
    kind = models.CharField("вид програма", max_length=30, choices=ProgrammeKind)
    title = models.CharField("наименование", max_length=200)
    description = models.TextField("описание", blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_programmes", verbose_name="водещи"
    )
    starts_on = models.DateField("начало")
    ends_on = models.DateField("край", null=True, blank=True)
    planned_hours = models.DecimalField(
        "планирани часове",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("999"))],
    )
    completion_percent = models.PositiveSmallIntegerField(
        "минимум присъствие за удостоверение (%)",
        default=DEFAULT_COMPLETION_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    place = models.CharField("място", max_length=200, blank=True)
    status = models.CharField(
        "статус",
        max_length=10,
        choices=ProgrammeStatus,
        default=ProgrammeStatus.PLANNED,
        editable=False,
    )
    finished_at = models.DateTimeField("приключила на", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "групова програма"
        verbose_name_plural = "групови програми"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(planned_hours__gt=0), name="programme_planned_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(completion_percent__gte=1) & Q(completion_percent__lte=100),
                name="programme_completion_percent_range",
            ),
        ]
        indexes = [models.Index(fields=["centre", "status"], name="programme_centre_status_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def required_hours(self) -> Decimal:
        """The hours a participant must attend for a certificate."""
        share = Decimal(self.completion_percent) / Decimal(100)
        return (self.planned_hours * share).quantize(Decimal("0.1"))

    @property
    def is_finished(self) -> bool:
        return self.status == ProgrammeStatus.FINISHED


class GroupSession(models.Model):
    """One meeting of a programme; its hours count for those marked present."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField("дата")
    start_time = models.TimeField("начален час")
    end_time = models.TimeField("краен час")
    hours = models.DecimalField(
        "часове",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("12"))],
        help_text="Изчислява се от часовете; може да се поправи (напр. без почивката).",
    )
    topic = models.CharField("тема", max_length=250)
    place = models.CharField("място", max_length=200, blank=True)
    # Sensitivity TEAM: the programme's facilitators and the centre's manager (and its author).
    facilitator_note = models.TextField("бележка на водещия", blank=True)
    note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "групово занимание"
        verbose_name_plural = "групови занимания"
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="group_session_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="group_session_hours_positive"),
        ]
        indexes = [models.Index(fields=["programme", "date"], name="group_session_prog_date_idx")]

    def __str__(self) -> str:
        return f"{self.topic} ({self.date:%d.%m.%Y})"


class Participant(models.Model):
    """A person enrolled in a programme: a child, a parent, a foster or adoptive candidate."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="programme_places")
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_places",
        verbose_name="случай",
    )
    enrolled_on = models.DateField("записан на")
    left_on = models.DateField("напуснал на", null=True, blank=True)
    left_reason = models.CharField("причина за напускане", max_length=250, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "участник"
        verbose_name_plural = "участници"
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="participant_once"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("enrolled_on")),
                name="participant_leaves_after_enrolling",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.programme}"

    @property
    def is_active(self) -> bool:
        return self.left_on is None


class Attendance(models.Model):
    """Whether a participant came to a session; only „присъства“ counts towards the hours."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    presence = models.CharField("присъствие", max_length=10, choices=Presence)

    class Meta:
        verbose_name = "присъствие"
        verbose_name_plural = "присъствия"
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="attendance_once")
        ]
        indexes = [
            models.Index(fields=["participant", "presence"], name="attendance_part_presence_idx")
        ]

    def __str__(self) -> str:
        return f"{self.participant.person}: {self.get_presence_display()}"


class ParticipantNote(models.Model):
    """A private note about one participant; who reads it follows `readable_note_levels`."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField("бележка")
    sensitivity = models.CharField(
        "кой може да чете", max_length=15, choices=Sensitivity, default=Sensitivity.TEAM
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    at = models.DateTimeField("записана на")

    class Meta:
        verbose_name = "бележка за участник"
        verbose_name_plural = "бележки за участници"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Бележка за {self.participant.person} ({self.at:%d.%m.%Y})"


class Certificate(models.Model):
    """An issued „Удостоверение“: numbered per centre per year; the facts are kept as issued."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    participant = models.OneToOneField(
        Participant, on_delete=models.PROTECT, related_name="certificate"
    )
    year = models.PositiveSmallIntegerField("година")
    sequence = models.PositiveIntegerField("пореден номер")
    issued_on = models.DateField("издадено на")
    hours = models.DecimalField("присъствени часове", max_digits=6, decimal_places=2)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "удостоверение"
        verbose_name_plural = "удостоверения"
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "sequence"], name="certificate_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Удостоверение № {self.number}"

    @property
    def number(self) -> str:
        return f"{self.sequence}/{self.year}"
