from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from opora.demo.scale.run import generate

MAX = {"centres": 5_000, "persons": 50_000_000, "cases": 20_000_000, "sessions": 500_000_000}


class Command(BaseCommand):
    help = (
        "Генерира центрове (gen-001, …) с лица, семейства, случаи във всички статуси, ИОП, ИПП, "
        "договори, прегледи, срещи, срокове и одит — за изпитания с голям обем данни. "
        "Числата са общо за всички нови центрове."
    )

    def add_arguments(self, parser):
        parser.add_argument("--centres", type=int, default=1, help="Брой нови центрове.")
        parser.add_argument("--cases", type=int, required=True, help="Брой случаи (общо).")
        parser.add_argument(
            "--persons", type=int, help="Брой лица (общо; по подразбиране 2 × случаите)."
        )
        parser.add_argument(
            "--sessions", type=int, help="Брой срещи (общо; по подразбиране 30 × случаите)."
        )
        parser.add_argument(
            "--years", type=float, default=5, help="За колко години назад (по подразбиране 5)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Начална стойност за случайните данни."
        )
        parser.add_argument(
            "--unchecked", action="store_true",
            help="PostgreSQL (суперпотребител): без проверка на външните ключове при зареждането — по-бързо.",
        )  # fmt: skip

    def handle(self, *args, centres, cases, persons, sessions, years, seed, unchecked, **options):
        persons = 2 * cases if persons is None else persons
        sessions = 30 * cases if sessions is None else sessions
        self._check(centres=centres, persons=persons, cases=cases, sessions=sessions, years=years)
        bar = tqdm(total=centres, unit=" център", disable=options.get("verbosity", 1) == 0)
        report = generate(
            centres=centres, persons=persons, cases=cases, sessions=sessions, years=years,
            seed=seed, progress=lambda quota: bar.update(1), fast=unchecked,
        )  # fmt: skip
        bar.close()
        for name, seconds in report.stages:
            self.stdout.write(f"  {name}: {seconds:.1f} с")
        for table, count in sorted(report.rows.items(), key=lambda item: -item[1]):
            self.stdout.write(
                f"  {table}: {count:,} реда, запис {report.write_seconds[table]:.1f} с"
            )
        first, last = report.centres[0], report.centres[-1]
        self.stdout.write(self.style.SUCCESS(
            f"Готово: {centres} центъра ({first} … {last}), {cases:,} случая, "
            f"{report.rows.get('people_person', 0):,} лица, {report.rows.get('consultations_session', 0):,} срещи."
        ))  # fmt: skip
        self.stdout.write(f"Потребители: {first}.manager, {first}.psych1, {first}.social2 …, "
                          "парола като в демото.")  # fmt: skip

    def _check(self, **numbers):
        if numbers["centres"] < 1 or numbers["cases"] < 1 or numbers["persons"] < 1:
            raise CommandError("Нужни са поне 1 център, 1 случай и 1 лице.")
        if numbers["sessions"] < 0 or numbers["years"] <= 0:
            raise CommandError(
                "Броят срещи не може да е отрицателен, а годините трябва да са над 0."
            )
        if numbers["cases"] < numbers["centres"]:
            raise CommandError("Случаите трябва да са поне колкото центровете.")
        for name, limit in MAX.items():
            if numbers[name] > limit:
                raise CommandError(f"Твърде голямо число за --{name} (най-много {limit:,}).")
