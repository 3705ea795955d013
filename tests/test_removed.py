"""Links to removed clauses (issue 16): the map of each document (id → last version that had it,
version that removed it) and the notice of a version page that ``legalsite-removed.js`` fills."""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model.document import (
    LANGS,
    Document,
    Lang,
    Paragraph,
    Section,
    Text,
    Timeline,
    Version,
    timeline,
)
from legalsite.model.words import STRINGS
from legalsite.site import removed_clauses
from legalsite.site.plan import publication_dates
from legalsite.sources.calendar import WorkingCalendar
from tests.conftest import examples, planned
from tests.revisions import documents, revisions


def text(lang: Lang, ids: list[str]) -> Text:
    """A text of one section with one clause per id."""
    words = "条款" if lang == "zh" else "Clause"
    blocks = tuple(Paragraph(anchor, f"{words} {anchor}") for anchor in ids)
    return Text(lang, "协议" if lang == "zh" else "Agreement", (), (Section("terms", "T", blocks),))


def chain(*versions: list[str], today: date = date(2026, 1, 1)) -> Timeline:
    """A document whose versions (effective 1 January, 1 March ... 2024) have these ids."""
    document = Document(
        "doc",
        tuple(
            Version("doc", date(2024, 1 + 2 * i, 1), {lang: text(lang, ids) for lang in LANGS})
            for i, ids in enumerate(versions)
        ),
    )
    return timeline(document, publication_dates(document, WorkingCalendar()), today)


def explain(data: dict[str, Any], page: str, anchor: str) -> tuple[str, str] | None:
    """What the script does with the map on the page of version ``page`` for ``#anchor`` (not
    on the page): the removal up to this version, as (last version, version that removed it)."""
    versions = [v["id"] for v in data["versions"]]
    here = versions.index(page)
    pairs = data["removed"].get(anchor, [])
    found = [pair for pair in pairs if pair[1] <= here]
    return (versions[found[-1][0]], versions[found[-1][1]]) if found else None


def test_renamed_deleted_readded_and_deleted_in_the_newest_version() -> None:
    line = chain(
        ["a", "b", "old"],  # January
        ["a", "new"],  # March: old renamed to new, b deleted
        ["a", "b", "new"],  # May: b added again
        ["a"],  # July: b deleted again, new deleted in the newest version
    )
    data = removed_clauses.map_data(line, "en")
    assert data["removed"] == {"b": [[0, 1], [2, 3]], "old": [[0, 1]], "new": [[2, 3]]}
    assert data["versions"] == [
        {"id": "2024-01-01", "date": "January 1, 2024", "url": "2024-01-01/", "changes": None},
        {
            "id": "2024-03-01",
            "date": "March 1, 2024",
            "url": "2024-03-01/",
            "changes": "2024-03-01/changes/",
        },
        {
            "id": "2024-05-01",
            "date": "May 1, 2024",
            "url": "2024-05-01/",
            "changes": "2024-05-01/changes/",
        },
        {
            "id": "2024-07-01",
            "date": "July 1, 2024",
            "url": "2024-07-01/",
            "changes": "2024-07-01/changes/",
        },
    ]
    assert removed_clauses.map_data(line, "zh")["versions"][0]["date"] == "2024年1月1日"
    # Each page explains the removal up to its own version, not a later one.
    assert explain(data, "2024-03-01", "b") == ("2024-01-01", "2024-03-01")
    assert explain(data, "2024-07-01", "b") == ("2024-05-01", "2024-07-01")
    assert explain(data, "2024-07-01", "new") == ("2024-05-01", "2024-07-01")
    assert explain(data, "2024-03-01", "new") is None  # on that page: the script sees it
    assert explain(data, "2024-01-01", "old") is None
    assert explain(data, "2024-05-01", "old") == ("2024-01-01", "2024-03-01")
    # The clauses page (no JavaScript) names each id the newest version lacks, last removal.
    last = removed_clauses.last_removals(line, "en")
    assert {k: (v.last.id, v.removed_in.id) for k, v in last.items()} == {
        "old": ("2024-01-01", "2024-03-01"),
        "b": ("2024-05-01", "2024-07-01"),
        "new": ("2024-05-01", "2024-07-01"),
    }


def test_a_first_version_alone_removed_nothing() -> None:
    assert removed_clauses.map_data(chain(["a", "b"]), "zh")["removed"] == {}
    assert removed_clauses.last_removals(chain(["a", "b"]), "zh") == {}


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_the_map_explains_every_missing_id_of_every_version(data: st.DataObject) -> None:
    """For a chain of an editor's revisions: on each version's page, an id that is not there
    but was in an earlier version is explained by its last removal up to that version (the
    last earlier version that had it, and the one after it); an id no earlier version had is
    not. The map holds at most one pair per id of each version: linear in the versions."""
    texts = [data.draw(documents(markup=False))]
    for _ in range(data.draw(st.integers(1, 4))):
        texts.append(data.draw(revisions(texts[-1]))[0])
    line = chain_of(texts)
    lang: Lang = data.draw(st.sampled_from(LANGS))
    parsed = json.loads(removed_clauses.map_json(line, lang))
    had = [set(removed_clauses.ids(release, lang)) for release in line.releases]
    everything = set().union(*had)
    for page, release in enumerate(line.releases):
        for anchor in everything - had[page]:
            earlier = [i for i in range(page) if anchor in had[i]]
            expected = (
                (line.releases[earlier[-1]].id, line.releases[earlier[-1] + 1].id)
                if earlier
                else None
            )
            assert explain(parsed, release.id, anchor) == expected
    pairs = sum(len(p) for p in parsed["removed"].values())
    assert pairs <= sum(len(ids) for ids in had)


def chain_of(texts: list[dict[Lang, Text]]) -> Timeline:
    versions = tuple(
        Version("doc", date(2024, 1 + 2 * i, 1), {lang: t[lang] for lang in LANGS})
        for i, t in enumerate(texts)
    )
    document = Document("doc", versions)
    return timeline(document, publication_dates(document, WorkingCalendar()), date(2026, 1, 1))


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("lang", LANGS)
def test_the_notice_carries_the_words_and_the_map_address(lang: Lang) -> None:
    line = chain(["a", "b"], ["a"])
    parser = _Attributes()
    found = removed_clauses.removals(line, lang)
    parser.feed(
        removed_clauses.notice_html(line, line.releases[1], lang, "doc/2024-03-01/index.md", found)
    )
    assert (
        removed_clauses.notice_html(line, line.releases[0], lang, "doc/2024-01-01/index.md", found)
        == ""
    )
    (div, attrs), (script, script_attrs) = parser.found
    assert div == "div" and script == "script"
    assert attrs["hidden"] is None and attrs["role"] == "status"
    assert attrs["data-map"] == "../removed.json" and attrs["data-version"] == "2024-03-01"
    for key in removed_clauses.NOTICE_STRINGS:
        assert attrs[f"data-{key.replace('_', '-')}"] == STRINGS[lang][key]
    prefix = "../../" if lang == "zh" else "../../../"
    assert script_attrs["src"] == prefix + "assets/legalsite-removed.js"


def test_full_width_punctuation_in_the_chinese_words() -> None:
    for key in (*removed_clauses.NOTICE_STRINGS, "clause_last_in"):
        assert not set(STRINGS["zh"][key]) & set("(),:;"), key
        assert STRINGS["zh"][key].count("{") == STRINGS["zh"][key].count("}")
    assert "（{id}）：" in STRINGS["zh"]["removed_notice"]


REVISION = planned("revision", date(2025, 9, 1))


def test_the_revision_site_ships_the_map_and_the_notice() -> None:
    pages = {f"{p.lang}/{p.path}": p.content for p in REVISION.pages}
    for lang in LANGS:
        data = json.loads(REVISION.files[f"{lang}/user-service-agreement/removed.json"])
        # Version 2025-07-01 deleted item 4 of acceptable-use-2; nothing else went.
        assert data["removed"] == {"acceptable-use-2-4": [[0, 1]]}
        # The notice on the pages of the versions from 2025-07-01 on; none before.
        for page, count in (
            ("index.md", 1),
            ("2025-09-01/index.md", 1),
            ("2025-07-01/index.md", 1),
            ("2024-01-01/index.md", 0),
        ):
            content = pages[f"{lang}/user-service-agreement/{page}"]
            assert content.count('class="ls-banner ls-banner-warning ls-removed"') == count
        # Without JavaScript, the clauses page has both links.
        entry = pages[f"{lang}/user-service-agreement/clauses.md"].split('id="acceptable-use-2-4"')[
            1
        ]
        last = STRINGS[lang]["clause_last_in"].format(
            date="2024年1月1日" if lang == "zh" else "January 1, 2024"
        )
        assert f'<li><a href="../2024-01-01/#acceptable-use-2-4">{last}</a></li>' in entry
        assert '<li><a href="../2025-07-01/changes/#acceptable-use-2-4">' in entry


def test_the_script_inserts_text_and_attributes_only() -> None:
    """The notice is built with textContent and setAttribute: no string is parsed as HTML."""
    script = (
        Path(removed_clauses.__file__).parent.parent / "theme" / removed_clauses.SCRIPT
    ).read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script
    assert "textContent" in script and "setAttribute" in script
