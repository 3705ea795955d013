"""The left navigation shows where the reader is (issue 16), on tests/data/sites/revision: on a
version, changes, side-by-side and clauses page it is expanded down to the page's own entry
(document → versions → version → page kind), which is marked for the eye (Material's
``--active``) and for a screen reader (``aria-current="page"``)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from legalsite.model.words import STRINGS
from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")
DOC = "user-service-agreement"
DATES = {
    "2024-01-01": {"zh": "2024年1月1日", "en": "January 1, 2024"},
    "2025-07-01": {"zh": "2025年7月1日", "en": "July 1, 2025"},
    "2025-09-01": {"zh": "2025年9月1日", "en": "September 1, 2025"},
}
TITLE = {"zh": "用户服务协议", "en": "User Service Agreement"}

# page below the document's folder -> (version, the page's entry in the navigation: string key)
PAGES = {
    "2025-07-01/": ("2025-07-01", "full_text"),
    "2024-01-01/": ("2024-01-01", "full_text"),
    "2025-07-01/changes/": ("2025-07-01", "changes"),
    "2025-09-01/changes/": ("2025-09-01", "changes"),
    "2025-09-01/bilingual/": ("2025-09-01", "bilingual"),
    "2024-01-01/bilingual/": ("2024-01-01", "bilingual"),
    "clauses/": (None, "clause_history"),
    "": (None, "current_version"),
}

_WHERE = """() => {
    const nav = document.querySelector(".md-sidebar--primary nav.md-nav--primary");
    const current = [...nav.querySelectorAll("[aria-current]")];
    // The page's contents list, which Material puts inside the navigation too (for a phone),
    // marks the section read (toc.follow): not a page.
    const active = [...nav.querySelectorAll("a.md-nav__link--active")]
        .filter((a) => !a.closest(".md-nav--secondary"));
    const link = current[0];
    const path = [];
    let toggles = [];
    for (let item = link.closest(".md-nav__item"); item; ) {
        const parent = item.parentElement.closest(".md-nav__item");
        if (!parent) break;
        const label = parent.querySelector(":scope > label.md-nav__link, :scope > div > label.md-nav__link");
        path.unshift(label ? label.textContent.trim() : "?");
        const toggle = parent.querySelector(":scope > input.md-nav__toggle");
        toggles.push(toggle ? toggle.checked : null);
        item = parent;
    }
    const box = link.getBoundingClientRect();
    return {
        current: current.map((e) => [e.tagName, e.getAttribute("aria-current")]),
        active: active.length,
        same: current[0] === active[0],
        text: link.textContent.trim(),
        href: link.href,
        path,
        toggles,
        shown: link.checkVisibility({visibilityProperty: true, opacityProperty: true})
            && box.height > 0 && box.width > 0,
    };
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("below", list(PAGES))
def test_the_navigation_is_expanded_down_to_the_page(
    page: Page, revision: Site, below: str, lang: str
) -> None:
    version, key = PAGES[below]
    strings = {k: str(v) for k, v in STRINGS["zh" if lang == "zh" else "en"].items()}
    page.goto(revision.url(f"{DOC}/{below}", lang))
    where: dict[str, Any] = page.evaluate(_WHERE)
    assert where["current"] == [["A", "page"]] and where["active"] == 1 and where["same"]
    assert where["href"] == page.url
    assert where["text"] == strings[key]
    expected = [TITLE[lang]]
    if version is not None:
        label = strings["nav_version"].format(date=DATES[version][lang])
        expected += [strings["nav_versions"], label]
    assert where["path"] == expected
    assert where["toggles"] and all(where["toggles"]), "a section on the way is collapsed"
    assert where["shown"], "the page's own entry is not shown"
