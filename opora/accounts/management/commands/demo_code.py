from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from opora.accounts.domain.two_factor import current_code


class Command(BaseCommand):
    help = (
        "Демо: отпечатва текущия 6-цифрен код за вход на демо потребител (вместо телефон). "
        "Не работи в продукционна среда."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="потребителско име, напр. harmanli.manager")

    def handle(self, *args, username: str, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "demo_code не работи при OPORA_ENV=production: кодът идва само от телефона."
            )
        user = get_user_model().objects.filter(username=username.strip().lower()).first()
        if user is None:
            raise CommandError(f"Няма потребител „{username}“.")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            raise CommandError(
                f"{username} още не е настроил/а приложение за кодове; "
                "при следващото влизане Опора ще покаже QR код за настройка."
            )
        self.stdout.write(current_code(device))
