"""Named reads of the privacy tools. Each starts from the centre."""

from django.db.models import Q, QuerySet

from opora.cases.domain.access import readable_cases
from opora.cases.domain.queries import CaseFilters
from opora.cases.enums import OPEN_STATUSES
from opora.cases.models import Case
from opora.core.text import query_terms
from opora.privacy.models import ExportLog, LegalHold


def exportable_cases(user, centre, filters: CaseFilters) -> QuerySet[Case]:
    """The case list's filters over the cases whose content the user reads, and only those.

    The case list also shows directory entries of cases the user may not read; an export never
    holds them, so this starts from `readable_cases`, not from the list's query.
    """
    cases = readable_cases(user, centre)
    if filters.status == "":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status != "all":
        cases = cases.filter(status=filters.status)
    if filters.target_group:
        cases = cases.filter(target_groups__group=filters.target_group)
    if filters.case_manager:
        cases = cases.filter(case_manager_id=filters.case_manager)
    if filters.mine:
        cases = cases.filter(Q(case_manager=user) | Q(team__user=user))
    for term in query_terms(filters.query):
        number = filters.query.strip()
        cases = cases.filter(Q(primary_person__search_name__contains=term) | Q(number=number))
    return (
        Case.objects.filter(pk__in=cases.values("pk"))
        .select_related("primary_person", "case_manager")
        .prefetch_related("target_groups")
        .order_by("-registered_at", "-id")
    )


def export_log(centre, *, limit: int) -> list[ExportLog]:
    return list(ExportLog.objects.filter(centre=centre).order_by("-at", "-id")[:limit])


def recent_exports_of(user, centre, *, limit: int = 10) -> list[ExportLog]:
    return list(ExportLog.objects.filter(centre=centre, actor=user).order_by("-at", "-id")[:limit])


def active_holds(centre) -> list[LegalHold]:
    return list(
        LegalHold.objects.filter(centre=centre, lifted_at=None)
        .select_related("case", "person", "case__primary_person")
        .order_by("-placed_at", "-id")
    )


def lifted_holds(centre, *, limit: int = 20) -> list[LegalHold]:
    return list(
        LegalHold.objects.filter(centre=centre, lifted_at__isnull=False)
        .select_related("case", "person")
        .order_by("-lifted_at", "-id")[:limit]
    )


def active_hold(centre, hold_id: int) -> LegalHold | None:
    return LegalHold.objects.filter(centre=centre, pk=hold_id, lifted_at=None).first()
