"""ЕГН and ЛНЧ checks with python-stdnum, with Bulgarian messages (domain-bg.md §12)."""

from dataclasses import dataclass
from datetime import date

from stdnum import exceptions as stdnum_errors
from stdnum.bg import egn, pnf

from opora.core.errors import DomainError
from opora.core.text import is_ascii_digits
from opora.people.enums import IdentifierType, Sex


@dataclass(frozen=True)
class IdentifierFacts:
    identifier: str
    birth_date: date | None = None
    sex: str | None = None
    birth_date_in_future: bool = False


def check_identifier(kind: str, value: str, *, today: date) -> IdentifierFacts:
    """Validate an identifier and return what it tells about the person; DomainError if invalid."""
    value = (value or "").strip().replace(" ", "")
    if kind == IdentifierType.NONE:
        return IdentifierFacts(identifier="")
    if not value:
        label = "ЕГН" if kind == IdentifierType.EGN else "ЛНЧ"
        raise DomainError(f"Въведете {label} или изберете „Без идентификатор“.", field="identifier")
    if kind == IdentifierType.EGN:
        return _check_egn(value, today=today)
    if kind == IdentifierType.LNCH:
        return _check_lnch(value)
    raise DomainError("Непознат вид идентификатор.", field="identifier_type")


def _check_egn(value: str, *, today: date) -> IdentifierFacts:
    if not is_ascii_digits(value):
        raise DomainError("ЕГН трябва да съдържа само цифри.", field="identifier")
    if len(value) != 10:
        raise DomainError("ЕГН трябва да е точно 10 цифри.", field="identifier")
    try:
        born = egn.get_birth_date(value)
    except stdnum_errors.ValidationError as exc:
        raise DomainError(
            "ЕГН съдържа несъществуваща дата на раждане.", field="identifier"
        ) from exc
    try:
        egn.validate(value)
    except stdnum_errors.ValidationError as exc:
        raise DomainError(
            "ЕГН е невалидно: контролната цифра не съвпада. Проверете за грешка при въвеждане.",
            field="identifier",
        ) from exc
    sex = Sex.MALE if int(value[8]) % 2 == 0 else Sex.FEMALE
    return IdentifierFacts(
        identifier=value, birth_date=born, sex=sex, birth_date_in_future=born > today
    )


def _check_lnch(value: str) -> IdentifierFacts:
    if not is_ascii_digits(value):
        raise DomainError("ЛНЧ трябва да съдържа само цифри.", field="identifier")
    try:
        pnf.validate(value)
    except stdnum_errors.InvalidLength as exc:
        raise DomainError("ЛНЧ трябва да е точно 10 цифри.", field="identifier") from exc
    except stdnum_errors.InvalidFormat as exc:
        raise DomainError("ЛНЧ трябва да съдържа само цифри.", field="identifier") from exc
    except stdnum_errors.ValidationError as exc:
        raise DomainError(
            "ЛНЧ е невалиден: контролната цифра не съвпада.", field="identifier"
        ) from exc
    return IdentifierFacts(identifier=value)
