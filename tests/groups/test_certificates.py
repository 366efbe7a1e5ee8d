"""Certificates: only for who completed a finished programme, numbered per centre per year, PDF."""

import re
import subprocess
from datetime import date

import pytest

from opora.audit.models import AuditEntry
from opora.core.errors import DomainError
from opora.groups.certificates import certificate_pdf
from opora.groups.domain.certificates import issue_certificate, issue_certificates
from opora.groups.models import Certificate
from tests.groups.records import add_group_records


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def test_the_next_certificate_of_the_year_gets_the_next_number(groups, manager):
    completed = groups.participants["completed"]

    certificate = issue_certificate(completed, actor=manager)

    year = certificate.issued_on.year
    assert (certificate.number, certificate.hours) == (f"2/{year}", 4)
    entry = AuditEntry.objects.get(action="certificate.issue", object_id=str(certificate.pk))
    assert entry.changes["number"] == f"2/{year}"


def test_asking_again_gives_the_same_certificate(groups, manager):
    certified = groups.participants["certified"]

    again = issue_certificate(certified, actor=manager)

    assert again.number.startswith("1/")
    assert Certificate.objects.filter(participant=certified).count() == 1


def test_numbers_start_again_each_year_and_each_centre_counts_its_own(
    groups, manager, other_centre, outsider_manager, outsider_psychologist
):
    next_year = date(groups.participants["certified"].certificate.year + 1, 1, 5)
    theirs = add_group_records(other_centre, outsider_manager, [outsider_psychologist])

    ours = issue_certificate(groups.participants["completed"], actor=manager, issued_on=next_year)
    their_first = theirs.participants["certified"].certificate

    assert ours.number == f"1/{next_year.year}"
    assert their_first.number.startswith("1/")


def test_no_certificate_below_the_minimum_share_of_hours(groups, manager):
    incomplete = groups.participants["incomplete"]

    with pytest.raises(
        DomainError, match=r"има 2 ч\. присъствие; .* поне 3,2 ч\. \(80% от 4 ч\.\)"
    ):
        issue_certificate(incomplete, actor=manager)
    assert not Certificate.objects.filter(participant=incomplete).exists()


def test_no_certificate_before_the_programme_has_finished(groups, manager):
    with pytest.raises(DomainError, match="след приключване на програмата"):
        issue_certificate(groups.participants["regular"], actor=manager)


def test_the_pdf_carries_the_letterhead_the_name_the_programme_hours_and_signatures(
    groups, centre, tmp_path
):
    centre.address = "гр. Харманли, ул. „България“ 10"
    centre.phone = "0373 8 21 21"
    centre.save()
    certificate = groups.participants["certified"].certificate

    pdf = certificate_pdf(Certificate.objects.get(pk=certificate.pk))

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    participant = groups.participants["certified"]
    programme = groups.programmes["finished"]
    for expected in [
        "ЦОП „Надежда“ – Харманли", "ул. „България“ 10", "0373 8 21 21", "УДОСТОВЕРЕНИЕ",
        f"№ {certificate.number}", participant.person.full_name, "„Училище за родители“",
        f"{programme.starts_on:%d.%m.%Y}", f"{programme.ends_on:%d.%m.%Y}",
        "4 часа от 4 часа",
    ]:  # fmt: skip
        assert expected in text, expected
    assert re.search(r"Водещ\s+Елена Колева", text)
    assert re.search(r"Ръководител\s+Мария Петрова", text)


def test_issuing_for_the_whole_programme_gives_only_the_missing_ones(groups, manager):
    issued = issue_certificates(groups.programmes["finished"], actor=manager)

    assert [c.participant for c in issued] == [groups.participants["completed"]]
    with pytest.raises(DomainError, match="Няма завършили участници без удостоверение"):
        issue_certificates(groups.programmes["finished"], actor=manager)
    with pytest.raises(DomainError, match="след приключване на програмата"):
        issue_certificates(groups.programmes["running"], actor=manager)
