"""The numbers documents put before their headings and list items, recognised and rendered.

A :class:`Style` is one way of writing a number (``第一条``, ``一、``, ``（一）``,
``1.``, ``1.1``, ``I.``, ``Section 1``, ``(a)``, ``(i)``, ``1)``, ``a.`` ...): a pattern that
finds it at the start of a line and a renderer that writes number ``n`` in it. :data:`STYLES`
is the one table of them; :func:`candidates` reads a line's leading number as every style it
could be (``i.`` is a roman one or the ninth letter), and :func:`decide` picks, for the numbers
of one level, the style under which they count on one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from legalsite.model.numbering import Counter, counter_text, counter_value

MAX_NUMBER = 3999
"""The largest number recognised (the roman numerals end there)."""

ZH_NUMERAL = "[零〇一二两三四五六七八九十百千]+"


def _reader(counter: Counter) -> Callable[[str], int | None]:
    """The value a numeral writes with ``counter``, by the numbering model's one rule
    (:func:`legalsite.model.numbering.counter_value`: only as it writes numbers)."""

    def read(text: str) -> int | None:
        return counter_value(counter, text)

    return read


def _writer(counter: Counter) -> Callable[[int], str]:
    def write(n: int) -> str:
        return counter_text(counter, n)

    return write


parse_chinese = _reader("chinese")
parse_letter = _reader("lower-alpha")
letter = _writer("lower-alpha")


@dataclass(frozen=True)
class Style:
    """One way of writing a number before a heading or an item."""

    name: str
    """The style's name here; the written YAML names it by :attr:`one`."""
    pattern: str
    """A regular expression of the number with its marks; group ``n`` is the numeral."""
    parse: Callable[[str], int | None]
    numeral: Callable[[int], str]
    template: str
    """How a number is written: ``{}`` is the numeral."""
    start_zero: bool = False
    """Whether 0 is a numeral of the style (decimal and Chinese ones)."""

    def render(self, n: int) -> str:
        return self.template.format(self.numeral(n))

    @property
    def one(self) -> str:
        """The style as the numbering model writes it: the number one (``第一条``, ``(a)``)."""
        return self.render(1)


def _style(
    name: str,
    template: str,
    numeral: str,
    parse: Callable[[str], int | None],
    render: Callable[[int], str],
    *,
    zero: bool = False,
) -> Style:
    before, after = template.split("{}")
    pattern = re.escape(before) + f"(?P<n>{numeral})" + re.escape(after)
    return Style(name, pattern, parse, render, template, zero)


_DIGITS = "[0-9]{1,4}"
_LOWER = "[a-z]{1,4}"
_UPPER = "[A-Z]{1,4}"
_LOWER_ROMAN = "[ivxlcdm]+"
_UPPER_ROMAN = "[IVXLCDM]+"
_DECIMAL = (_reader("decimal"), _writer("decimal"))
_CHINESE = (parse_chinese, _writer("chinese"))
_UPPER_R = (_reader("upper-roman"), _writer("upper-roman"))
_LOWER_R = (_reader("lower-roman"), _writer("lower-roman"))
_LOWER_A = (parse_letter, letter)
_UPPER_A = (_reader("upper-alpha"), _writer("upper-alpha"))


STYLES: tuple[Style, ...] = (
    _style("zh-chapter", "第{}章", ZH_NUMERAL, *_CHINESE, zero=True),
    _style("zh-section", "第{}节", ZH_NUMERAL, *_CHINESE, zero=True),
    _style("zh-article", "第{}条", ZH_NUMERAL, *_CHINESE, zero=True),
    _style("zh-article-decimal", "第{}条", _DIGITS, *_DECIMAL, zero=True),
    _style("zh-comma", "{}、", ZH_NUMERAL, *_CHINESE, zero=True),
    _style("zh-paren", "（{}）", ZH_NUMERAL, *_CHINESE, zero=True),
    _style("zh-paren-ascii", "({})", ZH_NUMERAL, *_CHINESE, zero=True),
    _style("section-dot", "Section {}.", _DIGITS, *_DECIMAL, zero=True),
    _style("article-dot", "Article {}.", _DIGITS, *_DECIMAL, zero=True),
    _style("section", "Section {}", _DIGITS, *_DECIMAL, zero=True),
    _style("article", "Article {}", _DIGITS, *_DECIMAL, zero=True),
    _style("decimal", "{}.", _DIGITS, *_DECIMAL, zero=True),
    _style("decimal-comma", "{}，", _DIGITS, *_DECIMAL, zero=True),
    _style("decimal-ideographic-comma", "{}、", _DIGITS, *_DECIMAL, zero=True),
    _style("decimal-right-paren", "{})", _DIGITS, *_DECIMAL, zero=True),
    _style("decimal-paren", "({})", _DIGITS, *_DECIMAL, zero=True),
    _style("decimal-fullwidth-paren", "（{}）", _DIGITS, *_DECIMAL, zero=True),
    _style("upper-roman", "{}.", _UPPER_ROMAN, *_UPPER_R),
    _style("lower-roman", "{}.", _LOWER_ROMAN, *_LOWER_R),
    _style("lower-roman-paren", "({})", _LOWER_ROMAN, *_LOWER_R),
    _style("lower-alpha", "{}.", _LOWER, *_LOWER_A),
    _style("lower-alpha-paren", "({})", _LOWER, *_LOWER_A),
    _style("lower-alpha-right-paren", "{})", _LOWER, *_LOWER_A),
    _style("upper-alpha", "{}.", _UPPER, *_UPPER_A),
    _style("zh-annex", "附件{}", ZH_NUMERAL, *_CHINESE),
    _style("zh-annex-decimal", "附件{}", _DIGITS, *_DECIMAL),
    _style("zh-appendix", "附录{}", ZH_NUMERAL, *_CHINESE),
    _style("annex", "Annex {}", _DIGITS, *_DECIMAL),
    _style("annex-letter", "Annex {}", _UPPER, *_UPPER_A),
    _style("appendix", "Appendix {}", _DIGITS, *_DECIMAL),
    _style("appendix-letter", "Appendix {}", _UPPER, *_UPPER_A),
    _style("schedule", "Schedule {}", _DIGITS, *_DECIMAL),
    _style("exhibit-letter", "Exhibit {}", _UPPER, *_UPPER_A),
)
"""Every number style recognised, each once. Where two read the same marks (``i.``: roman or a
letter), :func:`decide` chooses by the sequence."""

STYLE_NAMES = {style.name: style for style in STYLES}

ANNEX_STYLES = frozenset(
    {"zh-annex", "zh-annex-decimal", "zh-appendix", "annex", "annex-letter", "appendix",
     "appendix-letter", "schedule", "exhibit-letter"}
)  # fmt: skip
"""The styles of annexes and appendices: a heading numbered so is an annex, after the sections."""
ANNEX_WORDS = ("附件", "附录", "Annex", "Appendix", "Schedule", "Exhibit")
"""How an unnumbered annex's heading starts."""


def is_annex(number: str | None, title: str) -> bool:
    """Whether a heading is an annex's: numbered in an annex style, or titled like one."""
    if number:
        return any(r.style in ANNEX_STYLES for r in candidates(number))
    return title.startswith(ANNEX_WORDS)


OUTLINE = "outline"
"""The style of multi-level decimal numbers: ``1.1``, ``1.1.1`` (each level's number is the
last part; the parts before it are the parents' numbers)."""

_OUTLINE = re.compile(r"(?P<n>(?:[0-9]{1,4}\.){1,5}[0-9]{1,4})\.?")
_AFTER_NUMBER = re.compile(r"[ \t\u3000]*[-–—:][ \t\u3000]*|[ \t\u3000]+|(?=[^\x00-\x7f])|$")
"""What may follow a number: spaces, a non-ASCII character (``第一条本协议`` / ``一、定义``), a
dash or colon (``Section 1 – Definitions``), or the end of the line."""


@dataclass(frozen=True)
class Reading:
    """A line's leading number read in one style."""

    style: str
    value: int
    marker: str
    """The number as written, marks included (``（一）``, ``1.2``)."""
    rest: str
    """The line after the number and the spaces that follow it."""
    depth: int = 1
    """The outline depth (``1.2.3`` → 3); 1 for every other style."""
    mark: str = ""
    """A dash or colon between the number and the words (``Section 1 – Definitions``): part of
    how the document writes its numbers."""


def candidates(line: str) -> list[Reading]:
    """Every reading of ``line``'s leading number, in the order of :data:`STYLES` (outline
    numbers first); empty when it starts with none."""
    found: list[Reading] = []
    outline = _OUTLINE.match(line)
    if outline and _after(line, outline.end()) is not None:
        parts = outline.group("n").split(".")
        rest = _after(line, outline.end())
        assert rest is not None
        found.append(
            Reading(
                OUTLINE,
                int(parts[-1]),
                outline.group(0),
                rest,
                len(parts),
                _mark(line, outline.end()),
            )
        )
    for style in STYLES:
        match = re.match(style.pattern, line)
        if not match:
            continue
        value = style.parse(match.group("n"))
        rest = _after(line, match.end())
        if value is None or rest is None or value > MAX_NUMBER:
            continue
        found.append(Reading(style.name, value, match.group(0), rest, 1, _mark(line, match.end())))
    return found


def _mark(line: str, end: int) -> str:
    gap = _AFTER_NUMBER.match(line, end)
    return gap.group(0).strip() if gap and end and line[end - 1].isascii() else ""


def _after(line: str, end: int) -> str | None:
    if end and not line[end - 1].isascii():  # 一、 （一） 第一条: the mark ends the number
        return line[end:].lstrip(" \t\u3000")
    gap = _AFTER_NUMBER.match(line, end)
    if gap is None:
        return None
    return line[gap.end() :]


def written(style: str, depth: int = 1, mark: str = "") -> str:
    """How the numbering model writes style ``style`` (its :attr:`Style.one`; ``1.1`` for an
    outline number of depth 2; ``Section 1 –`` with the mark after the number)."""
    one = ".".join(["1"] * depth) if style == OUTLINE else STYLE_NAMES[style].one
    return f"{one} {mark}" if mark else one


def render(style: str, value: int, parents: Sequence[int] = ()) -> str:
    """Number ``value`` written in ``style`` (an outline number after its ``parents``)."""
    if style == OUTLINE:
        return ".".join(str(n) for n in (*parents, value))
    return STYLE_NAMES[style].render(value)


@dataclass(frozen=True)
class Decision:
    """The style of one level's numbers, or why none could be chosen."""

    style: str | None
    start: int
    problem: str | None = None


def decide(readings: Sequence[Sequence[Reading]]) -> Decision:
    """The style under which the numbers of one run of siblings (each given as its
    :func:`candidates`) count on by one from the first: ``a. b. c.`` letters, ``i. ii. iii.``
    roman. The first such style in :data:`STYLES` order; a problem when there is none."""
    if not readings:
        return Decision(None, 1)
    names = [r.style for r in readings[0]]
    for name in names:
        values = []
        for options in readings:
            value = next((r.value for r in options if r.style == name), None)
            if value is None:
                break
            values.append(value)
        else:
            start = values[0]
            if values == list(range(start, start + len(values))):
                return Decision(name, start)
    written = ", ".join(
        next(iter(options)).marker if options else "(none)" for options in readings[:6]
    )
    return Decision(None, 1, f"the numbers {written} do not count on by one in any one style")
