"""The search index: one per language, one entry per clause of the text in force.

Material's search (lunr in a web worker) matches each query term as a *prefix* of an indexed
token, and splits a Chinese query into pieces it finds among the index's tokens. So that every
Chinese word and every single Han character of the text is found, whatever jieba would make of
it, the index is built here from the model rather than from Material's page parse:

* every run of Han characters is indexed as its overlapping two-character pieces
  (用户服务 → 用户 户服 服务) plus its last character followed by :data:`FINAL` (务$): a one- or
  two-character query is then the prefix of a token wherever it occurs, and no token is a single
  Han character, so Material's query segmenter keeps a two-character query whole;
* variant characters the text itself mixes (帐/账 …, :data:`VARIANTS`) are indexed in both forms;
* everything else is cut by :data:`SEPARATOR` (also what the browser cuts queries with) and
  lower-cased, as Material does.

Each entry's tokens go to its own field (``words``), the only one indexed; ``title`` and
``text`` are what the result shows (HTML text). Entries: the document (its title), each section
heading, and each clause, list item, table and table row, located at its own anchor on the
document's page; each other page in search (home, history, at-date) by its title. Only the
version in force is indexed: archived and upcoming versions, changes,
side-by-side and compare pages never are, and the index does not grow with the number of
versions. The English pages read ``en/search/search_index.json`` (:func:`retarget_config`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from legalsite.model import escape, routes
from legalsite.model.document import (
    LANGS,
    Block,
    Lang,
    ListBlock,
    Text,
    declares_numbering,
    numbers,
    on_block,
)
from legalsite.model.numbering import joined
from legalsite.model.words import format_date, t
from legalsite.site import render
from legalsite.site.plan import SiteContent
from legalsite.sources.yamlfile import FAST_LOADER

INDEX_PATH = "search/search_index.json"
"""Where Material's front end loads the index from, below the page's ``base``."""

FIELD = "words"
"""The one indexed field of every entry."""

FINAL = "$"
"""Follows the last Han character of a run, so that its token is not a lone character."""

# The Han ideographs of the Basic Multilingual Plane (the browser's query separator is a
# regular expression without the `u` flag: no property classes, no astral ranges).
HAN = r"\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PUNCTUATION = (
    r"\u00a0\u00b7\u2010-\u2027\u2030-\u205e\u3000-\u3004\u3008-\u3020\u3030\u303d"
    r"\ufe10-\ufe19\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
_CAMEL = r"(?!\b)(?=[A-Z][a-z])"
_WORDS = (
    rf'[\s\u200b\-_,:;!?=<>&\[\]()"`/{_PUNCTUATION}]+'
    r"|\.(?!\d)"
    rf"|(?<=[{HAN}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{HAN}])"
)
SEPARATOR = f"{_WORDS}|{_CAMEL}"
"""Cuts both the index and the reader's query (the browser applies the same expression):
whitespace and punctuation (ASCII, CJK and full-width), a full stop not inside a number, a
camelCase boundary (Material's own rules), and the boundary between Han characters and Latin
letters or digits (SCRM系统 → SCRM 系统)."""

VARIANTS: tuple[tuple[str, ...], ...] = (
    ("帐", "账"),
    ("采", "採"),
    ("于", "於"),
    ("里", "裡", "裏"),
    ("线", "綫"),
    ("够", "夠"),
    ("群", "羣"),
    ("秘", "祕"),
    ("床", "牀"),
    ("峰", "峯"),
)
"""Characters written either way in the same sense. A set counts only where the indexed text
mixes its forms (an agreement that writes 账户 throughout is not searched as 帐户)."""

_SPLIT = re.compile(_WORDS)
_SPLIT_CAMEL = re.compile(_CAMEL)
_RUNS = re.compile(f"[{HAN}]+|[^{HAN}]+")
_HAN_CHAR = re.compile(f"[{HAN}]")

LANG_OPTIONS: Mapping[str, Any] = {
    # Every token comes from words(): no stemming, trimming or stop words in the browser
    # (lunr's trimmer would strip Han characters, its stop words would hide "the" or "or").
    "lang": ["en"],
    "pipeline": [],
    "fields": {FIELD: {"boost": 1.0}},
}

HEADING_BOOST = 2.0
"""A section heading or the document's title ranks above the clauses that share its words."""


@dataclass(frozen=True)
class Entry:
    """One search result: where it opens, what it shows, and the tokens it is found by."""

    location: str
    title: str
    text: str
    words: tuple[str, ...]
    boost: float = 1.0

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "location": self.location,
            "title": escape.html_text(self.title),
            "text": escape.html_text(self.text),
            FIELD: " ".join(self.words),
        }
        if self.boost != 1.0:
            data["boost"] = self.boost
        return data


# -- Tokens ----------------------------------------------------------------------------------


def variant_table(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each character of a :data:`VARIANTS` set the texts mix, mapped to all its forms."""
    seen = set(_HAN_CHAR.findall("".join(texts)))
    table: dict[str, tuple[str, ...]] = {}
    for forms in VARIANTS:
        if sum(form in seen for form in forms) >= 2:
            for form in forms:
                table[form] = forms
    return table


def _spellings(token: str, variants: Mapping[str, tuple[str, ...]]) -> list[str]:
    spellings = [""]
    for char in token:
        spellings = [s + form for s in spellings for form in variants.get(char, (char,))]
    return spellings


def han_tokens(run: str, variants: Mapping[str, tuple[str, ...]] | None = None) -> list[str]:
    """The tokens of a run of Han characters: each two-character piece, then the last character
    followed by :data:`FINAL`; with every spelling a variant set allows."""
    pieces = [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1] + FINAL]
    return [s for piece in pieces for s in _spellings(piece, variants or {})]


def words(text: str, variants: Mapping[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The tokens ``text`` is found by, each once, in order of first occurrence."""
    found: dict[str, None] = {}
    for piece in _SPLIT.split(text):
        for run in _RUNS.findall(piece or ""):
            if _HAN_CHAR.match(run):
                found.update(dict.fromkeys(han_tokens(run, variants)))
            else:
                # MaiBang is found as maibang, and as MaiBang (cut into mai and bang).
                found[run.lower()] = None
                found.update(dict.fromkeys(p.lower() for p in _SPLIT_CAMEL.split(run) if p))
    return tuple(found)


# -- Entries ---------------------------------------------------------------------------------


def _block_texts(block: Block, written: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(anchor, plain text) of each element of a block a reader can link to; ``written``: the
    numbers a text that states its numbering writes before its clauses and items."""

    def plain(anchor: str, *texts: str) -> tuple[str, str]:
        label = written.get(anchor)
        words = " ".join(escape.inline_plain(text) for text in texts)
        return anchor, (f"{label} " if label else "") + words

    def items(b: ListBlock) -> Iterator[tuple[str, str]]:
        for item in b.items:
            yield plain(item.id, item.text)
            if item.sublist is not None:
                yield from items(item.sublist)

    yield from on_block(
        block,
        paragraph=lambda p: [plain(p.id, *p.parts)],
        listing=items,
        table=lambda b: [(b.id, _cells(b.header)), *((r.id, _cells(r.cells)) for r in b.rows)],
        verbatim=lambda v: [(v.id, v.text)],
    )


def _cells(cells: tuple[str, ...]) -> str:
    return " · ".join(escape.inline_plain(cell) for cell in cells)


def text_elements(text: Text) -> Iterator[tuple[str | None, str, str, bool]]:
    """(anchor or None for the page itself, title shown, plain text, is a heading) of each
    entry of one text, in reading order."""
    yield None, text.title, "", True
    labels = numbers(text)
    written: Mapping[str, str] = labels if declares_numbering(text) else {}
    for block in text.preamble:
        for anchor, plain in _block_texts(block, written):
            yield anchor, text.title, _labelled(text, block.id in text.prominent, plain), False
    for section in text.sections:
        heading = joined(labels.get(section.id, ""), escape.inline_plain(section.title))
        yield section.id, heading, "", True
        for block in section.blocks:
            marked = block.id in text.prominent or section.id in text.prominent
            for anchor, plain in _block_texts(block, written):
                yield anchor, heading, _labelled(text, marked, plain), False


def _labelled(text: Text, marked: bool, plain: str) -> str:
    """A search entry's text, after the prominent term's label when it is part of one
    (重要条款：… / Important term: …): the result says so, and the label finds them all."""
    if not marked:
        return plain
    return t(text.lang, "prominent_label") + t(text.lang, "colon") + plain


def indexed_texts(content: SiteContent, lang: Lang) -> list[tuple[str, Text]]:
    """(page URL relative to the language's root, text) of each document's version in force."""
    return [
        (
            routes.page_url(routes.page_path(line.document.id, "current")),
            line.current.version.texts[lang],
        )
        for line in content.timelines
        if line.current is not None
    ]


def _front_matter(page: render.Page) -> dict[str, Any]:
    """A generated page's front matter (its string values are HTML text)."""
    head, sep, _ = page.content.removeprefix("---\n").partition("\n---\n")
    # libyaml's parser when there (FAST_LOADER): the pure-Python one was 3% of a build.
    data = yaml.load(head, FAST_LOADER) if sep and page.content.startswith("---\n") else None
    return data if isinstance(data, dict) else {}


def page_entries(content: SiteContent, lang: Lang, texts: set[str]) -> Iterator[Entry]:
    """A title entry for each other page of the language its front matter leaves in search
    (home, history, at-date …), found by its title; ``texts``: the pages indexed by clause."""
    for page in content.pages:
        url = routes.page_url(page.path)
        if page.lang != lang or url in texts:
            continue
        meta = _front_matter(page)
        search = meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            continue
        title = html.unescape(str(meta.get("title") or ""))
        if title:
            yield Entry(url, title, "", words(title))


def entries(content: SiteContent, lang: Lang) -> list[Entry]:
    """The entries of one language's index: the texts in force clause by clause, then the
    other pages in search by their titles."""
    texts = indexed_texts(content, lang)
    variants = variant_table(
        title + " " + plain
        for _, text in texts
        for _, title, plain, _heading in text_elements(text)
    )
    found: list[Entry] = []
    for url, text in texts:
        for anchor, title, plain, heading in text_elements(text):
            location = url + (f"#{escape.anchor(anchor)}" if anchor else "")
            if heading:
                found.append(Entry(location, title, "", words(title, variants), HEADING_BOOST))
            else:
                found.append(Entry(location, title, plain, words(plain, variants)))
    found.extend(upcoming_entries(content, lang, variants))
    found.extend(page_entries(content, lang, {url for url, _ in texts}))
    return found


def upcoming_entries(
    content: SiteContent, lang: Lang, variants: Mapping[str, tuple[str, ...]] | None = None
) -> Iterator[Entry]:
    """While a version is published but not yet in force (issue 25): each of its clauses whose
    words the text in force does not have (changed or new), found at the new version's page and
    labelled as upcoming with its effective date. Nothing of it is found once it is in force:
    then it is the text in force."""
    for line in content.timelines:
        for release in line.releases:
            if release.status != "upcoming":
                continue
            current = line.current.version.texts[lang] if line.current else None
            known = {(a, p) for a, _, p, _ in text_elements(current)} if current else set()
            url = routes.page_url(routes.page_path(line.document.id, "version", release.id))
            day = format_date(lang, release.effective)
            for anchor, title, plain, heading in text_elements(release.version.texts[lang]):
                if heading or not plain or (anchor, plain) in known:
                    continue
                label = render.t(lang, "search_upcoming", date=day, title=title)
                location = url + (f"#{escape.anchor(anchor)}" if anchor else "")
                yield Entry(location, label, plain, words(plain, variants))


def index_json(content: SiteContent, lang: Lang) -> str:
    """One language's ``search_index.json`` in the form Material's front end reads."""
    data = {
        "config": {"separator": SEPARATOR, **LANG_OPTIONS},
        "docs": [entry.as_json() for entry in entries(content, lang)],
    }
    return escape.json_text(data, compact=True)


def index_files(content: SiteContent) -> dict[str, str]:
    """Each language's index by its path below the site folder (the first language at the
    root, each further one under its own folder)."""
    return {
        (INDEX_PATH if lang == LANGS[0] else f"{lang}/{INDEX_PATH}"): index_json(content, lang)
        for lang in LANGS
    }


def write_indexes(content: SiteContent, site_dir: Path) -> list[Path]:
    """Write (or replace) every language's index in the built site; the paths written."""
    written = []
    for relative, data in index_files(content).items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")
        written.append(path)
    return written


def enabled(plugins: Mapping[str, Any]) -> bool:
    """Whether the site has Material's search (MkDocs names it ``material/search``)."""
    found = [plugins[name] for name in SEARCH_PLUGINS if name in plugins]
    return any(getattr(getattr(p, "config", None), "enabled", True) for p in found)


SEARCH_PLUGINS = ("material/search", "search")


# -- Pages -----------------------------------------------------------------------------------

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def retarget_config(html: str, lang: Lang) -> str:
    """A page of a further language with Material's ``base`` at its language's root, where its
    own index (and its result locations) are; the first language's pages are left alone."""
    if lang == LANGS[0]:
        return html

    def replace(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        base = str(data.get("base", "."))
        if not base.rstrip("/").endswith(f"/{lang}") and base.rstrip("/") != lang:
            data["base"] = f"{base.rstrip('/')}/{lang}/"
        return match.group(1) + escape.json_text(data) + match.group(3)

    return _CONFIG.sub(replace, html, count=1)
