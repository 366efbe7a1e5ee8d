"""Demo officials: the municipalities of Харманли and Драгоман, and the national agency (АСП).

They sign in like staff (password, then the code `manage.py demo_code <user>` prints) and see the
aggregated figures of their centres at /oversight/. The administrator may manage their grants.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password

from opora.accounts.domain.two_factor import demo_device
from opora.demo.staff import DEMO_PASSWORD, EMAIL_DOMAIN
from opora.oversight.domain.access import grant_oversight


@dataclass(frozen=True)
class Official:
    username: str
    first_name: str
    last_name: str
    municipality: str  # blank: every centre

    @property
    def scope(self) -> str:
        return f"община {self.municipality}" if self.municipality else "всички центрове"


OFFICIALS = (
    Official("obshtina.harmanli", "Валентина", "Колева", "Харманли"),
    Official("obshtina.dragoman", "Петър", "Стоилов", "Драгоман"),
    Official("asp.national", "Красимира", "Маринова", ""),
)


def add_officials(*, admin) -> None:
    """Create the officials with the demo password and an app; the administrator grants them."""
    User = get_user_model()
    for official in OFFICIALS:
        user = User(
            username=official.username, first_name=official.first_name,
            last_name=official.last_name, email=f"{official.username}@{EMAIL_DOMAIN}",
        )  # fmt: skip
        validate_password(DEMO_PASSWORD, user)
        user.set_password(DEMO_PASSWORD)
        user.save()
        demo_device(user)
        grant_oversight(user, actor=admin, municipality=official.municipality)
    admin.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="oversight", codename__endswith="_oversightaccess"
        )
    )


def official_login_rows(password: str) -> list[tuple[str, str, str, str]]:
    return [(o.username, password, "Служител на община / АСП", o.scope) for o in OFFICIALS]
