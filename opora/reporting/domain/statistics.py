"""Statistical report of a centre, or of several centres summed (a roll-up), for a period.

How things are counted (the same text is on the report page, „Как се броят“, and is stored with
every submitted report):

- The period runs from its first to its last day, **both included**.
- **Users** of the period: every case that held one of the centre's places at some moment of the
  period (a specialised service: from admission to the ИОП until it left the occupying statuses),
  plus every general-access consultation open at some moment of it. A case counts **once**,
  however many statuses it passed, and also if it was closed in the period.
- Breakdowns of the users by **age band, sex, referral source, track, duration class and closure
  reason** give each user exactly one value, so each of them **sums to the total**. Age is in full
  years on the last day of the period, or on the day of closure if the case was closed earlier;
  bands 0–3 (under 3), 3–7, 7–14, 14–18, 18+. The referral source is that of the case's first
  referral; the duration class that of the ИПП version in force at the end of the period; the
  closure reason that of a case closed by the end of the period („не е приключен“ otherwise).
- **Target group** and **service** are multi-valued: a case with two groups counts in both, so
  each row is at most the total and the rows may add up to more.
- **Activity** counts events dated in the period: case files registered, cases admitted to the
  service (into ИОП), cases closed (each once), ИОП completed (the case's first or an update),
  ИПП versions approved (the case's first or an update), contracts signed, annexes signed,
  plan reviews held, sessions held by kind (cancelled and missed ones are not counted).
- **Waiting list**: entries made in the period, cases admitted from it in the period with their
  average wait in days (from entry to admission), and the cases still waiting at the end of the
  period's last day.
- A roll-up is the sum of the centres' figures. In it, a count from 1 to the threshold minus one
  shows as „< N“; if that would leave only one such cell in a table, the next smallest is hidden too
  (the same across municipalities), so no child can be identified.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction

from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus, ClosureReason, Track
from opora.centres.enums import Service, TargetGroup
from opora.centres.models import Centre
from opora.consultations.enums import SessionKind
from opora.people.enums import Sex
from opora.plans.enums import DurationClass
from opora.referrals.enums import SourceType
from opora.reporting.domain import counting
from opora.reporting.domain.periods import Period
from opora.reporting.domain.scope import Scope
from opora.reporting.domain.suppression import suppress

DEFINITION_VERSION = 1
USER_STATUSES = frozenset(OCCUPYING_STATUSES | {CaseStatus.CONSULTATION_OPEN})

SINGLE, MULTI, LIST = "single", "multi", "list"
AGE_BANDS = (
    (0, 3, "0–3 г."),
    (3, 7, "3–7 г."),
    (7, 14, "7–14 г."),
    (14, 18, "14–18 г."),
    (18, 200, "18+ г."),
)
UNKNOWN_AGE = "неизвестна възраст"
NO_REFERRAL = "без насочване"
NO_PLAN = "без одобрен ИПП"
NOT_CLOSED = "не е приключен"
REFUSED = "отказ (чл. 78, ал. 5 ЗСУ)"
CONSULTATION_ENDED = "приключена общодостъпна консултация"


@dataclass
class Table:
    key: str
    title: str
    kind: str  # SINGLE: sums to the total; MULTI: each row ≤ total; LIST: independent counts
    rows: list[list]  # [label, count]
    total: int | str | None = None
    note: str = ""
    averages: dict[int, int] = field(default_factory=dict)  # row of an average -> row of its count

    def as_json(self) -> dict:
        return {
            "key": self.key, "title": self.title, "kind": self.kind, "note": self.note,
            "rows": [{"label": label, "count": count} for label, count in self.rows],
            "total": self.total,
        }  # fmt: skip


@dataclass
class Group:
    label: str
    centres: int
    tables: list[Table] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "centres": self.centres,
            "tables": [table.as_json() for table in self.tables],
        }


@dataclass
class Statistics:
    scope: Scope
    period: Period
    total: Group
    groups: list[Group]

    def as_json(self) -> dict:
        return {
            "scope": self.scope.label,
            "rollup": self.scope.rollup,
            "period": self.period.as_json(),
            "total": self.total.as_json(),
            "groups": [group.as_json() for group in self.groups],
        }


def centre_statistics(scope: Scope, period: Period, *, threshold: int | None = None) -> Statistics:
    """The figures of the scope's centres for the period; suppressed when the scope is a roll-up."""
    centres = list(Centre.objects.filter(pk__in=scope.centre_ids).values_list("pk", "municipality"))
    with transaction.atomic(), without_jit():
        raw = _RawFigures.count([pk for pk, _m in centres], period)
    per_centre = _PerCentre()
    total = _group(raw, "Общо", [pk for pk, _m in centres], per_centre)
    groups = []
    if scope.rollup:
        for municipality, ids in _by_municipality(centres).items():
            groups.append(_group(raw, f"Община {municipality}", ids, per_centre))
        suppress([total, *groups], threshold=threshold)
    return Statistics(scope=scope, period=period, total=total, groups=groups)


def compute_figures(scope: Scope, period: Period) -> dict:
    """The registered compute of the "statistics" report (figures as shown and submitted)."""
    return centre_statistics(scope, period).as_json()


@contextmanager
def without_jit():
    """PostgreSQL would spend longer compiling these one-off aggregates (JIT) than running them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
    yield


def _by_municipality(centres: list[tuple[int, str]]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = {}
    for pk, municipality in sorted(centres, key=lambda item: item[1]):
        grouped.setdefault(municipality, []).append(pk)
    return grouped


@dataclass
class _RawFigures:
    """Per (centre_id, value) counts of every table, from one grouped query each."""

    users: Counter
    by: dict[str, Counter]
    activity: dict[str, Counter]
    sessions: Counter
    waiting: counting.Waiting

    @classmethod
    def count(cls, centre_ids: list[int], period: Period) -> "_RawFigures":
        users = counting.user_rows(centre_ids, period, USER_STATUSES)
        rows = users.rows
        by = {key: Counter((row.centre_id, value(row, period)) for row in rows)
              for key, value in _SINGLE_VALUES.items()}  # fmt: skip
        by["target_group"] = counting.target_groups(users)
        by["service"] = counting.services(users)
        return cls(Counter((row.centre_id, "") for row in rows), by, _activity(centre_ids, period), counting.sessions(centre_ids, period),
                   counting.waiting_list(centre_ids, period))  # fmt: skip


def _activity(centre_ids: list[int], period: Period) -> dict[str, Counter]:
    new = counting.new_cases(centre_ids, period)
    plans, done = counting.plans(centre_ids, period), counting.assessments(centre_ids, period)
    return {
        "Нови случаи (регистрирани преписки)": _all(new),
        "– от тях за специализирана услуга": _only(new, Track.SPECIALISED),
        "– от тях общодостъпни консултации": _only(new, Track.GENERAL),
        "Приети в услугата (започната оценка)": counting.admitted(centre_ids, period),
        "Приключени случаи и консултации": counting.closed(centre_ids, period),
        "ИОП – първоначални": _only(done, "first"),
        "ИОП – актуализирани": _only(done, "update"),
        "ИПП – първи одобрени": _only(plans, "first"),
        "ИПП – актуализирани (нова версия)": _only(plans, "update"),
        "Подписани договори": counting.contracts(centre_ids, period),
        "Подписани анекси към договори": counting.annexes(centre_ids, period),
        "Проведени прегледи на ИПП": counting.reviews(centre_ids, period),
    }


def _all(counts: Counter) -> Counter:
    summed: Counter = Counter()
    for (centre_id, _value), n in counts.items():
        summed[(centre_id, "")] += n
    return summed


def _only(counts: Counter, value: str) -> Counter:
    return Counter({(c, ""): n for (c, v), n in counts.items() if v == value})


class _PerCentre:
    """Each (centre, value) counter regrouped once by centre, so a group sums only its centres."""

    def __init__(self):
        self._split: dict[int, dict[int, Counter]] = {}

    def values_of(self, counts: Counter, centre_ids: list[int]) -> Counter:
        if id(counts) not in self._split:
            split: dict[int, Counter] = {}
            for (centre_id, value), n in counts.items():
                split.setdefault(centre_id, Counter())[value] += n
            self._split[id(counts)] = split
        summed: Counter = Counter()
        for centre_id in centre_ids:
            summed.update(self._split[id(counts)].get(centre_id, {}))
        return summed


def _group(raw: _RawFigures, label: str, centre_ids: list[int], per_centre: _PerCentre) -> Group:
    ids = list(centre_ids)
    summed: dict[int, Counter] = {}

    def total_of(counts: Counter, value=None) -> int:
        if id(counts) not in summed:
            summed[id(counts)] = per_centre.values_of(counts, ids)
        values = summed[id(counts)]
        return values[value] if value is not None else sum(values.values())

    users = total_of(raw.users)
    tables = [
        _table(key, title, kind, labels, raw.by[key], total_of, users)
        for key, title, kind, labels in _USER_TABLES
    ]
    tables.append(_activity_table(raw.activity, total_of))
    sessions = _table("sessions", "Проведени срещи по вид", SINGLE, _choices(SessionKind),
                      raw.sessions, total_of, total_of(raw.sessions))  # fmt: skip
    sessions.note = "Всяка среща е в точно един ред: редовете се сумират до общия брой."
    tables.append(sessions)
    tables.append(_waiting_table(raw.waiting, total_of))
    return Group(label=label, centres=len(ids), tables=tables)


def _table(key, title, kind, labels, counts, total_of, total) -> Table:
    rows = [[text, total_of(counts, value)] for value, text in labels]
    return Table(key=key, title=title, kind=kind, rows=rows, total=total, note=_NOTES.get(kind, ""))


def _activity_table(activity: dict[str, Counter], total_of) -> Table:
    rows = [[label, total_of(counts)] for label, counts in activity.items()]
    return Table(key="activity", title="Дейност през периода", kind=LIST, rows=rows)


def _waiting_table(waiting: counting.Waiting, total_of) -> Table:
    admitted = total_of(waiting.admitted)
    average = round(total_of(waiting.wait_days) / admitted) if admitted else 0
    rows = [
        ["Вписани в списъка през периода", total_of(waiting.entered)],
        ["Приети от списъка през периода", admitted],
        ["Чакащи в края на периода", total_of(waiting.waiting_at_end)],
        ["Средно чакане на приетите (дни)", average],
    ]
    return Table(
        key="waiting_list", title="Списък на чакащите", kind=LIST, rows=rows, averages={3: 1}
    )


def _choices(choices) -> list[tuple[str, str]]:
    return [(value, label) for value, label in choices.choices]


def _age_band(row: counting.UserRow, period: Period) -> str:
    if row.birth_date is None:
        return UNKNOWN_AGE
    on = row.closed_on if row.closed_on and row.closed_on < period.end else period.end
    years = age_on(row.birth_date, on)
    return next((label for low, high, label in AGE_BANDS if low <= years < high), UNKNOWN_AGE)


def age_on(born: date, day: date) -> int:
    """Full years of age on `day` (born on 29 February: a year older on 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _closure(row: counting.UserRow, _period: Period) -> str:
    if row.closed_on is None:
        return NOT_CLOSED
    if row.closure_reason:
        return row.closure_reason
    if row.refusal_ground:
        return REFUSED
    return CONSULTATION_ENDED


_SINGLE_VALUES: dict[str, Callable[[counting.UserRow, Period], str]] = {
    "track": lambda row, _p: row.track,
    "age_band": _age_band,
    "sex": lambda row, _p: row.sex or Sex.UNKNOWN,
    "referral_source": lambda row, _p: row.source or NO_REFERRAL,
    "duration_class": lambda row, _p: row.duration_class or NO_PLAN,
    "closure_reason": _closure,
}


def _labelled(values: Iterable[str]) -> list[tuple[str, str]]:
    return [(value, value) for value in values]


_USER_TABLES = (
    ("track", "Потребители по вид услуга", SINGLE, _choices(Track)),
    ("age_band", "Потребители по възраст", SINGLE,
     _labelled([label for _l, _h, label in AGE_BANDS] + [UNKNOWN_AGE])),
    ("sex", "Потребители по пол", SINGLE, _choices(Sex)),
    ("referral_source", "Потребители по източник на насочване", SINGLE,
     [*_choices(SourceType), (NO_REFERRAL, NO_REFERRAL)]),
    ("duration_class", "Потребители по продължителност на подкрепата (ИПП)", SINGLE,
     [*_choices(DurationClass), (NO_PLAN, NO_PLAN)]),
    ("closure_reason", "Потребители по причина за приключване", SINGLE,
     [*_choices(ClosureReason), (REFUSED, REFUSED), (CONSULTATION_ENDED, CONSULTATION_ENDED),
      (NOT_CLOSED, NOT_CLOSED)]),
    ("target_group", "Потребители по целева група", MULTI, _choices(TargetGroup)),
    ("service", "Потребители по услуга", MULTI, _choices(Service)),
)  # fmt: skip

_NOTES = {
    SINGLE: "Всеки потребител е в точно един ред: редовете се сумират до общия брой.",
    MULTI: "Един потребител може да е в няколко реда: редовете не се сумират до общия брой.",
}

STATISTICS_TITLE = "Статистически отчет"


def register() -> None:
    """Make the report available to snapshots (called once from the app's ready())."""
    from opora.reporting.definitions import STATISTICS_DEFINITION
    from opora.reporting.domain.snapshots import register_report

    register_report(
        "statistics", title=STATISTICS_TITLE, version=DEFINITION_VERSION,
        definition=STATISTICS_DEFINITION, compute=compute_figures,
    )  # fmt: skip
