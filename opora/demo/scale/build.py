"""One generated centre: its staff, its cases with everything they hold, its session log."""

import math
from dataclasses import dataclass, replace
from datetime import date, datetime
from random import Random

from opora.accounts.enums import Role
from opora.audit import chain
from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus
from opora.centres.enums import Service, TargetGroup
from opora.demo import names
from opora.demo.numbering import year_sequence
from opora.demo.scale.casefile import CaseFile, Staff
from opora.demo.scale.families import FamilyMaker
from opora.demo.scale.identity import Identifiers
from opora.demo.scale.sessions import write_sessions
from opora.demo.scale.stories import draw_story
from opora.demo.scale.tables import AUDIT_COLUMNS, HAS_CHAIN, Tables
from opora.demo.scale.writer import Writer

TOWNS = (
    "Самоков", "Ботевград", "Карлово", "Велинград", "Айтос", "Нова Загора", "Петрич", "Свищов",
    "Дупница", "Севлиево", "Панагюрище", "Троян", "Лом", "Раднево", "Попово", "Омуртаг",
    "Асеновград", "Казанлък", "Гоце Делчев", "Горна Оряховица", "Кърджали", "Смолян", "Разград",
    "Търговище", "Силистра", "Видин", "Монтана", "Враца", "Ловеч", "Габрово", "Ямбол", "Сливен",
)  # fmt: skip
WORKLOAD = 12  # cases per specialist (the centres' default workload standard)
CHILD_SHARE = 0.8


class Ids:
    """Running ids per kind of row, starting after what the database already holds."""

    def __init__(self, starts: dict[str, int]):
        self.next = dict(starts)

    def take(self, kind: str) -> int:
        value = self.next[kind]
        self.next[kind] = value + 1
        return value


@dataclass(frozen=True)
class Quota:
    number: int
    persons: int
    cases: int
    sessions: int


class AuditTrail:
    """Audit rows with ids in the order written; the hash chain (opora.audit.chain) follows it."""

    def __init__(self, writer: Writer, tables: Tables, ids: Ids):
        self.writer, self.tables, self.ids = writer, tables, ids
        self.prev_hash = chain.last_hash() if HAS_CHAIN else ""

    def add(self, at, actor: Staff, action, object_type, object_id, text, changes, centre_id,
            case_id):  # fmt: skip
        row = (self.ids.take("audit"), at, actor.id, actor.audit_name, centre_id, action,
               object_type, str(object_id), text, changes)  # fmt: skip
        if HAS_CHAIN:
            values = dict(zip(AUDIT_COLUMNS, row, strict=True))
            values.update(case_id_copy=case_id, ip_address=None, prev_hash=self.prev_hash)
            digest = chain.entry_hash(values)
            row += (case_id, self.prev_hash, digest)
            self.prev_hash = digest
        self.writer.add(self.tables.audit, row)


class CentreContext:
    def __init__(self, *, quota: Quota, seed: int, now: datetime, today: date, years: float,
                 writer: Writer, tables: Tables, ids: Ids, trail: AuditTrail, password: str):  # fmt: skip
        self.quota, self.now, self.today, self.years = quota, now, today, years
        self.writer, self.tables, self.ids, self.trail = writer, tables, ids, trail
        self.password = password
        self.rng = Random(f"{seed}-{quota.number}")
        self.town = self.rng.choice(TOWNS)
        self.slug = f"gen-{quota.number:03d}"
        self.centre_id = ids.take("centre")
        self.officers = [
            names.staff_name(self.rng, female=self.rng.random() < 0.8) for _ in range(40)
        ]

    def emit(self, table: str, row: tuple) -> None:
        self.writer.add(getattr(self.tables, table), row)

    def audit(self, at, actor: Staff, action, object_type, object_id, text, changes, case_id):
        self.trail.add(at, actor, action, object_type, object_id, text, changes, self.centre_id,
                       case_id)  # fmt: skip

    def officer_name(self) -> str:
        return self.rng.choice(self.officers)

    # ------------------------------------------------------------------ the centre
    def build(self) -> dict:
        rng, quota = self.rng, self.quota
        stories = sorted(
            (draw_story(rng, now=self.now, years=self.years) for _ in range(quota.cases)),
            key=lambda s: s.times[0],
        )
        occupying = sum(s.status in OCCUPYING_STATUSES for s in stories)
        self._staff(max(2, math.ceil(occupying / WORKLOAD)))
        plans = self._cases(stories)
        sessions = write_sessions(self, plans, quota.sessions)
        waiting = any(s.status == CaseStatus.WAITLISTED for s in stories)
        capacity = max(occupying, 1) if waiting else occupying + max(2, occupying // 10)
        self._centre_row(min(capacity, 10_000))
        return {"cases": len(stories), "sessions": sessions, "occupying": occupying,
                "capacity": capacity}  # fmt: skip

    def _centre_row(self, capacity: int) -> None:
        opened = date(self.today.year - 12, 1, 15)
        self.emit("centre", (
            self.centre_id, self.slug, f"ЦОП {self.town} (генериран № {self.quota.number:03d})",
            self.town, f"гр. {self.town}, ул. „Възраждане“ № 1", "0700 000 00",
            f"{self.slug}@example.org", opened, "Генериран център за изпитания с голям обем данни.",
            list(Service.values), list(TargetGroup.values), capacity,
        ))  # fmt: skip
        self.emit("settings", (self.centre_id,))

    def _staff(self, specialists: int) -> None:
        roles = [("manager", Role.MANAGER)]
        for n in range(1, specialists + 1):
            role = (Role.PSYCHOLOGIST, Role.SOCIAL_WORKER, Role.SOCIAL_WORKER, Role.PEDAGOGUE)[
                n % 4
            ]
            short = {Role.PSYCHOLOGIST: "psych", Role.SOCIAL_WORKER: "social",
                     Role.PEDAGOGUE: "pedagogue"}[role]  # fmt: skip
            roles.append((f"{short}{n}", role))
        roles.append(("accountant", Role.ACCOUNTANT))
        self.specialists = []
        for suffix, role in roles:
            first, last = names.staff_name(self.rng, female=self.rng.random() < 0.75).split(" ", 1)
            user_id, username = self.ids.take("user"), f"{self.slug}.{suffix}"
            self.emit("user", (user_id, username, first, last, f"{username}@example.org",
                               self.password))  # fmt: skip
            self.emit("membership", (user_id, self.centre_id, role))
            if self.tables.device:
                key = self.rng.randbytes(20).hex()
                self.emit("device", (user_id, "Приложение за кодове", True, key))
            staff = Staff(user_id, username, f"{first} {last}")
            if role == Role.MANAGER:
                self.manager = staff
            elif role != Role.ACCOUNTANT:
                self.specialists.append(staff)

    def _cases(self, stories) -> list:
        quota, rng = self.quota, self.rng
        maker = FamilyMaker(rng, self.town, Identifiers(rng), self.ids.next["person"])
        fresh = min(quota.persons, len(stories))
        extra = max(quota.persons - len(stories), 0)
        bonus = set(rng.sample(range(fresh), extra % fresh)) if fresh and extra % fresh else set()
        base = extra // fresh if fresh else 0
        numbers = year_sequence([s.times[0] for s in stories])
        primaries, plans = [], []
        for index, (story, number) in enumerate(zip(stories, numbers, strict=True)):
            registered = story.times[0].date()
            if index < fresh or not primaries:
                members = base + (index in bonus)
                child = rng.random() < CHILD_SHARE
                people = maker.family(registered, members, child)
                primaries.append(people[0])
            else:
                people = [replace(rng.choice(primaries), reused=True, kind="")]
            case = CaseFile(self, story, people, self.ids.take("case"), number)
            plan = case.write()
            if plan is not None:
                plans.append(plan)
        self.ids.next["person"] = maker.next_id
        self.identifiers = maker.ids
        return plans
