import smtplib
from datetime import date, datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opora.centres.models import Centre
from opora.deadlines.reminders import (
    REMINDER_WORKING_DAYS,
    Reminder,
    ReminderPlan,
    compose,
    reminder_plan,
    send_reminder,
)


class Command(BaseCommand):
    help = (
        "Изпраща дневните напомняния за срокове: на всеки служител по едно писмо за всеки център "
        f"с просрочените срокове и тези през следващите {REMINDER_WORKING_DAYS} работни дни. "
        "Повторно изпълнение в същия ден не изпраща нищо на вече уведомените."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", dest="on_date", help="ден на напомнянето, дд.мм.гггг (по подразбиране днес)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="само показва писмата, без да ги изпраща"
        )
        parser.add_argument(
            "--site-url",
            default=getattr(settings, "OPORA_SITE_URL", ""),
            help="адрес на системата за връзката в писмото, напр. https://opora.example.bg",
        )

    def handle(self, *args, on_date: str | None, dry_run: bool, site_url: str, **options):
        today = _parse_date(on_date) if on_date else timezone.localdate()
        mode = " (пробно: нищо не се изпраща)" if dry_run else ""
        self.stdout.write(f"Напомняния за срокове към {today:%d.%m.%Y}{mode}")
        totals = {"sent": 0, "would": 0, "skipped": 0, "no_email": [], "failed": [], "unowned": 0}
        for centre in Centre.objects.filter(is_active=True).order_by("name"):
            plan = reminder_plan(centre, today)
            totals["unowned"] += plan.unowned
            for reminder in plan.reminders:
                self._handle_one(reminder, plan, totals, dry_run=dry_run, site_url=site_url)
        self._summary(totals, dry_run=dry_run)
        if totals["failed"]:
            raise CommandError("Някои напомняния не бяха изпратени; вижте списъка по-горе.")

    def _handle_one(self, reminder: Reminder, plan: ReminderPlan, totals, *, dry_run, site_url):
        user, centre = reminder.user, reminder.centre
        who = f"{user.get_full_name() or user.username} ({centre.name})"
        if reminder.already_sent:
            totals["skipped"] += 1
        elif not user.email:
            totals["no_email"].append(f"{who}: {_items(reminder)}")
        elif dry_run:
            totals["would"] += 1
            subject, body = compose(reminder, plan, site_url=site_url)
            self.stdout.write(f"\nДо: {user.email} — {who}\nТема: {subject}\n{body}")
        else:
            self._send(reminder, plan, totals, who=who, site_url=site_url)

    def _send(self, reminder: Reminder, plan: ReminderPlan, totals, *, who: str, site_url: str):
        email = reminder.user.email
        try:
            sent = send_reminder(reminder, plan=plan, site_url=site_url)
        except (OSError, smtplib.SMTPException) as error:
            # Nothing is logged for this user, so the next run tries again; the others still go.
            totals["failed"].append(f"{who} <{email}>: {error}")
            return
        if sent:
            totals["sent"] += 1
            self.stdout.write(f"Изпратено до {email} — {who}: {_items(reminder)}")
        else:
            totals["skipped"] += 1

    def _summary(self, totals, *, dry_run: bool):
        if totals["no_email"]:
            self.stdout.write("\nБез електронна поща (не са уведомени):")
            for line in totals["no_email"]:
                self.stdout.write(f"  {line}")
        if totals["failed"]:
            self.stderr.write(
                "\nНеуспешно изпращане (ще се опита отново при следващото изпълнение):"
            )
            for line in totals["failed"]:
                self.stderr.write(f"  {line}")
        done = f"биха се изпратили {totals['would']}" if dry_run else f"изпратени {totals['sent']}"
        self.stdout.write(
            f"\nОбщо: {done}; вече уведомени днес {totals['skipped']}; "
            f"без електронна поща {len(totals['no_email'])}; неуспешни {len(totals['failed'])}."
        )
        if totals["unowned"]:
            self.stdout.write(
                f"Срокове без действащ отговорник: {totals['unowned']} "
                "(напуснал служител или случай без водещ) — вижте „Просрочени срокове“."
            )


def _items(reminder: Reminder) -> str:
    count = len(reminder.items)
    return "1 срок" if count == 1 else f"{count} срока"


def _parse_date(raw: str) -> date:
    try:
        return datetime.strptime(raw.strip(), "%d.%m.%Y").date()
    except ValueError as error:
        raise CommandError(
            f"Невалидна дата „{raw}“: въведете я във вида дд.мм.гггг, напр. 23.11.2026."
        ) from error
