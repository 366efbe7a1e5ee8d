"""The columns each generator fills, per table (every other column takes its default)."""

from django.apps import apps

from opora.accounts.models import Membership, User
from opora.assessments.models import Assessment
from opora.audit.models import AuditEntry
from opora.cases.models import (
    Case,
    CasePerson,
    CaseService,
    CaseTargetGroup,
    CaseTeamMember,
    StatusChange,
    WaitingListEntry,
)
from opora.centres.models import Centre, CentreSettings
from opora.closure.models import ClosureProposal
from opora.consultations.models import Session
from opora.deadlines.models import Deadline
from opora.demo.scale.families import PERSON_COLUMNS
from opora.demo.scale.writer import Table
from opora.people.models import Person, Relation
from opora.plans.models import Activity, Contract, Goal, PlanEvent, PlanVersion
from opora.referrals.models import Referral
from opora.reviews.models import Review

AUDIT_COLUMNS = (
    "id", "at", "actor_id", "actor_name", "centre_id_copy", "action", "object_type", "object_id",
    "object_repr", "changes",
)  # fmt: skip
# The hash chain of the audit trail (opora.audit.chain): filled in id order by the generator.
CHAIN_COLUMNS = ("case_id_copy", "prev_hash", "hash")
HAS_CHAIN = all(
    any(f.attname == name for f in AuditEntry._meta.concrete_fields) for name in CHAIN_COLUMNS
)


class Tables:
    """One Table per model, created once per run (defaults such as created_at use `now`)."""

    def __init__(self, now):
        t = lambda model, *columns: Table(model, columns, now=now)  # noqa: E731
        self.centre = t(Centre, "id", "slug", "name", "municipality", "address", "phone", "email",
                        "opened_on", "description", "services", "target_groups", "capacity")  # fmt: skip
        self.settings = t(CentreSettings, "centre_id")
        self.user = t(User, "id", "username", "first_name", "last_name", "email", "password")
        self.membership = t(Membership, "user_id", "centre_id", "role")
        # Every member of staff signs in with a second factor: a confirmed authenticator app.
        self.device = (
            t(totp_device(), "user_id", "name", "confirmed", "key") if totp_device() else None
        )
        self.person = t(Person, *PERSON_COLUMNS)
        self.relation = t(Relation, "centre_id", "person_id", "relative_id", "kind")
        self.case = t(Case, "id", "centre_id", "number", "track", "primary_person_id", "status",
                      "urgency", "case_manager_id", "registered_at", "opened_at", "closed_at",
                      "closure_reason", "refusal_ground")  # fmt: skip
        self.case_person = t(CasePerson, "id", "case_id", "person_id", "role")
        self.target_group = t(CaseTargetGroup, "case_id", "group")
        self.service = t(CaseService, "case_id", "service")
        self.team = t(CaseTeamMember, "case_id", "user_id", "added_at")
        self.status_change = t(StatusChange, "case_id", "from_status", "to_status", "changed_at",
                               "changed_by_id", "changed_by_name", "note")  # fmt: skip
        self.waiting = t(WaitingListEntry, "centre_id", "case_id", "entered_at", "priority",
                         "left_at", "left_reason")  # fmt: skip
        self.referral = t(Referral, "centre_id", "case_id", "source_type", "institution",
                          "officer_name", "document_number", "document_date", "wish_declared_on",
                          "needs_summary", "chosen_services", "received_at", "registered_by_id")  # fmt: skip
        self.assessment = t(Assessment, "centre_id", "case_id", "number", "status", "occasion",
                            "assessed_on", "needs", "conclusions", "started_at", "started_by_id",
                            "updated_at", "updated_by_id", "completed_at", "completed_by_id")  # fmt: skip
        self.plan = t(PlanVersion, "id", "centre_id", "case_id", "number", "status", "start_on",
                      "review_on", "duration_class", "created_by_id", "created_at", "submitted_at",
                      "submitted_by_id", "decided_at", "decided_by_id")  # fmt: skip
        self.plan_event = t(PlanEvent, "version_id", "kind", "at", "actor_id", "actor_name")
        self.goal = t(Goal, "id", "version_id", "order", "need", "title", "expected_result")
        self.activity = t(Activity, "goal_id", "service", "description", "frequency", "setting",
                          "responsible_id")  # fmt: skip
        self.contract = t(Contract, "id", "centre_id", "case_id", "number", "status", "signatory_id",
                          "signatory_name", "signatory_capacity", "plan_version_id", "services",
                          "start_on", "end_on", "signed_on", "signed_by_id", "terminated_on",
                          "created_by_id", "created_at")  # fmt: skip
        self.review = t(Review, "centre_id", "case_id", "plan_id", "kind", "reason", "status",
                        "held_on", "decisions", "next_review_on", "started_by_id", "started_at",
                        "completed_by_id", "completed_at")  # fmt: skip
        self.proposal = t(ClosureProposal, "id", "centre_id", "case_id", "plan_id", "status",
                          "reason", "final_assessment", "proposed_by_id", "proposed_at",
                          "decided_by_id", "decided_at")  # fmt: skip
        self.session = t(Session, "id", "centre_id", "case_id", "kind", "status", "date",
                         "start_time", "duration_minutes", "setting", "lead_id", "goal_id",
                         "goal_title", "status_changed_at", "status_changed_by_id",
                         "created_by_id", "created_at", "updated_at")  # fmt: skip
        self.participant = t(Session.participants.through, "session_id", "caseperson_id")
        self.deadline = t(Deadline, "centre_id", "case_id", "kind", "source", "title", "due_on",
                          "warn_from", "responsible_id", "created_at", "done_at", "done_by_id")  # fmt: skip
        self.audit = t(AuditEntry, *AUDIT_COLUMNS, *(CHAIN_COLUMNS if HAS_CHAIN else ()))

    def in_order(self) -> list[Table]:
        """Parents before children, for the final flush of each centre."""
        return [
            self.centre, self.settings, self.user, self.membership,
            *([self.device] if self.device else []), self.person, self.relation,
            self.case, self.case_person, self.target_group, self.service, self.team,
            self.status_change, self.waiting, self.referral, self.assessment, self.plan,
            self.plan_event, self.goal, self.activity, self.contract, self.review, self.proposal,
            self.session, self.participant, self.deadline, self.audit,
        ]  # fmt: skip


def totp_device():
    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return None
    return apps.get_model("otp_totp", "TOTPDevice")


# Models whose ids the generator hands out itself (their sequences are moved on afterwards).
EXPLICIT_IDS = [Centre, User, Person, Case, CasePerson, PlanVersion, Goal, Contract,
                ClosureProposal, Session, AuditEntry]  # fmt: skip
