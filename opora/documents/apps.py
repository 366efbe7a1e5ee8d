from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "opora.documents"
    label = "documents"
    verbose_name = "Документи"
