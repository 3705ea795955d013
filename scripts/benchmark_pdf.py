#!/usr/bin/env python3
"""What the PDFs cost: build time without them, with them from a cold cache and a warm one.

    python scripts/benchmark_pdf.py [--sizes 1,11,41] [--repeat 3] [--json FILE]

Uses scripts/benchmark.py's projects (N versions, each changing one clause of the one before)
and its measurement: one ``legalsite build`` in a fresh Python process (nothing in memory).
Three variants, set through the plugin's options in the project's mkdocs.yml:

* ``without``: ``pdf: false``;
* ``cold``: ``pdf: true`` with an empty PDF cache (the cache folder this script made for the
  run is removed first): every PDF rendered, as in the publish workflow, which keeps no cache;
* ``warm``: ``pdf: true`` with the cache the cold run filled: nothing new to render, as in a
  local rebuild or after an edit that touches one version.

Each round builds every size in every variant, interleaved so that drift on a shared machine
spreads over all of them. Reports medians, the ratios to ``without``, and the PDFs' count and
sizes (from the last build with them). Compare medians and ratios, not single runs.

    python scripts/benchmark_pdf.py --daily [--sizes 41,161] [--repeat 3] [--stand-ins]

measures the publish workflow's daily build instead (issue 22): the site is published once
(a first publication, with its PDFs), then each round times, each as one ``legalsite build``
process on the next day without a change of status, ``without`` (``pdf: false``) and
``previous`` (``pdf: true``, an empty PDF cache, ``--previous`` the published site: every PDF
read from it and checked against its ledger, none rendered). ``--stand-ins`` publishes
stand-in PDFs (valid PDF header and trailer, 311 KiB each, the real median) instead of
rendering the real ones, which takes half an hour at 161 versions on 2 cores: the daily build
reads and hashes them as it would real ones, and renders neither.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark  # scripts/ is not a package: found through sys.path

CACHE = "pdf-cache"
"""The cache folder of a benchmark project (inside it, made by its builds)."""
VARIANTS = {
    "without": "{pdf: false}",
    "cold": f"{{pdf: true, pdf_cache: {CACHE}}}",
    "warm": f"{{pdf: true, pdf_cache: {CACHE}}}",
}


def pdf_sizes(site_dir: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site_dir.rglob("*.pdf"))


def measure(sizes: Sequence[int], repeat: int, workdir: Path) -> list[dict[str, Any]]:
    projects = {}
    for size in sizes:
        project = benchmark.make_project(workdir / f"versions-{size}", size)
        benchmark.check_project(project)
        projects[size] = project
    runs: dict[int, dict[str, list[float]]] = {size: {v: [] for v in VARIANTS} for size in sizes}
    files: dict[int, list[int]] = {}
    for round_ in range(repeat):
        for size in sizes:
            project = projects[size]
            site_dir = project.root / "site"
            for variant, options in VARIANTS.items():
                benchmark.plugin_options(project.root, options)
                if variant == "cold":
                    shutil.rmtree(project.root / CACHE, ignore_errors=True)  # made by our builds
                result = benchmark.run_worker(project.root, project.today, site_dir)
                runs[size][variant].append(float(result["total_s"]))
                if variant != "without":
                    files[size] = pdf_sizes(site_dir)
            print(
                f"round {round_ + 1}/{repeat} versions {size}: "
                + ", ".join(f"{v} {runs[size][v][-1]:.1f} s" for v in VARIANTS),
                file=sys.stderr,
                flush=True,
            )
    table = []
    for size in sizes:
        medians = {v: statistics.median(runs[size][v]) for v in VARIANTS}
        sizes_ = files[size]
        table.append(
            {
                "versions": size,
                "without_s": round(medians["without"], 2),
                "cold_s": round(medians["cold"], 2),
                "warm_s": round(medians["warm"], 2),
                "cold_ratio": round(medians["cold"] / medians["without"], 2),
                "warm_ratio": round(medians["warm"] / medians["without"], 2),
                "pdfs": len(sizes_),
                "pdf_total_mib": round(sum(sizes_) / 2**20, 2),
                "pdf_median_kib": round(statistics.median(sizes_) / 1024, 1) if sizes_ else 0,
                "pdf_max_kib": round(max(sizes_) / 1024, 1) if sizes_ else 0,
                "runs": runs[size],
            }
        )
    return table


STAND_IN_BYTES = 311 * 1024
STAND_IN = """\
import hashlib, sys
from legalsite.evidence import pdf_cache

def stand_ins(self, documents):
    out = []
    for document in documents:
        seed = hashlib.sha256(document.encode("utf-8")).hexdigest().encode("ascii")
        body = seed * ({size} // len(seed))
        out.append(b"%PDF-1.7\\n%" + body + b"\\n%%EOF\\n")
    return out

pdf_cache.Renderer._render = stand_ins
from legalsite.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""A ``legalsite`` whose renderer makes stand-in PDFs (``--daily --stand-ins``)."""


def legalsite(root: Path, *args: str, stand_ins: bool = False) -> float:
    """One ``legalsite`` command in a fresh process in ``root``; its wall-clock seconds."""
    if stand_ins:
        command = [sys.executable, "-c", STAND_IN.format(size=STAND_IN_BYTES), *args]
    else:
        command = [sys.executable, "-m", "legalsite", *args]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(f"legalsite {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return seconds


def next_quiet_day(site: Path, today: date) -> date:
    """The day after ``today`` if no status changes on it (a typical daily build), else today
    (the second run of the day)."""
    data = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    upcoming = data.get("next_change")
    tomorrow = today + timedelta(days=1)
    return tomorrow if upcoming is None or date.fromisoformat(upcoming) > tomorrow else today


def measure_daily(
    sizes: Sequence[int], repeat: int, workdir: Path, *, stand_ins: bool
) -> list[dict[str, Any]]:
    projects = {}
    days = {}
    for size in sizes:
        project = benchmark.make_project(workdir / f"versions-{size}", size, step_days=4)
        benchmark.check_project(project)
        root = project.root
        benchmark.plugin_options(root, f"{{pdf: true, pdf_cache: {CACHE}}}")
        published = root / "published"
        seconds = legalsite(
            root,
            "build",
            "--today",
            project.today.isoformat(),
            "--site-dir",
            str(published),
            stand_ins=stand_ins,
        )
        days[size] = next_quiet_day(published, project.today)
        print(f"versions {size}: published in {seconds:.0f} s", file=sys.stderr, flush=True)
        projects[size] = project
    runs: dict[int, dict[str, list[float]]] = {s: {"without": [], "previous": []} for s in sizes}
    for round_ in range(repeat):
        for size in sizes:
            root = projects[size].root
            day = ["--today", days[size].isoformat(), "--site-dir", str(root / "site")]
            benchmark.plugin_options(root, "{pdf: false}")
            runs[size]["without"].append(legalsite(root, "build", *day))
            benchmark.plugin_options(root, f"{{pdf: true, pdf_cache: {CACHE}}}")
            shutil.rmtree(root / CACHE, ignore_errors=True)  # made by our builds: no cache
            previous = ["--previous", str(root / "published")]
            runs[size]["previous"].append(legalsite(root, "build", *day, *previous))
            if (root / CACHE).exists():
                raise RuntimeError("the daily build rendered a PDF the published site has")
            print(
                f"round {round_ + 1}/{repeat} versions {size}: without "
                f"{runs[size]['without'][-1]:.1f} s, previous {runs[size]['previous'][-1]:.1f} s",
                file=sys.stderr,
                flush=True,
            )
    table = []
    for size in sizes:
        bare = statistics.median(runs[size]["without"])
        against = statistics.median(runs[size]["previous"])
        pdfs = pdf_sizes(projects[size].root / "site")
        table.append(
            {
                "versions": size,
                "daily_without_pdfs_s": round(bare, 2),
                "daily_previous_s": round(against, 2),
                "ratio": round(against / bare, 2),
                "pdfs_served": len(pdfs),
                "pdf_total_mib": round(sum(pdfs) / 2**20, 1),
                "stand_ins": stand_ins,
                "runs": runs[size],
            }
        )
    return table


def markdown(table: Sequence[dict[str, Any]]) -> str:
    columns = [k for k in table[0] if k != "runs"]
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in table]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        type=benchmark.parse_sizes,
        default=[1, 11, 41],
        help="numbers of versions (default 1,11,41)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (default 3)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--daily",
        action="store_true",
        help="the daily build against the published site (--previous) and without PDFs",
    )
    parser.add_argument(
        "--stand-ins",
        action="store_true",
        help="with --daily: publish stand-in PDFs of the real median size instead of rendering",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="legalsite-bench-pdf-") as scratch:
        if args.daily:
            table = measure_daily(args.sizes, args.repeat, Path(scratch), stand_ins=args.stand_ins)
        else:
            table = measure(args.sizes, args.repeat, Path(scratch))
    sys.stdout.write(markdown(table))
    if args.json:
        args.json.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
