"""The status machine: one function, a table of transitions, history and audit in one transaction."""

import pytest

from opora.audit.models import AppendOnlyError, AuditEntry
from opora.cases.domain.capacity import places_used
from opora.cases.domain.status import can_transition, change_status
from opora.cases.enums import TRANSITIONS, CaseStatus
from opora.cases.models import Case, StatusChange, WaitingListEntry
from opora.core.errors import DomainError
from tests.factories import CentreFactory, make_case, make_member

REQUIRED_FIELDS = {
    CaseStatus.CLOSED: {"closure_reason": "other"},
    CaseStatus.REFUSED: {"refusal_ground": "not_offered"},
}
ALLOWED = [(source, target) for source, targets in TRANSITIONS.items() for target in targets]


@pytest.fixture
def big_centre(db):
    return CentreFactory(slug="sofia", name="ЦОП София", capacity=100)


@pytest.fixture
def big_manager(big_centre):
    return make_member(big_centre, "manager", first_name="Весела", last_name="Ангелова")


def rows() -> tuple[int, int, int]:
    return (
        StatusChange.objects.count(),
        AuditEntry.objects.count(),
        WaitingListEntry.objects.count(),
    )


def case_audit():
    """Audit entries about the case itself (ending a case also cancels its deadlines, audited apart)."""
    return AuditEntry.objects.exclude(action__startswith="deadline.")


def test_the_transition_table_covers_every_status():
    assert set(TRANSITIONS) == set(CaseStatus.values)
    assert all(targets <= set(CaseStatus.values) for targets in TRANSITIONS.values())


@pytest.mark.parametrize("source", CaseStatus.values)
def test_every_transition_outside_the_table_is_refused_and_writes_nothing(
    big_centre, big_manager, source
):
    case = make_case(big_centre, big_manager, source)
    forbidden = [t for t in CaseStatus.values if t not in TRANSITIONS[source]]
    assert source in forbidden  # staying put is not a transition either
    before = rows()

    for target in forbidden:
        with pytest.raises(DomainError) as refused:
            change_status(case, to_status=target, actor=big_manager)
        assert refused.value.message == (
            f"Случаят не може да премине от „{CaseStatus(source).label}“ "
            f"в „{CaseStatus(target).label}“."
        )
        assert not can_transition(case, target)

    assert rows() == before
    case.refresh_from_db()
    assert case.status == source


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_an_allowed_transition_writes_one_history_row_and_one_audit_entry(
    big_centre, big_manager, source, target
):
    case = make_case(big_centre, big_manager, source)
    history, audit = StatusChange.objects.count(), case_audit().count()
    # Ending a case needs its reason; leaving the waiting list is audited as well.
    fields = REQUIRED_FIELDS.get(target, {})
    extra_audit = 1 if source == CaseStatus.WAITLISTED else 0

    returned = change_status(
        case, to_status=target, actor=big_manager, note="Решение на екипа", **fields
    )

    assert returned.status == target
    assert Case.objects.get(pk=case.pk).status == target
    assert StatusChange.objects.count() == history + 1
    assert case_audit().count() == audit + 1 + extra_audit
    change = StatusChange.objects.filter(case=case).order_by("-id").first()
    assert (change.from_status, change.to_status) == (source, target)
    assert (change.changed_by, change.note) == (big_manager, "Решение на екипа")
    assert change.changed_by_name == str(big_manager)
    entry = AuditEntry.objects.filter(action="case.change_status").order_by("-id").first()
    assert (entry.object_type, entry.object_id) == ("cases.case", str(case.pk))
    assert entry.centre_id_copy == big_centre.pk
    assert entry.actor == big_manager
    assert entry.changes == {"from": source, "to": target, **fields}


def test_status_fields_are_saved_and_audited_with_the_change(big_centre, big_manager):
    case = make_case(big_centre, big_manager, CaseStatus.ACTIVE)

    change_status(
        case, to_status=CaseStatus.CLOSED, actor=big_manager,
        closure_reason="moved", outcome_note="Семейството се премести в Пловдив.",
    )  # fmt: skip

    case.refresh_from_db()
    assert (case.closure_reason, case.outcome_note) == (
        "moved",
        "Семейството се премести в Пловдив.",
    )
    entry = AuditEntry.objects.filter(action="case.change_status").order_by("-id").first()
    # The note itself stays on the case: the audit only says that it was written.
    assert entry.changes == {
        "from": "active", "to": "closed", "closure_reason": "moved", "outcome_note": "променено",
    }  # fmt: skip


def test_when_the_audit_write_fails_the_status_and_history_roll_back(big_centre, big_manager):
    """The Case row and the StatusChange are written before the audit entry; all or nothing."""
    case = make_case(big_centre, big_manager, CaseStatus.ACTIVE)
    before = rows()

    # bytes save fine into a CharField (as their text) but cannot go into the audit entry's JSON.
    with pytest.raises(TypeError):
        change_status(
            case, to_status=CaseStatus.UNDER_REVIEW, actor=big_manager, refusal_ground=b"\x00"
        )

    assert rows() == before
    case.refresh_from_db()
    assert (case.status, case.refusal_ground) == (CaseStatus.ACTIVE, "")


def test_an_unknown_status_is_refused_as_a_domain_error(big_centre, big_manager):
    case = make_case(big_centre, big_manager, CaseStatus.ACTIVE)
    before = rows()

    with pytest.raises(DomainError):
        change_status(case, to_status="reopened", actor=big_manager)

    assert rows() == before


def test_entering_a_place_holding_status_needs_a_free_place(centre, manager):
    closed = make_case(centre, manager, CaseStatus.CLOSED)
    for _ in range(3):
        make_case(centre, manager, CaseStatus.ACTIVE)
    before = rows()

    with pytest.raises(DomainError) as refused:
        change_status(closed, to_status=CaseStatus.ASSESSMENT, actor=manager)

    assert refused.value.message == (
        "Няма свободно място: заети са 3 от 3 места. Впишете случая в списъка на чакащите."
    )
    assert rows() == before
    assert places_used(centre) == 3


def test_moving_between_place_holding_statuses_needs_no_free_place(centre, manager):
    suspended = make_case(centre, manager, CaseStatus.SUSPENDED)
    make_case(centre, manager, CaseStatus.ACTIVE)
    make_case(centre, manager, CaseStatus.ACTIVE)

    change_status(suspended, to_status=CaseStatus.ACTIVE, actor=manager)

    assert places_used(centre) == 3


def test_an_audit_entry_cannot_be_changed_or_deleted(big_centre, big_manager):
    case = make_case(big_centre, big_manager, CaseStatus.ACTIVE)
    change_status(case, to_status=CaseStatus.UNDER_REVIEW, actor=big_manager)
    entry = AuditEntry.objects.filter(action="case.change_status").order_by("-id").first()

    entry.action = "case.nothing_happened"
    with pytest.raises(AppendOnlyError, match="не могат да се променят"):
        entry.save()
    with pytest.raises(AppendOnlyError, match="не могат да се изтриват"):
        entry.delete()

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.action == "case.change_status"


def test_closing_or_refusing_without_a_reason_is_refused_and_writes_nothing(
    big_centre, big_manager
):
    active = make_case(big_centre, big_manager, CaseStatus.ACTIVE)
    waiting = make_case(big_centre, big_manager, CaseStatus.INTAKE)
    before = rows()

    with pytest.raises(DomainError) as no_reason:
        change_status(active, to_status=CaseStatus.CLOSED, actor=big_manager)
    with pytest.raises(DomainError) as no_ground:
        change_status(waiting, to_status=CaseStatus.REFUSED, actor=big_manager)

    assert no_reason.value.message == "Посочете причина за приключване."
    assert no_ground.value.message == "Изберете правно основание за отказа (чл. 78, ал. 5 ЗСУ)."
    assert rows() == before


def test_reopening_clears_the_closure_and_takes_a_place_again(big_centre, big_manager):
    from opora.cases.domain.case import reopen_case

    case = make_case(big_centre, big_manager, CaseStatus.CLOSED)
    used = places_used(big_centre)

    with pytest.raises(DomainError) as no_reason:
        reopen_case(case, actor=big_manager, reason="  ")
    reopen_case(case, actor=big_manager, reason="Нов сигнал от училището")

    assert no_reason.value.message == "Посочете защо случаят се отваря отново."
    case.refresh_from_db()
    assert (case.status, case.closed_at, case.closure_reason) == (CaseStatus.ASSESSMENT, None, "")
    assert places_used(big_centre) == used + 1
    assert case.status_history.first().note == "Повторно отваряне: Нов сигнал от училището"
    # The reopened case needs a new ИОП, so it carries the assessment deadline again.
    assert case.deadlines.filter(kind="assessment", done_at=None, cancelled_at=None).count() == 1
