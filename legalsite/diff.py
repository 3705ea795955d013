"""What changed between two versions of a document, in one language, aligned by the stable ids.

Pure: no I/O. :func:`compare` lines up the elements of two :class:`~legalsite.model.Text` s
(title, sections, clauses, lists, list items, tables and their rows) by id, and describes each
as added, removed, changed, moved or unchanged; inside a changed text it keeps the
word-level redline from :mod:`legalsite.redline`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from legalsite import escape, redline
from legalsite.model import Block, Lang, ListBlock, Paragraph, Table, Text, section_heading
from legalsite.redline import Segment

Kind = Literal["title", "section", "clause", "list", "item", "table", "row"]
Status = Literal["added", "removed", "changed", "moved", "unchanged"]

SEPARATOR = " | "
"""Between the cells of a table row, and the headings of a table, in its compared text."""


@dataclass(frozen=True)
class Element:
    """One comparable piece of a text: its id, kind, section and plain text."""

    id: str
    kind: Kind
    section: str | None
    text: str
    source: str
    """The text as written (inline markup included), to notice link-only changes."""
    parent: str | None = None
    """The list or table an item or row belongs to."""
    cells: tuple[str, ...] = ()
    """A table's headings or a row's cells, as written."""


def elements(text: Text) -> list[Element]:
    """The elements of a text in reading order."""
    out = [Element("title", "title", None, text.title, text.title)]

    def add(block: Block, section: str | None) -> None:
        if isinstance(block, Paragraph):
            out.append(
                Element(block.id, "clause", section, escape.inline_plain(block.text), block.text)
            )
        elif isinstance(block, ListBlock):
            out.append(Element(block.id, "list", section, block.style, block.style))
            for item in block.items:
                plain = escape.inline_plain(item.text)
                out.append(Element(item.id, "item", section, plain, item.text, block.id))
        else:
            assert isinstance(block, Table)
            header = SEPARATOR.join(escape.inline_plain(h) for h in block.header)
            out.append(
                Element(
                    block.id, "table", section, header, SEPARATOR.join(block.header),
                    cells=block.header,
                )
            )  # fmt: skip
            for row in block.rows:
                cells = SEPARATOR.join(escape.inline_plain(c) for c in row.cells)
                out.append(
                    Element(
                        row.id, "row", section, cells, SEPARATOR.join(row.cells), block.id,
                        cells=row.cells,
                    )
                )  # fmt: skip

    for block in text.preamble:
        add(block, None)
    for section in text.sections:
        title = escape.inline_plain(section.title)
        out.append(Element(section.id, "section", section.id, title, section.title))
        for block in section.blocks:
            add(block, section.id)
    return out


@dataclass(frozen=True)
class Change:
    """One element of either version and what happened to it."""

    element: Element
    """The new element (the old one when removed)."""
    status: Status
    old: Element | None
    segments: tuple[Segment, ...] = ()
    """The inline redline of old → new text (all ``equal`` when unchanged)."""
    moved: bool = False
    """True when it now stands in another section, or its section moved."""
    markup_only: bool = False
    """The visible text is the same but a link target or emphasis changed."""

    @property
    def id(self) -> str:
        return self.element.id

    @property
    def touched(self) -> bool:
        return self.status != "unchanged"


@dataclass(frozen=True)
class Comparison:
    """Two versions of one language compared; changes in the new version's reading order,
    each removed element placed after the element it followed in the old version."""

    lang: Lang
    old: Text
    new: Text
    changes: tuple[Change, ...]
    section_numbers: dict[str, str] = field(default_factory=dict)
    """Section id → numbered heading in the new version (the old one for removed sections)."""

    def touched(self) -> list[Change]:
        return [c for c in self.changes if c.touched]

    def is_empty(self) -> bool:
        return not self.touched()

    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "removed": 0, "changed": 0, "moved": 0}
        for change in self.touched():
            if change.element.kind in ("section", "list", "table") and change.status == "changed":
                continue  # a container counts through its own elements
            counts[change.status] += 1
        return counts

    def sections_touched(self) -> list[str]:
        """Section ids with any change, in the new reading order (removed ones included)."""
        seen: list[str] = []
        for change in self.touched():
            section = change.element.section
            if section and section not in seen:
                seen.append(section)
        return seen


def _section_order_moves(old: Sequence[str], new: Sequence[str]) -> set[str]:
    """Sections whose relative order changed: those outside the longest common subsequence."""
    common = [s for s in new if s in set(old)]
    kept = [s for s in old if s in set(new)]
    matcher = difflib.SequenceMatcher(a=kept, b=common, autojunk=False)
    stable = {kept[i + k] for i, _, n in matcher.get_matching_blocks() for k in range(n)}
    return set(common) - stable


def compare(old: Text, new: Text) -> Comparison:
    """Align ``old`` and ``new`` (one language) by id and describe every element."""
    lang = new.lang
    old_elements, new_elements = elements(old), elements(new)
    old_by_id = {e.id: e for e in old_elements}
    new_ids = {e.id for e in new_elements}
    old_sections = [e.id for e in old_elements if e.kind == "section"]
    new_sections = [e.id for e in new_elements if e.kind == "section"]
    moved_sections = _section_order_moves(old_sections, new_sections)

    def describe(element: Element) -> Change:
        before = old_by_id.get(element.id)
        if before is None:
            return Change(element, "added", None, (Segment("insert", element.text),))
        moved = (
            element.section in moved_sections
            if element.kind == "section"
            else (before.section != element.section or before.parent != element.parent)
        )
        segments = tuple(redline.redline(before.text, element.text, lang))
        text_changed = before.text != element.text
        markup_only = not text_changed and before.source != element.source
        if text_changed or markup_only:
            status: Status = "changed"
        elif moved:
            status = "moved"
        else:
            status = "unchanged"
        return Change(element, status, before, segments, moved, markup_only)

    changes = [describe(e) for e in new_elements]
    # Removed elements go after the element that preceded them in the old version.
    placed: list[Change] = []
    removed_after: dict[str | None, list[Change]] = {}
    previous: str | None = None
    for element in old_elements:
        if element.id not in new_ids:
            removed_after.setdefault(previous, []).append(
                Change(element, "removed", element, (Segment("delete", element.text),))
            )
        else:
            previous = element.id
    placed.extend(removed_after.get(None, []))
    for change in changes:
        placed.append(change)
        placed.extend(removed_after.get(change.id, []))

    numbers: dict[str, str] = {}
    for number, section in enumerate(old.sections, start=1):
        numbers[section.id] = section_heading(lang, number, escape.inline_plain(section.title))
    for number, section in enumerate(new.sections, start=1):
        numbers[section.id] = section_heading(lang, number, escape.inline_plain(section.title))
    return Comparison(lang, old, new, tuple(placed), numbers)


def changed_ids(comparison: Comparison) -> set[str]:
    """Ids of the new version that changed or are new (for the markers on a version page)."""
    return {
        c.id
        for c in comparison.touched()
        if c.status in ("added", "changed", "moved") and c.element.kind != "title"
    }


def by_section(comparison: Comparison) -> Iterator[tuple[str | None, list[Change]]]:
    """The changes grouped by section (None: title and preamble), in reading order."""
    group: list[Change] = []
    current: str | None = None
    for change in comparison.changes:
        section = change.element.section
        if section != current and group:
            yield current, group
            group = []
        current = section
        group.append(change)
    if group:
        yield current, group
