"""Valid ЕГН and ЛНЧ for demo people, never repeated within one generator."""

from datetime import date
from random import Random

from stdnum.bg import egn, pnf

from opora.people.enums import Sex


class IdentifierPool:
    """Hands out identifiers that pass python-stdnum and are unique per centre."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.used: set[str] = set()

    def egn(self, born: date, sex: str) -> str:
        while True:
            value = make_egn(born, sex, self.rng)
            if value not in self.used:
                self.used.add(value)
                return value

    def lnch(self) -> str:
        while True:
            digits = "".join(str(self.rng.randint(0, 9)) for _ in range(9))
            value = digits + pnf.calc_check_digit(digits)
            if value not in self.used:
                self.used.add(value)
                return value


def make_egn(born: date, sex: str, rng: Random) -> str:
    """YYMMDD (month + 40 after 1999, + 20 before 1900), region digits, the ninth digit's parity
    gives the sex (even: male, odd: female), then the check digit."""
    month = born.month + (40 if born.year >= 2000 else 20 if born.year < 1900 else 0)
    region = rng.randint(0, 99)
    ninth = rng.randrange(0 if sex == Sex.MALE else 1, 10, 2)
    digits = f"{born.year % 100:02d}{month:02d}{born.day:02d}{region:02d}{ninth}"
    return digits + egn.calc_check_digit(digits)
