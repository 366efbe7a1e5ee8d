"""Demo accounts: the system administrator and the staff of the two seed centres."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from opora.accounts.domain import add_staff_member
from opora.accounts.domain.two_factor import demo_device
from opora.accounts.enums import Role
from opora.audit.domain import record

# Published on purpose: these accounts exist only in demo databases.
DEMO_PASSWORD = "opora-demo-2026"
ADMIN_USERNAME = "admin"
EMAIL_DOMAIN = "example.org"

# The Django admin at /system/ manages centres and accounts, nothing of the case files.
ADMIN_PERMISSIONS = {
    "centres": ("centre", "centresettings"),
    "accounts": ("user", "membership"),
}


@dataclass(frozen=True)
class StaffMember:
    username: str
    first_name: str
    last_name: str
    role: str
    centre: str  # slug


SEED_STAFF = (
    StaffMember("harmanli.manager", "Антоанета", "Костова", Role.MANAGER, "harmanli"),
    StaffMember("harmanli.psych1", "Десислава", "Колева", Role.PSYCHOLOGIST, "harmanli"),
    StaffMember("harmanli.psych2", "Николай", "Славов", Role.PSYCHOLOGIST, "harmanli"),
    StaffMember("harmanli.social", "Галина", "Тодорова", Role.SOCIAL_WORKER, "harmanli"),
    StaffMember("harmanli.accountant", "Пенка", "Иванова", Role.ACCOUNTANT, "harmanli"),
    StaffMember("dragoman.manager", "Снежана", "Методиева", Role.MANAGER, "dragoman"),
    StaffMember("dragoman.psych", "Владимир", "Цветков", Role.PSYCHOLOGIST, "dragoman"),
    StaffMember("dragoman.social", "Ивелина", "Младенова", Role.SOCIAL_WORKER, "dragoman"),
    StaffMember("dragoman.accountant", "Росица", "Кирилова", Role.ACCOUNTANT, "dragoman"),
    StaffMember("shared.specialist", "Теодора", "Ангелова", Role.SOCIAL_WORKER, "dragoman"),
    StaffMember("shared.specialist", "Теодора", "Ангелова", Role.PSYCHOLOGIST, "harmanli"),
)


def create_admin():
    """A system administrator: staff status for /system/, but no superuser and no centre role."""
    User = get_user_model()
    user = User(
        username=ADMIN_USERNAME, first_name="Системен", last_name="администратор",
        email=f"{ADMIN_USERNAME}@{EMAIL_DOMAIN}", is_system_admin=True, is_staff=True,
    )  # fmt: skip
    validate_password(DEMO_PASSWORD, user)
    user.set_password(DEMO_PASSWORD)
    with transaction.atomic():
        user.save()
        user.user_permissions.set(_admin_permissions())
        record(actor=None, action="user.create_system_admin", obj=user)
        demo_device(user)
    return user


def _admin_permissions() -> list[Permission]:
    codenames = [
        f"{action}_{model}"
        for models in ADMIN_PERMISSIONS.values()
        for model in models
        for action in ("add", "change", "view")
    ]
    return list(
        Permission.objects.filter(
            content_type__app_label__in=ADMIN_PERMISSIONS, codename__in=codenames
        )
    )


def add_seed_staff(centres: dict, *, admin) -> dict:
    """The administrator appoints each manager; the manager then adds the rest of the team."""
    users = {}
    managers = {}
    for member in SEED_STAFF:
        actor = admin if member.role == Role.MANAGER else managers[member.centre]
        membership = add_staff_member(
            centre=centres[member.centre], actor=actor, username=member.username,
            first_name=member.first_name, last_name=member.last_name,
            email=f"{member.username}@{EMAIL_DOMAIN}", role=member.role, password=DEMO_PASSWORD,
        )  # fmt: skip
        users[member.username] = membership.user
        # No phone in a demo: `manage.py demo_code <username>` prints the code the app would show.
        demo_device(membership.user)
        if member.role == Role.MANAGER:
            managers[member.centre] = membership.user
    return users
