"""The upcoming-version notice (issue 13): from a new version's publication date until it takes
effect, every page of its document, in both languages, announces it in the HTML as built (no
JavaScript): the effective date, the editors' summary, links to the new text and its redline."""

from __future__ import annotations

import html
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.model import escape
from legalsite.model.errors import LegalsiteError
from legalsite.site.plan import generated_files, plan
from legalsite.sources.calendar import load_calendar
from legalsite.sources.load import load_project
from tests.conftest import SITES, assemble, build_site, examples
from tests.hostile import hostile_text, markup, yaml_double_quoted

DOC = "user-service-agreement"
PUBLISHED = date(2025, 2, 28)
"""Version 2025-03-03 of tests/data/sites/versions (a Monday) is published on Friday 2025-02-28."""
META = f"agreements/{DOC}/2025-03-03/meta.yaml"

# Every page kind of the document, as built (relative to a language's root), and the home page.
PAGES = (
    "index.html",
    f"{DOC}/index.html",
    f"{DOC}/2024-01-01/index.html",
    f"{DOC}/2024-01-01/bilingual/index.html",
    f"{DOC}/2025-03-03/index.html",
    f"{DOC}/2025-03-03/changes/index.html",
    f"{DOC}/2025-03-03/bilingual/index.html",
    f"{DOC}/history/index.html",
    f"{DOC}/at-date/index.html",
    f"{DOC}/compare/index.html",
    f"{DOC}/clauses/index.html",
    f"{DOC}/ledger/index.html",
)
OWN = {
    f"{DOC}/2025-03-03/index.html",
    f"{DOC}/2025-03-03/changes/index.html",
    f"{DOC}/2025-03-03/bilingual/index.html",
}
"""The new version's own pages."""
EXPECTED = {
    "zh": (
        "新版本将于2025年3月3日生效。",
        '变更摘要：明确"服务"指软件产品和技术服务。',
        # The rule the document follows (the site's default), in its language.
        "新版本于2025年2月28日发布。新版本在生效日前一个工作日发布。",
        ("阅读新版本", "查看变更"),
    ),
    "en": (
        "A new version takes effect on March 3, 2025.",
        "Summary: Makes clear that the Services are software products and technical services.",
        "The new version was published on February 28, 2025. A new version is published one "
        "working day before it takes effect.",
        ("Read the new version", "See what changes"),
    ),
}


class Notices(HTMLParser):
    """The notices of a page: for each, its text, its links and every element inside it."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.notices: list[dict[str, list[str]]] = []
        self._depth = 0
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._depth:
            self._depth += tag not in ("br", "img", "input", "meta", "link")
            notice = self.notices[-1]
            notice["elements"].append(tag)
            notice["attributes"].extend(sorted(found))
            if tag == "p":
                notice["text"].append("\n")
            if tag == "a":
                notice["links"].append(found.get("href") or "")
        elif tag == "div" and "ls-notice" in (found.get("class") or "").split():
            self._depth = 1
            self.notices.append({"text": [], "links": [], "elements": [], "attributes": []})

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.notices[-1]["text"].append(data)


def _built(tmp_path: Path, today: date) -> Path:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    return build_site(root, today)


def _target(site: Path, page: str, href: str) -> Path:
    """The file a relative link of a built page opens."""
    url = urljoin(f"https://x.example/{page}", href).removeprefix("https://x.example/")
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def test_every_page_of_the_document_announces_the_new_version_from_its_publication_date(
    tmp_path: Path,
) -> None:
    site = _built(tmp_path, PUBLISHED)
    for lang, (lead, summary, rule, labels) in EXPECTED.items():
        prefix = "" if lang == "zh" else "en/"
        shown = {
            page.relative_to(site).as_posix()
            for page in (site / prefix).rglob("index.html")
            if "ls-notice" in page.read_text(encoding="utf-8")
            and (lang == "en") == page.relative_to(site).as_posix().startswith("en/")
        }
        assert shown == {prefix + page for page in PAGES if page not in OWN}, lang
        for page in OWN:
            # The new version's own pages say it once, in their banner (issue 25): no notice
            # stacked above it linking to the page itself.
            built = (site / prefix / page).read_text(encoding="utf-8")
            under_title = built.split("</h1>", 1)[1].lstrip()
            assert under_title.startswith(
                '<div class="ls-banner ls-banner-info" role="status" data-status="upcoming"'
            ), page
        for page in PAGES:
            if page in OWN:
                continue
            built = (site / prefix / page).read_text(encoding="utf-8")
            (notice,) = Notices(built).notices
            text = " ".join("".join(notice["text"]).split())
            assert (
                text == f"{lead}{'' if lang == 'zh' else ' '}{summary} {rule} {' · '.join(labels)}"
            )
            assert notice["elements"] == ["p", "strong", "p", "p", "a", "a"], page
            # The links open the new version's text and its redline, from wherever they are.
            opened = [_target(site, prefix + page, href) for href in notice["links"]]
            assert opened == [
                site / prefix / f"{DOC}/2025-03-03/index.html",
                site / prefix / f"{DOC}/2025-03-03/changes/index.html",
            ], page
            assert all(target.is_file() for target in opened)
            # Right under the page's title, above everything else (home: in the document's entry).
            under_title = built.split("</h1>", 1)[1].lstrip()
            if page == "index.html":
                assert under_title.index('class="ls-notice"') < under_title.index("</li>")
            else:
                assert under_title.startswith('<div class="ls-notice"'), page


def test_no_page_announces_a_version_the_day_before_its_publication(tmp_path: Path) -> None:
    site = _built(tmp_path, date(2025, 2, 27))
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert "ls-notice" not in page.read_text(encoding="utf-8"), page
    assert not (site / DOC / "2025-03-03").exists()


def test_the_notice_ends_on_the_effective_date() -> None:
    root = SITES / "versions"
    files = generated_files(plan(load_project(root), load_calendar(root), date(2025, 3, 3)))
    assert not [
        name for name, text in files.items() if isinstance(text, str) and "ls-notice" in text
    ]


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(hostile_text(), markup()))
def test_any_summary_is_refused_or_inert_in_the_notice(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("notice")
    shutil.copytree(SITES / "versions" / "agreements", root / "agreements")
    quoted = yaml_double_quoted(text)
    (root / META).write_text(f"summary:\n  zh: {quoted}\n  en: {quoted}\n", encoding="utf-8")
    try:
        commands.validate(root=root)
    except LegalsiteError:
        return  # refused, with its location (tests/test_summary.py asserts the messages)
    files = generated_files(plan(load_project(root), load_calendar(root), PUBLISHED))
    # Every page but the publication ledger's (a page of the site, of no document).
    ledger_pages = [f"{lang}/ledger.md" for lang in ("zh", "en")]
    pages = [name for name in files if name.endswith(".md") and name not in ledger_pages]
    assert len(pages) == 2 * len(PAGES) and all(name in files for name in ledger_pages)
    for name in pages:
        page = files[name]
        assert isinstance(page, str)
        if name.split("/", 1)[1].startswith(f"{DOC}/2025-03-03/"):
            assert Notices(page).notices == []  # the version's own pages: their banner says it
            continue
        (notice,) = Notices(page).notices
        # Nothing the editor wrote became an element or an attribute; the text reads as written.
        assert notice["elements"] == ["p", "strong", "p", "p", "a", "a"], name
        assert notice["attributes"] == ["class", "class", "href", "href"]
        assert html.unescape(escape.html_text(text)) in "".join(notice["text"])
