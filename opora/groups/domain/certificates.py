"""Issuing completion certificates („Удостоверение“), numbered per centre per year."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from opora.audit.domain import record
from opora.centres.models import Centre
from opora.core.errors import DomainError
from opora.groups.domain.queries import Progress, progress_of, progress_of_participant
from opora.groups.models import Certificate, Participant, Programme
from opora.groups.text import format_hours as _hours


def issue_certificate(
    participant: Participant, *, actor, issued_on: date | None = None
) -> Certificate:
    """The participant's certificate; issued once, with the next number of the centre's year.

    Only when the programme has finished and the participant attended at least the programme's
    minimum share of the planned hours. Asking again returns the certificate already issued.
    """
    with transaction.atomic():
        # The centre row serialises numbering: two certificates never get the same number.
        centre = Centre.objects.select_for_update().get(pk=participant.programme.centre_id)
        participant = Participant.objects.select_related("programme", "person").get(
            pk=participant.pk
        )
        existing = Certificate.objects.filter(participant=participant).first()
        if existing is not None:
            return existing
        why_not = why_no_certificate(participant)
        if why_not:
            raise DomainError(why_not)
        issued_on = issued_on or timezone.localdate()
        progress = progress_of_participant(participant)
        certificate = Certificate.objects.create(
            centre=centre, participant=participant, year=issued_on.year,
            sequence=_next_sequence(centre, issued_on.year), issued_on=issued_on,
            hours=progress.hours, issued_by=actor,
        )  # fmt: skip
        record(
            actor=actor, action="certificate.issue", obj=certificate, centre_id=centre.pk,
            changes={"participant": participant.pk, "number": certificate.number,
                     "hours": str(certificate.hours)},
        )  # fmt: skip
    return certificate


def issue_certificates(programme: Programme, *, actor) -> list[Certificate]:
    """The certificates of everyone who completed the finished programme and has none yet."""
    with transaction.atomic():
        programme = Programme.objects.get(pk=programme.pk)
        if not programme.is_finished:
            raise DomainError("Удостоверения се издават след приключване на програмата.")
        due = [row.participant for row in progress_of(programme) if may_be_certified(row)]
        if not due:
            raise DomainError("Няма завършили участници без удостоверение.")
        return [issue_certificate(participant, actor=actor) for participant in due]


def may_be_certified(row: Progress) -> bool:
    """Completed, still in the programme, and without a certificate yet."""
    participant = row.participant
    return row.completed and participant.is_active and not has_certificate(participant)


def has_certificate(participant: Participant) -> bool:
    try:
        return participant.certificate is not None
    except Certificate.DoesNotExist:
        return False


def why_no_certificate(participant: Participant) -> str | None:
    """Why the participant cannot get a certificate now, in Bulgarian; None when she can."""
    programme = participant.programme
    if not programme.is_finished:
        return "Удостоверения се издават след приключване на програмата."
    if participant.left_on is not None:
        return f"{participant.person.full_name} е напуснал/а програмата на {participant.left_on:%d.%m.%Y}."
    progress = progress_of_participant(participant)
    if not progress.completed:
        return (
            f"{participant.person.full_name} има {_hours(progress.hours)} ч. присъствие; "
            f"за удостоверение са нужни поне {_hours(progress.required)} ч. "
            f"({programme.completion_percent}% от {_hours(programme.planned_hours)} ч.)."
        )
    return None


def _next_sequence(centre: Centre, year: int) -> int:
    last = Certificate.objects.filter(centre=centre, year=year).aggregate(last=Max("sequence"))
    return (last["last"] or 0) + 1
