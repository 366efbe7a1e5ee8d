from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "opora.public"
    label = "public"
    verbose_name = "Публични страници и онлайн заявки"
