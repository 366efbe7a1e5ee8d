from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError

from opora.core.text import fold


class BulgarianMinimumLengthValidator(MinimumLengthValidator):
    """Django 5.2 reworded this message and its Bulgarian catalogue has not caught up."""

    def get_error_message(self) -> str:
        return f"Паролата е прекалено къса. Трябва да съдържа поне {self.min_length} символа."

    def get_help_text(self) -> str:
        return f"Паролата трябва да съдържа поне {self.min_length} символа."


class NamesInPasswordValidator:
    """A password must not contain the user's names or username, in Cyrillic or in Latin.

    Django's similarity check compares the whole password with each attribute, so
    „ИванПетров2026“ or „petrova-1975“ pass it; here every name of three letters or more is looked
    for inside the password, after both are folded to the same Latin spelling (core.text.fold).
    """

    MIN_NAME_LENGTH = 3

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        squashed = fold(password).replace(" ", "")
        if any(name in squashed for name in self._names(user)):
            raise ValidationError(self.get_help_text(), code="password_contains_name")

    def get_help_text(self) -> str:
        return "Паролата не трябва да съдържа името, фамилията или потребителското Ви име."

    def _names(self, user) -> set[str]:
        email = (getattr(user, "email", "") or "").split("@")[0]
        parts = [
            getattr(user, field, "") or "" for field in ("first_name", "last_name", "username")
        ]
        words = fold(" ".join([*parts, email])).split()
        return {word for word in words if len(word) >= self.MIN_NAME_LENGTH}
