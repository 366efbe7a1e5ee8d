from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "opora.groups"
    label = "groups"
    verbose_name = "Групови програми"
