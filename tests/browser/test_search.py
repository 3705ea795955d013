"""Material's search (lunr in a web worker over the jieba-segmented index), used as a reader
uses it: click the search box, type, read the results."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site, search

pytestmark = pytest.mark.browser

# Pages that must never be found: archived and permanent copies of versions, changes pages,
# side-by-side pages and the compare page.
NEVER_FOUND = ("/2024-01-01/", "/2025-03-03/", "/changes/", "/bilingual/", "/compare/")


def test_index_segments_chinese_words_with_jieba(versions: Site) -> None:
    index = json.loads((versions.root / "search/search_index.json").read_text(encoding="utf-8"))
    (current,) = [d for d in index["docs"] if d["location"] == "user-service-agreement/#disclaimer"]
    # "服务配置、维护、升级" split into words, so a word inside a clause is a search term.
    assert "\u200b维护\u200b" in current["text"]


@pytest.mark.parametrize(
    ("lang", "query", "clause", "section"),
    [
        # Two-character words from the middle of clauses of the version in force.
        ("zh", "维护", "disclaimer-2-1", "disclaimer"),
        ("zh", "故意", "disclaimer-2-2", "disclaimer"),
        ("zh", "软件", "definitions-1-1", "definitions"),  # only in the current version
        ("en", "negligence", "disclaimer-2-2", "disclaimer"),
        ("en", "technical", "definitions-1-1", "definitions"),
    ],
)
def test_a_word_inside_a_clause_finds_the_current_page(
    page: Page, versions: Site, lang: str, query: str, clause: str, section: str
) -> None:
    page.goto(versions.url("current", lang))
    text = page.locator(f"#{clause}").inner_text()
    assert query in text and not text.startswith(query), "the word must sit inside the clause"
    results = search(page, query)
    assert results, f"nothing found for {query}"
    current = versions.path(versions.url("current", lang))
    assert f"{current}#{section}" in [path for path, _ in results], results
    assert not [path for path, _ in results if any(p in path for p in NEVER_FOUND)], results
    # The result shows the clause's words, without the permalink or change-marker symbols.
    (found,) = [text for path, text in results if path == f"{current}#{section}"]
    assert query in found.replace("\u200b", "")
    assert "¶" not in found and "Δ" not in found, found


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("zh", "服务"),  # in every version, in the changes and the side-by-side pages
        ("zh", "协议"),
        ("zh", "变更"),
        ("zh", "版本"),
        ("en", "Services"),
        ("en", "products"),
        ("en", "Agreement"),
        ("en", "version"),
    ],
)
def test_archived_changes_bilingual_and_compare_pages_are_never_found(
    page: Page, versions: Site, lang: str, query: str
) -> None:
    page.goto(versions.url("current", lang))
    results = search(page, query)
    assert results
    assert not [path for path, _ in results if any(p in path for p in NEVER_FOUND)], results


@pytest.mark.xfail(
    strict=True,
    reason="known limit: Material indexes jieba's precise cut and matches prefixes, so a word "
    "inside a longer jieba word (产品 in 软件产品) is found only where it also stands alone",
)
def test_a_word_inside_a_longer_jieba_word(page: Page, versions: Site) -> None:
    page.goto(versions.url("current", "zh"))
    results = search(page, "产品")
    assert "/user-service-agreement/#definitions" in [path for path, _ in results]


def test_maintainer_notes_are_not_pages(page: Page, versions: Site) -> None:
    # legalsite/theme/assets/vendor/jsdiff/README.md is for maintainers: no page, no search result.
    assert not (versions.root / "assets/vendor/jsdiff/index.html").exists()
    assert not (versions.root / "en/assets/vendor/jsdiff/index.html").exists()
    assert (versions.root / "assets/vendor/jsdiff/diff.min.js").is_file()
    assert (versions.root / "assets/vendor/jsdiff/LICENSE").is_file()
    page.goto(versions.url("current", "en"))
    assert search(page, "vendored") == []
