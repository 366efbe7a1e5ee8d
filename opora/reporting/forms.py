from datetime import date, timedelta

from django import forms
from django.utils import timezone

from opora.core.errors import DomainError
from opora.core.forms import BgDateField
from opora.privacy.enums import ExportFormat
from opora.reporting.domain.periods import Period

QUICK_CHOICES = [
    ("this_month", "Този месец"),
    ("last_month", "Миналия месец"),
    ("this_year", "Тази година"),
    ("last_year", "Миналата година"),
]
# A report over more years than this is not a statistic anyone submits; it only loads the server.
LONGEST_PERIOD_DAYS = 10 * 366


def quick_period(choice: str, today: date) -> Period:
    if choice == "this_month":
        return Period.month(today.year, today.month)
    if choice == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period.month(last.year, last.month)
    if choice == "last_year":
        return Period.year(today.year - 1)
    return Period.year(today.year)


class PeriodForm(forms.Form):
    """The period of a report: from/to (both included) or a quick choice; validates, never saves."""

    start = BgDateField(label="От (включително)", required=False)
    end = BgDateField(label="До (включително)", required=False)
    quick = forms.ChoiceField(label="Бърз избор", choices=QUICK_CHOICES, required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("quick"):
            self.period = quick_period(data["quick"], timezone.localdate())
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError("Въведете начална и крайна дата на периода.")
        try:
            self.period = Period(start, end)
        except DomainError as error:
            raise forms.ValidationError(error.message) from None
        if self.period.days > LONGEST_PERIOD_DAYS:
            raise forms.ValidationError("Периодът е твърде дълъг: изберете до 10 години.")
        return data

    def initial_for(self, period: Period) -> dict:
        return {"start": period.start, "end": period.end}


class ExportForm(PeriodForm):
    file_format = forms.ChoiceField(
        label="Формат",
        choices=[(ExportFormat.XLSX, "Excel (XLSX)"), (ExportFormat.CSV, "CSV (в ZIP архив)")],
    )


class SnapshotForm(PeriodForm):
    submitted_to = forms.CharField(
        label="Подаден към", max_length=200, required=False,
        help_text="Напр. общината или АСП.",
    )  # fmt: skip
    note = forms.CharField(label="Бележка", max_length=500, required=False)
