"""The plugin's labels (languages' names in mkdocs.yml) follow the editors' character rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from legalsite.model import characters
from legalsite.plugin.config import is_plain_label
from tests.hostile import ORDINARY, markup, ordinary, refused_character


@given(ordinary(), refused_character(), st.integers(0, 10))
def test_a_label_with_a_refused_character_is_refused(word: str, char: str, at: int) -> None:
    assert characters.kind_of(char, ideographic_space=True) is not None or char == "\u3000"
    label = word[:at] + char + word[at:]
    if char != "\u3000" or label != label.strip():
        assert not is_plain_label(label)


@given(ordinary(), markup())
def test_a_label_with_markup_is_refused(word: str, payload: str) -> None:
    if any(ch in payload for ch in "<>&\"'`") or not characters.is_allowed(
        payload, ideographic_space=True
    ):
        assert not is_plain_label(word + payload)


@given(st.lists(st.sampled_from([*ORDINARY, "中文", "English", "日本語"]), min_size=1, max_size=4))
def test_plain_words_are_a_label(words: list[str]) -> None:
    assert is_plain_label(" ".join(words))
    assert is_plain_label("\u3000".join(words))
