"""The demo's foster-care and adoption stories: every stage in Харманли, one family in Драгоман."""

import pytest
from django.db import transaction
from django.utils import timezone

from opora.demo.seed import seed_demo
from opora.fostering.domain.progress import candidate_progress
from opora.fostering.enums import AdopterStatus, CandidateStatus
from opora.fostering.models import AdopterFamily, Candidate

S = CandidateStatus


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo()
        yield
        transaction.set_rollback(True)


def test_harmanli_has_candidates_at_every_stage_and_two_adopter_families(demo, db):
    candidates = Candidate.objects.filter(centre__slug="harmanli")
    adopters = AdopterFamily.objects.filter(centre__slug="harmanli")

    assert sorted(candidates.values_list("status", flat=True)) == sorted(
        [S.ENQUIRY, S.ASSESSMENT, S.TRAINING, S.COMMISSION, S.APPROVED, S.WITHDRAWN]
    )
    approved = candidates.get(status=S.APPROVED)
    assert approved.placements.filter(ended_on=None).count() == 1
    assert sorted(adopters.values_list("status", flat=True)) == sorted(
        [AdopterStatus.TRAINING, AdopterStatus.ADOPTED]
    )
    assert Candidate.objects.filter(centre__slug="dragoman").count() == 1


def test_the_stages_hold_what_they_need(demo, db):
    harmanli = Candidate.objects.filter(centre__slug="harmanli")
    in_training = candidate_progress(harmanli.get(status=S.TRAINING))
    at_commission = harmanli.get(status=S.COMMISSION)

    assert in_training.assessment_met and not in_training.training_met
    assert [r.text for r in in_training.training] == [
        "Обучение 12/12 ч.",
        "Допълнително обучение 9/24 ч.",
    ]
    assert candidate_progress(at_commission).training_met
    assert at_commission.reports.get().is_signed


def test_no_fostering_deadline_is_overdue_and_every_one_met_was_met_in_time(demo, db):
    today = timezone.localdate()
    deadlines = [
        d
        for family in [*Candidate.objects.all(), *AdopterFamily.objects.all()]
        for d in family.deadlines.all()
    ]

    assert deadlines
    assert [d for d in deadlines if d.is_open and d.due_on < today] == []
    assert [d for d in deadlines if d.met_late] == []
