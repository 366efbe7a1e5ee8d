from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "opora.assessments"
    label = "assessments"
