"""Which characters an editor's string may hold: the one definition, used by ``validate`` (to
refuse) and by ``legalsite format`` (to rewrite), and for showing a string safely on a terminal.

A legal text is read by people and compared by machines. A character that a reader cannot see,
or cannot tell from another, makes the two disagree: a no-break space looks like a space but
compares different (the clause shows as "Changed" with nothing visible), a right-to-left
override reorders the words on screen but not in the text, a control character breaks the files
the site writes. So every string an editor writes (values *and* keys, after YAML's escapes such
as ``"\\u202E"`` are decoded) holds only visible characters and the ordinary space:

* **space-like** characters (tab, no-break space, the en/em/thin/hair spaces U+2000-U+200A,
  U+202F, U+205F, U+1680, U+2800...) are refused; ``format`` replaces each with a space;
* **line breaks** (LF, CR, NEL, U+2028, U+2029) are refused: every text is one line (YAML
  joins the lines of a long plain text with spaces); ``format`` never joins lines for you;
* **controls** (C0, DEL, C1), **format characters** (category Cf: zero-width and bidi
  controls, soft hyphen, word joiner, tag characters, BOM...), the **invisible fillers** of
  Hangul (U+115F, U+1160, U+3164, U+FFA0), the combining grapheme joiner and the variation
  selectors, **non-characters** (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF) and **lone surrogates** are
  refused; ``format`` removes them;
* **private-use** and **unassigned** code points are refused; ``format`` leaves them to the
  editor (only a person knows which character was meant).

A string is also refused when it is not in Unicode **normal form C** (NFC): ``e`` followed by
the combining acute accent looks exactly like ``é``, and the CJK compatibility ideograph U+F907
like U+9F9C, but each compares different, so a clause written one way in one version and the
other way in the next shows as changed with nothing visible (:func:`unnormalized_runs`);
``format`` leaves it to the editor, who types the character again.

U+3000 IDEOGRAPHIC SPACE is allowed in Chinese text (``zh.yaml``) only. Chinese typesetting
uses it (e.g. between a clause number and its words, or to align), it is as wide as a Han
character, so unlike the no-break or thin spaces a change to it is visible on the page and in
the redline; in English text and in the calendar it can only be a paste accident, and is
refused (``format`` makes it a space).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

IDEOGRAPHIC_SPACE = "\u3000"
LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")
"""What YAML and Unicode treat as the end of a line."""

_SPACE_CONTROLS = frozenset("\t\x0b\x0c")
_BIDI = frozenset(
    chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
FILLERS = frozenset(
    chr(c)
    for c in (
        0x034F,  # COMBINING GRAPHEME JOINER
        0x115F,  # HANGUL CHOSEONG FILLER
        0x1160,  # HANGUL JUNGSEONG FILLER
        0x17B4,  # KHMER VOWEL INHERENT AQ
        0x17B5,  # KHMER VOWEL INHERENT AA
        *range(0x180B, 0x1810),  # MONGOLIAN FREE VARIATION SELECTORS (and U+180E)
        0x3164,  # HANGUL FILLER
        0xFFA0,  # HALFWIDTH HANGUL FILLER
    )
)
"""Letters and marks that show as nothing: the combining grapheme joiner, Hangul fillers,
Khmer inherent vowels and Mongolian variation selectors (Unicode's default-ignorables that are
not format characters, variation selectors aside, which CJK and emoji use)."""
_VARIATION_SELECTORS = frozenset(
    chr(c)
    for c in (
        *range(0xFE00, 0xFE10),  # VARIATION SELECTORS 1-16
        *range(0xE0100, 0xE01F0),  # VARIATION SELECTORS 17-256
    )
)
# Visible-looking categories (letters, marks) whose members show nothing at all.
_INVISIBLE_EXTRA = FILLERS | _VARIATION_SELECTORS
_BLANK_SYMBOLS = frozenset("\u2800")  # BRAILLE PATTERN BLANK: shows as a space


class Kind(enum.Enum):
    """Why a character is refused; decides the message and what ``format`` does with it."""

    SPACE = "space"
    LINE_BREAK = "line break"
    CONTROL = "control"
    BIDI = "bidi"
    INVISIBLE = "invisible"
    NONCHARACTER = "noncharacter"
    SURROGATE = "surrogate"
    PRIVATE_USE = "private use"
    UNASSIGNED = "unassigned"
    UNNORMALIZED = "not NFC"
    VERBATIM_LINE_BREAK = "verbatim line break"
    """A line break other than LF in a verbatim block (whose LF line breaks are content)."""
    UNDRAWABLE = "undrawable"
    """Not in the font the PDFs embed (:func:`undrawable`): not refused by :func:`kind_of`,
    which knows no font."""


_REPLACEMENTS: dict[Kind, str | None] = {
    Kind.SPACE: " ",
    Kind.LINE_BREAK: None,
    Kind.CONTROL: "",
    Kind.BIDI: "",
    Kind.INVISIBLE: "",
    Kind.NONCHARACTER: "",
    Kind.SURROGATE: "",
    Kind.PRIVATE_USE: None,
    Kind.UNASSIGNED: None,
    Kind.UNNORMALIZED: None,
    Kind.VERBATIM_LINE_BREAK: None,
    Kind.UNDRAWABLE: None,
}

_FORMAT = "`legalsite format` fixes it"
_WHAT: dict[Kind, tuple[str, str]] = {
    Kind.SPACE: (
        "space character {name}: only the ordinary space is allowed",
        "it looks like a space but compares different, so the text would show as changed with "
        f"nothing visible: type an ordinary space; {_FORMAT}",
    ),
    Kind.LINE_BREAK: (
        "line break {name}: a text is one line",
        "join the lines (no blank line, no | block, no \\n escape); a long text may go on over "
        "several indented lines, which YAML joins with spaces",
    ),
    Kind.VERBATIM_LINE_BREAK: (
        "line break {name}: a verbatim block's lines end with an ordinary line break",
        "write the block as a YAML | block, each of its lines on a line of the file, without "
        "an escape such as \\r; other line breaks read differently in each program",
    ),
    Kind.CONTROL: (
        "control character {name} is not allowed",
        f"delete it (it is invisible in most editors); {_FORMAT}",
    ),
    Kind.BIDI: (
        "invisible or direction-changing character {name}",
        f"delete it: such characters can hide or reorder words of a legal text; {_FORMAT}",
    ),
    Kind.INVISIBLE: (
        "invisible or direction-changing character {name}",
        f"delete it: such characters can hide or reorder words of a legal text; {_FORMAT}",
    ),
    Kind.NONCHARACTER: (
        "non-character {name} is not allowed",
        f"delete it: it is not text and no font shows it; {_FORMAT}",
    ),
    Kind.SURROGATE: (
        "lone surrogate {name} is not allowed",
        f"delete it: it is half of an encoded character and cannot be shown; {_FORMAT}",
    ),
    Kind.PRIVATE_USE: (
        "private-use character {name} is not allowed",
        "replace it with the character it stands for: a private-use character shows "
        "differently, or not at all, in each font",
    ),
    Kind.UNASSIGNED: (
        "unassigned code point {name} is not allowed",
        "replace it with the character meant: it is not (yet) a character of Unicode, and no "
        "font shows it",
    ),
    Kind.UNNORMALIZED: (
        "{name} is not in Unicode normal form C: it looks like {composed} but compares different",
        "type the character again (an input method writes the usual form): written two ways, "
        "the same text would show as changed with nothing visible",
    ),
    Kind.UNDRAWABLE: (
        "{name} is not in the font the PDFs embed: the PDF would show a box, and its text "
        "another character",
        "write the text without it (a common variant of the character, or words that describe "
        "it): a PDF must show and carry the text as written",
    ),
}


def character_name(char: str) -> str:
    """``U+00A0 NO-BREAK SPACE`` (or just ``U+0001`` when Unicode gives no name); for several
    characters, each one's, joined by `` + ``."""
    if len(char) != 1:
        return " + ".join(character_name(c) for c in char)
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def is_noncharacter(code: int) -> bool:
    """Whether ``code`` is one of Unicode's 66 noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF)."""
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def kind_of(char: str, *, ideographic_space: bool = False) -> Kind | None:
    """Why ``char`` is refused in an editor's string, or None when it is allowed.

    ``ideographic_space``: whether U+3000 is allowed (Chinese text).
    """
    if " " <= char <= "~":
        return None
    if char in LINE_BREAKS:
        return Kind.LINE_BREAK
    if char in _SPACE_CONTROLS:
        return Kind.SPACE
    category = unicodedata.category(char)
    if category == "Cc":
        return Kind.CONTROL
    if char in _BIDI:
        return Kind.BIDI
    if category == "Cf" or char in _INVISIBLE_EXTRA:
        return Kind.INVISIBLE
    if category == "Zs" or char in _BLANK_SYMBOLS:
        return None if char == IDEOGRAPHIC_SPACE and ideographic_space else Kind.SPACE
    if is_noncharacter(ord(char)):
        return Kind.NONCHARACTER
    if category == "Cs":
        return Kind.SURROGATE
    if category == "Co":
        return Kind.PRIVATE_USE
    if category == "Cn":
        return Kind.UNASSIGNED
    return None


@dataclass(frozen=True)
class Refusal:
    """One refused character and what to tell the editor about it."""

    char: str
    kind: Kind

    @property
    def replacement(self) -> str | None:
        """What ``format`` writes instead (``" "`` or ``""``), or None: left to the editor."""
        return _REPLACEMENTS[self.kind]

    @property
    def message(self) -> str:
        composed = unicodedata.normalize("NFC", self.char)
        return _WHAT[self.kind][0].format(
            name=character_name(self.char), composed=character_name(composed)
        )

    @property
    def hint(self) -> str:
        return _WHAT[self.kind][1]


def refusal(char: str, *, ideographic_space: bool = False) -> Refusal | None:
    kind = kind_of(char, ideographic_space=ideographic_space)
    return Refusal(char, kind) if kind else None


# ``str.isprintable()`` is false for every character of the categories refused above (controls,
# format, surrogates, private use, unassigned, line and paragraph separators, spaces but " "):
# only these "printable" ones must be looked for besides. With a set, not a regular
# expression: a character class this large is searched several times slower over a file.
_PRINTABLE_BUT_REFUSED = _INVISIBLE_EXTRA | _BLANK_SYMBOLS


def refusals(text: str, *, ideographic_space: bool = False) -> Iterator[tuple[int, Refusal]]:
    """Every refused character of ``text`` with its index, in order."""
    if text.isprintable() and _PRINTABLE_BUT_REFUSED.isdisjoint(text):
        return
    for index, char in enumerate(text):
        found = refusal(char, ideographic_space=ideographic_space)
        if found:
            yield index, found


HIDDEN = frozenset({Kind.CONTROL, Kind.BIDI, Kind.INVISIBLE, Kind.NONCHARACTER, Kind.SURROGATE})
"""The kinds of character that show as nothing, or change how what is around them shows (the
ones ``format`` removes): refused wherever they stand in a file, in its comments too. Not the
space-like ones (a tab or a no-break space in a comment hides nothing), nor line breaks (the
file's own, or :func:`legalsite.sources.yamlfile.hidden_line_breaks`)."""


_SEPARATORS = re.compile("[\x1c-\x1f]")


def hidden_characters(text: str) -> Iterator[tuple[int, Refusal]]:
    """Every character of ``text`` of a :data:`HIDDEN` kind with its index, in order."""
    squeezed = "".join(text.split())  # white space: none of it HIDDEN but U+001C-U+001F
    if (
        squeezed.isprintable()
        and _PRINTABLE_BUT_REFUSED.isdisjoint(squeezed)
        and not _SEPARATORS.search(text)
    ):
        return
    for index, char in enumerate(text):
        found = refusal(char)
        if found is not None and found.kind in HIDDEN:
            yield index, found


def undrawable(text: str, drawable: Callable[[int], bool]) -> Iterator[tuple[int, Refusal]]:
    """Every character of ``text`` with its index that the PDFs' font has no glyph for, in
    order: ``drawable`` tells, from the font's character map (read by the layer that reads
    files, :mod:`legalsite.evidence.glyphs`). The ordinary space, tab and line break are always
    drawable: they are the layout's, never a glyph."""
    # Each distinct character asked once (a text has a few hundred, and a long history repeats
    # them version after version); the text walked only when one of them is missing.
    missing = {char for char in set(text) if char not in " \t\n" and not drawable(ord(char))}
    if not missing:
        return
    for index, char in enumerate(text):
        if char in missing:
            yield index, Refusal(char, Kind.UNDRAWABLE)


def is_allowed(text: str, *, ideographic_space: bool = False) -> bool:
    return next(refusals(text, ideographic_space=ideographic_space), None) is None


def fix(text: str, *, ideographic_space: bool = False) -> str:
    """``text`` with every fixable refused character rewritten: space-like → space, invisible,
    control, non-characters and surrogates → removed. Line breaks, private-use and unassigned
    code points stay (``format`` leaves them to the editor)."""
    out = []
    for char in text:
        found = refusal(char, ideographic_space=ideographic_space)
        replacement = found.replacement if found else None
        out.append(char if replacement is None else replacement)
    return "".join(out)


@cache
def _composition_seconds() -> frozenset[str]:
    """Every character that is the second of a canonical composition pair (``e`` + U+0301 →
    ``é``), besides the Hangul vowels and final consonants."""
    seconds = {chr(c) for c in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))}
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                seconds.add(chr(int(parts[1], 16)))
    return frozenset(seconds)


def unnormalized_runs(text: str) -> list[tuple[int, int]]:
    """Where ``text`` is not in Unicode normal form C: each ``(start, end)`` run that NFC writes
    differently (a character with its combining marks, a compatibility ideograph...).

    The text is cut before every starter that cannot compose with what precedes it; NFC never
    reaches across such a cut, so each piece is normalized on its own.
    """
    if unicodedata.is_normalized("NFC", text):
        return []
    seconds = _composition_seconds()
    runs = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and (unicodedata.combining(text[index]) or text[index] in seconds):
            continue
        piece = text[start:index]
        if not unicodedata.is_normalized("NFC", piece):
            runs.append((start, index))
        start = index
    return runs


def allows_ideographic_space(path: Path) -> bool:
    """Whether the YAML file at ``path`` holds Chinese text, where U+3000 is allowed."""
    return path.name == "zh.yaml"


def escape(char: str) -> str:
    """A character as a Python/YAML escape: ``\\t``, ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    code = ord(char)
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    if char in named:
        return named[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` safe to show on a terminal or in a message: every refused character (ESC, BEL,
    bidi controls, line breaks...) written as its escape. U+3000 is shown as itself."""
    return "".join(
        char
        if (keep_newlines and char == "\n") or kind_of(char, ideographic_space=True) is None
        else escape(char)
        for char in text
    )
