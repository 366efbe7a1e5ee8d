"""pg_trgm and a trigram index on the person search key, for name search at national scale.

`search_name__contains` (LIKE '% term%') and the typo-tolerant word similarity of
opora.people.domain.fuzzy both use it. PostgreSQL only; nothing happens on SQLite.
"""

from django.db import migrations

INDEX = "perf_person_search_trgm"
NEEDS_SUPERUSER = (
    "Разширението pg_trgm не е инсталирано и потребителят на базата няма право да го инсталира. "
    "Изпълнете веднъж като суперпотребител в базата на Опора: CREATE EXTENSION pg_trgm; "
    "(The pg_trgm extension is missing and this database user may not create it.)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception as error:
                raise RuntimeError(NEEDS_SUPERUSER) from error
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person "
            "USING gin (search_name gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
