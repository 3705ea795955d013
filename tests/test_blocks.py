"""Issue 24's blocks: a clause of several paragraphs, lists nested to three levels, verbatim blocks.

Checked on two real bilingual documents nobody here wrote (tests/data/sites/blocks, sources and
licences in their YAML files): Section 2 of the Creative Commons Attribution 4.0 legal code
(lists three deep, a cross-reference to a nested item) and the Mulan Permissive Software
License v2 (five definitions as the paragraphs of one clause, a notice template as a verbatim
block, list styles 1， and i), and with Hypothesis over generated blocks of these kinds
(tests/revisions.py, ``documents(rich=True)``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from legalsite.model.citation import citations
from legalsite.model.document import (
    LANGS,
    Lang,
    ListItem,
    Paragraph,
    Text,
    Verbatim,
    canonical_text,
    numbers,
    walk,
)
from legalsite.plugin.search import text_elements
from legalsite.site.plan import plan
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import load_project
from tests.conftest import SITES

SITE = SITES / "blocks"
TODAY = date(2024, 6, 3)
DAY = date(2025, 7, 1)


@pytest.fixture(scope="module")
def texts() -> dict[str, dict[Lang, Text]]:
    """Each real document's (only) version, by document id."""
    project = load_project(SITE)
    return {d.id: dict(d.versions[-1].texts) for d in project.documents}


# -- The real documents ----------------------------------------------------------------------


def test_nested_items_are_numbered_by_depth_and_cited_through_their_items(
    texts: dict[str, dict[Lang, Text]],
) -> None:
    zh, en = texts["cc-by-4-scope"]["zh"], texts["cc-by-4-scope"]["en"]
    assert [numbers(en)[i] for i in ("s2a", "s2a1", "s2a1b", "s2a5", "s2b3")] == [
        "a.", "1.", "B.", "5.", "3.",
    ]  # fmt: skip
    cited = [citations(zh)[i] for i in ("s2a", "s2a1", "s2a1b", "s2a5a", "s2b3")]
    assert cited == ["第二条第a项", "第二条第a项第1目", "第二条第a项第1目第B点", "第二条第a项第5目第A点",
                     "第二条第b项第3目"]  # fmt: skip
    cited = [citations(en)[i] for i in ("s2a", "s2a1", "s2a1b", "s2a5a", "s2b3")]
    assert cited == [
        "Section 2(a)", "Section 2(a)(1)", "Section 2(a)(1)(B)", "Section 2(a)(5)(A)",
        "Section 2(b)(3)",
    ]  # fmt: skip
    # The source's own "this Section 2(a)(4)", written as a cross-reference to the nested item.
    (item,) = [s.node for s in walk(en) if s.node.id == "s2a4"]
    assert isinstance(item, ListItem)
    assert "authorized by this [Section 2(a)(4)](#s2a4) never" in item.text


def test_the_licence_keeps_its_paragraphs_its_list_styles_and_its_template(
    texts: dict[str, dict[Lang, Text]],
) -> None:
    zh, en = texts["mulan-psl-2"]["zh"], texts["mulan-psl-2"]["en"]
    for text in (zh, en):
        (clause,) = [s.node for s in walk(text) if s.node.id == "definitions"]
        assert isinstance(clause, Paragraph) and len(clause.parts) == 5
    assert [numbers(zh)[i] for i in ("step-fill-in", "step-attach")] == ["1，", "3，"]
    assert [numbers(en)[i] for i in ("step-fill-in", "step-attach")] == ["i", "iii"]
    (template,) = [s.node for s in walk(en) if isinstance(s.node, Verbatim)]
    assert template.text.split("\n")[3:5] == [
        "You may obtain a copy of Mulan PSL v2 at:",
        "            http://license.coscl.org.cn/MulanPSL2 ",
    ]
    (zh_template,) = [s.node for s in walk(zh) if isinstance(s.node, Verbatim)]
    assert zh_template.text.split("\n")[4] == "         http://license.coscl.org.cn/MulanPSL2 "
    assert template.text.endswith("See the Mulan PSL v2 for more details.  \n")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("document", ["cc-by-4-scope", "mulan-psl-2"])
def test_version_page_golden(document: str, lang: Lang, golden: Callable[[str, str], None]) -> None:
    content = plan(load_project(SITE), WorkingCalendar(), TODAY)
    (page,) = [p for p in content.pages if p.lang == lang and p.path == f"{document}/index.md"]
    golden(f"blocks/{document}-{lang}.md", page.content)
    (side,) = [
        p for p in content.pages if p.lang == lang and p.path.endswith("bilingual.md")
        and p.path.startswith(document)
    ]  # fmt: skip
    golden(f"blocks/{document}-{lang}-bilingual.md", side.content)


def test_canonical_text_names_the_nesting_and_keeps_every_line(
    texts: dict[str, dict[Lang, Text]],
) -> None:
    lines = canonical_text(texts["cc-by-4-scope"]["en"], TODAY).split("\n")
    at = lines.index("list s2a1\tordered")
    assert lines[at - 2 : at + 3] == [
        lines[at - 2],
        "number\t1.",
        "list s2a1\tordered",
        "item s2a1a in s2a1\treproduce and Share the Licensed Material, in whole or in part; and",
        "number\tA.",
    ]
    assert lines[at - 2].startswith("item s2a1 in s2a\tSubject to")
    lines = canonical_text(texts["mulan-psl-2"]["en"], TODAY).split("\n")
    at = lines.index("verbatim notice-template")
    assert lines[at + 5] == "line\t            http://license.coscl.org.cn/MulanPSL2 "
    assert lines[at + 8 : at + 10] == ["line\t", ""]  # the final line break, then the end
    at = [i for i, line in enumerate(lines) if line.startswith("paragraph definitions\t")][0]
    assert [line.split("\t")[0] for line in lines[at : at + 6]] == [
        "paragraph definitions", "continued", "continued", "continued", "continued", "section copyright-license",
    ]  # fmt: skip


def test_search_has_an_entry_for_each_nested_item_and_the_template(
    texts: dict[str, dict[Lang, Text]],
) -> None:
    entries = {anchor: plain for anchor, _, plain, _ in text_elements(texts["cc-by-4-scope"]["en"])}
    assert entries["s2a1b"] == "B. produce, reproduce, and Share Adapted Material."
    entries = {anchor: plain for anchor, _, plain, _ in text_elements(texts["mulan-psl-2"]["zh"])}
    assert entries["notice-template"].startswith("Copyright (c) [Year]")
    assert entries["definitions"].count("”是指") == 5  # the five paragraphs, one entry
