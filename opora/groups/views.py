"""Group programme pages: the list, a programme, a session with its attendance, a participant."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from opora.audit.domain import record
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.groups.certificates import certificate_filename, certificate_pdf
from opora.groups.domain import certificates as certificate_domain
from opora.groups.domain import participants as participant_domain
from opora.groups.domain import programmes as programme_domain
from opora.groups.domain import sessions as session_domain
from opora.groups.domain.queries import (
    attendance_of,
    cases_of_person,
    marks_of,
    may_read_session_note,
    notes_readable_by,
    participant_in,
    programme_in,
    programmes_of,
    progress_of,
    progress_of_participant,
    readable_note_levels,
    session_in,
    sessions_of,
)
from opora.groups.forms import (
    AttendanceForm,
    EnrolForm,
    GroupSessionForm,
    ParticipantNoteForm,
    ProgrammeForm,
    SessionNoteForm,
    WithdrawForm,
    programme_initial,
    session_initial,
)
from opora.groups.models import Certificate
from opora.people.domain.queries import people_of, search_people

# Programmes


@centre_view("groups.view_programmes")
def programme_list(request):
    context = {"programmes": list(programmes_of(request.centre)), "nav": "groups"}
    return render(request, "groups/programme_list.html", context)


@centre_view("groups.manage_programme")
def new_programme(request):
    def save(form):
        programme = programme_domain.create_programme(
            request.centre, actor=request.user, data=form.programme_data()
        )
        messages.success(request, f"Програмата „{programme.title}“ е създадена.")
        return programme

    return _programme_form(request, None, save, {"facilitators": [request.user.pk]})


@centre_view("groups.view_programmes")
def programme_detail(request, programme_id: int):
    programme = programme_in(request.centre, programme_id)
    record(actor=request.user, action="programme.view", obj=programme)
    return _render_programme(request, programme)


@centre_view("groups.manage_programme")
def edit_programme(request, programme_id: int):
    programme = programme_in(request.centre, programme_id)

    def save(form):
        programme_domain.update_programme(programme, actor=request.user, data=form.programme_data())
        messages.success(request, "Промените по програмата са записани.")
        return programme

    return _programme_form(request, programme, save, programme_initial(programme))


@centre_view("groups.manage_programme")
@require_POST
def finish_programme(request, programme_id: int):
    programme = programme_in(request.centre, programme_id)
    try:
        programme_domain.finish_programme(programme, actor=request.user)
    except DomainError as error:
        return _render_programme(request, programme, status=400, error=error.message)
    messages.success(request, "Програмата е приключена. Вече може да издадете удостоверенията.")
    return redirect("groups:programme", centre=request.centre.slug, programme_id=programme.pk)


@centre_view("groups.issue_certificate")
@require_POST
def issue_certificates(request, programme_id: int):
    """Issue the certificates of everyone who completed and has none yet."""
    programme = programme_in(request.centre, programme_id)
    try:
        issued = certificate_domain.issue_certificates(programme, actor=request.user)
    except DomainError as error:
        return _render_programme(request, programme, status=400, error=error.message)
    messages.success(request, f"Издадени удостоверения: {len(issued)}.")
    return redirect("groups:programme", centre=request.centre.slug, programme_id=programme.pk)


# Sessions


@centre_view("groups.manage_programme")
def add_session(request, programme_id: int):
    programme = programme_in(request.centre, programme_id)

    def save(form):
        session = session_domain.add_session(
            programme, actor=request.user, data=form.session_data()
        )
        messages.success(request, f"Заниманието на {session.date:%d.%m.%Y} е добавено.")
        return session

    initial = {"place": programme.place}
    return _session_form(request, programme, None, save, initial)


@centre_view("groups.manage_programme")
def edit_session(request, group_session_id: int):
    session = session_in(request.centre, group_session_id)

    def save(form):
        session_domain.update_session(session, actor=request.user, data=form.session_data())
        messages.success(request, "Промените по заниманието са записани.")
        return session

    return _session_form(request, session.programme, session, save, session_initial(session))


@centre_view("groups.view_programmes")
def session_detail(request, group_session_id: int):
    """The session and its attendance list; a POST records the attendance."""
    session = session_in(request.centre, group_session_id)
    participants = list(session_domain.participants_for(session))
    posted = request.POST if request.method == "POST" else None
    if posted is not None and not request.user.has_perm("groups.record_attendance", request.centre):
        raise PermissionDenied("Присъствие отбелязват специалистите на центъра.")
    form = AttendanceForm(posted, participants=participants, marks=marks_of(session))
    if posted is not None and form.is_valid():
        try:
            counts = session_domain.record_attendance(
                session, actor=request.user, marks=form.marks()
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _attendance_message(counts))
            return redirect(
                "groups:programme", centre=request.centre.slug, programme_id=session.programme_id
            )
    if posted is None:
        record(actor=request.user, action="group_session.view", obj=session,
               centre_id=request.centre.pk)  # fmt: skip
    return _render_session(request, session, form, status=400 if posted else 200)


@centre_view("groups.record_attendance")
@require_POST
def session_note(request, group_session_id: int):
    session = session_in(request.centre, group_session_id)
    if not may_read_session_note(request.user, session):
        raise PermissionDenied("Бележката пишат водещите на програмата и ръководителят.")
    form = SessionNoteForm(request.POST)
    if form.is_valid():
        try:
            session_domain.write_session_note(
                session, actor=request.user, text=form.cleaned_data["facilitator_note"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Бележката на водещия е записана.")
            return redirect("groups:session", centre=request.centre.slug,
                            group_session_id=session.pk)  # fmt: skip
    attendance = AttendanceForm(
        participants=session_domain.participants_for(session), marks=marks_of(session)
    )
    return _render_session(request, session, attendance, note_form=form, status=400)


# Participants


@centre_view("groups.manage_programme")
def enrol(request, programme_id: int):
    """Find a person (by name or ЕГН), then confirm the enrolment and the case it belongs to."""
    programme = programme_in(request.centre, programme_id)
    person_id = request.POST.get("person") or request.GET.get("person")
    if person_id:
        return _enrol_person(request, programme, person_id)
    query = request.GET.get("q", "").strip()
    context = {
        "programme": programme, "query": query, "nav": "groups", "new_url": None,
        "results": search_people(request.centre, query) if query else [],
        "pick_url": f"{request.path}?person=",
    }  # fmt: skip
    if request.htmx:
        return render(request, "people/_results.html", context)
    return render(request, "groups/enrol.html", context, status=400 if request.POST else 200)


@centre_view("groups.view_programmes")
def participant_detail(request, participant_id: int):
    participant = participant_in(request.centre, participant_id)
    record(actor=request.user, action="participant.view", obj=participant,
           centre_id=request.centre.pk)  # fmt: skip
    return _render_participant(request, participant)


@centre_view("groups.write_participant_note")
@require_POST
def add_note(request, participant_id: int):
    participant = participant_in(request.centre, participant_id)
    form = ParticipantNoteForm(request.POST)
    if form.is_valid():
        try:
            participant_domain.add_participant_note(
                participant, actor=request.user, text=form.cleaned_data["text"],
                sensitivity=form.cleaned_data["sensitivity"],
            )  # fmt: skip
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Бележката е записана.")
            return redirect("groups:participant", centre=request.centre.slug,
                            participant_id=participant.pk)  # fmt: skip
    return _render_participant(request, participant, note_form=form, status=400)


@centre_view("groups.manage_programme")
@require_POST
def withdraw(request, participant_id: int):
    participant = participant_in(request.centre, participant_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            participant_domain.withdraw_participant(
                participant, actor=request.user, left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"{participant.person.full_name} е отписан/а от програмата.")
            return redirect("groups:programme", centre=request.centre.slug,
                            programme_id=participant.programme_id)  # fmt: skip
    return _render_participant(request, participant, withdraw_form=form, status=400)


@centre_view("groups.issue_certificate")
def certificate(request, participant_id: int):
    """GET: the PDF if issued, else why not (or a button to issue it); POST: issue it."""
    participant = participant_in(request.centre, participant_id)
    if request.method == "POST":
        try:
            certificate_domain.issue_certificate(participant, actor=request.user)
        except DomainError as error:
            return _render_certificate_page(request, participant, error.message, status=400)
        messages.success(request, "Удостоверението е издадено.")
        return redirect("groups:certificate", centre=request.centre.slug,
                        participant_id=participant.pk)  # fmt: skip
    issued = Certificate.objects.filter(participant=participant).first()
    if issued is None:
        why_not = certificate_domain.why_no_certificate(participant)
        return _render_certificate_page(request, participant, why_not)
    record(actor=request.user, action="certificate.print", obj=issued, centre_id=request.centre.pk)
    response = HttpResponse(certificate_pdf(issued), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificate_filename(issued)}"'
    return response


# Helpers


def _programme_form(request, programme, save, initial):
    posted = request.POST if request.method == "POST" else None
    form = ProgrammeForm(posted, centre=request.centre, initial=initial)
    if posted is not None and form.is_valid():
        try:
            saved = save(form)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("groups:programme", centre=request.centre.slug, programme_id=saved.pk)
    context = {"form": form, "programme": programme, "nav": "groups"}
    return render(request, "groups/programme_form.html", context, status=400 if posted else 200)


def _session_form(request, programme, session, save, initial):
    posted = request.POST if request.method == "POST" else None
    form = GroupSessionForm(posted, initial=initial)
    if posted is not None and form.is_valid():
        try:
            saved = save(form)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("groups:session", centre=request.centre.slug,
                            group_session_id=saved.pk)  # fmt: skip
    context = {"form": form, "programme": programme, "session": session, "nav": "groups"}
    return render(request, "groups/session_form.html", context, status=400 if posted else 200)


def _render_programme(request, programme, *, status=200, error=None):
    rows = progress_of(programme)
    context = {
        "programme": programme,
        "sessions": sessions_of(programme),
        "rows": rows,
        "to_certify": sum(1 for row in rows if certificate_domain.may_be_certified(row)),
        "today": timezone.localdate(),
        "error": error,
        "nav": "groups",
    }
    return render(request, "groups/programme_detail.html", context, status=status)


def _render_session(request, session, form, *, note_form=None, status=200):
    context = {
        "session": session,
        "programme": session.programme,
        "form": form,
        "marks": marks_of(session),
        "today": timezone.localdate(),
        "may_read_note": may_read_session_note(request.user, session),
        "note_form": note_form or SessionNoteForm(initial={
            "facilitator_note": session.facilitator_note
            if may_read_session_note(request.user, session) else "",
        }),
        "nav": "groups",
    }  # fmt: skip
    return render(request, "groups/session_detail.html", context, status=status)


def _enrol_person(request, programme, person_id):
    if not str(person_id).isdigit():
        raise Http404("Няма такова лице.")
    person = get_object_or_404(people_of(request.centre), pk=int(person_id))
    cases = list(cases_of_person(person))
    posted = request.POST if request.method == "POST" else None
    form = EnrolForm(posted, cases=cases, initial={"person": person.pk})
    if posted is not None and form.is_valid():
        case = next((c for c in cases if c.pk == form.cleaned_data["case"]), None)
        try:
            participant = participant_domain.enrol_participant(
                programme, actor=request.user, person=person, case=case,
                enrolled_on=form.cleaned_data["enrolled_on"],
            )  # fmt: skip
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"{person.full_name} е записан/а в програмата.")
            return redirect("groups:programme", centre=request.centre.slug,
                            programme_id=participant.programme_id)  # fmt: skip
    context = {"programme": programme, "person": person, "form": form, "nav": "groups"}
    return render(request, "groups/enrol_confirm.html", context, status=400 if posted else 200)


def _render_participant(request, participant, *, note_form=None, withdraw_form=None, status=200):
    levels = readable_note_levels(request.user, participant)
    context = {
        "participant": participant,
        "programme": participant.programme,
        "progress": progress_of_participant(participant),
        "attendance": attendance_of(participant),
        "notes": notes_readable_by(request.user, participant),
        "readable_levels": levels,
        "note_form": note_form or ParticipantNoteForm(),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "open_action": "withdraw_form" if withdraw_form is not None else "",
        "certificate": Certificate.objects.filter(participant=participant).first(),
        "nav": "groups",
    }
    return render(request, "groups/participant_detail.html", context, status=status)


def _render_certificate_page(request, participant, why_not, *, status=200):
    context = {
        "participant": participant,
        "programme": participant.programme,
        "progress": progress_of_participant(participant),
        "why_not": why_not,
        "nav": "groups",
    }
    return render(request, "groups/certificate_page.html", context, status=status)


def _attendance_message(counts: dict[str, int]) -> str:
    present = counts.get("present", 0)
    absent = counts.get("absent", 0) + counts.get("excused", 0)
    return f"Присъствието е записано: присъстват {present}, отсъстват {absent}."
