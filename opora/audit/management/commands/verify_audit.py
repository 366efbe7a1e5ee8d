from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opora.audit.chain import VERIFY_CHUNK, verify


class Command(BaseCommand):
    help = (
        "Проверява веригата от хешове на одита: обхожда записите по ред и съобщава първата "
        "прекъсната връзка (променен запис, изтрити записи). Изход с код 1 при прекъсване."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--chunk-size", type=int, default=VERIFY_CHUNK, help="записи, четени наведнъж"
        )

    def handle(self, *args, chunk_size: int, **options):
        if chunk_size < 1:
            raise CommandError("--chunk-size трябва да е поне 1.")
        verdict = verify(chunk_size=chunk_size)
        if verdict.broken is None:
            self.stdout.write(f"Веригата е цяла: {verdict.checked} записа.")
            self.stdout.write(f"Последен хеш: {verdict.last_hash}")
            return
        broken = verdict.broken
        at = timezone.localtime(broken.at).strftime("%d.%m.%Y %H:%M:%S")
        self.stdout.write(
            f"Веригата е прекъсната при запис № {broken.entry_id} от {at}: {broken.problem}.\n"
            f"Преди него {verdict.checked} записа са наред."
        )
        raise CommandError("Одитът не е цял: вижте записа по-горе.")
