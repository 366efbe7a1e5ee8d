"""Signing in with the second factor in tests: the app every test user has, and its codes.

`verified_client(user)` is what `client_of(user)` returns: a test client past the password and the
code, the way every page of the staff UI is reached. `code_for(user)` is the code the user's app
shows now; a code is accepted once, so a second sign-in within the same 30 seconds gets the next
step's code (the app tolerates one step of clock difference).
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_of(user) -> TOTPDevice:
    """The user's confirmed authenticator app, set up now if the user has none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Телефон", confirmed=True)


def code_for(user) -> str:
    """The app's code that the server has not accepted yet."""
    device = app_of(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    step = max(now, device.last_t + 1)
    if step > now + device.tolerance:
        raise AssertionError(f"{user.username}: every code of this half-minute is used up")
    totp.drift += step - now
    return f"{totp.token():0{device.digits}d}"


def verified_client(user, **client_options) -> Client:
    """A test client signed in as `user` with the password and the app's code."""
    client = Client(**client_options)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_of(user).persistent_id
    session.save()
    return client
