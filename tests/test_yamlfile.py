"""Reading YAML safely: every problem reported with file, line and column; nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalsite.yamlfile import YamlList, YamlMap, mark_at, read_yaml


def problems_of(tmp_path: Path, content: bytes | str) -> list[str]:
    path = tmp_path / "zh.yaml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    _, problems = read_yaml(path, "zh.yaml")
    return [str(p) for p in problems]


def test_values_remember_where_they_stand(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: x\nsections:\n  - id: a\n    text: no\n", encoding="utf-8")
    value, problems = read_yaml(path)
    assert problems == []
    assert value == {"title": "x", "sections": [{"id": "a", "text": "no"}]}
    assert isinstance(value, YamlMap) and isinstance(value["sections"], YamlList)
    mark = mark_at(value, ("sections", 0, "text"))
    assert mark is not None and (mark.line, mark.col) == (4, 11)


def test_every_scalar_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: no\nb: 2024-01-01\nc: 1.0\nd: null\ne:\n", encoding="utf-8")
    value, _ = read_yaml(path)
    assert value == {"a": "no", "b": "2024-01-01", "c": "1.0", "d": "null", "e": ""}


def test_utf8_byte_order_mark_is_reported_not_lost(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "\ufeffid: a\n") == [
        "zh.yaml:1:1: invisible or direction-changing character U+FEFF ZERO WIDTH NO-BREAK SPACE"
        "\n    hint: delete it: such characters can hide or reorder words of a legal text; "
        "`legalsite format` fixes it"
    ]


def test_duplicate_keys(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "id: a\ntext: one\ntext: two\n") == [
        "zh.yaml:3:1: duplicate key 'text' (first at line 2)\n"
        "    hint: YAML keeps only the last of two equal keys, so the first one would be lost "
        "silently: remove or rename one of them"
    ]


def test_tab_indentation_every_line(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "a:\n\tb: 1\n  c: 2\n \td: 3\n") == [
        "zh.yaml:2:1: tab character in indentation\n    hint: indent with spaces only (2 per level)",
        "zh.yaml:4:2: tab character in indentation\n    hint: indent with spaces only (2 per level)",
    ]


def test_not_utf8(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "title: 用户\ntext: ".encode() + "协议".encode("gbk")) == [
        "zh.yaml:2:8: the file is not UTF-8 (byte 0xD2 at offset 22)\n"
        "    hint: save the file as UTF-8 (in VS Code: 'Save with Encoding' → UTF-8)"
    ]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    assert problems_of(tmp_path, content) == [
        "zh.yaml: the file is empty\n    hint: copy the previous version's file and edit it"
    ]


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ],
)
def test_invisible_characters(tmp_path: Path, char: str, name: str) -> None:
    assert problems_of(tmp_path, f"id: a\ntext: 您应当{char}阅读\n") == [
        f"zh.yaml:2:10: invisible or direction-changing character {name}\n"
        "    hint: delete it: such characters can hide or reorder words of a legal text; "
        "`legalsite format` fixes it"
    ]


def test_aliases_and_anchors_refused(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "a: &x [1, 2]\nb: [*x, *x]\n") == [
        "zh.yaml:1:4: YAML anchor '&x' is not allowed\n"
        "    hint: remove the anchor; anchors and aliases are refused",
        "zh.yaml:2:5: YAML alias '*x' is not allowed\n"
        "    hint: write the text out in full; anchors and aliases are refused",
        "zh.yaml:2:9: YAML alias '*x' is not allowed\n"
        "    hint: write the text out in full; anchors and aliases are refused",
    ]


def test_control_characters(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "id: a\ntext: x\x1by\n") == [
        "zh.yaml:2:8: control character U+001B is not allowed\n"
        "    hint: delete it (it is invisible in most editors); `legalsite format` fixes it"
    ]


def test_tags_refused(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "a: !!python/object:os.system {}\n") == [
        "zh.yaml:1:4: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed\n"
        "    hint: remove the tag; write plain text"
    ]


def test_syntax_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "id: a\ntext: [unclosed\n") == [
        "zh.yaml:3:1: YAML syntax error: while parsing a flow sequence: expected ',' or ']', "
        "but got '<stream end>'\n"
        "    hint: check indentation and quoting near this line; text with ': ' or '#' needs "
        "quotes"
    ]


def test_several_documents(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "a: 1\n---\nb: 2\n") == [
        "zh.yaml:1:1: the file holds 2 YAML documents; it must hold exactly one\n"
        "    hint: remove the extra '---' separators"
    ]


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_never_raises_and_never_changes_the_file(content: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_text(content, encoding="utf-8")
        before = path.read_bytes()
        read_yaml(path)
        assert path.read_bytes() == before
