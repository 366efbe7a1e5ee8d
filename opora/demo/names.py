"""Bulgarian names for demo people: three names, with the father's name as презиме.

Faker's bg_BG name lists hold many invented or joke entries (and female surnames among the male
ones), so the demo draws from short lists of common names with Faker's seeded random generator.
"""

from random import Random

MALE_FIRST = (
    "Георги", "Иван", "Димитър", "Николай", "Петър", "Христо", "Стефан", "Тодор", "Александър",
    "Йордан", "Васил", "Атанас", "Красимир", "Стоян", "Пламен", "Здравко", "Борислав", "Мартин",
    "Кристиян", "Виктор", "Даниел", "Калоян", "Симеон", "Радослав", "Веселин", "Илия", "Любомир",
    "Емил", "Ангел", "Михаил", "Костадин", "Тихомир", "Валентин", "Румен", "Живко", "Янко",
    "Делян", "Благой", "Асен", "Митко", "Мехмед", "Али",
)  # fmt: skip
FEMALE_FIRST = (
    "Мария", "Елена", "Иванка", "Йорданка", "Десислава", "Гергана", "Петя", "Николина", "Силвия",
    "Радка", "Милена", "Даниела", "Виктория", "Габриела", "Никол", "Александра", "Теодора", "Ива",
    "Симона", "Божидара", "Яна", "Калина", "Цветелина", "Антония", "Валентина", "Росица",
    "Стефка", "Веселина", "Кристина", "Снежана", "Галя", "Ралица", "Емилия", "Диана", "Зорница",
    "Пламена", "Айше", "Емине",
)  # fmt: skip
SURNAMES = (
    "Иванов", "Георгиев", "Димитров", "Петров", "Николов", "Христов", "Стоянов", "Тодоров",
    "Илиев", "Атанасов", "Ангелов", "Колев", "Марков", "Костов", "Йорданов", "Стефанов",
    "Василев", "Пеев", "Кирилов", "Младенов", "Радев", "Славов", "Желев", "Найденов", "Танев",
    "Делчев", "Грозев", "Кръстев", "Енчев", "Мирчев", "Събев", "Пенчев", "Гочев", "Асенов",
    "Маринов", "Бояджиев", "Караджов", "Мехмедов",
)  # fmt: skip

# Families of asylum seekers at the reception centre in Харманли: no презиме, one surname form.
FOREIGN_MALE_FIRST = ("Ахмад", "Мохамад", "Халид", "Омар", "Юсуф", "Али", "Карим")
FOREIGN_FEMALE_FIRST = ("Фатима", "Айша", "Мариам", "Зайнаб", "Сара", "Лейла", "Нур")
FOREIGN_SURNAMES = (
    "Хасан", "Ахмади", "Рахими", "Ал Хусейн", "Хайдари", "Мансур", "Юсефи", "Карими", "Насер",
    "Саид",
)  # fmt: skip

_PATRONYMIC_EXCEPTIONS = {"Михаил": "Михайлов"}


def patronymic(father_first: str, *, female: bool) -> str:
    """Презиме from the father's first name: Георги → Георгиев(а), Петър → Петров(а)."""
    male = _PATRONYMIC_EXCEPTIONS.get(father_first) or _male_patronymic(father_first)
    return male + "а" if female else male


def _male_patronymic(name: str) -> str:
    if name.endswith("ър"):
        return name[:-2] + "ров"
    if name.endswith(("й", "я")):
        return name[:-1] + "ев"
    if name.endswith(("а", "о")):
        return name[:-1] + "ов"
    if name.endswith("и"):
        return name + "ев"
    return name + "ов"


def surname_form(surname: str, *, female: bool) -> str:
    """Иванов → Иванова, Маджарски → Маджарска; other surnames do not change."""
    if not female:
        return surname
    if surname.endswith(("ов", "ев", "ин")):
        return surname + "а"
    if surname.endswith("ски"):
        return surname[:-1] + "а"
    return surname


def first_name(rng: Random, *, female: bool) -> str:
    return rng.choice(FEMALE_FIRST if female else MALE_FIRST)


def staff_name(rng: Random, *, female: bool) -> str:
    """Name and surname, as a referring officer signs."""
    return f"{first_name(rng, female=female)} {surname_form(rng.choice(SURNAMES), female=female)}"


def mobile_phone(rng: Random) -> str:
    return (
        f"08{rng.choice('789')}{rng.randint(7, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    )
