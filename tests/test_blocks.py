"""Issue 24's blocks: a clause of several paragraphs, lists nested to three levels, verbatim blocks.

Checked on two real bilingual documents nobody here wrote (tests/data/sites/blocks, sources and
licences in their YAML files): Section 2 of the Creative Commons Attribution 4.0 legal code
(lists three deep, a cross-reference to a nested item) and the Mulan Permissive Software
License v2 (five definitions as the paragraphs of one clause, a notice template as a verbatim
block, list styles 1， and i), and with Hypothesis over generated blocks of these kinds
(tests/revisions.py, ``documents(rich=True)``).
"""

from __future__ import annotations

import dataclasses
import html.parser
import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import cast

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.account import account, heading
from legalsite.compare.diff import compare
from legalsite.evidence import docx, pdf
from legalsite.model.citation import citations
from legalsite.model.document import (
    LANGS,
    Document,
    Lang,
    ListItem,
    Paragraph,
    Section,
    Summary,
    Text,
    Verbatim,
    Version,
    canonical_text,
    clause_of,
    numbers,
    timeline,
    walk,
)
from legalsite.model.errors import LegalsiteError
from legalsite.model.words import format_date
from legalsite.plugin import rawhtml
from legalsite.plugin.search import text_elements
from legalsite.site.changes import changes_page
from legalsite.site.plan import plan, publication_dates
from legalsite.site.render import text_body
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.drift import drifts
from legalsite.sources.load import load_project
from tests import docxtext, pdftext
from tests.conftest import CONFIG, SITES, examples, run_cli
from tests.revisions import (
    becomes,
    documents,
    replace_node,
    rich_revisions,
    verbatim_texts,
    write_version,
)

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
    at = next(i for i, line in enumerate(lines) if line.startswith("paragraph definitions\t"))
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


# -- validate --------------------------------------------------------------------------------

VERSION = "agreements/doc/2024-01-01"
BASE = """\
title: {title}
sections:
- id: terms
  title: {section}
  blocks:
  - id: terms-1
    paragraphs:
{paragraphs}
  - id: steps
    list: ordered
    items:
    - id: step-1
      text: {item}
      list: bulleted
      items:
      - id: step-1-1
        text: {item}
        list: ordered
        style: (i)
        items:
        - id: step-1-1-1
          text: {item}
  - id: template
    verbatim: |
      Dear [name],
          {item}
"""


def _site(tmp_path: Path, zh: str, en: str) -> Path:
    shutil.copy2(CONFIG, tmp_path / "mkdocs.yml")
    folder = tmp_path / VERSION
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zh.yaml").write_text(zh, encoding="utf-8")
    (folder / "en.yaml").write_text(en, encoding="utf-8")
    return tmp_path


def _texts(**changes: str) -> tuple[str, str]:
    zh = BASE.format(
        title="协议", section="条款", item="第一项", paragraphs="    - 甲。\n    - 乙。"
    )
    en = BASE.format(title="Terms", section="Terms", item="first", paragraphs="    - One.")
    return zh, en


VERBATIM_BREAK = (
    "line break {}: a verbatim block's lines end with an ordinary line break\n    hint: write "
    "the block as a YAML | block, each of its lines on a line of the file, without an escape "
    "such as \\r; other line breaks read differently in each program"
)


def _errors(root: Path) -> list[str]:
    with pytest.raises(LegalsiteError) as info:
        load_project(root)
    return [str(p) for p in info.value.problems]


def test_paragraph_counts_may_differ_between_the_languages(tmp_path: Path) -> None:
    (document,) = load_project(_site(tmp_path, *_texts())).documents
    texts = document.versions[0].texts
    (zh_clause, en_clause) = (
        next(s.node for s in walk(texts[lang]) if s.node.id == "terms-1") for lang in LANGS
    )
    assert isinstance(zh_clause, Paragraph) and zh_clause.parts == ("甲。", "乙。")
    assert isinstance(en_clause, Paragraph) and en_clause.parts == ("One.",)
    assert numbers(texts["en"])["step-1-1-1"] == "(i)"
    template = next(s.node for s in walk(texts["en"]) if isinstance(s.node, Verbatim))
    assert template.text == "Dear [name],\n    first\n"


@pytest.mark.parametrize(
    ("zh_old", "zh_new", "message"),
    [
        (
            "    - 甲。\n    - 乙。",
            "      []",
            f"{VERSION}/zh.yaml:8:7: 'sections[1].blocks[1].paragraphs' is an empty list\n"
            "    hint: add at least one element",
        ),
        (
            "    - 甲。\n    - 乙。",
            "    - 甲。\n    - ' '",
            f"{VERSION}/zh.yaml:9:7: the text is blank\n    hint: write the text",
        ),
        (
            "    - 甲。\n    - 乙。",
            "    - 甲。\n    - <b>乙</b>",
            f"{VERSION}/zh.yaml:9:7: raw HTML '<b>' is not allowed in clause text (at '<b>乙</b>')"
            "\n    hint: use *emphasis*, **strong** or [text](https://...) instead of HTML tags",
        ),
    ],
)
def test_a_clauses_paragraphs_are_checked_each_where_it_stands(
    tmp_path: Path, zh_old: str, zh_new: str, message: str
) -> None:
    zh, en = _texts()
    assert _errors(_site(tmp_path, zh.replace(zh_old, zh_new), en)) == [message]


DEEP = """\
      - id: step-1-1-1
        text: {item}
        list: ordered
        items:
        - id: step-1-1-1-1
          text: {item}
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "        - id: step-1-1-1\n          text: first\n",
            "        - id: step-1-1-1\n          text: first\n          list: ordered\n"
            "          items:\n          - id: step-1-1-1-1\n            text: fourth\n",
            f"{VERSION}/en.yaml:23:17: list item 'step-1-1-1' holds a list 4 levels deep: lists "
            "nest at most 3 levels\n    hint: make its items items of the list above, or write "
            "them into the item's text",
        ),
        (
            "      list: bulleted\n      items:\n",
            "      list: bulleted\n      itemz:\n",
            f"{VERSION}/en.yaml:15:7: unknown field 'itemz' in "
            "'sections[1].blocks[2].items[1]'\n    hint: did you mean 'items'?",
        ),
        (
            "      text: first\n      list: bulleted\n",
            "      list: bulleted\n",
            f"{VERSION}/en.yaml:12:7: missing field 'text' in "
            "'sections[1].blocks[2].items[1]'\n    hint: add `text: ...` with the clause text",
        ),
        (
            "    - id: step-1\n      text: first\n      list: bulleted\n",
            "    - id: step-1\n      text: first\n      style: a)\n",
            f"{VERSION}/en.yaml:12:7: list item 'step-1' holds a list without 'list'\n"
            "    hint: an item's own list needs both `list: ordered` (or bulleted) and `items:`",
        ),
        (
            "    verbatim: |\n      Dear [name],\n          first\n",
            "    verbatim: |\n      Dear [name],\n      \t  first\n",
            f"{VERSION}/en.yaml:26:7: tab character in indentation\n"
            "    hint: indent with spaces only (2 per level)",
        ),
        (
            "    verbatim: |\n      Dear [name],\n",
            "    verbatim: |\n      Dear\t[name],\n",
            f"{VERSION}/en.yaml:25:11: space character U+0009: only the "
            "ordinary space is allowed\n    hint: it looks like a space but compares different, "
            "so the text would show as changed with nothing visible: type an ordinary space; "
            "`legalsite format` fixes it",
        ),
        (
            "    verbatim: |\n      Dear [name],\n",
            "    verbatim: |\n      Dear \u202e[name],\n",
            f"{VERSION}/en.yaml:25:12: invisible or direction-changing character U+202E "
            "RIGHT-TO-LEFT OVERRIDE\n    hint: delete it: such characters can hide or reorder "
            "words of a legal text; `legalsite format` fixes it",
        ),
        (
            "    verbatim: |\n      Dear [name],\n          first\n",
            '    verbatim: "  \\n  "\n',
            f"{VERSION}/en.yaml:24:15: the text is blank\n    hint: write the text",
        ),
        (
            "    verbatim: |\n      Dear [name],\n          first\n",
            '    verbatim: "Dear\\r[name]"\n',
            # A verbatim block's lines are its content: "a text is one line, no | block" was
            # the opposite of what to do.
            f"{VERSION}/en.yaml:24:15: {VERBATIM_BREAK.format('U+000D')}",
        ),
        (
            "    - id: step-1\n      text: first\n      list: bulleted\n      items:\n"
            "      - id: step-1-1\n",
            "    - id: step-1\n      text: first\n      list: bulleted\n      items:\n"
            "      - id: step-1\n",
            f"{VERSION}/en.yaml:16:13: duplicate id 'step-1' (first used at line 12)\n"
            "    hint: every section, clause, list item and table row needs its own id",
        ),
    ],
)
def test_nested_lists_and_verbatim_blocks_are_checked_where_they_stand(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    zh, en = _texts()
    assert old in en
    assert _errors(_site(tmp_path, zh, en.replace(old, new))) == [message]


@settings(max_examples=examples(20))
@given(
    st.sampled_from(
        [
            ("\\r", "U+000D"),
            ("\\N", "U+0085"),
            ("\\L", "U+2028 LINE SEPARATOR"),
            ("\\P", "U+2029 PARAGRAPH SEPARATOR"),
        ]
    ),
    st.text(alphabet="Dear [name], ", max_size=8),
)
def test_a_verbatim_blocks_line_break_other_than_lf_is_refused_as_such(
    tmp_path_factory: pytest.TempPathFactory, escape: tuple[str, str], before: str
) -> None:
    """Every line break but LF, written as a YAML escape in a verbatim block, is refused with
    the verbatim block's own words, at the block."""
    written, name = escape
    zh, en = _texts()
    old = "    verbatim: |\n      Dear [name],\n          first\n"
    assert old in en
    new = f'    verbatim: "{before}{written}x"\n'
    root = _site(tmp_path_factory.mktemp("v"), zh, en.replace(old, new))
    assert _errors(root) == [f"{VERSION}/en.yaml:24:15: {VERBATIM_BREAK.format(name)}"]


def test_the_languages_must_nest_their_lists_alike(tmp_path: Path) -> None:
    zh, en = _texts()
    flat = en.replace(
        "      list: bulleted\n      items:\n      - id: step-1-1\n", "    - id: step-1-1\n"
    )
    flat = flat.replace(
        "\n        text: first\n        list: ordered\n        style: (i)\n        items:\n",
        "\n      text: first\n      list: ordered\n      style: (i)\n      items:\n",
    )
    assert _errors(_site(tmp_path, zh, flat)) == [
        f"{VERSION}/en.yaml:12:11: structure differs from {VERSION}/zh.yaml here: zh has list "
        "item 'step-1' holding a bulleted list, list item 'step-1-1' holding an ordered list in "
        "list item 'step-1'; en has list item 'step-1', list item 'step-1-1' holding an ordered "
        "list\n    hint: both languages need the same sections, clauses, lists, items and rows, "
        "with the same ids, in the same order"
    ]


def test_format_fixes_a_verbatim_blocks_characters_and_keeps_its_lines(tmp_path: Path) -> None:
    zh, en = _texts()
    en = en.replace(
        "      Dear [name],\n          first\n", "      Dear\u200b [name],\n      \t  first\n"
    )
    root = _site(tmp_path, zh, en)
    assert len(_errors(root)) == 2
    ran = run_cli(root, "format")
    assert ran.returncode == 0, ran.stderr
    fixed = (root / VERSION / "en.yaml").read_text(encoding="utf-8")
    assert "    verbatim: |\n      Dear [name],\n         first\n" in fixed
    (document,) = load_project(root).documents
    template = next(
        s.node for s in walk(document.versions[0].texts["en"]) if s.node.id == "template"
    )
    assert isinstance(template, Verbatim) and template.text == "Dear [name],\n   first\n"
    assert run_cli(root, "format").stdout.startswith("0 character(s) fixed in 0 file(s)")


# -- The one account of a change ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "entry"),
    [
        ("zh", "修改 条款 第0条第1款"),
        ("en", "Changed clause Section 0, paragraph 1"),
    ],
)
def test_a_changed_paragraph_is_a_change_of_its_clause(
    texts: dict[str, dict[Lang, Text]], lang: Lang, entry: str
) -> None:
    old = texts["mulan-psl-2"][lang]

    def reword(node: object) -> object:
        assert isinstance(node, Paragraph)
        parts = list(node.parts)
        parts[2] = (
            parts[2].replace("Contributor", "Contributor (a person)").replace("自然人", "个人")
        )
        return clause_of(node.id, tuple(parts))

    result = account(compare(old, replace_node(old, "definitions", reword)))
    assert [heading(e) for e in result.entries] == [entry]
    (changed,) = result.entries
    deleted = "".join(s.text for s in changed.segments if s.op == "delete")
    assert deleted in ("自然人", "")  # the change is inside the third paragraph only
    assert sum(1 for s in changed.segments if s.op != "equal") <= 2


def test_a_nested_item_added_removed_and_renumbered_is_cited_by_its_number(
    texts: dict[str, dict[Lang, Text]],
) -> None:
    for lang, removed, renumbered, added in (
        (
            "zh",
            "删除 列表项 第二条第a项第1目第A点",
            "重新编号 列表项 第二条第a项第1目第A点 （第B项 → 第A项）",
            "新增 列表项 第二条第a项第1目第A点",
        ),
        (
            "en",
            "Removed list item Section 2(a)(1)(A)",
            "Renumbered list item Section 2(a)(1)(A) (item B → item A)",
            "Added list item Section 2(a)(1)(A)",
        ),
    ):
        old = texts["cc-by-4-scope"][cast(Lang, lang)]
        new = replace_node(old, "s2a1a", lambda _: None)
        assert [heading(e) for e in account(compare(old, new)).entries] == [removed, renumbered]
        # Added back: the addition says its number, the item after it its new one.
        assert next(heading(e) for e in account(compare(new, old)).entries) == added


def test_moving_an_item_into_another_items_list_is_a_move(
    texts: dict[str, dict[Lang, Text]],
) -> None:
    old = texts["cc-by-4-scope"]["en"]
    moved = next(s.node for s in walk(old) if s.node.id == "s2b2")
    assert isinstance(moved, ListItem)
    new = replace_node(old, "s2b2", lambda _: None)

    def host(node: object) -> object:
        assert isinstance(node, ListItem) and node.sublist is not None
        return dataclasses.replace(
            node, sublist=dataclasses.replace(node.sublist, items=(*node.sublist.items, moved))
        )

    new = replace_node(new, "s2a5", host)
    result = account(compare(old, new))
    assert [e.status for e in result.entries if e.id == "s2b2"] == ["moved"]
    assert [heading(e) for e in result.entries] == [
        "Moved list item Section 2(a)(5)(C) (moved from Section 2(b)(2) to Section 2(a)(5)(C))",
        "Renumbered list item Section 2(b)(2) (item 3 → item 2)",
    ]
    assert "list s2a5\tordered" in canonical_text(new, DAY)
    assert "item s2b2 in s2a5\t" in canonical_text(new, DAY)


# -- Properties over generated blocks ------------------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(texts=documents(rich=True))
def test_a_version_compared_with_itself_has_no_change(texts: dict[Lang, Text]) -> None:
    for text in texts.values():
        comparison = compare(text, text)
        assert comparison.is_empty() and account(comparison).is_empty()
        docs = docx.redline_document(comparison, ["heading"], DAY)
        assert docxtext.revision_marks(docs) == dict.fromkeys(
            ("del", "moveFrom", "ins", "moveTo"), 0
        )


@settings(max_examples=examples(60), deadline=None)
@given(pair=rich_revisions(), lang=st.sampled_from(LANGS))
def test_the_word_redline_gives_back_both_versions(
    pair: tuple[dict[Lang, Text], dict[Lang, Text]], lang: Lang
) -> None:
    old, new = pair
    made = docx.redline_document(compare(old[lang], new[lang]), ["heading"], DAY)
    assert docxtext.lines(made, "accept") == docxtext.expected(new[lang])
    assert docxtext.lines(made, "reject") == docxtext.expected(old[lang])
    result = account(compare(old[lang], new[lang]))
    assert docxtext.comments(made) == [heading(e) for e in result.entries]
    # A version's own Word file reads as its canonical text.
    own = docx.text_document(new[lang], ["heading"], DAY)
    assert docxtext.lines(own, "accept") == docxtext.expected(new[lang])


class _Pre(html.parser.HTMLParser):
    """The text of each ``pre`` of a page, as a browser reads it: character references
    decoded, the one line break right after ``<pre>`` dropped (the HTML standard's rule)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.inside = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside and tag != "pre"

    def handle_data(self, data: str) -> None:
        if self.inside:
            first = not self.found[-1]
            self.found[-1] += data[1:] if first and data.startswith("\n") else data


def _page_html(text: Text, *, lift: bool = True) -> str:
    """A version's body as MkDocs makes it: the legalsite blocks lifted past Markdown
    (plugin.rawhtml; ``lift=False``: all of it read by Markdown), converted with the site's
    Markdown extensions."""
    body = text_body(text, DAY)
    if not lift:
        return markdown.markdown(body, extensions=["attr_list", "toc"])
    source, lifted = rawhtml.lift(body)
    return rawhtml.restore(markdown.markdown(source, extensions=["attr_list", "toc"]), lifted)


@settings(max_examples=examples(80), deadline=None)
@given(verbatim=verbatim_texts(), lang=st.sampled_from(LANGS))
def test_a_verbatim_block_reads_byte_for_byte_from_its_file_to_the_page(
    tmp_path_factory: pytest.TempPathFactory, verbatim: str, lang: Lang
) -> None:
    root = tmp_path_factory.mktemp("verbatim")
    zh, en = _texts()
    block = "    verbatim: " + json.dumps(verbatim, ensure_ascii=False) + "\n"
    source = {"zh": zh, "en": en}
    source[lang] = (
        source[lang]
        .replace("    verbatim: |\n      Dear [name],\n", block)
        .replace("          第一项\n" if lang == "zh" else "          first\n", "")
    )
    (document,) = load_project(_site(root, source["zh"], source["en"])).documents
    text = document.versions[0].texts[lang]
    template = next(s.node for s in walk(text) if s.node.id == "template")
    assert isinstance(template, Verbatim) and template.text == verbatim
    assert _Pre(_page_html(text)).found == [verbatim]
    assert _Pre(_page_html(text, lift=False)).found == [verbatim]


# -- PDFs, drift, hostile values --------------------------------------------------------------


@pytest.mark.parametrize(("document", "lang"), [("mulan-psl-2", "en"), ("cc-by-4-scope", "zh")])
def test_the_pdf_is_its_canonical_text(document: str, lang: Lang) -> None:
    """A real document's PDF: after the cover, its text is the canonical text as shown (the
    clause's paragraphs and the template's lines; the numbers of nested items)."""
    (found,) = [d for d in load_project(SITE).documents if d.id == document]
    line = timeline(found, publication_dates(found, WorkingCalendar()), TODAY)
    release = line.releases[-1]
    edition = pdf.Edition("current", release.effective)
    page = pdf.version_html(line, release, lang, edition, "https://legal.example.com/")
    (data,) = pdf.render_each([page])
    updated = pdftext.updated_line(lang, format_date(lang, release.effective))
    pdftext.assert_version_pdf_is_its_text(data, release.version.texts[lang], lang, updated)


def test_the_redline_pdf_marks_nested_items_and_verbatim_blocks(
    texts: dict[str, dict[Lang, Text]],
) -> None:
    old = texts["mulan-psl-2"]["en"]
    new = replace_node(
        old, "notice-template", lambda n: Verbatim("notice-template", "</pre><script>x</script>\n")
    )
    body = pdf.redline_body(compare(old, new))
    assert '<pre class="verbatim"><del>' in body and "&lt;/pre&gt;&lt;script&gt;" in body
    assert "<script>" not in body
    old = texts["cc-by-4-scope"]["zh"]
    body = pdf.redline_body(compare(old, replace_node(old, "s2a1a", lambda _: None)))
    assert '<li id="s2a1a" class="depth-3">' in body and '<li id="s2a1" class="depth-2">' in body


def test_a_verbatim_block_changed_in_one_language_is_drift(
    texts: dict[str, dict[Lang, Text]],
) -> None:
    (document,) = [d for d in load_project(SITE).documents if d.id == "mulan-psl-2"]
    before = document.versions[0]
    zh = replace_node(
        before.texts["zh"],
        "notice-template",
        lambda _: Verbatim("notice-template", "Copyright (c) 2026\n"),
    )
    after = dataclasses.replace(
        before, effective=date(2024, 1, 2), texts={"zh": zh, "en": before.texts["en"]}
    )
    assert [(d.id, d.kind, d.changed) for d in drifts(before, after)] == [
        ("notice-template", "verbatim", "zh")
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_verbatim_text_is_text_everywhere_it_lands(lang: Lang) -> None:
    hostile = (
        "</pre></div><script>alert(1)</script>\n"
        "    <!-- x -->  ]]> &amp; &#10; {{ page.title }} {% raw %} [](#nowhere)\n"
        "# not a heading\n"
        "---\nkey: value\n"
        "* not emphasis * [not](https://link) `code`\n"
    )
    many = "".join(f"{n:>8} line of a long template\n" for n in range(10_000))
    for verbatim in (hostile, many):
        text = Text(lang, "Title", (), (Section("s", "S", (Verbatim("v", verbatim),)),))
        assert _Pre(_page_html(text)).found == [verbatim]
        page = _page_html(text)
        assert "<script>" not in page and "<!--" not in page and "<h1" not in page
        made = docx.text_document(text, ["heading"], DAY)
        assert docxtext.lines(made, "accept") == docxtext.expected(text)
        entries = {anchor: plain for anchor, _, plain, _ in text_elements(text)}
        assert entries["v"] == verbatim
        assert "</pre>" not in pdf._verbatim(Verbatim("v", verbatim)).removesuffix("</pre>")
        assert json.loads(json.dumps(entries))["v"] == verbatim


def test_a_list_item_with_a_list_and_no_text_is_refused(tmp_path: Path) -> None:
    zh, en = _texts()
    en = en.replace("    - id: step-1\n      text: first\n", "    - id: step-1\n      text: ''\n")
    assert _errors(_site(tmp_path, zh, en)) == [
        f"{VERSION}/en.yaml:13:13: 'sections[1].blocks[2].items[1].text' is empty\n"
        "    hint: write the text, or remove the element"
    ]


# -- legalsite import ------------------------------------------------------------------------

IMPORTED = {
    "zh": (
        "# 示例协议\n\n## 1. 定义\n\n本协议的词语含义如下。\n\n其余词语按通常含义理解。\n\n"
        "## 2. 义务\n\n1. 用户应当：\n   1. 保管账户；\n      1. 设置密码；\n      2. 定期更换。\n"
        "   2. 遵守法律。\n2. 本公司应当提供服务。\n\n## 3. 通知\n\n通知格式如下：\n\n"
        "```\n致：［姓名］\n    事由：［事由］\n```\n\n"
        "    日期：［日期］\n      地点：［地点］\n"
    ),
    "en": (
        "# Example Agreement\n\n## 1. Definitions\n\nWords in this Agreement mean what they say;"
        " other words keep their usual meaning.\n\n"
        "## 2. Duties\n\n1. The user shall:\n   1. keep the account;\n      1. set a password;\n"
        "      2. change it now and then.\n   2. obey the law.\n2. The company shall provide the "
        "service.\n\n## 3. Notices\n\nNotices take this form:\n\n"
        "```\nTo: [name]\n    Re: [subject]\n```\n\n"
        "    Date: [date]\n      Place: [place]\n"
    ),
}
"""A document with each block of issue 24 as Markdown has it: two paragraphs in Chinese where
English has one, lists three deep, a fenced and an indented code block."""


def test_import_writes_paragraphs_nested_lists_and_verbatim_blocks_that_validate(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    (root / "agreements").mkdir(parents=True)
    shutil.copy2(CONFIG, root / "mkdocs.yml")
    for lang, source in IMPORTED.items():
        (tmp_path / f"{lang}.md").write_text(source, "utf-8")
    ran = run_cli(
        root, "import", "example", "--effective", "2025-06-02",
        "--zh", str(tmp_path / "zh.md"), "--en", str(tmp_path / "en.md"),
    )  # fmt: skip
    assert (ran.returncode, ran.stderr) == (0, "")
    validated = run_cli(root, "validate")
    assert (validated.returncode, validated.stderr) == (0, "")
    (document,) = load_project(root).documents
    texts = document.versions[0].texts
    zh, en = texts["zh"], texts["en"]
    clause = zh.sections[0].blocks[0]
    assert isinstance(clause, Paragraph)
    assert clause.parts == ("本协议的词语含义如下。", "其余词语按通常含义理解。")
    other = en.sections[0].blocks[0]
    assert isinstance(other, Paragraph) and other.id == clause.id and len(other.parts) == 1
    deepest = [s.node for s in walk(en) if isinstance(s.node, ListItem) and s.depth == 3]
    assert [(n.text, numbers(en)[n.id]) for n in deepest if isinstance(n, ListItem)] == [
        ("set a password;", "1."),
        ("change it now and then.", "2."),
    ]
    assert [citations(zh)[n.id] for n in deepest] == [
        "第2条第1项第1目第1点",
        "第2条第1项第1目第2点",
    ]
    verbatims = [s.node.text for s in walk(en) if isinstance(s.node, Verbatim)]
    assert verbatims == ["To: [name]\n    Re: [subject]\n", "Date: [date]\n  Place: [place]\n"]
    written = (root / "agreements/example/2025-06-02/zh.yaml").read_text("utf-8")
    assert "    verbatim: |\n      致：［姓名］\n          事由：［事由］\n" in written


@pytest.mark.parametrize("lang", LANGS)
def test_changes_page_golden(
    texts: dict[str, dict[Lang, Text]], lang: Lang, golden: Callable[[str, str], None]
) -> None:
    """A revision of each real licence: a definition reworded, the notice template rewritten,
    a nested item removed (the one after it renumbered)."""
    for name, anchor, make in (
        (
            "mulan-psl-2",
            "notice-template",
            becomes(Verbatim("notice-template", "Copyright (c) 2026 <x>\n  *y*\n")),
        ),
        ("cc-by-4-scope", "s2a1a", becomes(None)),
    ):
        old = texts[name]
        new = {one: replace_node(old[one], anchor, make) for one in LANGS}
        if name == "mulan-psl-2":
            clause = next(s.node for s in walk(new["zh"]) if s.node.id == "definitions")
            assert isinstance(clause, Paragraph)
            parts = (
                *clause.parts[:2],
                clause.parts[2].replace("自然人", "个人"),
                *clause.parts[3:],
            )
            new["zh"] = replace_node(
                new["zh"], "definitions", becomes(clause_of("definitions", parts))
            )
        first = Version(name, date(2024, 1, 2), old)
        second = Version(
            name, date(2024, 3, 1), new, Summary({"zh": "修订。", "en": "Revised."}),
            translation_unchanged=("definitions",) if name == "mulan-psl-2" else (),
        )  # fmt: skip
        document = Document(name, (first, second))
        line = timeline(document, publication_dates(document, WorkingCalendar()), TODAY)
        release = line.release("2024-03-01")
        comparison = compare(old[lang], new[lang])
        golden(f"blocks/{name}-{lang}-changes.md", changes_page(line, release, comparison).content)


@settings(max_examples=examples(40), deadline=None)
@given(texts=documents(rich=True))
def test_generated_blocks_written_as_yaml_validate_and_read_back(
    tmp_path_factory: pytest.TempPathFactory, texts: dict[Lang, Text]
) -> None:
    """The YAML of any version with the new blocks (paragraph counts differing between the
    languages, lists three deep, verbatim blocks as | blocks) validates and reads back as it
    was written."""
    root = tmp_path_factory.mktemp("rich")
    write_version(root / "agreements" / "doc" / "2024-01-02", texts)
    (document,) = load_project(root).documents
    assert dict(document.versions[0].texts) == texts
