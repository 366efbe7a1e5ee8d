"""Programmes, sessions, enrolment, attendance and finishing, through the domain functions."""

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.core.errors import DomainError
from opora.groups.domain.participants import enrol_participant, withdraw_participant
from opora.groups.domain.programmes import create_programme, finish_programme, update_programme
from opora.groups.domain.sessions import (
    add_session,
    participants_for,
    record_attendance,
    update_session,
)
from opora.groups.enums import Presence, ProgrammeStatus
from opora.groups.models import Attendance, GroupSession, Participant, Programme
from tests.factories import PersonFactory, make_case
from tests.groups.records import days_ago, programme_data, session_data


def test_a_programme_is_created_planned_with_its_facilitators_and_audited(
    centre, manager, psychologist, social_worker
):
    programme = create_programme(
        centre, actor=manager, data=programme_data([psychologist, social_worker])
    )

    assert programme.status == ProgrammeStatus.PLANNED
    assert set(programme.facilitators.all()) == {psychologist, social_worker}
    entry = AuditEntry.objects.get(action="programme.create")
    assert (entry.actor, entry.object_id, entry.centre_id_copy) == (
        manager, str(programme.pk), centre.pk
    )  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "  "}, "Въведете наименование на програмата."),
        ({"ends_on": days_ago(31)}, "Краят на програмата не може да е преди началото."),
        ({"planned_hours": Decimal("0")}, "Планираните часове трябва да са между 0,5 и 999."),
        ({"completion_percent": 0}, "Минималното присъствие е процент между 1 и 100."),
        ({"facilitators": ()}, "Изберете поне един водещ на програмата."),
        ({"kind": "knitting"}, "Изберете вид на програмата."),
    ],
)
def test_a_programme_with_bad_data_is_refused_in_bulgarian(centre, manager, overrides, message):
    data = programme_data(**{"facilitators": [manager], **overrides})

    with pytest.raises(DomainError, match=re.escape(message)):
        create_programme(centre, actor=manager, data=data)
    assert not Programme.objects.exists()


@pytest.mark.parametrize("who", ["accountant", "outsider_psychologist"])
def test_only_the_centres_case_workers_may_facilitate(centre, manager, who, request):
    data = programme_data([request.getfixturevalue(who)])

    with pytest.raises(DomainError, match="Водещите трябва да са специалисти на центъра"):
        create_programme(centre, actor=manager, data=data)


def test_the_programme_dates_must_still_hold_its_sessions(groups, manager, psychologist):
    programme = groups.programmes["running"]

    with pytest.raises(DomainError, match="началото не може да е след него"):
        update_programme(
            programme, actor=manager, data=programme_data([psychologist], starts_on=days_ago(10))
        )
    update_programme(
        programme, actor=manager,
        data=programme_data([psychologist], title="Самостоятелен живот – пролет"),
    )  # fmt: skip
    programme.refresh_from_db()
    assert programme.title == "Самостоятелен живот – пролет"
    assert AuditEntry.objects.filter(action="programme.update").last().changes == {
        "fields": ["title"]
    }


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": days_ago(31)}, "Програмата започва на"),
        ({"date": timezone.localdate() + timedelta(days=31)}, "Програмата свършва на"),
        ({"end_time": time(15)}, "Краят трябва да е след началото."),
        ({"end_time": time(16, 10)}, "между 0,25 и 12"),
        ({"topic": ""}, "Въведете тема на заниманието."),
    ],
)
def test_a_session_with_bad_data_is_refused(groups, manager, overrides, message):
    before = GroupSession.objects.count()
    data = session_data(days_ago(1), **overrides)

    with pytest.raises(DomainError, match=re.escape(message)):
        add_session(groups.programmes["running"], actor=manager, data=data)
    assert GroupSession.objects.count() == before


def test_a_session_takes_the_programmes_place_when_none_is_given(groups, manager):
    session = add_session(
        groups.programmes["running"], actor=manager, data=session_data(days_ago(2))
    )

    assert (session.place, session.hours) == ("Зала 1", Decimal("2.00"))


def test_a_person_of_the_centre_is_enrolled_once_and_linked_to_her_open_case(
    groups, centre, manager
):
    programme = groups.programmes["running"]
    case = make_case(centre, manager)

    place = enrol_participant(programme, actor=manager, person=case.primary_person)

    assert (place.case, place.enrolled_on) == (case, timezone.localdate())
    with pytest.raises(DomainError, match="вече е записан/а в програмата"):
        enrol_participant(programme, actor=manager, person=case.primary_person)
    assert Participant.objects.filter(programme=programme, person=case.primary_person).count() == 1
    assert AuditEntry.objects.filter(action="programme.enrol", object_id=str(place.pk)).exists()


def test_a_person_of_another_centre_is_not_enrolled(groups, other_centre, manager):
    stranger = PersonFactory(centre=other_centre)

    with pytest.raises(DomainError, match="Лицето не е от този център"):
        enrol_participant(groups.programmes["running"], actor=manager, person=stranger)
    assert not Participant.objects.filter(person=stranger).exists()


def test_a_case_the_person_is_not_on_is_refused(groups, centre, manager):
    other_case = make_case(centre, manager)
    person = PersonFactory(centre=centre)

    with pytest.raises(DomainError, match="Лицето не участва в избрания случай"):
        enrol_participant(
            groups.programmes["running"], actor=manager, person=person, case=other_case
        )


def test_the_first_attendance_starts_the_programme(groups, centre, manager, psychologist):
    programme = groups.programmes["planned"]
    today = add_session(programme, actor=manager, data=session_data(timezone.localdate()))
    place = enrol_participant(programme, actor=manager, person=PersonFactory(centre=centre))

    counts = record_attendance(today, actor=psychologist, marks={place.pk: Presence.PRESENT})

    programme.refresh_from_db()
    assert (programme.status, counts) == (ProgrammeStatus.RUNNING, {"present": 1})
    assert AuditEntry.objects.filter(action="programme.status").last().changes == {
        "from": "planned", "to": "running"
    }  # fmt: skip


def test_attendance_is_refused_for_a_future_session_and_for_strangers(groups, centre, manager):
    future = groups.sessions["future"]
    running = groups.sessions["today"]
    foreign = groups.participants["certified"]  # of the finished programme
    before = Attendance.objects.count()

    with pytest.raises(DomainError, match="в деня на заниманието или след него"):
        record_attendance(future, actor=manager, marks={foreign.pk: Presence.PRESENT})
    with pytest.raises(DomainError, match="не е записан в програмата"):
        record_attendance(running, actor=manager, marks={foreign.pk: Presence.PRESENT})
    with pytest.raises(DomainError, match="Изберете „присъства“"):
        record_attendance(running, actor=manager, marks={groups.participants["regular"].pk: "x"})
    assert Attendance.objects.count() == before


def test_a_withdrawn_participant_leaves_the_later_lists_but_keeps_her_hours(groups, manager):
    place = groups.participants["absent"]

    withdraw_participant(place, actor=manager, left_on=days_ago(3), reason="Премести се")

    assert place not in participants_for(groups.sessions["today"])
    assert place in participants_for(groups.sessions["recent"])
    with pytest.raises(DomainError, match="не е записан в програмата за тази дата"):
        record_attendance(groups.sessions["today"], actor=manager, marks={place.pk: "present"})
    with pytest.raises(DomainError, match="Участникът е напуснал"):
        withdraw_participant(place, actor=manager, left_on=days_ago(1))


def test_a_finished_programme_takes_no_more_sessions_places_or_marks(groups, centre, manager):
    programme = groups.programmes["finished"]

    with pytest.raises(DomainError, match="Програмата е приключила"):
        add_session(programme, actor=manager, data=session_data(days_ago(45)))
    with pytest.raises(DomainError, match="Програмата е приключила"):
        enrol_participant(programme, actor=manager, person=PersonFactory(centre=centre))
    with pytest.raises(DomainError, match="Програмата е приключила"):
        record_attendance(groups.sessions["finished"], actor=manager,
                          marks={groups.participants["incomplete"].pk: "present"})  # fmt: skip
    with pytest.raises(DomainError, match="не може да стане „Приключила“"):
        finish_programme(programme, actor=manager)


def test_a_programme_that_never_met_cannot_be_finished(groups, manager):
    with pytest.raises(DomainError, match="още не е започнала"):
        finish_programme(groups.programmes["planned"], actor=manager)


def test_an_attended_session_cannot_move_to_the_future(groups, manager):
    session = groups.sessions["recent"]
    later = timezone.localdate() + timedelta(days=2)

    with pytest.raises(DomainError, match="не може да се премести в бъдещето"):
        update_session(session, actor=manager, data=session_data(later))
