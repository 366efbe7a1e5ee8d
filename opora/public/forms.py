import re

from django import forms
from stdnum.bg import egn

from opora.core.errors import DomainError
from opora.public.domain.requests import MAX_MESSAGE, RequestData, check_contact
from opora.public.domain.spam import check_form_token, refuse_robot
from opora.public.enums import ContactWay, Writer

NAME = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")
PHONE = re.compile(r"\+?[0-9 ()/.-]+")
TEN_DIGITS = re.compile(r"(?<!\d)\d{10}(?!\d)")
REQUIRED = "Това поле е задължително."


class SupportRequestForm(forms.Form):
    """„Потърсете подкрепа“: few fields, no identifiers; checks for robots come first."""

    writer = forms.ChoiceField(
        label="Кой пише?",
        choices=Writer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Изберете кой пише.", "invalid_choice": "Изберете кой пише."},
    )
    first_name = forms.CharField(
        label="Вашето име",
        required=False,
        max_length=40,
        help_text="По желание. Само собствено име – без фамилия и без ЕГН.",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    age = forms.IntegerField(
        label="Възраст на детето",
        required=False,
        min_value=0,
        max_value=25,
        help_text="По желание, в години. Ако сте дете или млад човек – вашата възраст.",
        error_messages={
            "invalid": "Въведете възрастта с цифри, напр. 12.",
            "min_value": "Въведете възраст между 0 и 25 години.",
            "max_value": "Въведете възраст между 0 и 25 години.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    message = forms.CharField(
        label="С какво можем да помогнем?",
        max_length=MAX_MESSAGE,
        help_text=f"Накратко, до {MAX_MESSAGE} знака. Не пишете ЕГН, адреси и имена на други хора.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Опишете накратко с какво можем да помогнем.",
            "max_length": f"Текстът е по-дълъг от {MAX_MESSAGE} знака. Съкратете го.",
        },
    )
    phone = forms.CharField(
        label="Телефон",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="Електронна поща",
        required=False,
        max_length=254,
        error_messages={"invalid": "Въведете валиден адрес на електронна поща, напр. ime@abv.bg."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_way = forms.ChoiceField(
        label="Как предпочитате да се свържем с вас?",
        choices=ContactWay.choices,
        initial=ContactWay.ANY,
        widget=forms.RadioSelect,
        error_messages={"required": "Изберете как да се свържем с вас."},
    )
    contact_time = forms.CharField(
        label="Кога е удобно да ви потърсим?",
        required=False,
        max_length=100,
        help_text="По желание, напр. „делнични дни след 17 ч.“",
    )
    consent = forms.BooleanField(
        label="Съгласен/съгласна съм с условията по-горе",
        error_messages={
            "required": "За да изпратите заявката, отбележете, че сте съгласни с условията."
        },
    )
    # Never shown to people (the template hides it); a program filling in every field fills it.
    website = forms.CharField(label="Не попълвайте това поле", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.renew_token = False

    def clean_first_name(self) -> str:
        name = " ".join(self.cleaned_data["first_name"].split())
        if name and not NAME.fullmatch(name):
            raise forms.ValidationError("Напишете само име с букви – без цифри и знаци.")
        return name

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        digits = sum(c.isdigit() for c in phone)
        if phone and (not PHONE.fullmatch(phone) or not 6 <= digits <= 15):
            raise forms.ValidationError("Въведете телефон с цифри, напр. 0888 123 456.")
        return phone

    def clean_message(self) -> str:
        return _without_egn(self.cleaned_data["message"].strip())

    def clean_contact_time(self) -> str:
        return _without_egn(" ".join(self.cleaned_data["contact_time"].split()))

    def clean(self):
        cleaned = super().clean()
        try:
            refuse_robot(cleaned.get("website", ""), self.centre)
            check_form_token(cleaned.get("token", ""), self.centre)
        except DomainError as refused:
            self.renew_token = getattr(refused, "renew_token", False)
            raise forms.ValidationError(refused.message) from refused
        self._check_contact(cleaned)
        return cleaned

    def _check_contact(self, cleaned: dict) -> None:
        if any(name in self.errors for name in ("phone", "email", "contact_way")):
            return
        try:
            check_contact(
                phone=cleaned["phone"], email=cleaned["email"], contact_way=cleaned["contact_way"]
            )
        except DomainError as error:
            self.add_error(error.field, error.message)

    def request_data(self) -> RequestData:
        data = self.cleaned_data
        return RequestData(
            writer=data["writer"],
            message=data["message"],
            contact_way=data["contact_way"],
            phone=data["phone"],
            email=data["email"],
            first_name=data["first_name"],
            age=data["age"],
            contact_time=data["contact_time"],
        )


def _without_egn(text: str) -> str:
    if any(egn.is_valid(number) for number in TEN_DIGITS.findall(text)):
        raise forms.ValidationError("Моля, не пишете ЕГН. Ако е нужно, ще го поискаме при среща.")
    return text
