"""The real CLI and the real MkDocs build on the tiny basic site."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from legalsite.commands import actions as commands
from tests.conftest import (
    SITES,
    Ran,
    assemble,
    interruptible,
    run_cli,
    run_process,
    set_plugin_options,
    stop_process,
)

pytestmark = pytest.mark.build


def run_mkdocs(root: Path, *args: str) -> Ran:
    """Plain ``mkdocs`` (Material's end-of-life notice off, as a site would set it)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    return Ran(result.returncode, result.stdout, result.stderr)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical_in_any_time_zone(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    # The PDFs too, their cache in the project as a site has it (.cache/legalsite).
    set_plugin_options(root, "{pdf: true}")
    scratch = tmp_path / "tmp"  # where the build's working folder of generated pages goes
    scratch.mkdir()
    first = run_process(
        root, "build", "--today", "2024-06-01", "--site-dir", "a", tz="America/New_York",
        env={"TMPDIR": str(scratch)},
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert [p.name for p in scratch.iterdir()] == []  # nothing, not even a jieba.cache
    assert first.stdout == f"built the site for 2024-06-01 into {root / 'a'}\n"
    second = run_process(root, "build", "--today", "2024-06-01", "--site-dir", "b", tz="Asia/Tokyo")
    assert second.returncode == 0, second.stderr
    a, b = tree_digest(root / "a"), tree_digest(root / "b")
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a
    assert a == b
    # The sitemap's dates are the build date, whatever the clock or the time zone.
    sitemap = (root / "a/sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2024-06-01"}
    # The project holds only its sources and the sites: no generated pages, no leftovers.
    assert sorted(p.name for p in root.iterdir()) == [
        ".cache",
        "a",
        "agreements",
        "b",
        "mkdocs.yml",
    ]


def test_mkdocs_build_and_legalsite_build_give_the_same_site(tmp_path: Path) -> None:
    by_mkdocs = assemble(tmp_path / "mkdocs", SITES / "versions" / "agreements")
    set_plugin_options(by_mkdocs, '{today: "2025-03-03"}')
    result = run_mkdocs(by_mkdocs, "build", "-q", "-d", str(tmp_path / "one"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    by_cli = assemble(tmp_path / "cli", SITES / "versions" / "agreements")
    result = run_cli(by_cli, "build", "--today", "2025-03-03", "--site-dir", str(tmp_path / "two"))
    assert result.returncode == 0, result.stderr
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert "user-service-agreement/2025-03-03/changes/index.html" in one
    assert one == two


def test_a_malformed_today_is_one_line_under_mkdocs_and_legalsite(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    set_plugin_options(root, '{today: "2024-02-30"}')
    message = (
        "Config value 'plugins': Plugin 'legalsite' option 'today': '2024-02-30' is not a date: "
        "write it as YYYY-MM-DD, e.g. 2025-03-01"
    )
    result = run_mkdocs(root, "build", "-q")
    assert (result.returncode, result.stderr) == (1, f"ERROR   -  {message}\n")
    assert result.stdout == "\nAborted with a configuration error!\n"  # MkDocs' own last word
    result = run_cli(root, "build")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: mkdocs.yml: {message}\n"
    assert not (root / "site").exists()


def test_versions_json(basic_site: Path) -> None:
    data = json.loads((basic_site / "versions.json").read_text(encoding="utf-8"))
    assert data["build_date"] == "2024-06-01"
    assert [d["id"] for d in data["documents"]] == ["privacy-policy", "user-service-agreement"]
    usa = data["documents"][1]
    assert usa["title"] == {"zh": "用户服务协议", "en": "User Service Agreement"}
    (version,) = usa["versions"]
    assert version["id"] == "2024-01-01"
    assert version["effective"] == "2024-01-01"
    assert version["published"] == "2023-12-29"  # the last working day before 2024-01-01
    assert version["status"] == "current"
    assert version["languages"]["zh"]["url"] == "user-service-agreement/2024-01-01/"
    assert version["languages"]["en"]["url"] == "en/user-service-agreement/2024-01-01/"
    assert version["languages"]["zh"]["changes_url"] is None
    for lang in ("zh", "en"):
        assert re.fullmatch(r"[0-9a-f]{64}", version["languages"][lang]["sha256"])
        assert (basic_site / version["languages"][lang]["url"] / "index.html").is_file()


def test_html_lang_and_language_switcher(basic_site: Path) -> None:
    zh = (basic_site / "user-service-agreement/2024-01-01/index.html").read_text(encoding="utf-8")
    en = (basic_site / "en/user-service-agreement/2024-01-01/index.html").read_text(
        encoding="utf-8"
    )
    assert '<html lang="zh"' in zh and '<html lang="en"' in en
    # The switcher leads to the same page in the other language.
    assert '<a href="en/user-service-agreement/2024-01-01/" hreflang="en"' in zh.replace(
        "../../", ""
    )
    assert '<a href="../../../user-service-agreement/2024-01-01/" hreflang="zh"' in en


def test_every_page_exists_in_both_languages(basic_site: Path) -> None:
    pages = {p.relative_to(basic_site).as_posix() for p in basic_site.rglob("index.html")}
    en = {p.removeprefix("en/") for p in pages if p.startswith("en/")}
    zh = {p for p in pages if not p.startswith("en/")}
    assert zh == en | {"404.html"} - {"404.html"} or zh == en


def test_the_plugin_brings_its_theme_stylesheet_and_scripts(basic_site: Path) -> None:
    """Nothing copied into the project: the package's theme folder, CSS and JavaScript."""
    html = (basic_site / "privacy-policy/index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../assets/legalsite.css">' in html
    assert '<script src="../assets/legalsite.js"></script>' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html  # main.html override
    assert 'role="dialog" aria-label="' in html  # partials/search.html override
    for asset in ("legalsite.css", "legalsite.js", "legalsite-compare.js"):
        assert (basic_site / "assets" / asset).is_file()


def test_clause_text_is_inert_in_the_built_html(basic_site: Path) -> None:
    html = (basic_site / "privacy-policy/index.html").read_text(encoding="utf-8")
    # Its last word shares a span with the clause's links (they never take a line alone).
    assert (
        "我们仅收集提供服务所必需的信息(`code` _x_ {#y} |z| # 1 &lt; 2 &amp; &amp;x; "
        '&lt;3)<span class="ls-keep">。' in html
    )
    assert "<code>" not in html.split("<article")[1]


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    zh = root / "agreements/privacy-policy/2024-03-01/zh.yaml"
    zh.write_text(zh.read_text(encoding="utf-8").replace("title: 隐私权政策", "title: 隐私\u200b"))
    (root / "agreements/privacy-policy/2024-03-01/en.yaml").unlink()
    result = run_cli(root, "validate")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: agreements/privacy-policy/2024-03-01/en.yaml: missing language file en.yaml\n"
        "    hint: every version needs zh.yaml and en.yaml: translate zh.yaml\n"
        "agreements/privacy-policy/2024-03-01/zh.yaml:2:10: invisible or direction-changing "
        "character U+200B ZERO WIDTH SPACE\n"
        "    hint: delete it: such characters can hide or reorder words of a legal text; "
        "`legalsite format` fixes it\n"
        "2 problems in agreements/\n"
    )


def test_validate_ok(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    result = run_cli(root, "validate")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "ok: 2 document(s), 2 version(s), 4 file(s) checked\n",
        "",
    )


def test_outside_a_project(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "validate")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {tmp_path} is not a legalsite project (it needs mkdocs.yml and agreements/)\n"
        "hint: cd into the project folder first\n"
    )


def test_the_agreements_option_moves_the_folder_for_every_command(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "legal").mkdir()
    assemble(root / "legal", SITES / "basic" / "agreements")
    (root / "legal/mkdocs.yml").rename(root / "mkdocs.yml")
    set_plugin_options(root, "{agreements: legal/agreements}")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "docs_dir: agreements", "docs_dir: legal/agreements"
        ),
        "utf-8",
    )
    assert (
        run_cli(root, "validate").stdout == "ok: 2 document(s), 2 version(s), 4 file(s) checked\n"
    )
    result = run_cli(root, "build", "--today", "2024-06-01")
    assert (result.returncode, result.stderr) == (0, "")
    assert (root / "site/privacy-policy/index.html").is_file()
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("agreements: legal/agreements}", "agreements: legal/texts}"))
    result = run_cli(root, "validate")
    assert result.stderr == (
        "error: mkdocs.yml: plugin legalsite option agreements: 'legal/texts' is not a folder "
        "named agreements inside the project: the commands and the editors' guide know it by "
        "that name (e.g. agreements or legal/agreements)\n"
    )


# -- Builds own their folders (issue 10, section 4) ---------------------------------------------

REFUSED = {
    ".": "the site folder . is the project folder",
    "..": "the site folder {parent} contains the project {root}",
    "agreements": "the site folder agreements is a folder the site is made from",
    "agreements/user-service-agreement": "the site folder agreements/user-service-agreement "
    "is inside agreements, a folder the site is made from",
    "notes": "the site folder notes is not empty and no legalsite build made it (it has no "
    ".legalsite-site)",
    "mkdocs.yml": "the site folder mkdocs.yml is a file",
}
HINT = "hint: choose a new or empty folder for the site, such as site/"


@pytest.mark.parametrize("site_dir", sorted(REFUSED))
def test_a_site_folder_the_build_may_not_empty_is_refused(tmp_path: Path, site_dir: str) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    (root / "notes").mkdir()
    (root / "notes/draft.txt").write_text("mine", encoding="utf-8")
    before = tree_digest(tmp_path)
    result = run_cli(root, "build", "--today", "2024-06-01", "--site-dir", site_dir)
    message = REFUSED[site_dir].format(parent=tmp_path, root=root)
    extra = "; the build would delete what is in it" if site_dir == "notes" else ""
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {message}\n{HINT}{extra}\n"
    assert tree_digest(tmp_path) == before  # nothing written, nothing deleted


def test_plain_mkdocs_is_refused_the_same_by_the_plugin(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    (root / "notes").mkdir()
    (root / "notes/draft.txt").write_text("mine", encoding="utf-8")
    before = tree_digest(tmp_path)
    result = run_mkdocs(root, "build", "-q", "-d", "notes")
    assert (result.returncode, result.stdout) == (1, "\nAborted with a BuildError!\n")
    assert result.stderr == (
        "ERROR   -  legalsite: the site folder notes is not empty and no legalsite build made it "
        f"(it has no .legalsite-site)\n{HINT}; the build would delete what is in it\n"
    )
    assert tree_digest(tmp_path) == before


@pytest.mark.parametrize("tool", ["legalsite", "mkdocs"])
def test_a_file_put_into_a_built_site_is_kept_and_named(tmp_path: Path, tool: str) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    assert run_cli(root, "build", "--today", "2024-06-01").returncode == 0
    marker = (root / "site/.legalsite-site").read_text(encoding="utf-8")
    assert marker.startswith("This folder is a website built by legalsite (MkDocs).")
    assert "\nstate: complete\nfiles:\n404.html\n" in marker
    (root / "site/privacy-policy/notes.txt").write_text("mine", encoding="utf-8")
    (root / "site/zz.txt").write_text("mine too", encoding="utf-8")
    before = tree_digest(root / "site")
    if tool == "legalsite":
        result = run_cli(root, "build", "--today", "2024-06-01")
        lines = result.stderr.splitlines()
        assert lines[0].startswith("error: ")
    else:
        result = run_mkdocs(root, "build", "-q")
        lines = result.stderr.splitlines()
        assert lines[0].startswith("ERROR   -  legalsite: ")
    assert result.returncode == 1
    assert [line.split(": ", 1)[1] if i == 0 else line for i, line in enumerate(lines)] == [
        "the site folder site holds files the last build did not make: "
        "privacy-policy/notes.txt, zz.txt",
        "hint: move them out of the site folder (the build rewrites it whole), then build again",
    ]
    assert tree_digest(root / "site") == before
    (root / "site/privacy-policy/notes.txt").unlink()
    (root / "site/zz.txt").unlink()
    assert run_cli(root, "build", "--today", "2024-06-02").returncode == 0


def test_hidden_entries_are_content_and_a_built_sites_hidden_entries_are_kept(
    tmp_path: Path,
) -> None:
    """A folder holding only hidden entries (a home folder, a gh-pages checkout) is refused,
    untouched; a built site's own .git and .nojekyll survive every rebuild, as under MkDocs."""
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    (tmp_path / "pages/.git").mkdir(parents=True)
    (tmp_path / "pages/.git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (tmp_path / "pages/.nojekyll").write_text("", encoding="utf-8")
    before = tree_digest(tmp_path)
    result = run_cli(root, "build", "--today", "2024-06-01", "--site-dir", "../pages")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: the site folder {tmp_path / 'pages'} is not empty and no legalsite build made "
        f"it (it has no .legalsite-site)\n{HINT}; the build would delete what is in it\n"
    )
    assert tree_digest(tmp_path) == before

    assert run_cli(root, "build", "--today", "2024-06-01").returncode == 0
    (root / "site/.git").mkdir()
    (root / "site/.git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (root / "site/.nojekyll").write_text("", encoding="utf-8")
    for day in ("2024-06-02", "2024-06-03"):
        result = run_cli(root, "build", "--today", day)
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        assert (root / "site/.git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
        assert (root / "site/.nojekyll").is_file() and (root / "site/index.html").is_file()
    # Built without PDFs: no cache folder either (tests/test_pdfcache.py: where it goes).
    assert sorted(p.name for p in root.iterdir()) == ["agreements", "mkdocs.yml", "site"]


def test_a_site_folder_that_is_a_link_is_built_where_it_points(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    served = tmp_path / "www/legal"
    served.parent.mkdir()
    (root / "site").symlink_to(served, target_is_directory=True)
    for day in ("2024-06-01", "2024-06-02"):
        result = run_cli(root, "build", "--today", day)
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        assert (root / "site").is_symlink() and (served / "index.html").is_file()
    assert sorted(p.name for p in served.parent.iterdir()) == ["legal"]


def second_build_half_written(tmp_path: Path) -> tuple[Path, dict[str, str], subprocess.Popen[str]]:
    """The versions site built once (its project, and its site's digest), then a second build
    in a process of its own, caught once the new site is half written: some pages there, the
    build still running."""
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    assert run_cli(root, "build", "--today", "2025-03-03").returncode == 0
    before = tree_digest(root / "site")
    with interruptible():
        process = subprocess.Popen(
            [sys.executable, "-m", "legalsite", "build", "--today", "2025-03-04"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    while process.poll() is None and not any(root.glob(".site.building-*/**/index.html")):
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it was half written"
    return root, before, process


def test_an_interrupted_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root, before, process = second_build_half_written(tmp_path)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert (process.returncode, stdout) == (130, "")
    assert stderr == "interrupted: the site folder was left as it was\n"
    assert tree_digest(root / "site") == before
    # Built without PDFs: no cache folder either (tests/test_pdfcache.py: where it goes).
    assert sorted(p.name for p in root.iterdir()) == ["agreements", "mkdocs.yml", "site"]


def test_two_builds_at_once_each_make_their_own_site(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    days = {"early": "2025-02-27", "late": "2025-03-03"}  # before and after 2025-03-03 is out
    processes = {
        name: subprocess.Popen(
            [sys.executable, "-m", "legalsite", "build", "--today", day, "--site-dir", name],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, day in days.items()
    }
    for name, process in processes.items():
        stdout, stderr = process.communicate()
        assert (process.returncode, stderr) == (0, ""), name
        assert stdout == f"built the site for {days[name]} into {root / name}\n"
    for name, day in days.items():
        data = json.loads((root / name / "versions.json").read_text(encoding="utf-8"))
        assert data["build_date"] == day
        newer = root / name / "user-service-agreement/2025-03-03/index.html"
        assert newer.exists() == (name == "late")
    assert sorted(p.name for p in root.iterdir()) == [
        "agreements",
        "early",
        "late",
        "mkdocs.yml",
    ]


def test_the_plugin_plans_once_per_build_whatever_the_languages(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    phases: list[str] = []
    built = commands.build(
        root=root,
        today=None,
        site_dir=root / "site",
        quiet=True,
        timing=lambda phase, seconds: phases.append(phase),
    )
    assert sorted(phases) == ["calendar", "load", "plan", "validate", "write"]
    assert (built.site / "en/user-service-agreement/index.html").is_file()


def test_governing_language_and_labels(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    set_plugin_options(
        root, "{governing_language: zh, languages: {zh: 简体中文, en: English (US)}}"
    )
    assert run_cli(root, "build", "--today", "2025-03-03").returncode == 0
    pages = {
        "zh": "本文件的简体中文文本与English (US)文本如有不一致，以简体中文文本为准。",
        "en": "If the 简体中文 and English (US) texts differ, the 简体中文 text prevails.",
    }
    for lang, notice in pages.items():
        prefix = "" if lang == "zh" else "en/"
        for page in ("", "2024-01-01/", "2025-03-03/bilingual/"):
            html = (root / f"site/{prefix}user-service-agreement/{page}index.html").read_text(
                encoding="utf-8"
            )
            if lang == "zh":  # the governing language's own pages need not say it (issue 13)
                assert "ls-governing" not in html, page
                continue
            # Near the top: the first thing under the page's title.
            under_title = html.split("</h1>", 1)[1].lstrip()
            assert under_title.startswith(f'<p class="ls-governing">{notice}</p>'), page
            assert html.count("ls-governing") == 1, (lang, page)
        history = root / f"site/{prefix}user-service-agreement/history/index.html"
        assert "ls-governing" not in history.read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _fetch(url: str, process: subprocess.Popen[str], log: Path) -> str:
    """The page once the server answers (it builds first); fails if the server died or a
    rebuild failed (it would then serve the old site for ever)."""
    while True:
        assert process.poll() is None, log.read_text(encoding="utf-8")
        assert "error happened during the rebuild" not in log.read_text(encoding="utf-8")
        try:
            with urllib.request.urlopen(url) as response:
                text: str = response.read().decode("utf-8")
                return text
        except OSError:
            time.sleep(0.2)


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.parametrize(
    ("tool", "how"),
    [("mkdocs", signal.SIGINT), ("legalsite", signal.SIGINT), ("legalsite", signal.SIGTERM)],
)
def test_serve_shows_the_same_site_and_follows_an_edit(
    tmp_path: Path, tool: str, how: signal.Signals
) -> None:
    """Stopped by Ctrl+C, or by SIGTERM (a process manager): nothing left behind."""
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    # The preview makes no PDFs (legalsite.plugin.preview): compare with a build without them.
    set_plugin_options(
        root, '{today: "2024-06-01", pdf: false}' if tool == "mkdocs" else "{pdf: false}"
    )
    built = run_cli(root, "build", "--today", "2024-06-01")
    assert built.returncode == 0, built.stderr
    port = _free_port()
    address = f"127.0.0.1:{port}"
    if tool == "mkdocs":
        command = ["-m", "mkdocs", "serve", "--dev-addr", address]
    else:
        command = ["-m", "legalsite", "serve", "--today", "2024-06-01", "--dev-addr", address]
    scratch = tmp_path / "tmp"  # the process's temporary folders land here
    scratch.mkdir()
    log = tmp_path / "serve.log"  # a file, not a pipe: a full pipe would block the server
    with log.open("w", encoding="utf-8") as output, interruptible():
        process = subprocess.Popen(
            [sys.executable, *command],
            cwd=root,
            env={**os.environ, "TMPDIR": str(scratch), "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=output,
            text=True,
        )
    try:
        base = f"http://{address}/"
        page = _fetch(base + "privacy-policy/", process, log)
        site = root / "site"
        assert _article(page) == _article(
            (site / "privacy-policy/index.html").read_text(encoding="utf-8")
        )
        assert _fetch(base + "versions.json", process, log) == (site / "versions.json").read_text(
            encoding="utf-8"
        )
        zh = root / "agreements/privacy-policy/2024-03-01/zh.yaml"
        zh.write_text(zh.read_text(encoding="utf-8").replace("隐私权政策", "隐私政策(修订)"))
        while "隐私政策(修订)" not in _fetch(base + "privacy-policy/", process, log):
            time.sleep(0.2)
    finally:
        stop_process(process, how)
    stderr = log.read_text(encoding="utf-8")
    assert process.returncode == 0, stderr
    assert "Watching paths for changes: 'mkdocs.yml', 'agreements'" in stderr
    # The working folder of generated pages and MkDocs' own served folder are gone.
    assert [p.name for p in scratch.iterdir()] == []  # nothing, not even a jieba.cache
    assert sorted(p.name for p in root.iterdir()) == ["agreements", "mkdocs.yml", "site"]


def test_a_sites_custom_dir_still_overrides_the_plugins_theme(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    (root / "overrides/assets").mkdir(parents=True)
    (root / "overrides/assets/legalsite.css").write_text("/* ours */\n", encoding="utf-8")
    built = commands.build(root=root, today=None, site_dir=root / "site", quiet=True)
    assert (built.site / "assets/legalsite.css").read_text(encoding="utf-8") == "/* ours */\n"
    assert (built.site / "assets/legalsite.js").is_file()  # the rest still the plugin's


def test_a_build_changes_neither_the_environment_nor_the_working_directory(
    tmp_path: Path,
) -> None:
    import material.templates  # noqa: F401 - Material sets NO_MKDOCS_2_WARNING when imported

    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    environment, cwd = dict(os.environ), Path.cwd()
    commands.build(root=root, today=None, site_dir=root / "site", quiet=True)
    assert (dict(os.environ), Path.cwd()) == (environment, cwd)
    assert cwd != root


# -- Element ids: no title and no generated heading can take an editor's id ---------------------


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
                self.tags.setdefault(value, tag)


def test_every_element_id_is_unique_whatever_the_titles_and_ids(tmp_path: Path) -> None:
    """A title whose slug is a clause's id ("Definitions 1 1" and the list item definitions-1-1):
    the title's heading took the clause's id (on the version, bilingual and changes pages), and
    every link to the clause led to the title. Sections named like legalsite's own words
    ("preamble") keep their ids too."""
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    for path in sorted((root / "agreements").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^title: .*$", "title: Definitions 1 1", text)
        text = text.replace("- id: definitions\n", "- id: preamble\n")
        if "2025-03-03" in path.as_posix():
            text = text.replace(
                "MaiBang Digital Technology.\n", "MaiBang Digital Technology Ltd.\n"
            )
            text = text.replace("脉邦数字科技之间的协议。\n", "脉邦数字科技有限公司之间的协议。\n")
        path.write_text(text, encoding="utf-8")
    built = run_cli(root, "build", "--today", "2025-03-03", "--site-dir", "site")
    assert built.returncode == 0, built.stderr
    pages = sorted((root / "site").rglob("*.html"))
    assert [p for p in pages if p.parent.name == "changes"]
    for page in pages:
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        repeated = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
        assert repeated == [], page.relative_to(root)
        if page.parent.name == "user-service-agreement":  # the current version, zh and en
            assert parser.tags["definitions-1-1"] == "li"
            assert parser.tags["preamble"] == "h2"


@pytest.mark.parametrize(
    ("command", "hint"),
    [
        ("build", "run `mkdocs build --strict` to see the full log"),
        ("serve", "fix what the lines above name in mkdocs.yml, then run legalsite serve again"),
    ],
)
def test_a_mkdocs_failure_is_a_message_and_one_line_per_log_entry(command: str, hint: str) -> None:
    """MkDocs' warnings under the message, each on its own line; no '\\n' shown as text."""
    import logging

    from mkdocs.exceptions import Abort

    from legalsite.commands import mkdocs_run
    from legalsite.model.errors import LegalsiteError

    with pytest.raises(LegalsiteError) as caught, mkdocs_run._mkdocs_errors(True, command):
        logging.getLogger("mkdocs.plugins").warning("first\nsecond \x1b[2J")
        raise Abort("Aborted with a BuildError!\n")
    assert str(caught.value) == (
        f"the MkDocs {command} failed: Aborted with a BuildError!\n"
        "  WARNING: first\n  second \\x1b[2J\n"
        f"hint: {hint}"
    )


# -- What new-version, check-frozen and check take for today: what the build takes ----------------


def test_site_today_is_the_plugins_today_else_today_in_its_time_zone(tmp_path: Path) -> None:
    from datetime import UTC, date, datetime

    from legalsite.model.errors import LegalsiteError
    from legalsite.plugin.config import site_today

    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    config = root / "mkdocs.yml"
    now = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)  # 19:00 in Shanghai, 01:00 next day at +14
    assert site_today(config, now) == date(2026, 11, 25)
    set_plugin_options(root, "{timezone: Pacific/Kiritimati}")
    assert site_today(config, now) == date(2026, 11, 26)
    config.write_text(
        config.read_text("utf-8").replace("timezone: Pacific/Kiritimati", "timezone: Mars/Base"),
        "utf-8",
    )
    with pytest.raises(LegalsiteError) as refused:
        site_today(config, now)
    assert str(refused.value) == (
        "mkdocs.yml: plugin legalsite option timezone: 'Mars/Base' is not a time zone: write an "
        "IANA name such as Asia/Shanghai"
    )


def test_site_today_refuses_a_zone_folder_and_a_timestamp_as_the_build_does(
    tmp_path: Path,
) -> None:
    # 'Asia' names a folder of the time zone database and a long name is too long for a file
    # name: ZoneInfo raises OSError for both, and YAML reads 2020-01-01T10:00:00 as a datetime,
    # which cannot be compared with a date; each was a traceback (new-version and build alike).
    from legalsite.model.errors import LegalsiteError
    from legalsite.plugin.config import LegalsiteConfig, site_today

    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    long = "a" * 300
    for options, value, expected in (
        ("{timezone: Asia}", "Asia", "option timezone: 'Asia' is not a time zone"),
        (f"{{timezone: {long}}}", long, f"option timezone: '{long}' is not a time zone"),
        (
            "{today: 2020-01-01T10:00:00}",
            None,
            "option today: '2020-01-01 10:00:00' is not a date: write it as YYYY-MM-DD",
        ),
    ):
        config.write_text(text, "utf-8")
        set_plugin_options(root, options)
        with pytest.raises(LegalsiteError) as refused:
            site_today(config)
        assert expected in str(refused.value)
        if value is not None:  # the build's check of the option: MkDocs' error, no traceback
            checked = LegalsiteConfig()
            checked.load_dict({"timezone": value})
            errors, _ = checked.validate()
            assert [name for name, _ in errors] == ["timezone"]


def test_new_version_takes_the_plugins_today_as_the_build_does(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    set_plugin_options(root, '{today: "2026-12-11"}')
    refused = run_cli(root, "new-version", "user-service-agreement", "--effective", "2026-12-11")
    assert refused.returncode == 1
    assert "had to be published on 2026-12-10, which is already past (today is 2026-12-11)" in (
        refused.stderr
    )
