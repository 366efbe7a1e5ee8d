"""The layouts of the documents: the default of each kind, a centre's own, and their rendering.

A layout is a Django template over plain data. A centre's own layout is rendered by a separate
engine with only the built-in tags and filters, no template loaders and no tag libraries, so
it can neither reach another template nor load code; the default layouts are rendered by the
same engine, so that what the manager sees as the starting point is what she may write.
"""

import re
from pathlib import Path

from django.template import Context, Engine, TemplateSyntaxError

from opora.documents.models import DocumentTemplate

_DEFAULTS = Path(__file__).resolve().parent.parent / "templates" / "documents" / "kinds"

# Tags that reach other templates or dump the context: refused with a message of their own.
FORBIDDEN_TAGS = ("load", "include", "extends", "debug", "ssi")
_FORBIDDEN = re.compile(r"{%-?\s*(" + "|".join(FORBIDDEN_TAGS) + r")\b")


class _LayoutEngine(Engine):
    # Without django.template.loader_tags: no {% include %}, {% extends %} or {% block %}.
    default_builtins = ["django.template.defaulttags", "django.template.defaultfilters"]


_ENGINE = _LayoutEngine(
    dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=True, debug=False,
    string_if_invalid="",
)  # fmt: skip


class LayoutError(ValueError):
    """A layout that cannot be used; the message is for the manager, in Bulgarian."""


def default_layout(code: str) -> str:
    return (_DEFAULTS / f"{code}.html").read_text(encoding="utf-8")


def centre_layout(centre, code: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(centre=centre, kind_code=code).first()


def layout_of(centre, code: str) -> str:
    own = centre_layout(centre, code)
    return own.body if own is not None else default_layout(code)


def check_layout(source: str) -> None:
    """Raise LayoutError (in Bulgarian) when the layout may not be saved."""
    if found := _FORBIDDEN.search(source):
        raise LayoutError(
            f"Тагът {{% {found.group(1)} %}} не е разрешен в шаблон на документ "
            f"(забранени: {', '.join(FORBIDDEN_TAGS)})."
        )
    try:
        _ENGINE.from_string(source)
    except TemplateSyntaxError as error:
        raise LayoutError(f"Шаблонът има синтактична грешка: {error}") from None


def render_layout(source: str, context: dict) -> str:
    """The layout filled in with the document's plain data (HTML of the body)."""
    check_layout(source)
    template = _ENGINE.from_string(source)
    try:
        return template.render(Context(context, autoescape=True))
    except Exception as error:  # a filter given the wrong value: the manager's layout, not a 500
        raise LayoutError(f"Шаблонът не може да бъде попълнен: {error}") from None
