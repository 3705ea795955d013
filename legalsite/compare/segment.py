"""Chinese words: jieba's cut of a run of Han characters (without its HMM guesser), reading only
the entries of jieba's dictionary that the runs cut so far can meet.

jieba's own start-up turns all of its dictionary (350,000 words, with their prefixes half a
million entries) into one Python dict: 0.6 s per process, whatever the text. A cut without the
HMM only ever asks the dictionary about substrings of the run it cuts: whether a substring is
a word or the start of one, and a word's frequency (and the total of all frequencies). Every
word that starts with a substring of two or more characters starts with its first two; so a
run's answers are all in the words that start with one of its character pairs, and in the
entries of its single characters. :class:`Segmenter` keeps the dictionary's lines sorted and,
before each cut, reads the lines of the pairs and characters it has not met yet (a binary search
each), then hands the filled-in entries to jieba's own cut: the words are jieba's, exactly (a
test compares every entry with jieba's own dictionary).

The total of the frequencies, which jieba's cut needs and which takes summing every line (most
of the start-up left), is known for jieba's pinned dictionary (:data:`KNOWN_TOTALS`, by the
file's SHA-256; a test checks it is jieba's own): another dictionary's is summed as before.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import sys
import threading
from collections.abc import Iterable
from typing import Protocol

_FREQUENCY = re.compile(r"^[^ \n]+ +(\d+)", re.MULTILINE)
"""A dictionary line's frequency: ``word frequency [tag]``."""

KNOWN_TOTALS = {
    # jieba 0.42.1's dict.txt (the version pyproject.toml pins)
    "7197c3211ddd98962b036cdf40324d1ea2bfaa12bd028e68faa70111a88e12a8": 60101967,
}
"""The sum of every line's frequency (jieba's ``total``) of a dictionary file, by its SHA-256."""


class _Tokenizer(Protocol):
    FREQ: dict[str, int]
    total: int
    initialized: bool

    def cut(self, sentence: str, cut_all: bool = ..., HMM: bool = ...) -> Iterable[str]: ...


class Segmenter:
    """jieba's cut (``HMM=False``) on jieba's default dictionary, filled in as runs need it.

    A private tokenizer: words other code adds to jieba's global one do not change the cut.
    Thread-safe (the preview may cut while it serves)."""

    def __init__(self) -> None:
        import jieba

        tokenizer: _Tokenizer = jieba.Tokenizer()  # reads nothing until initialised
        with tokenizer.get_dict_file() as file:  # type: ignore[attr-defined]
            raw = file.read()
        data = raw.decode("utf-8")
        # jieba's lines are ``word frequency [tag]``; sorted, the lines of the words that start
        # with given characters are one slice (mostly sorted already: this takes milliseconds).
        self._lines = sorted(data.split("\n"))
        self._data = "\n" + data
        self._entries: dict[str, int] = {}
        self._met: set[str] = set()
        self._lock = threading.Lock()
        # jieba's `initialize` would fill FREQ with every entry and compute `total`, the sum
        # of every line's frequency; its cut reads no more than these two.
        tokenizer.FREQ = self._entries
        total = KNOWN_TOTALS.get(hashlib.sha256(raw).hexdigest())
        tokenizer.total = total if total is not None else frequency_total(data)
        tokenizer.initialized = True
        self._tokenizer = tokenizer

    def cut(self, run: str) -> tuple[list[str], dict[str, int]]:
        """jieba's words of ``run`` and the entries (word or prefix → frequency, 0 for a prefix
        that is no word) of every substring of it that is in the dictionary."""
        with self._lock:
            self._meet(run)
            words = list(self._tokenizer.cut(run, HMM=False))
            return words, self._entries

    @property
    def total(self) -> int:
        return self._tokenizer.total

    def _meet(self, run: str) -> None:
        for at, char in enumerate(run):
            if char not in self._met:
                self._met.add(char)
                self._read_character(char)
            pair = run[at : at + 2]
            if len(pair) == 2 and pair not in self._met:
                self._met.add(pair)
                self._read_prefix(pair)

    def _read_character(self, char: str) -> None:
        """A character's entry: its own word's frequency, else 0 if a word starts with it."""
        start = bisect.bisect_left(self._lines, char)
        if start < len(self._lines) and self._lines[start].startswith(char):
            self._entries.setdefault(char, 0)
        self._read_lines(char + " ")  # the lines of the one-character word `char`

    def _read_prefix(self, pair: str) -> None:
        """The words starting with ``pair`` (two characters), and their prefixes."""
        self._read_lines(pair)

    def _read_lines(self, start_with: str) -> None:
        """Every line whose first two characters are ``start_with`` (the lines are sorted):
        those from ``start_with`` up to the pair after it (``ab`` → ``ac``), found by the
        lines' own order, with no key to compute at each step."""
        start = bisect.bisect_left(self._lines, start_with)
        if ord(start_with[1]) < sys.maxunicode:
            after = start_with[0] + chr(ord(start_with[1]) + 1)
            end = bisect.bisect_left(self._lines, after, lo=start)
        else:
            end = bisect.bisect_right(self._lines, start_with, lo=start, key=_first_two)
        previous = None
        for line in self._lines[start:end]:
            word, frequency = line.split(" ", 2)[:2]
            if word == previous:  # a word listed twice: jieba keeps the file's last line
                frequency = self._last_frequency(word)
            self._entries[word] = int(frequency)
            for size in range(1, len(word)):
                self._entries.setdefault(word[:size], 0)
            previous = word

    def _last_frequency(self, word: str) -> str:
        at = self._data.rfind(f"\n{word} ") + len(word) + 2
        line: str = self._data[at : self._data.index("\n", at)]
        return line.split(" ", 1)[0]


def frequency_total(data: str) -> int:
    """The sum of the frequencies of a dictionary's lines (``data``: the file's text)."""
    return sum(map(int, _FREQUENCY.findall(data)))


def _first_two(line: str) -> str:
    return line[:2]
