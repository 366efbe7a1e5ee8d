"""A participant's private note is read only under the sensitivity rule (one function decides).

TEAM: the programme's facilitators, the centre's manager and the team of the participant's case;
PSYCHOLOGISTS: psychologists among the facilitators or on that case team; MANAGER: the manager;
the author always reads her own note. Nobody of another centre reads anything.
"""

import pytest

from opora.accounts.enums import Role
from opora.cases.domain.case import add_team_member
from opora.cases.enums import CaseStatus
from opora.core.errors import DomainError
from opora.core.sensitivity import Sensitivity
from opora.groups.domain.participants import add_participant_note, enrol_participant
from opora.groups.domain.programmes import create_programme
from opora.groups.domain.queries import notes_readable_by, readable_note_levels
from opora.groups.models import ParticipantNote
from tests.factories import make_case, make_member
from tests.groups.records import programme_data

T, PS, M = Sensitivity.TEAM, Sensitivity.PSYCHOLOGISTS, Sensitivity.MANAGER


@pytest.fixture
def cast(centre, manager, psychologist, social_worker, accountant, outsider_manager,
         outsider_psychologist):  # fmt: skip
    """The social worker and a second psychologist lead the group; the child's case is led by
    the psychologist with a pedagogue on its team; a third psychologist has nothing to do with it."""
    group_psychologist = make_member(centre, Role.PSYCHOLOGIST, username="group_psy")
    pedagogue = make_member(centre, Role.PEDAGOGUE, username="pedagogue")
    bystander = make_member(centre, Role.PSYCHOLOGIST, username="bystander")
    case = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)
    add_team_member(case, actor=manager, user=pedagogue)
    programme = create_programme(
        centre, actor=manager, data=programme_data([social_worker, group_psychologist])
    )
    participant = enrol_participant(programme, actor=manager, person=case.primary_person)
    assert participant.case == case
    return {
        "manager": manager, "case_psychologist": psychologist, "case_pedagogue": pedagogue,
        "group_social_worker": social_worker, "group_psychologist": group_psychologist,
        "bystander": bystander, "accountant": accountant,
        "outsider_manager": outsider_manager, "outsider_psychologist": outsider_psychologist,
        "participant": participant,
    }  # fmt: skip


EXPECTED_LEVELS = {
    "manager": {T, M},
    "case_psychologist": {T, PS},
    "case_pedagogue": {T},
    "group_social_worker": {T},
    "group_psychologist": {T, PS},
    "bystander": set(),
    "accountant": set(),
    "outsider_manager": set(),
    "outsider_psychologist": set(),
}


@pytest.mark.parametrize("who", sorted(EXPECTED_LEVELS))
def test_each_reader_gets_the_levels_of_the_rule(cast, who):
    assert readable_note_levels(cast[who], cast["participant"]) == EXPECTED_LEVELS[who]


@pytest.fixture
def notes(cast):
    participant = cast["participant"]
    return {
        "team": add_participant_note(participant, actor=cast["group_social_worker"],
                                     text="Включва се активно.", sensitivity=T),
        "psychologists": add_participant_note(participant, actor=cast["group_psychologist"],
                                              text="Тревожност в групата.", sensitivity=PS),
        "manager": add_participant_note(participant, actor=cast["manager"],
                                        text="Сигнал от училището.", sensitivity=M),
        "own": add_participant_note(participant, actor=cast["bystander"],
                                    text="Видях го в коридора.", sensitivity=PS),
    }  # fmt: skip


EXPECTED_NOTES = {
    "manager": {"team", "manager"},
    "case_psychologist": {"team", "psychologists", "own"},
    "case_pedagogue": {"team"},
    "group_social_worker": {"team"},
    "group_psychologist": {"team", "psychologists", "own"},
    "bystander": {"own"},
    "accountant": set(),
    "outsider_manager": set(),
    "outsider_psychologist": set(),
}


@pytest.mark.parametrize("who", sorted(EXPECTED_NOTES))
def test_each_reader_sees_exactly_the_notes_of_the_rule(cast, notes, who):
    visible = notes_readable_by(cast[who], cast["participant"])

    assert {label for label, note in notes.items() if note in visible} == EXPECTED_NOTES[who]


@pytest.mark.parametrize("who", sorted(EXPECTED_NOTES))
def test_the_participant_page_shows_each_reader_only_her_notes(cast, notes, who, client_of):
    client = client_of(cast[who])
    url = f"/c/harmanli/groups/participants/{cast['participant'].pk}/"

    response = client.get(url)

    if who in {"accountant"}:
        assert response.status_code == 403
    elif who.startswith("outsider"):
        assert response.status_code == 404
    else:
        html = response.content.decode()
        shown = {label for label, note in notes.items() if note.text in html}
        assert shown == EXPECTED_NOTES[who]


def test_an_empty_note_or_an_unknown_level_is_refused(cast):
    with pytest.raises(DomainError, match="Напишете бележката"):
        add_participant_note(cast["participant"], actor=cast["manager"], text="  ")
    with pytest.raises(DomainError, match="кой може да чете"):
        add_participant_note(
            cast["participant"], actor=cast["manager"], text="x", sensitivity="all"
        )
    assert not ParticipantNote.objects.exists()


def test_a_note_posted_through_the_page_keeps_its_level(cast, client_of):
    client = client_of(cast["group_psychologist"])
    participant = cast["participant"]

    response = client.post(
        f"/c/harmanli/groups/participants/{participant.pk}/notes/",
        {"text": "Говори за самотата.", "sensitivity": PS},
    )

    assert response.status_code == 302
    note = ParticipantNote.objects.get()
    assert (note.sensitivity, note.author) == (PS, cast["group_psychologist"])
    hidden = client_of(cast["group_social_worker"]).get(
        f"/c/harmanli/groups/participants/{participant.pk}/"
    )
    assert "Говори за самотата." not in hidden.content.decode()
