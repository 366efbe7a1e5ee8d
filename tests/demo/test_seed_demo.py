"""The demo data set: every case in the legal order of its status, with coherent dates and deadlines.

The demo is seeded once for the module (about 10–20 s) inside a transaction rolled back at the end,
so that the other test modules never see it.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from opora.accounts.models import Membership
from opora.assessments.enums import AssessmentStatus
from opora.cases.domain.capacity import capacity_of
from opora.cases.domain.queries import cases_visible_to
from opora.cases.enums import CasePersonRole, CaseStatus, Track
from opora.cases.models import Case, WaitingListEntry
from opora.centres.models import Centre
from opora.closure.enums import ProposalStatus
from opora.consultations.enums import CONTRACT_FREE_KINDS, SessionStatus
from opora.consultations.models import Session
from opora.deadlines.enums import APPROVAL_KINDS, DeadlineKind
from opora.deadlines.models import Deadline
from opora.demo.seed import seed_demo
from opora.plans.domain.queries import has_signed_contract, signed_contract
from opora.plans.enums import PlanStatus, SignatoryCapacity
from opora.reviews.enums import ReviewStatus

S = CaseStatus
UNDER_CONTRACT = {S.ACTIVE, S.UNDER_REVIEW, S.SUSPENDED, S.CLOSING}
PLAN_ONWARDS = UNDER_CONTRACT | {S.CONTRACTING}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summaries = seed_demo()
        yield {s.name: s for s in summaries}
        transaction.set_rollback(True)


@pytest.fixture
def harmanli(demo, db):
    return Centre.objects.get(slug="harmanli")


def _cases():
    return Case.objects.select_related("centre", "primary_person").order_by("centre_id", "number")


def _completed_assessment(case) -> bool:
    return case.assessments.filter(status=AssessmentStatus.COMPLETED).exists()


def _approved_plan(case):
    return case.plan_versions.filter(status=PlanStatus.APPROVED).first()


def test_every_case_follows_the_legal_order_of_its_status(demo, db):
    problems = []
    for case in _cases().filter(track=Track.SPECIALISED):
        problems += [
            f"{case.centre.slug} {case.number} ({case.status}): {p}" for p in _order_problems(case)
        ]
    assert problems == [], "\n".join(problems)


def _order_problems(case) -> list[str]:
    status, problems = case.status, []
    drafts = case.assessments.filter(status=AssessmentStatus.DRAFT)
    if status == S.ASSESSMENT and not drafts.exists():
        problems.append("no ИОП being drafted")
    if status in PLAN_ONWARDS | {S.PLANNING} and not _completed_assessment(case):
        problems.append("no completed ИОП")
    plan = _approved_plan(case)
    if status == S.PLANNING and plan is not None:
        problems.append("an approved plan while still planning")
    if status in PLAN_ONWARDS and plan is None:
        problems.append("no approved plan")
    if status == S.CONTRACTING and has_signed_contract(case):
        problems.append("a signed contract while waiting for it")
    if status in UNDER_CONTRACT:
        problems += _plan_problems(plan) + _contract_problems(case) + _session_problems(case)
    if status == S.UNDER_REVIEW and not case.reviews.filter(status=ReviewStatus.IN_PROGRESS):
        problems.append("no review in progress")
    if status == S.CLOSING and not case.closure_proposals.filter(status=ProposalStatus.PENDING):
        problems.append("no closure proposal waiting for the manager")
    return problems


def _plan_problems(plan) -> list[str]:
    if plan is None:
        return []
    goals = list(plan.goals.prefetch_related("activities"))
    problems = [] if 2 <= len(goals) <= 3 else [f"{len(goals)} goals in the plan"]
    for goal in goals:
        activities = list(goal.activities.all())
        if not activities or any(a.responsible_id is None for a in activities):
            problems.append(f"goal „{goal.title}“ without activities or responsible")
    return problems


# Who signs for a child: the legal representative, in that capacity.
SIGNS_FOR_A_CHILD = {
    CasePersonRole.PARENT: SignatoryCapacity.PARENT,
    CasePersonRole.GUARDIAN: SignatoryCapacity.GUARDIAN,
    CasePersonRole.FOSTER_PARENT: SignatoryCapacity.FOSTER_PARENT,
}


def _contract_problems(case) -> list[str]:
    contract = signed_contract(case)
    if contract is None:
        return ["no contract in force today"]
    link = case.people.filter(person=contract.signatory).first()
    if link is None:
        return ["the signatory is not a person of the case"]
    if case.people.get(person=case.primary_person).role != CasePersonRole.CHILD:
        return []
    if SIGNS_FOR_A_CHILD.get(link.role) != contract.signatory_capacity:
        return [f"signed for the child by a {link.role} as {contract.signatory_capacity}"]
    return []


def _session_problems(case) -> list[str]:
    sessions = list(case.sessions.exclude(status=SessionStatus.CANCELLED))
    problems = [] if 3 <= len(sessions) <= 12 else [f"{len(sessions)} sessions"]
    kinds = {s.kind for s in sessions}
    if len(kinds) < 2:
        problems.append(f"sessions of one kind only: {kinds}")
    for session in sessions:
        delivered = session.status == SessionStatus.HELD and session.kind not in CONTRACT_FREE_KINDS
        if delivered and not has_signed_contract(case, on=session.date):
            problems.append(f"session on {session.date} without a contract in force")
    return problems


def test_general_access_work_has_no_assessment_plan_or_contract(demo, db):
    general = _cases().filter(track=Track.GENERAL)
    assert general.count() >= 3
    for case in general:
        assert not case.assessments.exists()
        assert not case.plan_versions.exists()
        assert not case.contracts.exists()
        assert case.sessions.filter(status=SessionStatus.HELD).exists()


def test_one_general_consultation_nears_its_two_month_limit(demo, db):
    today = timezone.localdate()
    near = Deadline.objects.filter(
        kind=DeadlineKind.GENERAL_ACCESS_LIMIT, done_at=None, cancelled_at=None,
        centre__slug="harmanli", due_on__gte=today, warn_from__lte=today,
    )  # fmt: skip
    assert near.exists()


def test_harmanli_is_full_with_people_waiting(harmanli, demo):
    capacity = capacity_of(harmanli)
    assert capacity.used == capacity.total == 30
    assert demo["ЦОП Харманли"].places_used == 30
    waiting = WaitingListEntry.objects.filter(centre=harmanli, left_at__isnull=True)
    assert waiting.count() == 4


def test_no_assessment_deadline_stays_open_once_the_plan_is_approved(demo, db):
    """The term of the ИОП and ИПП ends with the approval; it runs only in assessment and planning."""
    still_open = Deadline.objects.filter(
        kind=DeadlineKind.ASSESSMENT, done_at=None, cancelled_at=None
    ).select_related("case")
    for deadline in still_open:
        assert deadline.case.status in (S.ASSESSMENT, S.PLANNING), deadline
        approved_since = deadline.case.plan_versions.filter(
            status=PlanStatus.APPROVED, decided_at__gt=deadline.created_at
        )
        assert not approved_since.exists(), deadline


def test_only_a_few_deadlines_are_overdue_and_none_waits_for_the_manager(demo, db):
    today = timezone.localdate()
    overdue = Deadline.objects.filter(done_at=None, cancelled_at=None, due_on__lt=today)
    per_centre = {
        slug: overdue.filter(centre__slug=slug).count() for slug in ("harmanli", "dragoman")
    }
    assert 1 <= per_centre["harmanli"] <= 3
    assert per_centre["dragoman"] <= 2
    assert not overdue.filter(kind__in=APPROVAL_KINDS).exists()


def test_deadlines_met_in_time_are_done_not_overdue(demo, db):
    done = Deadline.objects.exclude(done_at=None)
    assert done.exists()
    late = [d for d in done if d.met_late]
    assert len(late) <= 2, [(d.case.number, d.kind, d.due_on, d.done_at) for d in late]
    assert all(d.done_at >= d.created_at for d in done)


def test_the_manager_has_a_plan_and_closures_to_approve(harmanli):
    waiting = Deadline.objects.filter(centre=harmanli, done_at=None, cancelled_at=None)
    assert waiting.filter(kind=DeadlineKind.PLAN_APPROVAL).count() == 1
    assert waiting.filter(kind=DeadlineKind.CLOSURE_APPROVAL).exists()


def test_assessments_wait_for_information_one_answer_overdue(harmanli):
    today = timezone.localdate()
    requests = Deadline.objects.filter(
        centre=harmanli, kind=DeadlineKind.INFO_REQUEST, done_at=None, cancelled_at=None,
        case__status=S.ASSESSMENT,
    )  # fmt: skip
    assert requests.filter(due_on__gte=today).exists()
    assert requests.filter(due_on__lt=today).count() == 1


def test_dates_follow_each_case_and_nothing_lies_in_the_future(demo, db):
    now = timezone.now()
    for case in _cases().exclude(opened_at=None).filter(track=Track.SPECIALISED):
        for assessment in case.assessments.exclude(completed_at=None):
            assert case.opened_at <= assessment.completed_at <= now
        plan = _approved_plan(case)
        first = case.assessments.exclude(completed_at=None).order_by("number").first()
        if plan is not None and first is not None:
            assert first.completed_at < case.plan_versions.order_by("number").first().decided_at
        for contract in case.contracts.exclude(signed_on=None):
            assert contract.signed_on >= timezone.localdate(contract.plan_version.decided_at)
    assert not Session.objects.filter(status=SessionStatus.HELD, date__gt=now.date()).exists()
    assert not Session.objects.filter(status=SessionStatus.PLANNED, date__lt=now.date()).exists()


def test_the_week_calendar_is_not_empty_for_the_harmanli_team(harmanli):
    today = timezone.localdate()
    coming = Session.objects.filter(
        centre=harmanli,
        status=SessionStatus.PLANNED,
        date__range=(today, today + timedelta(days=14)),
    )
    for username in ("harmanli.psych1", "harmanli.social"):
        assert coming.filter(lead__username=username).exists(), username


def test_no_record_reaches_into_another_centre(demo, db):
    """The outsider: staff and people of Драгоман never appear on a Харманли case, and back."""
    members = {(m.user_id, m.centre_id) for m in Membership.objects.all()}
    for session in Session.objects.select_related("case"):
        assert (session.lead_id, session.case.centre_id) in members
        assert all(p.person.centre_id == session.centre_id for p in session.participants.all())
    dragoman = Membership.objects.get(user__username="dragoman.manager").user
    assert not cases_visible_to(dragoman, Centre.objects.get(slug="harmanli")).exists()


def test_seeding_again_is_refused_or_skipped_with_if_empty(demo, db):
    cases = Case.objects.count()
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert Case.objects.count() == cases
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())


def test_every_demo_login_has_an_app_whose_code_demo_code_prints(demo, db):
    """`make run` works without a phone: every login of the printed table has a confirmed app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from opora.demo.logins import login_rows, print_logins

    usernames = {row[0] for row in login_rows()}
    with_app = set(
        TOTPDevice.objects.filter(confirmed=True, user__username__in=usernames).values_list(
            "user__username", flat=True
        )
    )
    out = StringIO()
    print_logins(out)
    assert with_app == usernames
    assert "manage.py demo_code <потребител>" in out.getvalue()


# Group programmes (opora/demo/groups_stories.py)


def test_harmanli_runs_life_skills_for_five_teenagers_of_its_cases_with_attendance(harmanli):
    from opora.groups.domain.queries import progress_of
    from opora.groups.enums import ProgrammeKind, ProgrammeStatus
    from opora.groups.models import Programme

    programme = Programme.objects.get(centre=harmanli, kind=ProgrammeKind.INDEPENDENT_LIVING)
    rows = progress_of(programme)

    assert programme.status == ProgrammeStatus.RUNNING
    assert programme.sessions.filter(attendance__isnull=False).distinct().count() >= 3
    assert len(rows) == 5
    today = timezone.localdate()
    for row in rows:
        person, case = row.participant.person, row.participant.case
        assert 13 <= person.age_on(today) <= 18
        assert case.centre == harmanli and case.people.filter(person=person).exists()
        assert row.hours > 0


def test_group_attendance_lies_in_the_past_and_certificates_only_for_who_completed(demo, db):
    from opora.groups.domain.queries import progress_of
    from opora.groups.models import Attendance, Programme

    assert not Attendance.objects.filter(session__date__gt=timezone.localdate()).exists()
    finished = Programme.objects.filter(
        status="finished", kind__in=["parenting", "independent_living"]
    )
    assert finished.filter(centre__slug="harmanli", kind="parenting").exists()
    for programme in finished:
        for row in progress_of(programme):
            has_certificate = hasattr(row.participant, "certificate")
            assert has_certificate == row.completed, row.participant
    assert Programme.objects.filter(centre__slug="dragoman", kind="parenting").exists()


# Need-to-know in the demo


def test_the_demo_staff_are_on_the_teams_of_the_cases_they_work_on(demo, db):
    """Whoever led or joined a session of a case is on its team (or is the manager)."""
    from opora.cases.domain.access import can_read_case

    outside = []
    for session in Session.objects.select_related("case", "lead").prefetch_related("staff"):
        for user in (session.lead, *session.staff.all()):
            if not can_read_case(user, session.case):
                outside.append((session.case.number, user.username))
    assert outside == []


def test_harmanli_shows_a_therapy_note_and_an_access_request_to_decide(harmanli):
    from opora.cases.domain.access import readable_levels
    from opora.cases.enums import AccessRequestStatus
    from opora.cases.models import CaseAccessRequest
    from opora.core.sensitivity import Sensitivity

    pending = CaseAccessRequest.objects.filter(
        case__centre=harmanli, status=AccessRequestStatus.PENDING
    )
    assert [r.requester.username for r in pending] == ["harmanli.social"]
    therapy = Session.objects.get(centre=harmanli, sensitivity=Sensitivity.PSYCHOLOGISTS)
    social = Membership.objects.get(centre=harmanli, user__username="harmanli.social").user
    assert therapy.case.team.filter(user=social).exists()
    assert Sensitivity.PSYCHOLOGISTS not in readable_levels(social, therapy.case)
    assert Sensitivity.PSYCHOLOGISTS in readable_levels(therapy.lead, therapy.case)
