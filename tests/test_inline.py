"""The inline subset: what editors may write in clause text, and nothing becomes live markup."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalsite.model import escape, inline
from legalsite.model.document import Paragraph
from legalsite.model.inline import Emphasis, InlineError, Link, Text
from legalsite.site import render
from tests import hostile


def test_parse_subset() -> None:
    assert inline.parse("见*本条*与**第二条**及[官网](https://a.cn/x?y=1)。") == (
        Text("见"),
        Emphasis((Text("本条"),), strong=False),
        Text("与"),
        Emphasis((Text("第二条"),), strong=True),
        Text("及"),
        Link("https://a.cn/x?y=1", (Text("官网"),)),
        Text("。"),
    )


def test_escapes_give_literal_characters() -> None:
    assert inline.plain_of(r"5 \* 3 \[注\] a\\b") == r"5 * 3 [注] a\b"


def test_html_escapes_everything() -> None:
    assert escape.inline_html("1 < 2 & \"3\" > '4' &x;") == (
        "1 &lt; 2 &amp; &quot;3&quot; &gt; &#x27;4&#x27; &amp;x;"
    )
    # The escaping does not rely on validate: a reference that parse() refuses is escaped too.
    assert escape.inline_html("&amp; &#60;") == "&amp;amp; &amp;#60;"
    assert escape.inline_html("[a](mailto:x@y.cn)") == '<a href="mailto:x@y.cn">a</a>'


@pytest.mark.parametrize(
    ("source", "offset", "message"),
    [
        ("a <b>x</b>", 2, "raw HTML '<b>' is not allowed in clause text"),
        ("a <!-- x -->", 2, "raw HTML '<!--' is not allowed in clause text"),
        ("*open", 0, "'*' opens emphasis that is never closed"),
        ("x **open", 2, "'**' opens strong emphasis that is never closed"),
        ("[text", 0, "'[' opens a link that is never closed"),
        ("[text] more", 0, "'[...]' must be followed by '(address)' to make a link"),
        ("[a](javascript:alert(1))", 4, "link scheme 'javascript:' is not allowed"),
        ("[a](data:text/html,x)", 4, "link scheme 'data:' is not allowed"),
        ("[a](/relative)", 4, "link scheme '(none):' is not allowed"),
        ("[a](https://x y)", 4, "link address 'https://x y' is not a valid address"),
        ("[](https://x)", 0, "a link needs text between '[' and ']'"),
        ("a ] b", 2, "']' without a matching '['"),
    ],
)
def test_refused(source: str, offset: int, message: str) -> None:
    with pytest.raises(InlineError) as info:
        inline.parse(source)
    assert (info.value.offset, info.value.message) == (offset, message)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# Text with every character that means something to Markdown, HTML or MkDocs' extensions,
# but without the inline subset's own markers (those are covered above).
NASTY = (
    st.lists(
        st.sampled_from([*"<>&\"'`_#{}|~^=:!-+.()/;@%\n\t 协议aZ9", "&amp;", "&#60;", "1. "]),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda s: bool(s.strip()) and _accepted(s))
)


def _accepted(text: str) -> bool:
    try:
        inline.parse(text)
    except InlineError:
        return False
    return True


@given(NASTY)
def test_no_live_markup_from_clause_text(text: str) -> None:
    """Through the renderer and Python-Markdown, clause text is only ever text."""
    page = render.block_html(Paragraph("c", text), "zh")
    html = markdown.markdown(page, extensions=["attr_list", "toc", "tables"])
    parser = _Tags()
    parser.feed(html)
    # The clause, the span keeping its last word with its permalink, the permalink; nothing else.
    assert parser.tags == ["p", "span", "a"]
    assert "".join(parser.text).split() == (text + "¶").split()  # white space aside


@given(NASTY)
def test_headings_are_only_text(text: str) -> None:
    line = " ".join(text.split())
    extensions = ["attr_list", "toc"]
    html = markdown.markdown(f"## {render.md_escape(line)} {{#s}}", extensions=extensions)
    parser = _Tags()
    parser.feed(html)
    assert parser.tags == ["h2"]
    assert "".join(parser.text) == line


# -- The refusal layer: every member of each class, not one example --------------------------


@pytest.mark.parametrize(
    ("source", "offset", "message"),
    [
        ("a <svg/onload=alert(1)", 2, "raw HTML '<svg/onload=alert(1)' is not allowed in clause text"),
        ("<svg/onload=alert(1)>", 0, "raw HTML '<svg/onload=alert(1)>' is not allowed in clause text"),
        ("a </", 2, "raw HTML '</' is not allowed in clause text"),
        ("a <?php", 2, "raw HTML '<?' is not allowed in clause text"),
        ("[<b>x</b>](https://a.cn)", 1, "raw HTML '<b>' is not allowed in clause text"),
        ("&lt;script&gt;", 0, "character reference '&lt;' is not allowed in clause text"),
        ("a &#60;", 2, "character reference '&#60;' is not allowed in clause text"),
        ("a &#x3C;b", 2, "character reference '&#x3C;' is not allowed in clause text"),
        ("a &amp b", 2, "character reference '&amp' is not allowed in clause text"),
        ("[a](java&#115;cript:x)", 8, "character reference '&#115;' is not allowed in clause text"),
        ("[a](javascript&colon;x)", 14, "character reference '&colon;' is not allowed in clause text"),
        ("[a [b](https://b.cn)](https://a.cn)", 3, "a link's text cannot hold another link"),
        ("[" * 3000, 1, "a link's text cannot hold another link"),
        ("*a **b *c **d *e** d** c* b** a*", 14, "markup nested more than 4 levels deep"),
        ("[a](JaVaScRiPt:alert(1))", 4, "link scheme 'javascript:' is not allowed"),
        ("[a](DATA:text/html,x)", 4, "link scheme 'data:' is not allowed"),
        ("[a]( https://a.cn)", 4, "link address ' https://a.cn' is not a valid address"),
        ("[a](https:a.cn)", 4, "link address 'https:a.cn' is not a valid address"),
        ("[a](//a.cn/x)", 4, "link scheme '(none):' is not allowed"),
        ("[a](mailto:)", 4, "link address 'mailto:' is not a valid address"),
        ("[a](https://[)", 4, "link address 'https://[' is not a valid address"),
        ("[a](https://a.cn\\@b.cn)", 4, "link address 'https://a.cn\\@b.cn' is not a valid address"),
    ],
)  # fmt: skip
def test_refused_classes(source: str, offset: int, message: str) -> None:
    with pytest.raises(InlineError) as info:
        inline.parse(source)
    assert (info.value.offset, info.value.message) == (offset, message)
    assert info.value.hint


@pytest.mark.parametrize(
    "source",
    ["1 < 2 and 3 > 2", "a <= b, <3", "AT&T & R&D; &x; &#;", "**[*a*](https://a.cn/x?y=1&z=2)**"],
)
def test_what_only_looks_like_markup_is_text(source: str) -> None:
    assert inline.plain_of(source)


@given(st.integers(min_value=1, max_value=20000), st.sampled_from("[*]"))
def test_no_recursion_error_whatever_the_depth(count: int, char: str) -> None:
    try:
        inline.parse(char * count)
    except InlineError as exc:
        assert exc.message


@given(hostile.references())
def test_every_character_reference_is_refused(reference: str) -> None:
    for source in (f"见{reference}条", f"[见{reference}](https://a.cn)"):
        with pytest.raises(InlineError, match="character reference"):
            inline.parse(source)
    with pytest.raises(InlineError, match="character reference"):
        inline.check_plain(f"标题{reference}")


@given(hostile.bad_hrefs())
def test_every_bad_link_target_is_refused(href: str) -> None:
    with pytest.raises(InlineError):
        inline.parse(f"见[官网]({href})。")


@given(hostile.unreachable_hrefs())
def test_an_address_no_browser_opens_is_refused(href: str) -> None:
    with pytest.raises(InlineError) as info:
        inline.parse(f"见[官网]({href})。")
    assert (info.value.offset, info.value.message, info.value.hint) == (
        len("见[官网]("),
        f"link address '{href}' is not a valid address",
        "write a full address, e.g. https://example.com/page or mailto:name@example.com",
    )


@given(
    st.sampled_from(["http", "https"]),
    st.lists(
        st.text(st.characters(categories=["Ll", "Lo", "Nd"]), min_size=1, max_size=8),
        min_size=1,
        max_size=4,
    ),
    st.one_of(st.none(), st.integers(min_value=0, max_value=65535)),
)
def test_every_openable_address_is_kept(scheme: str, labels: list[str], port: int | None) -> None:
    host = ".".join(labels)
    href = f"{scheme}://{host}{'' if port is None else f':{port}'}/p?q=1#f"
    (link,) = inline.parse(f"[官网]({href})")
    assert isinstance(link, inline.Link) and link.href == href


@given(hostile.markup())
def test_markup_in_a_title_is_refused_or_harmless(piece: str) -> None:
    """A title is plain text: any payload with a tag, a reference or an inline marker is
    refused; what is left (quotes, braces, dashes...) is plain characters."""
    title = f"用户{piece}协议"
    try:
        inline.check_plain(title)
    except InlineError as exc:
        assert 0 <= exc.offset < len(title) and exc.message and exc.hint
    else:
        assert not set(title) & set("<>*[]\\")
        assert html.unescape(title) == title


@given(hostile.hostile_text(invisible_chars=False))
def test_accepted_text_gives_only_the_subset_tags(text: str) -> None:
    """Whatever the hostile text, what parse() accepts renders to em/strong/a tags only, with
    http(s)/mailto targets, and nothing else."""
    try:
        inline.parse(text)
    except InlineError:
        return
    parser = _Tags()
    parser.feed(escape.inline_html(text))
    assert set(parser.tags) <= {"em", "strong", "a"}
    for href in re.findall(r'href="([^"]*)"', escape.inline_html(text)):
        assert html.unescape(href).split(":", 1)[0].lower() in inline.ALLOWED_SCHEMES


@pytest.mark.parametrize(
    ("title", "offset", "message"),
    [
        ("<svg/onload=alert(1)>", 0, "raw HTML '<svg/onload=alert(1)>' is not allowed in a title"),
        ("a > b", 2, "'>' is not allowed in a title"),
        ("*定义*", 0, "'*' is not allowed in a title"),
        ("见[官网](https://a.cn)", 1, "'[' is not allowed in a title"),
        ("a\\b", 1, "'\\' is not allowed in a title"),
        ("&lt;定义&gt;", 0, "character reference '&lt;' is not allowed in a title"),
    ],
)  # fmt: skip
def test_titles_are_plain_text(title: str, offset: int, message: str) -> None:
    with pytest.raises(InlineError) as info:
        inline.check_plain(title)
    assert (info.value.offset, info.value.message) == (offset, message)
