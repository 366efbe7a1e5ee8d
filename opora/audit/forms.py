import re
from datetime import date, timedelta

from django import forms
from django.utils import timezone

from opora.core.forms import BgDateField

# The longest period the unusual-access check covers at once.
MAX_PERIOD_DAYS = 31
_MONTH = re.compile(r"^\s*(?:(\d{1,2})[./-](\d{4})|(\d{4})-(\d{1,2}))\s*$")


def parse_month(text: str) -> date | None:
    """„11.2026“, „11/2026“ or „2026-11“ → 1 November 2026; anything else → None."""
    found = _MONTH.match(text or "")
    if not found:
        return None
    month, year = (found[1], found[2]) if found[1] else (found[4], found[3])
    if not 1 <= int(month) <= 12 or not 2000 <= int(year) <= 2100:
        return None
    return date(int(year), int(month), 1)


class MonthField(forms.Field):
    default_error_messages = {"invalid": "Въведете месеца във вида мм.гггг, напр. 11.2026."}

    def __init__(self, **kwargs):
        attrs = {"placeholder": "мм.гггг", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(widget=forms.TextInput(attrs={**attrs, "maxlength": 10}), **kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        month = parse_month(text[:20])
        if month is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month


class StaffMonthForm(forms.Form):
    """A staff member of the centre (also a former one) and a month."""

    user = forms.TypedChoiceField(
        label="Служител",
        coerce=int,
        empty_value=None,
        error_messages={
            "required": "Изберете служител.",
            "invalid_choice": "Изберете служител от списъка.",
        },
    )
    month = MonthField(label="Месец", required=False)

    def __init__(self, data=None, *, memberships):
        super().__init__(data)
        self.fields["user"].choices = [("", "— изберете —")] + [
            (m.user_id, _staff_label(m)) for m in memberships
        ]

    def clean_month(self):
        month = self.cleaned_data.get("month") or timezone.localdate().replace(day=1)
        if month > timezone.localdate():
            raise forms.ValidationError("Месецът още не е започнал.")
        return month


def _staff_label(membership) -> str:
    user = membership.user
    name = user.get_full_name() or user.username
    state = "" if membership.is_active else ", неактивен"
    return f"{name} ({membership.get_role_display().lower()}{state})"


class PeriodForm(forms.Form):
    date_from = BgDateField(label="От", required=False)
    date_to = BgDateField(label="До", required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        today = timezone.localdate()
        end = data.get("date_to") or today
        start = data.get("date_from") or end - timedelta(days=6)
        if start > end:
            raise forms.ValidationError("Началната дата е след крайната.")
        if (end - start).days >= MAX_PERIOD_DAYS:
            raise forms.ValidationError(
                f"Изберете период до {MAX_PERIOD_DAYS} дни; по-дълъг проверете на части."
            )
        data["date_from"], data["date_to"] = start, end
        return data
