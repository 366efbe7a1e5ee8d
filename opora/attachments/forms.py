from django import forms

from opora.attachments.domain.attachments import AttachmentData
from opora.attachments.domain.files import EMPTY, MISSING
from opora.attachments.enums import ACCEPT, AttachmentKind
from opora.core.forms import BgDateField
from opora.core.sensitivity import Sensitivity

_FILE_ERRORS = {"required": MISSING, "empty": EMPTY, "invalid": MISSING}


class AttachmentForm(forms.Form):
    """The description of a file; `UploadForm` adds the file itself."""

    kind = forms.ChoiceField(label="Вид", choices=AttachmentKind.choices)
    title = forms.CharField(label="Заглавие", max_length=200)
    document_date = BgDateField(label="Дата на документа")
    sender = forms.CharField(label="От кого (подател / институция)", max_length=200, required=False)
    sensitivity = forms.ChoiceField(
        label="Кой вижда файла", choices=Sensitivity.choices, initial=Sensitivity.TEAM
    )
    note = forms.CharField(
        label="Бележка", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def data_object(self) -> AttachmentData:
        values = self.cleaned_data
        return AttachmentData(
            kind=values["kind"],
            title=values["title"],
            document_date=values["document_date"],
            sender=values["sender"],
            sensitivity=values["sensitivity"],
            note=values["note"],
        )


class UploadForm(AttachmentForm):
    """A file from the phone's or computer's files, or a photo taken now with the phone's camera."""

    file = forms.FileField(
        label="Файл",
        required=False,
        error_messages=_FILE_ERRORS,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    photo = forms.FileField(
        label="или снимка с камерата",
        required=False,
        error_messages=_FILE_ERRORS,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    field_order = ["file", "photo", "kind", "title", "document_date", "sender", "sensitivity"]

    def clean(self):
        values = super().clean()
        refused = self.errors.get("file") or self.errors.get("photo")
        if not refused and not values.get("file") and not values.get("photo"):
            self.add_error("file", MISSING)
        return values

    @property
    def upload(self):
        return self.cleaned_data.get("file") or self.cleaned_data.get("photo")


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label="Причина за премахването",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Напишете защо файлът се премахва."},
    )
