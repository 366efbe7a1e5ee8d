"""The ИОП pages of a case: read (printable), start, edit the draft, team, information requests."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from opora.assessments.domain.assessment import (
    complete_assessment,
    name_assessment_team,
    save_assessment_draft,
    start_assessment,
    why_not_start,
)
from opora.assessments.domain.completion import AssessmentErrors, must_be_heard
from opora.assessments.domain.queries import (
    assessments_of,
    draft_of,
    newest_assessment,
    unanswered_requests,
)
from opora.assessments.domain.requests import add_information_request, record_reply
from opora.assessments.forms import (
    AssessmentForm,
    InformationRequestForm,
    ReplyForm,
    StartAssessmentForm,
    TeamForm,
)
from opora.assessments.sections import (
    ADULT_AGE,
    CHILD_VIEW_GROUP,
    DRAFT_FIELDS,
    GROUPS,
    TAIL_GROUPS,
)
from opora.audit.domain import record
from opora.cases.domain.queries import case_detail
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.locking import StaleEdit, refresh_revision
from opora.core.text import is_ascii_digits


@centre_view("assessments.view_assessment")
def detail(request, case_id: int):
    """One ИОП of the case (the newest, or ?n=<number>), laid out for reading and printing."""
    case = case_detail(request.user, request.centre, case_id)
    assessments = assessments_of(case)
    assessment = _chosen(assessments, request.GET.get("n", ""))
    record(actor=request.user, action="assessment.view", obj=assessment or case)
    context = {"case": case, "assessments": assessments, "assessment": assessment, "nav": "cases"}
    if assessment is not None:
        context.update(_reading(case, assessment))
    context["start_refusal"] = why_not_start(case)
    return render(request, "assessments/detail.html", context)


@centre_view("assessments.start_assessment")
def start(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    refusal = why_not_start(case)
    form = StartAssessmentForm(
        _posted(request), centre=request.centre, initial={"team": _proposed_team(case)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = start_assessment(
                case,
                actor=request.user,
                team=form.cleaned_data["team"],
                occasion=form.cleaned_data["occasion"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"ИОП № {assessment.number} е започната.")
            return _to_edit(request, case)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "form": form, "refusal": refusal, "nav": "cases"}
    return render(request, "assessments/start.html", context, status=status)


@centre_view("assessments.view_assessment")
def edit(request, case_id: int):
    case, draft = _draft_for_editing(request, case_id)
    if draft is None and request.method == "POST":
        # Completed meanwhile by someone else: the domain refuses with the reason, and the text
        # typed here stays in the form instead of being lost.
        draft = newest_assessment(case)
    if draft is None:
        return _no_draft(request, case)
    adult = _is_adult(case, draft)
    form = AssessmentForm(_posted(request), subject_is_adult=adult, initial=_initial(draft))
    stale = None
    if request.method == "POST" and form.is_valid():
        completing = request.POST.get("action") == "complete"
        try:
            saved = _write_draft(request, draft, form, completing=completing)
        except DomainError as error:
            stale = error if isinstance(error, StaleEdit) else None
            _show_errors(form, error)
        else:
            return _after_write(request, case, saved, completing=completing)
    if request.method == "GET":
        record(actor=request.user, action="assessment.view", obj=draft)
    context = {
        "case": case,
        "assessment": draft,
        "form": form,
        "must_hear": must_be_heard(case.primary_person, timezone.localdate()),
        "subject_is_adult": adult,
        "age": case.primary_person.age,
        "nav": "cases",
        "stale": stale,
    }
    status = 409 if stale else 400 if request.method == "POST" else 200
    return render(request, "assessments/edit.html", context, status=status)


@centre_view("assessments.start_assessment")
def team(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    draft = draft_of(case)
    if draft is None:
        return _no_draft(request, case)
    initial = {"team": [m.pk for m in draft.team.all()]}
    form = TeamForm(_posted(request), centre=request.centre, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            name_assessment_team(draft, actor=request.user, team=form.cleaned_data["team"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Екипът за ИОП № {draft.number} е записан.")
            return _to_edit(request, case)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "assessment": draft, "form": form, "nav": "cases"}
    return render(request, "assessments/team.html", context, status=status)


@centre_view("assessments.view_assessment")
def add_request(request, case_id: int):
    case, draft = _draft_for_editing(request, case_id)
    if draft is None:
        return _no_draft(request, case)
    form = InformationRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = add_information_request(
                draft,
                actor=request.user,
                addressee=data["addressee"],
                addressee_kind=data["addressee_kind"],
                question=data["question"],
                due_on=data["due_on"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Искането до {sent.addressee} е записано със срок {sent.due_on:%d.%m.%Y}.",
            )
            return _to_detail(request, case)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "assessment": draft, "form": form, "nav": "cases"}
    return render(request, "assessments/request_form.html", context, status=status)


@centre_view("assessments.view_assessment")
def reply(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    _require_edit(request, case)
    waiting = unanswered_requests(case)
    chosen = request.GET.get("request", "")
    initial = {"replied_on": timezone.localdate()}
    if is_ascii_digits(chosen) and len(chosen) < 12:
        initial["request"] = int(chosen)
    elif len(waiting) == 1:
        initial["request"] = waiting[0].pk
    form = ReplyForm(_posted(request), requests=waiting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answered = next(r for r in waiting if r.pk == data["request"])
        try:
            record_reply(
                answered, actor=request.user, reply=data["reply"], replied_on=data["replied_on"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Отговорът от {answered.addressee} е записан.")
            return _to_detail(request, case)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "form": form, "waiting": waiting, "nav": "cases"}
    return render(request, "assessments/reply_form.html", context, status=status)


# Helpers


def _require_edit(request, case) -> None:
    if not request.user.has_perm("assessments.edit_assessment", case):
        raise PermissionDenied("Само ръководителят и екипът на случая работят по ИОП.")


def _draft_for_editing(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    _require_edit(request, case)
    return case, draft_of(case)


def _no_draft(request, case):
    context = {"case": case, "start_refusal": why_not_start(case), "nav": "cases"}
    return render(request, "assessments/no_draft.html", context)


def _chosen(assessments: list, number: str):
    if is_ascii_digits(number) and len(number) < 6:
        return next((a for a in assessments if a.number == int(number)), None)
    return assessments[0] if assessments else None


def _reading(case, assessment) -> dict:
    """What the read view shows of one ИОП: sections by group and the age on its date."""
    on = assessment.assessed_on or timezone.localdate()
    age = case.primary_person.age_on(on)
    return {
        "groups": [_group(g, assessment) for g in GROUPS],
        "tail_groups": [_group(g, assessment) for g in TAIL_GROUPS],
        "child_view_title": CHILD_VIEW_GROUP,
        "age_on_assessment": age,
        "subject_is_adult": age is not None and age >= ADULT_AGE,
        "must_hear": must_be_heard(case.primary_person, on),
    }


def _group(group, assessment) -> dict:
    return {
        "title": group.title,
        "sections": [(s.label, getattr(assessment, s.name)) for s in group.sections],
    }


def _is_adult(case, assessment) -> bool:
    age = case.primary_person.age_on(assessment.assessed_on or timezone.localdate())
    return age is not None and age >= ADULT_AGE


def _initial(assessment) -> dict:
    return {name: getattr(assessment, name) for name in (*DRAFT_FIELDS, "revision")}


def _proposed_team(case) -> list[int]:
    """The previous ИОП's team, or else the case manager."""
    previous = next(iter(assessments_of(case)), None)
    if previous is not None:
        return [m.pk for m in previous.team.all()]
    return [case.case_manager_id] if case.case_manager_id else []


def _write_draft(request, draft, form, *, completing: bool):
    write = complete_assessment if completing else save_assessment_draft
    return write(
        draft,
        actor=request.user,
        data=form.draft_data(),
        revision=form.cleaned_data["revision"],
    )


def _show_errors(form, error: DomainError) -> None:
    if isinstance(error, AssessmentErrors):
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return
    if isinstance(error, StaleEdit):
        # The next save knowingly replaces the newer text: carry the current revision.
        refresh_revision(form, error.revision)
        form.add_error(None, error.message)
        return
    apply_domain_error(form, error)


def _after_write(request, case, saved, *, completing: bool):
    if not completing:
        messages.success(request, f"Черновата на ИОП № {saved.number} е записана.")
        return _to_edit(request, case)
    case.refresh_from_db(fields=["status"])
    tail = f" Случаят е в статус „{case.get_status_display()}“."
    messages.success(request, f"ИОП № {saved.number} е завършена.{tail}")
    return _to_detail(request, case)


def _to_edit(request, case):
    return redirect("assessments:edit", centre=request.centre.slug, case_id=case.pk)


def _to_detail(request, case):
    return redirect("assessments:detail", centre=request.centre.slug, case_id=case.pk)


def _posted(request):
    """The POSTed data, even when empty (an empty POST must still be validated, not ignored)."""
    return request.POST if request.method == "POST" else None
