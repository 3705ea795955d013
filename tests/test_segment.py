"""legalsite.compare.segment: jieba's cut from the dictionary lines a run needs, exactly jieba's."""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.segment import KNOWN_TOTALS, Segmenter, frequency_total
from tests.conftest import examples

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = "\n".join(
    path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("agreements/*/*/zh.yaml"))
)
"""The repository's Chinese texts, as written."""


@cache
def stock() -> jieba.Tokenizer:
    """jieba's own tokenizer with its whole dictionary."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@cache
def characters() -> str:
    """Every first and last character of the dictionary's Chinese words, and the agreement's."""
    chars = {c for word in stock().FREQ for c in (word[0], word[-1]) if "\u4e00" <= c <= "\u9fff"}
    return "".join(sorted(chars | {c for c in AGREEMENT if "\u4e00" <= c <= "\u9fff"}))


def test_every_entry_is_jiebas_once_every_word_is_met() -> None:
    # Meeting every word of the dictionary reads every line: the entries (words with their
    # frequencies, prefixes with 0) and the total are then jieba's own, all 498,113 of them.
    # Meeting a word is what a cut of it reads first (Segmenter._meet); jieba's cut of each of
    # the 349,000 words after it would only repeat test_the_agreement_is_cut_as_jieba_cuts_it.
    segmenter = Segmenter()
    for word in stock().FREQ:
        segmenter._meet(word)
    assert segmenter.cut("")[1] == stock().FREQ
    assert segmenter.total == stock().total


def test_the_pinned_dictionarys_total_is_known_and_is_jiebas() -> None:
    # The Segmenter takes the total from KNOWN_TOTALS instead of summing 350,000 lines: the
    # installed (pinned) dictionary must be listed there, with jieba's own total; a dictionary
    # not listed is summed, to the same total.
    with jieba.Tokenizer().get_dict_file() as file:
        raw = file.read()
    assert KNOWN_TOTALS[hashlib.sha256(raw).hexdigest()] == stock().total
    assert frequency_total(raw.decode("utf-8")) == stock().total


def test_a_word_listed_twice_keeps_the_files_last_frequency() -> None:
    # jieba's dictionary lists B超 twice; its dict keeps the later line.
    segmenter = Segmenter()
    assert segmenter.cut("B超")[1]["B超"] == stock().FREQ["B超"]


def test_the_agreement_is_cut_as_jieba_cuts_it() -> None:
    segmenter = Segmenter()
    for line in AGREEMENT.splitlines():
        assert segmenter.cut(line)[0] == list(stock().cut(line, HMM=False))


@cache
def parts() -> st.SearchStrategy[str]:
    """Dictionary words of two to five characters, and single characters."""
    words = sorted(w for w, f in stock().FREQ.items() if f and 1 < len(w) < 6 and w.isalpha())
    return st.one_of(st.sampled_from(words), st.sampled_from(characters()))


@st.composite
def runs(draw: st.DrawFn) -> str:
    """Runs of Han characters: dictionary words and single characters, glued together."""
    return "".join(draw(st.lists(parts(), min_size=1, max_size=12)))


@pytest.fixture(scope="module")
def shared() -> Segmenter:
    return Segmenter()


@settings(max_examples=examples(300), deadline=None)
@given(run=runs())
def test_any_run_is_cut_as_jieba_cuts_it(shared: Segmenter, run: str) -> None:
    words, entries = shared.cut(run)
    assert words == list(stock().cut(run, HMM=False))
    # Every substring's entry is jieba's (the redline's split rule reads them).
    for start in range(len(run)):
        for end in range(start + 1, len(run) + 1):
            assert entries.get(run[start:end]) == stock().FREQ.get(run[start:end])


def test_a_pair_ending_in_the_last_code_point_is_read_too() -> None:
    # The lines of a pair end before the pair after it (ab → ac); the last code point has none.
    segmenter = Segmenter()
    segmenter.cut("中\U0010ffff")
    assert "中\U0010ffff" not in segmenter.cut("")[1]
