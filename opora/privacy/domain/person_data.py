"""Everything the centre holds about one person, for a data subject's access request (ОРЗД чл. 15).

The records are described field by field from the models' Bulgarian labels, so a field added to
a model later appears in the file without a change here; fields without a Bulgarian label are
technical (ids, search keys, revision counters) and stay out. Notes whose sensitivity the
requester may not read (psychologists' therapy notes) are withheld and counted: the file says
they exist and are withheld under the professional secrecy exemption.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import models
from django.db.models import Q
from django.utils import timezone

from opora.audit.labels import action_label
from opora.audit.models import AuditEntry
from opora.cases.domain.access import may_read_note, readable_cases, readable_levels
from opora.cases.models import Case, CasePerson
from opora.centres.enums import Service
from opora.consultations.domain.queries import NOTE_AUTHORS
from opora.core.sensitivity import Sensitivity
from opora.people.models import Person, Relation

_CYRILLIC = re.compile(r"[а-яА-Я]")
# Fields that say where a record sits, not what it holds.
_STRUCTURE = frozenset({"centre", "case", "search_name", "revision"})
# Who wrote a note of each kind (for "the author always reads her own note").
_AUTHORS = {"consultations.session": NOTE_AUTHORS}


@dataclass
class Entry:
    """One record: a title and its facts (label, value), with the records that belong to it."""

    title: str
    facts: list[tuple[str, str]]
    children: list["Entry"] = field(default_factory=list)
    withheld: bool = False


@dataclass
class Part:
    title: str
    entries: list[Entry]


@dataclass
class CaseFile:
    case: Case
    role: str
    parts: list[Part]


@dataclass
class AuditLine:
    at: datetime
    actor: str
    action: str
    subject: str


@dataclass
class PersonData:
    person: Person
    facts: list[tuple[str, str]]
    relations: list[str]
    cases: list[CaseFile]
    other: list[Entry]
    audit: list[AuditLine]
    withheld_notes: int
    generated_at: datetime

    @property
    def record_count(self) -> int:
        entries = sum(len(part.entries) for file in self.cases for part in file.parts)
        return (
            1 + len(self.relations) + len(self.cases) + entries + len(self.other) + len(self.audit)
        )


def gather_person_data(person: Person, *, reader) -> PersonData:
    """What the file holds; every case is read through the requester's own access."""
    counter = _Withheld()
    links = _case_links(person, reader)
    return PersonData(
        person=person,
        facts=describe(person),
        relations=_relations(person),
        cases=[_case_file(link, reader, counter) for link in links],
        other=_other_records(person, counter),
        audit=_audit(person, [link.case_id for link in links]),
        withheld_notes=counter.count,
        generated_at=timezone.now(),
    )


class _Withheld:
    def __init__(self):
        self.count = 0


def _case_links(person: Person, reader) -> list[CasePerson]:
    readable = readable_cases(reader, person.centre).values("pk")
    return list(
        CasePerson.objects.filter(person=person, case__in=readable)
        .select_related("case", "case__case_manager", "case__primary_person")
        .order_by("case__registered_at", "case_id")
    )


def _relations(person: Person) -> list[str]:
    own = Relation.objects.filter(person=person).select_related("relative")
    others = Relation.objects.filter(relative=person).select_related("person")
    lines = [f"{r.relative.full_name} е {r.get_kind_display()} на лицето" for r in own]
    lines += [f"Лицето е {r.get_kind_display()} на {r.person.full_name}" for r in others]
    return lines


def _case_file(link: CasePerson, reader, counter: _Withheld) -> CaseFile:
    case = link.case
    levels = readable_levels(reader, case)

    def entries(queryset) -> list[Entry]:
        return [_entry(obj, reader, levels, counter) for obj in queryset]

    history = case.status_history.order_by("changed_at", "id")

    parts = [
        Part("Случаят", [_case_entry(case)]),
        Part("История на статуса", [_status_entry(c) for c in history]),
        Part("Насочвания", entries(case.referrals.order_by("received_at"))),
        Part("Оценка на потребностите (ИОП)", entries(case.assessments.order_by("number"))),
        Part("Планове (ИПП)", entries(case.plan_versions.order_by("number"))),
        Part("Договори", entries(case.contracts.order_by("created_at"))),
        Part("Срещи и консултации", entries(case.sessions.order_by("date", "start_time"))),
        Part("Прегледи на плана", entries(case.reviews.order_by("held_on"))),
        Part("Приключване", entries(case.closure_proposals.order_by("proposed_at"))),
        Part("Проследяване", entries(case.follow_up_contacts.order_by("contacted_on"))),
        Part("Доклади до насочващия орган", entries(case.referrer_reports.order_by("due_on"))),
        Part("Задачи", entries(case.tasks.order_by("due_at"))),
        Part("Срокове", entries(case.deadlines.order_by("due_on"))),
        Part("Прикачени файлове", entries(case.attachments.order_by("document_date", "id"))),
    ]
    return CaseFile(case=case, role=link.get_role_display(), parts=parts)


def _case_entry(case: Case) -> Entry:
    facts = describe(case)
    groups = ", ".join(g.get_group_display() for g in case.target_groups.all())
    services = ", ".join(s.get_service_display() for s in case.services.all())
    team = ", ".join(str(member.user) for member in case.team.select_related("user"))
    extra = [("целеви групи", groups), ("услуги", services), ("екип", team)]
    return Entry(str(case), facts + [(label, value) for label, value in extra if value])


def _status_entry(change) -> Entry:
    moment = _format(change.changed_at)
    to = change.get_to_status_display()
    facts = [("от", change.changed_by_name)] + ([("бележка", change.note)] if change.note else [])
    return Entry(f"{moment}: {to}", facts)


# The records that belong to a record, shown under it.
_CHILDREN = {
    "assessments.assessment": lambda a: a.info_requests.order_by("sent_on", "id"),
    "plans.planversion": lambda v: v.goals.order_by("order", "id"),
    "plans.goal": lambda g: g.activities.order_by("id"),
    "plans.contract": lambda c: c.annexes.order_by("signed_on", "id"),
    "reviews.review": lambda r: r.progress.order_by("id"),
    "closure.closureproposal": lambda p: p.goals.order_by("id"),
}


def _entry(obj, reader, levels, counter: _Withheld) -> Entry:
    withheld = _is_withheld(obj, reader, levels)
    counter.count += withheld
    children = _CHILDREN.get(obj._meta.label_lower)
    kids = [_entry(kid, reader, levels, counter) for kid in children(obj)] if children else []
    return Entry(str(obj), describe(obj, without_text=withheld), kids, withheld)


def _is_withheld(obj, reader, levels) -> bool:
    if not hasattr(obj, "sensitivity"):
        return False
    authors = _AUTHORS.get(obj._meta.label_lower, ("created_by_id",))
    return not may_read_note(reader, levels, obj, authors=authors)


# What points to a person and is already in the file (or is the privacy tools' own bookkeeping).
_IN_THE_FILE = frozenset(
    {"cases.Case", "cases.CasePerson", "people.Relation", "plans.Contract",
     "privacy.LegalHold", "privacy.Anonymisation"}
)  # fmt: skip


def _other_records(person: Person, counter: _Withheld) -> list[Entry]:
    """Rows of other registers that name the person (a group programme, the foster-care registers):
    their facts, found through the model relations, so a register added later is listed too. A
    row with a sensitivity above the team's keeps its text out (no case to weigh it against)."""
    entries = []
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if model._meta.label in _IN_THE_FILE or not relation.field.concrete:
            continue
        kind = str(model._meta.verbose_name).capitalize()
        rows = model._default_manager.filter(**{relation.field.name: person}).order_by("pk")
        for row in rows:
            withheld = getattr(row, "sensitivity", Sensitivity.TEAM) != Sensitivity.TEAM
            counter.count += withheld
            entries.append(
                Entry(f"{kind}: {row}", describe(row, without_text=withheld), [], withheld)
            )
    return entries


def _audit(person: Person, case_ids: list[int]) -> list[AuditLine]:
    about = Q(object_type="people.person", object_id=str(person.pk)) | Q(case_id_copy__in=case_ids)
    entries = AuditEntry.objects.filter(centre_id_copy=person.centre_id).filter(about)
    return [
        AuditLine(e.at, e.actor_name, action_label(e.action), e.object_repr)
        for e in entries.order_by("at", "id")
    ]


# Describing a record from its fields


def describe(obj: models.Model, *, without_text: bool = False) -> list[tuple[str, str]]:
    """(label, value) for every filled, labelled field; free text left out if `without_text`."""
    facts = []
    for model_field in obj._meta.concrete_fields:
        label = str(model_field.verbose_name)
        if model_field.name in _STRUCTURE or not _CYRILLIC.search(label):
            continue
        if without_text and isinstance(model_field, models.TextField):
            continue
        value = _value(obj, model_field)
        if value:
            facts.append((label, value))
    return facts


def _value(obj, model_field) -> str:
    raw = getattr(obj, model_field.attname)
    if raw in (None, "", [], {}):
        return ""
    if model_field.choices:
        return str(getattr(obj, f"get_{model_field.name}_display")())
    if model_field.is_relation:
        return str(getattr(obj, model_field.name))
    if isinstance(raw, list):
        return ", ".join(_service_label(item) for item in raw)
    return _format(raw)


def _format(value) -> str:
    if isinstance(value, bool):
        return "да" if value else "не"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _service_label(code) -> str:
    return Service(code).label if code in Service.values else str(code)
