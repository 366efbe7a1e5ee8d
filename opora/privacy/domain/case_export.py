"""The case list as an encrypted XLSX or CSV: the cases the user reads, without any notes."""

from django.utils import timezone

from opora.cases.domain.queries import CaseFilters
from opora.cases.enums import CaseStatus
from opora.centres.enums import TargetGroup
from opora.core.errors import DomainError
from opora.privacy.domain.downloads import ExportFile, PreparedExport, prepare_export
from opora.privacy.domain.queries import exportable_cases
from opora.privacy.enums import ExportFormat, ExportKind
from opora.privacy.exports import encrypted_csv_zip, encrypted_xlsx

COLUMNS = (
    "Номер",
    "Потребител",
    "Възраст",
    "Статус",
    "Водещ на случая",
    "Регистриран на",
    "Приет на",
    "Приключен на",
    "Целеви групи",
)
# A list bigger than this is not a list anyone reads; ask for a narrower filter.
MAX_ROWS = 20_000


def export_case_list(centre, *, actor, filters: CaseFilters, file_format: str) -> PreparedExport:
    if file_format not in (ExportFormat.XLSX, ExportFormat.CSV):
        raise DomainError("Изберете формат: XLSX или CSV.", field="file_format")
    rows = case_rows(actor, centre, filters)
    if len(rows) > MAX_ROWS:
        raise DomainError(
            f"Списъкът има над {MAX_ROWS} случая. Стеснете филтъра и опитайте отново."
        )
    stamp = timezone.localdate().strftime("%Y-%m-%d")

    def build(password: str) -> ExportFile:
        if file_format == ExportFormat.XLSX:
            name, content = f"sluchai-{stamp}.xlsx", encrypted_xlsx(COLUMNS, rows, password)
        else:
            csv_name = f"sluchai-{stamp}.csv"
            name = f"sluchai-{stamp}.zip"
            content = encrypted_csv_zip(csv_name, COLUMNS, rows, password)
        return ExportFile(
            kind=ExportKind.CASE_LIST, file_format=file_format, file_name=name,
            description=describe_filters(filters), rows=len(rows), content=content,
        )  # fmt: skip

    return prepare_export(centre, actor=actor, build=build, changes=_audit_filters(filters))


def case_rows(user, centre, filters: CaseFilters) -> list[tuple]:
    today = timezone.localdate()
    cases = exportable_cases(user, centre, filters)[: MAX_ROWS + 1]
    return [
        (
            case.number,
            case.primary_person.full_name,
            case.primary_person.age_on(today),
            case.get_status_display(),
            _staff_name(case.case_manager),
            _day(case.registered_at),
            _day(case.opened_at),
            _day(case.closed_at),
            ", ".join(g.get_group_display() for g in case.target_groups.all()),
        )
        for case in cases
    ]


def count_rows(user, centre, filters: CaseFilters) -> int:
    return exportable_cases(user, centre, filters).count()


def describe_filters(filters: CaseFilters) -> str:
    """The filters in words, for the export log (no search text: it may be a child's name)."""
    if filters.status == "all":
        parts = ["всички статуси"]
    elif filters.status:
        parts = [f"статус „{CaseStatus(filters.status).label}“"]
    else:
        parts = ["отворените случаи"]
    if filters.target_group:
        parts.append(f"целева група „{TargetGroup(filters.target_group).label}“")
    if filters.case_manager:
        parts.append("на един водещ")
    if filters.query:
        parts.append("с търсене")
    return "Списък на случаите: " + ", ".join(parts)


def _audit_filters(filters: CaseFilters) -> dict:
    return {
        "status": filters.status or "open",
        "target_group": filters.target_group,
        "case_manager": filters.case_manager,
        "search": bool(filters.query),
    }


def _staff_name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _day(moment):
    return timezone.localtime(moment).date() if moment else None
