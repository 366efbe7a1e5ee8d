"""The statements as PDF: Django templates rendered by WeasyPrint with a static stylesheet.

WeasyPrint is imported inside the function (it takes seconds to load); DejaVu Sans carries the
Cyrillic; nothing is fetched from a URL.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STYLESHEET = "statutory/print.css"


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import CSS, HTML  # heavy: loaded only when a PDF is made

    html = render_to_string(template, context)
    css = CSS(filename=finders.find(STYLESHEET), url_fetcher=_fetch_nothing)
    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf(stylesheets=[css])


def _fetch_nothing(url: str, *args, **kwargs):
    raise ValueError(f"no external resources in a generated PDF ({url[:40]})")
