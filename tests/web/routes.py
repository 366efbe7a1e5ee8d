"""Every staff route under /c/<centre>/, read from the URL resolver, and a write each one accepts.

The tests walk the resolver instead of a hand-written list of URLs, so a view added later is
covered at once; `check_known` fails for a route that this module cannot fill in or post to, so
the new view cannot slip in without its tenant, role and login tests.
"""

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from opora.cases.enums import CasePersonRole, ClosureReason, RefusalGround
from opora.people.enums import IdentifierType, RelationKind, Sex
from opora.referrals.enums import SourceType
from tests.web.world import CHILD_EGN, World

CENTRE_PREFIX = "c/<slug:centre>/"
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# The kind of object each URL keyword names; World.ids() gives the real ids of that kind.
OBJECT_KWARGS = frozenset({"case_id", "person_id", "task_id", "membership_id"})


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

    def url(self, slug: str, **ids: int) -> str:
        def value(match: re.Match) -> str:
            return slug if match["name"] == "centre" else str(ids[match["name"]])

        return "/" + _PARAMETER.sub(value, self.route)

    def urls(self, slug: str, world: World) -> Iterator[str]:
        """The route with every combination of the world's real ids for its object keywords."""
        names = self.object_kwargs
        for values in itertools.product(*(world.ids(name) for name in names)):
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
        "people:search",
        "people:detail",
        "cases:list",
        "cases:waiting_list",
        "cases:detail",
        "tasks:list",
        "staff:list",
    }
)


@dataclass(frozen=True)
class Write:
    data: Callable[[World], dict]
    query: str = ""
    # The object of the world the centre's manager can make this write on.
    target: Callable[[World], dict[str, int]] | None = None


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
    "capacity": "4",
    "settings-assessment_deadline": "20",
    "settings-assessment_deadline_count": "calendar",
    "settings-review_interval_months": "6",
    "settings-general_access_limit_months": "2",
    "settings-referrer_report_interval_months": "3",
    "settings-notification_deadline_hours": "24",
    "settings-follow_up_months": "3",
    "settings-workload_standard": "12",
}


def _case(label: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {"case_id": w.cases[label].pk}


WRITES: dict[str, Write] = {
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
    "cases:close": Write(
        lambda w: {"reason": ClosureReason.GOALS_ACHIEVED, "note": ""}, target=_case("active")
    ),
    "cases:assign": Write(
        lambda w: {"case_manager": w.staff["social_worker"].pk}, target=_case("active")
    ),
    "cases:add_team": Write(
        lambda w: {"user": w.staff["social_worker"].pk}, target=_case("active")
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
}


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
    return problems


def post_data(route: StaffRoute, world: World) -> dict:
    write = WRITES.get(route.name)
    return write.data(world) if write else {}


def with_query(route: StaffRoute, url: str) -> str:
    write = WRITES.get(route.name)
    return f"{url}?{write.query}" if write and write.query else url
