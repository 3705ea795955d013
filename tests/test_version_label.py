"""A version's own label (``version: "4.0"`` in meta.yaml, issue 24): shown with its dates on
its pages, in the feeds and in versions.json; checked by ``validate``. The document: the CC BY
4.0 excerpt of tests/data/sites/licences (see test_numbering.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import assemble, build_site, made_once, run_cli
from tests.test_numbering import EFFECTIVE, LICENCES


@pytest.fixture(scope="module")
def licences(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_once(
        tmp_path_factory,
        "licences",
        lambda folder: build_site(assemble(folder / "project", LICENCES, pdf=True), EFFECTIVE),
    )


def test_the_label_is_shown_with_the_dates(licences: Path) -> None:
    zh = (licences / "cc-by-4/2013-11-25/index.html").read_text(encoding="utf-8")
    en = (licences / "en/cc-by-4/2013-11-25/index.html").read_text(encoding="utf-8")
    assert '<dl class="ls-dates">\n<div><dt>版本号</dt><dd>4.0</dd></div>' in zh
    assert '<dl class="ls-dates">\n<div><dt>Version</dt><dd>4.0</dd></div>' in en


def test_the_label_is_in_versions_json_and_the_feeds(licences: Path) -> None:
    (document,) = json.loads((licences / "versions.json").read_text(encoding="utf-8"))["documents"]
    assert [v["label"] for v in document["versions"]] == ["4.0"]
    zh = (licences / "cc-by-4/feed.xml").read_text(encoding="utf-8")
    en = (licences / "en/cc-by-4/feed.xml").read_text(encoding="utf-8")
    assert "版本号 4.0 · " in zh
    assert "Version 4.0 · " in en


def test_validate_refuses_a_label_that_is_not_text(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", LICENCES)
    (root / "agreements/cc-by-4/2013-11-25/meta.yaml").write_text(
        "version: [4]\n", encoding="utf-8"
    )
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        "error: agreements/cc-by-4/2013-11-25/meta.yaml:1:10: 'version' must be text, e.g. "
        'version: "4.0"\n    hint: quote a number: version: "2.1"\n1 problem in agreements/\n',
    )
