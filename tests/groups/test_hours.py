"""Hours count only sessions marked present; absent and excused never count."""

from datetime import time
from decimal import Decimal

import pytest

from opora.groups.domain.participants import enrol_participant
from opora.groups.domain.programmes import create_programme
from opora.groups.domain.queries import attended_hours, progress_of, progress_of_participant
from opora.groups.domain.sessions import add_session, hours_between, record_attendance
from opora.groups.enums import Presence, ProgrammeKind
from tests.factories import PersonFactory
from tests.groups.records import days_ago, programme_data, session_data

P, A, E = Presence.PRESENT, Presence.ABSENT, Presence.EXCUSED


def test_a_participant_gets_the_hours_of_the_sessions_marked_present_only(groups):
    rows = {row.participant.pk: row for row in progress_of(groups.programmes["running"])}

    assert rows[groups.participants["regular"].pk].hours == Decimal("4")
    assert rows[groups.participants["absent"].pk].hours == Decimal("2")
    assert rows[groups.participants["excused"].pk].hours == Decimal("2")


def test_progress_compares_the_hours_with_the_plan_and_the_minimum_share(groups):
    regular = progress_of_participant(groups.participants["regular"])
    absent = progress_of_participant(groups.participants["absent"])

    assert (regular.hours, regular.planned, regular.required) == (4, 6, Decimal("4.8"))
    assert (regular.percent, regular.completed) == (66, False)
    assert (absent.percent, absent.completed) == (33, False)
    finished = {row.participant.pk: row for row in progress_of(groups.programmes["finished"])}
    assert [
        (
            finished[groups.participants[label].pk].hours,
            finished[groups.participants[label].pk].completed,
        )
        for label in ("certified", "completed", "incomplete")
    ] == [(4, True), (4, True), (2, False)]


def test_correcting_a_mark_from_present_to_excused_takes_the_hours_away(groups, manager):
    regular = groups.participants["regular"]
    session = groups.sessions["recent"]

    record_attendance(session, actor=manager, marks={regular.pk: E})

    assert progress_of_participant(regular).hours == Decimal("2")


def test_attended_hours_sums_any_of_the_persons_over_programmes_of_the_kinds(
    centre, manager, psychologist
):
    mother, father, child = (PersonFactory(centre=centre) for _ in range(3))
    base = create_programme(
        centre, actor=manager,
        data=programme_data([psychologist], kind=ProgrammeKind.FOSTER_BASE, title="Базово"),
    )  # fmt: skip
    parenting = create_programme(centre, actor=manager, data=programme_data([psychologist]))
    for programme, people, marks in [
        (base, [mother, father], [P, E]),
        (parenting, [mother, child], [P, P]),
    ]:
        session = add_session(programme, actor=manager, data=session_data(days_ago(3)))
        places = [enrol_participant(programme, actor=manager, person=p) for p in people]
        record_attendance(session, actor=manager, marks={
            place.pk: mark for place, mark in zip(places, marks, strict=True)
        })  # fmt: skip

    assert attended_hours([mother.pk, father.pk], kinds=[ProgrammeKind.FOSTER_BASE]) == 2
    assert attended_hours([father.pk], kinds=[ProgrammeKind.FOSTER_BASE]) == 0
    assert attended_hours([mother.pk, child.pk]) == 6
    assert attended_hours([mother.pk], until=days_ago(4)) == 0
    assert attended_hours([mother.pk], until=days_ago(3)) == 4
    assert attended_hours([]) == 0
    assert isinstance(attended_hours([child.pk]), Decimal)


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [(time(16), time(18), "2.00"), (time(9), time(10, 30), "1.50"), (time(9), time(9, 20), "0.33")],
)
def test_session_hours_come_from_the_times(start, end, hours):
    assert hours_between(start, end) == Decimal(hours)


def test_hours_typed_in_replace_the_hours_from_the_times(groups, manager):
    programme = groups.programmes["running"]

    session = add_session(
        programme, actor=manager, data=session_data(days_ago(1), hours=Decimal("1.5"))
    )

    assert session.hours == Decimal("1.5")
