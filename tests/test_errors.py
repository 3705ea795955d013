"""How problems and errors read: every field one line of printable text, whatever it quotes.

A path, message or hint may quote what a user or an editor wrote (a folder name, a ref, an
argument). Whatever it holds, a problem is exactly one line (and its hint one more), so no
quoted string can forge a line of a terminal or a CI log (``::error ...::`` is a GitHub
Actions workflow command).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model import characters
from legalsite.model.errors import LegalsiteError, Problem
from tests.conftest import examples
from tests.hostile import forged_line, hostile_string

ANY = st.one_of(forged_line(), hostile_string())
POSITION = st.one_of(st.none(), st.integers(min_value=1, max_value=10_000))


def clean(line: str) -> bool:
    return characters.is_allowed(line, ideographic_space=True)


@settings(max_examples=examples(300), deadline=None)
@given(ANY, POSITION, POSITION, ANY, st.one_of(st.none(), ANY))
def test_a_problem_is_one_line_and_its_hint_one_more(
    path: str, line: int | None, col: int | None, message: str, hint: str | None
) -> None:
    shown = str(Problem(path, line, col, message, hint))
    lines = shown.split("\n")
    assert len(lines) == (2 if hint else 1)
    assert all(clean(each) for each in lines), lines
    assert lines[0].startswith(characters.printable(path))
    assert lines[0].endswith(": " + characters.printable(message))
    if hint:
        assert lines[1] == "    hint: " + characters.printable(hint)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(st.tuples(ANY, ANY, st.one_of(st.none(), ANY)), max_size=3),
    ANY,
    st.lists(ANY, max_size=3),
    st.one_of(st.none(), ANY),
)
def test_an_error_has_one_line_per_problem_hint_and_detail(
    problems: list[tuple[str, str, str | None]],
    message: str,
    details: list[str],
    hint: str | None,
) -> None:
    error = LegalsiteError(
        message,
        hint=hint,
        problems=[Problem(path, 1, 1, text, note) for path, text, note in problems],
        details=details,
    )
    lines = str(error).split("\n")
    expected = sum(2 if note else 1 for _, _, note in problems) + 1 + len(details) + bool(hint)
    assert len(lines) == expected
    assert all(clean(each) for each in lines), lines


def test_a_forged_log_line_stays_inside_its_field() -> None:
    error = LegalsiteError(
        "no document 'x\n::error file=README.md::forged' under agreements/",
        problems=[Problem("agreements/x\r\nerror: forged/2020-01-01", None, None, "bad\x85ok: 1")],
        details=["WARNING: a\u2028::add-mask::b"],
        hint="known documents: a\x1b[2J",
    )
    assert str(error) == (
        "agreements/x\\r\\nerror: forged/2020-01-01: bad\\x85ok: 1\n"
        "no document 'x\\n::error file=README.md::forged' under agreements/\n"
        "  WARNING: a\\u2028::add-mask::b\n"
        "hint: known documents: a\\x1b[2J"
    )
