"""The candidate page: the pipeline, the progress, the deadline counter and a form for each step.

The step forms post to their own URL (views/steps.py); a refused step re-renders this page with
the form and its Bulgarian message (status 400), unfolded.
"""

from django.shortcuts import render
from django.utils import timezone

from opora.fostering.domain.assessment import assessment_due_on
from opora.fostering.domain.queries import adults_of, candidate_page, cases_of, children_of
from opora.fostering.domain.settings import settings_of
from opora.fostering.enums import (
    ASSESSMENT_CONTACTS,
    CANDIDATE_TRANSITIONS,
    DECIDED_BY_MANAGER,
    ENDED,
    PIPELINE,
    SUPPORT_CONTACTS,
    CandidateStatus,
)
from opora.fostering.forms import (
    ApplicationForm,
    ContactForm,
    DecisionForm,
    ExtensionForm,
    PlacementForm,
    RefereeForm,
    ReferenceForm,
    RemovalForm,
    ReportForm,
    SignatureForm,
    StepForm,
)

S = CandidateStatus
# What the step button says for each stage it moves to.
STEP_LABELS = {
    S.ASSESSMENT: "Започва оценката",
    S.TRAINING: "Оценката е завършена — към обучението",
    S.REPORT: "Обучението е завършено — към доклада",
    S.COMMISSION: "Докладът е внесен в Комисията по приемна грижа",
    S.WITHDRAWN: "Кандидатите оттеглят кандидатурата",
}


def steps_from(candidate) -> list[tuple[str, str]]:
    """The stages the step form offers: not the application (it has its date) nor decisions."""
    if candidate.status == S.COMMISSION:
        return []
    allowed = CANDIDATE_TRANSITIONS[candidate.status] - DECIDED_BY_MANAGER - {S.APPLICATION}
    return [(s, STEP_LABELS[s]) for s in STEP_LABELS if s in allowed]


def contact_kinds(candidate) -> list[str]:
    if candidate.status in ENDED:
        return []
    kinds = SUPPORT_CONTACTS if candidate.status == S.APPROVED else ASSESSMENT_CONTACTS
    return [k for k in (*ASSESSMENT_CONTACTS, *SUPPORT_CONTACTS) if k in kinds]


def step_form(candidate, data=None) -> StepForm:
    return StepForm(data, steps=steps_from(candidate))


def extension_form(candidate, data=None) -> ExtensionForm:
    return ExtensionForm(data, limit=max(settings_of(candidate.centre).extension_months, 1))


def contact_form(candidate, data=None) -> ContactForm:
    return ContactForm(data, kinds=contact_kinds(candidate))


def reference_form(candidate, data=None) -> ReferenceForm:
    return ReferenceForm(data, referees=candidate.referees.filter(received_on=None))


def placement_form(request, candidate, data=None) -> PlacementForm:
    today = timezone.localdate()
    members = candidate.members.values("person_id")
    children = children_of(request.centre, today).exclude(pk__in=members)
    return PlacementForm(data, children=children, cases=cases_of(request.centre))


def _blank_forms(request, candidate) -> dict:
    return {
        "application_form": ApplicationForm(),
        "step_form": step_form(candidate),
        "extension_form": extension_form(candidate),
        "contact_form": contact_form(candidate),
        "referee_form": RefereeForm(),
        "reference_form": reference_form(candidate),
        "report_form": None,
        "signature_form": SignatureForm(),
        "decision_form": DecisionForm(),
        "removal_form": RemovalForm(),
        "placement_form": placement_form(request, candidate)
        if candidate.status == S.APPROVED
        else None,
    }


def render_candidate(request, candidate, *, status: int = 200, **bound):
    today = timezone.localdate()
    page = candidate_page(candidate, request.user, today)
    forms = {**_blank_forms(request, candidate), **bound}
    if forms["report_form"] is None:
        initial = {"text": page.report.text} if page.report else {}
        forms["report_form"] = ReportForm(initial=initial)
    context = {
        "show": _shown(candidate, page, forms, next(iter(bound), None)),
        "page": page,
        "candidate": candidate,
        "pipeline": [(s, S(s).label) for s in PIPELINE],
        "reached": _reached(candidate),
        "due_on": assessment_due_on(candidate),
        "rules": settings_of(candidate.centre),
        "in_procedure": candidate.status not in ENDED and candidate.status != S.APPROVED,
        "ended": candidate.status in ENDED,
        "open_action": next(iter(bound), None),
        "nav": "fostering",
        **forms,
    }
    return render(request, "fostering/candidate.html", context, status=status)


def _shown(candidate, page, forms, bound: str | None) -> dict[str, bool]:
    """Which step forms the page offers at this stage; a form just refused is always shown."""
    status, ended = candidate.status, candidate.status in ENDED
    in_procedure = not ended and status != S.APPROVED
    report = page.report
    shown = {
        "application_form": status == S.ENQUIRY,
        "step_form": bool(forms["step_form"].fields["to_status"].choices),
        "extension_form": status in (S.APPLICATION, S.ASSESSMENT) and not candidate.was_extended,
        "report_form": status == S.REPORT,
        "signature_form": status == S.REPORT and report is not None and not report.is_signed,
        "decision_form": status == S.COMMISSION,
        "placement_form": status == S.APPROVED,
        "removal_form": status == S.APPROVED,
        "contact_form": not ended,
        "referee_form": in_procedure,
        "reference_form": in_procedure and any(r.received_on is None for r in page.referees),
    }
    if bound:
        shown[bound] = True
    next_steps = ("application_form", "step_form", "extension_form", "report_form",
                  "signature_form", "decision_form", "placement_form", "removal_form")  # fmt: skip
    shown["next"] = any(shown[name] for name in next_steps)
    return shown


def _reached(candidate) -> set[str]:
    """The stages of the pipeline the candidates have been through (for the drawing)."""
    if candidate.status in PIPELINE:
        return set(PIPELINE[: PIPELINE.index(candidate.status) + 1])
    return set(candidate.history.values_list("to_status", flat=True))


def household_form_kwargs(request, household, roles) -> dict:
    members = household.members.values("person_id")
    people = adults_of(request.centre, timezone.localdate()).exclude(pk__in=members)
    return {"people": people.order_by("last_name", "first_name"), "roles": roles}
