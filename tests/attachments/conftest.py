import pytest

from opora.accounts.enums import Role
from opora.cases.enums import CaseStatus
from tests.factories import make_case, make_member, put_on_team


@pytest.fixture(autouse=True)
def folder(settings, tmp_path):
    """Each test's own attachment folder, so that what it leaves on disk can be counted."""
    settings.OPORA_ATTACHMENT_DIR = tmp_path / "attachments"
    return settings.OPORA_ATTACHMENT_DIR


@pytest.fixture
def team_case(centre, manager, psychologist, social_worker):
    """Active, led by the psychologist, with the social worker on the team."""
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    return put_on_team(case, social_worker)


@pytest.fixture
def bystander(centre):
    """A social worker of the same centre who is on no team."""
    return make_member(centre, Role.SOCIAL_WORKER, first_name="Павлина", last_name="Странична")


def files_in(folder) -> list:
    return sorted(folder.iterdir()) if folder.exists() else []
