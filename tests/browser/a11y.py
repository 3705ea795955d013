"""axe-core in the page, with the WCAG 2.0 A and AA, WCAG 2.1 AA and best-practice rules.

The copy is the newest axe-core, vendored for the tests (not the site) in tests/browser/vendor/
(MPL-2.0, licence beside it): axe-playwright-python bundles an older one, whose rules miss
what the current ones report (the changes page's toggles at 4.45:1, issue 16). Update it with
``npm pack axe-core`` and copy ``package/axe.min.js``; :func:`test_axe_is_the_vendored_copy`
checks the version that runs."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

VENDORED = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"
"""The vendored axe-core: the newest 4.x on the npm registry when it was copied."""

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@functools.cache
def axe_source() -> str:
    return VENDORED.read_text(encoding="utf-8")


class _Cached(SimpleHTTPRequestHandler):
    """The vendored folder, cacheable: the browser fetches and compiles axe once per context."""

    def log_message(self, format: str, *args: Any) -> None:
        """No access log."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=86400, immutable")
        super().end_headers()


@functools.cache
def axe_url() -> str:
    """axe-core served on localhost (in this process, for its whole life): a page loads it as a
    script, which the browser caches, rather than being sent its 550 kB source every time."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Cached, directory=str(VENDORED.parent))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="serve axe", daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/{VENDORED.name}"


def violations(page: Page, context: str | None = None) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now (or inside the ``context`` selector). Only the
    violations are collected (``resultTypes``): axe then spares the details of what passed."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if page.url.startswith("http://127.0.0.1:"):
            page.add_script_tag(url=axe_url())
        else:
            page.evaluate(axe_source())
    found: list[dict[str, Any]] = page.evaluate(
        """([context, tags]) => axe.run(context || document,
                {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
            .then((results) => results.violations)""",
        [context, TAGS],
    )
    return found


def describe(found: list[dict[str, Any]]) -> str:
    """One readable paragraph per rule: id, impact, help, then each failing node."""
    lines: list[str] = []
    for violation in found:
        lines.append(
            f"{violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


def settle(page: Page) -> None:
    """Wait for running CSS transitions and animations to end: axe checks the colours as they
    are at that moment, and a half-faded search box has contrast it never rests at."""
    page.wait_for_function(
        "document.getAnimations().every((a) => a.playState !== 'running')", timeout=5000
    )


def assert_accessible(page: Page, where: str) -> None:
    settle(page)
    found = violations(page)
    assert not found, f"axe-core violations on {where}:\n{describe(found)}"
