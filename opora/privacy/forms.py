from django import forms

from opora.privacy.enums import MAX_YEARS, RecordType

RETENTION_HELP = (
    "Години след приключването. Закон не определя срока [?]: въведете срока от номенклатурата "
    "на делата на центъра. Подразбиране: {default} г."
)


class CaseExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label="Формат на файла",
        choices=[
            ("xlsx", "Excel (XLSX), защитен с парола"),
            ("csv", "CSV в ZIP архив, защитен с парола"),
        ],
        initial="xlsx",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Изберете формат на файла.",
            "invalid_choice": "Изберете XLSX или CSV.",
        },
    )


class PersonDataForm(forms.Form):
    reference = forms.CharField(
        label="Номер и дата на искането (по желание)",
        required=False,
        max_length=100,
        help_text="Напр. „Вх. № 94 / 12.03.2026“. Записва се в справката и в одита.",
        error_messages={"max_length": "Номерът на искането е до 100 знака."},
    )


class DownloadForm(forms.Form):
    token = forms.CharField(max_length=100, widget=forms.HiddenInput)


class RetentionPolicyForm(forms.Form):
    """One number of years per record type."""

    def __init__(self, *args, years: dict[str, int], defaults: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for record_type in RecordType:
            self.fields[record_type.value] = forms.IntegerField(
                label=record_type.label,
                min_value=1,
                max_value=MAX_YEARS,
                initial=years[record_type.value],
                help_text=RETENTION_HELP.format(default=defaults[record_type.value]),
                error_messages={
                    "required": "Въведете срок в години.",
                    "invalid": "Въведете цяло число години, напр. 10.",
                    "min_value": "Срокът е поне 1 година.",
                    "max_value": f"Срокът е най-много {MAX_YEARS} години.",
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "short"}),
            )


class LegalHoldForm(forms.Form):
    """A hold on a case (by its number) or, opened from a person's page, on that person."""

    case_number = forms.CharField(
        label="Номер на случая",
        max_length=20,
        help_text="Задържат се случаят и данните на лицата в него.",
        error_messages={"required": "Въведете номера на случая."},
    )
    reason = forms.CharField(
        label="Основание",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Напр. съдебно дело, проверка, искане на прокуратурата — с номер и дата.",
        error_messages={"required": "Посочете основанието за задържането."},
    )

    def __init__(self, *args, for_person: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_person:
            del self.fields["case_number"]


class LiftHoldForm(forms.Form):
    reason = forms.CharField(
        label="Защо задържането вече не е нужно",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Посочете защо вдигате задържането."},
    )
