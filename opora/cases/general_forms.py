"""Forms of the general-access consultation pages (ЗСУ чл. 12, ал. 2, т. 1)."""

from django import forms

from opora.centres.enums import Service


def general_services_of(centre) -> list[tuple[str, str]]:
    """The general-access services the centre declares, or all of them if it declares none."""
    general = [s for s in Service if s in Service.general_access()]
    offered = [s for s in general if s in (centre.services or [])]
    return [(s.value, s.label) for s in (offered or general)]


class OpenConsultationForm(forms.Form):
    services = forms.MultipleChoiceField(
        label="Общодостъпна услуга",
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        error_messages={
            "required": "Изберете общодостъпна услуга.",
            "invalid_choice": "Изберете услуга от списъка.",
        },
    )
    note = forms.CharField(
        label="Повод / бележка",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="С какво се обръща лицето; без насочване, ИОП и договор (до 2 месеца).",
        error_messages={"max_length": "Бележката е твърде дълга (до 2000 знака)."},
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        choices = general_services_of(centre)
        self.fields["services"].choices = choices
        if len(choices) == 1:
            self.fields["services"].initial = [choices[0][0]]


class CloseConsultationForm(forms.Form):
    note = forms.CharField(
        label="Резултат от консултацията",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Опишете накратко резултата от консултацията.",
            "max_length": "Текстът е твърде дълъг (до 2000 знака).",
        },
    )


class ReferConsultationForm(forms.Form):
    note = forms.CharField(
        label="Защо е нужна специализирана услуга",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Опишете накратко защо е нужна специализирана услуга.",
            "max_length": "Текстът е твърде дълъг (до 2000 знака).",
        },
    )
