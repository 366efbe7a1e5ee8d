"""What an ИОП must contain before it is completed, and which of its dates make sense."""

from datetime import date

from django.utils import timezone

from opora.assessments.sections import ADULT_AGE, HEARING_AGE, TEXT_SECTIONS
from opora.core.errors import DomainError


class AssessmentErrors(DomainError):
    """Several fields of the ИОП are refused at once; `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def date_errors(assessment) -> dict[str, str]:
    """Dates a draft may not carry either: nothing in the future, nothing before the case."""
    today = timezone.localdate()
    registered_on = timezone.localtime(assessment.case.registered_at).date()
    errors = {}
    assessed_on, heard_on = assessment.assessed_on, assessment.child_heard_on
    if assessed_on and assessed_on > today:
        errors["assessed_on"] = "Датата на оценката не може да е в бъдещето."
    elif assessed_on and assessed_on < registered_on:
        errors["assessed_on"] = (
            f"Датата на оценката не може да е преди регистрирането на случая "
            f"({registered_on:%d.%m.%Y})."
        )
    if heard_on and heard_on > today:
        errors["child_heard_on"] = "Датата на изслушването не може да е в бъдещето."
    elif heard_on and assessed_on and heard_on > assessed_on:
        errors["child_heard_on"] = "Изслушването не може да е след датата на оценката."
    return errors


def completion_errors(assessment, *, on: date) -> dict[str, str]:
    """Every reason the ИОП cannot be completed yet, by field, in Bulgarian."""
    errors = {
        section.name: section.required_message
        for section in TEXT_SECTIONS
        if section.required_message and not getattr(assessment, section.name).strip()
    }
    errors.update(child_view_errors(assessment, person=assessment.case.primary_person, on=on))
    return errors


def must_be_heard(person, on: date) -> bool:
    """ЗЗД чл. 15, ал. 1: from 10 years on (unknown age counts as heard, to be safe)."""
    age = person.age_on(on)
    return age is None or age >= HEARING_AGE


def child_view_errors(assessment, *, person, on: date) -> dict[str, str]:
    if assessment.child_view.strip():
        return _how_heard_errors(assessment)
    if assessment.child_not_heard_reason.strip() or not must_be_heard(person, on):
        return {}
    return {"child_view": _view_required_message(person.age_on(on))}


def _how_heard_errors(assessment) -> dict[str, str]:
    errors = {}
    if not assessment.child_heard_on:
        errors["child_heard_on"] = "Посочете датата на изслушването."
    if not assessment.hearing_method:
        errors["hearing_method"] = "Посочете как е проведено изслушването."
    return errors


def _view_required_message(age: int | None) -> str:
    if age is None:
        return (
            "Датата на раждане не е известна: запишете мнението на детето (чл. 15, ал. 1 ЗЗД) "
            "или причината то да не бъде изслушано."
        )
    if age >= ADULT_AGE:
        return (
            "Запишете мнението на потребителя (чл. 80, ал. 1 ЗСУ: лицето участва във всеки етап "
            "на оценката) или причината то да не е изразено."
        )
    return (
        f"Детето е на {age} години: запишете мнението му (чл. 15, ал. 1 ЗЗД) или причината, "
        "поради която изслушването би му навредило."
    )
