"""Fast valid ЕГН and ЛНЧ: the check digits computed here, a sample checked with python-stdnum."""

from datetime import date
from random import Random

from stdnum.bg import egn as stdnum_egn
from stdnum.bg import pnf as stdnum_pnf

EGN_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6)
PNF_WEIGHTS = (21, 19, 17, 13, 11, 9, 7, 3, 1)


def egn_check(digits: str) -> str:
    total = sum(w * int(d) for w, d in zip(EGN_WEIGHTS, digits, strict=True))
    return str(total % 11 % 10)


def pnf_check(digits: str) -> str:
    total = sum(w * int(d) for w, d in zip(PNF_WEIGHTS, digits, strict=True))
    return str(total % 10)


class Identifiers:
    """Unique within one centre: ЕГН from birth date, sex and a serial; ЛНЧ from a counter."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.used: set[str] = set()

    def egn(self, born: date, male: bool) -> str:
        month = born.month + (40 if born.year >= 2000 else 20 if born.year < 1900 else 0)
        head = f"{born.year % 100:02d}{month:02d}{born.day:02d}"
        for _ in range(50):
            serial = self.rng.randrange(0 if male else 1, 1000, 2)
            digits = f"{head}{serial:03d}"
            value = digits + egn_check(digits)
            if value not in self.used:
                self.used.add(value)
                return value
        return ""  # 500 people of one sex born on one day in one centre: leave it blank

    def lnch(self) -> str:
        while True:
            digits = f"{self.rng.randrange(10**9):09d}"
            value = digits + pnf_check(digits)
            if value not in self.used:
                self.used.add(value)
                return value


def assert_valid_sample(values: list[str], lnch: list[str]) -> None:
    """The generator's arithmetic agrees with python-stdnum (raises on the first mismatch)."""
    for value in values:
        stdnum_egn.validate(value)
    for value in lnch:
        stdnum_pnf.validate(value)
