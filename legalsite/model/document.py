"""The content model: small immutable value objects, checked on construction, with no I/O.

A :class:`Document` (the User Service Agreement) has :class:`Version` s, each named by its
effective date; a version has one :class:`Text` per language; a text has a title, preamble blocks,
:class:`Section` s of blocks (each with its sub-sections, to three levels), end matter (blocks)
and annexes (sections). A block is a :class:`Paragraph` (a clause, of one paragraph or
several), a :class:`ListBlock` of :class:`ListItem` s (an item may hold a list of its own, to
:data:`MAX_LIST_DEPTH` levels), a :class:`Table` of :class:`TableRow` s or a :class:`Verbatim`
block (its line breaks and indentation are the content). Every section, block, list item
and row has an ``id`` that is identical in both languages and across versions: the anchor readers
link to and what redlines align on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Literal, TypeVar

from legalsite.model.notice import DEFAULT_NOTICE, NoticeRule
from legalsite.model.numbering import (
    MAX_ROMAN,
    SECTION_LEVELS,
    Numbering,
    Style,
    default_numbering,
    format_number,
    joined,
    largest,
)
from legalsite.model.numbering import (
    chinese_numeral as chinese_numeral,
)
from legalsite.model.numbering import (
    roman_numeral as roman_numeral,
)

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
"""The languages of every version, default first."""

CALENDAR_NAME = "calendar.yaml"
"""The working calendar's file in the agreements folder (:mod:`legalsite.sources.calendar`)."""

LANG_NAMES: dict[Lang, str] = {"zh": "中文", "en": "English"}

Status = Literal["current", "upcoming", "archived"]

ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
"""Ids are lower-case words joined by hyphens: safe as URL fragments and HTML ids. Always
matched whole (``fullmatch``: ``$`` would also match before a final new line)."""

SITE_ROOT_NAMES = frozenset({*LANGS, "assets", "search", "ledger"})
"""Names the site itself uses at its root: the language folders (English under ``/en/``, and
``docs/zh``, ``docs/en`` where the pages are generated), the static files (``/assets/``), the
search index (``/search/``) and the publication ledger's page (``/ledger/``). A document's
pages live at ``/<document-id>/``, so no document may take one of them: a document named
``en`` replaced the English home page and failed every build."""

DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A version folder's name, matched whole: ASCII digits only (``\\d`` would take any script's)."""


def parse_version_name(name: str) -> date | None:
    """The effective date a version folder is named by (exactly ``YYYY-MM-DD``), or None."""
    if not DATE_PATTERN.fullmatch(name):
        return None
    try:
        return date.fromisoformat(name)
    except ValueError:
        return None


MAX_SECTIONS = MAX_ROMAN
"""The most sections a text may have: the Roman numerals (I. ... MMMCMXCIX.) end there."""


EARLIEST = date(1970, 1, 1)
LATEST = date(2106, 2, 7)  # the sitemap.xml.gz header holds a 32-bit time
"""The dates a site can state: a build date, and a date a reader asks about (the at-date page's
script takes them from the page)."""


def check_id(value: str, what: str) -> None:
    if not ID_PATTERN.fullmatch(value):
        raise ValueError(f"{what} id {value!r} is not lower-case words joined by hyphens")


def _check_capacity(style: Style, count: int, where: str, what: str) -> None:
    """Refuse ``count`` elements that ``style`` cannot number (roman numerals end at 3999)."""
    most = largest(style)
    if most is not None and count > most:
        raise ValueError(
            f"{where} has {count} {what}, but its numbering style '{style.source}' from "
            f"{style.start} numbers at most {max(most, 0)} (roman numerals end at {MAX_ROMAN})"
        )


def _check_text(value: str, what: str) -> None:
    if not value.strip():
        raise ValueError(f"{what} text is empty")


PARAGRAPH_BREAK = "\n"
"""Between the paragraphs of a clause of several (``paragraphs:`` in the YAML) in its
:attr:`Paragraph.text`: no text of one paragraph holds a line break (``validate`` refuses it),
so a clause of one paragraph is written exactly as before."""

MAX_LIST_DEPTH = 3
"""How deep lists nest: a list, a list in one of its items, and one more."""


@dataclass(frozen=True)
class Paragraph:
    """A clause: one paragraph of text in the inline subset, or several (``paragraphs:``),
    joined by :data:`PARAGRAPH_BREAK` in ``text`` (what compares, searches and redlines see);
    :attr:`parts` are its paragraphs. The two languages may have different counts."""

    id: str
    text: str
    kind: Literal["paragraph"] = field(default="paragraph", init=False, repr=False)
    split: bool = False
    """Written as ``paragraphs:`` (:func:`clause_of`), more than one: the line breaks of its
    text separate its paragraphs. A clause written ``text:`` is one paragraph, whatever it
    holds."""

    def __post_init__(self) -> None:
        check_id(self.id, "clause")
        _check_text(self.text, f"clause {self.id!r}")

    @property
    def parts(self) -> tuple[str, ...]:
        """Its paragraphs, in order (one for a clause written ``text:``)."""
        return tuple(self.text.split(PARAGRAPH_BREAK)) if self.split else (self.text,)


def clause_of(anchor: str, paragraphs: tuple[str, ...]) -> Paragraph:
    """The clause ``anchor`` of the given paragraphs (``paragraphs:`` in the YAML)."""
    if not paragraphs or not all(p.strip() for p in paragraphs):
        raise ValueError(f"clause {anchor!r} has an empty paragraph")
    return Paragraph(anchor, PARAGRAPH_BREAK.join(paragraphs), split=len(paragraphs) > 1)


@dataclass(frozen=True)
class ListItem:
    id: str
    text: str
    sublist: ListBlock | None = None
    """The list this item holds after its text (``list:`` and ``items:`` on the item), whose
    id is the item's own (it is no element of its own: its items are)."""

    def __post_init__(self) -> None:
        check_id(self.id, "list item")
        _check_text(self.text, f"list item {self.id!r}")
        if self.sublist is not None and self.sublist.id != self.id:
            raise ValueError(f"list item {self.id!r} holds the list of {self.sublist.id!r}")


@dataclass(frozen=True)
class ListBlock:
    """An ordered (1. 2. 3.) or bulleted list."""

    id: str
    style: Literal["ordered", "bulleted"]
    items: tuple[ListItem, ...]
    marker: Style | None = None
    """This list's own numbering style (``style:`` in the YAML), else its text's."""
    kind: Literal["list"] = field(default="list", init=False, repr=False)

    def __post_init__(self) -> None:
        check_id(self.id, "list")
        if self.style not in ("ordered", "bulleted"):
            raise ValueError(f"list {self.id!r} style must be ordered or bulleted")
        if not self.items:
            raise ValueError(f"list {self.id!r} has no items")
        if self.style == "ordered" and self.marker is not None:
            _check_capacity(self.marker, len(self.items), f"list {self.id!r}", "items")
        if list_depth(self) > MAX_LIST_DEPTH:
            raise ValueError(
                f"list {self.id!r} nests lists {list_depth(self)} deep: lists nest at most "
                f"{MAX_LIST_DEPTH} levels"
            )


def list_depth(block: ListBlock) -> int:
    """How many levels of lists ``block`` is: 1, or 1 + its deepest item's list's."""
    return 1 + max((list_depth(i.sublist) for i in block.items if i.sublist), default=0)


@dataclass(frozen=True)
class Verbatim:
    """A block whose line breaks and indentation are the content (a notice template):
    ``text`` is kept character for character, with no inline markup."""

    id: str
    text: str
    kind: Literal["verbatim"] = field(default="verbatim", init=False, repr=False)

    def __post_init__(self) -> None:
        check_id(self.id, "verbatim block")
        _check_text(self.text, f"verbatim block {self.id!r}")

    @property
    def lines(self) -> tuple[str, ...]:
        """Its lines, without their line breaks (a final line break ends the last line)."""
        return tuple(self.text.removesuffix("\n").split("\n"))


@dataclass(frozen=True)
class TableRow:
    id: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; every row has as many cells as the header."""

    id: str
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    kind: Literal["table"] = field(default="table", init=False, repr=False)

    def __post_init__(self) -> None:
        check_id(self.id, "table")
        for row in self.rows:
            check_id(row.id, "table row")
            if len(row.cells) != len(self.header):
                raise ValueError(
                    f"table row {row.id!r} has {len(row.cells)} cells, "
                    f"header has {len(self.header)}"
                )


Block = Paragraph | ListBlock | Table | Verbatim


@dataclass(frozen=True)
class Section:
    """A section; numbers (一、 / I.) are generated, never typed. ``numbered=False``: a heading
    without a number, not counted (the next section goes on from the one before)."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    numbered: bool = True
    sections: tuple[Section, ...] = ()
    """Its sub-sections (levels 2 and 3), after its blocks."""

    def __post_init__(self) -> None:
        check_id(self.id, "section")
        _check_text(self.title, f"section {self.id!r} title")


@dataclass(frozen=True)
class Text:
    """One language of one version of a document."""

    lang: Lang
    title: str
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    numbering: Numbering | None = None
    """Its numbering styles (``numbering:`` in the YAML); None for today's defaults."""
    prominent: frozenset[str] = frozenset()
    """The ids of its sections and blocks marked ``prominent: true``: terms of 重大利害关系
    (消费者权益保护法 第二十六条, 民法典 第四百九十六条), shown prominently and listed at the top
    (:mod:`legalsite.model.prominent`). The same in both languages of a version."""
    annexes: tuple[Section, ...] = ()
    """Its annexes or appendices, last (numbered by ``numbering.annexes``)."""
    end: tuple[Block, ...] = ()
    """Its end matter, after the sections and before the annexes: unnumbered blocks (an end
    marker such as （正文完）, a signature or contact block)."""

    def __post_init__(self) -> None:
        _check_text(self.title, "document title")
        _check_prominent(self)
        numbering = self.numbering or default_numbering(self.lang)
        _check_capacity(
            numbering.section(1),
            sum(1 for section in self.sections if section.numbered),
            "the document",
            "numbered sections",
        )
        _check_hierarchy(self, numbering)
        labels: dict[str, str] = {}
        values: dict[str, tuple[int, ...]] = {}
        _section_numbers(self.sections, numbering, 1, (), labels, values)
        for step in walk(self):
            node, style = step.node, None
            if isinstance(node, Paragraph) and step.section and numbering.clauses.numbered:
                style = numbering.clauses
                section = step.within
                assert section is not None
                # A dotted style writes its section's whole number (2.1.1 in sub-section 2.1):
                # one the section and every section above it write. Else its clauses would
                # read as another section's (0.1, or 1.1 under a sub-section numbered 1).
                whole = section.id in labels and len(values[section.id]) == step.level
                if style.depth > 1 and not whole:
                    missing = "is under a section without a" if section.id in labels else "has no"
                    raise ValueError(
                        f"section {section.id!r} {missing} number, but the clauses' numbering "
                        f"style '{style.source}' writes its section's number before their own"
                    )
            elif isinstance(step.parent, ListBlock) and step.parent.marker is None:
                ordered = step.parent.style == "ordered"
                style = numbering.listing(step.depth) if ordered else None
            if style is not None:
                where = (
                    f"section {step.within.id if step.within else ''!r}"
                    if isinstance(node, Paragraph)
                    else f"list {step.parent.id!r}"  # type: ignore[union-attr]
                )
                what = "clauses" if isinstance(node, Paragraph) else "items"
                _check_capacity(style, step.position, where, what)
        seen: set[str] = set()
        for anchor in self.ids():
            if anchor in seen:
                raise ValueError(f"id {anchor!r} is used twice")
            seen.add(anchor)

    def ids(self) -> Iterator[str]:
        """Every id of the text, in reading order."""
        return (step.node.id for step in walk(self))

    def skeleton(self) -> tuple[object, ...]:
        """The structure without the words: equal for both languages of a version."""
        return (
            tuple(block_skeleton(b) for b in self.preamble),
            tuple(_section_skeleton(s) for s in self.sections),
            tuple(_section_skeleton(s) for s in self.annexes),
            tuple(block_skeleton(b) for b in self.end),
        )


def _section_skeleton(section: Section) -> tuple[object, ...]:
    return (
        section.id,
        tuple(block_skeleton(b) for b in section.blocks),
        tuple(_section_skeleton(s) for s in section.sections),
    )


def _check_hierarchy(text: Text, numbering: Numbering) -> None:
    """Sections nest at most :data:`SECTION_LEVELS` deep (annexes too), and each level's style
    can number its sub-sections and annexes (roman numerals end at 3999)."""

    def check(sections: tuple[Section, ...], level: int, where: str) -> None:
        if level > SECTION_LEVELS:
            raise ValueError(
                f"{where} has sub-sections {level} levels deep: sections nest at most "
                f"{SECTION_LEVELS} levels deep"
            )
        if level > 1:  # level 1: the text's own check
            style = numbering.section(level)
            _check_capacity(style, sum(s.numbered for s in sections), where, "sub-sections")
        for section in sections:
            if section.sections:
                check(section.sections, level + 1, f"section {section.id!r}")

    check(text.sections, 1, "the text")
    if text.annexes:
        _check_capacity(
            numbering.annexes, sum(a.numbered for a in text.annexes), "the text", "annexes"
        )
        for annex in text.annexes:
            if annex.sections:
                check(annex.sections, 2, f"annex {annex.id!r}")


Node = Section | Paragraph | ListBlock | ListItem | Table | TableRow | Verbatim
"""An element of a text: what has an id."""


def _check_prominent(text: Text) -> None:
    """Only a section or a block is a term that can be marked prominent (not an item or row)."""
    if not text.prominent:
        return
    marked = {step.node.id for step in walk(text) if not isinstance(step.node, ListItem | TableRow)}
    for anchor in sorted(text.prominent - marked):
        raise ValueError(f"prominent id {anchor!r} is not a section or block of the text")


Part = Literal["preamble", "sections", "annexes", "end"]
"""Where in a text an element stands, in reading order: before the sections (``preamble``), in
them, right after them (``end``: the end matter), in an annex."""


@dataclass(frozen=True)
class Step:
    """One element of a text met by :func:`walk`, with where it stands."""

    node: Node
    section: int
    """The number of its top-level section (a section's own), 0 in the preamble, the annexes
    and the end matter."""
    position: int = 0
    """A paragraph's number among its section's paragraphs (readers cite the clause by it), an
    item's or row's in its list or table (from 1); 0 for sections, lists and tables."""
    parent: ListBlock | Table | None = None
    """The list or table of an item or row (an item's own list for the items it holds)."""
    depth: int = 1
    """How deep an item's list is nested (1: a list of a section; 2: an item's list...)."""
    within: Section | None = None
    """The section or annex that holds it (a sub-section's: the section above it); None in the
    preamble, the end matter, and for a top-level section or annex."""
    path: tuple[int, ...] = ()
    """The places (from 1) of the sections that hold it among their siblings, outermost first
    (a section's own place last): ``(3, 2)`` in the second sub-section of the third section."""
    part: Part = "sections"

    @property
    def level(self) -> int:
        """A section's level (1 = top, 2 and 3 sub-sections); a block's section's; 0 outside."""
        return len(self.path)


def walk(text: Text) -> Iterator[Step]:
    """Every element of ``text`` in reading order, the one walk over its blocks: the preamble's
    blocks, then each section followed by its blocks and then its sub-sections, then the end
    matter's blocks (an end marker, a signature block: as contracts and licences put them,
    before their annexes), then each annex as a section; each list's items and each table's
    rows right after it."""
    yield from _walk_blocks(text.preamble, 0, part="preamble")
    yield from _walk_sections(text.sections, "sections", (), None)
    yield from _walk_blocks(text.end, 0, part="end")
    yield from _walk_sections(text.annexes, "annexes", (), None)


def _walk_sections(
    sections: tuple[Section, ...], part: Part, path: tuple[int, ...], within: Section | None
) -> Iterator[Step]:
    for number, section in enumerate(sections, start=1):
        here = (*path, number)
        top = here[0] if part == "sections" else 0
        yield Step(section, top, within=within, path=here, part=part)
        yield from _walk_blocks(section.blocks, top, within=section, path=here, part=part)
        yield from _walk_sections(section.sections, part, here, section)


def _walk_blocks(
    blocks: tuple[Block, ...],
    section: int,
    *,
    within: Section | None = None,
    path: tuple[int, ...] = (),
    part: Part = "sections",
) -> Iterator[Step]:
    clause = 0

    def step(
        node: Node, position: int = 0, parent: ListBlock | Table | None = None, depth: int = 1
    ) -> Step:
        return Step(node, section, position, parent, depth, within=within, path=path, part=part)

    for block in blocks:
        if isinstance(block, Paragraph):
            clause += 1
            yield step(block, clause)
        elif isinstance(block, ListBlock):
            yield step(block)
            yield from _walk_items(block, 1, step)
        elif isinstance(block, Verbatim):
            yield step(block)
        else:
            yield step(block)
            yield from (step(row, n, block) for n, row in enumerate(block.rows, 1))


@dataclass(frozen=True)
class Division:
    """A heading's run of blocks, as a page lays a text out: the preamble, a section, a
    sub-section or an annex (its own blocks only: its sub-sections are divisions of their own),
    or the end matter."""

    part: Part
    blocks: tuple[Block, ...]
    step: Step | None = None
    """The section's or annex's step in :func:`walk`; None for the preamble and the end matter."""

    @property
    def section(self) -> Section | None:
        return self.step.node if self.step is not None else None  # type: ignore[return-value]

    @property
    def level(self) -> int:
        """1 for a section or annex, 2 and 3 for sub-sections, 0 for the preamble and end."""
        return self.step.level if self.step is not None else 0


def divisions(text: Text) -> Iterator[Division]:
    """The divisions of ``text`` in reading order (:func:`walk`'s): the preamble, each section
    and sub-section, the end matter, each annex and its sub-sections. Every surface that lays a
    text out under headings (pages, PDFs, Word files, search) goes through these: a heading's
    level is its division's ``level`` + 1 (h2, h3, h4)."""
    yield Division("preamble", text.preamble)
    for step in walk(text):
        if isinstance(step.node, Section):
            if step.part == "annexes" and step.path == (1,) and text.end:
                yield Division("end", text.end)
            yield Division(step.part, step.node.blocks, step)
    if text.end and not text.annexes:
        yield Division("end", text.end)


def prominent_sections(text: Text) -> frozenset[str]:
    """The sections (and annexes) marked prominent, and every sub-section under one: all their
    blocks are part of a prominent term."""
    inside: set[str] = set()
    for step in walk(text):
        node = step.node
        if isinstance(node, Section) and (
            node.id in text.prominent or (step.within is not None and step.within.id in inside)
        ):
            inside.add(node.id)
    return frozenset(inside)


def _walk_items(
    block: ListBlock, depth: int, step: Callable[[Node, int, ListBlock, int], Step]
) -> Iterator[Step]:
    """Each item of ``block``, each followed by the items of the list it holds (``step``: an
    element's step where the list stands)."""
    for n, item in enumerate(block.items, 1):
        yield step(item, n, block, depth)
        if item.sublist is not None:
            yield from _walk_items(item.sublist, depth + 1, step)


def map_sources(text: Text, change: Callable[[str], str]) -> Text:
    """``text`` with ``change`` applied to each text in the inline subset: clauses, list items,
    table headings and cells (titles are plain text, and stay)."""

    def block(b: Block) -> Block:
        if isinstance(b, Paragraph):
            return replace(b, text=PARAGRAPH_BREAK.join(change(p) for p in b.parts))
        if isinstance(b, ListBlock):
            return _map_list(b, change)
        if isinstance(b, Verbatim):
            return b  # no markup: kept as written
        return replace(
            b,
            header=tuple(change(h) for h in b.header),
            rows=tuple(replace(r, cells=tuple(change(c) for c in r.cells)) for r in b.rows),
        )

    def section(s: Section) -> Section:
        return replace(
            s,
            blocks=tuple(block(b) for b in s.blocks),
            sections=tuple(section(c) for c in s.sections),
        )

    return replace(
        text,
        preamble=tuple(block(b) for b in text.preamble),
        sections=tuple(section(s) for s in text.sections),
        annexes=tuple(section(s) for s in text.annexes),
        end=tuple(block(b) for b in text.end),
    )


def _map_list(block: ListBlock, change: Callable[[str], str]) -> ListBlock:
    return replace(
        block,
        items=tuple(
            replace(
                i,
                text=change(i.text),
                sublist=_map_list(i.sublist, change) if i.sublist else None,
            )
            for i in block.items
        ),
    )


T = TypeVar("T")


def on_block(
    block: Block,
    *,
    paragraph: Callable[[Paragraph], T],
    listing: Callable[[ListBlock], T],
    table: Callable[[Table], T],
    verbatim: Callable[[Verbatim], T],
) -> T:
    """The one dispatch over a block's kind: what ``paragraph``, ``listing``, ``table`` or
    ``verbatim`` makes of it. A new kind of block is then a new argument, which every caller
    must give."""
    match block:
        case Paragraph():
            return paragraph(block)
        case ListBlock():
            return listing(block)
        case Verbatim():
            return verbatim(block)
        case _:
            return table(block)


def on_node(
    node: Node,
    *,
    section: Callable[[Section], T],
    paragraph: Callable[[Paragraph], T],
    listing: Callable[[ListBlock], T],
    item: Callable[[ListItem], T],
    table: Callable[[Table], T],
    row: Callable[[TableRow], T],
    verbatim: Callable[[Verbatim], T],
) -> T:
    """:func:`on_block` for every element of a text (what :func:`walk` meets)."""
    match node:
        case Section():
            return section(node)
        case ListItem():
            return item(node)
        case TableRow():
            return row(node)
        case _:
            return on_block(
                node, paragraph=paragraph, listing=listing, table=table, verbatim=verbatim
            )


def block_skeleton(block: Block) -> tuple[object, ...]:
    return on_block(
        block,
        paragraph=lambda p: ("paragraph", p.id),
        listing=lambda b: ("list", b.id, b.style, tuple(_item_skeleton(i) for i in b.items)),
        table=lambda b: ("table", b.id, len(b.header), tuple(r.id for r in b.rows)),
        verbatim=lambda b: ("verbatim", b.id),
    )


def _item_skeleton(item: ListItem) -> object:
    """An item's id, with the skeleton of the list it holds when it holds one."""
    return item.id if item.sublist is None else (item.id, block_skeleton(item.sublist))


CHANGE_KINDS: tuple[str, ...] = ("substantive", "editorial")
"""What a version's change is: ``substantive`` (rights or duties change) or ``editorial``
(wording, typography, links: as Open Terms Archive marks technical changes)."""


@dataclass(frozen=True)
class Summary:
    """The editors' account of a version's change: what changed and why, in each language
    (plain text), and its kind (one of :data:`CHANGE_KINDS`, or None when not stated)."""

    texts: Mapping[Lang, str]
    kind: str | None = None

    def __post_init__(self) -> None:
        if tuple(self.texts) != LANGS or not all(t.strip() for t in self.texts.values()):
            raise ValueError(f"a summary needs a text in each of {LANGS}, in that order")
        if self.kind is not None and self.kind not in CHANGE_KINDS:
            raise ValueError(f"a change is one of {CHANGE_KINDS}, not {self.kind!r}")


@dataclass(frozen=True)
class SourceDate:
    """The date a source states for itself (``source-date:`` in ``meta.yaml``): a month
    (2020年1月 / January 2020), or a day when it names one."""

    year: int
    month: int
    day: int | None = None

    def __post_init__(self) -> None:
        date(self.year, self.month, self.day or 1)  # a ValueError for a date no calendar has

    def __str__(self) -> str:
        """As written in ``meta.yaml``: ``2020-01`` or ``2020-01-15``."""
        month = f"{self.year:04d}-{self.month:02d}"
        return month if self.day is None else f"{month}-{self.day:02d}"

    def after(self, day: date) -> bool:
        """Whether this date is later than ``day`` (a month: than ``day``'s month)."""
        if self.day is None:
            return (self.year, self.month) > (day.year, day.month)
        return date(self.year, self.month, self.day) > day


@dataclass(frozen=True)
class Version:
    """A version of a document, named by the date it takes effect."""

    document: str
    effective: date
    texts: Mapping[Lang, Text]
    summary: Summary | None = None
    """What changed and why (from the version's ``meta.yaml``); None for a first version or
    one whose editors have not written it yet (``validate`` refuses the latter)."""
    translation_unchanged: tuple[str, ...] = ()
    """The ids the editors state changed in one language only on purpose (``meta.yaml``'s
    ``translation-unchanged``: the other language needs no change)."""
    label: str | None = None
    """The version's own name, when it has one (``version: "4.0"`` in ``meta.yaml``): shown
    with its dates, in the feeds and in ``versions.json``."""
    source_date: SourceDate | None = None
    """The date its source states for itself (``source-date: 2020-01``), when given."""

    def __post_init__(self) -> None:
        check_id(self.document, "document")
        if tuple(self.texts) != LANGS:
            raise ValueError(f"version {self.id} must have texts in {LANGS}, in that order")
        zh, en = (self.texts[lang] for lang in LANGS)
        if zh.skeleton() != en.skeleton():
            raise ValueError(f"version {self.id}: zh and en structures differ")
        if zh.prominent != en.prominent:
            raise ValueError(f"version {self.id}: zh and en mark different terms prominent")

    @property
    def id(self) -> str:
        """The version's folder name and URL segment: its effective date in ISO form."""
        return self.effective.isoformat()


@dataclass(frozen=True)
class Document:
    """A legal document and all its versions, oldest first."""

    id: str
    versions: tuple[Version, ...]
    notice: NoticeRule | None = None
    """The document's own notice rule (``document.yaml``); None: the site's."""

    def __post_init__(self) -> None:
        check_id(self.id, "document")
        if self.id in SITE_ROOT_NAMES:
            raise ValueError(f"document id {self.id!r} is a name the site itself uses")
        if not self.versions:
            raise ValueError(f"document {self.id!r} has no versions")
        dates = [v.effective for v in self.versions]
        if dates != sorted(set(dates)):
            raise ValueError(f"document {self.id!r} versions must be in date order, once each")
        for version in self.versions:
            if version.document != self.id:
                raise ValueError(f"version {version.id} belongs to {version.document!r}")

    def title(self, lang: Lang) -> str:
        return self.versions[-1].texts[lang].title


# -- Publication and status ------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """A version with the dates the site promises for it, and its status on the build date."""

    version: Version
    published: date
    """The day the version is published: by the document's notice rule, e.g. the latest PRC
    working day strictly before the effective date (clause 十 / X)."""
    status: Status
    """``upcoming`` (published, not yet effective), ``current`` or ``archived``."""
    previous: Version | None
    """The version this one replaces, for its redline; None for the first."""

    @property
    def effective(self) -> date:
        return self.version.effective

    @property
    def id(self) -> str:
        return self.version.id


@dataclass(frozen=True)
class Timeline:
    """What a document's readers see on a build date: its visible releases, oldest first."""

    document: Document
    today: date
    releases: tuple[Release, ...]
    next_change: date | None
    """The next date on which the site must change: a publication or an effective date."""
    notice: NoticeRule = DEFAULT_NOTICE
    """The document's notice rule (its own, else the site's): what its pages state."""

    @property
    def current(self) -> Release | None:
        return next((r for r in self.releases if r.status == "current"), None)

    def release(self, version_id: str) -> Release:
        return next(r for r in self.releases if r.id == version_id)


def timeline(
    document: Document,
    published: Mapping[str, date],
    today: date,
    notice: NoticeRule = DEFAULT_NOTICE,
) -> Timeline:
    """The releases visible on ``today``: a version appears on its publication date.

    ``published`` maps version ids to publication dates (computed from the working calendar
    and ``notice``, the document's rule).
    """
    visible = [v for v in document.versions if published[v.id] <= today]
    in_force = [v for v in visible if v.effective <= today]
    current = in_force[-1] if in_force else None
    releases = []
    for index, version in enumerate(visible):
        if version.effective > today:
            status: Status = "upcoming"
        elif version is current:
            status = "current"
        else:
            status = "archived"
        previous = visible[index - 1] if index else None
        releases.append(Release(version, published[version.id], status, previous))
    future = sorted(
        d for v in document.versions for d in (published[v.id], v.effective) if d > today
    )
    return Timeline(document, today, tuple(releases), future[0] if future else None, notice)


# -- Language-specific presentation ----------------------------------------------------------


def section_heading(lang: Lang, number: int, title: str) -> str:
    """A section's heading in the default numbering (一、定义 / I. Definitions)."""
    style = default_numbering(lang).section(1)
    return joined(format_number(style, number), title)


def numbering_of(text: Text) -> Numbering:
    """The numbering styles of ``text``: its own, or today's defaults."""
    return text.numbering or default_numbering(text.lang)


@lru_cache(maxsize=4096)
def numbers(text: Text) -> Mapping[str, str]:
    """The number of each numbered element of ``text`` as written in its language, by id: a
    section's (一、, I., 第一条, Section 0 ...), a clause's when its text numbers clauses, an
    ordered list item's marker (1., a), (一) ...). The one place a number is computed: every
    surface (pages, PDFs, search, redlines, canonical text) writes what this returns."""
    numbering = numbering_of(text)
    out: dict[str, str] = {}
    values: dict[str, tuple[int, ...]] = {}
    _section_numbers(text.sections, numbering, 1, (), out, values)
    _section_numbers(text.annexes, numbering, 1, (), out, values, numbering.annexes)
    for step in walk(text):
        node = step.node
        if isinstance(node, Section):
            continue
        if isinstance(node, Paragraph) and step.section and numbering.clauses.numbered:
            # A dotted style (1.1) writes its section's number: the value its section's style
            # counts (Section 0's clauses are 0.1, 0.2), not the section's place in the text.
            own = values.get(step.within.id, step.path) if step.within else step.path
            style = numbering.clauses
            if style.depth > 1:
                # Its section's whole number (2.1.1 in sub-section 2.1), not only its last part
                # (1.1, which is section 1's clause).
                style = replace(style, depth=max(style.depth, len(own) + 1))
            out[node.id] = format_number(style, step.position, own)
        elif (
            isinstance(node, ListItem)
            and isinstance(step.parent, ListBlock)
            and step.parent.style == "ordered"
        ):
            style = step.parent.marker or numbering.listing(step.depth)
            out[node.id] = format_number(style, step.position)
    return out


def _section_numbers(
    sections: tuple[Section, ...],
    numbering: Numbering,
    level: int,
    ancestors: tuple[int, ...],
    out: dict[str, str],
    values: dict[str, tuple[int, ...]],
    style: Style | None = None,
) -> None:
    """The numbers of ``sections`` at ``level`` and of their sub-sections, into ``out``: each
    numbered one counts on from the one before (an unnumbered one is not counted); a dotted
    style writes ``ancestors``, the numbers of the sections above that have one (under a
    heading without a number, 1.1 writes 1, 2 ...: never a number that reads as another
    section's, 0.1 or 1.1 under an unnumbered annex)."""
    style = style or numbering.section(level)
    if style.depth > len(ancestors) + 1:
        style = replace(style, depth=len(ancestors) + 1)
    counted = 0
    for section in sections:
        label = ""
        if section.numbered:
            counted += 1
            label = format_number(style, counted, ancestors)
            if label:
                out[section.id] = label
        # The numbers a dotted style writes for it: the values the styles count (Section 0's
        # clauses are 0.1, 0.2), its own the last one counted (a heading without a number: the
        # one before it, as its clauses are numbered).
        values[section.id] = (*ancestors, style.start + counted - 1)
        if section.sections:
            above = values[section.id] if label else ancestors
            _section_numbers(section.sections, numbering, level + 1, above, out, values)


def declares_numbering(text: Text) -> bool:
    """Whether ``text`` numbers itself otherwise than today's defaults (its own styles, a list's
    own ``style:``, or a heading without a number): its canonical text then holds its numbers,
    and every page writes them into the text. The one rule: the version page and search once
    asked only for ``numbering:``, so a list's own style (``(a)`` from 0) showed the browser's
    1. 2. there while the side-by-side page, the PDF and every citation said (a), (b)."""
    return (
        text.numbering is not None
        or not all(step.node.numbered for step in walk(text) if isinstance(step.node, Section))
        or any(_own_marker(step.node) for step in walk(text))
    )


def _own_marker(node: Node) -> bool:
    """Whether ``node`` is a list, or an item holding one, with its own ``style:``."""
    if isinstance(node, ListItem):
        return node.sublist is not None and node.sublist.marker is not None
    return isinstance(node, ListBlock) and node.marker is not None


def heading(text: Text, section: Section) -> str:
    """A section's heading as written: its number and its title (plain text given)."""
    return joined(numbers(text).get(section.id, ""), section.title)


# -- Canonical form --------------------------------------------------------------------------


def canonical_text(text: Text, effective: date) -> str:
    """The documented canonical form of one language of a version, hashed in versions.json.

    One line per element, in reading order: ``title``, ``effective`` (ISO date), then for each
    block or section a line ``<kind> <id>`` followed by its text, each list item / table row
    on its own line, cells separated by a tab. Text is NFC-normalised and kept exactly as the
    editors wrote it (inline markup included, so a changed link target changes the hash).
    Lines end with ``\\n``; the hash is SHA-256 of the UTF-8 bytes. A sub-section's kind is
    ``subsection`` (level 2) or ``subsubsection`` (level 3), an annex's ``annex``; the end
    matter's blocks (after the sections, before the annexes) follow a line ``end``.

    A clause of several paragraphs has its first on its line and each further one on a line
    ``continued`` followed by it; a verbatim block has a line ``verbatim <id>``, then each of
    its lines as a line ``line`` followed by it (split at each line break: a final line break
    gives a last, empty ``line``).
    An item that holds a list is followed (after its ``number`` line, if any) by a line
    ``list <item id>`` and the list's style, and each item of that list names it: ``item <id>
    in <item id>`` followed by its text. Texts without these are written exactly as before.

    A text that states its own numbering (``numbering:``) also has, right after the line of
    each numbered element, a line ``number`` followed by the number as written (``第一条``,
    ``Section 0``, ``a)``): the numbers a reader cites are part of what was published. A text
    on today's defaults has no such lines (its numbers follow from the order alone).

    A section or block marked ``prominent: true`` has, after its line (and its number's), a
    line ``prominent``: the marking of a term of 重大利害关系 is part of what was published. A
    text with no such mark has no such line.
    """
    lines = [f"title\t{text.title}", f"effective\t{effective.isoformat()}"]
    written = numbers(text) if declares_numbering(text) else {}
    ended = False
    for step in walk(text):
        if step.part == "end" and not ended:
            lines.append("end")
            ended = True
        node = step.node
        line = _canonical_line(node, step)
        if isinstance(node, ListItem) and step.depth > 1 and step.parent is not None:
            line = line.replace(f"item {node.id}\t", f"item {node.id} in {step.parent.id}\t", 1)
        lines.append(line)
        if written.get(node.id):
            lines.append(f"number\t{written[node.id]}")
        if node.id in text.prominent:
            lines.append("prominent")
        if isinstance(node, ListItem) and node.sublist is not None:
            lines.append(_canonical_line(node.sublist, step))
    return unicodedata.normalize("NFC", "".join(line + "\n" for line in lines))


_SECTION_KINDS = {1: "section", 2: "subsection", 3: "subsubsection"}


def _canonical_line(node: Node, step: Step) -> str:
    kind = _SECTION_KINDS.get(step.level, "section")
    if step.part == "annexes" and step.level == 1:
        kind = "annex"
    return on_node(
        node,
        section=lambda n: f"{kind} {n.id}\t{n.title}",
        paragraph=lambda n: f"paragraph {n.id}\t" + "\ncontinued\t".join(n.parts),
        listing=lambda n: f"list {n.id}\t{n.style}",
        item=lambda n: f"item {n.id}\t{n.text}",
        table=lambda n: f"table {n.id}\t" + "\t".join(n.header),
        row=lambda n: f"row {n.id}\t" + "\t".join(n.cells),
        verbatim=lambda n: f"verbatim {n.id}" + "".join(f"\nline\t{x}" for x in n.text.split("\n")),
    )


def text_sha256(text: Text, effective: date) -> str:
    return hashlib.sha256(canonical_text(text, effective).encode("utf-8")).hexdigest()
