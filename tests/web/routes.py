"""Every staff route under /c/<centre>/, read from the URL resolver, and a write each one accepts.

The tests walk the resolver instead of a hand-written list of URLs, so a view added later is
covered at once; `check_known` fails for a route that this module cannot fill in or post to, so
the new view cannot slip in without its tenant, role and login tests.
"""

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from opora.assessments.enums import AddresseeKind, AssessmentStatus
from opora.assessments.models import Assessment
from opora.cases.enums import CasePersonRole, ClosureReason, RefusalGround
from opora.closure.enums import Channel, FollowUpOutcome, GoalResult, ReportKind
from opora.consultations.enums import SessionKind
from opora.deadlines.calendar import add_months
from opora.groups.domain.sessions import participants_for
from opora.people.enums import IdentifierType, RelationKind, Sex
from opora.plans.enums import Setting
from opora.referrals.enums import SourceType
from opora.reviews.enums import Progress, ReviewKind
from tests.attachments.records import description_fields, upload_fields
from tests.documents.web_records import DOCUMENT_OBJECT_KWARGS, DOCUMENT_PAGES, DOCUMENT_WRITES
from tests.fostering.web_records import FOSTERING_PAGES, FOSTERING_POST_ONLY, FOSTERING_WRITES
from tests.plans.records import PLAN_PAGES, PLAN_WRITES
from tests.reporting.web_records import REPORTING_PAGES, REPORTING_POST_ONLY, REPORTING_WRITES
from tests.statutory.web_records import STATUTORY_PAGES, STATUTORY_POST_ONLY, STATUTORY_WRITES
from tests.web.world import CHILD_EGN, World

CENTRE_PREFIX = "c/<slug:centre>/"
# How many records of each kind `probe_urls` tries.
PROBES_PER_KIND = 3
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# The kind of object each URL keyword names; World.ids() gives the real ids of that kind.
OBJECT_KWARGS = frozenset(
    {
        "case_id",
        "person_id",
        "task_id",
        "membership_id",
        "version_id",
        "contract_id",
        "session_id",
        "review_id",
        "report_id",
        "access_request_id",
        "hold_id",
        "programme_id",
        "group_session_id",
        "participant_id",
        "candidate_id",
        "placement_id",
        "adopter_id",
        "attachment_id",
        *DOCUMENT_OBJECT_KWARGS,
    }
)


# The keywords that name a record of a case (or a person on a case): need-to-know applies, and a
# case worker off the case's team gets a 404 (403 with „Поискай достъп“ on the case page itself).
CASE_BOUND_KWARGS = frozenset(
    {
        "case_id",
        "version_id",
        "contract_id",
        "session_id",
        "review_id",
        "report_id",
        "task_id",
        "person_id",
        "attachment_id",
        *DOCUMENT_OBJECT_KWARGS,
    }
)


@dataclass(frozen=True)
class StaffRoute:
    name: str  # "cases:accept"
    route: str  # "c/<slug:centre>/cases/<int:case_id>/accept/"

    @property
    def parameters(self) -> list[tuple[str, str]]:
        return [(m["converter"] or "str", m["name"]) for m in _PARAMETER.finditer(self.route)]

    @property
    def object_kwargs(self) -> list[str]:
        return [name for _converter, name in self.parameters if name != "centre"]

    @property
    def is_case_bound(self) -> bool:
        return bool(CASE_BOUND_KWARGS & set(self.object_kwargs))

    def url(self, slug: str, **ids: int) -> str:
        def value(match: re.Match) -> str:
            return slug if match["name"] == "centre" else str(ids[match["name"]])

        return "/" + _PARAMETER.sub(value, self.route)

    def urls(self, slug: str, world: World) -> Iterator[str]:
        """The route with every combination of the world's real ids for its object keywords."""
        yield from self._combinations(slug, {name: world.ids(name) for name in self.object_kwargs})

    def probe_urls(self, slug: str, world: World) -> Iterator[str]:
        """The route with a few real ids of each kind, the record its write succeeds on first.

        For the refusals (another centre, a role, no login), whose answer must not depend on the
        record's state: trying every record would multiply the run time for little more.
        """
        target = _write_target(self.name, world)
        ids = {}
        for name in self.object_kwargs:
            every = world.ids(name)
            few = [target[name]] if name in target else []
            few += [every[0], every[len(every) // 2], every[-1]] if every else []
            ids[name] = list(dict.fromkeys(few))[:PROBES_PER_KIND]
        yield from self._combinations(slug, ids)

    def _combinations(self, slug: str, ids: dict[str, list[int]]) -> Iterator[str]:
        names = list(ids)
        for values in itertools.product(*ids.values()):
            yield self.url(slug, **dict(zip(names, values, strict=True)))


def staff_routes() -> list[StaffRoute]:
    return [
        StaffRoute(name, route)
        for name, route in _walk(get_resolver().url_patterns)
        if route.startswith(CENTRE_PREFIX)
    ]


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)


# What each route accepts. Pages only read; a Write is a POST that the centre's own manager makes
# successfully (tests/web/test_tenant_isolation.py proves it), so that the same POST from anyone
# else changing nothing means the refusal worked, not that the data was wrong.

PAGES = frozenset(
    {
        "centres:dashboard",
        "centres:profile",
        "centres:indicators",
        "people:search",
        "people:detail",
        "cases:list",
        "cases:waiting_list",
        "cases:detail",
        "tasks:list",
        "staff:list",
        "deadlines:my_work",
        "deadlines:overdue",
        "assessments:detail",
        *PLAN_PAGES - set(PLAN_WRITES),
        "consultations:list",
        "consultations:timeline",
        "consultations:detail",
        "consultations:calendar",
        "consultations:day",
        "reviews:list",
        "reviews:detail",
        "closure:page",
        "closure:reports",
        "closure:report",
        "closure:print_report",
        "closure:register",
        "cases:access_requests",
        "privacy:export_cases",
        "privacy:download",
        "privacy:exports",
        "privacy:person_data",
        "privacy:retention",
        "groups:list",
        "groups:programme",
        "groups:participant",
        "audit:case",
        "audit:staff",
        "audit:unusual",
        *FOSTERING_PAGES,
        *STATUTORY_PAGES,
        *REPORTING_PAGES,
        "attachments:case_list",
        "attachments:person_list",
        "attachments:download",
        *DOCUMENT_PAGES,
    }
)


@dataclass(frozen=True)
class Write:
    data: Callable[[World], dict]
    query: str = ""
    # The object of the world the centre's manager can make this write on.
    target: Callable[[World], dict[str, int]] | None = None
    # Who makes it successfully: the manager, but for asking access to a case (she reads them all).
    by: str = "manager"


def person_fields(prefix: str = "", **overrides) -> dict:
    values = {
        "first_name": "Петър",
        "middle_name": "",
        "last_name": "Лозанов",
        "identifier_type": IdentifierType.NONE,
        "identifier": "",
        "no_identifier_reason": "unknown",
        "birth_date": "",
        "sex": Sex.UNKNOWN,
    }
    values.update(overrides)
    return {f"{prefix}{key}": value for key, value in values.items()}


def referral_fields(**overrides) -> dict:
    values = {"source_type": SourceType.OZD, "target_groups": ["risk_child"], "urgency": ""}
    values.update(overrides)
    return values


CENTRE_PROFILE = {
    "name": "ЦОП с подменено име",
    "municipality": "Харманли",
    "capacity": "30",
    "settings-assessment_deadline": "20",
    "settings-assessment_deadline_count": "calendar",
    "settings-review_interval_months": "6",
    "settings-general_access_limit_months": "2",
    "settings-referrer_report_interval_months": "3",
    "settings-notification_deadline_hours": "24",
    "settings-follow_up_months": "3",
    "settings-workload_standard": "12",
    "settings-unusual_access_cases": "15",
    "settings-unusual_access_minutes": "10",
    "settings-idle_timeout_minutes": "30",
}


def day(days_from_today: int = 0) -> str:
    return (timezone.localdate() + timedelta(days=days_from_today)).strftime("%d.%m.%Y")


def _case(label: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {"case_id": w.cases[label].pk}


def _plan_write(name: str) -> Write:
    """A write of tests/plans/records.py PLAN_WRITES, on the plan records of the world."""
    write = PLAN_WRITES[name]
    return Write(lambda w: write.data(w.plans), target=lambda w: write.target(w.plans))


def _goals(version_label: str, value: str) -> Callable[[World], dict]:
    """One answer per goal of a plan version of the world (review progress, closure results)."""
    return lambda w: {f"goal_{g.pk}": value for g in w.versions[version_label].goals.all()}


def session_fields(w: World, *, mode: str, **overrides) -> dict:
    """The session form for the psychologist's meeting with the child of the worked case."""
    case = w.cases["working"]
    values = {
        "kind": SessionKind.INDIVIDUAL_PSYCH,
        "date": day(),
        "start_time": "09:00",
        "duration_minutes": "50",
        "setting": Setting.CENTRE,
        "place": "Кабинет 2",
        "lead": w.staff["psychologist"].pk,
        "participants": [case.people.get(person=case.primary_person).pk],
        "notes": "Разговор за училището.",
    }
    if mode == "log":
        values["next_steps"] = "Среща с класната ръководителка."
    values.update(overrides)
    return values


def _draft_revision(w: World) -> str:
    case = w.cases["assessment"]
    return str(Assessment.objects.get(case=case, status=AssessmentStatus.DRAFT).revision)


_CASES_WRITES: dict[str, Write] = {
    "centres:edit": Write(lambda w: CENTRE_PROFILE),
    "people:new": Write(lambda w: person_fields()),
    "people:edit": Write(
        lambda w: person_fields(
            first_name="Каля",
            middle_name="Деянова",
            last_name="Маринова",
            identifier_type=IdentifierType.EGN,
            identifier=CHILD_EGN,
            no_identifier_reason="",
            sex=Sex.FEMALE,
        ),
        target=lambda w: {"person_id": w.child.pk},
    ),
    "people:add_relation": Write(
        lambda w: {"relative_id": w.stranger.pk, "kind": RelationKind.OTHER_RELATIVE},
        target=lambda w: {"person_id": w.child.pk},
    ),
    "cases:accept": Write(
        lambda w: {"case_manager": w.staff["social_worker"].pk}, target=_case("waitlisted")
    ),
    "cases:waitlist": Write(lambda w: {"note": "Няма място"}, target=_case("intake")),
    "cases:refuse": Write(
        lambda w: {"ground": RefusalGround.NOT_OFFERED, "reason": "Услугата не се предлага."},
        target=_case("intake"),
    ),
    "cases:leave_waiting_list": Write(
        lambda w: {"reason": "Семейството се премести."}, target=_case("waitlisted")
    ),
    "cases:assign": Write(
        lambda w: {"case_manager": w.staff["social_worker"].pk}, target=_case("active")
    ),
    "cases:add_team": Write(
        lambda w: {"user": w.staff["social_worker"].pk}, target=_case("active")
    ),
    "cases:request_access": Write(
        lambda w: {"reason": "Замествам водещия по време на отпуската му."},
        target=_case("working"),
        by="social_worker",
    ),
    "cases:grant_access": Write(
        lambda w: {"expires_on": day(30)},
        target=lambda w: {"access_request_id": w.access_requests["pending"].pk},
    ),
    "cases:refuse_access": Write(
        lambda w: {"reason": "Случаят се води от екипа."},
        target=lambda w: {"access_request_id": w.access_requests["pending"].pk},
    ),
    "cases:revoke_access": Write(
        lambda w: {},
        target=lambda w: {"access_request_id": w.access_requests["granted"].pk},
    ),
    "cases:add_person": Write(
        lambda w: {"person_id": w.mother.pk, "role": CasePersonRole.PARENT},
        target=_case("intake"),
    ),
    "referrals:new": Write(
        lambda w: {**person_fields("person-"), **referral_fields()}, query="new=1"
    ),
    "tasks:complete": Write(
        lambda w: {"note": "Уведомен ОЗД Харманли по телефона."},
        target=lambda w: {"task_id": w.tasks[0].pk},
    ),
    "staff:add": Write(
        lambda w: {
            "username": "nov.sluzhitel",
            "first_name": "Нов",
            "last_name": "Служител",
            "email": "",
            "role": "social_worker",
            "password": "Dylga-Parola-2026!",
        }
    ),
    "staff:edit": Write(
        lambda w: {"role": "pedagogue", "is_active": "on"},
        target=lambda w: {
            "membership_id": next(
                m.pk for m in w.memberships if m.user_id == w.staff["psychologist"].pk
            )
        },
    ),
    "staff:reset_two_factor": Write(
        lambda w: {},
        target=lambda w: {
            "membership_id": next(
                m.pk for m in w.memberships if m.user_id == w.staff["psychologist"].pk
            )
        },
    ),
}

_ASSESSMENT_WRITES: dict[str, Write] = {
    "assessments:start": Write(
        lambda w: {"team": [w.staff["psychologist"].pk], "occasion": ""},
        target=_case("accepted"),
    ),
    "assessments:edit": Write(
        lambda w: {"revision": _draft_revision(w), "needs": "Нужда от подкрепа", "action": "save"},
        target=_case("assessment"),
    ),
    "assessments:team": Write(
        lambda w: {"team": [w.staff["social_worker"].pk]}, target=_case("assessment")
    ),
    "assessments:add_request": Write(
        lambda w: {
            "addressee_kind": AddresseeKind.SCHOOL,
            "addressee": "ДГ „Слънце“",
            "question": "Как се адаптира детето?",
            "due_on": day(10),
        },
        target=_case("assessment"),
    ),
    "assessments:reply": Write(
        lambda w: {
            "request": w.information_requests["open"].pk,
            "replied_on": day(),
            "reply": "Редовно посещава.",
        },
        target=_case("assessment"),
    ),
    "assessments:general_new": Write(
        lambda w: {"services": ["general_info"], "note": ""},
        target=lambda w: {"person_id": w.stranger.pk},
    ),
    "assessments:general_close": Write(
        lambda w: {"note": "Получи информация."}, target=_case("consultation")
    ),
    "assessments:general_refer": Write(
        lambda w: {"note": "Нужна е терапия."}, target=_case("consultation")
    ),
}


def _planned_session(w: World) -> dict[str, int]:
    return {"session_id": w.sessions["planned"].pk}


_CONSULTATION_WRITES: dict[str, Write] = {
    "consultations:log": Write(lambda w: session_fields(w, mode="log"), target=_case("working")),
    "consultations:plan": Write(
        lambda w: session_fields(w, mode="plan", date=day(1), start_time="10:00"),
        target=_case("working"),
    ),
    "consultations:edit": Write(
        lambda w: session_fields(w, mode="plan", start_time="16:00"),
        target=_planned_session,
    ),
    "consultations:hold": Write(
        lambda w: session_fields(w, mode="log", start_time="15:00"),
        target=_planned_session,
    ),
    "consultations:cancel": Write(
        lambda w: {"reason": "Детето е болно."},
        target=_planned_session,
    ),
    "consultations:no_show": Write(
        lambda w: {"note": "Майката не вдига телефона."},
        target=_planned_session,
    ),
}


def _review(w: World) -> dict[str, int]:
    return {"review_id": w.reviews["in_progress"].pk}


def _report(w: World) -> dict[str, int]:
    return {"report_id": w.reports["due"].pk}


_REVIEW_AND_CLOSURE_WRITES: dict[str, Write] = {
    "reviews:start": Write(lambda w: {"kind": ReviewKind.SCHEDULED}, target=_case("working")),
    "reviews:record": Write(lambda w: {"held_on": day()}, target=_review),
    "reviews:complete": Write(
        lambda w: {
            "held_on": day(),
            "child_view": "Харесва ми.",
            "decisions": "Продължаваме.",
            "next_review_on": add_months(timezone.localdate(), 6).strftime("%d.%m.%Y"),
            **_goals("under_review", Progress.IN_PROGRESS)(w),
        },
        target=_review,
    ),
    "closure:propose": Write(
        lambda w: {
            "reason": ClosureReason.GOALS_ACHIEVED,
            "final_assessment": "Целите са постигнати.",
            **_goals("working", GoalResult.ACHIEVED)(w),
        },
        target=_case("working"),
    ),
    "closure:approve": Write(lambda w: {"comment": ""}, target=_case("closing")),
    "closure:return_closure": Write(
        lambda w: {"comment": "Допълнете оценката."}, target=_case("closing")
    ),
    "closure:start_follow_up": Write(lambda w: {"follow_up_on": day(30)}, target=_case("closed")),
    "closure:record_follow_up": Write(
        lambda w: {"contacted_on": day(), "note": "Добре са.", "outcome": FollowUpOutcome.CLOSED},
        target=_case("following"),
    ),
    "closure:reopen": Write(
        lambda w: {"reason": "Нов сигнал от училището."}, target=_case("closed")
    ),
    "closure:add_report": Write(
        lambda w: {"kind": ReportKind.NEW_RISK, "due_on": day()}, target=_case("working")
    ),
    "closure:edit_report": Write(
        lambda w: {"due_on": day(10), "progress": "Напредък."}, target=_report
    ),
    "closure:send_report": Write(
        lambda w: {"sent_on": day(), "channel": Channel.EMAIL, "reference_number": "12/2026"},
        target=_report,
    ),
    "closure:cancel_report": Write(lambda w: {"reason": "ОЗД прекрати мярката."}, target=_report),
}


def _fostering_write(name: str) -> Write:
    """A write of tests/fostering/records.py FOSTERING_WRITES, on the world's fostering records."""
    write = FOSTERING_WRITES[name]
    target = (lambda w: write.target(w.fostering)) if write.target else None
    return Write(lambda w: write.data(w.fostering), target=target)


def _programme(label: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {"programme_id": w.groups.programmes[label].pk}


def _group_session(label: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {"group_session_id": w.groups.sessions[label].pk}


def _participant(label: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {"participant_id": w.groups.participants[label].pk}


def programme_fields(w: World, **overrides) -> dict:
    values = {
        "kind": "parenting",
        "title": "Училище за родители – есен",
        "facilitators": [w.staff["psychologist"].pk],
        "starts_on": day(-10),
        "ends_on": day(40),
        "planned_hours": "12",
        "completion_percent": "80",
        "place": "Зала 2",
    }
    values.update(overrides)
    return values


def _all_present(w: World) -> dict:
    return {f"p{p.pk}": "present" for p in participants_for(w.groups.sessions["today"])}


_GROUP_WRITES: dict[str, Write] = {
    "groups:new": Write(lambda w: programme_fields(w)),
    "groups:edit": Write(
        lambda w: programme_fields(w, kind="independent_living", starts_on=day(-30)),
        target=_programme("running"),
    ),
    "groups:finish": Write(lambda w: {}, target=_programme("running")),
    "groups:add_session": Write(
        lambda w: {"date": day(-1), "start_time": "16:00", "end_time": "18:00", "topic": "Пари"},
        target=_programme("running"),
    ),
    "groups:enrol": Write(lambda w: {"person": w.stranger.pk}, target=_programme("running")),
    "groups:issue_certificates": Write(lambda w: {}, target=_programme("finished")),
    "groups:session": Write(_all_present, target=_group_session("today")),
    "groups:edit_session": Write(
        lambda w: {"date": day(), "start_time": "15:00", "end_time": "17:30", "topic": "Документи"},
        target=_group_session("today"),
    ),
    "groups:session_note": Write(
        lambda w: {"facilitator_note": "Групата работи добре."}, target=_group_session("today")
    ),
    "groups:add_note": Write(
        lambda w: {"text": "Помага на другите.", "sensitivity": "team"},
        target=_participant("regular"),
    ),
    "groups:withdraw": Write(
        lambda w: {"left_on": day(), "reason": "Започна работа."}, target=_participant("absent")
    ),
    "groups:certificate": Write(lambda w: {}, target=_participant("completed")),
}

# Privacy. The exports themselves are pages: their POST answers with the password, not a redirect.
_PRIVACY_WRITES: dict[str, Write] = {
    "privacy:policies": Write(
        lambda w: {
            "closed_cases": "10",
            "refused_referrals": "2",
            "general_consultations": "3",
            "audit_entries": "10",
        }
    ),
    "privacy:add_hold": Write(
        lambda w: {"case_number": w.cases["refused"].number, "reason": "Проверка на АКСУ № 12"}
    ),
    "privacy:lift_hold": Write(
        lambda w: {"reason": "Делото приключи."},
        target=lambda w: {"hold_id": w.holds["active"].pk},
    ),
}

# Attachments: the working case's (the psychologist leads it) and a file kept with its child.
_ATTACHMENT_WRITES: dict[str, Write] = {
    "attachments:add_to_case": Write(lambda w: upload_fields(), target=_case("working")),
    "attachments:add_to_person": Write(
        lambda w: upload_fields(),
        target=lambda w: {"person_id": w.cases["working"].primary_person_id},
    ),
    "attachments:edit": Write(
        lambda w: description_fields(),
        target=lambda w: {"attachment_id": w.attachments["case"].pk},
    ),
    "attachments:remove": Write(
        lambda w: {"reason": "Прикачен по погрешка към този случай."},
        target=lambda w: {"attachment_id": w.attachments["case"].pk},
    ),
}

WRITES: dict[str, Write] = {
    **_CASES_WRITES,
    **_ASSESSMENT_WRITES,
    **{name: _plan_write(name) for name in PLAN_WRITES},
    **_CONSULTATION_WRITES,
    **_REVIEW_AND_CLOSURE_WRITES,
    **_PRIVACY_WRITES,
    **_GROUP_WRITES,
    **{name: _fostering_write(name) for name in FOSTERING_WRITES},
    **{name: Write(data, query=query) for name, (data, query) in STATUTORY_WRITES.items()},
    **{name: Write(data, query=query) for name, (data, query) in REPORTING_WRITES.items()},
    **_ATTACHMENT_WRITES,
    **{name: Write(data, query=query) for name, (data, query) in DOCUMENT_WRITES.items()},
}

# Writes with no page of their own: a GET on them is a 405 for whoever may make them.
POST_ONLY = frozenset(
    {
        "cases:accept",
        "cases:waitlist",
        "cases:refuse",
        "cases:leave_waiting_list",
        "cases:assign",
        "cases:add_team",
        "cases:add_person",
        "tasks:complete",
        "cases:request_access",
        "cases:grant_access",
        "cases:refuse_access",
        "cases:revoke_access",
        "staff:reset_two_factor",
        "privacy:policies",
        "privacy:lift_hold",
        *set(PLAN_WRITES) - PLAN_PAGES,
        *FOSTERING_POST_ONLY,
        *STATUTORY_POST_ONLY,
        *REPORTING_POST_ONLY,
        "consultations:cancel",
        "consultations:no_show",
        "reviews:start",
        "reviews:record",
        "reviews:complete",
        *(name for name in _REVIEW_AND_CLOSURE_WRITES if name.startswith("closure:")),
        "groups:finish",
        "groups:issue_certificates",
        "groups:session_note",
        "groups:add_note",
        "groups:withdraw",
        "attachments:remove",
    }
)


def check_known(routes: list[StaffRoute]) -> list[str]:
    """Problems that keep a route out of the tests: unknown name, keyword or converter."""
    problems = []
    for route in routes:
        if route.name not in PAGES and route.name not in WRITES:
            problems.append(f"{route.name} ({route.route}): not in PAGES or WRITES")
        for converter, name in route.parameters:
            if name == "centre":
                if converter != "slug":
                    problems.append(f"{route.name}: centre is <{converter}:centre>")
            elif name not in OBJECT_KWARGS or converter != "int":
                problems.append(f"{route.name}: cannot fill <{converter}:{name}>")
    names = {route.name for route in routes}
    for name in sorted((PAGES | set(WRITES)) - names):
        problems.append(f"{name}: listed here but no such route")
    for name in sorted(POST_ONLY - set(WRITES)):
        problems.append(f"{name}: POST-only but no write for it")
    return problems


def _write_target(name: str, world: World) -> dict[str, int]:
    write = WRITES.get(name)
    if write is None or write.target is None:
        return {}
    try:
        return write.target(world)
    except (KeyError, AttributeError):  # the world lacks that record (Хасково has no plan records)
        return {}


def post_data(route: StaffRoute, world: World) -> dict:
    write = WRITES.get(route.name)
    return write.data(world) if write else {}


def with_query(route: StaffRoute, url: str) -> str:
    write = WRITES.get(route.name)
    return f"{url}?{write.query}" if write and write.query else url
