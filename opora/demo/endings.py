"""Reviews, suspension and the end of a demo case: through opora.reviews and opora.closure."""

from django.utils import timezone

from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.cases.enums import ClosureReason as CR
from opora.centres.domain import settings_for
from opora.closure.domain.follow_up import start_follow_up
from opora.closure.domain.proposal import GoalResultData, approve_closure, propose_closure
from opora.closure.domain.referrer import is_child_protection_case
from opora.closure.enums import GoalResult
from opora.deadlines.calendar import add_months
from opora.demo.diary import CaseDiary
from opora.plans.domain.queries import plan_in_force
from opora.reviews.domain.review import (
    REVIEWABLE_STATUSES,
    GoalProgressData,
    ReviewData,
    complete_review,
    record_review,
    start_review,
)
from opora.reviews.enums import Progress, ReviewKind

REVIEWABLE = REVIEWABLE_STATUSES
ADULT_AGE = 18
EVENT_REASONS = {
    ReviewKind.NEEDS_CHANGE: (
        "Семейството се мести в друго жилище в града; нужна е преценка дали целите и "
        "графикът на срещите отговарят на новите обстоятелства."
    ),
    ReviewKind.REFERRER_REQUEST: (
        "ОЗД поиска актуална информация и преглед на плана преди заседанието на екипа по случая."
    ),
}
# How the goals ended, by the reason the case closed.
RESULTS = {
    CR.GOALS_ACHIEVED: (GoalResult.ACHIEVED, GoalResult.ACHIEVED, GoalResult.PARTLY_ACHIEVED),
    CR.REINTEGRATION: (GoalResult.ACHIEVED, GoalResult.PARTLY_ACHIEVED),
    CR.FOSTER: (GoalResult.ACHIEVED, GoalResult.PARTLY_ACHIEVED),
    CR.WITHDRAWN: (GoalResult.NOT_ACHIEVED, GoalResult.PARTLY_ACHIEVED),
    CR.LOST_CONTACT: (GoalResult.NOT_ACHIEVED,),
}
ENDING_WORDS = {
    CR.MOVED: (
        "Семейството се премести в друга община; постигнатото до момента е описано по целите. "
        "Препоръчано е подкрепата да продължи в ЦОП по новия адрес."
    ),
    CR.TURNED_18: (
        "Потребителят навърши 18 години; постигнатото е описано по целите. Младият човек е "
        "информиран къде може да търси подкрепа като пълнолетен."
    ),
    CR.CONTRACT_EXPIRED: (
        "Срокът на договора изтече; целите са частично постигнати и семейството не пожела "
        "продължаване на услугата."
    ),
    CR.WITHDRAWN: (
        "Родителят оттегли съгласието си за услугата. Работата по целите беше прекъсната в "
        "началото; семейството е информирано, че може да се обърне отново към центъра."
    ),
    CR.LOST_CONTACT: (
        "Семейството не се явява повече от месец и не отговаря на телефона и на писмата; "
        "работата по случая не може да продължи."
    ),
    CR.REFERRED_ON: (
        "Потребностите на детето изискват специализирана рехабилитация; детето е насочено към "
        "център за социална рехабилитация и интеграция."
    ),
}


# Reviews of the plan


def begin_review(diary: CaseDiary, *, scheduled: bool) -> None:
    """A scheduled review, or one on an event (ОЗД asked, or the family's life changed)."""
    if scheduled:
        kind, reason = ReviewKind.SCHEDULED, ""
    else:
        protective = is_child_protection_case(diary.case)
        kind = ReviewKind.REFERRER_REQUEST if protective else ReviewKind.NEEDS_CHANGE
        reason = EVENT_REASONS[kind]
    diary.review = start_review(diary.refresh(), actor=diary.lead, kind=kind, reason=reason)


def note_review(diary: CaseDiary) -> None:
    """What the review found so far; it stays in progress."""
    data = _review_data(diary, complete=False)
    diary.review = record_review(diary.review, actor=diary.lead, data=data)


def finish_review(diary: CaseDiary, *, update_plan: bool = False) -> None:
    data = _review_data(diary, complete=True, update_plan=update_plan)
    diary.review = complete_review(diary.review, actor=diary.lead, data=data)


def _review_data(diary: CaseDiary, *, complete: bool, update_plan: bool = False) -> ReviewData:
    review, theme = diary.review, diary.theme
    held_on = review.held_on
    goals = list(review.plan.goals.order_by("order", "id")) if review.plan_id else []
    choices = (Progress.IN_PROGRESS, Progress.PARTLY_ACHIEVED, Progress.ACHIEVED)
    progress = [
        GoalProgressData(goal_id=g.pk, progress=diary.rng.choice(choices) if complete or i == 0 else "")
        for i, g in enumerate(goals)
    ]  # fmt: skip
    months = settings_for(diary.case.centre).review_interval_months
    return ReviewData(
        held_on=held_on, progress=progress, needs_change=diary.text(theme.review_news),
        child_view=_heard(diary, held_on),
        decisions=diary.text(theme.review_decisions) if complete else "",
        update_plan=update_plan, next_review_on=add_months(held_on, months) if complete else None,
    )  # fmt: skip


def _heard(diary: CaseDiary, on) -> str:
    age = diary.case.primary_person.age_on(on)
    if age is not None and age >= ADULT_AGE:
        return "Потребителят е доволен от подкрепата и иска тя да продължи със същия специалист."
    return "Детето е изслушано: казва, че срещите му помагат и иска да продължат."


# Suspension and closure


def suspend(diary: CaseDiary, note: str) -> None:
    change_status(diary.refresh(), to_status=CaseStatus.SUSPENDED, actor=diary.lead, note=note)


def propose(diary: CaseDiary) -> None:
    story, theme = diary.story, diary.theme
    plan = plan_in_force(diary.case)
    goals = list(plan.goals.order_by("order", "id")) if plan else []
    results = RESULTS.get(story.closure, (GoalResult.PARTLY_ACHIEVED,))
    final = ENDING_WORDS.get(story.closure, theme.closing)
    if story.closure == CR.OTHER:
        final = story.closure_note
    diary.proposal = propose_closure(
        diary.refresh(), actor=diary.lead, reason=story.closure, reason_note=story.closure_note,
        final_assessment=diary.text(final), recommendations=diary.text(theme.advice),
        goal_results=[
            GoalResultData(goal_id=g.pk, result=results[i % len(results)])
            for i, g in enumerate(goals)
        ],
    )  # fmt: skip


def approve(diary: CaseDiary) -> None:
    diary.proposal = approve_closure(diary.proposal, actor=diary.manager)


def follow_up(diary: CaseDiary) -> None:
    months = settings_for(diary.case.centre).follow_up_months or 3
    start_follow_up(
        diary.refresh(), actor=diary.lead, follow_up_on=add_months(timezone.localdate(), months)
    )


def archive(diary: CaseDiary, note: str) -> None:
    change_status(diary.refresh(), to_status=CaseStatus.ARCHIVED, actor=diary.manager, note=note)
