import pytest

from opora.audit.models import AuditEntry
from opora.cases.domain.capacity import capacity_of
from opora.cases.enums import CaseStatus
from opora.centres.domain import create_centre, settings_for, update_centre
from opora.centres.models import Centre, CentreSettings
from opora.core.errors import DomainError
from tests.factories import make_case


def test_create_centre_creates_its_settings_with_the_defaults(sysadmin):
    centre = create_centre(
        actor=sysadmin, slug="svilengrad", name="ЦОП Свиленград", municipality="Свиленград",
        capacity=25,
    )  # fmt: skip

    centre_settings = CentreSettings.objects.get(centre=centre)
    assert (centre_settings.assessment_deadline, centre_settings.notification_deadline_hours) == (
        20, 24,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="centre.create")
    assert (entry.actor, entry.centre_id_copy) == (sysadmin, centre.pk)


def test_update_centre_saves_the_profile_and_the_settings(centre, manager):
    update_centre(
        centre, actor=manager,
        profile={"name": "ЦОП „Надежда“", "capacity": 30, "phone": "0373 12345"},
        settings={"notification_deadline_hours": 12},
    )  # fmt: skip

    stored = Centre.objects.get(pk=centre.pk)
    assert (stored.name, stored.capacity, stored.phone) == ("ЦОП „Надежда“", 30, "0373 12345")
    assert settings_for(centre).notification_deadline_hours == 12
    entry = AuditEntry.objects.get(action="centre.update")
    assert entry.changes == {
        "name": "ЦОП „Надежда“", "capacity": 30, "phone": "0373 12345",
        "notification_deadline_hours": 12,
    }  # fmt: skip


def test_update_centre_ignores_fields_it_does_not_own(centre, manager):
    update_centre(
        centre, actor=manager, profile={"slug": "hacked", "is_active": False}, settings={}
    )

    stored = Centre.objects.get(pk=centre.pk)
    assert (stored.slug, stored.is_active) == ("harmanli", True)
    assert not AuditEntry.objects.filter(action="centre.update").exists()


def test_capacity_cannot_drop_below_the_places_in_use(centre, manager):
    make_case(centre, manager, CaseStatus.ACTIVE)
    make_case(centre, manager, CaseStatus.SUSPENDED)
    make_case(centre, manager, CaseStatus.WAITLISTED)  # waiting holds no place
    audit = AuditEntry.objects.count()

    with pytest.raises(DomainError) as refused:
        update_centre(
            centre, actor=manager, profile={"capacity": 1, "name": "Друго име"},
            settings={"notification_deadline_hours": 2},
        )  # fmt: skip

    assert refused.value.message == "Капацитетът не може да е по-малък от заетите места (2)."
    assert refused.value.field == "capacity"
    stored = Centre.objects.get(pk=centre.pk)
    assert (stored.capacity, stored.name) == (3, "ЦОП „Надежда“ – Харманли")
    assert settings_for(centre).notification_deadline_hours == 24
    assert AuditEntry.objects.count() == audit


def test_capacity_may_equal_the_places_in_use(centre, manager):
    make_case(centre, manager, CaseStatus.ACTIVE)
    make_case(centre, manager, CaseStatus.ACTIVE)

    update_centre(centre, actor=manager, profile={"capacity": 2}, settings={})

    assert capacity_of(Centre.objects.get(pk=centre.pk)).is_full
