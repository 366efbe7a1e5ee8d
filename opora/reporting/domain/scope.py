"""Which centres a report counts: one centre (its own staff, nothing suppressed) or a roll-up."""

from collections.abc import Iterable
from dataclasses import dataclass

from opora.core.errors import DomainError


@dataclass(frozen=True)
class Scope:
    """`rollup` True: figures over several centres for an official, with small counts suppressed."""

    centre_ids: tuple[int, ...]
    label: str
    rollup: bool

    def __post_init__(self) -> None:
        if not self.centre_ids and not self.rollup:
            raise DomainError("Отчет за център без център.")

    @classmethod
    def centre(cls, centre) -> "Scope":
        return cls(centre_ids=(centre.pk,), label=centre.name, rollup=False)

    @classmethod
    def rollup_of(cls, centres: Iterable, label: str) -> "Scope":
        ids = (
            centres.values_list("pk", flat=True)
            if hasattr(centres, "values_list")
            else (centre.pk for centre in centres)
        )
        return cls(centre_ids=tuple(sorted(ids)), label=label, rollup=True)

    @property
    def single_centre_id(self) -> int | None:
        """The centre a per-centre report belongs to; None for a roll-up."""
        return None if self.rollup else self.centre_ids[0]
