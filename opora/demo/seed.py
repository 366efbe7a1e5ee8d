"""The demo data set: two real-life centres, their teams and a year of cases."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker

from opora.accounts.enums import Role
from opora.cases.domain.capacity import capacity_of
from opora.centres.models import Centre
from opora.demo import (
    attachments_demo,
    fostering_stories,
    groups_stories,
    need_to_know,
    places,
    statutory_demo,
    stories,
)
from opora.demo.casework import CentreScene, run_story
from opora.demo.centres import SEED_SLUGS, create_seed_centres
from opora.demo.families import FamilyContext
from opora.demo.identifiers import IdentifierPool
from opora.demo.numbering import renumber_centre
from opora.demo.oversight_demo import add_officials
from opora.demo.paths import PATHS
from opora.demo.staff import ADMIN_USERNAME, SEED_STAFF, add_seed_staff, create_admin
from opora.demo.timeline import plan_times, registered_after

SEED = 2026
CASE_LEADS = frozenset({Role.PSYCHOLOGIST, Role.SOCIAL_WORKER})
SCENES = {
    "harmanli": (places.HARMANLI, stories.HARMANLI),
    "dragoman": (places.DRAGOMAN, stories.DRAGOMAN),
}


@dataclass(frozen=True)
class CentreSummary:
    name: str
    cases: int
    places_used: int
    capacity: int


def seed_exists() -> bool:
    return Centre.objects.filter(slug__in=SEED_SLUGS).exists()


def seed_demo() -> list[CentreSummary]:
    with transaction.atomic():
        admin = _admin()
        centres = create_seed_centres(actor=admin)
        users = add_seed_staff(centres, admin=admin)
        add_officials(admin=admin)
        now = timezone.now()
        return [_fill(centre, users, now=now) for centre in centres.values()]


def _admin():
    existing = get_user_model().objects.filter(username=ADMIN_USERNAME).first()
    return existing or create_admin()


def _fill(centre, users: dict, *, now) -> CentreSummary:
    """Play the centre's stories in order of registration; the cases are numbered as they come."""
    place, centre_stories = SCENES[centre.slug]
    scene = _scene(centre, users, place, now=now)
    registered = None
    for story in sorted(centre_stories, key=lambda s: -s.days_ago):
        times = plan_times(story.days_ago, PATHS.get(story.path, ()), now=now, rng=scene.rng)
        times = registered_after(times, registered, now=now)
        registered = times[0]
        run_story(scene, story, times)
    renumber_centre(centre)
    fostering_stories.play(scene)
    groups_stories.play(scene)
    need_to_know.play(scene)
    statutory_demo.play(scene)
    attachments_demo.play(scene)
    capacity = capacity_of(centre)
    return CentreSummary(centre.name, len(centre_stories), capacity.used, capacity.total)


def _scene(centre, users: dict, place, *, now) -> CentreScene:
    fake = Faker("bg_BG")
    fake.seed_instance(f"{SEED}-{centre.slug}")
    rng = fake.random
    team = [m for m in SEED_STAFF if m.centre == centre.slug]
    return CentreScene(
        centre=centre,
        manager=next(users[m.username] for m in team if m.role == Role.MANAGER),
        specialists=[users[m.username] for m in team if m.role in CASE_LEADS],
        place=place, rng=rng, now=now,
        families=FamilyContext(
            rng=rng, place=place, ids=IdentifierPool(rng), today=timezone.localdate(now)
        ),
        roles={users[m.username].pk: m.role for m in team},
    )  # fmt: skip
