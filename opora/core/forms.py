from django import forms

from opora.core.errors import DomainError, NeedsConfirmation
from opora.core.locking import StaleEdit, refresh_revision


class BgDateInput(forms.DateInput):
    """dd.mm.yyyy as typed in Bulgaria; a text box is faster than a date picker on a phone."""

    def __init__(self, attrs=None):
        base = {
            "placeholder": "дд.мм.гггг",
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "date",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format="%d.%m.%Y")


class BgDateField(forms.DateField):
    widget = BgDateInput
    default_error_messages = {"invalid": "Въведете дата във вида дд.мм.гггг, напр. 15.03.2026."}


def apply_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a domain refusal on the form: on its field if the form has one, else on top."""
    if isinstance(error, NeedsConfirmation):
        for warning in error.warnings:
            form.add_error(None, warning)
        form.needs_confirmation = True
        return
    if isinstance(error, StaleEdit):
        # The user's input stays; a second save, after reading the current values, goes through.
        refresh_revision(form, error.revision)
        form.add_error(None, error.message)
        return
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class ConfirmMixin(forms.Form):
    confirmed = forms.BooleanField(
        label="Прегледах предупрежденията и потвърждавам записа", required=False
    )
