from django import forms

from opora.deadlines.enums import DeadlineKind
from opora.deadlines.queries import MANAGERS, OverdueFilters, people_to_filter_by

WITHIN_CHOICES = [
    ("0", "Само просрочените"),
    ("3", "и до 3 дни напред"),
    ("7", "и до 7 дни напред"),
    ("14", "и до 14 дни напред"),
    ("30", "и до 30 дни напред"),
]


class OverdueFilterForm(forms.Form):
    """Filters of the centre's overdue list; only the centre's own staff are offered."""

    owner = forms.TypedChoiceField(
        label="Отговорник",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Изберете служител от списъка."},
    )
    kind = forms.ChoiceField(
        label="Вид срок",
        required=False,
        choices=[("", "Всички"), *DeadlineKind.choices],
        error_messages={"invalid_choice": "Изберете вид срок от списъка."},
    )
    within = forms.TypedChoiceField(
        label="Период",
        required=False,
        coerce=int,
        empty_value=0,
        choices=WITHIN_CHOICES,
        error_messages={"invalid_choice": "Изберете период от списъка."},
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        staff = people_to_filter_by(centre)
        self.fields["owner"].choices = [
            ("", "Всички"),
            (str(MANAGERS), "Управителите (одобрения)"),
            *((str(user.pk), user.get_full_name() or user.username) for user in staff),
        ]

    def filters(self) -> OverdueFilters:
        if not self.is_valid():
            return OverdueFilters()
        data = self.cleaned_data
        return OverdueFilters(owner=data["owner"], kind=data["kind"], within_days=data["within"])
