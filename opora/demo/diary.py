"""One demo case being played: what has been written so far, who works on it, and its words."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from opora.accounts.enums import Role
from opora.cases.domain.case import add_team_member
from opora.cases.enums import CasePersonRole, Urgency
from opora.cases.models import Case, CasePerson, CaseTeamMember
from opora.centres.enums import Service
from opora.centres.enums import TargetGroup as TG
from opora.demo import themes_adults, themes_children
from opora.demo.clock import played_at
from opora.demo.themes import PSYCH, Theme
from opora.demo.timeline import local_day
from opora.people.enums import Sex

BY_PATTERN = {
    "asylum": themes_children.ASYLUM,
    "grandmother": themes_children.GRANDPARENT,
    "disability": themes_children.DISABILITY,
    "pregnant": themes_adults.PREGNANCY,
    "foster_candidates": themes_adults.FOSTER_CANDIDATES,
    "adoption_candidates": themes_adults.ADOPTION,
    "foster_child": themes_adults.FOSTER_CHILD,
    "care_leaver": themes_adults.CARE_LEAVER,
}
BY_GROUP = {
    TG.RISK_SCHOOL: themes_children.SCHOOL,
    TG.BEHAVIOUR: themes_children.SCHOOL,
    TG.RISK_VICTIM: themes_children.VIOLENCE,
    TG.RISK_DEVELOPMENT: themes_children.PARENTING,
    TG.PREVENTION: themes_children.ADAPTATION,
    TG.RISK_DISABILITY: themes_children.DISABILITY,
}
CARERS = {
    CasePersonRole.GUARDIAN: "бабата",
    CasePersonRole.FOSTER_PARENT: "приемната майка",
}


def theme_for(pattern: str | None, groups: list[str], urgency: str) -> Theme:
    if urgency == Urgency.VIOLENCE:
        return themes_children.VIOLENCE
    if pattern in BY_PATTERN:
        return BY_PATTERN[pattern]
    first = next((BY_GROUP[g] for g in groups if g in BY_GROUP), None)
    return first or themes_children.SEPARATION


@dataclass
class CaseDiary:
    scene: object  # CentreScene
    story: object  # Story
    case: Case
    theme: Theme
    times: list[datetime]
    last: datetime
    chosen_lead: object = None  # who will lead the case once it is accepted
    assessment: object = None
    version: object = None
    contract: object = None
    review: object = None
    proposal: object = None
    # The question behind each information request, so that its answer fits.
    asked: dict = field(default_factory=dict)
    # (theme goal, theme activity) of the plan in force: what a session works on.
    works: list = field(default_factory=list)
    planned_works: list = field(default_factory=list)
    sessions_held: int = 0
    # Deadlines the catch-up found it could not keep, so that it does not try them again.
    given_up: set[int] = field(default_factory=set)
    # Until when no duty falls due, as the last catch-up found (None: look again).
    quiet_until: datetime | None = None
    _staff: dict = field(default_factory=dict)
    _words: dict | None = None
    _people: list | None = None

    @property
    def rng(self):
        return self.scene.rng

    @property
    def manager(self):
        return self.scene.manager

    @property
    def lead(self):
        return self.case.case_manager or self.scene.manager

    @property
    def now(self) -> datetime:
        return self.scene.now

    def at(self, moment: datetime) -> AbstractContextManager:
        """Play the next write at `moment` (never before the last one, never in the future)."""
        moment = max(moment, self.last + timedelta(minutes=1))
        self.last = min(moment, self.now - timedelta(seconds=5))
        return played_at(self.last)

    def refresh(self) -> Case:
        self.case.refresh_from_db()
        return self.case

    # People

    def people(self) -> list[CasePerson]:
        return list(
            CasePerson.objects.filter(case=self.case).select_related("person").order_by("id")
        )

    def primary_link(self) -> CasePerson:
        return next(p for p in self.people() if p.person_id == self.case.primary_person_id)

    def adults_around(self) -> list[CasePerson]:
        """The parents, guardian or carers of the case (not the main person, not siblings)."""
        kept = {CasePersonRole.PARENT, CasePersonRole.GUARDIAN, CasePersonRole.FOSTER_PARENT}
        return [p for p in self.people() if p.role in kept]

    def staff(self, role: str):
        """Who does the work of `role` (PSYCH or SOCIAL): a team member if one fits, else a
        specialist of the centre, the same one for the whole case."""
        if role not in self._staff:
            wanted = Role.PSYCHOLOGIST if role == PSYCH else Role.SOCIAL_WORKER
            team = CaseTeamMember.objects.filter(case=self.case).order_by("id")
            on_case = [m.user for m in team.select_related("user") if self._role(m.user) == wanted]
            others = [u for u in self.scene.specialists if self._role(u) == wanted]
            if on_case:
                self._staff[role] = on_case[0]
            else:
                self._staff[role] = self.rng.choice(others) if others else self.lead
                self._join_team(self._staff[role])
        return self._staff[role]

    def _join_team(self, user) -> None:
        """Whoever works on the case is on its team (need-to-know): the manager adds her."""
        if user is None or CaseTeamMember.objects.filter(case=self.case, user=user).exists():
            return
        add_team_member(self.case, actor=self.scene.manager, user=user)

    def _role(self, user) -> str:
        return self.scene.roles.get(user.pk, "")

    def service(self, wanted: str) -> str:
        """The service as the centre offers it (counselling stands in for what it does not)."""
        offered = self.case.centre.services
        return wanted if wanted in offered else Service.COUNSELLING

    # Words

    def text(self, template: str) -> str:
        return template.format_map(self.words())

    def words(self) -> dict:
        if self._words is None:
            person = self.case.primary_person
            carer = self._carer()
            self._words = {
                "name": person.first_name,
                "carer": carer,
                "Carer": carer[:1].upper() + carer[1:],
                "school": person.school or "училището",
                "town": self.scene.place.town,
                "age": person.age_on(local_day(self.case.registered_at)) or "няколко",
            }
        return self._words

    def _carer(self) -> str:
        adults = self.adults_around()
        for link in adults:
            if link.role in CARERS:
                return CARERS[link.role]
        if any(link.person.sex == Sex.FEMALE for link in adults):
            return "майката"
        return "родителите" if adults else "семейството"


@dataclass(frozen=True)
class Event:
    """One dated write of a story."""

    moment: datetime
    run: Callable[[CaseDiary], object]
    # Deadline kinds this event keeps itself, so the catch-up before it leaves them.
    keeps: frozenset = frozenset()
    # After this event no review can be held: hold the ones due up to this day before it.
    reviews_until: date | None = None
    # It sets no deadline (a session), so the duties already known still tell what is due.
    quiet: bool = False


def one_event(run: Callable) -> Callable:
    """A step that is a single write at its moment: run(diary, step)."""

    def expand(diary, step, before, at, after, last) -> list[Event]:
        return [Event(at, lambda d: run(d, step))]

    return expand
