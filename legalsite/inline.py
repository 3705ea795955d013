"""The small inline markup allowed inside clause text, and nothing more.

Editors may write:

* ``*emphasis*`` and ``**strong emphasis**``;
* ``[link text](https://example.com/page)``, with ``http``, ``https`` or ``mailto`` targets only;
* ``\\*``, ``\\[``, ``\\]`` and ``\\\\`` for a literal ``*``, ``[``, ``]`` or backslash.

Everything else is text: ``<`` and ``&`` come out as the characters themselves, never as markup.
Raw HTML tags are refused with a clear error instead of being silently shown as text, because an
editor who writes ``<b>`` expects bold and must learn the supported way.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto")

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--|<![A-Za-z]|<\?")


class InlineError(ValueError):
    """Clause text that does not follow the inline subset; ``offset`` is 0-based in the text."""

    def __init__(self, offset: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]
    strong: bool


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]


Inline = Text | Emphasis | Link


# Versions repeat most clauses word for word, and every page kind renders them: parse each text
# once (the nodes are immutable; an error is raised again on every call).
@lru_cache(maxsize=65536)
def parse(source: str) -> tuple[Inline, ...]:
    """Parse clause text into inline nodes; raise :class:`InlineError` on anything unsupported."""
    tag = _HTML_TAG.search(source)
    if tag:
        raise InlineError(
            tag.start(),
            f"raw HTML '{tag.group(0)}' is not allowed in clause text",
            "use *emphasis*, **strong** or [text](https://...) instead of HTML tags",
        )
    nodes, end = _parse(source, 0, closer=None)
    assert end == len(source)
    return nodes


def _parse(source: str, pos: int, closer: str | None) -> tuple[tuple[Inline, ...], int]:
    nodes: list[Inline] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            nodes.append(Text("".join(buffer)))
            buffer.clear()

    while pos < len(source):
        ch = source[pos]
        if ch == "\\" and pos + 1 < len(source) and source[pos + 1] in "\\*[]":
            buffer.append(source[pos + 1])
            pos += 2
            continue
        if closer is not None and source.startswith(closer, pos):
            if closer == "]":
                flush()
                return tuple(nodes), pos
            # A closing '*' must follow text, so '**' inside '*...*' is read as strong first.
            if not (closer == "*" and source.startswith("**", pos)):
                flush()
                return tuple(nodes), pos
        if ch == "*":
            strong = source.startswith("**", pos)
            delim = "**" if strong else "*"
            flush()
            children, end = _parse(source, pos + len(delim), closer=delim)
            if end >= len(source) or not source.startswith(delim, end):
                raise InlineError(
                    pos,
                    f"'{delim}' opens {'strong ' if strong else ''}emphasis that is never closed",
                    "close it with the same marker, or write \\* for a literal asterisk",
                )
            if not children:
                raise InlineError(pos, f"empty emphasis '{delim}{delim}'", "remove the markers")
            nodes.append(Emphasis(children, strong))
            pos = end + len(delim)
            continue
        if ch == "[":
            flush()
            children, end = _parse(source, pos + 1, closer="]")
            if end >= len(source) or source[end] != "]":
                raise InlineError(
                    pos,
                    "'[' opens a link that is never closed",
                    "write [text](https://...) or \\[ for a literal bracket",
                )
            if not source.startswith("(", end + 1):
                raise InlineError(
                    pos,
                    "'[...]' must be followed by '(address)' to make a link",
                    "write [text](https://...) or \\[ and \\] for literal brackets",
                )
            close = source.find(")", end + 2)
            if close < 0:
                raise InlineError(end + 1, "link address is never closed with ')'", "add ')'")
            href = source[end + 2 : close]
            _check_href(href, end + 2)
            if not children:
                raise InlineError(pos, "a link needs text between '[' and ']'", "add the text")
            nodes.append(Link(href, children))
            pos = close + 1
            continue
        if ch == "]" and closer is None:
            raise InlineError(pos, "']' without a matching '['", "write \\] for a literal bracket")
        buffer.append(ch)
        pos += 1
    if closer is not None:
        # Unclosed: the caller reports it at the opening marker.
        flush()
        return tuple(nodes), len(source)
    flush()
    return tuple(nodes), pos


def _check_href(href: str, offset: int) -> None:
    if not href or any(c.isspace() for c in href) or any(c in href for c in "<>\"'`"):
        raise InlineError(
            offset,
            f"link address '{href}' is not a valid address",
            "write a full address without spaces or quotes, e.g. https://example.com/page",
        )
    scheme = urlsplit(href).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise InlineError(
            offset,
            f"link scheme '{scheme or '(none)'}:' is not allowed",
            "links may only use http:, https: or mailto: addresses",
        )


def to_html(nodes: tuple[Inline, ...]) -> str:
    """HTML for the nodes; all text and attributes are escaped."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(html.escape(node.text, quote=True))
        elif isinstance(node, Emphasis):
            tag = "strong" if node.strong else "em"
            out.append(f"<{tag}>{to_html(node.children)}</{tag}>")
        else:
            out.append(
                f'<a href="{html.escape(node.href, quote=True)}">{to_html(node.children)}</a>'
            )
    return "".join(out)


def to_plain(nodes: tuple[Inline, ...]) -> str:
    """The text a reader sees, without markup."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        else:
            out.append(to_plain(node.children))
    return "".join(out)


@lru_cache(maxsize=65536)
def html_of(source: str) -> str:
    return to_html(parse(source))


@lru_cache(maxsize=65536)
def plain_of(source: str) -> str:
    return to_plain(parse(source))
