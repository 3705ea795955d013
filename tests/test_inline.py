"""The inline subset: what editors may write in clause text, and nothing becomes live markup."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalsite import inline, render
from legalsite.inline import Emphasis, InlineError, Link, Text
from legalsite.model import Paragraph


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
    assert inline.html_of("1 < 2 & \"3\" > '4' &x;") == (
        "1 &lt; 2 &amp; &quot;3&quot; &gt; &#x27;4&#x27; &amp;x;"
    )
    # The escaping does not rely on validate: a reference that parse() refuses is escaped too.
    assert inline.to_html((Text("&amp; &#60;"),)) == "&amp;amp; &amp;#60;"
    assert inline.html_of("[a](mailto:x@y.cn)") == '<a href="mailto:x@y.cn">a</a>'


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
    assert parser.tags == ["p", "a"]  # the clause and its permalink, nothing else
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
