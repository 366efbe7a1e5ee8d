from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "opora.plans"
    label = "plans"
