"""Hypothesis strategies of hostile editor strings, shared by the refusal and the escaping tests.

Each strategy generates members of one class of attack named in the hardening issue, so a test
fixes the class rather than one quoted example:

* :func:`markup`: HTML/SVG/script payloads, attribute break-outs, entity tricks, Markdown and
  YAML-front-matter structure, template syntax;
* :func:`invisible`: C0/C1 controls, bidi controls, zero-width and other format characters, tag
  characters, non-characters, lone surrogates, odd whitespace;
* :func:`hostile_text`: ordinary words with members of both classes spliced in anywhere;
* :func:`space_like`, :func:`refused_character`, :func:`references`, :func:`bad_hrefs`: the
  classes ``validate`` refuses (odd spaces and every refused character, HTML character
  references, link targets to refuse), and :func:`yaml_double_quoted` to write any string into
  a YAML file, raw or as escapes.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

_TAGS = ("script", "svg", "img", "iframe", "a", "style", "math", "details", "object", "body")
_EVENTS = ("onload", "onerror", "onclick", "onfocus", "onmouseover", "ontoggle")

_MARKUP_PIECES = (
    "<",
    ">",
    '"',
    "'",
    "`",
    "&",
    "&lt;",
    "&#60;",
    "&#x3C;",
    "</title>",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "${7*7}",
    "\n---\n",
    "---",
    "legalsite:",
    "search: {exclude: false}",
    "![x](https://evil.example/x.png)",
    "~~struck~~",
    "[link](javascript:alert(1))",
    "<ins>",
    "</del>",
    "| --- |",
    "# heading",
    "*",
    "_",
    "\\",
    "]]",
    "[[",
)


@st.composite
def _tag(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(_TAGS))
    event = draw(st.sampled_from(_EVENTS))
    close = draw(st.sampled_from(("/>", ">", " ", "")))
    sep = draw(st.sampled_from(("/", " ", "\t", "\n")))
    return f"<{tag}{sep}{event}=alert(1){close}"


def markup() -> st.SearchStrategy[str]:
    """One markup or structure payload."""
    return st.one_of(st.sampled_from(_MARKUP_PIECES), _tag())


# Code points that must never reach a page from an editor's string.
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
_ZERO_WIDTH = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x3164, 0x115F, 0x1160, 0x180E]
_TAG_CHARS = [0xE0001, *range(0xE0020, 0xE0080, 7)]
_NONCHARS = [0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF]
_ODD_SPACE = [0x00A0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F, 0x1680, 0x0009, 0x000B]
_CONTROLS = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
_SURROGATES = [0xD800, 0xDBFF, 0xDC00, 0xDFFF]

INVISIBLE_CODE_POINTS: tuple[int, ...] = tuple(
    sorted({*_BIDI, *_ZERO_WIDTH, *_TAG_CHARS, *_NONCHARS, *_ODD_SPACE, *_CONTROLS, *_SURROGATES})
)
"""Every code point :func:`invisible` draws from (lone surrogates included)."""


def invisible() -> st.SearchStrategy[str]:
    """One character that is not allowed in an editor's string: control, bidi, format..."""
    listed = st.sampled_from(INVISIBLE_CODE_POINTS).map(chr)
    # Any other format (Cf) or private-use character the list above does not name.
    other = st.characters(categories=["Cf", "Co", "Cc"])
    return st.one_of(listed, other)


ORDINARY = ("用户", "服务协议", "账号", "terms", "User", "clause 1.2", "（一）", "99.9%")


def ordinary() -> st.SearchStrategy[str]:
    """A harmless word in either language."""
    return st.sampled_from(ORDINARY)


@st.composite
def hostile_text(draw: st.DrawFn, *, invisible_chars: bool = True) -> str:
    """Ordinary words with markup payloads (and, unless told not to, invisible characters)."""
    kinds = [markup(), ordinary()]
    if invisible_chars:
        kinds.append(invisible())
    pieces = draw(st.lists(st.one_of(*kinds), min_size=1, max_size=6))
    hostile = [p for p in pieces if p.strip() not in {"", *ORDINARY}]
    if not hostile:
        pieces.append(draw(markup()))
    return "".join(pieces)


def is_invisible(char: str) -> bool:
    """True for a character of the classes :func:`invisible` generates."""
    return ord(char) in INVISIBLE_CODE_POINTS or unicodedata.category(char) in {"Cf", "Co", "Cc"}


# -- Output structure: what each output's own syntax would read as structure -------------------

_STRUCTURE_PIECES = (
    # GitHub Markdown beyond the pieces above: math, footnotes, autolinks, emoji, code fences.
    "$x$",
    "$$\\frac{1}{2}$$",
    "[^1]",
    "www.evil.example",
    "https://evil.example/x",
    "user@evil.example",
    ":+1:",
    "``",
    "````",
    "~~~",
    "\\`",
    # Python-Markdown: attribute lists, its own placeholders for stashed HTML, line structure.
    "{: onclick=alert(1) }",
    "{#id .cls}",
    "\x02wzxhzdk:0\x03",
    "\x02klzzwxh:0\x03",
    "\n\n",
    "\r\n",
    "\n    code",
    "\n> quote",
    "\n1. item",
    "\n- item",
    "\n=====",
    "  \n",
    # Character references that would decode to markup or to a hidden character.
    "&#10;",
    "&#x202e;",
    "&#0;",
    "&nbsp;",
    "&lt;script&gt;",
    # JSON inside <script>, XML, YAML front matter.
    "</script><script>alert(1)</script>",
    "\u2028",
    "\u2029",
    "<?xml version='1.0'?>",
    "]]>",
    "\x85",
    "\ufeff",
    "...",
    "\n...\n",
    "title: x",
    "'",
    '"',
    ": ",
    " #",
    "%",
    "!ENV",
    "!!python/object:os.system",
    # Terminal: escape sequences, carriage return, bell, backspace.
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\r",
    "\x08\x08",
    "\x9b31m",
)


def structure() -> st.SearchStrategy[str]:
    """One piece of an output's own syntax: GitHub or Python-Markdown structure, character
    references, JSON/XML/YAML/terminal syntax."""
    return st.sampled_from(_STRUCTURE_PIECES)


@st.composite
def hostile_string(draw: st.DrawFn) -> str:
    """Any string an output might receive when validation let it through: hostile words,
    output syntax, or arbitrary Unicode (lone surrogates included)."""
    kind = draw(st.sampled_from(("hostile", "structure", "any")))
    if kind == "hostile":
        return draw(hostile_text())
    if kind == "structure":
        pieces = st.one_of(structure(), markup(), invisible(), ordinary())
        return "".join(draw(st.lists(pieces, min_size=1, max_size=6)))
    return draw(st.text(st.characters(exclude_categories=()), max_size=40))


# -- Added for the refusal layer (validate / format) -----------------------------------------

_SPACE_LIKE = [
    0x0009, 0x000B, 0x000C, 0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x2800,
]  # fmt: skip
_FILLERS = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, 0xFE0F, 0xE0100]
_LINE_BREAKS = [0x000A, 0x000D, 0x0085, 0x2028, 0x2029]
_PRIVATE_USE = [0xE000, 0xF8FF, 0xF0000, 0x10FFFD]

SPACE_LIKE_CODE_POINTS: tuple[int, ...] = tuple(_SPACE_LIKE)
"""White space other than the ordinary space (U+3000 aside: allowed in Chinese text)."""


def space_like() -> st.SearchStrategy[str]:
    """One character that looks like (or is) white space but is not the ordinary space."""
    return st.one_of(
        st.sampled_from(SPACE_LIKE_CODE_POINTS).map(chr),
        st.characters(categories=["Zs"]).filter(lambda c: c not in " \u3000"),
    )


def refused_character() -> st.SearchStrategy[str]:
    """Any one character an editor's string may not hold: :func:`invisible`, space-like,
    fillers, line breaks, private use, unassigned code points."""
    return st.one_of(
        invisible(),
        space_like(),
        st.sampled_from([*_FILLERS, *_LINE_BREAKS, *_PRIVATE_USE]).map(chr),
        st.characters(categories=["Cn"]),
    )


_REFERENCES = (
    "&lt;",
    "&gt;",
    "&amp;",
    "&quot;",
    "&#60;",
    "&#x3C;",
    "&#X3c;",
    "&#0060;",
    "&lt",
    "&amp",
    "&nbsp;",
    "&NewLine;",
    "&Tab;",
    "&colon;",
    "&lpar;",
    "&#106;",
)


@st.composite
def _reference(draw: st.DrawFn) -> str:
    number = draw(st.integers(min_value=0, max_value=0x10FFFF))
    form = draw(st.sampled_from(("&#{};", "&#x{:x};", "&#X{:X};", "&#{}")))
    return form.format(number)


def references() -> st.SearchStrategy[str]:
    """An HTML character reference: named, decimal, hexadecimal, with or without ';'."""
    return st.one_of(st.sampled_from(_REFERENCES), _reference())


@st.composite
def _mixed_case(draw: st.DrawFn, word: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.upper() if f else c for c, f in zip(word, flips, strict=True))


@st.composite
def bad_hrefs(draw: st.DrawFn) -> str:
    """A link target that must be refused: script and data schemes in any case, with white
    space, controls or references inside, relative and scheme-relative addresses, http
    without a host."""
    scheme = draw(
        st.one_of(
            _mixed_case("javascript"),
            _mixed_case("data"),
            _mixed_case("vbscript"),
            _mixed_case("file"),
        )
    )
    noise = draw(st.sampled_from(("", " ", "\t", "\n", "&#9;", "&Tab;", "\x00", "\u200b")))
    at = draw(st.integers(min_value=0, max_value=len(scheme)))
    spiked = scheme[:at] + noise + scheme[at:]
    other = draw(
        st.sampled_from(
            (
                "//evil.example/x",
                "/relative",
                "relative",
                "https:evil.example",
                "http:/evil.example",
                "https://",
                "mailto:",
                "https://a b.example",
                'https://a.example/"onmouseover=alert(1)',
                "https://a.example\\@evil.example",
                "https://[",
            )
        )
    )
    return draw(st.sampled_from((spiked + ":alert(1)", f"{spiked}:text/html,x", other)))


def yaml_double_quoted(text: str, *, escape_all: bool = False) -> str:
    """``text`` as a YAML double-quoted scalar: quotes, backslashes and every character that is
    not printable ASCII written as an escape (all of them with ``escape_all``; else only those
    YAML cannot hold raw, the others standing as themselves)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif " " <= char <= "~" or (not escape_all and not _yaml_unprintable(char)):
            out.append(char)
        elif code < 0x100:
            out.append(f"\\x{code:02X}")
        elif code < 0x10000:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    out.append('"')
    return "".join(out)


def _yaml_unprintable(char: str) -> bool:
    """Characters a YAML file may not hold raw (or that would end the line)."""
    code = ord(char)
    return (
        not (
            code in (0x20,)
            or 0x21 <= code <= 0x7E
            or 0xA0 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF
        )
        or char in "\u2028\u2029\ufeff"
    )
