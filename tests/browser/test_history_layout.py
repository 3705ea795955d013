"""The history table as a reader sees it (issue 25): at 1366 px it fits beside the navigation,
links column included, in both languages; no date breaks across lines, on a desktop or a phone
(too wide for a phone, the table scrolls in its own box, not the page)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site

LAYOUT = """() => {
  const box = document.querySelector('.ls-scroll');
  const lines = (cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  };
  return {
    overflow: box.scrollWidth - box.clientWidth,
    page_overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    dates: [...document.querySelectorAll('table.ls-history .ls-date')]
      .filter((cell) => cell.textContent.trim() !== '—')
      .map((cell) => [cell.textContent.trim(), lines(cell)]),
  };
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("width", "height"), [(1366, 768), (360, 740)])
def test_the_history_table_fits_and_its_dates_stay_whole(
    open_page: Callable[..., Page], upcoming: Site, lang: str, width: int, height: int
) -> None:
    page = open_page(viewport={"width": width, "height": height})
    page.goto(upcoming.url("history", lang))
    layout = page.evaluate(LAYOUT)
    assert layout["dates"] and all(lines == 1 for _, lines in layout["dates"]), layout["dates"]
    assert layout["page_overflow"] == 0
    if width >= 1366:
        assert layout["overflow"] == 0
