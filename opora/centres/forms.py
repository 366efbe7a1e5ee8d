from django import forms

from opora.centres.domain import PROFILE_FIELDS, SETTINGS_FIELDS
from opora.centres.enums import Service, TargetGroup
from opora.centres.indicators import calendar_year, last_twelve_months
from opora.centres.models import Centre, CentreSettings
from opora.core.forms import BgDateField


class CentreProfileForm(forms.ModelForm):
    opened_on = BgDateField(label="Открит на", required=False)
    services = forms.MultipleChoiceField(
        label="Предлагани услуги",
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.MultipleChoiceField(
        label="Целеви групи",
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Centre
        fields = PROFILE_FIELDS


class CentreSettingsForm(forms.ModelForm):
    prefix = "settings"

    class Meta:
        model = CentreSettings
        fields = SETTINGS_FIELDS


LAST_TWELVE_MONTHS = "12m"
# How many past calendar years the period selector offers besides the current one.
YEARS_BACK = 4


class IndicatorPeriodForm(forms.Form):
    """„Показатели“: the last 12 months (default) or a calendar year."""

    period = forms.ChoiceField(label="Период", required=False)

    def __init__(self, data=None, *, today):
        super().__init__(data)
        self.today = today
        years = [str(today.year - back) for back in range(YEARS_BACK + 1)]
        self.fields["period"].choices = [
            (LAST_TWELVE_MONTHS, "последните 12 месеца"),
            *((year, f"{year} г.") for year in years),
        ]
        self.fields["period"].error_messages["invalid_choice"] = (
            "Няма такъв период. Показани са последните 12 месеца."
        )

    def chosen_period(self):
        value = self.cleaned_data.get("period") if self.is_valid() else ""
        if value and value != LAST_TWELVE_MONTHS:
            return calendar_year(int(value), self.today)
        return last_twelve_months(self.today)
