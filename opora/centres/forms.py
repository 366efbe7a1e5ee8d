from django import forms

from opora.centres.domain import PROFILE_FIELDS, SETTINGS_FIELDS
from opora.centres.enums import Service, TargetGroup
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
