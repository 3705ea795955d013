"""Golden files for the rendered Markdown pages of the tiny basic site, and page plumbing."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from legalsite.model import routes
from legalsite.site.plan import plan
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import Project, load_project
from tests.conftest import BUILD_DAY, SITES, examples
from tests.hostile import hostile_string
from tests.test_escape import Parsed, forbidden, hostile_document, no_surrogates


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
    assert routes.relative_url(source, target) == expected


def test_site_urls() -> None:
    assert routes.site_url("zh", "doc/2024-01-01/index.md") == "doc/2024-01-01/"
    assert routes.site_url("en", "doc/history.md") == "en/doc/history/"


# -- Hostile strings in every page kind (validation bypassed) ---------------------------------


def page_meta(content: str) -> tuple[str, dict[str, object]]:
    """What MkDocs reads from a generated page: its body and front matter."""
    body, meta = get_data(content)
    return body, meta


def plan_of(strings: list[str]) -> dict[str, str]:
    document, _ = hostile_document(strings)
    content = plan(Project(SITES / "basic", (document,)), WorkingCalendar(), date(2024, 6, 1))
    return {f"{page.lang}/{page.path}": page.content for page in content.pages}


PLAIN_PAGES = plan_of([f"word{n}" for n in range(200)])


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(hostile_string(), min_size=40, max_size=40).map(no_surrogates))
def test_every_page_keeps_its_front_matter_and_title_whatever_the_text(strings: list[str]) -> None:
    pages = plan_of(strings)
    assert set(pages) == set(PLAIN_PAGES)
    for name, content in pages.items():
        assert forbidden(content) == [], name
        content.encode("utf-8")
        body, meta = page_meta(content)
        plain_body, plain_meta = page_meta(PLAIN_PAGES[name])
        # The same keys and the same search exclusion: nothing leaked into or out of it.
        assert set(meta) == set(plain_meta), name
        assert meta.get("search") == plain_meta.get("search"), name
        assert meta["legalsite"] == plain_meta["legalsite"], name
        # The theme prints the title and description as they are: HTML text, escaped once.
        for key in ("title", "description"):
            if key in meta:
                value = meta[key]
                assert isinstance(value, str)
                assert Parsed(f"<p>{value}</p>").elements == [("p", {})], (name, key)
        # One h1 line, the page's own, right after the front matter.
        assert body.startswith("# "), name
        assert len(re.findall(r"(?m)^# ", body)) == 1, name
        assert len(re.findall(r"(?m)^#{1,6} ", body)) == len(
            re.findall(r"(?m)^#{1,6} ", plain_body)
        ), name


def test_the_home_page_groups_the_documents_in_force_and_those_upcoming() -> None:
    # The day before the privacy policy takes effect (published the working day before).
    content = plan(load_project(SITES / "basic"), WorkingCalendar(), date(2024, 2, 29))
    (home,) = [p.content for p in content.pages if p.lang == "en" and p.path == "index.md"]
    groups = re.findall(r"## ([^\n]+) \{#documents-(\w+)\}\n\n<ul[^>]*>\n(.*?)</ul>", home, re.S)
    assert [(title, status) for title, status, _ in groups] == [
        ("In force", "current"),
        ("Upcoming", "upcoming"),
    ]
    assert re.findall(r'<li><a href="([^"]+)">', groups[0][2]) == ["user-service-agreement/"]
    assert re.findall(r'<li><a href="([^"]+)">', groups[1][2]) == ["privacy-policy/"]
