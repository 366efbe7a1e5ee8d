from django import forms

from opora.core.forms import BgDateField, ConfirmMixin
from opora.people.domain.person import PersonData
from opora.people.enums import IdentifierType, NoIdentifierReason, RelationKind, Sex


class PersonForm(ConfirmMixin, forms.Form):
    first_name = forms.CharField(label="Име", max_length=80)
    middle_name = forms.CharField(label="Презиме", max_length=80, required=False)
    last_name = forms.CharField(label="Фамилия", max_length=80)
    identifier_type = forms.ChoiceField(
        label="Идентификатор",
        choices=IdentifierType.choices,
        initial=IdentifierType.EGN,
        widget=forms.RadioSelect,
    )
    identifier = forms.CharField(
        label="ЕГН / ЛНЧ",
        max_length=14,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text="От ЕГН се попълват датата на раждане и полът.",
    )
    no_identifier_reason = forms.ChoiceField(
        label="Ако няма идентификатор — защо",
        choices=[("", "—"), *NoIdentifierReason.choices],
        required=False,
    )
    birth_date = BgDateField(label="Дата на раждане", required=False)
    sex = forms.ChoiceField(label="Пол", choices=Sex.choices, initial=Sex.UNKNOWN)
    phone = forms.CharField(label="Телефон", max_length=60, required=False)
    email = forms.EmailField(label="Електронна поща", required=False)
    address = forms.CharField(label="Настоящ адрес", max_length=250, required=False)
    school = forms.CharField(label="Училище / детска градина", max_length=200, required=False)
    has_disability = forms.BooleanField(label="Лице с увреждане", required=False)
    notes = forms.CharField(
        label="Бележки", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    field_order = [
        "first_name", "middle_name", "last_name", "identifier_type", "identifier", "no_identifier_reason",
        "birth_date", "sex", "phone", "email", "address", "school", "has_disability", "notes", "confirmed",
    ]  # fmt: skip

    def person_data(self) -> PersonData:
        data = {k: v for k, v in self.cleaned_data.items() if k != "confirmed"}
        return PersonData(**data)

    @classmethod
    def initial_from(cls, person) -> dict:
        return {name: getattr(person, name) for name in PersonData.__dataclass_fields__}


class RelationForm(forms.Form):
    relative_id = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Връзка", choices=RelationKind.choices)


def initial_from_query(query: str) -> dict:
    """Carry what was searched into the new-person form, so nothing is typed twice."""
    query = query.strip()
    if not query:
        return {}
    if query.replace(" ", "").isdigit():
        return {"identifier": query.replace(" ", "")}
    words = query.split()
    if len(words) == 1:
        return {"first_name": words[0].capitalize()}
    return {
        "first_name": words[0].capitalize(),
        "last_name": words[-1].capitalize(),
        "middle_name": " ".join(w.capitalize() for w in words[1:-1]),
    }
