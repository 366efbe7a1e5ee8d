"""Named reads of attachments: each starts from the centre (or from a case or person already found
in it through need-to-know) and marks every row with what this reader may see of it.

A case's attachments are read by whoever reads the case (`cases.domain.access`), each at its
sensitivity level (`readable_levels`, the author always reads her own). A person's attachments
are read by whoever may open the person (`readable_people`); the levels are those of the
reader on the person's cases, and for a person on no case those of a team member (psychologists
read the therapy level, the manager hers).
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.attachments.models import Attachment
from opora.cases.domain.access import (
    can_read_person,
    may_read_note,
    readable_cases,
    readable_levels,
    readable_people,
)
from opora.cases.models import CasePerson
from opora.core.sensitivity import Sensitivity, levels_for

AUTHORS = ("created_by_id",)
# The case page and the person page show this many; the list page shows them all.
PANEL_SIZE = 8


def _base() -> QuerySet[Attachment]:
    return Attachment.objects.select_related("created_by", "removed_by")


def person_levels(user, person) -> frozenset[str]:
    """The sensitivity levels of a person's own attachments that the user reads."""
    if not can_read_person(user, person):
        return frozenset()
    links = CasePerson.objects.filter(person=person).select_related("case")
    cases = [link.case for link in links]
    if not cases:
        role = role_in(user, person.centre_id)
        return levels_for(
            on_team=True,
            is_psychologist=role == Role.PSYCHOLOGIST,
            is_manager=role == Role.MANAGER,
        )
    levels: set[str] = {Sensitivity.TEAM}
    for case in cases:
        levels |= readable_levels(user, case)
    return frozenset(levels)


def with_visibility(user, attachments, levels) -> list[Attachment]:
    """Mark each attachment `visible` (its title, note and file) for the user; returns the list."""
    rows = list(attachments)
    for attachment in rows:
        attachment.visible = may_read_note(user, levels, attachment, authors=AUTHORS)
    return rows


def attachments_of_case(user, case, *, limit: int | None = None) -> list[Attachment]:
    """A readable case's attachments, newest document first, removed ones included."""
    rows = _base().filter(case=case)
    return with_visibility(user, rows[:limit] if limit else rows, readable_levels(user, case))


def attachments_of_person(user, person, *, limit: int | None = None) -> list[Attachment]:
    rows = _base().filter(person=person)
    return with_visibility(user, rows[:limit] if limit else rows, person_levels(user, person))


def count_of(*, case=None, person=None) -> int:
    subject = {"case": case} if case is not None else {"person": person}
    return Attachment.objects.filter(**subject).count()


def person_in(user, centre, person_id: int):
    """A person of the centre whose record the user may open; 404 for anyone else."""
    return get_object_or_404(readable_people(user, centre), pk=person_id)


def attachment_in(user, centre, attachment_id: int) -> Attachment:
    """One attachment of a case or person the user reads in this centre, marked `visible`; 404 for
    anything else (another centre, a case outside the user's need-to-know)."""
    readable = Q(case__in=readable_cases(user, centre)) | Q(
        person__in=readable_people(user, centre)
    )
    found = (
        _base()
        .select_related("case__centre", "case__primary_person", "person__centre")
        .filter(readable, centre=centre, pk=attachment_id)
        .first()
    )
    if found is None:
        raise Http404("Няма такъв файл.")
    if found.case_id:
        levels = readable_levels(user, found.case)
    else:
        levels = person_levels(user, found.person)
    return with_visibility(user, [found], levels)[0]


def visible_attachment_in(user, centre, attachment_id: int) -> Attachment:
    """As `attachment_in`, but a restricted or removed file is a 404 too (no file, no edit)."""
    attachment = attachment_in(user, centre, attachment_id)
    if not attachment.visible or attachment.is_removed:
        raise Http404("Няма такъв файл.")
    return attachment
