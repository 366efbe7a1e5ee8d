from django.apps import AppConfig


class ClosureConfig(AppConfig):
    name = "opora.closure"
    label = "closure"
