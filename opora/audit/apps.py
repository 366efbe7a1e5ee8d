from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "opora.audit"
    label = "audit"

    def ready(self):
        from opora.audit import auth

        auth.connect()
