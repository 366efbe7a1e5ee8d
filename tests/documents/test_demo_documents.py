"""From the demo data every kind of document renders as PDF and DOCX, with the case's data,
the letterhead (centre and provider) and page numbers; a document leaving the centre carries no
restricted session note of its case.

The demo is seeded once for the module inside a transaction rolled back at the end."""

import pytest
from django.db import transaction

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.centres.models import Centre
from opora.consultations.models import Session
from opora.core.sensitivity import Sensitivity
from opora.demo.seed import seed_demo
from opora.documents.domain.issue import issue_document
from opora.documents.domain.render import sample
from opora.documents.kinds.base import REGISTRY, Audience
from tests.documents.helpers import docx_text, pdf_text


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def harmanli(demo, db):
    return Centre.objects.get(slug="harmanli")


def _manager(centre):
    return Membership.objects.get(centre=centre, role=Role.MANAGER, is_active=True).user


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_kind_renders_from_the_demo_data(code, harmanli):
    manager = _manager(harmanli)
    kind = REGISTRY[code]
    prepared = sample(kind, user=manager, centre=harmanli)
    assert prepared is not None, f"no demo record for {code}"
    restricted = [
        s.notes
        for s in Session.objects.filter(case=prepared.case).exclude(sensitivity=Sensitivity.TEAM)
        if s.notes
    ]

    for file_format, read in (("pdf", pdf_text), ("docx", docx_text)):
        issued = issue_document(prepared, actor=manager, file_format=file_format)
        text = read(issued.content)
        for expected in (
            prepared.case.number, prepared.case.primary_person.full_name, harmanli.name,
            "Община Харманли", f"№ {issued.record.number}", "стр. ",
        ):  # fmt: skip
            assert expected in text, (code, file_format, expected)
        if kind.audience == Audience.EXTERNAL:
            assert [note for note in restricted if note in text] == [], (code, file_format)
