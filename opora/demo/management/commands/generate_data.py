import time

from django.core.management.base import BaseCommand, CommandError

from opora.demo.generate import generate_centre, next_numbers


class Command(BaseCommand):
    help = "Генерира допълнителни центрове (gen-001, …) със случаи за изпитания с голям обем данни."

    def add_arguments(self, parser):
        parser.add_argument("--centres", type=int, required=True, help="Брой нови центрове.")
        parser.add_argument(
            "--cases", type=int, required=True, help="Брой случаи във всеки център."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Начална стойност за случайните данни."
        )

    def handle(self, *args, centres: int, cases: int, seed: int, **options):
        if centres < 1 or cases < 0:
            raise CommandError("--centres трябва да е поне 1, а --cases не може да е отрицателно.")
        started = time.monotonic()
        total_cases = total_people = 0
        for index, number in enumerate(next_numbers(centres), start=1):
            done = generate_centre(number, cases=cases, seed=seed)
            total_cases += done.cases
            total_people += done.people
            self.stdout.write(
                f"[{index}/{centres}] {done.slug}: {done.cases} случая, {done.people} лица, "
                f"заети места {done.places_used} от {done.capacity} ({done.seconds:.1f} с)"
            )
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Готово: {centres} центъра, {total_cases} случая, {total_people} лица "
                f"за {elapsed:.1f} с."
            )
        )
        self.stdout.write(
            "Потребители: gen-NNN.manager / .psych / .social / .accountant, парола като в демото."
        )
