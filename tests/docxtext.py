"""What a Word document reads as, with all its tracked changes accepted or all rejected.

Read from the XML, as the OOXML standard defines the marks (ECMA-376 part 1, §17.13): accepting
drops what ``w:del`` and ``w:moveFrom`` hold and keeps what ``w:ins`` and ``w:moveTo`` hold;
rejecting the reverse. A paragraph whose mark is itself deleted (``w:pPr/w:rPr/w:del``) or moved
away goes on accepting, one whose mark is inserted or moved here goes on rejecting; a table row
the same by its ``w:trPr``. A paragraph reads as its text; a table row as its cells, one line
each (empty cells, a narrower row's padding, are not read), as :func:`tests.pdftext.shown_canonical`
writes a table.
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal
from xml.etree import ElementTree as etree

from legalsite.model.document import ListBlock, ListItem, Table, TableRow, Text, walk
from tests.pdftext import shown_canonical

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
View = Literal["accept", "reject"]
GONE: dict[View, tuple[str, ...]] = {
    "accept": (f"{W}del", f"{W}moveFrom"),
    "reject": (f"{W}ins", f"{W}moveTo"),
}
MARKS = (f"{W}del", f"{W}moveFrom", f"{W}ins", f"{W}moveTo")


def part(data: bytes, name: str) -> etree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _paragraph(p: etree.Element, view: View) -> str:
    """A paragraph's text: its ``w:t`` and ``w:delText``, but for what a gone mark holds."""
    if p.tag in GONE[view]:
        return ""
    if p.tag in (f"{W}t", f"{W}delText"):
        return p.text or ""
    if p.tag == f"{W}br":
        return "\n"
    return "".join(_paragraph(child, view) for child in p)


def _gone(properties: etree.Element | None, view: View) -> bool:
    return properties is not None and any(child.tag in GONE[view] for child in properties)


def lines(data: bytes, view: View) -> list[str]:
    """The body's lines with every change accepted or every change rejected."""
    body = part(data, "word/document.xml").find(f"{W}body")
    assert body is not None
    out: list[str] = []
    for child in body:
        if child.tag == f"{W}p":
            if not _gone(child.find(f"{W}pPr/{W}rPr"), view):
                # A line break (a clause's paragraphs, a verbatim block's lines) a line each,
                # as the canonical text has them (a blank one: none).
                lines = _paragraph(child, view).split("\n")
                out.extend(lines if len(lines) == 1 else (x for x in lines if x.strip()))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                if _gone(row.find(f"{W}trPr"), view):
                    continue
                for cell in row.iter(f"{W}tc"):
                    text = "\n".join(_paragraph(p, view) for p in cell.iter(f"{W}p"))
                    if text:
                        out.append(text)
    return out


def heading_styles(data: bytes, view: View = "accept") -> list[tuple[str, str]]:
    """(Word style, text) of each heading paragraph of the body (Heading1, Heading2 ...)."""
    body = part(data, "word/document.xml").find(f"{W}body")
    assert body is not None
    out = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        name = style.get(f"{W}val") if style is not None else ""
        if name and name.startswith("Heading"):
            out.append((name, _paragraph(p, view)))
    return out


def expected(text: Text) -> list[str]:
    """What a version's Word document reads as: its title, then its canonical text as shown."""
    return [text.title, *(line for line in shown_canonical(text, text.lang).split("\n") if line)]


def revision_marks(data: bytes) -> dict[str, int]:
    """How many of each revision mark the body holds."""
    body = part(data, "word/document.xml")
    return {tag.removeprefix(W): sum(1 for _ in body.iter(tag)) for tag in MARKS}


def comments(data: bytes) -> list[str]:
    """The comments' texts, in order (none when the document has no comments part)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/comments.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/comments.xml"))
    return ["".join(c.itertext()) for c in root.iter(f"{W}comment")]


def indents(data: bytes, view: View) -> list[int | None]:
    """Each paragraph's own left indent (``w:pPr/w:ind/@w:left``, in twentieths of a point;
    None for its style's), with every change accepted or every change rejected, in order."""
    body = part(data, "word/document.xml").find(f"{W}body")
    assert body is not None
    out: list[int | None] = []
    for child in body:
        if child.tag == f"{W}p" and not _gone(child.find(f"{W}pPr/{W}rPr"), view):
            left = child.find(f"{W}pPr/{W}ind")
            out.append(None if left is None else int(left.get(f"{W}left") or 0))
    return out


def expected_indents(text: Text, step: int) -> list[int | None]:
    """What :func:`indents` reads for a version: ``step`` times its list's depth for an item
    of an item's list, its style's (None) for every other paragraph (the title first; a
    list, a table and its rows are no paragraph of the body)."""
    out: list[int | None] = [None]
    for at in walk(text):
        if isinstance(at.node, ListBlock | Table | TableRow):
            continue
        deep = isinstance(at.node, ListItem) and at.depth > 1
        out.append(step * at.depth if deep else None)
    return out
