"""The steps of a candidate, each a POST from a form on the candidate page: bind the form, call one
domain function, then back to the page with a message, or the page again with the error (400)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.fostering.domain import assessment, commission, placements, reports
from opora.fostering.domain.queries import candidate_in
from opora.fostering.domain.status import change_candidate_status
from opora.fostering.enums import DecisionOutcome
from opora.fostering.forms import (
    ApplicationForm,
    DecisionForm,
    RefereeForm,
    RemovalForm,
    ReportForm,
    SignatureForm,
)
from opora.fostering.views.candidate_page import (
    contact_form,
    extension_form,
    placement_form,
    reference_form,
    render_candidate,
    step_form,
)


def candidate_step(permission: str, form_name: str):
    """A POST-only step: `build(request, candidate)` returns the bound form and what to run."""

    def decorator(build):
        @centre_view(permission)
        @require_POST
        def view(request, candidate_id: int):
            candidate = candidate_in(request.centre, candidate_id)
            form, run = build(request, candidate)
            if form.is_valid():
                try:
                    message = run(form.cleaned_data)
                except DomainError as error:
                    apply_domain_error(form, error)
                else:
                    messages.success(request, message)
                    return redirect(
                        "fostering:candidate", centre=request.centre.slug, candidate_id=candidate.pk
                    )
            return render_candidate(request, candidate, status=400, **{form_name: form})

        view.__name__ = build.__name__
        return view

    return decorator


_WORK = "fostering.work_with_candidates"


@candidate_step(_WORK, "application_form")
def register_application(request, candidate):
    def run(data):
        assessment.register_application(
            candidate, actor=request.user, applied_on=data["applied_on"]
        )
        return (
            f"Заявлението от {data['applied_on']:%d.%m.%Y} е записано; започва срокът на оценката."
        )

    return ApplicationForm(request.POST), run


@candidate_step(_WORK, "step_form")
def change_status(request, candidate):
    def run(data):
        changed = change_candidate_status(
            candidate, to_status=data["to_status"], actor=request.user, note=data["note"]
        )
        return f"Етап: {changed.get_status_display()}."

    return step_form(candidate, request.POST), run


@candidate_step(_WORK, "extension_form")
def extend_assessment(request, candidate):
    def run(data):
        extended = assessment.extend_assessment(
            candidate, actor=request.user, months=data["months"], reason=data["reason"]
        )
        due = assessment.assessment_due_on(extended)
        return f"Срокът на оценката е удължен до {due:%d.%m.%Y}."

    return extension_form(candidate, request.POST), run


@candidate_step(_WORK, "contact_form")
def add_contact(request, candidate):
    form = contact_form(candidate, request.POST)

    def run(data):
        contact = assessment.record_contact(candidate, actor=request.user, data=form.contact_data())
        return f"{contact.get_kind_display()} на {contact.held_on:%d.%m.%Y} е записана."

    return form, run


@candidate_step(_WORK, "referee_form")
def add_referee(request, candidate):
    def run(data):
        referee = assessment.add_referee(candidate, actor=request.user, **data)
        return f"Поръчителят {referee.name} е вписан."

    return RefereeForm(request.POST), run


@candidate_step(_WORK, "reference_form")
def record_reference(request, candidate):
    def run(data):
        referee = assessment.record_reference(
            data["referee"],
            actor=request.user,
            received_on=data["received_on"],
            summary=data["summary"],
        )
        return f"Препоръката от {referee.name} е записана."

    return reference_form(candidate, request.POST), run


@candidate_step(_WORK, "report_form")
def write_report(request, candidate):
    def run(data):
        reports.write_report(candidate, actor=request.user, text=data["text"])
        return "Докладът е записан. Дайте го на кандидатите да го прочетат и подпишат."

    return ReportForm(request.POST), run


@candidate_step(_WORK, "signature_form")
def sign_report(request, candidate):
    def run(data):
        reports.sign_report(candidate, actor=request.user, signed_on=data["signed_on"])
        return f"Отбелязано: кандидатите прочетоха и подписаха доклада на {data['signed_on']:%d.%m.%Y}."

    return SignatureForm(request.POST), run


_DECIDED = {
    DecisionOutcome.APPROVED: "Семейството е утвърдено и вписано в регистъра.",
    DecisionOutcome.MORE_INFORMATION: "Комисията иска допълнителна информация: кандидатите са "
    "отново в оценка.",
    DecisionOutcome.REFUSED: "Записан е отказ на Комисията.",
}


@candidate_step("fostering.record_commission_decision", "decision_form")
def record_decision(request, candidate):
    form = DecisionForm(request.POST)

    def run(data):
        decision = commission.record_commission_decision(
            candidate, actor=request.user, data=form.decision_data()
        )
        return _DECIDED[decision.outcome]

    return form, run


@candidate_step("fostering.remove_from_register", "removal_form")
def remove(request, candidate):
    def run(data):
        commission.remove_from_register(
            candidate, actor=request.user, removed_on=data["removed_on"], reason=data["reason"]
        )
        return f"{candidate.name} е заличено от регистъра."

    return RemovalForm(request.POST), run


@candidate_step(_WORK, "placement_form")
def add_placement(request, candidate):
    form = placement_form(request, candidate, request.POST)

    def run(data):
        placement = placements.place_child(
            candidate, actor=request.user, data=form.placement_data()
        )
        return (
            f"{placement.child.full_name} е настанен/а при {candidate.name} "
            f"от {placement.placed_on:%d.%m.%Y}."
        )

    return form, run
