from django.conf import settings
from django.db import models

from opora.cases.models import Case
from opora.centres.models import Centre
from opora.tasks.enums import TaskKind


class Task(models.Model):
    """A duty with a timestamp that stays on the manager's page until someone records it done."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="tasks")
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="tasks", null=True, blank=True
    )
    kind = models.CharField("вид", max_length=20, choices=TaskKind)
    title = models.CharField("задача", max_length=250)
    created_at = models.DateTimeField("създадена на")
    due_at = models.DateTimeField("срок")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    done_at = models.DateTimeField("изпълнена на", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_note = models.TextField("как е изпълнена", blank=True)

    class Meta:
        verbose_name = "задача"
        verbose_name_plural = "задачи"
        ordering = ["due_at"]
        indexes = [models.Index(fields=["centre", "done_at", "due_at"], name="task_open_idx")]

    def __str__(self) -> str:
        return self.title
