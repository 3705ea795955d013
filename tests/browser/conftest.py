"""Browser fixtures: built sites served on localhost, one Chromium for the whole session, and
pages that fail their test on any console error, uncaught exception, failed request (HTTP 4xx,
5xx or a network error) or request leaving the machine: the site must be clean.

The browser is Debian's Chromium (``apt-get install chromium-headless-shell``, else its
``chromium``), never a downloaded one. Without
it the browser tests are skipped, unless ``LEGALSITE_REQUIRE_BROWSER`` is set (``scripts/dev.py
test`` and so CI set it): then they fail. Screenshots are saved only with
``LEGALSITE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    WebError,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import ROOT, SITES, assemble, build_site, made_once
from tests.static_host import serve

ARTIFACTS = ROOT / "test-artifacts"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Nothing leaves the machine: every request but the served sites' goes to a proxy at a port
    # where nothing listens, and fails; the watch reports it (see ``watch``). Refusing in the browser, not by routing requests
    # through Playwright: a route makes every request a round trip to the driver and turns the
    # browser's cache off, and the tests then load and compile every script again on every page.
    "--proxy-server=http://127.0.0.1:9",
    # Only the served sites' address goes around it: not localhost, [::1] nor 127.0.0.2, which
    # Chromium would otherwise send directly (its implicit loopback rule, subtracted here).
    "--proxy-bypass-list=<-loopback>;127.0.0.1",
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Every kind of page of tests/data/sites/versions built on 2025-03-03, below a language's root.
PAGES = {
    "home": "",
    "current": "user-service-agreement/",
    "archived": "user-service-agreement/2024-01-01/",
    "changes": "user-service-agreement/2025-03-03/changes/",
    "bilingual": "user-service-agreement/2025-03-03/bilingual/",
    "history": "user-service-agreement/history/",
    "at-date": "user-service-agreement/at-date/",
    "compare": "user-service-agreement/compare/",
}

# The day version 2025-03-03 of tests/data/sites/versions is published: it is upcoming.
PUBLICATION = date(2025, 2, 28)


# -- Serving ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """A built site served over HTTP."""

    base: str
    root: Path

    def url(self, page: str = "home", lang: str = "zh", fragment: str = "") -> str:
        """URL of a page: a name from ``PAGES`` or a path below the language's root."""
        path = PAGES.get(page, page)
        prefix = "" if lang == "zh" else f"{lang}/"
        return f"{self.base}/{prefix}{path}" + (f"#{fragment}" if fragment else "")

    def path(self, url: str) -> str:
        """The path of one of this site's URLs (no scheme, host or port)."""
        return url.removeprefix(self.base)


@pytest.fixture(scope="session")
def versions(versions_site: Path) -> Iterator[Site]:
    """tests/data/sites/versions built on 2025-03-03 (current, archived, changes …)."""
    with serve(versions_site) as base:
        yield Site(base, versions_site)


@pytest.fixture(scope="session")
def real(real_site: Path) -> Iterator[Site]:
    """The repository's own agreements."""
    with serve(real_site) as base:
        yield Site(base, real_site)


def served_test_site(
    factory: pytest.TempPathFactory, name: str, day: date, *, made: str | None = None
) -> Iterator[Site]:
    """tests/data/sites/``name`` built once in the test run on ``day`` (shared by every worker
    under the key ``made``, else ``name``), served on localhost while the fixture lasts."""
    agreements = SITES / name / "agreements"
    site = made_once(
        factory,
        made or name,
        lambda folder: build_site(assemble(folder / "project", agreements), day),
    )
    with serve(site) as base:
        yield Site(base, site)


@pytest.fixture(scope="session")
def upcoming(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """tests/data/sites/versions built on 2025-02-28: version 2025-03-03 published, upcoming."""
    yield from served_test_site(tmp_path_factory, "versions", PUBLICATION, made="upcoming")


# -- The browser -----------------------------------------------------------------------------


HEADLESS_SHELL = "chromium-headless-shell"
"""Debian's Chromium without a window (its package of that name): the same Blink and V8 as
``chromium``, without the browser's user interface, as Playwright runs headless tests; a page
and its axe-core check cost it about two thirds of what they cost ``chromium --headless``."""


def chromium_executable() -> str | None:
    """Debian's headless shell, else Debian's chromium."""
    for name in (HEADLESS_SHELL, "chromium"):
        found = shutil.which(name) or f"/usr/bin/{name}"
        if Path(found).is_file():
            return found
    return None


def browser_required() -> bool:
    return os.environ.get("LEGALSITE_REQUIRE_BROWSER", "") not in ("", "0")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_executable()
    if executable is None:
        reason = f"the browser tests need Debian's Chromium (apt-get install {HEADLESS_SHELL})"
        if browser_required():
            pytest.fail(f"{reason}, and LEGALSITE_REQUIRE_BROWSER is set", pytrace=False)
        pytest.skip(f"{reason}; not installed")
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
    finally:
        playwright.stop()


# -- Pages that must stay clean ----------------------------------------------------------------

PROBLEMS = pytest.StashKey[list[str]]()


# Everything but the served sites.
OUTSIDE = re.compile(r"^(?!http://127\.0\.0\.1:|data:|blob:|about:)")


class Problems:
    """Where the watch of a context that outlives a test writes: the list of the test now
    running (``now``), so that each test is failed for its own pages' problems only."""

    def __init__(self) -> None:
        self.now: list[str] = []

    def append(self, problem: str) -> None:
        self.now.append(problem)


def watch(context: BrowserContext, problems: list[str] | Problems) -> None:
    """Record what must not happen on the site. Requests leaving the machine are refused by the
    browser itself (``CHROMIUM_ARGS``' proxy) and reported here as what they are."""

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            problems.append(f"console error: {message.text} ({where})")

    def web_error(error: WebError) -> None:
        problems.append(f"uncaught exception: {error.error}")

    def response(answer: Response) -> None:
        if OUTSIDE.match(answer.url):  # answered all the same (the proxy rules must fail)
            problems.append(f"request leaving the machine: {answer.url}")
        elif answer.status >= 400:
            problems.append(f"HTTP {answer.status}: {answer.url}")

    def failed(request: Request) -> None:
        if OUTSIDE.match(request.url):
            problems.append(f"request leaving the machine: {request.url}")
        # A navigation that replaces the page aborts what the old page was still loading.
        elif request.failure != "net::ERR_ABORTED":
            problems.append(f"request failed ({request.failure}): {request.url}")

    context.on("console", console)
    context.on("weberror", web_error)
    context.on("response", response)
    context.on("requestfailed", failed)


@pytest.fixture
def open_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., Page]]:
    """``open_page(**context_options)``: a page in a fresh context (desktop size by default)."""
    problems = request.node.stash.setdefault(PROBLEMS, [])
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Page:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        watch(context, problems)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@dataclass
class Shared:
    """A desktop context kept for a worker's whole session: its pages share the HTTP cache (the
    site's assets, axe-core), so a test's page loads what the tests before it already fetched.
    Each test has a page of its own, and leaves no cookie nor stored value behind."""

    context: BrowserContext
    problems: Problems


@pytest.fixture(scope="session")
def shared(browser: Browser) -> Iterator[list[Shared]]:
    """The worker's shared context, made when a test first asks for ``page`` (and again after a
    test that set the page's clock, which is the context's)."""
    held: list[Shared] = []
    yield held
    for one in held:
        one.context.close()


def _shared_context(browser: Browser, held: list[Shared]) -> Shared:
    if not held:
        options: dict[str, Any] = {"viewport": DESKTOP}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        problems = Problems()
        watch(context, problems)
        held.append(Shared(context, problems))
    return held[0]


# A page's clock more than a minute off the real one: a test set it (``page.clock``), and the
# clock is the whole context's, so the context is not used again.
_CLOCK_OFF = "Math.abs(Date.now() - %d) > 60000"


@pytest.fixture
def page(browser: Browser, shared: list[Shared], request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop-sized page, in the worker's shared context (``open_page()`` gives one in a
    context of its own)."""
    one = _shared_context(browser, shared)
    one.problems.now = request.node.stash.setdefault(PROBLEMS, [])
    opened = one.context.new_page()
    yield opened
    one.problems.now = []
    try:
        if opened.url.startswith("http"):
            opened.evaluate("localStorage.clear()")
        dirty = bool(opened.evaluate(_CLOCK_OFF % (time.time() * 1000)))
    except PlaywrightError:
        dirty = True
    opened.close()
    one.context.clear_cookies()
    if dirty:
        shared.clear()
        one.context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Fail a test whose pages logged an error or failed a request, even if it passed."""
    result = yield
    problems = item.stash.get(PROBLEMS, [])
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        pytest.fail(f"the site is not clean in the browser:\n{listed}", pytrace=False)
    return result


def screenshots_wanted() -> bool:
    """Screenshots are for a person to look at: made on request (``LEGALSITE_SCREENSHOTS=1``),
    not on every run; what the screenshot tests check is checked either way."""
    return os.environ.get("LEGALSITE_SCREENSHOTS", "") not in ("", "0")


def screenshot(page: Page, path: Path, *, full_page: bool = False) -> None:
    """Save a screenshot of ``page`` at ``path`` when screenshots are wanted."""
    if screenshots_wanted():
        page.screenshot(path=path, full_page=full_page)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (git-ignored): screenshots and PDFs to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# -- Helpers for the tests -------------------------------------------------------------------


def in_view(page: Page, element_id: str) -> bool:
    """Whether the element's top is on screen, below Material's fixed header."""
    return bool(
        page.evaluate(
            """(id) => {
                const box = document.getElementById(id).getBoundingClientRect();
                const header = document.querySelector(".md-header").getBoundingClientRect();
                return box.top >= header.bottom - 1 && box.top < window.innerHeight;
            }""",
            element_id,
        )
    )


_META = 'document.querySelector(".md-search-result__meta").textContent.trim()'
_PLACEHOLDER = (
    'JSON.parse(document.getElementById("__config").textContent)'
    '.translations["search.result.placeholder"]'
)


def search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the header's search box; the results as (path#fragment, text)."""
    page.click(".md-search__input")
    # The index loads in a web worker; a query typed before it is ready would be dropped.
    page.wait_for_function(f"() => {_META} === {_PLACEHOLDER}")
    # The whole query at once (as an input method commits a Chinese word), then a key press:
    # Material reads the query on keyup, and one query means one answer to wait for.
    page.fill(".md-search__input", query)
    page.keyboard.press("End")
    page.wait_for_function(f"() => {_META} !== {_PLACEHOLDER}")  # "n results" or "none"
    results = []
    for link in page.locator(".md-search-result__item a.md-search-result__link").all():
        url = urlsplit(link.get_attribute("href") or "")
        results.append((url.path + (f"#{url.fragment}" if url.fragment else ""), link.inner_text()))
    return results


# -- The revision site: every kind of change ---------------------------------------------------

# tests/data/sites/revision (reworded, added, deleted, moved, renumbered, retitled clauses, a
# table) built on the day its last version takes effect.
REVISION_DAY = date(2025, 9, 1)

# Every kind of page of the revision site, below a language's root.
REVISION_PAGES = {
    "home": "",
    "current": "user-service-agreement/",
    "version": "user-service-agreement/2025-07-01/",
    "archived": "user-service-agreement/2024-01-01/",
    "changes": "user-service-agreement/2025-07-01/changes/",
    "latest changes": "user-service-agreement/2025-09-01/changes/",
    "bilingual": "user-service-agreement/2025-09-01/bilingual/",
    "history": "user-service-agreement/history/",
    "at-date": "user-service-agreement/at-date/",
    "compare": "user-service-agreement/compare/",
    "clauses": "user-service-agreement/clauses/",
    "404": "404.html",
}


@pytest.fixture(scope="session")
def revision(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """tests/data/sites/revision built on 2025-09-01: three versions, every kind of change."""
    yield from served_test_site(tmp_path_factory, "revision", REVISION_DAY)


HIERARCHY_DAY = date(2025, 8, 1)


@pytest.fixture(scope="session")
def hierarchy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """tests/data/sites/hierarchy built on 2025-08-01: sub-sections, annexes and end matter
    added, removed, moved and renumbered (the same build as tests/test_hierarchy.py's)."""
    yield from served_test_site(tmp_path_factory, "hierarchy", HIERARCHY_DAY)
