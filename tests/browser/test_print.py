"""Printing a version or a changes page: the text with its title, version and dates, no site
apparatus, and a redline that reads in black and white. The PDFs go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

# What a printout does without: header (with search and language menu), navigation, table of
# contents, footer, back-to-top button, permalinks and the links of the dates box.
HIDDEN = [
    ".md-header",
    ".md-search",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-top",
    "article a.headerlink",
    ".ls-version-links",
]

# What a version's printout must show: title, version and dates. A version is named by the day
# it takes effect (the history's "version" column).
SHOWN = {
    ("zh", "current"): ["用户服务协议", "生效日期", "2025年3月3日", "发布日期", "2025年2月28日"],
    ("en", "current"): [
        "User Service Agreement",
        "Effective",
        "March 3, 2025",
        "Published",
        "February 28, 2025",
    ],
    ("zh", "archived"): [
        "用户服务协议",
        "生效日期",
        "2024年1月1日",
        "发布日期",
        "2023年12月29日",
        "已失效",
    ],
    ("en", "archived"): [
        "User Service Agreement",
        "Effective",
        "January 1, 2024",
        "Published",
        "December 29, 2023",
        "Archived",
    ],
    ("zh", "changes"): [
        "用户服务协议（2025年3月3日版）变更内容",
        "生效日期 2025年3月3日",
        "发布日期 2025年2月28日",
    ],
    ("en", "changes"): [
        "User Service Agreement: changes in the version of March 3, 2025",
        "Effective March 3, 2025",
        "Published February 28, 2025",
    ],
}


def printed(page: Page, site: Site, name: str, lang: str) -> None:
    page.goto(site.url(name, lang))
    page.emulate_media(media="print")


def visible(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)].some((e) => {
                const box = e.getBoundingClientRect();
                return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden";
            })""",
            selector,
        )
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["current", "archived", "changes"])
def test_printout_is_the_text_with_its_title_version_and_dates(
    page: Page, versions: Site, artifacts: Path, name: str, lang: str
) -> None:
    printed(page, versions, name, lang)
    shown = [selector for selector in HIDDEN if visible(page, selector)]
    assert shown == [], "printed although it is site apparatus"
    text = " ".join(page.locator("article").inner_text().split())
    missing = [words for words in SHOWN[(lang, name)] if words not in text]
    assert missing == [], f"not on the printout: {text}"
    pdf = artifacts / f"print-{lang}-{name}.pdf"
    page.pdf(path=pdf, format="A4", print_background=True)
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printed_redline_does_not_rely_on_colour(page: Page, versions: Site, lang: str) -> None:
    for name in ("changes", "compare"):
        page.goto(versions.url(name, lang))
        page.locator("article ins").first.wait_for()
        page.evaluate("""() => {  // one deletion too, as a longer redline would have
            const del = document.createElement("del");
            del.textContent = "x";
            document.querySelector("article ins").after(del);
        }""")
        page.emulate_media(media="print")
        for tag, line in (("ins", "underline"), ("del", "line-through")):
            style = page.evaluate(
                """(tag) => {
                    const s = getComputedStyle(document.querySelector("article " + tag));
                    return {line: s.textDecorationLine, color: s.color, background: s.backgroundColor};
                }""",
                tag,
            )
            assert line in style["line"], f"{name}: printed <{tag}> has no {line}: {style}"
            assert style["color"] == "rgb(0, 0, 0)", f"{name}: printed <{tag}> in colour: {style}"
            assert style["background"] in ("rgba(0, 0, 0, 0)", "transparent"), style
        labels = page.locator("article .ls-change-label")
        assert labels.count() >= 1
        border = page.evaluate(
            "getComputedStyle(document.querySelector('article .ls-change-label')).borderTopStyle"
        )
        assert border == "solid", "the change label is a boxed word, not a colour"
