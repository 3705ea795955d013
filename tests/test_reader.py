"""Reader pages: both languages side by side, the version in force on a date, compare any two."""

from __future__ import annotations

import html
import json
import posixpath
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.account import PREAMBLE_ID
from legalsite.compare.diff import END_SECTION, elements
from legalsite.compare.redline import cuts, rules
from legalsite.model import escape, inline
from legalsite.model.document import LANGS, Lang, Paragraph
from legalsite.site.plan import SiteContent, plan
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import Project, load_project
from tests.conftest import ROOT, SITES, examples
from tests.hostile import hostile_string
from tests.reference import normalize
from tests.test_escape import hostile_document, no_surrogates

BEFORE, PUBLICATION, EFFECTIVE = date(2025, 2, 27), date(2025, 2, 28), date(2025, 3, 3)


def content(project: Path, today: date) -> SiteContent:
    return plan(load_project(project), WorkingCalendar(), today)


def page(site: SiteContent, name: str) -> str:
    (found,) = [p.content for p in site.pages if f"{p.lang}/{p.path}" == name]
    return found


class Rows(HTMLParser):
    """The bilingual rows of a page: row id -> {lang: normalized cell text}; what the page
    says of the change from the version before (``ls-bi-said``, ``ls-bi-change``) is not
    the text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict[str, str]] = {}
        self.order: list[str] = []
        self.row: str | None = None
        self.cell: str | None = None
        self.depth = 0
        self.said: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag in ("span", "p"):
            self.said.append(bool({"ls-bi-said", "ls-bi-change"} & set(classes)))
        if tag == "div" and "ls-bi-row" in classes and a.get("id"):
            self.row = a["id"]
            assert self.row is not None
            self.order.append(self.row)
            self.rows[self.row] = {}
        elif tag == "div" and "ls-bi-cell" in classes and self.row:
            self.cell = a["lang"]
            self.rows[self.row][self.cell or ""] = ""
        if self.cell and tag == "div":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("span", "p") and self.said:
            self.said.pop()
        if self.cell and tag == "div":
            self.depth -= 1
            if not self.depth:
                self.cell = None

    def handle_data(self, data: str) -> None:
        if self.row and self.cell and not any(self.said):
            self.rows[self.row][self.cell] += data


def rows_of(markdown: str) -> Rows:
    parser = Rows()
    parser.feed(markdown)
    for row in parser.rows.values():
        for lang in row:
            row[lang] = normalize(row[lang])
    return parser


# -- Side by side ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_bilingual_page_pairs_every_clause_and_item_of_the_agreement(lang: Lang) -> None:
    site = content(ROOT, date(2024, 6, 1))
    (document,) = [d for d in load_project(ROOT).documents if d.id == "user-service-agreement"]
    version = document.versions[0]
    parsed = rows_of(page(site, f"{lang}/user-service-agreement/{version.id}/bilingual.md"))
    texts = {other: elements(version.texts[other]) for other in LANGS}
    expected = [e.id for e in texts["zh"] if e.kind in {"clause", "item", "table"}]
    assert parsed.order == expected
    for other in LANGS:
        for element in texts[other]:
            if element.kind in {"clause", "item"}:
                cell = parsed.rows[element.id][other]
                assert cell.endswith(normalize(inline.plain_of(element.source))), element.id
            elif element.kind == "row":
                cell = parsed.rows[element.parent or ""][other]
                assert "".join(normalize(inline.plain_of(c)) for c in element.cells) in cell, (
                    element.id
                )


def test_bilingual_headings_name_each_section_in_both_languages() -> None:
    markdown = page(
        content(SITES / "versions", EFFECTIVE), "en/user-service-agreement/2025-03-03/bilingual.md"
    )
    headings = re.findall(r"^## (.*)$", markdown, flags=re.MULTILINE)
    assert headings == [
        r"一、定义 / I\. Definitions {#definitions}",
        r"二、免责条款 / II\. Disclaimer {#disclaimer}",
        r"三、联系我们 / III\. Contact Us {#contact}",
    ]


def test_bilingual_page_is_kept_out_of_search_and_linked_from_its_version() -> None:
    site = content(SITES / "versions", EFFECTIVE)
    bilingual = page(site, "zh/user-service-agreement/2024-01-01/bilingual.md")
    assert 'search: {"exclude": true}' in bilingual
    version = page(site, "zh/user-service-agreement/2024-01-01/index.md")
    assert '<a href="bilingual/">中英对照</a>' in version
    current = page(site, "en/user-service-agreement/index.md")
    assert '<a href="2025-03-03/bilingual/">中文 / English side by side</a>' in current


# -- Version on a date ---------------------------------------------------------------------------


def at_date(today: date, lang: Lang) -> tuple[list[dict[str, str]], list[str]]:
    """What the at-date page's script reads (the document's versions file, issue 23): each
    version's id, date and page, and its date with the period it was in force."""
    site = content(SITES / "versions", today)
    markdown = page(site, f"{lang}/user-service-agreement/at-date.md")
    (url,) = re.findall(r'data-versions="([^"]*)"', markdown)
    assert url == "../versions.json"
    listed = json.loads(site.files[f"{lang}/user-service-agreement/versions.json"])
    versions = [{key: v[key] for key in ("id", "effective", "url")} for v in listed]
    rows = [f"{v['label']} {v['period']}" for v in listed]
    return versions, rows


def test_at_date_lists_published_versions_with_the_period_each_was_in_force() -> None:
    versions, rows = at_date(EFFECTIVE, "zh")
    assert versions == [
        {"id": "2024-01-01", "effective": "2024-01-01", "url": "2024-01-01/"},
        {"id": "2025-03-03", "effective": "2025-03-03", "url": "2025-03-03/"},
    ]
    assert rows == ["2024年1月1日 2024年1月1日 至 2025年3月2日", "2025年3月3日 2025年3月3日 至 今"]
    _, rows = at_date(EFFECTIVE, "en")
    assert rows == [
        "January 1, 2024 January 1, 2024 to March 2, 2025",
        "March 3, 2025 March 3, 2025 to today",
    ]


def test_at_date_shows_an_upcoming_version_from_its_date_and_hides_unpublished_ones() -> None:
    versions, rows = at_date(PUBLICATION, "en")
    assert [v["id"] for v in versions] == ["2024-01-01", "2025-03-03"]
    assert rows[-1] == "March 3, 2025 from March 3, 2025"
    versions, rows = at_date(BEFORE, "en")
    assert [v["id"] for v in versions] == ["2024-01-01"]
    assert rows == ["January 1, 2024 January 1, 2024 to today"]


def test_at_date_says_when_no_version_was_in_force() -> None:
    markdown = page(content(SITES / "versions", EFFECTIVE), "en/user-service-agreement/at-date.md")
    assert (
        'data-none="No version was in force on {date}: the first version took effect on '
        'January 1, 2024."' in markdown
    )
    assert 'data-found="In force on {date}: the version effective {effective}."' in markdown


# -- Compare any two -----------------------------------------------------------------------------


def test_compare_offers_published_versions_newest_against_the_one_before() -> None:
    site = content(SITES / "versions", EFFECTIVE)
    markdown = page(site, "zh/user-service-agreement/compare.md")
    # The script fills both pickers from the document's versions file (issue 23), newest first.
    assert 'data-versions="../versions.json"' in markdown
    listed = json.loads(site.files["zh/user-service-agreement/versions.json"])
    options = [(v["id"], v["text"]) for v in reversed(listed)]
    assert options == [
        ("2025-03-03", "2025-03-03/text.json"),
        ("2024-01-01", "2024-01-01/text.json"),
    ]
    assert 'data-to="2025-03-03" data-from="2024-01-01"' in markdown
    assert 'data-rules="../../redline-rules.json"' in markdown
    assert 'search: {"exclude": true}' in markdown


def test_text_json_is_the_reading_order_of_each_published_version() -> None:
    site = content(SITES / "versions", BEFORE)
    assert sorted(name for name in site.files if name.endswith("text.json")) == [
        "en/user-service-agreement/2024-01-01/text.json",
        "zh/user-service-agreement/2024-01-01/text.json",
    ]
    data = json.loads(site.files["en/user-service-agreement/2024-01-01/text.json"])
    (document,) = load_project(SITES / "versions").documents
    text = document.versions[0].texts["en"]
    assert [e["id"] for e in data["elements"]] == [e.id for e in elements(text)]
    assert data["elements"][0] == {
        "cellCuts": [],
        "cells": [],
        "citation": "",
        "cuts": [],
        "heading": "",
        "id": "title",
        "kind": "title",
        "number": None,
        "parent": None,
        "place": "",
        "section": None,
        "source": None,
        "text": "User Service Agreement",
    }
    definitions = [e for e in data["elements"] if e["section"] == "definitions"]
    assert {e["heading"] for e in definitions} == {"I. Definitions"}
    assert {e["place"] for e in definitions} == {"I"}
    # What the browser's engine needs: jieba's cut of the Chinese text, item numbers, markup.
    zh = json.loads(site.files["zh/user-service-agreement/2024-01-01/text.json"])
    first = next(e for e in zh["elements"] if e["kind"] == "item")
    assert sum(c if isinstance(c, int) else sum(c) for c in first["cuts"]) == len(
        re.findall(r"[\u4e00-\u9fff]", first["text"])
    )
    assert first["number"] == "第1项"
    assert site.files["zh/redline-rules.json"] == site.files["en/redline-rules.json"]
    # Through the one JSON encoder, and still exactly the engine's rules.
    shipped = json.loads(json.dumps({**rules(), "preambleId": PREAMBLE_ID, "endId": END_SECTION}))
    assert json.loads(site.files["zh/redline-rules.json"]) == shipped
    assert json.loads(site.files["zh/redline-rules.json"])["replaceThreshold"] == 0.5


# -- Missed rebuilds -----------------------------------------------------------------------------


def test_freshness_names_the_next_change_in_each_language() -> None:
    assert content(SITES / "versions", BEFORE).freshness("zh") == {
        "build_date": "2025-02-27",
        "next_change": "2025-02-28",
        "stale_message": "本站应于2025年2月28日更新页面，但至今没有更新：页面上显示的版本状态可能已经过时。"
        "（本站维护者：GitHub 可能已停用每日发布的工作流程，请在代码库的 Actions 页面选择 publish，"
        "点击“Enable workflow”重新启用，再手动运行一次。）",
    }
    assert content(SITES / "versions", PUBLICATION).freshness("en") == {
        "build_date": "2025-02-28",
        "next_change": "2025-03-03",
        "stale_message": "This site should have been updated on March 3, 2025 and has not been "
        "since: the statuses shown may be out of date. (For the site's maintainers: GitHub may "
        "have disabled the daily publish workflow; re-enable it in the repository's Actions "
        "tab, publish → Enable workflow, then run it once by hand.)",
    }
    assert content(SITES / "versions", EFFECTIVE).freshness("en") == {"build_date": "2025-03-03"}


# -- The built site ------------------------------------------------------------------------------


def resolve(site: Path, page_dir: str, link: str) -> Path:
    return site / posixpath.normpath(posixpath.join(page_dir, link))


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_built_reader_pages_link_to_files_that_exist(versions_site: Path, prefix: str) -> None:
    base = f"{prefix}user-service-agreement"
    for version in ("2024-01-01", "2025-03-03"):
        assert (versions_site / base / version / "bilingual/index.html").is_file()
    compare = (versions_site / base / "compare/index.html").read_text(encoding="utf-8")
    # The pickers' versions: a file of the document's, which the script reads (issue 23).
    (listing,) = re.findall(r'<form class="ls-compare"[^>]* data-versions="([^"]+)"', compare)
    listed = resolve(versions_site, f"{base}/compare", listing)
    links = [entry["text"] for entry in json.loads(listed.read_text(encoding="utf-8"))]
    assert links
    for link in links:
        target = listed.parent / link
        assert json.loads(target.read_text(encoding="utf-8"))["lang"] == (prefix[:2] or "zh")
    (rules,) = re.findall(r'data-rules="([^"]+)"', compare)
    assert "alnum" in json.loads(resolve(versions_site, f"{base}/compare", rules).read_text())
    (script,) = re.findall(r'<script src="([^"]*legalsite-compare[^"]*)"', compare)
    assert resolve(versions_site, f"{base}/compare", script).is_file()
    at_date_html = (versions_site / base / "at-date/index.html").read_text(encoding="utf-8")
    (listing,) = re.findall(r'data-versions="([^"]*)"', at_date_html)
    listed = resolve(versions_site, f"{base}/at-date", listing)
    for entry in json.loads(listed.read_text(encoding="utf-8")):
        assert (listed.parent / entry["url"] / "index.html").is_file()


@pytest.mark.build
def test_built_search_index_leaves_out_bilingual_and_compare_pages(versions_site: Path) -> None:
    for prefix in ("", "en/"):  # each language's own index (legalsite.plugin.search)
        index = json.loads((versions_site / prefix / "search/search_index.json").read_text("utf-8"))
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert not [loc for loc in locations if "bilingual" in loc or "compare" in loc]
        assert "user-service-agreement/at-date/" in locations


@pytest.mark.build
def test_built_pages_carry_no_freshness_meta_when_nothing_is_scheduled(
    versions_site: Path,
) -> None:
    html = (versions_site / "user-service-agreement/index.html").read_text(encoding="utf-8")
    assert "legalsite:next-change" not in html


# -- Hostile strings (validation bypassed): the reader pages keep them inert ------------------


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(hostile_string(), min_size=40, max_size=40).map(no_surrogates))
def test_reader_pages_and_text_json_carry_any_text_inert(strings: list[str]) -> None:
    document, _ = hostile_document(strings)
    site = plan(Project(SITES / "basic", (document,)), WorkingCalendar(), date(2024, 6, 1))
    releases = {r.id: r for line in site.timelines for r in line.releases}
    for lang in LANGS:
        for version, release in releases.items():
            # text.json: the words of every element, hidden characters shown, nothing that
            # could end a <script> or an attribute if a page ever embedded it.
            text = site.files[f"{lang}/doc/{version}/text.json"]
            assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
            data = json.loads(text)
            expected = elements(release.version.texts[lang])
            assert [e["id"] for e in data["elements"]] == [e.id for e in expected]
            assert [e["text"] for e in data["elements"]] == [
                escape.visible(e.text) for e in expected
            ]
            # The browser's engine gets the jieba cut of the very text it gets.
            for shipped in data["elements"]:
                assert shipped["cuts"] == json.loads(json.dumps(cuts(shipped["text"], lang)))
                assert shipped["cellCuts"] == [
                    json.loads(json.dumps(cuts(cell, lang))) for cell in shipped["cells"]
                ]
            # The bilingual page: every row is one element of the site's own, with both texts.
            bilingual = page(site, f"{lang}/doc/{version}/bilingual.md")
            rows = rows_of(bilingual)
            assert rows.order == ["pre-1", *(["c-3"] if version == "2024-03-01" else []),
                                  "c-1", "l-1-1", "l-1-2", "t-1", "c-2", "l-2-1"]  # fmt: skip
            for row in ("pre-1", "c-1", "c-2"):
                texts = release.version.texts
                for other in LANGS:
                    block = next(
                        b
                        for b in (
                            *texts[other].preamble,
                            *(x for s in texts[other].sections for x in s.blocks),
                        )
                        if b.id == row
                    )
                    assert isinstance(block, Paragraph)
                    shown = escape.visible(escape.inline_plain(block.text))
                    assert rows.rows[row][other] == normalize(shown)
        # The pickers' data: JSON in an attribute, read back whole; their versions, a file.
        markdown_page = page(site, f"{lang}/doc/compare.md")
        (payload,) = re.findall('data-strings="([^"]*)"', markdown_page)
        assert json.loads(html.unescape(payload))
        assert json.loads(site.files[f"{lang}/doc/versions.json"])


# -- Home: each document with its status and latest change (issue 23) -----------------------------


def test_home_gives_each_document_its_status_and_latest_change() -> None:
    def items(today: date, lang: Lang) -> list[str]:
        home = page(content(SITES / "versions", today), f"{lang}/index.md")
        return [line for line in home.splitlines() if line.startswith("<li")]

    assert items(EFFECTIVE, "en") == [
        '<li><a href="user-service-agreement/">User Service Agreement</a>: in force since '
        'March 3, 2025 · <a href="user-service-agreement/2025-03-03/changes/">latest change: '
        "March 3, 2025</a> · Summary: Makes clear that the Services are software products and "
        'technical services. · <a href="user-service-agreement/history/">Version history</a></li>'
    ]
    assert items(EFFECTIVE, "zh") == [
        '<li><a href="user-service-agreement/">用户服务协议</a>：自2025年3月3日起生效 · '
        '<a href="user-service-agreement/2025-03-03/changes/">最近变更：2025年3月3日</a> · '
        "变更摘要：明确&quot;服务&quot;指软件产品和技术服务。 · "
        '<a href="user-service-agreement/history/">历史版本</a></li>'
    ]
    # One version: nothing changed yet.
    assert items(BEFORE, "en") == [
        '<li><a href="user-service-agreement/">User Service Agreement</a>: in force since '
        'January 1, 2024 · <a href="user-service-agreement/history/">Version history</a></li>'
    ]
