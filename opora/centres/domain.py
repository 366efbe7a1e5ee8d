from django.db import transaction

from opora.audit.domain import record
from opora.centres.models import Centre, CentreSettings

PROFILE_FIELDS = (
    "name", "provider_name", "municipality", "address", "location_note", "phone", "email",
    "working_hours", "opened_on", "founding_decision", "description", "goals", "principles",
    "how_to_apply",
    "services", "target_groups", "services_free_and_confidential", "capacity",
)  # fmt: skip
SETTINGS_FIELDS = (
    "assessment_deadline", "assessment_deadline_count", "review_interval_months",
    "general_access_limit_months", "referrer_report_interval_months",
    "notification_deadline_hours", "follow_up_months", "workload_standard",
    "unusual_access_cases", "unusual_access_minutes", "idle_timeout_minutes",
)  # fmt: skip


def settings_for(centre: Centre) -> CentreSettings:
    found, _ = CentreSettings.objects.get_or_create(centre=centre)
    return found


def create_centre(
    *, actor, slug: str, name: str, municipality: str, capacity: int, **profile
) -> Centre:
    with transaction.atomic():
        centre = Centre.objects.create(
            slug=slug, name=name, municipality=municipality, capacity=capacity, **profile
        )
        CentreSettings.objects.create(centre=centre)
        record(actor=actor, action="centre.create", obj=centre, centre_id=centre.pk)
    return centre


def update_centre(centre: Centre, *, actor, profile: dict, settings: dict) -> Centre:
    """Save the profile and the per-centre settings; the capacity may not drop below places in use."""
    from opora.cases.domain.capacity import places_used
    from opora.core.errors import DomainError

    new_capacity = profile.get("capacity", centre.capacity)
    if new_capacity is None or new_capacity < 1:
        raise DomainError("Капацитетът трябва да е поне 1 място.", field="capacity")
    with transaction.atomic():
        used = places_used(centre)
        if new_capacity < used:
            raise DomainError(
                f"Капацитетът не може да е по-малък от заетите места ({used}).", field="capacity"
            )
        changed = _apply(centre, profile, PROFILE_FIELDS)
        centre.save()
        centre_settings = settings_for(centre)
        changed.update(_apply(centre_settings, settings, SETTINGS_FIELDS))
        centre_settings.save()
        if changed:
            record(
                actor=actor,
                action="centre.update",
                obj=centre,
                centre_id=centre.pk,
                changes=changed,
            )
    return centre


def _apply(target, values: dict, allowed: tuple[str, ...]) -> dict:
    changed = {}
    for name in allowed:
        if name in values and getattr(target, name) != values[name]:
            setattr(target, name, values[name])
            value = values[name]
            changed[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return changed
