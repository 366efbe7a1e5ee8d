"""Who holds the ИОП and general-access permissions, on the centre and on a case."""

import pytest

from opora.accounts.models import User

CAST = [
    "manager",
    "psychologist",
    "social_worker",
    "accountant",
    "outsider_manager",
    "outsider_psychologist",
    "sysadmin",
]


@pytest.fixture
def holders(request, centre, other_centre):
    users = {name: request.getfixturevalue(name) for name in CAST}

    def who(permission, obj) -> set[str]:
        # A fresh instance each time: roles are cached on the user object.
        return {n for n, u in users.items() if User.objects.get(pk=u.pk).has_perm(permission, obj)}

    return who


@pytest.mark.parametrize(
    ("permission", "expected"),
    [
        ("assessments.view_assessment", {"manager", "psychologist", "social_worker"}),
        ("assessments.start_assessment", {"manager"}),
        ("cases.open_consultation", {"manager", "psychologist", "social_worker"}),
        ("cases.close_consultation", {"manager", "psychologist", "social_worker"}),
    ],
)
def test_on_the_centre_and_on_its_case(permission, expected, holders, centre, assessing_case):
    assert holders(permission, centre) == expected
    assert holders(permission, assessing_case) == expected


def test_the_ioop_is_written_by_the_manager_and_the_case_team(holders, assessing_case):
    """The psychologist leads the case; the social worker is not on its team."""
    assert holders("assessments.edit_assessment", assessing_case) == {"manager", "psychologist"}


def test_asked_about_the_centre_edit_answers_only_for_the_manager(holders, centre):
    assert holders("assessments.edit_assessment", centre) == {"manager"}
