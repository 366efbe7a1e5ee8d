"""People of one case: the child or adult client and the family around them, as plain rows.

Names come from the demo's curated lists (Faker's bg_BG lists hold joke names) widened with more
common names and surnames formed from fathers' names, the way Bulgarian surnames arose.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from random import Random

from opora.cases.enums import CasePersonRole
from opora.core.text import search_key
from opora.demo import names
from opora.demo.scale.identity import Identifiers
from opora.people.enums import IdentifierType, NoIdentifierReason, RelationKind, Sex

MORE_MALE = (
    "Борис", "Емануил", "Росен", "Огнян", "Светослав", "Кирил", "Методи", "Константин", "Явор",
    "Цветан", "Самуил", "Добромир", "Боян", "Павел", "Ивайло", "Станислав", "Никола", "Христиан",
)  # fmt: skip
MORE_FEMALE = (
    "Анна", "Ирина", "Ваня", "Надежда", "Лиляна", "Станислава", "Мирослава", "Паулина", "Кремена",
    "Нели", "Таня", "Светла", "Биляна", "Рая", "Вяра", "Цветомира", "Магдалена", "Боряна",
)  # fmt: skip
MORE_SURNAMES = (
    "Попов", "Станев", "Михайлов", "Павлов", "Русев", "Симеонов", "Ганчев", "Недялков", "Вълчев",
    "Цветков", "Лазаров", "Спасов", "Янев", "Димов", "Петков", "Игнатов", "Панайотов", "Чолаков",
    "Кацаров", "Райков", "Шопов", "Йосифов", "Донев", "Ненов", "Калчев", "Пашов", "Матеев",
    "Хаджиев", "Генов", "Рашков", "Тончев", "Ковачев", "Бонев", "Златев", "Вълков", "Маджарски",
)  # fmt: skip
MALE = names.MALE_FIRST + MORE_MALE
FEMALE = names.FEMALE_FIRST + MORE_FEMALE
SURNAMES = tuple(
    dict.fromkeys(
        names.SURNAMES + MORE_SURNAMES + tuple(names.patronymic(n, female=False) for n in MALE)
    )
)
STREETS = (
    "Васил Левски", "Христо Ботев", "Раковски", "Шипка", "Цар Освободител", "Александър Стамболийски",
    "Иван Вазов", "Граф Игнатиев", "Стефан Караджа", "Ген. Гурко", "Отец Паисий", "Княз Борис I",
    "Хан Аспарух", "Охрид", "Дунав", "Тракия", "Никола Вапцаров", "Възраждане", "Родопи", "Славянска",
)  # fmt: skip
SCHOOLS = (
    "СУ „Христо Ботев“", "ОУ „Св. Св. Кирил и Методий“", "ДГ „Слънце“", "ДГ „Радост“",
    "ОУ „Иван Вазов“", "ПГ по икономика", "СУ „Васил Левски“", "",
)  # fmt: skip


@lru_cache(maxsize=200_000)
def key_of(first: str, middle: str, last: str) -> str:
    return search_key(first, middle, last)


@dataclass
class PersonRow:
    id: int
    first: str
    middle: str
    last: str
    born: date
    male: bool
    role: str  # role in the case
    kind: str = ""  # relation to the primary person ("" for the primary)
    identifier_type: str = IdentifierType.EGN
    identifier: str = ""
    reason: str = ""
    phone: str = ""
    address: str = ""
    school: str = ""
    disability: bool = False
    reused: bool = False  # a returning client: the row exists from an earlier case

    def row(self, centre_id: int, actor_id: int, created) -> tuple:
        return (
            self.id, centre_id, self.first, self.middle, self.last, self.identifier_type,
            self.identifier, self.reason, self.born, Sex.MALE if self.male else Sex.FEMALE,
            self.phone, self.address, self.school, self.disability,
            key_of(self.first, self.middle, self.last), created, actor_id,
        )  # fmt: skip


PERSON_COLUMNS = (
    "id", "centre_id", "first_name", "middle_name", "last_name", "identifier_type", "identifier",
    "no_identifier_reason", "birth_date", "sex", "phone", "address", "school", "has_disability",
    "search_name", "created_at", "created_by_id",
)  # fmt: skip


def _age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class FamilyMaker:
    """Makes a family for a case registered on a given day, with ids from a running counter."""

    def __init__(self, rng: Random, town: str, ids: Identifiers, next_id: int):
        self.rng, self.town, self.ids, self.next_id = rng, town, ids, next_id

    def family(self, registered: date, members: int, child: bool) -> list[PersonRow]:
        rng = self.rng
        surname = rng.choice(SURNAMES)
        father = rng.choice(MALE)
        address = f"гр. {self.town}, ул. „{rng.choice(STREETS)}“ № {rng.randint(1, 120)}"
        if child:
            primary = self._person(
                registered, rng.randint(0, 17), surname, father, CasePersonRole.CHILD
            )
            primary.school = rng.choice(SCHOOLS) if _age(primary.born, registered) >= 3 else ""
            kinds = self._child_family(members)
        else:
            primary = self._person(
                registered, rng.randint(18, 70), surname, father, CasePersonRole.CLIENT
            )
            kinds = [(RelationKind.CHILD, CasePersonRole.RELATIVE)] * members
        primary.phone = "" if child else names.mobile_phone(rng)
        primary.address = address
        people = [primary]
        for kind, role in kinds:
            relative = self._relative(primary, kind, role, surname, father, registered)
            relative.address = address
            people.append(relative)
        return people

    def _child_family(self, members: int) -> list[tuple[str, str]]:
        order = [
            (RelationKind.MOTHER, CasePersonRole.PARENT),
            (RelationKind.FATHER, CasePersonRole.PARENT),
            (RelationKind.SIBLING, CasePersonRole.SIBLING),
            (RelationKind.GRANDPARENT, CasePersonRole.RELATIVE),
            (RelationKind.SIBLING, CasePersonRole.SIBLING),
        ]
        if self.rng.random() < 0.06:
            order[0] = (RelationKind.FOSTER_PARENT, CasePersonRole.FOSTER_PARENT)
        chosen = order[:members]
        chosen += [(RelationKind.OTHER_RELATIVE, CasePersonRole.RELATIVE)] * (members - len(chosen))
        return chosen

    def _person(
        self, registered: date, age: int, surname: str, father: str, role: str
    ) -> PersonRow:
        rng = self.rng
        male = rng.random() < 0.5
        born = registered - timedelta(days=age * 365 + rng.randint(0, 364))
        first = rng.choice(MALE if male else FEMALE)
        middle = names.patronymic(father, female=not male)
        last = names.surname_form(surname, female=not male)
        return self._identify(PersonRow(self._id(), first, middle, last, born, male, role))

    def _relative(self, primary: PersonRow, kind: str, role: str, surname: str, father: str,
                  registered: date) -> PersonRow:  # fmt: skip
        rng = self.rng
        if kind in (RelationKind.MOTHER, RelationKind.FOSTER_PARENT):
            male, first, years = False, rng.choice(FEMALE), rng.randint(19, 40)
            middle = names.patronymic(rng.choice(MALE), female=True)
        elif kind == RelationKind.FATHER:
            male, first, years = True, father, rng.randint(21, 45)
            middle = names.patronymic(rng.choice(MALE), female=False)
        elif kind == RelationKind.GRANDPARENT:
            male = rng.random() < 0.3
            first, years = rng.choice(MALE if male else FEMALE), rng.randint(40, 60)
            middle = names.patronymic(rng.choice(MALE), female=not male)
        elif kind == RelationKind.CHILD:
            male = rng.random() < 0.5
            first, years = rng.choice(MALE if male else FEMALE), -rng.randint(16, 35)
            middle = names.patronymic(
                primary.first if primary.male else rng.choice(MALE), female=not male
            )
        else:
            male = rng.random() < 0.5
            first, years = rng.choice(MALE if male else FEMALE), rng.randint(-8, 8)
            middle = names.patronymic(father, female=not male)
        born = primary.born - timedelta(days=years * 365 + rng.randint(0, 200))
        born = min(born, registered - timedelta(days=30))
        last = names.surname_form(surname, female=not male)
        person = PersonRow(self._id(), first, middle, last, born, male, role, kind=kind)
        person.phone = names.mobile_phone(rng) if _age(born, registered) >= 18 else ""
        return self._identify(person)

    def _identify(self, person: PersonRow) -> PersonRow:
        draw = self.rng.random()
        if draw < 0.93:
            person.identifier = self.ids.egn(person.born, person.male)
        elif draw < 0.97:
            person.identifier_type, person.identifier = IdentifierType.LNCH, self.ids.lnch()
        else:
            person.identifier_type = IdentifierType.NONE
            person.reason = self.rng.choice(
                (NoIdentifierReason.FOREIGNER, NoIdentifierReason.UNKNOWN)
            )
        if not person.identifier and person.identifier_type == IdentifierType.EGN:
            person.identifier_type, person.reason = IdentifierType.NONE, NoIdentifierReason.UNKNOWN
        person.disability = self.rng.random() < 0.05
        return person

    def _id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value
