"""Markdown, plain text and Word .docx read into :mod:`legalsite.sources.importing.tree` blocks.

Each reader bounds what it reads (size, nesting, a .docx's unpacked size) and refuses the
characters no text of the site may hold, naming where they are; the text it keeps is in
Unicode normal form C, in the inline subset of the clauses (``*``, ``[`` and ``]`` of the words
escaped, emphasis and links kept as ``*...*`` and ``[...](...)``).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalsite.model.characters import Kind, fix, refusal
from legalsite.model.errors import LegalsiteError, Problem
from legalsite.model.escape import inline_plain
from legalsite.model.numbering import chinese_numeral, roman_numeral
from legalsite.sources.importing import numbering
from legalsite.sources.importing.tree import (
    BULLETS,
    MAX_BLOCKS,
    MAX_DEPTH,
    MAX_SOURCE_BYTES,
    Block,
    Heading,
    Item,
    Note,
    Para,
    Source,
    TableBlock,
    Verbatim,
)

if TYPE_CHECKING:
    from markdown_it.token import Token

# python-docx and markdown-it are imported where a source is read (`legalsite import` only):
# every other command, `legalsite build` above all, would pay for loading them for nothing.

FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".docx": "docx"}
"""The formats read, by file suffix."""

MAX_DOCX_BYTES = 20_000_000
"""The largest .docx read (packed), and the most its parts may unpack to (``word/document.xml``
and the rest, as the zip's directory states and as they are read)."""
MAX_DOCX_RATIO = 100
"""A part unpacking to more than this many times its packed size is refused (a zip bomb)."""

_REFUSED_KINDS = frozenset(
    {Kind.CONTROL, Kind.BIDI, Kind.NONCHARACTER, Kind.SURROGATE, Kind.PRIVATE_USE, Kind.UNASSIGNED}
)


def read_source(path: Path, name: str) -> Source:
    """Read ``path`` (its format by its suffix); ``name`` is how messages name it."""
    if path.is_dir():
        raise LegalsiteError(f"{name}: a folder, not a file", hint="give the document's file")
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise LegalsiteError(
            f"{name}: not a format import reads",
            hint="give a Markdown (.md), plain-text (.txt) or Word (.docx) file",
        )
    if path.exists() and not path.is_file():
        raise LegalsiteError(f"{name}: not a regular file", hint="give the document's file")
    if not path.is_file():
        raise LegalsiteError(f"{name}: no such file")
    size = path.stat().st_size
    limit = MAX_DOCX_BYTES if kind == "docx" else MAX_SOURCE_BYTES
    if size > limit:
        raise LegalsiteError(
            f"{name}: the file is {size:,} bytes, over the {limit:,} import reads",
            hint="a legal document is far smaller: is it the right file?",
        )
    if kind == "docx":
        return read_docx(path, name)
    text = decode(path.read_bytes(), name)
    return read_markdown(text, name) if kind == "markdown" else read_plain(text, name)


def decode(raw: bytes, name: str) -> str:
    """The text of a Markdown or plain-text file: UTF-8 (a byte-order mark dropped), its line
    ends made ``\\n``; refused with the place of a byte that is not UTF-8 or of a character no
    text may hold."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LegalsiteError(
            f"{name}:{line}: byte {raw[exc.start]:#04x} is not UTF-8",
            hint="save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    text = re.sub("[\r\x85\u2028\u2029]", "\n", text)
    check_characters(text, name)
    return text


def check_characters(text: str, name: str, lines: list[int] | None = None) -> None:
    """Refuse, naming each (at most 20), the characters no text of the site may hold and no
    rewrite decides: controls, direction changers, non-characters, private-use and unassigned
    code points. ``lines`` gives each line's number when it is not its place (Word)."""
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), 1):
        for col, char in enumerate(line, 1):
            if char == "\t":
                continue
            found = refusal(char)
            if found is not None and found.kind in _REFUSED_KINDS:
                at = lines[number - 1] if lines else number
                problems.append(Problem(name, at, None if lines else col, found.message))
                if len(problems) == 20:
                    break
    if problems:
        raise LegalsiteError(
            f"{name}: characters no text of the site may hold: nothing was written",
            problems=problems,
            hint="delete them from the source (they are invisible in most editors), then import "
            "again",
        )


def clean(text: str, *, zh: bool = False) -> str:
    """Text as the site keeps it: NFC, space-like characters made spaces and invisible ones
    removed (what ``legalsite format`` does), line breaks spaces, runs of spaces one, no space
    at the ends."""
    fixed = fix(unicodedata.normalize("NFC", text), ideographic_space=zh)
    fixed = re.sub("[\n\r\x85\u2028\u2029]", " ", fixed)
    return re.sub(r" {2,}", " ", fixed).strip()


def escape_text(text: str) -> str:
    """Words as clause text: the inline subset's marks written as literals."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines as one paragraph: Chinese lines join without a space, others with one;
    a word hyphenated at a line's end joins without one (``socio-`` + ``economic``)."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _CJK.match(out[-1]) or _CJK.match(line[0]) or _hyphenated(out, line):
            out += line
        else:
            out += " " + line
    return out


def _hyphenated(before: str, line: str) -> bool:
    return before.endswith("-") and before[-2:-1].isalpha() and line[0].isalpha()


# -- Markdown --------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A(\+\+\+|---)\n.*?\n\1\n", re.DOTALL)
_VERSION = re.compile(r"^version\s*[=:]\s*[\"']?([^\"'\n]{1,40})[\"']?\s*$", re.MULTILINE)


def read_markdown(text: str, name: str) -> Source:
    """CommonMark (markdown-it) with pipe tables: headings, paragraphs, lists (nested), code
    blocks, tables; a leading front matter (``---`` or ``+++``) is left out. Raw HTML is left
    out, with a note."""
    skipped = 0
    version = None
    front = _FRONT_MATTER.match(text)
    if front:
        skipped = front.group(0).count("\n")
        label = _VERSION.search(front.group(0))
        version = clean(label.group(1)) if label else None
        text = text[front.end() :]
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_DEPTH * 2 + 4}).enable("table")
    tokens = parser.parse(text)
    reader = _MarkdownReader(name, skipped)
    reader.read(tokens)
    return Source(name, tuple(reader.blocks), tuple(reader.notes), version or None)


@dataclass
class _MarkdownReader:
    name: str
    offset: int
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def line(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + 1 + self.offset

    def add(self, block: Block) -> None:
        if len(self.blocks) >= MAX_BLOCKS:
            raise LegalsiteError(
                f"{self.name}: more than {MAX_BLOCKS} blocks",
                hint="import reads a document, not a collection of them",
            )
        self.blocks.append(block)

    def read(self, tokens: list[Token]) -> None:
        lists: list[tuple[str, int]] = []  # the open lists: (bullet or ordered, next number)
        item: tuple[str, int] | None = None  # an open item's marker and line, before its text
        for index, token in enumerate(tokens):
            kind = token.type
            if token.nesting == 1 and token.level > MAX_DEPTH * 2 + 2:
                raise LegalsiteError(
                    f"{self.name}:{self.line(token)}: nested more than {MAX_DEPTH} levels deep",
                    hint="a legal document's lists and quotes nest a few levels deep at most",
                )
            if kind in ("bullet_list_open", "ordered_list_open"):
                if len(lists) >= MAX_DEPTH:
                    raise LegalsiteError(
                        f"{self.name}:{self.line(token)}: lists nested more than {MAX_DEPTH} "
                        "levels deep",
                        hint="a legal document's lists nest three levels deep at most",
                    )
                lists.append((kind, 0))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                marker = token.markup if not token.info else token.info + token.markup
                if item is not None:  # an item whose first block is a list
                    self.add(Item(item[0], len(lists) - 2, "", item[1]))
                item = (marker, self.line(token))
            elif kind == "heading_open":
                inline = tokens[index + 1]
                words = clean(_plain_words(inline))
                number, title = _split_number(words)
                self.add(Heading(int(token.tag[1:]), number, title, self.line(token)))
            elif kind == "table_open":
                self.add(self.table(tokens, index))
            elif (
                kind == "inline"
                and token.level > 0
                and tokens[index - 1].type in ("th_open", "td_open")
            ):
                continue
            elif kind == "paragraph_open":
                inline = tokens[index + 1]
                body = clean(_inline_markup(inline.children or [], self.note_at(token)))
                heading = _bold_heading(inline.children or [])
                if item is not None:
                    self.add(Item(item[0], len(lists) - 1, body, item[1]))
                    item = None
                elif heading is not None and not lists:
                    number, title = _split_number(heading)
                    self.add(Heading(BOLD_HEADING_LEVEL, number, title, self.line(token)))
                else:
                    self.add(Para(body, self.line(token)))
            elif kind in ("fence", "code_block"):
                self.add(Verbatim(token.content.rstrip("\n"), self.line(token)))
            elif kind == "html_block":
                self.notes.append(Note(self.line(token), "raw HTML left out"))
            elif kind == "hr":
                continue

    def table(self, tokens: list[Token], start: int) -> TableBlock:
        """The table starting at ``tokens[start]``: its header's words, its rows' cells."""
        rows: list[list[str]] = []
        header: list[str] = []
        note = self.note_at(tokens[start])
        for token in tokens[start + 1 :]:
            if token.type == "table_close":
                break
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                rows[-1].append(clean(_inline_markup(token.children or [], note)))
            elif token.type == "thead_close":
                header = [clean(_plain_of_markup(cell)) for cell in rows.pop()]
        return TableBlock(
            tuple(header), tuple(tuple(row) for row in rows), self.line(tokens[start])
        )

    def note_at(self, token: Token) -> Any:
        line = self.line(token)

        def note(message: str) -> None:
            if Note(line, message) not in self.notes[-3:]:
                self.notes.append(Note(line, message))

        return note


BOLD_HEADING_LEVEL = 7
"""The level of a paragraph that is one bold (or emphasised) run starting with a number
(``**Section 1 – Definitions.**``): a heading written as a paragraph, below every real one."""


def _bold_heading(children: list[Token]) -> str | None:
    """A paragraph's words when they are all one ``**...**`` or ``*...*`` run that starts with a
    section number, else None."""
    children = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type not in ("strong_open", "em_open"):
        return None
    closing = children[0].type.replace("open", "close")
    if children[-1].type != closing or any(c.type == closing for c in children[1:-1]):
        return None
    words = "".join(c.content for c in children[1:-1] if c.type in ("text", "code_inline"))
    found = numbering.candidates(clean(words))
    return clean(words) if found and found[0].rest else None


def _plain_of_markup(text: str) -> str:
    """Clause text's words, for a table's header (plain text)."""
    return inline_plain(text)


def _plain_words(inline: Token) -> str:
    out = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return join_lines("".join(out).split("\n"))


def _inline_markup(children: list[Token], note: Any) -> str:
    """A paragraph's inline tokens as clause text: words escaped, ``*``/``**`` emphasis,
    ``[text](href)`` links; soft and hard line breaks joined as :func:`join_lines` does."""
    pieces: list[str] = []
    hrefs: list[str] = []
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline":
            pieces.append(escape_text(child.content))
        elif kind in ("softbreak", "hardbreak"):
            pieces.append("\n")
        elif kind in ("em_open", "em_close"):
            pieces.append("*")
        elif kind in ("strong_open", "strong_close"):
            pieces.append("**")
        elif kind == "link_open":
            pieces.append("[")
            hrefs.append(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            pieces.append(f"]({hrefs.pop() if hrefs else ''})")
        elif kind == "html_inline":
            note("inline HTML left out (its words kept)")
        elif kind == "image":
            note("an image left out")
    return join_lines("".join(pieces).split("\n"))


def _split_number(words: str) -> tuple[str | None, str]:
    """A heading's leading number and its title (``1. Correction`` → ``1.``, ``Correction``)."""
    found = numbering.candidates(words)
    if found and found[0].rest.strip():
        return _numbered(found[0]), found[0].rest.strip()
    return None, words


def _numbered(reading: numbering.Reading) -> str:
    """A heading's number as written, with the dash or colon after it (``Section 1 –``)."""
    return f"{reading.marker} {reading.mark}" if reading.mark else reading.marker


# -- Plain text ------------------------------------------------------------------------------

_INDENT = re.compile(r"[ \t\u3000]*")
_BULLET_LINE = re.compile(r"([-*+•·◦▪●○■])[ \t]+(?=\S)")
MAX_HEADING_CHARS = 80
"""A plain-text line longer than this is never a heading."""


def read_plain(text: str, name: str) -> Source:
    """Plain text: blocks separated by blank lines, hard-wrapped lines joined
    (:func:`join_lines`). A line that starts with a number (:mod:`numbering`) or a bullet starts a
    new block; a numbered block that is one short line with no sentence end is a heading (its
    level by the order in which number styles first appear, an outline number's by its depth);
    other numbered blocks are items, nested by indentation. The document's first block, one line
    without a number, is its title. An indented block (four spaces or more) between blank lines,
    after a line ending with a colon, is kept verbatim."""
    lines = text.split("\n")
    chunks = list(_chunks(lines))
    if len(chunks) > MAX_BLOCKS:
        raise LegalsiteError(
            f"{name}: more than {MAX_BLOCKS} blocks",
            hint="import reads a document, not a collection of them",
        )
    blocks: list[Block] = []
    heading_styles: list[str] = []
    indents: list[int] = []
    for start, indent, chunk, verbatim, joined in chunks:
        if verbatim:
            blocks.append(Verbatim("\n".join(_dedent(chunk)), start))
            continue
        first = chunk[0].strip()
        found = numbering.candidates(first)
        bullet = _BULLET_LINE.match(first)
        if bullet:
            depth = _depth(indents, indent)
            body = join_lines([first[bullet.end() :], *chunk[1:]])
            blocks.append(Item(bullet.group(1), depth, escape_text(clean(body)), start))
        elif found and not joined and _is_heading(first, found[0], len(chunk)):
            known = [r for r in found if r.style in heading_styles]
            reading = known[0] if known else found[0]
            if reading.style in numbering.ANNEX_STYLES:  # an annex is at the top, after all
                blocks.append(Heading(1, _numbered(reading), clean(reading.rest), start))
                indents = []
                continue
            key = f"{reading.style}:{reading.depth}" if reading.style == numbering.OUTLINE else None
            style = key or reading.style
            if style not in heading_styles:
                heading_styles.append(style)
            level = heading_styles.index(style) + 1
            if reading.style == numbering.OUTLINE:
                level = reading.depth
            blocks.append(Heading(level, _numbered(reading), clean(reading.rest), start))
            indents = []
        elif found:
            depth = _depth(indents, indent)
            body = join_lines([found[0].rest, *chunk[1:]])
            blocks.append(Item(found[0].marker, depth, escape_text(clean(body)), start))
        elif not blocks and len(chunk) == 1 and len(first) <= MAX_HEADING_CHARS:
            blocks.append(Heading(0, None, clean(first), start))
        else:
            blocks.append(Para(escape_text(clean(join_lines(chunk))), start))
            indents = []
    return Source(name, tuple(blocks))


_ENDS_SENTENCE = ("。", "；", ";", "：", ":", ".", "!", "?", "！", "？")


def _chunks(lines: list[str]) -> Iterator[tuple[int, int, list[str], bool, bool]]:
    """(first line number, indentation, lines, verbatim, follows a block with no blank line
    between) of each block. A line with a bullet
    starts a block; so does one with a number after a line that ends a sentence, or in a block
    that starts with a number (a list written line after line): a hard-wrapped line that happens
    to begin with a number (``2.1 版``) goes on its paragraph."""
    chunk: list[str] = []
    start = 0
    previous = ""
    joined = False
    for number, line in enumerate([*lines, ""], 1):
        stripped = line.strip()
        starts_new = bool(chunk) and bool(
            _BULLET_LINE.match(stripped)
            or (
                numbering.candidates(stripped)
                and (
                    chunk[-1].rstrip().endswith(_ENDS_SENTENCE)
                    or numbering.candidates(chunk[0].strip())
                    or _BULLET_LINE.match(chunk[0].strip())
                )
            )
        )
        if not stripped or starts_new:
            if chunk:
                indent = len(_INDENT.match(chunk[0]).group(0))  # type: ignore[union-attr]
                verbatim = indent >= 4 and previous.rstrip().endswith((":", "："))
                yield start, indent, chunk, verbatim, joined
                if not verbatim:
                    previous = chunk[-1]
                chunk = []
            joined = bool(stripped)
            if not stripped:
                continue
        if not chunk:
            start = number
        chunk.append(line)


def _dedent(chunk: list[str]) -> list[str]:
    common = min(len(_INDENT.match(line).group(0)) for line in chunk if line.strip())  # type: ignore[union-attr]
    return [line[common:].rstrip() for line in chunk]


def _depth(indents: list[int], indent: int) -> int:
    """An item's nesting from its indentation against the open items'."""
    while indents and indents[-1] > indent:
        indents.pop()
    if not indents or indents[-1] < indent:
        indents.append(indent)
    return min(len(indents) - 1, MAX_DEPTH - 1)


def _is_heading(line: str, reading: numbering.Reading, lines: int) -> bool:
    rest = reading.rest.strip()
    return (
        lines == 1
        and 0 < len(line) <= MAX_HEADING_CHARS
        and not rest.endswith(("。", "；", ";", ",", "，", ":", "："))
        and not (rest.endswith(".") and len(rest.split()) > 8)
    )


# -- Word ------------------------------------------------------------------------------------

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def check_docx(path: Path, name: str) -> None:
    """Refuse a .docx that is no zip, or whose parts unpack to too much (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.file_size > MAX_DOCX_RATIO * max(info.compress_size, 1000):
                    raise LegalsiteError(
                        f"{name}: its part {info.filename} unpacks to {info.file_size:,} bytes "
                        f"from {info.compress_size:,}: refused as a zip bomb",
                        hint="save the document again from Word",
                    )
            if total > MAX_DOCX_BYTES:
                raise LegalsiteError(
                    f"{name}: its parts unpack to {total:,} bytes, over the {MAX_DOCX_BYTES:,} "
                    "import reads",
                    hint="a legal document is far smaller: is it the right file?",
                )
    except zipfile.BadZipFile:
        raise LegalsiteError(
            f"{name}: not a Word document (.docx is a zip file)",
            hint="save it from Word as a .docx",
        ) from None


def read_docx(path: Path, name: str) -> Source:
    """Word: paragraphs in the Title and Heading N styles are the title and headings; a
    paragraph with automatic numbering (its own or its style's) gets the number Word shows,
    computed from ``numbering.xml`` (each level's format, text and start, restarts); list
    paragraphs are items nested by their level. Lines are paragraph numbers (the first is 1).
    A table's first row is its header. A line break inside a paragraph is a space (but in a
    preformatted style, kept verbatim)."""
    check_docx(path, name)
    from_docx, tables = _docx_paragraphs(path, name)
    blocks: list[Block] = []
    notes: list[Note] = []
    pending = list(tables)
    for number, style, level, marker, words, verbatim in from_docx:
        while pending and pending[0].line <= number:
            _add_table(blocks, notes, pending.pop(0))
        if len(blocks) >= MAX_BLOCKS:
            raise LegalsiteError(f"{name}: more than {MAX_BLOCKS} blocks")
        if not words.strip():
            continue
        if not verbatim:
            words = words.replace("\n", " ")
        heading = re.fullmatch(r"(?:Heading|标题) ?([1-9])", style)
        if style == "Title":
            blocks.append(Heading(0, None, clean(words), number))
        elif heading:
            found = _split_number(clean(words)) if marker is None else (marker, clean(words))
            blocks.append(Heading(int(heading.group(1)), found[0], found[1], number))
        elif verbatim:
            blocks.append(Verbatim(words, number))
        elif marker is not None or style.startswith("List"):
            bullet = marker is None or marker in BULLETS
            blocks.append(
                Item(
                    marker if marker and not bullet else "•",
                    level,
                    escape_text(clean(words)),
                    number,
                )
            )
        else:
            blocks.append(Para(escape_text(clean(words)), number))
    for table in pending:
        _add_table(blocks, notes, table)
    return Source(name, tuple(blocks), tuple(notes))


def _add_table(blocks: list[Block], notes: list[Note], table: TableBlock) -> None:
    if any(table.header) or any(any(row) for row in table.rows):
        blocks.append(table)
    else:
        notes.append(Note(table.line, "an empty table left out"))


def _docx_paragraphs(
    path: Path, name: str
) -> tuple[list[tuple[int, str, int, str | None, str, bool]], list[TableBlock]]:
    """:func:`_read_paragraphs`, a document python-docx cannot read refused with a message (a
    damaged zip too: a part whose bytes do not unpack, or unpack to another size or checksum
    than the zip declares, as a zip bomb that lies about its size does)."""
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return _read_paragraphs(path, name)
    except (
        KeyError,
        ValueError,
        AttributeError,
        SyntaxError,
        PackageNotFoundError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
    ) as exc:
        raise LegalsiteError(
            f"{name}: not a Word document python-docx can read ({type(exc).__name__}: "
            f"{str(exc)[:120]})",
            hint="open it in Word and save it again as a .docx",
        ) from None


def _read_paragraphs(
    path: Path, name: str
) -> tuple[list[tuple[int, str, int, str | None, str, bool]], list[TableBlock]]:
    """(number, style name, list level, number as Word shows it, words, verbatim) of each
    paragraph of the body, in order; and each table, its line the paragraph after it (its
    first row is its header)."""
    import docx
    import docx.text.paragraph

    document = docx.Document(str(path))
    counters = _Counters(document)
    out = []
    texts: list[tuple[int, str]] = []
    tables = []
    number = 0
    for paragraph in document.iter_inner_content():
        if not isinstance(paragraph, docx.text.paragraph.Paragraph):
            raw = [[cell.text.replace("\n", " ") for cell in row.cells] for row in paragraph.rows]
            texts.extend((number + 1, cell) for row in raw for cell in row)
            cells = [[clean(cell) for cell in row] for row in raw]
            if cells:
                tables.append(
                    TableBlock(
                        tuple(cells[0]),
                        tuple(tuple(escape_text(c) for c in row) for row in cells[1:]),
                        number + 1,
                    )
                )
            continue
        number += 1
        style = paragraph.style.name if paragraph.style is not None else ""
        num_id, level = _numbering_of(paragraph)
        marker = counters.next(num_id, level) if num_id else None
        level = min(max(level, 0), MAX_DEPTH - 1)
        words = paragraph.text
        texts.append((number, words.replace("\n", " ")))
        verbatim = style in ("HTML Preformatted", "Plain Text", "Macro Text")
        out.append((number, style, level, marker, words, verbatim))
    check_characters("\n".join(t for _, t in texts), name, [line for line, _ in texts])
    return out, tables


def _numbering_of(paragraph: Any) -> tuple[int | None, int]:
    """The numbering (numId, Word's level) of a paragraph: its own ``w:numPr``, else its
    style's."""
    for holder in (paragraph._p.pPr, *_style_chain(paragraph.style)):
        if holder is None:
            continue
        num_pr = holder.find(f"{{{WORD_NS}}}numPr")
        if num_pr is None:
            continue
        num = num_pr.find(f"{{{WORD_NS}}}numId")
        lvl = num_pr.find(f"{{{WORD_NS}}}ilvl")
        num_id = int(num.get(f"{{{WORD_NS}}}val")) if num is not None else None
        level = int(lvl.get(f"{{{WORD_NS}}}val")) if lvl is not None else 0
        return (num_id or None), level
    return None, 0


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 10:
        yield style.element.pPr
        style = style.base_style
        seen += 1


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_WORD_FORMATS: dict[str, Any] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": numbering.letter,
    "upperLetter": lambda n: numbering.letter(n).upper(),
    "lowerRoman": lambda n: roman_numeral(n).lower(),
    "upperRoman": roman_numeral,
    "chineseCounting": chinese_numeral,
    "chineseCountingThousand": chinese_numeral,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "decimalFullWidth": lambda n: str(n).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
}


WORD_LEVELS = 9
"""The levels of a Word numbering (``w:ilvl`` 0 to 8; Word writes all nine in each, and a level's
text may show any of them, ``%1`` to ``%9``): counted all, whatever depth import then keeps."""


class _Counters:
    """Word's automatic numbers: per abstract numbering, a counter per level; a level counts on
    from its ``w:start`` and restarts when a higher level moves on."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[int, dict[int, tuple[str, str, int]]] = {}
        self.abstract_of: dict[int, int] = {}
        self.counts: dict[int, list[int | None]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError):
            return
        root = part.element
        w = f"{{{WORD_NS}}}"
        for abstract in root.findall(f"{w}abstractNum"):
            key = int(abstract.get(f"{w}abstractNumId"))
            levels = {}
            for lvl in abstract.findall(f"{w}lvl"):
                ilvl = int(lvl.get(f"{w}ilvl"))
                fmt = lvl.find(f"{w}numFmt")
                text = lvl.find(f"{w}lvlText")
                start = lvl.find(f"{w}start")
                levels[ilvl] = (
                    fmt.get(f"{w}val") if fmt is not None else "decimal",
                    text.get(f"{w}val") if text is not None else "",
                    int(start.get(f"{w}val")) if start is not None else 1,
                )
            self.levels[key] = levels
        for num in root.findall(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            if ref is not None:
                self.abstract_of[int(num.get(f"{w}numId"))] = int(ref.get(f"{w}val"))

    def next(self, num_id: int, level: int) -> str | None:
        abstract = self.abstract_of.get(num_id)
        if abstract is None or level not in self.levels.get(abstract, {}):
            return None
        if not 0 <= level < WORD_LEVELS:
            return None
        levels = self.levels[abstract]
        counts = self.counts.setdefault(abstract, [None] * WORD_LEVELS)
        fmt, template, start = levels[level]
        current = counts[level]
        counts[level] = start if current is None else current + 1
        for deeper in range(level + 1, WORD_LEVELS):
            counts[deeper] = None
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return None

        def value(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            lfmt, _, lstart = levels.get(at, ("decimal", "", 1))
            count = counts[at]
            n = lstart if count is None else count
            render = _WORD_FORMATS.get(lfmt, str)
            return str(render(n)) if n > 0 else "0"

        return re.sub(r"%([1-9])", value, template)
