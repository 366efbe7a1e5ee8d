"""The case timeline's entries for plan reviews: one query, whatever the number of reviews."""

from django.urls import reverse


def timeline_events(case) -> list:
    from opora.core.timeline import TimelineEvent
    from opora.reviews.domain.queries import reviews_of

    events = []
    for review in reviews_of(case):
        url = reverse(
            "reviews:detail",
            kwargs={"centre": case.centre.slug, "review_id": review.pk},
        )
        events.append(
            TimelineEvent(
                at=review.started_at, kind="review.started", title=f"Започнат преглед на ИПП: {review.get_kind_display()}",
                detail=review.reason, url=url, actor=_name(review.started_by),
            )
        )  # fmt: skip
        if review.completed_at:
            events.append(
                TimelineEvent(
                    at=review.completed_at, kind="review.completed", title="Приключен преглед на ИПП",
                    detail=_completed_detail(review), url=url, actor=_name(review.completed_by),
                )
            )  # fmt: skip
    return events


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _completed_detail(review) -> str:
    parts = []
    if review.update_assessment:
        parts.append("нужна актуализация на ИОП")
    if review.update_plan:
        parts.append("нужна нова версия на ИПП")
    if review.next_review_on:
        parts.append(f"следващ преглед {review.next_review_on:%d.%m.%Y}")
    return "; ".join(parts)
