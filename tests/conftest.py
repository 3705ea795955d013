"""Shared fixtures: tiny projects assembled in temporary folders, and golden-file support."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from legalsite.evidence import pdf
from tests import pdftext

if TYPE_CHECKING:
    from legalsite.commands.actions import NewVersion

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SITES = DATA / "sites"
GOLDEN = Path(__file__).resolve().parent / "golden"
REFERENCE = DATA / "reference" / "user-service-agreement.txt"

# A site is its mkdocs.yml (using the legalsite plugin) and its agreements: nothing else.
CONFIG = ROOT / "mkdocs.yml"


# No test is timed (timings belong in the benchmarks): Hypothesis' per-example deadline would
# turn a loaded, shared machine into random failures.
settings.register_profile("legalsite", deadline=None)
settings.load_profile("legalsite")


@pytest.fixture(autouse=True, scope="session")
def pdfs_rendered_once() -> Iterator[None]:
    """Each PDF rendered once in a test run: the tests build the same tiny sites again and again,
    each with a PDF cache of its own that starts empty. A build renders what its cache lacks
    (``Renderer.rendered`` counts those), this in-process copy only saves the time."""
    render = pdf.render_html

    # Named as the function it stands for: worker processes (pdf_cache.Renderer) are given
    # pdf.render_html by name, and there render unchecked.
    @functools.wraps(render)
    def checked(document_html: str) -> bytes:
        """Each PDF a test renders holds its HTML's text, every character as itself and on
        the page (tests/pdftext.py says what the comparison leaves out)."""
        data = render(document_html)
        pdftext.assert_pdf_is_its_html(data, document_html)
        return data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "render_html", functools.lru_cache(maxsize=1024)(checked))
        yield


@pytest.fixture(autouse=True, scope="session")
def machine_cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The PDF cache's key of this test run, in a folder of its own (as a user's
    ``~/.cache/legalsite/cache-key``, outside every project a test builds)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the golden files under tests/golden/ from the current output",
    )


def assemble(target: Path, agreements: Path) -> Path:
    """A project in ``target``: the repository's mkdocs.yml plus the given agreements folder."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(CONFIG, target / "mkdocs.yml")
    shutil.copytree(agreements, target / "agreements")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Callable[[str], Path]:
    """``project("basic")``: a copy of tests/data/sites/basic as a whole project."""

    def make(name: str) -> Path:
        return assemble(tmp_path / name, SITES / name / "agreements")

    return make


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden("name.md", text)``: compare with tests/golden/name.md (or rewrite it)."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.is_file(), f"missing golden file {path}: run pytest --update-goldens"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"

    return check


BUILD_DAY = date(2024, 6, 1)


def build_site(root: Path, today: date, site_dir: Path | None = None) -> Path:
    from legalsite.commands import actions as commands

    built = commands.build(root=root, today=today, site_dir=site_dir or root / "site", quiet=True)
    return built.site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own agreements, built once for the session on BUILD_DAY."""
    root = assemble(tmp_path_factory.mktemp("real") / "project", ROOT / "agreements")
    return build_site(root, BUILD_DAY)


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/sites/basic built once for the session on BUILD_DAY."""
    root = assemble(tmp_path_factory.mktemp("basic") / "project", SITES / "basic" / "agreements")
    return build_site(root, BUILD_DAY)


# Version 2025-03-03 of tests/data/sites/versions (a Monday) is published on Friday 2025-02-28.
VERSIONS_EFFECTIVE = date(2025, 3, 3)


@pytest.fixture(scope="session")
def versions_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/sites/versions built on the day its second version takes effect: a current,
    an archived and a changes page in each language."""
    root = assemble(
        tmp_path_factory.mktemp("versions") / "project", SITES / "versions" / "agreements"
    )
    return build_site(root, VERSIONS_EFFECTIVE)


def new_revision_version(root: Path) -> NewVersion:
    """``legalsite new-version`` of the revision site's agreement in ``root`` (a copy of its
    agreements), effective 2026-03-02 on 2026-01-05, with a minimal mkdocs.yml beside them."""
    from legalsite.commands import actions as commands

    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return commands.new_version(
        root=root,
        document="user-service-agreement",
        effective=date(2026, 3, 2),
        today=date(2026, 1, 5),
    )
