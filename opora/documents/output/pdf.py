"""The document as a PDF (WeasyPrint, A4, DejaVu Sans; nothing fetched from a URL)."""

from pathlib import Path

_STYLESHEET = Path(__file__).resolve().parent / "document.css"


def render_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # heavy (seconds): loaded only when a PDF is made

    css = CSS(filename=str(_STYLESHEET), url_fetcher=_fetch_nothing)
    document = HTML(string=html, base_url=str(_STYLESHEET.parent), url_fetcher=_fetch_nothing)
    return document.write_pdf(stylesheets=[css])


def _fetch_nothing(url: str, *args, **kwargs):
    """A URL written into a layout or a record stays text, never a request."""
    raise ValueError(f"no external resources in a generated document ({url[:40]})")
