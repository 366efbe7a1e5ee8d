"""How hours read in Bulgarian: a comma for decimals, no trailing zeros (12 ч., 7,5 ч., 1,25 ч.)."""

from decimal import Decimal


def format_hours(value) -> str:
    number = Decimal(value or 0)
    if number == number.to_integral():
        text = f"{number.quantize(Decimal(1)):f}"
    else:
        text = f"{number:.2f}".rstrip("0")
    return text.replace(".", ",")
