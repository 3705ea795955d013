"""A page weighs what it weighs with a short history (issue 23): two sites made by the shared
generator (:mod:`tests.sitegen`) from the basic test site, one with 2 versions per document and
one with 16 (each of the agreement's 7 paragraphs changed twice or more, over two years), built
without PDFs; every page kind but the history is within 10% of its size in the small site.

The page of every clause lists each clause's newest change; its earlier changes are on a page
per year, reached from the clause in one step, and together they hold every change once.

Nor does a page of a document depend on how many documents the site has: a site of three
copies of the document (the generator's ``copies``) serves each copy's pages at the weight of
the one document's.

The publication ledger is an index with a row per document (it grows with the documents, not
their versions) and a page per document (it grows with that document's versions, as the
history)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests import sitegen
from tests.conftest import CONFIG, SITES

DOC = "user-service-agreement"
SIZES = (2, 16)
STEP_DAYS = 42
"""16 versions from 2024-01-01 end in September 2025: two years, inside the calendar's."""
TOLERANCE = 0.10


def _source(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy2(CONFIG, folder / "mkdocs.yml")
    shutil.copytree(SITES / "basic" / "agreements", folder / "agreements")
    return folder


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, str]]:
    """Each size's built site and the newest version's id."""
    from legalsite.commands import actions as commands

    work = tmp_path_factory.mktemp("weights")
    source = _source(work / "source")
    built = {}
    for size in SIZES:
        made = sitegen.make_project(work / f"v{size}", size, source=source, step_days=STEP_DAYS)
        site = commands.build(
            root=made.root, today=made.today, site_dir=made.root / "site", quiet=True
        )
        built[size] = (site.site, made.versions[-1].isoformat())
    return built


def _pages(newest: str) -> list[str]:
    """One page of every kind but the history, in each language (the newest version's own)."""
    kinds = [
        "",
        f"{DOC}/",
        f"{DOC}/at-date/",
        f"{DOC}/compare/",
        f"{DOC}/clauses/",
        f"{DOC}/{newest}/",
        f"{DOC}/{newest}/changes/",
        f"{DOC}/{newest}/bilingual/",
    ]
    return [f"{prefix}{kind}index.html" for prefix in ("", "en/") for kind in kinds]


def test_every_page_but_the_history_weighs_what_it_weighs_with_a_short_history(
    sites: dict[int, tuple[Path, str]],
) -> None:
    (small, small_newest), (large, large_newest) = (sites[size] for size in SIZES)
    weights = {
        page: (
            (small / page).stat().st_size,
            (large / page.replace(small_newest, large_newest)).stat().st_size,
        )
        for page in _pages(small_newest)
    }
    heavier = {
        page: f"{before} → {after} bytes"
        for page, (before, after) in weights.items()
        if abs(after - before) > TOLERANCE * before
    }
    assert heavier == {}
    # The history lists every version: it alone grows, and the document's ledger, which lists
    # each version's files (grouped by year, as the history).
    history = [(site / DOC / "history" / "index.html").stat().st_size for site, _ in sites.values()]
    assert history[1] > history[0]
    for prefix in ("", "en/"):
        ledger = [
            (site / prefix / DOC / "ledger" / "index.html").stat().st_size
            for site, _ in sites.values()
        ]
        assert ledger[1] > ledger[0]
        # The ledger's index has a row per document, whatever its versions.
        index = [
            (site / prefix / "ledger" / "index.html").stat().st_size for site, _ in sites.values()
        ]
        assert abs(index[1] - index[0]) <= TOLERANCE * index[0], index


def _entries(page: Path, anchor: str) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return re.findall(rf'<div class="ls-clause-history" id="{anchor}">(.*?)</div>', text, re.DOTALL)


def test_each_clauses_earlier_changes_are_a_link_away_each_once(
    sites: dict[int, tuple[Path, str]],
) -> None:
    site, _ = sites[SIZES[1]]
    clauses = site / DOC / "clauses" / "index.html"
    years = sorted(p.name for p in (site / DOC / "clauses").iterdir() if p.is_dir())
    assert years == ["2024", "2025"]
    links = re.findall(r'<a href="(20\d\d)/#([^"]+)">', clauses.read_text(encoding="utf-8"))
    assert links, "no clause links to its earlier changes"
    for year, anchor in links:
        (entry,) = _entries(clauses, anchor)
        newest = re.findall(r"\.\./(\d{4}-\d\d-\d\d)/changes/#", entry)
        assert len(newest) == 1  # its newest change only
        earlier = [
            found
            for each in years
            for text in _entries(site / DOC / "clauses" / each / "index.html", anchor)
            for found in re.findall(r"\.\./\.\./(\d{4}-\d\d-\d\d)/changes/#", text)
        ]
        # The year linked is the newest of its earlier changes; all of them before the newest,
        # oldest first, none twice.
        assert earlier and earlier[-1].startswith(year)
        assert earlier == sorted(set(earlier)) and earlier[-1] < newest[0]


COPIES = 3


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A site of :data:`COPIES` copies of the document, at the small site's 2 versions."""
    from legalsite.commands import actions as commands

    work = tmp_path_factory.mktemp("documents")
    made = sitegen.make_project(
        work / "many", SIZES[0], source=_source(work / "source"), step_days=STEP_DAYS, copies=COPIES
    )
    site = commands.build(root=made.root, today=made.today, site_dir=made.root / "site", quiet=True)
    return site.site, made.versions[-1].isoformat()


def test_a_documents_pages_weigh_what_they_weigh_alone(
    sites: dict[int, tuple[Path, str]], many: tuple[Path, str]
) -> None:
    (alone, newest), (site, same) = sites[SIZES[0]], many
    assert newest == same
    pages = [*_pages(newest)[1:8], *_pages(newest)[9:], f"{DOC}/history/index.html"]
    for copy in range(1, COPIES + 1):
        heavier = {}
        for page in pages:
            before = (alone / page).stat().st_size
            after = (site / page.replace(f"{DOC}/", f"{DOC}-{copy:02d}/")).stat().st_size
            if abs(after - before) > 0.01 * before:  # the copy's title is numbered: " 2"
                heavier[page] = f"{before} → {after} bytes"
        assert heavier == {}
    # The home page lists the documents (each with its status and latest change): it alone of
    # the pages grows with them, a row each; and the ledger's index, a row each too.
    home = [(root / "index.html").stat().st_size for root in (alone, site)]
    assert home[0] < home[1] < home[0] * COPIES
    for prefix in ("", "en/"):
        index = [(root / prefix / "ledger" / "index.html").stat().st_size for root in (alone, site)]
        assert index[0] < index[1] < index[0] * COPIES
        # A document's ledger lists its own files only: the weight it has alone (but for its
        # title and its files' paths, the copy's: " 2", "-02").
        before = (alone / prefix / DOC / "ledger" / "index.html").stat().st_size
        for copy in range(1, COPIES + 1):
            after = (site / prefix / f"{DOC}-{copy:02d}" / "ledger" / "index.html").stat().st_size
            assert abs(after - before) <= 0.01 * before, f"{before} → {after} bytes"
