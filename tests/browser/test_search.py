"""Material's search (lunr in a web worker over the jieba-segmented index), used as a reader
uses it: click the search box, type, read the results."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site, in_view, search

pytestmark = pytest.mark.browser

# Pages that must never be found: archived and permanent copies of versions, changes pages,
# side-by-side pages and the compare page.
NEVER_FOUND = ("/2024-01-01/", "/2025-03-03/", "/changes/", "/bilingual/", "/compare/")


def test_each_language_has_its_own_index_of_the_text_in_force(versions: Site) -> None:
    for prefix in ("", "en/"):
        index = json.loads((versions.root / prefix / "search/search_index.json").read_text("utf-8"))
        locations = [doc["location"] for doc in index["docs"]]
        # Relative to the language's own root: the English index lists no Chinese page.
        assert locations[0] == "user-service-agreement/", locations
        assert "user-service-agreement/#definitions-1-1" in locations
        # Then the other pages in search, by their titles: home, history, at-date, the
        # publication ledger's index and the document's own ledger.
        pages = {loc for loc in locations if not loc.startswith("user-service-agreement/#")}
        assert pages == {
            "",
            "user-service-agreement/",
            "user-service-agreement/history/",
            "user-service-agreement/at-date/",
            "user-service-agreement/ledger/",
            "ledger/",
        }, pages


@pytest.mark.parametrize(
    ("lang", "query", "clause"),
    [
        # Words from the middle of clauses of the version in force, each found at its clause.
        ("zh", "维护", "disclaimer-2-1"),
        ("zh", "故意", "disclaimer-2-2"),
        ("zh", "软件", "definitions-1-1"),  # only in the current version
        ("zh", "产品", "definitions-1-1"),  # inside jieba's word 软件产品
        ("en", "negligence", "disclaimer-2-2"),
        ("en", "technical", "definitions-1-1"),
    ],
)
def test_a_word_inside_a_clause_opens_at_the_clause(
    page: Page, versions: Site, lang: str, query: str, clause: str
) -> None:
    page.goto(versions.url("current", lang))
    text = page.locator(f"#{clause}").inner_text()
    assert query in text and not text.startswith(query), "the word must sit inside the clause"
    results = search(page, query)
    assert results, f"nothing found for {query}"
    current = versions.path(versions.url("current", lang))
    assert f"{current}#{clause}" in [path for path, _ in results], results
    assert not [path for path, _ in results if any(p in path for p in NEVER_FOUND)], results
    assert all(path.startswith("/en/") == (lang == "en") for path, _ in results), results
    # The result shows the clause's words, without the permalink or change-marker symbols.
    (found,) = [text for path, text in results if path == f"{current}#{clause}"]
    assert query in found
    assert "¶" not in found and "Δ" not in found, found
    # And opens there.
    page.click(f'.md-search-result__item a[href*="#{clause}"]')
    page.wait_for_url(f"**{current}*#{clause}")
    assert in_view(page, clause)


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("zh", "服务"),  # in every version, in the changes and the side-by-side pages
        ("zh", "协议"),
        ("zh", "用户"),
        ("zh", "责任"),
        ("en", "Services"),
        ("en", "products"),
        ("en", "Agreement"),
        ("en", "user"),
    ],
)
def test_archived_changes_bilingual_and_compare_pages_are_never_found(
    page: Page, versions: Site, lang: str, query: str
) -> None:
    page.goto(versions.url("current", lang))
    results = search(page, query)
    assert results
    assert not [path for path, _ in results if any(p in path for p in NEVER_FOUND)], results
