"""ЕГН / ЛНЧ checks against every example of domain-bg.md §12."""

from datetime import date

import pytest

from opora.core.errors import DomainError
from opora.people.enums import IdentifierType, Sex
from opora.people.identifiers import check_identifier

TODAY = date(2026, 3, 15)

VALID_EGN = [
    ("9005156245", date(1990, 5, 15), Sex.MALE),
    ("8511304374", date(1985, 11, 30), Sex.FEMALE),
    ("0543090514", date(2005, 3, 9), Sex.FEMALE),
    ("1050011404", date(2010, 10, 1), Sex.MALE),
    ("1942288836", date(2019, 2, 28), Sex.FEMALE),
    ("9932310006", date(1899, 12, 31), Sex.MALE),
    ("6101047500", date(1961, 1, 4), Sex.MALE),
]

BAD_CHECKSUM = "ЕГН е невалидно: контролната цифра не съвпада. Проверете за грешка при въвеждане."
BAD_DATE = "ЕГН съдържа несъществуваща дата на раждане."
INVALID_EGN = [
    ("9005156246", BAD_CHECKSUM),  # checksum (expected 5)
    ("9002300003", BAD_DATE),  # 30 February 1990
    ("9013010006", BAD_DATE),  # month 13
    ("0553010007", BAD_DATE),  # month 53 → 13
    ("8019010008", BAD_DATE),  # month 19 is no encoding
    ("7552A10004", "ЕГН трябва да съдържа само цифри."),
    ("123456789", "ЕГН трябва да е точно 10 цифри."),
    ("0000000000", BAD_DATE),  # month 00
]


@pytest.mark.parametrize(("egn", "born", "sex"), VALID_EGN)
def test_a_valid_egn_tells_birth_date_and_sex(egn, born, sex):
    facts = check_identifier(IdentifierType.EGN, egn, today=TODAY)

    assert facts.identifier == egn
    assert facts.birth_date == born
    assert facts.sex == sex
    assert facts.birth_date_in_future is False


def test_an_egn_with_a_future_birth_date_is_valid_but_flagged():
    facts = check_identifier(IdentifierType.EGN, "7542011030", today=TODAY)

    assert facts.birth_date == date(2075, 2, 1)
    assert facts.sex == Sex.FEMALE
    assert facts.birth_date_in_future is True


@pytest.mark.parametrize(("egn", "message"), INVALID_EGN)
def test_an_invalid_egn_is_refused_in_bulgarian(egn, message):
    with pytest.raises(DomainError) as refused:
        check_identifier(IdentifierType.EGN, egn, today=TODAY)

    assert refused.value.message == message
    assert refused.value.field == "identifier"


def test_spaces_typed_inside_an_egn_are_ignored():
    facts = check_identifier(IdentifierType.EGN, " 900515 6245 ", today=TODAY)

    assert facts.identifier == "9005156245"


@pytest.mark.parametrize("lnch", ["1000000001", "1234567893", "7111042925"])
def test_a_valid_lnch_has_no_birth_date_or_sex(lnch):
    facts = check_identifier(IdentifierType.LNCH, lnch, today=TODAY)

    assert facts.identifier == lnch
    assert facts.birth_date is None
    assert facts.sex is None


@pytest.mark.parametrize(
    ("lnch", "message"),
    [
        ("1234567890", "ЛНЧ е невалиден: контролната цифра не съвпада."),
        ("123456789", "ЛНЧ трябва да е точно 10 цифри."),
        ("12345A7890", "ЛНЧ трябва да съдържа само цифри."),
    ],
)
def test_an_invalid_lnch_is_refused_in_bulgarian(lnch, message):
    with pytest.raises(DomainError) as refused:
        check_identifier(IdentifierType.LNCH, lnch, today=TODAY)

    assert refused.value.message == message
    assert refused.value.field == "identifier"


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (IdentifierType.EGN, "Въведете ЕГН или изберете „Без идентификатор“."),
        (IdentifierType.LNCH, "Въведете ЛНЧ или изберете „Без идентификатор“."),
    ],
)
def test_an_empty_identifier_asks_for_one_or_for_none(kind, message):
    with pytest.raises(DomainError) as refused:
        check_identifier(kind, "   ", today=TODAY)

    assert refused.value.message == message
    assert refused.value.field == "identifier"


def test_no_identifier_ignores_whatever_was_typed():
    facts = check_identifier(IdentifierType.NONE, "9005156245", today=TODAY)

    assert facts.identifier == ""
    assert facts.birth_date is None


def test_an_unknown_identifier_kind_is_refused():
    with pytest.raises(DomainError) as refused:
        check_identifier("passport", "AB123456", today=TODAY)

    assert refused.value.message == "Непознат вид идентификатор."
    assert refused.value.field == "identifier_type"
