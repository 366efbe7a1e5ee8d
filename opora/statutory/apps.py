from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "opora.statutory"
    label = "statutory"
    verbose_name = "Отчети към институциите"
