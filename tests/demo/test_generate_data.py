"""The national-scale generator at a tiny scale: the data it writes straight to the tables holds
together the way the domain functions would have left it."""

from collections import defaultdict
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.bg import egn, pnf

from opora.accounts.models import Membership
from opora.audit import chain
from opora.cases.enums import OCCUPYING_STATUSES, TRANSITIONS, CaseStatus
from opora.cases.models import Case, CasePerson, StatusChange
from opora.centres.models import Centre
from opora.consultations.models import Session
from opora.people.models import Person, Relation
from opora.plans.models import PlanVersion

FIRST_STATUSES = {CaseStatus.INTAKE, CaseStatus.CONSULTATION_OPEN}


@pytest.fixture
def generated(db):
    out = StringIO()
    call_command("generate_data", centres=3, persons=150, cases=70, sessions=900, seed=5,
                 stdout=out, verbosity=0)  # fmt: skip
    return out.getvalue()


def test_it_writes_exactly_the_numbers_asked_for(generated):
    assert Centre.objects.filter(slug__startswith="gen-").count() == 3
    assert Person.objects.count() == 150
    assert Case.objects.count() == 70
    assert Session.objects.count() == 900
    assert "Готово: 3 центъра" in generated


def test_every_identifier_passes_the_official_checksum(generated):
    people = Person.objects.exclude(identifier="")
    assert people.filter(identifier_type="egn").exists()
    for person in people:
        check = egn if person.identifier_type == "egn" else pnf
        assert check.is_valid(person.identifier), person.identifier
        if person.identifier_type == "egn":
            assert egn.get_birth_date(person.identifier) == person.birth_date


def test_each_status_is_where_its_history_leads(generated):
    history = defaultdict(list)
    for change in StatusChange.objects.order_by("changed_at", "id"):
        history[change.case_id].append(change)
    for case in Case.objects.all():
        changes = history[case.pk]
        assert changes[0].from_status == "" and changes[0].to_status in FIRST_STATUSES
        for before, after in pairwise(changes):
            assert after.from_status == before.to_status
            assert after.to_status in TRANSITIONS[before.to_status], (case.number, after)
        assert changes[-1].to_status == case.status


def test_a_centres_cases_hold_only_its_own_people(generated):
    for link in CasePerson.objects.select_related("case", "person"):
        assert link.person.centre_id == link.case.centre_id
    for case in Case.objects.select_related("primary_person"):
        assert case.primary_person.centre_id == case.centre_id
    for relation in Relation.objects.select_related("person", "relative"):
        assert relation.person.centre_id == relation.relative.centre_id == relation.centre_id
    for session in Session.objects.select_related("case"):
        assert session.centre_id == session.case.centre_id


def test_occupied_places_never_exceed_the_capacity(generated):
    for centre in Centre.objects.filter(slug__startswith="gen-"):
        used = Case.objects.filter(centre=centre, status__in=OCCUPYING_STATUSES).count()
        assert used <= centre.capacity


def test_casework_follows_the_status(generated):
    for case in Case.objects.filter(status__in=[CaseStatus.ACTIVE, CaseStatus.UNDER_REVIEW]):
        assert case.plan_versions.filter(status="approved").exists()
        assert case.contracts.filter(status="signed").exists()
        assert case.team.filter(user=case.case_manager).exists()
    for case in Case.objects.filter(status=CaseStatus.INTAKE):
        assert not PlanVersion.objects.filter(case=case).exists()
        assert not case.sessions.exists()


def test_staff_can_sign_in_with_a_second_factor(generated):
    members = Membership.objects.filter(centre__slug__startswith="gen-")
    assert members.filter(role="manager").count() == 3
    for membership in members:
        assert TOTPDevice.objects.filter(user=membership.user, confirmed=True).exists()


def test_the_audit_trail_stays_one_unbroken_chain(generated):
    verdict = chain.verify()
    assert verdict.broken is None
    assert verdict.checked > 70


def test_a_second_run_adds_centres_after_the_first(generated):
    call_command("generate_data", centres=1, cases=5, sessions=20, stdout=StringIO(), verbosity=0)
    assert Centre.objects.filter(slug="gen-004").exists()
    assert Person.objects.count() == 160  # 2 × cases by default
    assert chain.verify().broken is None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"centres": 0, "cases": 5}, "поне 1 център"),
        ({"centres": 3, "cases": 2}, "поне колкото центровете"),
        ({"centres": 1, "cases": 5, "sessions": -1}, "отрицателен"),
        ({"centres": 1, "cases": 5, "years": 0}, "над 0"),
    ],
)
def test_bad_numbers_are_refused_with_a_clear_message(db, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_data", stdout=StringIO(), verbosity=0, **options)
    assert not Centre.objects.filter(slug__startswith="gen-").exists()
