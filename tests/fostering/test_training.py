"""Training hours come from group attendance: only sessions a person attended count."""

from decimal import Decimal

from django.utils import timezone

from opora.fostering.domain.progress import candidate_progress
from opora.fostering.enums import CandidateStatus, FosterType
from opora.groups.domain.sessions import record_attendance
from opora.groups.enums import Presence, ProgrammeKind
from opora.groups.models import Participant
from tests.fostering.records import train

S = CandidateStatus


def _carers(candidate):
    return [m.person for m in candidate.members.order_by("role", "pk")]


def _hours(progress) -> dict[str, tuple]:
    return {h.member.person.first_name: (h.base, h.professional) for h in progress.hours}


def test_hours_count_only_the_sessions_attended(candidate_at, manager):
    candidate = candidate_at(S.TRAINING)
    maria, ivan = _carers(candidate)
    programme = train(
        candidate.centre, manager, [maria, ivan], sessions=4, kind=ProgrammeKind.FOSTER_BASE
    )
    # Иван missed two sessions (one absent, one excused): 6 of the 12 hours.
    sessions = list(programme.sessions.order_by("date"))
    ivan_place = Participant.objects.get(programme=programme, person=ivan)
    record_attendance(sessions[0], actor=manager, marks={ivan_place.pk: Presence.ABSENT})
    record_attendance(sessions[1], actor=manager, marks={ivan_place.pk: Presence.EXCUSED})

    progress = candidate_progress(candidate)

    assert _hours(progress) == {"Мария": (Decimal(12), 0), "Иван": (Decimal(6), 0)}
    # The family's hours are those of the carer with the fewest.
    assert progress.training[0].text == "Обучение 6/12 ч."
    assert not progress.training_met


def test_absent_people_get_no_hours_and_other_programmes_do_not_count(candidate_at, manager):
    candidate = candidate_at(S.TRAINING)
    maria, ivan = _carers(candidate)
    train(
        candidate.centre,
        manager,
        [maria, ivan],
        sessions=4,
        kind=ProgrammeKind.FOSTER_BASE,
        present=False,
    )
    train(candidate.centre, manager, [maria, ivan], sessions=4, kind=ProgrammeKind.PARENTING)

    progress = candidate_progress(candidate)

    assert _hours(progress) == {"Мария": (0, 0), "Иван": (0, 0)}
    assert progress.training[0].text == "Обучение 0/12 ч."


def test_sessions_not_yet_held_do_not_count(candidate_at, manager):
    candidate = candidate_at(S.TRAINING)
    train(candidate.centre, manager, _carers(candidate), sessions=4, kind=ProgrammeKind.FOSTER_BASE)

    before_training = candidate_progress(candidate, today=timezone.localdate().replace(year=2000))

    assert before_training.training[0].done == 0


def test_a_professional_family_needs_the_additional_module_too(candidate_at, manager):
    candidate = candidate_at(S.TRAINING, foster_type=FosterType.PROFESSIONAL)
    carers = _carers(candidate)
    train(candidate.centre, manager, carers, sessions=4, kind=ProgrammeKind.FOSTER_BASE)

    halfway = candidate_progress(candidate)
    train(
        candidate.centre,
        manager,
        carers,
        sessions=8,
        kind=ProgrammeKind.FOSTER_PROFESSIONAL,
        start=40,
    )
    done = candidate_progress(candidate)

    assert [r.text for r in halfway.training] == [
        "Обучение 12/12 ч.",
        "Допълнително обучение 0/24 ч.",
    ]
    assert not halfway.training_met
    assert [r.text for r in done.training] == [
        "Обучение 12/12 ч.",
        "Допълнително обучение 24/24 ч.",
    ]
    assert done.training_met


def test_the_progress_reads_as_the_social_worker_says_it(candidate_at, manager):
    candidate = candidate_at(S.REPORT)

    summary = candidate_progress(candidate).summary

    assert summary == "Срещи 4/4, посещения в дома 2/2, препоръки 2/2, обучение 12/12 ч."
