"""The output encoders (legalsite.escape): for any string, each output keeps it inert.

Every property is checked against an independent reader of the output: html.parser for HTML,
Python-Markdown for the pages' and the summary's Markdown, yaml and MkDocs' own front-matter
reader, json, xml.etree and feedparser, and Unicode categories for the terminal. The strings
come from tests/hostile.py (markup, invisible characters, output syntax, arbitrary Unicode).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from typing import Any

import feedparser
import markdown
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from legalsite import escape, feeds
from legalsite.model import (
    LANGS,
    Document,
    Lang,
    Paragraph,
    Section,
    Text,
    Version,
    format_date,
    timeline,
)
from legalsite.strings import t
from tests.hostile import INVISIBLE_CODE_POINTS, hostile_string, invisible, markup

ANY = hostile_string()
EXAMPLES = settings(max_examples=200, deadline=None)

# The categories no output may carry as themselves (the test's own oracle, not escape.is_hidden).
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


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
            or ord(c) in {0x115F, 0x1160, 0x3164, 0xFFA0}
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
    if not any(ord(c) in {0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0} for c in text):
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
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "/rel", "#x",
     "https://a b", "https://a\u202e", "https://a\"b", "", "java\nscript:x"],
)  # fmt: skip
def test_safe_href_refuses_every_other_address(href: str) -> None:
    assert escape.safe_href(href) is None


def test_safe_href_allows_the_subset() -> None:
    assert escape.safe_href("https://a.cn/?x=1&y=2") == "https://a.cn/?x=1&amp;y=2"
    assert escape.safe_href("mailto:a@b.cn") == "mailto:a@b.cn"


@EXAMPLES
@given(ANY)
def test_anchor_is_a_safe_fragment(text: str) -> None:
    assert re.fullmatch(r"[a-z0-9-]*", escape.anchor(text))


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
        dates = (
            f"{t(lang, 'effective')}: {format_date(lang, version.effective)}; "
            f"{t(lang, 'published')}: {format_date(lang, date(2024, 2, 29))}."
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
