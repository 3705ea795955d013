"""Prominent terms (issue 24, item 6): ``prominent: true`` on a section or a block marks a term
of 重大利害关系 (fees, limits of liability, dispute resolution: 消费者权益保护法 第二十六条,
民法典 第四百九十六条). It is the same in both languages (validate refuses a mismatch), shown with
a label in words on the pages, PDFs and Word files, listed at the top of the document by the
numbers the page shows, and called out when a revision adds, changes, removes or un-marks one.

The document: tests/data/sites/prominent, a small paid-service agreement written for these tests
(two versions: the second raises the fee, adds an automatic-renewal term and un-marks the
liability limit).
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare import account, report
from legalsite.compare.account import prominent_changes, prominent_sentence
from legalsite.compare.diff import compare, compare_versions, elements
from legalsite.evidence import docx, pdf
from legalsite.model import prominent
from legalsite.model.citation import citations
from legalsite.model.document import (
    LANGS,
    Lang,
    ListItem,
    Paragraph,
    Release,
    Section,
    TableRow,
    Text,
    Version,
    canonical_text,
    numbers,
    walk,
)
from legalsite.model.numbering import bare
from legalsite.plugin import search
from legalsite.site.plan import SiteContent, plan
from legalsite.site.render import text_body
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.importing import dates
from legalsite.sources.importing.tree import Heading, Para, Source
from legalsite.sources.load import load_project
from tests.conftest import CONFIG, SITES, assemble, examples, run_cli
from tests.revisions import documents

PROMINENT = SITES / "prominent" / "agreements"
DOC = "paid-service"
DAY = date(2025, 2, 28)
"""The second version is published (one working day before 1 March 2025), not yet in force."""


@pytest.fixture(scope="module")
def versions() -> tuple[Version, Version]:
    (document,) = load_project(SITES / "prominent").documents
    first, second = document.versions
    return first, second


@pytest.fixture(scope="module")
def content() -> SiteContent:
    return plan(load_project(SITES / "prominent"), WorkingCalendar(), DAY)


@pytest.fixture(scope="module")
def pages(content: SiteContent) -> dict[str, str]:
    return {f"{page.lang}/{page.path}": page.content for page in content.pages}


# -- The list at the top: a law over any set of marked terms ------------------------------------


class _Links(HTMLParser):
    """The links of the list of prominent terms: (href, text) in order."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav" and ("class", "ls-prominent-terms") in attrs:
            self.inside = True
        elif tag == "a" and self.inside:
            self.links.append((dict(attrs)["href"] or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside and self.links and not self.links[-1][1]:
            self.links[-1] = (self.links[-1][0], data)


def _markable(text: Text) -> list[str]:
    """The ids that may be marked: sections and blocks (not items or rows)."""
    return [s.node.id for s in walk(text) if not isinstance(s.node, ListItem | TableRow)]


def _texts() -> list[Text]:
    """Texts with today's numbering and with their own (CC BY 4.0: Section 1, (a) ...)."""
    (licence,) = load_project(SITES / "licences").documents
    (agreement,) = load_project(SITES / "basic").documents[1:]
    return [v.texts[lang] for v in (licence.versions[0], agreement.versions[0]) for lang in LANGS]


TEXTS = _texts()


@settings(max_examples=examples(100), deadline=None)
@given(data=st.data(), which=st.sampled_from(range(len(TEXTS))))
def test_the_top_lists_exactly_the_marked_terms_in_order_by_the_numbers_shown(
    data: st.DataObject, which: int
) -> None:
    text = TEXTS[which]
    chosen = data.draw(st.sets(st.sampled_from(_markable(text))))
    marked = replace(text, prominent=frozenset(chosen))
    body = text_body(marked, date(2024, 1, 1))
    parser = _Links()
    parser.feed(body)
    order = [s.node.id for s in walk(text) if s.node.id in chosen]
    cited = citations(marked)
    assert parser.links == [(f"#{anchor}", cited[anchor]) for anchor in order]
    assert body.count('class="ls-prominent-terms"') == (1 if chosen else 0)
    # Each citation names the number the page writes before its section's heading (二 of 二、 in
    # 第二条, Section 4 of "Section 4 –"), or its title when it has none; a block's begins with
    # its section's.
    written = numbers(marked)
    section = ""
    for step in walk(marked):
        if isinstance(step.node, Section):
            section = step.node.id
            label = written.get(section, "")
            shown = cited[section]
            assert (bare(label) in shown or shown in label) if label else shown == step.node.title
        if step.node.id in chosen and section:
            assert cited[step.node.id].startswith(cited[section])
    # Marked: a label each (a section's under its heading, a block's above it), unmarked none.
    assert body.count('<p class="ls-prominent-label">') == len(chosen)
    # The canonical text: a "prominent" line per term, and the text without marks as it was.
    lines = canonical_text(marked, date(2024, 1, 1)).split("\n")
    assert lines.count("prominent") == len(chosen)
    assert "\n".join(x for x in lines if x != "prominent") == canonical_text(text, date(2024, 1, 1))


def test_a_text_without_marks_renders_as_before() -> None:
    for text in TEXTS:
        assert text_body(text, date(2024, 1, 1)) == text_body(
            replace(text, prominent=frozenset()), date(2024, 1, 1)
        )
        assert "ls-prominent" not in text_body(text, date(2024, 1, 1))


# -- Goldens ------------------------------------------------------------------------------------


GOLDEN_PAGES = (
    "zh/paid-service/index.md",
    "en/paid-service/index.md",
    "zh/paid-service/2025-03-01/changes.md",
    "en/paid-service/2025-03-01/changes.md",
    "en/paid-service/2024-01-01/bilingual.md",
)


@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_golden_pages(name: str, pages: dict[str, str], golden: Callable[[str, str], None]) -> None:
    golden(f"prominent/{name.replace('/', '-')}", pages[name])


@pytest.mark.parametrize("lang", LANGS)
def test_golden_reports(
    lang: Lang, versions: tuple[Version, Version], golden: Callable[[str, str], None]
) -> None:
    comparison = compare_versions(*versions)[lang]
    golden(f"prominent/{lang}-report.md", report.as_markdown(comparison, "paid-service"))
    golden(f"prominent/{lang}-report.txt", report.as_text(comparison, "paid-service", color=False))


# -- What a revision says -----------------------------------------------------------------------


def test_the_revision_names_the_prominent_terms_it_touches(
    versions: tuple[Version, Version],
) -> None:
    first, second = versions
    assert prominent_sentence(first.texts["zh"], second.texts["zh"]) == (
        "本次修订涉及重要条款：第一条第3款、第二条、第三条第2款"
    )
    assert prominent_sentence(first.texts["en"], second.texts["en"]) == (
        "This revision changes important terms: Section I, paragraph 3; Section II; "
        "Section III, paragraph 2"
    )
    # Nothing to call out: a first version, a revision that leaves every term as it was.
    assert prominent_sentence(None, first.texts["zh"]) == ""
    assert prominent_sentence(first.texts["zh"], first.texts["zh"]) == ""


def test_a_removed_term_is_cited_where_it_stood(versions: tuple[Version, Version]) -> None:
    first, _ = versions
    old = first.texts["en"]
    sections = tuple(s for s in old.sections if s.id != "disputes")
    new = replace(old, sections=sections, prominent=old.prominent - {"disputes-1"})
    assert prominent_changes(elements(old), elements(new)) == ["Section IV, paragraph 1"]


def test_the_notice_the_changes_page_and_feeds_call_it_out(
    pages: dict[str, str], versions: tuple[Version, Version]
) -> None:
    zh = "本次修订涉及重要条款：第一条第3款、第二条、第三条第2款"
    en = (
        "This revision changes important terms: Section I, paragraph 3; Section II; "
        "Section III, paragraph 2"
    )
    notice = f'<p class="ls-notice-prominent"><strong>{zh}</strong></p>'
    assert notice in pages["zh/paid-service/index.md"]
    assert notice in pages["zh/index.md"]  # the home page's notice too
    assert f"<strong>{en}</strong>" in pages["en/paid-service/2025-03-01/changes.md"]
    comparison = compare_versions(*versions)["en"]
    assert account.account(comparison).prominent == en


def test_a_change_of_the_mark_alone_is_a_change(versions: tuple[Version, Version]) -> None:
    first, second = versions
    notes: dict[Lang, str] = {
        "zh": "（不再标为重要条款）",
        "en": "(no longer marked as an important term)",
    }
    for lang, note in notes.items():
        comparison = compare(first.texts[lang], second.texts[lang])
        (change,) = [c for c in comparison.changes if c.id == "liability-2"]
        assert (change.status, change.prominence) == ("changed", "off")
        (entry,) = [e for e in account.account(comparison).entries if e.id == "liability-2"]
        assert entry.notes == (note,)
        # And back: marked again, the other note.
        back = compare(second.texts[lang], first.texts[lang])
        (change,) = [c for c in back.changes if c.id == "liability-2"]
        assert (change.status, change.prominence) == ("changed", "on")


@settings(max_examples=examples(40), deadline=None)
@given(data=st.data())
def test_marks_on_any_document_leave_the_words_of_the_account(data: st.DataObject) -> None:
    """A generated document marked at random: the comparison with itself unmarked counts one
    change per mark changed, each a flag change, and nothing else."""
    texts = data.draw(documents())
    text = texts["en"]
    chosen = data.draw(st.sets(st.sampled_from(_markable(text))))
    marked = replace(text, prominent=frozenset(chosen))
    touched = compare(text, marked).touched()
    assert sorted(c.id for c in touched) == sorted(chosen)
    assert all((c.status, c.prominence) == ("changed", "on") for c in touched)
    cited = citations(marked)
    assert prominent_changes(elements(text), elements(marked)) == [
        cited[s.node.id] for s in walk(text) if s.node.id in chosen
    ]


# -- validate ------------------------------------------------------------------------------------


def _project(tmp_path: Path) -> Path:
    return assemble(tmp_path / "project", PROMINENT)


def _edit(root: Path, version: str, lang: str, old: str, new: str) -> None:
    path = root / "agreements" / DOC / version / f"{lang}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("value", ["yes", "1", "null", "'true '", "[true]", "True", ""])
def test_validate_refuses_a_mark_that_is_not_true_or_false(tmp_path: Path, value: str) -> None:
    root = _project(tmp_path)
    _edit(
        root,
        "2024-01-01",
        "zh",
        "- id: fees\n  title: 费用\n  prominent: true",
        "- id: fees\n  title: 费用\n  prominent: " + value,
    )
    ran = run_cli(root, "validate")
    shown = {"'true '": "'true '", "[true]": "a list", "": "''"}.get(value, f"'{value}'")
    assert (ran.returncode, ran.stderr) == (
        1,
        f"error: agreements/paid-service/2024-01-01/zh.yaml:17:{13 if not value else 14}: "
        "'prominent' must be true or "
        f"false, not {shown}\n"
        "    hint: prominent: true marks a term of 重大利害关系 (fees, liability, disputes); leave "
        "it out otherwise\n1 problem in agreements/\n",
    )


def test_validate_refuses_a_mark_on_a_list_item(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(
        root,
        "2024-01-01",
        "en",
        "    - id: liability-3-1\n",
        "    - id: liability-3-1\n      prominent: true\n",
    )
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        "error: agreements/paid-service/2024-01-01/en.yaml:36:7: unknown field 'prominent' in "
        "'sections[3].blocks[3].items[1]'\n    hint: allowed fields here: id, items, list, style, "
        "text\n"
        "1 problem in agreements/\n",
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "clause 'disputes-1' is marked prominent in agreements/paid-service/2024-01-01/"
         "zh.yaml but not here"),
        ("en", "clause 'disputes-1' is marked prominent here but not in agreements/paid-service/"
         "2024-01-01/zh.yaml"),
    ],
)  # fmt: skip
def test_validate_refuses_a_mark_in_one_language(tmp_path: Path, lang: str, expected: str) -> None:
    root = _project(tmp_path)
    # Marked in one language only: the other's mark taken away.
    other = "en" if lang == "zh" else "zh"
    _edit(
        root, "2024-01-01", other, "- id: disputes-1\n    prominent: true\n", "- id: disputes-1\n"
    )
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        "error: agreements/paid-service/2024-01-01/en.yaml:42:9: "
        f"{expected}\n    hint: a term of 重大利害关系 is prominent in both languages: write "
        "prominent: true in zh.yaml and en.yaml, or in neither\n1 problem in agreements/\n",
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "section 'service' is numbered here but not in agreements/paid-service/"
         "2024-01-01/zh.yaml"),
        ("en", "section 'service' is numbered in agreements/paid-service/2024-01-01/zh.yaml "
         "but not here"),
    ],
)  # fmt: skip
def test_validate_refuses_a_heading_numbered_in_one_language(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """``numbered: false`` in one language only would shift every later number and citation in
    that language: refused, located in the English file like every difference of the two."""
    root = _project(tmp_path)
    _edit(root, "2024-01-01", lang, "- id: service\n", "- id: service\n  numbered: false\n")
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        f"error: agreements/paid-service/2024-01-01/en.yaml:8:7: {expected}\n"
        "    hint: a heading has a number in both languages or in neither (every later number "
        "and citation follows from it): write numbered: false in zh.yaml and en.yaml, or in "
        "neither\n1 problem in agreements/\n",
    )


def test_every_clause_marked_builds_and_lists_them_all(tmp_path: Path) -> None:
    root = _project(tmp_path)
    for lang in LANGS:
        path = root / "agreements" / DOC / "2024-01-01" / f"{lang}.yaml"
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"\n +prominent: true", "", source)
        source = re.sub(r"(\n  - id: [a-z0-9-]+)\n", r"\1\n    prominent: true\n", source)
        path.write_text(source, encoding="utf-8")
    assert run_cli(root, "validate").returncode == 0
    (document,) = load_project(root).documents
    text = document.versions[0].texts["zh"]
    assert len(prominent.terms(text)) == 8  # 7 clauses and 1 list: every block
    assert text_body(text, date(2024, 1, 1)).count("ls-prominent-label") == 8


# -- source-date -----------------------------------------------------------------------------------


def test_the_source_date_is_shown_with_the_dates(
    pages: dict[str, str], versions: tuple[Version, Version]
) -> None:
    assert (
        "<div><dt>原文日期</dt><dd>2023年12月15日</dd></div>" in pages["zh/paid-service/index.md"]
    )
    assert (
        "<div><dt>Source date</dt><dd>February 2025</dd></div>"
        in pages["en/paid-service/2025-03-01/index.md"]
    )
    assert (
        "<div><dt>原文日期</dt><dd>2025年2月</dd></div>"
        in pages["zh/paid-service/2025-03-01/index.md"]
    )
    assert [str(v.source_date) for v in versions] == ["2023-12-15", "2025-02"]


def test_the_source_date_is_in_versions_json_and_the_feeds(content: SiteContent) -> None:
    (document,) = json.loads(content.files["versions.json"])["documents"]
    assert [v.get("source_date") for v in document["versions"]] == ["2023-12-15", "2025-02"]
    zh, en = content.files["zh/paid-service/feed.xml"], content.files["en/paid-service/feed.xml"]
    assert "版本号 2.0 · 原文日期 2025年2月 · " in zh
    assert "Version 2.0 · Source date February 2025 · " in en
    # And the feed entry of the revision names the prominent terms it touches.
    assert "本次修订涉及重要条款：第一条第3款、第二条、第三条第2款" in zh
    assert "Section III, paragraph 2</summary>" in en


def test_the_marks_are_in_the_canonical_text_and_the_compare_data(content: SiteContent) -> None:
    text = content.files["en/paid-service/2024-01-01/paid-service-2024-01-01-en.txt"]
    assert "\nsection fees\tFees\nprominent\nparagraph fees-1\t" in text
    assert text.count("\nprominent\n") == 4
    data = json.loads(content.files["en/paid-service/2024-01-01/text.json"])
    assert [e["id"] for e in data["elements"] if e.get("prominent")] == [
        "fees", "liability-2", "liability-3", "disputes-1",
    ]  # fmt: skip
    assert all(e.get("prominent") in (True, None) for e in data["elements"])


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("2020-13", "source-date '2020-13' is not a date written YYYY-MM or YYYY-MM-DD",
         "write the year, a two-digit month and, when the source states it, a two-digit day: "
         "2020-01 or 2020-01-15"),
        ("0000-01", "source-date '0000-01' is not a date written YYYY-MM or YYYY-MM-DD",
         "write the year, a two-digit month and, when the source states it, a two-digit day: "
         "2020-01 or 2020-01-15"),
        ("2020-1", "source-date '2020-1' is not a date written YYYY-MM or YYYY-MM-DD",
         "write the year, a two-digit month and, when the source states it, a two-digit day: "
         "2020-01 or 2020-01-15"),
        ("2020年1月", "source-date '2020年1月' is not a date written YYYY-MM or YYYY-MM-DD",
         "write the year, a two-digit month and, when the source states it, a two-digit day: "
         "2020-01 or 2020-01-15"),
        ("2023-02-30", "source-date '2023-02-30' is not a day of the calendar",
         "check the day of the month, or write the month alone: source-date: 2023-02"),
        ("2024-01-02", "source-date '2024-01-02' is after the version's effective date "
         "2024-01-01", "the source's own date is the one it states, on or before the day this "
         "version takes effect: check the year and the month"),
        ("2024-02", "source-date '2024-02' is after the version's effective date 2024-01-01",
         "the source's own date is the one it states, on or before the day this version takes "
         "effect: check the year and the month"),
        ("[2020]", "'source-date' must be a date written YYYY-MM or YYYY-MM-DD, e.g. "
         "source-date: 2020-01", "write the source's own date as it states it: 2020-01 for "
         "2020年1月 / January 2020"),
    ],
)  # fmt: skip
def test_validate_refuses_a_source_date_of_another_shape(
    tmp_path: Path, value: str, message: str, hint: str
) -> None:
    root = _project(tmp_path)
    meta = root / "agreements" / DOC / "2024-01-01" / "meta.yaml"
    meta.write_text(f'version: "1.0"\nsource-date: {value}\n', encoding="utf-8")
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        f"error: agreements/paid-service/2024-01-01/meta.yaml:2:14: {message}\n"
        f"    hint: {hint}\n1 problem in agreements/\n",
    )


def test_a_month_of_the_effective_date_is_not_after_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    meta = root / "agreements" / DOC / "2024-01-01" / "meta.yaml"
    meta.write_text("source-date: 2024-01\n", encoding="utf-8")
    assert run_cli(root, "validate").returncode == 0


# -- legalsite import: the date a source states --------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("最后更新：2020年1月", "2020-01"),
        ("更新日期：2020年1月15日", "2020-01-15"),
        ("本协议于2019 年 12 月发布", "2019-12"),
        ("Last updated: January 2020", "2020-01"),
        ("Last updated: 15 January 2020", "2020-01-15"),
        ("Effective date: March 3, 2021", "2021-03-03"),
        ("Version 2.1, dated 2020-01", "2020-01"),
        ("Last updated: 2020-01-15", "2020-01-15"),
        ("Last updated: February 30, 2021", None),
        ("最后更新：2020年13月", None),
        ("Updated: 0999-01", None),
        ("We will refund you within 30 days of 1 January 2020.", None),
        ("2020年1月", None),
    ],
)
def test_the_date_a_source_states_for_itself(line: str, expected: str | None) -> None:
    found = dates.read_date(line)
    assert (str(found) if found else None) == expected


def _sources(tmp_path: Path, zh: str, en: str) -> tuple[Path, Path]:
    paths = (tmp_path / "zh.md", tmp_path / "en.md")
    for path, line, title in zip(
        paths, (zh, en), ("# 服务协议", "# Service Agreement"), strict=True
    ):
        body = "费用每月五十元。" if path.name == "zh.md" else "The fee is RMB 50 a month."
        path.write_text(
            f"{title}\n\n{line}\n\n## 1. {'费用' if path.name == 'zh.md' else 'Fees'}\n\n{body}\n",
            "utf-8",
        )
    return paths


def _imported(tmp_path: Path, zh: str, en: str) -> tuple[int, str, str]:
    root = tmp_path / "site"
    (root / "agreements").mkdir(parents=True)
    shutil.copy2(CONFIG, root / "mkdocs.yml")
    zh_path, en_path = _sources(tmp_path, zh, en)
    ran = run_cli(
        root, "import", "service", "--effective", "2020-02-01", "--zh", str(zh_path), "--en",
        str(en_path),
    )  # fmt: skip
    meta = (root / "agreements/service/2020-02-01/meta.yaml").read_text("utf-8")
    # What it wrote is what validate accepts, and the version carries the date.
    assert run_cli(root, "validate").returncode == 0
    return ran.returncode, ran.stderr, meta


def test_import_writes_the_date_the_sources_state(tmp_path: Path) -> None:
    code, err, meta = _imported(tmp_path, "最后更新：2020年1月", "Last updated: January 2020")
    assert (code, err) == (0, "")
    assert meta.startswith("source-date: 2020-01\n# The first version")


def test_a_date_line_read_as_the_source_date_is_not_kept_as_text(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "agreements").mkdir(parents=True)
    shutil.copy2(CONFIG, root / "mkdocs.yml")
    zh, en = _sources(tmp_path, "最后更新：2019年12月1日", "Last updated: December 1, 2019")
    ran = run_cli(
        root, "import", "service", "--effective", "2020-02-01", "--zh", str(zh), "--en", str(en)
    )
    folder = "agreements/service/2020-02-01"
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout.splitlines()[3:5] == [
        f"{zh}:3: read as the source date (source-date: 2019-12-01), not kept as text",
        f"{en}:3: read as the source date (source-date: 2019-12-01), not kept as text",
    ]
    meta = (root / folder / "meta.yaml").read_text("utf-8")
    assert meta.startswith("source-date: '2019-12-01'\n")
    for lang, words in (("zh", "2019年12月1日"), ("en", "December 1, 2019")):
        text = (root / folder / f"{lang}.yaml").read_text("utf-8")
        assert words not in text and "update" not in text.lower() and "更新" not in text
    assert run_cli(root, "validate").returncode == 0
    # The page shows the one date, from meta.yaml: no preamble clause repeats it.
    (document,) = load_project(root).documents
    for texts in document.versions[0].texts.values():
        assert not texts.preamble, texts.preamble


def test_a_date_said_in_a_sentence_that_says_more_stays_text(tmp_path: Path) -> None:
    line = "最后更新：2019年12月1日。本协议自发布之日起对所有用户适用，请仔细阅读。"
    root = tmp_path / "site"
    (root / "agreements").mkdir(parents=True)
    shutil.copy2(CONFIG, root / "mkdocs.yml")
    zh, en = _sources(tmp_path, line, "Last updated: December 1, 2019")
    ran = run_cli(
        root, "import", "service", "--effective", "2020-02-01", "--zh", str(zh), "--en", str(en)
    )
    assert f"{zh}:3: read as the source date" not in ran.stdout
    assert f"{en}:3: read as the source date (source-date: 2019-12-01), not kept as text" in (
        ran.stdout.splitlines()
    )
    text = (root / "agreements/service/2020-02-01/zh.yaml").read_text("utf-8")
    assert "本协议自发布之日起对所有用户适用" in text


LABELS = ["", "最后", "本政策", "Last", "Policy last", "Date of last"]


@settings(max_examples=examples(200), deadline=None)
@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
    shape=st.sampled_from(["zh", "zh-month", "en", "en-day-first", "iso"]),
    label=st.sampled_from(LABELS),
    more=st.sampled_from(
        ["", " and applies to every user of the services from then on", "，即日生效", "; in force"]
    ),
)
def test_a_date_line_is_left_out_only_when_it_says_nothing_else(
    day: date, shape: str, label: str, more: str
) -> None:
    month = dates.MONTHS[day.month - 1].capitalize()
    said = {
        "zh": f"{label}更新：{day.year}年{day.month}月{day.day}日",
        "zh-month": f"{label}修订于{day.year}年{day.month}月",
        "en": f"{label} updated: {month} {day.day}, {day.year}",
        "en-day-first": f"{label} revised {day.day} {month} {day.year}",
        "iso": f"{label} effective {day.isoformat()}",
    }[shape].strip() + more
    para = Para(said, 3)
    source = Source("x.md", (Heading(1, None, "T", 1), para, Para("Body.", 5)))
    found = dates.stated_date(source)
    if len(said) > dates.LONGEST:
        assert found is None
        return
    assert found is not None and found[1] == 3
    line = dates.date_line(source, 3)
    assert (line is para) is (not more)
    if line is not None:
        assert dates.without(source, line).blocks == (source.blocks[0], source.blocks[2])


def test_import_keeps_the_day_when_one_source_names_only_its_month(tmp_path: Path) -> None:
    code, err, meta = _imported(tmp_path, "最后更新：2020年1月", "Last updated: January 15, 2020")
    assert (code, err) == (0, "")
    assert meta.startswith("source-date: '2020-01-15'\n")


def test_import_keeps_no_date_the_sources_disagree_on(tmp_path: Path) -> None:
    code, err, meta = _imported(tmp_path, "最后更新：2020年1月", "Last updated: December 2019")
    assert code == 1
    assert (
        f"{tmp_path}/en.md:3: the sources state different dates 2019-12, 2020-01: source-date "
        "not written" in err
    )
    assert "source-date" not in meta


def test_import_keeps_no_date_after_the_effective_date(tmp_path: Path) -> None:
    code, err, meta = _imported(tmp_path, "最后更新：2020年3月", "Last updated: March 2020")
    assert code == 1
    assert (
        f"{tmp_path}/zh.md:3: the source's date 2020-03 is after --effective 2020-02-01: "
        "source-date not written" in err
    )
    assert "source-date" not in meta


# -- What a reader files: the PDF's HTML and the Word document ------------------------------------


def test_the_pdf_labels_and_lists_the_terms(content: SiteContent) -> None:
    (line,) = content.timelines
    release = line.releases[0]
    html = pdf.version_html(line, release, "en", pdf.editions(line, release)[-1], "/")
    assert (
        '<nav class="prominent-terms"><p class="title">Important terms in this agreement</p><ul>'
        '<li><a href="#fees">Section II</a></li><li><a href="#liability-2">Section III, '
        'paragraph 2</a></li><li><a href="#liability-3">Section III</a></li>'
        '<li><a href="#disputes-1">Section IV, paragraph 1</a></li></ul></nav>'
    ) in html
    assert '<section class="prominent">\n<h2 id="fees">II. Fees</h2>' in html
    assert html.count('<p class="prominent-label">Important term</p>') == 4
    assert "<div><dt>Source date</dt><dd>December 15, 2023</dd></div>" in html


def test_the_word_document_has_the_label_and_bold_terms(versions: tuple[Version, Version]) -> None:
    first, _ = versions
    document = Document(io.BytesIO(docx.version_docx(_release(first), "zh")))
    bold = [p.text for p in document.paragraphs if p.runs and all(r.bold for r in p.runs)]
    assert bold == [
        "本协议的重要条款：第二条、第三条第2款、第三条、第四条第1款",
        "二、费用", "重要条款", "服务费用为每月人民币五十元，按月预付。",
        "逾期未付的，服务提供者可以暂停服务。",
        "重要条款", "除法律另有规定外，服务提供者的赔偿责任以您过去十二个月支付的服务费用为限。",
        "重要条款", "1. 因不可抗力造成的损失，双方均不承担责任；", "2. 因您自身原因造成的损失，由您自行承担。",
        "重要条款", "因本协议产生的争议，双方应协商解决；协商不成的，提交服务提供者所在地人民法院诉讼解决。",
    ]  # fmt: skip
    # Nothing else is bold: the unmarked clauses are as before.
    assert not any(
        r.bold for p in document.paragraphs if p.text.startswith("服务提供者向您") for r in p.runs
    )


def _release(version: Version) -> Release:
    return Release(version, version.effective, "current", None)


def test_search_entries_of_a_term_begin_with_its_label(versions: tuple[Version, Version]) -> None:
    first, _ = versions
    labels: dict[Lang, str] = {"zh": "重要条款：", "en": "Important term: "}
    for lang, label in labels.items():
        shown = {anchor: plain for anchor, _, plain, _ in search.text_elements(first.texts[lang])}
        # A marked clause, a clause of a marked section, a marked list's items; not the others.
        for anchor in ("disputes-1", "fees-1", "fees-2", "liability-3-1", "liability-3-2"):
            assert shown[anchor].startswith(label), anchor
        for anchor in ("service-1", "liability-1", "preamble-1"):
            assert not shown[anchor].startswith(label), anchor


HOSTILE = "</nav><script>alert(1)</script> *x* [a](b) &amp; | `c` \x1b[31m"


def test_a_hostile_title_stays_text_wherever_a_term_is_named(
    versions: tuple[Version, Version],
) -> None:
    """An unnumbered section is cited by its title: every surface that names prominent terms
    writes the title as text for where it lands."""
    first, _ = versions
    old = first.texts["en"]
    sections = tuple(
        replace(s, title=HOSTILE, numbered=False) if s.id == "fees" else s for s in old.sections
    )
    marked = replace(old, sections=sections)
    fee = Paragraph("fees-1", "The fee is RMB 70.")
    changed = replace(
        marked,
        sections=tuple(
            replace(s, blocks=(fee, *s.blocks[1:])) if s.id == "fees" else s
            for s in marked.sections
        ),
    )
    body = text_body(marked, date(2024, 1, 1))
    assert "<script>" not in body and "</nav><" not in body
    sentence = prominent_sentence(marked, changed)
    assert HOSTILE in sentence  # the words themselves, escaped by each surface below
    comparison = compare(marked, changed)
    assert "<script>" not in report.as_markdown(comparison, "x")
    assert "\x1b" not in report.as_text(comparison, "x", color=False)


def test_a_clause_of_several_paragraphs_and_a_verbatim_block_may_be_marked(tmp_path: Path) -> None:
    """The blocks of issue 24's other items are terms like any: the Mulan PSL v2 (tests/data/
    sites/blocks) with its definitions (several paragraphs) and notice template (verbatim)."""
    root = assemble(tmp_path / "project", SITES / "blocks" / "agreements")
    for lang in LANGS:
        path = root / "agreements/mulan-psl-2/2020-01-02" / f"{lang}.yaml"
        source = path.read_text(encoding="utf-8")
        for anchor in ("definitions", "notice-template"):
            source = source.replace(f"- id: {anchor}\n", f"- id: {anchor}\n    prominent: true\n")
        path.write_text(source, encoding="utf-8")
    assert run_cli(root, "validate").returncode == 0
    document = load_project(root).document("mulan-psl-2")
    text = document.versions[0].texts["en"]
    assert [anchor for anchor, _ in prominent.terms(text)] == ["definitions", "notice-template"]
    body = text_body(text, date(2020, 1, 2))
    assert body.count('<div class="ls-prominent">\n<p class="ls-prominent-label">') == 2
