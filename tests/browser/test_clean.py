"""The watch every browser test runs under catches what it must: console errors, uncaught
exceptions, HTTP errors and requests that leave the machine (which it also refuses)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Site, watch

pytestmark = pytest.mark.browser


def test_the_watch_reports_each_kind_of_problem(browser: Browser, versions: Site) -> None:
    problems: list[str] = []
    context = browser.new_context()
    try:
        watch(context, problems)
        page = context.new_page()
        page.goto(versions.url("current"))
        assert problems == []
        page.evaluate("console.error('deliberate')")
        page.evaluate("setTimeout(() => { throw new Error('thrown on purpose'); })")
        page.evaluate("fetch('/no-such-file.json').catch(() => null)")
        page.evaluate("fetch('https://example.org/').catch(() => null)")
        for elsewhere in ("http://192.0.2.1/", "http://localhost:1/", "http://[::1]:1/"):
            page.evaluate("(url) => fetch(url).catch(() => null)", elsewhere)
        page.wait_for_timeout(300)
    finally:
        context.close()
    joined = "\n".join(problems)
    assert "console error: deliberate" in joined
    assert "uncaught exception: " in joined and "thrown on purpose" in joined
    assert "HTTP 404: " in joined and "/no-such-file.json" in joined
    assert "request leaving the machine: https://example.org/" in joined
    for elsewhere in ("http://192.0.2.1/", "http://localhost:1/", "http://[::1]:1/"):
        assert f"request leaving the machine: {elsewhere}" in joined
