from django import forms

from opora.cases.enums import CasePersonRole, Urgency
from opora.centres.enums import Service, TargetGroup
from opora.core.forms import BgDateField
from opora.referrals.domain import ReferralData
from opora.referrals.enums import SourceType

# How a recorded family relation maps to the person's role in the case.
RELATION_TO_CASE_ROLE = {
    "mother": CasePersonRole.PARENT,
    "father": CasePersonRole.PARENT,
    "guardian": CasePersonRole.GUARDIAN,
    "curator": CasePersonRole.GUARDIAN,
    "foster_parent": CasePersonRole.FOSTER_PARENT,
    "adoptive_parent": CasePersonRole.PARENT,
    "sibling": CasePersonRole.SIBLING,
}


class ReferralForm(forms.Form):
    source_type = forms.ChoiceField(
        label="Кой насочва", choices=[("", "— изберете —"), *SourceType.choices]
    )
    institution = forms.CharField(
        label="Институция",
        max_length=200,
        required=False,
        help_text="напр. ДСП Харманли, ОУ „Христо Ботев“",
    )
    officer_name = forms.CharField(label="Служител, който насочва", max_length=150, required=False)
    officer_phone = forms.CharField(label="Телефон на служителя", max_length=60, required=False)
    officer_email = forms.EmailField(label="E-mail на служителя", required=False)
    document_number = forms.CharField(
        label="Номер на направлението / ПОП", max_length=60, required=False
    )
    document_date = BgDateField(label="Дата на документа", required=False)
    wish_declared_on = BgDateField(
        label="Дата на заявяване на желанието",
        required=False,
        help_text="От нея тече срокът за ИОП и ИПП.",
    )
    needs_summary = forms.CharField(
        label="Потребности (от ПОП)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    proposed_services = forms.CharField(
        label="Предложени услуги (от ПОП)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    chosen_services = forms.MultipleChoiceField(
        label="Услуги, избрани от лицето",
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.MultipleChoiceField(
        label="Целеви групи",
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Изберете поне една целева група."},
    )
    urgency = forms.ChoiceField(
        label="Спешност",
        choices=Urgency.choices,
        required=False,
        help_text="Кризисна ситуация, насилие и трафик се приемат извън реда на списъка на чакащите.",
    )
    notes = forms.CharField(
        label="Бележки", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, relatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.relatives = {str(r.relative_id): r for r in relatives}
        if self.relatives:
            self.fields["family"] = forms.MultipleChoiceField(
                label="Членове на семейството, включени в случая",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[
                    (key, f"{r.relative.full_name} ({r.get_kind_display()})")
                    for key, r in self.relatives.items()
                ],
            )

    def referral_data(self) -> ReferralData:
        data = {k: v for k, v in self.cleaned_data.items() if k != "family"}
        family = [
            (
                self.relatives[key].relative,
                RELATION_TO_CASE_ROLE.get(self.relatives[key].kind, CasePersonRole.RELATIVE),
            )
            for key in self.cleaned_data.get("family", [])
        ]
        return ReferralData(**data, family=family)
