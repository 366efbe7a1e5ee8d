"""The table of demo logins printed after seeding (and again on every `seed_demo --if-empty`)."""

from opora.accounts.enums import Role
from opora.demo.centres import DRAGOMAN, HARMANLI
from opora.demo.oversight_demo import official_login_rows
from opora.demo.staff import ADMIN_USERNAME, DEMO_PASSWORD, SEED_STAFF

CENTRE_NAMES = {HARMANLI["slug"]: HARMANLI["name"], DRAGOMAN["slug"]: DRAGOMAN["name"]}
HEADER = ("Потребител", "Парола", "Роля", "Център")


def login_rows() -> list[tuple[str, str, str, str]]:
    rows = [
        (m.username, DEMO_PASSWORD, Role(m.role).label, CENTRE_NAMES[m.centre]) for m in SEED_STAFF
    ]
    rows.append((ADMIN_USERNAME, DEMO_PASSWORD, "Системен администратор", "всички (/system/)"))
    rows.extend(official_login_rows(DEMO_PASSWORD))  # /oversight/
    return rows


def print_logins(stdout) -> None:
    rows = [HEADER, *login_rows()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    rule = "-+-".join("-" * w for w in widths)
    stdout.write("")
    stdout.write("Демо достъп (само за демонстрация):")
    for index, row in enumerate(rows):
        stdout.write(
            " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        )
        if index == 0:
            stdout.write(rule)
    stdout.write(
        "След паролата Опора иска 6-цифрен код от приложение на телефона. В демото го дава:"
    )
    stdout.write("  .venv/bin/python manage.py demo_code <потребител>   (напр. harmanli.manager)")
