from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "opora.tasks"
    label = "tasks"
