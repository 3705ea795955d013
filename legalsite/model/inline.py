"""The small inline markup allowed inside clause text, and nothing more.

Editors may write:

* ``*emphasis*`` and ``**strong emphasis**``;
* ``[link text](https://example.com/page)``, with ``http``, ``https`` or ``mailto`` targets only;
* ``[](#accounts-3)``, a cross-reference: the element with that id in the same version, written
  as its current number in the reader's language (:func:`resolve`, when the text is loaded);
  ``[text](#accounts-3)`` links to it with the editor's words;
* ``\\*``, ``\\[``, ``\\]`` and ``\\\\`` for a literal ``*``, ``[``, ``]`` or backslash.

Everything else is text: ``<`` and ``&`` come out as the characters themselves, never as markup.
What would be markup anywhere else is refused with a clear error instead of being silently shown
as text, because an editor who writes ``<b>`` expects bold and must learn the supported way: the
start of an HTML tag (``<b``, ``</``, ``<!``, ``<?``), a character reference (``&lt;``,
``&#60;``, ``&amp``: whatever an HTML reader would decode), a link inside a link's text, and
markup nested deeper than :data:`MAX_NESTING` levels. Titles are plain text (:func:`check_plain`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto")
MAX_NESTING = 4
"""How deep emphasis and links may nest (``**[*a*](https://x)**`` is 3 levels)."""

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--|<![A-Za-z]|<\?")
_TAG_START = re.compile(r"<[/!?A-Za-z]")
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9A-Fa-f]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_PLAIN_REFUSED = "<>*[]\\"
REFERENCE = "#"
"""A link address that starts with this is a cross-reference to an element's id."""
_REFERENCE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_EMPTY_REFERENCE = re.compile(r"(?<!\\)\[\]\(#([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\)")


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


def _check_markup(source: str, where: str) -> None:
    """Refuse HTML tags and character references, anywhere in ``source``."""
    tag = _TAG_START.search(source)
    if tag:
        whole = _HTML_TAG.match(source, tag.start())
        shown = whole.group(0) if whole else _word_at(source, tag.start())
        raise InlineError(
            tag.start(),
            f"raw HTML '{shown}' is not allowed in {where}",
            "use *emphasis*, **strong** or [text](https://...) instead of HTML tags"
            if where == "clause text"
            else "write the title as plain text, without HTML tags"
            if where == "a title"
            else f"write {where} as plain text, without HTML tags",
        )
    for found in _REFERENCE.finditer(source):
        reference = found.group(0)
        if html.unescape(reference) != reference:
            raise InlineError(
                found.start(),
                f"character reference '{reference}' is not allowed in {where}",
                "write the character itself (e.g. < rather than &lt;): an HTML reader would "
                "turn the reference into another character",
            )


def _word_at(source: str, start: int) -> str:
    """The tag-like word starting at ``start``, for a message (at most 30 characters)."""
    end = start + 1
    while end < len(source) and end - start < 30 and not source[end].isspace():
        end += 1
        if source[end - 1] == ">":
            break
    return source[start:end]


def check_plain(source: str, *, what: str = "a title") -> None:
    """A title (or another plain field, named by ``what``: a version's summary) is plain text:
    no HTML, no references and none of the inline subset's markers.

    Raises :class:`InlineError` at the first character that is not allowed.
    """
    _check_markup(source, what)
    for index, char in enumerate(source):
        if char in _PLAIN_REFUSED:
            raise InlineError(
                index,
                f"'{char}' is not allowed in {what}",
                f"{what} is plain text: no <, >, *, [, ] or \\ (emphasis and links belong in "
                "the clauses)",
            )


# Versions repeat most clauses word for word, and every page kind renders them: parse each text
# once (the nodes are immutable; an error is raised again on every call).
@lru_cache(maxsize=65536)
def parse(source: str) -> tuple[Inline, ...]:
    """Parse clause text into inline nodes; raise :class:`InlineError` on anything unsupported."""
    _check_markup(source, "clause text")
    nodes, end = _parse(source, 0, closer=None, depth=0, in_link=False)
    assert end == len(source)
    return nodes


def _parse(
    source: str, pos: int, closer: str | None, depth: int, in_link: bool
) -> tuple[tuple[Inline, ...], int]:
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
            flush()
            emphasis, pos = _emphasis(source, pos, depth, in_link)
            nodes.append(emphasis)
            continue
        if ch == "[":
            if in_link:
                raise InlineError(
                    pos,
                    "a link's text cannot hold another link",
                    "close the first link before the next one, or write \\[ for a literal bracket",
                )
            flush()
            link, pos = _link(source, pos, depth)
            nodes.append(link)
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


def _deeper(depth: int, at: int) -> int:
    if depth >= MAX_NESTING:
        raise InlineError(
            at,
            f"markup nested more than {MAX_NESTING} levels deep",
            "simplify the emphasis and links here, or write \\* and \\[ for literal characters",
        )
    return depth + 1


def _emphasis(source: str, pos: int, depth: int, in_link: bool) -> tuple[Emphasis, int]:
    """The emphasis (``*``) or strong emphasis (``**``) opening at ``pos``, and where it ends."""
    strong = source.startswith("**", pos)
    delim = "**" if strong else "*"
    children, end = _parse(source, pos + len(delim), delim, _deeper(depth, pos), in_link)
    if end >= len(source) or not source.startswith(delim, end):
        raise InlineError(
            pos,
            f"'{delim}' opens {'strong ' if strong else ''}emphasis that is never closed",
            "close it with the same marker, or write \\* for a literal asterisk",
        )
    if not children:
        raise InlineError(pos, f"empty emphasis '{delim}{delim}'", "remove the markers")
    return Emphasis(children, strong), end + len(delim)


def _link(source: str, pos: int, depth: int) -> tuple[Link, int]:
    """The link ``[text](address)`` opening at ``pos``, and where it ends."""
    children, end = _parse(source, pos + 1, "]", _deeper(depth, pos), in_link=True)
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
    if not children and not href.startswith(REFERENCE):
        raise InlineError(pos, "a link needs text between '[' and ']'", "add the text")
    return Link(href, children), close + 1


def _check_href(href: str, offset: int) -> None:
    if href.startswith(REFERENCE):
        if not _REFERENCE_ID.fullmatch(href[1:]):
            raise InlineError(
                offset,
                f"cross-reference '{href}' does not name an id",
                "write # and the id of a section, clause, list item or row of this version, "
                "e.g. [](#accounts-3)",
            )
        return
    try:
        parts = urlsplit(href) if href else None
    except ValueError:  # e.g. an unclosed '[' in the host
        parts = None
    if (
        parts is None
        or any(c.isspace() or not c.isprintable() for c in href)
        or any(c in href for c in "<>\"'`\\")
    ):
        raise InlineError(
            offset,
            f"link address '{href}' is not a valid address",
            "write a full address without spaces or quotes, e.g. https://example.com/page",
        )
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise InlineError(
            offset,
            f"link scheme '{scheme or '(none)'}:' is not allowed",
            "links may only use http:, https: or mailto: addresses",
        )
    if (scheme != "mailto" and not (href[len(scheme) :].startswith("://") and host_ok(parts))) or (
        scheme == "mailto" and "@" not in parts.path
    ):
        raise InlineError(
            offset,
            f"link address '{href}' is not a valid address",
            "write a full address, e.g. https://example.com/page or mailto:name@example.com",
        )


# What a browser refuses in a domain name (WHATWG URL: forbidden domain code points; controls and
# spaces are refused above). An IPv6 literal in brackets is checked by urlsplit itself.
_NOT_IN_DOMAIN = frozenset("#%/:<>?@[\\]^|")


def host_ok(parts: SplitResult) -> bool:
    """Whether a browser can open the address's host and port: a domain of non-empty labels
    without forbidden characters (``https://a|b``, ``https://exa%0Ample``, ``https://a..b``)
    or an IPv6 literal, and a port of 0-65535 when one is given (``:99999``, ``:abc``)."""
    host = parts.hostname
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not 0-65535
    except ValueError:
        return False
    if not host:
        return False
    if parts.netloc.rpartition("@")[2].startswith("["):
        return True
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    return all(labels) and not any(c in _NOT_IN_DOMAIN for c in host)


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
def plain_of(source: str) -> str:
    return to_plain(parse(source))


def is_reference(href: str) -> bool:
    """Whether ``href`` is a cross-reference: ``#`` and an id."""
    return href.startswith(REFERENCE) and bool(_REFERENCE_ID.fullmatch(href[1:]))


def references(source: str) -> tuple[str, ...]:
    """The ids ``source`` refers to (``[](#id)``, ``[text](#id)``), in order."""
    found: list[str] = []

    def walk(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, Link) and node.href.startswith(REFERENCE):
                found.append(node.href[1:])
            if not isinstance(node, Text):
                walk(node.children)

    walk(parse(source))
    return tuple(found)


def reference_words(source: str) -> dict[str, str]:
    """What each cross-reference of ``source`` reads (its link's words), by target id."""
    found: dict[str, str] = {}

    def walk(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, Link) and node.href.startswith(REFERENCE):
                found.setdefault(node.href[1:], to_plain(node.children))
            elif not isinstance(node, Text):
                walk(node.children)

    try:
        walk(parse(source))
    except InlineError:
        return {}
    return found


def literal(text: str) -> str:
    """``text`` written so that the inline subset reads it back as itself."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)


def resolve(source: str, cite: Callable[[str], str]) -> str:
    """``source`` with each cross-reference without words (``[](#id)``) given the words
    ``cite(id)``: ``[第四条](#s4)``. What every surface then shows, links and copies."""
    return _EMPTY_REFERENCE.sub(lambda m: f"[{literal(cite(m.group(1)))}](#{m.group(1)})", source)
