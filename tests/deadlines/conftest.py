from datetime import timedelta

import pytest
from django.utils import timezone

from opora.centres.models import Centre
from opora.deadlines.domain import set_deadline


@pytest.fixture
def roomy_centre(centre):
    """Room for as many working cases as a test opens."""
    Centre.objects.filter(pk=centre.pk).update(capacity=40)
    centre.refresh_from_db()
    return centre


@pytest.fixture
def add_deadline():
    """`add_deadline(case, kind, days=-3, ...)`: a deadline `days` from today (negative: overdue)."""

    def make(case, kind, *, days: int, actor=None, responsible=None, source=None, warn_days=None):
        today = timezone.localdate()
        return set_deadline(
            case=case,
            kind=kind,
            title=f"{kind} по случай {case.number}",
            due_on=today + timedelta(days=days),
            warn_from=today + timedelta(days=warn_days) if warn_days is not None else None,
            actor=actor or case.case_manager,
            responsible=responsible,
            source=source,
        )

    return make
