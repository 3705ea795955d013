"""The one definition of the characters an editor's string may hold, and the rewrite of format."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalsite.model import characters
from legalsite.model.characters import Kind, fix, is_allowed, kind_of, printable, refusal
from tests import hostile

ANY_CHARACTER = st.integers(min_value=0, max_value=0x10FFFF).map(chr)  # surrogates too


@given(hostile.invisible())
def test_every_invisible_character_is_refused(char: str) -> None:
    """The independent list in tests/hostile.py: every member refused, in Chinese text too."""
    assert kind_of(char) is not None
    assert kind_of(char, ideographic_space=True) is not None


@given(hostile.refused_character())
def test_every_refused_class_member_is_refused(char: str) -> None:
    assert not is_allowed(f"用户{char}协议", ideographic_space=True)


@given(ANY_CHARACTER)
def test_what_is_allowed_is_visible(char: str) -> None:
    """Allowed: the ordinary space and characters of the categories that show something."""
    if kind_of(char) is None:
        category = unicodedata.category(char)
        assert char == " " or category[0] in "LMNPS", (hex(ord(char)), category)
        assert char not in "\u3000\u2800\u115f\u1160\u3164\uffa0\u034f"


@given(ANY_CHARACTER)
def test_kinds_follow_the_categories(char: str) -> None:
    kind = kind_of(char)
    category = unicodedata.category(char)
    code = ord(char)
    if category in ("Zl", "Zp") or char in "\n\r\x85":
        assert kind is Kind.LINE_BREAK
    elif category == "Zs" and char != " ":
        assert kind is Kind.SPACE
    elif category == "Cc":
        assert kind in (Kind.CONTROL, Kind.SPACE)
    elif category == "Cf":
        assert kind in (Kind.INVISIBLE, Kind.BIDI)
    elif 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        assert kind is Kind.NONCHARACTER
    elif category == "Cs":
        assert kind is Kind.SURROGATE
    elif category == "Co":
        assert kind is Kind.PRIVATE_USE
    elif category == "Cn":
        assert kind is Kind.UNASSIGNED


def test_the_ideographic_space_is_allowed_in_chinese_text_only() -> None:
    assert kind_of("\u3000", ideographic_space=True) is None
    assert kind_of("\u3000") is Kind.SPACE
    assert fix("第一条\u3000定义", ideographic_space=True) == "第一条\u3000定义"
    assert fix("Article\u30001") == "Article 1"


@pytest.mark.parametrize(
    ("char", "message", "replacement"),
    [
        ("\u00a0", "space character U+00A0 NO-BREAK SPACE: only the ordinary space is allowed", " "),
        ("\t", "space character U+0009: only the ordinary space is allowed", " "),
        ("\n", "line break U+000A: a text is one line", None),
        ("\u2028", "line break U+2028 LINE SEPARATOR: a text is one line", None),
        ("\x1b", "control character U+001B is not allowed", ""),
        ("\x80", "control character U+0080 is not allowed", ""),
        ("\u202e", "invisible or direction-changing character U+202E RIGHT-TO-LEFT OVERRIDE", ""),
        ("\u00ad", "invisible or direction-changing character U+00AD SOFT HYPHEN", ""),
        ("\U000e0041", "invisible or direction-changing character U+E0041 TAG LATIN CAPITAL "
         "LETTER A", ""),
        ("\u3164", "invisible or direction-changing character U+3164 HANGUL FILLER", ""),
        ("\ufffe", "non-character U+FFFE is not allowed", ""),
        ("\ud800", "lone surrogate U+D800 is not allowed", ""),
        ("\ue000", "private-use character U+E000 is not allowed", None),
        ("\u0378", "unassigned code point U+0378 is not allowed", None),
    ],
)  # fmt: skip
def test_messages_and_rewrites(char: str, message: str, replacement: str | None) -> None:
    found = refusal(char)
    assert found is not None
    assert (found.message, found.replacement) == (message, replacement)
    assert found.hint


@given(st.text(alphabet=ANY_CHARACTER, max_size=60), st.booleans())
def test_fix_rewrites_only_refused_characters_and_is_idempotent(text: str, wide: bool) -> None:
    fixed = fix(text, ideographic_space=wide)
    assert fix(fixed, ideographic_space=wide) == fixed
    left = [r for _, r in characters.refusals(fixed, ideographic_space=wide)]
    assert all(r.replacement is None for r in left)  # only what a person must decide
    allowed = [c for c in text if kind_of(c, ideographic_space=wide) is None]
    assert [c for c in fixed if kind_of(c, ideographic_space=wide) is None and c != " "] == [
        c for c in allowed if c != " "
    ]


@given(hostile.hostile_text())
def test_printable_shows_no_refused_character(text: str) -> None:
    shown = printable(text)
    assert is_allowed(shown, ideographic_space=True)
    assert "\x1b" not in shown and "\n" not in shown


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_printable_keeps_allowed_text(text: str) -> None:
    if is_allowed(text, ideographic_space=True):
        assert printable(text) == text


def test_printable_escapes() -> None:
    assert printable("a\x1b[31mb\u202ec\nd\U000e0041") == "a\\x1b[31mb\\u202ec\\nd\\U000e0041"
    assert printable("a\nb", keep_newlines=True) == "a\nb"


def test_the_fast_path_misses_no_refused_character() -> None:
    """refusals() skips strings that are printable and hold none of the few printable refused
    characters: checked for every code point."""
    missed = [
        hex(code)
        for code in range(0x110000)
        if kind_of(chr(code)) is not None and not list(characters.refusals(chr(code)))
    ]
    assert missed == []


# -- Unicode normal form C: the same-looking text written two ways ---------------------------


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_normalizing_each_run_is_normalizing_the_text(text: str) -> None:
    """The runs are exactly where NFC rewrites the text: normalizing each, and nothing else,
    gives the text's NFC."""
    runs = characters.unnormalized_runs(text)
    out, position = [], 0
    for start, end in runs:
        assert position <= start < end
        out.append(text[position:start])
        out.append(unicodedata.normalize("NFC", text[start:end]))
        position = end
    out.append(text[position:])
    assert "".join(out) == unicodedata.normalize("NFC", text)
    assert (runs == []) == unicodedata.is_normalized("NFC", text)
