"""`manage.py send_deadline_reminders`: one e-mail per user and centre a day, with no names or ЕГН."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from opora.accounts.models import Membership, User
from opora.cases.enums import CaseStatus
from opora.deadlines.calendar import add_working_days
from opora.deadlines.domain import set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import ReminderLog
from opora.people.enums import IdentifierType
from opora.tasks.domain import create_task
from opora.tasks.enums import TaskKind
from tests.factories import PersonFactory, make_case

K = DeadlineKind
EGN = "1152034573"


def run(*args) -> str:
    out = StringIO()
    call_command("send_deadline_reminders", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def child(roomy_centre):
    return PersonFactory(
        centre=roomy_centre,
        first_name="Калина",
        middle_name="Деянова",
        last_name="Маринова",
        identifier_type=IdentifierType.EGN,
        identifier=EGN,
        no_identifier_reason="",
        birth_date=None,
    )


@pytest.fixture
def case(roomy_centre, manager, psychologist, child):
    return make_case(
        roomy_centre, manager, CaseStatus.ACTIVE, case_manager=psychologist, person=child
    )


@pytest.fixture
def duties(case, add_deadline, manager, social_worker):
    """The psychologist: 1 overdue, 1 coming; the manager: 1 approval; the social worker: 1 (no e-mail)."""
    User.objects.filter(pk=social_worker.pk).update(email="")
    add_deadline(case, K.PLAN_REVIEW, days=-4)
    add_deadline(case, K.REFERRER_REPORT, days=1)
    add_deadline(case, K.CLOSURE_APPROVAL, days=-1)
    add_deadline(case, K.CONTRACT, days=-2, responsible=social_worker)


@pytest.fixture
def elsewhere(other_centre, outsider_manager, outsider_psychologist, add_deadline):
    theirs = make_case(
        other_centre, outsider_manager, CaseStatus.ACTIVE, case_manager=outsider_psychologist
    )
    add_deadline(theirs, K.PLAN_REVIEW, days=-1)
    return theirs


def _mail_to(address: str):
    found = [m for m in mail.outbox if m.to == [address]]
    assert len(found) == 1, [m.to for m in mail.outbox]
    return found[0]


def test_a_dry_run_prints_the_emails_and_sends_and_records_nothing(duties, case):
    output = run("--dry-run")

    assert "пробно" in output
    assert "До: psychologist@example.org" in output
    assert "ПРОСРОЧЕНИ (1)" in output and case.number in output
    assert "Иван Димитров (ЦОП „Надежда“ – Харманли): 1 срок" in output  # no e-mail address
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_each_user_gets_one_email_per_centre_with_their_own_items(
    duties, case, elsewhere, manager, psychologist
):
    output = run()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@example.org",
        "outsider_psychologist@example.org",
        "psychologist@example.org",
    ]
    for_psychologist = _mail_to("psychologist@example.org")
    assert for_psychologist.subject == (
        "Опора · ЦОП „Надежда“ – Харманли: срокове — просрочени 1, предстоящи 1"
    )
    assert "ПРОСРОЧЕНИ (1)" in for_psychologist.body
    assert (
        "Преглед на ИПП" in for_psychologist.body and "просрочен с 4 дни" in for_psychologist.body
    )
    assert "Доклад до насочващия орган" in for_psychologist.body
    assert "Одобряване на приключването" not in for_psychologist.body
    assert len([line for line in for_psychologist.body.splitlines() if line.startswith("- ")]) == 2
    for_manager = _mail_to("manager@example.org")
    assert (
        "Одобряване на приключването" in for_manager.body
        and "Преглед на ИПП" not in for_manager.body
    )
    assert "Без електронна поща" in output and "Иван Димитров" in output
    assert "Общо: изпратени 3; вече уведомени днес 0; без електронна поща 1" in output
    assert set(ReminderLog.objects.values_list("user__username", flat=True)) == {
        "manager", "psychologist", "outsider_psychologist",
    }  # fmt: skip


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(duties):
    run()
    sent = len(mail.outbox)

    output = run()

    assert len(mail.outbox) == sent == 2
    assert "Общо: изпратени 0; вече уведомени днес 2" in output
    tomorrow = timezone.localdate() + timedelta(days=1)
    run("--date", tomorrow.strftime("%d.%m.%Y"))
    assert len(mail.outbox) == 4


def test_the_email_carries_the_case_number_and_initials_never_the_name_or_egn(duties, case, child):
    run()

    message = _mail_to("psychologist@example.org")
    text = message.subject + message.body
    assert f"случай {case.number}, К. М." in text
    for private in (child.first_name, child.middle_name, child.last_name, child.full_name, EGN):
        assert private not in text
    assert "Не го препращайте" in text


def test_the_email_links_to_my_work_when_the_site_address_is_known(duties):
    run("--site-url", "https://opora.example.bg/")

    assert (
        "https://opora.example.bg/c/harmanli/my-work/" in _mail_to("psychologist@example.org").body
    )


def test_coming_means_the_next_three_working_days(roomy_centre, case, manager, psychologist):
    # Thursday 9 April 2026: the next three working days skip Easter and end on Thursday 16 April.
    def due(kind, day):
        set_deadline(case=case, kind=kind, title="x", due_on=day, actor=manager)

    due(K.PLAN_REVIEW, date(2026, 4, 8))
    due(K.REFERRER_REPORT, date(2026, 4, 16))
    due(K.CONTRACT, date(2026, 4, 17))
    assert add_working_days(date(2026, 4, 9), 3) == date(2026, 4, 16)

    run("--date", "09.04.2026")

    body = _mail_to("psychologist@example.org").body
    assert "- 08.04.2026 (просрочен с 1 ден) — Преглед на ИПП" in body
    assert (
        "ПРЕДСТОЯЩИ ДО 16.04.2026 (1)" in body and "16.04.2026 — Доклад до насочващия орган" in body
    )
    assert "17.04.2026" not in body


def test_the_centres_unassigned_tasks_remind_the_managers(roomy_centre, case, manager):
    create_task(
        centre=roomy_centre, actor=manager, kind=TaskKind.NOTIFY_URGENT, case=case,
        title=f"Уведомете незабавно ДСП (случай {case.number})", due_in=timedelta(hours=-1),
    )  # fmt: skip

    run()

    body = _mail_to("manager@example.org").body
    assert "Незабавно уведомяване на ДСП (чл. 77, ал. 3 ЗСУ)" in body
    assert f"случай {case.number}, К. М." in body


def test_a_former_member_gets_no_email_and_the_item_is_reported(duties, case, psychologist):
    Membership.objects.filter(user=psychologist).update(is_active=False)

    output = run()

    assert [m.to for m in mail.outbox] == [["manager@example.org"]]
    assert "Срокове без действащ отговорник: 2" in output


def test_a_bad_date_is_refused_in_bulgarian(duties):
    with pytest.raises(CommandError, match=r"Невалидна дата „31\.02\.2026“"):
        run("--date", "31.02.2026")
    assert mail.outbox == []


def test_a_failed_send_records_nothing_so_the_next_run_retries(duties):
    unreachable = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=1,
        EMAIL_TIMEOUT=2,
    )
    with unreachable, pytest.raises(CommandError, match="не бяха изпратени"):
        run()
    assert not ReminderLog.objects.exists()

    run()

    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2
