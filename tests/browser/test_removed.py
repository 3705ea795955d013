"""A link to a removed clause (issue 16), on tests/data/sites/revision: version 2025-07-01 deleted
item 4 of acceptable-use-2, which the first version (2024-01-01) had. A link to it on a later
version's page says so at the top of the text and leads to it in 2024-01-01 and to the redline
that removed it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from legalsite.model.words import STRINGS
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import Site, in_view

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")
DOC = "user-service-agreement"
GONE = "acceptable-use-2-4"
DATES = {
    "zh": {"last": "2024年1月1日", "removed": "2025年7月1日"},
    "en": {"last": "January 1, 2024", "removed": "July 1, 2025"},
}
NOTICE = ".ls-removed"


def words(lang: str, key: str) -> str:
    catalogue = {k: str(v) for k, v in STRINGS["zh" if lang == "zh" else "en"].items()}
    return catalogue[key].format(id=GONE, **DATES[lang])


def settled(page: Page, fragment: str) -> None:
    """Wait until the script has looked at ``fragment`` (and fetched the map if it needed it)."""
    page.wait_for_function(
        "(f) => document.querySelector('.ls-removed').getAttribute('data-fragment') === f",
        arg=fragment,
    )


def shown(page: Page) -> dict[str, object]:
    """The notice as the reader sees it: its text, its links and where it is."""
    settled(page, GONE)
    found: dict[str, object] = page.evaluate(
        """(selector) => {
            const notice = document.querySelector(selector);
            const text = document.querySelector("article .ls-updated");
            return {
                paragraphs: [...notice.querySelectorAll("p")].map((p) => p.textContent),
                links: [...notice.querySelectorAll("a")].map((a) => [a.textContent, a.href]),
                aboveText: notice.getBoundingClientRect().bottom <= text.getBoundingClientRect().top,
            };
        }""",
        NOTICE,
    )
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", ["", "2025-07-01/", "2025-09-01/"])
def test_a_link_to_a_removed_clause_says_so_and_leads_to_it(
    page: Page, revision: Site, lang: str, where: str
) -> None:
    page.goto(revision.url(f"{DOC}/{where}", lang, GONE))
    notice = shown(page)
    last = revision.url(f"{DOC}/2024-01-01/", lang, GONE)
    changes = revision.url(f"{DOC}/2025-07-01/changes/", lang, GONE)
    assert notice == {
        "paragraphs": [
            words(lang, "removed_notice"),
            f"{words(lang, 'removed_last_link')} · {words(lang, 'removed_changes_link')}",
        ],
        "links": [
            [words(lang, "removed_last_link"), last],
            [words(lang, "removed_changes_link"), changes],
        ],
        "aboveText": True,
    }
    assert_accessible(page, f"{lang} {where or 'current'} page with the removed-clause notice")
    # Both links land on the clause: in the last version that had it, and in the redline.
    page.get_by_role("link", name=words(lang, "removed_last_link")).click()
    page.wait_for_url(last)
    assert in_view(page, GONE) and page.locator(NOTICE).is_hidden()
    page.go_back()
    page.get_by_role("link", name=words(lang, "removed_changes_link")).click()
    page.wait_for_url(changes)
    assert in_view(page, GONE)
    assert page.locator(f"#{GONE} .ls-change-label, #{GONE}.ls-change-removed").count() > 0


@pytest.mark.parametrize("lang", LANGS)
def test_the_notice_follows_the_fragment(page: Page, revision: Site, lang: str) -> None:
    # A clause of this version: no notice.
    page.goto(revision.url(f"{DOC}/", lang, "acceptable-use-2-5"))
    settled(page, "acceptable-use-2-5")
    assert page.locator(NOTICE).is_hidden()
    # The fragment changes on the page (a link within it, or typed): the notice appears and
    # takes the focus, so a keyboard or screen reader is brought to it.
    page.evaluate(f"location.hash = '{GONE}'")
    page.locator(NOTICE).wait_for(state="visible")
    page.wait_for_function("document.activeElement.classList.contains('ls-removed')")
    assert page.locator(NOTICE).get_attribute("role") == "status"
    # Back to an id the page has, then to names that are no clause: no notice.
    for fragment, name in (
        ("accounts-5", "accounts-5"),
        ("__proto__", "__proto__"),
        ("constructor", "constructor"),
        ("nothing-here", "nothing-here"),
        ("%E0%A4%A", ""),  # not valid percent-encoding
        (GONE, GONE),
    ):
        page.evaluate("(f) => { location.hash = f; }", fragment)
        settled(page, name)
        if fragment == GONE:
            assert page.locator(NOTICE).is_visible()
        else:
            assert page.locator(NOTICE).is_hidden()
            assert page.locator(f"{NOTICE} *").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_version_that_still_has_the_clause_has_no_notice(
    page: Page, revision: Site, lang: str
) -> None:
    page.goto(revision.url(f"{DOC}/2024-01-01/", lang, GONE))
    page.wait_for_load_state("load")
    assert in_view(page, GONE)
    # No version up to this one removed anything: the page carries no notice (nor its script).
    assert page.locator(NOTICE).count() == 0
    assert page.locator("script[src$='legalsite-removed.js']").count() == 0


def test_without_javascript_the_clauses_page_has_both_links(
    open_page: Callable[..., Page], revision: Site
) -> None:
    page = open_page(java_script_enabled=False)
    for lang in LANGS:
        page.goto(revision.url(f"{DOC}/clauses/", lang, GONE))
        entry = page.locator(f"#{GONE}")
        hrefs = [a.get_attribute("href") for a in entry.locator("a").all()]
        assert f"../2024-01-01/#{GONE}" in hrefs and f"../2025-07-01/changes/#{GONE}" in hrefs
        page.goto(revision.url(f"{DOC}/", lang, GONE))
        assert page.locator(NOTICE).is_hidden()
