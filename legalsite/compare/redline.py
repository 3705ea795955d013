"""Text-level redline: what changed inside one clause between two versions, in 中文 or English.

The diff itself is :class:`difflib.SequenceMatcher` (``autojunk=False``) over word tokens: English
words, whitespace and punctuation; Chinese words cut by jieba (without its HMM guesser, so the cut
only depends on the dictionary). The raw opcodes are then cleaned up so the result reads like a
lawyer's redline rather than confetti:

0. in Chinese, replaced text is matched again character by character, keeping common runs of two
   or more Han characters that jieba's independent cuts of the two versions hid;
1. a pure insertion or deletion is slid, among equivalent positions, to the best boundary (a
   sentence end rather than the middle of a phrase), as diff-match-patch's "semantic lossless"
   clean-up does;
2. tiny equal islands between two changes (a space, a punctuation mark, one short word or one
   Chinese character) are absorbed into the surrounding deletion and insertion;
3. text common to both sides at the edges of a change is given back to the equal text around it,
   Chinese character by Chinese character (so 武汉市 → 北京市 marks only 武汉 → 北京);
3b. in Chinese, a change that starts or ends inside a word is widened to the whole word on both
   sides (承担 → 负担 is ``[-承担-]{+负担+}``, never ``[-承-]{+负+}担``). A jieba word may only be
   split where both parts are dictionary words and one of them has two or more characters
   (武汉|市, 个人|信息): the common part kept is then a word itself;
4. a sentence whose share of changed characters exceeds ``replace_threshold`` is shown as deleted
   and inserted whole.

The browser's compare page runs the same steps (``docs/assets/legalsite-compare.js``), on the same
jieba cut (:func:`cuts`, shipped in each version's ``text.json``) and the same character classes
(:func:`rules`): one set of rules, two runtimes, cross-checked by the browser tests.

Everything here is pure and deterministic. jieba is imported and its dictionary read on the first
Chinese redline only, and only its entries for the characters met
(:mod:`legalsite.compare.segment`: a
private tokenizer, so words other code adds to jieba's global dictionary, as the search plugin
may, cannot change a redline).
"""

from __future__ import annotations

import array
import bisect
import difflib
import functools
import re
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from legalsite.compare.segment import Segmenter
from legalsite.model.document import Lang
from legalsite.model.escape import html_text, terminal

__all__ = [
    "DEFAULT_REPLACE_THRESHOLD",
    "Lang",
    "Op",
    "Segment",
    "change_ratio",
    "cuts",
    "is_unchanged",
    "marked",
    "new_text",
    "old_text",
    "redline",
    "rules",
    "to_ansi",
    "to_html",
    "to_plain",
    "tokenize",
]

Op = Literal["equal", "delete", "insert"]

# A sentence is shown deleted and inserted whole when more than half of its characters (old and new
# counted together) are changed, that is when the two versions have less text in common than text
# that differs. Below that line the common words outweigh the edits and inline marks say more: a
# changed amount, party or period in an otherwise unchanged sentence stays a small mark (a one-word
# change in a legal sentence is typically under 0.1, a few reworded phrases 0.2 to 0.4). Above it
# the reader would have to reassemble both versions from interleaved fragments, which a rewritten
# sentence shows better whole.
DEFAULT_REPLACE_THRESHOLD = 0.5

_OPS: frozenset[str] = frozenset(("equal", "delete", "insert"))


@dataclass(frozen=True)
class Segment:
    """A run of text common to both versions (equal), only in the old one or only in the new one."""

    op: Op
    text: str

    def __post_init__(self) -> None:
        if self.op not in _OPS:
            raise ValueError(f"unknown redline op {self.op!r}; expected equal, delete or insert")


# --- tokens -----------------------------------------------------------------------------------

# Han ideographs (CJK unified ideographs, extension A, compatibility ideographs, and the
# supplementary planes' extensions). Runs of these go to jieba; everything else is cut like English.
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
_HAN = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES)
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_CHAR = re.compile(f"[{_HAN}]")

# English tokens: a number with its separators (1,000.50), a word with inner apostrophes (Party's),
# a run of whitespace, or any other single character (punctuation, symbols).
_EN_TOKEN = re.compile(
    r"""
      \d+(?:[.,]\d+)*
    | [^\W_]+(?:['’][^\W_]+)*
    | \s+
    | .
    """,
    re.VERBOSE | re.DOTALL,
)


_segmenter: Segmenter | None = None
_segmenter_lock = threading.Lock()


def _zh_segmenter() -> Segmenter:
    """jieba's cut (:class:`legalsite.compare.segment.Segmenter`), made once, on first use."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                _segmenter = Segmenter()
    return _segmenter


def _tokenize_en(text: str) -> list[str]:
    return _EN_TOKEN.findall(text)


# A cut word: its length in characters alone, or the lengths of the dictionary words it may be
# split into (武汉市 → [2, 1]), as shipped to the browser.
Cut = int | list[int]


@functools.lru_cache(maxsize=65536)
def _cut_run(run: str) -> tuple[tuple[int, ...], ...]:
    """jieba's words of a run of Han characters, each as the lengths of its parts.

    A word is kept whole, or split in two where both parts are dictionary words and one has two
    or more characters (武汉市 → 武汉 + 市); of several such points, the one whose parts are the
    most frequent words (the first on a tie)."""
    cut, freq = _zh_segmenter().cut(run)
    words: list[tuple[int, ...]] = []
    for word in cut:
        best: tuple[int, int] | None = None  # (score, split point)
        for point in range(1, len(word)):
            head, tail = freq.get(word[:point], 0), freq.get(word[point:], 0)
            splits = head > 0 and tail > 0 and max(point, len(word) - point) >= 2
            if splits and (best is None or head * tail > best[0]):
                best = (head * tail, point)
        words.append((len(word),) if best is None else (best[1], len(word) - best[1]))
    return tuple(words)


def cuts(text: str, lang: Lang) -> list[Cut]:
    """The jieba cut of every run of Han characters in ``text``, in order (empty in English).

    Each word is its length in characters, or the list of the lengths of the parts a redline
    may split it into. With the text, this is all a redline needs of jieba.
    """
    _check_lang(lang)
    if lang == "en":
        return []
    out: list[Cut] = []
    for run in _HAN_RUN.finditer(text):
        out.extend(parts[0] if len(parts) == 1 else list(parts) for parts in _cut_run(run.group()))
    return out


@dataclass(frozen=True)
class _Analysis:
    """A text cut for the redline: its tokens and, in Chinese, the points inside a word."""

    tokens: list[str]
    inside: dict[int, tuple[int, int]]
    """Offset strictly inside a (part of a) word → the span of that part."""


def _analyse(text: str, lang: Lang, cut: Sequence[Cut]) -> _Analysis:
    """Tokens and word spans of ``text`` from its cut (the browser does the same with the cut
    it is sent)."""
    if lang == "en":
        return _Analysis(_tokenize_en(text), {})
    tokens: list[str] = []
    inside: dict[int, tuple[int, int]] = {}
    pos = 0
    words = iter(cut)
    for run in _HAN_RUN.finditer(text):
        tokens.extend(_tokenize_en(text[pos : run.start()]))
        at = run.start()
        while at < run.end():
            word = next(words)
            parts = [word] if isinstance(word, int) else word
            size = sum(parts)
            tokens.append(text[at : at + size])
            for part in parts:
                for offset in range(at + 1, at + part):
                    inside[offset] = (at, at + part)
                at += part
        pos = run.end()
    tokens.extend(_tokenize_en(text[pos:]))
    return _Analysis(tokens, inside)


def _tokenize_zh(text: str) -> list[str]:
    return _analyse(text, "zh", cuts(text, "zh")).tokens


def tokenize(text: str, lang: Lang) -> list[str]:
    """Cut ``text`` into the tokens the redline compares; ``"".join(tokens) == text``.

    English: words (with inner apostrophes), numbers (with their separators), runs of whitespace,
    and every other character on its own. Chinese: jieba words for runs of Han characters, and the
    rest (Latin words, digits, punctuation) cut as in English.
    """
    _check_lang(lang)
    return _tokenize_zh(text) if lang == "zh" else _tokenize_en(text)


def _units(text: str, lang: Lang) -> list[str]:
    """The finest pieces the clean-up moves text by: English tokens, each Han character alone."""
    if lang == "en":
        return _tokenize_en(text)
    units: list[str] = []
    pos = 0
    for char in _HAN_CHAR.finditer(text):
        units.extend(_tokenize_en(text[pos : char.start()]))
        units.append(char.group())
        pos = char.end()
    units.extend(_tokenize_en(text[pos:]))
    return units


def _every_code_point() -> str:
    """U+0000 to U+10FFFF in order, surrogates included, decoded in one go from UTF-32: the
    Basic Multilingual Plane's 65,536 code units copied to the 17 planes, each plane's number
    then written into its copies' third byte by one slice assignment (a tenth of the time of
    an array of the million code points)."""
    plane = array.array("I", range(0x10000))
    assert plane.itemsize == 4
    if sys.byteorder != "little":
        plane.byteswap()
    units = bytearray(plane.tobytes() * 0x11)
    size = len(units) // 0x11
    for number in range(1, 0x11):
        units[number * size + 2 : (number + 1) * size : 4] = bytes([number]) * 0x10000
    return units.decode("utf-32-le", "surrogatepass")


CHARACTER_CLASSES = ("alnum", "space", "digit")
"""The character classes :func:`rules` gives the browser, as code point ranges."""


@functools.cache
def character_classes() -> dict[str, list[list[int]]]:
    """The character classes of Python's ``re`` and ``str`` as code point ranges (so that both
    runtimes cut and score text alike, whatever their Unicode tables): a scan of every code
    point, which depends on nothing but Python's Unicode version."""
    everything = _every_code_point()

    def ranges(pattern: str) -> list[list[int]]:
        return [[ord(m.group()[0]), ord(m.group()[-1])] for m in re.finditer(pattern, everything)]

    return {
        "alnum": ranges(r"[^\W_]+"),  # str.isalnum and re's [^\W_]
        "space": ranges(r"\s+"),  # str.isspace and re's \s
        "digit": ranges(r"\d+"),  # str.isdecimal and re's \d
    }


def rules(classes: Mapping[str, list[list[int]]] | None = None) -> dict[str, object]:
    """The redline's rules as data, for the browser's copy of the engine: the character classes
    (``classes``, else :func:`character_classes`), and the constants of the clean-up."""
    return {
        **(character_classes() if classes is None else classes),
        "han": [list(r) for r in HAN_RANGES],
        "cjkSentenceEnds": _CJK_SENTENCE_ENDS,
        "asciiSentenceEnds": _ASCII_SENTENCE_ENDS,
        "closers": _CLOSERS,
        "tinyWordChars": dict(_TINY_WORD_CHARS),
        "replaceThreshold": DEFAULT_REPLACE_THRESHOLD,
    }


def _check_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")


# --- the redline ------------------------------------------------------------------------------

# Internally the redline is a list of chunks ``(old, new)``: a chunk with ``old == new`` is common
# text, any other chunk is a change (old replaced by new; either side may be empty). After
# ``_normalize`` chunks alternate between common text and changes and none is empty.
_Chunk = tuple[str, str]


def redline(
    old: str,
    new: str,
    lang: Lang,
    *,
    replace_threshold: float = DEFAULT_REPLACE_THRESHOLD,
) -> list[Segment]:
    """The changes from ``old`` to ``new`` as equal / delete / insert segments.

    Adjacent segments never share an op, no segment is empty, and a replacement is a delete
    followed by an insert. ``replace_threshold`` (0 to 1) is the share of changed characters above
    which a whole sentence is shown deleted and inserted instead of interleaved edits; 1 turns this
    off, 0 replaces every changed sentence whole.
    """
    _check_lang(lang)
    if not 0.0 <= replace_threshold <= 1.0:
        raise ValueError(f"replace_threshold must be between 0 and 1, not {replace_threshold!r}")
    if old == new:
        return [Segment("equal", old)] if old else []

    a, b = (_analyse(text, lang, cuts(text, lang)) for text in (old, new))
    chunks = _diff_tokens(a.tokens, b.tokens)
    if lang == "zh":
        chunks = _refine_chinese(chunks)
    chunks = _slide_edits(chunks, lang)
    chunks = _absorb_islands(chunks, lang)
    chunks = _trim_changes(chunks, lang)
    if lang == "zh":
        chunks = _whole_words(chunks, a.inside, b.inside)
    chunks = _replace_sentences(chunks, replace_threshold)
    chunks = _absorb_islands(chunks, lang)
    return _segments(chunks)


def _diff_tokens(a: list[str], b: list[str]) -> list[_Chunk]:
    """SequenceMatcher's opcodes as chunks. The common head and tail are set aside first: with
    autojunk off, frequent tokens (spaces, 的) make the matcher slow on long texts, and most
    redlines are a few edits in a long clause."""
    limit = min(len(a), len(b))
    head = 0
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_mid, b_mid = a[head : len(a) - tail], b[head : len(b) - tail]
    matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
    prefix, suffix = "".join(a[:head]), "".join(a[len(a) - tail :])
    return _normalize(
        [
            (prefix, prefix),
            *(
                ("".join(a_mid[i1:i2]), "".join(b_mid[j1:j2]))
                for _, i1, i2, j1, j2 in matcher.get_opcodes()
            ),
            (suffix, suffix),
        ]
    )


def _normalize(chunks: Iterable[_Chunk]) -> list[_Chunk]:
    """Drop empty chunks and merge neighbours of the same kind (two changes may merge into text)."""
    out: list[_Chunk] = []
    for old, new in chunks:
        if not old and not new:
            continue
        while out and (out[-1][0] == out[-1][1]) == (old == new):
            prev_old, prev_new = out.pop()
            old, new = prev_old + old, prev_new + new
        out.append((old, new))
    return out


def _segments(chunks: Sequence[_Chunk]) -> list[Segment]:
    segments: list[Segment] = []
    for old, new in chunks:
        if old == new:
            segments.append(Segment("equal", old))
            continue
        if old:
            segments.append(Segment("delete", old))
        if new:
            segments.append(Segment("insert", new))
    return segments


# Step 0 (Chinese): find the common words jieba's cut hides.


def _refine_chinese(chunks: list[_Chunk]) -> list[_Chunk]:
    """Match replaced Chinese text again, character by character, keeping common runs of two or
    more Han characters.

    jieba cuts each version on its own, so a common word can be hidden inside a longer one
    (退还 in 不予退还 against 退还给您). Single common characters are not kept: they are mostly
    particles (的, 并) and would make confetti.
    """
    out: list[_Chunk] = []
    for old, new in chunks:
        if old == new or not old or not new:
            out.append((old, new))
            continue
        a, b = _units(old, "zh"), _units(new, "zh")
        i = j = 0
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for block in matcher.get_matching_blocks():
            common = "".join(a[block.a : block.a + block.size])
            if len(_HAN_CHAR.findall(common)) < 2:
                continue
            out.append(("".join(a[i : block.a]), "".join(b[j : block.b])))
            out.append((common, common))
            i, j = block.a + block.size, block.b + block.size
        out.append(("".join(a[i:]), "".join(b[j:])))
    return _normalize(out)


# Step 1: slide pure insertions and deletions to the best boundary.

_CJK_SENTENCE_ENDS = "。！？；"
_ASCII_SENTENCE_ENDS = ".!?;"
_BLANK_LINE_END = re.compile(r"\n\r?\n\Z")
_BLANK_LINE_START = re.compile(r"\A\r?\n\r?\n")


def _boundary_score(left: str, right: str) -> int:
    """How good a place the point between ``left`` and ``right`` is for an edit to start or end.

    diff-match-patch's semantic score, taught that Chinese sentences end without a space.
    """
    if not left or not right:
        return 6
    c1, c2 = left[-1], right[0]
    if _BLANK_LINE_END.search(left) or _BLANK_LINE_START.match(right):
        return 5
    if c1 in "\r\n" or c2 in "\r\n":
        return 4
    if c1 in _CJK_SENTENCE_ENDS or (c1 in _ASCII_SENTENCE_ENDS and c2.isspace()):
        return 3
    if c1.isspace() or c2.isspace():
        return 2
    if not c1.isalnum() or not c2.isalnum():
        return 1
    return 0


def _slide_edits(chunks: list[_Chunk], lang: Lang) -> list[_Chunk]:
    """Move each insertion or deletion between two equal runs to its best-scoring position.

    ``ab{+cab+}d`` and ``{+abc+}abd`` say the same thing; this picks the placement whose edges fall
    on the strongest boundaries (the rightmost of equals), keeping the matcher's own placement
    unless another is strictly better. Text moves by whole units, so a word is never split.
    """
    out = list(chunks)
    for i in range(1, len(out) - 1):
        old, new = out[i]
        if old == new or (old and new):
            continue
        # Chunks alternate, so out[i - 1] and out[i + 1] are common text.
        before, edit, after = (
            _units(out[i - 1][0], lang),
            _units(old or new, lang),
            _units(out[i + 1][0], lang),
        )
        original = 0  # the matcher's placement, counted from the leftmost one
        while before and edit and before[-1] == edit[-1]:
            after.insert(0, edit.pop())
            edit.insert(0, before.pop())
            original += 1
        placements: list[tuple[str, str, str]] = []
        while True:
            placements.append(("".join(before), "".join(edit), "".join(after)))
            if not (edit and after and edit[0] == after[0]):
                break
            before.append(edit.pop(0))
            edit.append(after.pop(0))
        scores = [_boundary_score(b, e) + _boundary_score(e, a) for b, e, a in placements]
        best = max(scores)
        if scores[original] == best:
            continue
        b, e, a = placements[max(k for k, score in enumerate(scores) if score == best)]
        out[i - 1] = (b, b)
        out[i] = (e, "") if old else ("", e)
        out[i + 1] = (a, a)
    return _normalize(out)


# Step 2: absorb tiny common islands between two changes.

# Longest word that still counts as a tiny island: an English article or preposition ("a", "of",
# "the", "and"); in Chinese a single character (的, 并, 至).
_TINY_WORD_CHARS: dict[Lang, int] = {"en": 3, "zh": 1}


def _is_tiny(text: str, lang: Lang) -> bool:
    """Common text too small to be worth showing between two changes: whitespace, punctuation and
    at most one short word. A line break is never tiny: a change must not run across paragraphs."""
    if "\n" in text or "\r" in text:
        return False
    words = [unit for unit in _units(text, lang) if any(char.isalnum() for char in unit)]
    return not words or (len(words) == 1 and len(words[0]) <= _TINY_WORD_CHARS[lang])


def _absorb_islands(chunks: list[_Chunk], lang: Lang) -> list[_Chunk]:
    """``[-a-]{+b+} [-c-]{+d+}`` becomes ``[-a c-]{+b d+}``: one change instead of confetti."""
    out: list[_Chunk] = []
    i = 0
    while i < len(chunks):
        old, new = chunks[i]
        if old == new and out and i + 1 < len(chunks) and _is_tiny(old, lang):
            # Chunks alternate: out[-1] and chunks[i + 1] are changes.
            prev_old, prev_new = out.pop()
            next_old, next_new = chunks[i + 1]
            out.append((prev_old + old + next_old, prev_new + new + next_new))
            i += 2
        else:
            out.append((old, new))
            i += 1
    return _normalize(out)


# Step 3: give text common to both sides of a change back to the equal text around it.


def _trim_changes(chunks: list[_Chunk], lang: Lang) -> list[_Chunk]:
    """``[-武汉市-]{+北京市+}`` becomes ``[-武汉-]{+北京+}市``.

    Jieba's words are good units for matching but can be longer than the change; trimming by
    units (English tokens, single Han characters) marks only what differs, without ever splitting
    an English word or a number.
    """
    out: list[_Chunk] = []
    for old, new in chunks:
        if old == new or not old or not new:
            out.append((old, new))
            continue
        old_units, new_units = _units(old, lang), _units(new, lang)
        limit = min(len(old_units), len(new_units))
        head = 0
        while head < limit and old_units[head] == new_units[head]:
            head += 1
        tail = 0
        while tail < limit - head and old_units[-1 - tail] == new_units[-1 - tail]:
            tail += 1
        prefix = "".join(old_units[:head])
        suffix = "".join(old_units[len(old_units) - tail :])
        out.append((prefix, prefix))
        out.append(
            (
                "".join(old_units[head : len(old_units) - tail]),
                "".join(new_units[head : len(new_units) - tail]),
            )
        )
        out.append((suffix, suffix))
    return _normalize(out)


# Step 3b (Chinese): whole words.


def _whole_words(
    chunks: list[_Chunk], old: dict[int, tuple[int, int]], new: dict[int, tuple[int, int]]
) -> list[_Chunk]:
    """Widen each change whose edge falls inside a word (of either version) to the whole word,
    taking the same characters from the common text on both sides: ``败诉方[-承-]{+负+}担``
    becomes ``败诉方[-承担-]{+负担+}``. ``old`` and ``new`` map the offsets inside the words
    of each version (:class:`_Analysis`)."""
    out = list(chunks)
    while True:
        widened = False
        o = n = 0
        for i, (a, b) in enumerate(out):
            if a == b:
                o, n = o + len(a), n + len(b)
                continue
            if i > 0:
                need = max(o - old.get(o, (o, o))[0], n - new.get(n, (n, n))[0])
                if need:
                    common = out[i - 1][0]
                    keep = common[: max(len(common) - need, 0)]
                    moved = common[len(keep) :]
                    out[i - 1] = (keep, keep)
                    out[i] = (moved + a, moved + b)
                    widened = True
                    break
            end_o, end_n = o + len(a), n + len(b)
            if i + 1 < len(out):
                need = max(old.get(end_o, (end_o, end_o))[1] - end_o,
                           new.get(end_n, (end_n, end_n))[1] - end_n)  # fmt: skip
                if need:
                    common = out[i + 1][0]
                    moved, keep = common[:need], common[need:]
                    out[i] = (a + moved, b + moved)
                    out[i + 1] = (keep, keep)
                    widened = True
                    break
            o, n = end_o, end_n
        if not widened:
            return out
        out = _normalize(out)


# Step 4: show mostly rewritten sentences whole.

_CLOSERS = "”’\"'）)」』】"
# Where a sentence ends: after 。！？； (with any closing quotes or brackets), after . ! ? ; when a
# space, the end of the text or a Han character follows (Chinese text with half-width punctuation),
# and at a line break. Any point in the whitespace after the end is a place to cut.
_SENTENCE_END = re.compile(
    rf"""
      (?P<mark>
          [{_CJK_SENTENCE_ENDS}][{_CLOSERS}]*
        | [{_ASCII_SENTENCE_ENDS}][{_CLOSERS}]*(?=\s|[{_HAN}]|\Z)
      )\s*
    | [^\S\n]*\n\s*
    """,
    re.VERBOSE,
)


def _sentence_cuts(text: str) -> list[int]:
    """Sorted offsets in ``text`` where one sentence may end and the next begin."""
    cuts: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        first = match.end("mark") if match.group("mark") is not None else match.start()
        cuts.extend(range(first, match.end() + 1))
    return cuts


def _sentences(chunks: Sequence[_Chunk]) -> list[list[_Chunk]]:
    """Group the chunks into sentences.

    Sentences end at the points where both versions end a sentence: inside common text, or
    right after a change (an inserted sentence is a sentence of its own).
    """
    old_cuts = _sentence_cuts("".join(old for old, _ in chunks))
    old_cut_set = set(old_cuts)
    new_cuts = set(_sentence_cuts("".join(new for _, new in chunks)))
    sentences: list[list[_Chunk]] = [[]]
    o = n = 0  # offsets of the current chunk in the old and the new text
    for old, new in chunks:
        if old != new:
            sentences[-1].append((old, new))
            o, n = o + len(old), n + len(new)
            if o in old_cut_set and n in new_cuts:
                sentences.append([])
            continue
        start = 0
        for cut in old_cuts[
            bisect.bisect_right(old_cuts, o) : bisect.bisect_right(old_cuts, o + len(old))
        ]:
            offset = cut - o
            if n + offset in new_cuts:
                sentences[-1].append((old[start:offset], old[start:offset]))
                sentences.append([])
                start = offset
        sentences[-1].append((old[start:], old[start:]))
        o, n = o + len(old), n + len(old)
    return [_normalize(sentence) for sentence in sentences]


def _replace_sentences(chunks: list[_Chunk], threshold: float) -> list[_Chunk]:
    out: list[_Chunk] = []
    for sentence in _sentences(chunks):
        if _chunk_ratio(sentence) <= threshold:
            out.extend(sentence)
            continue
        # Whitespace around the sentence stays common text.
        first, last = sentence[0][0], sentence[-1][0]
        lead = first[: len(first) - len(first.lstrip())] if _is_equal(sentence[0]) else ""
        trail = last[len(last.rstrip()) :] if _is_equal(sentence[-1]) else ""
        old = "".join(o for o, _ in sentence)
        new = "".join(n for _, n in sentence)
        out.append((lead, lead))
        out.append((old[len(lead) : len(old) - len(trail)], new[len(lead) : len(new) - len(trail)]))
        out.append((trail, trail))
    return _normalize(out)


def _is_equal(chunk: _Chunk) -> bool:
    return chunk[0] == chunk[1]


def _chunk_ratio(chunks: Sequence[_Chunk]) -> float:
    changed = sum(len(old) + len(new) for old, new in chunks if old != new)
    total = sum(len(old) + len(new) for old, new in chunks)
    return changed / total if total else 0.0


# --- reading a redline --------------------------------------------------------------------------


def old_text(segments: Sequence[Segment]) -> str:
    """The old version: the common and the deleted text."""
    return "".join(s.text for s in segments if s.op != "insert")


def new_text(segments: Sequence[Segment]) -> str:
    """The new version: the common and the inserted text."""
    return "".join(s.text for s in segments if s.op != "delete")


def is_unchanged(segments: Sequence[Segment]) -> bool:
    """True when the two versions are the same text (no deletion and no insertion)."""
    return all(s.op == "equal" for s in segments)


def change_ratio(segments: Sequence[Segment]) -> float:
    """Changed characters over all characters of both versions: 0 unchanged, 1 nothing in common."""
    changed = sum(len(s.text) for s in segments if s.op != "equal")
    total = sum(len(s.text) * (2 if s.op == "equal" else 1) for s in segments)
    return changed / total if total else 0.0


# --- rendering ----------------------------------------------------------------------------------


def marked(
    segments: Iterable[Segment],
    *,
    encode: Callable[[str], str],
    delete: tuple[str, str],
    insert: tuple[str, str],
) -> str:
    """The one walk that writes a redline: every segment's text through ``encode``, a deletion
    between the two strings of ``delete``, an insertion between those of ``insert``."""
    around: dict[Op, tuple[str, str]] = {"equal": ("", ""), "delete": delete, "insert": insert}
    parts: list[str] = []
    for s in segments:
        before, after = around[s.op]
        parts.append(f"{before}{encode(s.text)}{after}")
    return "".join(parts)


def to_html(segments: Sequence[Segment], *, encode: Callable[[str], str] = html_text) -> str:
    """``<del>…</del>`` and ``<ins>…</ins>`` around the changes; every text through ``encode``
    (:func:`legalsite.model.escape.html_text` for a page, ``gfm_text`` for GitHub Markdown)."""
    return marked(segments, encode=encode, delete=("<del>", "</del>"), insert=("<ins>", "</ins>"))


_RED_STRIKE = "\x1b[31;9m"
_GREEN_UNDERLINE = "\x1b[32;4m"
_RESET = "\x1b[0m"


def to_ansi(segments: Sequence[Segment]) -> str:
    """For a terminal: deletions red and struck through inside ``[-…-]``, insertions green and
    underlined inside ``{+…+}`` (the brackets keep it readable without colour). Control, bidi
    and other hidden characters in the text are shown as escapes (``\\x1b``, ``\\u202e``,
    :func:`legalsite.model.escape.terminal`): only the colour codes added here reach the
    terminal."""
    return marked(
        segments,
        encode=terminal,
        delete=(f"{_RED_STRIKE}[-", f"-]{_RESET}"),
        insert=(f"{_GREEN_UNDERLINE}{{+", f"+}}{_RESET}"),
    )


def to_plain(segments: Sequence[Segment]) -> str:
    """``[-deleted-]{+inserted+}`` markers around the changes, no colour (git's word-diff style);
    hidden characters shown as escapes, as in :func:`to_ansi`."""
    return marked(segments, encode=terminal, delete=("[-", "-]"), insert=("{+", "+}"))
