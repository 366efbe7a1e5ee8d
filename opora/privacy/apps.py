from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "opora.privacy"
    label = "privacy"
    verbose_name = "Лични данни"
