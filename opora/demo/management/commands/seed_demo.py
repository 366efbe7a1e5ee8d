import time

from django.core.management.base import BaseCommand, CommandError

from opora.demo.logins import print_logins
from opora.demo.seed import seed_demo, seed_exists


class Command(BaseCommand):
    help = "Създава демо данни: ЦОП Харманли и ЦОП Драгоман с екипи, семейства и случаи."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ако демо центровете вече съществуват, само отпечатва данните за вход.",
        )

    def handle(self, *args, if_empty: bool, **options):
        if seed_exists():
            if not if_empty:
                raise CommandError("Демо центровете вече съществуват (използвайте --if-empty).")
            self.stdout.write("Демо данните вече са създадени.")
            print_logins(self.stdout)
            return
        started = time.monotonic()
        for summary in seed_demo():
            self.stdout.write(
                f"{summary.name}: {summary.cases} случая, "
                f"заети места {summary.places_used} от {summary.capacity}"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Демо данните са създадени за {time.monotonic() - started:.1f} с.")
        )
        print_logins(self.stdout)
