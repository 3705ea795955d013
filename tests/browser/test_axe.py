"""axe-core finds nothing on any kind of page, in either language, in the states readers meet."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.a11y import AXE_VERSION, assert_accessible
from tests.browser.conftest import PAGES, PHONE, REVISION_PAGES, Site, search

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations(page: Page, versions: Site, name: str, lang: str) -> None:
    page.goto(versions.url(name, lang))
    assert_accessible(page, f"{lang} {name} ({page.url})")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["current", "bilingual", "changes", "history"])
def test_phone_layout_has_no_axe_violations(
    open_page: Callable[..., Page], versions: Site, name: str, lang: str
) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(versions.url(name, lang))
    assert_accessible(page, f"{lang} {name} on a phone ({page.url})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_ledger_index_and_a_documents_ledger_have_no_axe_violations(
    page: Page, versions: Site, lang: str
) -> None:
    """The publication ledger's index (a row per document) and the document's own ledger
    (its files by year, issue 23): both tables, reached one from the other."""
    page.goto(versions.url("ledger/", lang))
    assert_accessible(page, f"{lang} ledger index ({page.url})")
    page.locator("table.ls-ledger tbody a").first.click()
    assert page.url.endswith("/user-service-agreement/ledger/")
    assert_accessible(page, f"{lang} document ledger ({page.url})")


@pytest.mark.parametrize("lang", LANGS)
def test_real_agreement_has_no_axe_violations(page: Page, real: Site, lang: str) -> None:
    page.goto(real.url("current", lang))
    assert_accessible(page, f"the real agreement, {lang} ({page.url})")


@pytest.mark.parametrize("lang", LANGS)
def test_compare_result_and_at_date_message_have_no_axe_violations(
    page: Page, versions: Site, lang: str
) -> None:
    page.goto(versions.url("compare", lang))
    page.locator(".ls-compare-result ins").first.wait_for()
    assert_accessible(page, f"{lang} compare page with its redline")
    page.goto(versions.url("at-date", lang))
    page.fill("#ls-date", "2020-01-01")
    page.click("form.ls-at-date button[type=submit]")
    page.locator(".ls-at-date-result:not(:empty)").wait_for()
    assert_accessible(page, f"{lang} at-date page with its message")


@pytest.mark.parametrize("lang", LANGS)
def test_open_search_and_language_menu_have_no_axe_violations(
    page: Page, versions: Site, lang: str
) -> None:
    page.goto(versions.url("current", lang))
    page.hover(".md-header .md-select")
    page.locator(".md-select__link[hreflang=en]").wait_for(state="visible")
    assert_accessible(page, f"{lang} current page with the language menu open")
    page.keyboard.press("Escape")
    assert search(page, "SCRM")
    assert_accessible(page, f"{lang} current page with search results")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["current", "2025-03-03/", "2025-03-03/changes/"])
def test_upcoming_and_corrected_banners_have_no_axe_violations(
    open_page: Callable[..., Page], upcoming: Site, name: str, lang: str
) -> None:
    path = "user-service-agreement/" + ("" if name == "current" else name)
    page = open_page()
    page.clock.set_fixed_time("2025-02-28T12:00:00+08:00")
    page.goto(upcoming.url(path, lang))
    assert_accessible(page, f"{lang} {path} built and read on 2025-02-28")
    later = open_page()
    later.clock.set_fixed_time("2025-03-05T12:00:00+08:00")  # corrected banner, stale warning
    later.goto(upcoming.url(path, lang))
    later.locator(".ls-stale").wait_for()
    assert_accessible(later, f"{lang} {path} built 2025-02-28, read on 2025-03-05")


def test_axe_is_the_vendored_copy(page: Page, revision: Site) -> None:
    page.goto(revision.url("home"))
    assert_accessible(page, "home")
    assert page.evaluate("axe.version") == AXE_VERSION


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(REVISION_PAGES))
def test_revision_page_has_no_axe_violations(
    page: Page, revision: Site, name: str, lang: str
) -> None:
    """Every kind of page of a site with every kind of change, both languages. The site has
    one 404 page, at its root, which a host serves for any missing address."""
    path = REVISION_PAGES[name]
    page.goto(f"{revision.base}/{path}" if name == "404" else revision.url(path, lang))
    assert_accessible(page, f"{lang} {name} of the revision site ({page.url})")
    if page.locator("details.ls-unchanged").count():
        page.locator("details.ls-unchanged > summary").first.click()
        assert_accessible(page, f"{lang} {name} with unchanged clauses shown ({page.url})")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["changes", "bilingual", "clauses"])
def test_revision_phone_has_no_axe_violations(
    open_page: Callable[..., Page], revision: Site, name: str, lang: str
) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(revision.url(REVISION_PAGES[name], lang))
    assert_accessible(page, f"{lang} {name} of the revision site on a phone ({page.url})")
