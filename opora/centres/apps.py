from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "opora.centres"
    label = "centres"
