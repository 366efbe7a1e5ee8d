"""Fixtures of the foster-care and adoption tests: a roomy centre's manager and case workers."""

import pytest

from opora.fostering.enums import CandidateStatus
from tests.fostering.records import make_candidate


@pytest.fixture
def candidate_at(centre, manager, social_worker):
    """`candidate_at("assessment")`: a family led by the social worker, walked to that stage."""

    def make(status=CandidateStatus.ENQUIRY, **kwargs):
        kwargs.setdefault("worker", social_worker)
        return make_candidate(centre, manager, status, **kwargs)

    return make
