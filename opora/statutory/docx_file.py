"""The annual report as a Word file (python-docx), the form АКСУ takes it in, ready to e-sign.

Headings, the figures as tables, the provider's letterhead in the header, „стр. N от M“ in the
footer as PAGE / NUMPAGES fields (Word fills them in), and the signature block of the manager.
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from opora.statutory.figures import FigureTable

FONT = "Times New Roman"


def annual_report_docx(*, report, centre, tables: list[FigureTable], head, made_on) -> bytes:
    document = Document()
    _page_setup(document)
    _letterhead(document, centre)
    _footer(document)
    _title(document, report, centre)
    _section(document, "1. Постигнати резултати", report.results_text)
    _section(
        document,
        "2. Резултати от изпълнението на програмата за развитие на качеството",
        report.quality_programme_text,
    )
    _section(
        document, "3. Резултати от годишния вътрешен контрол и мониторинг", report.monitoring_text
    )
    document.add_heading("4. Данни за дейността през годината", level=1)
    for table in tables:
        _figure_table(document, table)
    _signature(document, head, made_on)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2.2)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.name = FONT


def _letterhead(document, centre) -> None:
    header = document.sections[0].header
    first = header.paragraphs[0]
    first.text = centre.name
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.runs[0].bold = True
    details = [f"община {centre.municipality}", centre.address, centre.phone, centre.email]
    line = header.add_paragraph(" · ".join(part for part in details if part))
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in line.runs:
        run.font.size = Pt(9)


def _footer(document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("стр. ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" от ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, a placeholder, end."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)


def _title(document, report, centre) -> None:
    title = document.add_paragraph(style="Title")
    title.add_run("Годишен отчет за дейността на услугата")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = document.add_paragraph(f"{centre.name} — за {report.year} г.")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    basis = document.add_paragraph(
        "до Агенцията за качеството в социалните услуги, по чл. 112, ал. 3 и 4 от Закона за "
        "социалните услуги"
    )
    basis.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.is_draft:
        mark = document.add_paragraph()
        mark.add_run("ЧЕРНОВА — не е подаден").bold = True
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.corrects_id:
        note = document.add_paragraph(
            f"Коригиран отчет (заменя подадения на {report.corrects.submitted_at:%d.%m.%Y})"
            if report.corrects and report.corrects.submitted_at
            else "Коригиран отчет"
        )
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _section(document, heading: str, text: str) -> None:
    document.add_heading(heading, level=1)
    for block in (text or "—").split("\n\n"):
        document.add_paragraph(block.strip())


def _figure_table(document, table: FigureTable) -> None:
    document.add_heading(table.title, level=2)
    grid = document.add_table(rows=1, cols=2)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = grid.rows[0].cells
    head[0].text, head[1].text = table.label_header, table.value_header
    for cell in head:
        cell.paragraphs[0].runs[0].bold = True
    for label, value in table.rows:
        cells = grid.add_row().cells
        cells[0].text = str(label)
        cells[1].text = str(value)
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in grid.rows:
        row.cells[0].width, row.cells[1].width = Cm(12.5), Cm(4)


def _signature(document, head, made_on) -> None:
    document.add_paragraph()
    document.add_paragraph(f"Дата: {made_on:%d.%m.%Y}")
    name = head.get_full_name() if head else "…………………………………"
    document.add_paragraph(f"Управител: ……………………………  ({name})")
    document.add_paragraph("Подписано с квалифициран електронен подпис.").runs[0].italic = True
