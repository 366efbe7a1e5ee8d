from django import forms
from django.contrib.auth import get_user_model

from opora.accounts.enums import Role
from opora.cases.enums import (
    OPEN_STATUSES,
    CasePersonRole,
    CaseStatus,
    RefusalGround,
)
from opora.centres.enums import TargetGroup
from opora.core.forms import BgDateField
from opora.core.locking import LockedForm


def staff_of(centre, roles):
    return (
        get_user_model()
        .objects.filter(
            memberships__centre=centre, memberships__is_active=True, memberships__role__in=roles
        )
        .order_by("last_name", "first_name")
        .distinct()
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Статус",
        required=False,
        choices=[("", "Отворени (в работа)"), ("all", "Всички")]
        + [(s, CaseStatus(s).label) for s in CaseStatus.values],
    )
    target_group = forms.ChoiceField(
        label="Целева група", required=False, choices=[("", "Всички"), *TargetGroup.choices]
    )
    case_manager = StaffChoiceField(
        label="Водещ на случая", required=False, queryset=None, empty_label="Всички"
    )
    q = forms.CharField(label="Търсене (име или номер)", required=False, max_length=100)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_manager"].queryset = staff_of(centre, Role.specialists())


class AcceptForm(forms.Form):
    case_manager = StaffChoiceField(
        label="Водещ на случая",
        queryset=None,
        empty_label="— изберете специалист —",
        error_messages={"required": "Изберете водещ на случая."},
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_manager"].queryset = staff_of(centre, Role.specialists())


class WaitlistForm(forms.Form):
    note = forms.CharField(
        label="Бележка", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RefuseForm(forms.Form):
    ground = forms.ChoiceField(
        label="Правно основание",
        choices=[("", "— изберете —"), *RefusalGround.choices],
        error_messages={"required": "Изберете правно основание за отказа (чл. 78, ал. 5 ЗСУ)."},
    )
    reason = forms.CharField(
        label="Мотиви",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Отказът трябва да е мотивиран: опишете причините."},
    )


class LeaveWaitingListForm(forms.Form):
    reason = forms.CharField(
        label="Причина за изписване от списъка",
        max_length=200,
        error_messages={"required": "Посочете причината за изписване от списъка."},
    )


class TeamMemberForm(forms.Form):
    user = StaffChoiceField(
        label="Служител",
        queryset=None,
        empty_label="— изберете —",
        error_messages={"required": "Изберете служител."},
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_of(centre, Role.case_workers())


class AssignForm(AcceptForm, LockedForm):
    """The case manager, with the case's revision when the form was opened (optimistic lock)."""


class CasePersonForm(forms.Form):
    person_id = forms.TypedChoiceField(
        label="Лице", coerce=int, choices=(), error_messages={"required": "Изберете лице."}
    )
    role = forms.ChoiceField(label="Роля в случая", choices=CasePersonRole.choices)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person_id"].choices = [("", "— изберете —")] + [
            (p.pk, p.full_name) for p in candidates
        ]


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


# Need-to-know: asking for access to a case and the manager's decision


class AccessRequestForm(forms.Form):
    reason = forms.CharField(
        label="Защо ви е нужен достъп",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Напр. „Заместваме водещия по време на отпуската му“. Ръководителят ще го прочете.",
        error_messages={"required": "Напишете защо ви е нужен достъп до случая."},
    )


class GrantAccessForm(forms.Form):
    expires_on = BgDateField(
        label="Достъп до (включително)",
        required=False,
        help_text="Оставете празно за достъп, докато не го оттеглите.",
    )


class RefuseAccessForm(forms.Form):
    reason = forms.CharField(
        label="Причина за отказа",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Напишете защо отказвате достъпа."},
    )


class RevokeAccessForm(forms.Form):
    """No field: the POST itself is the decision (the button asks for it in plain words)."""
