"""The period pickers and the annual report's texts. Forms validate; the domain writes."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone

from opora.core.forms import BgDateField
from opora.reporting.domain.periods import Period
from opora.statutory.domain.annual import MAX_TEXT, AnnualTexts
from opora.statutory.enums import FIRST_YEAR

MONTHS = [
    (1, "януари"), (2, "февруари"), (3, "март"), (4, "април"), (5, "май"), (6, "юни"),
    (7, "юли"), (8, "август"), (9, "септември"), (10, "октомври"), (11, "ноември"),
    (12, "декември"),
]  # fmt: skip
MONTH_NAMES = dict(MONTHS)
# The longest period the ASP workbook is made for in one go.
MAX_PERIOD_DAYS = 366


def _years() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]


def previous_month(today: date | None = None) -> tuple[int, int]:
    first = (today or timezone.localdate()).replace(day=1)
    last_month = first - timedelta(days=1)
    return last_month.year, last_month.month


class YearField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Година", coerce=int, choices=_years,
            error_messages={
                "required": "Изберете година.",
                "invalid_choice": f"Изберете година между {FIRST_YEAR} и текущата.",
            },
            **kwargs,
        )  # fmt: skip


class MonthForm(forms.Form):
    year = YearField()
    month = forms.TypedChoiceField(
        label="Месец", coerce=int, choices=MONTHS,
        error_messages={"required": "Изберете месец.", "invalid_choice": "Изберете месец от 1 до 12."},
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if date(data["year"], data["month"], 1) > timezone.localdate():
            raise forms.ValidationError("Месецът още не е започнал.")
        return data

    @property
    def period(self) -> Period:
        return Period.month(self.cleaned_data["year"], self.cleaned_data["month"])


class PeriodForm(forms.Form):
    start = BgDateField(label="От", error_messages={"required": "Въведете началото на периода."})
    end = BgDateField(label="До", error_messages={"required": "Въведете края на периода."})

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            return data
        if start > end:
            raise forms.ValidationError("Началото на периода е след края му.")
        if (end - start).days + 1 > MAX_PERIOD_DAYS:
            raise forms.ValidationError("Периодът е най-много една година.")
        if start > timezone.localdate():
            raise forms.ValidationError("Периодът още не е започнал.")
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


class YearForm(forms.Form):
    year = YearField()


class SubmitForm(forms.Form):
    submitted_to = forms.CharField(
        label="Подава се към", max_length=200,
        error_messages={"required": "Напишете към кого се подава.",
                        "max_length": "До 200 знака."},
    )  # fmt: skip
    note = forms.CharField(
        label="Бележка (изх. №, дата)", max_length=500, required=False,
        error_messages={"max_length": "Бележката е до 500 знака."},
    )  # fmt: skip


def _text(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=MAX_TEXT, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"max_length": f"Текстът е до {MAX_TEXT} знака."},
    )  # fmt: skip


class AnnualReportForm(forms.Form):
    year = YearField(widget=forms.HiddenInput)
    results_text = _text(
        "1. Постигнати резултати",
        "Какво постигна услугата през годината: за потребителите, семействата, общността.",
    )
    quality_programme_text = _text(
        "2. Резултати от изпълнението на програмата за развитие на качеството",
        "ЗСУ чл. 112, ал. 1: мерките от програмата и докъде са стигнали.",
    )
    monitoring_text = _text(
        "3. Резултати от годишния вътрешен контрол и мониторинг",
        "Проверки, изводи, предприети мерки.",
    )
    action = forms.ChoiceField(
        choices=[("save", "Запази"), ("submit", "Подай")], initial="save",
        error_messages={"invalid_choice": "Непознато действие."},
    )  # fmt: skip

    def texts(self) -> AnnualTexts:
        data = self.cleaned_data
        return AnnualTexts(
            results_text=data["results_text"],
            quality_programme_text=data["quality_programme_text"],
            monitoring_text=data["monitoring_text"],
        )


class DownloadForm(forms.Form):
    """The one-time token of an export, posted from the page that shows the password."""

    token = forms.CharField(max_length=100, widget=forms.HiddenInput)
