"""The performance migration applies on both databases; on PostgreSQL it brings pg_trgm along."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def test_the_perf_migrations_are_applied(db):
    applied = MigrationExecutor(connection).loader.applied_migrations
    assert ("perf", "0001_trigram_search") in applied


@pytest.mark.postgres_only
def test_the_person_search_key_has_a_trigram_index(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() is not None
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'perf_person_search_trgm'"
        )
        definition = cursor.fetchone()[0]
    assert "gin_trgm_ops" in definition and "search_name" in definition
