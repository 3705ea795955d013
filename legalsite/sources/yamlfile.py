"""Reading the editors' YAML safely, keeping where every value came from.

PyYAML alone is not enough for legal text: it silently keeps the last of two duplicate keys (so
a clause can vanish), expands aliases (a way to blow up memory), turns ``no`` into ``False`` and
reports problems one at a time. This module reads a file into plain ``dict`` / ``list`` / ``str``
values (every scalar stays a string) that remember their line and column, and returns *every*
problem it finds instead of stopping at the first.

Every key and value is checked *as parsed* (after escapes such as ``"\\u202E"``) against
:mod:`legalsite.model.characters`, and the problem is placed where the character, or its escape,
stands in the file. Size (:data:`MAX_FILE_SIZE`), nesting (:data:`MAX_DEPTH`) and the number of
keys and values (:data:`MAX_NODES`) are checked before anything recursive or per value runs, so
any file is answered quickly. A line break that only YAML sees (:func:`hidden_line_breaks`) is
refused wherever it stands: it would make the YAML that is read differ from the lines a reviewer
sees.
"""

from __future__ import annotations

import bisect
import collections
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from legalsite.model import characters
from legalsite.model.characters import LINE_BREAKS, character_name, printable
from legalsite.model.errors import Problem

MAX_FILE_SIZE = 1_000_000
"""The largest YAML file read, in bytes (1 MB; the whole agreement is about 30 kB)."""

MAX_DEPTH = 20
"""How deep mappings and lists may nest (an agreement needs 9 levels: a table's cells)."""

MAX_NODES = 50_000
"""How many keys, values and lists a file may hold (the 30 kB agreement holds about 600)."""

MAX_PROBLEMS = 100
"""Problems reported per file and checker; the rest are counted, not listed."""

LINK_MESSAGE = "symbolic link in agreements/"
LINK_HINT = (
    "documents, versions and their files must be real folders and files (what a link points "
    "to is not what the pull request shows, and may lie outside the project): replace the link "
    "with a copy"
)

__all__ = ["character_name"]


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a source file."""

    line: int
    col: int


class YamlMap(dict[str, Any]):
    """A mapping read from YAML that knows where it and each of its keys and values stand."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]

    def mark_of(self, key: str) -> Mark:
        """Where the value of ``key`` stands (or the mapping itself when the key is absent)."""
        return self.value_marks.get(key, self.mark)


class YamlList(list[Any]):
    """A sequence read from YAML that knows where it and each of its items stand."""

    mark: Mark
    item_marks: list[Mark]

    def mark_of(self, index: int) -> Mark:
        return self.item_marks[index] if 0 <= index < len(self.item_marks) else self.mark


def mark_at(node: Any, path: tuple[Any, ...]) -> Mark | None:
    """The position of the value reached from ``node`` by ``path`` (keys and indices)."""
    mark = getattr(node, "mark", None)
    for step in path:
        if isinstance(node, YamlMap) and isinstance(step, str):
            if step not in node:
                return node.key_marks.get(step, node.mark)
            mark = node.mark_of(step)
            node = node[step]
        elif isinstance(node, YamlList) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.mark_of(step)
            node = node[step]
        else:
            break
    return mark


class FileProblems:
    """The problems found in one file, each at its position when known (the readers and
    checkers of YAML files collect them, and the run stops once with all of them).

    Every message and hint is made printable (an editor's string quoted in a message cannot
    reach the terminal as a control character), and at most :data:`MAX_PROBLEMS` are kept.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    @property
    def full(self) -> bool:
        """Whether no more problems are kept (loops may stop looking)."""
        return len(self.problems) > MAX_PROBLEMS

    def problem(self, mark: Mark | None, message: str, hint: str | None = None) -> None:
        if len(self.problems) > MAX_PROBLEMS:
            return
        if len(self.problems) == MAX_PROBLEMS:
            self.problems.append(
                Problem(
                    self.display,
                    None,
                    None,
                    f"more than {MAX_PROBLEMS} problems in this file; the first {MAX_PROBLEMS} "
                    "are shown",
                    "fix these and run legalsite validate again",
                )
            )
            return
        line, col = (mark.line, mark.col) if mark else (None, None)
        shown_hint = printable(hint) if hint is not None else None
        self.problems.append(Problem(self.display, line, col, printable(message), shown_hint))


class LineIndex:
    """Index → 1-based line and column in a text (lines end with ``\n``). The line starts are
    found on the first :meth:`mark`: a file without a problem never needs them."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(self._text)]
        return self._starts

    def mark(self, index: int) -> Mark:
        starts = self.starts
        line = bisect.bisect_right(starts, index) - 1
        return Mark(line + 1, index - starts[line] + 1)


_NEWLINE = re.compile("\n")


Scalar = yaml.ScalarNode | yaml.ScalarEvent
"""A scalar as the composer or the parser gives it: value, style and where it stands."""


@dataclass(frozen=True)
class CharacterProblem:
    """A refused character of one scalar's value, at its first place in the file."""

    mark: Mark
    refusal: characters.Refusal
    count: int
    escape: str | None
    key: bool
    outside: str | None = None
    """Where it stands when not in a key or value: ``in a comment`` or ``outside any text``
    (:func:`hidden_outside_values`); its count is then per line."""

    @property
    def message(self) -> str:
        notes = ["in a key"] if self.key else []
        if self.outside:
            notes.append(self.outside)
        if self.escape:
            notes.append(f"written as {self.escape}")
        if self.count > 1:
            notes.append(f"{self.count} times {'on this line' if self.outside else 'in this text'}")
        return self.refusal.message + (f" ({'; '.join(notes)})" if notes else "")


VERBATIM_KEY = "verbatim"
"""The key of a verbatim block's text (:class:`legalsite.model.document.Verbatim`): the one
value whose line breaks (LF, as YAML reads a ``|`` block) are content, not refused."""


def character_problems(
    text: str,
    scalar: Scalar,
    *,
    key: bool,
    ideographic_space: bool,
    lines: LineIndex,
    newlines: bool = False,
) -> list[CharacterProblem]:
    """The characters of a scalar's parsed value (after YAML's escapes) that an editor's string
    may not hold: each one once per value, where it (or its escape) first stands in ``text``,
    or at the scalar when it cannot be pointed at (a line break). ``newlines``: the value is a
    verbatim text, whose LF line breaks are allowed (every other character rule holds)."""
    value = str(scalar.value)
    if _acceptable(value.replace("\n", " ") if newlines else value, ideographic_space):
        return []
    found = [
        characters.Refusal(r.char, characters.Kind.VERBATIM_LINE_BREAK)
        if newlines and r.kind is characters.Kind.LINE_BREAK
        else r
        for _, r in characters.refusals(value, ideographic_space=ideographic_space)
        if not (newlines and r.char == "\n")
    ]
    if not found:
        return _unnormalized_problem(text, scalar, value, key=key, lines=lines)
    located = _locate(text, scalar, [r.char for r in found if r.char not in LINE_BREAKS])
    start = scalar.start_mark
    at_scalar = Mark(start.line + 1, start.column + 1) if start else Mark(1, 1)
    counts: dict[str, int] = {}
    for refused in found:
        counts[refused.char] = counts.get(refused.char, 0) + 1
    problems: dict[str, CharacterProblem] = {}
    for refused in found:
        if refused.char not in problems:
            raw = located.get(refused.char)
            problems[refused.char] = CharacterProblem(
                lines.mark(raw.start) if raw else at_scalar,
                refused,
                counts[refused.char],
                raw.escape if raw else None,
                key,
            )
    return list(problems.values())


@functools.lru_cache(maxsize=1 << 16)
def _acceptable(value: str, ideographic_space: bool) -> bool:
    """Whether a value holds no refused character and is in normal form C: the common case,
    remembered per value (the versions of an agreement repeat most of their strings)."""
    return characters.is_allowed(
        value, ideographic_space=ideographic_space
    ) and not characters.unnormalized_runs(value)


def _unnormalized_problem(
    text: str, scalar: Scalar, value: str, *, key: bool, lines: LineIndex
) -> list[CharacterProblem]:
    """The first run of ``value`` that is not in Unicode normal form C (counting the others),
    where its first character stands in ``text``; checked once the value holds no refused
    character (removing one may make a run, e.g. a zero-width space before a combining mark)."""
    runs = characters.unnormalized_runs(value)
    if not runs:
        return []
    start, end = runs[0]
    first = value[start]
    raw = None
    if scalar.start_mark is not None and scalar.end_mark is not None:
        found = raw_characters(
            text,
            scalar.start_mark.index,
            scalar.end_mark.index,
            scalar.style,
            lambda char: char == first,
        )
        occurrence = value.count(first, 0, start)
        raw = found[occurrence] if occurrence < len(found) else None
    mark = scalar.start_mark
    at = lines.mark(raw.start) if raw else Mark(mark.line + 1, mark.column + 1) if mark else None
    refusal = characters.Refusal(value[start:end], characters.Kind.UNNORMALIZED)
    return [CharacterProblem(at or Mark(1, 1), refusal, len(runs), None, key)]


def _locate(text: str, scalar: Scalar, chars: list[str]) -> dict[str, RawCharacter]:
    """Where each refused character of the value first stands in the file (its escape in a
    double-quoted scalar), matched in order; characters not found are left out."""
    if scalar.start_mark is None or scalar.end_mark is None:
        return {}
    start, end = scalar.start_mark.index, scalar.end_mark.index
    if not 0 <= start <= end <= len(text):
        return {}
    wanted = set(chars)
    raw = raw_characters(text, start, end, scalar.style, wanted.__contains__)
    located: dict[str, RawCharacter] = {}
    position = 0
    for char in chars:
        while position < len(raw) and raw[position].char != char:
            position += 1
        if position == len(raw):
            break
        located.setdefault(char, raw[position])
        position += 1
    return located


def hidden_outside_values(
    text: str, scalars: Iterable[Scalar], *, start: int = 0
) -> list[tuple[int, characters.Refusal]]:
    """Every character of ``text[start:]`` that shows as nothing or reorders what shows
    (:data:`legalsite.model.characters.HIDDEN`) and stands outside every key and value of the
    file (``scalars``: all of them; none when the file does not parse): in a comment, a block
    scalar's header... with its index. The ones in a key or value are
    :func:`character_problems`' (after YAML's escapes); the controls YAML cannot read are
    refused before parsing (``_characters_ok``)."""
    found = [
        (index + start, refused)
        for index, refused in characters.hidden_characters(text[start:])
        if not yaml.reader.Reader.NON_PRINTABLE.match(refused.char)
    ]
    if not found:
        return []
    spans = _spans(scalars)
    starts = [span[0] for span in spans]
    in_values: dict[int, set[int]] = {}
    outside = []
    for index, refused in found:
        at = bisect.bisect_right(starts, index) - 1
        if at >= 0 and index < spans[at][1]:
            if at not in in_values:
                begin, end, style = spans[at]
                raw = raw_characters(text, begin, end, style, _is_hidden)
                in_values[at] = {r.start for r in raw if r.escape is None}
            if index in in_values[at]:
                continue
        outside.append((index, refused))
    return outside


def _is_hidden(char: str) -> bool:
    found = characters.refusal(char)
    return found is not None and found.kind in characters.HIDDEN


def _spans(scalars: Iterable[Scalar]) -> list[tuple[int, int, str | None]]:
    """Where each scalar is written (start, end, style), in order."""
    return sorted(
        (s.start_mark.index, s.end_mark.index, s.style)
        for s in scalars
        if s.start_mark is not None and s.end_mark is not None
    )


def outside_problems(
    text: str,
    found: list[tuple[int, characters.Refusal]],
    scalars: Iterable[Scalar],
    lines: LineIndex,
) -> list[CharacterProblem]:
    """:func:`hidden_outside_values`'s characters as problems: each once per line, where it
    first stands, saying whether it is in a comment."""
    spans = _spans(scalars)
    grouped: dict[tuple[int, str], tuple[int, int, characters.Refusal]] = {}
    for index, refused in found:
        key = (lines.mark(index).line, refused.char)
        first, count, _ = grouped.get(key, (index, 0, refused))
        grouped[key] = (first, count + 1, refused)
    problems = []
    for index, count, refused in grouped.values():
        where = "in a comment" if _in_comment(text, index, spans) else "outside any text"
        problems.append(CharacterProblem(lines.mark(index), refused, count, None, False, where))
    return problems


def _in_comment(text: str, index: int, spans: list[tuple[int, int, str | None]]) -> bool:
    """Whether a ``#`` that is not in a key or value stands before ``index`` on its line (a
    block scalar's header, up to its first line break, may hold a comment)."""
    values = [
        (text.find("\n", begin, end) + 1 or end if style in ("|", ">") else begin, end)
        for begin, end, style in spans
    ]
    line_start = text.rfind("\n", 0, index) + 1
    return any(
        char == "#" and not any(begin <= at < end for begin, end in values)
        for at, char in enumerate(text[line_start:index], start=line_start)
    )


class _Reader(FileProblems):
    def __init__(self, display: str, *, ideographic_space: bool = False) -> None:
        super().__init__(display)
        self.text = ""
        self.ideographic_space = ideographic_space
        self._lines: LineIndex | None = None
        self.scalars: list[yaml.ScalarNode] = []

    @staticmethod
    def _mark(node: yaml.Node) -> Mark:
        return Mark(node.start_mark.line + 1, node.start_mark.column + 1)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def at(self, index: int) -> Mark:
        return self.lines.mark(index)

    def check_characters(self, node: yaml.ScalarNode, key: bool, newlines: bool = False) -> None:
        self.scalars.append(node)
        if self.full:
            return
        for found in character_problems(
            self.text,
            node,
            key=key,
            ideographic_space=self.ideographic_space,
            lines=self.lines,
            newlines=newlines,
        ):
            self.problem(found.mark, found.message, found.refusal.hint)

    def check_outside_values(self, start: int = 0) -> None:
        """The characters :func:`hidden_outside_values` finds (once the keys and values are
        checked, or none of them could be)."""
        found = hidden_outside_values(self.text, self.scalars, start=start)
        for problem in outside_problems(self.text, found, self.scalars, self.lines):
            self.problem(problem.mark, problem.message, problem.refusal.hint)

    def convert(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            self.check_characters(node, key=False)
            return str(node.value)
        if isinstance(node, yaml.SequenceNode):
            seq = YamlList()
            seq.mark = self._mark(node)
            seq.item_marks = []
            for item in node.value:
                seq.append(self.convert(item))
                seq.item_marks.append(self._mark(item))
            return seq
        if isinstance(node, yaml.MappingNode):
            mapping = YamlMap()
            mapping.mark = self._mark(node)
            mapping.key_marks = {}
            mapping.value_marks = {}
            for key_node, value_node in node.value:
                key_mark = self._mark(key_node)
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(key_mark, "a key must be a plain word", "write `name: value`")
                    continue
                self.check_characters(key_node, key=True)
                key = str(key_node.value)
                if key in mapping:
                    first = mapping.key_marks[key]
                    self.problem(
                        key_mark,
                        f"duplicate key '{key}' (first at line {first.line})",
                        "YAML keeps only the last of two equal keys, so the first one would be "
                        "lost silently: remove or rename one of them",
                    )
                    continue
                if key == VERBATIM_KEY and isinstance(value_node, yaml.ScalarNode):
                    self.check_characters(value_node, key=False, newlines=True)
                    mapping[key] = str(value_node.value)
                else:
                    mapping[key] = self.convert(value_node)
                mapping.key_marks[key] = key_mark
                mapping.value_marks[key] = self._mark(value_node)
            return mapping
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover


# -- Where a scalar's characters stand in the file -------------------------------------------

# YAML's escapes in double-quoted scalars (PyYAML's and libyaml's list).
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


@dataclass(frozen=True)
class RawCharacter:
    """One character of a scalar's value as it stands in the file: ``text[start:end]`` is the
    character itself, or its escape (``escape``) in a double-quoted scalar."""

    start: int
    end: int
    char: str
    escape: str | None


def raw_characters(
    text: str, start: int, end: int, style: str | None, wanted: Callable[[str], bool]
) -> list[RawCharacter]:
    """The characters of the scalar written at ``text[start:end]`` (in ``style``: None for
    plain, ``'``, ``"``, ``|`` or ``>``) for which ``wanted`` is true, where they stand.

    Only characters that reach the value: the white space YAML strips around the line breaks of
    a plain or quoted scalar, a block scalar's header and the quotes are skipped; line breaks
    themselves are never returned.
    """
    out: list[RawCharacter] = []
    block = style in ("|", ">")
    index = start
    if block:
        header_end = next((i for i in range(start, end) if text[i] in LINE_BREAKS), end)
        index = header_end + 1
    elif style in ("'", '"'):
        index, end = start + 1, end - 1
    line_start = False
    while index < end:
        char = text[index]
        if char in LINE_BREAKS:
            line_start = True
            index += 1
            continue
        if style == '"' and char == "\\" and index + 1 < end:
            found = _escape_at(text, index, end)
            if found is None:  # a line continuation
                line_start = True
                index += 2
                continue
            decoded, length = found
            if wanted(decoded):
                out.append(
                    RawCharacter(index, index + length, decoded, text[index : index + length])
                )
            line_start = False
            index += length
            continue
        if char in " \t" and not block:
            after = index
            while after < end and text[after] in " \t":
                after += 1
            if line_start or (after < end and text[after] in LINE_BREAKS):
                index = after  # folded away: not in the value
                continue
        line_start = False
        if wanted(char):
            out.append(RawCharacter(index, index + 1, char, None))
        index += 1
    return out


def _escape_at(text: str, index: int, end: int) -> tuple[str, int] | None:
    """The character the escape at ``text[index]`` (a backslash) stands for and the escape's
    length; None for a line continuation. An unknown escape reads as itself."""
    letter = text[index + 1]
    if letter in LINE_BREAKS:
        return None
    if letter in _HEX_ESCAPES:
        digits = text[index + 2 : min(end, index + 2 + _HEX_ESCAPES[letter])]
        try:
            return chr(int(digits, 16)), 2 + len(digits)
        except ValueError:
            return "\\", 1
    if letter in _ESCAPES:
        return _ESCAPES[letter], 2
    return "\\", 1


def scalar_events(text: str) -> Iterator[yaml.ScalarEvent]:
    """The scalar events (keys and values) of a YAML text, parsed with libyaml when built.

    Raises :class:`yaml.MarkedYAMLError` for bad YAML and :class:`TooBig` past the limits.
    """
    for event in bounded_events(text, FAST_LOADER):
        if isinstance(event, yaml.ScalarEvent):
            yield event


class TooBig(Exception):
    """The YAML nests deeper than :data:`MAX_DEPTH` or holds more than :data:`MAX_NODES`."""

    def __init__(self, mark: Mark, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


def bounded_events(text: str, loader: type[yaml.SafeLoader]) -> Iterator[yaml.Event]:
    """The parse events of ``text``, stopping with :class:`TooBig` as soon as the nesting
    passes :data:`MAX_DEPTH` or the values :data:`MAX_NODES` (before the composer or anything
    recursive or per-value sees them)."""
    depth = nodes = 0
    for event in _parse(text, loader):
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise TooBig(
                    _event_mark(event),
                    f"the file holds more than {MAX_NODES:,} keys, values and lists",
                    "an agreement holds about 600 in 30 kB: split the document, or look for "
                    "something pasted by mistake",
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise TooBig(
                    _event_mark(event),
                    f"the YAML is nested more than {MAX_DEPTH} levels deep",
                    "an agreement needs about 9 levels (a table's cells); look for an unclosed "
                    "'[' or '{', or put quotes around a text that starts with '[' or '{'",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        yield event


def _parse(text: str, loader: type[yaml.SafeLoader]) -> Iterator[yaml.Event]:
    """``yaml.parse``, where every bad input is a :class:`yaml.MarkedYAMLError`: the pure-Python
    scanner decodes an escape beyond U+10FFFF (``"\\U00110000"``, ``"\\UFFFFFFFF"``) with
    ``chr()``, which raises ValueError or OverflowError instead (libyaml reports it)."""
    parser = loader(text)
    try:
        while True:
            try:
                if not parser.check_event():
                    return
                event: yaml.Event = parser.get_event()  # type: ignore[no-untyped-call]
            except (ValueError, OverflowError):
                get_mark = getattr(parser, "get_mark", None)
                raise yaml.scanner.ScannerError(
                    "while parsing a quoted scalar",
                    None,
                    "found invalid Unicode character escape code",
                    get_mark() if get_mark else None,
                ) from None
            yield event
    finally:
        parser.dispose()


def _event_mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1) if start else Mark(1, 1)


# -- Byte-order marks and line breaks only YAML sees ----------------------------------------

BYTE_ORDER_MARK = "\ufeff"


def leading_byte_order_marks(text: str) -> int:
    """How many byte-order marks open ``text``: YAML skips every one of them (not only the
    first), and none is a column of line 1 for an editor."""
    return len(text) - len(text.lstrip(BYTE_ORDER_MARK))


_HIDDEN_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
HIDDEN_BREAK_MESSAGE = "line break {name} that git and editors do not show as one"
HIDDEN_BREAK_HINT = (
    "YAML starts a new line here, so what follows (after a comment too) is read as YAML that "
    "a reviewer sees as part of this line: delete it, or press Enter if a new line was meant"
)


def hidden_line_breaks(text: str) -> Iterator[tuple[int, str]]:
    """Every character YAML (1.1, as PyYAML and libyaml read it) takes for the end of a line
    but git, GitHub's diff and most editors do not: a carriage return not followed by a line
    feed, NEL (U+0085), U+2028 and U+2029. With one of them, the YAML a reviewer sees is not
    the YAML that is read: a clause can hide in what shows as a comment. A file's lines end
    with a line feed (or CR LF) only."""
    for match in _HIDDEN_BREAK.finditer(text):
        yield match.start(), match.group()


# -- Reading a file ---------------------------------------------------------------------------


def _position(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return Mark(line, col)


EMPTY_HINT = "copy the previous version's file and edit it"
EMPTY_HINTS = {
    "meta.yaml": "write the editors' summary: a line `summary:`, then `  zh: ...` and `  en: ...`",
    "calendar.yaml": "list the years under `years:` (see CALENDAR.md), or delete the file",
}
"""What an empty file should hold, by name: a language file is copied from the previous
version, the others (which new-version does not copy) are written."""


def read_yaml(
    path: Path, display: str | None = None, *, ideographic_space: bool | None = None
) -> tuple[Any, list[Problem]]:
    """Read one YAML file: its value (None when unreadable) and every problem found in it.

    Every string of the value (keys too) is checked with :mod:`legalsite.model.characters`;
    ``ideographic_space`` (default: whether the file is a ``zh.yaml``) allows U+3000.
    Never raises for bad input; never changes the file. Each step below stops at the first
    kind of problem it finds, with every problem of that kind reported.
    """
    shown = display or str(path)
    wide = (
        characters.allows_ideographic_space(path)
        if ideographic_space is None
        else ideographic_space
    )
    reader = _Reader(shown, ideographic_space=wide)
    raw = _read_bytes(path, reader)
    text = None if raw is None else _decode(raw, reader)
    if text is None:
        return None, reader.problems

    # 2. An empty file (or one with only comments) is a mistake, not an empty document.
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        reader.problem(None, "the file is empty", EMPTY_HINTS.get(path.name, EMPTY_HINT))
        reader.text = text
        reader.check_outside_values(start=leading_byte_order_marks(text))
        return None, reader.problems

    text = _without_byte_order_marks(text, reader)
    reader.text = text
    data = None
    if _characters_ok(text, reader) and _indentation_ok(text, reader):
        document = _one_document(text, reader)
        if document is not None:
            data = reader.convert(document)
    # 8. What shows as nothing or reorders what shows, outside the keys and values (in a
    # comment): a comment can make the line around it read as something else.
    reader.check_outside_values()
    return data, reader.problems


def _read_bytes(path: Path, reader: _Reader) -> bytes | None:
    """0. A real file, and its size first: nothing below reads more than MAX_FILE_SIZE bytes."""
    if path.is_symlink():
        reader.problem(None, LINK_MESSAGE, LINK_HINT)
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FILE_SIZE:
            reader.problem(
                None,
                f"the file is {size:,} bytes, more than the limit of {MAX_FILE_SIZE:,} (1 MB)",
                "an agreement is about 30 kB: split the text, or look for something pasted by "
                "mistake",
            )
            return None
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_SIZE + 1)
    except OSError as exc:
        reader.problem(None, f"cannot read the file: {exc.strerror or exc}", None)
        return None
    if len(raw) > MAX_FILE_SIZE:  # it grew since stat()
        reader.problem(None, f"the file is more than {MAX_FILE_SIZE:,} bytes (1 MB)", None)
        return None
    return raw


def _decode(raw: bytes, reader: _Reader) -> str | None:
    """1. Encoding: the file must be UTF-8; name the first byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8")
        reader.problem(
            _position(good, len(good)),
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02X} at offset {exc.start})",
            "save the file as UTF-8 (in VS Code: 'Save with Encoding' → UTF-8)",
        )
        return None


def _without_byte_order_marks(text: str, reader: _Reader) -> str:
    """3. Byte-order marks: YAML skips them, but each is an invisible character all the same."""
    marks = leading_byte_order_marks(text)
    if marks:
        bom = characters.refusal(BYTE_ORDER_MARK)
        assert bom is not None
        times = f" ({marks} times at the start of the file)" if marks > 1 else ""
        reader.problem(Mark(1, 1), bom.message + times, bom.hint)
    return text[marks:]


def _characters_ok(text: str, reader: _Reader) -> bool:
    """4. Control characters YAML does not allow (PyYAML would stop at the first one), then
    line breaks YAML reads but git, GitHub and editors do not show (see HIDDEN_BREAK)."""
    for match in yaml.reader.Reader.NON_PRINTABLE.finditer(text):
        if reader.full:
            break
        control = characters.refusal(match.group())
        assert control is not None
        reader.problem(reader.at(match.start()), control.message, control.hint)
    if yaml.reader.Reader.NON_PRINTABLE.search(text):
        return False
    hidden = False
    for index, char in hidden_line_breaks(text):
        hidden = True
        if reader.full:
            break
        reader.problem(
            reader.at(index),
            HIDDEN_BREAK_MESSAGE.format(name=character_name(char)),
            HIDDEN_BREAK_HINT,
        )
    return not hidden


def _indentation_ok(text: str, reader: _Reader) -> bool:
    """5. Tabs in indentation (YAML forbids them; PyYAML's own message is obscure)."""
    tab_lines = set()
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            tab_lines.add(number)
            reader.problem(
                Mark(number, indent.index("\t") + 1),
                "tab character in indentation",
                "indent with spaces only (2 per level)",
            )
    return not tab_lines


def _events(text: str, reader: _Reader) -> list[yaml.Event] | None:
    """6. Syntax and nesting depth."""
    try:
        return list(bounded_events(text, FAST_LOADER))
    except TooBig as exc:
        reader.problem(exc.mark, exc.message, exc.hint)
        return None
    except yaml.MarkedYAMLError as fast_error:
        # Parse again in pure Python for its messages, which say more than libyaml's (the
        # nesting bound keeps this linear in the size of the file).
        try:
            for _ in bounded_events(text, yaml.SafeLoader):
                pass
        except TooBig as exc:
            reader.problem(exc.mark, exc.message, exc.hint)
        except yaml.MarkedYAMLError as exc:
            _syntax_problem(reader, exc)
        else:  # pragma: no cover - the two parsers disagree
            _syntax_problem(reader, fast_error)
        return None


def _plain_events(events: list[yaml.Event], reader: _Reader) -> bool:
    """6b. Anchors, aliases and tags: not needed for legal text, and aliases can blow up
    memory."""
    forbidden = False
    for event in events:
        if getattr(event, "anchor", None) is None and getattr(event, "tag", None) is None:
            continue  # most events: no anchor, alias or tag at all
        start = event.start_mark
        mark = Mark(start.line + 1, start.column + 1) if start is not None else None
        if isinstance(event, yaml.AliasEvent):
            reader.problem(
                mark,
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the text out in full; anchors and aliases are refused",
            )
            forbidden = True
        elif isinstance(event, yaml.NodeEvent) and event.anchor:
            reader.problem(
                mark,
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor; anchors and aliases are refused",
            )
            forbidden = True
        elif _explicit_tag(event):
            reader.problem(
                mark,
                f"YAML tag '{getattr(event, 'tag', '')}' is not allowed",
                "remove the tag; write plain text",
            )
            forbidden = True
    return not forbidden


def _one_document(text: str, reader: _Reader) -> yaml.Node | None:
    """6-7. The file's one document, composed (no construction: every scalar stays a string)
    once its syntax and events are allowed."""
    events = _events(text, reader)
    if events is None or not _plain_events(events, reader):
        return None
    documents = compose(events)
    if len(documents) != 1:
        reader.problem(
            Mark(1, 1),
            f"the file holds {len(documents)} YAML documents; it must hold exactly one",
            "remove the extra '---' separators",
        )
        return None
    node: yaml.Node = documents[0]
    return node


def compose(events: Iterable[yaml.Event]) -> list[yaml.Node]:
    """The documents of ``events``, composed by PyYAML's own composer (``yaml.compose_all``)
    over the events already parsed: parsing the file again would double the time a file takes.
    No implicit resolver: every scalar a string (``_plain_events`` refuses written tags)."""
    replay = _Replay(events)
    documents: list[yaml.Node] = []
    while replay.check_node():
        node = replay.get_node()
        assert node is not None  # check_node(): not at the end of the stream
        documents.append(node)
    return documents


class _Replay(yaml.composer.Composer, yaml.resolver.BaseResolver):
    """PyYAML's :class:`~yaml.composer.Composer`, reading saved events instead of a parser
    (the three methods a parser gives it), with the resolver that resolves nothing."""

    def __init__(self, events: Iterable[yaml.Event]) -> None:
        yaml.composer.Composer.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)
        self._events = collections.deque(events)

    def check_event(self, *choices: type[yaml.Event]) -> bool:
        try:
            event = self._events[0]
        except IndexError:
            return False
        return not choices or isinstance(event, choices)

    def peek_event(self) -> yaml.Event:
        return self._events[0]

    def get_event(self) -> yaml.Event:
        return self._events.popleft()


# libyaml (PyYAML's C extension) when it is built: the same events and nodes, 15-20 times faster.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _explicit_tag(event: yaml.Event) -> bool:
    """True when the editor wrote a tag (``!!python/object``, ``!foo``) on this node."""
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", True)
    written = not implicit[0] and not implicit[1] if isinstance(implicit, tuple) else not implicit
    return bool(tag) and tag != "!" and written


def _syntax_problem(reader: _Reader, exc: yaml.MarkedYAMLError) -> None:
    mark = exc.problem_mark or exc.context_mark
    position = Mark(mark.line + 1, mark.column + 1) if mark is not None else None
    message = exc.problem or str(exc)
    if exc.context:
        # Where what YAML was reading started: an unclosed quote or bracket is found wrong
        # only lines later, and this is where to look.
        start = exc.context_mark
        started = (
            f" that starts at line {start.line + 1}, column {start.column + 1}"
            if start is not None and mark is not None and start.line != mark.line
            else ""
        )
        message = f"{exc.context}{started}: {message}"
    reader.problem(
        position,
        f"YAML syntax error: {message}",
        "check indentation and quoting near this line; text with ': ' or '#' needs quotes",
    )
