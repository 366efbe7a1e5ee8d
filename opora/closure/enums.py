from django.db import models

from opora.cases.enums import ClosureReason


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Чака одобрение"
    APPROVED = "approved", "Одобрено"
    RETURNED = "returned", "Върнато"


class GoalResult(models.TextChoices):
    """The final assessment of one goal of the ИПП."""

    ACHIEVED = "achieved", "Постигната"
    PARTLY_ACHIEVED = "partly_achieved", "Частично постигната"
    NOT_ACHIEVED = "not_achieved", "Не е постигната"


def closure_reasons() -> list[tuple[str, str]]:
    """The reasons a case may be closed for; leaving the waiting list is not a closure of work."""
    return [c for c in ClosureReason.choices if c[0] != ClosureReason.LEFT_WAITING_LIST]


class ReportKind(models.TextChoices):
    """Доклад до насочващия орган (domain-bg.md §4.3, §10)."""

    PROGRESS = "progress", "Доклад за напредъка (периодичен)"
    ON_REQUEST = "on_request", "Доклад по искане на ОЗД"
    NEW_RISK = "new_risk", "Доклад за нов риск / насилие"
    CLOSING = "closing", "Заключителен доклад"


# Kinds a user adds by hand; the closing report comes with the approval of the closure.
MANUAL_REPORT_KINDS = (ReportKind.ON_REQUEST, ReportKind.NEW_RISK, ReportKind.PROGRESS)


class ReportStatus(models.TextChoices):
    DUE = "due", "Предстои"
    SENT = "sent", "Изпратен"
    CANCELLED = "cancelled", "Отпаднал"


class Channel(models.TextChoices):
    EMAIL = "email", "Електронна поща"
    POST = "post", "Поща"
    BY_HAND = "by_hand", "Връчен на ръка"
    ELECTRONIC_SYSTEM = "system", "Електронна система (СЕОС / ИС на АСП)"


class FollowUpOutcome(models.TextChoices):
    """What happens to the case after the follow-up contact."""

    CLOSED = "closed", "Проследяването приключва (случаят остава приключен)"
    ARCHIVED = "archived", "Проследяването приключва и случаят се архивира"
    CONTINUE = "continue", "Проследяването продължава (нов контакт по-късно)"
