"""Cases in assessment and a complete set of ИОП sections for the assessment tests."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from opora.assessments.domain.assessment import start_assessment
from opora.assessments.enums import HearingMethod
from opora.cases.enums import CaseStatus
from opora.deadlines.calendar import add_months
from tests.factories import PersonFactory, make_case


def born_years_ago(years: int, *, plus_days: int = 0) -> date:
    """A birth date `years` ago today (the birthday is today), shifted by `plus_days`."""
    return add_months(timezone.localdate(), -12 * years) + timedelta(days=plus_days)


def complete_sections(**overrides) -> dict:
    """Every section completion requires, with the child heard today."""
    values = {
        "needs": "Емоционална подкрепа след раздялата на родителите.",
        "risks": "Риск от отпадане от училище.",
        "family_environment": "Живее с майка си и баба си в двустаен апартамент.",
        "conclusions": "Детето има нужда от психологическа подкрепа.",
        "recommendations": "Психологическо консултиране, работа с майката.",
        "child_view": "Иска да вижда баща си по-често.",
        "child_heard_on": timezone.localdate(),
        "hearing_method": HearingMethod.INDIVIDUAL,
    }
    values.update(overrides)
    return values


@pytest.fixture
def child(centre):
    """A twelve-year-old: the child's view is required (ЗЗД чл. 15)."""
    return PersonFactory(
        centre=centre, first_name="Вяра", last_name="Стоева", birth_date=born_years_ago(12)
    )


@pytest.fixture
def assessing_case(centre, manager, psychologist, child):
    """A case in assessment led by the psychologist."""
    return make_case(
        centre, manager, CaseStatus.ASSESSMENT, person=child, case_manager=psychologist
    )


@pytest.fixture
def draft(assessing_case, manager, psychologist):
    """ИОП № 1 of `assessing_case`, with the psychologist on the team."""
    return start_assessment(assessing_case, actor=manager, team=[psychologist])
