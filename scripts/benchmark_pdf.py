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
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
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
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="legalsite-bench-pdf-") as scratch:
        table = measure(args.sizes, args.repeat, Path(scratch))
    sys.stdout.write(markdown(table))
    if args.json:
        args.json.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
