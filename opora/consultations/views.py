"""Session log pages, the case timeline, the specialists' week calendar and day list."""

from datetime import time, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from opora.accounts.enums import Role
from opora.audit.domain import record
from opora.cases.domain.access import readable_levels
from opora.cases.domain.queries import case_detail
from opora.consultations.domain import sessions as domain
from opora.consultations.domain.checks import needs_contract_notice, why_no_session
from opora.consultations.domain.queries import (
    RESTRICTED,
    day_list,
    diary,
    session_in,
    sessions_of,
    with_diary_access,
    with_note_access,
)
from opora.consultations.domain.weeks import DAY_NAMES, Week
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.forms import (
    CancelForm,
    DiaryForm,
    NoShowForm,
    SessionForm,
    TimelineSearchForm,
    initial_from,
)
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.timeline import case_timeline, search_events

# The kind a specialist most often logs, by role.
USUAL_KIND = {
    Role.PSYCHOLOGIST: SessionKind.INDIVIDUAL_PSYCH,
    Role.SOCIAL_WORKER: SessionKind.SOCIAL,
}


# The session log of a case


@centre_view("consultations.view_sessions")
def case_sessions(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    record(actor=request.user, action="session.list.view", obj=case)
    context = {
        "case": case,
        "sessions": with_note_access(request.user, case, sessions_of(case)),
        "today": timezone.localdate(),
        "nav": "cases",
    }
    return render(request, "consultations/session_list.html", context)


@centre_view("consultations.view_sessions")
def log_session(request, case_id: int):
    case = _case_to_write(request, case_id)

    def save(data):
        session = domain.record_session(case, actor=request.user, data=data)
        return f"Срещата от {session.date:%d.%m.%Y} е записана като проведена."

    return _form_page(
        request, case, mode="log", save=save, initial=_new_initial(request, case, today=True),
        blocked=why_no_session(case, status=SessionStatus.HELD),
    )  # fmt: skip


@centre_view("consultations.view_sessions")
def plan_session(request, case_id: int):
    case = _case_to_write(request, case_id)

    def save(data):
        session = domain.plan_session(case, actor=request.user, data=data)
        return f"Срещата е планирана за {session.date:%d.%m.%Y} от {session.start_time:%H:%M} ч."

    return _form_page(
        request, case, mode="plan", save=save, initial=_new_initial(request, case, today=False),
        blocked=why_no_session(case, status=SessionStatus.PLANNED),
    )  # fmt: skip


@centre_view("consultations.view_sessions")
def session_detail(request, session_id: int):
    session = session_in(request.user, request.centre, session_id)
    with_note_access(request.user, session.case, [session])
    record(
        actor=request.user,
        action="session.view",
        obj=session,
        changes={} if session.notes_visible else {"notes": "restricted"},
    )
    return _render_detail(request, session)


@centre_view("consultations.view_sessions")
def edit_session(request, session_id: int):
    session = _session_to_write(request, session_id)
    case = session.case
    mode = "plan" if session.is_planned else "log"
    if request.method == "GET":
        record(actor=request.user, action="session.edit.view", obj=session)

    def save(data):
        domain.update_session(session, actor=request.user, data=data)
        return "Промените по срещата са записани."

    blocked = None
    if session.status not in (SessionStatus.PLANNED, SessionStatus.HELD):
        blocked = f"Срещата е „{session.get_status_display()}“ и не се редактира."
    return _form_page(
        request, case, mode=mode, save=save, initial=initial_from(session),
        blocked=blocked or why_no_session(case, status=SessionStatus.HELD), session=session,
    )  # fmt: skip


@centre_view("consultations.view_sessions")
def hold_session(request, session_id: int):
    """Log a planned session as held, starting from what was planned."""
    session = _session_to_write(request, session_id)
    case = session.case

    def save(data):
        domain.record_session(case, actor=request.user, data=data, planned=session)
        return f"Срещата от {data.date:%d.%m.%Y} е отбелязана като проведена."

    blocked = None if session.is_planned else f"Срещата вече е „{session.get_status_display()}“."
    initial = {**initial_from(session), "date": min(session.date, timezone.localdate())}
    return _form_page(
        request, case, mode="log", save=save, initial=initial,
        blocked=blocked or why_no_session(case, status=SessionStatus.HELD), session=session,
    )  # fmt: skip


@centre_view("consultations.view_sessions")
@require_POST
def cancel_session(request, session_id: int):
    session = _session_to_write(request, session_id)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            domain.cancel_session(session, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Срещата от {session.date:%d.%m.%Y} е отменена.")
            return _to_list(request, session.case_id)
    return _render_detail(request, session, status=400, cancel_form=form)


@centre_view("consultations.view_sessions")
@require_POST
def no_show(request, session_id: int):
    session = _session_to_write(request, session_id)
    form = NoShowForm(request.POST)
    if form.is_valid():
        try:
            domain.mark_no_show(session, actor=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Отбелязано е неявяване на {session.date:%d.%m.%Y}.")
            return _to_list(request, session.case_id)
    return _render_detail(request, session, status=400, no_show_form=form)


# The case timeline


@centre_view("consultations.view_sessions")
def timeline(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    search = TimelineSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    record(
        actor=request.user,
        action="case.timeline.view",
        obj=case,
        changes={"search": True} if query else {},
    )
    levels = readable_levels(request.user, case)
    events = case_timeline(case, reader=request.user, levels=levels)
    if query:
        events = search_events(events, query)
    now = timezone.now()
    context = {
        "case": case,
        "upcoming": _by_day([e for e in events if e.at > now]),
        "days": _by_day([e for e in events if e.at <= now]),
        "search": search,
        "query": query,
        "found": len(events),
        "printed_at": now,
        "nav": "cases",
    }
    return render(request, "consultations/timeline.html", context)


# The specialists' calendar and day list


@centre_view("consultations.view_calendar")
def calendar(request):
    form, staff, data = _diary_form(request)
    week = Week.parse(data.get("week") or "") or Week.containing(
        data.get("date") or timezone.localdate()
    )
    sessions = with_diary_access(
        request.user, request.centre, diary(request.centre, staff, week.monday, week.sunday)
    )
    today = timezone.localdate()
    days = [
        {"date": d, "name": DAY_NAMES[d.weekday()], "is_today": d == today,
         "sessions": [s for s in sessions if s.date == d]}
        for d in week.days
    ]  # fmt: skip
    context = {
        "form": form, "staff": staff, "week": week, "days": days, "today": today,
        "this_week": Week.containing(today), "nav": "calendar",
        "minutes": sum(s.duration_minutes for s in sessions),
    }  # fmt: skip
    return render(request, "consultations/calendar.html", context)


@centre_view("consultations.view_calendar")
def day(request):
    form, staff, data = _diary_form(request)
    chosen = data.get("date") or timezone.localdate()
    sessions = with_diary_access(
        request.user, request.centre, day_list(request.centre, staff, chosen)
    )
    record(
        actor=request.user,
        action="calendar.day_list.view",
        centre_id=request.centre.pk,
        changes={"staff": staff.pk, "date": chosen.isoformat()},
    )
    context = {
        "form": form, "staff": staff, "day": chosen, "day_name": DAY_NAMES[chosen.weekday()],
        "sessions": sessions, "week": Week.containing(chosen), "nav": "calendar",
        "previous_day": chosen - timedelta(days=1), "next_day": chosen + timedelta(days=1),
        "printed_at": timezone.now(),
    }  # fmt: skip
    return render(request, "consultations/day.html", context)


# Helpers


def _case_to_write(request, case_id: int):
    """The case, found in the centre (404 outside it), if the user may write its session log."""
    case = case_detail(request.user, request.centre, case_id)
    if not request.user.has_perm("consultations.log_session", case):
        raise PermissionDenied("Срещи по случая записват водещият, екипът и управителят.")
    return case


def _session_to_write(request, session_id: int):
    """A session the user may change: its case's log (else 403) and its notes (else 403)."""
    session = session_in(request.user, request.centre, session_id)
    session.case = _case_to_write(request, session.case_id)
    if not with_note_access(request.user, session.case, [session])[0].notes_visible:
        raise PermissionDenied(f"{RESTRICTED}: срещата променя само който може да чете бележката.")
    return session


def _new_initial(request, case, *, today: bool) -> dict:
    # The manager usually records what the case manager did; a specialist records their own work.
    lead = (case.case_manager or request.user) if request.role == Role.MANAGER else request.user
    child = next(iter(case.people.all()), None)
    now = timezone.localtime()
    initial = {
        "lead": getattr(lead, "pk", None),
        "participants": [child.pk] if child else [],
        "kind": USUAL_KIND.get(request.role, ""),
    }
    if today:
        initial["date"] = now.date()
        initial["start_time"] = time(now.hour)
    return initial


def _form_page(request, case, *, mode, save, initial, blocked=None, session=None):
    posted = request.POST if request.method == "POST" else None
    form = SessionForm(posted, case=case, centre=request.centre, mode=mode, initial=initial)
    if posted is not None and form.is_valid():
        try:
            message = save(form.session_data())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, message)
            return _to_list(request, case.pk)
    context = {
        "case": case, "form": form, "mode": mode, "session": session, "blocked": blocked,
        "contract_notice": mode == "log" and not blocked and needs_contract_notice(case),
        "nav": "cases",
    }  # fmt: skip
    return render(
        request, "consultations/session_form.html", context, status=400 if posted else 200
    )


def _render_detail(request, session, status=200, **forms):
    context = {
        "session": session,
        "case": session.case,
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "no_show_form": forms.get("no_show_form") or NoShowForm(),
        "open_action": next(iter(forms), None),
        "may_mark_no_show": session.is_planned and session.date <= timezone.localdate(),
        "nav": "cases",
    }
    return render(request, "consultations/session_detail.html", context, status=status)


def _to_list(request, case_id: int):
    return redirect("consultations:list", centre=request.centre.slug, case_id=case_id)


def _diary_form(request):
    """The form for ?staff=&week=&date=, and whose diary to show (the user's own by default)."""
    form = DiaryForm(request.GET or None, centre=request.centre)
    data = {}
    if form.is_bound:
        form.is_valid()  # keeps the valid fields in cleaned_data; a wrong one falls back below
        data = form.cleaned_data
    return form, data.get("staff") or request.user, data


def _by_day(events) -> list[tuple]:
    groups: list[tuple] = []
    for event in events:
        day = timezone.localtime(event.at).date()
        if not groups or groups[-1][0] != day:
            groups.append((day, DAY_NAMES[day.weekday()], []))
        groups[-1][2].append(event)
    return groups
