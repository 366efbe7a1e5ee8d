import pytest

from tests.groups.records import add_group_records


@pytest.fixture
def groups(centre, manager, psychologist, social_worker):
    """The programmes of tests/groups/records.py in Харманли, led by the psychologist."""
    return add_group_records(centre, manager, [psychologist])
