from django.apps import AppConfig


class PerfConfig(AppConfig):
    """Performance indexes for the national scale, kept apart from the apps' own migrations.

    No models: only migrations of indexes written as SQL (`IF NOT EXISTS`), some for PostgreSQL
    only (pg_trgm). See docs/performance.md for the queries each index serves.
    """

    name = "opora.perf"
    label = "perf"
    verbose_name = "Бързодействие"
