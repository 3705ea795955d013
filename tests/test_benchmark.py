"""Smoke tests of scripts/benchmark.py: the projects it makes and the report it prints.

Nothing here is timed or asserts on speed; the real benchmark is run by hand.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from legalsite.compare.diff import compare
from legalsite.model.document import LANGS
from legalsite.sources.load import load_project
from tests import sitegen

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"

# scripts/ is not a package: mypy checks the script as the top-level module ``benchmark``.
if TYPE_CHECKING:
    import benchmark
else:
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    benchmark = importlib.import_module("benchmark")


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legalsite", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_each_version_changes_exactly_one_clause(tmp_path: Path) -> None:
    made = benchmark.make_project(tmp_path / "project", 4)
    assert made.versions == tuple(sitegen.effective_dates(4))
    assert made.today > made.versions[-1]
    # A site as the tests make one: mkdocs.yml and the agreements, nothing else.
    assert sorted(p.name for p in made.root.iterdir()) == ["agreements", "mkdocs.yml"]

    validated = run_cli(made.root, "validate")
    assert validated.returncode == 0, validated.stderr
    published = run_cli(made.root, "publish-date", *(d.isoformat() for d in made.versions))
    assert published.returncode == 0, published.stderr
    assert all(line <= made.today.isoformat() for line in published.stdout.split())

    documents = load_project(made.root).documents
    assert [d.id for d in documents] == sorted(made.edits)
    for document in documents:
        versions = document.versions
        assert [v.effective for v in versions] == list(made.versions)
        edited = made.edits[document.id]
        assert len(edited) == 3 and len(set(edited)) == 3  # a different clause each time
        for old, new, clause in zip(versions, versions[1:], edited, strict=False):
            for lang in LANGS:
                comparison = compare(old.texts[lang], new.texts[lang])
                touched = comparison.touched()
                assert [(c.id, c.element.kind, c.status) for c in touched] == [
                    (clause, "clause", "changed")
                ], (document.id, new.id, lang)
                assert comparison.counts() == {
                    "added": 0, "removed": 0, "changed": 1, "moved": 0, "moved_changed": 0,
                    "renumbered": 0,
                }  # fmt: skip
                # The edit appends a sentence: the old text stays a prefix of the new one.
                change = touched[0]
                assert change.old is not None
                assert change.element.text.startswith(change.old.text)
            assert new.texts["zh"].skeleton() == new.texts["en"].skeleton()

    # The CLI redline agrees: one changed clause between the last two versions.
    diffed = run_cli(
        made.root,
        "diff",
        documents[0].id,
        made.versions[-2].isoformat(),
        made.versions[-1].isoformat(),
        "--lang",
        "en",
    )
    assert diffed.returncode == 0, diffed.stderr
    assert "added in revision 3" in diffed.stdout

    sitegen.check_project(made)  # the script's own check agrees


def test_a_project_that_changes_two_clauses_fails_the_check(tmp_path: Path) -> None:
    made = benchmark.make_project(tmp_path / "project", 2)
    document = next(iter(made.edits))
    wrong = sitegen.GeneratedProject(
        made.root, made.versions, made.today, {**made.edits, document: ("x",)}
    )
    with pytest.raises(AssertionError, match="expected only x"):
        sitegen.check_project(wrong)


def test_sizes_option() -> None:
    assert benchmark.parse_sizes("1,11,41") == [1, 11, 41]
    for bad in ("", "0,1", "11,1", "1,1", "a"):
        with pytest.raises(Exception, match="1,11,41"):
            benchmark.parse_sizes(bad)


def test_measured_processes_run_from_compiled_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build is measured as an installed package runs: from its modules' bytecode, whatever
    the machine's PYTHONDONTWRITEBYTECODE."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    assert "PYTHONDONTWRITEBYTECODE" not in benchmark.worker_environment()
    probe = "import legalsite.site.plan as m; print(m.__cached__)"
    cached = subprocess.run(
        [sys.executable, "-c", probe], env=benchmark.worker_environment(), cwd=SCRIPTS.parent,
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(cached).is_file()


@pytest.mark.build
def test_benchmark_runs_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "result.json"
    keep = tmp_path / "projects"
    assert benchmark.main(["--sizes", "1,2", "--repeat", "1", "--keep", str(keep),
                           "--json", str(out)]) == 0  # fmt: skip
    printed = capsys.readouterr().out

    header = next(line for line in printed.splitlines() if line.startswith("| versions | html"))
    assert [cell.strip() for cell in header.strip("|").split("|")] == list(benchmark.COLUMNS)
    assert list(benchmark.COLUMNS) == [
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
    ]
    phases = next(line for line in printed.splitlines() if line.startswith("| versions | valid"))
    assert phases == "| versions | validate | load | calendar | plan | write |"
    assert "total build time grows linearly with versions" in printed.lower()
    assert "render step stays under 10% of the mkdocs build" in printed.lower()
    assert "### The heaviest pages at 2 versions" in printed

    data = json.loads(out.read_text(encoding="utf-8"))
    one, two = data["rows"]
    assert (one["versions"], two["versions"]) == (1, 2)
    assert two["html pages"] > one["html pages"]
    assert two["site bytes"] > one["site bytes"]
    for row in (one, two):
        assert row["total s"] > 0 and row["render s"] > 0 and row["mkdocs s"] > 0
        assert row["peak MiB"] > 0
    assert data["verdict"]["linear"] is None  # two sizes cannot tell
    run = data["runs"][1]["build"][0]
    # The package's timing callback: every render phase once per build, whatever the languages.
    assert run["calls"] == {"validate": 1, "load": 1, "calendar": 1, "plan": 1, "write": 1}
    assert set(run["phases_s"]) == set(benchmark.RENDER_PHASES)

    for size in (1, 2):
        root = keep / f"versions-{size}"
        assert (root / "site" / "index.html").is_file()
        assert run_cli(root, "validate").returncode == 0


def test_many_documents_are_numbered_copies_that_each_change_one_clause(tmp_path: Path) -> None:
    made = benchmark.make_project(tmp_path / "project", 2, documents=3)
    sitegen.check_project(made)  # validates; each version changes exactly its one clause
    documents = load_project(made.root).documents
    assert [d.id for d in documents] == [f"user-service-agreement-0{k}" for k in (1, 2, 3)]
    assert [d.title("en") for d in documents] == [f"User Service Agreement {k}" for k in (1, 2, 3)]
    assert [d.title("zh") for d in documents] == [f"用户服务协议 {k}" for k in (1, 2, 3)]


def test_page_weights_are_the_median_and_the_largest_page(tmp_path: Path) -> None:
    for name, size in (("index.html", 10), ("a/index.html", 30), ("b/index.html", 20)):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
    (tmp_path / "a" / "text.json").write_text("x" * 99, encoding="utf-8")
    weights = benchmark.page_weights(tmp_path)
    assert weights["median_bytes"] == 20
    assert weights["largest_bytes"] == 30
    assert weights["largest_page"] == "a/index.html"
    assert [(page["page"], page["bytes"]) for page in weights["heaviest"]] == [
        ("a/index.html", 30),
        ("b/index.html", 20),
        ("index.html", 10),
    ]
    assert 0 < weights["median_gzip_bytes"] <= weights["largest_gzip_bytes"]


def test_lighthouse_is_found_where_given_and_never_downloaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert benchmark.find_lighthouse() is None
    assert benchmark.find_lighthouse(tmp_path / "lh") is None
    assert not (tmp_path / "cache").exists() and not (tmp_path / "lh").exists()
    binary = tmp_path / "lh" / "node_modules" / ".bin" / "lighthouse"
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n", encoding="utf-8")
    assert benchmark.find_lighthouse(tmp_path / "lh") == binary
    assert benchmark.find_lighthouse(binary) == binary


def test_lighthouse_scores_are_reported_per_page_and_preset() -> None:
    result = benchmark.SizeResult(300)
    result.lighthouse = [
        {
            "page": "history",
            "url": "/doc/history/",
            "preset": "mobile",
            "runs": 3,
            "scores": {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 100},
            "failing": {"total-blocking-time": "Total Blocking Time (160 ms)"},
        }
    ]
    lines = benchmark.lighthouse_report([benchmark.SizeResult(1), result])
    assert lines[0] == "\n### Lighthouse, site of 300 versions (median of 3 run(s))\n"
    assert lines[-1] == (
        "| history `/doc/history/` | mobile | 97 | 100 | 100 | 100 | Total Blocking Time (160 ms) |"
    )
    assert benchmark.lighthouse_report([benchmark.SizeResult(1)]) == []
