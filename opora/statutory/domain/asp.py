"""Данни за ИИС на АСП (ЗСУ чл. 86, ал. 1): activities, staff, users, contracts, waiting list.

The workbook has one sheet per kind of data; the users sheet carries names and ЕГН/ЛНЧ, so the
file leaves Opora only encrypted (privacy.exports) and only the counts go into a snapshot. Each
sheet is a handful of queries over the whole centre, never one query per case.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.cases.domain.history import stays
from opora.cases.enums import CaseStatus, Track
from opora.cases.models import Case, CaseService, StatusChange, WaitingListEntry
from opora.centres.enums import Service
from opora.centres.models import Centre
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.plans.enums import ContractStatus
from opora.plans.models import Contract
from opora.reporting.domain.periods import Period

Row = list


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class AspData:
    centre: Centre
    period: Period
    sheets: list[Sheet]
    # Counts without names, for the snapshot.
    summary: dict

    def sheet(self, key: str) -> Sheet:
        return next(sheet for sheet in self.sheets if sheet.key == key)


def asp_data(centre: Centre, period: Period) -> AspData:
    users, case_ids = _users(centre, period)
    activities, activity_summary = _activities(centre, period, case_ids)
    sheets = [
        activities,
        _staff(centre, period),
        users,
        _contracts(centre, period),
        _waiting_list(centre, period),
    ]
    summary = {
        "counts": {sheet.key: sheet.count for sheet in sheets},
        **activity_summary,
        "staff_by_role": dict(Counter(row[1] for row in sheets[1].rows)),
        "users_by_track": dict(Counter(row[5] for row in users.rows)),
        "contracts_by_status": dict(Counter(row[6] for row in sheets[3].rows)),
    }
    return AspData(centre=centre, period=period, sheets=sheets, summary=summary)


def _users(centre: Centre, period: Period) -> tuple[Sheet, list[int]]:
    """Who used a service in the period: a place held at some moment, or general-access work."""
    spans: dict[int, tuple[date, date | None]] = {}
    for stay in stays([centre.pk], until=period.end):
        if stay.overlaps(period.start, period.end):
            first, last = spans.get(stay.case_id, (stay.entered_on, stay.left_on))
            left = None if None in (last, stay.left_on) else max(last, stay.left_on)
            spans[stay.case_id] = (min(first, stay.entered_on), left)
    for case_id, span in _consultation_spans(centre, period).items():
        spans.setdefault(case_id, span)
    cases = (
        Case.objects.filter(centre=centre, pk__in=list(spans))
        .select_related("primary_person")
        .order_by("number")
    )
    services = _services_of(spans)
    rows = []
    for case in cases:
        person = case.primary_person
        admitted, left = spans[case.pk]
        rows.append([
            case.number, person.full_name, person.identifier or "", person.birth_date,
            "; ".join(services.get(case.pk, [])), case.get_track_display(), admitted, left,
        ])  # fmt: skip
    sheet = Sheet(
        "users", "Потребители",
        ["Случай №", "Име", "ЕГН/ЛНЧ", "Дата на раждане", "Услуга", "Вид услуга", "Приет на",
         "Приключил на"],
        rows,
    )  # fmt: skip
    return sheet, list(spans)


def _consultation_spans(centre: Centre, period: Period) -> dict[int, tuple[date, date | None]]:
    """General-access episodes open at some moment of the period, from the status history."""
    changes = (
        StatusChange.objects.filter(
            case__centre=centre, case__track=Track.GENERAL, changed_at__lt=period.moment_after()
        )
        .order_by("case_id", "changed_at", "id")
        .values_list("case_id", "to_status", "changed_at")
    )
    spans: dict[int, tuple[date, date | None]] = {}
    open_since: dict[int, date] = {}
    for case_id, status, changed_at in changes:
        day = timezone.localdate(changed_at)
        if status == CaseStatus.CONSULTATION_OPEN:
            open_since.setdefault(case_id, day)
        elif case_id in open_since:
            opened = open_since.pop(case_id)
            if day >= period.start:
                spans[case_id] = (spans.get(case_id, (opened, None))[0], day)
    for case_id, opened in open_since.items():
        spans[case_id] = (spans.get(case_id, (opened, None))[0], None)
    return spans


def _services_of(case_ids) -> dict[int, list[str]]:
    result: dict[int, list[str]] = defaultdict(list)
    rows = CaseService.objects.filter(case_id__in=list(case_ids)).order_by("service")
    for case_id, code in rows.values_list("case_id", "service"):
        result[case_id].append(_service_label(code))
    return result


def _activities(centre: Centre, period: Period, case_ids: list[int]) -> tuple[Sheet, dict]:
    """Users per service, then sessions per kind: held, missed, and how many cases they reached."""
    per_service = (
        CaseService.objects.filter(case__centre=centre, case_id__in=case_ids)
        .values("service")
        .annotate(cases=Count("case_id", distinct=True))
        .order_by("service")
    )
    per_kind = (
        Session.objects.filter(centre=centre, date__gte=period.start, date__lte=period.end)
        .values("kind")
        .annotate(
            held=Count("pk", filter=Q(status=SessionStatus.HELD)),
            no_show=Count("pk", filter=Q(status=SessionStatus.NO_SHOW)),
            cases=Count("case_id", filter=Q(status=SessionStatus.HELD), distinct=True),
        )
        .order_by("kind")
    )
    rows: list[Row] = [
        ["Услуга", _service_label(row["service"]), row["cases"], None, None] for row in per_service
    ]
    kinds = list(per_kind)
    rows += [
        ["Дейност", _kind_label(row["kind"]), row["cases"], row["held"], row["no_show"]]
        for row in kinds
    ]
    summary = {
        "users_by_service": {row["service"]: row["cases"] for row in per_service},
        "sessions_by_kind": {row["kind"]: row["held"] for row in kinds},
        "no_shows": sum(row["no_show"] for row in kinds),
    }
    sheet = Sheet(
        "activities", "Дейности",
        ["Вид", "Наименование", "Потребители", "Проведени", "Неявявания"], rows,
    )  # fmt: skip
    return sheet, summary


def _staff(centre: Centre, period: Period) -> Sheet:
    """Members of the centre who were on its staff by the end of the period."""
    order = {role: index for index, role in enumerate(Role.values)}
    memberships = sorted(
        Membership.objects.filter(centre=centre, created_at__lt=period.moment_after())
        .select_related("user")
        .order_by("user__last_name", "user__first_name"),
        key=lambda m: order.get(m.role, len(order)),
    )
    rows = [
        [m.user.get_full_name() or m.user.username, m.get_role_display(), _day(m.created_at),
         "да" if m.is_active else "не"]
        for m in memberships
    ]  # fmt: skip
    return Sheet("staff", "Персонал", ["Име", "Длъжност", "В екипа от", "Активен"], rows)


def _contracts(centre: Centre, period: Period) -> Sheet:
    """Contracts signed by the end of the period and in force at some day of it."""
    contracts = (
        Contract.objects.filter(
            Q(terminated_on__isnull=True) | Q(terminated_on__gte=period.start),
            centre=centre, signed_on__isnull=False, signed_on__lte=period.end,
            end_on__gte=period.start,
        )
        .exclude(status=ContractStatus.DRAFT)
        .select_related("case")
        .prefetch_related("annexes")
        .order_by("signed_on", "number")
    )  # fmt: skip
    rows = []
    for contract in contracts:
        annexes = "; ".join(
            f"{annex.get_kind_display()} от {annex.signed_on:%d.%m.%Y}"
            for annex in contract.annexes.all()
        )
        rows.append([
            contract.number, contract.signed_on, contract.case.number, contract.start_on,
            contract.end_on, annexes, contract.get_status_display(), contract.terminated_on,
        ])  # fmt: skip
    return Sheet(
        "contracts", "Договори",
        ["Номер", "Подписан на", "Случай №", "Начало", "Край", "Анекси", "Статус",
         "Прекратен на"],
        rows,
    )  # fmt: skip


def _waiting_list(centre: Centre, period: Period) -> Sheet:
    """Entries on the list at some moment of the period (ЗСУ чл. 79)."""
    entries = (
        WaitingListEntry.objects.filter(
            Q(left_at__isnull=True) | Q(left_at__gte=period.first_moment()),
            centre=centre, entered_at__lt=period.moment_after(),
        )
        .select_related("case__primary_person")
        .order_by("entered_at", "pk")
    )  # fmt: skip
    rows = [
        [entry.case.number, entry.case.primary_person.full_name, entry.entered_at,
         "да" if entry.priority else "не", entry.left_at, entry.left_reason]
        for entry in entries
    ]  # fmt: skip
    return Sheet(
        "waiting", "Списък на чакащите",
        ["Случай №", "Име", "Вписан на", "Спешен", "Изписан на", "Причина"], rows,
    )  # fmt: skip


def _day(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def _service_label(code: str) -> str:
    return Service(code).label if code in Service.values else code


def _kind_label(code: str) -> str:
    return SessionKind(code).label if code in SessionKind.values else code
