#!/usr/bin/env python3
"""How the build scales with the number of versions: render step versus MkDocs.

    python scripts/benchmark.py [--sizes 1,11,41] [--repeat 3] [--json FILE] [--keep DIR]

For each size N it makes a project in a temporary folder (the repository's skeleton, as
``tests/conftest.py`` assembles one) whose documents have N versions: the first is the
repository's own earliest version of each document, and each later one changes exactly one
clause of the one before, in both languages (a sentence appended to the next paragraph in
reading order). Versions take effect every ``--step-days`` days from 2024-01-01, so their
publication dates stay inside the years the PRC calendar package covers; the build date is the
day after the last one, so every version is published.

Every measurement runs in a fresh Python process (cold caches, a clean ``docs/<lang>/`` and
site folder, and its own peak memory):

* ``generate``: one call of :func:`legalsite.site.generate` (load + plan + write), split into
  its three phases.
* ``build``: one call of :func:`legalsite.commands.build` (what ``legalsite build`` runs). The
  time spent inside it in legalsite's own ``validate`` and in every ``generate`` call (the hook
  runs once per language) is the *render* time; *MkDocs* time is total minus render.

The report is a Markdown table of medians on stdout, the growth ratios, and a verdict on the two
targets: total build time grows linearly with versions, and the render step stays under 10% of
the MkDocs build. The machine may be shared: compare medians and ratios, not single runs.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = "agreements"
CALENDAR = "agreements/calendar.yaml"
# What a project needs besides its agreements (docs/ without the generated parts).
SKELETON = ("mkdocs.yml", "hooks.py", "docs", "overrides")
GENERATED = ("docs/zh", "docs/en", "docs/versions.json")
LANGS = ("zh", "en")
SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=../../../legalsite/schemas/agreement.schema.json\n"
)

START = date(2024, 1, 1)
STEP_DAYS = 14
"""Every two weeks from 2024-01-01: 41 versions end on 2025-07-14, inside the calendar's years."""
DEFAULT_SIZES = (1, 11, 41)
RENDER_TARGET = 0.10
"""The render step should stay under this share of the MkDocs build."""
LINEAR_TOLERANCE = 1.25
"""Growth counts as linear while the per-version cost between the last two sizes is at most this
times the per-version cost between the first two."""

COLUMNS = (
    "versions",
    "pages",
    "html pages",
    "site bytes",
    "generate s",
    "render s",
    "mkdocs s",
    "total s",
    "render/mkdocs %",
    "s/version",
    "marginal s/version",
    "peak MiB",
)


# -- Making the projects ---------------------------------------------------------------------


def sentence(lang: str, revision: int) -> str:
    """The sentence revision ``revision`` appends to one clause."""
    if lang == "zh":
        return f"本句为第{revision}次修订所加。"
    return f" This sentence was added in revision {revision}."


def paragraphs(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The paragraphs (clauses with a ``text``, not list items or table rows) in reading order."""
    found = [block for block in data.get("preamble", []) if "text" in block]
    for section in data.get("sections", []):
        found.extend(block for block in section.get("blocks", []) if "text" in block)
    return found


def paragraph_ids(data: dict[str, Any]) -> list[str]:
    return [str(block["id"]) for block in paragraphs(data)]


def edit(data: dict[str, Any], clause: str, text: str) -> dict[str, Any]:
    """A copy of ``data`` with ``text`` appended to the paragraph ``clause``."""
    changed = copy.deepcopy(data)
    for block in paragraphs(changed):
        if block["id"] == clause:
            block["text"] = str(block["text"]) + text
            return changed
    raise KeyError(clause)


def dump(data: dict[str, Any]) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    return SCHEMA_COMMENT + body


def source_documents(agreements: Path) -> dict[str, Path]:
    """Each document of the repository and its earliest version folder."""
    found: dict[str, Path] = {}
    for doc_dir in sorted(p for p in agreements.iterdir() if p.is_dir()):
        versions = sorted(p for p in doc_dir.iterdir() if p.is_dir() and (p / "zh.yaml").is_file())
        if versions:
            found[doc_dir.name] = versions[0]
    return found


def effective_dates(count: int, start: date = START, step_days: int = STEP_DAYS) -> list[date]:
    return [start + timedelta(days=step_days * k) for k in range(count)]


@dataclass(frozen=True)
class GeneratedProject:
    root: Path
    versions: tuple[date, ...]
    today: date
    edits: dict[str, tuple[str, ...]]
    """Per document, the clause id each version after the first changed."""


def copy_skeleton(target: Path, source: Path = ROOT) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in SKELETON:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        else:
            shutil.copy2(path, target / name)
    for name in GENERATED:
        path = target / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    (target / AGREEMENTS).mkdir()
    if (source / CALENDAR).is_file():
        shutil.copy2(source / CALENDAR, target / CALENDAR)


def make_project(
    target: Path,
    count: int,
    *,
    source: Path = ROOT,
    start: date = START,
    step_days: int = STEP_DAYS,
) -> GeneratedProject:
    """A project in ``target`` whose documents have ``count`` versions, each changing one
    clause (the next paragraph in reading order, in both languages) of the one before."""
    if count < 1:
        raise ValueError("a project needs at least one version")
    copy_skeleton(target, source)
    dates = effective_dates(count, start, step_days)
    edits: dict[str, tuple[str, ...]] = {}
    for document, first in source_documents(source / AGREEMENTS).items():
        texts = {
            lang: yaml.safe_load((first / f"{lang}.yaml").read_text(encoding="utf-8"))
            for lang in LANGS
        }
        clauses = paragraph_ids(texts["zh"])
        if clauses != paragraph_ids(texts["en"]):
            raise ValueError(f"{first}: zh.yaml and en.yaml have different paragraphs")
        changed: list[str] = []
        for k, effective in enumerate(dates):
            folder = target / AGREEMENTS / document / effective.isoformat()
            folder.mkdir(parents=True)
            if k == 0:
                for lang in LANGS:
                    shutil.copy2(first / f"{lang}.yaml", folder / f"{lang}.yaml")
                continue
            clause = clauses[(k - 1) % len(clauses)]
            changed.append(clause)
            for lang in LANGS:
                texts[lang] = edit(texts[lang], clause, sentence(lang, k))
                (folder / f"{lang}.yaml").write_text(dump(texts[lang]), encoding="utf-8")
        edits[document] = tuple(changed)
    return GeneratedProject(target, tuple(dates), dates[-1] + timedelta(days=1), edits)


def check_project(project: GeneratedProject) -> None:
    """Raise unless the project validates, every version is published on its build date, and
    every version changes exactly the one clause it should, in both languages."""
    from legalsite import commands
    from legalsite.calendar import load_calendar
    from legalsite.diff import compare
    from legalsite.load import load_project
    from legalsite.model import LANGS as MODEL_LANGS

    commands.validate(root=project.root)
    calendar = load_calendar(project.root)
    for effective in project.versions:
        published = calendar.publication_date(effective)
        if published > project.today:
            raise AssertionError(f"{effective} is published on {published}, after the build")
    for document in load_project(project.root).documents:
        expected = project.edits[document.id]
        versions = document.versions
        if len(versions) != len(project.versions):
            raise AssertionError(f"{document.id}: {len(versions)} versions")
        for k in range(1, len(versions)):
            for lang in MODEL_LANGS:
                comparison = compare(versions[k - 1].texts[lang], versions[k].texts[lang])
                touched = [(c.id, c.element.kind, c.status) for c in comparison.touched()]
                if touched != [(expected[k - 1], "clause", "changed")]:
                    raise AssertionError(
                        f"{document.id} {versions[k].id} {lang}: changes {touched}, expected "
                        f"only {expected[k - 1]}"
                    )


def clean_generated(root: Path) -> None:
    for name in GENERATED:
        path = root / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


# -- Measuring (in a fresh process) ----------------------------------------------------------


def peak_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class Timers:
    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    jieba: dict[str, float] = field(default_factory=dict)
    """Seconds spent loading jieba dictionaries, inside and outside the timed render calls."""
    active: int = 0

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.calls[name] = self.calls.get(name, 0) + 1

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            self.active += 1
            try:
                return function(*args, **kwargs)
            finally:
                self.active -= 1
                self.add(name, time.perf_counter() - started)

        return timed

    @contextmanager
    def jieba_loads(self) -> Iterator[None]:
        """Time jieba's dictionary loads (legalsite's redline and Material's search each load
        one, once per process): a fixed cost that lands in whichever step comes first."""
        import jieba

        initialize = jieba.Tokenizer.initialize

        def timed(tokenizer: Any, *args: Any, **kwargs: Any) -> Any:
            where = "render" if self.active else "mkdocs"
            started = time.perf_counter()
            try:
                return initialize(tokenizer, *args, **kwargs)
            finally:
                self.jieba[where] = self.jieba.get(where, 0.0) + time.perf_counter() - started

        jieba.Tokenizer.initialize = timed
        try:
            yield
        finally:
            jieba.Tokenizer.initialize = initialize


@contextmanager
def patched(timers: Timers, targets: Sequence[tuple[Any, str]]) -> Iterator[None]:
    """Time every call of ``module.name`` for the given (module, name) pairs."""
    saved = [(module, name, getattr(module, name)) for module, name in targets]
    try:
        for module, name, function in saved:
            setattr(module, name, timers.wrap(name, function))
        yield
    finally:
        for module, name, function in saved:
            setattr(module, name, function)


def site_url(root: Path) -> str:
    try:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return "/"
    return str(config.get("site_url") or "/") if isinstance(config, dict) else "/"


def measure_generate(root: Path, today: date) -> dict[str, Any]:
    """One render (load + plan + write) into a clean docs/, timed by phase."""
    import legalsite.site as site

    clean_generated(root)
    timers = Timers()
    base_url = site_url(root)
    phases = [(site, "load_project"), (site, "load_calendar"), (site, "plan"), (site, "write")]
    with patched(timers, phases), timers.jieba_loads():
        started = time.perf_counter()
        content = site.generate(root, today, base_url=base_url)
        seconds = time.perf_counter() - started
    return {
        "generate_s": seconds,
        "phases_s": timers.seconds,
        "jieba_s": timers.jieba,
        "pages": len(content.pages),
        "files": len(content.files),
        "peak_mib": peak_mib(),
    }


def site_stats(site_dir: Path) -> tuple[int, int]:
    """The number of HTML files and the total size in bytes of the built site."""
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)


def measure_build(root: Path, today: date, site_dir: Path) -> dict[str, Any]:
    """One ``legalsite build`` from a clean docs/ and site folder; render time inside it."""
    import legalsite.commands as commands
    import legalsite.site as site

    clean_generated(root)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    timers = Timers()
    # hooks.py imports generate from legalsite.site when MkDocs loads it, inside the build.
    with patched(timers, [(commands, "validate"), (site, "generate")]), timers.jieba_loads():
        started = time.perf_counter()
        commands.build(root=root, today=today, site_dir=site_dir, quiet=True)
        total = time.perf_counter() - started
    render = sum(timers.seconds.values())
    html, size = site_stats(site_dir)
    return {
        "total_s": total,
        "render_s": render,
        "mkdocs_s": total - render,
        "render_parts_s": timers.seconds,
        "render_calls": timers.calls,
        "jieba_s": timers.jieba,
        "html_pages": html,
        "site_bytes": size,
        "peak_mib": peak_mib(),
    }


def run_worker(kind: str, root: Path, today: date, site_dir: Path) -> dict[str, Any]:
    """Run one measurement in a fresh Python process and return its result."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        env = {k: v for k, v in os.environ.items() if k != "LEGALSITE_TODAY"}
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind]
        command += ["--root", str(root), "--today", today.isoformat()]
        command += ["--site-dir", str(site_dir), "--out", str(out)]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode:
            raise RuntimeError(
                f"the {kind} measurement of {root} failed:\n{result.stdout}{result.stderr}"
            )
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return data


# -- Running and reporting -------------------------------------------------------------------


@dataclass
class SizeResult:
    versions: int
    generate: list[dict[str, Any]] = field(default_factory=list)
    build: list[dict[str, Any]] = field(default_factory=list)

    def median(self, kind: str, key: str) -> float:
        runs = self.generate if kind == "generate" else self.build
        return statistics.median(float(run[key]) for run in runs)


def run_benchmark(
    sizes: Sequence[int],
    repeat: int,
    workdir: Path,
    *,
    progress: Callable[[str], None] | None = None,
) -> list[SizeResult]:
    """Make and check a project per size, then measure; repeats interleave the sizes so that
    drift on a shared machine spreads over all of them."""
    projects = {}
    for size in sizes:
        project = make_project(workdir / f"versions-{size}", size)
        check_project(project)
        projects[size] = project
    results = {size: SizeResult(size) for size in sizes}
    for round_ in range(repeat):
        for size in sizes:
            project = projects[size]
            site_dir = project.root / "site"
            results[size].generate.append(
                run_worker("generate", project.root, project.today, site_dir)
            )
            results[size].build.append(run_worker("build", project.root, project.today, site_dir))
            if progress:
                run = results[size].build[-1]
                progress(
                    f"round {round_ + 1}/{repeat} versions {size}: total {run['total_s']:.2f} s, "
                    f"render {run['render_s']:.2f} s"
                )
    return [results[size] for size in sizes]


def rows(results: Sequence[SizeResult]) -> list[dict[str, Any]]:
    """One row of medians per size, keyed by COLUMNS."""
    smallest = results[0] if results else None
    out = []
    for result in results:
        total = result.median("build", "total_s")
        render = result.median("build", "render_s")
        mkdocs = result.median("build", "mkdocs_s")
        marginal: float | None = None
        if smallest is not None and result.versions > smallest.versions:
            marginal = (total - smallest.median("build", "total_s")) / (
                result.versions - smallest.versions
            )
        out.append(
            {
                "versions": result.versions,
                "pages": int(result.median("generate", "pages")),
                "html pages": int(result.median("build", "html_pages")),
                "site bytes": int(result.median("build", "site_bytes")),
                "generate s": result.median("generate", "generate_s"),
                "render s": render,
                "mkdocs s": mkdocs,
                "total s": total,
                "render/mkdocs %": 100 * render / mkdocs,
                "s/version": total / result.versions,
                "marginal s/version": marginal,
                "peak MiB": max(
                    result.median("build", "peak_mib"), result.median("generate", "peak_mib")
                ),
            }
        )
    return out


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 100 else f"{value:.3f}"
    return str(value)


def markdown_table(table: Sequence[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    for row in table:
        lines.append("| " + " | ".join(_cell(row[c]) for c in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def phases_table(results: Sequence[SizeResult]) -> str:
    """Medians of the standalone generate's phases, of the render calls inside the build, and
    of the one-time jieba dictionary loads inside the build."""
    header = [
        "versions",
        "load s",
        "calendar s",
        "plan s",
        "write s",
        "validate s (build)",
        "generate s (build)",
        "generate calls",
        "jieba load in render s",
        "jieba load in mkdocs s",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    for r in results:

        def median(runs: list[dict[str, Any]], key: str, name: str) -> float:
            return statistics.median(float(run[key].get(name, 0.0)) for run in runs)

        cells = [
            r.versions,
            median(r.generate, "phases_s", "load_project"),
            median(r.generate, "phases_s", "load_calendar"),
            median(r.generate, "phases_s", "plan"),
            median(r.generate, "phases_s", "write"),
            median(r.build, "render_parts_s", "validate"),
            median(r.build, "render_parts_s", "generate"),
            int(median(r.build, "render_calls", "generate")),
            median(r.build, "jieba_s", "render"),
            median(r.build, "jieba_s", "mkdocs"),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Verdict:
    linear: bool | None
    linear_reason: str
    render_ok: bool
    render_reason: str
    ratios: list[dict[str, float]]
    fit: dict[str, float]


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> dict[str, float]:
    """Least squares y = intercept + slope·x, and R²."""
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    ss_tot = sum((y - mean_y) ** 2 for y in ys)
    ss_res = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return {
        "intercept_s": intercept,
        "slope_s_per_version": slope,
        "r2": 1 - ss_res / ss_tot if ss_tot else 1.0,
    }


def verdict(table: Sequence[dict[str, Any]]) -> Verdict:
    ratios = []
    for a, b in itertools.pairwise(table):
        ratios.append(
            {
                "from": a["versions"],
                "to": b["versions"],
                "versions_ratio": b["versions"] / a["versions"],
                "total_ratio": b["total s"] / a["total s"],
                "render_ratio": b["render s"] / a["render s"],
                "mkdocs_ratio": b["mkdocs s"] / a["mkdocs s"],
                "pages_ratio": b["html pages"] / a["html pages"],
                "per_version_s": (b["total s"] - a["total s"]) / (b["versions"] - a["versions"]),
            }
        )
    fit: dict[str, float] = {}
    linear: bool | None = None
    if len(table) >= 2:
        fit = linear_fit([r["versions"] for r in table], [r["total s"] for r in table])
    if len(ratios) >= 2:
        first, last = ratios[0]["per_version_s"], ratios[-1]["per_version_s"]
        growth = last / first if first > 0 else math.inf
        fit["per_version_growth"] = growth
        # Exponent k of the variable part: total(n) - total(n0) ∝ (n - n0)^k.
        n0, t0 = table[0]["versions"], table[0]["total s"]
        mid, end = table[-2], table[-1]
        if mid["total s"] > t0 and end["total s"] > t0:
            fit["exponent"] = math.log((end["total s"] - t0) / (mid["total s"] - t0)) / math.log(
                (end["versions"] - n0) / (mid["versions"] - n0)
            )
        linear = growth <= LINEAR_TOLERANCE
        linear_reason = (
            f"per added version the build costs {first:.3f} s between {ratios[0]['from']} and "
            f"{ratios[0]['to']} versions and {last:.3f} s between {ratios[-1]['from']} and "
            f"{ratios[-1]['to']} ({growth:.2f}×; linear means ≤ {LINEAR_TOLERANCE}×); "
            f"line fit: {fit['intercept_s']:.2f} s + {fit['slope_s_per_version']:.3f} s × "
            f"versions, R² {fit['r2']:.4f}"
        )
        if "exponent" in fit:
            linear_reason += f"; growth exponent of the variable part {fit['exponent']:.2f}"
    else:
        linear_reason = "needs at least three sizes to tell"
    worst = max(table, key=lambda r: r["render/mkdocs %"])
    render_ok = all(r["render/mkdocs %"] < 100 * RENDER_TARGET for r in table)
    over = [str(r["versions"]) for r in table if r["render/mkdocs %"] >= 100 * RENDER_TARGET]
    render_reason = (
        f"render/mkdocs is at most {worst['render/mkdocs %']:.1f}% (at {worst['versions']} "
        f"versions); target < {100 * RENDER_TARGET:.0f}%"
        + (f"; over the target at {', '.join(over)} versions" if over else "")
    )
    return Verdict(linear, linear_reason, render_ok, render_reason, ratios, fit)


def report(results: Sequence[SizeResult], repeat: int) -> str:
    table = rows(results)
    found = verdict(table)
    out = [
        f"## Build time by number of versions (medians of {repeat} runs)\n",
        markdown_table(table),
        "\n`pages`: Markdown pages generated; `render s`: legalsite's validate plus every "
        "generate call inside `legalsite build`; `mkdocs s` = total − render; `generate s`: one "
        "standalone generate (load + plan + write); `marginal s/version`: (total − total at "
        "the smallest size) / added versions.\n",
        "\n### Render phases (medians)\n",
        phases_table(results),
        "\n### Growth\n",
        "| from → to | versions × | pages × | total × | render × | mkdocs × "
        "| s per added version |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in found.ratios:
        out.append(
            f"| {r['from']} → {r['to']} | {r['versions_ratio']:.2f} | {r['pages_ratio']:.2f} | "
            f"{r['total_ratio']:.2f} | {r['render_ratio']:.2f} | {r['mkdocs_ratio']:.2f} | "
            f"{r['per_version_s']:.3f} |"
        )
    linear = {True: "MET", False: "NOT MET", None: "UNDECIDED"}[found.linear]
    out += [
        "\n### Verdict\n",
        f"- Total build time grows linearly with versions: **{linear}** — {found.linear_reason}.",
        f"- The render step stays under {100 * RENDER_TARGET:.0f}% of the MkDocs build: "
        f"**{'MET' if found.render_ok else 'NOT MET'}** — {found.render_reason}.",
    ]
    return "\n".join(out) + "\n"


def as_json(results: Sequence[SizeResult], repeat: int) -> dict[str, Any]:
    table = rows(results)
    return {
        "repeat": repeat,
        "start": START.isoformat(),
        "step_days": STEP_DAYS,
        "rows": table,
        "verdict": asdict(verdict(table)),
        "runs": [asdict(r) for r in results],
    }


def parse_sizes(value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a list like 1,11,41") from None
    if not sizes or any(s < 1 for s in sizes) or sizes != sorted(set(sizes)):
        raise argparse.ArgumentTypeError("sizes are increasing positive integers, like 1,11,41")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="numbers of versions, increasing (default 1,11,41)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (default 3)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--keep", type=Path, help="make the projects in DIR and keep them")
    # One measurement in this (fresh) process; used by run_worker.
    parser.add_argument("--worker", choices=("generate", "build"), help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--site-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        if args.worker == "generate":
            result = measure_generate(args.root, args.today)
        else:
            result = measure_build(args.root, args.today, args.site_dir)
        args.out.write_text(json.dumps(result), encoding="utf-8")
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep} is not empty")
        results = run_benchmark(args.sizes, args.repeat, args.keep, progress=progress)
    else:
        with tempfile.TemporaryDirectory(prefix="legalsite-bench-") as scratch:
            results = run_benchmark(args.sizes, args.repeat, Path(scratch), progress=progress)
    print(report(results, args.repeat), end="")
    if args.json:
        args.json.write_text(
            json.dumps(as_json(results, args.repeat), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
