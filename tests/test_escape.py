"""The output encoders (legalsite.model.escape): for any string, each output keeps it inert.

Every property is checked against an independent reader of the output: html.parser for HTML,
Python-Markdown for the pages' and the summary's Markdown, yaml and MkDocs' own front-matter
reader, json, xml.etree and feedparser, and Unicode categories for the terminal. The strings
come from tests/hostile.py (markup, invisible characters, output syntax, arbitrary Unicode).
"""

from __future__ import annotations

import html
import json
import re
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from unittest import mock

import feedparser
import markdown
import pytest
import yaml
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from legalsite.commands import actions as commands
from legalsite.model import escape
from legalsite.model.document import (
    ID_PATTERN,
    LANGS,
    Document,
    Lang,
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Table,
    TableRow,
    Text,
    Version,
    timeline,
)
from legalsite.model.words import format_date, t
from legalsite.plugin import plugin as plugin_module
from legalsite.site import feeds
from legalsite.sources.load import Project
from tests.conftest import SITES, assemble, examples
from tests.hostile import INVISIBLE_CODE_POINTS, hostile_string, invisible, markup

ANY = hostile_string()
EXAMPLES = settings(max_examples=examples(200), deadline=None)

# The categories no output may carry as themselves (the test's own oracle, not escape.is_hidden).
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
# Letters and marks that show as nothing (combining grapheme joiner, Hangul fillers, Khmer
# inherent vowels, Mongolian variation selectors).
FILLERS = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x3164, 0xFFA0}


def forbidden(text: str, allowed: str = "\t\n\r") -> list[str]:
    """The characters of ``text`` that must not reach an output."""
    return [
        c
        for c in text
        if c not in allowed
        and (
            unicodedata.category(c) in FORBIDDEN_CATEGORIES
            or 0xFDD0 <= ord(c) <= 0xFDEF
            or (ord(c) & 0xFFFE) == 0xFFFE
            or ord(c) in FILLERS
        )
    ]


def squeeze(text: str) -> str:
    """White space aside (HTML and Markdown collapse it; it is never structure here)."""
    return " ".join(text.split())


class Parsed(HTMLParser):
    """Everything html.parser sees: elements with their attributes, and the text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.other: list[str] = []
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"decl {decl}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"pi {data}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"unknown {data}")

    @property
    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]

    @property
    def data(self) -> str:
        return "".join(self.text)


# -- The character rule ------------------------------------------------------------------------


@EXAMPLES
@given(ANY)
def test_visible_leaves_no_hidden_character(text: str) -> None:
    shown = escape.visible(text)
    assert forbidden(shown) == []
    assert escape.terminal(text) == escape.terminal(shown)  # idempotent, one rule


@EXAMPLES
@given(st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Zl", "Zp", "Cn"))))
def test_visible_keeps_every_ordinary_string(text: str) -> None:
    if not any(ord(c) in FILLERS for c in text):
        assert escape.visible(text) == text


def test_every_invisible_class_member_is_shown_or_is_a_space() -> None:
    """The hostile invisible characters are shown as escapes; only spaces and line controls
    are left (they are white space in every output, and `validate` refuses the odd ones)."""
    for code in INVISIBLE_CODE_POINTS:
        char = chr(code)
        if unicodedata.category(char) == "Zs" or char in "\t\n\r":
            continue
        assert escape.visible(char) != char, hex(code)
        assert escape.visible(char).isascii(), hex(code)


@EXAMPLES
@given(invisible())
def test_each_invisible_character_is_named_by_its_code_point(char: str) -> None:
    if unicodedata.category(char) == "Zs" or char in "\t\n\r":
        return
    code = ord(char)
    assert escape.visible(char) == (
        f"\\x{code:02x}"
        if code <= 0xFF
        else f"\\u{code:04x}"
        if code <= 0xFFFF
        else f"\\U{code:08x}"
    )


def test_notation() -> None:
    assert escape.visible("a\u202eb\x1bc\U000e0041d\x85") == "a\\u202eb\\x1bc\\U000e0041d\\x85"
    assert escape.terminal("a\tb\nc\rd") == "a\\tb\\nc\\rd"
    assert escape.terminal("a\nb\x07", lines=True) == "a\nb\\x07"


# -- HTML ----------------------------------------------------------------------------------------


@EXAMPLES
@given(ANY)
@example("<svg/onload=alert(1)>")
@example("\"'><script>alert(1)</script>")
@example("&lt;b&gt; &#60; &#x3C; &amp;")
def test_html_text_parses_back_to_the_text_and_no_element(text: str) -> None:
    parsed = Parsed(f"<p>{escape.html_text(text)}</p>")
    assert parsed.elements == [("p", {})]
    assert parsed.other == []
    assert parsed.data == escape.visible(text)


@EXAMPLES
@given(ANY)
@example('" onmouseover="alert(1)')
@example("' autofocus onfocus='alert(1)")
def test_html_attr_stays_one_attribute_value(text: str) -> None:
    parsed = Parsed(f'<meta name="description" content="{escape.html_attr(text)}"><p>x</p>')
    assert parsed.elements == [
        ("meta", {"name": "description", "content": escape.visible(text)}),
        ("p", {}),
    ]
    assert parsed.other == []


@EXAMPLES
@given(ANY)
@example("x\n\n## y {: onclick=alert(1) }")
@example("a\n\n<script>alert(1)</script>")
def test_html_text_in_a_markdown_html_block_stays_text(text: str) -> None:
    """Inside the pages' HTML blocks Python-Markdown must not see a line break (a blank line
    would end the block and let the rest be read as Markdown with attribute lists)."""
    page = f'<p id="c" class="ls-clause">{escape.html_text(text)}</p>\n'
    out = markdown.markdown(page, extensions=["attr_list", "toc", "tables"])
    parsed = Parsed(out)
    assert parsed.elements == [("p", {"id": "c", "class": "ls-clause"})]
    assert parsed.data == escape.visible(text)


# -- Markdown of the site ------------------------------------------------------------------------


@EXAMPLES
@given(ANY)
@example("*x* _y_ `z` [a](https://b) ![i](https://c) # h {#id} {: onclick=x}")
@example("\x02wzxhzdk:0\x03")
def test_md_inline_heading_is_only_text(text: str) -> None:
    # As the pages write a section heading: its number, the title, the id.
    out = markdown.markdown(
        f"## I. {escape.md_inline(text)} {{#s}}", extensions=["attr_list", "toc"]
    )
    parsed = Parsed(out)
    assert parsed.elements == [("h2", {"id": "s"})]
    assert squeeze(parsed.data) == squeeze("I. " + escape.visible(text))


# -- Clause markup -------------------------------------------------------------------------------

SAFE_SCHEMES = ("http:", "https:", "mailto:")


@EXAMPLES
@given(
    st.one_of(
        ANY,
        st.lists(
            st.one_of(
                markup(),
                st.sampled_from(
                    ["*a*", "**b**", "[l](https://x.cn)", "[j](javascript:alert(1))", "x"]
                ),
            ),
            max_size=6,
        ).map("".join),
    )
)
@example("*ok* [site](https://example.com/a?b=1&c=2) **strong**")
@example("[x](javascript:alert(1))")
@example("[x](https://a\u202eb)")
def test_inline_html_only_makes_the_inline_subset(text: str) -> None:
    out = markdown.markdown(f"<p>{escape.inline_html(text)}</p>", extensions=["attr_list", "toc"])
    parsed = Parsed(out)
    for tag, attrs in parsed.elements:
        assert tag in {"p", "em", "strong", "a"}, tag
        if tag == "a":
            assert list(attrs) == ["href"]
            assert (attrs["href"] or "").lower().startswith(SAFE_SCHEMES)
            assert forbidden(attrs["href"] or "", allowed="") == []
        else:
            assert attrs == {}
    assert squeeze(parsed.data) == squeeze(escape.visible(escape.inline_plain(text)))


def test_inline_html_examples() -> None:
    assert escape.inline_html("见*本条*与[官网](https://a.cn/x?y=1&z=2)。") == (
        '见<em>本条</em>与<a href="https://a.cn/x?y=1&amp;z=2">官网</a>。'
    )
    # Refused by validate; if it gets through, shown literally instead of crashing the build.
    assert escape.inline_html("<svg/onload=alert(1)> *x") == "&lt;svg/onload=alert(1)&gt; *x"
    assert escape.inline_plain("<b>x</b> [a](https://b)") == "<b>x</b> [a](https://b)"
    assert escape.inline_plain("*a* [b](https://c)") == "a b"


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "/rel", "#X",
     "#", "#a b", "#a\"b", "#-a", "https://a b", "https://a\u202e", "https://a\"b", "", "java\nscript:x"],
)  # fmt: skip
def test_safe_href_refuses_every_other_address(href: str) -> None:
    assert escape.safe_href(href) is None


def test_safe_href_allows_the_subset() -> None:
    assert escape.safe_href("https://a.cn/?x=1&y=2") == "https://a.cn/?x=1&amp;y=2"
    assert escape.safe_href("mailto:a@b.cn") == "mailto:a@b.cn"
    # A cross-reference (``[](#id)``): a fragment naming an element id of the same page.
    assert escape.safe_href("#x") == "#x"
    assert escape.safe_href("#accounts-3") == "#accounts-3"


@EXAMPLES
@given(ANY)
def test_anchor_is_a_safe_fragment(text: str) -> None:
    assert re.fullmatch(r"[a-z0-9_-]*", escape.anchor(text))


@pytest.mark.parametrize("value", ["a", "user-information-5-3", "c1", "x9-y"])
def test_anchor_keeps_every_valid_id(value: str) -> None:
    assert escape.anchor(value) == value


# -- YAML front matter ---------------------------------------------------------------------------


@EXAMPLES
@given(ANY, ANY, ANY)
@example("a\x85b", "\u2028---\n...\n", "title: x\nsearch: {exclude: false}")
@example("'", '"', "\ud800")
def test_front_matter_round_trips_and_adds_no_key(
    title: str, description: str, document: str
) -> None:
    data: dict[str, Any] = {
        "title": title,
        "description": description,
        "legalsite": {"document": document, "page": "version", "version": "2024-01-01"},
        "search": {"exclude": True},
    }
    text = escape.yaml_front_matter(data)
    assert yaml.safe_load(text) == visible_values(data)
    assert forbidden(text, allowed="\n") == []
    text.encode("utf-8")  # writable: no lone surrogate
    # What MkDocs reads from the page: the same meta, and the body untouched.
    body, meta = get_data(f"---\n{text}\n---\n\n# Body\n")
    assert meta == visible_values(data)
    assert body == "# Body\n"


def test_front_matter_layout() -> None:
    assert escape.yaml_front_matter(
        {
            "title": "T\n",
            "legalsite": {"page": "home", "document": "d"},
            "search": {"exclude": True},
        }
    ) == ('title: "T\\n"\nlegalsite: {"document": "d", "page": "home"}\nsearch: {"exclude": true}')


# -- JSON ----------------------------------------------------------------------------------------


def visible_values(value: Any) -> Any:
    if isinstance(value, str):
        return escape.visible(value)
    if isinstance(value, dict):
        return {escape.visible(k): visible_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_values(v) for v in value]
    return value


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), ANY),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(ANY, inner, max_size=4)),
    max_leaves=12,
)


@EXAMPLES
@given(JSON_VALUES)
@example({"text": "</script><script>alert(1)</script>\u2028\u2029<!--"})
def test_json_round_trips_and_is_inert_in_script_and_attribute(value: Any) -> None:
    for options in ({}, {"indent": 2}, {"compact": True, "sort_keys": True}):
        text = escape.json_text(value, **options)
        assert json.loads(text) == visible_values(value)
        assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
        assert forbidden(text, allowed="\n") == []
        parsed = Parsed(f'<script type="application/json">{text}</script>')
        assert parsed.elements == [("script", {"type": "application/json"})]
        assert parsed.data == text


# -- XML (the Atom feeds) ------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def one_text(title: str, clause: str, lang: Lang) -> Text:
    section = Section("s", "section", (Paragraph("c", clause),))
    return Text(lang, title, (), (section,))


@EXAMPLES
@given(ANY, ANY)
@example("\x01\x0b\x0c\ufffe\ud800 & <b> ]]>", "\x1b[2J\x07")
def test_atom_feed_parses_and_carries_the_visible_text(title: str, summary: str) -> None:
    title = title if title.strip() else "t"
    version = Version(
        "doc",
        date(2024, 3, 1),
        {"zh": one_text(title, "c", "zh"), "en": one_text(title, "c", "en")},
    )
    line = timeline(Document("doc", (version,)), {version.id: date(2024, 2, 29)}, date(2024, 6, 1))
    for lang in LANGS:
        xml = feeds.atom_feed([line], lang, "https://legal.example.com/", lambda *_: summary)
        assert forbidden(xml) == []
        root = ET.fromstring(xml.encode("utf-8"))
        (entry,) = root.findall(f"{ATOM}entry")
        expected = t(lang, "version_title", title=title, date=format_date(lang, version.effective))
        assert entry.findtext(f"{ATOM}title") == escape.visible(expected)
        dates = t(
            lang,
            "feed_dates",
            effective=format_date(lang, version.effective),
            published=format_date(lang, date(2024, 2, 29)),
        )
        assert entry.findtext(f"{ATOM}summary") == escape.visible(f"{dates} {summary}".strip())
        assert not feedparser.parse(xml).bozo


# -- GitHub Markdown (the job summary) -----------------------------------------------------------

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def commonmark_text(encoded: str) -> str:
    """What CommonMark reads as the text of ``encoded`` when no structure forms in it: the
    backslash escapes and character references resolved, <br> a line break."""
    return html.unescape(_ESCAPED.sub(r"\1", encoded.replace("<br>", "\n")))


@EXAMPLES
@given(ANY)
@example("![x](https://evil.example/x.png) ~~struck~~ **b** _i_ `c` <ins>i</ins> </del>")
@example("www.evil.example https://evil.example a@b.cn $x$ [^1] | --- |")
@example("x\n# heading\n\n| a | b |\n| - | - |")
def test_gfm_text_never_becomes_structure(text: str) -> None:
    encoded = escape.gfm_text(text)
    assert "\n" not in encoded and "\r" not in encoded
    assert forbidden(encoded, allowed="") == []
    lines = escape.visible(text).replace("\t", "\\t").replace("\r\n", "\n").replace("\r", "\n")
    assert commonmark_text(encoded) == lines
    assert not re.search(r"(?i)www\.|(?<!\\)://|(?<!\\)@", encoded)
    line = f"- **x{encoded}x** · <ins>{encoded}</ins> <del>{encoded}</del>"
    out = markdown.markdown(line, extensions=["attr_list", "tables", "fenced_code"])
    parsed = Parsed(out)
    assert set(parsed.tags) <= {"ul", "li", "strong", "ins", "del", "br"}
    assert parsed.tags.count("strong") == 1
    assert all(attrs == {} for _, attrs in parsed.elements)


@EXAMPLES
@given(ANY)
@example("`` ` ```` x")
def test_gfm_code_is_one_code_span(text: str) -> None:
    out = markdown.markdown(f"a {escape.gfm_code(text)} b")
    parsed = Parsed(out)
    assert parsed.tags == ["p", "code"]
    code = re.search(r"<code>(.*)</code>", out, re.S)
    assert code is not None
    assert html.unescape(code.group(1)).strip() == escape.terminal(text).strip()


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines()]


@EXAMPLES
@given(ANY)
@example("x\n````\n![i](https://evil.example)\n````")
def test_gfm_fence_holds_any_output(text: str) -> None:
    out = markdown.markdown(escape.gfm_fence(text), extensions=["fenced_code"])
    parsed = Parsed(out)
    assert parsed.tags == ["pre", "code"]
    # Python-Markdown blanks lines of only spaces: trailing spaces aside, line by line.
    assert lines_of(parsed.data) == lines_of(escape.terminal(text, lines=True))


# -- Terminal ------------------------------------------------------------------------------------


@EXAMPLES
@given(ANY)
@example("\x1b]0;owned\x07\x1b[2J\r\x9b31m\u202e")
def test_terminal_sends_no_control_character(text: str) -> None:
    assert forbidden(escape.terminal(text), allowed="") == []
    assert forbidden(escape.terminal(text, lines=True), allowed="\n") == []


# -- End to end: a real site built from hostile strings in every editor field -------------------
#
# `validate` refuses these strings; the loader is bypassed (the project is built from model
# objects made here), so the outputs alone must keep them inert. Each built page is compared
# with the same page of a site built from the same structure with plain words: the elements
# and attribute names must be the same (inline emphasis, links and redline marks aside, which
# are checked on their own), the scripts identical, and the text the reader sees must be the
# editor's text, escaped once.

TODAY = date(2024, 6, 1)
SITE_NAME: dict[Lang, str] = {"zh": "法律文件", "en": "Legal documents"}
INLINE_TAGS = {"em", "strong", "a", "del", "ins"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
SKIPPED_CLASSES = {"headerlink", "ls-changed", "ls-change-label"}


class Words:
    """The editor strings of one project, handed out field by field and remembered."""

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        self.used: list[str] = []

    def __call__(self) -> str:
        text = self.strings[len(self.used) % len(self.strings)]
        text = text if text.strip() else text + "·"  # the model refuses blank text
        if text in self.used:  # every field differs, as in the plain site: the same changes
            text += str(len(self.used))
        self.used.append(text)
        return text


@dataclass
class Fields:
    """Where some of the strings went, for the checks of what readers see."""

    title: dict[Lang, str]
    clause: dict[Lang, str]
    section: dict[Lang, str]
    cell: dict[Lang, str]


def hostile_text_of(lang: Lang, word: Words, fields: Fields, version: int) -> Text:
    title, clause, section, cell = word(), word(), word(), word()
    if version == 2:
        fields.title[lang], fields.clause[lang] = title, clause
        fields.section[lang], fields.cell[lang] = section, cell
    link = f"[{word()}](https://example.com/{lang}/{version})"
    one = Section(
        "s-one",
        section,
        (
            Paragraph("c-1", clause),
            ListBlock("l-1", "ordered", (ListItem("l-1-1", word()), ListItem("l-1-2", word()))),
            Table(
                "t-1",
                (word(), word()),
                (TableRow("r-1", (cell, link)), TableRow("r-2", (word(), word()))),
            ),
        ),
    )
    two = Section(
        "s-two",
        word(),
        (Paragraph("c-2", word()), ListBlock("l-2", "bulleted", (ListItem("l-2-1", word()),))),
    )
    added = (Paragraph("c-3", word()),) if version == 2 else ()
    return Text(lang, title, (Paragraph("pre-1", word()), *added), (one, two))


def hostile_document(strings: list[str]) -> tuple[Document, Fields]:
    word = Words(strings)
    fields = Fields({}, {}, {}, {})
    versions = tuple(
        Version(
            "doc",
            effective,
            {lang: hostile_text_of(lang, word, fields, number) for lang in LANGS},
        )
        for number, effective in ((1, date(2024, 1, 1)), (2, date(2024, 3, 1)))
    )
    return Document("doc", versions), fields


def build_project(folder: Path, document: Document) -> Path:
    """A real build (commands.build: validate, hooks, MkDocs strict) of ``document``."""
    root = assemble(folder / "project", SITES / "basic" / "agreements")
    project = Project(root, (document,))
    with (
        mock.patch.object(plugin_module, "load_project", lambda _root, **_options: project),
        mock.patch.object(commands, "load_project", lambda _root, **_options: project),
        mock.patch.object(commands, "validate", lambda **_options: None),
    ):
        return commands.build(root=root, today=TODAY, site_dir=root / "site", quiet=True).site


class Built(HTMLParser):
    """A built page: its elements (inline ones apart), scripts, and every element's text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.structure: list[tuple[str, tuple[str, ...]]] = []
        self.inline: list[tuple[str, dict[str, str | None]]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.by_id: dict[str, list[str]] = {}
        self.title = ""
        self.h1: list[str] = []
        self.cells: list[str] = []
        self.ellipses: list[str] = []
        self._open: list[tuple[str, str | None, bool, list[str]]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
        if tag in INLINE_TAGS:
            self.inline.append((tag, values))
        else:
            self.structure.append((tag, tuple(sorted(values))))
        if tag in {"meta", "link", "input", "br", "img", "hr"}:
            return
        classes = set((values.get("class") or "").split())
        skip = bool(classes & SKIPPED_CLASSES)
        key = values.get("id") or ("ellipsis" if "md-ellipsis" in classes else None)
        self._open.append((tag, key, skip, []))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            return
        name, key, skip, text = self._open.pop()
        joined = "".join(text)
        if name == "script":
            self.scripts.append(joined)
        if name == "title" and not self.title:
            self.title = joined
        if name == "h1":
            self.h1.append(squeeze(joined))
        if name in {"th", "td"}:
            self.cells.append(squeeze(joined))
        if key == "ellipsis":
            self.ellipses.append(squeeze(joined))
        elif key:
            self.by_id.setdefault(key, []).append(joined)
        if self._open and not skip:
            self._open[-1][3].append(joined)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][3].append(data)


def read_built(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.suffix in {".html", ".xml", ".json"}
    }


def safe_url(value: str) -> bool:
    compact = "".join(c for c in html.unescape(value) if not c.isspace() and c.isprintable())
    return not compact.lower().startswith(("javascript:", "data:", "vbscript:"))


class PlainSite(dict[str, str]):
    """The same structure built from plain words: what every page must look like."""

    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return f"<plain site of {len(self)} files>"


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> PlainSite:
    document, _ = hostile_document([f"word{n}" for n in range(200)])
    return PlainSite(read_built(build_project(tmp_path_factory.mktemp("plain"), document)))


def no_surrogates(strings: list[str]) -> list[str]:
    """A lone surrogate cannot even be hashed for versions.json (model.text_sha256 encodes the
    text as UTF-8): the model and validate refuse it; the encoders' own tests cover it."""
    return ["".join(c for c in s if not 0xD800 <= ord(c) <= 0xDFFF) for s in strings]


FIXED_HOSTILE = [
    "<svg/onload=alert(1)>",
    '" onmouseover="alert(1)',
    "</title><script>alert(1)</script>",
    "\u202eevil\u202c \u200b \x00 \x85 \x01 \ufffe",
    "x\n\n## y {: onclick=alert(1) }",
    "a\n---\nlegalsite: {}\nsearch: {exclude: false}\n---\n",
    "![x](https://evil.example/x.png) ~~s~~ <ins>i</ins>",
    "[l](javascript:alert(1))",
    "&lt;script&gt; &#x3C;img src=x onerror=alert(1)&#x3E;",
    "{{ 7*7 }} {% raw %} \x02wzxhzdk:0\x03",
    "\u2028</script>\u2029 ]]> <![CDATA[",
    "\x1b[2J\x07 \U000e0041 \ufeff \u3164",
]


@pytest.mark.build
@settings(max_examples=examples(4), deadline=None, phases=[Phase.explicit, Phase.generate])
@given(st.lists(hostile_string(), min_size=40, max_size=40).map(no_surrogates))
@example(FIXED_HOSTILE)
def test_a_site_built_from_hostile_strings_is_inert(
    plain_site: PlainSite, strings: list[str]
) -> None:
    document, fields = hostile_document(strings)
    with tempfile.TemporaryDirectory() as folder:
        built = read_built(build_project(Path(folder), document))
    assert set(built) == set(plain_site)
    for name, text in built.items():
        assert forbidden(text) == [], name
        if name.endswith(".json"):
            json.loads(text)
        elif name.endswith(".xml"):
            ET.fromstring(text.encode("utf-8"))
        else:
            page, plain = Built(text), Built(plain_site[name])
            assert page.structure == plain.structure, name
            # The JSON-LD carries the editor's title as JSON data (tests/test_machine.py);
            # every other script is the same as the plain site's.
            ld = [script for script in page.scripts if script.startswith('{"@context"')]
            assert [script for script in page.scripts if script not in ld] == [
                script for script in plain.scripts if not script.startswith('{"@context"')
            ], name
            for block in ld:
                assert json.loads(block)["@type"] == "Legislation", name
            for tag, attr, value in page.attrs:
                assert not attr.startswith("on"), (name, tag, attr)
                if attr in URL_ATTRS:
                    assert safe_url(value), (name, tag, attr, value)
            for tag, attrs in page.inline:
                if tag == "a":
                    assert set(attrs) <= {
                        "href",
                        "class",
                        "title",
                        "aria-label",
                        "aria-current",  # the navigation's link to the page itself
                        "hreflang",
                        "rel",
                        "data-search-exclude",
                        "tabindex",
                        "lang",
                        "data-md-component",
                        "id",
                        "target",
                        "type",  # the PDF links: type="application/pdf" download
                        "download",
                    }, (name, attrs)
                else:
                    assert attrs == {}, (name, tag, attrs)

    # What readers see is the editors' text, escaped once: the page title, the header, the nav,
    # the h1, the description, a section heading, a clause, a cell, the search index, the feed,
    # versions.json and text.json.
    versions = json.loads(built["versions.json"])
    for lang in LANGS:
        prefix = "" if lang == "zh" else "en/"
        title = escape.visible(fields.title[lang])
        source = built[f"{prefix}doc/index.html"]
        page = Built(source)
        assert page.title == f"{title} - {SITE_NAME[lang]}"
        assert page.h1 == [squeeze(title)]
        assert squeeze(title) in page.ellipses  # the header and the nav
        effective = format_date(lang, date(2024, 3, 1))
        description = re.search(r'<meta name="description" content="([^"]*)"', source)
        assert description is not None
        assert html.unescape(description.group(1)) == escape.visible(
            f"{fields.title[lang]} · {t(lang, 'effective')} {effective}"
        )

        def seen(field: str) -> str:
            return squeeze(escape.visible(escape.inline_plain(field)))

        number = "一、" if lang == "zh" else "I. "
        # White space at the title's edges goes (the heading strips it): compare without it.
        assert ["".join(h.split()) for h in page.by_id["s-one"]] == [
            "".join((number + seen(fields.section[lang])).split())
        ]
        assert [squeeze(c) for c in page.by_id["c-1"]] == [seen(fields.clause[lang])]
        assert seen(fields.cell[lang]) in page.cells
        # Each language's own index (legalsite.plugin.search), its locations below its root.
        index = json.loads(built[f"{prefix}search/search_index.json"])["docs"]
        (entry,) = [e for e in index if e["location"] == "doc/"]
        assert html.unescape(entry["title"]) == title
        assert versions["documents"][0]["title"][lang] == title
        elements = json.loads(built[f"{prefix}doc/2024-03-01/text.json"])["elements"]
        assert elements[0]["text"] == title
        feed = ET.fromstring(built[f"{prefix}feed.xml"].encode("utf-8"))
        newest = feed.find(f"{ATOM}entry")
        assert newest is not None
        assert newest.findtext(f"{ATOM}title") == escape.visible(
            t(lang, "version_title", title=fields.title[lang], date=effective)
        )
        assert not feedparser.parse(built[f"{prefix}feed.xml"]).bozo
    # Archived and permanent pages stay out of search: only the text in force is indexed.
    for prefix in ("", "en/"):
        path = f"{prefix}search/search_index.json"
        assert {e["location"].split("#")[0] for e in json.loads(built[path])["docs"]} == {
            e["location"].split("#")[0] for e in json.loads(plain_site[path])["docs"]
        }


# -- Ids legalsite makes: never an editor's id ---------------------------------------------------


@EXAMPLES
@given(st.one_of(ANY, st.from_regex(ID_PATTERN, fullmatch=True).map(lambda i: i.replace("-", " "))))
@example("Collection 1")
@example("Definitions 1 1")
def test_a_heading_id_is_never_an_id_an_editor_can_write(title: str) -> None:
    made = escape.heading_id(title, "-")
    assert made.startswith(escape.OWN_ID_PREFIX)
    assert ID_PATTERN.fullmatch(made) is None


FRONT_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), ANY),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(ANY, st.from_regex(r"[a-z_-]{1,70}", fullmatch=True)), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


@EXAMPLES
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_]{0,140}", fullmatch=True), FRONT_VALUES, max_size=5
    )
)
@example({"yes": "a", "on": {"true": 1}})
@example(
    {
        "t": "\ud83d\ude00\U0001f600\ufeff\x85\u2028\xa0\x00\x7f\ufffe",
        "x": {"a": [1, True, None, {}]},
    }
)
@example({"title": "\ud83d\ude00\U0001f600\ufeff\x85\u2028\xa0\x00\x7f\ufffe", "x": {"": None}})
def test_front_matter_is_what_pyyamls_emitter_writes(data: dict[str, Any]) -> None:
    # The written-out emitter gives PyYAML's bytes, or hands the value to PyYAML.
    body = {escape._Key(k): escape._sorted(escape._visible_values(v)) for k, v in data.items()}
    assert escape.yaml_front_matter(data) == escape._dumped(body)
    assert yaml.safe_load(escape.yaml_front_matter(data) or "{}") == visible_values(data)


@pytest.mark.parametrize("length", [64, 65, 100, 125, 130, 200])
def test_the_written_out_front_matter_is_pyyamls_for_a_long_top_level_key(length: int) -> None:
    # PyYAML writes a plain key of about 125 characters or more as a complex key ("? key").
    key = "k" * length
    body = {escape._Key(key): escape._sorted(escape._visible_values("x"))}
    assert escape.yaml_front_matter({key: "x"}) == escape._dumped(body)
