"""The records the web tests act on: a World is one centre's objects, by kind, with their ids."""

from dataclasses import dataclass, field

from opora.accounts.models import Membership, User
from opora.assessments.models import Assessment, InformationRequest
from opora.attachments.models import Attachment
from opora.cases.models import Case, CaseAccessRequest
from opora.centres.models import Centre
from opora.closure.models import ReferrerReport
from opora.consultations.models import Session
from opora.people.models import Person
from opora.plans.models import Annex, Contract, PlanVersion
from opora.privacy.models import LegalHold
from opora.referrals.models import Referral
from opora.reviews.models import Review
from opora.tasks.models import Task

# Records of the world's cases that only a document's URL names (tests/documents/web_records.py).
# kwarg → (model, lookup from it to its case).
CASE_RECORDS = {
    "referral_id": (Referral, "case"),
    "assessment_id": (Assessment, "case"),
    "annex_id": (Annex, "contract__case"),
}

CHILD_EGN = "1152034573"
CHILD_NAME = "Калина Деянова Маринова"


@dataclass
class World:
    """One centre's records, with the ids every object route of the staff UI takes.

    The casework records are keyed by what a write does with them (tests/web/routes.py WRITES):
    e.g. `versions["submitted-1"]` waits for the manager's decision, `sessions["planned"]` is today.
    """

    centre: Centre
    cases: dict[str, Case]
    child: Person
    mother: Person
    stranger: Person
    people: list[Person]
    tasks: list[Task]
    memberships: list[Membership]
    staff: dict[str, User]
    versions: dict[str, PlanVersion] = field(default_factory=dict)
    contracts: dict[str, Contract] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)
    reports: dict[str, ReferrerReport] = field(default_factory=dict)
    information_requests: dict[str, InformationRequest] = field(default_factory=dict)
    # The plan records of tests/plans/records.py, whose PLAN_WRITES the plan routes reuse.
    plans: object = None
    # The group programmes of tests/groups/records.py (GroupRecords).
    groups: object = None
    # Foster-care candidates, placements and adopters of tests/fostering/records.py.
    fostering: object = None
    # Requests for access to a case outside one's team: "pending" and "granted".
    access_requests: dict[str, CaseAccessRequest] = field(default_factory=dict)
    # Legal holds in force (privacy): "active" is the one the lift write acts on.
    holds: dict[str, LegalHold] = field(default_factory=dict)
    # Files (attachments): "case" on the worked case, "person" kept with its child.
    attachments: dict[str, Attachment] = field(default_factory=dict)

    def objects(self, kwarg: str) -> list:
        if kwarg in CASE_RECORDS:  # the documents' subjects: read from the world's cases
            model, to_case = CASE_RECORDS[kwarg]
            cases = {f"{to_case}__in": self.cases.values()}
            return list(model.objects.filter(**cases).order_by("pk"))
        return {
            "case_id": list(self.cases.values()),
            "person_id": self.people,
            "task_id": self.tasks,
            "membership_id": self.memberships,
            "version_id": list(self.versions.values()),
            "contract_id": list(self.contracts.values()),
            "session_id": list(self.sessions.values()),
            "review_id": list(self.reviews.values()),
            "report_id": list(self.reports.values()),
            "access_request_id": list(self.access_requests.values()),
            "hold_id": list(self.holds.values()),
            "attachment_id": list(self.attachments.values()),
            "programme_id": list(self.groups.programmes.values()) if self.groups else [],
            "group_session_id": self.groups.all_sessions() if self.groups else [],
            "participant_id": self.groups.all_participants() if self.groups else [],
            **{
                name: self.fostering.objects(name) if self.fostering else []
                for name in ("candidate_id", "placement_id", "adopter_id")
            },
        }[kwarg]

    def ids(self, kwarg: str) -> list[int]:
        return [obj.pk for obj in self.objects(kwarg)]
