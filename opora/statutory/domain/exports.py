"""The statements as encrypted files, through privacy's one-time downloads (ExportKind.STATUTORY).

The occupancy statement holds no names; it goes the same way as the ASP workbook, whose users sheet
holds names and ЕГН/ЛНЧ, so every file of this app leaves Opora encrypted and logged.
"""

import io
from collections.abc import Sequence

from django.utils import timezone
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook
from openpyxl.styles import Font

from opora.privacy.domain.downloads import ExportFile, PreparedExport, prepare_export
from opora.privacy.enums import ExportFormat, ExportKind
from opora.privacy.exports import encrypted_xlsx
from opora.statutory.domain.asp import AspData, Sheet
from opora.statutory.domain.occupancy import OccupancyStatement

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_occupancy(statement: OccupancyStatement, *, actor) -> PreparedExport:
    period = statement.period
    rows = [[day.day, day.used, day.capacity, day.free] for day in statement.days]
    rows += [
        [None, None, None, None],
        ["Капацитет (финансирани места)", statement.capacity, None, None],
        ["Средна дневна заетост", statement.average, None, None],
        ["Максимална дневна заетост", statement.maximum, None, None],
        ["Потребителодни", statement.user_days, None, None],
        ["Потребители в месеца", statement.users, None, None],
        ["Новоприети", statement.admissions, None, None],
        ["Освободени места (приключили)", statement.departures, None, None],
        ["Общодостъпни консултации (започнати)", statement.consultations, None, None],
        ["Чакащи в края на месеца", statement.waiting_at_end, None, None],
    ]  # fmt: skip
    stamp = f"{period.start:%Y-%m}"

    def build(password: str) -> ExportFile:
        content = encrypted_xlsx(["Дата", "Заети места", "Капацитет", "Свободни"], rows, password)
        return ExportFile(
            kind=ExportKind.STATUTORY, file_format=ExportFormat.XLSX,
            file_name=f"zaetost-{stamp}.xlsx",
            description=f"Месечна справка за заетостта, {period.label()}",
            rows=len(statement.days), content=content,
        )  # fmt: skip

    return prepare_export(
        statement.centre, actor=actor, build=build,
        changes={"report": "occupancy", "period": period.label()},
    )  # fmt: skip


def export_asp_data(data: AspData, *, actor) -> PreparedExport:
    period = data.period

    def build(password: str) -> ExportFile:
        return ExportFile(
            kind=ExportKind.STATUTORY, file_format=ExportFormat.XLSX,
            file_name=f"iis-asp-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.xlsx",
            description=f"Данни за ИИС на АСП, {period.label()}",
            rows=sum(sheet.count for sheet in data.sheets),
            content=encrypted_workbook(data.sheets, password),
        )  # fmt: skip

    return prepare_export(
        data.centre, actor=actor, build=build,
        changes={"report": "asp_data", "period": period.label(), "sheets": data.summary["counts"]},
    )  # fmt: skip


def encrypted_workbook(sheets: Sequence[Sheet], password: str) -> bytes:
    """One worksheet per sheet, bold headers, dates as dates; Office encryption like privacy's."""
    if not password or len(password) < 12:
        raise ValueError("An export password must have at least 12 characters.")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _fill(workbook.create_sheet(sheet.title[:31]), sheet)
    plain = io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt(password, encrypted)
    return encrypted.getvalue()


def _fill(worksheet, sheet: Sheet) -> None:
    worksheet.append(sheet.headers)
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        worksheet.append([_value(value) for value in row])
        for cell in worksheet[worksheet.max_row]:
            if hasattr(cell.value, "hour"):
                cell.number_format = "dd.mm.yyyy hh:mm"
            elif hasattr(cell.value, "day"):
                cell.number_format = "dd.mm.yyyy"
    worksheet.freeze_panes = "A2"
    for column in worksheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        worksheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)


def _value(value):
    if hasattr(value, "tzinfo") and hasattr(value, "hour") and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
