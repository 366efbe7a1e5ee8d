"""What the benchmark needs from the database: its users, a centre, a case, names to search.

Runs inside Django (the runner calls `django.setup()` with the benchmark's DATABASE_URL).
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.cases.models import Case
from opora.centres.models import Centre
from opora.core.text import fold
from opora.oversight.models import OversightAccess
from opora.people.models import Person

BENCH_ADMIN = "bench.admin"
PASSWORD = "opora-demo-2026"  # the demo password, as for every generated account


@dataclass
class Scene:
    slug: str
    manager: str
    specialist: str
    case_id: int
    cyrillic: str
    latin_typo: str
    egn: str
    admin: str
    keys: dict  # username -> hex key of the confirmed TOTP device


def build_scene(centre_slug: str = "") -> Scene:
    centre = _centre(centre_slug)
    manager = Membership.objects.filter(centre=centre, role=Role.MANAGER).select_related("user")
    manager = manager.first().user
    specialist, case = _specialist_and_case(centre)
    rng = random.Random(7)
    people = list(Person.objects.filter(centre=centre, identifier_type="egn").order_by("id")[:2000])
    person = rng.choice(people)
    admin = _bench_admin()
    users = [manager, specialist, admin]
    return Scene(
        slug=centre.slug, manager=manager.username, specialist=specialist.username,
        case_id=case.pk, cyrillic=f"{person.first_name} {person.last_name}",
        latin_typo=_typo(fold(f"{person.first_name} {person.last_name}"), rng),
        egn=person.identifier, admin=admin.username, keys={u.username: _key(u) for u in users},
    )  # fmt: skip


def _centre(slug: str) -> Centre:
    if slug:
        return Centre.objects.get(slug=slug)
    generated = Centre.objects.filter(slug__startswith="gen-").annotate(n=Count("cases"))
    centre = generated.order_by("-n", "slug").first()
    if centre is None:
        raise SystemExit("Няма генерирани центрове: пуснете manage.py generate_data.")
    return centre


def _specialist_and_case(centre):
    """The specialist who leads the most active cases, and one of them (need-to-know: on the team)."""
    busiest = (
        Case.objects.filter(centre=centre, status="active", case_manager__isnull=False)
        .values("case_manager").annotate(n=Count("id")).order_by("-n").first()
    )  # fmt: skip
    user = get_user_model().objects.get(pk=busiest["case_manager"])
    case = (
        Case.objects.filter(centre=centre, case_manager=user, status="active")
        .order_by("-id")
        .first()
    )
    return user, case


def _typo(latin: str, rng: random.Random) -> str:
    """One letter dropped from the longer word (not its first letter)."""
    words = latin.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    cut = rng.randrange(1, len(word))
    words[longest] = word[:cut] + word[cut + 1 :]
    return " ".join(words)


def _bench_admin():
    """A superuser for the admin peer only (is_staff: the Django admin lets it in)."""
    User = get_user_model()
    user = User.objects.filter(username=BENCH_ADMIN).first()
    if user is None:
        user = User.objects.create_superuser(BENCH_ADMIN, "bench@example.org", PASSWORD)
    # The installation-wide reports are an official's pages: every centre, no names.
    OversightAccess.objects.get_or_create(user=user)
    return user


def _key(user) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Приложение за кодове", confirmed=True)
    return device.key


def dataset() -> dict:
    """Row counts and database size, for the report."""
    from opora.audit.models import AuditEntry
    from opora.consultations.models import Session

    counts = {
        "центрове": Centre.objects.count(),
        "лица": Person.objects.count(),
        "случаи": Case.objects.count(),
        "срещи": Session.objects.count(),
        "записи в одита": AuditEntry.objects.count(),
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version(), pg_size_pretty(pg_database_size(current_database()))")
            version, size = cursor.fetchone()
        else:
            cursor.execute("SELECT sqlite_version()")
            version = "SQLite " + cursor.fetchone()[0]
            size = ""
    return {"counts": counts, "db": version.split(" on ")[0], "size": size}
