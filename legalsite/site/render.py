"""Rendering the model into the Markdown pages MkDocs builds. Pure: returns text, writes nothing.

Headings are Markdown (so MkDocs' table of contents and search sections see them); the clauses,
lists and tables between them are HTML blocks, because every clause, list item and table row
needs its own ``id`` and Markdown cannot give one to a list item or a table row. Every string
from the YAML passes through an encoder of :mod:`legalsite.model.escape` for the context it lands in
(HTML, Markdown heading, front matter), so no editor's string can become live markup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from legalsite.compare.account import prominent_sentence
from legalsite.evidence.ledger import KINDS, Entry, Ledger
from legalsite.evidence.pdf import template_environment
from legalsite.model import escape, prominent
from legalsite.model.numbering import joined
from legalsite.model.document import (
    LANG_NAMES,
    Block,
    Document,
    Lang,
    ListBlock,
    Paragraph,
    Verbatim,
    Release,
    Table,
    Text,
    Timeline,
    Version,
    chinese_numeral,
    divisions,
    prominent_sections,
    declares_numbering,
    numbers,
    section_heading,
    text_sha256,
    on_block,
)
from legalsite.model.notice import NoticeRule
from legalsite.model.words import format_date, format_source_date
from legalsite.model.routes import (
    SITE_FILES,
    PageKind,
    canonical_text_path,
    file_url,
    page_path,
    relative_file,
    relative_url,
    site_file_url,
    site_url,
)
from legalsite.model.words import Key, keyed, t
from legalsite.model.document import parse_version_name

__all__ = ["section_heading", "t"]


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` of a template that is not already markup is HTML text."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(escape.html_text(value))
    return value


_env = template_environment(finalize=_finalize)


def render_template(name: str, lang: Lang, **values: Any) -> str:
    """Render one of the package's page templates; ``s(key)`` gives the language's UI strings."""
    return _env.get_template(name).render(s=lambda key, **kw: t(lang, key, **kw), **values)


def template_page(
    name: str, lang: Lang, path: str, *, data: Mapping[str, Any], **values: Any
) -> Page:
    """A page from a template that starts with front matter and a ``# title`` line."""
    content = render_template(
        name,
        lang,
        front_matter=front_matter(data),
        title=Markup(escape.md_inline(data["title"])),
        **values,
    )
    return Page(lang, path, content)


md_escape = escape.md_inline
"""Text safe inside a Markdown heading or link text (the rule is :func:`escape.md_inline`)."""


# -- Paths and URLs ----------------------------------------------------------------------------


# -- Blocks ----------------------------------------------------------------------------------


def _anchor(lang: Lang, anchor: str, *, current: bool = False) -> str:
    """The clause's ¶: a link to it on this page, which on the current page follows the
    versions to come (``current``) and elsewhere is permanent; its title says which.

    Not a tab stop (tabindex=-1): a keyboard reader would tab through one per clause before
    the end of the text (issue 16); the clause history page links every clause, both ways.
    data-search-exclude: the search index (and so each result's preview) leaves the mark out."""
    key: Key = "permalink_current" if current else "permalink_version"
    return _clause_link(lang, key, "headerlink", f"#{escape.anchor(anchor)}", "¶")


@functools.lru_cache(maxsize=65536)  # every version page links the same clauses alike
def _clause_link(lang: Lang, key: Key, classes: str, href: str, mark: str) -> str:
    """One of a clause's small links (¶ § ↺), labelled by the catalogue's ``key``: out of the
    tab order and out of the search index, as :func:`_anchor` says why. ``href`` is encoded
    here, whole."""
    label = escape.html_attr(t(lang, key))
    return (
        f'<a class="{classes}" href="{escape.html_attr(href)}" title="{label}" '
        f'aria-label="{label}" tabindex="-1" data-search-exclude>{mark}</a>'
    )


def _permanent(lang: Lang, url: str | None, anchor: str) -> str:
    """On the current page: the same clause in this version, which never changes (issue 16)."""
    if not url:
        return ""
    href = f"{url}#{escape.anchor(anchor)}"
    return _clause_link(lang, "permalink_version", "headerlink ls-permanent-link", href, "§")


def _history(lang: Lang, url: str | None, anchor: str) -> str:
    """The link from a clause to its history (the document's clauses page), if any."""
    if not url:
        return ""
    href = f"{url}#{escape.anchor(anchor)}"
    return _clause_link(lang, "clause_history_link", "headerlink ls-history-link", href, "↺")


_CLOSING = re.compile(r"(?:</(?:strong|em)>)*$")
_WORD_EDGE = re.compile(r"(?s).*(?:(\s)|[^\x00-\x7f])")
"""Up to the last character a text's last word stops at: a space (after the word) or a
character beyond ASCII (the word's first). A character reference (``&amp;``) is ASCII."""


def _last_word(text: str) -> int:
    """Where the last word of ``text`` (HTML text, no tags) starts: the run of characters a
    line cannot break inside at its end. Latin letters, digits, punctuation and character
    references run on until a space; a line may break before any Chinese character, so the
    run takes at most one (with the punctuation after it: "于:", "权利。"). Found from the
    end (a regular expression backtracking over the last word only), not by reading the
    whole clause."""
    edge = _WORD_EDGE.match(text)
    if edge is None:
        return 0
    return edge.end() if edge.group(1) is not None else edge.end() - 1


def keep_together(html: str, links: str) -> str:
    """``html`` (a clause's inline HTML) with ``links`` (its Δ ¶ § ↺) after it, the links and
    the text's last word in one ``span.ls-keep`` that does not wrap: the links never take a
    line of their own (issue 24). The last word: after the last space; in Chinese, where a
    line may break between any two characters, the last character. A text ending in a link
    keeps that whole link with them; emphasis around the end keeps the span inside it."""
    if not links:
        return html
    closing = _CLOSING.search(html)
    closers = closing.group(0) if closing else ""
    body = html[: len(html) - len(closers)]
    if body.endswith("</a>"):
        split = body.rfind("<a ")
    else:
        tail = body[body.rfind(">") + 1 :]
        split = len(body) - len(tail) + _last_word(tail)
    if split < 0 or split == len(body):
        split = len(body)
    return f'{body[:split]}<span class="ls-keep">{body[split:]}{links}</span>{closers}'


@dataclass(frozen=True)
class Upcoming:
    """A version published but not yet in force, as the text in force shows it (issue 25): what
    it does to each clause of the text in force, when, and where its text and redline are."""

    effective: date
    statuses: Mapping[str, str]
    """Each id of the text in force the new version changes, moves or removes: its status."""
    version_url: str
    changes_url: str


def upcoming_mark(lang: Lang, upcoming: Upcoming, anchor: str) -> str:
    """The marker after a clause of the text in force that the upcoming version changes, moves
    or removes: the day, and links to the clause's new text (unless removed) and its redline."""
    status = upcoming.statuses.get(anchor)
    if status is None:
        return ""
    day = format_date(lang, upcoming.effective)
    lead = t(lang, "upcoming_removed" if status == "removed" else "upcoming_changed", date=day)
    fragment = "#" + escape.anchor(anchor)
    links = [
        f'<a href="{escape.html_attr(upcoming.changes_url + fragment)}">'
        f"{escape.html_text(t(lang, 'upcoming_redline'))}</a>"
    ]
    if status != "removed":
        links.insert(
            0,
            f'<a href="{escape.html_attr(upcoming.version_url + fragment)}">'
            f"{escape.html_text(t(lang, 'upcoming_new_text'))}</a>",
        )
    return (
        f' <span class="ls-upcoming" role="note" data-search-exclude '
        f'data-effective="{escape.html_attr(upcoming.effective.isoformat())}">'
        f"{escape.html_text(lead)}{'' if lang == 'zh' else ' '}{' · '.join(links)}</span>"
    )


def block_html(
    block: Block,
    lang: Lang,
    markers: Mapping[str, str] | None = None,
    *,
    ids: bool = True,
    history: str | None = None,
    permanent: str | None = None,
    written: Mapping[str, str] | None = None,
    upcoming: Upcoming | None = None,
) -> str:
    """HTML of one block; ``markers`` maps changed ids to the URL of their redline, ``history``
    is the URL of the document's clauses page (each clause and item links to its entry).
    ``permanent``, on the current page only, is the URL of the version's own page: each
    clause's ¶ then follows the current text, and a § links the clause in this version.

    ``ids=False`` leaves out the element ids (a page showing a table twice, once per language,
    must not repeat them). ``upcoming``: on the text in force while a new version is published,
    what the new version does to each clause (:func:`upcoming_mark`).

    ``written`` maps ids to their numbers (:func:`legalsite.model.document.numbers`): they
    are written into the text (a clause's number before it, an ordered list's markers in place
    of the browser's), so that copying, printing and screen readers get them; a version's page
    always gives them. Without it (a block shown without its text's numbers), lists are drawn
    by the browser.
    """
    markers = markers or {}
    numbered = written or {}

    def number(anchor: str) -> str:
        label = numbered.get(anchor)
        if not label:
            return ""
        return f'<span class="ls-number">{escape.html_text(label)}</span> '

    def soon(anchor: str) -> str:
        return upcoming_mark(lang, upcoming, anchor) if upcoming else ""

    def id_attr(value: str) -> str:
        return f' id="{escape.anchor(value)}"' if ids else ""

    def mark(anchor: str) -> str:
        url = markers.get(anchor)
        if not url:
            return ""
        label = escape.html_attr(t(lang, "changed_mark"))
        return (
            f' <a class="ls-changed" href="{escape.html_attr(url)}" '
            f'title="{label}" aria-label="{label}" data-search-exclude>Δ</a>'
        )

    def links(anchor: str) -> str:
        return (
            _anchor(lang, anchor, current=permanent is not None)
            + _permanent(lang, permanent, anchor)
            + _history(lang, history, anchor)
        )

    def paragraph(block: Paragraph) -> str:
        # The upcoming-version marker follows the kept links: it may wrap like text.
        after = mark(block.id) + links(block.id)
        if len(block.parts) > 1:
            return _paragraphs_html(block, number(block.id), after, soon(block.id))
        text = keep_together(escape.inline_html(block.text), after) + soon(block.id)
        return f'<p id="{escape.anchor(block.id)}" class="ls-clause">{number(block.id)}{text}</p>'

    def listing(block: ListBlock, own: bool = True) -> str:
        tag = "ol" if block.style == "ordered" else "ul"
        items = "\n".join(
            f'<li id="{escape.anchor(item.id)}">{number(item.id)}'
            + keep_together(escape.inline_html(item.text), mark(item.id) + links(item.id))
            + soon(item.id)
            + (f"\n{listing(item.sublist, own=False)}\n" if item.sublist else "")
            + "</li>"
            for item in block.items
        )
        marked = " ls-marked" if written is not None and block.style == "ordered" else ""
        # An item's list has no id of its own (its id is the item's).
        anchor = f' id="{escape.anchor(block.id)}"' if own else ""
        return f'<{tag}{anchor} class="ls-list{marked}">\n{items}\n</{tag}>'

    def verbatim(block: Verbatim) -> str:
        after = mark(block.id) + links(block.id) + soon(block.id)
        return verbatim_html(block, id_attr(block.id), after)

    return on_block(
        block,
        paragraph=paragraph,
        listing=listing,
        table=lambda b: _table_html(b, id_attr, soon),
        verbatim=verbatim,
    )


def _paragraphs_html(block: Paragraph, number: str, links: str, soon: str) -> str:
    """A clause of several paragraphs: one element with the clause's id (its number before the
    first paragraph, its links after the last one), a ``p`` per paragraph."""
    parts = [escape.inline_html(part) for part in block.parts]
    parts[0] = number + parts[0]
    parts[-1] = keep_together(parts[-1], links) + soon
    inner = "".join(f"<p>{part}</p>" for part in parts)
    return f'<div id="{escape.anchor(block.id)}" class="ls-clause ls-paragraphs">{inner}</div>'


def verbatim_html(block: Verbatim, id_attr: str, after: str = "") -> str:
    """A verbatim block: its text in a ``pre``, every character escaped and each line break
    written ``&#10;`` (the block stays one line of the page's Markdown, which nothing in it can
    then end or format). HTML drops a line break right after ``<pre>``: a text that starts
    with one gets one more."""
    first = "&#10;" if block.text.startswith("\n") else ""
    text = first + escape.html_text(block.text)
    return f'<div{id_attr} class="ls-verbatim"><pre>{text}</pre>{after}</div>'


def _table_html(
    block: Table, id_attr: Callable[[str], str], soon: Callable[[str], str] = lambda _: ""
) -> str:
    """A table: its header row, then each row with its first cell as the row's heading (and,
    in its last cell, what an upcoming version does to the row)."""
    head = "".join(f'<th scope="col">{escape.inline_html(h)}</th>' for h in block.header)
    last = len(block.header) - 1
    rows = "\n".join(
        f"<tr{id_attr(row.id)}>"
        + "".join(
            (
                f'<th scope="row">{escape.inline_html(c)}{soon(row.id) if i == last else ""}</th>'
                if i == 0
                else f"<td>{escape.inline_html(c)}{soon(row.id) if i == last else ''}</td>"
            )
            for i, c in enumerate(row.cells)
        )
        + "</tr>"
        for row in block.rows
    )
    return (
        f'<table{id_attr(block.id)} class="ls-table">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>"
    )


def text_body(
    text: Text,
    effective: date,
    markers: Mapping[str, str] | None = None,
    *,
    history: str | None = None,
    permanent: str | None = None,
    upcoming: Upcoming | None = None,
) -> str:
    """The agreement itself as Markdown: last-updated line, preamble, sections, closing line."""
    lang = text.lang
    updated = escape.html_text(t(lang, "last_updated", date=format_date(lang, effective)))
    parts = [f'<p class="ls-updated">{updated}</p>']
    labels = numbers(text)  # text on every page, in the default numbering too

    def html(block: Block) -> str:
        return block_html(
            block,
            lang,
            markers,
            history=history,
            permanent=permanent,
            upcoming=upcoming,
            written=labels,
        )

    def shown(block: Block, within: bool = False) -> str:
        if block.id in text.prominent:
            return prominent_block(lang, html(block))
        return prominent_part(html(block)) if within else html(block)

    if text.prominent:
        parts.append(prominent_list_html(text))
    inside = prominent_sections(text)
    for division in divisions(text):
        section = division.section
        if section is not None:
            title = escape.inline_plain(section.title)
            heading = escape.md_inline(joined(labels.get(section.id, ""), title))
            marks = "#" * (division.level + 1)  # a sub-section's h3, h4
            if section.id in text.prominent:
                parts.append(
                    f"{marks} {heading} {{#{escape.anchor(section.id)} .ls-prominent-heading}}"
                )
                parts.append(prominent_label_html(lang))
            else:
                parts.append(f"{marks} {heading} {{#{escape.anchor(section.id)}}}")
        within = section is not None and section.id in inside
        parts.extend(shown(b, within) for b in division.blocks)
    parts.append(f'<p class="ls-updated ls-updated-end">{updated}</p>')
    return "\n\n".join(parts) + "\n"


def prominent_label_html(lang: Lang) -> str:
    """The words that mark a prominent term (重要条款 / Important term): text a screen reader
    reads and a printout keeps, not a colour alone (:mod:`legalsite.model.prominent`)."""
    return f'<p class="ls-prominent-label">{escape.html_text(t(lang, "prominent_label"))}</p>'


def prominent_block(lang: Lang, html: str) -> str:
    """A block marked prominent: its label above it, both inside a bordered box."""
    return f'<div class="ls-prominent">\n{prominent_label_html(lang)}\n{html}\n</div>'


def prominent_part(html: str) -> str:
    """A block of a section marked prominent: bold, with the section's border (the label is
    under the section's heading)."""
    return f'<div class="ls-prominent-part">\n{html}\n</div>'


def prominent_list_html(text: Text, href: Callable[[str], str] | None = None) -> str:
    """The list at the top of a text of its prominent terms (本协议的重要条款 / Important terms in
    this agreement), each linked by its citation, the number as text, in reading order;
    ``href`` gives each link's target (the term's anchor on this page by default)."""
    lang = text.lang
    to = href or (lambda anchor: "#" + escape.anchor(anchor))
    items = "".join(
        f'<li><a href="{escape.html_attr(to(anchor))}">{escape.html_text(cited)}</a></li>'
        for anchor, cited in prominent.terms(text)
    )
    heading = escape.html_text(t(lang, "prominent_list"))
    return (
        f'<nav class="ls-prominent-terms" aria-label="{escape.html_attr(t(lang, "prominent_list"))}"'
        f' data-search-exclude><p class="ls-prominent-terms-title">{heading}</p><ul>{items}</ul></nav>'
    )


# -- Pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A generated Markdown page of one language."""

    lang: Lang
    path: str
    content: str


def _html_values(value: Any) -> Any:
    if isinstance(value, str):
        return escape.html_text(value)
    if isinstance(value, Mapping):
        return {key: _html_values(item) for key, item in value.items()}
    return value


def front_matter(data: Mapping[str, Any]) -> Markup:
    """A page's YAML front matter (between the ``---`` lines).

    MkDocs and Material print page meta unescaped (``title`` in ``<title>``, the header and
    the nav; ``description`` in ``<meta content="...">``), so every string value is HTML text,
    escaped once here; the YAML emitter then writes it whatever it holds.
    """
    return Markup(escape.yaml_front_matter(_html_values(data)))


def _release_meta(release: Release, document: Document, lang: Lang) -> dict[str, Any]:
    return {
        "document": document.id,
        "version": release.id,
        "status": release.status,
        "effective": release.effective.isoformat(),
        "published": release.published.isoformat(),
    }


def summary_box_html(version: Version, lang: Lang) -> str:
    """The editors' summary of ``version`` (what changed and why, and the kind of change), or
    an empty string when it has none (a first version)."""
    summary = version.summary
    if summary is None:
        return ""
    heading = t(lang, "summary_heading")
    kind = f" · {t(lang, keyed('kind', summary.kind))}" if summary.kind else ""
    return (
        f'<div class="ls-version-summary" data-kind="{escape.html_attr(summary.kind or "")}">'
        f"<p><strong>{escape.html_text(heading + kind)}</strong></p>"
        f"<p>{escape.html_text(summary.texts[lang])}</p></div>"
    )


def upcoming_notice_html(timeline: Timeline, lang: Lang, from_path: str) -> str:
    """The notice of each version of the document published but not yet in force (from its
    publication date until its effective date): the day it takes effect, the editors' summary
    and links to its text and its redline. Decided at build time, so it is in the HTML without
    JavaScript; an empty string when no version is upcoming. ``from_path`` is the page it
    goes on (the links are relative to it)."""
    document = timeline.document.id
    notices = []
    for release in timeline.releases:
        if release.status != "upcoming" or from_path in _own_pages(document, release.id):
            # The version's own pages say it in their banner (issue 25): a notice above it
            # would repeat it and link to the page itself.
            continue
        lead = escape.html_text(
            t(lang, "notice_upcoming", date=format_date(lang, release.effective))
        )
        summary = release.version.summary
        # Chinese sentences follow one another without a space.
        space = "" if lang == "zh" else " "
        text = (
            space + escape.html_text(t(lang, "summary_prefix", text=summary.texts[lang]))
            if summary
            else ""
        )
        new_text = relative_url(from_path, page_path(document, "version", release.id))
        label = escape.html_text(t(lang, "notice_new_text"))
        links = [f'<a href="{escape.html_attr(new_text)}">{label}</a>']
        if release.previous is not None:
            redline = relative_url(from_path, page_path(document, "changes", release.id))
            links.append(
                f'<a href="{escape.html_attr(redline)}">'
                f"{escape.html_text(t(lang, 'notice_redline'))}</a>"
            )
        # A revision of a prominent term (重大利害关系) is called out in the notice itself.
        callout = prominent_sentence(
            release.previous.texts[lang] if release.previous is not None else None,
            release.version.texts[lang],
        )
        called = (
            f'<p class="ls-notice-prominent"><strong>{escape.html_text(callout)}</strong></p>'
            if callout
            else ""
        )
        rule = t(
            lang,
            "notice_published",
            date=format_date(lang, release.published),
            rule=notice_rule(lang, timeline.notice),
        )
        # What the reader's clock puts in the lead once the day has come (legalsite.js).
        now = t(lang, "notice_now", date=format_date(lang, release.effective))
        notices.append(
            f'<div class="ls-notice" role="note" '
            f'data-effective="{escape.html_attr(release.effective.isoformat())}" '
            f'data-now="{escape.html_attr(now)}">'
            f"<p><strong>{lead}</strong>{text}</p>{called}"
            f'<p class="ls-notice-rule">{escape.html_text(rule)}</p>'
            f'<p class="ls-notice-links">{" · ".join(links)}</p></div>'
        )
    return "\n".join(notices)


def _own_pages(document: str, version: str) -> frozenset[str]:
    """The pages of one version (its text, its redline, its side-by-side text)."""
    kinds: tuple[PageKind, ...] = ("version", "changes", "bilingual")
    return frozenset(page_path(document, kind, version) for kind in kinds)


def with_notice(page: Page, notice: str) -> Page:
    """``page`` with ``notice`` (HTML) right under its ``# title`` line: one place for every
    page of a document, whatever made it."""
    return Page(page.lang, page.path, under_title(page.content, notice))


def under_title(markdown: str, html: str) -> str:
    """``markdown`` (a page, with or without its front matter) with the block ``html`` right
    under its ``# title`` line; unchanged when ``html`` is empty."""
    if not html:
        return markdown
    lines = markdown.split("\n")
    start = 0
    if lines and lines[0] == "---":
        start = lines.index("---", 1) + 1
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("# "))
    lines[at + 1 : at + 1] = ["", html]
    return "\n".join(lines)


def dates_html(release: Release, lang: Lang) -> str:
    """The box of a version's dates and status, on every page that shows one version
    (``legalsite.js`` corrects the status from the reader's clock, as it does the banner)."""
    rows: list[tuple[Key, str, str]] = [
        ("effective", format_date(lang, release.effective), ""),
        ("published", format_date(lang, release.published), ""),
        ("status", _status_label(lang, release.status), ' class="ls-status"'),
    ]
    if release.version.label:
        rows.insert(0, ("version_label", release.version.label, ""))
    if release.version.source_date:
        rows.insert(1, ("source_date", format_source_date(lang, release.version.source_date), ""))
    items = "\n".join(
        f"<div><dt>{escape.html_text(t(lang, key))}</dt>"
        f"<dd{css}>{escape.html_text(value)}</dd></div>"
        for key, value, css in rows
    )
    return f'<dl class="ls-dates">\n{items}\n</dl>'


def print_facts_html(lang: Lang, url: str) -> str:
    """What a printout of a version's page adds (hidden on screen, ``legalsite.css``): the
    page's permanent address, and the day it was printed (``legalsite.js`` writes it from the
    reader's clock: ``data-print-date`` holds the words, ``{date}`` the day)."""
    address = escape.html_text(t(lang, "print_permanent", url=url))
    label = escape.html_attr(t(lang, "print_date", date="{date}"))
    return (
        f'<p class="ls-print-facts">{address}'
        f'<span class="ls-print-date" data-print-date="{label}" hidden></span></p>'
    )


LEGAL_FORCE = {"current": "InForce", "upcoming": "NotInForce", "archived": "NotInForce"}
"""schema.org's LegalForceStatus of each status."""


def json_ld_html(release: Release, timeline: Timeline, lang: Lang, base_url: str) -> str:
    """The version as schema.org ``Legislation`` (JSON-LD, for search engines and archives):
    its title, version date, publication date, language, legal force on the build date, its
    permanent address and its canonical text with the text's SHA-256. ``base_url`` is the
    site's address (ends with /). Through :func:`escape.json_text`: nothing in it can end the
    ``<script>`` block."""
    document = timeline.document.id
    text = release.version.texts[lang]
    url = base_url + site_url(lang, page_path(document, "version", release.id))
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": text.title,
        "legislationIdentifier": f"{document}/{release.id}",
        "legislationDateVersion": release.effective.isoformat(),
        "datePublished": release.published.isoformat(),
        "inLanguage": "zh-CN" if lang == "zh" else "en",
        "legislationLegalForce": LEGAL_FORCE[release.status],
        "creativeWorkStatus": release.status,
        "encoding": {
            "@type": "MediaObject",
            "contentUrl": base_url
            + file_url(lang, canonical_text_path(document, release.id, lang)),
            "encodingFormat": "text/plain",
            "sha256": text_sha256(text, release.effective),
        },
    }
    return f'<script type="application/ld+json">{escape.json_text(data, sort_keys=True)}</script>'


def _status_label(lang: Lang, status: str) -> str:
    return t(lang, keyed("status", status))


def banner_html(release: Release, timeline: Timeline, lang: Lang, from_path: str) -> str:
    """The status banner as built; ``legalsite.js`` corrects it from the reader's clock.

    Its ``data-`` attributes carry every date the script needs, so the status a reader sees
    does not depend on the daily build having run.
    """
    current = timeline.current
    data = {
        "status": release.status,
        "effective": release.effective.isoformat(),
        "next-effective": "",
        "next-url": "",
    }
    later = [r for r in timeline.releases if r.effective > release.effective]
    if later:
        data["next-effective"] = later[0].effective.isoformat()
        data["next-url"] = relative_url(
            from_path, page_path(timeline.document.id, "version", later[0].id)
        )
    attrs = " ".join(f'data-{k}="{escape.html_attr(v)}"' for k, v in data.items())
    effective = format_date(lang, release.effective)
    if release.status == "archived" and current is not None:
        text = escape.html_text(
            t(
                lang,
                "banner_archived",
                effective=effective,
                current_effective=format_date(lang, current.effective),
            )
        )
        link = relative_url(from_path, page_path(timeline.document.id, "current"))
        body = f'{text} <a href="{link}">{escape.html_text(t(lang, "banner_archived_link"))}</a>'
        kind = "warning"
    elif release.status == "upcoming":
        body = escape.html_text(t(lang, "banner_upcoming", effective=effective))
        kind = "info"
    else:
        return f'<div class="ls-banner" role="status" hidden {attrs}></div>'
    return f'<div class="ls-banner ls-banner-{kind}" role="status" {attrs}><p>{body}</p></div>'


def version_page(
    timeline: Timeline,
    release: Release,
    lang: Lang,
    *,
    stable: bool,
    markers: Mapping[str, str] | None = None,
    changes_path: str | None = None,
    pdf_paths: tuple[str, str | None] | None = None,
    docx_paths: tuple[str, str | None] | None = None,
    base_url: str = "/",
    notice: str = "",
    upcoming: Upcoming | None = None,
) -> Page:
    """A version of a document; ``stable`` for the current version at the document's own URL.
    ``base_url``: the site's address, for the page's JSON-LD.

    ``pdf_paths``: its PDF and its redline PDF (None for a first version), per language folder;
    ``docx_paths`` the same of its Word documents.
    ``notice``: HTML at the top of the text (the removed-clause notice, :mod:`legalsite.site.removed_clauses`).
    """
    document = timeline.document
    text = release.version.texts[lang]
    path = page_path(document.id, "current" if stable else "version", release.id)
    meta = _release_meta(release, document, lang)
    effective = format_date(lang, release.effective)
    meta["page"] = "current" if stable else "version"
    data: dict[str, Any] = {
        "title": t(
            lang, "version_title", title=text.title, date=format_date(lang, release.effective)
        )
        if not stable
        else text.title,
        "description": f"{text.title} · {t(lang, 'effective')} {effective}",
        "legalsite": meta,
    }
    # Only the text in force at the document's stable address is searchable: archived and
    # upcoming versions, and the permanent copy of the current one, stay out of search.
    if not stable:
        data["search"] = {"exclude": True}
    template = _env.get_template("version.md.j2")
    changes_url = relative_url(path, changes_path) if changes_path else None
    content = template.render(
        front_matter=front_matter(data),
        title=Markup(escape.md_inline(text.title)),
        banner=Markup(banner_html(release, timeline, lang, path)),
        dates=Markup(dates_html(release, lang)),
        notice=Markup(notice),
        history_url=relative_url(path, page_path(document.id, "history")),
        permanent_url=relative_url(path, page_path(document.id, "version", release.id)),
        bilingual_url=relative_url(path, page_path(document.id, "bilingual", release.id)),
        changes_url=changes_url,
        pdf_url=relative_file(path, pdf_paths[0]) if pdf_paths else None,
        changes_pdf_url=relative_file(path, pdf_paths[1]) if pdf_paths and pdf_paths[1] else None,
        docx_url=relative_file(path, docx_paths[0]) if docx_paths else None,
        changes_docx_url=(
            relative_file(path, docx_paths[1]) if docx_paths and docx_paths[1] else None
        ),
        text_url=relative_file(path, canonical_text_path(document.id, release.id, lang)),
        json_ld=Markup(json_ld_html(release, timeline, lang, base_url)),
        stable=stable,
        body=Markup(
            text_body(
                text,
                release.effective,
                markers,
                history=relative_url(path, page_path(document.id, "clauses")),
                permanent=relative_url(path, page_path(document.id, "version", release.id))
                if stable
                else None,
                upcoming=upcoming,
            )
        ),
        s=lambda key, **kw: t(lang, key, **kw),
    )
    return Page(lang, path, content)


def history_page(
    timeline: Timeline,
    lang: Lang,
    changes: Mapping[str, str],
    counts: Mapping[str, str] | None = None,
) -> Page:
    """The versions of a document with their dates, statuses, summaries, change counts
    (``counts``: one line per version id) and links, newest first."""
    document = timeline.document
    path = page_path(document.id, "history")
    title = document.title(lang)
    rows = []
    releases = timeline.releases
    for index in reversed(range(len(releases))):
        release = releases[index]
        changes_path = changes.get(release.id)
        following = releases[index + 1] if index + 1 < len(releases) else None
        summary = release.version.summary
        rows.append(
            {
                "until": format_date(lang, following.effective - timedelta(days=1))
                if following
                else t(lang, "in_force_until_none"),
                "summary": summary.texts[lang] if summary else "",
                "kind": t(lang, keyed("kind", summary.kind)) if summary and summary.kind else "",
                "count": (counts or {}).get(release.id, ""),
                "version": format_date(lang, release.effective),
                "effective": format_date(lang, release.effective),
                "published": format_date(lang, release.published),
                "status": release.status,
                "status_label": _status_label(lang, release.status),
                "url": relative_url(path, page_path(document.id, "version", release.id)),
                "changes_url": relative_url(path, changes_path) if changes_path else None,
            }
        )
    data = {
        "title": t(lang, "history_title", title=title),
        "legalsite": {"document": document.id, "page": "history"},
        # Its headings are the table's year rows: without the empty table-of-contents column
        # the whole table fits beside the navigation at 1366 px (issue 25).
        "hide": ["toc"],
    }
    # Grouped by the year each version took effect, newest first (issue 23: still one table,
    # usable without a script at hundreds of versions), with a link to each year above.
    years: dict[int, list[dict[str, Any]]] = {}
    for index, row in zip(reversed(range(len(releases))), rows, strict=True):
        years.setdefault(releases[index].effective.year, []).append(row)
    content = _env.get_template("history.md.j2").render(
        front_matter=front_matter(data),
        title=Markup(escape.md_inline(t(lang, "history_title", title=title))),
        intro=t(lang, "history_intro", title=title, rule=notice_rule(lang, timeline.notice)),
        ledger_url=relative_url(path, page_path(document.id, "document-ledger")),
        years=years,
        s=lambda key, **kw: t(lang, key, **kw),
    )
    return Page(lang, path, content)


def _ledger_title(document_id: str, lang: Lang, timelines: Mapping[str, Timeline]) -> str:
    """A document's title; its id when the ledger lists a document the sources no longer have."""
    line = timelines.get(document_id)
    return line.document.title(lang) if line is not None else document_id


def _holds(lang: Lang, entries: Sequence[Entry]) -> str:
    """What kinds of file the ledger lists, in words ("each version's canonical text, … and
    its Word redline"): those its entries have, never a kind the site does not serve (a site
    built without PDFs names none)."""
    present = {entry.key.kind for entry in entries} or {"text"}
    words = [t(lang, keyed("ledger_holds", kind)) for kind in KINDS if kind in present]
    if len(words) < 2:
        return "".join(words)
    return t(lang, "list_joiner").join(words[:-1]) + t(lang, "list_last_joiner") + words[-1]


def _by_document(book: Ledger) -> dict[str, list[Entry]]:
    by_document: dict[str, list[Entry]] = {}
    for entry in book.entries:
        by_document.setdefault(entry.key.document, []).append(entry)
    return {document: by_document[document] for document in sorted(by_document)}


def ledger_page(book: Ledger, lang: Lang, timelines: Mapping[str, Timeline]) -> Page:
    """The publication ledger's index for people (``ledger.json`` for machines): one row per
    document, with how many files it lists, the first and the latest day one was first served,
    and a link to the document's own ledger page (:func:`document_ledger_page`). Its weight
    grows with the documents only (issue 23). It says plainly what is not recorded about
    versions published before the ledger began."""
    path = page_path("", "ledger")
    rows = []
    for document_id, entries in _by_document(book).items():
        days = [entry.first_served for entry in entries if entry.first_served]
        unrecorded = t(lang, "ledger_not_recorded")
        # A file served before the ledger began was first served on a day nobody recorded:
        # then the first day is unknown, not the first recorded one.
        first = (
            format_date(lang, min(days))
            if days and all(entry.first_served for entry in entries)
            else unrecorded
        )
        rows.append(
            {
                "title": _ledger_title(document_id, lang, timelines),
                "url": relative_url(path, page_path(document_id, "document-ledger")),
                "files": str(len(entries)),
                "first": first,
                "last": format_date(lang, max(days)) if days else unrecorded,
            }
        )
    title = t(lang, "ledger_title")
    data = {"title": title, "legalsite": {"page": "ledger"}}
    content = _env.get_template("ledger.md.j2").render(
        front_matter=front_matter(data),
        title=Markup(escape.md_inline(title)),
        intro=t(lang, "ledger_intro", files=_holds(lang, book.entries)),
        before=t(lang, "ledger_before", date=format_date(lang, book.began)),
        json_url=site_file_url(path, lang, SITE_FILES["ledger"]),
        json_name=SITE_FILES["ledger"],
        rows=rows,
        s=lambda key, **kw: t(lang, key, **kw),
    )
    return Page(lang, path, content)


def document_ledger_pages(
    book: Ledger, lang: Lang, timelines: Mapping[str, Timeline]
) -> dict[str, Page]:
    """Each document's ledger page (:func:`document_ledger_page`), for every document the
    ledger lists, by document id."""
    return {
        document_id: document_ledger_page(document_id, entries, book.began, lang, timelines)
        for document_id, entries in _by_document(book).items()
    }


def document_ledger_page(
    document_id: str,
    entries: Sequence[Entry],
    began: date,
    lang: Lang,
    timelines: Mapping[str, Timeline],
) -> Page:
    """A document's publication ledger for people: every file of the document listed with what
    it is, the day it was first served, its size and SHA-256; versions newest first, grouped by
    the year each took effect, as the history page is (issue 23: it grows with the document's
    versions only). It says plainly what is not recorded about versions published before the
    ledger began."""
    path = page_path(document_id, "document-ledger")
    ordered = sorted(entries, key=lambda e: (e.key.version, e.key.lang, e.key.kind, e.key.as_of))
    ordered.sort(key=lambda e: e.key.version, reverse=True)
    years: dict[str, list[dict[str, str]]] = {}
    for entry in ordered:
        key = entry.key
        parsed = parse_version_name(key.version)
        if key.kind == "pdf":
            kind = t(
                lang,
                "ledger_kind_pdf",
                status=t(lang, keyed("status", key.status)),
                date=format_date(lang, date.fromisoformat(key.as_of)),
            )
        else:
            kind = t(lang, keyed("ledger_kind", key.kind))
        years.setdefault(str(parsed.year) if parsed else key.version[:4], []).append(
            {
                "version": format_date(lang, parsed) if parsed else key.version,
                "language": LANG_NAMES[key.lang],
                "kind": kind,
                "path": key.path,
                "first_served": format_date(lang, entry.first_served)
                if entry.first_served
                else t(lang, "ledger_not_recorded"),
                "size": str(entry.size),
                "sha256": entry.sha256,
            }
        )
    name = _ledger_title(document_id, lang, timelines)
    title = t(lang, "ledger_document_title", title=name)
    data = {
        "title": title,
        "legalsite": {"document": document_id, "page": "document-ledger"},
        # As the history page: its headings are the table's year rows.
        "hide": ["toc"],
    }
    content = _env.get_template("document-ledger.md.j2").render(
        front_matter=front_matter(data),
        title=Markup(escape.md_inline(title)),
        intro=t(lang, "ledger_document_intro", title=name, files=_holds(lang, entries)),
        before=t(lang, "ledger_before", date=format_date(lang, began)),
        json_url=site_file_url(path, lang, SITE_FILES["ledger"]),
        json_name=SITE_FILES["ledger"],
        index_url=relative_url(path, page_path("", "ledger")),
        history_url=relative_url(path, page_path(document_id, "history"))
        if document_id in timelines
        else None,
        years=years,
        s=lambda key, **kw: t(lang, key, **kw),
    )
    return Page(lang, path, content)


def home_page(timelines: list[Timeline], lang: Lang, unpublished: Sequence[Timeline] = ()) -> Page:
    """The home page: each published document; while none is, when the first one will be
    published and take effect."""
    path = page_path("", "home")
    # Grouped by status (issue 23: a site of many documents): those in force, then those whose
    # first version is published but not yet in force; a heading each when there are both.
    groups: dict[str, list[dict[str, Any]]] = {"current": [], "upcoming": []}
    for timeline in timelines:
        current = timeline.current
        groups["current" if current else "upcoming"].append(
            {
                "title": timeline.document.title(lang),
                "url": relative_url(path, page_path(timeline.document.id, "current")),
                "history_url": relative_url(path, page_path(timeline.document.id, "history")),
                "since": format_date(lang, current.effective) if current else None,
                **_latest_change(timeline, lang, path),
                "notice": Markup(upcoming_notice_html(timeline, lang, path)),
            }
        )
    data = {"title": t(lang, "home_title"), "legalsite": {"page": "home"}}
    content = _env.get_template("home.md.j2").render(
        front_matter=front_matter(data),
        title=Markup(escape.md_inline(t(lang, "home_title"))),
        intro=t(lang, "home_intro"),
        groups=[(status, group) for status, group in groups.items() if group],
        coming=Markup(_coming(timelines, unpublished, lang)),
        s=lambda key, **kw: t(lang, key, **kw),
    )
    return Page(lang, path, content)


def _coming(timelines: Sequence[Timeline], unpublished: Sequence[Timeline], lang: Lang) -> str:
    """When nothing is published yet, the home page says so, and when the first document is
    published and takes effect (the dates only: an unpublished text, its title included, is
    nowhere on the site before its publication date; versions.json gives the same date as its
    next change)."""
    if timelines:
        return ""
    parts = [f"<p>{escape.html_text(t(lang, 'home_nothing_yet'))}</p>"]
    # Nothing of a document is published: its next change is its first publication date.
    dated = sorted(
        (line.next_change, line.document.versions[0].effective)
        for line in unpublished
        if line.next_change is not None
    )
    if dated:
        published, effective = dated[0]
        words = t(
            lang,
            "home_coming",
            published=format_date(lang, published),
            effective=format_date(lang, effective),
        )
        parts.append(f'<p class="ls-coming">{escape.html_text(words)}</p>')
    return "".join(f"\n{part}" for part in parts)


def _latest_change(timeline: Timeline, lang: Lang, path: str) -> dict[str, str]:
    """A document's newest published change, for the home page (issue 23: at many documents,
    each says what last changed): its date, a link to its changes, its editors' summary."""
    newest = timeline.releases[-1] if timeline.releases else None
    if newest is None or newest.previous is None:
        return {"latest": "", "latest_url": "", "latest_summary": ""}
    summary = newest.version.summary
    return {
        "latest": format_date(lang, newest.effective),
        "latest_url": relative_url(path, page_path(timeline.document.id, "changes", newest.id)),
        "latest_summary": summary.texts[lang] if summary else "",
    }


def no_current_page(timeline: Timeline, lang: Lang) -> Page:
    """The document's stable address before any version is in force."""
    document = timeline.document
    path = page_path(document.id, "current")
    title = document.title(lang)
    history = relative_url(path, page_path(document.id, "history"))
    data = {"title": title, "legalsite": {"document": document.id, "page": "current"}}
    content = (
        f"---\n{front_matter(data)}\n---\n\n# {escape.md_inline(title)}\n\n"
        f'<p class="ls-banner ls-banner-info" role="status">'
        f"{escape.html_text(t(lang, 'banner_none'))} "
        f'<a href="{history}">{escape.html_text(t(lang, "history"))}</a></p>\n'
    )
    return Page(lang, path, content)


def notice_rule(lang: Lang, rule: NoticeRule) -> str:
    """The sentence that states a notice rule: 新版本在生效日前一个工作日发布。 / A new version is
    published one working day before it takes effect. (``N days``: the period and how it is
    counted, 民法典 第二百零一条 and 第二百零三条.)"""
    n = chinese_numeral(rule.count) if lang == "zh" else str(rule.count)
    if rule.working_days:
        period = t(lang, "period_working_day" if rule.count == 1 else "period_working_days", n=n)
        return t(lang, "notice_rule_working_days", period=period)
    period = t(lang, "period_day" if rule.count == 1 else "period_days", n=n)
    return t(lang, "notice_rule_days", period=period)
