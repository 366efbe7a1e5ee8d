"""A document of a kind for one subject: its plain context, its HTML, and the files.

`prepare` loads the subject through the kind (need-to-know) and settles what the reader may
see; `document_html` fills the layout and wraps it with the letterhead and the signature
lines; `output.pdf` and `output.docx` make the files from that HTML.
"""

from dataclasses import dataclass, replace
from datetime import date

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from opora.cases.domain.access import readable_levels
from opora.core.sensitivity import Sensitivity
from opora.documents.domain.layouts import layout_of, render_layout
from opora.documents.kinds.base import Audience, DocumentKind, DocumentRequest, Signatory

# What the framework puts in every layout's context; a kind's data may not use these names.
FRAMEWORK_KEYS = frozenset({"title", "number", "issued_on", "place", "letterhead", "signatories"})


@dataclass(frozen=True)
class Prepared:
    kind: DocumentKind
    subject: object
    request: DocumentRequest

    @property
    def case(self):
        return self.request.case


@dataclass(frozen=True)
class Letterhead:
    provider: str
    centre: str
    address: str
    contacts: str


def prepare(kind: DocumentKind, *, user, centre, subject_id: int, read_case=None) -> Prepared:
    """The subject as the reader may see it in this kind of document; Http404 if she may not.

    `read_case`: a case the caller already loaded through the need-to-know rule (the case page),
    so a kind keyed by that case does not load it again (`readable_case_or_404`)."""
    if not user.has_perm(kind.permission, centre):
        raise Http404("Няма такъв документ.")
    request = DocumentRequest(user=user, centre=centre, case=read_case, subject_id=subject_id)
    subject = kind.load(request)
    case = kind.case_of(subject)
    if case is None or case.centre_id != centre.pk:
        raise Http404("Няма такъв документ.")
    levels = frozenset(readable_levels(user, case))
    if not levels:
        raise Http404("Няма такъв документ.")
    if kind.audience == Audience.EXTERNAL:
        levels = levels & {Sensitivity.TEAM}
    return Prepared(kind, subject, replace(request, case=case, levels=levels))


def letterhead_of(centre) -> Letterhead:
    contacts = [f"тел. {centre.phone}" if centre.phone else "", centre.email]
    return Letterhead(
        provider=centre.provider_name,
        centre=centre.name,
        address=centre.address or f"община {centre.municipality}",
        contacts=" · ".join(c for c in contacts if c),
    )


def document_context(prepared: Prepared, *, number: str = "", issued_on: date | None = None):
    """The plain data a layout sees: the kind's own, and the framework's."""
    centre = prepared.request.centre
    data = prepared.kind.build(prepared.subject, prepared.request)
    if clash := FRAMEWORK_KEYS & data.keys():
        raise ValueError(f"{prepared.kind.code}: build() may not set {sorted(clash)}")
    signatories = prepared.kind.signatories(prepared.subject, prepared.request)
    return {
        **data,
        "title": prepared.kind.title,
        "number": number,
        "issued_on": issued_on or timezone.localdate(),
        "place": centre.municipality,
        "letterhead": _plain_letterhead(letterhead_of(centre)),
        "signatories": [{"name": s.name, "role": s.role} for s in signatories],
    }


def document_html(prepared: Prepared, *, number: str = "", issued_on: date | None = None) -> str:
    """The whole document as HTML: letterhead, the filled layout, the signature lines."""
    context = document_context(prepared, number=number, issued_on=issued_on)
    body = render_layout(layout_of(prepared.request.centre, prepared.kind.code), context)
    return render_to_string("documents/document.html", {**context, "body": body})


def body_html(prepared: Prepared, *, source: str | None = None, number: str = "") -> str:
    """Only the filled layout (the preview of the page, or of a layout being edited)."""
    context = document_context(prepared, number=number)
    if source is None:
        source = layout_of(prepared.request.centre, prepared.kind.code)
    return render_layout(source, context)


def signature_rows(signatories: list[Signatory]) -> list[dict]:
    return [{"name": s.name, "role": s.role} for s in signatories]


def _plain_letterhead(letterhead: Letterhead) -> dict:
    return {
        "provider": letterhead.provider,
        "centre": letterhead.centre,
        "address": letterhead.address,
        "contacts": letterhead.contacts,
    }


# How many of the newest records `sample` tries (it stops at the first that fits).
SAMPLE_CANDIDATES = 500


def sample(kind: DocumentKind, *, user, centre) -> Prepared | None:
    """A subject to preview a layout with: the latest one issued, else the latest record of the
    kind's subject in the centre that the user may read and the document can be issued for."""
    from django.apps import apps

    from opora.documents.models import IssuedDocument

    issued = IssuedDocument.objects.filter(centre=centre, kind_code=kind.code)
    candidates = list(issued.order_by("-issued_at").values_list("subject_id", flat=True)[:3])
    model = apps.get_model(kind.subject)
    rows = model.objects.filter(**_in_centre(model, centre)).order_by("-pk")
    candidates += list(rows.values_list("pk", flat=True)[:SAMPLE_CANDIDATES])
    for subject_id in dict.fromkeys(candidates):
        try:
            prepared = prepare(kind, user=user, centre=centre, subject_id=subject_id)
        except Http404:
            continue
        if not kind.unavailable(prepared.subject):
            return prepared
    return None


def _in_centre(model, centre) -> dict:
    """The filter from the subject's model to the centre: its own, its case's, or (one step
    further, e.g. an annex through its contract) its parent's."""
    fields = {f.name: f for f in model._meta.get_fields()}
    if "centre" in fields:
        return {"centre": centre}
    if "case" in fields:
        return {"case__centre": centre}
    for name, field in fields.items():
        parent = getattr(field, "related_model", None) if field.many_to_one else None
        if parent is not None and "case" in {f.name for f in parent._meta.get_fields()}:
            return {f"{name}__case__centre": centre}
    return {"pk__in": []}
