"""The one catalogue of the site's words (legalsite/model/words.py), checked against its users.

mypy checks each literal key (``t(lang, "key")``, ``STRINGS[lang]["key"]``) against
:class:`Words`; these tests check the rest: that every key is used somewhere, that the keys the
package builds at run time exist, and that no template or script has words of its own.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalsite.model import words as catalogue
from legalsite.model.document import LANGS, Lang
from legalsite.model.words import KEYS, STRINGS, Key, Words, format_date, keyed, script_words
from legalsite.plugin.plugin import theme_words

PACKAGE = Path(catalogue.__file__).resolve().parent.parent
SOURCES = sorted(
    path
    for path in PACKAGE.rglob("*")
    if path.suffix in {".py", ".j2", ".html", ".js"}
    and path.name != "words.py"
    and "skeleton" not in path.parts
)
PRESENTATION = [path for path in SOURCES if path.suffix in {".j2", ".html", ".js"}]


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def source_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)


def test_words_and_key_name_the_same_keys_in_the_same_order() -> None:
    assert list(get_args(Key)) == list(Words.__annotations__)
    assert frozenset(Words.__annotations__) == KEYS


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_every_key_and_no_other(lang: Lang) -> None:
    assert list(STRINGS[lang]) == list(Words.__annotations__)
    assert all(isinstance(value, str) and value for value in STRINGS[lang].values())


def test_both_languages_have_the_same_placeholders() -> None:
    fields = re.compile(r"\{(\w*)\}")
    for key in KEYS:
        zh, en = (set(fields.findall(STRINGS[lang][key])) for lang in LANGS)  # type: ignore[literal-required]
        assert zh == en, key


def test_every_key_is_used_by_the_package() -> None:
    text = source_text()
    # Families of keys built at run time: keyed("kind", ...) in Python, T["label_" + ...] in JS.
    words = Path(catalogue.__file__).read_text(encoding="utf-8")
    families = set(re.findall(r'keyed\(\s*"([a-z_]+)"', text + words)) | set(
        re.findall(r'"([a-z_]+)_" \+', text)
    )
    assert families == {
        "kind",
        "label",
        "count",
        "status",
        "list_style",
        "month",
        "ledger_kind",
        "ledger_holds",
    }
    # Every word in quotes (found at every position: quotes may be shared, as in "a","b") and
    # every text.X / T.X, read once, rather than a search of the whole source per key.
    named = set(re.findall(r"(?=[\"'](\w+)[\"'])", text)) | set(
        re.findall(r"\b(?:text|T)\.(\w+)\b", text)
    )
    unused = sorted(
        key
        for key in KEYS
        if key not in named and not any(key.startswith(f"{family}_") for family in families)
    )
    assert unused == []


def test_keyed_refuses_a_family_member_with_no_word() -> None:
    assert keyed("status", "current") == "status_current"
    with pytest.raises(KeyError, match="status_repealed"):
        keyed("status", "repealed")


@pytest.mark.parametrize("path", PRESENTATION, ids=lambda path: path.name)
def test_no_template_or_script_has_chinese_words_of_its_own(path: Path) -> None:
    lines = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HAN.search(line)
    ]
    assert lines == []


@pytest.mark.parametrize(
    "path", [path for path in PRESENTATION if path.suffix != ".js"], ids=lambda path: path.name
)
def test_no_template_has_words_outside_its_jinja_expressions(path: Path) -> None:
    """What a template shows is its ``{{ ... }}`` values; its own text is tags and syntax."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", " ", text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    text = re.sub(r"\A---\n.*?\n---\n", " ", text, flags=re.S)
    if path.name.endswith(".css.j2"):
        text = ""  # a stylesheet: its words are property names
    assert re.findall(r"[^\W\d_]{2,}", text) == []


@pytest.mark.parametrize(
    "path", [path for path in PRESENTATION if path.suffix == ".js"], ids=lambda path: path.name
)
def test_no_script_has_a_phrase_of_its_own(path: Path) -> None:
    """A string literal that reads as words (``"read the new version"``) is a UI word."""
    literals = re.findall(r'"((?:[^"\\\n]|\\.)*)"', path.read_text(encoding="utf-8"))
    phrases = [
        text
        for text in literals
        if text != "use strict" and re.fullmatch(r"[A-Za-z][a-z]+(?: [a-z]+)+[.:,]?", text)
    ]
    assert phrases == []


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_format_date_spells_the_date_in_each_language(day: date) -> None:
    assert format_date("zh", day) == f"{day.year}年{day.month}月{day.day}日"
    assert format_date("en", day) == f"{calendar.month_name[day.month]} {day.day}, {day.year}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_script_gets_its_words_from_the_catalogue(lang: Lang) -> None:
    words = script_words(lang)
    assert words["text"] == {key: STRINGS[lang][key] for key in catalogue.SCRIPT_KEYS}
    assert words["months"] == [STRINGS[lang][keyed("month", str(n))] for n in range(1, 13)]
    page = theme_words(lang, timezone="Asia/Shanghai")
    assert json.loads(page["script"]) == {**words, "timezone": "Asia/Shanghai"}
    script = (PACKAGE / "theme/assets/legalsite.js").read_text(encoding="utf-8")
    for key in catalogue.SCRIPT_KEYS:
        assert f"text.{key}" in script, key
