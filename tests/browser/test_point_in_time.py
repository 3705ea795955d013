"""The version in force on a date, and any two versions compared, in the browser."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page

from legalsite.model.document import EARLIEST, LATEST
from legalsite.plugin.config import parse_build_date
from tests.browser.conftest import Site
from tests.conftest import examples

pytestmark = pytest.mark.browser

NONE_IN_FORCE = {
    "zh": "2023年12月31日没有有效的版本：本文件的首个版本自2024年1月1日起生效。",
    "en": "No version was in force on December 31, 2023: the first version took effect on "
    "January 1, 2024.",
}
SAME_TEXT = {"zh": "两个版本的文本相同。", "en": "The two versions have the same text."}
NEEDS_JS = {
    "zh": "此功能需要启用 JavaScript；也可以在历史版本页面查看每个版本的变更。",
    "en": "This needs JavaScript; the version history lists the changes of each version.",
}
INSERTED = {"zh": ["软件", "技术"], "en": ["software", "technical"]}
SWAPPED = {
    "zh": "已按日期调整：较早的版本在左侧。",
    "en": "Put in date order: the older version is on the left.",
}


def pick_date(page: Page, day: str) -> None:
    page.fill("#ls-date", day)
    page.click("form.ls-at-date button[type=submit]")


ECHO = {
    "zh": "{asked}有效的版本：{effective}起生效的版本。 阅读该版本",
    "en": "In force on {asked}: the version effective {effective}. Read that version",
}
SPELLED = {
    "zh": {"2024-01-01": "2024年1月1日", "2024-06-15": "2024年6月15日",
           "2025-03-02": "2025年3月2日", "2025-03-03": "2025年3月3日",
           "2031-12-31": "2031年12月31日"},
    "en": {"2024-01-01": "January 1, 2024", "2024-06-15": "June 15, 2024",
           "2025-03-02": "March 2, 2025", "2025-03-03": "March 3, 2025",
           "2031-12-31": "December 31, 2031"},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("day", "version"),
    [
        ("2024-01-01", "2024-01-01"),
        ("2024-06-15", "2024-01-01"),
        ("2025-03-02", "2024-01-01"),
        ("2025-03-03", "2025-03-03"),
        ("2031-12-31", "2025-03-03"),
    ],
)
def test_a_date_is_echoed_with_the_version_in_force_and_kept_in_the_address(
    page: Page, versions: Site, lang: str, day: str, version: str
) -> None:
    """The answer names the date asked and links to the version; ?date= restores it."""
    page.goto(versions.url("at-date", lang))
    pick_date(page, day)
    expected = ECHO[lang].format(asked=SPELLED[lang][day], effective=SPELLED[lang][version])
    result = page.locator(".ls-at-date-result")
    result.filter(has_text=SPELLED[lang][day]).wait_for()
    assert " ".join(result.inner_text().split()) == expected
    shared = versions.url("at-date", lang) + f"?date={day}"
    assert page.url == shared
    page.goto(shared)  # a fresh load of the shared address gives the same answer
    result.filter(has_text=SPELLED[lang][day]).wait_for()
    assert " ".join(result.inner_text().split()) == expected
    assert page.input_value("#ls-date") == day
    with page.expect_navigation():
        result.locator("a").click()
    assert page.url == versions.url(f"user-service-agreement/{version}/", lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_date_before_the_first_version_says_so(page: Page, versions: Site, lang: str) -> None:
    page.goto(versions.url("at-date", lang))
    start = page.url
    pick_date(page, "2023-12-31")
    result = page.locator(".ls-at-date-result")
    assert result.get_attribute("role") == "status"
    assert result.get_attribute("aria-live") == "polite"
    result.filter(has_text=NONE_IN_FORCE[lang]).wait_for()
    assert result.inner_text() == NONE_IN_FORCE[lang]
    assert page.url == start + "?date=2023-12-31"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_shows_the_default_redline_at_once(page: Page, versions: Site, lang: str) -> None:
    page.goto(versions.url("compare", lang))
    page.locator(".ls-compare-result ins").first.wait_for()
    inserted = page.locator(".ls-compare-result ins").all_inner_texts()
    assert [text.strip() for text in inserted] == INSERTED[lang]
    assert page.locator(".ls-compare-result .ls-change-label").all_inner_texts() == [
        "修改" if lang == "zh" else "Changed"
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_newer_against_older_is_the_same_redline(
    page: Page, versions: Site, lang: str
) -> None:
    page.goto(versions.url("compare", lang) + "?from=2025-03-03&to=2024-01-01")
    page.locator(".ls-compare-result ins").first.wait_for()
    inserted = page.locator(".ls-compare-result ins").all_inner_texts()
    assert [text.strip() for text in inserted] == INSERTED[lang]
    assert page.locator(".ls-compare-result del").count() == 0
    # The older version went to the left, and the page says so.
    assert page.locator("#ls-from").input_value() == "2024-01-01"
    assert page.locator("#ls-to").input_value() == "2025-03-03"
    assert page.url.endswith("/compare/?from=2024-01-01&to=2025-03-03")
    assert page.locator(".ls-compare-note").inner_text() == SWAPPED[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_a_version_with_itself(page: Page, versions: Site, lang: str) -> None:
    page.goto(versions.url("compare", lang))
    page.locator(".ls-compare-result ins").first.wait_for()
    to = page.locator("#ls-to").input_value()
    page.select_option("#ls-from", value=to)
    result = page.locator(".ls-compare-result .ls-summary")
    result.filter(has_text=SAME_TEXT[lang]).wait_for()
    assert result.inner_text() == SAME_TEXT[lang]
    page.click("form.ls-compare button[type=submit]")
    result.filter(has_text=SAME_TEXT[lang]).wait_for()
    assert result.inner_text() == SAME_TEXT[lang]
    assert page.locator(".ls-compare-result").get_attribute("aria-live") == "polite"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_the_table_and_a_note_stand_in(
    open_page: Callable[..., Page], versions: Site, lang: str
) -> None:
    page = open_page(java_script_enabled=False)
    page.goto(versions.url("at-date", lang))
    assert not page.locator("form.ls-at-date").is_visible()
    # The page lists no versions (issue 23): it links to the history, whose table lists both.
    page.click("p.ls-at-date-all a")
    assert page.locator("table.ls-history tbody tr:not(.ls-year)").count() == 2
    page.goto(versions.url("compare", lang))
    assert not page.locator("form.ls-compare").is_visible()
    assert NEEDS_JS[lang] in page.locator("article").inner_text()


INVALID_DATE = {
    "zh": "链接中的日期不存在或格式不对：请选择1970-01-01至2106-02-07之间的日期。",
    "en": "The date in the link does not exist or is not written as a date: choose one between "
    "1970-01-01 and 2106-02-07.",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("asked", ["2024-02-31", "1969-12-31", "2024-1-1", "<b>x</b>"])
def test_a_date_in_the_address_that_is_no_date_is_said_so(
    page: Page, versions: Site, lang: str, asked: str
) -> None:
    page.goto(versions.url("at-date", lang) + "?date=" + asked.replace("<", "%3C"))
    result = page.locator(".ls-at-date-result")
    result.filter(has_text=INVALID_DATE[lang]).wait_for()
    assert result.inner_text() == INVALID_DATE[lang]
    assert page.input_value("#ls-date") == ""


def _accepted(value: str) -> bool:
    try:
        parse_build_date(value)
    except ValueError:
        return False
    return True


def test_the_scripts_date_rule_is_the_builds(page: Page, versions: Site) -> None:
    """legalsite.js's isDay against parse_build_date, over generated strings: dates in and out
    of range and of the calendar, near-dates, and any text; one round trip for all of them."""
    page.goto(versions.url("at-date", "en"))
    page.wait_for_function("typeof window.legalsite?.isDay === 'function'")
    values: list[str] = []

    @settings(max_examples=examples(300), database=None)
    @given(
        st.one_of(
            st.dates().map(date.isoformat),
            st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
            st.from_regex(r"\A[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}\Z"),
            st.text(max_size=12),
        )
    )
    def collect(value: str) -> None:
        values.append(value)

    collect()
    values += [EARLIEST.isoformat(), LATEST.isoformat(), "1969-12-31", "2106-02-08"]
    answers = page.evaluate(
        "([values, lo, hi]) => values.map((v) => window.legalsite.isDay(v, lo, hi))",
        [values, EARLIEST.isoformat(), LATEST.isoformat()],
    )
    wrong = [v for v, answer in zip(values, answers, strict=True) if answer != _accepted(v)]
    assert wrong == []


UNKNOWN_VERSION = {
    "zh": "链接中所指的版本不属于本文件，下面比较的是最近一次修订。",
    "en": "The link names a version this document does not have; shown below is its latest change.",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("query", ["?from=1999-01-01&to=2025-03-03", "?from=2024-01-01", "?to=x"])
def test_compare_names_a_version_the_document_does_not_have(
    page: Page, versions: Site, lang: str, query: str
) -> None:
    page.goto(versions.url("compare", lang) + query)
    page.locator(".ls-compare-result ins").first.wait_for()
    assert page.locator(".ls-compare-note").inner_text() == UNKNOWN_VERSION[lang]
    inserted = page.locator(".ls-compare-result ins").all_inner_texts()
    assert [text.strip() for text in inserted] == INSERTED[lang]
