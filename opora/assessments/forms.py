"""Forms of the ИОП pages: they parse and validate input; the domain functions write."""

from django import forms
from django.db.models import OuterRef, Subquery

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.assessments.enums import AddresseeKind, HearingMethod
from opora.assessments.sections import (
    CHILD_VIEW_FIELDS,
    CHILD_VIEW_GROUP,
    GROUPS,
    TAIL_GROUPS,
    TEXT_SECTIONS,
)
from opora.cases.forms import staff_of
from opora.core.forms import BgDateField
from opora.core.locking import LockedForm

SECTION_MAX = 20_000


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Staff shown with their role in the centre, so the team can be multidisciplinary."""

    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        role = getattr(obj, "role_here", None)
        return f"{name} — {Role(role).label.lower()}" if role in Role.values else name


def case_workers_of(centre):
    role = Membership.objects.filter(user=OuterRef("pk"), centre=centre, is_active=True)
    return staff_of(centre, Role.case_workers()).annotate(
        role_here=Subquery(role.values("role")[:1])
    )


def _team_field() -> StaffMultipleChoiceField:
    return StaffMultipleChoiceField(
        label="Екип за оценката",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Служители на центъра, определени от ръководителя на услугата (чл. 80, ал. 2 ЗСУ).",
        error_messages={
            "required": "Изберете поне един член на екипа.",
            "invalid_choice": "Изберете служители от списъка.",
            "invalid_pk_value": "Изберете служители от списъка.",
        },
    )


class StartAssessmentForm(forms.Form):
    team = _team_field()
    occasion = forms.CharField(
        label="Повод",
        required=False,
        max_length=250,
        help_text="Напр. „Първоначална оценка“ или „Актуализация след преглед на ИПП“.",
        error_messages={"max_length": "Поводът е твърде дълъг (до 250 знака)."},
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = case_workers_of(centre)


class TeamForm(forms.Form):
    team = _team_field()

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = case_workers_of(centre)


def _section_field(section) -> forms.CharField:
    return forms.CharField(
        label=section.label,
        help_text=f"{section.hint} Задължително за завършване."
        if section.required_message
        else section.hint,
        required=False,
        max_length=SECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Текстът е твърде дълъг (до {SECTION_MAX} знака)."},
    )


class AssessmentForm(LockedForm):
    """Every section, none required: a draft keeps whatever is filled in."""

    assessed_on = BgDateField(
        label="Дата на оценката",
        required=False,
        help_text="Ако остане празно, при завършване се записва днешната дата.",
    )
    child_view = forms.CharField(
        label="Мнение на детето",
        required=False,
        max_length=SECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Какво казва детето за положението си и за подкрепата — по възможност с "
        "неговите думи.",
    )
    child_heard_on = BgDateField(label="Дата на изслушването", required=False)
    hearing_method = forms.ChoiceField(
        label="Как е изслушано",
        required=False,
        choices=[("", "— изберете —"), *HearingMethod.choices],
        error_messages={"invalid_choice": "Изберете начин на изслушване от списъка."},
    )
    child_not_heard_reason = forms.CharField(
        label="Причина детето да не бъде изслушано",
        required=False,
        max_length=SECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Само ако мнението не е изслушано: напр. изслушването би навредило на детето "
        "(чл. 15, ал. 1 ЗЗД), възраст или състояние, при което то не може да изрази мнение.",
    )

    def __init__(self, *args, subject_is_adult: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for section in TEXT_SECTIONS:
            self.fields[section.name] = _section_field(section)
        if subject_is_adult:
            self._relabel_for_adult()

    def _relabel_for_adult(self) -> None:
        self.fields["child_view"].label = "Мнение на потребителя"
        self.fields[
            "child_view"
        ].help_text = "Какво казва лицето за положението си и за подкрепата."
        self.fields["child_not_heard_reason"].label = "Причина мнението да не е изразено"
        self.fields["child_not_heard_reason"].help_text = ""

    def groups(self) -> list[dict]:
        """The fieldsets in the order of the printed ИОП, the child's view in between."""

        def fieldset(group) -> dict:
            fields = [self[s.name] for s in group.sections]
            return {"title": group.title, "fields": fields, "child_view": False}

        view = [self[name] for name in CHILD_VIEW_FIELDS]
        return [
            *[fieldset(g) for g in GROUPS],
            {"title": CHILD_VIEW_GROUP, "fields": view, "child_view": True},
            *[fieldset(g) for g in TAIL_GROUPS],
        ]

    def draft_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("revision", None)
        return data


class InformationRequestForm(forms.Form):
    addressee_kind = forms.ChoiceField(
        label="Вид адресат",
        choices=[("", "— изберете —"), *AddresseeKind.choices],
        error_messages={"required": "Изберете вида на адресата."},
    )
    addressee = forms.CharField(
        label="Адресат",
        max_length=150,
        help_text="Институция и лице, напр. „ОУ „Христо Ботев“ – класен ръководител“.",
        error_messages={
            "required": "Посочете до кого е искането.",
            "max_length": "Адресатът е твърде дълъг (до 150 знака).",
        },
    )
    question = forms.CharField(
        label="Искана информация / становище",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SECTION_MAX,
        error_messages={"required": "Опишете каква информация или становище се иска."},
    )
    due_on = BgDateField(
        label="Срок за отговор",
        help_text="Срокът се определя от доставчика (чл. 81, ал. 1 ЗСУ).",
        error_messages={"required": "Посочете срок за отговор."},
    )


class ReplyForm(forms.Form):
    request = forms.TypedChoiceField(
        label="Искане",
        coerce=int,
        choices=(),
        error_messages={
            "required": "Изберете искането, на което е получен отговор.",
            "invalid_choice": "Изберете искане от списъка.",
        },
    )
    replied_on = BgDateField(
        label="Отговорът е получен на",
        error_messages={"required": "Посочете датата, на която е получен отговорът."},
    )
    reply = forms.CharField(
        label="Отговор / становище",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=SECTION_MAX,
        error_messages={
            "required": "Въведете отговора или кратко обобщение на полученото становище."
        },
    )

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [("", "— изберете —")] + [
            (r.pk, f"{r.addressee} — изпратено {r.sent_on:%d.%m.%Y}, срок {r.due_on:%d.%m.%Y}")
            for r in requests
        ]
