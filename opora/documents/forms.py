from django import forms

from opora.documents.domain.layouts import LayoutError, check_layout
from opora.documents.models import FileFormat


class IssueForm(forms.Form):
    file_format = forms.ChoiceField(
        label="Формат",
        choices=FileFormat.choices,
        initial=FileFormat.PDF,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Изберете формат: PDF или DOCX.",
            "invalid_choice": "Изберете формат: PDF или DOCX.",
        },
    )


class LayoutForm(forms.Form):
    body = forms.CharField(
        label="Шаблон (HTML и етикети на Django)",
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "code"}),
        max_length=50_000,
        strip=False,
        error_messages={"required": "Шаблонът е празен."},
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        try:
            check_layout(body)
        except LayoutError as error:
            raise forms.ValidationError(str(error)) from None
        return body


class RegisterFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Вид документ", required=False)
    year = forms.TypedChoiceField(label="Година", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, kinds: list[tuple[str, str]], years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "всички"), *kinds]
        self.fields["year"].choices = [("", "всички"), *((y, str(y)) for y in years)]
