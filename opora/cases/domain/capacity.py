"""Places: how many are taken, and the lock that makes "take the last place" safe."""

from dataclasses import dataclass

from opora.cases.enums import OCCUPYING_STATUSES
from opora.cases.models import Case
from opora.centres.models import Centre


@dataclass(frozen=True)
class Capacity:
    total: int
    used: int

    @property
    def free(self) -> int:
        return max(self.total - self.used, 0)

    @property
    def is_full(self) -> bool:
        return self.used >= self.total

    @property
    def percent_used(self) -> int:
        return min(100, round(100 * self.used / self.total)) if self.total else 100


def places_used(centre: Centre) -> int:
    return Case.objects.filter(centre=centre, status__in=OCCUPYING_STATUSES).count()


def capacity_of(centre: Centre) -> Capacity:
    return Capacity(total=centre.capacity, used=places_used(centre))


def lock_centre(centre: Centre) -> Centre:
    """Serialise admissions to one centre: call inside transaction.atomic().

    PostgreSQL: a row lock on the centre, so a second admission waits until the first commits and
    then counts the place the first one took. SQLite: transactions start IMMEDIATE (settings), so
    writers are already serialised.
    """
    return Centre.objects.select_for_update().get(pk=centre.pk)
