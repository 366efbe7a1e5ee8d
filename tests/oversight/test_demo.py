"""The demo officials: the demo password, a phone app whose code `demo_code` prints, their scope."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from opora.accounts.models import User
from opora.demo.oversight_demo import OFFICIALS, add_officials, official_login_rows
from opora.demo.staff import DEMO_PASSWORD
from opora.oversight.domain.scope import overseen_centres
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


def test_the_demo_officials_sign_in_and_see_their_scope(sysadmin):
    harmanli = CentreFactory(municipality="Харманли")
    dragoman = CentreFactory(municipality="Драгоман")
    add_officials(admin=sysadmin)
    for official in OFFICIALS:
        user = User.objects.get(username=official.username)
        assert user.check_password(DEMO_PASSWORD) and user.is_active
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        out = StringIO()
        call_command("demo_code", official.username, stdout=out)
        assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6
    scope = {
        o.username: set(overseen_centres(User.objects.get(username=o.username))) for o in OFFICIALS
    }
    assert scope["obshtina.harmanli"] == {harmanli}
    assert scope["obshtina.dragoman"] == {dragoman}
    assert scope["asp.national"] == {harmanli, dragoman}
    assert sysadmin.has_perm("oversight.change_oversightaccess")
    assert [row[0] for row in official_login_rows(DEMO_PASSWORD)] == [o.username for o in OFFICIALS]
