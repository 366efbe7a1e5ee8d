"""Which centres an official sees in aggregate: the one rule for the oversight pages and roll-ups."""

from django.db.models import QuerySet

from opora.centres.models import Centre


def overseen_centres(user) -> QuerySet[Centre]:
    """Active centres whose aggregated figures `user` may see (none for ordinary staff).

    The system administrator sees every centre; an `OversightAccess` holder the centres of her
    municipality, or every centre when the grant names none.
    """
    centres = Centre.objects.filter(is_active=True).order_by("municipality", "name")
    if not user.is_authenticated:
        return centres.none()
    if user.is_system_admin:
        return centres
    access = getattr(user, "oversight", None)
    if access is None:
        return centres.none()
    return centres.filter(municipality=access.municipality) if access.municipality else centres


def may_oversee(user) -> bool:
    return overseen_centres(user).exists()
