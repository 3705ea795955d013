"""Pages that help readers: both languages side by side, the version in force on a date, and
any two versions compared (per-version JSON, diffed in the browser so the build stays linear).
Pure: returns pages and file contents; every editor's string through :mod:`legalsite.model.escape`.
"""

from __future__ import annotations

import hashlib

import functools
import posixpath
from dataclasses import dataclass, field
from datetime import timedelta
from collections.abc import Iterator, Mapping
from typing import Any

from legalsite.compare import account
from legalsite.model import escape, inline, routes
from legalsite.site import render
from legalsite.site.changes import cite_html
from legalsite.compare.account import PREAMBLE_ID, Entry, markers
from legalsite.compare.diff import END_SECTION, OTHER, Comparison, Element, elements, in_order
from legalsite.model.numbering import joined
from legalsite.model.document import (
    EARLIEST,
    LANGS,
    LATEST,
    Block,
    Lang,
    ListBlock,
    Paragraph,
    Release,
    Text,
    Timeline,
    divisions,
    prominent_sections,
    Verbatim,
    numbers,
)
from legalsite.model.words import format_date
from legalsite.compare.redline import cuts, rules
from legalsite.model.words import STRINGS, Key, t


def text_json_path(document: str, version: str) -> str:
    """Where a version's text for the compare page lives, relative to a language folder."""
    return routes.file_path("text", document=document, version=version)


# -- Side by side ----------------------------------------------------------------------------


def _cell(lang: Lang, inner: str) -> str:
    return f'<div class="ls-bi-cell" lang="{escape.html_attr(lang)}">{inner}</div>'


def _number(label: str | None) -> str:
    """A clause's number written before it, when its text numbers clauses."""
    return f'<span class="ls-number">{escape.html_text(label)}</span> ' if label else ""


@dataclass
class _Told:
    """What a side-by-side page says of the change from the version before, in each language
    from that language's account (:mod:`legalsite.compare.account`), as the changes page does:
    before the text of a touched element its label and notes (``said``: the row of a clause,
    item or table, ``head`` for the title); in a row of its own, after the row it follows in
    the redline's order (``after``: by that row's id), what has no row of its own here (a
    removed element, the old place of a moved one, a section's heading or a list's style that
    changed), with its kind and citation."""

    said: dict[str, dict[Lang, list[str]]] = field(default_factory=dict)
    after: dict[str, list[str]] = field(default_factory=dict)

    def prefix(self, anchor: str, lang: Lang) -> str:
        return "".join(self.said.get(anchor, {}).get(lang, []))

    def rows(self, anchor: str) -> list[str]:
        return self.after.get(anchor, [])


def _said(entry: Entry) -> str:
    """A touched element's label and notes, before its text (site/changes.py ``_label``), in
    a span of their own: what the page says of the text, not the text."""
    notes = "".join(f" {note}" for note in entry.notes)
    return (
        f'<span class="ls-bi-said"><span class="ls-change-label ls-change-{entry.status}">'
        f"{escape.html_text(entry.label)}</span>{cite_html(entry)}{escape.html_text(notes)} </span>"
    )


def _said_alone(entry: Entry, redline: str) -> str:
    """What has no row of its own: the label, kind, citation and notes (as
    :func:`~legalsite.compare.account.heading` says them), or where a moved element went
    (:func:`~legalsite.compare.account.left_line`), the new place linked to the redline."""
    if entry.is_left:
        to, *others = entry.notes
        after = "".join(f" {escape.html_text(note)}" for note in others)
        link = f"{redline}#{escape.anchor(entry.id)}"
        words = (
            f'<span class="ls-change-label ls-change-left">{escape.html_text(entry.label)}</span> '
            f'<a href="{escape.html_attr(link)}">{escape.html_text(to)}</a>{after}'
        )
    else:
        notes = "".join(f" {note}" for note in entry.notes)
        words = (
            f'<span class="ls-change-label ls-change-{entry.status}">'
            f"{escape.html_text(entry.label)}</span> {escape.html_text(entry.kind_name)}"
            f"{cite_html(entry)}{escape.html_text(notes)}"
        )
    return f'<p class="ls-bi-change">{words}</p>'


def told(comparisons: Mapping[Lang, Comparison], redline: str) -> _Told:
    """What the side-by-side page of a version says of its change (:class:`_Told`);
    ``redline``: the URL of its changes page, relative to the side-by-side page."""
    out = _Told()
    entries = {lang: _entries(comparisons[lang]) for lang in LANGS}
    tables = {e.id for e in elements(comparisons["zh"].new) if e.kind == "table"}
    last = "head"
    # Both languages have the same elements in the same places: the same changes, in order.
    for change in in_order(comparisons["zh"]):
        element = change.element
        gone = change.status in ("removed", "left")
        row: str | None = None
        if element.kind == "title":
            row = "head"
        elif element.kind in ("clause", "item", "table", "verbatim") and not gone:
            row = element.id
        elif element.kind == "row" and element.parent in tables:
            row = element.parent  # said in its table's cell, in the table's order
        elif element.kind == "section" and not gone:
            last = element.id
        if change.touched:
            key = (change.id, change.to is not None)
            if row is None:
                cells = "".join(
                    _cell(lang, _said_alone(entries[lang][key], redline)) for lang in LANGS
                )
                out.after.setdefault(last, []).append(
                    f'<div class="ls-bi-row ls-bi-changes">{cells}</div>'
                )
            else:
                for lang in LANGS:
                    entry = entries[lang][key]
                    if gone:
                        words = _said_alone(entry, redline)
                    elif element.kind in ("table", "row", "verbatim"):
                        words = f'<p class="ls-bi-change">{_said(entry)}</p>'
                    else:
                        words = _said(entry)
                    out.said.setdefault(row, {}).setdefault(lang, []).append(words)
        if row is not None:
            last = row
    return out


def _entries(comparison: Comparison) -> dict[tuple[str, bool], Entry]:
    """The account's entries and old places, by id and whether it is an old place."""
    result = account.account(comparison)
    found = {(e.id, False): e for e in result.entries}
    found.update({(e.id, True): e for e in result.left})
    return found


def _rows(
    blocks: dict[Lang, tuple[Block, ...]],
    written: Mapping[Lang, Mapping[str, str]],
    said: _Told | None = None,
) -> list[str]:
    """The side-by-side rows of blocks; ``written``: each language's numbers (:func:`numbers`);
    ``said``: what the page says of the change from the version before, if it has one."""
    said = said or _Told()
    rows: list[str] = []
    for index, zh_block in enumerate(blocks["zh"]):
        pair = {lang: blocks[lang][index] for lang in LANGS}
        if isinstance(zh_block, Paragraph):
            cells = "".join(
                _cell(
                    lang,
                    _clause_paragraphs(pair[lang], written[lang], said.prefix(zh_block.id, lang)),  # type: ignore[arg-type]
                )
                for lang in LANGS
            )
            rows.append(f'<div class="ls-bi-row" id="{escape.anchor(zh_block.id)}">{cells}</div>')
            rows.extend(said.rows(zh_block.id))
        elif isinstance(zh_block, ListBlock):
            rows.extend(_item_rows(pair, written, said=said))  # type: ignore[arg-type]
        elif isinstance(zh_block, Verbatim):
            cells = "".join(
                _cell(
                    lang,
                    said.prefix(zh_block.id, lang) + render.verbatim_html(pair[lang], ""),  # type: ignore[arg-type]
                )
                for lang in LANGS
            )
            rows.append(f'<div class="ls-bi-row" id="{escape.anchor(zh_block.id)}">{cells}</div>')
            rows.extend(said.rows(zh_block.id))
        else:
            cells = "".join(
                _cell(
                    lang,
                    said.prefix(zh_block.id, lang) + render.block_html(pair[lang], lang, ids=False),
                )
                for lang in LANGS
            )
            anchor = escape.anchor(zh_block.id)
            rows.append(f'<div class="ls-bi-row ls-bi-table" id="{anchor}">{cells}</div>')
            rows.extend(said.rows(zh_block.id))
    return rows


def _both_labels() -> str:
    """The prominent term's label in both languages (the side-by-side page shows both)."""
    words = " / ".join(
        f'<span lang="{other}">{escape.html_text(t(other, "prominent_label"))}</span>'
        for other in LANGS
    )
    return f'<p class="ls-prominent-label">{words}</p>'


def _marked_rows(
    marked: frozenset[str],
    blocks: dict[Lang, tuple[Block, ...]],
    written: Mapping[Lang, Mapping[str, str]],
    within: bool = False,
    said: _Told | None = None,
) -> list[str]:
    """:func:`_rows`, each block marked prominent in a bordered box under its label in both
    languages (``within``: the blocks of a prominent section, bold with its border)."""
    if not marked:
        return _rows(blocks, written, said)
    out = []
    for index, block in enumerate(blocks["zh"]):
        one: dict[Lang, tuple[Block, ...]] = {other: (blocks[other][index],) for other in LANGS}
        rows = "\n".join(_rows(one, written, said))
        if block.id in marked:
            out.append(f'<div class="ls-prominent">\n{_both_labels()}\n{rows}\n</div>')
        elif within:
            out.append(f'<div class="ls-prominent-part">\n{rows}\n</div>')
        else:
            out.append(rows)
    return out


def _clause_paragraphs(block: Paragraph, written: Mapping[str, str], prefix: str = "") -> str:
    """A clause's paragraphs in one language (their counts may differ between languages), its
    number before the first; ``prefix``: what the page says of its change, before that."""
    parts = [escape.inline_html(part) for part in block.parts]
    parts[0] = prefix + _number(written.get(block.id)) + parts[0]
    return "".join(f"<p>{part}</p>" for part in parts)


def _item_rows(
    pair: Mapping[Lang, ListBlock],
    written: Mapping[Lang, Mapping[str, str]],
    depth: int = 1,
    said: _Told | None = None,
) -> Iterator[str]:
    """A row per item of a list in both languages, each followed by the rows of the list it
    holds (marked with its depth, for the indent); ``said`` as for :func:`_rows`."""
    said = said or _Told()
    zh_list = pair["zh"]
    nested = f" ls-bi-depth-{depth}" if depth > 1 else ""
    for number, item in enumerate(zh_list.items, start=1):
        cells = ""
        for lang in LANGS:
            label = written[lang].get(item.id)
            bullet = "" if zh_list.style == "ordered" else "•"
            marker = escape.html_text(label or bullet) + " " if label or bullet else ""
            text = escape.inline_html(pair[lang].items[number - 1].text)
            prefix = said.prefix(item.id, lang)
            cells += _cell(lang, f'<p class="ls-bi-item{nested}">{prefix}{marker}{text}</p>')
        yield f'<div class="ls-bi-row" id="{escape.anchor(item.id)}">{cells}</div>'
        yield from said.rows(item.id)
        if item.sublist is not None:
            inner = {lang: pair[lang].items[number - 1].sublist for lang in LANGS}
            yield from _item_rows(inner, written, depth + 1, said)  # type: ignore[arg-type]


def bilingual_page(
    timeline: Timeline,
    release: Release,
    lang: Lang,
    comparisons: Mapping[Lang, Comparison] | None = None,
) -> render.Page:
    """Both languages of a version aligned clause by clause (stacked on a phone); with the
    ``comparisons`` of both languages against the version before, each language's cell says
    what changed as its account does (:class:`_Told`)."""
    document = timeline.document
    texts = release.version.texts
    path = routes.page_path(document.id, "bilingual", release.id)
    said: _Told | None = None
    if comparisons is not None:
        redline = routes.relative_url(path, routes.page_path(document.id, "changes", release.id))
        said = told(comparisons, redline)
    title = t(
        lang, "bilingual_title", title=texts[lang].title, date=format_date(lang, release.effective)
    )
    data = {
        "title": title,
        "search": {"exclude": True},
        "legalsite": {"document": document.id, "version": release.id, "page": "bilingual"},
    }
    # The head row: each language's own title and last-updated line.
    head = "".join(
        _cell(
            other,
            f"<p>{said.prefix('head', other) if said else ''}"
            f"<strong>{escape.html_text(texts[other].title)}</strong></p>"
            + '<p class="ls-updated">'
            + escape.html_text(t(other, "last_updated", date=format_date(other, release.effective)))
            + "</p>",
        )
        for other in LANGS
    )
    parts = [
        f"---\n{render.front_matter(data)}\n---",
        f"# {escape.md_inline(title)}",
        # The same status as the version's own page (issue 13): banner, dates and status.
        render.banner_html(release, timeline, lang, path),
        f'<div class="ls-version-meta">\n{render.dates_html(release, lang)}\n</div>',
        f'<div class="ls-bi-row ls-bi-head">{head}</div>',
    ]
    written = {other: numbers(texts[other]) for other in LANGS}
    marked = texts["zh"].prominent  # the same in both languages
    inside = prominent_sections(texts["zh"])
    if said is not None:
        parts.extend(said.rows("head"))
    # Each division (the preamble, a section, sub-section or annex, the end matter): one
    # heading naming it in both languages, then its clauses pair by pair. Both languages have
    # the same tree (validate), so their divisions pair in order.
    for zh, en in zip(divisions(texts["zh"]), divisions(texts["en"]), strict=True):
        pair = {"zh": zh, "en": en}
        section = zh.section
        if section is not None:
            label = " / ".join(
                escape.md_inline(
                    joined(
                        written[other].get(section.id, ""),
                        escape.inline_plain(pair[other].section.title),  # type: ignore[union-attr]
                    )
                )
                for other in LANGS
            )
            marks = "#" * (zh.level + 1)  # a sub-section's h3, h4
            if section.id in marked:
                anchor = escape.anchor(section.id)
                parts.append(f"{marks} {label} {{#{anchor} .ls-prominent-heading}}")
                parts.append(_both_labels())
            else:
                parts.append(f"{marks} {label} {{#{escape.anchor(section.id)}}}")
            if said is not None:
                parts.extend(said.rows(section.id))
        blocks = {other: pair[other].blocks for other in LANGS}
        within = section is not None and section.id in inside
        parts.extend(_marked_rows(marked, blocks, written, within, said))
    return render.Page(lang, path, "\n\n".join(parts) + "\n")


# -- Version on a date -----------------------------------------------------------------------


def versions_path(document: str) -> str:
    """A document's versions for the at-date and compare pages' scripts, in a language folder."""
    return routes.file_path("versions", document=document)


def versions_json(timeline: Timeline, lang: Lang) -> str:
    """Each published version, oldest first: its id, effective date (ISO and as the language
    writes it), the period it was or is in force, and, relative to this file, its page and its
    ``text.json``. The at-date and compare pages fetch it: a list in the page would make every
    such page grow with the history (issue 23)."""
    document = timeline.document
    here = posixpath.dirname(versions_path(document.id))
    releases = list(timeline.releases)
    versions = []
    for index, release in enumerate(releases):
        start = format_date(lang, release.effective)
        if index + 1 < len(releases):
            last_day = releases[index + 1].effective - timedelta(days=1)
            period = f"{start} {t(lang, 'until')} {format_date(lang, last_day)}"
        elif release.status == "upcoming":
            period = t(lang, "from_date", date=start)
        else:
            period = f"{start} {t(lang, 'until')} {t(lang, 'today_on')}"
        page = routes.page_url(routes.page_path(document.id, "version", release.id))
        versions.append(
            {
                "id": release.id,
                "effective": release.effective.isoformat(),
                "label": start,
                "period": period,
                "url": posixpath.relpath(page, here) + "/",
                "text": posixpath.relpath(text_json_path(document.id, release.id), here),
            }
        )
    return escape.json_text(versions, compact=True) + "\n"


def at_date_page(timeline: Timeline, lang: Lang) -> render.Page:
    """Pick a date, land on the version in force that day (the script reads the document's
    versions, :func:`versions_json`); without JavaScript, the history lists every version and
    when it was in force."""
    document = timeline.document
    path = routes.page_path(document.id, "at-date")
    title = t(lang, "at_date_title", title=document.title(lang))
    releases = list(timeline.releases)
    # No headings until its script has drawn the answer: without the table of contents'
    # column the page keeps one width as it does (issue 25: layout shift).
    data = {
        "title": title,
        "legalsite": {"document": document.id, "page": "at-date"},
        "hide": ["toc"],
    }
    return render.template_page(
        "at-date.md.j2",
        lang,
        path,
        data=data,
        versions_url=routes.relative_file(path, versions_path(document.id)),
        history_url=routes.relative_url(path, routes.page_path(document.id, "history")),
        first=format_date(lang, releases[0].effective) if releases else "",
        earliest=EARLIEST.isoformat(),
        latest=LATEST.isoformat(),
    )


# -- Compare any two -------------------------------------------------------------------------


RULES_FILE = routes.file_path("rules")
"""The redline's rules as data (:func:`legalsite.compare.redline.rules`), at each language's root."""


def elements_json(text: Text) -> list[dict[str, Any]]:
    """What the compare page's engine needs of a text: its elements
    (:func:`legalsite.compare.diff.elements`) with the jieba cut of every text and cell
    (:func:`legalsite.compare.redline.cuts`)."""
    marked = markers(text)
    return [_element_data(e, text.lang, marked.get(e.id)) for e in elements(text)]


def _element_data(e: Element, lang: Lang, marker: str | None = None) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind,
        "section": e.section,
        "parent": e.parent,
        "heading": e.heading,
        "place": e.place,
        "number": e.number,
        "citation": e.citation,
        "text": e.text,
        "cuts": cuts(e.text, lang),
        # The text as written, only where it differs from the plain text (links, emphasis).
        "source": e.source if e.source != e.text else None,
        "cells": list(e.cells),
        "cellCuts": [cuts(cell, lang) for cell in e.cells],
        # A prominent term (the compare page names those a revision touches), a sub-section or
        # annex (what it stands in), an item of an item's list (how deep); the end matter's and
        # annexes' part. Only where there: the text.json of a text without them stays as it was.
        **({"prominent": True} if e.prominent else {}),
        **({"holder": e.holder} if e.holder else {}),
        **({"depth": e.depth} if e.depth > 1 else {}),
        # What each cross-reference reads, in its order (the redline's note when it changes).
        **({"refs": list(refs.items())} if (refs := _references(e.source)) else {}),
        **({"part": e.part} if e.part in ("end", "annexes") else {}),
        # What it is printed with (account.markers: 4., a), (一), •), where it has one: the
        # engine writes each number as this text, never computing or drawing one.
        **({"marker": marker} if marker else {}),
    }


def _references(source: str) -> dict[str, str]:
    return inline.reference_words(source) if "](#" in source else {}


@functools.lru_cache(maxsize=1 << 15)
def _element_json(e: Element, lang: Lang, marker: str | None = None) -> str:
    """One element's JSON, as :func:`text_json` writes it. Versions repeat most of their
    elements: each distinct one is encoded once per build."""
    return escape.json_text(_element_data(e, lang, marker), compact=True, sort_keys=True)


def text_json(release: Release, lang: Lang) -> str:
    """A version's text for the compare page: its elements in reading order, plain text.

    The same text as ``escape.json_text`` of the whole object (compact, keys sorted), written
    from each element's JSON (:func:`_element_json`)."""
    text = release.version.texts[lang]

    def field(value: str) -> str:
        return escape.json_text(value)

    marked = markers(text)
    listed = ",".join(_element_json(e, lang, marked.get(e.id)) for e in elements(text))
    other = release.version.texts[OTHER[lang]]
    # The other language's text of each element, as a digest: enough for the engine to tell
    # a change made in one language only (compare.diff.compare_versions), at any two versions.
    digests = {e.id: _digest(e.source) for e in elements(other)}
    unchanged = list(release.version.translation_unchanged)
    return (
        f'{{"effective":{field(release.effective.isoformat())},"elements":[{listed}],'
        f'"lang":{field(lang)},"other":{escape.json_text(digests, compact=True, sort_keys=True)},'
        f'"translationUnchanged":{escape.json_text(unchanged, compact=True)},'
        f'"version":{field(release.id)}}}\n'
    )


def _digest(source: str) -> str:
    """A short digest of an element's text as written: equal texts, equal digests."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def rules_json(classes: Mapping[str, list[list[int]]] | None = None) -> str:
    """The redline's rules (:func:`legalsite.compare.redline.rules`, with its character
    ``classes`` if given) as the browser's engine reads them."""
    data = {**rules(classes), "preambleId": PREAMBLE_ID, "endId": END_SECTION}
    return escape.json_text(data, compact=True, sort_keys=True) + "\n"


def asset_prefix(path: str, lang: Lang) -> str:
    """From a page to the site root, where the shared assets are (en pages sit under /en/)."""
    depth = routes.page_url(path).count("/") + (0 if lang == LANGS[0] else 1)
    return "../" * depth


COMPARE_STRINGS: tuple[Key, ...] = (
    "same_text",
    "compare_failed",
    "compare_unknown",
    "compare_between",
    "compare_swapped",
)
"""The compare page's own words, besides the account's (:func:`legalsite.compare.account.strings`)."""


def compare_page(timeline: Timeline, lang: Lang) -> render.Page:
    """Two version pickers; the browser fetches both versions' ``text.json`` and runs the
    server's engine on them (``legalsite-compare.js``): the account the changes pages give."""
    document = timeline.document
    path = routes.page_path(document.id, "compare")
    title = t(lang, "compare_title", title=document.title(lang))
    releases = list(reversed(timeline.releases))
    words = account.strings(lang)
    words["text"].update({key: STRINGS[lang][key] for key in COMPARE_STRINGS})
    data = {
        "title": title,
        "search": {"exclude": True},
        "legalsite": {"document": document.id, "page": "compare"},
        "hide": ["toc"],
    }
    return render.template_page(
        "compare.md.j2",
        lang,
        path,
        data=data,
        strings_json=escape.json_text(words, sort_keys=True),
        rules_url=routes.relative_file(path, RULES_FILE),
        versions_url=routes.relative_file(path, versions_path(document.id)),
        # By default the newest version against the one before it.
        default_to=releases[0].id if releases else "",
        default_from=releases[1].id if len(releases) > 1 else (releases[0].id if releases else ""),
        asset_prefix=asset_prefix(path, lang),
    )
