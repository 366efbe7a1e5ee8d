"""What the public pages read (only a centre's own profile) and how staff find online requests."""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, QuerySet

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.centres.enums import Service, TargetGroup
from opora.centres.models import Centre
from opora.public.models import PublicRequest

# The team is shown as roles and counts, never names: "Психолози: 2".
ROLE_PLURALS = {
    Role.MANAGER: ("Управител", "Управители"),
    Role.PSYCHOLOGIST: ("Психолог", "Психолози"),
    Role.SOCIAL_WORKER: ("Социален работник", "Социални работници"),
    Role.PEDAGOGUE: ("Педагог", "Педагози"),
    Role.ACCOUNTANT: ("Счетоводител", "Счетоводители"),
}
PUBLIC_FIELDS = (
    "slug", "name", "municipality", "address", "location_note", "phone", "email",
    "working_hours", "opened_on", "description", "goals", "principles", "how_to_apply",
    "services", "target_groups", "services_free_and_confidential",
)  # fmt: skip


@dataclass(frozen=True)
class TeamRow:
    label: str
    count: int


def active_centres() -> QuerySet[Centre]:
    return (
        Centre.objects.filter(is_active=True)
        .order_by("municipality", "name")
        .only("slug", "name", "municipality", "phone")
    )


def public_centres() -> QuerySet[Centre]:
    """Active centres with only the fields their public page may show."""
    return Centre.objects.filter(is_active=True).only(*PUBLIC_FIELDS)


def team_of(centre: Centre) -> list[TeamRow]:
    counts = dict(
        Membership.objects.filter(centre=centre, is_active=True, user__is_active=True)
        .values("role")
        .annotate(n=Count("id"))
        .values_list("role", "n")
    )
    return [
        TeamRow(label=ROLE_PLURALS[role][counts[role] > 1], count=counts[role])
        for role in Role.values
        if counts.get(role)
    ]


def services_of(centre: Centre) -> list[str]:
    return [label for value, label in Service.choices if value in centre.services]


def target_groups_of(centre: Centre) -> list[str]:
    return [label for value, label in TargetGroup.choices if value in centre.target_groups]


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def map_link(centre: Centre) -> str:
    """A plain link to OpenStreetMap's search for the address (no embedded map, nothing loaded)."""
    if not centre.address:
        return ""
    return "https://www.openstreetmap.org/search?" + urlencode({"query": centre.address})


def online_request_case_ids(cases: Iterable) -> set[int]:
    """Which of these cases came from the public form (one query for a whole list)."""
    ids = [case.pk for case in cases]
    if not ids:
        return set()
    return set(PublicRequest.objects.filter(case_id__in=ids).values_list("case_id", flat=True))


def public_request_of(case) -> PublicRequest | None:
    return PublicRequest.objects.filter(case=case).first()


def tel_link(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    return f"tel:{digits}" if digits else ""
