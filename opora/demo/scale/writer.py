"""Buffered inserts of plain tuples: COPY on PostgreSQL, executemany elsewhere.

A `Table` names the columns a generator fills (in order); every other column gets the field's
default. Rows are tuples, so that a million of them cost little memory and time.
"""

import json
import time
from collections import defaultdict

from django.db import connection, models

FLUSH_ROWS = 20_000


class Table:
    def __init__(self, model: type[models.Model], columns: tuple[str, ...], *, now=None):
        self.model = model
        self.name = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{self.name}: unknown columns {sorted(unknown)}")
        self.fields = [fields[c] for c in columns]
        rest = [f for f in fields.values() if f.attname not in columns and not f.primary_key]
        self.tail = tuple(_default(f, now) for f in rest)
        self.fields += rest
        self.columns = tuple(f.column for f in self.fields)
        self.json_at = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]

    def complete(self, row: tuple) -> tuple:
        return row + self.tail


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default() or not field.null:
        return field.get_default()
    return None


class Writer:
    """Collects rows per table and writes them in large batches."""

    def __init__(self):
        self.rows: dict[Table, list[tuple]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        self.seconds: dict[str, float] = defaultdict(float)
        self.postgres = connection.vendor == "postgresql"

    def add(self, table: Table, row: tuple) -> None:
        buffer = self.rows[table]
        buffer.append(row)
        if len(buffer) >= FLUSH_ROWS:
            self._write(table, buffer)
            buffer.clear()

    def flush(self, order: list[Table]) -> None:
        """Write what is left, parents before children (the order given)."""
        for table in order:
            buffer = self.rows.get(table)
            if buffer:
                self._write(table, buffer)
                buffer.clear()

    def _write(self, table: Table, rows: list[tuple]) -> None:
        started = time.monotonic()
        full = [table.complete(r) for r in rows]
        if table.json_at:
            full = [_dump_json(r, table.json_at) for r in full]
        if self.postgres:
            _copy(table, full)
        else:
            _insert(table, full)
        self.counts[table.name] += len(rows)
        self.seconds[table.name] += time.monotonic() - started


def _dump_json(row: tuple, positions: list[int]) -> tuple:
    values = list(row)
    for i in positions:
        values[i] = json.dumps(values[i], ensure_ascii=False)
    return tuple(values)


def _copy(table: Table, rows: list[tuple]) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c in table.columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(table.name)} ({names}) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _insert(table: Table, rows: list[tuple]) -> None:
    preps = [f.get_db_prep_save for f in table.fields]
    prepared = [
        tuple(
            prep(v, connection) if v is not None and not isinstance(v, (str, int)) else v
            for prep, v in zip(preps, row, strict=True)
        )
        for row in rows
    ]
    names = ", ".join(connection.ops.quote_name(c) for c in table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    sql = f"INSERT INTO {connection.ops.quote_name(table.name)} ({names}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)


def next_id(model: type[models.Model]) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequences(models_: list[type[models.Model]]) -> None:
    """After explicit ids, PostgreSQL's identity sequences must move past them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            table, pk = model._meta.db_table, model._meta.pk.column
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                f"GREATEST((SELECT MAX({pk}) FROM {table}), 1))",
                [table, pk],
            )
