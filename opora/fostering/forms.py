"""Forms of foster care and adoption: they validate and build the domain's data, they never save.

Every choice of a person, a case or a member of staff is limited to the centre's own rows. The forms of
the candidate page carry a prefix each, so that their fields' ids (and labels) never collide.
"""

from django import forms
from django.utils import timezone

from opora.accounts.enums import Role
from opora.cases.forms import StaffChoiceField, staff_of
from opora.core.forms import BgDateField
from opora.core.sensitivity import Sensitivity
from opora.fostering.domain.adopters import AdopterContactData, AdopterData
from opora.fostering.domain.assessment import ContactData
from opora.fostering.domain.candidate import CandidateData
from opora.fostering.domain.commission import DecisionData
from opora.fostering.domain.placements import PlacementData
from opora.fostering.enums import (
    AdopterContactKind,
    CandidateKind,
    ChildSex,
    ContactKind,
    DecisionOutcome,
    FosterType,
    MemberRole,
    PlacementKind,
)
from opora.fostering.models import EDITABLE_SETTINGS, FosteringSettings
from opora.people.domain.person import PersonData
from opora.people.forms import PersonForm

_NOTE = forms.Textarea(attrs={"rows": 4})
_SHORT = forms.Textarea(attrs={"rows": 2})
_CHOOSE = {"invalid_choice": "Направете валиден избор."}


def _today():
    return timezone.localdate()


class PersonLabelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        born = f", р. {obj.birth_date:%d.%m.%Y}" if obj.birth_date else ""
        return f"{obj.full_name}{born}"


class CandidateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Кандидатства", choices=CandidateKind.choices, widget=forms.RadioSelect
    )
    foster_type = forms.ChoiceField(
        label="Вид приемно семейство", choices=FosterType.choices, widget=forms.RadioSelect
    )
    enquiry_on = BgDateField(label="Дата на запитването", initial=_today)
    address = forms.CharField(label="Адрес на семейството", max_length=250, required=False)
    worker = StaffChoiceField(
        label="Водещ социален работник",
        queryset=None,
        required=False,
        empty_label="— не е определен —",
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = staff_of(centre, Role.specialists())

    def candidate_data(self) -> CandidateData:
        return CandidateData(**self.cleaned_data)


class HouseholdPersonForm(PersonForm):
    """A member of the household: a person already on record in the centre, or a new one."""

    existing = PersonLabelChoice(
        label="Лице, което вече е вписано в центъра",
        queryset=None,
        required=False,
        empty_label="— ново лице (попълнете данните по-долу) —",
    )
    role = forms.ChoiceField(label="Роля в семейството", choices=())

    def __init__(self, *args, people, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing"].queryset = people
        self.fields["role"].choices = [(r, MemberRole(r).label) for r in roles]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]
            self.fields["role"].widget = forms.HiddenInput()
        for name in ("first_name", "last_name", "identifier_type"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("existing") is None:
            for name in ("first_name", "last_name", "identifier_type"):
                if not data.get(name):
                    self.add_error(name, "Това поле е задължително.")
        return data

    def person(self):
        """The chosen person, or the data of a new one."""
        if self.cleaned_data["existing"] is not None:
            return self.cleaned_data["existing"]
        return PersonData(
            **{k: v for k, v in self.cleaned_data.items() if k in PersonData.__dataclass_fields__}
        )


class ApplicationForm(forms.Form):
    prefix = "application"
    applied_on = BgDateField(label="Дата на заявлението", initial=_today)


class StepForm(forms.Form):
    prefix = "step"
    to_status = forms.ChoiceField(label="Премини към", choices=(), error_messages=_CHOOSE)
    note = forms.CharField(label="Бележка", widget=_SHORT, required=False, max_length=2000)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = steps


class ExtensionForm(forms.Form):
    prefix = "extension"
    months = forms.TypedChoiceField(label="Удължаване с", coerce=int, choices=())
    reason = forms.CharField(
        label="Писмени мотиви (обективни причини, свързани с кандидатите)",
        widget=_NOTE,
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        months = range(1, limit + 1)
        self.fields["months"].choices = [
            (m, f"{m} {'месец' if m == 1 else 'месеца'}") for m in months
        ]


class ContactForm(forms.Form):
    prefix = "contact"
    kind = forms.ChoiceField(label="Вид", choices=(), error_messages=_CHOOSE)
    held_on = BgDateField(label="Дата", initial=_today)
    notes = forms.CharField(label="Бележки", widget=_NOTE, required=False, max_length=10000)
    sensitivity = forms.ChoiceField(
        label="Кой може да чете бележките",
        choices=Sensitivity.choices,
        initial=Sensitivity.TEAM,
        error_messages=_CHOOSE,
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, ContactKind(k).label) for k in kinds]

    def contact_data(self) -> ContactData:
        return ContactData(**self.cleaned_data)


class RefereeForm(forms.Form):
    prefix = "referee"
    name = forms.CharField(label="Име на поръчителя", max_length=200)
    contact = forms.CharField(label="Телефон / адрес", max_length=250, required=False)
    received_on = BgDateField(label="Препоръката е получена на", required=False)
    summary = forms.CharField(label="Накратко", widget=_SHORT, required=False, max_length=4000)


class ReferenceForm(forms.Form):
    prefix = "reference"
    referee = forms.ModelChoiceField(
        label="Поръчител", queryset=None, empty_label=None, error_messages=_CHOOSE
    )
    received_on = BgDateField(label="Препоръката е получена на", initial=_today)
    summary = forms.CharField(label="Накратко", widget=_SHORT, max_length=4000)

    def __init__(self, *args, referees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referee"].queryset = referees


class ReportForm(forms.Form):
    prefix = "report"
    text = forms.CharField(
        label="Доклад на социалния работник",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=50000,
    )


class SignatureForm(forms.Form):
    prefix = "signature"
    signed_on = BgDateField(label="Прочетен и подписан от кандидатите на", initial=_today)


class DecisionForm(forms.Form):
    prefix = "decision"
    decided_on = BgDateField(label="Дата на решението")
    protocol_number = forms.CharField(label="Протокол №", max_length=60)
    outcome = forms.ChoiceField(
        label="Решение", choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    capacity = forms.IntegerField(label="Брой деца", required=False, min_value=1, max_value=10)
    age_from = forms.IntegerField(
        label="Възраст от (години)", required=False, min_value=0, max_value=18
    )
    age_to = forms.IntegerField(
        label="Възраст до (години)", required=False, min_value=0, max_value=18
    )
    child_sex = forms.ChoiceField(label="Пол", choices=ChildSex.choices, required=False)
    child_needs = forms.CharField(
        label="Потребности на децата, за които е подходящо", widget=_SHORT, required=False
    )
    reasons = forms.CharField(
        label="Мотиви / каква информация се иска", widget=_NOTE, required=False, max_length=10000
    )
    information_due_on = BgDateField(label="Срок за допълнителната информация", required=False)

    def decision_data(self) -> DecisionData:
        data = dict(self.cleaned_data)
        data["child_sex"] = data.get("child_sex") or ChildSex.ANY
        return DecisionData(**data)


class RemovalForm(forms.Form):
    prefix = "removal"
    removed_on = BgDateField(label="Заличено на", initial=_today)
    reason = forms.CharField(label="Основание за заличаване", widget=_NOTE, required=False)


class PlacementForm(forms.Form):
    prefix = "placement"
    child = PersonLabelChoice(
        label="Дете", queryset=None, empty_label="— изберете дете —", error_messages=_CHOOSE
    )
    case = forms.ModelChoiceField(
        label="Случай на детето (ако има)",
        queryset=None,
        required=False,
        empty_label="— без случай в центъра —",
        error_messages=_CHOOSE,
    )
    kind = forms.ChoiceField(label="Вид настаняване", choices=PlacementKind.choices)
    placed_on = BgDateField(label="Настанено на", initial=_today)
    order_reference = forms.CharField(label="Заповед на ДСП №", max_length=80, required=False)

    def __init__(self, *args, children, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda c: f"{c.number} · {c.primary_person}"

    def placement_data(self) -> PlacementData:
        return PlacementData(**self.cleaned_data)


class ReviewForm(forms.Form):
    held_on = BgDateField(label="Дата на прегледа", initial=_today)
    summary = forms.CharField(label="Изводи", widget=_NOTE, max_length=10000)
    next_review_on = BgDateField(
        label="Следващ преглед до",
        required=False,
        help_text="Празно: след толкова месеца, колкото са в настройките (6).",
    )


class EndPlacementForm(forms.Form):
    ended_on = BgDateField(label="Прекратено на", initial=_today)
    reason = forms.CharField(label="Причина", widget=_SHORT, required=False, max_length=2000)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = FosteringSettings
        fields = EDITABLE_SETTINGS


# Adopters


class AdopterForm(forms.Form):
    referred_by = forms.CharField(label="Насочени от", max_length=200)
    referred_on = BgDateField(label="Дата на насочването", initial=_today)
    letter_number = forms.CharField(label="Писмо №", max_length=80, required=False)
    address = forms.CharField(label="Адрес на семейството", max_length=250, required=False)
    worker = StaffChoiceField(
        label="Водещ специалист",
        queryset=None,
        required=False,
        empty_label="— не е определен —",
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = staff_of(centre, Role.specialists())
        self.fields["referred_by"].initial = f"ДСП {centre.municipality}"

    def adopter_data(self) -> AdopterData:
        return AdopterData(**self.cleaned_data)


class AdopterStepForm(forms.Form):
    to_status = forms.ChoiceField(label="Премини към", choices=(), error_messages=_CHOOSE)
    adopted_on = BgDateField(label="Дата на осиновяването", required=False)
    follow_up_on = BgDateField(label="Първа подкрепа след осиновяването до", required=False)
    note = forms.CharField(label="Бележка", widget=_SHORT, required=False, max_length=2000)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = steps


class AdopterContactForm(forms.Form):
    kind = forms.ChoiceField(label="Вид", choices=(), error_messages=_CHOOSE)
    held_on = BgDateField(label="Дата", initial=_today)
    duration_minutes = forms.IntegerField(
        label="Продължителност (минути)", min_value=5, max_value=480, initial=60
    )
    notes = forms.CharField(label="Бележки", widget=_NOTE, required=False, max_length=10000)
    sensitivity = forms.ChoiceField(
        label="Кой може да чете бележките", choices=Sensitivity.choices, initial=Sensitivity.TEAM
    )
    next_contact_on = BgDateField(label="Следващ контакт до", required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, AdopterContactKind(k).label) for k in kinds]

    def contact_data(self) -> AdopterContactData:
        return AdopterContactData(**self.cleaned_data)
