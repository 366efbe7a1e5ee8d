"""The centre's foster-care values: read with their defaults, saved by the manager."""

from django.db import transaction

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.fostering.models import EDITABLE_SETTINGS, FosteringSettings


def settings_of(centre) -> FosteringSettings:
    """The centre's saved values, or the defaults (unsaved) if the manager never changed them."""
    return FosteringSettings.objects.filter(centre=centre).first() or FosteringSettings(
        centre=centre
    )


def update_fostering_settings(centre, *, actor, values: dict) -> FosteringSettings:
    """Save the values; the row is created the first time the manager saves."""
    unknown = set(values) - set(EDITABLE_SETTINGS)
    if unknown:
        raise DomainError("Непозната настройка за приемна грижа.")
    with transaction.atomic():
        found = FosteringSettings.objects.select_for_update().filter(centre=centre).first()
        found = found or FosteringSettings(centre=centre)
        changed = {k: v for k, v in values.items() if getattr(found, k) != v}
        for name, value in changed.items():
            setattr(found, name, value)
        found.full_clean()
        found.save()
        if changed:
            record(actor=actor, action="fostering.settings", obj=centre, changes=changed)
    return found
