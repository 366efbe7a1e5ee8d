"""Where the demo families live and which institutions refer them."""

from dataclasses import dataclass
from random import Random


@dataclass(frozen=True)
class Place:
    town: str
    post_code: str
    district_code: str  # as in ДСП document numbers: ЗД/Д-ХС-123/2026
    streets: tuple[str, ...]
    villages: tuple[str, ...]
    schools: tuple[str, ...]
    kindergartens: tuple[str, ...]
    court: str
    prosecutor: str
    hospital: str

    def address(self, rng: Random) -> str:
        if rng.random() < 0.35:
            village, street = rng.choice(self.villages), rng.choice(self.streets)
            return f"с. {village}, ул. „{street}“ {rng.randint(1, 40)}"
        number = rng.randint(1, 90)
        return f"гр. {self.town} {self.post_code}, ул. „{rng.choice(self.streets)}“ {number}"

    def school_for(self, age: int, rng: Random) -> str:
        if age < 3:
            return ""
        if age < 7:
            return rng.choice(self.kindergartens)
        return rng.choice(self.schools)


HARMANLI = Place(
    town="Харманли",
    post_code="6450",
    district_code="ХС",
    streets=(
        "Васил Левски", "Г. С. Раковски", "Иван Вазов", "Христо Ботев", "Стефан Караджа",
        "Любен Каравелов", "Одрин", "Шипка", "Захари Стоянов", "Първи май",
    ),
    villages=(
        "Бисер", "Иваново", "Славяново", "Надежден", "Шишманово", "Остър камък", "Черепово",
        "Лешниково", "Българин", "Браница", "Върбово", "Рогозиново",
    ),
    schools=(
        "СУ „Неофит Рилски“ – Харманли", "ОУ „Христо Ботев“ – Харманли",
        "ОУ „Св. св. Кирил и Методий“ – Харманли", "ОУ „Васил Левски“ – с. Иваново",
    ),
    kindergartens=(
        "ДГ „Детелина“ – Харманли", "ДГ „Щастливо детство“ – Харманли", "ДГ „Пролет“ – Харманли",
    ),
    court="Районен съд – Харманли",
    prosecutor="Районна прокуратура – Хасково",
    hospital="МБАЛ – Харманли",
)  # fmt: skip

DRAGOMAN = Place(
    town="Драгоман",
    post_code="2210",
    district_code="СО",
    streets=(
        "Христо Ботев", "Васил Левски", "Иван Вазов", "Захари Стоянов", "Съединение",
        "Стефан Стамболов", "Г. С. Раковски", "Възраждане",
    ),
    villages=("Калотина", "Чепърлинци", "Гоиновци", "Габер", "Беренде", "Алдомировци", "Вишан"),
    schools=("СУ „Христо Ботев“ – Драгоман", "ОУ „Св. св. Кирил и Методий“ – Драгоман"),
    kindergartens=("ДГ „Звънче“ – Драгоман", "ДГ „Слънце“ – Драгоман"),
    court="Районен съд – Сливница",
    prosecutor="Районна прокуратура – Сливница",
    hospital="УМБАЛ „Александровска“ – София",
)  # fmt: skip


def generic_place(town: str) -> Place:
    """A place for generated centres: the town's name in every institution."""
    return Place(
        town=town,
        post_code="1000",
        district_code="ХХ",
        streets=HARMANLI.streets,
        villages=HARMANLI.villages,
        schools=(f"СУ „Христо Ботев“ – {town}", f"ОУ „Васил Левски“ – {town}"),
        kindergartens=(f"ДГ „Радост“ – {town}",),
        court=f"Районен съд – {town}",
        prosecutor=f"Районна прокуратура – {town}",
        hospital=f"МБАЛ – {town}",
    )
