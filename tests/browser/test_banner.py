"""The status banner follows the reader's clock (Asia/Shanghai), and a missed rebuild is
announced; without JavaScript the build's own status shows.

The site is tests/data/sites/versions built on 2025-02-28, the day version 2025-03-03 is
published: at the document's address the 2024-01-01 version is current, and the 2025-03-03
page says it is upcoming. The next change the build knows of is 2025-03-03.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import DESKTOP, Site, screenshot

pytestmark = pytest.mark.browser

UPCOMING = "user-service-agreement/2025-03-03/"
CURRENT = "user-service-agreement/"

TEXT = {
    "zh": {
        "upcoming": "此版本将于2025年3月3日生效，在此之前现行版本仍然有效。",
        "took_effect": "此版本已于2025年3月3日生效。",
        "replaced": "此版本已被2025年3月3日生效的新版本取代： 查看新版本",
        "stale": "本站应于2025年3月3日更新页面，但至今没有更新：页面上显示的版本状态可能已经过时。"
        "（本站维护者：GitHub 可能已停用每日发布的工作流程，请在代码库的 Actions 页面选择 publish，"
        "点击“Enable workflow”重新启用，再手动运行一次。）",
        "status_upcoming": "即将生效",
        "status_current": "现行有效",
        "status_archived": "已失效",
    },
    "en": {
        "upcoming": "This version takes effect on March 3, 2025; until then the current "
        "version remains in force.",
        "took_effect": "This version took effect on March 3, 2025.",
        "replaced": "This version was replaced by the version in force since March 3, 2025: "
        "read the new version",
        "stale": "This site should have been updated on March 3, 2025 and has not been "
        "since: the statuses shown may be out of date. (For the site's maintainers: GitHub may "
        "have disabled the daily publish workflow; re-enable it in the repository's Actions "
        "tab, publish → Enable workflow, then run it once by hand.)",
        "status_upcoming": "Upcoming",
        "status_current": "In force",
        "status_archived": "Archived",
    },
}


def read_on(open_page: Callable[..., Page], when: str, **options: object) -> Page:
    """A page whose clock stands still at ``when`` (an ISO time with its offset)."""
    page = open_page(**options)
    page.clock.set_fixed_time(when)
    return page


def shots(artifacts: Path) -> Path:
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


def banner(page: Page) -> str:
    return " ".join(page.locator(".ls-banner[data-status]").inner_text().split())


def status(page: Page) -> str:
    """The status in the dates box."""
    return page.locator(".ls-version-meta .ls-status").inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upcoming_version_read_before_it_takes_effect(
    open_page: Callable[..., Page], upcoming: Site, artifacts: Path, lang: str
) -> None:
    page = read_on(open_page, "2025-03-02T23:59:00+08:00")
    page.goto(upcoming.url(UPCOMING, lang))
    assert banner(page) == TEXT[lang]["upcoming"]
    assert status(page) == TEXT[lang]["status_upcoming"]
    screenshot(page, shots(artifacts) / f"{lang}-upcoming-{DESKTOP['width']}.png")
    assert page.locator(".ls-stale").count() == 0
    page.goto(upcoming.url(CURRENT, lang))
    assert not page.locator(".ls-banner[data-status]").is_visible()
    assert status(page) == TEXT[lang]["status_current"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upcoming_version_read_after_it_took_effect(
    open_page: Callable[..., Page], upcoming: Site, artifacts: Path, lang: str
) -> None:
    page = read_on(open_page, "2025-03-04T09:00:00+08:00")
    page.goto(upcoming.url(UPCOMING, lang))
    assert banner(page) == TEXT[lang]["took_effect"]
    screenshot(page, shots(artifacts) / f"{lang}-stale-{DESKTOP['width']}.png")
    assert page.locator(".ls-banner[data-status]").get_attribute("data-status") == "current"
    assert status(page) == TEXT[lang]["status_current"]  # the dates box agrees with the banner
    # The build should have run on 2025-03-03; on the 4th the reader is told it did not.
    stale = page.locator(".ls-stale")
    assert stale.inner_text() == TEXT[lang]["stale"]
    assert stale.get_attribute("role") == "status"

    # The document's address still shows the 2024 version: it says it was replaced, and links
    # to the version now in force.
    page.goto(upcoming.url(CURRENT, lang))
    assert banner(page) == TEXT[lang]["replaced"]
    assert status(page) == TEXT[lang]["status_archived"]
    assert page.locator(".ls-stale").is_visible()
    with page.expect_navigation():
        page.locator(".ls-banner[data-status] a").click()
    assert page.url == upcoming.url(UPCOMING, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_day_is_the_day_in_shanghai_wherever_the_reader_is(
    open_page: Callable[..., Page], upcoming: Site, lang: str
) -> None:
    # 00:30 on 2025-03-03 in Shanghai is still 2025-03-02 in Los Angeles (and in UTC).
    page = read_on(open_page, "2025-03-02T16:30:00Z", timezone_id="America/Los_Angeles")
    page.goto(upcoming.url(UPCOMING, lang))
    assert banner(page) == TEXT[lang]["took_effect"]
    # The rebuild was due on the 3rd: not late yet on that day.
    assert page.locator(".ls-stale").count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_the_build_status_shows(
    open_page: Callable[..., Page], upcoming: Site, versions: Site, lang: str
) -> None:
    page = open_page(java_script_enabled=False)
    page.goto(upcoming.url(UPCOMING, lang))
    assert banner(page) == TEXT[lang]["upcoming"]
    assert status(page) == TEXT[lang]["status_upcoming"]
    assert page.locator(".ls-stale").count() == 0
    page.goto(upcoming.url(CURRENT, lang))
    assert not page.locator(".ls-banner[data-status]").is_visible()
    page.goto(versions.url("archived", lang))
    assert page.locator(".ls-banner[data-status]").get_attribute("data-status") == "archived"
    assert page.locator(".ls-banner[data-status]").is_visible()
