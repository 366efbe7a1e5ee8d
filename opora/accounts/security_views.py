"""After the password: the code (or setting up the app), the recovery codes shown once, and the
user's own page „Сигурност на профила“ (new recovery codes, a new app, password, log out everywhere).

These pages live under /accounts/, outside any centre: they belong to the person, not to a centre.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from opora.accounts.domain import sessions, two_factor
from opora.accounts.forms import CodeForm, FirstCodeForm, OwnPasswordChangeForm
from opora.accounts.qr import key_groups, qr_svg
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error

PENDING_KEY = "opora_totp_pending_key"
NEW_CODES = "opora_new_recovery_codes"
CODE_FAILURES = "opora_code_failures"
GAVE_UP = (
    "{n} грешни кода подред. За сигурност излязохте от системата — влезте отново с паролата. "
    "Ако нямате достъп до приложението, използвайте код за възстановяване или се обадете на "
    "управителя."
)


@never_cache
@login_required
def verify(request):
    """„Потвърждение с код“: the second step of every sign-in."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_authenticator(user):
        return redirect(_with_next(request, "accounts:setup"))
    form = CodeForm(request.POST or None)
    context = {"form": form, "next": _next_url(request)}
    if request.method == "POST" and form.is_valid():
        checked = two_factor.check_code(user, form.cleaned_data["code"])
        if checked.device is None:
            return _refuse_code(request, form, checked.message, "accounts/verify.html", context)
        _verified(request, checked.device)
        if isinstance(checked.device, StaticDevice):
            left = two_factor.recovery_codes_left(user)
            messages.warning(
                request,
                f"Влязохте с код за възстановяване; остават {left}. "
                "Създайте нови кодове от „Сигурност на профила“, ако са малко.",
            )
        return redirect(_next_url(request))
    return render(request, "accounts/verify.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def setup(request):
    """„Настройка на двуфакторен вход“: the QR code, the key for typing, and the first code."""
    user = request.user
    if two_factor.has_authenticator(user):
        step = "accounts:security" if user.is_verified() else "accounts:verify"
        return redirect(_with_next(request, step))
    key = request.session.get(PENDING_KEY) or two_factor.new_secret()
    request.session[PENDING_KEY] = key
    form = FirstCodeForm(request.POST or None)
    device = two_factor.pending_device(user, key=key)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr": qr_svg(device.config_url),
        "key_groups": key_groups(device.bin_key),
    }
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.enrol_authenticator(
                user, key=key, code=form.cleaned_data["code"]
            )
        except DomainError as error:
            return _refuse_code(request, form, error.message, "accounts/setup.html", context)
        del request.session[PENDING_KEY]
        _verified(request, device)
        return _show_codes_once(request, codes)
    return render(request, "accounts/setup.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def recovery_codes(request):
    """The ten recovery codes, right after they were made, and never again."""
    codes = request.session.pop(NEW_CODES, None)
    if not codes:
        messages.info(
            request,
            "Кодовете за възстановяване се показват само веднъж. Ако ги нямате, създайте нови.",
        )
        return redirect("accounts:security")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": [f"{c[:4]}-{c[4:]}" for c in codes], "next": _next_url(request)},
    )


@never_cache
@login_required
def security(request, *, reset_form=None, status=200):
    """„Сигурност на профила“."""
    user = request.user
    context = {
        "app": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        "codes_left": two_factor.recovery_codes_left(user),
        "reset_form": reset_form or CodeForm(prefix="reset"),
        "max_hours": settings.OPORA_SESSION_MAX_HOURS,
    }
    return render(request, "accounts/security.html", context, status=status)


@require_POST
@login_required
def new_recovery_codes(request):
    try:
        codes = two_factor.regenerate_recovery_codes(request.user, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("accounts:security")
    return _show_codes_once(request, codes, next_url=reverse("accounts:security"))


@require_POST
@login_required
def reset_authenticator(request):
    """A new phone: a current code proves it is the user; the next page sets up the new app."""
    form = CodeForm(request.POST, prefix="reset")
    if form.is_valid():
        try:
            two_factor.reset_own_authenticator(request.user, code=form.cleaned_data["code"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Старото приложение е премахнато. Настройте новото.")
            return redirect("accounts:setup")
    return security(request, reset_form=form, status=400)


@require_POST
@login_required
def log_out_everywhere(request):
    sessions.log_out_everywhere(request.user, actor=request.user)
    update_session_auth_hash(request, request.user)
    messages.success(
        request, "Излязохте от всички други устройства и браузъри. Тази сесия остава отворена."
    )
    return redirect("accounts:security")


@never_cache
@login_required
def change_password(request):
    form = OwnPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        sessions.change_password(request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(
            request, "Паролата е сменена. На другите устройства трябва да влезете отново."
        )
        return redirect("accounts:security")
    status = 400 if form.errors else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


def _verified(request, device) -> None:
    """The second factor is given: a new session key, as after the password."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session.pop(CODE_FAILURES, None)


def _show_codes_once(request, codes: list[str], *, next_url: str | None = None):
    request.session[NEW_CODES] = codes
    url = reverse("accounts:recovery_codes")
    return redirect(f"{url}?{urlencode({'next': next_url or _next_url(request)})}")


def _refuse_code(request, form, message: str, template: str, context: dict):
    """A wrong code: say so; after OPORA_CODE_FAILURES of them, end the session."""
    failures = request.session.get(CODE_FAILURES, 0) + 1
    request.session[CODE_FAILURES] = failures
    if failures >= settings.OPORA_CODE_FAILURES:
        return _give_up(request, failures)
    form.add_error("code", message)
    return render(request, template, context, status=400)


def _give_up(request, failures: int):
    """Logged out and recorded; the lockout (django-axes) counts it as a failed sign-in."""
    user = request.user
    two_factor.give_up_code_check(user, failures=failures)
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
    logout(request)
    messages.error(request, GAVE_UP.format(n=failures))
    return redirect(settings.LOGIN_URL)


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(request, name: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"
