"""The whole run: quotas per centre, one transaction per centre, timings per stage and table."""

import time
from dataclasses import dataclass, field
from random import Random

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from opora.audit import chain
from opora.centres.models import Centre
from opora.demo.scale import tables as t
from opora.demo.scale.build import AuditTrail, CentreContext, Ids, Quota
from opora.demo.scale.identity import assert_valid_sample
from opora.demo.scale.tables import HAS_CHAIN
from opora.demo.scale.writer import Writer, next_id, reset_sequences
from opora.demo.staff import DEMO_PASSWORD
from opora.people.models import Person

ID_KINDS = {
    "centre": t.Centre, "user": t.User, "person": t.Person, "case": t.Case,
    "case_person": t.CasePerson, "plan": t.PlanVersion, "goal": t.Goal, "contract": t.Contract,
    "proposal": t.ClosureProposal, "session": t.Session, "audit": t.AuditEntry,
}  # fmt: skip


@dataclass
class Report:
    stages: list[tuple[str, float]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    write_seconds: dict[str, float] = field(default_factory=dict)
    centres: list[str] = field(default_factory=list)


def split(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to the weights that add up to the total exactly."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def first_number() -> int:
    taken = Centre.objects.filter(slug__regex=r"^gen-[0-9]+$").values_list("slug", flat=True)
    return max((int(slug[4:]) for slug in taken), default=0) + 1


def quotas(*, centres: int, persons: int, cases: int, sessions: int, seed: int) -> list[Quota]:
    """Centres differ in size (a town's centre and a city's): lognormal weights."""
    rng = Random(f"quota-{seed}")
    weights = [rng.lognormvariate(0, 0.45) for _ in range(centres)]
    start = first_number()
    return [
        Quota(start + i, p, c, s)
        for i, (p, c, s) in enumerate(
            zip(
                split(persons, weights),
                split(cases, weights),
                split(sessions, weights),
                strict=True,
            )
        )
    ]


def generate(*, centres: int, persons: int, cases: int, sessions: int, years: float, seed: int,
             progress=None, fast: bool = False) -> Report:  # fmt: skip
    report = Report()
    started = time.monotonic()
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate(now)
    plan = quotas(centres=centres, persons=persons, cases=cases, sessions=sessions, seed=seed)
    ids = Ids({kind: next_id(model) for kind, model in ID_KINDS.items()})
    writer, tables = Writer(), t.Tables(now)
    trail = AuditTrail(writer, tables, ids)
    password = make_password(DEMO_PASSWORD)
    report.stages.append(("подготовка", time.monotonic() - started))

    mark = time.monotonic()
    sample_egn, sample_lnch = [], []
    for quota in plan:
        with transaction.atomic():
            if HAS_CHAIN:
                chain.lock_chain()
            if fast:
                _unchecked_load()
            ctx = CentreContext(quota=quota, seed=seed, now=now, today=today, years=years,
                                writer=writer, tables=tables, ids=ids, trail=trail,
                                password=password)  # fmt: skip
            ctx.build()
            writer.flush(tables.in_order())
        report.centres.append(ctx.slug)
        sample_egn += list(Person.objects.filter(centre_id=ctx.centre_id, identifier_type="egn")
                           .values_list("identifier", flat=True)[:20])  # fmt: skip
        sample_lnch += list(Person.objects.filter(centre_id=ctx.centre_id, identifier_type="lnch")
                            .values_list("identifier", flat=True)[:5])  # fmt: skip
        if progress:
            progress(quota)
    report.stages.append(("центрове (генериране и запис)", time.monotonic() - mark))

    mark = time.monotonic()
    reset_sequences([model for model in ID_KINDS.values()])
    assert_valid_sample(sample_egn, sample_lnch)
    report.stages.append(("последователности и проверка на ЕГН/ЛНЧ", time.monotonic() - mark))

    mark = time.monotonic()
    _analyze()
    report.stages.append(("статистика на базата (ANALYZE)", time.monotonic() - mark))
    report.rows = dict(writer.counts)
    report.write_seconds = dict(writer.seconds)
    report.stages.append(("общо", time.monotonic() - started))
    return report


def _unchecked_load() -> None:
    """PostgreSQL superuser only: skip FK triggers for this transaction (rows are consistent by
    construction; the tests check the same generator with every constraint on)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL synchronous_commit = off")


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
