"""Legal holds: a case or a person whose data must be kept whatever the retention period."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.privacy.models import LegalHold

MIN_REASON = 5


def place_legal_hold(centre, *, actor, reason: str, case=None, person=None) -> LegalHold:
    subject = case or person
    if (case is None) == (person is None):
        raise DomainError("Изберете случай или лице, чиито данни да се задържат.")
    if subject.centre_id != centre.pk:
        raise DomainError("Случаят или лицето не е от този център.")
    reason = _required(reason, "Посочете основанието за задържането (напр. дело, проверка).")
    active = LegalHold.objects.filter(lifted_at=None)
    if active.filter(case=case).exists() if case else active.filter(person=person).exists():
        raise DomainError("Данните вече са задържани; вдигнете старото задържане, ако е нужно.")
    try:
        with transaction.atomic():
            hold = LegalHold.objects.create(
                centre=centre, case=case, person=person, reason=reason,
                placed_at=timezone.now(), placed_by=actor, placed_by_name=_name(actor),
            )  # fmt: skip
            record(actor=actor, action="legal_hold.place", obj=subject, changes={"hold": hold.pk})
    except IntegrityError as error:  # the same subject held twice at the same moment
        raise DomainError("Данните вече са задържани.") from error
    return hold


def lift_legal_hold(hold: LegalHold, *, actor, reason: str) -> LegalHold:
    if hold.lifted_at is not None:
        raise DomainError("Задържането вече е вдигнато.")
    reason = _required(reason, "Посочете защо задържането вече не е нужно.")
    with transaction.atomic():
        hold.lifted_at = timezone.now()
        hold.lifted_by = actor
        hold.lifted_by_name = _name(actor)
        hold.lift_reason = reason
        hold.save(update_fields=["lifted_at", "lifted_by", "lifted_by_name", "lift_reason"])
        subject = hold.case or hold.person
        record(actor=actor, action="legal_hold.lift", obj=subject, changes={"hold": hold.pk})
    return hold


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if len(text) < MIN_REASON:
        raise DomainError(message, field="reason")
    return text


def _name(actor) -> str:
    return f"{actor.get_full_name() or actor.username} ({actor.username})"
