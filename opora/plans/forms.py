"""Forms of the plan and the contract. They validate and build the domain's data; they never save.

The plan editor is one HTML form with a block per goal and a row per activity (prefixes `g0`,
`g0a0`, …). Adding, removing or moving a goal or an activity re-renders the editor from what was
typed, without saving; „Запиши“ validates everything and saves it in one step.
"""

from django import forms
from django.http import QueryDict

from opora.accounts.enums import Role
from opora.cases.enums import CasePersonRole
from opora.cases.forms import StaffChoiceField, staff_of
from opora.centres.enums import Service
from opora.core.errors import DomainError
from opora.core.forms import BgDateField
from opora.core.locking import LockedForm, StaleEdit, refresh_revision
from opora.plans.domain.contract import ContractData
from opora.plans.domain.plan import (
    MAX_ACTIVITIES,
    MAX_GOALS,
    NO_EXPECTED_RESULT,
    ActivityData,
    GoalData,
    PlanData,
    check_plan_dates,
)
from opora.plans.enums import AnnexKind, DurationClass, Setting, SignatoryCapacity

_TEXT = {"rows": 2}
# Empty rows of the editor are allowed (and left out), so no field is `required` in the browser.
_NO_REQ = {"use_required_attribute": False}


class PlanHeaderForm(LockedForm):
    start_on = BgDateField(
        label="Начало на плана",
        error_messages={"required": "Въведете началната дата на плана."},
    )
    review_on = BgDateField(
        label="Преглед на",
        help_text="Планът се преглежда поне веднъж в срока си.",
        error_messages={"required": "Въведете датата за преглед."},
    )
    duration_class = forms.ChoiceField(
        label="Продължителност на услугата (чл. 16, ал. 2 ЗСУ)",
        choices=DurationClass.choices,
        error_messages={"required": "Изберете продължителност на услугата."},
    )
    child_view = forms.CharField(
        label="Мнението на детето за плана",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Как детето е изслушано и какво мисли за целите (чл. 80, ал. 1 ЗСУ).",
    )
    family_participation = forms.CharField(
        label="Участие на семейството",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Кой от семейството е участвал в изготвянето и с какъв ангажимент.",
    )

    def clean(self):
        data = super().clean()
        if all(data.get(name) for name in ("start_on", "review_on", "duration_class")):
            try:
                check_plan_dates(data["start_on"], data["review_on"], data["duration_class"])
            except DomainError as error:
                self.add_error(error.field, error.message)
        return data


class GoalForm(forms.Form):
    need = forms.CharField(
        label="Потребност", required=False, widget=forms.Textarea(attrs=_TEXT), max_length=2000
    )
    title = forms.CharField(
        label="Цел", max_length=300, error_messages={"required": "Опишете целта."}
    )
    expected_result = forms.CharField(
        label="Очакван резултат",
        widget=forms.Textarea(attrs=_TEXT),
        max_length=2000,
        error_messages={"required": NO_EXPECTED_RESULT},
    )
    indicators = forms.CharField(
        label="Индикатори (как ще измерим резултата)",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        max_length=2000,
    )
    source = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ActivityForm(forms.Form):
    service = forms.ChoiceField(
        label="Услуга",
        choices=[("", "— изберете —"), *Service.choices],
        error_messages={"required": "Изберете услуга."},
    )
    description = forms.CharField(
        label="Дейност", max_length=300, error_messages={"required": "Опишете дейността."}
    )
    frequency = forms.CharField(
        label="Честота",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "напр. веднъж седмично"}),
        error_messages={"required": "Посочете честотата (напр. веднъж седмично)."},
    )
    setting = forms.ChoiceField(label="Място", choices=Setting.choices, initial=Setting.CENTRE)
    responsible = StaffChoiceField(
        label="Отговорен специалист",
        queryset=None,
        empty_label="— изберете —",
        error_messages={
            "required": "Изберете отговорен специалист.",
            "invalid_choice": "Изберете специалист от екипа на центъра.",
        },
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff


GOAL_FIELDS = tuple(GoalForm.base_fields)
ACTIVITY_FIELDS = tuple(ActivityForm.base_fields)


class GoalBlock:
    """One goal of the editor with its activity rows."""

    def __init__(self, index: int, form: GoalForm, activities: list[ActivityForm]):
        self.index, self.form, self.activities = index, form, activities

    @property
    def number(self) -> int:
        return self.index + 1

    def is_empty(self) -> bool:
        return not self.form.has_changed() and not any(a.has_changed() for a in self.activities)


class PlanEditor:
    """The whole draft: its header and its goals, bound to a POST or filled from rows."""

    def __init__(self, *, header: PlanHeaderForm, goals: list[GoalBlock]):
        self.header, self.goals = header, goals
        self.top_errors: list[str] = []

    # Building

    @classmethod
    def for_version(cls, version, *, centre) -> "PlanEditor":
        header = {
            "start_on": version.start_on,
            "review_on": version.review_on,
            "duration_class": version.duration_class,
            "child_view": version.child_view,
            "family_participation": version.family_participation,
            "revision": version.revision,
        }
        rows = [
            {
                "goal": {
                    "need": g.need,
                    "title": g.title,
                    "expected_result": g.expected_result,
                    "indicators": g.indicators,
                    "source": g.copied_from_id,
                },
                "activities": [
                    {
                        "service": a.service,
                        "description": a.description,
                        "frequency": a.frequency,
                        "setting": a.setting,
                        "responsible": a.responsible_id,
                    }
                    for a in g.activities.all()
                ],
            }
            for g in version.goals.all()
        ]
        return cls.from_rows(header, rows or [_empty_row()], centre=centre)

    @classmethod
    def from_rows(cls, header: dict, rows: list[dict], *, centre, focus=None) -> "PlanEditor":
        """An unbound editor showing `rows` (after adding or removing a row: no errors shown)."""
        staff = _staff(centre)
        goals = []
        for i, row in enumerate(rows):
            activities = [
                ActivityForm(prefix=f"g{i}a{j}", initial=values, staff=staff, **_NO_REQ)
                for j, values in enumerate(row["activities"])
            ]
            goal = GoalForm(prefix=f"g{i}", initial=row["goal"], **_NO_REQ)
            goals.append(GoalBlock(i, goal, activities))
        header_form = PlanHeaderForm(prefix="plan", initial=header, **_NO_REQ)
        editor = cls(header=header_form, goals=goals)
        editor._focus(focus)
        return editor

    @classmethod
    def from_post(cls, data: QueryDict, *, centre) -> "PlanEditor":
        staff = _staff(centre)
        goals = []
        for i in range(_count(data, "goals", MAX_GOALS)):
            activities = [
                ActivityForm(data, prefix=f"g{i}a{j}", staff=staff, empty_permitted=True, **_NO_REQ)
                for j in range(_count(data, f"g{i}-activities", MAX_ACTIVITIES))
            ]
            has_activity = any(a.has_changed() for a in activities)
            goal = GoalForm(data, prefix=f"g{i}", empty_permitted=not has_activity, **_NO_REQ)
            goals.append(GoalBlock(i, goal, activities))
        return cls(header=PlanHeaderForm(data, prefix="plan", **_NO_REQ), goals=goals)

    # Validating

    def is_valid(self) -> bool:
        valid = self.header.is_valid()
        for block in self.goals:
            valid = block.form.is_valid() and valid
            for activity in block.activities:
                valid = activity.is_valid() and valid
        return valid

    @property
    def has_errors(self) -> bool:
        return (
            bool(self.top_errors)
            or bool(self.header.errors)
            or any(
                block.form.errors or any(a.errors for a in block.activities) for block in self.goals
            )
        )

    def error_list(self) -> list[tuple[str, str, str]]:
        """(anchor, where, message) for the summary at the top, in the order of the page."""
        found = [("", "", message) for message in self.top_errors]
        found += _field_errors(self.header, "")
        for block in self.goals:
            found += _field_errors(block.form, f"Цел {block.number} — ")
            for j, activity in enumerate(block.activities, start=1):
                found += _field_errors(activity, f"Дейност {block.number}.{j} — ")
        return found

    def add_domain_error(self, error: DomainError) -> None:
        if isinstance(error, StaleEdit):
            # The next save, made after reading the current values, replaces them.
            refresh_revision(self.header, error.revision)
            self.top_errors.append(error.message)
        elif error.field in self.header.fields:
            self.header.add_error(error.field, error.message)
        else:
            self.top_errors.append(error.message)

    def opened_revision(self) -> int | None:
        """The revision of the version when this editor was opened (None: not checked)."""
        return self.header.cleaned_data.get("revision")

    def plan_data(self) -> PlanData:
        header = self.header.cleaned_data
        return PlanData(
            start_on=header["start_on"],
            review_on=header["review_on"],
            duration_class=header["duration_class"],
            child_view=header["child_view"],
            family_participation=header["family_participation"],
            goals=tuple(_goal_data(b) for b in self.goals if not b.is_empty()),
        )

    # Adding, removing and moving rows

    def rows(self) -> list[dict]:
        return [
            {
                "goal": _raw(block.form, GOAL_FIELDS),
                "activities": [_raw(a, ACTIVITY_FIELDS) for a in block.activities],
            }
            for block in self.goals
        ]

    def header_values(self) -> dict:
        return _raw(self.header, tuple(PlanHeaderForm.base_fields))

    def rearranged(self, action: str, *, centre) -> "PlanEditor":
        """The editor after an add/remove/move button: nothing is validated or saved."""
        rows, focus = _rearrange(self.rows(), action)
        return PlanEditor.from_rows(self.header_values(), rows, centre=centre, focus=focus)

    def _focus(self, focus) -> None:
        if focus is None or not 0 <= focus[0] < len(self.goals):
            return
        block = self.goals[focus[0]]
        if focus[1] is None:
            block.form.fields["title"].widget.attrs["autofocus"] = True
        elif 0 <= focus[1] < len(block.activities):
            block.activities[focus[1]].fields["service"].widget.attrs["autofocus"] = True


ROW_ACTIONS = ("add_goal", "remove_goal", "up_goal", "add_activity", "remove_activity")


def is_row_action(action: str) -> bool:
    return action.split("-", 1)[0] in ROW_ACTIONS


def _rearrange(rows: list[dict], action: str):
    name, *numbers = action.split("-")
    try:
        i, j = (int(n) for n in [*numbers, -1, -1][:2])
    except ValueError:
        return rows, None
    if name == "add_goal" and len(rows) < MAX_GOALS:
        rows.append(_empty_row())
        return rows, (len(rows) - 1, None)
    if not 0 <= i < len(rows):
        return rows, None
    if name == "remove_goal":
        rows.pop(i)
        return rows, None
    if name == "up_goal" and i > 0:
        rows[i - 1], rows[i] = rows[i], rows[i - 1]
        return rows, (i - 1, None)
    activities = rows[i]["activities"]
    if name == "add_activity" and len(activities) < MAX_ACTIVITIES:
        activities.append({"setting": Setting.CENTRE})
        return rows, (i, len(activities) - 1)
    if name == "remove_activity" and 0 <= j < len(activities):
        activities.pop(j)
    return rows, None


def _field_errors(form: forms.Form, where: str) -> list[tuple[str, str, str]]:
    found = [("", where.rstrip(" —"), message) for message in form.non_field_errors()]
    for field in form:
        found += [(field.id_for_label, f"{where}{field.label}", e) for e in field.errors]
    return found


def _empty_row() -> dict:
    return {"goal": {}, "activities": [{"setting": Setting.CENTRE}]}


def _raw(form: forms.Form, names: tuple[str, ...]) -> dict:
    return {name: form.data.get(form.add_prefix(name), "") for name in names}


def _count(data: QueryDict, key: str, limit: int) -> int:
    raw = data.get(key, "")
    return min(int(raw), limit) if raw.isascii() and raw.isdigit() and len(raw) < 4 else 0


def _staff(centre):
    return staff_of(centre, Role.case_workers())


def _goal_data(block: GoalBlock) -> GoalData:
    goal = block.form.cleaned_data
    return GoalData(
        title=goal["title"],
        expected_result=goal["expected_result"],
        need=goal["need"],
        indicators=goal["indicators"],
        copied_from_id=goal.get("source"),
        activities=tuple(
            ActivityData(
                service=a.cleaned_data["service"],
                description=a.cleaned_data["description"],
                frequency=a.cleaned_data["frequency"],
                setting=a.cleaned_data["setting"],
                responsible=a.cleaned_data["responsible"],
            )
            for a in block.activities
            if a.has_changed()
        ),
    )


# The manager's decision


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label="Коментар (по желание)", required=False, widget=forms.Textarea(attrs=_TEXT)
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Какво трябва да се коригира",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Посочете какво трябва да се коригира."},
    )


# The contract


_CAPACITY_OF_ROLE = {
    CasePersonRole.PARENT: SignatoryCapacity.PARENT,
    CasePersonRole.GUARDIAN: SignatoryCapacity.GUARDIAN,
    CasePersonRole.FOSTER_PARENT: SignatoryCapacity.FOSTER_PARENT,
    CasePersonRole.CHILD: SignatoryCapacity.YOUNG_PERSON,
    CasePersonRole.CLIENT: SignatoryCapacity.YOUNG_PERSON,
}


class ContractForm(forms.Form):
    signatory = forms.TypedChoiceField(
        label="Подписва",
        coerce=int,
        error_messages={
            "required": "Изберете кой подписва договора.",
            "invalid_choice": "Изберете подписващия измежду лицата по случая.",
        },
    )
    capacity = forms.ChoiceField(
        label="В качеството на",
        choices=[("", "— изберете —"), *SignatoryCapacity.choices],
        error_messages={"required": "Изберете в какво качество подписва."},
    )
    start_on = BgDateField(
        label="Начало", error_messages={"required": "Въведете началото на договора."}
    )
    end_on = BgDateField(label="Край", error_messages={"required": "Въведете края на договора."})
    fee_note = forms.CharField(
        label="Такса / освобождаване от такса",
        required=False,
        max_length=200,
        help_text="Напр. „Услугата е безплатна (държавно делегирана дейност)“.",
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.links = {link.pk: link for link in case.people.all()}
        self.fields["signatory"].choices = [("", "— изберете —")] + [
            (pk, f"{link.person.full_name} — {link.get_role_display()}")
            for pk, link in self.links.items()
        ]

    @classmethod
    def initial_for(cls, case, *, start_on, end_on) -> dict:
        signer = next(
            (p for p in case.people.all() if p.role in _CAPACITY_OF_ROLE and p.role != "child"),
            None,
        )
        return {
            "signatory": signer.pk if signer else None,
            "capacity": _CAPACITY_OF_ROLE.get(signer.role, "") if signer else "",
            "start_on": start_on,
            "end_on": end_on,
        }

    @classmethod
    def initial_from(cls, case, contract) -> dict:
        link = next((p for p in case.people.all() if p.person_id == contract.signatory_id), None)
        return {
            "signatory": link.pk if link else None,
            "capacity": contract.signatory_capacity,
            "start_on": contract.start_on,
            "end_on": contract.end_on,
            "fee_note": contract.fee_note,
        }

    def contract_data(self) -> ContractData:
        data = self.cleaned_data
        return ContractData(
            signatory=self.links[data["signatory"]],
            capacity=data["capacity"],
            start_on=data["start_on"],
            end_on=data["end_on"],
            fee_note=data["fee_note"],
        )


class SignForm(forms.Form):
    signed_on = BgDateField(
        label="Подписан на", error_messages={"required": "Въведете датата на подписване."}
    )


class AnnexForm(forms.Form):
    """One kind of annex; the page shows one form per kind, prefixed with the kind."""

    signed_on = BgDateField(
        label="Подписан на", error_messages={"required": "Въведете датата на подписване."}
    )
    new_end_on = BgDateField(
        label="Нов край на договора",
        error_messages={"required": "Въведете новия край на договора."},
    )
    changes = forms.CharField(label="Промени", required=False, widget=forms.Textarea(attrs=_TEXT))

    LABELS = {
        AnnexKind.EXTEND: "Основание (по желание)",
        AnnexKind.CHANGE: "Какво се променя",
        AnnexKind.TERMINATE: "Основание за прекратяване",
    }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        self.fields["changes"].label = self.LABELS[kind]
        if kind != AnnexKind.EXTEND:
            del self.fields["new_end_on"]
