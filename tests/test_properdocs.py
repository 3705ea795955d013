"""ProperDocs, the maintained fork of MkDocs 1.x, as a second build target: the same project
built by `properdocs build` gives the same site as `legalsite build` (MkDocs 1.6.1), file for
file, but for the generator named in each page's meta tag (README: Building with ProperDocs).

ProperDocs replaces every ``mkdocs`` module in the process that imports it, so it runs in a
process of its own."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILD_DAY, ROOT, assemble, set_plugin_options

GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-[^"]*">')


def contents(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, the generator tag blanked and a gzip file by
    what it holds (its header has the time it was written)."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            files[path.relative_to(site).as_posix()] = GENERATOR.sub(b"<generator>", data)
    return files


@pytest.mark.build
def test_properdocs_builds_the_same_site_as_mkdocs(real_site: Path, tmp_path: Path) -> None:
    project = assemble(tmp_path / "project", ROOT / "agreements")
    set_plugin_options(project, f"{{today: {BUILD_DAY.isoformat()}}}")
    properdocs = Path(sys.executable).parent / "properdocs"
    result = subprocess.run(
        [str(properdocs), "build", "--strict", "--quiet", "--config-file", "mkdocs.yml",
         "--site-dir", str(tmp_path / "site")],
        cwd=project, env={**os.environ, "TZ": "UTC"}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    ours, theirs = contents(real_site), contents(tmp_path / "site")
    assert sorted(theirs) == sorted(ours)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == []
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="mkdocs-ProperDocs 1.6.' in page
