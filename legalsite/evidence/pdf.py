"""A PDF of every version and language, and of every redline: evidence a lawyer can file.

Each PDF is rendered from the model (never from the built pages) through the package's own
template ``pdf.html.j2`` and print stylesheet ``pdf.css.j2`` by WeasyPrint, with Debian's Noto
CJK font embedded as a subset. Every string from the YAML reaches the HTML through the
output encoders of :mod:`legalsite.model.escape` (:func:`~legalsite.model.escape.inline_html`,
:func:`~legalsite.model.escape.html_text`, element ids through
:func:`~legalsite.model.escape.anchor`,
as the pages write them) or Jinja's autoescaping, and WeasyPrint may fetch nothing
(no file, no network): the only outside input is the font, found by fontconfig.

Same sources, same bytes. A version's PDF states its status "as of" the day that status began
(published for an upcoming version, its effective date once in force, its successor's effective
date once archived), and its metadata dates are that day too. So the file changes only when the
status does, at most three times in its life, and not with every daily build: a PDF a reader
saved last year is still the one whose SHA-256 versions.json lists (every edition a version has
had so far is listed, see :func:`editions`). A redline PDF carries no status and never changes.

Rendering is the expensive part of a build. A PDF's bytes depend only on its HTML and the
renderer (:func:`fingerprint`), so :func:`digest` of the two names it:
:mod:`legalsite.evidence.pdf_cache` keeps them on disk by that digest between builds and
renders the missing ones in parallel. :func:`site_pdfs` asks for all of a site's PDFs at once,
through a :data:`PdfMaker`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

from legalsite.compare.account import Entry, account, marker_segments, markers
from legalsite.compare.diff import END_SECTION, Change, Comparison, heading_levels, in_order
from legalsite.compare.redline import Op, Segment, marked, redline
from legalsite.evidence.ledger import Key, Ledger
from legalsite.model import escape, prominent, routes
from legalsite.model.document import (
    LANGS,
    Block,
    Lang,
    ListBlock,
    Paragraph,
    Release,
    Status,
    Table,
    Text,
    Timeline,
    Verbatim,
    divisions,
    numbers,
    on_block,
    prominent_sections,
    text_sha256,
    timeline,
)
from legalsite.model.errors import LegalsiteError
from legalsite.model.numbering import joined
from legalsite.model.words import format_date, format_source_date, keyed, t

FONT_FAMILY = "Noto Serif CJK SC"
"""Debian's Noto CJK (package fonts-noto-cjk): Chinese and Latin in one family."""

FONT_PACKAGE = "fonts-noto-cjk"

# -- Paths -----------------------------------------------------------------------------------


def pdf_path(document: str, version: str, lang: Lang, *, changes: bool = False) -> str:
    """A PDF's file, relative to its language folder (:data:`legalsite.model.routes.FILES`)."""
    kind: routes.FileKind = "changes-pdf" if changes else "pdf"
    return routes.file_path(kind, document=document, version=version, lang=lang)


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path


# -- Status over time ------------------------------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """A version's status from a day on: what its PDF says while that status lasts."""

    status: Status
    as_of: date


def editions(line: Timeline, release: Release) -> tuple[Edition, ...]:
    """Every status ``release`` has had up to the build date, oldest first, each from the day it
    began; the last is the one the site serves now. Statuses come from :func:`model.timeline`
    itself, evaluated on the days they can change."""
    published = {v.id: date.max for v in line.document.versions}
    published.update({r.id: r.published for r in line.releases})
    # The days its status can change: its publication, its taking effect, and the next
    # version's taking effect (then it is archived for good; no other day changes it). Only
    # those are evaluated: every day of every version made a daily build's planning cubic in
    # the number of versions (96 s of a 161-version build, issue 22).
    later = [v.effective for v in line.document.versions if v.effective > release.effective]
    days = sorted(
        {release.published, release.effective, line.today, *([min(later)] if later else [])}
    )
    out: list[Edition] = []
    for day in days:
        if day < release.published or day > line.today:
            continue
        status = timeline(line.document, published, day, line.notice).release(release.id).status
        if not out or out[-1].status != status:
            out.append(Edition(status, day))
    return tuple(out)


# -- HTML ------------------------------------------------------------------------------------


def template_environment(**options: Any) -> jinja2.Environment:
    """The package's templates (``legalsite/templates``) as the PDFs and the site's pages both
    read them: HTML escaped, a tag's own line trimmed, an undefined name an error. ``options``
    adds to these (the pages' ``finalize``)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("legalsite", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        **options,
    )


_env = template_environment()

_CSS_STRING_UNSAFE = re.compile(r'[\\"\n\r\f]|[^\x20-\x7e]')


def css_string(text: str) -> Markup:
    """A CSS string literal of ``text``: quotes, backslashes, line breaks and every non-ASCII
    character written as CSS escapes, so nothing can end the string or the rule."""
    return Markup('"' + _CSS_STRING_UNSAFE.sub(lambda m: f"\\{ord(m.group()):06x}", text) + '"')


def _id(value: str) -> str:
    """An element id as an ``id="..."`` value: :func:`~legalsite.model.escape.anchor` (the id itself
    for every id the model allows), then the attribute encoder, as the pages write ids."""
    return escape.html_attr(escape.anchor(value))


def _marker(label: str | None, ordered: bool = True) -> str:
    """A list item's number (1. 2. 3., a), (一) ... as :func:`numbers` writes it) or bullet as
    text, so that copying the item copies it; nothing for an ordered list numbered none."""
    if ordered and not label:
        return ""
    return f'<span class="marker">{escape.html_text(label or "•")} </span>'


def _block(block: Block, written: Mapping[str, str]) -> str:
    """A block's HTML; ``written``: the numbers of its text (:func:`numbers`)."""
    return on_block(
        block,
        paragraph=lambda b: _paragraph(b, written.get(b.id)),
        listing=lambda b: _list(b, written),
        table=_table,
        verbatim=_verbatim,
    )


def _paragraph(block: Paragraph, label: str | None = None) -> str:
    number = f'<span class="number">{escape.html_text(label)}</span> ' if label else ""
    if len(block.parts) > 1:
        # A clause of several paragraphs: one element with its id, a paragraph each.
        inner = "".join(
            f'<p class="clause">{number if i == 0 else ""}{escape.inline_html(part)}</p>'
            for i, part in enumerate(block.parts)
        )
        return f'<div id="{_id(block.id)}" class="clause-paragraphs">{inner}</div>'
    return f'<p id="{_id(block.id)}" class="clause">{number}{escape.inline_html(block.text)}</p>'


def _list(block: ListBlock, written: Mapping[str, str], own: bool = True) -> str:
    tag = "ol" if block.style == "ordered" else "ul"
    items = "".join(
        f'<li id="{_id(item.id)}">{_marker(written.get(item.id), block.style == "ordered")}'
        f"{escape.inline_html(item.text)}"
        + (_list(item.sublist, written, own=False) if item.sublist else "")
        + "</li>"
        for item in block.items
    )
    # An item's list has no id of its own (its id is the item's).
    anchor = f' id="{_id(block.id)}"' if own else ""
    return f"<{tag}{anchor}>{items}</{tag}>"


def _verbatim(block: Verbatim) -> str:
    """A verbatim block: its lines as written, in a ``pre`` (a first line break doubled, as
    HTML drops one right after ``<pre>``)."""
    first = "&#10;" if block.text.startswith("\n") else ""
    return f'<pre id="{_id(block.id)}" class="verbatim">{first}{escape.html_text(block.text)}</pre>'


def _table(block: Table) -> str:
    head = "".join(f'<th scope="col">{escape.inline_html(h)}</th>' for h in block.header)
    rows = "".join(
        f'<tr id="{_id(row.id)}">'
        + "".join(f"<td>{escape.inline_html(c)}</td>" for c in row.cells)
        + "</tr>"
        for row in block.rows
    )
    table = f'<table id="{_id(block.id)}">'
    return f"{table}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _prominent_block(text: Text, block: Block, written: Mapping[str, str]) -> str:
    """:func:`_block`, inside a bordered box under its label when it is marked prominent."""
    html = _block(block, written)
    if block.id not in text.prominent:
        return html
    label = escape.html_text(t(text.lang, "prominent_label"))
    return f'<div class="prominent"><p class="prominent-label">{label}</p>{html}</div>'


def _prominent_list(text: Text) -> str:
    """The list of the text's prominent terms by citation, linked, as on its page."""
    terms = prominent.terms(text)
    if not terms:
        return ""
    items = "".join(
        f'<li><a href="#{_id(anchor)}">{escape.html_text(cited)}</a></li>'
        for anchor, cited in terms
    )
    title = escape.html_text(t(text.lang, "prominent_list"))
    return f'<nav class="prominent-terms"><p class="title">{title}</p><ul>{items}</ul></nav>'


RUNNING_TITLE = 56
"""The most characters of a title the running header shows: one line of the header's 8pt at
the widest (a Han character is 8pt; the page's content box is 482pt wide)."""


def running_title(title: str) -> str:
    """The running header's text: the title, or its first characters and an ellipsis. Its text
    is a CSS string, where no line can break: a longer one would run off the page."""
    if len(title) <= RUNNING_TITLE:
        return title
    cut = title[: RUNNING_TITLE - 1]
    while cut and unicodedata.combining(cut[-1]):  # a character's marks stay with it
        cut = cut[:-1]
    return cut + "…"


def _render(lang: Lang, **values: Any) -> str:
    css = _env.get_template("pdf.css.j2").render(
        page_of=_page_of(lang),
        font=css_string(FONT_FAMILY),
        running_title=css_string(running_title(values["doc_title"])),
    )
    document = _env.get_template("pdf.html.j2").render(lang=lang, css=Markup(css), **values)
    head, body = document.split("<body", 1)
    return head + "<body" + _TEXT_NODE.sub(lambda m: _breakable(m.group()), body)


LONG_RUN = 30
"""Characters without white space up to this many are laid out as the text has them (no word
of a natural language is longer); a longer run may break between any two of its characters."""
BREAK = '<span class="b"></span>'
"""An empty inline block: a place to break a line, and no character in the text."""
_TEXT_NODE = re.compile(r"(?<=>)[^<]+(?=<)")
_UNIT = r"(?:&#?\w+;|[^\s&<])"
# A long run, or else a lone character reference consumed whole: no run may start inside one
# ("&#34;" is one character; a run found from its "#" broke it into text).
_RUN = re.compile(f"{_UNIT}{{{LONG_RUN + 1},}}|&#?\\w+;")
_UNITS = re.compile(_UNIT)


def _breakable(text_html: str) -> str:
    """A text node of the PDF's HTML with a :data:`BREAK` between the characters of every run
    longer than :data:`LONG_RUN`. CSS ``overflow-wrap: anywhere`` alone leaves some runs off
    the page (runs of digits, closing punctuation, ellipses or full stops, which WeasyPrint's
    line breaker will not split): the text of such a run, a long address as a link's text or
    an identifier, stays whole and on the page, every character as itself."""
    return _RUN.sub(lambda m: BREAK.join(_UNITS.findall(m.group())), text_html)


def _page_of(lang: Lang) -> Markup:
    """The footer's page numbers as CSS ``content``: strings around the two counters."""
    before, rest = t(lang, "page_of", page="\0", pages="\1").split("\0")
    middle, after = rest.split("\1")
    return Markup(
        f"{css_string(before)} counter(page) {css_string(middle)} counter(pages) "
        f"{css_string(after)}"
    )


def _metadata_date(day: date) -> str:
    """Midnight in Asia/Shanghai, the site's time zone (W3C date-time for WeasyPrint)."""
    return f"{day.isoformat()}T00:00:00+08:00"


def version_html(line: Timeline, release: Release, lang: Lang, edition: Edition, base: str) -> str:
    """The HTML of a version's PDF in one language, with its status as of ``edition``."""
    document = line.document.id
    text = release.version.texts[lang]
    written = numbers(text)
    body = [_prominent_block(text, b, written) for b in text.preamble]
    sections = []
    # Each section, sub-section (h3, h4), the end matter (no heading) and each annex.
    inside = prominent_sections(text)
    for division in divisions(text):
        section = division.section
        if section is None and division.part == "preamble":
            continue
        sections.append(
            {
                "id": escape.anchor(section.id) if section else "",
                "heading": joined(written.get(section.id, ""), escape.inline_plain(section.title))
                if section
                else "",
                "level": division.level + 1,
                "blocks": [Markup(_prominent_block(text, b, written)) for b in division.blocks],
                "prominent": t(lang, "prominent_label")
                if section and section.id in text.prominent
                else "",
                # A sub-section of a prominent section: in its box too, without a label.
                "inside": bool(section and section.id in inside),
            }
        )
    version_url = routes.site_url(lang, routes.page_path(document, "version", release.id))
    history_url = routes.site_url(lang, routes.page_path(document, "history"))
    effective = format_date(lang, release.effective)
    return _render(
        lang,
        kind="version",
        title=text.title,
        doc_title=t(lang, "version_title", title=text.title, date=effective),
        subtitle=t(lang, "version_of", date=effective),
        created=_metadata_date(edition.as_of),
        facts=[
            *(
                [(t(lang, "source_date"), format_source_date(lang, release.version.source_date))]
                if release.version.source_date
                else []
            ),
            (t(lang, "effective"), effective),
            (t(lang, "published"), format_date(lang, release.published)),
            (
                t(lang, "status_as_of", date=format_date(lang, edition.as_of)),
                t(lang, keyed("status", edition.status)),
            ),
        ],
        links=[
            (t(lang, "permanent_url"), absolute(base, version_url)),
            (t(lang, "status_note"), absolute(base, history_url)),
        ],
        digest=(t(lang, "text_sha256"), text_sha256(text, release.effective)),
        updated=t(lang, "last_updated", date=effective),
        preamble=[Markup(b) for b in body],
        sections=sections,
        legend=None,
        summary=None,
        prominent_list=Markup(_prominent_list(text)),
        prominent_changed="",
    )


# -- Redline ---------------------------------------------------------------------------------


def segments_html(segments: Iterable[Segment]) -> str:
    """Deletions struck through inside [brackets], insertions bold and underlined: the marks
    survive black-and-white printing and the brackets survive copying the text."""
    return marked(
        segments,
        encode=escape.html_text,
        delete=('<del><span class="mark">[</span>', '<span class="mark">]</span></del>'),
        insert=("<ins>", "</ins>"),
    )


def _label(entry: Entry | None) -> str:
    """An entry's label and its notes (moved from, renumbered, link only), as every surface
    states them (:mod:`legalsite.compare.account`); nothing for an unchanged element."""
    if entry is None:
        return ""
    notes = "".join(f'<span class="note">{escape.html_text(n)}</span> ' for n in entry.notes)
    cite = (
        f'<span class="cite">{escape.html_text(entry.citation)}</span> ' if entry.citation else ""
    )
    return f'<span class="label">{escape.html_text(entry.label)}</span> {cite}{notes}'


def _left(entry: Entry) -> str:
    """The old place of a moved element (:attr:`legalsite.compare.account.Account.left`): where
    it went, linked to it, and its old place in the old numbering, as every surface says it."""
    to, *rest = entry.notes
    after = "".join(f" {escape.html_text(note)}" for note in rest)
    return (
        f'<span class="left"><span class="left-label">{escape.html_text(entry.label)}</span> '
        f'<a href="#{_id(entry.id)}">{escape.html_text(to)}</a>{after}</span>'
    )


@dataclass(frozen=True)
class _Numbers:
    """The entries by id, the old places of moved elements by id, and each list item's number
    in the old and the new text."""

    entries: dict[str, Entry]
    old: dict[str, str]
    new: dict[str, str]
    left: dict[str, Entry]
    levels: dict[str, int] = field(default_factory=dict)
    """Each section's level (:func:`legalsite.compare.diff.heading_levels`)."""

    @classmethod
    def of(cls, comparison: Comparison) -> _Numbers:
        result = account(comparison)
        entries = {e.id: e for e in result.entries}
        left = {e.id: e for e in result.left}
        old, new = markers(comparison.old), markers(comparison.new)
        return cls(entries, old, new, left, heading_levels(comparison))

    def entry(self, change: Change) -> Entry | None:
        return self.entries.get(change.id) if change.touched else None

    def marker(self, change: Change) -> str:
        """An item's number as printed, as every redline writes it
        (:func:`legalsite.compare.account.marker_segments`): the old one struck for a removed
        item (and at the old place of a moved one), the new one inserted for an added one, the
        old struck and the new inserted when it changed."""
        segments = marker_segments(change.status, self.old.get(change.id), self.new.get(change.id))
        if not segments:
            return ""  # an ordered list numbered none
        return f'<span class="marker">{segments_html(segments)} </span>'


def _change_text(change: Change) -> str:
    if change.status == "unchanged":
        return escape.html_text(change.element.text)
    return segments_html(change.segments)


def _cells(change: Change, lang: Lang) -> list[str]:
    new = change.element.cells
    if change.status in ("added", "removed"):
        op: Op = "insert" if change.status == "added" else "delete"
        return [segments_html([Segment(op, escape.inline_plain(c))]) for c in new]
    old = change.old.cells if change.old else new
    return [
        segments_html(
            redline(
                escape.inline_plain(old[i]) if i < len(old) else "", escape.inline_plain(c), lang
            )
        )
        for i, c in enumerate(new)
    ]


def _item_html(numbers: _Numbers, change: Change, depth: int = 1) -> str:
    nested = f' class="depth-{depth}"' if depth > 1 else ""
    if change.to is not None:
        return f"<li{nested}>{numbers.marker(change)}{_left(numbers.left[change.id])}</li>"
    return (
        f'<li id="{_id(change.element.id)}"{nested}>{numbers.marker(change)}'
        f"{_label(numbers.entry(change))}{_change_text(change)}</li>"
    )


def _row_html(lang: Lang, numbers: _Numbers, change: Change) -> str:
    if change.to is not None:
        width = len(change.element.cells)
        return f'<tr><td colspan="{width}">{_left(numbers.left[change.id])}</td></tr>'
    cells = _cells(change, lang)
    label = _label(numbers.entry(change))
    return (
        f'<tr id="{_id(change.element.id)}">'
        + "".join(f"<td>{label if i == 0 else ''}{cell}</td>" for i, cell in enumerate(cells))
        + "</tr>"
    )


def _element_html(
    comparison: Comparison, numbers: _Numbers, change: Change
) -> tuple[list[str], str | None]:
    """The HTML of an element other than a list item or table row, and the closing tag of the
    list or table it opens (None for the others)."""
    lang = comparison.lang
    element = change.element
    kind = element.kind
    label = _label(numbers.entry(change))
    if kind == "title":
        if not change.touched:
            return [], None
        return [
            f'<p class="title-change">{label}'
            + escape.html_text(t(lang, "title_element") + t(lang, "colon"))
            + f"{_change_text(change)}</p>"
        ], None
    if kind == "section":
        number = comparison.section_numbers.get(element.id, element.text)
        rank = numbers.levels.get(element.id, 1) + 1  # a sub-section's h3, h4
        parts = [f'<h{rank} id="{_id(element.id)}">{escape.html_text(number)}</h{rank}>']
        if change.touched:
            parts.append(f"<p>{label}{_change_text(change)}</p>")
        return parts, None
    if kind == "clause":
        return [f'<p id="{_id(element.id)}" class="clause">{label}{_change_text(change)}</p>'], None
    if kind == "verbatim":
        text = _change_text(change)
        first = "&#10;" if text.startswith("&#10;") else ""  # HTML drops one after <pre>
        return [
            f'<div id="{_id(element.id)}" class="verbatim">{label}'
            f'<pre class="verbatim">{first}{text}</pre></div>'
        ], None
    if kind == "list":
        parts = []
        if change.touched:
            # A list's text is its style's name in the text's language; its source the style.
            parts.append(f"<p>{label}{escape.html_text(element.text)}</p>")
        tag = "ol" if element.source == "ordered" else "ul"
        return [*parts, f'<{tag} id="{_id(element.id)}">'], f"</{tag}>"
    # A table: what happened to it (as a whole), its header row, then its rows.
    header = "".join(f'<th scope="col">{c}</th>' for c in _cells(change, lang))
    table = f'<table id="{_id(element.id)}"><thead><tr>{header}</tr></thead><tbody>'
    entry = numbers.entry(change)
    said = [f"<p>{label}{escape.html_text(entry.kind_name)}</p>"] if entry else []
    return [*said, table], "</tbody></table>"


def redline_body(comparison: Comparison) -> str:
    """The whole new version with every change marked in place (removed elements where they
    stood), sections numbered as on the page; each touched element with the label and notes
    of its entry in the account, each list item with its number in the text it belongs to
    (a removed item's old number struck, a renumbered item's old number struck before its
    new one), and at the old place of each moved element where it went (:func:`_left`), as the
    changes page and the Word redline say them."""
    lang = comparison.lang
    numbers = _Numbers.of(comparison)
    parts: list[str] = []
    closing: str | None = None  # the closing tag of the open list or table
    parent: str | None = None  # the open list's or table's id
    ended = False  # the end matter's heading is written
    depths: dict[str, int] = {}  # the open list's items (and its items' lists'): their depth
    for change in in_order(comparison):
        element = change.element
        if element.kind in ("item", "row") and (
            element.parent == parent or element.parent in depths
        ):
            if element.kind == "item":
                depth = depths.get(element.parent or "", 0) + 1
                if change.to is None:  # the old place of a moved item holds nothing
                    depths[element.id] = depth
                parts.append(_item_html(numbers, change, depth))
            else:
                parts.append(_row_html(lang, numbers, change))
            continue
        if closing:
            parts.append(closing)
        if change.to is not None:
            # The old place of a moved block or section: opens nothing.
            parts.append(f'<p class="left-place">{_left(numbers.left[change.id])}</p>')
            closing = parent = None
            depths = {}
            continue
        if element.section == END_SECTION and not ended:
            # The end matter, under its name as on the changes page.
            ended = True
            heading = escape.html_text(comparison.section_numbers[END_SECTION])
            parts.append(f'<h2 id="{_id(END_SECTION)}">{heading}</h2>')
        opened, closing = _element_html(comparison, numbers, change)
        parts += opened
        parent = element.id if closing else None
        depths = {}
    if closing:
        parts.append(closing)
    return "\n".join(parts)


def _fill(text: str, marks: Mapping[str, str]) -> str:
    """``text`` as HTML, each one-character placeholder in ``marks`` replaced by its HTML."""
    out: list[str] = []
    plain = ""
    for char in text:
        if char in marks:
            out += [escape.html_text(plain), marks[char]]
            plain = ""
        else:
            plain += char
    return "".join([*out, escape.html_text(plain)])


def changes_html(line: Timeline, release: Release, comparison: Comparison, base: str) -> str:
    """The HTML of a version's redline PDF against the version before it."""
    lang = comparison.lang
    document = line.document.id
    assert release.previous is not None
    text = release.version.texts[lang]
    effective = format_date(lang, release.effective)
    version_url = routes.site_url(lang, routes.page_path(document, "version", release.id))
    previous_url = routes.site_url(lang, routes.page_path(document, "version", release.previous.id))
    legend = t(lang, "legend", deleted="\0", inserted="\1")
    deleted = segments_html([Segment("delete", t(lang, "legend_deleted"))])
    inserted = segments_html([Segment("insert", t(lang, "legend_inserted"))])
    return _render(
        lang,
        kind="changes",
        title=text.title,
        doc_title=t(lang, "redline_title", title=text.title, date=effective),
        subtitle=t(lang, "compared_with", date=format_date(lang, release.previous.effective)),
        created=_metadata_date(release.published),
        facts=[
            (t(lang, "effective"), effective),
            (t(lang, "published"), format_date(lang, release.published)),
        ],
        links=[
            (t(lang, "permanent_url"), absolute(base, version_url)),
            (t(lang, "previous_url"), absolute(base, previous_url)),
        ],
        digest=None,
        updated=None,
        preamble=[],
        sections=[],
        legend=Markup(_fill(legend, {"\0": deleted, "\1": inserted})),
        summary=account(comparison).one_line(),
        redline=Markup(redline_body(comparison)),
        prominent_list="",
        prominent_changed=account(comparison).prominent,
    )


# -- Rendering -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def font_files() -> tuple[Path, ...]:
    """The regular and bold files of :data:`FONT_FAMILY`, as fontconfig finds them."""
    return tuple(path for path, _ in font_faces())


@lru_cache(maxsize=1)
def font_faces() -> tuple[tuple[Path, int], ...]:
    """The regular and bold faces of :data:`FONT_FAMILY`: each file, and the face's index in it
    (Debian's Noto CJK files are collections of the JP, KR, SC, TC and HK faces)."""
    fc_match = shutil.which("fc-match")
    hint = (
        f"install Debian's {FONT_PACKAGE} (sudo apt-get install {FONT_PACKAGE}), then build again"
    )
    if fc_match is None:
        raise LegalsiteError(
            "the PDFs need fontconfig's fc-match to find their font, and it is missing", hint=hint
        )
    files = []
    for style in ("regular", "bold"):
        result = subprocess.run(
            [fc_match, "-f", "%{family}\n%{file}\n%{index}", f"{FONT_FAMILY}:{style}"],
            capture_output=True,
            text=True,
            check=False,
        )
        family, _, rest = result.stdout.partition("\n")
        file, _, index = rest.partition("\n")
        if result.returncode or FONT_FAMILY not in family.split(","):
            found = family.split(",")[0] or "nothing"
            raise LegalsiteError(
                f"the PDFs need the font '{FONT_FAMILY}' ({style}) for Chinese text, but "
                f"fontconfig found {found} instead",
                hint=hint,
            )
        files.append((Path(file), int(index) if index.isdigit() else 0))
    return tuple(files)


@lru_cache(maxsize=1)
def no_fetching() -> Any:
    """WeasyPrint's URL fetcher that fetches nothing: the HTML is whole, the font is local."""
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"the PDFs load nothing from outside (asked for {url[:80]!r})")

    return NoFetching()


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What else decides a PDF's bytes besides its HTML: the renderer's and the font's versions."""
    from importlib.metadata import version

    # The installed distributions' versions: importing WeasyPrint takes seconds, and a build
    # whose PDFs are all cached must not pay for it.
    parts = [f"weasyprint {version('weasyprint')}", f"pydyf {version('pydyf')}"]
    for path in font_files():
        stat = path.stat()
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def digest(document_html: str) -> str:
    """The name of a PDF's bytes: the SHA-256 of the renderer's fingerprint and the HTML."""
    return hashlib.sha256((fingerprint() + "\0" + document_html).encode("utf-8")).hexdigest()


def render_html(document_html: str) -> bytes:
    """Render one of this module's HTML documents with WeasyPrint: tagged, fonts embedded as
    subsets, dates and file identifier from the document itself, so the same HTML gives the
    same bytes, in any process. No cache here: :mod:`legalsite.evidence.pdf_cache` keeps them."""
    import logging

    import weasyprint

    # WeasyPrint reports what it cannot style or load on its logger; nothing of ours should.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    data = weasyprint.HTML(string=document_html, url_fetcher=no_fetching()).write_pdf(
        pdf_identifier=True, pdf_tags=True
    )
    assert isinstance(data, bytes)
    return data


PdfMaker = Callable[[Sequence[str]], Sequence[bytes]]
"""Turns HTML documents into their PDFs, in order: :func:`render_each`, or
:class:`legalsite.evidence.pdf_cache.Renderer` (disk cache, in parallel)."""


def render_each(documents: Sequence[str]) -> list[bytes]:
    """The simplest :data:`PdfMaker`: one after the other, in this process."""
    return [render_html(document) for document in documents]


# -- The site's PDFs -------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class SitePdfs:
    """Every PDF of a build: the files, and what versions.json and the pages say about them."""

    files: dict[str, bytes]
    """By path relative to ``docs/`` (``zh/<document>/<version>/<name>.pdf``)."""
    records: dict[tuple[str, str, Lang], dict[str, Any]]
    """By (document, version, language): the ``pdf`` and ``changes_pdf`` of versions.json."""
    sizes: dict[str, int] = field(default_factory=dict)
    """The size of every PDF made or reused, earlier editions included, by SHA-256."""

    def links(self, document: str, version: str, lang: Lang) -> tuple[str, str | None]:
        """A version's PDF and its redline PDF (None for a first version), per language folder."""
        record = self.records[(document, version, lang)]
        changes = record["changes_pdf"]
        return record["pdf"]["path"], changes["path"] if changes else None

    def versions_entry(self, document: str, version: str, lang: Lang) -> dict[str, Any]:
        """What versions.json lists for one language of a version (paths from the site root)."""
        record = self.records[(document, version, lang)]
        pdf = {k: v for k, v in record["pdf"].items() if k != "path"}
        changes = record["changes_pdf"]
        return {
            "pdf": pdf,
            "changes_pdf": {k: v for k, v in changes.items() if k != "path"} if changes else None,
        }


class Reuse(Protocol):
    """The files of the last published site (:class:`legalsite.evidence.previous.PreviousSite`):
    its ledger, and the bytes of each listed file asked for, checked against it."""

    ledger: Ledger

    def files(self, keys: Sequence[Key]) -> Mapping[Key, bytes]: ...


def _pdf_record(
    lang: Lang, path: str, served: Edition, digest: str, earlier: Sequence[tuple[Edition, str]]
) -> dict[str, Any]:
    """The ``pdf`` of versions.json: the served edition's file, and the digests of the earlier."""
    return {
        "path": path,
        "url": routes.file_url(lang, path),
        "sha256": digest,
        "status": served.status,
        "as_of": served.as_of.isoformat(),
        "earlier": [
            {"status": e.status, "as_of": e.as_of.isoformat(), "sha256": d} for e, d in earlier
        ],
    }


def edition_key(document: str, version: str, lang: Lang, edition: Edition) -> Key:
    return Key(document, version, lang, "pdf", edition.status, edition.as_of.isoformat())


def site_pdfs(
    timelines: Iterable[Timeline],
    comparisons: Mapping[tuple[str, str, Lang], Comparison],
    make: PdfMaker = render_each,
    *,
    base_url: str = "/",
    previous: Reuse | None = None,
    checkpoint: Callable[[], None] = lambda: None,
) -> SitePdfs:
    """Every version's PDF in each language, and the redline PDF of every version after the
    first. ``comparisons`` are the site's own, by (document, version, language); ``make``
    renders all the HTML documents in one call, so it can spread them over processes.

    Without ``previous`` (a site's first publication), every edition a version has had is
    rendered, for the digests of the earlier ones. With it, a file the previous site's ledger
    lists is served as it was published, its bytes from that site, and the earlier editions are
    the ledger's: only files served for the first time are rendered. ``checkpoint`` runs once
    the previous site's files are read, before anything is rendered (the build's refusals)."""
    documents: list[str] = []

    def ask(document_html: str) -> int:
        documents.append(document_html)
        return len(documents) - 1

    # Which files: the edition each version's PDF states now, and its redline.
    wanted = []
    for line in timelines:
        for release in line.releases:
            history = editions(line, release)
            for lang in LANGS:
                doc = line.document.id
                comparison = comparisons.get((doc, release.id, lang))
                served = edition_key(doc, release.id, lang, history[-1])
                changes = Key(doc, release.id, lang, "changes_pdf") if comparison else None
                wanted.append((line, release, lang, history, comparison, served, changes))
    reused: Mapping[Key, bytes] = {}
    if previous is not None:
        keys = [k for *_, served, changes in wanted for k in (served, changes) if k is not None]
        reused = previous.files(keys)
    checkpoint()
    # Then the HTML of every PDF to render (cheap), all of them at once, then their records.
    asked: list[tuple[int | bytes, list[int | tuple[Edition, str]], int | bytes | None]] = []
    for line, release, lang, history, comparison, served, changes in wanted:
        doc = line.document.id
        now: int | bytes
        if served in reused:
            now = reused[served]
        else:
            now = ask(version_html(line, release, lang, history[-1], base_url))
        earlier: list[int | tuple[Edition, str]] = []
        if previous is None:
            earlier = [ask(version_html(line, release, lang, e, base_url)) for e in history[:-1]]
        else:
            earlier = [
                (Edition(e.key.status, date.fromisoformat(e.key.as_of)), e.sha256)  # type: ignore[arg-type]
                for e in previous.ledger.pdf_editions(doc, release.id, lang)
                if e.key != served
            ]
        redline_pdf: int | bytes | None = None
        if changes is not None and comparison is not None:
            if changes in reused:
                redline_pdf = reused[changes]
            else:
                redline_pdf = ask(changes_html(line, release, comparison, base_url))
        asked.append((now, earlier, redline_pdf))
    made = list(make(documents))
    if len(made) != len(documents):
        raise ValueError(f"{len(documents)} PDFs asked for, {len(made)} made")

    def got(item: int | bytes) -> bytes:
        return made[item] if isinstance(item, int) else item

    files: dict[str, bytes] = {}
    records: dict[tuple[str, str, Lang], dict[str, Any]] = {}
    sizes = {sha256(data): len(data) for data in made}
    for (line, release, lang, history, _, _, _), (now, earlier, redline_pdf) in zip(
        wanted, asked, strict=True
    ):
        doc, version = line.document.id, release.id
        path = pdf_path(doc, version, lang)
        files[f"{lang}/{path}"] = got(now)
        before = [
            item if isinstance(item, tuple) else (history[i], sha256(made[item]))
            for i, item in enumerate(earlier)
        ]
        record: dict[str, Any] = {
            "pdf": _pdf_record(lang, path, history[-1], sha256(got(now)), before),
            "changes_pdf": None,
        }
        if redline_pdf is not None:
            changes_path = pdf_path(doc, version, lang, changes=True)
            files[f"{lang}/{changes_path}"] = got(redline_pdf)
            record["changes_pdf"] = {
                "path": changes_path,
                "url": routes.file_url(lang, changes_path),
                "sha256": sha256(got(redline_pdf)),
            }
        records[(doc, version, lang)] = record
    sizes.update({sha256(data): len(data) for data in files.values()})
    return SitePdfs(files, records, sizes)
