"""Loading agreements: every problem of a run collected, each with file, line, column, hint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from legalsite.errors import LegalsiteError
from legalsite.load import load_project

ZH = """\
title: 协议
preamble:
  - id: intro
    text: 本协议。
sections:
  - id: definitions
    title: 定义
    blocks:
      - id: definitions-1
        list: ordered
        items:
          - id: service
            text: 服务。
      - id: contact-table
        table:
          header: [方式, 详情]
          rows:
            - id: email
              cells: [邮箱, "[a@b.cn](mailto:a@b.cn)"]
"""

EN = """\
title: Agreement
preamble:
  - id: intro
    text: This agreement.
sections:
  - id: definitions
    title: Definitions
    blocks:
      - id: definitions-1
        list: ordered
        items:
          - id: service
            text: Service.
      - id: contact-table
        table:
          header: [Method, Details]
          rows:
            - id: email
              cells: [Email, "[a@b.cn](mailto:a@b.cn)"]
"""

VERSION = "agreements/doc/2024-01-01"


def make(tmp_path: Path, zh: str | None = ZH, en: str | None = EN, version: str = VERSION) -> Path:
    folder = tmp_path / version
    folder.mkdir(parents=True, exist_ok=True)
    if zh is not None:
        (folder / "zh.yaml").write_text(zh, encoding="utf-8")
    if en is not None:
        (folder / "en.yaml").write_text(en, encoding="utf-8")
    return tmp_path


def errors(root: Path) -> list[str]:
    with pytest.raises(LegalsiteError) as info:
        load_project(root)
    return [str(p) for p in info.value.problems]


def test_valid_project_loads(tmp_path: Path) -> None:
    project = load_project(make(tmp_path))
    (document,) = project.documents
    (version,) = document.versions
    assert document.id == "doc" and version.id == "2024-01-01"
    assert version.texts["zh"].title == "协议"
    assert list(version.texts["en"].ids()) == [
        "intro", "definitions", "definitions-1", "service", "contact-table", "email",
    ]  # fmt: skip


def test_unknown_field_with_suggestion(tmp_path: Path) -> None:
    zh = ZH.replace("    text: 本协议。", "    txt: 本协议。")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:3:5: 'preamble[1]' must have exactly one of 'text', 'list' or "
        "'table'\n    hint: a clause is {id, text}; a list is {id, list, items}; a table is "
        "{id, table}"
    ]


def test_unknown_field_in_section(tmp_path: Path) -> None:
    zh = ZH.replace("    title: 定义\n", "    title: 定义\n    titel: 定义\n")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:8:5: unknown field 'titel' in 'sections[1]'\n"
        "    hint: did you mean 'title'?"
    ]


def test_missing_fields(tmp_path: Path) -> None:
    zh = ZH.replace(
        "          - id: service\n            text: 服务。\n", "          - id: service\n"
    )
    zh = zh.replace("    title: 定义\n", "")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:6:5: missing field 'title' in 'sections[1]'\n    hint: add `title: ...`",
        f"{VERSION}/zh.yaml:11:13: missing field 'text' in "
        "'sections[1].blocks[1].items[1]'\n    hint: add `text: ...` with the clause text",
    ]


def test_wrong_list_style_and_bad_id(tmp_path: Path) -> None:
    zh = ZH.replace("list: ordered", "list: numbered").replace("id: service", "id: Service_1")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:10:15: 'sections[1].blocks[1].list' is 'numbered', it must be "
        "ordered or bulleted",
        f"{VERSION}/zh.yaml:12:17: id 'Service_1' is not lower-case words joined by hyphens\n"
        "    hint: use letters a-z, digits and '-', starting with a letter, e.g. accounts-3",
    ]


def test_duplicate_ids(tmp_path: Path) -> None:
    zh = ZH.replace("- id: email", "- id: service")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:18:19: duplicate id 'service' (first used at line 12)\n"
        "    hint: every section, clause, list item and table row needs its own id"
    ]


def test_structures_differ(tmp_path: Path) -> None:
    en = EN.replace("id: service", "id: services")
    assert errors(make(tmp_path, en=en)) == [
        f"{VERSION}/en.yaml:12:17: structure differs from {VERSION}/zh.yaml here: zh has list "
        "item 'service'; en has list item 'services'\n    hint: both languages need the same "
        "sections, clauses, lists, items and rows, with the same ids, in the same order"
    ]


def test_structure_missing_section(tmp_path: Path) -> None:
    en = EN.replace("  - id: definitions\n", "  - id: terms\n")
    assert errors(make(tmp_path, en=en)) == [
        f"{VERSION}/en.yaml:6:9: structure differs from {VERSION}/zh.yaml here: zh has section "
        "'definitions'; en has section 'terms'\n    hint: both languages need the same "
        "sections, clauses, lists, items and rows, with the same ids, in the same order"
    ]


def test_missing_language_file(tmp_path: Path) -> None:
    assert errors(make(tmp_path, en=None)) == [
        f"{VERSION}/en.yaml: missing language file en.yaml\n"
        "    hint: every version needs zh.yaml and en.yaml: translate zh.yaml"
    ]


@pytest.mark.parametrize("name", ["2024-13-01", "2024-1-1", "next-version", "2024-02-30"])
def test_version_folder_not_a_date(tmp_path: Path, name: str) -> None:
    make(tmp_path)
    make(tmp_path, version=f"agreements/doc/{name}")
    assert errors(tmp_path) == [
        f"agreements/doc/{name}: version folder name '{name}' is not a valid date (YYYY-MM-DD)\n"
        "    hint: name the folder by the date the version takes effect, e.g. 2025-03-01"
    ]


def test_raw_html_and_bad_link_schemes(tmp_path: Path) -> None:
    zh = ZH.replace("text: 本协议。", "text: 本<b>协议</b>。").replace(
        '"[a@b.cn](mailto:a@b.cn)"', '"[点击](javascript:alert(1))"'
    )
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:4:11: raw HTML '<b>' is not allowed in clause text (at '<b>协议</b>。')\n"
        "    hint: use *emphasis*, **strong** or [text](https://...) instead of HTML tags",
        f"{VERSION}/zh.yaml:19:27: link scheme 'javascript:' is not allowed\n"
        "    hint: links may only use http:, https: or mailto: addresses",
    ]


def test_all_problems_of_all_files_at_once(tmp_path: Path) -> None:
    make(tmp_path, zh=ZH.replace("    text: 服务。", "    text: 服务。\n    text: 重复。"))
    make(tmp_path, version="agreements/doc/2025-01-01", en="title: [\n")
    found = errors(tmp_path)
    assert [line.split(":", 1)[0] for line in found] == [
        "agreements/doc/2024-01-01/zh.yaml",
        "agreements/doc/2025-01-01/en.yaml",
    ]


def test_validation_never_changes_a_file(tmp_path: Path) -> None:
    root = make(tmp_path, zh=ZH.replace("id: service", "id: service\n\tbad: tab"))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*.yaml")}
    errors(root)
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*.yaml")}
