from django import template

from opora.consultations.domain.checks import why_no_session
from opora.consultations.domain.queries import session_summary
from opora.consultations.enums import SessionStatus

register = template.Library()

# Timeline kinds by their first part ("session.held" → "session"): a mark and a label.
EVENT_KINDS = {
    "status": ("◆", "Статус"),
    "referral": ("✉", "Насочване"),
    "task": ("☐", "Задача"),
    "task.done": ("☑", "Задача"),
    "session.held": ("●", "Среща"),
    "session.planned": ("○", "Планирана среща"),
    "session.no_show": ("✕", "Неявяване"),
    "session.cancelled": ("–", "Отменена среща"),
    "assessment": ("✎", "Оценка (ИОП)"),
    "plan": ("☰", "План (ИПП)"),
    "contract": ("✍", "Договор"),
    "review": ("↻", "Преглед"),
    "closure": ("■", "Приключване"),
    "deadline": ("⏱", "Срок"),
    "attachment": ("📎", "Прикачен файл"),
    "group": ("◎", "Група"),
    "follow_up": ("↺", "Проследяване"),
    "referrer_report": ("✉", "Доклад до насочващия"),
}


def _kind(kind: str) -> tuple[str, str]:
    return EVENT_KINDS.get(kind) or EVENT_KINDS.get(kind.split(".")[0]) or ("•", "Събитие")


@register.filter
def event_mark(kind: str) -> str:
    return _kind(kind)[0]


@register.filter
def event_label(kind: str) -> str:
    return _kind(kind)[1]


@register.filter
def event_class(kind: str) -> str:
    """A CSS class per kind family: "ev ev-session ev-session-held"."""
    family = kind.split(".")[0]
    return f"ev ev-{family} ev-{kind.replace('.', '-')}"


@register.filter
def short_name(person) -> str:
    """First name and the initial of the family name: enough to recognise, little to disclose."""
    if person is None:
        return ""
    initial = f" {person.last_name[:1]}." if person.last_name else ""
    return f"{person.first_name}{initial}"


@register.filter
def session_class(status: str) -> str:
    return f"status session-{status}"


@register.simple_tag
def session_panel(case) -> dict:
    """{% session_panel case as panel %}: the summary and which writes the case's status allows."""
    return {
        "summary": session_summary(case),
        "can_record": why_no_session(case, status=SessionStatus.HELD) is None,
        "can_plan": why_no_session(case, status=SessionStatus.PLANNED) is None,
    }
