"""The one place where a foster-care candidate changes stage (enums.CANDIDATE_TRANSITIONS).

A stage is entered only when what it needs is there: the assessment's meetings, home visits and
referees before the training; the training hours before the report; the report read and signed by
the candidates before it goes to the Commission.
"""

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.deadlines.domain import cancel_deadlines, fulfil_deadlines
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.progress import candidate_progress, with_full_stop
from opora.fostering.domain.reports import current_report
from opora.fostering.enums import CANDIDATE_TRANSITIONS, ENDED, CandidateStatus
from opora.fostering.models import Candidate, CandidateStatusChange

S = CandidateStatus


def can_change(candidate: Candidate, to_status: str) -> bool:
    return to_status in CANDIDATE_TRANSITIONS.get(candidate.status, frozenset())


def change_candidate_status(
    candidate: Candidate, *, to_status: str, actor, note: str = "", **fields
) -> Candidate:
    """Check the table and what the stage needs, save, and write history and audit together.

    `fields` are candidate attributes that change with the stage (applied_on, approval, …).
    """
    with transaction.atomic():
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if to_status not in S.values:
            raise DomainError("Непознат етап.")
        if not can_change(locked, to_status):
            raise DomainError(
                f"Кандидатите не могат да преминат от „{locked.get_status_display()}“ "
                f"в „{S(to_status).label}“."
            )
        _require(locked, to_status, note, fields)
        from_status = locked.status
        locked.status = to_status
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        _keep_deadlines(locked, to_status, actor)
        _history(locked, from_status, to_status, actor, note)
        record(
            actor=actor,
            action="fostering.candidate.change_status",
            obj=locked,
            changes={"from": from_status, "to": to_status, **_plain(fields)},
        )
    candidate.refresh_from_db()
    return candidate


def record_start(candidate: Candidate, *, actor) -> None:
    """The first line of the history: the enquiry."""
    _history(candidate, "", candidate.status, actor, "")


def _require(candidate: Candidate, to_status: str, note: str, fields: dict) -> None:
    # Approval and removal come only with the Commission's decision and the removal's reason.
    if to_status == S.APPROVED and fields.get("approval") is None:
        raise DomainError("Утвърждаването се записва с решението на Комисията.")
    if to_status == S.REMOVED and not str(fields.get("removal_reason", "")).strip():
        raise DomainError("Посочете основанието за заличаване.", field="reason")
    if to_status == S.WITHDRAWN and not note.strip():
        raise DomainError("Посочете защо кандидатурата се оттегля.", field="note")
    if to_status == S.TRAINING:
        progress = candidate_progress(candidate)
        _refuse_missing("Оценката не е завършена", progress.missing(progress.assessment))
    if to_status == S.REPORT:
        progress = candidate_progress(candidate)
        _refuse_missing("Обучението не е завършено", progress.missing(progress.training))
    if to_status == S.COMMISSION:
        report = current_report(candidate)
        if report is None or not report.is_signed:
            raise DomainError(
                "Докладът трябва да е прочетен и подписан от кандидатите, преди да се внесе в "
                "Комисията."
            )


def _refuse_missing(what: str, missing: list[str]) -> None:
    if missing:
        raise DomainError(with_full_stop(f"{what}: {'; '.join(missing)}"))


def _keep_deadlines(candidate: Candidate, to_status: str, actor) -> None:
    """The assessment ends with the report to the Commission; an ended candidacy keeps nothing."""
    if to_status == S.COMMISSION:
        fulfil_deadlines(candidate=candidate, kind=DeadlineKind.CANDIDATE_ASSESSMENT, actor=actor)
    if to_status in ENDED:
        cancel_deadlines(candidate=candidate, actor=actor)


def _history(candidate, from_status: str, to_status: str, actor, note: str) -> None:
    CandidateStatusChange.objects.create(
        candidate=candidate,
        from_status=from_status,
        to_status=to_status,
        changed_at=timezone.now(),
        changed_by=actor if getattr(actor, "pk", None) else None,
        changed_by_name=_name(actor),
        note=note.strip(),
    )


def _name(actor) -> str:
    if not getattr(actor, "pk", None):
        return "система"
    return (actor.get_full_name() or actor.username)[:200]


def _plain(fields: dict) -> dict:
    return {
        k: (v.isoformat() if hasattr(v, "isoformat") else getattr(v, "pk", v))
        for k, v in fields.items()
        if k not in ("removal_reason",)
    }
