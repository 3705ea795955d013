#!/usr/bin/env python3
"""Lighthouse scores of the site's current agreement page, in both languages.

    python3 scripts/lighthouse.py                      # build the site, 3 runs, mobile + desktop
    python3 scripts/lighthouse.py --site site/ --runs 5 --preset mobile
    python3 scripts/lighthouse.py --fail-under 100     # exit 1 when a median is below 100

Builds the site (``legalsite build`` into a temporary folder) unless ``--site`` names a built
one, serves it on localhost the way a static host does (text compressed with gzip), and runs
Lighthouse from its npm package, a pinned version installed once into a cache folder outside
the repository, with Debian's chromium (``CHROME_PATH``). Reports the median score of each
category (performance, accessibility, best practices, SEO) per language and preset, the median
metrics, and every audit that cost points in any run.

Needs Node.js and npm (Debian's ``nodejs`` and ``npm``) and ``chromium``; run it in the
project's environment (``.venv``), which has legalsite for the build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.static_host import serve  # noqa: E402 - the repository's one static test server

# Lighthouse 13 needs Node.js 22.19 or later; Debian 12 ships Node.js 18, 12.x runs on it.
LIGHTHOUSE = "12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
LANGUAGES = {"zh": "", "en": "en/"}


# -- Lighthouse --------------------------------------------------------------------------------


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "legalsite"


def lighthouse_bin(cache: Path, version: str) -> Path:
    """The pinned Lighthouse, installed with npm into ``cache`` on first use."""
    prefix = cache / f"lighthouse-{version}"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if binary.is_file():
        return binary
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("error: Lighthouse needs Node.js and npm (apt-get install nodejs npm)")
    prefix.mkdir(parents=True, exist_ok=True)
    print(f"installing lighthouse@{version} into {prefix}", file=sys.stderr, flush=True)
    install = [npm, "install", "--prefix", str(prefix), "--no-save", "--no-audit", "--no-fund"]
    subprocess.run(
        [*install, "--loglevel=error", f"lighthouse@{version}"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return binary


def chrome_path() -> str:
    found = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        sys.exit("error: Lighthouse here runs Debian's chromium: apt-get install chromium")
    return found


def run_lighthouse(binary: Path, url: str, preset: str, out: Path, chrome: str) -> dict[str, Any]:
    """One Lighthouse run; its JSON report."""
    command = [
        str(binary),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chrome}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode or not out.is_file():
        sys.exit(f"error: lighthouse failed on {url} ({preset}):\n{result.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        sys.exit(f"error: lighthouse could not load {url}: {report['runtimeError']}")
    return report


# -- Results -----------------------------------------------------------------------------------


@dataclass
class Runs:
    """The reports of one page in one preset."""

    lang: str
    preset: str
    url: str
    reports: list[dict[str, Any]] = field(default_factory=list)

    def median_score(self, category: str) -> int:
        scores = [report["categories"][category]["score"] for report in self.reports]
        return round(100 * statistics.median(s or 0 for s in scores))

    def median_metric(self, audit: str) -> str:
        values = [r["audits"][audit].get("numericValue") for r in self.reports]
        numbers = [v for v in values if isinstance(v, int | float)]
        if not numbers:
            return "-"
        value = statistics.median(numbers)
        return f"{value:.3f}" if audit == "cumulative-layout-shift" else f"{value / 1000:.2f} s"

    def failing(self) -> dict[str, tuple[str, str, int]]:
        """Audits that cost points: id -> (category, title and value, in how many runs)."""
        found: dict[str, tuple[str, str, int]] = {}
        for report in self.reports:
            for category in CATEGORIES:
                for ref in report["categories"][category]["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    score = audit.get("score")
                    if ref.get("weight", 0) <= 0 or score is None or score >= 1:
                        continue
                    shown = audit.get("displayValue", "")
                    title = f"{audit['title']}" + (f" ({shown})" if shown else "")
                    runs = found[ref["id"]][2] + 1 if ref["id"] in found else 1
                    found[ref["id"]] = (category, title, runs)
        return found


def report(all_runs: Sequence[Runs]) -> str:
    labels = [f"{r.lang} {r.preset:<7} {r.url} ({len(r.reports)} runs)" for r in all_runs]
    width = max(len("median score"), *(len(label) for label in labels)) + 2
    lines = [f"{'median score':<{width}}" + "".join(f"{c:>16}" for c in CATEGORIES)]
    for label, runs in zip(labels, all_runs, strict=True):
        scores = "".join(f"{runs.median_score(c):>16}" for c in CATEGORIES)
        lines.append(f"{label:<{width}}{scores}")
    lines += ["", "median metrics"]
    for runs in all_runs:
        metrics = ", ".join(f"{m} {runs.median_metric(m)}" for m in METRICS)
        lines.append(f"  {runs.lang} {runs.preset}: {metrics}")
    lines += ["", "audits that cost points"]
    failing = [
        f"  {runs.lang} {runs.preset}: [{category}] {audit}: {title}"
        f" (in {count} of {len(runs.reports)} runs)"
        for runs in all_runs
        for audit, (category, title, count) in sorted(runs.failing().items())
    ]
    lines += failing or ["  none"]
    return "\n".join(lines)


def summary(all_runs: Sequence[Runs]) -> dict[str, Any]:
    return {
        "lighthouse": LIGHTHOUSE,
        "results": [
            {
                "lang": runs.lang,
                "preset": runs.preset,
                "url": runs.url,
                "runs": len(runs.reports),
                "median": {c: runs.median_score(c) for c in CATEGORIES},
                "metrics": {m: runs.median_metric(m) for m in METRICS},
                "failing": {
                    audit: {"category": category, "title": title, "runs": count}
                    for audit, (category, title, count) in sorted(runs.failing().items())
                },
            }
            for runs in all_runs
        ],
    }


# -- Main --------------------------------------------------------------------------------------


def build_site(target: Path, today: str | None) -> Path:
    command = [sys.executable, "-m", "legalsite", "build", "--site-dir", str(target)]
    if today:
        command += ["--today", today]
    print("+", " ".join(command), file=sys.stderr, flush=True)
    subprocess.run(command, cwd=ROOT, check=True, stdout=sys.stderr)
    return target


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--today", help="build date for the build (YYYY-MM-DD)")
    parser.add_argument(
        "--page", default="user-service-agreement/", help="page path below a language's root"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per page and preset")
    parser.add_argument("--preset", choices=["mobile", "desktop", "both"], default="both")
    parser.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    parser.add_argument("--no-compress", action="store_true", help="serve text uncompressed")
    parser.add_argument("--cache", type=Path, default=default_cache(), help="npm install cache")
    parser.add_argument("--lighthouse", default=LIGHTHOUSE, help="Lighthouse version to run")
    parser.add_argument("--json", type=Path, help="also write the summary as JSON here")
    parser.add_argument("--reports", type=Path, help="keep every Lighthouse JSON report here")
    parser.add_argument(
        "--fail-under", type=int, default=0, help="exit 1 when a median score is below this"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str]) -> int:
    args = parse(argv)
    binary = lighthouse_bin(args.cache, args.lighthouse)
    chrome = chrome_path()
    presets = ["mobile", "desktop"] if args.preset == "both" else [args.preset]
    langs = list(LANGUAGES) if args.lang == "both" else [args.lang]
    with tempfile.TemporaryDirectory(prefix="legalsite-lighthouse-") as temp:
        work = Path(temp)
        site = args.site or build_site(work / "site", args.today)
        if not (site / "index.html").is_file():
            sys.exit(f"error: {site} is not a built site (no index.html)")
        reports = args.reports or work / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        all_runs: list[Runs] = []
        with serve(site, compress=not args.no_compress) as base:
            for lang in langs:
                url = f"{base}/{LANGUAGES[lang]}{args.page}"
                for preset in presets:
                    runs = Runs(lang, preset, f"/{LANGUAGES[lang]}{args.page}")
                    for number in range(1, args.runs + 1):
                        print(f"lighthouse {lang} {preset} run {number}", file=sys.stderr)
                        out = reports / f"{lang}-{preset}-{number}.json"
                        runs.reports.append(run_lighthouse(binary, url, preset, out, chrome))
                    all_runs.append(runs)
    print(report(all_runs))
    if args.json:
        args.json.write_text(json.dumps(summary(all_runs), indent=2) + "\n", encoding="utf-8")
    low = [
        (runs.lang, runs.preset, category)
        for runs in all_runs
        for category in CATEGORIES
        if runs.median_score(category) < args.fail_under
    ]
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
