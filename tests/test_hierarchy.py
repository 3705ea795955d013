"""Sub-sections, annexes and end matter (issue 24, item 2): a section holds sub-sections to three
levels, a text annexes after its end matter, and each works as a section does on every surface.

The real document is the Mulan Permissive Software License, Version 2 (木兰宽松许可证，第2版),
whose Chinese and English texts are both official: sections counted from 0, an end marker (条款结束
/ END OF THE TERMS AND CONDITIONS) and an appendix with a notice template written verbatim
(tests/data/sites/hierarchy/agreements/mulan-psl-2; source and licence noted in its YAML files). The other document there,
``service-terms``, was written for these tests: sub-sections to three levels numbered
第一条/（一）/1. and Article 1/(a)/(i), annexes 附件一 / Annex A, end matter, and a second
version that adds, removes, moves and renumbers them.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.account import account, heading, left_line
from legalsite.compare.diff import compare, compare_versions
from legalsite.evidence import docx, pdf
from legalsite.model.citation import citations, resolved
from legalsite.model.document import (
    LANGS,
    Block,
    Document,
    Lang,
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Text,
    Version,
    canonical_text,
    divisions,
    numbers,
    timeline,
    walk,
)
from legalsite.model.numbering import Numbering, parse_style
from legalsite.plugin.search import text_elements
from legalsite.site.changes import changes_body
from legalsite.site.render import text_body
from legalsite.sources.load import compare_structure, load_project
from tests import docxtext, pdftext
from tests.conftest import (
    CONFIG,
    SITES,
    assemble,
    build_site,
    examples,
    made_once,
    run_cli,
    set_plugin_options,
)

HIERARCHY = SITES / "hierarchy"
BUILD_DAY = date(2025, 8, 1)
TERMS = "service-terms"
MULAN = "mulan-psl-2"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/sites/hierarchy built once (no PDFs) on a day its second version is in force."""
    return made_once(
        tmp_path_factory,
        "hierarchy",
        lambda folder: build_site(
            assemble(folder / "project", HIERARCHY / "agreements"), BUILD_DAY
        ),
    )


def _document(name: str) -> Document:
    return load_project(HIERARCHY).document(name)


def _headings(html: str) -> list[tuple[str, str, str]]:
    """(h2/h3/h4, id, text) of the headings in a page's text."""
    body = html[html.index('class="ls-updated"') : html.index("ls-updated-end")]
    return [
        (f"h{level}", anchor, re.sub(r"<[^>]+>|&para;", "", inner).strip())
        for level, anchor, inner in re.findall(r'<h([2-4]) id="([^"]+)"[^>]*>(.*?)</h\1>', body)
    ]


# -- The real document ---------------------------------------------------------------------------


def test_the_licence_reads_as_its_source(site: Path) -> None:
    texts = _document(MULAN).versions[0].texts
    zh = (site / f"{MULAN}/2020-01-01/index.html").read_text("utf-8")
    en = (site / f"en/{MULAN}/2020-01-01/index.html").read_text("utf-8")
    assert [h[2] for h in _headings(zh)] == [
        "0. 定义", "1. 授予版权许可", "2. 授予专利许可", "3. 无商标许可", "4. 分发限制",
        "5. 免责声明与责任限制", "6. 语言", "如何将木兰宽松许可证，第2版，应用到您的软件",
    ]  # fmt: skip
    assert _headings(en)[-1] == (
        "h2",
        "how-to-apply",
        "How to Apply the Mulan Permissive Software License，Version 2 (Mulan PSL v2) to "
        "Your Software",
    )
    # Every element in the source's order: the end marker after section 6, before the appendix.
    body = zh[zh.index('class="ls-updated"') : zh.index("ls-updated-end")]
    ids = re.findall(r' id="([a-z][a-z0-9-]*)"', body)
    assert ids == [step.node.id for step in walk(texts["zh"])]
    assert ids.index("language-1") < ids.index("end-of-terms") < ids.index("how-to-apply")
    # The appendix's steps keep their numbers, as text; section 3 cites section 4 by its number.
    assert re.findall(r'<span class="ls-number">([^<]*)</span>', body) == ["1，", "2，", "3，"]
    assert re.findall(r'<span class="ls-number">([^<]*)</span>', en) == ["i", "ii", "iii"]
    assert '为满足<a href="#distribution">第4条</a>规定的声明义务' in zh
    assert 'notice requirements in <a href="#distribution">Section 4</a>' in en
    assert citations(texts["zh"])["end-of-terms"] == "结尾部分第1款"
    # The notice template keeps its line breaks and its indentation.
    assert '<div id="notice-template" class="ls-verbatim"><pre>Copyright (c) [Year]' in en
    assert "at:&#10;            http://license.coscl.org.cn/MulanPSL2&#10;THIS SOFTWARE" in en
    assert citations(texts["en"])["fill-in"] == (
        "How to Apply the Mulan Permissive Software License，Version 2 (Mulan PSL v2) to "
        "Your Software(i)"
    )


# -- Pages ---------------------------------------------------------------------------------------


ZH_HEADINGS = [
    ("h2", "definitions", "第一条 定义"),
    ("h2", "services", "第二条 服务"),
    ("h3", "security", "（一）安全"),
    ("h3", "accounts", "（二）账户"),
    ("h3", "fees", "（三）费用"),
    ("h3", "refunds", "（四）退款"),
    ("h2", "disputes", "第三条 争议解决"),
    ("h3", "arbitration", "（一）仲裁"),
    ("h2", "annex-fees", "附件一 收费标准"),
    ("h2", "annex-privacy", "附件二 隐私政策"),
    ("h2", "annex-rules", "附件三 仲裁规则"),
]


def test_sub_sections_are_headings_at_their_level_numbered_in_the_text(site: Path) -> None:
    zh = (site / f"{TERMS}/index.html").read_text("utf-8")
    en = (site / f"en/{TERMS}/index.html").read_text("utf-8")
    assert _headings(zh) == ZH_HEADINGS
    assert [h[2] for h in _headings(en)] == [
        "Article 1 Definitions", "Article 2 Services", "(a) Security", "(b) Accounts",
        "(c) Fees", "(d) Refunds", "Article 3 Disputes", "(a) Arbitration",
        "Annex A Fee schedule", "Annex B Privacy policy", "Annex C Arbitration rules",
    ]  # fmt: skip
    # A reference to a sub-section or an annex writes its number in this version, linked.
    assert '费用见<a href="#fees">第二条第（三）项</a>' in zh
    assert 'fees are set out in <a href="#fees">Article 2(c)</a>' in en
    assert 'under <a href="#annex-rules">Annex C</a>' in en
    # The numbers are text, never counters of the stylesheet.
    css = (site / "assets/legalsite.css").read_text("utf-8")
    assert "counter-increment" not in css and "counter(" not in css


def test_the_table_of_contents_nests_the_sub_sections(site: Path) -> None:
    html = (site / f"{TERMS}/index.html").read_text("utf-8")
    toc = html[html.index("md-nav--secondary") :]
    services = toc[toc.index('href="#services"') : toc.index('href="#disputes"')]
    assert re.findall(r'href="#([a-z-]+)"', services) == [
        "services", "security", "accounts", "fees", "refunds",
    ]  # fmt: skip
    # The sub-sections in a list of their own, inside their section's entry.
    assert services.count('<ul class="md-nav__list"') == 1


def test_the_side_by_side_page_pairs_every_division(site: Path) -> None:
    html = (site / f"{TERMS}/2025-07-01/bilingual/index.html").read_text("utf-8")
    assert re.findall(r'<h([2-4]) id="(fees|annex-rules)"', html) == [
        ("3", "fees"),
        ("2", "annex-rules"),
    ]
    assert "（三）费用 / (c) Fees" in html
    assert "附件三 仲裁规则 / Annex C Arbitration rules" in html
    assert html.index("（正文完）") < html.index('id="annex-fees"')


def test_search_entries_carry_each_division_heading() -> None:
    text = _document(TERMS).versions[1].texts["en"]
    entries = {anchor: (title, plain) for anchor, title, plain, _ in text_elements(text)}
    assert entries["refunds"] == ("(d) Refunds", "")
    assert entries["refunds-1"] == ("(d) Refunds", "Unused fees can be refunded.")
    assert entries["annex-rules-1"] == (
        "Annex C Arbitration rules",
        "The seat of arbitration is Shanghai.",
    )
    assert entries["end-marker"] == ("Terms of Service", "(End of text)")


def test_the_clause_history_lists_sub_sections_and_annexes(site: Path) -> None:
    html = (site / f"{TERMS}/clauses/index.html").read_text("utf-8")
    heads = dict(
        re.findall(
            r'<div class="ls-clause-history" id="([^"]+)">\n<p class="ls-clause-history-head">'
            r"<strong>([^<]*)</strong>",
            html,
        )
    )
    assert heads["services"] == "第二条"
    assert heads["refunds"] == "第二条第（四）项"
    assert heads["refunds-1"] == "第二条第（四）项第1款"
    assert heads["annex-privacy-1"] == "附件二第1款"
    assert heads["end-marker"] == "结尾部分第1款"
    assert "（从第二条第（二）项第1项 退款移至第二条第（四）项 退款）" in html


# -- Redlines ------------------------------------------------------------------------------------


def test_the_account_cites_sub_sections_and_annexes_by_their_numbers() -> None:
    old, new = _document(TERMS).versions
    compared = compare_versions(old, new)
    assert [heading(e) for e in account(compared["zh"]).entries] == [
        "新增 章节 第二条第（一）项",
        "新增 条款 第二条第（一）项第1款",
        "重新编号 章节 第二条第（二）项 （（一） → （二））",
        "修改 条款 第二条第（二）项第1款 （引用的第二条第（二）项现为第二条第（三）项）",
        "重新编号 章节 第二条第（三）项 （（二） → （三））",
        "移动 章节 第二条第（四）项 （从第二条第（二）项第1项 退款移至第二条第（四）项 退款）",
        "删除 章节 第三条第（一）项 （原第三条第（一）项 协商）",
        "删除 条款 第三条第（一）项第1款 （原第三条第（一）项 协商第1款）",
        "重新编号 章节 第三条第（一）项 （（二） → （一））",
        "修改 条款 第三条第（一）项第1款 （引用的附件二现为附件三）",
        "修改 条款 结尾部分第2款",
        "新增 章节 附件二",
        "新增 条款 附件二第1款",
        "重新编号 章节 附件三 （附件二 → 附件三）",
    ]
    en = account(compared["en"])
    assert en.summary == ("Changes: 14 (3 changed, 4 added, 2 removed, 1 moved, 4 renumbered).")
    assert [heading(e) for e in en.entries][5] == (
        "Moved section Article 2(d) (moved from Article 2(b)(i) Refunds to Article 2(d) Refunds)"
    )
    parts = [(p.type, p.id, p.heading) for p in en.parts if p.type in ("section", "preamble")]
    assert ("preamble", "_end", "End matter") in parts
    assert parts[-1] == ("section", "annex-rules", "Annex C Arbitration rules")


def test_golden_pages_with_sub_sections_and_annexes(golden: Any) -> None:
    old, new = _document(TERMS).versions
    compared = compare_versions(old, new)
    for lang in LANGS:
        golden(f"hierarchy/{lang}-page.md", text_body(new.texts[lang], new.effective))
        golden(f"hierarchy/{lang}-changes.md", changes_body(compared[lang]))


def test_the_pdfs_and_word_files_rank_the_headings() -> None:
    document = _document(TERMS)
    line = timeline(document, {v.id: v.effective for v in document.versions}, BUILD_DAY)
    release = line.releases[-1]
    edition = pdf.Edition("current", BUILD_DAY)
    html = pdf.version_html(line, release, "zh", edition, "https://legal.example.com/")
    assert re.findall(r'<h([2-4]) id="(services|fees|refunds|annex-fees)"', html) == [
        ("2", "services"), ("3", "fees"), ("3", "refunds"), ("2", "annex-fees"),
    ]  # fmt: skip
    assert html.index("（正文完）") < html.index("附件一 收费标准")
    compared = compare_versions(*document.versions)["en"]
    body = pdf.redline_body(compared)
    assert '<h3 id="fees">(c) Fees</h3>' in body
    assert '<h2 id="_end">End matter</h2>' in body
    assert body.count('<h2 id="_end">') == 1
    # The PDF carries its HTML's text: sub-section numbers, the end matter, the annexes.
    pdftext.assert_pdf_is_its_html(pdf.render_html(html), html)
    data = docx.version_docx(release, "en")
    styles = docxtext.heading_styles(data)
    assert ("Heading2", "(c) Fees") in styles
    assert ("Heading1", "Annex A Fee schedule") in styles
    # The Word redline: accepted, the new text; rejected, the old; the account as comments.
    old, new = document.versions
    for lang in LANGS:
        made = docx.redline_document(compare(old.texts[lang], new.texts[lang]), ["h"], BUILD_DAY)
        assert docxtext.lines(made, "accept") == docxtext.expected(new.texts[lang])
        assert docxtext.lines(made, "reject") == docxtext.expected(old.texts[lang])
        result = account(compare(old.texts[lang], new.texts[lang]))
        assert docxtext.comments(made) == [
            *(heading(e) for e in result.entries),
            *(left_line(e) for e in result.left),
        ]


# -- validate ------------------------------------------------------------------------------------


def _project(tmp_path: Path) -> Path:
    return assemble(tmp_path / "project", HIERARCHY / "agreements")


def _edit(root: Path, lang: Lang, old: str, new: str, version: str = "2025-01-01") -> None:
    path = root / "agreements" / TERMS / version / f"{lang}.yaml"
    source = path.read_text("utf-8")
    assert source.count(old) == 1, old
    path.write_text(source.replace(old, new), "utf-8")


def test_the_test_site_validates(tmp_path: Path) -> None:
    ran = run_cli(_project(tmp_path), "validate")
    assert (ran.returncode, ran.stderr) == (0, "")


def test_validate_refuses_a_fourth_level(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(
        root,
        "en",
        "        text: Unused fees can be refunded.\n",
        "        text: Unused fees can be refunded.\n      sections:\n      - id: deep\n"
        "        title: Deep\n        blocks:\n        - id: deep-1\n          text: Too deep.\n",
    )
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        "error: agreements/service-terms/2025-01-01/en.yaml:39:7: "
        "'sections[2].sections[2].sections[1].sections' would be level 4: sections nest at "
        "most 3 levels deep\n"
        "    hint: make these sub-sections clauses or a list of their section, or move them up "
        "a level\n"
        "1 problem in agreements/\n",
    )


def test_validate_refuses_a_section_with_neither_blocks_nor_sections(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(
        root,
        "zh",
        "  - id: arbitration\n    title: 仲裁\n    blocks:\n    - id: arbitration-1\n"
        "      text: 协商不成的，按[](#annex-rules)仲裁。\n",
        "  - id: arbitration\n    title: 仲裁\n",
    )
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        "error: agreements/service-terms/2025-01-01/zh.yaml:46:9: 'sections[3].sections[2]' has "
        "neither 'blocks' nor 'sections'\n"
        "    hint: add `blocks:` with the clauses of the section, or `sections:` with its "
        "sub-sections\n"
        "1 problem in agreements/\n",
    )


def test_an_annex_id_is_unique_across_the_whole_text(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "en", "- id: annex-rules\n", "- id: disputes\n")
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        "error: agreements/service-terms/2025-01-01/en.yaml:66:7: duplicate id 'disputes' "
        "(first used at line 38)\n"
        "    hint: every section, clause, list item and table row needs its own id\n"
        "1 problem in agreements/\n",
    )


HINT = (
    "    hint: both languages need the same sections, clauses, lists, items and rows, with the "
    "same ids, in the same order\n"
)
DIFFERS = "structure differs from agreements/service-terms/2025-01-01/zh.yaml"


@pytest.mark.parametrize(
    ("old", "new", "problems"),
    [
        (  # a level-3 sub-section dropped in English only
            "    sections:\n    - id: refunds\n      title: Refunds\n      blocks:\n"
            "      - id: refunds-1\n        text: Unused fees can be refunded.\n",
            "",
            [
                f"en.yaml:32:7: {DIFFERS} before this: zh has level-3 sub-section 'refunds', "
                "clause 'refunds-1'; en has nothing",
            ],
        ),
        (  # the end matter's marker moved into the last sub-section
            "      text: Failing that, disputes go to arbitration under [](#annex-rules).\n"
            "end:\n- id: end-marker\n  text: (End of text)\n",
            "      text: Failing that, disputes go to arbitration under [](#annex-rules).\n"
            "    - id: end-marker\n      text: (End of text)\nend:\n",
            [
                f"en.yaml:51:11: {DIFFERS} here: zh has nothing; en has clause 'end-marker'",
                f"en.yaml:54:7: {DIFFERS} before this: zh has clause 'end-marker'; en has nothing",
            ],
        ),
    ],
)
def test_both_languages_need_the_same_tree(
    tmp_path: Path, old: str, new: str, problems: list[str]
) -> None:
    root = _project(tmp_path)
    _edit(root, "en", old, new)
    ran = run_cli(root, "validate")
    said = "".join(f"agreements/service-terms/2025-01-01/{p}\n{HINT}" for p in problems)
    count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in agreements/\n"
    assert (ran.returncode, ran.stderr) == (1, f"error: {said}{count}")


def test_an_annex_is_not_a_section_of_the_other_language() -> None:
    zh, en = (_document(TERMS).versions[0].texts[lang] for lang in LANGS)
    moved = dataclasses.replace(en, sections=(*en.sections, en.annexes[0]), annexes=en.annexes[1:])
    problems = compare_structure(zh, moved, "zh.yaml", "en.yaml", {})
    assert [p.message for p in problems] == [
        "structure differs from zh.yaml here: zh has nothing; en has section 'annex-fees', "
        "table 'fee-table' with 2 columns, table row 'fee-basic'",
        "structure differs from zh.yaml before this: zh has annex 'annex-fees', table "
        "'fee-table' with 2 columns, table row 'fee-basic'; en has nothing",
    ]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "  - id: accounts\n    title: Accounts\n",
            "  - id: services\n    title: Accounts\n",
            "en.yaml:22:9: duplicate id 'services' (first used at line 16)\n"
            "    hint: every section, clause, list item and table row needs its own id",
        ),
        (
            "    title: Fees\n",
            "    title: Fees <b>due</b>\n",
            "en.yaml:28:12: raw HTML '<b>' is not allowed in a title (at '<b>due</b>')\n"
            "    hint: write the title as plain text, without HTML tags",
        ),
        (
            "  - id: negotiation\n",
            "  - id: negotiation\n    sections: []\n",
            "en.yaml:42:15: 'sections[3].sections[1].sections' is an empty list\n"
            "    hint: add at least one element",
        ),
        (
            "  sections: [Article 1, (a), (i)]\n",
            "  sections: [Article 1, (a), (i), (A)]\n",
            "en.yaml:5:13: 'numbering.sections' has 4 styles: at most 3, one per level\n"
            "    hint: sections and lists nest three levels deep: remove the styles after the "
            "third",
        ),
        (
            "  annexes: Annex A\n",
            "  annexes: Annex\n",
            "en.yaml:6:12: numbering style 'Annex' has no counter (write the number one as it "
            "looks: 1. 一、 第一条 (a) i. Section 1)\n"
            "    hint: write the number one as it looks in the source, e.g. 一、 第一条 （一） 1. "
            "1.1 I. Section 1 (a) (i) 1) a., or none",
        ),
        (
            "[](#annex-rules)",
            "[](#annex-gone)",
            "en.yaml:50:13: cross-reference [](#annex-gone) names no element of this version\n"
            "    hint: write the id of a section, clause, list item or row of this version; an "
            "element removed in this version can no longer be referred to",
        ),
        (
            "- id: contact\n  text: 'Contact us: legal@example.com'\n",
            "- id: contact\n",
            "en.yaml:54:3: 'end[2]' must have exactly one of 'text', 'paragraphs', 'list', "
            "'table' or 'verbatim'\n"
            "    hint: a clause is {id, text} or {id, paragraphs}; a list is {id, list, items}; "
            "a table is {id, table}; a verbatim block is {id, verbatim}",
        ),
    ],
)
def test_hostile_values_in_the_new_fields_are_refused_where_they_stand(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    root = _project(tmp_path)
    _edit(root, "en", old, new)
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        f"error: agreements/service-terms/2025-01-01/{problem}\n1 problem in agreements/\n",
    )


def _p(anchor: str) -> tuple[Paragraph, ...]:
    return (Paragraph(f"{anchor}-p", f"text of {anchor}"),)


def test_a_dotted_number_never_reads_as_another_sections() -> None:
    """Under a heading without a number, 1.1 writes only its own number (not 0.1, nor the 1.1
    of section 1); in an annex it is cited after the annex, not as the text's section 1.1."""
    text = Text(
        "en",
        "T",
        (),
        (
            Section("notes", "Notes", _p("notes"), False, (Section("note", "Note", _p("note")),)),
            Section("one", "One", _p("one"), True, (Section("one-a", "A", _p("one-a")),)),
        ),
        Numbering((parse_style("1."),), annexes=parse_style("Annex A")),
        annexes=(
            Section("fees", "Fees", _p("fees"), True, (Section("fees-a", "A", _p("fees-a")),)),
            Section("form", "Form", _p("form"), False, (Section("form-a", "A", _p("form-a")),)),
        ),
    )
    assert dict(numbers(text)) == {
        "note": "1", "one": "1.", "one-a": "1.1", "fees": "Annex A", "fees-a": "1.1",
        "form-a": "1",
    }  # fmt: skip
    cited = citations(text)
    assert [cited[a] for a in ("note", "one-a", "fees-a", "form-a")] == [
        "Notes(1)", "Section 1.1", "Annex A(1.1)", "Form(1)",
    ]  # fmt: skip


def test_a_fourth_level_and_too_many_sub_sections_are_refused_by_the_model() -> None:
    deep = Section("c", "C", _p("c"), True, (Section("d", "D", _p("d")),))
    tree = Section("a", "A", _p("a"), True, (Section("b", "B", _p("b"), True, (deep,)),))
    with pytest.raises(ValueError) as refused:
        Text("zh", "T", (), (tree,))
    assert str(refused.value) == (
        "section 'c' has sub-sections 4 levels deep: sections nest at most 3 levels deep"
    )
    many = tuple(Section(f"s-{n}", "S", _p(f"s-{n}")) for n in range(1, 4001))
    roman = Numbering((parse_style("一、"), parse_style("(i)")))
    with pytest.raises(ValueError) as refused:
        Text("zh", "T", (), (Section("a", "A", (), True, many),), roman)
    assert str(refused.value) == (
        "section 'a' has 4000 sub-sections, but its numbering style '(i)' from 1 numbers at "
        "most 3999 (roman numerals end at 3999)"
    )


# -- format and drift ----------------------------------------------------------------------------


def test_format_fixes_a_sub_section_title_and_drift_names_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "en", "    title: Security\n", "    title: Secu\u00a0rity\n", "2025-07-01")
    ran = run_cli(root, "format")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == (
        "agreements/service-terms/2025-07-01/en.yaml:23:16: replaced U+00A0 NO-BREAK SPACE "
        "with a space\n1 character(s) fixed in 1 file(s); 8 file(s) checked\n"
    )
    assert run_cli(root, "format").stdout.startswith("0 character(s) fixed")
    _edit(root, "zh", "      text: 费用按[](#annex-fees)收取。\n", "      text: 费用另行收取。\n",
          "2025-07-01")  # fmt: skip
    ran = run_cli(root, "validate")
    assert ran.returncode == 1
    assert "agreements/service-terms/2025-07-01/zh.yaml:" in ran.stderr
    assert "'fees-1'" in ran.stderr


# -- Generated trees -----------------------------------------------------------------------------

TITLES = st.sampled_from(["定义", "Fees", "Annex", "（一）", "1.1", "第一条"])


@st.composite
def trees(draw: st.DrawFn, level: int = 1, prefix: str = "s") -> tuple[Section, ...]:
    count = draw(st.integers(1, 3))
    out = []
    for n in range(1, count + 1):
        anchor = f"{prefix}-{n}"
        nested, bare, numbered = draw(st.tuples(st.booleans(), st.booleans(), st.booleans()))
        children: tuple[Section, ...] = ()
        if level < 3 and nested:
            children = draw(trees(level + 1, anchor))
        blocks: tuple[Block, ...] = (Paragraph(f"{anchor}-p", f"text of {anchor}"),)
        if children and bare:
            blocks = ()
        out.append(Section(anchor, draw(TITLES), blocks, numbered, children))
    return tuple(out)


STYLES = st.sampled_from([None, ("第一条", "（一）", "1."), ("Section 1", "(a)", "(i)"), ("1.",)])


def _text(lang: Lang, sections: tuple[Section, ...], annexes: tuple[Section, ...],
          styles: tuple[str, ...] | None) -> Text:  # fmt: skip
    numbering = (
        Numbering(tuple(parse_style(s) for s in styles), annexes=parse_style("附件一"))
        if styles
        else None
    )
    end = (Paragraph("end-p", "（正文完）"),)
    return Text(lang, "T", (), sections, numbering, annexes=annexes, end=end)


@settings(max_examples=examples(100), deadline=None)
@given(sections=trees(), annexes=trees(1, "a"), styles=STYLES, lang=st.sampled_from(LANGS))
def test_a_version_against_itself_has_no_redline(
    sections: tuple[Section, ...],
    annexes: tuple[Section, ...],
    styles: tuple[str, ...] | None,
    lang: Lang,
) -> None:
    text = _text(lang, sections, annexes, styles)
    assert account(compare(text, text)).entries == ()
    # Each division once, in the walk's order; every number distinct among its siblings.
    seen = [d.section.id for d in divisions(text) if d.section is not None]
    assert seen == [s.node.id for s in walk(text) if isinstance(s.node, Section)]
    written = numbers(text)
    for siblings in (text.sections, text.annexes, *(s.node.sections for s in walk(text)
                     if isinstance(s.node, Section))):  # fmt: skip
        labels = [written[s.id] for s in siblings if s.id in written]
        assert len(set(labels)) == len(labels)
    assert canonical_text(text, date(2025, 1, 1)).count("\nend\n") == 1


@settings(max_examples=examples(100), deadline=None)
@given(sections=trees(), styles=STYLES, lang=st.sampled_from(LANGS), data=st.data())
def test_renumbering_a_sub_section_updates_every_reference(
    sections: tuple[Section, ...],
    styles: tuple[str, ...] | None,
    lang: Lang,
    data: st.DataObject,
) -> None:
    """A new sub-section before the others: each reference to one of them writes its new
    number, and the redline says the reference now reads another number."""
    with_children = [s for s in sections if s.sections]
    if not with_children:
        return
    parent = data.draw(st.sampled_from(with_children))
    targets = [c.id for c in parent.sections]
    referring = Paragraph("refs", " ".join(f"[](#{t})" for t in targets))
    old_sections = (*sections, Section("refs-section", "R", (referring,)))
    inserted = Section("new-first", "New", (Paragraph("new-first-p", "new"),))
    new_sections = tuple(
        Section(s.id, s.title, s.blocks, s.numbered, (inserted, *s.sections))
        if s.id == parent.id
        else s
        for s in old_sections
    )
    old, new = (_text(lang, s, (), styles) for s in (old_sections, new_sections))
    cited_old, cited_new = citations(old), citations(new)
    shown = resolved(new).sections[-1].blocks[0].text  # type: ignore[union-attr]
    for target in targets:
        assert f"[{cited_new[target]}](#{target})" in shown
    changed = [c for c in compare(resolved(old), resolved(new)).touched() if c.id == "refs"]
    moved = [t for t in targets if cited_old[t] != cited_new[t]]
    assert bool(changed) == bool(moved)


def _section_data(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {"id": section.id, "title": section.title}
    if not section.numbered:
        data["numbered"] = "false"
    if section.blocks:
        data["blocks"] = [{"id": b.id, "text": b.text} for b in section.blocks]  # type: ignore[union-attr]
    if section.sections:
        data["sections"] = [_section_data(child) for child in section.sections]
    return data


@settings(max_examples=examples(40), deadline=None)
@given(sections=trees(), annexes=trees(1, "a"), styles=STYLES)
def test_any_tree_written_as_yaml_validates_and_loads_as_written(
    sections: tuple[Section, ...], annexes: tuple[Section, ...], styles: tuple[str, ...] | None
) -> None:
    """Both languages of a generated tree (sub-sections to three levels, annexes, end matter,
    unnumbered headings) written as the editors write them: validate accepts them and the
    loader reads back the very texts."""
    texts = {lang: _text(lang, sections, annexes, styles) for lang in LANGS}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy2(CONFIG, root / "mkdocs.yml")
        version = root / "agreements" / "doc" / "2025-01-01"
        version.mkdir(parents=True)
        for lang, text in texts.items():
            data: dict[str, Any] = {"title": text.title}
            if styles:
                data["numbering"] = {"sections": list(styles), "annexes": "附件一"}
            data["sections"] = [_section_data(s) for s in text.sections]
            data["end"] = [{"id": b.id, "text": b.text} for b in text.end]  # type: ignore[union-attr]
            data["annexes"] = [_section_data(s) for s in text.annexes]
            (version / f"{lang}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        ran = run_cli(root, "validate")
        assert (ran.returncode, ran.stderr) == (0, "")
        (document,) = load_project(root).documents
        assert {lang: document.versions[0].texts[lang] for lang in LANGS} == texts


def _all(sections: tuple[Section, ...]) -> list[Section]:
    return [x for s in sections for x in (s, *_all(s.sections))]


def _without(sections: tuple[Section, ...], anchor: str) -> tuple[Section, ...]:
    return tuple(
        dataclasses.replace(s, sections=_without(s.sections, anchor))
        for s in sections
        if s.id != anchor
    )


def _depth(section: Section) -> int:
    return 1 + max((_depth(c) for c in section.sections), default=0)


def _levels(sections: tuple[Section, ...], level: int = 1) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in sections:
        out[s.id] = level
        out.update(_levels(s.sections, level + 1))
    return out


def _with_child(sections: tuple[Section, ...], parent: str, child: Section) -> tuple[Section, ...]:
    return tuple(
        dataclasses.replace(
            s,
            sections=(child, *s.sections)
            if s.id == parent
            else _with_child(s.sections, parent, child),
        )
        for s in sections
    )


@settings(max_examples=examples(60), deadline=None)
@given(sections=trees(), styles=STYLES.filter(bool), lang=st.sampled_from(LANGS), data=st.data())
def test_a_sub_section_removed_or_moved_to_another_parent_redlines_in_place(
    sections: tuple[Section, ...], styles: tuple[str, ...], lang: Lang, data: st.DataObject
) -> None:
    """Any sub-section removed, or moved under another section (its depth allowing): the Word
    redline accepted reads the new text, rejected the old, and the account names it once."""
    every = _all(sections)
    subs = [s for s in every if s.id not in {t.id for t in sections}]
    if not subs or len(sections) < 2:
        return
    chosen = data.draw(st.sampled_from(subs))
    rest = _without(sections, chosen.id)
    if not _all(rest) or not any(s.blocks for s in rest):
        return
    levels = _levels(rest)
    parent = next(s.id for s in every if chosen in s.sections)
    hosts = [s for s in _all(rest) if levels[s.id] + _depth(chosen) <= 3 and s.id != parent]
    host = data.draw(st.sampled_from([None, *hosts]))
    new_sections = rest if host is None else _with_child(rest, host.id, chosen)
    old, new = (_text(lang, s, (), styles) for s in (sections, new_sections))
    comparison = compare(old, new)
    made = docx.redline_document(comparison, ["h"], BUILD_DAY)
    assert docxtext.lines(made, "accept") == docxtext.expected(new)
    assert docxtext.lines(made, "reject") == docxtext.expected(old)
    status = {e.id: e.status for e in account(comparison).entries}
    assert status[chosen.id] == ("removed" if host is None else "moved")


# -- Import --------------------------------------------------------------------------------------

ZH_SOURCE = """服务条款

第一条 定义

“服务”指我们提供的在线服务。

第二条 服务

我们按本条提供服务。

（一）账户

您应妥善保管账户，费用见第二条第（二）项。

（二）费用

费用按附件一收取。

（正文完）

联系我们：legal@example.com

附件一 收费标准

基础版免费。
"""

EN_SOURCE = """Terms of Service

Article 1 Definitions

“Service” means the online service we provide.

Article 2 Services

We provide the service under this Article.

(a) Accounts

Keep your account safe; fees are set out in Article 2(b).

(b) Fees

Fees are charged under Annex A.

(End of text)

Contact us: legal@example.com

Annex A Fee schedule

Basic is free.
"""


def test_import_reads_sub_sections_annexes_and_end_matter(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "agreements").mkdir(parents=True)
    shutil.copy2(CONFIG, root / "mkdocs.yml")
    set_plugin_options(root, "{pdf: false}")
    for lang, source in (("zh", ZH_SOURCE), ("en", EN_SOURCE)):
        (tmp_path / f"{lang}.txt").write_text(source, "utf-8")
    ran = run_cli(
        root, "import", "terms", "--effective", "2025-06-01",
        "--zh", str(tmp_path / "zh.txt"), "--en", str(tmp_path / "en.txt"),
    )  # fmt: skip
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout.endswith("4 reference(s) linked\ncomplete: both languages paired\n")
    (document,) = load_project(root).documents
    zh, en = (document.versions[0].texts[lang] for lang in LANGS)
    assert [s.id for s in zh.sections[1].sections] == ["accounts", "fees"]
    assert [a.id for a in en.annexes] == ["fee-schedule"]
    assert [b.text for b in zh.end] == ["（正文完）", "联系我们：legal@example.com"]  # type: ignore[union-attr]
    assert zh.sections[1].sections[0].blocks[0].text == (  # type: ignore[union-attr]
        "您应妥善保管账户，费用见[第二条第（二）项](#fees)。"
    )
    assert numbers(en)["fee-schedule"] == "Annex A"
    assert run_cli(root, "validate").returncode == 0
    # Built, the page shows the source's headings as it wrote them, at their levels.
    built = build_site(root, date(2025, 6, 1))
    page = (built / "en/terms/index.html").read_text("utf-8")
    assert [(h[0], h[2]) for h in _headings(page)] == [
        ("h2", "Article 1 Definitions"), ("h2", "Article 2 Services"), ("h3", "(a) Accounts"),
        ("h3", "(b) Fees"), ("h2", "Annex A Fee schedule"),
    ]  # fmt: skip
    assert 'set out in <a href="#fees">Article 2(b)</a>' in page


def test_a_version_from_both_languages_of_the_test_site_compares(site: Path) -> None:
    versions = _document(TERMS).versions
    assert isinstance(versions[0], Version)
    assert (site / f"{TERMS}/2025-07-01/changes/index.html").is_file()


def test_import_reports_a_section_after_an_annex_and_keeps_numbers_it_cannot_read(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"
    (root / "agreements").mkdir(parents=True)
    shutil.copy2(CONFIG, root / "mkdocs.yml")
    sources = {
        "zh": "协议\n\n第一条 定义\n\n文字。\n\n附录一 表格\n\n内容。\n\n第二条 其他\n\n更多。\n",
        "en": "Agreement\n\nArticle 1 Definitions\n\nText.\n\nAppendix 1 Table\n\n"
        "Content.\n\nArticle 2 Other\n\nMore.\n",
    }
    for lang, source in sources.items():
        (tmp_path / f"{lang}.txt").write_text(source, "utf-8")
    ran = run_cli(
        root, "import", "terms", "--effective", "2025-06-01",
        "--zh", str(tmp_path / "zh.txt"), "--en", str(tmp_path / "en.txt"),
    )  # fmt: skip
    zh, en = (str(tmp_path / f"{lang}.txt") for lang in LANGS)
    assert (ran.returncode, ran.stderr) == (
        1,
        f"error: {en}:7: the numbers of the annexes: the numbers Appendix 1, Article 2 do not "
        "count on by one in any one style\n"
        f"{en}:11: a section after an annex: kept as an annex (annexes come after the "
        "sections)\n"
        f"{zh}:7: the numbers of the annexes: the numbers 附录一, 第二条 do not count on by one "
        "in any one style\n"
        f"{zh}:11: a section after an annex: kept as an annex (annexes come after the "
        "sections)\n"
        "4 problems to settle by hand: the files were written, edit them (or move the folder "
        "away and import again)\n",
    )
    (document,) = load_project(root).documents
    assert [a.title for a in document.versions[0].texts["en"].annexes] == [
        "Appendix 1 Table",
        "Article 2 Other",
    ]


@pytest.mark.parametrize(
    ("lang", "left", "moved"),
    [
        (
            "zh",
            "移出至 收费 （原第一条第（一）项 收费）",
            "移动 章节 收费 （从第一条第（一）项 收费移至收费）",
        ),
        (
            "en",
            "Moved to Fees (formerly Section 1(a) Fees)",
            "Moved section Fees (moved from Section 1(a) Fees to Fees)",
        ),
    ],
)
def test_a_division_without_a_number_is_cited_by_its_title_once(
    lang: Lang, left: str, moved: str
) -> None:
    """An annex (or sub-section) without a number is cited by its title, which is also its
    heading: the old place of a move named it twice ("Moved to Fees Fees")."""
    fees = Section("fees", "收费" if lang == "zh" else "Fees", (Paragraph("fees-1", "x"),))
    terms = Section("terms", "T", (Paragraph("terms-1", "y"),))
    styles = ("第一条", "（一）") if lang == "zh" else ("Section 1", "(a)")
    numbering = Numbering(tuple(parse_style(s) for s in styles), annexes=parse_style("none"))
    old = Text(lang, "T", (), (dataclasses.replace(terms, sections=(fees,)),), numbering)
    new = Text(lang, "T", (), (terms,), numbering, annexes=(fees,))
    told = account(compare(old, new))
    assert [left_line(e) for e in told.left] == [left]
    assert [heading(e) for e in told.entries] == [moved]


def test_the_old_place_of_a_clause_names_its_sub_sections_section() -> None:
    """A clause moved out of a sub-section: its old place cites the sub-section as a reader
    does (第一条第（一）项), as a moved sub-section's does; its heading alone ((a) Fees) did
    not say which section's (a) it stood in."""
    fees = Section("fees", "Fees", (Paragraph("fees-1", "x"), Paragraph("moved", "m")))
    other = Section("other", "Other", (Paragraph("other-1", "z"),))
    terms = Section("terms", "Terms", (Paragraph("terms-1", "y"),), sections=(fees,))
    numbering = Numbering((parse_style("Section 1"), parse_style("(a)")))
    old = Text("en", "T", (), (terms, other), numbering)
    kept = dataclasses.replace(fees, blocks=fees.blocks[:1])
    moved_to = dataclasses.replace(other, blocks=(*other.blocks, Paragraph("moved", "m")))
    new = Text("en", "T", (), (dataclasses.replace(terms, sections=(kept,)), moved_to), numbering)
    told = account(compare(old, new))
    assert [left_line(e) for e in told.left] == [
        "Moved to Section 2 Other, paragraph 2 (formerly Section 1(a) Fees, paragraph 2)"
    ]
    assert [heading(e) for e in told.entries] == [
        "Moved clause Section 2, paragraph 2 (moved from Section 1(a) Fees, paragraph 2 "
        "to Section 2 Other, paragraph 2)"
    ]


@pytest.mark.parametrize(
    ("style", "sub", "item"),
    [
        ("(a)", "Section 1(a)", "Section 1(a)(a)"),
        ("（一）", "Section 1（一）", "Section 1（一）（一）"),
        ("（1）", "Section 1（1）", "Section 1（1）（1）"),
    ],
)
def test_english_cites_a_bracketed_number_in_its_own_brackets_only(
    style: str, sub: str, item: str
) -> None:
    """A sub-section's or item's number that brings its own brackets, ASCII or full-width, is
    cited after its parent's as written: "Section 1(（一）)" doubled them."""
    items = ListBlock("l", "ordered", (ListItem("l-1", "i"),), marker=parse_style(style))
    sub_section = Section("sub", "Sub", (items,))
    terms = Section("terms", "Terms", (Paragraph("terms-1", "y"),), sections=(sub_section,))
    numbering = Numbering((parse_style("Section 1"), parse_style(style)))
    cited = citations(Text("en", "T", (), (terms,), numbering))
    assert (cited["sub"], cited["l-1"]) == (sub, item)


@settings(max_examples=examples(100), deadline=None)
@given(sections=trees())
def test_dotted_clause_numbers_are_each_their_sections_and_never_another_clauses(
    sections: tuple[Section, ...],
) -> None:
    """A dotted clause style (1.1) writes its section's whole number: in sub-section 2.1 its
    clauses were 1.1, 1.2 (section 1's) and under a sub-section without a number 0.1. Either
    every clause's number starts with its section's and no two are the same, or the text is
    refused, naming the section whose clauses would have no whole number to write."""
    styles = (parse_style("1."), parse_style("1.1"), parse_style("1.1.1"))
    dotted = "1.1"
    numbering = Numbering(styles, clauses=parse_style(dotted))
    try:
        text = Text("en", "T", (), sections, numbering)
    except ValueError as error:
        unnumbered = [s.id for s in _all(sections) if not s.numbered]
        assert unnumbered
        assert re.fullmatch(
            r"section '[a-z0-9-]+' (has no|is under a section without a) number, but the "
            rf"clauses' numbering style '{re.escape(dotted)}' writes its section's number "
            r"before their own",
            str(error),
        )
        return
    written = numbers(text)
    clauses = [step for step in walk(text) if isinstance(step.node, Paragraph)]
    labels = [written[step.node.id] for step in clauses]
    assert len(set(labels)) == len(labels)
    for step in clauses:
        assert step.within is not None
        section = written[step.within.id].rstrip(".")
        assert written[step.node.id].startswith(section + ".")
