"""Extra generated centres (gen-001, gen-002, …) for load and performance experiments."""

import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.centres.domain import create_centre, update_centre
from opora.centres.enums import Service, TargetGroup
from opora.centres.models import Centre
from opora.demo import names
from opora.demo.bulk import save_drafts
from opora.demo.casework import CentreScene
from opora.demo.drafts import draft_cases
from opora.demo.families import FamilyContext
from opora.demo.identifiers import IdentifierPool
from opora.demo.places import generic_place
from opora.demo.staff import ADMIN_USERNAME, DEMO_PASSWORD, EMAIL_DOMAIN

TOWNS = (
    "Самоков", "Ботевград", "Карлово", "Велинград", "Айтос", "Нова Загора", "Петрич", "Свищов",
    "Дупница", "Севлиево", "Панагюрище", "Троян", "Лом", "Раднево", "Попово", "Омуртаг",
)  # fmt: skip
TEAM = (
    ("manager", Role.MANAGER),
    ("psych", Role.PSYCHOLOGIST),
    ("social", Role.SOCIAL_WORKER),
    ("accountant", Role.ACCOUNTANT),
)


@dataclass(frozen=True)
class Generated:
    slug: str
    cases: int
    people: int
    places_used: int
    capacity: int
    seconds: float


def next_numbers(count: int) -> list[int]:
    taken = Centre.objects.filter(slug__regex=r"^gen-[0-9]+$").values_list("slug", flat=True)
    start = max((int(slug[4:]) for slug in taken), default=0) + 1
    return list(range(start, start + count))


def generate_centre(number: int, *, cases: int, seed: int) -> Generated:
    started = time.monotonic()
    fake = Faker("bg_BG")
    fake.seed_instance(f"{seed}-{number}")
    rng = fake.random
    admin = get_user_model().objects.filter(username=ADMIN_USERNAME).first()
    with transaction.atomic():
        centre = _centre(number, rng.choice(TOWNS), actor=admin, capacity=max(cases, 1))
        staff = _staff(centre, rng)
        scene = _scene(centre, staff, rng)
        drafts = draft_cases(scene, cases)
        people = save_drafts(drafts, centre=centre, manager=staff[Role.MANAGER])
        used = sum(d.occupies_place for d in drafts)
        waiting = any(d.status == "waitlisted" for d in drafts)
        capacity = max(used, 1) if waiting else used + max(2, used // 10)
        update_centre(centre, actor=admin, profile={"capacity": capacity}, settings={})
    return Generated(centre.slug, cases, people, used, capacity, time.monotonic() - started)


def _centre(number: int, town: str, *, actor, capacity: int) -> Centre:
    return create_centre(
        actor=actor, slug=f"gen-{number:03d}", name=f"ЦОП {town} (генериран № {number:03d})",
        municipality=town, capacity=capacity, services=list(Service.values),
        target_groups=list(TargetGroup.values),
        description="Генериран център за изпитания с голям обем данни.",
    )  # fmt: skip


def _staff(centre: Centre, rng) -> dict:
    """Bulk accounts sharing one password hash: hashing is slow on purpose, demo data is public."""
    password = make_password(DEMO_PASSWORD)
    User = get_user_model()
    users = {}
    for suffix, role in TEAM:
        female = rng.random() < 0.7
        first, last = names.staff_name(rng, female=female).split(" ", 1)
        username = f"{centre.slug}.{suffix}"
        users[role] = User(username=username, first_name=first, last_name=last,
                           email=f"{username}@{EMAIL_DOMAIN}", password=password)  # fmt: skip
    User.objects.bulk_create(users.values())
    Membership.objects.bulk_create(
        Membership(user=u, centre=centre, role=r) for r, u in users.items()
    )
    return users


def _scene(centre: Centre, staff: dict, rng) -> CentreScene:
    place = generic_place(centre.municipality)
    now = timezone.now()
    return CentreScene(
        centre=centre, manager=staff[Role.MANAGER],
        specialists=[staff[Role.PSYCHOLOGIST], staff[Role.SOCIAL_WORKER]],
        place=place, rng=rng, now=now,
        families=FamilyContext(
            rng=rng, place=place, ids=IdentifierPool(rng), today=timezone.localdate(now)
        ),
    )  # fmt: skip
