"""Reading YAML safely: every problem reported with file, line and column; nothing lost."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model import characters
from legalsite.sources import yamlfile
from legalsite.sources.fixer import CannotFix, fix_text
from legalsite.sources.yamlfile import (
    MAX_DEPTH,
    MAX_FILE_SIZE,
    MAX_PROBLEMS,
    YamlList,
    YamlMap,
    mark_at,
    raw_characters,
    read_yaml,
    scalar_events,
)
from tests import hostile
from tests.conftest import examples


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
    ("name", "hint"),
    [
        ("en.yaml", "copy the previous version's file and edit it"),
        ("meta.yaml", "write the editors' summary: a line `summary:`, then `  zh: ...` and "
         "`  en: ...`"),
        ("calendar.yaml", "list the years under `years:` (see CALENDAR.md), or delete the file"),
    ],
)  # fmt: skip
def test_an_empty_file_is_told_what_it_should_hold(tmp_path: Path, name: str, hint: str) -> None:
    """meta.yaml and calendar.yaml are not copied from a previous version: say what to write."""
    (tmp_path / name).write_text("# nothing yet\n", encoding="utf-8")
    _, problems = read_yaml(tmp_path / name, name)
    assert [str(p) for p in problems] == [f"{name}: the file is empty\n    hint: {hint}"]


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
        "zh.yaml:3:1: YAML syntax error: while parsing a flow sequence that starts at line 2, "
        "column 7: expected ',' or ']', but got '<stream end>'\n"
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


# -- Characters are checked in the parsed values (after YAML's escapes), keys too -------------

FORMAT = "`legalsite format` fixes it"


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        (r"\u202E", "invisible or direction-changing character U+202E RIGHT-TO-LEFT OVERRIDE "
         r"(written as \u202E)", "delete it: such characters can hide or reorder words of a "
         f"legal text; {FORMAT}"),
        (r"\0", r"control character U+0000 is not allowed (written as \0)",
         f"delete it (it is invisible in most editors); {FORMAT}"),
        (r"\x80", r"control character U+0080 is not allowed (written as \x80)",
         f"delete it (it is invisible in most editors); {FORMAT}"),
        (r"\uFFFE", r"non-character U+FFFE is not allowed (written as \uFFFE)",
         f"delete it: it is not text and no font shows it; {FORMAT}"),
        (r"\U000E0041", "invisible or direction-changing character U+E0041 TAG LATIN CAPITAL "
         r"LETTER A (written as \U000E0041)", "delete it: such characters can hide or reorder "
         f"words of a legal text; {FORMAT}"),
        (r"\_", r"space character U+00A0 NO-BREAK SPACE: only the ordinary space is allowed "
         r"(written as \_)", "it looks like a space but compares different, so the text would "
         f"show as changed with nothing visible: type an ordinary space; {FORMAT}"),
        (r"\t", r"space character U+0009: only the ordinary space is allowed (written as \t)",
         "it looks like a space but compares different, so the text would show as changed "
         f"with nothing visible: type an ordinary space; {FORMAT}"),
        (r"\uE000", r"private-use character U+E000 is not allowed (written as \uE000)",
         "replace it with the character it stands for: a private-use character shows "
         "differently, or not at all, in each font"),
    ],
)  # fmt: skip
def test_escapes_are_checked_as_the_characters_they_stand_for(
    tmp_path: Path, written: str, message: str, hint: str
) -> None:
    assert problems_of(tmp_path, f'id: a\ntext: "您应当{written}阅读"\n') == [
        f"zh.yaml:2:11: {message}\n    hint: {hint}"
    ]


def test_line_breaks_in_a_value_are_located_at_the_value(tmp_path: Path) -> None:
    hint = (
        "join the lines (no blank line, no | block, no \\n escape); a long text may go on over "
        "several indented lines, which YAML joins with spaces"
    )
    assert problems_of(tmp_path, 'title: "协议\\n---"\ntext: |\n  a\n  b\nok: x\n  y\n') == [
        f"zh.yaml:1:8: line break U+000A: a text is one line\n    hint: {hint}",
        f"zh.yaml:2:7: line break U+000A: a text is one line (2 times in this text)\n"
        f"    hint: {hint}",
    ]


def test_keys_are_checked_too(tmp_path: Path) -> None:
    assert problems_of(tmp_path, '"ti\\u200Btle": x\nte\u00a0xt: y\n') == [
        "zh.yaml:1:4: invisible or direction-changing character U+200B ZERO WIDTH SPACE (in a "
        r"key; written as \u200B)" + "\n    hint: delete it: such characters can hide or "
        f"reorder words of a legal text; {FORMAT}",
        "zh.yaml:2:3: space character U+00A0 NO-BREAK SPACE: only the ordinary space is allowed "
        "(in a key)\n    hint: it looks like a space but compares different, so the text would "
        f"show as changed with nothing visible: type an ordinary space; {FORMAT}",
    ]


def test_one_problem_per_character_and_value(tmp_path: Path) -> None:
    found = problems_of(tmp_path, "text: a\u00a0b\u00a0c\u200bd\u00a0e\n")
    assert [line.split("\n")[0] for line in found] == [
        "zh.yaml:1:8: space character U+00A0 NO-BREAK SPACE: only the ordinary space is allowed "
        "(3 times in this text)",
        "zh.yaml:1:12: invisible or direction-changing character U+200B ZERO WIDTH SPACE",
    ]


def test_the_ideographic_space_is_allowed_in_zh_yaml_only(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "text: 第一条\u3000定义\n") == []
    path = tmp_path / "en.yaml"
    path.write_text("text: Article\u30001\n", encoding="utf-8")
    assert [str(p).split("\n")[0] for p in read_yaml(path, "en.yaml")[1]] == [
        "en.yaml:1:14: space character U+3000 IDEOGRAPHIC SPACE: only the ordinary space is allowed"
    ]


@st.composite
def _document_with(draw: st.DrawFn) -> tuple[str, str, int]:
    """A small YAML document with one refused character in one value or key, written raw or
    as an escape, in any scalar style that can hold it; and the line it stands on."""
    char = draw(hostile.refused_character())
    words = draw(st.lists(hostile.ordinary(), min_size=1, max_size=3))
    value = "".join(words[:1]) + char + "".join(words[1:])
    in_key = draw(st.booleans())
    escape_all = draw(st.booleans())
    scalar = hostile.yaml_double_quoted(value, escape_all=escape_all)
    line = draw(st.integers(min_value=1, max_value=3))
    rows = [f"k{i}: v{i}" for i in range(1, 4)]
    rows[line - 1] = f"{scalar}: v" if in_key else f"k{line}: {scalar}"
    return "\n".join(rows) + "\n", char, line


@given(_document_with())
def test_every_refused_character_is_reported_on_its_line(case: tuple[str, str, int]) -> None:
    import tempfile

    text, char, line = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "en.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _, problems = read_yaml(path, "en.yaml")
    assert problems, text
    assert all(p.line == line and p.col is not None for p in problems), (text, problems)
    named = characters.character_name(char)
    if unicodedata.category(char) == "Cs":  # libyaml refuses the escape itself
        named = "invalid Unicode character escape code"
    assert any(named in p.message for p in problems), (text, problems)
    assert all(characters.is_allowed(str(p)[len("en.yaml") :].replace("\n", " ")) for p in problems)


def _span(event: yaml.ScalarEvent) -> tuple[int, int]:
    assert event.start_mark is not None and event.end_mark is not None
    return event.start_mark.index, event.end_mark.index


def test_raw_characters_point_at_each_character_or_escape() -> None:
    text = 'a: "x\\u00A0y\\_z\u00a0w\\\n   v\\tq"\n'
    (event,) = [e for e in scalar_events(text) if e.value != "a"]
    found = raw_characters(text, *_span(event), event.style, lambda c: c != " ")
    assert [(f.char, text[f.start : f.end], f.escape) for f in found if not f.char.isalpha()] == [
        ("\u00a0", "\\u00A0", "\\u00A0"),
        ("\u00a0", "\\_", "\\_"),
        ("\u00a0", "\u00a0", None),
        ("\t", "\\t", "\\t"),
    ]


NOT_A_SURROGATE = hostile.refused_character().filter(lambda c: unicodedata.category(c) != "Cs")


@given(st.lists(st.one_of(hostile.ordinary(), NOT_A_SURROGATE), max_size=6))
def test_raw_characters_find_exactly_the_value_characters(pieces: list[str]) -> None:
    """The characters found in the file are the value's characters, in order (nothing that
    YAML strips, nothing missed), raw or escaped. (libyaml refuses a surrogate's escape.)"""
    value = "".join(pieces)

    def wanted(char: str) -> bool:
        return char != " " and char not in characters.LINE_BREAKS

    expected = [c for c in value if wanted(c)]
    for escape_all in (False, True):
        text = "k: " + hostile.yaml_double_quoted(value, escape_all=escape_all) + "\n"
        (event,) = list(scalar_events(text))[1:]
        assert event.value == value
        found = raw_characters(text, *_span(event), event.style, wanted)
        assert [f.char for f in found] == expected


# -- Limits: size and nesting are checked before anything slow or recursive ------------------


def test_a_file_over_1_mb_is_refused_unread(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "text: " + "x" * MAX_FILE_SIZE + "\n") == [
        "zh.yaml: the file is 1,000,007 bytes, more than the limit of 1,000,000 (1 MB)\n"
        "    hint: an agreement is about 30 kB: split the text, or look for something pasted by "
        "mistake"
    ]


TOO_DEEP_HINT = (
    "    hint: an agreement needs about 9 levels (a table's cells); look for an unclosed '[' or "
    "'{', or put quotes around a text that starts with '[' or '{'"
)


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("text: " + "[" * 3000 + "]" * 3000 + "\n", "1:26"),
        ("text: " + "[" * 60000 + "\n", "1:26"),  # and a syntax error: still the depth first
        ("text: " + "{a: " * 20000 + "\n", "1:83"),
        ("".join(" " * (2 * i) + f"k{i}:\n" for i in range(30)) + " " * 60 + "v\n", "21:41"),
    ],
)
def test_nesting_is_bounded(tmp_path: Path, content: str, where: str) -> None:
    assert problems_of(tmp_path, content) == [
        f"zh.yaml:{where}: the YAML is nested more than {MAX_DEPTH} levels deep\n{TOO_DEEP_HINT}"
    ]


def test_brackets_inside_a_quoted_text_are_not_nesting(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "text: '" + "[" * 3000 + "'\n") == []


def test_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text("title: x\n", encoding="utf-8")
    (tmp_path / "zh.yaml").symlink_to(target)
    value, problems = read_yaml(tmp_path / "zh.yaml", "zh.yaml")
    assert value is None
    assert [str(p) for p in problems] == [
        "zh.yaml: symbolic link in agreements/\n    hint: documents, versions and their files "
        "must be real folders and files (what a link points to is not what the pull request "
        "shows, and may lie outside the project): replace the link with a copy"
    ]


def test_at_most_100_problems_per_file(tmp_path: Path) -> None:
    found = problems_of(tmp_path, "".join(f"k{i}: x\x01\n" for i in range(300)))
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == (
        "zh.yaml: more than 100 problems in this file; the first 100 are shown\n"
        "    hint: fix these and run legalsite validate again"
    )


# -- An escape past U+10FFFF is a located syntax error, with either parser --------------------


@pytest.mark.parametrize("loader", [yamlfile.FAST_LOADER, yaml.SafeLoader], ids=["fast", "pure"])
@given(
    code=st.integers(min_value=0x110000, max_value=0xFFFFFFFF),
    before=st.sampled_from(["", "用户", "a b"]),
    in_key=st.booleans(),
)
def test_an_escape_beyond_unicode_is_a_syntax_error(
    loader: type[yaml.SafeLoader], code: int, before: str, in_key: bool
) -> None:
    import tempfile
    from unittest import mock

    scalar = f'"{before}\\U{code:08X}"'
    text = f"id: a\n{scalar}: v\n" if in_key else f"id: a\ntext: {scalar}\n"
    column = (1 if in_key else 7) + 1 + len(before) + 2  # the escape's first hex digit
    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(yamlfile, "FAST_LOADER", loader),
    ):
        path = Path(folder) / "zh.yaml"
        path.write_text(text, encoding="utf-8")
        value, problems = read_yaml(path, "zh.yaml")
        with pytest.raises(CannotFix) as info:
            fix_text(text)
    assert value is None
    assert [str(p) for p in problems] == [
        f"zh.yaml:2:{column}: YAML syntax error: while parsing a quoted scalar: found invalid "
        "Unicode character escape code\n"
        "    hint: check indentation and quoting near this line; text with ': ' or '#' needs "
        "quotes"
    ]
    assert info.value.message.endswith("found invalid Unicode character escape code")


# -- Line breaks only YAML sees: refused wherever they stand ----------------------------------

HIDDEN_BREAKS = ["\r", "\x85", "\u2028", "\u2029"]
CLAUSES = (
    "title: 隐私政策\nsections:\n  - id: collection\n    title: 收集\n    blocks:\n"
    "      - id: collection-1\n        text: 我们只收集必要的信息。\n"
)


@st.composite
def hidden_break_documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """An agreement (LF or CR LF lines) with line breaks only YAML sees spliced in anywhere:
    in a comment (hiding a clause there), between tokens, in a value; and where each stands,
    as git shows the file (lines end at a line feed)."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    pieces = draw(
        st.lists(
            st.sampled_from(
                [
                    "      # 法务已审{b}      - id: hidden-1{b}        text: 我们出售一切。\n",
                    "      - id: c-2\n        text: 甲{b}乙\n",
                    '      - id: c-3\n        text: "甲{b}乙"\n',
                    "      - id: c-4{b}        text: 甲\n",
                    "      # 注{b}释\n",
                ]
            ),
            min_size=1,
            max_size=3,
        )
    )
    breaks = draw(st.lists(st.sampled_from(HIDDEN_BREAKS), min_size=len(pieces), max_size=9))
    text = CLAUSES + "".join(piece.replace("{b}", breaks[n]) for n, piece in enumerate(pieces))
    text = text.replace("\n", newline)
    expected = []
    for index, char in enumerate(text):
        if char in "\x85\u2028\u2029" or (char == "\r" and text[index + 1 : index + 2] != "\n"):
            line = text.count("\n", 0, index) + 1
            expected.append((line, index - (text.rfind("\n", 0, index) + 1) + 1, char))
    return text, expected


@given(hidden_break_documents())
def test_a_line_break_only_yaml_sees_is_refused_where_it_stands(
    case: tuple[str, list[tuple[int, int, str]]],
) -> None:
    import tempfile

    text, expected = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "zh.yaml"
        path.write_bytes(text.encode("utf-8"))
        value, problems = read_yaml(path, "zh.yaml")
    assert value is None
    assert [str(p) for p in problems] == [
        f"zh.yaml:{line}:{col}: line break {characters.character_name(char)} that git and "
        "editors do not show as one\n"
        "    hint: YAML starts a new line here, so what follows (after a comment too) is read as "
        "YAML that a reviewer sees as part of this line: delete it, or press Enter if a new "
        "line was meant"
        for line, col, char in expected
    ]
    # format leaves such a file to a person, naming the first one.
    with pytest.raises(CannotFix) as info:
        fix_text(text)
    first_line, first_col, first = expected[0]
    assert info.value.mark == yamlfile.Mark(first_line, first_col)
    assert info.value.message.startswith(f"line break {characters.character_name(first)} ")


def test_lines_ending_in_cr_lf_read_as_lines_ending_in_lf(tmp_path: Path) -> None:
    (tmp_path / "lf").mkdir()
    (tmp_path / "crlf").mkdir()
    (tmp_path / "lf" / "zh.yaml").write_bytes(CLAUSES.encode("utf-8"))
    (tmp_path / "crlf" / "zh.yaml").write_bytes(CLAUSES.replace("\n", "\r\n").encode("utf-8"))
    lf, lf_problems = read_yaml(tmp_path / "lf" / "zh.yaml")
    crlf, crlf_problems = read_yaml(tmp_path / "crlf" / "zh.yaml")
    assert lf_problems == crlf_problems == []
    assert lf == crlf and lf is not None


# -- Text not in Unicode normal form C: looks the same, compares different --------------------

# Characters with another canonical form that looks the same: composed letters (written as
# letter + combining marks), Hangul syllables (as jamo), singletons (compatibility ideographs,
# the Ångström and Ohm signs).
SAME_LOOKING = [
    c
    for c in map(chr, range(0xA0, 0x30000))
    if unicodedata.category(c) != "Cs"
    and unicodedata.normalize("NFD", c) != c
    and unicodedata.normalize("NFC", c) == c
] + ["\uf907", "\uf900", "\u212b", "\u2126", "\u0958"]


@given(
    char=st.sampled_from(SAME_LOOKING),
    before=st.sampled_from(["", "用户", "the "]),
    quoted=st.sampled_from(["plain", "double", "escaped"]),
    line=st.integers(min_value=1, max_value=3),
)
def test_text_not_in_normal_form_c_is_refused_where_it_stands(
    char: str, before: str, quoted: str, line: int
) -> None:
    import tempfile

    written = (
        char if unicodedata.normalize("NFC", char) != char else unicodedata.normalize("NFD", char)
    )
    value = f"{before}{written}协议"
    if quoted == "plain":
        scalar, column = value, len(before) + 1
    elif quoted == "double":
        scalar, column = f'"{value}"', len(before) + 2
    else:
        scalar = '"' + before + "".join(f"\\U{ord(c):08X}" for c in written) + '协议"'
        column = len(before) + 2
    rows = [f"k{i}: v{i}" for i in range(1, 4)]
    rows[line - 1] = f"k{line}: {scalar}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "zh.yaml"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        _, problems = read_yaml(path, "zh.yaml")
    assert [str(p) for p in problems] == [
        f"zh.yaml:{line}:{4 + column}: {characters.character_name(written)} is not in Unicode "
        f"normal form C: it looks like "
        f"{characters.character_name(unicodedata.normalize('NFC', written))} but compares "
        "different\n    hint: type the character again (an input method writes the usual form): "
        "written two ways, the same text would show as changed with nothing visible"
    ]


@given(st.text(st.characters(exclude_categories=["Cs", "Cc", "Cf", "Co", "Cn", "Zs", "Zl", "Zp"])))
def test_text_in_normal_form_c_is_not_refused_for_it(text: str) -> None:
    import tempfile

    text = unicodedata.normalize("NFC", text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "zh.yaml"
        path.write_text(f"k: {hostile.yaml_double_quoted(text)}\n", encoding="utf-8")
        _, problems = read_yaml(path, "zh.yaml")
    assert not [p for p in problems if "normal form" in p.message]


# -- compose(): the nodes PyYAML's composer makes, from the events already parsed ---------------

WRITABLE = hostile.hostile_string().map(
    lambda s: "".join(c for c in s if not "\ud800" <= c <= "\udfff")
)
"""Any string a YAML file can hold (a lone surrogate cannot be written)."""
YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), WRITABLE),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(WRITABLE, inner, max_size=4)
    ),
    max_leaves=15,
)


def _shape(node: yaml.Node) -> object:
    """A node without its tag (compose() leaves every scalar a string)."""
    marks = tuple((m.index, m.line, m.column) for m in (node.start_mark, node.end_mark))
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", [_shape(n) for n in node.value], node.flow_style, marks)
    assert isinstance(node, yaml.MappingNode)
    pairs = [(_shape(k), _shape(v)) for k, v in node.value]
    return ("map", pairs, node.flow_style, marks)


@settings(max_examples=examples(200), deadline=None)
@given(
    documents=st.lists(YAML_VALUES, min_size=1, max_size=3),
    style=st.sampled_from([None, '"', "'", "|", ">"]),
    flow=st.sampled_from([None, True, False]),
)
def test_compose_gives_the_composers_nodes(
    documents: list[object], style: str | None, flow: bool | None
) -> None:
    text = yaml.safe_dump_all(
        documents, default_style=style, default_flow_style=flow, allow_unicode=True
    )
    events = list(yaml.parse(text, Loader=yamlfile.FAST_LOADER))
    expected = list(yaml.compose_all(text, Loader=yamlfile.FAST_LOADER))
    assert [_shape(n) for n in yamlfile.compose(events)] == [_shape(n) for n in expected]


def test_an_unclosed_quote_names_where_the_mapping_it_broke_starts(tmp_path: Path) -> None:
    # The quote runs on to the next one, lines later, and YAML fails there: the message says
    # where what it was reading began, near the mistake.
    text = (
        "sections:\n"
        "  - id: a\n"
        "    title: A\n"
        "    blocks:\n"
        "      - id: a-1\n"
        "        text: 'It is unclosed.\n"
        "      - id: a-2\n"
        "        text: It's fine.\n"
        "      - id: a-3\n"
        "        text: Plain.\n"
    )
    assert problems_of(tmp_path, text) == [
        "zh.yaml:8:18: YAML syntax error: while parsing a block mapping that starts at line 5, "
        "column 9: expected <block end>, but found '<scalar>'\n"
        "    hint: check indentation and quoting near this line; text with ': ' or '#' needs "
        "quotes"
    ]
