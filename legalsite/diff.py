"""What changed between two versions of a document, in one language, aligned by the stable ids.

Pure: no I/O. :func:`compare` lines up the elements of two :class:`~legalsite.model.Text` s
(title, sections, clauses, lists, list items, tables and their rows) by id, and describes each
as added, removed, changed, moved (to another section, or a section to another place), moved and
changed, renumbered (the number readers cite changed: a section's 十一 → 十二, a clause's
paragraph or an ordered list's item number) or unchanged; inside a changed text it keeps the
word-level redline from :mod:`legalsite.redline`.

The browser's compare page runs the same steps on each version's ``text.json``
(``docs/assets/legalsite-compare.js``), which carries the :func:`elements` of the version.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from legalsite import escape, redline
from legalsite.model import (
    Lang,
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Step,
    Table,
    TableRow,
    Text,
    chinese_numeral,
    roman_numeral,
    section_heading,
    walk,
)
from legalsite.redline import Segment
from legalsite.strings import keyed, t

Kind = Literal["title", "section", "clause", "list", "item", "table", "row"]
Status = Literal["added", "removed", "changed", "moved", "moved_changed", "renumbered", "unchanged"]

STATUSES: tuple[Status, ...] = (
    "changed", "added", "removed", "moved", "moved_changed", "renumbered",
)  # fmt: skip
"""The kinds of change, in the order the counts name them."""

SEPARATOR = " | "
"""Between the cells of a table row, and the headings of a table, in its compared text."""


@dataclass(frozen=True)
class Element:
    """One comparable piece of a text: its id, kind, where it stands and its plain text."""

    id: str
    kind: Kind
    section: str | None
    text: str
    """The plain text; a list's is the name of its style in the text's language."""
    source: str
    """The text as written (inline markup included), to notice link-only changes."""
    parent: str | None = None
    """The list or table an item or row belongs to."""
    cells: tuple[str, ...] = ()
    """A table's headings or a row's cells, plain."""
    number: str | None = None
    """The number readers cite it by: a section's 九 / IX, a clause's 第3款 / paragraph 3 in
    its section, an ordered list's item 第2项 / item 2; None for what has no number."""
    place: str = ""
    """Where it stands: a section's own number, else its section's number (or the preamble)."""
    heading: str = ""
    """The numbered heading of its section (九、… / IX. …); empty for the title and preamble."""


def section_number(lang: Lang, number: int) -> str:
    return chinese_numeral(number) if lang == "zh" else roman_numeral(number)


def elements(text: Text) -> list[Element]:
    """The elements of a text in reading order (:func:`legalsite.model.walk`)."""
    lang = text.lang
    out = [Element("title", "title", None, text.title, text.title)]
    section: str | None = None
    place, heading = t(lang, "preamble"), ""
    for step in walk(text):
        node = step.node
        if isinstance(node, Section):
            title = escape.inline_plain(node.title)
            section, place = node.id, section_number(lang, step.section)
            heading = section_heading(lang, step.section, title)
            out.append(
                Element(node.id, "section", node.id, title, node.title,
                        number=place, place=place, heading=heading)
            )  # fmt: skip
            continue
        kind, plain, source, cells, number = _element_parts(lang, step)
        parent = step.parent.id if step.parent else None
        out.append(
            Element(node.id, kind, section, plain, source, parent, cells, number, place, heading)
        )
    return out


def _element_parts(lang: Lang, step: Step) -> tuple[Kind, str, str, tuple[str, ...], str | None]:
    """(kind, plain text, source, cells, number) of an element other than a section."""
    node = step.node
    if isinstance(node, Paragraph):
        number = t(lang, "number_clause", n=str(step.position))
        return "clause", escape.inline_plain(node.text), node.text, (), number
    if isinstance(node, ListBlock):
        return "list", t(lang, keyed("list_style", node.style)), node.style, (), None
    if isinstance(node, ListItem):
        ordered = isinstance(step.parent, ListBlock) and step.parent.style == "ordered"
        item_number = t(lang, "number_item", n=str(step.position)) if ordered else None
        return "item", escape.inline_plain(node.text), node.text, (), item_number
    assert isinstance(node, Table | TableRow)
    raw = node.header if isinstance(node, Table) else node.cells
    cells = tuple(escape.inline_plain(c) for c in raw)
    kind: Kind = "table" if isinstance(node, Table) else "row"
    return kind, SEPARATOR.join(cells), SEPARATOR.join(raw), cells, None


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
    """True when it now stands in another section (an item or row: in another list or
    table), or a section now stands elsewhere among the sections."""
    markup_only: bool = False
    """The visible text is the same but a link target or emphasis changed."""
    renumbered: bool = False
    """It did not move, but the number readers cite it by changed."""
    cells: tuple[tuple[Segment, ...], ...] = ()
    """A table's header or a row: the redline of each cell."""

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
        """How many entries of each kind of change (:data:`STATUSES`): every touched element
        is one entry, so the counts add up to the entries listed."""
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for change in self.touched():
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


def _cells(lang: Lang, old: Sequence[str], new: Sequence[str]) -> tuple[tuple[Segment, ...], ...]:
    """The redline of each cell of the new row (of the old one when it was removed)."""
    if not new:
        return tuple(tuple(redline.redline(cell, "", lang)) for cell in old)
    return tuple(
        tuple(redline.redline(old[index] if index < len(old) else "", cell, lang))
        for index, cell in enumerate(new)
    )


def _is_moved(before: Element, after: Element, moved_sections: set[str]) -> bool:
    if after.kind == "section":
        return after.id in moved_sections
    if after.kind in ("item", "row"):
        return before.parent != after.parent
    return before.section != after.section


def compare(old: Text, new: Text) -> Comparison:
    """Align ``old`` and ``new`` (one language) by id and describe every element."""
    lang = new.lang
    old_elements, new_elements = elements(old), elements(new)
    old_by_id = {e.id: e for e in old_elements}
    new_ids = {e.id for e in new_elements}
    old_sections = [e.id for e in old_elements if e.kind == "section"]
    new_sections = [e.id for e in new_elements if e.kind == "section"]
    moved_sections = _section_order_moves(old_sections, new_sections)
    tabular = ("table", "row")

    def describe(element: Element) -> Change:
        before = old_by_id.get(element.id)
        if before is None:
            cells = _cells(lang, (), element.cells) if element.kind in tabular else ()
            return Change(element, "added", None, (Segment("insert", element.text),), cells=cells)
        moved = _is_moved(before, element, moved_sections)
        renumbered = (
            not moved
            and before.number is not None
            and element.number is not None
            and before.number != element.number
        )
        segments = tuple(redline.redline(before.text, element.text, lang))
        text_changed = before.text != element.text
        markup_only = not text_changed and before.source != element.source
        if (text_changed or markup_only) and moved:
            status: Status = "moved_changed"
        elif text_changed or markup_only:
            status = "changed"
        elif moved:
            status = "moved"
        elif renumbered:
            status = "renumbered"
        else:
            status = "unchanged"
        cells = _cells(lang, before.cells, element.cells) if element.kind in tabular else ()
        return Change(element, status, before, segments, moved, markup_only, renumbered, cells)

    changes = [describe(e) for e in new_elements]
    # Removed elements go after the element that preceded them in the old version.
    placed: list[Change] = []
    removed_after: dict[str | None, list[Change]] = {}
    previous: str | None = None
    for element in old_elements:
        if element.id not in new_ids:
            cells = _cells(lang, element.cells, ()) if element.kind in tabular else ()
            removed_after.setdefault(previous, []).append(
                Change(element, "removed", element, (Segment("delete", element.text),),
                       cells=cells)
            )  # fmt: skip
        else:
            previous = element.id
    placed.extend(removed_after.get(None, []))
    for change in changes:
        placed.append(change)
        placed.extend(removed_after.get(change.id, []))

    numbers = {e.id: e.heading for e in old_elements if e.kind == "section"}
    numbers.update({e.id: e.heading for e in new_elements if e.kind == "section"})
    return Comparison(lang, old, new, tuple(placed), numbers)


def changed_ids(comparison: Comparison) -> set[str]:
    """Ids of the new version that changed, moved or are new (for the markers on a version
    page); renumbering alone does not mark a clause."""
    return {
        c.id
        for c in comparison.touched()
        if c.status in ("added", "changed", "moved", "moved_changed") and c.element.kind != "title"
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
