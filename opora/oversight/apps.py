from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "opora.oversight"
    label = "oversight"
    verbose_name = "Общински и национален преглед"
