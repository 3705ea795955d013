#!/usr/bin/env python3
"""How the build scales with the number of versions: render step versus MkDocs.

    python scripts/benchmark.py [--sizes 1,11,41] [--repeat 3] [--json FILE] [--keep DIR]
                                [--plain] [--preview [--edits 5]] [--step-days 14]
                                [--documents 20] [--lighthouse [--lighthouse-bin PATH]]

For each size N it makes a site with the shared generator (:mod:`tests.sitegen`, which the
tests use too): this repository's mkdocs.yml and, per document, N versions, the first the
repository's earliest one, each later one changing exactly one clause of the one before, in both
languages. Versions take effect every ``--step-days`` days from 2024-01-01 (4 keeps 161 versions
inside the calendar's years); the build date is the day after the last one.

Each measurement is one ``legalsite build`` (:func:`legalsite.commands.actions.build`) in a fresh
Python process (cold caches, its own peak memory; its modules compiled beforehand, as an
installed package's are: :func:`worker_environment`), timed by the package's own ``timing``
callback: *render* is legalsite's part (validate, load, calendar, plan, write), *MkDocs* is the
rest. The report is a Markdown table of medians, the growth ratios, and a verdict on the two
targets: total build time grows linearly with versions, and the render step stays under 10% of
the MkDocs build. The machine may be shared: compare medians and ratios, not single runs;
each run also records its CPU seconds (user + system), which a busy machine disturbs less than
the wall clock. ``--plain`` adds the ratio to a plain ``mkdocs build`` of the same Markdown;
``--preview`` measures ``legalsite serve`` instead (from saving a YAML file to its page served).
Each size also reports the site's size per version and its page weight (the median and the
largest HTML page, raw and gzip): neither may grow with the versions (issue 23; the history
page lists them all). ``--documents 20`` makes each document of the repository 20 documents:
a site of many documents (300 versions of one: ``--sizes 1,50,150,300 --step-days 2``).
The projects build without the PDFs (the plugin's ``pdf: false``): their cost is measured by
``scripts/benchmark_pdf.py``. ``--lighthouse`` then runs Lighthouse (all four categories, phone
and desktop) on the largest site's current page, newest changes page and history page, served
on localhost as a static host serves it, when Lighthouse is there (``--lighthouse-bin``, else
``lighthouse`` on the PATH, else the one ``scripts/lighthouse.py`` installed): it is never
downloaded here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The shared site generator (the tests use it too).
from tests.sitegen import (  # noqa: E402
    AGREEMENTS,
    START,
    STEP_DAYS,
    GeneratedProject,
    check_project,
    effective_dates,
    plugin_options,
)
from tests.sitegen import make_project as _make_project  # noqa: E402

__all__ = ["GeneratedProject", "check_project", "effective_dates", "plugin_options"]

DEFAULT_SIZES = (1, 11, 41)
RENDER_TARGET = 0.10
"""The render step should stay under this share of the MkDocs build."""
LINEAR_TOLERANCE = 1.25
"""Growth counts as linear while the per-version cost between the last two sizes is at most this
times the per-version cost between the first two."""

PLAIN_TARGET = 1.25
"""``legalsite build`` should take at most this times a plain ``mkdocs build`` of its Markdown."""

RENDER_PHASES = ("validate", "load", "calendar", "plan", "write")
"""What legalsite itself does in a build, as its timing callback names it."""

COLUMNS = (
    "versions",
    "html pages",
    "site bytes",
    "render s",
    "mkdocs s",
    "total s",
    "render/mkdocs %",
    "s/version",
    "marginal s/version",
    "peak MiB",
)


def make_project(
    target: Path, count: int, *, step_days: int = STEP_DAYS, documents: int = 1
) -> GeneratedProject:
    """A project of ``count`` versions from this repository (:mod:`tests.sitegen`), each of
    its documents ``documents`` times."""
    return _make_project(target, count, source=ROOT, step_days=step_days, copies=documents)


# -- Measuring (in a fresh process) ----------------------------------------------------------


def peak_mib() -> float:
    """This process's peak resident memory. From /proc where there is one: its high-water mark
    starts again at exec, whereas ``ru_maxrss`` keeps the parent's (the benchmark, which made
    and checked every project, is larger than a small build)."""
    import resource

    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system), the interpreter's start included."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def site_stats(site_dir: Path) -> tuple[int, int]:
    """The number of HTML files and the total size in bytes of the built site."""
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)


def page_weights(site_dir: Path) -> dict[str, Any]:
    """What a reader downloads for one page (its HTML, raw and gzip as a host serves it):
    the median and the largest page, and which that is (issue 23: it must not grow with the
    versions or documents)."""
    import gzip

    raw: dict[str, int] = {}
    packed: dict[str, int] = {}
    for path in site_dir.rglob("*.html"):
        name = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        raw[name], packed[name] = len(data), len(gzip.compress(data, mtime=0))
    if not raw:
        return {}
    largest = max(raw, key=lambda name: raw[name])
    return {
        "median_bytes": statistics.median(raw.values()),
        "largest_bytes": raw[largest],
        "median_gzip_bytes": statistics.median(packed.values()),
        "largest_gzip_bytes": max(packed.values()),
        "largest_page": largest,
        "heaviest": [
            {"page": name, "bytes": raw[name], "gzip_bytes": packed[name]}
            for name in sorted(raw, key=lambda name: (-raw[name], name))[:HEAVIEST]
        ],
    }


HEAVIEST = 6
"""How many of the heaviest pages the report names (issue 23: which pages grow, and whether
each should: the history lists every version, the home page and the ledger every document)."""


SEARCH_INDEXES = {"zh": "search/search_index.json", "en": "en/search/search_index.json"}
"""Each language's search index in a built site (``legalsite.plugin.search``)."""


def index_gzip_bytes(site_dir: Path) -> dict[str, int]:
    """The size of each language's search index compressed with gzip, as a host serves it."""
    import gzip

    return {
        lang: len(gzip.compress((site_dir / path).read_bytes(), mtime=0))
        for lang, path in SEARCH_INDEXES.items()
        if (site_dir / path).is_file()
    }


def measure_build(root: Path, today: date, site_dir: Path) -> dict[str, Any]:
    """One ``legalsite build``, its phases timed by the package's own callback."""
    from legalsite.commands import actions as commands

    phases: dict[str, float] = {}
    calls: dict[str, int] = {}

    def timing(phase: str, seconds: float) -> None:
        phases[phase] = phases.get(phase, 0.0) + seconds
        calls[phase] = calls.get(phase, 0) + 1

    started = time.perf_counter()
    commands.build(root=root, today=today, site_dir=site_dir, quiet=True, timing=timing)
    total = time.perf_counter() - started
    render = sum(phases.get(phase, 0.0) for phase in RENDER_PHASES)
    html, size = site_stats(site_dir)
    return {
        "total_s": total,
        "cpu_s": cpu_seconds(),
        "render_s": render,
        "mkdocs_s": total - render,
        "phases_s": phases,
        "calls": calls,
        "html_pages": html,
        "site_bytes": size,
        "index_gzip_bytes": index_gzip_bytes(site_dir),
        "pages": page_weights(site_dir),
        "peak_mib": peak_mib(),
    }


_COMPILED: list[bool] = []
"""Whether this process has compiled legalsite's modules for the workers yet."""


def worker_environment() -> dict[str, str]:
    """The environment of a measured process: Python's bytecode cache on, and legalsite's
    modules compiled before the first measurement (``compileall``, into the ``__pycache__``
    folders Python writes beside them anyway, which git ignores). An installed legalsite runs
    from its compiled modules, as MkDocs and the other libraries in site-packages do; under
    ``PYTHONDONTWRITEBYTECODE`` (set on some machines) every build compiled every module of
    legalsite again, about 0.25 CPU seconds a build that the plain build never pays."""
    import os

    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if not _COMPILED:
        sources = [
            ROOT / "legalsite",
            ROOT / "tests" / "__init__.py",
            ROOT / "tests" / "sitegen.py",
        ]
        command = [sys.executable, "-m", "compileall", "-q", *map(str, sources)]
        subprocess.run(command, env=environment, capture_output=True, check=True)
        _COMPILED.append(True)
    return environment


def run_worker(root: Path, today: date, site_dir: Path) -> dict[str, Any]:
    """Run one measurement in a fresh Python process and return its result."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--worker"]
        command += ["--root", str(root), "--today", today.isoformat()]
        command += ["--site-dir", str(site_dir), "--out", str(out)]
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, env=worker_environment()
        )
        if result.returncode:
            raise RuntimeError(f"the build of {root} failed:\n{result.stdout}{result.stderr}")
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return data


def plain_project(root: Path, today: date, target: Path) -> Path:
    """The same site as plain MkDocs: the Markdown the plugin generates for ``today`` written
    into ``target/docs``, and mkdocs.yml without the legalsite plugin but with its theme,
    stylesheet, scripts, navigation and page data. Its build is what ``legalsite build`` is
    compared with (the issue's 1.25× target)."""
    from legalsite.plugin import plugin as legalsite_plugin
    from legalsite.site.plan import generated_files, nav, plan
    from legalsite.sources.calendar import load_calendar
    from legalsite.sources.load import load_project

    # The project's own mkdocs.yml (trusted): it names Python callables (toc.slugify).
    config = yaml.unsafe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    site_url = config.get("site_url") or "/"
    content = plan(load_project(root), load_calendar(root), today, base_url=site_url)
    docs = target / "docs"
    for relative, text in generated_files(content).items():
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(out_of_search(text) if path.suffix == ".md" else text, "utf-8")
    plugins = []
    for entry in config["plugins"]:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name == "legalsite":
            continue
        if name == "i18n":
            for language in entry["i18n"]["languages"]:
                language["nav"] = nav(content, language["locale"])
        plugins.append(entry)
    config.update(
        plugins=plugins,
        docs_dir="docs",
        site_dir="site",
        nav=nav(content, "zh"),
        extra_css=[legalsite_plugin.STYLESHEET],
        extra_javascript=[legalsite_plugin.SCRIPT],
        extra={"legalsite": content.freshness("zh")},
    )
    config["theme"]["custom_dir"] = str(legalsite_plugin.THEME_DIR)
    (target / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), "utf-8")
    return target


def out_of_search(page: str) -> str:
    """A generated page as the plugin hands it to MkDocs: out of Material's search index
    (the plugin writes its own, from the model), so that the plain build does not index every
    page the legalsite build leaves out."""
    head, sep, _ = page.removeprefix("---\n").partition("\n---\n")
    if page.startswith("---\n") and sep:
        if "\nsearch:" in f"\n{head}":
            return page
        return "---\nsearch: {exclude: true}\n" + page.removeprefix("---\n")
    return "---\nsearch: {exclude: true}\n---\n" + page


def measure_plain(project: Path) -> dict[str, Any]:
    """One plain ``mkdocs build`` (not strict: the plain site lacks the plugin's link fixes)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    build(load_config(str(project / "mkdocs.yml")))
    total = time.perf_counter() - started
    html, size = site_stats(project / "site")
    return {
        "total_s": total,
        "cpu_s": cpu_seconds(),
        "html_pages": html,
        "site_bytes": size,
        "peak_mib": peak_mib(),
    }


def run_plain_worker(project: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--plain-worker"]
        command += ["--root", str(project), "--out", str(out)]
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, env=worker_environment()
        )
        if result.returncode:
            raise RuntimeError(f"the build of {project} failed:\n{result.stdout}{result.stderr}")
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return data


# -- The editor's preview: from saving a YAML file to the changed page served -----------------


PREVIEW_TARGET = 1.5
"""Seconds from saving a YAML file to the changed page being served (the issue's target)."""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _page(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc (Linux)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_preview(
    project: GeneratedProject, edits: int, *, limit: float = 600.0
) -> dict[str, Any]:
    """Start ``legalsite serve`` on a loopback port, then ``edits`` times: append a marker to
    the first clause of the newest version's zh.yaml and poll its page until the marker is
    served. Returns the seconds of each edit and of the first build."""
    port = _free_port()
    document = next(iter(project.edits))
    newest = project.versions[-1].isoformat()
    url = f"http://127.0.0.1:{port}/{document}/{newest}/"
    path = project.root / AGREEMENTS / document / newest / "zh.yaml"
    original = path.read_text(encoding="utf-8")
    command = [sys.executable, "-m", "legalsite", "serve", "--today", project.today.isoformat()]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    started = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    seconds: list[float] = []
    cpu: list[float] = []
    try:
        while _page(url) is None:
            if server.poll() is not None or time.perf_counter() - started > limit:
                raise RuntimeError(f"serve did not start: {server.communicate()[1]}")
            time.sleep(0.1)
        first = time.perf_counter() - started
        text = original
        for k in range(edits):
            marker = f"预览计时{k}"
            at = text.index("\n", text.index("    text: "))
            text = text[:at] + marker + text[at:]
            saved = time.perf_counter()
            before = _process_cpu(server.pid)
            path.write_text(text, encoding="utf-8")
            while marker not in (_page(url) or ""):
                if time.perf_counter() - saved > limit:
                    raise RuntimeError(f"edit {k} never appeared at {url}")
                time.sleep(0.02)
            seconds.append(time.perf_counter() - saved)
            cpu.append(_process_cpu(server.pid) - before)
            time.sleep(1.0)  # let the server settle before the next save
    finally:
        server.terminate()
        server.communicate(timeout=60)
        path.write_text(original, encoding="utf-8")
    return {"first_build_s": first, "edits_s": seconds, "edits_cpu_s": cpu}


def preview_report(results: dict[int, dict[str, Any]]) -> str:
    out = [
        "## Preview: saving a YAML file → the changed page served (`legalsite serve`)\n",
        f"| versions | first build s | edits | median s | max s | target ≤ {PREVIEW_TARGET} s "
        "| serve's CPU s per edit (median) |",
        "|---:|---:|---:|---:|---:|---|---:|",
    ]
    for size, result in results.items():
        edits = result["edits_s"]
        median = statistics.median(edits)
        verdict = "MET" if median <= PREVIEW_TARGET else "NOT MET"
        out.append(
            f"| {size} | {result['first_build_s']:.2f} | {len(edits)} | {median:.2f} | "
            f"{max(edits):.2f} | {verdict} | {statistics.median(result['edits_cpu_s']):.2f} |"
        )
    return "\n".join(out) + "\n"


# -- Running and reporting -------------------------------------------------------------------


@dataclass
class SizeResult:
    versions: int
    build: list[dict[str, Any]] = field(default_factory=list)
    plain: list[dict[str, Any]] = field(default_factory=list)
    """Plain ``mkdocs build`` of the same generated Markdown (``--plain``)."""
    lighthouse: list[dict[str, Any]] = field(default_factory=list)
    """Lighthouse's median scores of this size's pages (``--lighthouse``, the largest size)."""

    def plain_median(self, key: str = "total_s") -> float | None:
        runs = [float(run[key]) for run in self.plain if key in run]
        return statistics.median(runs) if runs else None

    def median(self, key: str) -> float:
        return statistics.median(float(run[key]) for run in self.build)

    def phase(self, name: str) -> float:
        return statistics.median(float(run["phases_s"].get(name, 0.0)) for run in self.build)


def run_benchmark(
    sizes: Sequence[int],
    repeat: int,
    workdir: Path,
    *,
    progress: Callable[[str], None] | None = None,
    plain: bool = False,
    step_days: int = STEP_DAYS,
    documents: int = 1,
    lighthouse: Path | None = None,
    lighthouse_runs: int = 1,
) -> list[SizeResult]:
    """Make and check a project per size, then measure; repeats interleave the sizes so that
    drift on a shared machine spreads over all of them. With ``lighthouse`` (its executable),
    Lighthouse then scores the largest size's site."""
    projects = {}
    plains = {}
    for size in sizes:
        project = make_project(
            workdir / f"versions-{size}", size, step_days=step_days, documents=documents
        )
        check_project(project)
        projects[size] = project
        if plain:
            plains[size] = plain_project(project.root, project.today, workdir / f"plain-{size}")
    results = {size: SizeResult(size) for size in sizes}
    for round_ in range(repeat):
        for size in sizes:
            project = projects[size]
            run = run_worker(project.root, project.today, project.root / "site")
            results[size].build.append(run)
            message = (
                f"round {round_ + 1}/{repeat} versions {size}: total {run['total_s']:.2f} s, "
                f"render {run['render_s']:.2f} s"
            )
            if plain:
                baseline = run_plain_worker(plains[size])
                results[size].plain.append(baseline)
                message += f", plain mkdocs {baseline['total_s']:.2f} s"
            if progress:
                progress(message)
    if lighthouse is not None:
        largest = projects[sizes[-1]]
        results[sizes[-1]].lighthouse = measure_lighthouse(
            largest, largest.root / "site", lighthouse, runs=lighthouse_runs, progress=progress
        )
    return [results[size] for size in sizes]


# -- Lighthouse (--lighthouse): the largest site's pages, phone and desktop --------------------


LIGHTHOUSE_PAGES = {
    "current": "{document}/",
    "changes": "{document}/{newest}/changes/",
    "history": "{document}/history/",
}
"""The pages scored (issue 23): a document's current page, its newest changes page (a long
redline at 300 versions is no longer than at two) and its history (which lists every version)."""

LIGHTHOUSE_PRESETS = ("mobile", "desktop")


def _lighthouse_script() -> Any:
    """``scripts/lighthouse.py`` (how Lighthouse is run and its reports read), loaded from its
    file: the scripts folder is no package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "legalsite_lighthouse_script", Path(__file__).resolve().parent / "lighthouse.py"
    )
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


def find_lighthouse(given: Path | None = None) -> Path | None:
    """The Lighthouse executable: ``given`` (the executable, or a folder where npm installed
    it), else ``lighthouse`` on the PATH, else the one ``scripts/lighthouse.py`` installed into
    its cache. None when there is none: nothing is downloaded."""
    import shutil

    if given is not None:
        for candidate in (given, given / "node_modules" / ".bin" / "lighthouse"):
            if candidate.is_file():
                return candidate
        return None
    found = shutil.which("lighthouse")
    if found:
        return Path(found)
    script = _lighthouse_script()
    cached = script.default_cache() / f"lighthouse-{script.LIGHTHOUSE}" / "node_modules"
    binary = cached / ".bin" / "lighthouse"
    return binary if binary.is_file() else None


def measure_lighthouse(
    project: GeneratedProject,
    site: Path,
    binary: Path,
    *,
    runs: int = 1,
    progress: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Lighthouse's median score per category, and the audits that cost points, of each page
    of :data:`LIGHTHOUSE_PAGES` (the project's first document, in the default language) in
    each preset; the site served as a static host serves it (gzip)."""
    from tests.static_host import serve

    script = _lighthouse_script()
    chrome = script.chrome_path()
    document = next(iter(project.edits))
    newest = project.versions[-1].isoformat()
    found: list[dict[str, Any]] = []
    with (
        tempfile.TemporaryDirectory(prefix="legalsite-lighthouse-") as scratch,
        serve(site, compress=True) as base,
    ):
        for name, pattern in LIGHTHOUSE_PAGES.items():
            page = pattern.format(document=document, newest=newest)
            for preset in LIGHTHOUSE_PRESETS:
                scored = script.Runs("zh", preset, f"/{page}")
                for number in range(runs):
                    if progress:
                        progress(f"lighthouse {name} {preset} run {number + 1}/{runs}")
                    out = Path(scratch) / f"{name}-{preset}-{number}.json"
                    scored.reports.append(
                        script.run_lighthouse(binary, f"{base}/{page}", preset, out, chrome)
                    )
                found.append(
                    {
                        "page": name,
                        "url": f"/{page}",
                        "preset": preset,
                        "runs": runs,
                        "scores": {c: scored.median_score(c) for c in script.CATEGORIES},
                        "failing": {
                            audit: title
                            for audit, (_, title, _) in sorted(scored.failing().items())
                        },
                    }
                )
    return found


def lighthouse_report(results: Sequence[SizeResult]) -> list[str]:
    scored = [(r.versions, r.lighthouse) for r in results if r.lighthouse]
    if not scored:
        return []
    out = []
    for versions, pages in scored:
        runs = pages[0]["runs"]
        out += [
            f"\n### Lighthouse, site of {versions} versions (median of {runs} run(s))\n",
            "| page | preset | performance | accessibility | best practices | SEO "
            "| audits that cost points |",
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for page in pages:
            scores = page["scores"]
            failing = "; ".join(page["failing"].values()) or "none"
            out.append(
                f"| {page['page']} `{page['url']}` | {page['preset']} | "
                f"{scores['performance']} | {scores['accessibility']} | "
                f"{scores['best-practices']} | {scores['seo']} | {failing} |"
            )
    return out


def rows(results: Sequence[SizeResult]) -> list[dict[str, Any]]:
    """One row of medians per size, keyed by COLUMNS."""
    smallest = results[0] if results else None
    out = []
    for result in results:
        total, render, mkdocs = (result.median(k) for k in ("total_s", "render_s", "mkdocs_s"))
        marginal: float | None = None
        if smallest is not None and result.versions > smallest.versions:
            marginal = (total - smallest.median("total_s")) / (result.versions - smallest.versions)
        out.append(
            {
                "versions": result.versions,
                "html pages": int(result.median("html_pages")),
                "site bytes": int(result.median("site_bytes")),
                "render s": render,
                "mkdocs s": mkdocs,
                "total s": total,
                "render/mkdocs %": 100 * render / mkdocs,
                "s/version": total / result.versions,
                "marginal s/version": marginal,
                "peak MiB": result.median("peak_mib"),
            }
        )
    return out


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 100 else f"{value:.3f}"
    return str(value)


def markdown_table(header: Sequence[str], table: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in table]
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
        markdown_table(COLUMNS, [[row[c] for c in COLUMNS] for row in table]),
        "\n`render s`: legalsite's own phases inside `legalsite build` (validate, load, "
        "calendar, plan, write); `mkdocs s` = total − render; `marginal s/version`: (total − "
        "total at the smallest size) / added versions.\n",
        "\n### Render phases (medians, seconds)\n",
        markdown_table(
            ["versions", *RENDER_PHASES],
            [[r.versions, *(r.phase(p) for p in RENDER_PHASES)] for r in results],
        ),
        "\n### Growth\n",
        "| from → to | versions × | html pages × | total × | render × | mkdocs × "
        "| s per added version |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in found.ratios:
        out.append(
            f"| {r['from']} → {r['to']} | {r['versions_ratio']:.2f} | {r['pages_ratio']:.2f} | "
            f"{r['total_ratio']:.2f} | {r['render_ratio']:.2f} | {r['mkdocs_ratio']:.2f} | "
            f"{r['per_version_s']:.3f} |"
        )
    indexes = [(r.versions, r.build[-1].get("index_gzip_bytes", {})) for r in results if r.build]
    if any(sizes for _, sizes in indexes):
        out += [
            "\n### Search index, gzip (the text in force only: it must not grow with versions)\n",
            "| versions | zh kB | en kB |",
            "|---:|---:|---:|",
        ]
        out += [
            f"| {versions} | {sizes.get('zh', 0) / 1000:.1f} | {sizes.get('en', 0) / 1000:.1f} |"
            for versions, sizes in indexes
        ]
    weights = [(r.versions, r.build[-1].get("pages", {})) for r in results if r.build]
    if any(pages for _, pages in weights):
        out += [
            "\n### Page weight (HTML; it must not grow with the versions, the history page "
            "excepted)\n",
            "| versions | site MB | site kB per version | median page kB | gzip kB "
            "| largest page kB | gzip kB | largest page |",
            "|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        sizes = {r.versions: r.median("site_bytes") for r in results}
        out += [
            f"| {versions} | {sizes[versions] / 1e6:.1f} | "
            f"{sizes[versions] / versions / 1e3:.0f} | "
            f"{pages['median_bytes'] / 1000:.1f} | "
            f"{pages['median_gzip_bytes'] / 1000:.1f} | {pages['largest_bytes'] / 1000:.1f} | "
            f"{pages['largest_gzip_bytes'] / 1000:.1f} | {pages['largest_page']} |"
            for versions, pages in weights
            if pages
        ]
        versions, pages = weights[-1]
        if pages.get("heaviest"):
            out += [
                f"\n### The heaviest pages at {versions} versions\n",
                "| page | kB | gzip kB |",
                "|---|---:|---:|",
            ]
            out += [
                f"| {page['page']} | {page['bytes'] / 1000:.1f} | {page['gzip_bytes'] / 1000:.1f} |"
                for page in pages["heaviest"]
            ]
    plain_rows = [
        (
            r.versions,
            r.median("total_s"),
            r.median("render_s"),
            r.median("mkdocs_s"),
            r.plain_median(),
            r.median("cpu_s"),
            r.plain_median("cpu_s"),
        )
        for r in results
        if r.plain
    ]
    if plain_rows:
        out += [
            "\n### legalsite build against a plain `mkdocs build` of the same Markdown\n",
            f"| versions | legalsite build s | its own phases s | its MkDocs part s "
            f"| plain mkdocs s | ratio (target ≤ {PLAIN_TARGET}) "
            "| legalsite CPU s | plain CPU s | CPU ratio |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for versions, total, own, part, baseline, cpu, plain_cpu in plain_rows:
            assert baseline is not None and plain_cpu is not None
            out.append(
                f"| {versions} | {total:.2f} | {own:.2f} | {part:.2f} | {baseline:.2f} | "
                f"{total / baseline:.2f} | {cpu:.2f} | {plain_cpu:.2f} | {cpu / plain_cpu:.2f} |"
            )
        out.append(
            "\n`its own phases`: validate, load, calendar, plan, write (the render step); `its "
            "MkDocs part`: the rest, where the plugin hands its HTML blocks past Markdown's HTML "
            "parser (`legalsite.plugin.rawhtml`), which the plain build runs on them.\n"
        )
    if len(results) >= 2:
        cpu_fit = linear_fit([r.versions for r in results], [r.median("cpu_s") for r in results])
        out.append(
            f"\nCPU seconds (user + system; a shared machine disturbs them less than the wall "
            f"clock), line fit: {cpu_fit['intercept_s']:.2f} s + "
            f"{cpu_fit['slope_s_per_version']:.3f} s "
            f"× versions, R² {cpu_fit['r2']:.4f}.\n"
        )
    out += lighthouse_report(results)
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
    parser.add_argument(
        "--step-days",
        type=int,
        default=STEP_DAYS,
        help=f"days between versions (default {STEP_DAYS}; 4 keeps 161 versions inside the "
        "calendar's years)",
    )
    parser.add_argument(
        "--documents",
        type=int,
        default=1,
        help="copies of each document of the repository (default 1; 20 makes a site of many "
        "documents, each with the given numbers of versions)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results to FILE")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="make the projects in DIR and keep them"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="also time a plain mkdocs build of the same generated Markdown (the ratio)",
    )
    parser.add_argument(
        "--preview",
        action="store_true",
        help="measure the editor's preview instead: legalsite serve, then --edits saves of the "
        "newest version, each timed until its page is served (and the server's CPU seconds)",
    )
    parser.add_argument("--edits", type=int, default=5, help="saves per size (default 5)")
    parser.add_argument(
        "--lighthouse",
        action="store_true",
        help="then score the largest site's current, changes and history pages with Lighthouse "
        "(phone and desktop), when Lighthouse is installed (it is never downloaded)",
    )
    parser.add_argument(
        "--lighthouse-bin",
        type=Path,
        metavar="PATH",
        help="the Lighthouse executable, or the folder npm installed it into",
    )
    parser.add_argument(
        "--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page (default 1)"
    )
    # One measurement in this (fresh) process; used by run_worker.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--plain-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--site-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.plain_worker:
        args.out.write_text(json.dumps(measure_plain(args.root)), encoding="utf-8")
        return 0
    if args.worker:
        result = measure_build(args.root, args.today, args.site_dir)
        args.out.write_text(json.dumps(result), encoding="utf-8")
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    lighthouse = None
    if args.lighthouse:
        lighthouse = find_lighthouse(args.lighthouse_bin)
        if lighthouse is None:
            print(
                "Lighthouse is not installed: the pages are not scored (npm install "
                "lighthouse, or run scripts/lighthouse.py once; --lighthouse-bin PATH)",
                file=sys.stderr,
            )

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.preview:
        with tempfile.TemporaryDirectory(prefix="legalsite-preview-") as scratch:
            previews = {}
            for size in args.sizes:
                made = make_project(
                    Path(scratch) / f"versions-{size}", size, step_days=args.step_days
                )
                previews[size] = measure_preview(made, args.edits)
                progress(f"versions {size}: edits {previews[size]['edits_s']}")
        print(preview_report(previews), end="")
        if args.json:
            args.json.write_text(json.dumps(previews, indent=2) + "\n", encoding="utf-8")
        return 0

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep} is not empty")
        results = run_benchmark(
            args.sizes,
            args.repeat,
            args.keep,
            progress=progress,
            plain=args.plain,
            step_days=args.step_days,
            documents=args.documents,
            lighthouse=lighthouse,
            lighthouse_runs=args.lighthouse_runs,
        )
    else:
        with tempfile.TemporaryDirectory(prefix="legalsite-bench-") as scratch:
            results = run_benchmark(
                args.sizes,
                args.repeat,
                Path(scratch),
                progress=progress,
                plain=args.plain,
                step_days=args.step_days,
                documents=args.documents,
                lighthouse=lighthouse,
                lighthouse_runs=args.lighthouse_runs,
            )
    print(report(results, args.repeat), end="")
    if args.json:
        args.json.write_text(
            json.dumps(as_json(results, args.repeat), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
