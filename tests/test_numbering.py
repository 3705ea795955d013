"""Numbering as data (issue 24): each language of a document states its styles, counted from a
start value (0 allowed) or not at all; one function (``document.numbers``) computes every number
and each surface (page, side by side, PDF, search, canonical text, redline) writes it as text.

The real document is an excerpt of the Creative Commons Attribution 4.0 International legal
code (preamble, Sections 4 and 5) in English and in its official Simplified Chinese
translation: tests/data/sites/licences (sources and licence noted in its YAML files; the legal
code is dedicated to the public domain, CC0 1.0). It numbers its sections "Section 4 –" /
"第四条" from 4, its lists a. b. c., and one list goes on from c.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model import escape
from legalsite.model.citation import citations
from legalsite.model.document import (
    Lang,
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Text,
    canonical_text,
    heading,
    numbers,
    section_heading,
    walk,
)
from legalsite.model.numbering import (
    KNOWN_STYLES,
    MAX_ROMAN,
    Numbering,
    StyleError,
    alpha_numeral,
    chinese_numeral,
    default_numbering,
    format_number,
    joined,
    largest,
    parse_style,
    read_number,
    roman_numeral,
)
from legalsite.model.words import format_date
from legalsite.plugin.search import text_elements
from legalsite.site.render import text_body
from legalsite.sources.load import load_project
from tests import pdftext
from tests.conftest import SITES, assemble, build_site, examples, made_once, run_cli
from tests.test_numerals import read_chinese, read_roman

LICENCES = SITES / "licences" / "agreements"
EFFECTIVE = date(2013, 11, 25)

_SIMPLE = [s for s in KNOWN_STYLES if "1.1" not in s]
_FROM_ZERO = [s for s in _SIMPLE if parse_style(s).counter in ("decimal", "chinese")]


# -- The styles --------------------------------------------------------------------------------


@pytest.mark.parametrize("source", KNOWN_STYLES)
def test_a_style_writes_the_number_one_as_it_is_written(source: str) -> None:
    assert format_number(parse_style(source), 1, (1, 1)) == source


@pytest.mark.parametrize(
    ("source", "numbers_written"),
    [
        ("一、", ["一、", "二、", "十、", "十一、"]),
        ("第一条", ["第一条", "第二条", "第十条", "第十一条"]),
        ("（一）", ["（一）", "（二）", "（十）", "（十一）"]),
        ("I.", ["I.", "II.", "X.", "XI."]),
        ("Section 1", ["Section 1", "Section 2", "Section 10", "Section 11"]),
        ("Article 1", ["Article 1", "Article 2", "Article 10", "Article 11"]),
        ("(a)", ["(a)", "(b)", "(j)", "(k)"]),
        ("(i)", ["(i)", "(ii)", "(x)", "(xi)"]),
        ("1)", ["1)", "2)", "10)", "11)"]),
        ("a.", ["a.", "b.", "j.", "k."]),
        ("1，", ["1，", "2，", "10，", "11，"]),
        ("(一)", ["(一)", "(二)", "(十)", "(十一)"]),
    ],
)
def test_styles_count_as_documents_do(source: str, numbers_written: list[str]) -> None:
    style = parse_style(source)
    assert [format_number(style, n) for n in (1, 2, 10, 11)] == numbers_written


def test_dotted_styles_write_the_numbers_of_their_ancestors() -> None:
    assert format_number(parse_style("1.1"), 2, (3,)) == "3.2"
    assert format_number(parse_style("1.1.1"), 4, (3, 2)) == "3.2.4"
    assert format_number(parse_style("1.1.1"), 1, (7, 2, 9)) == "2.9.1"


def test_a_latin_letter_inside_a_word_is_text_not_a_counter() -> None:
    style = parse_style("Section 1")
    assert (style.prefix, style.counter, style.suffix) == ("Section ", "decimal", "")
    assert format_number(parse_style("Chapter i"), 4) == "Chapter iv"


def test_counting_from_zero() -> None:
    assert [format_number(parse_style("1.", 0), n) for n in (1, 2, 11)] == ["0.", "1.", "10."]
    assert [format_number(parse_style("第一条", 0), n) for n in (1, 2)] == ["第零条", "第一条"]
    assert format_number(parse_style("Section 1", 0), 5) == "Section 4"


def test_none_writes_no_number() -> None:
    assert format_number(parse_style("none"), 3) == ""
    assert joined("", "Definitions") == "Definitions"


@pytest.mark.parametrize(
    ("source", "start", "message"),
    [
        (
            "Section",
            1,
            "numbering style 'Section' has no counter (write the number one as it looks: "
            "1. 一、 第一条 (a) i. Section 1)",
        ),
        (
            "1-a",
            1,
            "numbering style '1-a' has more than one counter (write the number one as it "
            "looks: 1. 一、 第一条 (a) i. Section 1)",
        ),
        ("1.1a", 1, "numbering style '1.1a' has more than one counter"),
        ("(i)", 0, "numbering style '(i)' cannot count from 0"),
        ("1.", -1, "numbering style '1.' cannot start at -1: 0 is the least"),
    ],
)
def test_a_style_that_cannot_be_read_is_refused(source: str, start: int, message: str) -> None:
    with pytest.raises(StyleError) as caught:
        parse_style(source, start)
    assert str(caught.value) == message


_ROMAN = [s for s in _SIMPLE if parse_style(s).counter in ("upper-roman", "lower-roman")]


@settings(max_examples=examples(200))
@given(st.sampled_from(_ROMAN), st.integers(1, 99999))
def test_a_roman_style_refuses_a_start_it_cannot_write(source: str, start: int) -> None:
    """A roman style from a start beyond 3999 is refused where the style is written (it was
    let through, then refused at the file's first line as "a text has at most 0 sections");
    from any other start it numbers at least one element."""
    if start <= MAX_ROMAN:
        assert largest(parse_style(source, start)) == MAX_ROMAN - start + 1
        return
    with pytest.raises(StyleError) as caught:
        parse_style(source, start)
    assert str(caught.value) == (
        f"numbering style '{source}' cannot start at {start}: roman numerals end at 3999"
    )


@settings(max_examples=examples(400))
@given(st.sampled_from(_SIMPLE), st.integers(1, 3000), st.integers(0, 1))
def test_every_number_reads_back_to_its_position(source: str, position: int, base: int) -> None:
    start = base if source in _FROM_ZERO else 1
    style = parse_style(source, start)
    written = format_number(style, position)
    assert read_number(style, written) == position
    # Against the independent readers of test_numerals: the counter holds start + position - 1.
    value = start + position - 1
    inner = written.removeprefix(style.prefix).removesuffix(style.suffix)
    if style.counter == "decimal":
        assert int(inner) == value
    elif style.counter == "chinese":
        assert inner == "零" if value == 0 else read_chinese(inner) == value
    elif style.counter in ("upper-roman", "lower-roman"):
        assert read_roman(inner.upper()) == value
    else:
        assert alpha_numeral(value) == inner.lower()


@settings(max_examples=examples(200))
@given(st.sampled_from(_FROM_ZERO), st.integers(0, 500), st.integers(1, 500))
def test_a_start_value_shifts_every_number(source: str, start: int, position: int) -> None:
    shifted = parse_style(source, start)
    assert format_number(shifted, position) == format_number(
        parse_style(source, 1), position + start - 1
    ) or (start + position - 1 == 0)


@settings(max_examples=examples(100))
@given(st.sampled_from(_SIMPLE), st.integers(1, 300))
def test_different_positions_have_different_numbers(source: str, position: int) -> None:
    style = parse_style(source)
    assert format_number(style, position) != format_number(style, position + 1)
    assert read_number(style, format_number(style, position) + "x") is None


@settings(max_examples=examples(200))
@given(st.integers(1, 3999), st.sampled_from(["zh", "en"]))
def test_the_default_numbering_is_todays(number: int, lang: Lang) -> None:
    """A text without numbering is numbered as before: 一、定义 / I. Definitions."""
    style = default_numbering(lang).section(1)
    today = f"{chinese_numeral(number)}、" if lang == "zh" else f"{roman_numeral(number)}. "
    assert joined(format_number(style, number), "Title") == today + "Title"
    assert section_heading(lang, number, "Title") == today + "Title"


# -- The real document -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def licences(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/sites/licences built once, with its PDFs, on a day its version is in force."""
    return made_once(
        tmp_path_factory,
        "licences",
        lambda folder: build_site(assemble(folder / "project", LICENCES, pdf=True), EFFECTIVE),
    )


def _texts() -> dict[Lang, Text]:
    (document,) = load_project(LICENCES.parent).documents
    texts = document.versions[0].texts
    return {lang: texts[lang] for lang in texts}


def _page_ids(page: str) -> list[str]:
    body = page[page.index('class="ls-updated"') : page.index("ls-updated-end")]
    return re.findall(r' id="([a-z0-9-]+)"', body)


def test_the_numbers_of_the_licence(licences: Path) -> None:
    texts = _texts()
    assert dict(numbers(texts["zh"])) == {
        "s4": "第四条", "s4a": "a.", "s4b": "b.", "s4c": "c.",
        "s5": "第五条", "s5a": "a.", "s5b": "b.", "s5c": "c.",
    }  # fmt: skip
    assert numbers(texts["en"])["s4"] == "Section 4 –"
    assert numbers(texts["en"])["s5c"] == "c."


@pytest.mark.parametrize(
    ("lang", "page", "headings", "markers"),
    [
        ("zh", "cc-by-4/2013-11-25/index.html", ["第四条 数据库特别权利", "第五条 免责声明及责任限制条款"], ["a.", "b.", "c.", "a.", "b.", "c."]),
        ("en", "en/cc-by-4/2013-11-25/index.html", ["Section 4 – Sui Generis Database Rights.", "Section 5 – Disclaimer of Warranties and Limitation of Liability."], ["a.", "b.", "c.", "a.", "b.", "c."]),
    ],
)  # fmt: skip
def test_the_page_writes_the_numbers_block_for_block(
    licences: Path, lang: Lang, page: str, headings: list[str], markers: list[str]
) -> None:
    html = (licences / page).read_text(encoding="utf-8")
    text = _texts()[lang]
    # Every element of the source, in its order, and nothing else.
    assert _page_ids(html) == [step.node.id for step in walk(text)]
    assert re.findall(r'<h2 id="s[45]">([^<]*)<', html) == headings
    assert re.findall(r'<span class="ls-number">([^<]*)</span>', html) == markers
    # The browser's own numbers are hidden where the page writes its own.
    assert html.count('class="ls-list ls-marked"') == 3
    for step in walk(text):
        if isinstance(step.node, Paragraph):
            assert f'<p id="{step.node.id}" class="ls-clause">' in html


def test_the_side_by_side_page_writes_each_languages_numbers(licences: Path) -> None:
    html = (licences / "cc-by-4/2013-11-25/bilingual/index.html").read_text(encoding="utf-8")
    assert "第四条 数据库特别权利 / Section 4 – Sui Generis Database Rights." in html
    assert 'ls-bi-item">c. 前述免责' in html
    assert 'ls-bi-item">c. The disclaimer of warranties' in html


def test_the_canonical_text_holds_the_numbers(licences: Path) -> None:
    published = (licences / "en/cc-by-4/2013-11-25/cc-by-4-2013-11-25-en.txt").read_text(
        encoding="utf-8"
    )
    assert published == canonical_text(_texts()["en"], EFFECTIVE)
    lines = published.splitlines()
    at = lines.index("section s4\tSui Generis Database Rights.")
    assert lines[at + 1] == "number\tSection 4 –"
    at = lines.index(next(line for line in lines if line.startswith("item s5c\t")))
    assert lines[at + 1] == "number\tc."


def test_search_finds_the_numbers(licences: Path) -> None:
    docs = json.loads((licences / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    by_place = {d["location"]: d for d in docs}
    assert by_place["cc-by-4/#s4"]["title"] == "第四条 数据库特别权利"
    assert by_place["cc-by-4/#s5c"]["text"].startswith("c. 前述免责")
    docs = json.loads((licences / "en/search/search_index.json").read_text(encoding="utf-8"))
    by_place = {d["location"]: d for d in docs["docs"]}
    assert by_place["cc-by-4/#s4a"]["text"].startswith("a. for the avoidance of doubt")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_writes_the_numbers(licences: Path, lang: Lang) -> None:
    folder = licences / ("en/" if lang == "en" else "") / "cc-by-4/2013-11-25"
    data = (folder / f"cc-by-4-2013-11-25-{lang}.pdf").read_bytes()
    updated = pdftext.updated_line(lang, format_date(lang, EFFECTIVE))
    pdftext.assert_version_pdf_is_its_text(data, _texts()[lang], lang, updated)
    shown = pdftext.squeeze(pdftext.content_text(data))
    assert pdftext.squeeze("Section 4 – Sui Generis Database Rights.") in shown or lang == "zh"
    assert pdftext.squeeze("c. 前述免责及责任限制声明") in shown or lang == "en"


@settings(max_examples=examples(200))
@given(
    st.sampled_from(_SIMPLE),
    st.integers(0, 99999),
    st.integers(1, 5),
    st.sampled_from(["clauses", "lists", "own", "sections"]),
)
def test_a_text_either_refuses_its_numbering_or_numbers_every_element(
    source: str, start: int, count: int, where: str
) -> None:
    """Whatever a style and start (as validate lets through: 0 to 99999), a text is refused when
    it has more clauses or items than the style can number, or each element gets its number:
    never a failure when a page asks for the numbers."""
    try:
        style = parse_style(source, start)
    except StyleError:
        return
    items = tuple(ListItem(f"i-{n}", "x") for n in range(count))
    default = default_numbering("en")
    try:
        text = Text(
            "en",
            "T",
            (),
            (
                Section(
                    "s",
                    "S",
                    (
                        *(Paragraph(f"p-{n}", "x") for n in range(count)),
                        ListBlock("l", "ordered", items, style if where == "own" else None),
                    ),
                ),
                # Sections: one unnumbered heading (not counted) and ``count`` numbered ones.
                *(
                    Section(f"s-{n}", "S", (Paragraph(f"s-{n}-p", "x"),), numbered=n > 0)
                    for n in range(count + 1 if where == "sections" else 0)
                ),
            ),
            Numbering(
                (style,) if where == "sections" else default.sections,
                style if where == "clauses" else default.clauses,
                (style,) if where == "lists" else default.lists,
                default.annexes,
            ),
        )
    except ValueError as exc:
        assert re.fullmatch(
            r"(section 's'|list 'l') has \d+ (clauses|items), but its numbering style '.+' from "
            r"\d+ numbers at most \d+ \(roman numerals end at 3999\)|the document has "
            f"{count + 1} numbered sections, but its numbering style '.+' from "
            r"\d+ numbers at most \d+ \(roman numerals end at 3999\)",
            str(exc),
        )
        return
    extra = count if where in ("clauses", "sections") else 0
    assert len(numbers(text)) == 1 + count + extra


STYLE_HINT = (
    "write the number one as it looks in the source, e.g. 一、 第一条 （一） 1. 1.1 I. "
    "Section 1 (a) (i) 1) a., or none"
)


@pytest.mark.parametrize(
    ("numbering", "problems"),
    [
        (
            "  sections:\n  - style: Section\n    start: 4\n  lists:\n  - (i)\n"
            "  - {style: i., start: 0}\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:10:5: numbering style 'Section' has "
            "no counter (write the number one as it looks: 1. 一、 第一条 (a) i. Section 1)\n"
            f"    hint: {STYLE_HINT}\n"
            "agreements/cc-by-4/2013-11-25/en.yaml:14:5: numbering style 'i.' cannot count "
            f"from 0\n    hint: {STYLE_HINT}\n2 problems in agreements/\n",
        ),
        # A number is written before its title and inside the words of a reference to it:
        # plain text like a title (an HTML tag broke every reference to the element).
        (
            "  sections:\n  - <b>1</b>\n  lists:\n  - '[1]'\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:10:5: raw HTML '<b>' is not allowed in "
            "a numbering style\n"
            "    hint: write a numbering style as plain text, without HTML tags\n"
            "agreements/cc-by-4/2013-11-25/en.yaml:12:5: '[' is not allowed in a numbering style\n"
            "    hint: a numbering style is plain text: no <, >, *, [, ] or \\ (emphasis and links "
            "belong in the clauses)\n2 problems in agreements/\n",
        ),
        # Roman numerals end at 3999: a start that leaves too few for the clauses of a section
        # or the items of a list was a traceback when the page numbered them.
        (
            "  lists:\n  - style: i.\n    start: 99999\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:10:5: numbering style 'i.' cannot "
            f"start at 99999: roman numerals end at 3999\n    hint: {STYLE_HINT}\n"
            "1 problem in agreements/\n",
        ),
        (
            "  lists:\n  - style: i.\n    start: 3999\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:9:3: list 's4-list' has 2 items, but "
            "its numbering style 'i.' from 3999 numbers at most 1 (roman numerals end at 3999)"
            "\n1 problem in agreements/\n",
        ),
        # The sections' style, as the clauses' and the lists': said at the numbering.
        (
            "  sections:\n  - style: Section I –\n    start: 3999\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:9:3: the document has 2 numbered "
            "sections, but its numbering style 'Section I –' from 3999 numbers at most 1 "
            "(roman numerals end at 3999)\n1 problem in agreements/\n",
        ),
        (
            "  clauses:\n    style: (I)\n    start: 3999\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:9:3: section 's4' has 2 clauses, but "
            "its numbering style '(I)' from 3999 numbers at most 1 (roman numerals end at 3999)"
            "\n1 problem in agreements/\n",
        ),
        (
            "  sections:\n  - style: Section 1 –\n    start: x4\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:11:12: numbering start 'x4' is not a "
            "whole number from 0 to 99999\n"
            "    hint: write the first number, e.g. start: 0 or start: 4\n"
            "1 problem in agreements/\n",
        ),
        # A dotted style writes its ancestors' numbers, which a list item does not have: every
        # list was numbered 1.1.1, 1.1.2 wherever it stood.
        (
            "  lists:\n  - 1.1\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:10:5: numbering style '1.1' is dotted: "
            "a list's items have no section number to write before their own\n"
            "    hint: number list items with one counter, e.g. 1. 1) (1) a. a) (a) i. (i) （一） "
            "1、\n1 problem in agreements/\n",
        ),
        (
            "  clauses: [1.]\n",
            "error: agreements/cc-by-4/2013-11-25/en.yaml:9:12: a numbering style must be text "
            "or style: and start: fields, not a list\n"
            "    hint: write the number one as it looks, e.g. 第一条 or (a), or "
            "{style: (a), start: 0}\n1 problem in agreements/\n",
        ),
    ],
)
def test_validate_refuses_a_style_it_cannot_read(
    tmp_path: Path, numbering: str, problems: str
) -> None:
    root = assemble(tmp_path / "project", LICENCES)
    en = root / "agreements/cc-by-4/2013-11-25/en.yaml"
    source = en.read_text(encoding="utf-8")
    start, end = source.index("numbering:\n") + len("numbering:\n"), source.index("preamble:")
    en.write_text(source[:start] + numbering + source[end:], encoding="utf-8")
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (1, problems)


def test_a_heading_without_a_number_is_not_counted(tmp_path: Path) -> None:
    """``numbered: false``: a heading without a number; the sections after it go on counting
    from the one before (the licence's sections stay 4 and 5)."""
    root = assemble(tmp_path / "project", LICENCES)
    for lang, title in (("zh", "说明"), ("en", "Notes")):
        path = root / "agreements/cc-by-4/2013-11-25" / f"{lang}.yaml"
        source = path.read_text(encoding="utf-8")
        at = source.index("- id: s5\n")
        unnumbered = (
            f"- id: notes\n  title: {title}\n  numbered: false\n  blocks:\n"
            "  - id: notes-1\n    text: '[](#s5)'\n"
        )
        path.write_text(source[:at] + unnumbered + source[at:], encoding="utf-8")
    (document,) = load_project(root).documents
    texts = document.versions[0].texts
    assert numbers(texts["en"])["s5"] == "Section 5 –"
    assert "notes" not in numbers(texts["en"])
    assert heading(texts["en"], texts["en"].sections[1]) == "Notes"
    assert heading(texts["zh"], texts["zh"].sections[2]) == "第五条 免责声明及责任限制条款"
    assert texts["zh"].sections[1].blocks[0].text == "[第五条](#s5)"  # type: ignore[union-attr]
    assert citations(texts["en"])["notes-1"] == "Notes, paragraph 1"
    lines = canonical_text(texts["en"], EFFECTIVE).splitlines()
    at = lines.index("section notes\tNotes")
    assert lines[at + 1] == "paragraph notes-1\t[Section 5](#s5)"
    ran = run_cli(root, "validate")
    assert ran.returncode == 0, ran.stderr


@settings(max_examples=examples(100))
@given(
    st.sampled_from(_SIMPLE),
    st.integers(0, 40),
    st.integers(1, 4),
    st.sampled_from(["zh", "en"]),
    st.booleans(),
)
def test_a_lists_own_style_is_written_on_every_surface_without_a_numbering(
    source: str, start: int, count: int, lang: Lang, nested: bool
) -> None:
    """A list's own ``style:`` in a text without ``numbering:``: the version page and search
    wrote no numbers (the browser's 1. 2. 3.) while the side-by-side page, the PDF and every
    citation said the style's. Each surface now writes the numbers :func:`numbers` gives."""
    try:
        style = parse_style(source, start)
    except StyleError:
        return
    items = tuple(ListItem(f"i-{n}", f"item {n}") for n in range(count))
    block = ListBlock("o" if nested else "l", "ordered", items, style)
    if nested:
        block = ListBlock("outer", "bulleted", (ListItem("o", "outer", block),))
    text = Text(lang, "T", (), (Section("s", "S", (Paragraph("s-1", "x"), block)),))
    written = {anchor: label for anchor, label in numbers(text).items() if anchor.startswith("i-")}
    assert list(written) == [f"i-{n}" for n in range(count)]
    page = text_body(text, date(2025, 1, 1))
    entries = {anchor: plain for anchor, _, plain, _ in text_elements(text) if anchor}
    canonical = canonical_text(text, date(2025, 1, 1)).split("\n")
    for anchor, label in written.items():
        assert f'<li id="{anchor}"><span class="ls-number">{escape.html_text(label)}</span> ' in (
            page
        )
        assert entries[anchor] == f"{label} item {anchor[2:]}"
        at = next(n for n, line in enumerate(canonical) if f"item {anchor}" in line)
        assert canonical[at + 1] == f"number\t{label}"


@settings(max_examples=examples(100))
@given(
    st.sampled_from(_SIMPLE),
    st.integers(0, 40),
    st.lists(st.integers(1, 3), min_size=1, max_size=4),
    st.sampled_from(["1.1", "§1.1", "1.1.1"]),
)
def test_dotted_clause_numbers_write_the_number_their_section_shows(
    source: str, start: int, clauses: list[int], dotted: str
) -> None:
    """A dotted clause style writes its section's number as the section's style counts it:
    sections from 0 (or 5) had clauses 1.1, 2.1 (their place in the text) under 0., 1. (5.,
    6.), and the cross-references and redlines cited both numbers at once."""
    try:
        style = parse_style(source, start)
    except StyleError:
        return
    default = default_numbering("en")
    sections = tuple(
        Section(f"s-{n}", "S", tuple(Paragraph(f"s-{n}-{k}", "x") for k in range(count)))
        for n, count in enumerate(clauses)
    )
    text = Text(
        "en",
        "T",
        (),
        sections,
        Numbering((style,), parse_style(dotted), default.lists, default.annexes),
    )
    written = numbers(text)
    for n, count in enumerate(clauses):
        outer = [1] * (dotted.count(".") - 1) + [start + n]
        for k in range(count):
            expected = "§" * dotted.startswith("§") + ".".join(map(str, [*outer, k + 1]))
            assert written[f"s-{n}-{k}"] == expected


@pytest.mark.parametrize("unnumbered", ["style", "heading"])
def test_dotted_clause_numbers_need_a_numbered_section(unnumbered: str) -> None:
    default = default_numbering("en")
    sections = (
        Section("a", "A", (Paragraph("a-1", "x"),)),
        Section("b", "B", (Paragraph("b-1", "x"),), numbered=unnumbered != "heading"),
    )
    outer = parse_style("none") if unnumbered == "style" else parse_style("1.")
    with pytest.raises(ValueError) as caught:
        Text(
            "en",
            "T",
            (),
            sections,
            Numbering((outer,), parse_style("1.1"), default.lists, default.annexes),
        )
    section = "a" if unnumbered == "style" else "b"
    assert str(caught.value) == (
        f"section '{section}' has no number, but the clauses' numbering style '1.1' writes its "
        "section's number before their own"
    )


@settings(max_examples=examples(30))
@given(
    st.text(alphabet="Sectionx 条（）-", min_size=41, max_size=600),
    st.sampled_from(["numbering", "source-date"]),
)
def test_a_long_value_is_refused_once_and_quoted_short(
    tmp_path_factory: pytest.TempPathFactory, value: str, field: str
) -> None:
    """A value longer than its field allows is refused once, quoting its first 40 characters
    and its length: a 500-character numbering style was quoted whole, twice (too long, then
    no counter), and a 500-character source-date whole."""
    root = assemble(tmp_path_factory.mktemp("long") / "project", LICENCES)
    folder = root / "agreements/cc-by-4/2013-11-25"
    quoted = f"{value[:40]}… ({len(value)} characters)"
    if field == "numbering":
        en = folder / "en.yaml"
        source = en.read_text(encoding="utf-8")
        start, end = source.index("numbering:\n") + 11, source.index("preamble:")
        en.write_text(source[:start] + f"  lists: ['{value}']\n" + source[end:], "utf-8")
        expected = (
            f"error: agreements/cc-by-4/2013-11-25/en.yaml:9:11: numbering style '{quoted}' is "
            "longer than 40 characters\n"
            "    hint: write the number one as it looks, e.g. 第一条 or (a)\n"
        )
    else:
        meta = folder / "meta.yaml"
        meta.write_text(meta.read_text("utf-8") + f"source-date: '{value}'\n", "utf-8")
        expected = (
            f"error: agreements/cc-by-4/2013-11-25/meta.yaml:3:14: source-date '{quoted}' is "
            "not a date written YYYY-MM or YYYY-MM-DD\n"
            "    hint: write the year, a two-digit month and, when the source states it, a "
            "two-digit day: 2020-01 or 2020-01-15\n"
        )
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (1, expected + "1 problem in agreements/\n")
