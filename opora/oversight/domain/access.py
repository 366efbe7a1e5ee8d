"""Granting and taking back an official's view of aggregated figures (by the system administrator)."""

from django.db import transaction

from opora.audit.domain import record
from opora.oversight.models import OversightAccess


def grant_oversight(user, *, actor, municipality: str = "") -> OversightAccess:
    """Give `user` (or change) the scope: one municipality's centres, or every centre if blank."""
    with transaction.atomic():
        access, created = OversightAccess.objects.update_or_create(
            user=user, defaults={"municipality": municipality.strip()}
        )
        record(
            actor=actor,
            action="oversight.grant",
            obj=access,
            changes={"municipality": access.municipality or "всички центрове", "new": created},
        )
    return access


def revoke_oversight(access: OversightAccess, *, actor) -> None:
    with transaction.atomic():
        record(
            actor=actor,
            action="oversight.revoke",
            obj=access,
            changes={"municipality": access.municipality or "всички центрове"},
        )
        access.delete()
