"""Shared fixtures: tiny projects assembled in temporary folders, and golden-file support."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from legalsite.evidence import pdf, pdf_cache, user_cache
from legalsite.model.errors import LegalsiteError
from legalsite.site.plan import SiteContent, plan
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import load_project
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
# turn a loaded, shared machine into random failures. Two profiles: a thorough one in CI (which
# sets CI=true), every test's own number of examples; a quick one on a developer's machine, a
# tenth of them (at least 5). HYPOTHESIS_PROFILE=ci asks for the thorough one anywhere.
# CI's examples are derandomized (each test's seed is fixed by its name), so what CI runs is
# what `HYPOTHESIS_PROFILE=ci scripts/dev.py test` runs anywhere, and a red CI reproduces
# locally; the local profile keeps drawing new examples, which is where new defects turn up
# (the `--site-dir=--` of tests/test_cli.py was found that way, by CI).
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "local") == "ci"
settings.register_profile("ci", deadline=None, max_examples=100, print_blob=True, derandomize=True)
settings.register_profile("local", deadline=None, max_examples=10)
settings.load_profile("ci" if THOROUGH else "local")


def examples(thorough: int) -> int:
    """A test's number of Hypothesis examples under the loaded profile: ``thorough`` in CI."""
    return thorough if THOROUGH else min(thorough, max(5, thorough // 10))


# The PDFs the tests rendered, kept between runs on this machine as a user's builds keep theirs
# (legalsite.evidence.pdf_cache, its own key beside it): named by pdf.digest (the HTML, the
# renderer's versions and font files) and RENDER_CODE, so a changed template, text, renderer,
# rendering code or check renders again, and an entry is stored only after the check passed.
# Beside legalsite's own folder in the user's cache folder (user_cache.folder), outside every
# clone, found before the tests point XDG_CACHE_HOME elsewhere; delete it for a cold run (with
# no user's cache folder, each run keeps its own).
def _test_cache() -> Path | None:
    try:
        return user_cache.folder().parent / "legalsite-tests"
    except LegalsiteError:
        return None


TEST_CACHE = _test_cache()


RENDER_CODE = hashlib.sha256(
    Path(pdf.__file__).read_bytes() + Path(pdftext.__file__).read_bytes()
).hexdigest()
"""Part of each kept PDF's key beside pdf.digest: the code that renders it (its options) and
the check it passed; a change to either renders and checks every PDF again."""


def rendered_pdfs(fallback: Path) -> tuple[pdf_cache.PdfCache, Path]:
    """The machine's cache of the tests' PDFs and its folder of locks; in ``fallback`` (the
    run's own folder) when the user's cache folder cannot be written."""
    for base in (TEST_CACHE or fallback, fallback):
        try:
            (base / "locks").mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        folder = base / "pdfs"
        return pdf_cache.PdfCache(folder, project=folder, key=base / "cache-key"), base / "locks"
    raise RuntimeError(f"neither {TEST_CACHE} nor {fallback} can be written")


@pytest.fixture(autouse=True, scope="session")
def pdfs_rendered_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each PDF rendered once on this machine, by whichever xdist worker asks first (the others
    wait for it and read the file): the tests build the same tiny sites again and again, each
    with a PDF cache of its own that starts empty. A build renders what its cache lacks
    (``Renderer.rendered`` counts those), this copy only saves the time. What the tests say of
    rendering itself (the same bytes in another process, in parallel, with the machine's
    fonts) they render outside it."""
    render = pdf.render_html
    cache, locks = rendered_pdfs(run_folder(tmp_path_factory))

    # Named as the function it stands for: worker processes (pdf_cache.Renderer) are given
    # pdf.render_html by name, and there render unchecked.
    @functools.wraps(render)
    def checked(document_html: str) -> bytes:
        """Each PDF a test renders holds its HTML's text, every character as itself and on
        the page (tests/pdftext.py says what the comparison leaves out)."""
        key = hashlib.sha256((pdf.digest(document_html) + RENDER_CODE).encode()).hexdigest()
        with (locks / f"{key}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = cache.get(key)
            if data is None:
                data = render(document_html)
                pdftext.assert_pdf_is_its_html(data, document_html)
                cache.put(key, data)
            return data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "render_html", functools.lru_cache(maxsize=1024)(checked))
        # Rendered in this process, one at a time: the test run's xdist workers already keep
        # every core busy, and the processes a build would spawn to render in parallel each
        # import WeasyPrint again and render unchecked and unshared (pdf.render_html by name).
        # tests/test_pdfcache.py gives its renderers workers of their own.
        patch.setattr(pdf_cache, "worker_count", lambda: 1)
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


# The PDFs are the slowest part of a build (WeasyPrint, fonts subset): a test site is built
# without them unless its test is about them, and those sites share one PDF cache for the
# session (pdf_cache outside the project), so each PDF is rendered once per test run.
PDF_CACHE: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def _shared_pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The test run's PDF cache folder, one for all xdist workers (legalsite makes it on the
    first build with PDFs, and writes each entry whole in one rename)."""
    PDF_CACHE[:] = [run_folder(tmp_path_factory) / "pdf-cache"]


@functools.cache
def planned(site: str, day: date) -> SiteContent:
    """What a build of tests/data/sites/``site`` on ``day`` generates (the pages, the files),
    planned once per test process for every module that reads it."""
    return plan(load_project(SITES / site), WorkingCalendar(), day)


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run shared by all its xdist workers (each has a basetemp of its
    own inside the run's)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Path:
    """``make(folder)`` once in the whole test run, by whichever xdist worker asks first; the
    others wait for it and share what it made. For built sites, which tests read and never
    change: each worker building its own only cost the time of a build."""
    folder = run_folder(factory) / f"once-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder.parent / f"once-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = folder.parent / f"once-{name}.made"
        if not made.exists():
            made.write_text(str(make(folder).relative_to(folder)), encoding="utf-8")
        return folder / made.read_text(encoding="utf-8")


def assemble(target: Path, agreements: Path, *, pdf: bool = False) -> Path:
    """A project in ``target``: the repository's mkdocs.yml plus the given agreements folder,
    built without PDFs (``pdf: false``) unless ``pdf``, then with the session's PDF cache."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(CONFIG, target / "mkdocs.yml")
    shutil.copytree(agreements, target / "agreements")
    if pdf:
        set_plugin_options(target, f"{{pdf_cache: {json.dumps(str(PDF_CACHE[0]))}}}")
    else:
        set_plugin_options(target, "{pdf: false}")
    return target


def set_plugin_options(root: Path, options: str) -> None:
    """Add ``options`` (a YAML flow mapping) to the legalsite plugin's in the project's
    mkdocs.yml; an option given again takes the new value (YAML: the last key wins)."""
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  - legalsite"))
    _, given, present = lines[at].partition(":")
    inner = [present.strip()[1:-1]] if given else []
    inner.append(options.strip()[1:-1])
    lines[at] = "  - legalsite: {" + ", ".join(part for part in inner if part.strip()) + "}"
    config.write_text("\n".join(lines), encoding="utf-8")


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


@dataclass(frozen=True)
class Ran:
    """What a run of the command line gave: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(root: Path, *args: str) -> Ran:
    """``legalsite ARGS`` run in ``root``, in this process (``legalsite.cli.main``): a
    subprocess costs a second of imports, and most tests read an answer that needs none.
    SystemExit is taken as the process would end: argparse's 0 or 2, a message as exit 1."""
    from legalsite.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            if isinstance(exc.code, int) or exc.code is None:
                code = exc.code or 0
            else:
                print(exc.code, file=sys.stderr)
                code = 1
    return Ran(code, out.getvalue(), err.getvalue())


def run_process(
    root: Path, *args: str, tz: str = "UTC", env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m legalsite ARGS`` in a process of its own: for what only a process shows (its
    time zone, its environment, an installed wheel, a signal, two builds at once)."""
    return subprocess.run(
        [sys.executable, "-m", "legalsite", *args],
        cwd=root,
        env={**os.environ, "TZ": tz, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Processes started inside stop on Ctrl+C (SIGINT) as when started from a shell.

    A test run started in the background by a shell (`scripts/dev.py test &`, as a CI runner
    may) ignores SIGINT, and a child process inherits an ignored signal: Python then installs
    no KeyboardInterrupt, and a `mkdocs serve` sent SIGINT by a test ran on forever. A signal
    the parent catches is reset to its default in the child, so the test process catches
    SIGINT while it starts one."""
    import signal

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def stop_process(process: subprocess.Popen[str], how: int, *, timeout: float = 120) -> None:
    """Send ``how`` (a signal) and wait for the process to end; one still running after
    ``timeout`` seconds is killed and fails the test (rather than hanging the suite)."""
    process.send_signal(how)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(
            f"the process did not stop {timeout:.0f} s after signal {how}: {process.args!r}"
        )


BUILD_DAY = date(2024, 6, 1)


def build_site(root: Path, today: date, site_dir: Path | None = None) -> Path:
    from legalsite.commands import actions as commands

    built = commands.build(root=root, today=today, site_dir=site_dir or root / "site", quiet=True)
    return built.site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own agreements, built once for the session on BUILD_DAY."""
    return made_once(
        tmp_path_factory,
        "real",
        lambda folder: build_site(assemble(folder / "project", ROOT / "agreements"), BUILD_DAY),
    )


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/sites/basic built once for the session on BUILD_DAY."""
    agreements = SITES / "basic" / "agreements"
    return made_once(
        tmp_path_factory,
        "basic",
        lambda folder: build_site(assemble(folder / "project", agreements), BUILD_DAY),
    )


# Version 2025-03-03 of tests/data/sites/versions (a Monday) is published on Friday 2025-02-28.
VERSIONS_EFFECTIVE = date(2025, 3, 3)


@pytest.fixture(scope="session")
def versions_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/sites/versions built on the day its second version takes effect: a current,
    an archived and a changes page in each language."""
    agreements = SITES / "versions" / "agreements"
    return made_once(
        tmp_path_factory,
        "versions",
        lambda folder: build_site(
            assemble(folder / "project", agreements, pdf=True), VERSIONS_EFFECTIVE
        ),
    )


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
