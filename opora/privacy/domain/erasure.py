"""What the retention run erases in a case and blanks in a person (no transaction, no audit here).

A case whose retention period has run out loses its free text — notes, assessments, plans, session
records, reports — while its structure (dates, statuses, kinds, services, target groups) stays for
the centre's statistics. A person is anonymised once none of their cases needs them any more:
names, identifiers, contacts, address and free text go; year of birth and sex stay.
`tests/privacy/test_erasure_coverage.py` fails when a model gains free text this module misses.
"""

from datetime import date

from django.apps import apps
from django.db.models import Case as CaseWhen
from django.db.models import Value, When
from django.utils.module_loading import import_string

from opora.people.enums import IdentifierType

ERASED = "[заличено]"

# Model → (the lookup from it to its case, the free-text fields erased with the case's content).
_ASSESSMENT_TEXT = (
    "occasion", "child_wishes", "needs", "characteristics", "harm", "risks",
    "parenting_capacity", "family_environment", "changed_circumstances", "strengths",
    "child_view", "child_not_heard_reason", "parent_view", "sources", "conclusions",
    "recommendations",
)  # fmt: skip
# An attachment's text; its storage key is blanked when its file is erased (FILES below).
ATTACHMENT_TEXT = (
    "title", "sender", "note", "original_name", "removed_reason", "sha256", "storage_key",
)  # fmt: skip
CASE_TEXT: dict[str, tuple[str, tuple[str, ...]]] = {
    "cases.Case": ("pk", ("outcome_note",)),
    "cases.StatusChange": ("case", ("note",)),
    "cases.WaitingListEntry": ("case", ("left_reason",)),
    "cases.CaseAccessRequest": ("case", ("reason", "decision_note")),
    "referrals.Referral": (
        "case",
        (
            "officer_name",
            "officer_phone",
            "officer_email",
            "needs_summary",
            "proposed_services",
            "notes",
        ),
    ),
    "tasks.Task": ("case", ("title", "done_note")),
    "deadlines.Deadline": ("case", ("title",)),
    "assessments.Assessment": ("case", _ASSESSMENT_TEXT),
    "assessments.InformationRequest": ("assessment__case", ("question", "reply")),
    "plans.PlanVersion": ("case", ("child_view", "family_participation", "manager_comment")),
    "plans.Goal": ("version__case", ("need", "title", "expected_result", "indicators")),
    "plans.Activity": ("goal__version__case", ("description", "frequency")),
    "plans.PlanEvent": ("version__case", ("comment",)),
    "plans.Contract": ("case", ("signatory_name", "fee_note")),
    "plans.Annex": ("contract__case", ("changes",)),
    "consultations.Session": (
        "case",
        ("place", "goal_title", "notes", "next_steps", "status_note"),
    ),
    "reviews.Review": (
        "case",
        ("reason", "needs_change", "child_view", "child_not_heard_reason", "decisions"),
    ),
    "reviews.GoalProgress": ("review__case", ("goal_title", "comment")),
    "closure.ClosureProposal": (
        "case",
        ("reason_note", "final_assessment", "recommendations", "follow_up_plan", "manager_comment"),
    ),
    "closure.GoalOutcome": ("proposal__case", ("goal_title", "comment")),
    "closure.FollowUpContact": ("case", ("note",)),
    "closure.ReferrerReport": (
        "case",
        (
            "request_note",
            "progress",
            "risks",
            "recommendations",
            "addressee_officer",
            "cancelled_reason",
        ),
    ),
    "groups.Participant": ("case", ("left_reason",)),
    "groups.ParticipantNote": ("participant__case", ("text",)),
    "fostering.Placement": ("case", ("end_reason",)),
    "fostering.PlacementReview": ("placement__case", ("summary",)),
    "public.PublicRequest": (
        "case",
        ("first_name", "message", "phone", "email", "contact_time", "client_hash"),
    ),
    "attachments.Attachment": ("case", ATTACHMENT_TEXT),
}

# Text of case records that is not about the people served, kept with the case's structure:
# registry numbers, the institutions addressed, staff names, technical keys, the consent wording.
KEPT_TEXT: dict[str, tuple[str, ...]] = {
    "cases.Case": ("number",),
    "cases.StatusChange": ("changed_by_name",),
    "referrals.Referral": ("institution", "document_number"),
    "deadlines.Deadline": ("source",),
    "assessments.InformationRequest": ("addressee",),
    "plans.Contract": ("number",),
    "plans.PlanEvent": ("actor_name",),
    "closure.ReferrerReport": ("addressee_institution", "reference_number"),
    "groups.ParticipantNote": ("author_name",),
    "fostering.Placement": ("order_reference",),
    "public.PublicRequest": ("consent_text",),
}

# Where a person's name is copied outside the person record: model → (lookup to the person, fields).
PERSON_TEXT: dict[str, tuple[str, tuple[str, ...]]] = {
    "plans.Contract": ("signatory", ("signatory_name",)),
    "attachments.Attachment": ("person", ATTACHMENT_TEXT),
}

# Files kept outside the database, erased (before the text) with their case or person:
# model → (lookup to the case, lookup to the person, the function that erases the rows' files).
FILES: dict[str, tuple[str, str, str]] = {
    "attachments.Attachment": ("case", "person", "opora.attachments.domain.erasure.erase_files"),
}


def erase_case_content(case) -> None:
    """Every free-text field of the case and of what belongs to it: filled ones become ERASED."""
    _erase_files(case=case)
    _erase(CASE_TEXT, case)


def anonymise_person_record(person) -> None:
    """Blank what identifies the person; keep the year of birth and the sex for statistics."""
    person.first_name = "Анонимизирано"
    person.middle_name = ""
    person.last_name = f"лице № {person.pk}"
    person.identifier = ""
    person.identifier_type = IdentifierType.NONE
    person.no_identifier_reason = ""
    person.birth_date = date(person.birth_date.year, 1, 1) if person.birth_date else None
    for field in ("phone", "email", "address", "school", "notes"):
        setattr(person, field, "")
    person.refresh_search_name()
    person.save()
    _erase_files(person=person)
    _erase(PERSON_TEXT, person)


def _erase(registry: dict[str, tuple[str, tuple[str, ...]]], subject) -> None:
    for label, (lookup, fields) in registry.items():
        rows = apps.get_model(label).objects.filter(**{lookup: subject.pk})
        rows.update(**{field: _erased(field) for field in fields})


def _erase_files(*, case=None, person=None) -> None:
    for label, (case_lookup, person_lookup, erase) in FILES.items():
        lookup, subject = (case_lookup, case) if case is not None else (person_lookup, person)
        import_string(erase)(apps.get_model(label).objects.filter(**{lookup: subject.pk}))


def _erased(field: str) -> CaseWhen:
    """An empty field stays empty, so the record still shows what was never filled in."""
    return CaseWhen(When(**{field: ""}, then=Value("")), default=Value(ERASED))
