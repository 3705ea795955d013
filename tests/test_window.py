"""The publication window on every clause (issue 25): from a version's publication date until it
takes effect, each clause of the text in force that it changes, moves or removes says so, with
the day and links to its new text (unless removed) and its redline; search finds the upcoming
text, labelled as upcoming; the clause history keeps the text and numbering in force."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.diff import compare, upcoming_changes
from legalsite.model.document import LANGS, ListItem, Paragraph, TableRow, Text, walk
from legalsite.model.words import format_date
from legalsite.site import render
from tests.conftest import SITES, assemble, build_site, examples, made_once
from tests.revisions import documents, revisions

DOC = "user-service-agreement"
PUBLISHED = date(2025, 2, 28)
EFFECTIVE = date(2025, 3, 3)
MARK = {
    "zh": "本条自2025年3月3日起修改：新文本 · 变更",
    "en": "Changes on March 3, 2025: new text · redline",
}


class Marks(HTMLParser):
    """Each ``ls-upcoming`` marker of a page: (the id of the clause it follows, text, links)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[str, str, list[str]]] = []
        self._ids: list[str] = []
        self._depth = 0
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._depth:
            self._depth += 1
            if tag == "a":
                self.marks[-1][2].append(found.get("href") or "")
        elif "ls-upcoming" in (found.get("class") or "").split():
            self._depth = 1
            self.marks.append((self._ids[-1], "", []))
        elif found.get("id"):
            self._ids.append(found["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            anchor, text, links = self.marks[-1]
            self.marks[-1] = (anchor, text + data, links)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[date, Path]:
    agreements = SITES / "versions" / "agreements"

    def built(day: date) -> Path:
        def make(folder: Path) -> Path:
            return build_site(assemble(folder / "project", agreements), day)

        return made_once(tmp_path_factory, f"window-{day}", make)

    return {day: built(day) for day in (PUBLISHED, EFFECTIVE)}


def test_the_text_in_force_marks_each_clause_the_published_version_changes(
    sites: dict[date, Path],
) -> None:
    site = sites[PUBLISHED]
    for lang in LANGS:
        root = site / ("" if lang == "zh" else "en")
        for page, base in ((f"{DOC}/index.html", ""), (f"{DOC}/2024-01-01/index.html", "../")):
            marks = Marks((root / page).read_text(encoding="utf-8")).marks
            assert marks == [
                (
                    "definitions-1-1",
                    MARK[lang],
                    [
                        f"{base}2025-03-03/#definitions-1-1",
                        f"{base}2025-03-03/changes/#definitions-1-1",
                    ],
                )
            ], (lang, page)
        # The new version's own pages, and every page once it is in force, have none.
        assert not Marks((root / f"{DOC}/2025-03-03/index.html").read_text("utf-8")).marks
        for built in (sites[EFFECTIVE] / ("" if lang == "zh" else "en")).rglob("*.html"):
            assert "ls-upcoming" not in built.read_text(encoding="utf-8"), built


def test_search_finds_the_upcoming_text_labelled_until_it_is_in_force(
    sites: dict[date, Path],
) -> None:
    def upcoming(site: Path, lang: str) -> list[dict[str, str]]:
        index = site / ("" if lang == "zh" else "en") / "search" / "search_index.json"
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        return [d for d in docs if "2025-03-03" in d["location"]]

    assert [(d["location"], d["title"], d["text"]) for d in upcoming(sites[PUBLISHED], "zh")] == [
        (
            f"{DOC}/2025-03-03/#definitions-1-1",
            "2025年3月3日起生效的新版本 · 一、定义",
            "1. 服务:脉邦数字科技向您提供的软件产品及技术服务。",  # its number, as on the page
        )
    ]
    (entry,) = upcoming(sites[PUBLISHED], "en")
    assert entry["title"] == "Upcoming, in force from March 3, 2025 · I. Definitions"
    for lang in LANGS:
        assert upcoming(sites[EFFECTIVE], lang) == []


def test_the_clause_history_keeps_the_text_in_force_until_the_effective_date(
    sites: dict[date, Path],
) -> None:
    page = (sites[PUBLISHED] / "en" / DOC / "clauses" / "index.html").read_text("utf-8")
    entry = re.sub(r"\s+", " ", page.split('id="definitions-1-1"', 1)[1].split("</div>", 1)[0])
    assert "Services: products and services provided by MaiBang Digital…" in entry
    assert (
        '<a href="../2025-03-03/changes/#definitions-1-1">upcoming version, in force from '
        'March 3, 2025</a>: <span class="ls-change-label">Changed</span>'
    ) in entry


@settings(max_examples=examples(25), deadline=None)
@given(st.data())
def test_every_clause_the_new_version_touches_is_marked_once_and_no_other(
    data: st.DataObject,
) -> None:
    old = data.draw(documents())
    new, _ = data.draw(revisions(old))
    for lang in LANGS:
        statuses = upcoming_changes(compare(old[lang], new[lang]))
        upcoming = render.Upcoming(EFFECTIVE, statuses, "v/", "c/")
        body = render.text_body(old[lang], PUBLISHED, upcoming=upcoming)
        marks = Marks(body).marks
        assert sorted(anchor for anchor, _, _ in marks) == sorted(
            anchor for anchor, status in statuses.items() if _marked(old[lang], anchor)
        )
        for anchor, text, links in marks:
            removed = statuses[anchor] == "removed"
            assert links == ([] if removed else [f"v/#{anchor}"]) + [f"c/#{anchor}"]
            assert text.startswith(
                render.t(
                    lang,
                    "upcoming_removed" if removed else "upcoming_changed",
                    date=format_date(lang, EFFECTIVE),
                )
            )


def _marked(text: Text, anchor: str) -> bool:
    """Whether the id is an element that carries markers (a clause, list item or table row,
    not a section heading, list or table as a whole)."""
    return any(
        step.node.id == anchor and isinstance(step.node, Paragraph | ListItem | TableRow)
        for step in walk(text)
    )
