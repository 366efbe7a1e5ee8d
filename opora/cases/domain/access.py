"""Need-to-know inside a centre: who may read a case's content. The one place that decides.

A case's content (its page and every page under /c/<slug>/cases/<id>/, the people on it, their
sessions, plans, assessments, reviews, closure, deadlines, tasks and the timeline) is readable by:

- the centre's manager;
- the case team: the case manager and every `CaseTeamMember`;
- a user holding an active access grant for the case (a granted `CaseAccessRequest` that has not
  expired or been revoked);
- while the case is still in intake or on the waiting list, the person who registered one of its
  referrals (she must be able to finish the registration).

Other case workers of the centre know only that the case exists (`directory_cases`: number,
child's name, status, case manager), so they can ask for access and avoid duplicates. Roles
without case work (the accountant) read nothing and see no directory.

A person is readable when she is on a readable case, or on no case at all (a person just entered,
a relative not yet on a case). Every case worker finds every person of the centre in the search
(a directory entry: name, birth date, masked ЕГН), so that nobody registers a duplicate.

Inside a readable case, notes carry a sensitivity (`opora.core.sensitivity`); `readable_levels`
gives the levels a reader sees. The author of a note always reads her own note: the note
queries add that condition (`may_read_note`, `note_visible_q`).
"""

import rules
from django.db.models import Q, QuerySet
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.cases.enums import INTAKE_STATUSES, AccessRequestStatus
from opora.cases.models import Case, CaseAccessRequest, CasePerson, CaseTeamMember
from opora.core.sensitivity import Sensitivity, levels_for
from opora.people.models import Person

_CACHE = "_opora_can_read"


def _is_case(obj) -> bool:
    meta = getattr(obj, "_meta", None)
    return meta is not None and meta.label == "cases.Case" and bool(obj.pk)


def active_grants(user, *, today=None) -> QuerySet[CaseAccessRequest]:
    """The user's access grants in force today (granted, not expired, not revoked)."""
    today = today or timezone.localdate()
    return CaseAccessRequest.objects.filter(
        requester=user, status=AccessRequestStatus.GRANTED
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def _registered_case_ids(user):
    from opora.referrals.models import Referral

    return Referral.objects.filter(registered_by=user).values("case_id")


def _readable_q(user) -> Q:
    """Cases a case worker other than the manager reads (callers limit them to the centre)."""
    return (
        Q(case_manager=user)
        | Q(pk__in=CaseTeamMember.objects.filter(user=user).values("case_id"))
        | Q(pk__in=active_grants(user).values("case_id"))
        | Q(status__in=INTAKE_STATUSES, pk__in=_registered_case_ids(user))
    )


def readable_cases(user, centre) -> QuerySet[Case]:
    """Cases of the centre whose content the user may read; none for roles without case work."""
    role = role_in(user, centre.pk)
    if role not in Role.case_workers():
        return Case.objects.none()
    cases = Case.objects.filter(centre=centre)
    if role == Role.MANAGER:
        return cases
    return cases.filter(_readable_q(user))


def directory_cases(user, centre) -> QuerySet[Case]:
    """Cases the user may know exist (directory entry only: number, name, status, case manager)."""
    if role_in(user, centre.pk) not in Role.case_workers():
        return Case.objects.none()
    return Case.objects.filter(centre=centre)


def _can_read(user, case) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    role = role_in(user, case.centre_id)
    if role not in Role.case_workers():
        return False
    if role == Role.MANAGER or case.case_manager_id == user.pk:
        return True
    found = Case.objects.filter(pk=case.pk, centre_id=case.centre_id).filter(_readable_q(user))
    return found.exists()


@rules.predicate
def can_read_case(user, case) -> bool:
    """May the user read this case's content? Cached on the case object for the request."""
    if not _is_case(case):
        return False
    cache = case.__dict__.setdefault(_CACHE, {})
    key = getattr(user, "pk", None)
    if key not in cache:
        cache[key] = _can_read(user, case)
    return cache[key]


def forget_access(case) -> None:
    """Drop the answers cached on this case object (after a grant, a team change…)."""
    case.__dict__.pop(_CACHE, None)


def is_on_team(user, case) -> bool:
    """The case manager or a team member of this case (uses the team if it was prefetched)."""
    if not _is_case(case) or not getattr(user, "pk", None):
        return False
    if case.case_manager_id == user.pk:
        return True
    prefetched = getattr(case, "_prefetched_objects_cache", {}).get("team")
    if prefetched is not None:
        return any(member.user_id == user.pk for member in prefetched)
    return CaseTeamMember.objects.filter(case_id=case.pk, user_id=user.pk).exists()


def readable_levels(user, case) -> frozenset[str]:
    """The sensitivity levels of the case's notes the user may read (none if not the case).

    The team level is read by everyone who reads the case (team, manager, grant holders, the
    registering worker during intake); psychologists' notes only by psychologists on the team;
    manager-only notes by the manager. The author reads her own note whatever its level.
    """
    if not can_read_case(user, case):
        return frozenset()
    role = role_in(user, case.centre_id)
    levels = levels_for(
        on_team=is_on_team(user, case),
        is_psychologist=role == Role.PSYCHOLOGIST,
        is_manager=role == Role.MANAGER,
    )
    return levels | {Sensitivity.TEAM}


def may_read_note(user, levels, note, *, authors: tuple[str, ...] = ("created_by_id",)) -> bool:
    """One note of a readable case: its level is among `levels`, or the user wrote it.

    `authors` names the note's fields that hold its authors (a session: who recorded it and the
    specialist who led it).
    """
    level = getattr(note, "sensitivity", "") or Sensitivity.TEAM
    if level in levels:
        return True
    user_id = getattr(user, "pk", None)
    return user_id is not None and any(getattr(note, f, None) == user_id for f in authors)


def note_visible_q(user, levels, *, authors: tuple[str, ...] = ("created_by",)) -> Q:
    """The same as `may_read_note`, as a filter over a note model."""
    condition = Q(sensitivity__in=list(levels))
    for field in authors:
        condition |= Q(**{field: user})
    return condition


# People


def _people_on_cases():
    return CasePerson.objects.values("person_id")


def readable_people(user, centre) -> QuerySet[Person]:
    """People of the centre whose record the user may open: on a readable case, or on none."""
    role = role_in(user, centre.pk)
    if role not in Role.case_workers():
        return Person.objects.none()
    people = Person.objects.filter(centre=centre)
    if role == Role.MANAGER:
        return people
    on_readable = CasePerson.objects.filter(case__in=readable_cases(user, centre))
    return people.filter(~Q(pk__in=_people_on_cases()) | Q(pk__in=on_readable.values("person_id")))


def directory_people(user, centre) -> QuerySet[Person]:
    """People the user may find in the search (name, birth date, masked ЕГН) to avoid duplicates."""
    if role_in(user, centre.pk) not in Role.case_workers():
        return Person.objects.none()
    return Person.objects.filter(centre=centre)


def can_read_person(user, person) -> bool:
    if person is None or not getattr(person, "pk", None):
        return False
    return readable_people(user, person.centre).filter(pk=person.pk).exists()


def readable_person_ids(user, centre, people) -> set[int]:
    """Which of `people` (a list) the user may open, in one query."""
    ids = [p.pk for p in people]
    if not ids:
        return set()
    return set(readable_people(user, centre).filter(pk__in=ids).values_list("pk", flat=True))


def readable_case_ids(user, centre, cases) -> set[int]:
    """Which of `cases` (a list) the user may read, in one query."""
    ids = [c.pk for c in cases]
    if not ids:
        return set()
    return set(readable_cases(user, centre).filter(pk__in=ids).values_list("pk", flat=True))


def levels_by_case(user, centre, cases) -> dict[int, frozenset[str]]:
    """`readable_levels` for many cases of the centre in two queries; no key for a case the user
    may not read (a calendar or a list spanning cases)."""
    readable = readable_case_ids(user, centre, cases)
    if not readable:
        return {}
    role = role_in(user, centre.pk)
    on_team = set(
        CaseTeamMember.objects.filter(user=user, case_id__in=readable).values_list(
            "case_id", flat=True
        )
    )
    on_team |= {c.pk for c in cases if c.pk in readable and c.case_manager_id == user.pk}
    return {
        case_id: levels_for(
            on_team=case_id in on_team,
            is_psychologist=role == Role.PSYCHOLOGIST,
            is_manager=role == Role.MANAGER,
        )
        | {Sensitivity.TEAM}
        for case_id in readable
    }


def mark_people_access(user, centre, people) -> list:
    """Search results: mark each person with `no_access`, and give those the cases they are on
    (`directory_cases`: number and status only) so the user can ask for access. Two queries."""
    readable = readable_person_ids(user, centre, people)
    hidden = [p for p in people if p.pk not in readable]
    by_person: dict[int, list[Case]] = {}
    if hidden:
        links = CasePerson.objects.filter(person__in=hidden).select_related("case")
        for link in links.order_by("-case__registered_at", "-case_id"):
            by_person.setdefault(link.person_id, []).append(link.case)
    for person in people:
        person.no_access = person.pk not in readable
        person.directory_cases = by_person.get(person.pk, [])
    return people
