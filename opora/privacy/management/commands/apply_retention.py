"""manage.py apply_retention [--centre slug] [--dry-run]: erase what is past its retention period.

Meant to run every night (cron). The dry run changes nothing and lists, per centre and record
type, what is due and what a legal hold keeps.
"""

from django.core.management.base import BaseCommand, CommandError

from opora.centres.models import Centre
from opora.privacy.domain.downloads import purge_expired_exports
from opora.privacy.domain.retention import RetentionReport, apply_retention, retention_report
from opora.privacy.enums import ERASABLE_TYPES, RecordType


class Command(BaseCommand):
    help = "Заличава съдържанието на случаите с изтекъл срок за съхранение и анонимизира лицата."

    def add_arguments(self, parser):
        parser.add_argument("--centre", help="slug на един център (по подразбиране: всички)")
        parser.add_argument(
            "--dry-run", action="store_true", help="само показва какво подлежи на заличаване"
        )

    def handle(self, *args, centre=None, dry_run=False, **options):
        for each in self._centres(centre):
            report = retention_report(each)
            self._print_report(report)
            if not dry_run:
                self._apply(each)
        if dry_run:
            self.stdout.write("Пробно изпълнение: нищо не е променено.")
        else:
            purge_expired_exports()

    def _centres(self, slug: str | None):
        if slug is None:
            # A closed centre's records still have their periods: every centre, active or not.
            return list(Centre.objects.order_by("slug"))
        centre = Centre.objects.filter(slug=slug).first()
        if centre is None:
            raise CommandError(f"Няма център „{slug}“.")
        return [centre]

    def _print_report(self, report: RetentionReport) -> None:
        write = self.stdout.write
        write(f"{report.centre.name} ({report.centre.slug}), към {report.today:%d.%m.%Y}:")
        for record_type in ERASABLE_TYPES:
            due = report.due[record_type]
            label, years = RecordType(record_type).label, report.years[record_type]
            write(f"  {label} (срок {years} г.): за заличаване {len(due)}")
            for item in due:
                write(f"    случай {item.case.number}, приключен {item.closed_on:%d.%m.%Y}")
        write(f"  Задържани с изтекъл срок: {len(report.held)}")
        for item in report.held:
            reasons = "; ".join(hold.reason for hold in item.holds)
            write(f"    случай {item.case.number}: {reasons}")
        write(
            f"  Записи в одита по-стари от {report.years[RecordType.AUDIT_ENTRIES]} г.: "
            f"{report.audit_entries_past_period} (одитът не се изтрива)"
        )

    def _apply(self, centre) -> None:
        summary = apply_retention(centre)
        erased = ", ".join(f"{RecordType(t).label.lower()} {n}" for t, n in summary.erased.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"  Заличени: {erased}; анонимизирани лица: {summary.anonymised}; "
                f"задържани: {summary.held}"
                + (
                    f"; пропуснати (променени междувременно): {summary.skipped}"
                    if summary.skipped
                    else ""
                )
            )
        )
