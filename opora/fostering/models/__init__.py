from opora.fostering.models.adopter import (
    AdopterContact,
    AdopterFamily,
    AdopterMember,
    AdopterStatusChange,
)
from opora.fostering.models.candidate import (
    Candidate,
    CandidateContact,
    CandidateMember,
    CandidateReport,
    CandidateStatusChange,
    CommissionDecision,
    Referee,
)
from opora.fostering.models.placement import Placement, PlacementReview
from opora.fostering.models.settings import EDITABLE_SETTINGS, FosteringSettings

__all__ = [
    "EDITABLE_SETTINGS",
    "AdopterContact",
    "AdopterFamily",
    "AdopterMember",
    "AdopterStatusChange",
    "Candidate",
    "CandidateContact",
    "CandidateMember",
    "CandidateReport",
    "CandidateStatusChange",
    "CommissionDecision",
    "FosteringSettings",
    "Placement",
    "PlacementReview",
    "Referee",
]
