from django.apps import AppConfig


class FosteringConfig(AppConfig):
    name = "opora.fostering"
    label = "fostering"
    verbose_name = "Приемна грижа и осиновяване"
