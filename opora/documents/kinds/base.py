"""The document framework: what a kind of document is, and the registry of kinds.

A kind knows how to load its subject (the record the document is about) through the
need-to-know queries, and how to turn it into PLAIN data for its layout (str, int, date, bool,
and lists/dicts of them — never a model instance: a centre may edit the layout, and a layout
must not reach the ORM). The framework (`opora.documents.domain`) adds the letterhead, the
number, the date of issue and the signatories, renders the layout (the centre's override or
the default `documents/kinds/<code>.html`) and makes the PDF or the DOCX.

Kinds live in `opora/documents/kinds/<group>.py` and call `register(DocumentKind(...))` at
import; `DocumentsConfig.ready()` imports the groups.

Layout: `opora/documents/templates/documents/kinds/<code>.html` is the BODY only (title, number,
text, tables); the framework adds the letterhead above it and the signature lines below it
(`documents/document.html`). It is rendered by a restricted engine (built-in tags and filters
only: no {% load %}, {% include %}, {% extends %}) over the kind's data plus `title`, `number`
("" in the preview), `issued_on` (date), `place` (the municipality), `letterhead` (dict:
provider, centre, address, contacts) and `signatories` (list of dicts: name, role). Use only the
HTML subset the DOCX converter knows: h1–h3, p (class "meta" centres it, "addressee" indents
it), strong/em/u, br, ul/ol/li, table/tr/th/td (class "facts" for a two-column label/value
table), div.

URL: every kind gets `/c/<centre>/documents/<code>/<int:<url_kwarg>>/` (name
`documents:<code>`): GET is the preview page, POST issues the file. `url_kwarg` must be one of
the object keywords of tests/web/routes.py (`case_id`, `session_id`, `task_id`, `version_id`,
`contract_id`, `review_id`, `report_id`, `referral_id`, `assessment_id`, …) so that the
tenant and need-to-know walks probe it with real records of that kind. When the subject is
the case itself, `url_kwarg` is "case_id" and `subject_id` is the case's id.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.db.models import Model
from django.http import Http404
from django.utils import timezone

from opora.core.sensitivity import Sensitivity


class Audience(models.TextChoices):
    # The case file: the reader's own readable levels.
    INTERNAL = "internal", "Вътрешен (досие на случая)"
    # Leaves the centre (ОЗД, parents, institutions): only notes of the team level, whatever
    # the reader herself may read.
    EXTERNAL = "external", "Външен (излиза от центъра)"


@dataclass(frozen=True)
class Signatory:
    name: str  # „Мария Петрова“ (empty: a blank line to be filled in by hand)
    role: str  # „Родител“, „Ръководител на услугата“, „Водещ на случая“


@dataclass(frozen=True)
class DocumentRequest:
    """Who asks for which document, and what that reader may see in it.

    `case` is None while the kind's `load` runs (it finds the case from the subject) unless the
    caller already read the case through the need-to-know rule (`prepare(read_case=)`, the case
    page); the framework then fills `case` and `levels` before `build` and `signatories` run.
    levels = readable_levels(user, case) for INTERNAL; {Sensitivity.TEAM} ∩ that for EXTERNAL.
    """

    user: object
    centre: object
    case: object | None
    subject_id: int
    levels: frozenset[str] = field(default_factory=frozenset)

    def may_read(self, note, *, authors: tuple[str, ...] = ()) -> bool:
        """May this document show the note (an object with `sensitivity`)?

        Only by level: unlike a page, a document does not show a restricted note to its
        author (`authors` is accepted for INTERNAL kinds that want the page's rule).
        """
        level = getattr(note, "sensitivity", "") or Sensitivity.TEAM
        if level in self.levels:
            return True
        user_id = getattr(self.user, "pk", None)
        return bool(authors) and any(getattr(note, f, None) == user_id for f in authors)


@dataclass(frozen=True)
class DocumentKind:
    code: str  # url-safe, e.g. "session"
    title: str  # „Протокол от среща“
    subject: str  # "consultations.Session" (for the register)
    audience: Audience
    permission: str  # a rules permission checked on the centre, e.g. "cases.view_case"
    # The subject, loaded through readable_cases etc.; Http404 otherwise.
    load: Callable[[DocumentRequest], Model]
    # PLAIN data only: str, int, date, bool, lists/dicts of them.
    build: Callable[[Model, DocumentRequest], dict]
    case_of: Callable[[Model], Model]  # the subject's Case: audit case_id and access
    signatories: Callable[[Model, DocumentRequest], list[Signatory]]
    url_kwarg: str = "subject_id"  # see the module docstring
    # Why the document cannot be issued for this subject now ("" when it can): the page
    # still opens (200) and says so, and issuing is refused with that message.
    unavailable: Callable[[Model], str] = lambda subject: ""
    # A one-line description of the subject for the page and the register („Среща на 12.03.2026“).
    describe: Callable[[Model], str] = str


REGISTRY: dict[str, DocumentKind] = {}


_RESERVED_CODES = frozenset({"issued", "layouts"})  # other pages under /documents/


def register(kind: DocumentKind) -> DocumentKind:
    if kind.code in _RESERVED_CODES or not kind.code.replace("_", "").isalnum():
        raise ValueError(f"document kind code {kind.code!r} is reserved or not url-safe")
    if kind.code in REGISTRY and REGISTRY[kind.code] is not kind:
        raise ValueError(f"document kind {kind.code!r} registered twice")
    REGISTRY[kind.code] = kind
    return kind


def kind_or_404(code: str) -> DocumentKind:
    try:
        return REGISTRY[code]
    except KeyError:
        raise Http404("Няма такъв вид документ.") from None


# Helpers for kinds: loading through need-to-know, and plain values for the layouts.


def readable_case_or_404(request: DocumentRequest, case_id: int):
    """The case, if the requester reads it (the need-to-know rule); Http404 otherwise."""
    from opora.cases.domain.access import readable_cases

    if request.case is not None and request.case.pk == case_id:
        return request.case  # already read through the rule by the caller (`prepare(read_case=)`)
    case = (
        readable_cases(request.user, request.centre)
        .select_related("primary_person", "case_manager", "centre")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404("Няма такъв случай.")
    return case


def person_name(person) -> str:
    return person.full_name if person is not None else ""


def user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def plain_date(value) -> date | None:
    """A date for the layout (a datetime in local time becomes its date)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def head_of_service(centre) -> str:
    """The name of the centre's manager (ръководител на услугата), or "" if none or several."""
    from opora.accounts.enums import Role
    from opora.accounts.models import Membership

    heads = list(
        Membership.objects.filter(centre=centre, role=Role.MANAGER, is_active=True)
        .select_related("user")
        .order_by("pk")[:2]
    )
    return user_name(heads[0].user) if len(heads) == 1 else ""


def case_facts(case) -> dict:
    """What every document of a case says about it: number, the person served, the case manager."""
    person = case.primary_person
    return {
        "case_number": case.number,
        "case_status": case.get_status_display(),
        "person_name": person_name(person),
        "person_birth_date": person.birth_date,
        "person_address": person.address,
        # A letter about a child goes to the parents (legal representatives), not to the child.
        "person_is_minor": _is_minor(person.birth_date),
        "case_manager": user_name(case.case_manager),
    }


def _is_minor(born) -> bool:
    if born is None:
        return False
    today = timezone.localdate()
    return (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) < 18


def people_of_case(case, roles) -> list[dict]:
    """The case's people in the given roles (parents, guardians…) as plain rows."""
    links = case.people.filter(role__in=list(roles)).select_related("person").order_by("pk")
    return [
        {
            "name": person_name(link.person),
            "role": link.get_role_display(),
            "address": link.person.address,
            "phone": link.person.phone,
        }
        for link in links
    ]
