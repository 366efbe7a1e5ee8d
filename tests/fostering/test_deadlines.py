"""The deadlines engine carries candidates' and adopters' deadlines next to the cases' ones."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from opora.deadlines.domain import set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.deadlines.queries import my_work
from opora.deadlines.reminders import reminder_plan, send_reminder
from opora.fostering.enums import CandidateStatus
from tests.factories import make_case
from tests.fostering.records import make_adopters

S = CandidateStatus


def test_a_deadline_belongs_to_exactly_one_subject(candidate_at, centre, manager):
    candidate = candidate_at(S.APPLICATION)
    case = make_case(centre, manager)
    deadline = candidate.deadlines.get()

    for subjects in ({"case": case}, {"candidate": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Deadline.objects.filter(pk=deadline.pk).update(**subjects)
    with pytest.raises(TypeError):
        set_deadline(
            case=case, candidate=candidate, kind=DeadlineKind.NOTIFY, title="x",
            due_on=timezone.localdate(), actor=manager,
        )  # fmt: skip


def test_one_open_deadline_per_candidate_kind_and_source(candidate_at, manager):
    candidate = candidate_at(S.APPLICATION)
    later = timezone.localdate() + timedelta(days=200)

    set_deadline(
        candidate=candidate, kind=DeadlineKind.CANDIDATE_ASSESSMENT, title="Оценка",
        due_on=later, actor=manager,
    )  # fmt: skip

    assert candidate.deadlines.get().due_on == later


def test_my_work_holds_the_deadlines_of_the_candidates_and_adopters_one_leads(
    candidate_at, centre, manager, social_worker
):
    candidate = candidate_at(S.APPLICATION)
    adopters = make_adopters(centre, social_worker)
    soon = timezone.localdate() + timedelta(days=2)
    set_deadline(
        adopter=adopters, kind=DeadlineKind.ADOPTER_FOLLOW_UP, title="Подкрепа",
        due_on=soon, actor=manager,
    )  # fmt: skip
    candidate.deadlines.update(due_on=soon - timedelta(days=4))

    work = my_work(social_worker, centre, timezone.localdate())

    assert [(r.link_name, r.link_id, r.person_name) for r in work.overdue] == [
        ("fostering:candidate", candidate.pk, candidate.name)
    ]
    assert [(r.link_name, r.link_id, r.person_name) for r in work.this_week] == [
        ("fostering:adopter", adopters.pk, adopters.name)
    ]
    assert my_work(manager, centre, timezone.localdate()).is_empty


def test_the_reminder_names_a_candidate_by_number_and_initials_only(
    candidate_at, centre, social_worker
):
    candidate = candidate_at(S.APPLICATION)
    candidate.deadlines.update(due_on=timezone.localdate() - timedelta(days=1))
    plan = reminder_plan(centre, timezone.localdate())

    (reminder,) = plan.reminders
    send_reminder(reminder, plan=plan)

    body = mail.outbox[0].body
    assert reminder.user == social_worker
    assert f"кандидати за приемна грижа №{candidate.pk}, М. П. и И. П." in body
    assert candidate.name not in body
    for member in candidate.members.all():
        assert member.person.full_name not in body
        assert member.person.last_name not in body  # Петрова, Петров
