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
        # No lower-case "digital": the only one was Material's "Missing: digital" of a result
        # without the word, which was marked as if the result had it.
        ("en", "DIGITAL services", {"Digital", "Services", "services"}),
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


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        # Regular-expression characters are the reader's text, not a pattern; a term with no
        # letter or digit ("(", "$&") is no word to mark; words the result lacks, which Material
        # lists under "Missing", are not marked as found.
        ("digital ( [ \\ .* $& $1 xyzzy", {"Digital"}),
        ("(digital) services|.", set()),
    ],
)
def test_a_query_is_marked_as_text_and_only_the_words_a_result_has(
    page: Page, upcoming: Site, query: str, marked: set[str]
) -> None:
    page.goto(upcoming.url("home", "en"))
    assert search(page, query)
    shown = page.locator(".md-search-result__article mark").evaluate_all(
        "(marks) => marks.map((m) => m.textContent)"
    )
    assert set(shown) == marked
    assert page.locator(".md-search-result__terms mark").count() == 0
