"""Group programme forms. They check the input's shape and offer only the centre's rows; the
rules (dates, facilitators, enrolment, attendance) are the domain's."""

from decimal import Decimal

from django import forms

from opora.core.forms import BgDateField
from opora.core.sensitivity import Sensitivity
from opora.groups.domain.programmes import ProgrammeData
from opora.groups.domain.queries import facilitator_choices
from opora.groups.domain.sessions import GroupSessionData
from opora.groups.enums import DEFAULT_COMPLETION_PERCENT, Presence, ProgrammeKind

TIME_FORMATS = ["%H:%M", "%H.%M"]
TIME_ERRORS = {"invalid": "Въведете час във вида чч:мм, напр. 16:30."}


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self):
        super().__init__(format="%H:%M", attrs={"class": "time"})


class ProgrammeForm(forms.Form):
    kind = forms.ChoiceField(
        label="Вид програма",
        choices=[("", "— изберете —"), *ProgrammeKind.choices],
        error_messages={
            "required": "Изберете вид на програмата.",
            "invalid_choice": "Изберете вид на програмата от списъка.",
        },
    )
    title = forms.CharField(
        label="Наименование",
        max_length=200,
        error_messages={"required": "Въведете наименование на програмата."},
        help_text="Напр. „Умения за самостоятелен живот – пролет 2026“.",
    )
    description = forms.CharField(
        label="Описание", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    facilitators = StaffMultipleChoiceField(
        label="Водещи",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Изберете поне един водещ на програмата.",
            "invalid_choice": "Изберете водещи от специалистите на центъра.",
        },
    )
    starts_on = BgDateField(label="Начало", error_messages={"required": "Въведете начална дата."})
    ends_on = BgDateField(label="Край", required=False)
    planned_hours = forms.DecimalField(
        label="Планирани часове",
        min_value=Decimal("0.5"),
        max_value=Decimal("999"),
        max_digits=5,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "hours"}),
        error_messages={
            "required": "Въведете планираните часове.",
            "invalid": "Въведете часовете като число, напр. 12 или 7,5.",
            "min_value": "Планираните часове трябва да са между 0,5 и 999.",
            "max_value": "Планираните часове трябва да са между 0,5 и 999.",
            "max_digits": "Планираните часове трябва да са между 0,5 и 999.",
            "max_decimal_places": "Въведете часовете с най-много един знак след запетаята.",
        },
    )
    completion_percent = forms.IntegerField(
        label="Минимум присъствие за удостоверение (%)",
        min_value=1,
        max_value=100,
        initial=DEFAULT_COMPLETION_PERCENT,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "percent"}),
        error_messages={
            "required": "Въведете минималното присъствие в проценти.",
            "invalid": "Въведете цяло число от 1 до 100.",
            "min_value": "Минималното присъствие е процент между 1 и 100.",
            "max_value": "Минималното присъствие е процент между 1 и 100.",
        },
    )
    place = forms.CharField(label="Място", required=False, max_length=200)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = facilitator_choices(centre)

    def programme_data(self) -> ProgrammeData:
        data = self.cleaned_data
        return ProgrammeData(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            facilitators=tuple(data["facilitators"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            planned_hours=data["planned_hours"],
            completion_percent=data["completion_percent"],
            place=data["place"],
        )


def programme_initial(programme) -> dict:
    return {
        "kind": programme.kind,
        "title": programme.title,
        "description": programme.description,
        "facilitators": [u.pk for u in programme.facilitators.all()],
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "planned_hours": programme.planned_hours,
        "completion_percent": programme.completion_percent,
        "place": programme.place,
    }


class GroupSessionForm(forms.Form):
    date = BgDateField(label="Дата", error_messages={"required": "Въведете дата на заниманието."})
    start_time = forms.TimeField(
        label="Начало",
        widget=TimeInput(),
        input_formats=TIME_FORMATS,
        error_messages={"required": "Въведете начален час.", **TIME_ERRORS},
    )
    end_time = forms.TimeField(
        label="Край",
        widget=TimeInput(),
        input_formats=TIME_FORMATS,
        error_messages={"required": "Въведете краен час.", **TIME_ERRORS},
    )
    hours = forms.DecimalField(
        label="Часове",
        required=False,
        min_value=Decimal("0.25"),
        max_value=Decimal("12"),
        max_digits=4,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "hours"}),
        help_text="Празно: от началото до края. Поправете, ако има почивка.",
        error_messages={
            "invalid": "Въведете часовете като число, напр. 3 или 1,5.",
            "min_value": "Часовете на заниманието трябва да са между 0,25 и 12.",
            "max_value": "Часовете на заниманието трябва да са между 0,25 и 12.",
            "max_digits": "Часовете на заниманието трябва да са между 0,25 и 12.",
            "max_decimal_places": "Въведете часовете с най-много два знака след запетаята.",
        },
    )
    topic = forms.CharField(
        label="Тема", max_length=250, error_messages={"required": "Въведете тема на заниманието."}
    )
    place = forms.CharField(
        label="Място", required=False, max_length=200, help_text="Празно: мястото на програмата."
    )

    def session_data(self) -> GroupSessionData:
        data = self.cleaned_data
        return GroupSessionData(
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            hours=data["hours"],
            topic=data["topic"],
            place=data["place"],
        )


def session_initial(session) -> dict:
    return {
        "date": session.date,
        "start_time": session.start_time,
        "end_time": session.end_time,
        "hours": session.hours,
        "topic": session.topic,
        "place": session.place,
    }


# Short labels: three buttons side by side on a phone.
PRESENCE_CHOICES = [
    (Presence.PRESENT, "Присъства"),
    (Presence.ABSENT, "Отсъства"),
    (Presence.EXCUSED, "Уважителна причина"),
]


class AttendanceForm(forms.Form):
    """One radio group per participant on the list, named `p<id>`; fast to tick on a phone."""

    def __init__(self, *args, participants, marks: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for participant in self.participants:
            self.fields[f"p{participant.pk}"] = forms.ChoiceField(
                label=participant.person.full_name,
                choices=PRESENCE_CHOICES,
                initial=marks.get(participant.pk, Presence.PRESENT),
                widget=forms.RadioSelect(attrs={"class": "presence"}),
                error_messages={
                    "required": f"Отбележете {participant.person.full_name}.",
                    "invalid_choice": "Изберете „присъства“, „отсъства“ или „уважителна причина“.",
                },
            )

    def rows(self):
        return [(p, self[f"p{p.pk}"]) for p in self.participants]

    def marks(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"p{p.pk}"] for p in self.participants}


class SessionNoteForm(forms.Form):
    facilitator_note = forms.CharField(
        label="Бележка на водещия",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Как мина заниманието. Вижда се от водещите и ръководителя.",
    )


class EnrolForm(forms.Form):
    person = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Изберете лице.", "invalid": "Изберете лице."},
    )
    case = forms.TypedChoiceField(
        label="Случай", required=False, coerce=int, empty_value=None, choices=()
    )
    enrolled_on = BgDateField(label="Записан/а на", required=False)

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "— без връзка със случай —")] + [
            (case.pk, f"{case.number} — {case.get_status_display()}") for case in cases
        ]
        self.fields["case"].error_messages["invalid_choice"] = "Изберете случай на лицето."


class WithdrawForm(forms.Form):
    left_on = BgDateField(label="Напуснал/а на", error_messages={"required": "Въведете дата."})
    reason = forms.CharField(label="Причина", required=False, max_length=250)


NOTE_AUDIENCES = [
    (Sensitivity.TEAM, "Екипът: водещите, ръководителят и екипът по случая на участника"),
    (Sensitivity.PSYCHOLOGISTS, "Само психолозите сред водещите и в екипа по случая"),
    (Sensitivity.MANAGER, "Само ръководителят"),
]


class ParticipantNoteForm(forms.Form):
    text = forms.CharField(
        label="Бележка",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Напишете бележката."},
    )
    sensitivity = forms.ChoiceField(
        label="Кой може да чете",
        choices=NOTE_AUDIENCES,
        initial=Sensitivity.TEAM,
        widget=forms.RadioSelect,
        help_text="Вие винаги виждате своите бележки.",
        error_messages={"invalid_choice": "Изберете кой може да чете бележката."},
    )
