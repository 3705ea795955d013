"""A Word document of every version and language, and a Word redline of every change.

Lawyers review and negotiate in Word. Beside each PDF the site serves a ``.docx`` of the same
name (:data:`legalsite.model.routes.FILES`): the version's text, and the redline as Word's own
tracked changes, so that Word's "Accept all changes" gives exactly the new version and "Reject
all changes" exactly the old one. Made with python-docx; the revision marks are written with its
``oxml`` layer, as the OOXML standard (ECMA-376 part 1, §17.13) defines them:

* a word changed inside a kept paragraph: ``w:del`` and ``w:ins`` around the runs, from the
  same redline as every other surface (:func:`legalsite.compare.redline.redline`);
* a paragraph or table row added or removed: its runs and its paragraph mark (``w:pPr/w:rPr``)
  or its row (``w:trPr``) marked inserted or deleted, so accepting or rejecting leaves no empty
  paragraph or row behind;
* a clause, item or section moved: ``w:moveFrom`` where it stood and ``w:moveTo`` where it now
  stands, paired by a named move range (Word shows them as a move, green, double-struck and
  double-underlined); a moved section moves with all its blocks. Word has no moved table rows:
  a moved row is deleted where it was and inserted where it is;
* a number that changed (a section's 二 → 三, an item's 5. → 4.): the old number deleted and the
  new one inserted, since every number is text in the runs, never Word's automatic numbering
  (numbers a lawyer cites are text);
* each entry of the account (:mod:`legalsite.compare.account`), its label and notes (moved
  from, renumbered, link only), as a Word comment on the element, and at the old place of
  each moved element (its ``w:moveFrom``) a comment saying where it went: the same entries
  and old places as every other surface.

The order of the redline's paragraphs is the merge of the two versions' orders: the elements
that neither moved nor stand in something that moved keep their order in both versions
(:func:`legalsite.compare.diff.compare` finds the moves as the elements outside the longest
common order), so between two such elements come the old version's others (deleted or moved
away), then the new version's (inserted or moved here). Filtered to one side, this is that side's
order: the property the tests check, by reading the XML and with LibreOffice.

Same input, same bytes: the zip entries carry a fixed date, the revision and comment ids count
from 1 in document order, and every date in the file is the version's (no clock, no random id).
"""

from __future__ import annotations

import difflib
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal

from legalsite.compare.account import account, heading, left_line, markers
from legalsite.compare.diff import Comparison, Element, elements, section_levels
from legalsite.compare.redline import Segment, redline
from legalsite.model import prominent, routes
from legalsite.model.document import LANGS, Lang, Release, Text, Timeline
from legalsite.model.words import format_date, t


# python-docx (with lxml) is imported on the first Word document made: a build without PDFs,
# and so without Word documents, never loads it (a tenth of a second of every build).
def OxmlElement(tag: str) -> Any:
    """python-docx's ``OxmlElement``."""
    from docx import oxml

    return oxml.OxmlElement(tag)


def qn(tag: str) -> str:
    """python-docx's ``qn``: a ``prefix:name`` tag in Clark notation."""
    from docx.oxml import ns

    return ns.qn(tag)


ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's date: the earliest a zip can hold, so the bytes never depend on the clock."""

Side = Literal["both", "old", "new"]


# -- What each element reads as -------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """One element in the redline's order, and which versions it belongs to."""

    id: str
    side: Side
    old: Element | None
    new: Element | None
    moved: bool
    """Old-only or new-only because it (or what holds it) moved: a move, not a deletion."""

    @property
    def element(self) -> Element:
        found = self.new if self.side == "new" else self.old if self.side == "old" else self.new
        assert found is not None
        return found


def _holder(element: Element) -> str | None:
    """What holds an element: an item's list, a row's table, a block's section."""
    if element.kind in ("item", "row"):
        return element.parent
    if element.kind in ("section", "title"):
        return None
    return element.section


def units(comparison: Comparison) -> list[_Unit]:
    """Every element of both versions once, or twice when it moved (where it stood, where it
    stands), in the order described in the module's docstring."""
    old = elements(comparison.old)
    new = elements(comparison.new)
    old_by_id = {e.id: e for e in old}
    new_by_id = {e.id: e for e in new}
    moved = {c.id for c in comparison.changes if c.moved}
    transported: set[str] = set()
    for element in new:  # a holder comes before what it holds
        holder = _holder(element)
        if element.id in moved or (holder is not None and holder in transported):
            transported.add(element.id)
    for element in old:
        holder = _holder(element)
        if element.id in new_by_id and holder is not None and holder in transported:
            transported.add(element.id)
    fixed = [e.id for e in old if e.id in new_by_id and e.id not in transported]
    fixed_new = [e.id for e in new if e.id in old_by_id and e.id not in transported]
    matcher = difflib.SequenceMatcher(a=fixed, b=fixed_new, autojunk=False)
    kept = [fixed[i + k] for i, _, n in matcher.get_matching_blocks() for k in range(n)]
    kept_set = set(kept)

    def lone(element: Element, side: Side) -> _Unit:
        other = new_by_id if side == "old" else old_by_id
        is_move = element.id in other
        if side == "old":
            return _Unit(element.id, side, element, new_by_id.get(element.id), is_move)
        return _Unit(element.id, side, old_by_id.get(element.id), element, is_move)

    out: list[_Unit] = []
    i = j = 0
    for anchor in [*kept, None]:
        while i < len(old) and old[i].id != anchor:
            if old[i].id not in kept_set:
                out.append(lone(old[i], "old"))
            i += 1
        while j < len(new) and new[j].id != anchor:
            if new[j].id not in kept_set:
                out.append(lone(new[j], "new"))
            j += 1
        if anchor is not None:
            out.append(_Unit(anchor, "both", old[i], new[j], False))
            i += 1
            j += 1
    return out


# -- OOXML -------------------------------------------------------------------------------------


class _Writer:
    """A python-docx document and the counters that keep its ids deterministic."""

    def __init__(self, lang: Lang, author: str, when: date) -> None:
        self.lang = lang
        import docx

        self.document: Any = docx.Document()
        self.author = author
        self.date = f"{when.isoformat()}T00:00:00Z"
        self.ids = 0
        self.moves = 0
        self.body = self.document.element.body
        # The template's one empty paragraph: the document starts with the text.
        for child in list(self.body):
            if child.tag == qn("w:p"):
                self.body.remove(child)

    def next_id(self) -> str:
        self.ids += 1
        return str(self.ids)

    def mark(self, tag: str) -> Any:
        """A revision mark (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``)."""
        element = OxmlElement(tag)
        element.set(qn("w:id"), self.next_id())
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element

    def append(self, block: Any) -> None:
        """A paragraph at the end of the body, before its section properties."""
        self.body.sectPr.addprevious(block)

    def paragraph(self, style: str | None = None) -> Any:
        p = OxmlElement("w:p")
        if style:
            ppr = OxmlElement("w:pPr")
            pstyle = OxmlElement("w:pStyle")
            pstyle.set(qn("w:val"), style)
            ppr.append(pstyle)
            p.append(ppr)
        return p


_DELETED_TAGS = ("w:del", "w:moveFrom")


def _run(text: str, *, deleted: bool) -> Any:
    """A run of ``text``; each line break in it (between a clause's paragraphs, a verbatim
    block's lines) a ``w:br``, which Word keeps, where a line break in ``w:t`` reads as a
    space."""
    r = OxmlElement("w:r")
    for index, line in enumerate(text.split("\n")):
        if index:
            r.append(OxmlElement("w:br"))
        if not line:
            continue
        node = OxmlElement("w:delText" if deleted else "w:t")
        node.text = line
        node.set(qn("xml:space"), "preserve")
        r.append(node)
    return r


def _pieces(writer: _Writer, target: Any, pieces: Iterable[tuple[str | None, str]]) -> None:
    """Append runs to a paragraph: each (mark tag or None, text)."""
    for tag, text in pieces:
        if not text:
            continue
        if tag is None:
            target.append(_run(text, deleted=False))
        else:
            mark = writer.mark(tag)
            mark.append(_run(text, deleted=tag in _DELETED_TAGS))
            target.append(mark)


def _mark_paragraph(writer: _Writer, p: Any, tag: str) -> None:
    """Mark a paragraph's mark itself inserted, deleted or moved (``w:pPr/w:rPr``)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = OxmlElement("w:rPr")
    rpr.append(writer.mark(tag))
    ppr.append(rpr)


def _segments(segments: Sequence[Segment]) -> list[tuple[str | None, str]]:
    tags = {"equal": None, "delete": "w:del", "insert": "w:ins"}
    return [(tags[s.op], s.text) for s in segments]


def _changed(old: str, new: str) -> list[tuple[str | None, str]]:
    """A number or bullet: itself when the same, else the old deleted and the new inserted
    (an empty one writes nothing)."""
    return [(None, new)] if old == new else [("w:del", old), ("w:ins", new)]


# -- The documents ---------------------------------------------------------------------------


_STYLES = {"title": "Title", "section": "Heading1", "item": "ListParagraph"}

INDENT = 720
"""How far each depth of a list is indented, in twentieths of a point (half an inch, the
List Paragraph style's own indent): an item of an item's list at twice it, the next at thrice."""


def _indent(p: Any, depth: int) -> None:
    """Indent an item's paragraph by its list's depth (``w:ind``, after the style in
    ``w:pPr``); its number stays text in its runs. Depth 1 keeps the style's indent."""
    if depth <= 1:
        return
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(INDENT * depth))
    ppr.append(ind)


class _Body:
    """Writes the units of a text or a redline into a document's body."""

    def __init__(self, writer: _Writer, lang: Lang, old: Text | None, new: Text) -> None:
        self.writer = writer
        self.lang = lang
        self.old_markers = markers(old) if old is not None else {}
        self.new_markers = markers(new)
        self.anchors: dict[tuple[str, Side], Any] = {}
        """The first paragraph of each element on each side (a list's: its first item's)."""
        self.open_lists: dict[Side, str] = {}
        self.table: tuple[str | None, Any] | None = None
        self.widths: dict[str, int] = {}
        """Each table's columns: the most cells any of its rows has, in either version."""
        for version in (old, new):
            for element in elements(version) if version is not None else ():
                if element.kind in ("table", "row"):
                    key = element.id if element.kind == "table" else element.parent or ""
                    self.widths[key] = max(self.widths.get(key, 1), len(element.cells))
        self.levels = section_levels(
            e for version in (old, new) if version is not None for e in elements(version)
        )
        """Each section's level: Word's Heading 1 for a section or annex, 2 and 3 below."""

    def _prefix(self, element: Element, side: Side) -> str:
        """An item's or a numbered clause's number (or bullet) and a space, as text."""
        marks = self.old_markers if side == "old" else self.new_markers
        mark = marks.get(element.id, "") if element.kind in ("item", "clause") else ""
        return f"{mark} " if mark else ""

    def _text(self, unit: _Unit, element: Element, side: Side) -> str:
        if element.kind == "section":
            return element.heading
        return self._prefix(element, side) + element.text

    def add(self, unit: _Unit, segments: Sequence[Segment] = ()) -> None:
        element = unit.element
        if element.kind == "list":
            for side in ("old", "new") if unit.side == "both" else (unit.side,):
                self.open_lists[side] = element.id
            self.table = None
            return
        if element.kind in ("table", "row"):
            self._row(unit)
            return
        self.table = None
        style = _STYLES.get(element.kind)
        if element.kind == "section":
            style = f"Heading{self.levels.get(element.id, 1)}"
        p = self.writer.paragraph(style)
        if element.kind == "item":
            _indent(p, element.depth)
        if unit.side == "both" and unit.old is not None and unit.new is not None:
            p_pieces = self._both(unit.old, unit.new, segments)
        else:
            tag = self._lone_tag(unit)
            p_pieces = [(tag, self._text(unit, element, unit.side))]
            if tag is not None:
                _mark_paragraph(self.writer, p, tag)
        if unit.moved:
            self._move_range(p, unit, p_pieces)
        else:
            _pieces(self.writer, p, p_pieces)
        self.writer.append(p)
        self._anchor(unit, p)

    def _anchor(self, unit: _Unit, target: Any) -> None:
        element = unit.element
        sides: tuple[Side, ...] = ("old", "new") if unit.side == "both" else (unit.side,)
        for side in sides:
            self.anchors.setdefault((element.id, side), target)
            holder = element.parent if element.kind == "item" else None
            if holder is not None and self.open_lists.get(side) == holder:
                self.anchors.setdefault((holder, side), target)

    def _lone_tag(self, unit: _Unit) -> str | None:
        if unit.side == "old":
            return "w:moveFrom" if unit.moved else "w:del"
        if unit.side == "new":
            return "w:moveTo" if unit.moved else "w:ins"
        return None

    def _move_range(self, p: Any, unit: _Unit, pieces: list[tuple[str | None, str]]) -> None:
        """The runs of a moved paragraph inside the named range that pairs its two places."""
        name = f"move{unit.id}"
        kind = "moveFrom" if unit.side == "old" else "moveTo"
        start = OxmlElement(f"w:{kind}RangeStart")
        range_id = self.writer.next_id()
        start.set(qn("w:id"), range_id)
        start.set(qn("w:author"), self.writer.author)
        start.set(qn("w:date"), self.writer.date)
        start.set(qn("w:name"), name)
        p.append(start)
        _pieces(self.writer, p, pieces)
        end = OxmlElement(f"w:{kind}RangeEnd")
        end.set(qn("w:id"), range_id)
        p.append(end)

    def _both(
        self, old: Element, new: Element, segments: Sequence[Segment]
    ) -> list[tuple[str | None, str]]:
        """A kept element: its number as text (old deleted, new inserted when they differ), then
        the redline of its words."""
        if new.kind == "section":
            old_number = old.heading.removesuffix(old.text)
            new_number = new.heading.removesuffix(new.text)
            return [*_changed(old_number, new_number), *_segments(segments)]
        if new.kind in ("item", "clause"):
            marks = _changed(self._prefix(old, "old"), self._prefix(new, "new"))
            return [*marks, *_segments(segments)]
        return _segments(segments)

    def _row(self, unit: _Unit) -> None:
        """A table's header (the table element) or a row: a row of a Word table."""
        element = unit.element
        table_id = element.id if element.kind == "table" else element.parent
        if self.table is None or self.table[0] != table_id or element.kind == "table":
            table = self.writer.document.add_table(rows=0, cols=self.widths[table_id or ""])
            table.style = "Table Grid"
            self.table = (table_id, table)
        table = self.table[1]
        olds = list(unit.old.cells) if unit.old is not None and unit.side != "new" else []
        news = list(unit.new.cells) if unit.new is not None and unit.side != "old" else []
        row = table.add_row()
        tag = {"old": "w:del", "new": "w:ins", "both": None}[unit.side]
        if tag is not None:
            trpr = row._tr.get_or_add_trPr()
            trpr.append(self.writer.mark(tag))
        for index, cell in enumerate(row.cells):
            p = cell.paragraphs[0]._p
            if unit.side == "both":
                before = olds[index] if index < len(olds) else ""
                after = news[index] if index < len(news) else ""
                pieces = _segments(redline(before, after, self.lang))
            else:
                text = (olds if unit.side == "old" else news)[index : index + 1]
                pieces = [(tag, text[0])] if text else []
            _pieces(self.writer, p, pieces)
            if index == 0:
                self._anchor(unit, p)

    def comment(self, anchor_id: str, side: Side, text: str) -> None:
        p = self.anchors[(anchor_id, side)]
        runs = p.xpath(".//w:r")
        assert runs, anchor_id  # every element has a number or a text
        from docx.text.run import Run

        first = Run(runs[0], None)  # type: ignore[arg-type]
        last = Run(runs[-1], None)  # type: ignore[arg-type]
        comment = self.writer.document.add_comment(
            [first, last], text=text, author=self.writer.author, initials=""
        )
        comment._comment_elm.set(qn("w:date"), self.writer.date)  # not the clock's


def _setup(writer: _Writer, title: str, header: Sequence[str], when: date) -> None:
    document = writer.document
    props = document.core_properties
    props.title = title
    props.author = writer.author
    props.last_modified_by = writer.author
    props.language = "zh-CN" if writer.lang == "zh" else "en"
    props.created = props.modified = datetime.combine(when, time())
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.last_printed = datetime.combine(when, time())
    section = document.sections[0]
    first, *rest = header
    section.header.paragraphs[0].text = first
    for line in rest:
        section.header.add_paragraph(line)


def _bytes(writer: _Writer) -> bytes:
    """The document's bytes, every zip entry with the same fixed date."""
    raw = io.BytesIO()
    writer.document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def text_document(text: Text, header: Sequence[str], when: date) -> bytes:
    """One language of a version as a Word document: its text, numbers as text, ``header`` on
    top of every page, dated ``when``."""
    writer = _Writer(text.lang, t(text.lang, "docx_author"), when)
    _setup(writer, header[0], header, when)
    body = _Body(writer, text.lang, text, text)
    covered = _prominent_covered(text)
    for element in elements(text):
        same = (Segment("equal", element.text),) if element.text else ()
        if element.prominent and element.kind != "section":
            _prominent_label(writer, text.lang)
        before = len(writer.body)
        body.add(_Unit(element.id, "both", element, element, False), same)
        if element.id in covered:
            _bold(writer.body[before - 1 : len(writer.body) - 1])
        if element.prominent and element.kind == "section":
            _prominent_label(writer, text.lang)
        if element.kind == "title" and text.prominent:
            _prominent_list(writer, text)
    return _bytes(writer)


def _prominent_list(writer: _Writer, text: Text) -> None:
    """Under the title, as at the top of the page: 本协议的重要条款：第二条、第三条第2款 /
    Important terms in this agreement: Section II; Section III, paragraph 2 (numbers as text)."""
    lang = text.lang
    cited = t(lang, "prominent_joiner").join(c for _, c in prominent.terms(text))
    p = writer.paragraph()
    p.append(_run(t(lang, "prominent_list") + t(lang, "colon") + cited, deleted=False))
    writer.append(p)
    _bold([p])


def _prominent_covered(text: Text) -> frozenset[str]:
    """The ids written in bold: each prominent term and everything it holds (a section's
    blocks and their items and rows, a list's items, a table's rows)."""
    if not text.prominent:
        return frozenset()
    return frozenset(
        e.id
        for e in elements(text)
        if e.prominent or e.section in text.prominent or e.parent in text.prominent
    )


def _prominent_label(writer: _Writer, lang: Lang) -> None:
    """The words that mark a prominent term (重要条款 / Important term), bold, on a line of
    their own: in Word, as on the page, the mark is words, not a colour."""
    p = writer.paragraph()
    p.append(_run(t(lang, "prominent_label"), deleted=False))
    writer.append(p)
    _bold([p])


def _bold(blocks: Sequence[Any]) -> None:
    """Every run of ``blocks`` (paragraphs, tables) bold."""
    for block in blocks:
        for run in block.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                run.insert(0, rpr)
            rpr.insert(0, OxmlElement("w:b"))


def redline_document(comparison: Comparison, header: Sequence[str], when: date) -> bytes:
    """The new text of ``comparison`` with every change tracked against the old, and each
    entry of its account as a comment; revisions dated ``when``."""
    lang = comparison.lang
    writer = _Writer(lang, t(lang, "docx_author"), when)
    _setup(writer, header[0], header, when)
    body = _Body(writer, lang, comparison.old, comparison.new)
    segments = {c.id: c.segments for c in comparison.changes if c.status != "removed"}
    for unit in units(comparison):
        body.add(unit, segments.get(unit.id, ()) if unit.side == "both" else ())
    result = account(comparison)
    for entry in result.entries:
        side: Side = "old" if entry.status == "removed" else "new"
        body.comment(entry.id, side, heading(entry))
    for entry in result.left:
        # Where a moved element stood (its w:moveFrom): where it went, as every surface says.
        body.comment(entry.id, "old", left_line(entry))
    return _bytes(writer)


def version_docx(release: Release, lang: Lang) -> bytes:
    """A version's Word document in one language, dated its effective date."""
    text = release.version.texts[lang]
    title = t(lang, "version_title", title=text.title, date=format_date(lang, release.effective))
    return text_document(text, [title], release.effective)


def redline_docx(release: Release, comparison: Comparison) -> bytes:
    """A version's Word redline against the version before it, dated its publication date."""
    lang = comparison.lang
    assert release.previous is not None
    text = release.version.texts[lang]
    effective = format_date(lang, release.effective)
    title = t(lang, "redline_title", title=text.title, date=effective)
    subtitle = t(lang, "compared_with", date=format_date(lang, release.previous.effective))
    return redline_document(comparison, [title, subtitle], release.published)


# -- The site's Word documents -----------------------------------------------------------------


def docx_path(document: str, version: str, lang: Lang, *, changes: bool = False) -> str:
    """A Word document's file, relative to its language folder: beside its PDF, same name."""
    kind: routes.FileKind = "changes-docx" if changes else "docx"
    return routes.file_path(kind, document=document, version=version, lang=lang)


@dataclass(frozen=True)
class SiteDocx:
    """Every Word document of a build: the files, and what versions.json and the pages say."""

    files: dict[str, bytes]
    """By path relative to ``docs/`` (``zh/<document>/<version>/<name>.docx``)."""
    records: dict[tuple[str, str, Lang], dict[str, Any]]
    """By (document, version, language): the ``docx`` and ``changes_docx`` of versions.json,
    each with its ``path`` in its language folder."""

    def links(self, document: str, version: str, lang: Lang) -> tuple[str, str | None]:
        """A version's Word document and its Word redline (None for a first version)."""
        record = self.records[(document, version, lang)]
        changes = record["changes_docx"]
        return record["docx"]["path"], changes["path"] if changes else None

    def versions_entry(self, document: str, version: str, lang: Lang) -> dict[str, Any]:
        """What versions.json lists for one language of a version: the address and SHA-256 of
        each file, as for the PDFs."""
        record = self.records[(document, version, lang)]
        return {
            key: {k: v for k, v in value.items() if k != "path"} if value else None
            for key, value in record.items()
        }


def _record(lang: Lang, path: str, data: bytes) -> dict[str, Any]:
    return {
        "path": path,
        "url": routes.file_url(lang, path),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def site_docx(
    timelines: Iterable[Timeline],
    comparisons: Mapping[tuple[str, str, Lang], Comparison],
    served: Callable[[str, str, Lang, bool], bytes | None] = lambda *_: None,
) -> SiteDocx:
    """Every version's Word document in each language, and the Word redline of every version
    after the first (``comparisons``: the site's own, by document, version and language). A
    version's Word document states no status: it never changes, so one file serves all its
    life. ``served(document, version, lang, changes)``: the bytes the site already served for
    that file (the publication ledger's), used as they are; None: made here."""
    files: dict[str, bytes] = {}
    records: dict[tuple[str, str, Lang], dict[str, Any]] = {}
    for line in timelines:
        doc = line.document.id
        for release in line.releases:
            for lang in LANGS:
                path = docx_path(doc, release.id, lang)
                made = served(doc, release.id, lang, False)
                if made is None:
                    made = version_docx(release, lang)
                files[f"{lang}/{path}"] = made
                record: dict[str, Any] = {"docx": _record(lang, path, made), "changes_docx": None}
                comparison = comparisons.get((doc, release.id, lang))
                if comparison is not None:
                    changes_path = docx_path(doc, release.id, lang, changes=True)
                    redline_made = served(doc, release.id, lang, True)
                    if redline_made is None:
                        redline_made = redline_docx(release, comparison)
                    files[f"{lang}/{changes_path}"] = redline_made
                    record["changes_docx"] = _record(lang, changes_path, redline_made)
                records[(doc, release.id, lang)] = record
    return SiteDocx(files, records)
