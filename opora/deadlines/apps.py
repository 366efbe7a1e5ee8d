from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "opora.deadlines"
    label = "deadlines"
