from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "opora.statutory"
    label = "statutory"
    verbose_name = "Отчети към институциите"

    def ready(self) -> None:
        from opora.statutory.domain.registry import register_statutory_reports

        register_statutory_reports()
