from django import forms

from opora.core.forms import BgDateField
from opora.reviews.domain.review import GoalProgressData, ReviewData, completeness_problems
from opora.reviews.enums import Progress, ReviewKind


def _text(label: str, rows: int = 3, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class StartReviewForm(forms.Form):
    kind = forms.ChoiceField(
        label="Вид на прегледа",
        choices=[("", "— изберете —"), *ReviewKind.choices],
        error_messages={"required": "Изберете вид на прегледа."},
    )
    reason = _text("Повод (какво се случи)", rows=2, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("kind") in ReviewKind.events() and not data.get("reason", "").strip():
            self.add_error("reason", "Опишете повода за извънредния преглед.")
        return data


class ReviewForm(forms.Form):
    """The review sheet: one progress choice and comment per goal of the reviewed plan."""

    held_on = BgDateField(
        label="Дата на прегледа", error_messages={"required": "Посочете датата на прегледа."}
    )
    needs_change = _text("Промени в потребностите и в ситуацията")
    child_view = _text("Мнение на детето")
    child_not_heard_reason = _text(
        "Причина детето да не бъде изслушано",
        rows=2,
        help_text="Само ако изслушването би навредило на детето (чл. 15, ал. 1 ЗЗД).",
    )
    decisions = _text("Решения от прегледа", rows=4)
    update_assessment = forms.BooleanField(label="Нужна е актуализация на ИОП", required=False)
    update_plan = forms.BooleanField(label="Нужна е нова версия на ИПП", required=False)
    next_review_on = BgDateField(
        label="Следващ преглед",
        required=False,
        help_text="До 12 месеца след този преглед; по подразбиране според настройките на центъра.",
    )

    def __init__(self, *args, review, goals, completing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.review, self.goals, self.completing = review, list(goals), completing
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=f"Напредък: {goal.title}",
                required=False,
                choices=[("", "— изберете —"), *Progress.choices],
            )
            self.fields[f"goal_{goal.pk}_comment"] = _text("Коментар", rows=2)
        goal_fields = [name for name in self.fields if name.startswith("goal_")]
        self.order_fields(["held_on", *goal_fields])

    @property
    def goal_rows(self):
        return [
            (goal, self[f"goal_{goal.pk}"], self[f"goal_{goal.pk}_comment"]) for goal in self.goals
        ]

    @property
    def general_fields(self):
        skip = {"held_on"}
        return [f for f in self if not f.name.startswith("goal_") and f.name not in skip]

    def clean(self):
        data = super().clean()
        if self.completing and not self.errors:
            for message, field in completeness_problems(self.review, self.to_data()):
                self.add_error(field if field in self.fields else None, message)
        return data

    def to_data(self) -> ReviewData:
        data = self.cleaned_data
        return ReviewData(
            held_on=data["held_on"],
            progress=[
                GoalProgressData(
                    goal_id=goal.pk,
                    progress=data.get(f"goal_{goal.pk}", ""),
                    comment=data.get(f"goal_{goal.pk}_comment", ""),
                )
                for goal in self.goals
            ],
            needs_change=data["needs_change"],
            child_view=data["child_view"],
            child_not_heard_reason=data["child_not_heard_reason"],
            decisions=data["decisions"],
            update_assessment=data["update_assessment"],
            update_plan=data["update_plan"],
            next_review_on=data["next_review_on"],
        )


def initial_for(review, *, next_review_on) -> dict:
    """The sheet as last saved; the next review defaults to today + the centre's interval."""
    initial = {
        name: getattr(review, name)
        for name in (
            "held_on", "needs_change", "child_view", "child_not_heard_reason", "decisions",
            "update_assessment", "update_plan",
        )
    }  # fmt: skip
    initial["next_review_on"] = review.next_review_on or next_review_on
    for item in review.progress.all():
        initial[f"goal_{item.goal_id}"] = item.progress
        initial[f"goal_{item.goal_id}_comment"] = item.comment
    return initial
