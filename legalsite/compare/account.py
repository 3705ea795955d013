"""The account of a comparison: what every surface says about it, in the comparison's language.

One :class:`Account` is built from a :class:`~legalsite.compare.diff.Comparison` and rendered by the
changes page (:mod:`legalsite.site.changes`), ``legalsite diff`` in text and Markdown
(:mod:`legalsite.compare.report`) and the feeds; the compare page builds the same account in the
browser
(``docs/assets/legalsite-compare.js``) from the same strings (:func:`strings`), and
:func:`as_json` is what the two are checked against each other with. Each touched element is
one :class:`Entry` with its label, its notes (moved from 九 to 十, 十一 → 十二, link only) and its
redline; the counts count the entries, so they always add up to what is listed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from legalsite.compare.diff import (
    END_SECTION,
    STATUSES,
    Change,
    Comparison,
    Element,
    Kind,
    Status,
    by_section,
    container,
    elements,
    heading_levels,
    in_order,
    sections_above,
)
from legalsite.compare.redline import Segment
from legalsite.model import inline
from legalsite.model.document import Lang, ListBlock, Paragraph, Text, numbers, walk
from legalsite.model.escape import OWN_ID_PREFIX
from legalsite.model.words import STRINGS, Key, keyed, t

ALWAYS_COUNTED: tuple[Status, ...] = ("changed", "added", "removed", "moved")
"""The counts the summary names even when they are zero; the others only when they are not."""

PREAMBLE_ID = OWN_ID_PREFIX + "preamble"
"""The anchor of the preamble's heading on a changes page: outside the ids editors write (a
section may be called ``preamble``)."""


@dataclass(frozen=True)
class Entry:
    """One element as the account shows it."""

    lang: Lang
    id: str
    kind: Kind
    status: Status
    label: str
    """The status in words (empty when unchanged)."""
    notes: tuple[str, ...]
    """(从九移至十), (十一 → 十二), (仅链接或格式变更): what the label alone does not say."""
    segments: tuple[Segment, ...]
    cells: tuple[tuple[Segment, ...], ...]
    """A table's header or a row: the redline of each cell (empty for other kinds)."""
    style: str | None
    """A list's style as written (ordered / bulleted); None for other kinds."""
    where: str
    """The heading of its section (the preamble's name; empty for the title)."""
    citation: str = ""
    """How a reader cites it, in its version (the new one; the old one for what was removed):
    第一条第5款 / Section I, paragraph 5; empty for the title. What the account names an element
    by, never its id."""
    parent: str | None = None
    """The list or table of an item or row (for an item of an item's list: that item)."""
    marker: tuple[Segment, ...] = ()
    """What an item or a numbered clause is printed with before its text (:func:`markers`:
    4., a), (一), 第3款, •), as a redline (:func:`marker_segments`): the text every surface
    writes, never a number the browser draws; empty when it has none."""

    @property
    def touched(self) -> bool:
        return self.status != "unchanged"

    @property
    def is_left(self) -> bool:
        """The old place of a moved element (:attr:`Account.left`), not an entry: its label
        says where it went (移出至 / Moved to), its notes the new place (the first, which a
        page links to the element) and the old one in the old numbering."""
        return self.status == "left"

    @property
    def kind_name(self) -> str:
        return t(self.lang, keyed("kind", self.kind))


@dataclass(frozen=True)
class Group:
    """A block with the items or rows that follow it."""

    head: Entry
    children: tuple[Entry, ...]

    @property
    def touched(self) -> bool:
        return self.head.touched or any(c.touched for c in self.children)


@dataclass(frozen=True)
class Part:
    """One piece of the body of a redline page, in reading order.

    ``title``: the document title changed (``entry``); ``section``: a section's heading
    (``id``, ``heading``, and ``entry`` when the section itself changed); ``preamble``: the
    preamble's heading, or the end matter's (``id`` :data:`END_SECTION`); ``block``: a touched
    block (``groups`` holds one); ``collapsed``: unchanged blocks between the changes
    (``groups``).
    """

    type: Literal["title", "section", "preamble", "block", "collapsed"]
    id: str | None = None
    heading: str = ""
    entry: Entry | None = None
    groups: tuple[Group, ...] = ()
    level: int = 1
    """A section's level (2 and 3 for sub-sections: h3, h4); 1 for every other part."""


@dataclass(frozen=True)
class Account:
    lang: Lang
    counts: dict[str, int]
    summary: str
    """The counts in one sentence (or "no changes")."""
    sections: tuple[tuple[str, str], ...]
    """The sections touched: (id, numbered heading), in reading order."""
    entries: tuple[Entry, ...]
    """Every touched element, in reading order: what the counts count."""
    parts: tuple[Part, ...]
    prominent: str = ""
    """The sentence naming the prominent terms the revision adds, changes, removes or un-marks
    (本次修订涉及重要条款：第五条: :func:`prominent_sentence`), or empty."""
    left: tuple[Entry, ...] = ()
    """The old place of every moved element, in reading order: each redline marks it where
    the element stood (the parts hold them there), not counted and not an entry."""

    def is_empty(self) -> bool:
        return not self.entries

    def one_line(self) -> str:
        """The summary and the sections touched, for a feed entry."""
        if not self.sections:
            return self.summary
        names = t(self.lang, "list_joiner").join(heading for _, heading in self.sections)
        return f"{self.summary} {t(self.lang, 'sections_touched')} {names}"


def markers(text: Text) -> dict[str, str]:
    """What each list item and numbered clause is printed with before its text, by id: its
    number as its text writes it (:func:`legalsite.model.document.numbers`: 4., a), (一), 第3款
    when the text numbers clauses; nothing for a list numbered none), a bulleted item's •. Text
    in every print (the redline PDF, the Word files), as readers cite it."""
    written = numbers(text)
    out: dict[str, str] = {}
    for step in walk(text):
        node = step.node
        if isinstance(step.parent, ListBlock):
            out[node.id] = written.get(node.id, "") if step.parent.style == "ordered" else "•"
        elif isinstance(node, Paragraph) and node.id in written:
            out[node.id] = written[node.id]
    return out


@functools.lru_cache(maxsize=64)
def _comparison_markers(comparison: Comparison) -> tuple[dict[str, str], dict[str, str]]:
    """:func:`markers` of the old and the new text, once per comparison (hashed by identity)."""
    return markers(comparison.old), markers(comparison.new)


def marker_segments(status: Status, old: str | None, new: str | None) -> tuple[Segment, ...]:
    """An item's or numbered clause's marker in a redline, from its marker in the old text and
    in the new one: the old struck for a removed element, the new inserted for an added one,
    the old struck and the new inserted when it changed, else itself; nothing when it has none
    (an ordered list numbered none). The old place of a moved element (``left``) has its old
    number struck, as a removed one: its new number is where it now stands. Every redline
    writes this: the changes page, the compare page (its copy in ``legalsite-compare.js``),
    the redline PDF."""
    old = old if status != "added" else None
    new = new if status not in ("removed", "left") else None
    if not old and not new:
        return ()
    if old == new:
        return (Segment("equal", old or ""),)
    return (*([Segment("delete", old)] if old else []), *([Segment("insert", new)] if new else []))


def heading(item: Entry, encode: Callable[[str], str] = str) -> str:
    """``移动 条款 第十条第1款 （从…移至…）``: the label, the kind, how a reader cites it (its id
    when it has no citation) and the notes: what each surface says of an entry before its
    redline. ``encode``: the output's escaper for the citation and the notes, which quote the
    editors' headings (the label and kind are the site's own words)."""
    notes = "".join(f" {note}" for note in item.notes)
    return f"{item.label} {item.kind_name} {encode(item.citation or item.id)}{encode(notes)}"


def left_line(item: Entry, encode: Callable[[str], str] = str) -> str:
    """``移出至 九、免责条款第2款 （原七、免责条款第9款）``: what every surface says at the old
    place of a moved element (:attr:`Account.left`); ``encode`` as for :func:`heading`."""
    return f"{item.label} {encode(' '.join(item.notes))}"


def told(comparison: Comparison) -> list[tuple[Entry, Change]]:
    """Each entry of the account with its change, and the old place of each moved element
    (:attr:`Account.left`) where it stood: what a redline tells, in its order
    (:func:`legalsite.compare.diff.in_order`)."""
    result = account(comparison)
    entries, left = iter(result.entries), iter(result.left)
    return [
        (next(left) if change.to is not None else next(entries), change)
        for change in in_order(comparison)
        if change.touched
    ]


def summary_line(lang: Lang, counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return t(lang, "no_changes")
    phrases = [
        t(lang, keyed("count", status), n=str(counts[status]))
        for status in STATUSES
        if counts[status] or status in ALWAYS_COUNTED
    ]
    return t(lang, "summary", total=str(total), counts=t(lang, "count_joiner").join(phrases))


def _notes(lang: Lang, change: Change, numbered: dict[str, str | None]) -> tuple[str, ...]:
    """``numbered``: each section of the new version and its number (九 / IX)."""
    notes: list[str] = []
    old, new = change.old, change.element
    # Cited in the old numbering: where its section's number is now another section's (or no
    # section's), the section's title says which one it was.
    if (
        change.status == "removed"
        and old is not None
        and old.section is not None
        and numbered.get(old.section) != old.place
    ):
        notes.append(t(lang, "note_formerly", old=cited(lang, old)))
    if change.moved and old is not None and container(old) == container(new):
        # Its place among its siblings changed: the numbers say where, when it has one.
        if old.number and new.number and old.number != new.number:
            notes.append(t(lang, "note_moved", old=own_number(old), new=own_number(new)))
        elif change.positions is not None:
            before, after = (t(lang, "place_nth", n=str(n)) for n in change.positions)
            notes.append(t(lang, "note_moved", old=before, new=after))
    elif change.moved and old is not None:
        # To another section (list, table): each place in its own version's numbering, with
        # the section's title, since the old number may be another section's now.
        before, after = places(lang, old, new)
        notes.append(t(lang, "note_moved", old=before, new=after))
    if change.renumbered and old is not None:
        notes.append(t(lang, "note_renumbered", old=own_number(old), new=own_number(new)))
    if old is not None and old.source != new.source:
        # A cross-reference that now reads another number: its target was renumbered.
        read = inline.reference_words(old.source)
        for target, words in inline.reference_words(new.source).items():
            if read.get(target, words) != words:
                notes.append(t(lang, "note_reference", old=read[target], new=words))
    if change.markup_only:
        notes.append(t(lang, "markup_only"))
    if change.prominence is not None:
        on = change.prominence == "on"
        notes.append(t(lang, "note_prominent_on" if on else "note_prominent_off"))
    if change.only is not None:
        notes.append(t(lang, "note_only_zh" if change.only == "zh" else "note_only_en"))
        if change.acknowledged:
            notes.append(t(lang, "note_translation_unchanged"))
    return tuple(notes)


def own_number(element: Element) -> str:
    """An element's number as the notes name it: its own (十一, 第3款 / paragraph 3, 第2项 /
    item 2), or for an item of an item's list its citation at its depth (第二条第a项第1目第B点 /
    Section 2(a)(1)(B)): "item B" alone would not say which list, nor in which words."""
    if element.depth > 1:
        return element.citation
    return element.number or ""


def places(lang: Lang, old: Element, new: Element) -> tuple[str, str]:
    """Where a moved element stood and stands, each cited in its own version (:func:`cited`);
    where the two read the same (an item moved to another list of its section, at the same
    number), each with the id of its list or table."""
    before, after = cited(lang, old), cited(lang, new)
    if before == after:
        before = t(lang, "place_in_parent", place=before, parent=old.parent or "")
        after = t(lang, "place_in_parent", place=after, parent=new.parent or "")
    return before, after


def _left_notes(lang: Lang, change: Change) -> tuple[str, ...]:
    """The old place of a moved element: the new place, then the old one in the old
    numbering."""
    assert change.to is not None
    before, after = places(lang, change.element, change.to)
    return after, t(lang, "note_formerly", old=before)


def cited(lang: Lang, element: Element) -> str:
    """Where an element stands as a reader cites it in its own version: a section's numbered
    heading (a sub-section's or annex's citation); its section's numbered heading (九、免责条款
    / IX. Disclaimer; the preamble's name) and its own number (第2款 /
    paragraph 2) when it has one. The one place the account's notes cite from."""
    if element.kind == "section":
        # A sub-section or annex by its citation and title (第二条第（三）项 费用, Annex B
        # Privacy policy): its heading alone (（三）费用) does not say where it stands. One
        # without a number is cited by its title, which its heading already is.
        numbered = element.holder and element.heading != element.text
        return f"{element.citation} {element.text}" if numbered else element.heading
    if element.depth > 1:  # an item of an item's list: its number alone would not say which
        return element.citation
    place = element.heading or t(lang, "preamble")
    if element.number:
        return t(lang, "place_cited", place=place, number=element.number)
    return place


def _where(comparison: Comparison, change: Change) -> str:
    section = change.element.section
    if section is None:
        return "" if change.element.kind == "title" else t(comparison.lang, "preamble")
    return comparison.section_numbers.get(section, section)


@functools.lru_cache(maxsize=64)
def _numbered(comparison: Comparison) -> dict[str, str | None]:
    """Each section of the new version and its number."""
    return {
        c.id: c.element.number
        for c in comparison.changes
        if c.element.kind == "section" and c.status != "removed"
    }


def entry(comparison: Comparison, change: Change) -> Entry:
    lang = comparison.lang
    element = change.element
    old_markers, new_markers = _comparison_markers(comparison)
    old_marker = old_markers.get(change.id) if change.old is not None else None
    return Entry(
        lang=lang,
        id=element.id,
        kind=element.kind,
        status=change.status,
        label=t(lang, keyed("label", change.status)) if change.touched else "",
        notes=_left_notes(lang, change)
        if change.to is not None
        else _notes(lang, change, _numbered(comparison)),
        segments=change.segments,
        cells=change.cells,
        style=element.source if element.kind == "list" else None,
        where=_where(comparison, change),
        citation=element.citation,
        parent=element.parent,
        marker=marker_segments(change.status, old_marker, new_markers.get(change.id)),
    )


def _groups(comparison: Comparison, changes: Iterable[Change]) -> list[Group]:
    """Blocks with their items or rows: an item or row joins the block before it when that is
    its list or table, or holds the item whose list it is in."""
    groups: list[tuple[Entry, list[Entry]]] = []
    for change in changes:
        if change.element.kind in ("item", "row") and groups:
            head, children = groups[-1]
            parent = change.element.parent
            if not head.is_left and (
                parent == head.id or any(c.id == parent and not c.is_left for c in children)
            ):
                children.append(entry(comparison, change))
                continue
        groups.append((entry(comparison, change), []))
    return [Group(head, tuple(children)) for head, children in groups]


def _parts(comparison: Comparison) -> list[Part]:
    """The body of a redline: each touched section's heading and blocks, unchanged blocks
    collapsed around the changes."""
    parts: list[Part] = []
    holders = {
        e.id: e.holder
        for c in comparison.changes
        for e in (c.old, c.element)
        if e is not None and e.kind == "section"
    }
    levels = heading_levels(comparison)
    shown: set[str] = set()
    for section, changes in by_section(comparison):
        groups = _groups(comparison, changes)
        heading: Entry | None = None
        if groups and groups[0].head.kind in ("section", "title") and not groups[0].head.is_left:
            heading = groups.pop(0).head
        if not any(g.touched for g in groups) and not (heading and heading.touched):
            continue
        if heading is not None and heading.kind == "section":
            number = comparison.section_numbers[heading.id]
            touched = heading if heading.touched else None
            level = levels.get(heading.id, 1)
            # A sub-section under the headings of the sections above it, untouched or not.
            for above in sections_above(heading.id, holders):
                if above not in shown:
                    heading_above = comparison.section_numbers[above]
                    parts.append(Part("section", above, heading_above, level=levels[above]))
                    shown.add(above)
            shown.add(heading.id)
            parts.append(Part("section", heading.id, number, touched, level=level))
        elif heading is not None and heading.touched:
            parts.append(Part("title", heading.id, entry=heading))
        if section is None and any(g.touched for g in groups):
            parts.append(Part("preamble", PREAMBLE_ID, t(comparison.lang, "preamble")))
        elif section == END_SECTION and any(g.touched for g in groups):
            # The end matter: under its name, as the preamble is.
            parts.append(Part("preamble", END_SECTION, comparison.section_numbers[END_SECTION]))
        pending: list[Group] = []
        for group in groups:
            if group.touched:
                if pending:
                    parts.append(Part("collapsed", groups=tuple(pending)))
                    pending = []
                parts.append(Part("block", groups=(group,)))
            else:
                pending.append(group)
        if pending:
            parts.append(Part("collapsed", groups=tuple(pending)))
    return parts


@functools.lru_cache(maxsize=4096)
def account(comparison: Comparison) -> Account:
    """What changed, as the changes page, the reports and the feeds tell it (once per
    comparison: a build asks for it on several pages)."""
    lang = comparison.lang
    counts = comparison.counts()
    return Account(
        lang=lang,
        counts=counts,
        summary=summary_line(lang, counts),
        sections=tuple(
            (section, comparison.section_numbers.get(section, section))
            for section in comparison.sections_touched()
        ),
        entries=tuple(entry(comparison, c) for c in comparison.touched()),
        parts=tuple(_parts(comparison)),
        prominent=prominent_sentence(comparison.old, comparison.new),
        left=tuple(entry(comparison, c) for _, c in comparison.left),
    )


# -- Prominent terms ---------------------------------------------------------------------------


def _term_words(found: Sequence[Element]) -> dict[str, tuple[str, ...]]:
    """Each prominent term's words as written: its own and those of all it holds (a section's
    blocks, items and rows; a list's items; a table's rows), so that a change anywhere inside
    it is a change of the term. Numbers are not words: a renumbering alone changes no term."""
    marked = {e.id for e in found if e.prominent}
    out: dict[str, list[str]] = {anchor: [] for anchor in marked}
    for e in found:
        holders = {e.id, e.section or e.id, e.parent or e.id}
        for holder in sorted(holders & marked):
            out[holder].append(f"{e.kind} {e.id}\t{e.source}")
    return {anchor: tuple(words) for anchor, words in out.items()}


def prominent_changes(old: Sequence[Element], new: Sequence[Element]) -> list[str]:
    """The citations of the prominent terms a revision touches: each term marked in either
    version that is new, changed (its words or anything it holds), removed, newly marked or no
    longer marked; in the new version's reading order, then those gone in the old one's; each
    cited in the version where it is marked (the new one's when marked in both)."""
    before, after = _term_words(old), _term_words(new)
    touched = {a for a in before.keys() | after.keys() if before.get(a) != after.get(a)}
    if not touched:
        return []
    cited_old = {e.id: e.citation for e in old}
    cited_new = {e.id: e.citation for e in new if e.prominent}
    order = [e.id for e in new if e.id in touched]
    order += [e.id for e in old if e.id in touched and e.id not in set(order)]
    return [cited_new.get(anchor) or cited_old[anchor] for anchor in order]


def prominent_sentence(old: Text | None, new: Text) -> str:
    """本次修订涉及重要条款：第五条 / This revision changes important terms: Section V, for a
    revision from ``old`` to ``new`` (one language) that touches a prominent term; an empty
    string when it touches none, and for a first version (``old`` None)."""
    if old is None or not (old.prominent or new.prominent):
        return ""
    touched = prominent_changes(elements(old), elements(new))
    if not touched:
        return ""
    lang = new.lang
    return t(lang, "prominent_changed", terms=t(lang, "prominent_joiner").join(touched))


# -- The browser's copy ------------------------------------------------------------------------

STRING_KEYS: tuple[Key, ...] = (
    *(keyed("label", status) for status in STATUSES),
    "label_left",
    *(keyed("count", status) for status in STATUSES),
    *(keyed("kind", k) for k in ("title", "section", "clause", "list", "item", "table", "row")),
    "summary", "count_joiner", "list_joiner", "no_changes", "sections_touched", "preamble",
    "title_element", "note_moved", "note_renumbered", "note_reference", "place_in_parent",
    "place_nth",
    "place_cited", "note_only_zh", "note_only_en", "note_formerly",
    "note_translation_unchanged",
    "markup_only", "unchanged_collapsed", "colon",
    "note_prominent_on", "note_prominent_off", "prominent_changed", "prominent_joiner",
)  # fmt: skip


def strings(lang: Lang) -> dict[str, Any]:
    """The words the account is made of, for the browser's copy of :func:`account`."""
    return {
        "text": {key: STRINGS[lang][key] for key in STRING_KEYS},
        "statuses": list(STATUSES),
        "alwaysCounted": list(ALWAYS_COUNTED),
    }


def _segments_json(segments: Sequence[Segment]) -> list[list[str]]:
    return [[s.op, s.text] for s in segments]


def _entry_json(item: Entry) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "status": item.status,
        "label": item.label,
        "notes": list(item.notes),
        "segments": _segments_json(item.segments),
        "cells": [_segments_json(cell) for cell in item.cells],
        "style": item.style,
        "where": item.where,
        "parent": item.parent,
        "marker": _segments_json(item.marker),
        "citation": item.citation,
    }


def _group_json(group: Group) -> dict[str, Any]:
    return {"head": _entry_json(group.head), "children": [_entry_json(c) for c in group.children]}


def as_json(result: Account) -> dict[str, Any]:
    """The whole account as plain data: what the browser's engine must give for the same pair."""
    return {
        "lang": result.lang,
        "counts": dict(result.counts),
        "summary": result.summary,
        "sections": [list(pair) for pair in result.sections],
        "entries": [_entry_json(e) for e in result.entries],
        # Only when the revision touches a prominent term (issue 24): as it was otherwise.
        **({"prominent": result.prominent} if result.prominent else {}),
        "left": [_entry_json(e) for e in result.left],
        "parts": [
            {
                "type": part.type,
                "id": part.id,
                "heading": part.heading,
                "entry": _entry_json(part.entry) if part.entry else None,
                "groups": [_group_json(g) for g in part.groups],
                "level": part.level,
            }
            for part in result.parts
        ],
    }
