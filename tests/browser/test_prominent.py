"""Prominent terms as a reader meets them (issue 24): the label is words a screen reader reads,
the term stands out by weight and a border (not colour alone), axe finds nothing on the pages
that show them, and the compare page calls out a revision of one. The site: tests/data/sites/
prominent, built on the day its second version is published (see tests/test_prominent.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import Site, served_test_site
from tests.test_prominent import DAY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def prominent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from served_test_site(tmp_path_factory, "prominent", DAY)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_term_is_labelled_in_words_bold_and_bordered(
    page: Page, prominent: Site, lang: str
) -> None:
    page.goto(prominent.url("paid-service/", lang))
    label = {"zh": "重要条款", "en": "Important term"}[lang]
    term = page.locator("div.ls-prominent", has=page.locator("#disputes-1"))
    # What a screen reader reads: the label, then the clause.
    assert term.inner_text().startswith(label + "\n")
    style = term.evaluate(
        "(e) => { const s = getComputedStyle(e), p = getComputedStyle(e.querySelector('p.ls-clause'));"
        " return [s.borderLeftStyle, parseFloat(s.borderLeftWidth), Number(p.fontWeight)]; }"
    )
    assert style[0] == "solid" and style[1] >= 4 and style[2] >= 700
    # The list at the top links each term by the number the page shows.
    links = page.locator("nav.ls-prominent-terms a")
    assert links.evaluate_all("(a) => a.map((x) => x.getAttribute('href'))") == [
        "#fees", "#liability-2", "#liability-3", "#disputes-1",
    ]  # fmt: skip
    assert_accessible(page, f"{lang} page with prominent terms ({page.url})")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_compare_page_calls_out_a_revision_of_a_term(
    page: Page, prominent: Site, lang: str
) -> None:
    page.goto(prominent.url("paid-service/compare/", lang) + "?from=2024-01-01&to=2025-03-01")
    callout = page.locator(".ls-compare-result .ls-prominent-changed")
    callout.wait_for()
    assert (
        callout.inner_text()
        == {
            "zh": "本次修订涉及重要条款：第一条第3款、第二条、第三条第2款",
            "en": "This revision changes important terms: Section I, paragraph 3; Section II; "
            "Section III, paragraph 2",
        }[lang]
    )
    assert_accessible(page, f"{lang} compare page with a revision of prominent terms")


def test_the_side_by_side_page_is_accessible(page: Page, prominent: Site) -> None:
    page.goto(prominent.url("paid-service/2024-01-01/bilingual/"))
    assert page.locator("p.ls-prominent-label").first.inner_text() == "重要条款 / Important term"
    assert_accessible(page, "side-by-side page with prominent terms")
