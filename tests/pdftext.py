"""What a PDF shows and carries: its text layer, page by page, against the text it was made from.

The rule every PDF a test renders is held to (tests/conftest.py checks each one): the PDF's
extracted text inside the pages' content boxes, whitespace removed, equals the text of its
HTML's ``<body>``, whitespace removed. Excluded, and only these: the running header (the
document's title, cut to one line, in the top margin) and footer (the permanent address and
"page N of M", in the bottom margin), which the print stylesheet adds to every page (CSS
``@page`` margin boxes), each repeating what the cover says. So no character is lost (off the page's edge: text outside the content
box is not counted), replaced (a glyph the font lacks extracts as another character) or added.

:func:`version_body` goes on to the canonical text (``model.document.canonical_text``): a
version's PDF body, after its cover, is the canonical text as a reader sees it.
"""

from __future__ import annotations

import html.parser
import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from pypdf import PdfReader

from legalsite.model import inline
from legalsite.model.document import Lang, Text, canonical_text, numbers, section_heading
from legalsite.model.numbering import joined
from legalsite.model.words import t

MM = 72 / 25.4
# The page box of templates/pdf.css.j2: A4, margins 22mm (top), 20mm (sides), 24mm (bottom).
PAGE_MARGIN_TOP, PAGE_MARGIN_SIDE, PAGE_MARGIN_BOTTOM = 22 * MM, 20 * MM, 24 * MM
_SLACK = 1.0  # points: a glyph's origin on the content box's edge is inside it


def squeeze(text: str) -> str:
    """Without whitespace: a PDF's text breaks lines where the page does."""
    return re.sub(r"\s+", "", text)


def content_text(data: bytes) -> str:
    """The text a PDF draws inside its pages' content boxes, in drawing order (whitespace as
    pypdf extracts it): each text run kept if its origin lies in the content box."""
    out: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=_in_content_box(page.mediabox, out))
    return "".join(out)


def _in_content_box(box: Any, out: list[str]) -> Any:
    """A pypdf text visitor that keeps, in ``out``, the runs whose origin is in the content box
    of a page whose media box is ``box``."""
    left = float(box.left) + PAGE_MARGIN_SIDE - _SLACK
    right = float(box.right) - PAGE_MARGIN_SIDE + _SLACK
    bottom = float(box.bottom) + PAGE_MARGIN_BOTTOM - _SLACK
    top = float(box.top) - PAGE_MARGIN_TOP + _SLACK

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: Any) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if left <= x <= right and bottom <= y <= top:
            out.append(text)

    return visit


class _Body(html.parser.HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = self.inside or tag == "body"

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)


def html_body(document: str) -> str:
    """The text of an HTML document's ``<body>``."""
    return "".join(_Body(document).text)


def assert_pdf_is_its_html(data: bytes, document: str) -> None:
    """The module's rule: the PDF's text in its content boxes is its HTML body's text."""
    shown, wanted = squeeze(content_text(data)), squeeze(html_body(document))
    if shown != wanted:
        at = next(
            (i for i, (a, b) in enumerate(zip(shown, wanted, strict=False)) if a != b),
            min(len(shown), len(wanted)),
        )
        raise AssertionError(
            f"the PDF's text differs from its HTML's at character {at}: "
            f"PDF {shown[at - 40 : at + 40]!r}, HTML {wanted[at - 40 : at + 40]!r}"
        )


def shown_canonical(text: Text, lang: Lang) -> str:
    """A version's canonical text as its PDF body shows it, line by line: each element's text
    with its inline markup as a reader sees it (a link's text, not its address); a section's
    title after its number; each list item after its number or bullet, as the PDF writes them
    (text, so that copying keeps them); a table's header cells then each row's cells. Not
    shown in the body: the ``title`` and ``effective`` lines (the cover says them), a list's
    style (``list <id> ordered``), and the ids and kinds. A text that states its numbering
    has its numbers in the canonical text (a ``number`` line after the element's): the PDF
    writes that number before the element's text."""
    lines = canonical_text(text, date(2000, 1, 1)).split("\n")  # the date line is skipped
    numbered = text.numbering is not None
    out: list[str] = []
    section, top = 0, ""
    styles: dict[str, str] = {}  # each list's style, by its id (an item's list: the item's)
    counts: dict[str, int] = {}
    seen: set[str] = set()  # the items met so far
    first = 0  # where the last element's lines start
    last = ""  # the kind of the last element
    for line in lines[2:]:
        if not line:
            continue
        head, _, value = line.partition("\t")
        kind = head.split(" ")[0]
        heading_before = last in ("section", "subsection", "subsubsection", "annex")
        if kind == "number":  # before the element's first line (a clause's first paragraph)
            # A heading's as joined() writes it (（一）安全), an item's or clause's with a space.
            number = joined(value, out[first]) if heading_before else f"{value} {out[first]}"
            out[first] = number
            continue
        last = kind
        if kind not in ("continued", "line"):  # the lines that go on an element
            first = len(out)
        if kind == "section":
            section += 1
            plain = inline.plain_of(value)
            out.append(plain if numbered else section_heading(lang, section, plain))
        elif kind in ("subsection", "subsubsection", "annex"):
            # Numbered by the text's styles (1.1 by default), written before the title.
            plain = inline.plain_of(value)
            label = "" if numbered else numbers(text).get(head.split(" ")[1], "")
            out.append(joined(label, plain))
        elif kind == "end":
            continue  # the end matter's blocks follow, without a heading
        elif kind == "list":
            owner = head.split(" ")[1]
            styles[owner], counts[owner] = value, 0
            if owner not in seen:  # a list block, not the list an item holds
                top = owner
        elif kind == "item":
            words = head.split(" ")
            seen.add(words[1])
            owner = words[3] if len(words) > 3 else top
            counts[owner] += 1
            plain = inline.plain_of(value)
            if styles[owner] != "ordered":
                out.append(f"• {plain}")
            else:
                out.append(plain if numbered else f"{counts[owner]}. {plain}")
        elif kind == "continued":
            out.append(inline.plain_of(value))
        elif kind == "verbatim":
            pass  # its lines follow
        elif kind == "line":
            if value.strip():
                out.append(value)  # as written: no markup
        elif kind in ("table", "row"):
            out.extend(inline.plain_of(cell) for cell in value.split("\t"))
        else:
            assert kind == "paragraph", line
            out.append(inline.plain_of(value))
    return "\n".join(out)


def assert_version_pdf_is_its_text(data: bytes, text: Text, lang: Lang, updated: str) -> None:
    """A version's PDF: after its cover (which holds the title), the body is the "last updated"
    line, the canonical text as shown (:func:`shown_canonical`), and the line again."""
    shown = squeeze(content_text(data))
    body = squeeze(updated + shown_canonical(text, lang) + updated)
    assert shown.endswith(body), f"the {lang} PDF's body is not its canonical text"
    cover = shown[: len(shown) - len(body)]
    assert squeeze(inline.plain_of(text.title)) in cover


def updated_line(lang: Lang, effective_shown: str) -> str:
    return t(lang, "last_updated", date=effective_shown)
