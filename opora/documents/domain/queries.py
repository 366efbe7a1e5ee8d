"""Reads of the register: from the centre, limited to the cases the reader may read."""

from django.db.models import QuerySet
from django.http import Http404

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.cases.domain.access import readable_cases
from opora.documents.models import IssuedDocument


def issued_documents(user, centre, *, kind: str = "", year: int | None = None) -> QuerySet:
    """The register as the user may see it: the manager all of it, others their cases' documents."""
    documents = IssuedDocument.objects.filter(centre=centre)
    if role_in(user, centre.pk) != Role.MANAGER:
        documents = documents.filter(case__in=readable_cases(user, centre).values("pk"))
    if kind:
        documents = documents.filter(kind_code=kind)
    if year:
        documents = documents.filter(year=year)
    return documents.select_related("case", "case__primary_person", "issued_by").order_by(
        "-year", "-sequence"
    )


def issued_of_subject(prepared, document_id: int) -> IssuedDocument:
    """An issued document of this very subject (its access already checked by `prepare`)."""
    document = (
        IssuedDocument.objects.filter(
            centre=prepared.request.centre, case=prepared.case,
            kind_code=prepared.kind.code, subject_id=prepared.subject.pk, pk=document_id,
        )
        .select_related("issued_by")
        .first()
    )  # fmt: skip
    if document is None:
        raise Http404("Няма такъв документ.")
    return document


def issued_for_subject(centre, kind_code: str, subject_id: int) -> list[IssuedDocument]:
    """Earlier issues of this document (the caller has already checked access to the subject)."""
    return list(
        IssuedDocument.objects.filter(centre=centre, kind_code=kind_code, subject_id=subject_id)
        .select_related("issued_by")
        .order_by("-issued_at")
    )


def register_years(centre) -> list[int]:
    years = IssuedDocument.objects.filter(centre=centre).values_list("year", flat=True)
    return sorted(set(years), reverse=True)
