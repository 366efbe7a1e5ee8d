"""The document as an editable DOCX: a small converter of the layouts' HTML subset to python-docx.

Supported (the help of the layout page lists it): h1–h3, p, strong/b, em/i, u, br, ul/ol/li,
table/tr/th/td, div (div.signatures: the signature lines). The letterhead (header.letterhead) is
the page header; the footer carries „стр. N от M“ as PAGE and NUMPAGES fields, so Word keeps
them right after the user's edits. Anything else is read for its text only.
"""

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"br", "meta", "img", "hr", "link", "input"}
_SKIP = {"head", "title", "style", "script"}
_BLOCKS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "table",
    "div",
    "header",
    "main",
    "section",
}
_SPACE = re.compile(r"\s+")
FONT = "Arial"


@dataclass
class Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node or str

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find(self, tag: str, cls: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (cls is None or cls in child.classes):
                    return child
                if (found := child.find(tag, cls)) is not None:
                    return found
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def render_docx(html: str) -> bytes:
    from docx import Document  # loaded only when a DOCX is made
    from docx.shared import Mm, Pt

    root = parse(html)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(22), Mm(18)
    section.top_margin, section.bottom_margin = Mm(18), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    if (letterhead := root.find("header", "letterhead")) is not None:
        _letterhead(section.header, letterhead)
    _page_numbers(section.footer)
    body = root.find("main") or root.find("body") or root
    _Writer(document).blocks(body)
    if (signatures := root.find("div", "signatures")) is not None and not _inside(body, signatures):
        _Writer(document).signatures(signatures)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _inside(container: Node, node: Node) -> bool:
    return any(
        child is node or (isinstance(child, Node) and _inside(child, node))
        for child in container.children
    )


def _letterhead(header, node: Node) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    header.paragraphs[0].text = ""
    first = True
    for child in node.children:
        if not isinstance(child, Node):
            continue
        paragraph = header.paragraphs[0] if first else header.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(_text(child))
        run.font.name = FONT
        run.bold = "centre-name" in child.classes
        run.font.size = Pt(12 if run.bold else 8.5)


def _page_numbers(footer) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("стр. ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" от ")
    _field(paragraph, "NUMPAGES", "1")


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word fills in the value when it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    code = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _text(node) -> str:
    if isinstance(node, str):
        return _SPACE.sub(" ", node)
    if node.tag == "br":
        return "\n"
    return _SPACE.sub(" ", "".join(_text(c) for c in node.children)).strip()


class _Writer:
    def __init__(self, document):
        self.document = document

    def blocks(self, node: Node) -> None:
        loose: list = []
        for child in node.children:
            if isinstance(child, Node) and child.tag in _SKIP:
                continue
            if isinstance(child, Node) and child.tag in _BLOCKS:
                self._loose(loose)
                loose = []
                self.block(child)
            else:
                loose.append(child)
        self._loose(loose)

    def _loose(self, nodes: list) -> None:
        if any(_text(n).strip() for n in nodes):
            self.inline(self.document.add_paragraph(), nodes)

    def block(self, node: Node) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if node.tag in {"h1", "h2", "h3", "h4"}:
            level = min(int(node.tag[1]), 3)
            paragraph = self.document.add_paragraph(style=f"Heading {level}")
            self.inline(paragraph, node.children)
            if level == 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif node.tag == "p":
            paragraph = self.document.add_paragraph()
            self.inline(paragraph, node.children)
            if {"meta", "center"} & node.classes:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif "addressee" in node.classes:
                paragraph.paragraph_format.left_indent = self._mm(90)
        elif node.tag in {"ul", "ol"}:
            self.list(node, "List Number" if node.tag == "ol" else "List Bullet")
        elif node.tag == "li":
            self.inline(self.document.add_paragraph(style="List Bullet"), node.children)
        elif node.tag == "table":
            self.table(node)
        elif node.tag == "div" and "signatures" in node.classes:
            self.signatures(node)
        else:
            self.blocks(node)

    @staticmethod
    def _mm(value):
        from docx.shared import Mm

        return Mm(value)

    def list(self, node: Node, style: str) -> None:
        for item in node.children:
            if not isinstance(item, Node):
                continue
            if item.tag in {"ul", "ol"}:
                self.list(item, style)
                continue
            inline = [
                c for c in item.children if not (isinstance(c, Node) and c.tag in {"ul", "ol"})
            ]
            self.inline(self.document.add_paragraph(style=style), inline)
            for nested in item.children:
                if isinstance(nested, Node) and nested.tag in {"ul", "ol"}:
                    self.list(nested, style)

    def inline(self, paragraph, nodes, *, bold=False, italic=False, underline=False) -> None:
        for index, node in enumerate(nodes):
            if isinstance(node, str):
                text = _SPACE.sub(" ", node)
                if not paragraph.runs:
                    text = text.lstrip()
                if index == len(nodes) - 1:
                    text = text.rstrip()
                if text:
                    run = paragraph.add_run(text)
                    run.bold, run.italic, run.underline = (
                        bold or None,
                        italic or None,
                        underline or None,
                    )
            elif node.tag == "br":
                paragraph.add_run().add_break()
            elif node.tag in _SKIP:
                continue
            else:
                self.inline(
                    paragraph, node.children,
                    bold=bold or node.tag in {"strong", "b", "th"},
                    italic=italic or node.tag in {"em", "i"},
                    underline=underline or node.tag == "u",
                )  # fmt: skip

    def table(self, node: Node) -> None:
        rows = _rows(node)
        if not rows:
            return
        width = max(len(cells) for cells in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                target = table.cell(r, c)
                self.inline(target.paragraphs[0], _flatten(cell), bold=cell.tag == "th")
        self.document.add_paragraph()

    def signatures(self, node: Node) -> None:
        from docx.shared import Pt

        self.document.add_paragraph()
        for cells in _rows(node):
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(14)
            paragraph.add_run("  ".join(_text(cell) for cell in cells))


def _rows(node: Node) -> list[list[Node]]:
    rows = []
    for child in node.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "tr":
            rows.append(
                [c for c in child.children if isinstance(c, Node) and c.tag in {"td", "th"}]
            )
        else:
            rows += _rows(child)
    return rows


def _flatten(cell: Node) -> list:
    """A cell's content as inline nodes: its paragraphs and list items separated by line breaks."""
    out: list = []
    for child in cell.children:
        if isinstance(child, Node) and child.tag in _BLOCKS:
            if out:
                out.append(Node("br"))
            out.extend(_flatten(child) if child.tag in {"ul", "ol", "div"} else child.children)
        else:
            out.append(child)
    return out
