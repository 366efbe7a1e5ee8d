"""PDF files rendered from Django templates with WeasyPrint (DejaVu fonts, so Cyrillic prints)."""

from pathlib import Path

from django.template.loader import render_to_string

_HERE = Path(__file__).resolve().parent


def render_pdf(template: str, context: dict, *, stylesheet: str) -> bytes:
    """The template as a PDF; `stylesheet` is a file next to this module (kept out of web pages)."""
    from weasyprint import CSS, HTML  # heavy (seconds): loaded only when a PDF is made

    html = render_to_string(template, context)
    css = CSS(filename=str(_HERE / stylesheet), url_fetcher=_fetch_nothing)
    document = HTML(string=html, base_url=str(_HERE), url_fetcher=_fetch_nothing)
    return document.write_pdf(stylesheets=[css])


def _fetch_nothing(url: str, *args, **kwargs):
    """Nothing in the file is loaded from elsewhere: a URL in a record stays text, never a request."""
    raise ValueError(f"no external resources in a generated PDF ({url[:40]})")
