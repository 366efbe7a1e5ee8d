"""Reads of a case's ИОП. The case was already found inside the centre (case_detail)."""

from datetime import date

from django.db.models import Count, Prefetch, Q

from opora.assessments.enums import AssessmentStatus
from opora.assessments.models import Assessment, InformationRequest
from opora.cases.models import Case


def assessments_of(case: Case) -> list[Assessment]:
    """Every ИОП of the case, newest first, with its team and information requests."""
    return list(
        Assessment.objects.filter(case=case)
        .select_related("started_by", "completed_by", "updated_by")
        .prefetch_related(
            "team",
            Prefetch(
                "info_requests",
                queryset=InformationRequest.objects.select_related("created_by").order_by(
                    "sent_on", "id"
                ),
            ),
        )
        .order_by("-number")
    )


def assessment_summaries(case: Case, *, today: date) -> list[Assessment]:
    """For the case panel: numbers, statuses, team and unanswered/overdue requests, in two queries."""
    unanswered = Q(info_requests__replied_on=None)
    return list(
        Assessment.objects.filter(case=case)
        .annotate(
            open_requests=Count("info_requests", filter=unanswered),
            overdue_requests=Count(
                "info_requests", filter=unanswered & Q(info_requests__due_on__lt=today)
            ),
        )
        .prefetch_related("team")
        .order_by("-number")
    )


def draft_of(case: Case) -> Assessment | None:
    return (
        Assessment.objects.filter(case=case, status=AssessmentStatus.DRAFT)
        .select_related("case__primary_person", "updated_by")
        .prefetch_related("team")
        .first()
    )


def newest_assessment(case: Case) -> Assessment | None:
    return (
        Assessment.objects.filter(case=case)
        .select_related("case__primary_person", "updated_by")
        .prefetch_related("team")
        .order_by("-number")
        .first()
    )


def latest_completed(case: Case) -> Assessment | None:
    """The ИОП the plan (ИПП) builds on."""
    return (
        Assessment.objects.filter(case=case, status=AssessmentStatus.COMPLETED)
        .order_by("-number")
        .first()
    )


def has_completed_assessment(case: Case) -> bool:
    return Assessment.objects.filter(case=case, status=AssessmentStatus.COMPLETED).exists()


def unanswered_requests(case: Case) -> list[InformationRequest]:
    return list(
        InformationRequest.objects.filter(assessment__case=case, replied_on=None)
        .select_related("assessment")
        .order_by("due_on", "id")
    )
