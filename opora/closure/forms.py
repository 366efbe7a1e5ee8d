from django import forms

from opora.cases.enums import ClosureReason
from opora.closure.domain.proposal import GoalResultData
from opora.closure.domain.queries import REGISTER_STATES
from opora.closure.domain.reports import ReportContent
from opora.closure.enums import (
    MANUAL_REPORT_KINDS,
    Channel,
    FollowUpOutcome,
    GoalResult,
    ReportKind,
    closure_reasons,
)
from opora.core.forms import BgDateField


def _text(label: str, rows: int = 3, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


# Closure


class ProposeClosureForm(forms.Form):
    """The final assessment: a result for every goal of the plan in force, the reason, the advice."""

    reason = forms.ChoiceField(
        label="Причина за приключване",
        choices=[("", "— изберете —"), *closure_reasons()],
        error_messages={"required": "Изберете причина за приключване."},
    )
    reason_note = _text("Описание на причината", rows=2, help_text="Задължително при „Друго“.")
    final_assessment = _text(
        "Заключителна оценка на резултатите спрямо ИПП",
        rows=5,
        required=True,
        error_messages={"required": "Опишете заключителната оценка на резултатите."},
    )
    recommendations = _text("Препоръки (към семейството, ОЗД, други услуги)")
    follow_up_on = BgDateField(
        label="Проследяване до",
        required=False,
        help_text="Оставете празно, ако няма да има проследяване след приключването.",
    )
    follow_up_plan = _text("План за проследяване", rows=2)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            message = f"Оценете резултата по целта „{goal.title}“."
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=f"Резултат: {goal.title}",
                choices=[("", "— изберете —"), *GoalResult.choices],
                error_messages={"required": message},
            )
            self.fields[f"goal_{goal.pk}_comment"] = _text("Коментар", rows=2)
        goal_fields = [name for name in self.fields if name.startswith("goal_")]
        self.order_fields(["reason", "reason_note", *goal_fields])

    @property
    def goal_rows(self):
        return [
            (goal, self[f"goal_{goal.pk}"], self[f"goal_{goal.pk}_comment"]) for goal in self.goals
        ]

    def clean(self):
        data = super().clean()
        if data.get("reason") == ClosureReason.OTHER and not data.get("reason_note", "").strip():
            self.add_error("reason_note", "При „Друго“ опишете причината.")
        return data

    def to_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "reason": data["reason"],
            "reason_note": data["reason_note"],
            "final_assessment": data["final_assessment"],
            "recommendations": data["recommendations"],
            "follow_up_on": data["follow_up_on"],
            "follow_up_plan": data["follow_up_plan"],
            "goal_results": [
                GoalResultData(
                    goal_id=goal.pk,
                    result=data[f"goal_{goal.pk}"],
                    comment=data[f"goal_{goal.pk}_comment"],
                )
                for goal in self.goals
            ],
        }


class ApproveClosureForm(forms.Form):
    comment = _text("Коментар (по желание)", rows=2)


class ReturnClosureForm(forms.Form):
    comment = _text(
        "Защо се връща и какво да се допълни",
        rows=3,
        required=True,
        error_messages={"required": "Напишете защо връщате предложението и какво да се допълни."},
    )


class StartFollowUpForm(forms.Form):
    follow_up_on = BgDateField(
        label="Проследяващ контакт до",
        error_messages={"required": "Посочете датата на следващия контакт."},
    )


class FollowUpContactForm(forms.Form):
    contacted_on = BgDateField(
        label="Дата на контакта", error_messages={"required": "Посочете датата на контакта."}
    )
    note = _text(
        "Как е семейството / бележка",
        required=True,
        error_messages={"required": "Опишете проследяващия контакт."},
    )
    outcome = forms.ChoiceField(
        label="Какво следва",
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
        initial=FollowUpOutcome.CLOSED,
        error_messages={"required": "Изберете какво следва след контакта."},
    )
    next_contact_on = BgDateField(
        label="Следващ контакт до", required=False, help_text="Само ако проследяването продължава."
    )


class ReopenForm(forms.Form):
    reason = _text(
        "Защо случаят се отваря отново",
        rows=2,
        required=True,
        error_messages={"required": "Посочете защо случаят се отваря отново."},
    )


# Reports to the referrer


class AddReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Вид",
        choices=[("", "— изберете —")] + [(k, ReportKind(k).label) for k in MANUAL_REPORT_KINDS],
        error_messages={"required": "Изберете вид на доклада."},
    )
    due_on = BgDateField(
        label="Срок", error_messages={"required": "Посочете срока на доклада."},
        help_text="При искане от ОЗД — срокът, който ОЗД е поставил.",
    )  # fmt: skip
    period_from = BgDateField(label="Период от", required=False)
    period_to = BgDateField(label="Период до", required=False)
    request_note = _text("Какво е поискал ОЗД", rows=2, help_text="Задължително при искане от ОЗД.")

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReportKind.ON_REQUEST and not data.get("request_note", "").strip():
            self.add_error("request_note", "Опишете какво е поискал ОЗД.")
        return data


class ReportContentForm(forms.Form):
    addressee_institution = forms.CharField(label="До (институция)", max_length=200, required=False)
    addressee_officer = forms.CharField(label="На вниманието на", max_length=150, required=False)
    due_on = BgDateField(label="Срок", error_messages={"required": "Посочете срока на доклада."})
    period_from = BgDateField(label="Период от", required=False)
    period_to = BgDateField(label="Период до", required=False)
    request_note = _text("Искане на ОЗД", rows=2)
    progress = _text("Напредък и резултати", rows=8)
    risks = _text("Рискове (нови или продължаващи)", rows=4)
    recommendations = _text("Препоръки", rows=5)

    def __init__(self, *args, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if kind != ReportKind.ON_REQUEST:
            del self.fields["request_note"]
        if kind == ReportKind.CLOSING:
            self.fields["progress"].label = "Резултати спрямо ИПП и причина за приключване"
            self.fields["recommendations"].label = "Препоръки и план за проследяване"

    def to_content(self) -> ReportContent:
        return ReportContent(**{name: self.cleaned_data[name] for name in self.fields})


class SendReportForm(forms.Form):
    sent_on = BgDateField(
        label="Изпратен на", error_messages={"required": "Посочете датата на изпращане."}
    )
    channel = forms.ChoiceField(
        label="Начин на изпращане",
        choices=[("", "— изберете —"), *Channel.choices],
        error_messages={"required": "Изберете начина на изпращане."},
    )
    reference_number = forms.CharField(label="Изходящ номер", max_length=60, required=False)


class CancelReportForm(forms.Form):
    reason = forms.CharField(
        label="Защо докладът отпада",
        max_length=200,
        error_messages={"required": "Посочете защо докладът отпада."},
    )


class RegisterFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="Състояние", required=False, choices=list(REGISTER_STATES.items())
    )
    kind = forms.ChoiceField(
        label="Вид", required=False, choices=[("", "Всички"), *ReportKind.choices]
    )
    q = forms.CharField(label="Случай (номер или име)", required=False, max_length=100)
    sent_from = BgDateField(label="Изпратени от", required=False)
    sent_to = BgDateField(label="Изпратени до", required=False)
