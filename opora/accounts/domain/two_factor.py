"""Two-factor sign-in: a code from an authenticator app (TOTP) and ten one-time recovery codes.

Every member of staff and the system administrator signs in with both the password and a code.
The app is set up once (enrolment); the manager, or the user with a current code, can remove it,
and the next sign-in sets up a new one.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_otp.models import Device, VerifyNotAllowed
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from opora.accounts.domain.sessions import end_sessions
from opora.audit.domain import record
from opora.core.errors import DomainError

RECOVERY_CODE_COUNT = 10
APP_NAME = "Приложение за кодове"
RECOVERY_NAME = "Кодове за възстановяване"
WRONG_CODE = (
    "Кодът не е верен. Въведете 6-те цифри, които приложението показва в момента, "
    "или неизползван код за възстановяване."
)
_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class CodeCheck:
    """What checking a code found: the device that accepted it, or why it was refused."""

    device: Device | None = None
    wait_until: datetime | None = None

    @property
    def message(self) -> str:
        if self.wait_until is None:
            return WRONG_CODE
        seconds = max(1, int((self.wait_until - timezone.now()).total_seconds()) + 1)
        return f"Твърде много грешни кодове. Изчакайте {seconds} секунди и опитайте отново."


def normalise(code: str) -> str:
    """Codes are read off a phone or a sheet of paper: spaces, dashes and case do not matter."""
    return _SEPARATORS.sub("", code or "").lower()


def is_app_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def new_secret() -> str:
    """A fresh key for an authenticator app (20 random bytes, hex), kept until it is confirmed."""
    return random_hex(20)


def pending_device(user, *, key: str) -> TOTPDevice:
    """The app that the key will configure, not saved: it gives the QR code's otpauth:// address."""
    return TOTPDevice(user=user, name=APP_NAME, key=key, confirmed=False)


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def check_code(user, code: str) -> CodeCheck:
    """Six digits are checked against the app, anything else against the recovery codes.

    A recovery code is used up when it is accepted. Each device slows down repeated failures
    (django-otp throttling: 1, 2, 4, … seconds), and an app code is never accepted twice.
    """
    code = normalise(code)
    model = TOTPDevice if is_app_code(code) else StaticDevice
    with transaction.atomic():
        devices = model.objects.filter(user=user, confirmed=True).select_for_update()
        for device in devices:
            allowed, why = device.verify_is_allowed()
            if not allowed:
                return CodeCheck(wait_until=_locked_until(why))
            if device.verify_token(code):
                return CodeCheck(device=device)
    return CodeCheck()


def enrol_authenticator(user, *, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with its first code; returns the app and the new recovery codes."""
    if has_authenticator(user):
        raise DomainError("Двуфакторният вход вече е настроен.")
    step = _matching_step(key, normalise(code))
    if step is None:
        raise DomainError(WRONG_CODE, field="code")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user, name=APP_NAME, key=key, confirmed=True, last_t=step
        )
        codes = _replace_recovery_codes(user)
        record(actor=user, action="two_factor.enrol", obj=user)
    return device, codes


def regenerate_recovery_codes(user, *, actor) -> list[str]:
    """New ten codes; the old ones stop working."""
    if not has_authenticator(user):
        raise DomainError("Първо настройте приложението за кодове.")
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        record(actor=actor, action="two_factor.recovery_codes", obj=user)
    return codes


def reset_own_authenticator(user, *, code: str) -> None:
    """The user replaces the app (a new phone): a current code proves it is them."""
    if not check_code(user, code).device:
        raise DomainError(WRONG_CODE, field="code")
    with transaction.atomic():
        _remove_devices(user)
        record(actor=user, action="two_factor.reset_own", obj=user)


def reset_member_two_factor(membership, *, actor) -> None:
    """The manager removes a member's app (a lost phone): every session of the member ends and
    the next sign-in sets up a new app."""
    user = membership.user
    if user.pk == actor.pk:
        raise DomainError("Собственото си приложение за кодове сменяте от „Сигурност на профила“.")
    with transaction.atomic():
        _reset_two_factor(user, actor=actor, centre_id=membership.centre_id, obj=membership)


def reset_two_factor_by_administrator(user, *, actor) -> None:
    """The system administrator does the same from /system/ (e.g. for a centre's only manager)."""
    with transaction.atomic():
        _reset_two_factor(user, actor=actor, centre_id=None, obj=user)


def give_up_code_check(user, *, failures: int) -> None:
    """Too many wrong codes in one sign-in: the view logs the session out; this leaves a trace."""
    record(actor=user, action="two_factor.too_many_codes", obj=user, changes={"failures": failures})


def demo_device(user) -> TOTPDevice:
    """A confirmed app for a demo account, whose codes `manage.py demo_code` prints."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=True)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _reset_two_factor(user, *, actor, centre_id, obj) -> None:
    if not has_authenticator(user):
        raise DomainError(f"{user} още не е настроил/а двуфакторен вход.")
    _remove_devices(user)
    end_sessions(user)
    record(
        actor=actor,
        action="two_factor.reset",
        obj=obj,
        centre_id=centre_id,
        changes={"user": user.username},
    )


def _remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _replace_recovery_codes(user) -> list[str]:
    """The device stays (a session verified by a recovery code stays verified); its codes change."""
    device = StaticDevice.objects.filter(user=user).first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _matching_step(key: str, code: str) -> int | None:
    """The time step at which the app shows `code` (one step of clock difference allowed)."""
    if not is_app_code(code):
        return None
    totp = TOTP(bytes.fromhex(key))
    if not totp.verify(int(code), tolerance=1):
        return None
    return totp.t()


def _locked_until(why: dict | None) -> datetime:
    if why and why.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
        return why["locked_until"]
    return timezone.now()
