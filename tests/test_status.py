"""Status everywhere (issue 13): every page that shows one version (its text, its side-by-side
text, its redline) carries the same status banner, and the side-by-side page the same dates and
status box, as the version's own page; an archived one says so and links the version in force."""

from __future__ import annotations

import re
from datetime import date
from posixpath import normpath

import pytest

from legalsite.model import routes
from legalsite.model.document import LANGS, Lang
from legalsite.model.words import keyed, t
from legalsite.site.plan import generated_files, plan
from legalsite.sources.calendar import load_calendar
from legalsite.sources.load import load_project
from tests.conftest import SITES

DOC = "user-service-agreement"


def _pages(site: str, today: date) -> dict[str, str]:
    root = SITES / site
    files = generated_files(plan(load_project(root), load_calendar(root), today))
    return {name: text for name, text in files.items() if isinstance(text, str)}


def _banner(page: str) -> str:
    found = re.search(r'<div class="ls-banner[^"]*" role="status"[^>]*>.*?</div>', page)
    assert found is not None
    return found.group(0)


def _dates(page: str) -> str:
    found = re.search(r'<dl class="ls-dates">.*?</dl>', page, re.S)
    assert found is not None
    return found.group(0)


def _without_links(html: str) -> str:
    """The banner as a reader reads it: its links' targets differ from page to page."""
    return re.sub(r'(href|data-next-url)="[^"]*"', "", html)


def _opens(page_path: str, href: str) -> str:
    """The generated page a relative link of ``page_path`` opens."""
    target = normpath(f"{routes.page_url(page_path) or '.'}/{href}")
    return "index.md" if target == "." else f"{target}/index.md"


@pytest.mark.parametrize(
    ("today", "statuses"),
    [
        (
            date(2026, 1, 5),
            {"2024-01-01": "archived", "2025-07-01": "archived", "2025-09-01": "current"},
        ),
        (
            date(2025, 8, 29),
            {"2024-01-01": "archived", "2025-07-01": "current", "2025-09-01": "upcoming"},
        ),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_the_side_by_side_and_changes_pages_carry_the_versions_status(
    lang: Lang, today: date, statuses: dict[str, str]
) -> None:
    pages = _pages("revision", today)
    current = next(v for v, status in statuses.items() if status == "current")
    for version, status in statuses.items():
        own = pages[f"{lang}/{DOC}/{version}/index.md"]
        others = [f"{DOC}/{version}/bilingual.md"]
        if version != "2024-01-01":
            others.append(f"{DOC}/{version}/changes.md")
        for other in others:
            page = pages[f"{lang}/{other}"]
            assert f'data-status="{status}"' in _banner(page), other
            assert _without_links(_banner(page)) == _without_links(_banner(own)), other
            if other.endswith("bilingual.md"):
                assert _dates(page) == _dates(own)
                assert t(lang, keyed("status", status)) in _dates(page)
            if status == "archived":
                # It says so, and links the version in force (at the document's own address).
                assert t(lang, "banner_archived_link") in _banner(page)
                (link,) = re.findall(r'<a href="([^"]*)">', _banner(page))
                assert _opens(other, link) == f"{DOC}/index.md"
                next_url = re.search(r'data-next-url="([^"]*)"', _banner(page))
                assert next_url is not None and next_url.group(1)
                assert pages.get(f"{lang}/{_opens(other, next_url.group(1))}"), other
            elif status == "upcoming":
                effective = re.search(r'data-effective="([^"]*)"', _banner(page))
                assert effective is not None and effective.group(1) == version
    assert pages[f"{lang}/{DOC}/index.md"].count(f'data-effective="{current}"') == 1


# -- Printouts -------------------------------------------------------------------------------

BASE = "https://legal.example.com/"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_a_version_prints_its_permanent_address(lang: Lang) -> None:
    root = SITES / "revision"
    files = generated_files(
        plan(load_project(root), load_calendar(root), date(2026, 1, 5), base_url=BASE)
    )
    prefix = "" if lang == "zh" else "en/"
    for version in ("2024-01-01", "2025-07-01", "2025-09-01"):
        permanent = f"{BASE}{prefix}{DOC}/{version}/"
        expected = {
            f"{DOC}/{version}/index.md": permanent,
            f"{DOC}/{version}/bilingual.md": f"{permanent}bilingual/",
        }
        if version != "2024-01-01":
            expected[f"{DOC}/{version}/changes.md"] = f"{permanent}changes/"
        if version == "2025-09-01":
            expected[f"{DOC}/index.md"] = permanent  # the current copy: the version's address
        for path, url in expected.items():
            page = files[f"{lang}/{path}"]
            assert isinstance(page, str)
            (facts,) = re.findall(r'<p class="ls-print-facts">(.*?)<span', page)
            assert facts == t(lang, "print_permanent", url=url), path
            assert f'data-print-date="{t(lang, "print_date", date="{date}")}"' in page


def test_printouts_show_the_facts_and_a_redline_without_colour() -> None:
    from tests.conftest import ROOT

    css = (ROOT / "legalsite/theme/assets/legalsite.css").read_text(encoding="utf-8")
    screen, prints = "", ""
    for part in re.split(r"(@media print \{(?:[^{}]|\{[^{}]*\})*\})", css):
        if part.startswith("@media print"):
            prints += part
        else:
            screen += part
    assert re.search(r"\.ls-print-facts \{ display: none; \}", screen)
    assert re.search(r"\.ls-print-facts \{ display: block;", prints)
    # Deletions struck through, insertions underlined: distinguishable in black and white.
    assert re.search(r"\bdel \{[^}]*text-decoration: line-through", prints)
    assert re.search(r"\bins \{[^}]*text-decoration: underline", prints)
