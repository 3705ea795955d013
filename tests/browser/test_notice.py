"""The upcoming notice in the browser (issue 13): built for the publication date of version
2025-03-03, it is on the pages in both languages, with or without JavaScript; its links open the
new text; the reader's clock past the effective date turns its lead; axe finds nothing on the
pages this issue touched (the 404 page included)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from legalsite.model.words import t
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")
DATE = {"zh": "2025年3月3日", "en": "March 3, 2025"}
SUMMARY = {
    "zh": '明确"服务"指软件产品和技术服务。',
    "en": "Makes clear that the Services are software products and technical services.",
}
PAGES = [
    "",
    "user-service-agreement/",
    "user-service-agreement/2024-01-01/bilingual/",
    "user-service-agreement/history/",
    "user-service-agreement/2024-01-01/",
]
"""Pages with the notice; the new version's own pages say it in their banner instead."""


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("lang", LANGS)
def test_the_notice_is_shown_and_its_link_opens_the_new_text(
    open_page: Callable[..., Page], upcoming: Site, lang: str, javascript: bool
) -> None:
    page = open_page(java_script_enabled=javascript)
    if javascript:
        page.clock.set_fixed_time("2025-02-28T12:00:00+08:00")
    page.goto(upcoming.url("current", lang))
    notice = page.locator("article .ls-notice")
    assert notice.is_visible()
    text = notice.inner_text()
    assert t(lang, "notice_upcoming", date=DATE[lang]) in text  # type: ignore[arg-type]
    assert SUMMARY[lang] in text
    notice.get_by_role("link", name=t(lang, "notice_new_text")).click()  # type: ignore[arg-type]
    page.wait_for_url("**/user-service-agreement/2025-03-03/")
    assert (
        page.locator("article .ls-banner")
        .inner_text()
        .startswith(
            t(lang, "banner_upcoming", effective=DATE[lang])[:6]  # type: ignore[arg-type]
        )
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_readers_clock_past_the_effective_date_turns_the_lead(
    open_page: Callable[..., Page], upcoming: Site, lang: str
) -> None:
    page = open_page()
    page.clock.set_fixed_time("2025-03-05T12:00:00+08:00")
    page.goto(upcoming.url("history", lang))
    lead = page.locator("article .ls-notice strong")
    lead.wait_for()
    assert lead.inner_text() == t(lang, "notice_now", date=DATE[lang])  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_pages_with_the_notice_have_no_axe_violations(
    open_page: Callable[..., Page], upcoming: Site, lang: str, path: str
) -> None:
    page = open_page()
    page.clock.set_fixed_time("2025-02-28T12:00:00+08:00")
    page.goto(upcoming.url(path, lang))
    assert page.locator("article .ls-notice").count() == 1
    assert_accessible(page, f"{lang} {path or 'home'} with the upcoming notice")


def test_the_404_page_has_no_axe_violations_and_its_switch_works(
    page: Page, upcoming: Site
) -> None:
    page.goto(upcoming.url("404.html"))
    assert page.locator("html").get_attribute("lang") == "zh"
    assert_accessible(page, "the 404 page")
    page.hover(".md-header .md-select")
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(f"{upcoming.base}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
