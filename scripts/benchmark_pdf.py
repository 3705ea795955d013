#!/usr/bin/env python3
"""What the PDFs cost: build time with and without them, and their sizes.

    python scripts/benchmark_pdf.py [--sizes 1,11,41] [--repeat 3] [--json FILE]

Uses scripts/benchmark.py's projects (N versions, each changing one clause of the one before)
and its measurement: one ``legalsite build`` in a fresh Python process from a clean docs/ and
site folder, so nothing is cached (as in the publish workflow). Each round builds every size
without the PDFs (``LEGALSITE_PDF=0``) and with them, interleaved so that drift on a shared
machine spreads over both. Reports medians, the ratio with / without, and the PDFs' count and
sizes (from the last build with them). The machine may be shared: compare medians and ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark  # scripts/ is not a package: found through sys.path

PDF_ENV = "LEGALSITE_PDF"


def pdf_sizes(site_dir: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site_dir.rglob("*.pdf"))


def measure(sizes: Sequence[int], repeat: int, workdir: Path) -> list[dict[str, Any]]:
    projects = {}
    for size in sizes:
        project = benchmark.make_project(workdir / f"versions-{size}", size)
        benchmark.check_project(project)
        projects[size] = project
    runs: dict[int, dict[str, list[float]]] = {size: {"0": [], "1": []} for size in sizes}
    files: dict[int, list[int]] = {}
    saved = os.environ.get(PDF_ENV)
    try:
        for round_ in range(repeat):
            for size in sizes:
                project = projects[size]
                site_dir = project.root / "site"
                for flag in ("0", "1"):
                    os.environ[PDF_ENV] = flag
                    result = benchmark.run_worker("build", project.root, project.today, site_dir)
                    runs[size][flag].append(float(result["total_s"]))
                    if flag == "1":
                        files[size] = pdf_sizes(site_dir)
                print(
                    f"round {round_ + 1}/{repeat} versions {size}: without PDFs "
                    f"{runs[size]['0'][-1]:.1f} s, with {runs[size]['1'][-1]:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        if saved is None:
            os.environ.pop(PDF_ENV, None)
        else:
            os.environ[PDF_ENV] = saved
    table = []
    for size in sizes:
        without = statistics.median(runs[size]["0"])
        with_pdfs = statistics.median(runs[size]["1"])
        sizes_ = files[size]
        table.append(
            {
                "versions": size,
                "without_pdfs_s": round(without, 2),
                "with_pdfs_s": round(with_pdfs, 2),
                "ratio": round(with_pdfs / without, 2),
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
    with tempfile.TemporaryDirectory() as scratch:
        table = measure(args.sizes, args.repeat, Path(scratch))
    sys.stdout.write(markdown(table))
    if args.json:
        args.json.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
