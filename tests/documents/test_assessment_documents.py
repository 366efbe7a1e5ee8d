"""The ИОП and the session record as documents, and sensitivity: a psychologist-only or a
manager-only note never reaches a document that leaves the centre, nor an internal one issued
by a reader without its level."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from opora.accounts.enums import Role
from opora.assessments.domain.assessment import complete_assessment, start_assessment
from opora.assessments.domain.requests import add_information_request, record_reply
from opora.assessments.enums import AddresseeKind
from opora.cases.enums import CaseStatus
from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import plan_session, record_session
from opora.consultations.enums import SessionKind
from opora.core.sensitivity import Sensitivity
from opora.documents.models import IssuedDocument
from tests.assessments.conftest import born_years_ago, complete_sections
from tests.documents.helpers import document_url, issue, text_of
from tests.factories import PersonFactory, make_case, make_member, put_on_team

TEAM_NOTE = "Разговаряхме за училището и приятелите."
PSYCHOLOGIST_NOTE = "Терапевтична бележка: нощни страхове след раздялата."
MANAGER_NOTE = "Само за ръководителя: сигнал от съседите."
RESTRICTED = (PSYCHOLOGIST_NOTE, MANAGER_NOTE)

pytestmark = pytest.mark.usefixtures("provider")


@pytest.fixture
def case(centre, manager, psychologist, social_worker):
    """In assessment, led by the psychologist, with the social worker on the team."""
    child = PersonFactory(
        centre=centre, first_name="Вяра", last_name="Стоева", birth_date=born_years_ago(12)
    )
    case = make_case(
        centre, manager, CaseStatus.ASSESSMENT, person=child, case_manager=psychologist
    )
    return put_on_team(case, social_worker)


@pytest.fixture
def assessment(case, manager, psychologist):
    draft = start_assessment(case, actor=manager, team=[psychologist])
    asked = add_information_request(
        draft, actor=psychologist, addressee="ОУ „Христо Ботев“", addressee_kind=AddresseeKind.SCHOOL,
        question="Посещава ли редовно?", due_on=timezone.localdate() + timedelta(days=7),
    )  # fmt: skip
    record_reply(
        asked, actor=psychologist, reply="Има 12 отсъствия.", replied_on=timezone.localdate()
    )
    return complete_assessment(draft, actor=psychologist, data=complete_sections())


def _session(case, lead, *, hour: int, notes: str, sensitivity: str):
    child = case.people.get(person=case.primary_person)
    data = SessionData(
        kind=SessionKind.ASSESSMENT, date=timezone.localdate(), start_time=time(hour),
        duration_minutes=50, lead=lead, participants=(child,), notes=notes,
        next_steps=f"Следваща стъпка към: {notes}", sensitivity=sensitivity,
    )  # fmt: skip
    return record_session(case, actor=lead, data=data)


@pytest.fixture
def sessions(case, psychologist, manager):
    return {
        "team": _session(case, psychologist, hour=8, notes=TEAM_NOTE, sensitivity=Sensitivity.TEAM),
        "psychologists": _session(
            case,
            psychologist,
            hour=10,
            notes=PSYCHOLOGIST_NOTE,
            sensitivity=Sensitivity.PSYCHOLOGISTS,
        ),
        "manager": _session(
            case, manager, hour=12, notes=MANAGER_NOTE, sensitivity=Sensitivity.MANAGER
        ),
    }


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_the_assessment_carries_its_sections_team_and_requests(
    file_format, centre, psychologist, client_of, case, assessment
):
    response = issue(client_of(psychologist), centre, "assessment", assessment.pk, file_format)

    assert response.status_code == 200
    text = text_of(response)
    number = IssuedDocument.objects.get().number
    for expected in (
        case.number, "Вяра Стоева", "ЦОП „Надежда“ – Харманли", "Община Харманли", f"№ {number}",
        "Емоционална подкрепа след раздялата на родителите.", "Иска да вижда баща си по-често.",
        "Психологическо консултиране, работа с майката.", "ОУ „Христо Ботев“",
        "Посещава ли редовно?", "Има 12 отсъствия.", psychologist.get_full_name(),
    ):  # fmt: skip
        assert expected in text, expected


def test_a_draft_assessment_is_not_issued(centre, manager, client_of, case, psychologist):
    draft = start_assessment(case, actor=manager, team=[psychologist])

    page = client_of(manager).get(document_url(centre, "assessment", draft.pk))
    posted = issue(client_of(manager), centre, "assessment", draft.pk)

    assert "ИОП е чернова" in page.content.decode()
    assert posted.status_code == 400
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_the_session_record_carries_the_session(
    file_format, centre, psychologist, client_of, case, sessions
):
    response = issue(client_of(psychologist), centre, "session", sessions["team"].pk, file_format)

    text = text_of(response)
    for expected in (
        case.number, "Вяра Стоева", "Община Харманли", "Среща по оценката (ИОП)",
        timezone.localdate().strftime("%d.%m.%Y"), "08:00 – 08:50", TEAM_NOTE,
        f"№ {IssuedDocument.objects.get().number}",
    ):  # fmt: skip
        assert expected in text, expected


def test_a_planned_session_has_no_record_yet(centre, manager, psychologist, client_of, case):
    child = case.people.get(person=case.primary_person)
    planned = plan_session(case, actor=manager, data=SessionData(
        kind=SessionKind.ASSESSMENT, date=timezone.localdate() + timedelta(days=1),
        start_time=time(9), duration_minutes=50, lead=psychologist, participants=(child,),
    ))  # fmt: skip

    response = issue(client_of(manager), centre, "session", planned.pk)

    assert response.status_code == 400
    assert "Протокол се издава за проведена среща" in response.content.decode()


# Sensitivity (the issue's requirement): EXTERNAL documents never carry restricted notes, even
# when the manager issues them; INTERNAL ones only what their reader may read.


@pytest.mark.parametrize("code", ["acknowledgement", "notification", "refusal"])
@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_documents_that_leave_the_centre_never_carry_a_restricted_note(
    code, file_format, centre, manager, client_of, sessions
):
    case = sessions["team"].case
    if code == "refusal":
        from opora.cases.domain.intake import refuse_case

        refuse_case(case, actor=manager, ground="needs_not_met", reason="Нужна е резидентна грижа.")
    if code == "notification":
        from opora.tasks.enums import TaskKind
        from opora.tasks.models import Task

        Task.objects.create(
            centre=centre, case=case, kind=TaskKind.NOTIFY_URGENT, title="Уведоми ДСП",
            created_at=timezone.now(), due_at=timezone.now(),
        )  # fmt: skip
    subject = case.referrals.get().pk if code == "acknowledgement" else case.pk

    response = issue(client_of(manager), centre, code, subject, file_format)

    assert response.status_code == 200
    text = text_of(response)
    assert case.number in text
    assert [note for note in RESTRICTED if note in text] == []


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
@pytest.mark.parametrize(
    ("reader", "level", "expected"),
    [
        ("manager", "psychologists", False),  # the manager is not a psychologist on the case
        ("psychologist", "manager", False),
        ("social_worker", "psychologists", False),
        ("social_worker", "manager", False),
        ("psychologist", "psychologists", True),  # the control: her own level
        ("manager", "manager", True),
    ],
)
def test_an_internal_record_carries_a_restricted_note_only_for_a_reader_of_its_level(
    reader, level, expected, file_format, centre, client_of, sessions, request
):
    session = sessions[level]
    note = PSYCHOLOGIST_NOTE if level == "psychologists" else MANAGER_NOTE

    response = issue(
        client_of(request.getfixturevalue(reader)), centre, "session", session.pk, file_format
    )

    text = text_of(response)
    assert session.case.number in text
    assert (note in text) is expected
    if not expected:
        assert "Бележката е с ограничен достъп" in text


def test_a_psychologist_off_the_case_gets_404(centre, client_of, sessions):
    other = make_member(centre, Role.PSYCHOLOGIST)

    response = issue(client_of(other), centre, "session", sessions["psychologists"].pk)

    assert response.status_code == 404
    assert not IssuedDocument.objects.exists()


def test_the_preview_page_hides_the_restricted_note_too(centre, manager, client_of, sessions):
    response = client_of(manager).get(document_url(centre, "session", sessions["psychologists"].pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert PSYCHOLOGIST_NOTE not in html
    assert "Бележката е с ограничен достъп" in html
