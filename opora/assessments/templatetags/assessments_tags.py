"""Case-page panels: the ИОП of a specialised case and the term of a general-access consultation."""

from django import template
from django.utils import timezone

from opora.assessments.domain.assessment import why_not_start
from opora.assessments.domain.queries import assessment_summaries
from opora.cases.domain.general import consultation_term
from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus, Track
from opora.cases.general_forms import CloseConsultationForm, ReferConsultationForm

register = template.Library()


@register.inclusion_tag("assessments/_panel.html", takes_context=True)
def assessment_panel(context) -> dict:
    case, user = context["case"], context["request"].user
    if case.track == Track.GENERAL or not user.has_perm("assessments.view_assessment", case):
        return {"visible": False}
    summaries = assessment_summaries(case, today=timezone.localdate())
    may_start = user.has_perm("assessments.start_assessment", case)
    refusal = why_not_start(case) if may_start else "—"
    return {
        "visible": bool(summaries) or case.status in OCCUPYING_STATUSES,
        "case": case,
        "centre": context["centre"],
        "current": summaries[0] if summaries else None,
        "earlier": summaries[1:],
        "may_edit": user.has_perm("assessments.edit_assessment", case),
        "may_start": may_start and refusal is None,
        "may_name_team": may_start,
    }


@register.inclusion_tag("cases/general/_panel.html", takes_context=True)
def general_consultation_panel(context) -> dict:
    case, user = context["case"], context["request"].user
    if case.track != Track.GENERAL or not user.has_perm("cases.view_case", case):
        return {"visible": False}
    term = consultation_term(case)
    return {
        "visible": True,
        "case": case,
        "centre": context["centre"],
        "term": term,
        "months_label": months_label(term.months),
        "is_open": case.status == CaseStatus.CONSULTATION_OPEN,
        "may_close": user.has_perm("cases.close_consultation", case),
        "close_form": CloseConsultationForm(),
        "refer_form": ReferConsultationForm(),
    }


@register.filter
def months_label(months: int) -> str:
    return f"{months} месец" if months == 1 else f"{months} месеца"


@register.filter
def days_label(days: int) -> str:
    return f"{days} ден" if abs(days) == 1 else f"{days} дни"
