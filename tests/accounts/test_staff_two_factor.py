"""A lost phone: the manager resets a member's second factor from staff management — audited, and
only for the members of the manager's own centre."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from opora.accounts.domain import two_factor
from opora.accounts.models import Membership
from opora.audit.models import AuditEntry


def _url(membership: Membership) -> str:
    return f"/c/{membership.centre.slug}/staff/{membership.pk}/reset-two-factor/"


def _membership(user, centre) -> Membership:
    return Membership.objects.get(user=user, centre=centre)


def _has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user).exists()


def test_the_manager_resets_a_members_second_factor(centre, manager, psychologist, client_of):
    two_factor.regenerate_recovery_codes(psychologist, actor=psychologist)
    membership = _membership(psychologist, centre)
    psychologists_session = client_of(psychologist)

    response = client_of(manager).post(_url(membership))

    assert response.status_code == 302
    assert response.url == f"/c/harmanli/staff/{membership.pk}/"
    assert not _has_app(psychologist)
    assert not StaticDevice.objects.filter(user=psychologist).exists()
    entry = AuditEntry.objects.get(action="two_factor.reset")
    assert (entry.actor, entry.centre_id_copy, entry.changes) == (
        manager, centre.pk, {"user": "psychologist"},
    )  # fmt: skip
    # Whoever has the phone's session is out; the next sign-in sets up a new app.
    assert psychologists_session.get("/c/harmanli/").url.startswith("/accounts/login/")


def test_the_staff_page_offers_the_reset_only_to_the_manager(
    centre, manager, psychologist, accountant, client_of
):
    url = f"/c/harmanli/staff/{_membership(psychologist, centre).pk}/"

    page = client_of(manager).get(url).content.decode()

    assert "Нулирай двуфакторния вход" in page
    assert client_of(accountant).get(url).status_code == 403


def test_the_manager_of_another_centre_gets_a_404_and_changes_nothing(
    centre, psychologist, outsider_manager, client_of
):
    membership = _membership(psychologist, centre)
    client = client_of(outsider_manager)

    own_centre_url = f"/c/haskovo/staff/{membership.pk}/reset-two-factor/"
    answers = [client.post(_url(membership)).status_code, client.post(own_centre_url).status_code]

    assert answers == [404, 404]
    assert _has_app(psychologist)
    assert not AuditEntry.objects.filter(action="two_factor.reset").exists()


@pytest.mark.parametrize("who", ["psychologist", "social_worker", "accountant"])
def test_other_roles_cannot_reset(centre, manager, who, client_of, request):
    membership = _membership(manager, centre)

    response = client_of(request.getfixturevalue(who)).post(_url(membership))

    assert response.status_code == 403
    assert _has_app(manager)


def test_a_get_changes_nothing(centre, manager, psychologist, client_of):
    response = client_of(manager).get(_url(_membership(psychologist, centre)))

    assert response.status_code == 405
    assert _has_app(psychologist)


def test_the_manager_replaces_an_own_app_from_the_security_page(centre, manager, client_of):
    response = client_of(manager).post(_url(_membership(manager, centre)))

    assert response.status_code == 400
    assert "„Сигурност на профила“" in response.content.decode()
    assert _has_app(manager)


def test_a_member_without_an_app_has_nothing_to_reset(centre, manager, psychologist, client_of):
    TOTPDevice.objects.filter(user=psychologist).delete()

    response = client_of(manager).post(_url(_membership(psychologist, centre)))

    assert response.status_code == 400
    assert "още не е настроил/а двуфакторен вход" in response.content.decode()


def test_the_system_administrator_resets_from_the_admin(psychologist, sysadmin, client_of):
    from django.contrib.auth.models import Permission

    sysadmin.user_permissions.set(Permission.objects.filter(codename="change_user"))
    response = client_of(sysadmin).post(
        "/system/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [psychologist.pk]},
    )

    assert response.status_code == 302
    assert not _has_app(psychologist)
    entry = AuditEntry.objects.get(action="two_factor.reset")
    assert (entry.actor, entry.centre_id_copy) == (sysadmin, None)
