"""The editor's preview (legalsite.plugin.preview): what ``serve`` builds, and what it shows
while a file has a problem. Nothing here is timed: the latency is measured by
``scripts/benchmark.py --preview``; the waits below only bound a hung server."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model.errors import Problem
from legalsite.plugin import preview
from legalsite.sources.calendar import WorkingCalendar
from tests.conftest import ROOT, examples
from tests.hostile import hostile_text
from tests.sitegen import make_project

DOC = "user-service-agreement"


# -- What the preview builds -----------------------------------------------------------------


@settings(max_examples=examples(200), deadline=None)
@given(
    st.integers(min_value=1, max_value=200),
    st.sets(st.integers(min_value=0, max_value=199), max_size=3),
    st.integers(min_value=-30, max_value=3000),
)
def test_the_preview_builds_the_newest_the_edited_their_predecessors_and_the_current(
    count: int, edited_at: set[int], today_offset: int
) -> None:
    start = date(2024, 1, 1)
    names = [(start + timedelta(days=5 * k)).isoformat() for k in range(count)]
    edited = {(DOC, names[k]) for k in edited_at if k < count}
    calendar = WorkingCalendar()
    today = start + timedelta(days=today_offset)
    chosen = preview.select([(DOC, n) for n in names], calendar, today, edited)[DOC]
    focus = {names[-1]} | {version for _, version in edited}
    expected = set(focus)
    for version in focus:
        at = names.index(version)
        if at:
            expected.add(names[at - 1])
    in_force = [
        n
        for n in names
        if calendar.publication_date(date.fromisoformat(n)) <= today
        and date.fromisoformat(n) <= today
    ]
    if in_force:
        expected.add(in_force[-1])
    assert chosen == expected
    # It does not grow with the number of versions: only with the versions edited.
    assert len(chosen) <= 2 * len(focus) + 1


def test_changed_names_the_version_folders_added_or_changed(tmp_path: Path) -> None:
    made = make_project(tmp_path / "project", 3, source=ROOT)
    before = preview.version_digests(made.root)
    assert sorted(before) == [(DOC, v.isoformat()) for v in made.versions]
    folder = made.root / "agreements" / DOC / made.versions[1].isoformat()
    (folder / "en.yaml").write_text(
        (folder / "en.yaml").read_text("utf-8") + "# a comment\n", "utf-8"
    )
    new = made.root / "agreements" / DOC / "2030-01-01"
    new.mkdir()
    after = preview.version_digests(made.root)
    assert preview.changed(before, after) == {
        (DOC, made.versions[1].isoformat()),
        (DOC, "2030-01-01"),
    }
    assert preview.changed(after, after) == set()


@settings(max_examples=examples(200), deadline=None)
@given(hostile_text(), hostile_text(), hostile_text())
def test_the_problems_banner_shows_every_string_as_text(path: str, message: str, hint: str) -> None:
    banner = preview.problems_banner([Problem(path, 3, 7, message, hint)], message)
    inner = re.sub(r"^<div [^>]*><strong>|</li></ul></div>$", "", banner)
    # Only the banner's own tags: nothing an editor wrote opens or closes an element.
    assert re.findall(r"<[^>]*>", inner) == [
        "</strong>",
        "<ul>",
        "<li>",
        '<code style="white-space:pre-wrap">',
        "</code>",
    ]
    page = preview.with_banner('<html><body class="x"><p>page</p></body></html>', banner)
    assert page == f'<html><body class="x">{banner}<p>page</p></body></html>'


# -- The preview, served --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _until(url: str, check: str, present: bool = True, limit: float = 300) -> str:
    """The page once ``check`` is (or is no longer) in it; fails after ``limit`` seconds
    (a hung server), which no assertion here measures."""
    end = time.monotonic() + limit
    while True:
        try:
            status, body = _get(url)
        except OSError:
            status, body = 0, ""
        if status == 200 and (check in body) == present:
            return body
        if time.monotonic() > end:
            raise AssertionError(f"{url}: {check!r} {'never' if present else 'still'} there")
        time.sleep(0.2)


def _edit(path: Path, marker: str) -> None:
    """Append ``marker`` to the first clause's text of a YAML file written by the benchmark,
    then a full stop: the clause's last character shares a span with its links, and the marker
    stays whole in the page's HTML."""
    text = path.read_text("utf-8")
    at = text.index("\n", text.index("    text: "))
    path.write_text(text[:at] + marker + "。" + text[at:], "utf-8")


@pytest.mark.build
def test_serve_builds_the_versions_an_editor_needs_shows_edits_and_problems(
    tmp_path: Path,
) -> None:
    made = make_project(tmp_path / "project", 6, source=ROOT)
    versions = [v.isoformat() for v in made.versions]
    port = _free_port()
    base = f"http://127.0.0.1:{port}/{DOC}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "legalsite",
            "serve",
            "--today",
            made.today.isoformat(),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=made.root,
        env={**os.environ, "TZ": "UTC"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = _until(f"{base}/", "ls-preview-notice")
        assert "4 other version(s) not built here" in first
        # The newest with its redline, and the one before it; the older ones are left out.
        assert _get(f"{base}/{versions[-1]}/")[0] == 200
        assert _get(f"{base}/{versions[-1]}/changes/")[0] == 200
        assert _get(f"{base}/{versions[-2]}/")[0] == 200
        assert _get(f"{base}/{versions[0]}/")[0] == 404

        # An edit of the newest version shows on the current page.
        newest = made.root / "agreements" / DOC / versions[-1] / "zh.yaml"
        good = newest.read_text("utf-8")
        _edit(newest, "预览修改一")
        _until(f"{base}/", "预览修改一")

        # An edited archived version is built from then on, with the one before it.
        older = made.root / "agreements" / DOC / versions[1] / "zh.yaml"
        _edit(older, "预览修改二")
        page = _until(f"{base}/{versions[1]}/", "预览修改二")
        assert "2 other version(s) not built here" in page
        assert _get(f"{base}/{versions[0]}/")[0] == 200

        # A broken file: the last good pages stay, with the problem (file:line:col) on top.
        newest.write_text(newest.read_text("utf-8") + "title: [unclosed\n", "utf-8")
        broken = _until(f"{base}/", "YAML syntax")
        where = re.escape(f"agreements/{DOC}/{versions[-1]}/zh.yaml:") + r"\d+:\d+: YAML syntax"
        assert re.search(where, broken)
        assert "预览修改一" in broken
        # Fixed: the banner goes.
        newest.write_text(good, "utf-8")
        fixed = _until(f"{base}/", "YAML syntax", present=False)
        assert "预览修改一" not in fixed
        # What validate would refuse besides the files shows too, while the pages are built:
        # the edits above changed the zh text only; then an empty summary.
        assert "1 problem(s) `legalsite validate` will refuse" in fixed
        assert "changed in 中文" in fixed
        meta = made.root / "agreements" / DOC / versions[-1] / "meta.yaml"
        meta.write_text("summary:\n  zh: ''\n  en: ''\n", "utf-8")
        refused = _until(f"{base}/", "3 problem(s) `legalsite validate` will refuse")
        assert f"agreements/{DOC}/{versions[-1]}/meta.yaml:2:7: the zh summary is empty" in refused
        assert f"agreements/{DOC}/{versions[-1]}/meta.yaml:3:7: the en summary is empty" in refused
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=60)
    assert "end of life" not in stderr
    assert re.search(where, stderr)  # the editor's terminal names it too


def test_the_preview_checks_the_edited_versions_as_validate_does(tmp_path: Path) -> None:
    # The newest version: its summary emptied, a clause changed in zh only, and an edited
    # older version whose en text is put back to the one before it (both languages the same).
    from legalsite.commands import actions as commands
    from legalsite.model.errors import LegalsiteError
    from legalsite.sources.load import load_project

    made = make_project(tmp_path / "project", 5, source=ROOT)
    versions = [v.isoformat() for v in made.versions]
    folder = made.root / "agreements" / DOC
    (folder / versions[-1] / "meta.yaml").write_text("summary:\n  zh: ''\n  en: ''\n", "utf-8")
    _edit(folder / versions[-1] / "zh.yaml", "只改中文")
    for lang in ("zh", "en"):
        before = (folder / versions[1] / f"{lang}.yaml").read_text("utf-8")
        (folder / versions[2] / f"{lang}.yaml").write_text(before, "utf-8")
    with pytest.raises(LegalsiteError) as refused:
        commands.validate(root=made.root)
    focus = {(DOC, versions[-1]), (DOC, versions[2])}
    expected = [
        p
        for p in refused.value.problems
        if any(p.path.startswith(f"agreements/{DOC}/{v}") for _, v in focus)
    ]
    assert len(expected) >= 3  # the summary, the zh-only change, the repeated text
    only = preview.select(preview.version_digests(made.root), WorkingCalendar(), made.today, focus)
    project = load_project(made.root, only=only)
    assert sorted(preview.version_checks(project, focus), key=str) == sorted(expected, key=str)


def test_the_preview_shows_no_checks_of_files_it_could_not_read(tmp_path: Path) -> None:
    # The checks belong to the files they were made from: while a file is broken they are not
    # shown (a summary fixed meanwhile was still said to be empty), and they are shown again
    # when the files come back to what they were (the plan is reused then).
    from mkdocs.config import load_config

    from legalsite.plugin.config import read_config, with_today
    from legalsite.plugin.plugin import LegalsitePlugin

    made = make_project(tmp_path / "project", 3, source=ROOT)
    newest = made.root / "agreements" / DOC / made.versions[-1].isoformat()
    config_file = made.root / "mkdocs.yml"

    def rebuild() -> tuple[list[str], bool]:
        plugins = with_today(read_config(config_file).get("plugins"), made.today)
        config = load_config(str(config_file), plugins=plugins)
        config.plugins.on_config(config)
        plugin = config.plugins["legalsite"]
        assert isinstance(plugin, LegalsitePlugin)
        return [p.message for p in plugin.checks], plugin._problem is not None

    config = load_config(
        str(config_file), plugins=with_today(read_config(config_file).get("plugins"), made.today)
    )
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        empty = ["the zh summary is empty", "the en summary is empty"]
        (newest / "meta.yaml").write_text("summary:\n  zh: ''\n  en: ''\n", "utf-8")
        assert rebuild() == (empty, False)
        zh = newest / "zh.yaml"
        good = zh.read_text("utf-8")
        zh.write_text(good + "title: [unclosed\n", "utf-8")
        assert rebuild() == ([], True)
        zh.write_text(good, "utf-8")  # back to the files of the last plan
        assert rebuild() == (empty, False)
        zh.write_text(good + "title: [unclosed\n", "utf-8")
        (newest / "meta.yaml").write_text("summary: {zh: 好, en: ok}\n", "utf-8")
        assert rebuild() == ([], True)  # the summary is no longer empty
        zh.write_text(good, "utf-8")
        assert rebuild() == ([], False)
    finally:
        config.plugins.on_shutdown()
