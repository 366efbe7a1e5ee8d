"""The shared optimistic lock: the hidden revision field and the Bulgarian refusal."""

from datetime import timedelta

from django.utils import timezone

from opora.core.locking import REVISION_ERROR, Changed, LockedForm, StaleEdit


class _Form(LockedForm):
    pass


def test_a_forged_revision_is_a_form_error_on_top_not_a_crash():
    for forged in ("abc", "-1", "1.5", "99999999999999"):
        form = _Form({"revision": forged})

        assert not form.is_valid()
        assert form.non_field_errors() == [REVISION_ERROR]
        assert "revision" not in form.errors


def test_a_form_without_a_revision_is_not_checked():
    form = _Form({})

    assert form.is_valid()
    assert form.cleaned_data["revision"] is None


def test_the_refusal_names_who_when_and_what():
    at = timezone.localtime().replace(hour=14, minute=32)
    changed = [Changed("risks", "Рискове", "нов"), Changed("recommendations", "Препоръки", "")]

    error = StaleEdit(by="Мария Петрова", at=at, changed=changed, revision=3)

    assert error.message == (
        "Докато редактирахте, Мария Петрова промени записа в 14:32: Рискове, Препоръки. "
        "Вашите промени не са записани — прегледайте текущите стойности и опитайте отново."
    )
    assert error.field == "revision"


def test_a_change_on_another_day_gives_the_date():
    at = timezone.localtime() - timedelta(days=3)

    error = StaleEdit(by="Мария Петрова", at=at, changed=[], revision=1)

    assert f"на {at:%d.%m.%Y} в {at:%H:%M}: записа." in error.message
