"""Reading the generated files back: the text of a PDF (pdftotext) and of a DOCX (python-docx)."""

import io
import re
import subprocess
import tempfile

import docx
from django.urls import reverse

from opora.documents.kinds.base import REGISTRY


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF"), content[:20]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        out = subprocess.run(["pdftotext", file.name, "-"], capture_output=True, check=True).stdout
    return _one_line(out.decode())


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    parts = [p.text for p in section.header.paragraphs]
    parts += [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for p in section.footer.paragraphs]
    return _one_line("\n".join(parts))


def footer_fields(content: bytes) -> str:
    """The field codes of the DOCX footer (PAGE, NUMPAGES)."""
    footer = docx.Document(io.BytesIO(content)).sections[0].footer
    return " ".join(t.text for t in footer._element.iter() if t.tag.endswith("}instrText"))


def _one_line(text: str) -> str:
    """Words joined by single spaces: a PDF breaks lines where the page is full."""
    return re.sub(r"\s+", " ", text).strip()


def document_url(centre, code: str, subject_id: int) -> str:
    kind = REGISTRY[code]
    return reverse(f"documents:{code}", kwargs={"centre": centre.slug, kind.url_kwarg: subject_id})


def issue(client, centre, code: str, subject_id: int, file_format: str = "pdf"):
    return client.post(document_url(centre, code, subject_id), {"file_format": file_format})


def text_of(response) -> str:
    content = response.content
    return pdf_text(content) if content.startswith(b"%PDF") else docx_text(content)
