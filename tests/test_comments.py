"""What shows as nothing, or reorders what shows, is refused wherever it stands in a file, its
comments too (issue 21): a comment can make the line around it read as something else.
``format`` removes it there as it does from values; the space-like characters a comment may
hold (a tab, a no-break space) stay. Whole messages."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.model.characters import HIDDEN, character_name, kind_of, refusal
from legalsite.model.errors import LegalsiteError
from legalsite.sources.fixer import fix_text
from legalsite.sources.yamlfile import read_yaml
from tests.conftest import examples
from tests.test_load import EN, VERSION, make

HINT = (
    "    hint: delete it: such characters can hide or reorder words of a legal text; "
    "`legalsite format` fixes it"
)


def _problems(text: str) -> list[str]:
    """The lines of the problems read_yaml finds in ``text`` (each problem, then its hint)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "en.yaml"
        path.write_text(text, "utf-8")
        return "\n".join(str(p) for p in read_yaml(path, "en.yaml")[1]).splitlines()


def test_a_bidi_control_in_a_comment_is_refused_by_validate(tmp_path: Path) -> None:
    en = EN.replace("title: Agreement\n", "title: Agreement  # \u202eno change\u202c\n")
    with pytest.raises(LegalsiteError) as caught:
        commands.validate(root=make(tmp_path, en=en))
    assert str(caught.value) == "\n".join(
        [
            f"{VERSION}/en.yaml:1:21: invisible or direction-changing character U+202E "
            "RIGHT-TO-LEFT OVERRIDE (in a comment)",
            HINT,
            f"{VERSION}/en.yaml:1:31: invisible or direction-changing character U+202C POP "
            "DIRECTIONAL FORMATTING (in a comment)",
            HINT,
            "2 problems in agreements/",
        ]
    )
    report = commands.format_files(root=tmp_path)
    assert [(shown, c.describe()) for shown, c in report.changes] == [
        (f"{VERSION}/en.yaml", "removed U+202E RIGHT-TO-LEFT OVERRIDE"),
        (f"{VERSION}/en.yaml", "removed U+202C POP DIRECTIONAL FORMATTING"),
    ]
    assert report.problems == ()
    assert commands.validate(root=tmp_path).versions == 1
    assert "title: Agreement  # no change\n" in (tmp_path / VERSION / "en.yaml").read_text("utf-8")


def test_a_character_in_a_value_is_reported_once_and_one_in_a_comment_besides() -> None:
    assert _problems("title: A\u200bgreement  # a\u200bb\u200bc\u200b\u200b\n") == [
        "en.yaml:1:9: invisible or direction-changing character U+200B ZERO WIDTH SPACE",
        HINT,
        "en.yaml:1:23: invisible or direction-changing character U+200B ZERO WIDTH SPACE "
        "(in a comment; 4 times on this line)",
        HINT,
    ]


def test_a_block_header_comment_and_a_file_that_does_not_parse_are_checked_too() -> None:
    assert _problems("title: |  # note\u2066\n  Agreement\n") == [
        "en.yaml:1:8: line break U+000A: a text is one line",
        "    hint: join the lines (no blank line, no | block, no \\n escape); a long text may "
        "go on over several indented lines, which YAML joins with spaces",
        "en.yaml:1:17: invisible or direction-changing character U+2066 LEFT-TO-RIGHT ISOLATE "
        "(in a comment)",
        HINT,
    ]
    assert _problems("title: [unclosed\n\u2067\n") == [
        "en.yaml:3:1: YAML syntax error: while parsing a flow sequence that starts at line 1, "
        "column 8: expected ',' or ']', but got '<stream end>'",
        "    hint: check indentation and quoting near this line; text with ': ' or '#' needs "
        "quotes",
        "en.yaml:2:1: invisible or direction-changing character U+2067 RIGHT-TO-LEFT ISOLATE "
        "(outside any text)",
        HINT,
    ]


def test_a_comment_may_hold_tabs_and_other_spaces() -> None:
    assert _problems("title: Agreement\t# a\ttab, a\u00a0no-break, an\u3000ideographic\n") == []


# -- Generated comments with generated invisible characters -----------------------------------


@cache
def _hidden() -> list[str]:
    """Every character of a HIDDEN kind a UTF-8 file can hold and YAML can read (the others,
    controls, are refused before YAML reads the file: tests/test_yamlfile.py)."""
    unreadable = yaml.reader.Reader.NON_PRINTABLE
    return [
        chr(c)
        for c in range(0x110000)
        if not 0xD800 <= c <= 0xDFFF and kind_of(chr(c)) in HIDDEN and not unreadable.match(chr(c))
    ]


_COMMENT_CHARS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"), whitelist_characters="\t"
).filter(lambda c: kind_of(c) not in HIDDEN and c not in "\r\x85")


@settings(max_examples=examples(150), deadline=None)
@given(
    lines=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=EN.count("\n") - 1),
            st.booleans(),  # a line of its own, or after the line's YAML
            st.lists(
                st.one_of(_COMMENT_CHARS.map(lambda c: (c, False)), st.builds(tuple)),
                max_size=30,
            ),
        ),
        min_size=1,
        max_size=3,
    ),
    data=st.data(),
)
def test_generated_comments_with_invisible_characters_are_refused_and_format_fixes_them(
    lines: list[tuple[int, bool, list[tuple[str, bool] | tuple[()]]]], data: st.DataObject
) -> None:
    source = EN.splitlines(keepends=True)
    hidden = st.sampled_from(_hidden())
    comments: dict[int, list[tuple[bool, str]]] = {}
    for at, own_line, parts in lines:
        chars = [part if part else (data.draw(hidden), True) for part in parts]
        if not any(is_hidden for _, is_hidden in chars):
            chars.append((data.draw(hidden), True))
        comment = "#" + "".join(c for c, _ in chars)
        clean = "#" + "".join(c for c, is_hidden in chars if not is_hidden)
        comments.setdefault(at, []).append((own_line, comment + "\x00" + clean))
    text, fixed = [], []
    for number, line in enumerate(source):
        here = comments.get(number, [])
        for own_line, both in here:
            comment, clean = both.split("\x00")
            if own_line:
                text.append(f"  {comment}\n")
                fixed.append(f"  {clean}\n")
        after = [both.split("\x00") for own, both in here if not own]
        text.append(line.rstrip("\n") + "".join(f"  {c}" for c, _ in after[:1]) + "\n")
        fixed.append(line.rstrip("\n") + "".join(f"  {c}" for _, c in after[:1]) + "\n")
    written = "".join(text)

    # Each character refused once per line, where it first stands, named.
    expected: dict[tuple[int, str], tuple[int, int]] = {}
    for number, line in enumerate(written.splitlines(), start=1):
        for col, char in enumerate(line, start=1):
            if kind_of(char) in HIDDEN:
                first, count = expected.get((number, char), (col, 0))
                expected[(number, char)] = (first, count + 1)
    shown = []
    for (number, char), (col, count) in expected.items():
        found = refusal(char)
        assert found is not None and character_name(char) in found.message
        times = f"; {count} times on this line" if count > 1 else ""
        shown += [
            f"en.yaml:{number}:{col}: {found.message} (in a comment{times})",
            f"    hint: {found.hint}",
        ]
    problems = _problems(written)
    pairs = sorted(zip(problems[::2], problems[1::2], strict=True))
    assert pairs == sorted(zip(shown[::2], shown[1::2], strict=True))

    # format removes exactly them, and the file passes.
    result = fix_text(written)
    assert result.text == "".join(fixed)
    assert len(result.changes) == sum(count for _, count in expected.values())
    assert result.left == ()
    assert _problems(result.text) == []
