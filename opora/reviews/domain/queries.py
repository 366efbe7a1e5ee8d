"""Named reads of plan reviews; each starts from a case already found inside the centre."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.reviews.enums import ReviewStatus
from opora.reviews.models import GoalProgress, Review


def reviews_of(case) -> QuerySet[Review]:
    return (
        Review.objects.filter(case=case)
        .select_related("plan", "started_by", "completed_by")
        .order_by("-started_at", "-id")
    )


def review_in(centre, review_id: int) -> Review:
    """One review of the centre, with its progress rows; another centre's review is a 404."""
    progress = GoalProgress.objects.select_related("goal").order_by("goal__order", "goal_id")
    queryset = (
        Review.objects.filter(centre=centre)
        .select_related("plan", "started_by", "completed_by")
        .prefetch_related(Prefetch("progress", queryset=progress))
    )
    return get_object_or_404(queryset, pk=review_id)


def open_review(case) -> Review | None:
    return reviews_of(case).filter(status=ReviewStatus.IN_PROGRESS).first()


@dataclass(frozen=True)
class ReviewState:
    """What the case page shows about reviews, in three queries."""

    open_review: Review | None
    last_review: Review | None
    next_review_on: date | None


def review_state(case) -> ReviewState:
    open_one = open_review(case)
    last = reviews_of(case).filter(status=ReviewStatus.COMPLETED).first()
    next_deadline = (
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.PLAN_REVIEW, done_at=None, cancelled_at=None
        )
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    return ReviewState(open_review=open_one, last_review=last, next_review_on=next_deadline)
