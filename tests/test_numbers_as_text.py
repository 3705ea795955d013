"""Numbers a lawyer cites are text on every HTML surface, in the document's own style.

The version page writes each ordered item's number (and a numbered clause's) as text, the
browser drawing none (:func:`legalsite.model.document.numbers`); the changes page and the compare
page write each item's number the same way, as a redline of it (:func:`legalsite.compare.
account.marker_segments`: a removed item's number struck, a renumbered one's old struck and new
inserted), nested items included; the search index has the numbers the page shows. Checked over
generated versions and revisions (tests/revisions.py) whose lists take any known style at each
depth, and hostile ones (markup-like characters around the counter).
"""

from __future__ import annotations

import dataclasses
import html.parser
from datetime import date
from typing import Literal

from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.account import account, markers
from legalsite.compare.diff import compare
from legalsite.model.document import (
    LANGS,
    Lang,
    ListBlock,
    ListItem,
    Section,
    Text,
    numbers,
    walk,
)
from legalsite.model.numbering import (
    KNOWN_STYLES,
    Numbering,
    Style,
    default_numbering,
    parse_style,
)
from legalsite.plugin.search import text_elements
from legalsite.site.changes import changes_body
from legalsite.site.reader_pages import elements_json
from legalsite.site.render import text_body
from tests.conftest import examples
from tests.revisions import documents, rich_revisions

DAY = date(2025, 7, 1)

HOSTILE_STYLES = ("<1>", "&1;", "1</li>", '"1"', "'a'", "[1]", "1 »", "§ 1", "{1}", "1\\", "*1*")
"""List styles whose text around the counter is markup in some context the number lands in."""

LIST_STYLES = st.sampled_from(
    [s for s in KNOWN_STYLES if "." not in s.rstrip(".")] + list(HOSTILE_STYLES) + ["none"]
)
STARTS = st.sampled_from([1, 1, 0, 4])
CLAUSE_STYLES = st.sampled_from(["none", "1.", "(1)", "1.1", "第1款", "<1>"])


def _style(source: str, start: int) -> Style:
    """``source`` from ``start`` (0 only where its counter writes a zero: 1 and 一)."""
    zero = any(c in source for c in "1一")
    return parse_style(source, start if start or zero else 1)


@st.composite
def styled(draw: st.DrawFn, text: Text) -> Text:
    """``text`` with numbering styles of its own: a list style per depth, a clause style."""
    numbering = Numbering(
        default_numbering(text.lang).sections,
        clauses=parse_style(draw(CLAUSE_STYLES)),
        lists=tuple(_style(draw(LIST_STYLES), draw(STARTS)) for _ in range(3)),
    )
    return dataclasses.replace(text, numbering=numbering)


DEFAULT_OR_STYLED = st.booleans()


@st.composite
def versions(draw: st.DrawFn) -> dict[Lang, Text]:
    texts = draw(documents(rich=True))
    return {
        lang: draw(styled(text)) if draw(DEFAULT_OR_STYLED) else text
        for lang, text in texts.items()
    }


@st.composite
def revisions(draw: st.DrawFn) -> tuple[Text, Text]:
    """One language of a revision (items removed at any depth), each version in its own
    numbering (the default, or styles of its own: a restyled list renumbers every item)."""
    old, new = draw(rich_revisions())
    lang: Lang = draw(st.sampled_from(LANGS))
    pair = []
    for text in (old[lang], new[lang]):
        pair.append(draw(styled(text)) if draw(DEFAULT_OR_STYLED) else text)
    return pair[0], pair[1]


class _Written(html.parser.HTMLParser):
    """What a page writes as each element's number: the text of its ``span.ls-number``, read
    with ``drop``'s elements left out (``del``: as the new version reads; ``ins``: as the
    old one), by the id of the element it stands in; and every list's class, and every
    ``value`` attribute (a number the browser would draw)."""

    def __init__(self, page: str, drop: Literal["del", "ins"]) -> None:
        super().__init__(convert_charrefs=True)
        self.drop = drop
        self.found: dict[str, str] = {}
        self.shown: list[str] = []
        self.lists: list[tuple[str, str]] = []
        self.values = 0
        self.owner = ""
        self.reading = False
        self.dropping = 0
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag in ("ol", "ul"):
            self.lists.append((tag, given.get("class") or ""))
        if "value" in given:
            self.values += 1
        if tag in ("li", "p", "div") and given.get("id"):
            self.owner = given["id"] or ""
            self.shown.append(self.owner)
        if tag == "span" and given.get("class") == "ls-number":
            assert not self.reading and self.owner not in self.found, self.owner
            self.reading = True
            self.found[self.owner] = ""
        if self.reading and tag == self.drop:
            self.dropping += 1

    def handle_endtag(self, tag: str) -> None:
        if self.reading and tag == self.drop:
            self.dropping -= 1
        elif self.reading and tag == "span":
            self.reading = False

    def handle_data(self, data: str) -> None:
        if self.reading and not self.dropping:
            self.found[self.owner] += data


def _bulleted(text: Text) -> set[str]:
    return {
        s.node.id
        for s in walk(text)
        if isinstance(s.node, ListItem) and isinstance(s.parent, ListBlock)
        if s.parent.style == "bulleted"
    }


@settings(max_examples=examples(60), deadline=None)
@given(texts=versions())
def test_the_version_page_writes_every_number_as_text_in_its_style(
    texts: dict[Lang, Text],
) -> None:
    for text in texts.values():
        page = _Written(text_body(text, DAY), "del")
        bullets = _bulleted(text)
        expected = {k: v for k, v in markers(text).items() if v and k not in bullets}
        assert page.found == expected
        assert page.values == 0
        assert all("ls-marked" in css for tag, css in page.lists if tag == "ol")


@settings(max_examples=examples(60), deadline=None)
@given(pair=revisions())
def test_the_redline_writes_each_number_as_text_old_struck_and_new_inserted(
    pair: tuple[Text, Text],
) -> None:
    """Read without its insertions, the changes page's number of each element is the old
    version's; without its deletions, the new one's (nothing where a version has none): nested
    items, removed and renumbered ones included. No list is numbered by the browser."""
    old, new = pair
    body = changes_body(account(compare(old, new)))
    before, after = _Written(body, "ins"), _Written(body, "del")
    old_marks, new_marks = markers(old), markers(new)
    for anchor in after.shown:
        assert after.found.get(anchor, "") == new_marks.get(anchor, ""), anchor
        assert before.found.get(anchor, "") == old_marks.get(anchor, ""), anchor
    assert after.values == 0
    assert all("ls-marked" in css for _, css in after.lists)


@settings(max_examples=examples(40), deadline=None)
@given(texts=versions())
def test_search_finds_each_item_with_the_number_its_page_shows(texts: dict[Lang, Text]) -> None:
    for text in texts.values():
        written = numbers(text)
        entries = {anchor: plain for anchor, _, plain, heading in text_elements(text) if anchor}
        for anchor, number in markers(text).items():
            if number and anchor in written:
                assert entries[anchor].startswith(number + " "), anchor


@settings(max_examples=examples(40), deadline=None)
@given(texts=versions())
def test_the_compare_pages_data_carries_each_number_as_the_page_writes_it(
    texts: dict[Lang, Text],
) -> None:
    """text.json: the compare page's engine writes what the build wrote, computing none."""
    for text in texts.values():
        data = {e["id"]: e.get("marker", "") for e in elements_json(text)}
        assert data == {e: markers(text).get(e, "") for e in data}


def _listed(lang: Lang, items: tuple[ListItem, ...], lists: tuple[str, ...]) -> Text:
    numbering = Numbering(
        default_numbering(lang).sections, lists=tuple(parse_style(s) for s in lists)
    )
    block = ListBlock("terms", "ordered", items)
    return Text(lang, "T", (), (Section("s", "S", (block,)),), numbering=numbering)


def test_a_removed_nested_item_and_the_one_after_it_in_hostile_styles() -> None:
    """Numbers whose style is markup-like land as text; the nested item after a removed one
    shows its old number struck and its new one inserted, and the note cites it at its depth."""
    inner = (ListItem("x1", "one"), ListItem("x2", "two"), ListItem("x3", "three"))
    old = _listed(
        "zh",
        (ListItem("a", "甲", ListBlock("a", "ordered", inner)), ListItem("b", "乙")),
        ("（一）", "<1>"),
    )
    new = dataclasses.replace(
        old,
        sections=(
            Section(
                "s",
                "S",
                (
                    ListBlock(
                        "terms",
                        "ordered",
                        (
                            ListItem("a", "甲", ListBlock("a", "ordered", (inner[0], inner[2]))),
                            ListItem("b", "乙"),
                        ),
                    ),
                ),
            ),
        ),
    )
    body = changes_body(account(compare(old, new)))
    assert body.split("\n\n")[-1] == (
        '<ol id="terms" class="ls-list ls-marked">\n'
        '<li id="a"><span class="ls-number">（一）</span> 甲</li>\n'
        '<li id="x1" class="ls-depth-2"><span class="ls-number">&lt;1&gt;</span> one</li>\n'
        '<li id="x2" class="ls-depth-2 ls-change ls-change-removed"><span class="ls-number">'
        '<del>&lt;2&gt;</del></span> <span class="ls-change-label ls-change-removed">删除</span> '
        '<span class="ls-change-cite">第一条第（一）项第&lt;2&gt;目</span> <del>two</del></li>\n'
        '<li id="x3" class="ls-depth-2 ls-change ls-change-renumbered"><span class="ls-number">'
        "<del>&lt;3&gt;</del><ins>&lt;2&gt;</ins></span> "
        '<span class="ls-change-label ls-change-renumbered">重新编号</span> '
        '<span class="ls-change-cite">第一条第（一）项第&lt;2&gt;目</span> '
        "（第一条第（一）项第&lt;3&gt;目 → 第一条第（一）项第&lt;2&gt;目） three</li>\n"
        '<li id="b"><span class="ls-number">（二）</span> 乙</li>\n'
        "</ol>\n"
    )
