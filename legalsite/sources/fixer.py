"""``legalsite format``: rewrite only the characters that ``validate`` refuses and that need no
decision by a person, and nothing else.

Space-like characters become an ordinary space and invisible ones (controls, zero-width and
bidi controls, fillers, non-characters...) are removed, as defined once in
:mod:`legalsite.model.characters`: where they stand in a key or a value, and also as their YAML
escapes in double-quoted scalars (``"\\u00A0"`` becomes a space, ``"\\u200B"`` disappears). A
byte-order mark and the control characters YAML cannot read at all are removed wherever they
stand, and so are the invisible ones outside every key and value (in a comment), which
``validate`` refuses there too. Layout, quoting and every other character stay byte for byte.

Each rewrite is checked: the file is parsed again, and it must have the same structure, with
each changed value equal to the old one with exactly those characters rewritten. A value whose
rewrite would read differently (e.g. a no-break space at the start of a folded line, which YAML
would then strip) is left as it was, and reported. Line breaks, private-use and unassigned
characters are left to the editor: only a person knows what was meant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from legalsite.model import characters
from legalsite.model.characters import LINE_BREAKS, character_name
from legalsite.sources.yamlfile import (
    BYTE_ORDER_MARK,
    FAST_LOADER,
    HIDDEN_BREAK_MESSAGE,
    VERBATIM_KEY,
    CharacterProblem,
    LineIndex,
    Mark,
    RawCharacter,
    TooBig,
    bounded_events,
    character_problems,
    hidden_line_breaks,
    hidden_outside_values,
    leading_byte_order_marks,
    outside_problems,
    raw_characters,
)


@dataclass(frozen=True)
class Change:
    """One rewritten character, at its 1-based line and column in the original file."""

    line: int
    col: int
    char: str
    escape: str | None
    """The escape it was written as (``\\u200B``), or None when it stood as itself."""
    replacement: str

    def describe(self) -> str:
        what = character_name(self.char)
        if self.escape:
            what = f"the escape {self.escape} ({what})"
        return f"replaced {what} with a space" if self.replacement else f"removed {what}"


@dataclass(frozen=True)
class Fixed:
    """The result of fixing one file's text."""

    text: str
    changes: tuple[Change, ...]
    left: tuple[CharacterProblem, ...]
    """Refused characters still in the text (with where they stand in the fixed text): line
    breaks, private-use and unassigned characters, and values whose rewrite was unsafe."""


class CannotFix(Exception):
    """The text is not YAML that can be read (syntax error, too deep): fix that first."""

    def __init__(self, mark: Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    replacement: str
    raw: RawCharacter


_OUTSIDE = -1
"""The number of the group of edits outside every scalar (the scalars are numbered from 0)."""


def fix_text(text: str, *, ideographic_space: bool = False) -> Fixed:
    """``text`` with every fixable refused character rewritten; raises :class:`CannotFix`."""
    # 1. What YAML cannot read at all: a byte-order mark, non-printable controls. Removed
    # wherever they stand (they are never structure), with the original positions kept.
    marks = leading_byte_order_marks(text)  # not columns of line 1 (nor for validate)
    changes = [Change(1, 1, BYTE_ORDER_MARK, None, "") for _ in range(marks)]
    text = text[marks:]
    original_lines = LineIndex(text)
    clean, origin, removed = _readable(text, original_lines)
    changes += removed

    # 2. The scalars of the YAML that remains, and the fixable characters in each.
    events = _events(clean)
    scalars = [(i, e) for i, e in enumerate(events) if isinstance(e, yaml.ScalarEvent)]
    edits: dict[int, list[_Edit]] = {}
    for number, (_, event) in enumerate(scalars):
        found = _edits(clean, event, ideographic_space)
        if found:
            edits[number] = found
    # ... and the invisible ones outside them (in comments), as one more group of edits.
    outside = hidden_outside_values(clean, [event for _, event in scalars])
    if outside:
        edits[_OUTSIDE] = [
            _Edit(i, i + 1, "", RawCharacter(i, i + 1, char.char, None)) for i, char in outside
        ]

    # 3. Apply them all, check; if the check fails, keep only the values that pass one by one.
    fixed, accepted = _apply_checked(clean, events, edits, ideographic_space)
    for number in sorted(accepted):
        for edit in edits[number]:
            mark = original_lines.mark(origin[edit.start])
            changes.append(
                Change(mark.line, mark.col, edit.raw.char, edit.raw.escape, edit.replacement)
            )
    changes.sort(key=lambda c: (c.line, c.col))
    return Fixed(fixed, tuple(changes), _left(fixed, ideographic_space))


def _readable(text: str, lines: LineIndex) -> tuple[str, list[int], list[Change]]:
    """``text`` without the characters YAML cannot read, the index in ``text`` of each index
    of the result (and of its end), and a change for each character removed. Raises
    :class:`CannotFix` at a line break only YAML sees: what is read is not what is shown, a
    person must decide."""
    changes: list[Change] = []
    origin: list[int] = []  # index in ``clean`` → index in ``text``
    kept: list[str] = []
    unreadable = yaml.reader.Reader.NON_PRINTABLE
    for index, char in enumerate(text):
        if unreadable.match(char):
            mark = lines.mark(index)
            changes.append(Change(mark.line, mark.col, char, None, ""))
            continue
        kept.append(char)
        origin.append(index)
    clean = "".join(kept)
    origin.append(len(text))
    for index, char in hidden_line_breaks(clean):
        raise CannotFix(
            lines.mark(origin[index]),
            HIDDEN_BREAK_MESSAGE.format(name=character_name(char)),
        )
    return clean, origin, changes


def _apply_checked(
    clean: str, events: list[yaml.Event], edits: dict[int, list[_Edit]], wide: bool
) -> tuple[str, set[int]]:
    """``clean`` with every edit that keeps the YAML's reading applied, and the scalars whose
    edits were: all of them when together they pass the check, else those that pass one by
    one."""
    accepted = set(edits)
    fixed = _apply(clean, edits, accepted)
    if _same_but_fixed(events, _events_or_none(fixed), edits, accepted, wide):
        return fixed, accepted
    accepted = set()
    for number in sorted(edits):
        trial = accepted | {number}
        tried = _events_or_none(_apply(clean, edits, trial))
        if _same_but_fixed(events, tried, edits, trial, wide):
            accepted = trial
    return _apply(clean, edits, accepted), accepted


def _events(text: str) -> list[yaml.Event]:
    try:
        return list(bounded_events(text, FAST_LOADER))
    except TooBig as exc:
        raise CannotFix(exc.mark, exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark is not None else None
        raise CannotFix(where, f"YAML syntax error: {exc.problem or exc}") from None


def _events_or_none(text: str) -> list[yaml.Event] | None:
    try:
        return _events(text)
    except CannotFix:
        return None


def _edits(text: str, event: yaml.ScalarEvent, ideographic_space: bool) -> list[_Edit]:
    if characters.fix(str(event.value), ideographic_space=ideographic_space) == event.value:
        return []

    def wanted(char: str) -> bool:
        found = characters.refusal(char, ideographic_space=ideographic_space)
        return found is not None and found.replacement is not None

    if event.start_mark is None or event.end_mark is None:  # pragma: no cover - parser marks
        return []
    start, end = event.start_mark.index, event.end_mark.index
    out = []
    for raw in raw_characters(text, start, end, event.style, wanted):
        found = characters.refusal(raw.char, ideographic_space=ideographic_space)
        assert found is not None and found.replacement is not None
        replacement = found.replacement
        if replacement and event.style == '"' and _at_line_edge(text, raw):
            replacement = "\\ "  # an escaped space: a plain one would be folded away here
        out.append(_Edit(raw.start, raw.end, replacement, raw))
    return out


def _at_line_edge(text: str, raw: RawCharacter) -> bool:
    """Whether only spaces and tabs stand between ``raw`` and a line break on either side."""
    before = raw.start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    after = raw.end
    while after < len(text) and text[after] in " \t":
        after += 1
    return (before >= 0 and text[before] in LINE_BREAKS) or (
        after < len(text) and text[after] in LINE_BREAKS
    )


def _apply(text: str, edits: dict[int, list[_Edit]], accepted: set[int]) -> str:
    chosen = sorted((edit for number in accepted for edit in edits[number]), key=lambda e: e.start)
    out = []
    position = 0
    for edit in chosen:
        out.append(text[position : edit.start])
        out.append(edit.replacement)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def _same_but_fixed(
    old: Sequence[yaml.Event],
    new: Sequence[yaml.Event] | None,
    edits: dict[int, list[_Edit]],
    accepted: set[int],
    ideographic_space: bool,
) -> bool:
    """Whether ``new`` is ``old`` with exactly the accepted scalars' values fixed."""
    if new is None or len(new) != len(old):
        return False
    number = 0
    for before, after in zip(old, new, strict=True):
        if type(before) is not type(after):
            return False
        for name in ("anchor", "tag", "implicit", "style", "flow_style"):
            if getattr(before, name, None) != getattr(after, name, None):
                return False
        if isinstance(before, yaml.ScalarEvent):
            expected = before.value
            if number in accepted:
                expected = characters.fix(expected, ideographic_space=ideographic_space)
            if getattr(after, "value", None) != expected:
                return False
            number += 1
    return True


def _left(text: str, ideographic_space: bool) -> tuple[CharacterProblem, ...]:
    """The refused characters still in ``text``, as ``validate`` reports them."""
    lines = LineIndex(text)
    left: list[CharacterProblem] = []
    scalars: list[yaml.ScalarEvent] = []
    stack: list[list[int]] = []  # for each open collection: [is_mapping, items so far]
    keys: list[str] = []  # for each open collection: its last key (a mapping's)
    for event in _events(text):
        in_mapping = bool(stack) and stack[-1][0] == 1
        key = in_mapping and stack[-1][1] % 2 == 0
        if isinstance(event, yaml.NodeEvent) and stack:
            stack[-1][1] += 1
        if isinstance(event, yaml.ScalarEvent):
            scalars.append(event)
            # A verbatim block's text may hold line breaks (yamlfile.VERBATIM_KEY).
            verbatim = in_mapping and not key and keys[-1] == VERBATIM_KEY
            left.extend(
                character_problems(
                    text,
                    event,
                    key=key,
                    ideographic_space=ideographic_space,
                    lines=lines,
                    newlines=verbatim,
                )
            )
            if key:
                keys[-1] = str(event.value)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append([int(isinstance(event, yaml.MappingStartEvent)), 0])
            keys.append("")
        elif isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            keys.pop()
    outside = hidden_outside_values(text, scalars)
    left.extend(outside_problems(text, outside, scalars, lines))
    return tuple(left)
