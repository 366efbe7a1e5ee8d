"""The intake decision: accept, waiting list, refuse (ЗСУ чл. 78–79)."""

import pytest

from opora.audit.models import AuditEntry
from opora.cases.domain.capacity import capacity_of, places_used
from opora.cases.domain.case import close_case
from opora.cases.domain.intake import (
    accept_case,
    place_on_waiting_list,
    refuse_case,
    remove_from_waiting_list,
)
from opora.cases.domain.queries import waiting_entry_of, waiting_list, waiting_position
from opora.cases.enums import CaseStatus, ClosureReason, RefusalGround, Urgency
from opora.cases.models import Case, CaseTeamMember, StatusChange, WaitingListEntry
from opora.core.errors import DomainError
from tests.factories import make_case, make_member

NO_PLACE = "Няма свободно място: заети са 3 от 3 места. Впишете случая в списъка на чакащите."


def snapshot(case: Case) -> tuple:
    """Everything an intake decision could write, to check that a refusal wrote nothing."""
    stored = Case.objects.get(pk=case.pk)
    return (
        stored.status,
        stored.case_manager_id,
        stored.opened_at,
        stored.closed_at,
        StatusChange.objects.count(),
        AuditEntry.objects.count(),
        CaseTeamMember.objects.count(),
        list(WaitingListEntry.objects.values_list("id", "left_at")),
    )


def fill(centre, actor, places: int) -> list[Case]:
    return [make_case(centre, actor, CaseStatus.ACTIVE) for _ in range(places)]


def order_error(first: Case) -> str:
    return (
        f"Първи в списъка на чакащите е случай {first.number}; "
        "приемът следва реда на списъка (чл. 79 ЗСУ)."
    )


def test_accept_opens_the_case_with_a_case_manager_and_takes_a_place(centre, manager, psychologist):
    case = make_case(centre, manager)

    accept_case(case, actor=manager, case_manager=psychologist)

    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSMENT
    assert case.case_manager == psychologist
    assert case.opened_at is not None
    assert list(case.team.values_list("user", flat=True)) == [psychologist.pk]
    assert capacity_of(centre).used == 1
    history = case.status_history.first()
    assert history.note == "Приет. Водещ на случая: Елена Колева."
    assert (
        AuditEntry.objects.filter(action="case.change_status", object_id=str(case.pk)).count() == 1
    )


def test_accept_when_full_is_refused_and_changes_nothing(centre, manager, psychologist):
    fill(centre, manager, 3)
    case = make_case(centre, manager)
    before = snapshot(case)

    with pytest.raises(DomainError) as refused:
        accept_case(case, actor=manager, case_manager=psychologist)

    assert refused.value.message == NO_PLACE
    assert snapshot(case) == before
    assert places_used(centre) == 3


@pytest.mark.parametrize("who", ["outsider_psychologist", "outsider_manager", "accountant"])
def test_the_case_manager_must_be_a_specialist_of_the_centre(request, centre, manager, who):
    case = make_case(centre, manager)
    candidate = request.getfixturevalue(who)
    before = snapshot(case)

    with pytest.raises(DomainError) as refused:
        accept_case(case, actor=manager, case_manager=candidate)

    assert refused.value.message == "Водещият на случая трябва да е специалист от този център."
    assert refused.value.field == "case_manager"
    assert snapshot(case) == before


def test_an_inactive_specialist_cannot_lead_a_case(centre, manager, psychologist):
    psychologist.memberships.update(is_active=False)
    case = make_case(centre, manager)

    with pytest.raises(DomainError, match="трябва да е специалист от този център"):
        accept_case(case, actor=manager, case_manager=psychologist)


def test_accept_needs_a_case_manager(centre, manager):
    case = make_case(centre, manager)

    with pytest.raises(DomainError) as refused:
        accept_case(case, actor=manager, case_manager=None)

    assert (refused.value.message, refused.value.field) == (
        "Изберете водещ на случая.",
        "case_manager",
    )


def test_the_waiting_list_is_ordered_by_entry_time_with_urgent_cases_first(centre, manager):
    first = make_case(centre, manager, CaseStatus.WAITLISTED)
    second = make_case(centre, manager, CaseStatus.WAITLISTED)
    urgent = make_case(centre, manager, CaseStatus.WAITLISTED, urgency=Urgency.VIOLENCE)
    third = make_case(centre, manager, CaseStatus.WAITLISTED)

    rows = waiting_list(centre)

    assert [(row.position, row.entry.case) for row in rows] == [
        (1, urgent), (2, first), (3, second), (4, third),
    ]  # fmt: skip
    assert [row.entry.priority for row in rows] == [True, False, False, False]
    assert all(row.waiting_days == 0 for row in rows)
    assert waiting_position(second) == 3


def test_the_waiting_list_shows_only_the_centres_own_waiting_cases(
    centre, other_centre, manager, outsider_manager
):
    mine = make_case(centre, manager, CaseStatus.WAITLISTED)
    make_case(other_centre, outsider_manager, CaseStatus.WAITLISTED)
    gone = make_case(centre, manager, CaseStatus.WAITLISTED)
    remove_from_waiting_list(gone, actor=manager, reason="Семейството се премести.")

    assert [row.entry.case for row in waiting_list(centre)] == [mine]
    assert waiting_position(gone) is None


def test_place_on_waiting_list_writes_an_entry_and_audits_it(centre, manager):
    case = make_case(centre, manager, urgency=Urgency.CRISIS)

    entry = place_on_waiting_list(case, actor=manager, note="Няма места.")

    case.refresh_from_db()
    assert case.status == CaseStatus.WAITLISTED
    assert (entry.centre, entry.case, entry.priority, entry.left_at) == (centre, case, True, None)
    assert AuditEntry.objects.filter(action="waiting_list.enter").count() == 1


def test_admission_follows_the_waiting_order(centre, manager, psychologist):
    fill(centre, manager, 2)
    first = make_case(centre, manager, CaseStatus.WAITLISTED)
    second = make_case(centre, manager, CaseStatus.WAITLISTED)
    before = snapshot(second)

    with pytest.raises(DomainError) as refused:
        accept_case(second, actor=manager, case_manager=psychologist)

    assert refused.value.message == order_error(first)
    assert snapshot(second) == before

    accept_case(first, actor=manager, case_manager=psychologist)

    assert Case.objects.get(pk=first.pk).status == CaseStatus.ASSESSMENT
    entry = WaitingListEntry.objects.get(case=first)
    assert entry.left_at is not None
    assert entry.left_reason == "Приет в услугата"
    assert waiting_position(second) == 1


def test_a_new_case_cannot_take_a_place_the_waiting_cases_need(centre, manager, psychologist):
    fill(centre, manager, 2)
    waiting = make_case(centre, manager, CaseStatus.WAITLISTED)
    newcomer = make_case(centre, manager)

    with pytest.raises(DomainError) as refused:
        accept_case(newcomer, actor=manager, case_manager=psychologist)

    assert refused.value.message == order_error(waiting)
    assert Case.objects.get(pk=newcomer.pk).status == CaseStatus.INTAKE


def test_a_new_case_may_take_a_place_left_over_after_the_waiting_cases(
    centre, manager, psychologist
):
    make_case(centre, manager, CaseStatus.WAITLISTED)
    newcomer = make_case(centre, manager)

    accept_case(newcomer, actor=manager, case_manager=psychologist)

    assert Case.objects.get(pk=newcomer.pk).status == CaseStatus.ASSESSMENT


def test_an_urgent_case_goes_ahead_of_the_waiting_list(centre, manager, psychologist):
    fill(centre, manager, 2)
    make_case(centre, manager, CaseStatus.WAITLISTED)
    urgent = make_case(centre, manager, urgency=Urgency.TRAFFICKING)

    accept_case(urgent, actor=manager, case_manager=psychologist)

    assert Case.objects.get(pk=urgent.pk).status == CaseStatus.ASSESSMENT


def test_an_urgent_waiting_case_can_be_admitted_out_of_order(centre, manager, psychologist):
    fill(centre, manager, 2)
    make_case(centre, manager, CaseStatus.WAITLISTED, urgency=Urgency.CRISIS)
    later_urgent = make_case(centre, manager, CaseStatus.WAITLISTED, urgency=Urgency.VIOLENCE)

    accept_case(later_urgent, actor=manager, case_manager=psychologist)

    assert Case.objects.get(pk=later_urgent.pk).status == CaseStatus.ASSESSMENT
    assert waiting_entry_of(later_urgent) is None


def test_closing_a_case_frees_a_place_for_the_first_waiting_case(centre, manager, psychologist):
    occupying = fill(centre, manager, 3)
    first = make_case(centre, manager, CaseStatus.WAITLISTED)
    with pytest.raises(DomainError, match=r"^Няма свободно място"):
        accept_case(first, actor=manager, case_manager=psychologist)

    close_case(occupying[0], actor=manager, reason=ClosureReason.GOALS_ACHIEVED)
    accept_case(first, actor=manager, case_manager=psychologist)

    assert Case.objects.get(pk=first.pk).status == CaseStatus.ASSESSMENT
    assert places_used(centre) == 3
    assert waiting_list(centre) == []


def test_refuse_needs_a_legal_ground(centre, manager):
    case = make_case(centre, manager)
    before = snapshot(case)

    with pytest.raises(DomainError) as refused:
        refuse_case(case, actor=manager, ground="no_money", reason="Няма средства.")

    assert refused.value.message == "Изберете правно основание за отказа (чл. 78, ал. 5 ЗСУ)."
    assert refused.value.field == "ground"
    assert snapshot(case) == before


def test_refuse_needs_a_reason(centre, manager):
    case = make_case(centre, manager)
    before = snapshot(case)

    with pytest.raises(DomainError) as refused:
        refuse_case(case, actor=manager, ground=RefusalGround.NOT_OFFERED, reason="  ")

    assert refused.value.message == "Отказът трябва да е мотивиран: опишете причините."
    assert refused.value.field == "reason"
    assert snapshot(case) == before


def test_refusing_a_waiting_case_records_the_ground_and_leaves_the_list(centre, manager):
    case = make_case(centre, manager, CaseStatus.WAITLISTED)

    refuse_case(
        case, actor=manager, ground=RefusalGround.NOT_OFFERED, reason=" Не предлагаме терапия. "
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED
    assert case.refusal_ground == RefusalGround.NOT_OFFERED
    assert case.outcome_note == "Не предлагаме терапия."
    assert case.closed_at is not None
    assert WaitingListEntry.objects.get(case=case).left_reason == "Отказ"


def test_an_active_case_cannot_be_refused(centre, manager):
    case = make_case(centre, manager, CaseStatus.ACTIVE)

    with pytest.raises(DomainError, match="не може да премине от „Активен“ в „Отказан“"):
        refuse_case(case, actor=manager, ground=RefusalGround.NEEDS_NOT_MET, reason="След ИОП.")


def test_remove_from_waiting_list_closes_the_case_with_its_reason(centre, manager):
    case = make_case(centre, manager, CaseStatus.WAITLISTED)

    remove_from_waiting_list(case, actor=manager, reason="Намериха друг доставчик.")

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closure_reason == ClosureReason.LEFT_WAITING_LIST
    assert case.outcome_note == "Намериха друг доставчик."
    entry = WaitingListEntry.objects.get(case=case)
    assert entry.left_at is not None
    assert entry.left_reason == "Намериха друг доставчик."
    assert waiting_list(centre) == []


def test_remove_from_waiting_list_needs_a_reason(centre, manager):
    case = make_case(centre, manager, CaseStatus.WAITLISTED)
    before = snapshot(case)

    with pytest.raises(DomainError) as refused:
        remove_from_waiting_list(case, actor=manager, reason="")

    assert refused.value.message == "Посочете причината за изписване от списъка."
    assert snapshot(case) == before


def test_remove_from_waiting_list_refuses_a_case_that_is_not_waiting(centre, manager):
    """Only a waiting case leaves the waiting list; an open case is closed with close_case."""
    case = make_case(centre, manager, CaseStatus.ASSESSMENT)
    before = snapshot(case)

    with pytest.raises(DomainError):
        remove_from_waiting_list(case, actor=manager, reason="Семейството се премести.")

    assert snapshot(case) == before


def test_close_case_needs_a_closure_reason(centre, manager):
    case = make_case(centre, manager, CaseStatus.ACTIVE)
    before = snapshot(case)

    messages = []
    for reason, note in [
        ("", ""), (ClosureReason.LEFT_WAITING_LIST, ""), (ClosureReason.OTHER, "  "),
    ]:  # fmt: skip
        with pytest.raises(DomainError) as refused:
            close_case(case, actor=manager, reason=reason, note=note)
        messages.append(refused.value.message)

    assert messages == [
        "Изберете причина за приключване.",
        "Изберете причина за приключване.",
        "При „Друго“ опишете причината.",
    ]
    assert snapshot(case) == before


def test_only_a_case_holding_a_place_is_closed_with_close_case(centre, manager):
    case = make_case(centre, manager, CaseStatus.WAITLISTED)

    with pytest.raises(DomainError) as refused:
        close_case(case, actor=manager, reason=ClosureReason.GOALS_ACHIEVED)

    assert refused.value.message == (
        "Случай в статус „В списъка на чакащите“ не може да бъде приключен оттук."
    )


def test_a_specialist_of_two_centres_leads_cases_only_where_they_work(
    centre, other_centre, manager, outsider_manager
):
    both = make_member(centre, "social_worker", first_name="Пламен", last_name="Гочев")
    mine = make_case(other_centre, outsider_manager)

    with pytest.raises(DomainError):
        accept_case(mine, actor=outsider_manager, case_manager=both)
    accept_case(make_case(centre, manager), actor=manager, case_manager=both)

    assert Case.objects.get(pk=mine.pk).status == CaseStatus.INTAKE
