"""Numbering styles: how a document writes the number of a section, a clause or a list item.

A style is written as the number ONE looks in it (``一、``, ``第一条``, ``（一）``, ``1.``,
``Section 1``, ``(a)``, ``i.``, ``1)``...), optionally with a start value (``0`` allowed), or is
``none``. The string holds exactly one counter, everything around it is written as is:

* ``1`` decimal (0 1 2 ...), ``一`` Chinese (零 一 二 ... 十一 ...), ``I`` / ``i`` roman,
  ``A`` / ``a`` letters (a ... z, aa, ab ...);
* a Latin letter is a counter only when no other Latin letter touches it (``Section 1`` counts
  with ``1``; the ``i`` of ``Section`` is text);
* a dotted style (``1.1``, ``1.1.1``) writes its ancestors' numbers before its own: ``1.1`` at
  level 2 of section 3 gives ``3.1``, ``3.2`` ...

Numbers are text, never CSS counters: every surface writes what :func:`format_number` returns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Counter = Literal["decimal", "chinese", "upper-roman", "lower-roman", "upper-alpha", "lower-alpha"]

MAX_ROMAN = 3999

_COUNTER_OF: dict[str, Counter] = {
    "1": "decimal",
    "一": "chinese",
    "I": "upper-roman",
    "i": "lower-roman",
    "A": "upper-alpha",
    "a": "lower-alpha",
}

_LATIN = re.compile(r"[A-Za-z]")
_DOTTED = re.compile(r"1(?:\.1){1,2}")

NONE = "none"
"""The style of what has no number."""


class StyleError(ValueError):
    """A numbering style that cannot be read; the message says why."""


@dataclass(frozen=True)
class Style:
    """A numbering style: ``prefix`` + the number(s) + ``suffix``; ``depth`` is how many numbers
    a dotted style writes (1 for all others); ``counter`` None means no number at all."""

    source: str
    counter: Counter | None
    prefix: str = ""
    suffix: str = ""
    start: int = 1
    depth: int = 1

    @property
    def numbered(self) -> bool:
        return self.counter is not None


UNNUMBERED = Style(NONE, None)


def parse_style(source: str, start: int = 1) -> Style:
    """The :class:`Style` written ``source`` (the number one as it looks), counting from
    ``start``; raise :class:`StyleError` if it holds no counter or more than one."""
    if start < 0:
        raise StyleError(f"numbering style '{source}' cannot start at {start}: 0 is the least")
    if source == NONE:
        return UNNUMBERED
    dotted = _DOTTED.search(source)
    if dotted:
        rest = source[: dotted.start()] + source[dotted.end() :]
        if _counters(rest):
            raise StyleError(f"numbering style '{source}' has more than one counter")
        depth = dotted.group(0).count(".") + 1
        return Style(
            source, "decimal", source[: dotted.start()], source[dotted.end() :], start, depth
        )
    found = _counters(source)
    if len(found) != 1:
        raise StyleError(
            f"numbering style '{source}' has "
            + ("no counter" if not found else "more than one counter")
            + " (write the number one as it looks: 1. 一、 第一条 (a) i. Section 1)"
        )
    at = found[0]
    counter = _COUNTER_OF[source[at]]
    if start == 0 and counter not in ("decimal", "chinese"):
        raise StyleError(f"numbering style '{source}' cannot count from 0")
    if start > MAX_ROMAN and counter in ("upper-roman", "lower-roman"):
        raise StyleError(
            f"numbering style '{source}' cannot start at {start}: roman numerals end at {MAX_ROMAN}"
        )
    return Style(source, counter, source[:at], source[at + 1 :], start)


def _counters(source: str) -> list[int]:
    """Where the counters of ``source`` stand."""
    out = []
    for index, char in enumerate(source):
        if char not in _COUNTER_OF:
            continue
        if char in "IiAa":
            before = source[index - 1] if index else ""
            after = source[index + 1] if index + 1 < len(source) else ""
            if _LATIN.fullmatch(before or "0") or _LATIN.fullmatch(after or "0"):
                continue
        out.append(index)
    return out


def format_number(style: Style, position: int, ancestors: Sequence[int] = ()) -> str:
    """The number of the ``position``-th element (from 1) in ``style``; ``ancestors`` are the
    numbers of the enclosing levels, outermost first (a dotted style writes the last of them).
    An empty string for an unnumbered style."""
    if style.counter is None:
        return ""
    value = style.start + position - 1
    own = counter_text(style.counter, value)
    if style.depth > 1:
        needed = style.depth - 1
        outer = list(ancestors[-needed:])
        outer = [1] * (needed - len(outer)) + outer
        own = ".".join([*(str(n) for n in outer), own])
    return f"{style.prefix}{own}{style.suffix}"


def counter_text(counter: Counter, value: int) -> str:
    """``value`` written with ``counter``."""
    if counter == "decimal":
        return str(value)
    if counter == "chinese":
        return "零" if value == 0 else chinese_numeral(value)
    if counter in ("upper-roman", "lower-roman"):
        text = roman_numeral(value)
        return text if counter == "upper-roman" else text.lower()
    text = alpha_numeral(value)
    return text.upper() if counter == "upper-alpha" else text


def alpha_numeral(n: int) -> str:
    """1 → a, 26 → z, 27 → aa, 28 → ab (bijective base 26, as word processors count)."""
    if n < 1:
        raise ValueError(f"letter number {n} out of range 1..")
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


_ZH_DIGITS = "零一二三四五六七八九"
_ZH_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 100 → 一百, 101 → 一百零一, 110 → 一百一十,
    10001 → 一万零一 (section numbers; any 1 ≤ n < 100000000)."""
    if not 1 <= n < 100_000_000:
        raise ValueError(f"section number {n} out of range 1..99999999")
    high, low = divmod(n, 10_000)
    if not high:
        return _chinese_group(low, leading=True)
    text = _chinese_group(high, leading=True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _chinese_group(low, leading=False)
    return text


def _chinese_group(n: int, *, leading: bool) -> str:
    """1 ≤ n ≤ 9999 in Chinese; a leading 一十 is written 十 (十一, but 一百一十)."""
    text = ""
    zero = False
    for value, unit in _ZH_UNITS:
        digit = n // value % 10
        if not digit:
            zero = zero or bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        if not (leading and not text and digit == 1 and unit == "十"):
            text += _ZH_DIGITS[digit]
        text += unit
    return text


def roman_numeral(n: int) -> str:
    """1 → I, 4 → IV, 11 → XI, 100 → C, 101 → CI (section numbers; 1 ≤ n ≤ 3999)."""
    if not 1 <= n <= MAX_ROMAN:
        raise ValueError(f"section number {n} out of range 1..{MAX_ROMAN}")
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


KNOWN_STYLES: tuple[str, ...] = (
    "一、", "第一条", "第一章", "第一节", "（一）", "(一)", "1.", "1.1", "1.1.1", "I.",
    "Section 1", "Article 1", "Chapter 1", "(a)", "(i)", "(A)", "1)", "(1)", "（1）", "a.", "a)",
    "A.", "i.", "i)", "1，", "1、",
)  # fmt: skip
"""The styles real documents use, as written (``legalsite import`` recognises these)."""

_COUNTER_PATTERN: dict[Counter, str] = {
    "decimal": "[0-9]+",
    "chinese": "[零一二三四五六七八九十百千万]+",
    "upper-roman": "[IVXLCDM]+",
    "lower-roman": "[ivxlcdm]+",
    "upper-alpha": "[A-Z]+",
    "lower-alpha": "[a-z]+",
}


def read_number(style: Style, label: str) -> int | None:
    """The position (from 1) of the element whose number ``style`` writes ``label``, None if it
    writes no such number: the inverse of :func:`format_number` (a dotted style's own part)."""
    if style.counter is None:
        return None
    own = _COUNTER_PATTERN[style.counter]
    outer = "" if style.depth == 1 else rf"(?:[0-9]+\.){{{style.depth - 1}}}"
    found = re.fullmatch(
        re.escape(style.prefix) + f"{outer}({own})" + re.escape(style.suffix), label
    )
    if not found:
        return None
    value = counter_value(style.counter, found.group(1))
    if value is None or value < style.start:
        return None
    return value - style.start + 1


_ZH_VALUES = {c: i for i, c in enumerate(_ZH_DIGITS)}
_ZH_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def counter_value(counter: Counter, text: str) -> int | None:
    """The value ``text`` writes with ``counter``, None unless it is written exactly as
    :func:`counter_text` writes it (so 010, IIII or 一十 are no numbers)."""
    value: int
    if counter == "decimal":
        value = int(text)
    elif counter == "chinese":
        value = _read_chinese(text)
    elif counter in ("upper-roman", "lower-roman"):
        values = [_ROMAN_VALUES[c] for c in text.upper()]
        value = sum(
            -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
        )
    else:
        value = 0
        for char in text.lower():
            value = value * 26 + ord(char) - ord("a") + 1
    try:
        return value if counter_text(counter, value) == text else None
    except ValueError:
        return None


def _read_chinese(text: str) -> int:
    total = group = digit = 0
    for char in text:
        if char in _ZH_VALUES:
            digit = _ZH_VALUES[char]
        elif char in _ZH_UNIT_VALUES:
            group += (digit or 1) * _ZH_UNIT_VALUES[char]
            digit = 0
        else:  # 万
            total += (group + digit) * 10_000
            group = digit = 0
    return total + group + digit


def largest(style: Style) -> int | None:
    """The most elements ``style`` can number (roman numerals end at 3999), None if unbounded."""
    if style.counter in ("upper-roman", "lower-roman"):
        return MAX_ROMAN - style.start + 1
    if style.counter == "chinese":
        return 99_999_999 - style.start + 1
    return None


_NO_SPACE_AFTER = "、，）：．。】」"


def joined(label: str, title: str) -> str:
    """A heading: its number then its title, with a space unless the number ends in a
    full-width mark (一、定义, （一）定义, but I. Definitions, 第一条 定义)."""
    if not label:
        return title
    if label[-1] in _NO_SPACE_AFTER:
        return f"{label}{title}"
    return f"{label} {title}"


def bare(label: str) -> str:
    """A number as cited inside a sentence: without the mark that ends it (一、 → 一,
    I. → I, 1) → 1), but with its brackets when it has both ((a), （一）)."""
    out = label.rstrip("、.．，,:：")
    if out.endswith(")") and "(" not in out:
        out = out[:-1]
    if out.endswith("）") and "（" not in out:
        out = out[:-1]
    return out


SECTION_LEVELS = 3
"""How deep sections nest."""

Lang = Literal["zh", "en"]

_DEFAULT_SECTIONS: Mapping[str, str] = {"zh": "一、", "en": "I."}


@dataclass(frozen=True)
class Numbering:
    """The numbering styles of one language of a document: its sections' by level, its
    clauses', its ordered lists' by depth and its annexes'. ``declared`` is False for a text
    that states none (today's 一、 / I. sections and 1. lists, written as before)."""

    sections: tuple[Style, ...]
    clauses: Style = UNNUMBERED
    lists: tuple[Style, ...] = (parse_style("1."),)
    annexes: Style = UNNUMBERED
    declared: bool = True

    def section(self, level: int) -> Style:
        """The style of sections at ``level`` (1 = top)."""
        if level <= len(self.sections):
            return self.sections[level - 1]
        return parse_style(".".join(["1"] * level))

    def listing(self, depth: int) -> Style:
        """The style of ordered lists at nesting ``depth`` (1 = outermost)."""
        return self.lists[min(depth, len(self.lists)) - 1]


def default_numbering(lang: str) -> Numbering:
    """Today's numbering: 一、 / I. sections, no clause numbers, 1. lists."""
    return Numbering((parse_style(_DEFAULT_SECTIONS[lang]),), declared=False)
