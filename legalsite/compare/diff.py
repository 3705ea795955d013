"""What changed between two versions of a document, in one language, aligned by the stable ids.

Pure: no I/O. :func:`compare` lines up the elements of two :class:`~legalsite.model.document.Text` s
(title, sections, clauses, lists, list items, tables and their rows) by id, and describes each
as added, removed, changed, moved (to another section, or a section to another place), moved and
changed, renumbered (the number readers cite changed: a section's 十一 → 十二, a clause's
paragraph or an ordered list's item number) or unchanged; inside a changed text it keeps the
word-level redline from :mod:`legalsite.compare.redline`.

The browser's compare page runs the same steps on each version's ``text.json``
(``docs/assets/legalsite-compare.js``), which carries the :func:`elements` of the version.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from legalsite.compare import redline
from legalsite.compare.redline import Segment
from legalsite.model import escape
from legalsite.model.citation import citations
from legalsite.model.document import (
    LANGS,
    PARAGRAPH_BREAK,
    Lang,
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Step,
    Table,
    TableRow,
    Text,
    Verbatim,
    Version,
    numbers,
    walk,
)
from legalsite.model.escape import OWN_ID_PREFIX
from legalsite.model.numbering import bare, joined
from legalsite.model.words import keyed, t

Kind = Literal["title", "section", "clause", "list", "item", "table", "row", "verbatim"]
Status = Literal[
    "added", "removed", "changed", "moved", "moved_changed", "renumbered", "unchanged", "left"
]
"""``left`` is not what happened to an element but to a place: where a moved element stood in
the old version (:attr:`Comparison.left`); never counted, never an entry of the account."""

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
    """A section's numbered heading (九、… / IX. …); a block's, its section's, a sub-section's
    with its citation (第一条第（一）项 收费: （一）alone would not say which section's);
    empty for the title and preamble."""
    citation: str = ""
    """How a reader cites it (第一条第5款 / Section I, paragraph 5: :mod:`legalsite.model.
    citation`); empty for the title."""
    prominent: bool = False
    """Marked ``prominent: true`` (a term of 重大利害关系: :mod:`legalsite.model.prominent`)."""
    depth: int = 1
    """An item's: how deep its list is nested (2 and 3: in an item's list)."""
    holder: str = ""
    """What a section stands in among its siblings: the section above a sub-section (its id),
    :data:`ANNEXES` for an annex, empty for a top-level section and for other kinds."""
    part: str = "sections"
    """Where in the text it stands (:data:`legalsite.model.document.Part`): ``preamble``
    (the title too), ``sections``, ``end`` or ``annexes``."""
    level: int = 0
    """A section's level, a block's section's (:attr:`legalsite.model.document.Step.level`)."""


ANNEXES = "+"
"""The :attr:`Element.holder` of an annex: the annexes are siblings of one another, not of the
sections (no id holds ``+``)."""

END_SECTION = OWN_ID_PREFIX + "end"
"""The :attr:`Element.section` of the end matter's blocks, and the anchor of its heading on a
changes page: outside the ids editors write, like the preamble's."""


def elements(text: Text) -> list[Element]:
    """The elements of a text in reading order (:func:`legalsite.model.document.walk`)."""
    return list(_elements(text))


@functools.lru_cache(maxsize=4096)
def _elements(text: Text) -> tuple[Element, ...]:
    # Once per text: a build asks for a text's elements on many pages. Keyed by the text's
    # value (hashing it is some 30 times cheaper than this); the cache holds the texts of
    # a large site, and a preview's reloaded texts, equal to the ones before, find theirs.
    lang = text.lang
    out = [Element("title", "title", None, text.title, text.title, part="preamble")]
    section: str | None = None
    place, heading, where = t(lang, "preamble"), "", ""
    labels = numbers(text)
    cited = citations(text)
    for step in walk(text):
        node = step.node
        if isinstance(node, Section):
            title = escape.inline_plain(node.title)
            label = labels.get(node.id, "")
            section, place = node.id, bare(label) or title
            heading = joined(label, title)
            holder = step.within.id if step.within else (ANNEXES if step.part == "annexes" else "")
            # Where its blocks stand, as account.cited names a sub-section (第一条第（一）项 收费):
            # its heading alone (（一）收费) does not say which section's it is.
            where = f"{cited[node.id]} {title}" if step.within and label else heading
            out.append(
                Element(node.id, "section", node.id, title, node.title,
                        number=place, place=place, heading=heading, citation=cited[node.id],
                        prominent=node.id in text.prominent,
                        holder=holder, part=step.part, level=step.level)
            )  # fmt: skip
            continue
        if step.part == "end" and section != END_SECTION:
            section, place = END_SECTION, t(lang, "end_matter")
            heading = where = place
        kind, plain, source, cells, number = _element_parts(lang, step, labels.get(node.id))
        parent = step.parent.id if step.parent else None
        out.append(
            Element(
                node.id,
                kind,
                section,
                plain,
                source,
                parent,
                cells,
                number,
                place,
                where,
                cited[node.id],
                prominent=node.id in text.prominent,
                depth=step.depth if isinstance(node, ListItem) else 1,
                part=step.part,
                level=step.level,
            )
        )
    return tuple(out)


def _element_parts(
    lang: Lang, step: Step, label: str | None
) -> tuple[Kind, str, str, tuple[str, ...], str | None]:
    """(kind, plain text, source, cells, number) of an element other than a section; ``label``:
    its number as its text writes it (:func:`legalsite.model.document.numbers`), if any."""
    node = step.node
    if isinstance(node, Paragraph):
        number = label or t(lang, "number_clause", n=str(step.position))
        # A clause of several paragraphs: each one's plain text, on a line of its own.
        plain = PARAGRAPH_BREAK.join(escape.inline_plain(part) for part in node.parts)
        return "clause", plain, node.text, (), number
    if isinstance(node, Verbatim):
        return "verbatim", node.text, node.text, (), None  # no markup: as written
    if isinstance(node, ListBlock):
        return "list", t(lang, keyed("list_style", node.style)), node.style, (), None
    if isinstance(node, ListItem):
        item_number = t(lang, "number_item", n=bare(label)) if label else None
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
    positions: tuple[int, int] | None = None
    """Moved among its siblings: its place among them (1 = first) before and after."""
    only: Lang | None = None
    """Its text changed in this language only (:func:`compare_versions`): the reader of each
    language is told, also where the text is the same."""
    acknowledged: bool = False
    """The editors state that this language needs no change (``translation-unchanged``)."""
    prominence: Literal["on", "off"] | None = None
    """Kept, and newly marked prominent (``on``) or no longer (``off``): a change of its own,
    told even when its words are the same."""
    to: Element | None = None
    """The old place of a moved element (:attr:`Comparison.left`): the element where it now
    stands; None for every change of :attr:`Comparison.changes`."""

    @property
    def id(self) -> str:
        return self.element.id

    @property
    def touched(self) -> bool:
        return self.status != "unchanged"


@dataclass(frozen=True, eq=False)
class Comparison:
    """Two versions of one language compared; changes in the new version's reading order,
    each removed element placed after the element it followed in the old version.

    Equal and hashed by identity (it holds a dict, and hashing its changes would cost a good
    part of computing its account): :func:`legalsite.compare.account.account` is cached per
    comparison."""

    lang: Lang
    old: Text
    new: Text
    changes: tuple[Change, ...]
    section_numbers: dict[str, str] = field(default_factory=dict)
    """Section id → numbered heading in the new version (the old one for removed sections)."""
    left: tuple[tuple[int, Change], ...] = ()
    """The old place of each moved element, placed as a removed element is (:func:`_placed`):
    ``(n, change)`` stands after the first ``n`` of :attr:`changes`; ``change.element`` is the
    old element (in the section it stood in), ``change.to`` the new one. The redlines mark
    there where it went (:func:`in_order`)."""

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


def _order_moves(old: Sequence[str], new: Sequence[str]) -> set[str]:
    """Of the ids in both orders, those whose relative order changed: the ones outside the
    longest common subsequence (difflib's matching blocks, as the browser's engine computes)."""
    common = [s for s in new if s in set(old)]
    kept = [s for s in old if s in set(new)]
    matcher = difflib.SequenceMatcher(a=kept, b=common, autojunk=False)
    stable = {kept[i + k] for i, _, n in matcher.get_matching_blocks() for k in range(n)}
    return set(common) - stable


def container(element: Element) -> str | None:
    """What an element stands in, among its siblings: the list of sections (``§``; a section's
    sub-sections: ``§`` + its id; the annexes: ``§+``), a section's blocks (``s:`` + the
    section; the preamble's: ``s:``), a list's items or a table's rows (``p:`` + the list or
    table); None for the title."""
    if element.kind == "title":
        return None
    if element.kind == "section":
        return "§" + element.holder
    if element.kind in ("item", "row"):
        return f"p:{element.parent}"
    return f"s:{element.section or ''}"


def _places(elements: Sequence[Element]) -> dict[str, int]:
    """Each element's place among its siblings (1 = first)."""
    counts: dict[str | None, int] = {}
    places: dict[str, int] = {}
    for e in elements:
        key = container(e)
        counts[key] = counts.get(key, 0) + 1
        places[e.id] = counts[key]
    return places


def _reordered(old: Sequence[Element], new: Sequence[Element]) -> set[str]:
    """Elements still in the same container whose place among their siblings changed."""
    new_container = {e.id: container(e) for e in new}
    stay = {e.id for e in old if e.id in new_container and new_container[e.id] == container(e)}
    olds: dict[str | None, list[str]] = {}
    news: dict[str | None, list[str]] = {}
    for e in old:
        if e.id in stay:
            olds.setdefault(container(e), []).append(e.id)
    for e in new:
        if e.id in stay:
            news.setdefault(container(e), []).append(e.id)
    moved: set[str] = set()
    for key, ids in news.items():
        if key is not None:
            moved |= _order_moves(olds.get(key, []), ids)
    return moved


def _same(text: str) -> tuple[Segment, ...]:
    """The redline of ``text`` against itself (:func:`legalsite.compare.redline.redline`)."""
    return (Segment("equal", text),) if text else ()


def _cells(lang: Lang, old: Sequence[str], new: Sequence[str]) -> tuple[tuple[Segment, ...], ...]:
    """The redline of each cell of the new row (of the old one when it was removed)."""
    if not new:
        return tuple(tuple(redline.redline(cell, "", lang)) for cell in old)
    return tuple(
        tuple(redline.redline(old[index] if index < len(old) else "", cell, lang))
        for index, cell in enumerate(new)
    )


def _is_moved(before: Element, after: Element, reordered: set[str]) -> bool:
    """In another container (a block in another section, an item in another list), or in
    another place among its siblings (a section among the sections, a clause in its section,
    an item in its list, a row in its table)."""
    return container(before) != container(after) or after.id in reordered


def _placed(
    changes: Sequence[Change],
    removed: Sequence[Change],
    old_elements: Sequence[Element],
    new_elements: Sequence[Element],
    gone: set[str] | None = None,
) -> list[Change]:
    """The new version's changes with each removed element put where it stood, inside what
    still holds it: a removed section after the end of the kept section before it; a removed
    block after the kept block (its whole list or table) before it in its section, else after
    the section's heading; a removed item or row after the kept sibling before it in its list
    or table, else after the list or table; the contents of a removed container after it. So
    a list's items and a section's blocks stay together in the redline. ``gone``: the ids
    no longer in the new version (by default those of ``removed``, which may also hold the old
    places of moved elements, in the old order)."""
    index = {e.id: i for i, e in enumerate(new_elements)}
    end = dict(index)
    for i, e in enumerate(new_elements):
        if e.kind in ("item", "row") and e.parent is not None:
            end[e.parent] = i
        if e.kind != "section" and e.section is not None:
            end[e.section] = i
    by_id = {e.id: e for e in new_elements}
    slot: dict[str, int] = {}
    after: dict[int, list[Change]] = {}
    position = {e.id: i for i, e in enumerate(old_elements)}
    if gone is None:
        gone = {c.element.id for c in removed}
    for change in removed:
        element = change.element
        holder = element.parent if element.kind in ("item", "row") else element.section
        if element.kind != "section" and holder is not None and holder in gone:
            at = slot[holder]  # inside a removed container: right after it
        else:
            preceding = old_elements[position[element.id] - 1 :: -1]
            at = _anchor(element, preceding, by_id, index, end)
        slot[element.id] = at
        if element.kind in ("item", "row") and holder in by_id:
            # The list or table now stands in another section: so does its removed item.
            host = by_id[holder]
            element = dataclasses.replace(
                element, section=host.section, place=host.place, heading=host.heading
            )
            change = dataclasses.replace(change, element=element)
        after.setdefault(at, []).append(change)
    placed: list[Change] = []
    for i, change in enumerate(changes):
        placed.append(change)
        placed.extend(after.get(i, []))
    return placed


def _anchor(
    element: Element,
    before: Sequence[Element],
    by_id: Mapping[str, Element],
    index: Mapping[str, int],
    end: Mapping[str, int],
) -> int:
    """The index in the new version after which a removed ``element`` goes; ``before`` are
    the old version's elements that preceded it, nearest first."""
    if element.kind == "section":
        for q in before:
            if q.kind == "section" and q.id in by_id:
                if element.part == "annexes" and by_id[q.id].part != "annexes":
                    break  # the first annexes: after the end matter
                return end[q.id]
        if element.part == "annexes":
            return _body_end(by_id)
        return max(i for i, e in enumerate(by_id.values()) if e.section is None)
    if element.kind in ("item", "row"):
        for q in before:
            if q.id == element.parent:
                return index[q.id]
            if q.kind in ("item", "row") and q.id in by_id and by_id[q.id].parent == element.parent:
                return index[q.id]
        raise AssertionError(element.id)  # pragma: no cover - its list or table precedes it
    for q in before:
        if q.kind == "section" and q.id == element.section:
            return index[q.id]
        if q.kind == "title" and element.section is None:
            return index[q.id]
        kept = by_id.get(q.id)
        if (
            kept is not None
            and q.kind in ("clause", "list", "table", "verbatim")
            and kept.section == element.section
        ):
            return end[q.id]
    if element.part == "end":  # the first blocks of the end matter: after the sections
        return _body_end(by_id)
    raise AssertionError(element.id)  # pragma: no cover - its section or the title precedes it


def _body_end(by_id: Mapping[str, Element]) -> int:
    """The index of the new version's last element before its annexes."""
    return max(i for i, e in enumerate(by_id.values()) if e.part != "annexes")


def compare(old: Text, new: Text) -> Comparison:
    """Align ``old`` and ``new`` (one language) by id and describe every element."""
    lang = new.lang
    old_elements, new_elements = elements(old), elements(new)
    old_by_id = {e.id: e for e in old_elements}
    new_ids = {e.id for e in new_elements}
    reordered = _reordered(old_elements, new_elements)
    tabular = ("table", "row")

    def describe(element: Element) -> Change:
        before = old_by_id.get(element.id)
        if before == element and element.id not in reordered:
            # Word for word the same, in the same place: most elements of a revision (what
            # the redline of equal texts would say, without running it).
            cells = tuple(_same(c) for c in element.cells) if element.kind in tabular else ()
            return Change(element, "unchanged", before, _same(element.text), cells=cells)
        if before is None:
            cells = _cells(lang, (), element.cells) if element.kind in tabular else ()
            return Change(element, "added", None, (Segment("insert", element.text),), cells=cells)
        moved = _is_moved(before, element, reordered)
        renumbered = (
            not moved
            and before.number is not None
            and element.number is not None
            and before.number != element.number
        )
        segments = tuple(redline.redline(before.text, element.text, lang))
        text_changed = before.text != element.text
        markup_only = not text_changed and before.source != element.source
        prominence = _prominence(before, element)
        if (text_changed or markup_only or prominence) and moved:
            status: Status = "moved_changed"
        elif text_changed or markup_only or prominence:
            status = "changed"
        elif moved:
            status = "moved"
        elif renumbered:
            status = "renumbered"
        else:
            status = "unchanged"
        cells = _cells(lang, before.cells, element.cells) if element.kind in tabular else ()
        return Change(
            element,
            status,
            before,
            segments,
            moved,
            markup_only,
            renumbered,
            cells,
            prominence=prominence,
        )

    changes = [describe(e) for e in new_elements]
    old_places, new_places = _places(old_elements), _places(new_elements)
    changes = [
        dataclasses.replace(c, positions=(old_places[c.id], new_places[c.id]))
        if c.moved and c.old is not None and container(c.old) == container(c.element)
        else c
        for c in changes
    ]
    removed = [
        Change(
            element, "removed", element, (Segment("delete", element.text),),
            cells=_cells(lang, element.cells, ()) if element.kind in tabular else (),
        )
        for element in old_elements
        if element.id not in new_ids
    ]  # fmt: skip
    # Where each moved element stood: placed with the removed ones, in the old order.
    moves = {c.id: c for c in changes if c.moved}
    lone = {c.id: c for c in removed}
    for element in old_elements:
        if element.id in moves:
            lone[element.id] = Change(
                element, "left", element, moved=True, to=moves[element.id].element
            )
    gone = {c.id for c in removed}
    ordered = [lone[e.id] for e in old_elements if e.id in lone]
    placed = _placed(changes, ordered, old_elements, new_elements, gone)
    kept: list[Change] = []
    left: list[tuple[int, Change]] = []
    for change in placed:
        if change.to is None:
            kept.append(change)
        else:
            left.append((len(kept), change))
    numbers = {e.id: e.heading for e in old_elements if e.kind == "section"}
    numbers.update({e.id: e.heading for e in new_elements if e.kind == "section"})
    # The end matter's heading, as a section's: its name in the text's language.
    for e in (*old_elements, *new_elements):
        if e.part == "end":
            numbers[END_SECTION] = e.heading
    return Comparison(lang, old, new, tuple(kept), numbers, tuple(left))


def heading_levels(comparison: Comparison) -> dict[str, int]:
    """Each section's level in the version it stands in (a removed one: in the old)."""
    return section_levels(e for c in comparison.changes for e in (c.old, c.element) if e)


def section_levels(found: Iterable[Element]) -> dict[str, int]:
    """Each section's level among ``found`` (a later one's holder wins): 1 for a section or
    annex, 2 and 3 for sub-sections. A heading's rank is its level + 1 (h2 to h4)."""
    holders = {e.id: e.holder for e in found if e.kind == "section"}
    return {anchor: len(sections_above(anchor, holders)) + 1 for anchor in holders}


def sections_above(anchor: str, holders: Mapping[str, str]) -> list[str]:
    """The sections that hold section ``anchor``, outermost first (``holders``: each section's
    :attr:`Element.holder`, by id)."""
    above: list[str] = []
    holder = holders.get(anchor, "")
    while holder in holders and len(above) < len(holders):
        above.insert(0, holder)
        holder = holders[holder]
    return above


def _prominence(before: Element, after: Element) -> Literal["on", "off"] | None:
    """Whether a kept element was newly marked prominent (``on``), no longer is (``off``), or
    neither (None)."""
    if before.prominent == after.prominent:
        return None
    return "on" if after.prominent else "off"


OTHER: dict[Lang, Lang] = {"zh": "en", "en": "zh"}


def _text_changed(change: Change) -> bool:
    """Kept, and its text as written (markup included) changed."""
    return (
        change.old is not None
        and change.status != "removed"
        and change.old.source != change.element.source
    )


def compare_versions(old: Version, new: Version) -> dict[Lang, Comparison]:
    """Both languages of two versions compared, each told what changed in one language only:
    such an element has :attr:`Change.only` set to that language in both comparisons; where
    its text is the same it is changed (or moved and changed) with the same words, so that
    each language's reader sees every change; :attr:`Change.acknowledged` when the new
    version's editors list it under ``translation-unchanged``."""
    plain = {lang: compare(old.texts[lang], new.texts[lang]) for lang in LANGS}
    changed = {lang: {c.id for c in plain[lang].changes if _text_changed(c)} for lang in LANGS}
    only = {anchor: lang for lang in LANGS for anchor in changed[lang] - changed[OTHER[lang]]}
    out: dict[Lang, Comparison] = {}
    for lang in LANGS:
        changes = []
        for change in plain[lang].changes:
            where = only.get(change.id)
            if where is not None and change.status != "removed":
                same = where != lang
                change = dataclasses.replace(
                    change,
                    status=("moved_changed" if change.moved else "changed")
                    if same
                    else change.status,
                    only=where,
                    acknowledged=change.id in new.translation_unchanged,
                )
            changes.append(change)
        out[lang] = dataclasses.replace(plain[lang], changes=tuple(changes))
    return out


def changed_ids(comparison: Comparison) -> set[str]:
    """Ids of the new version that changed, moved or are new (for the markers on a version
    page); renumbering alone does not mark a clause."""
    return {
        c.id
        for c in comparison.touched()
        if c.status in ("added", "changed", "moved", "moved_changed") and c.element.kind != "title"
    }


def upcoming_changes(comparison: Comparison) -> dict[str, Status]:
    """Ids of the old version that the new one changes, moves or removes, with what happens to
    each (for the markers on the text in force while a new version is published but not yet
    in force); renumbering alone does not mark a clause."""
    return {
        c.id: c.status
        for c in comparison.touched()
        if c.status in ("removed", "changed", "moved", "moved_changed")
        and c.element.kind != "title"
    }


def in_order(comparison: Comparison) -> list[Change]:
    """The changes with the old place of each moved element (:attr:`Comparison.left`) where
    it stood: the order of a redline."""
    out: list[Change] = []
    left = iter(comparison.left)
    pending = next(left, None)
    for index, change in enumerate([*comparison.changes, None]):
        while pending is not None and pending[0] == index:
            out.append(pending[1])
            pending = next(left, None)
        if change is not None:
            out.append(change)
    return out


def by_section(comparison: Comparison) -> Iterator[tuple[str | None, list[Change]]]:
    """The changes grouped by section (None: title and preamble), in reading order, with the
    old places of moved elements (:func:`in_order`); a section's heading, or the old place of
    a moved section, starts a group."""
    group: list[Change] = []
    current: str | None = None
    for change in in_order(comparison):
        section = change.element.section
        if (section != current or change.element.kind == "section") and group:
            yield current, group
            group = []
        current = section
        group.append(change)
    if group:
        yield current, group
