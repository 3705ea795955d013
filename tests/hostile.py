"""Hypothesis strategies of hostile editor strings, shared by the refusal and the escaping tests.

Each strategy generates members of one class of attack named in the hardening issue, so a test
fixes the class rather than one quoted example:

* :func:`markup`: HTML/SVG/script payloads, attribute break-outs, entity tricks, Markdown and
  YAML-front-matter structure, template syntax;
* :func:`invisible`: C0/C1 controls, bidi controls, zero-width and other format characters, tag
  characters, non-characters, lone surrogates, odd whitespace;
* :func:`hostile_text`: ordinary words with members of both classes spliced in anywhere.
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


def markup_pieces() -> tuple[str, ...]:
    """The fixed markup and structure payloads :func:`markup` draws from (besides tags)."""
    return _MARKUP_PIECES


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
