"""The search index built from the model (legalsite.plugin.search): tokens, entries, files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import legalsite
from legalsite.model import escape
from legalsite.plugin import search
from legalsite.site.plan import SiteContent, plan
from legalsite.sources.calendar import load_calendar
from legalsite.sources.load import load_project
from tests.conftest import SITES, assemble, examples
from tests.hostile import hostile_text, markup

HAN_TEXT = st.text(
    alphabet=st.sampled_from("用户服务协议产品软件帐账号采採于的了及或武汉数据"), min_size=1
)
MIXED = st.lists(
    st.one_of(
        HAN_TEXT, st.sampled_from(["SCRM", "MaiBang", " ", "，", "。", "(", "2.5", "e-mail"])
    ),
    min_size=1,
    max_size=12,
).map("".join)
SEPARATOR = re.compile(search.SEPARATOR)
HAN = re.compile(f"[{search.HAN}]+")


@settings(max_examples=examples(300))
@given(MIXED)
def test_every_one_and_two_character_han_string_is_a_prefix_of_a_token(text: str) -> None:
    tokens = search.words(text)
    for run in HAN.findall(text):
        for query in {*run, *(run[i : i + 2] for i in range(len(run) - 1))}:
            assert any(token.startswith(query) for token in tokens), (query, tokens)


@settings(max_examples=examples(300))
@given(st.one_of(MIXED, hostile_text(), markup()))
def test_tokens_are_what_the_browser_keeps_whole(text: str) -> None:
    for token in search.words(text):
        assert token and token == token.lower()
        # The browser cuts the field with the same separator: each token stays one token.
        assert [piece for piece in SEPARATOR.split(token) if piece] == [token], token
        # No lone Han character: Material's query segmenter then keeps a two-character query whole.
        assert not HAN.fullmatch(token) or len(token) == 2, token


def test_words_example() -> None:
    assert search.words("用户服务 SCRM系统，MaiBang") == (
        "用户",
        "户服",
        "服务",
        "务$",
        "scrm",
        "系统",
        "统$",
        "maibang",
        "mai",
        "bang",
    )


def test_variants_count_only_where_the_text_mixes_them() -> None:
    assert search.variant_table(["帐户", "账号"])["帐"] == ("帐", "账")
    assert search.variant_table(["账户", "账号"]) == {}
    assert search.words("帐户", search.variant_table(["帐户", "账号"])) == (
        "帐户",
        "账户",
        "户$",
    )


@settings(max_examples=examples(100))
@given(hostile_text(), markup())
def test_entries_are_html_text(title: str, text: str) -> None:
    data = search.Entry("a/#b", title, text, search.words(text)).as_json()
    assert "<" not in data["title"] + data["text"]
    json.loads(escape.json_text(data))


def _content(root: Path, today: date) -> SiteContent:
    return plan(load_project(root), load_calendar(root), today)


def test_each_language_indexes_its_text_in_force_only(tmp_path: Path) -> None:
    content = _content(SITES / "versions", date(2025, 3, 3))
    files = search.index_files(content)
    assert sorted(files) == ["en/search/search_index.json", "search/search_index.json"]
    zh, en = (
        json.loads(files[p]) for p in ("search/search_index.json", "en/search/search_index.json")
    )
    assert zh["config"]["separator"] == search.SEPARATOR
    assert [d["location"] for d in zh["docs"]] == [d["location"] for d in en["docs"]]
    assert zh["docs"][0] == {
        "location": "user-service-agreement/",
        "title": "用户服务协议",
        "text": "",
        "words": "用户 户服 服务 务协 协议 议$",
        "boost": 2.0,
    }
    assert "user-service-agreement/#definitions-1-1" in [d["location"] for d in zh["docs"]]


def test_the_index_does_not_grow_with_archived_versions(tmp_path: Path) -> None:
    # The same text in force, alone or after an archived version: the same index.
    one = tmp_path / "one"
    shutil.copytree(SITES / "versions", one)
    shutil.rmtree(one / "agreements/user-service-agreement/2024-01-01")
    today = date(2025, 3, 3)
    assert search.index_files(_content(one, today)) == search.index_files(
        _content(SITES / "versions", today)
    )


def test_further_languages_read_their_own_index() -> None:
    page = '<script id="__config" type="application/json">{"base": "../..", "x": 1}</script>'
    assert '"base":"../../en/"' in search.retarget_config(page, "en").replace(" ", "")
    assert search.retarget_config(page, "zh") == page


_COUNT_JIEBA_LOADS = """
import json, sys
from datetime import date
from pathlib import Path

import jieba

loads = []
reads = []
original = jieba.Tokenizer.initialize
original_file = jieba.Tokenizer.get_dict_file


def counted(self, dictionary=None):
    if not self.initialized:
        loads.append(id(self))
    return original(self, dictionary)


def read(self):
    reads.append(id(self))
    return original_file(self)


jieba.Tokenizer.initialize = counted
jieba.Tokenizer.get_dict_file = read
from legalsite.commands import actions as commands

commands.build(root=Path(sys.argv[1]), today=date(2025, 3, 3), site_dir=Path(sys.argv[2]), quiet=True)
print(json.dumps({"loads": len(loads), "reads": len(reads), "global": bool(jieba.dt.initialized)}))
"""


def test_a_build_reads_jiebas_dictionary_once(tmp_path: Path) -> None:
    # The redline reads it (its own tokenizer, legalsite.compare.segment), and never makes jieba's
    # whole dictionary (initialize); Material's search, which indexes no page, never loads it.
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    result = subprocess.run(
        [sys.executable, "-c", _COUNT_JIEBA_LOADS, str(root), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "loads": 0,
        "reads": 1,
        "global": False,
    }
    assert (tmp_path / "site/search/search_index.json").is_file()
    assert (tmp_path / "site/en/search/search_index.json").is_file()


def test_the_script_marking_results_knows_the_han_characters_the_index_does() -> None:
    """legalsite.js marks a Chinese query's pieces in the results (issue 25): by the same
    class of Han characters the index segments (one rule, in Python and in the script)."""
    script = (Path(legalsite.__file__).parent / "theme" / "assets" / "legalsite.js").read_text(
        encoding="utf-8"
    )
    (han,) = re.findall(r"var HAN = /\[(.*?)\]/;", script)
    assert han.encode().decode("unicode_escape") == search.HAN.encode().decode("unicode_escape")
