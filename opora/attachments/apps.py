from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "opora.attachments"
    label = "attachments"
    verbose_name = "Прикачени файлове"
