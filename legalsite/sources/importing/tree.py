"""What a reader makes of a source document, whatever its format: a flat run of blocks, each
with the line (or Word paragraph) it starts at, in reading order.

Headings carry their level, items their depth, both the number as the source wrote it: the
structure is rebuilt from these by :mod:`legalsite.sources.importing.shape`, the same way for
Markdown, plain text and Word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MAX_DEPTH = 6
"""The deepest heading level or list nesting a source may have (Word and HTML have 6
heading levels; a legal document nests lists three deep)."""

MAX_BLOCKS = 20_000
"""The most blocks a source may have (a long statute has a few thousand)."""

MAX_SOURCE_BYTES = 2_000_000
"""The largest Markdown or plain-text source read (the longest licences are under 100 kB)."""


@dataclass(frozen=True)
class Heading:
    level: int
    """1 for the document's top level (a Markdown ``#``, Word's Heading 1)."""
    number: str | None
    """The number as written before the title (``第一条``, ``1.``), None when unnumbered."""
    title: str
    line: int
    kind: Literal["heading"] = "heading"


@dataclass(frozen=True)
class Para:
    text: str
    line: int
    number: str | None = None
    """A numbered paragraph's number (plain text and Word's numbered body paragraphs)."""
    kind: Literal["para"] = "para"


@dataclass(frozen=True)
class Item:
    marker: str
    """``1.``, ``a)``, ``（一）`` as written; ``-``, ``*`` or ``•`` for a bullet."""
    depth: int
    """0 for a top-level list's items, 1 for a list inside an item..."""
    text: str
    line: int
    kind: Literal["item"] = "item"

    @property
    def bulleted(self) -> bool:
        return self.marker in BULLETS


BULLETS = frozenset({"-", "*", "+", "•", "·", "◦", "▪", "–", "‧", "●", "○", "■"})


@dataclass(frozen=True)
class Verbatim:
    """Preformatted text: its line breaks and indentation are content."""

    text: str
    line: int
    kind: Literal["verbatim"] = "verbatim"


@dataclass(frozen=True)
class TableBlock:
    """A table: its header row's words and each row's cells (clause text)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int
    kind: Literal["table"] = "table"


Block = Heading | Para | Item | Verbatim | TableBlock


@dataclass(frozen=True)
class Note:
    """Something a reader skipped or could not read as it stands, at a line of its source."""

    line: int
    message: str


@dataclass(frozen=True)
class Source:
    """One language's document as read: its blocks and what the reader had to leave out."""

    name: str
    """The file as the report names it."""
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    version: str | None = None
    """The version label the source states (a Markdown front matter's ``version``)."""
