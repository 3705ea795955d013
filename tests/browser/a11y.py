"""axe-core in the page: the copy bundled with axe-playwright-python, run with axe's defaults
(WCAG 2.0/2.1/2.2 A and AA and the best-practice rules; experimental and AAA rules off)."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

from playwright.sync_api import Page


@functools.cache
def axe_source() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec is not None and spec.origin, "axe-playwright-python is not installed"
    return (Path(spec.origin).parent / "axe.min.js").read_text(encoding="utf-8")


def violations(page: Page, context: str | None = None) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now (or inside the ``context`` selector)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    found: list[dict[str, Any]] = page.evaluate(
        "(context) => axe.run(context || document).then((results) => results.violations)",
        context,
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
