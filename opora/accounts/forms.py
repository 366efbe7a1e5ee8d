from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from opora.accounts.enums import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Грешно потребителско име или парола. Внимавайте за главни и малки букви.",
        "inactive": "Този профил е деактивиран.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Потребителско име"
        self.fields["password"].label = "Парола"


class AddStaffForm(forms.Form):
    username = forms.CharField(
        label="Потребителско име",
        max_length=150,
        help_text="Ако служителят вече има профил в Опора (напр. в друг център), въведете неговото потребителско име.",
    )
    first_name = forms.CharField(label="Име", max_length=150, required=False)
    last_name = forms.CharField(label="Фамилия", max_length=150, required=False)
    email = forms.EmailField(label="Електронна поща", required=False)
    role = forms.ChoiceField(label="Роля в центъра", choices=Role.choices)
    password = forms.CharField(
        label="Начална парола",
        widget=forms.PasswordInput,
        required=False,
        help_text="Поне 12 знака; служителят я сменя при първо влизане. Не се попълва за съществуващ профил.",
    )


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label="Роля", choices=Role.choices)
    is_active = forms.BooleanField(label="Активен достъп до центъра", required=False)


class CodeForm(forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label="Код",
        max_length=40,
        help_text="6-те цифри от приложението за кодове или един от кодовете за възстановяване.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
        error_messages={"required": "Въведете кода."},
    )


class FirstCodeForm(CodeForm):
    """The first code from a newly set-up app: six digits only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.help_text = "6-те цифри, които приложението показва за „Опора“."
        field.widget.attrs["inputmode"] = "numeric"


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's form (old password, policy, the two new ones agree) with Bulgarian messages."""

    error_messages = {
        "password_mismatch": "Двете нови пароли не съвпадат.",
        "password_incorrect": "Текущата парола не е вярна.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Текуща парола"
