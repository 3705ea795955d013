"""A clause's links (Δ ¶ § ↺) never take a line of their own (issue 24, item 9): they stand in
one ``span.ls-keep`` (``white-space: nowrap``) with the last word of the clause (in Chinese,
its last character), so a clause that fills its last line carries that word over with them."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model import escape, inline
from legalsite.site.render import keep_together
from tests.conftest import ROOT, examples

LINKS = '<a class="headerlink" href="#x">¶</a><a class="headerlink" href="#y">↺</a>'


class _Tree(html.parser.HTMLParser):
    """The text of an HTML fragment, the text inside span.ls-keep before its first link, and
    whether every tag closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.kept: list[str] = []
        self.in_keep = False
        self.links_in_keep = 0
        self.links = 0
        self.well_formed = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "span" and "ls-keep" in classes:
            self.in_keep = True
        if tag == "a" and "headerlink" in classes:
            self.links += 1
            self.links_in_keep += self.in_keep
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.well_formed = False
        if tag == "span":
            self.in_keep = False

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "a" and data in "¶↺§":
            return
        self.text.append(data)
        if self.in_keep and not self.links_in_keep:
            self.kept.append(data)


def _tree(fragment: str) -> _Tree:
    tree = _Tree()
    tree.feed(fragment)
    tree.close()
    return tree


def _parses(source: str) -> bool:
    try:
        inline.parse(source)
    except inline.InlineError:
        return False
    return True


_SOURCES = (
    st.lists(
        st.one_of(
            st.sampled_from(["word", "两个字", "，", "。", " ", "a b", "x&y", "1 < 2"]),
            st.sampled_from(["*em*", "**strong words**", "[a link](https://example.com/x)"]),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda s: s.strip() == s and s.strip() and _parses(s))
)


@settings(max_examples=examples(300))
@given(_SOURCES)
def test_the_links_keep_to_the_last_word_of_any_clause(source: str) -> None:
    inner = escape.inline_html(source)
    tree = _tree(keep_together(inner, LINKS))
    assert tree.well_formed
    assert "".join(tree.text) == "".join(_tree(inner).text)  # not a character more or less
    assert tree.links == tree.links_in_keep == 2
    kept = "".join(tree.kept)
    assert kept, "the links keep at least the last character with them"
    if source.endswith(")"):  # a text ending in a link keeps that whole link with them
        assert kept == "a link"
    else:
        assert not re.search(r"\s", kept), "only the last word"
        # A line may break before any Chinese character: at most one is kept (a whole
        # Chinese sentence kept together made a page 2,000 px wide).
        assert sum(not c.isascii() for c in kept) <= 1, kept
    assert "".join(tree.text).endswith(kept)


def test_chinese_and_english_clauses() -> None:
    assert keep_together("你好世界。", "¶") == '你好世界<span class="ls-keep">。¶</span>'
    # ASCII punctuation after Chinese, and an earlier space, as the seed writes them.
    assert (
        keep_together("行为包括但不限于:", "¶") == '行为包括但不限<span class="ls-keep">于:¶</span>'
    )
    assert keep_together("反向工程(reverse engineer)、反编译软件。", "¶") == (
        '反向工程(reverse engineer)、反编译软件<span class="ls-keep">。¶</span>'
    )
    assert (
        keep_together("see Section 4(a).", "¶") == 'see Section <span class="ls-keep">4(a).¶</span>'
    )
    assert (
        keep_together("&quot;服务&quot;", "¶") == '&quot;服<span class="ls-keep">务&quot;¶</span>'
    )
    assert keep_together("Hello world.", "¶") == 'Hello <span class="ls-keep">world.¶</span>'
    assert keep_together("a <strong>b c</strong>", "¶") == (
        'a <strong>b <span class="ls-keep">c¶</span></strong>'
    )
    assert keep_together("x", "") == "x"


def test_every_clause_and_item_of_the_seed_page_keeps_its_links(real_site: Path) -> None:
    for page in ("user-service-agreement/index.html", "en/user-service-agreement/index.html"):
        text = (real_site / page).read_text(encoding="utf-8")
        rows = re.findall(r'<(p|li) id="[a-z0-9-]+"[^>]*>(.*?)</\1>', text, re.S)
        assert len(rows) > 60
        for _, inner in rows:
            tree = _tree(inner)
            assert tree.links >= 2 and tree.links == tree.links_in_keep, inner
            assert "".join(tree.kept).strip(), inner


def test_the_kept_span_does_not_wrap() -> None:
    css = (ROOT / "legalsite/theme/assets/legalsite.css").read_text(encoding="utf-8")
    assert ".md-typeset .ls-keep { white-space: nowrap; }" in css
