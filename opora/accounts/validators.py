from django.contrib.auth.password_validation import MinimumLengthValidator


class BulgarianMinimumLengthValidator(MinimumLengthValidator):
    """Django 5.2 reworded this message and its Bulgarian catalogue has not caught up."""

    def get_error_message(self) -> str:
        return f"Паролата е прекалено къса. Трябва да съдържа поне {self.min_length} символа."

    def get_help_text(self) -> str:
        return f"Паролата трябва да съдържа поне {self.min_length} символа."
