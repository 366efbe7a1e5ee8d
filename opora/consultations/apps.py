from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "opora.consultations"
    label = "consultations"
