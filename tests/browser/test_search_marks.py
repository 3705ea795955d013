"""The reader's words are marked in the search results (issue 25), in both languages: a word as
typed in any case, and the longest pieces of a Chinese query that a result has."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site, search

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "query", "marked"),
    [
        ("en", "DIGITAL services", {"Digital", "digital", "Services", "services"}),
        ("zh", "服务协议", {"服务", "服务协议"}),
        ("zh", "服务 数字", {"服务", "数字"}),
    ],
)
def test_the_matched_words_are_marked(
    page: Page, upcoming: Site, lang: str, query: str, marked: set[str]
) -> None:
    page.goto(upcoming.url("home", lang))
    assert search(page, query)
    shown = page.locator(".md-search-result__article mark").evaluate_all(
        "(marks) => marks.map((m) => m.textContent)"
    )
    assert set(shown) == marked
    # Marks only wrap words: the result's text reads as before.
    text = page.locator(".md-search-result__article").first.inner_text()
    assert "<mark" not in text
