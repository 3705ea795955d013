"""Reading the editors' YAML safely, keeping where every value came from.

PyYAML alone is not enough for legal text: it silently keeps the last of two duplicate keys (so
a clause can vanish), expands aliases (a way to blow up memory), turns ``no`` into ``False`` and
reports problems one at a time. This module reads a file into plain ``dict`` / ``list`` / ``str``
values (every scalar stays a string) that remember their line and column, and returns *every*
problem it finds instead of stopping at the first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from legalsite.errors import Problem

# Characters that can hide or reorder words of a legal text: zero-width characters, the
# directional marks, embeddings, overrides and isolates, and the byte-order mark.
FORBIDDEN_CHARACTERS = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\ufeff"]
)
_FORBIDDEN = re.compile("[" + "".join(sorted(FORBIDDEN_CHARACTERS)) + "]")


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
    checkers of YAML files collect them, and the run stops once with all of them)."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def problem(self, mark: Mark | None, message: str, hint: str | None = None) -> None:
        line, col = (mark.line, mark.col) if mark else (None, None)
        self.problems.append(Problem(self.display, line, col, message, hint))


class _Reader(FileProblems):
    @staticmethod
    def _mark(node: yaml.Node) -> Mark:
        return Mark(node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
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
                mapping[key] = self.convert(value_node)
                mapping.key_marks[key] = key_mark
                mapping.value_marks[key] = self._mark(value_node)
            return mapping
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover


def _position(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return Mark(line, col)


def character_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def read_yaml(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Read one YAML file: its value (None when unreadable) and every problem found in it.

    Never raises for bad input; never changes the file.
    """
    reader = _Reader(display or str(path))
    raw = path.read_bytes()

    # 1. Encoding: the file must be UTF-8; name the first byte that is not.
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8")
        reader.problem(
            _position(good, len(good)),
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02X} at offset {exc.start})",
            "save the file as UTF-8 (in VS Code: 'Save with Encoding' → UTF-8)",
        )
        return None, reader.problems

    # 2. An empty file (or one with only comments) is a mistake, not an empty document.
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        reader.problem(None, "the file is empty", "copy the previous version's file and edit it")
        return None, reader.problems

    # 3. Invisible and direction-changing characters, wherever they stand.
    for found in _FORBIDDEN.finditer(text):
        ch = found.group()
        if ch in FORBIDDEN_CHARACTERS:
            reader.problem(
                _position(text, found.start()),
                f"invisible or direction-changing character {character_name(ch)}",
                "delete it: such characters can hide or reorder words of a legal text",
            )

    # 4. Control characters YAML does not allow (PyYAML would stop at the first one).
    for match in yaml.reader.Reader.NON_PRINTABLE.finditer(text):
        reader.problem(
            _position(text, match.start()),
            f"control character {character_name(match.group())} is not allowed",
            "delete it (it is invisible in most editors)",
        )
    if any(p.message.startswith("control character") for p in reader.problems):
        return None, reader.problems

    # 5. Tabs in indentation (YAML forbids them; PyYAML's own message is obscure).
    tab_lines = set()
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            tab_lines.add(number)
            reader.problem(
                Mark(number, indent.index("\t") + 1),
                "tab character in indentation",
                "indent with spaces only (2 per level)",
            )
    if tab_lines:
        return None, reader.problems

    # 6. Anchors, aliases and tags: not needed for legal text, and aliases can blow up memory.
    try:
        events = list(yaml.parse(text, Loader=FAST_LOADER))
    except yaml.MarkedYAMLError:
        # Parse again in pure Python for its messages, which say more than libyaml's.
        try:
            list(yaml.parse(text, Loader=yaml.SafeLoader))
        except yaml.MarkedYAMLError as exc:
            _syntax_problem(reader, exc)
        else:  # pragma: no cover - the two parsers disagree
            reader.problem(Mark(1, 1), "YAML syntax error", "check the file's structure")
        return None, reader.problems
    refused = False
    for event in events:
        start = event.start_mark
        mark = Mark(start.line + 1, start.column + 1) if start is not None else None
        if isinstance(event, yaml.AliasEvent):
            reader.problem(
                mark,
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the text out in full; anchors and aliases are refused",
            )
            refused = True
        elif isinstance(event, yaml.NodeEvent) and event.anchor:
            reader.problem(
                mark,
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor; anchors and aliases are refused",
            )
            refused = True
        elif _explicit_tag(event):
            reader.problem(
                mark,
                f"YAML tag '{getattr(event, 'tag', '')}' is not allowed",
                "remove the tag; write plain text",
            )
            refused = True
    if refused:
        return None, reader.problems

    # 7. Compose (no construction: every scalar stays a string) and convert with positions.
    try:
        documents = list(yaml.compose_all(text, Loader=FAST_LOADER))
    except yaml.MarkedYAMLError as exc:  # pragma: no cover - parse() above already saw it
        _syntax_problem(reader, exc)
        return None, reader.problems
    if len(documents) != 1:
        reader.problem(
            Mark(1, 1),
            f"the file holds {len(documents)} YAML documents; it must hold exactly one",
            "remove the extra '---' separators",
        )
        return None, reader.problems
    value = reader.convert(documents[0])
    return value, reader.problems


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
        message = f"{exc.context}: {message}"
    reader.problem(
        position,
        f"YAML syntax error: {message}",
        "check indentation and quoting near this line; text with ': ' or '#' needs quotes",
    )
