"""Markup a keyboard or screen reader trips on (issue 16): every permalink out of the tab order
(the headings' ¶, which Python-Markdown's toc extension writes, as the clauses'), and the
navigation's link to the page marked as the current page."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model.document import Paragraph, Section, Text
from legalsite.plugin.access import mark_current_page, untab_heading_permalinks
from legalsite.site import render
from tests import hostile
from tests.conftest import examples


class _Links(HTMLParser):
    """Each ``a.headerlink``: its attributes, and whether it sits in a heading."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = 0
        self.links: list[tuple[bool, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading += 1
        if tag == "a" and ("class", "headerlink") in attrs:
            self.links.append((self.heading > 0, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading -= 1


def page_html(titles: list[str], clause: str) -> str:
    """A version's text as the site's Markdown makes it (toc permalinks on every heading)."""
    sections = tuple(
        Section(f"s{i}", title, (Paragraph(f"c{i}", clause),)) for i, title in enumerate(titles)
    )
    body = render.text_body(Text("en", "T", (), sections), date(2025, 1, 1))
    return markdown.markdown(
        f"# Title\n\n{body}",
        extensions=["attr_list", "toc"],
        extension_configs={"toc": {"permalink": True, "permalink_title": "Link"}},
    )


@settings(max_examples=examples(80), deadline=None)
@given(
    titles=st.lists(hostile.hostile_text().filter(str.strip), min_size=1, max_size=4),
    clause=hostile.hostile_text().filter(str.strip),
)
def test_every_permalink_is_out_of_the_tab_order(titles: list[str], clause: str) -> None:
    html = page_html(titles, clause)
    before = _Links()
    before.feed(html)
    assert sum(in_heading for in_heading, _ in before.links) == len(titles) + 1  # and the h1
    out = untab_heading_permalinks(html)
    after = _Links()
    after.feed(out)
    assert len(after.links) == len(before.links)
    for _, attrs in after.links:
        assert [value for name, value in attrs if name == "tabindex"] == ["-1"], attrs
    # Nothing else changes, and a second pass changes nothing.
    assert out.replace(' tabindex="-1"', "") == html.replace(' tabindex="-1"', "")
    assert untab_heading_permalinks(out) == out


def test_the_navigation_link_to_the_page_says_it_is_the_current_page() -> None:
    nav = (
        '<li class="md-nav__item md-nav__item--active">'
        '<a href="./" class="md-nav__link md-nav__link--active">Changes</a></li>'
        '<li class="md-nav__item"><a href="../bilingual/" class="md-nav__link">Side</a></li>'
        '<label class="md-nav__link md-nav__link--active" for="__toc">Contents</label>'
    )
    marked = mark_current_page(nav)
    assert marked == nav.replace(
        'md-nav__link--active">Changes', 'md-nav__link--active" aria-current="page">Changes'
    )
    assert mark_current_page(marked) == marked
