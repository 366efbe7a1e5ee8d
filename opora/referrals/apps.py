from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "opora.referrals"
    label = "referrals"
