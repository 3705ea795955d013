"""Golden files for the rendered Markdown pages of the tiny basic site, and page plumbing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from legalsite import render
from legalsite.calendar import WorkingCalendar
from legalsite.load import load_project
from legalsite.site import plan
from tests.conftest import BUILD_DAY, SITES


def basic_pages() -> dict[str, str]:
    project = load_project(SITES / "basic")
    content = plan(project, WorkingCalendar(), BUILD_DAY)
    return {f"{page.lang}/{page.path}": page.content for page in content.pages}


PAGES = basic_pages()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_golden_pages(name: str, golden: Callable[[str, str], None]) -> None:
    golden(f"basic/{name}", PAGES[name])


def test_no_stray_golden_files() -> None:
    folder = Path(__file__).parent / "golden" / "basic"
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    assert on_disk == set(PAGES)


def test_both_languages_have_the_same_pages() -> None:
    zh = {name.split("/", 1)[1] for name in PAGES if name.startswith("zh/")}
    en = {name.split("/", 1)[1] for name in PAGES if name.startswith("en/")}
    assert zh == en


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("index.md", "doc/index.md", "doc/"),
        ("doc/index.md", "doc/history.md", "history/"),
        ("doc/history.md", "doc/2024-01-01/index.md", "../2024-01-01/"),
        ("doc/2024-01-01/index.md", "doc/index.md", "../"),
        ("doc/2024-01-01/changes.md", "doc/2024-01-01/index.md", "../"),
        ("doc/index.md", "doc/index.md", "./"),
        ("doc/index.md", "index.md", "../"),
    ],
)
def test_relative_urls(source: str, target: str, expected: str) -> None:
    assert render.relative_url(source, target) == expected


def test_site_urls() -> None:
    assert render.site_url("zh", "doc/2024-01-01/index.md") == "doc/2024-01-01/"
    assert render.site_url("en", "doc/history.md") == "en/doc/history/"
