"""Chain the entries written before the hash chain existed, in id order, and note their case."""

from collections import defaultdict

from django.db import migrations

from opora.audit.chain import GENESIS, HASHED_FIELDS, entry_hash

CHUNK = 2000
# Records whose case is reached through another record.
CASE_PATHS = {"assessments.informationrequest": "assessment__case_id"}


def chain_existing(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    prev_hash = GENESIS
    last_id = 0
    while True:
        chunk = list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")[:CHUNK])
        if not chunk:
            return
        cases = _cases_of(apps, chunk)
        for entry in chunk:
            entry.case_id_copy = cases.get((entry.object_type, entry.object_id))
            entry.prev_hash = prev_hash
            entry.hash = prev_hash = entry_hash({f: getattr(entry, f) for f in HASHED_FIELDS})
        AuditEntry.objects.bulk_update(chunk, ["case_id_copy", "prev_hash", "hash"])
        last_id = chunk[-1].id


def _cases_of(apps, chunk) -> dict:
    ids = defaultdict(set)
    for entry in chunk:
        if entry.object_type and entry.object_id.isdigit():
            ids[entry.object_type].add(int(entry.object_id))
    found = {}
    for label, pks in ids.items():
        if label == "cases.case":
            found.update({(label, str(pk)): pk for pk in pks})
            continue
        for pk, case_id in _case_ids(apps, label, pks):
            found[(label, str(pk))] = case_id
    return found


def _case_ids(apps, label: str, pks: set) -> list:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return []
    path = CASE_PATHS.get(label, "case_id")
    if path == "case_id" and "case" not in {f.name for f in model._meta.get_fields()}:
        return []
    return list(model.objects.filter(pk__in=pks).values_list("pk", path))


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain_fields")]

    operations = [migrations.RunPython(chain_existing, migrations.RunPython.noop)]
