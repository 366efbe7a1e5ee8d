"""Keeping robots and floods out of the public form without third-party services.

Three checks: a field people never see (robots fill it in), a signed timestamp (a person needs a
few seconds to fill in the form, and an old copy of the page is not replayed hours later), and a
limit of requests per network address and per centre, counted in the database so that every
server process sees the same numbers.
"""

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac

from opora.core.errors import DomainError

TOKEN_SALT = "opora.public.request-form"
MIN_FILL_TIME = timedelta(seconds=3)
MAX_FORM_AGE = timedelta(hours=4)


class SubmissionRefused(DomainError):
    """The submission looks automated or stale; `renew_token` says whether to issue a new form."""

    def __init__(self, message: str, *, renew_token: bool = False):
        super().__init__(message)
        self.renew_token = renew_token


class Throttled(DomainError):
    """Too many requests from one address or to one centre; nothing was saved."""


@dataclass(frozen=True)
class Limits:
    per_address_per_hour: int
    per_centre_per_day: int


def limits() -> Limits:
    return Limits(
        per_address_per_hour=settings.OPORA_PUBLIC_REQUESTS_PER_ADDRESS_PER_HOUR,
        per_centre_per_day=settings.OPORA_PUBLIC_REQUESTS_PER_CENTRE_PER_DAY,
    )


def issue_form_token(centre) -> str:
    """A signed „this form of this centre was opened now“; the clock is the application's."""
    return signing.dumps({"c": centre.pk, "t": timezone.now().timestamp()}, salt=TOKEN_SALT)


def check_form_token(token: str, centre) -> None:
    opened_at = _opened_at(token, centre)
    age = timezone.now().timestamp() - opened_at
    if age < MIN_FILL_TIME.total_seconds():
        raise SubmissionRefused(
            "Формулярът беше изпратен твърде бързо след отварянето си. "
            "Проверете данните и натиснете „Изпратете заявката“ отново."
        )
    if age > MAX_FORM_AGE.total_seconds():
        raise SubmissionRefused(
            "Страницата с формуляра е отворена преди повече от 4 часа. "
            "Проверете данните и изпратете заявката отново.",
            renew_token=True,
        )


def _opened_at(token: str, centre) -> float:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        data = None
    opened_at = data.get("t") if isinstance(data, dict) and data.get("c") == centre.pk else None
    if not isinstance(opened_at, int | float):
        raise SubmissionRefused(
            "Формулярът не можа да бъде проверен. Проверете данните и изпратете заявката отново.",
            renew_token=True,
        )
    return float(opened_at)


def refuse_robot(honeypot: str, centre) -> None:
    """People never see the field; whatever is typed into it was typed by a program."""
    if honeypot:
        raise SubmissionRefused(
            f"Заявката не може да бъде приета. Моля, опитайте отново{_or_call(centre)}."
        )


def client_key(address: str | None) -> str:
    """A keyed hash of the sender's network (IPv6: its /64, which one household usually holds)."""
    network = _network(address or "")
    return salted_hmac("opora.public.client-address", network, algorithm="sha256").hexdigest()


def _network(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def check_limits(centre, *, client: str, now) -> None:
    """Call with the centre row locked, so two submissions cannot both take the last place."""
    from opora.public.models import PublicRequest

    allowed = limits()
    recent = PublicRequest.objects.filter(
        client_hash=client, created_at__gt=now - timedelta(hours=1)
    )
    if recent.count() >= allowed.per_address_per_hour:
        raise Throttled(
            "От вашата връзка вече са изпратени няколко заявки през последния час. "
            f"Моля, опитайте отново по-късно{_or_call(centre)}."
        )
    today = PublicRequest.objects.filter(centre=centre, created_at__gt=now - timedelta(days=1))
    if today.count() >= allowed.per_centre_per_day:
        raise Throttled(
            "Днес центърът е получил много онлайн заявки. "
            f"Моля, опитайте отново утре{_or_call(centre)}."
        )


def _or_call(centre) -> str:
    return f" или се обадете на центъра на телефон {centre.phone}" if centre.phone else ""
