from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "opora.reporting"
    label = "reporting"
    verbose_name = "Статистика и отчети"

    def ready(self) -> None:
        from opora.reporting.domain.statistics import register

        register()
