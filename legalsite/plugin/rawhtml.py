"""legalsite's own HTML blocks pass through Markdown untouched, without being parsed again.

The generated pages are mostly HTML blocks that legalsite built and escaped (a clause, a list, a
table, a redline). Python-Markdown feeds every such block through its HTML parser only to keep
it as it is: a sixth of the MkDocs build. :func:`lift` takes each block out of the page's
Markdown before the conversion, leaving a placeholder paragraph, and :func:`restore` puts it
back in the converted HTML, where Markdown would have put it: the pages come out byte for byte
the same (a test builds sites both ways and compares every file).

A block is lifted only when Markdown would keep it whole and verbatim: between blank lines, one
element of a block-level kind whose start and end tags are its first and last (elements of the
same name inside it each closed within it: a bilingual row's cells), and nothing Markdown
treats specially in raw HTML (comments, processing instructions, ``markdown`` attributes).
Anything else is left to Markdown.

MkDocs also reads every id of a page's raw HTML (with a second HTML parser), to check links to
the page's anchors: :func:`anchor_ids` gives it the lifted blocks' ids. So that it can read
them exactly without a parser, a block is lifted only when each of its ``id`` and ``name``
attributes is written ``id="..."`` (as legalsite writes them) and it holds no element whose
content a parser reads as text (``script``, ``style``).
"""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field

from markdown.util import BLOCK_LEVEL_ELEMENTS

_BLOCK_START = re.compile(r"<([a-z][a-z0-9]*)[ >]")
_SPECIAL = re.compile(r"<(?:[!?]|(?:script|style|textarea|title)\b)", re.IGNORECASE)
"""What Markdown reads in raw HTML on its own: a comment or processing instruction, an element
whose content is text. (Each alternative starts with ``<``, which the search skips to.)"""
_ATTRIBUTE = re.compile(r"\s(?:(id|name)|markdown)\s*=", re.IGNORECASE)
"""An attribute MkDocs reads (``id``, ``name``) or Markdown obeys (``markdown``): one search
finds both (they never overlap)."""
_ANGLE_IN_VALUE = re.compile(r'="[^"]*[<>]')
_TAG = re.compile(r"<([a-z][a-z0-9]*)(\s[^<>]*)>", re.IGNORECASE)
_ID = re.compile(r'\s(id|name)="([^"]*)"')
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS) - {"pre", "script", "style", "textarea"}
"""Markdown's block-level elements, but those whose contents are kept character for character
(``pre``) or read as text (``script``, ``style``, ``textarea``): left to Markdown."""


@dataclass
class Lifted:
    """A page's lifted blocks, by number, and the placeholders that stand for them."""

    markdown: str = ""
    """The page's Markdown as it was (MkDocs keeps it as ``page.markdown``)."""
    nonce: str = field(default_factory=lambda: secrets.token_hex(8))
    blocks: list[str] = field(default_factory=list)

    def placeholder(self, number: int) -> str:
        # Letters and digits only: no Markdown syntax, so the paragraph stays as written; the
        # nonce makes it unguessable for a page's own text.
        return f"LSRAW{self.nonce}N{number}E"

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(f"<p>LSRAW{self.nonce}N([0-9]+)E</p>")


def _liftable(chunk: str) -> bool:
    start = _BLOCK_START.match(chunk)
    if start is None or start.group(1) not in _BLOCK_LEVEL:
        return False
    tag = start.group(1)
    return (
        chunk.endswith(f"</{tag}>")
        and _closes_at_end(chunk, tag)
        and _SPECIAL.search(chunk) is None
        and _ANGLE_IN_VALUE.search(chunk) is None
        and all(
            m.group(1) is not None and chunk[m.start() : m.end() + 1] in (' id="', ' name="')
            for m in _ATTRIBUTE.finditer(chunk)
        )
    )


def _closes_at_end(chunk: str, tag: str) -> bool:
    """Whether the element that starts ``chunk`` ends only with its last tag: the elements of
    that name inside it (a bilingual row's cells) each closed within it, none left open."""
    depth = 0
    for match in re.finditer(f"<(/?){tag}[ >]", chunk):
        depth += -1 if match.group(1) else 1
        if depth <= 0:
            return match.end() == len(chunk)
    return False


def anchor_ids(lifted: Lifted) -> set[str]:
    """The anchors of the lifted blocks as MkDocs reads them from raw HTML: every ``id``, and
    the ``name`` of an ``a``; character references decoded."""
    return {
        html.unescape(value)
        for block in lifted.blocks
        for tag, attributes in _TAG.findall(block)
        for attribute, value in _ID.findall(attributes)
        if attribute == "id" or tag.lower() == "a"
    }


def lift(markdown: str) -> tuple[str, Lifted]:
    """``markdown`` with each liftable HTML block replaced by a placeholder paragraph."""
    lifted = Lifted(markdown)
    chunks = markdown.split("\n\n")
    for index, chunk in enumerate(chunks):
        if _liftable(chunk):
            chunks[index] = lifted.placeholder(len(lifted.blocks))
            lifted.blocks.append(chunk)
        elif _left_open(chunk):
            break  # Markdown reads on as raw HTML, past the blank lines: nothing more is lifted
    return "\n\n".join(chunks), lifted


def _left_open(chunk: str) -> bool:
    """Whether ``chunk`` starts an HTML block that it does not close."""
    start = _BLOCK_START.match(chunk)
    if start is None:
        return False
    tag = start.group(1)
    return len(re.findall(f"<{tag}[ >]", chunk)) > chunk.count(f"</{tag}>")


def restore(html: str, lifted: Lifted) -> str:
    """The converted page with each placeholder paragraph replaced by its block."""
    if not lifted.blocks:
        return html
    blocks = lifted.blocks

    def block(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(blocks):
            return match.group(0)
        # Markdown keeps the line break after a raw block (a blank line follows it) with the
        # block, and strips the end of the page.
        return blocks[number] + ("\n" if match.end() < len(html) else "")

    return lifted.pattern.sub(block, html)
