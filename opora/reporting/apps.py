from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "opora.reporting"
    label = "reporting"
    verbose_name = "Статистика и отчети"
