"""Session and calendar forms. They check the input's shape and offer only the centre's and the
case's rows; the rules of the session log are the domain's (consultations.domain.checks)."""

from django import forms

from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.queries import specialists_of
from opora.consultations.domain.weeks import Week
from opora.consultations.enums import MAX_DURATION_MINUTES, SessionKind
from opora.core.forms import BgDateField
from opora.core.sensitivity import Sensitivity
from opora.plans.domain.queries import goals_in_force
from opora.plans.enums import Setting

DEFAULT_DURATION = 50
# The levels in plain words for the session form (opora.core.sensitivity).
SENSITIVITY_CHOICES = [
    (Sensitivity.TEAM, "Екипът по случая и ръководителят"),
    (Sensitivity.PSYCHOLOGISTS, "Терапевтични бележки — само психолозите по случая"),
    (Sensitivity.MANAGER, "Само ръководителят на центъра"),
]


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class ParticipantsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.full_name} — {obj.get_role_display()}"


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.order}. {obj.title}"


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self):
        super().__init__(format="%H:%M", attrs={"class": "time"})


class SessionForm(forms.Form):
    """One form for planning, logging and correcting a session; `mode` is "plan" or "log"."""

    kind = forms.ChoiceField(
        label="Вид",
        choices=[("", "— изберете —"), *SessionKind.choices],
        error_messages={"required": "Изберете вид на срещата."},
    )
    date = BgDateField(label="Дата", error_messages={"required": "Въведете дата на срещата."})
    start_time = forms.TimeField(
        label="Начален час",
        widget=TimeInput(),
        input_formats=["%H:%M", "%H.%M"],
        error_messages={
            "required": "Въведете начален час.",
            "invalid": "Въведете час във вида чч:мм, напр. 14:30.",
        },
    )
    duration_minutes = forms.IntegerField(
        label="Продължителност (минути)",
        min_value=1,
        max_value=MAX_DURATION_MINUTES,
        initial=DEFAULT_DURATION,
        widget=forms.NumberInput(attrs={"class": "minutes", "step": 5, "inputmode": "numeric"}),
        error_messages={
            "required": "Въведете продължителността в минути.",
            "invalid": "Въведете продължителността като цяло число минути.",
            "min_value": f"Продължителността трябва да е между 1 и {MAX_DURATION_MINUTES} минути.",
            "max_value": f"Продължителността трябва да е между 1 и {MAX_DURATION_MINUTES} минути.",
        },
    )
    setting = forms.ChoiceField(
        label="Среда",
        choices=Setting.choices,
        initial=Setting.CENTRE,
        help_text="Посещението в дома е в домашна среда, а в училище — мобилно, независимо от избора.",
    )
    place = forms.CharField(
        label="Място / адрес",
        required=False,
        max_length=250,
        help_text="Напр. кабинет 2, адрес на семейството, училище.",
    )
    lead = StaffChoiceField(
        label="Водещ специалист",
        queryset=None,
        empty_label="— изберете —",
        error_messages={
            "required": "Изберете водещия специалист.",
            "invalid_choice": "Изберете специалист от центъра.",
        },
    )
    staff = StaffMultipleChoiceField(
        label="Други служители",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Изберете служители на центъра."},
    )
    participants = ParticipantsField(
        label="Участници",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Лицето не участва в случая."},
    )
    goal = GoalChoiceField(
        label="Цел от ИПП",
        queryset=None,
        required=False,
        empty_label="— без връзка с цел —",
        error_messages={"invalid_choice": "Целта не е от плана в сила за случая."},
    )
    notes = forms.CharField(
        label="Бележки от срещата",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Поверително: кой го вижда, избирате по-долу.",
    )
    next_steps = forms.CharField(
        label="Следващи стъпки", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sensitivity = forms.ChoiceField(
        label="Кой може да чете бележките",
        choices=SENSITIVITY_CHOICES,
        initial=Sensitivity.TEAM,
        required=False,  # left out: the team, as before the levels existed
        widget=forms.RadioSelect,
        help_text=(
            "Терапевтични бележки — само психолозите по случая. Останалите от екипа виждат само, "
            "че срещата е състояла (дата, вид, кой), без текста."
        ),
        error_messages={"invalid_choice": "Изберете кой може да чете бележките."},
    )

    def __init__(self, *args, case, centre, mode: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode = mode
        specialists = specialists_of(centre)
        self.fields["lead"].queryset = specialists
        self.fields["staff"].queryset = specialists
        self.fields["participants"].queryset = case.people.select_related("person").order_by("id")
        self.fields["goal"].queryset = goals_in_force(case).order_by("order", "id")
        if mode == "plan":
            del self.fields["next_steps"]
            self.fields["notes"].label = "Цел на срещата / бележка"
            self.fields["notes"].widget.attrs["rows"] = 3

    def session_data(self) -> SessionData:
        data = self.cleaned_data
        return SessionData(
            kind=data["kind"],
            date=data["date"],
            start_time=data["start_time"],
            duration_minutes=data["duration_minutes"],
            setting=data["setting"],
            place=data["place"],
            lead=data["lead"],
            staff=tuple(data["staff"]),
            participants=tuple(data["participants"]),
            goal=data["goal"],
            notes=data["notes"],
            next_steps=data.get("next_steps", ""),
            sensitivity=data.get("sensitivity") or Sensitivity.TEAM,
        )


def initial_from(session) -> dict:
    """A session's values as a form's initial data (to edit it or to log a planned one)."""
    return {
        "kind": session.kind,
        "date": session.date,
        "start_time": session.start_time,
        "duration_minutes": session.duration_minutes,
        "setting": session.setting,
        "place": session.place,
        "lead": session.lead_id,
        "staff": [u.pk for u in session.staff.all()],
        "participants": [p.pk for p in session.participants.all()],
        "goal": session.goal_id,
        "notes": session.notes,
        "next_steps": session.next_steps,
        "sensitivity": session.sensitivity,
    }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Причина за отмяната",
        max_length=500,
        error_messages={"required": "Посочете причината за отмяната."},
    )


class NoShowForm(forms.Form):
    note = forms.CharField(
        label="Бележка (потърсени ли са, какво е обяснението)", required=False, max_length=500
    )


class DiaryForm(forms.Form):
    """?staff=&week=YYYY-Www or ?date=dd.mm.yyyy — whose diary, and which week or day."""

    staff = StaffChoiceField(
        label="Специалист",
        queryset=None,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": "Изберете специалист от центъра."},
    )
    week = forms.CharField(
        label="Седмица",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"type": "week", "placeholder": "2026-W05"}),
    )
    date = BgDateField(label="Дата", required=False)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = specialists_of(centre)

    def clean_week(self):
        text = self.cleaned_data["week"].strip()
        if text and Week.parse(text) is None:
            raise forms.ValidationError("Въведете седмица във вида 2026-W05.")
        return text


class TimelineSearchForm(forms.Form):
    """?q= on the case timeline: words to find in the entries the reader may see."""

    q = forms.CharField(label="Търсене в бележките и събитията", required=False, max_length=200)
