"""The case timeline's entries from reviews, closure, follow-up and reports, in fixed queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opora.closure.domain.follow_up import record_follow_up, start_follow_up
from opora.closure.domain.proposal import approve_closure
from opora.closure.domain.reports import ReportContent, add_report, mark_report_sent, update_report
from opora.closure.enums import Channel, FollowUpOutcome, ReportKind
from opora.closure.timeline import timeline_events as closure_events
from opora.core.timeline import case_timeline
from opora.deadlines.calendar import add_months
from opora.reviews.domain.review import complete_review, start_review
from opora.reviews.enums import ReviewKind
from opora.reviews.timeline import timeline_events as review_events
from tests.closure.test_proposal_domain import propose
from tests.reviews.casework import working_case
from tests.reviews.test_review_domain import sheet


def _count(provider, case) -> int:
    with CaptureQueriesContext(connection) as context:
        provider(case)
    return len(context.captured_queries)


def _sent_report(case, actor):
    report = add_report(case, actor=actor, kind=ReportKind.NEW_RISK, due_on=timezone.localdate())
    update_report(
        report,
        actor=actor,
        content=ReportContent(
            due_on=report.due_on, progress="Сигнал", addressee_institution="ОЗД – Харманли"
        ),
    )
    return mark_report_sent(
        report, actor=actor, sent_on=timezone.localdate(), channel=Channel.EMAIL
    )


def test_the_whole_course_appears_on_the_timeline(centre, manager, psychologist):
    case = working_case(centre, manager, psychologist)
    review = start_review(case, actor=psychologist, kind=ReviewKind.NEW_RISK, reason="Синини")
    complete_review(review, actor=psychologist, data=sheet(review))
    _sent_report(case, manager)
    approve_closure(propose(case, psychologist), actor=manager)
    start_follow_up(case, actor=manager, follow_up_on=add_months(timezone.localdate(), 1))
    record_follow_up(
        case, actor=psychologist, contacted_on=timezone.localdate(), note="Добре са.",
        outcome=FollowUpOutcome.CLOSED,
    )  # fmt: skip

    kinds = {event.kind for event in case_timeline(case)}

    assert {
        "review.started", "review.completed", "referrer_report.sent", "closure.proposed",
        "closure.approved", "follow_up.contact",
    } <= kinds  # fmt: skip


def test_the_providers_run_the_same_queries_for_one_and_many_rows(centre, manager, psychologist):
    case = working_case(centre, manager, psychologist)
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)
    complete_review(review, actor=psychologist, data=sheet(review))
    _sent_report(case, manager)
    case.refresh_from_db()
    one = (_count(review_events, case), _count(closure_events, case))
    for _ in range(3):
        review = start_review(case, actor=psychologist, kind=ReviewKind.OTHER, reason="Среща")
        complete_review(review, actor=psychologist, data=sheet(review))
        _sent_report(case, manager)

    assert (_count(review_events, case), _count(closure_events, case)) == one
