"""The real CLI and the real MkDocs build on the tiny basic site."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import SITES, assemble

pytestmark = pytest.mark.build


def run_cli(root: Path, *args: str, tz: str = "UTC") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": tz}
    env.pop("LEGALSITE_TODAY", None)
    return subprocess.run(
        [sys.executable, "-m", "legalsite", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical_in_any_time_zone(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    first = run_cli(
        root, "build", "--today", "2024-06-01", "--site-dir", "a", tz="America/New_York"
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"built the site for 2024-06-01 into {root / 'a'}\n"
    second = run_cli(root, "build", "--today", "2024-06-01", "--site-dir", "b", tz="Asia/Tokyo")
    assert second.returncode == 0, second.stderr
    a, b = tree_digest(root / "a"), tree_digest(root / "b")
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a
    assert a == b


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


def test_clause_text_is_inert_in_the_built_html(basic_site: Path) -> None:
    html = (basic_site / "privacy-policy/index.html").read_text(encoding="utf-8")
    assert (
        "我们仅收集提供服务所必需的信息(`code` _x_ {#y} |z| # 1 &lt; 2 &amp; &amp;x; &lt;3)。"
        in html
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
