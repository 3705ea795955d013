"""Section numbers past 99: 一百、一百零一… and C. CI. …, checked against independent readers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalsite.model.document import MAX_SECTIONS, chinese_numeral, roman_numeral, section_heading
from legalsite.sources.load import load_project

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def read_chinese(text: str) -> int:
    """The value of a Chinese numeral, read the way a person reads it (the reference)."""
    total = section = digit = 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (digit or 1) * _UNITS[char]
            digit = 0
        elif char == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        else:
            raise AssertionError(f"unexpected {char!r} in {text!r}")
    return total + section + digit


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def read_roman(text: str) -> int:
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def well_formed_chinese(text: str) -> bool:
    """No doubled or trailing 零, no leading 一十 (十一, not 一十一), only numeral characters."""
    return (
        "零零" not in text
        and not text.endswith("零")
        and not text.startswith(("零", "一十"))
        and set(text) <= set(_DIGITS) | set(_UNITS) | {"万"}
    )


def test_every_section_number_up_to_10000_is_unique_and_reads_back() -> None:
    seen: dict[str, int] = {}
    for n in range(1, 10_001):
        text = chinese_numeral(n)
        assert read_chinese(text) == n, (n, text)
        assert well_formed_chinese(text), (n, text)
        assert text not in seen, (n, seen.get(text))
        seen[text] = n


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_read_back(n: int) -> None:
    text = chinese_numeral(n)
    assert read_chinese(text) == n
    assert well_formed_chinese(text)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (100, "一百"),
        (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"), (1000, "一千"),
        (1001, "一千零一"), (1010, "一千零一十"), (3999, "三千九百九十九"), (10000, "一万"),
        (10001, "一万零一"), (10010, "一万零一十"), (11000, "一万一千"), (100000, "十万"),
        (100010, "十万零一十"),
    ],
)  # fmt: skip
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_every_roman_numeral_reads_back_and_is_unique() -> None:
    texts = [roman_numeral(n) for n in range(1, MAX_SECTIONS + 1)]
    assert [read_roman(t) for t in texts] == list(range(1, MAX_SECTIONS + 1))
    assert len(set(texts)) == MAX_SECTIONS
    assert (roman_numeral(100), roman_numeral(101), roman_numeral(3999)) == ("C", "CI", "MMMCMXCIX")


@pytest.mark.parametrize("n", [0, -1, MAX_SECTIONS + 1])
def test_roman_numerals_end_at_the_section_limit(n: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        roman_numeral(n)


@pytest.mark.parametrize("n", [0, 100_000_000])
def test_chinese_numerals_range(n: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        chinese_numeral(n)


def test_headings_past_99() -> None:
    assert section_heading("zh", 100, "附则") == "一百、附则"
    assert section_heading("en", 101, "Final") == "CI. Final"


def test_a_text_of_120_sections_renders_every_heading(tmp_path: Path) -> None:
    from legalsite.site import render
    from tests.test_load import _sections, make

    project = load_project(make(tmp_path, zh=_sections(120, "章"), en=_sections(120, "S")))
    version = project.documents[0].versions[0]
    zh = render.text_body(version.texts["zh"], version.effective)
    en = render.text_body(version.texts["en"], version.effective)
    assert "## 九十九、章99 {#s99}" in zh and "## 一百二十、章120 {#s120}" in zh
    assert "## XCIX\\. S99 {#s99}" in en and "## CXX\\. S120 {#s120}" in en
