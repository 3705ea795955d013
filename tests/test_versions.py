"""Versions over time: statuses, pages, banners and feeds on the days that matter."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import feedparser
import pytest

from legalsite.model.document import timeline
from legalsite.site.plan import plan, publication_dates
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import load_project
from tests.conftest import SITES, assemble, build_site
from tests.reference import normalize

# Version 2025-03-03 (a Monday) is published on Friday 2025-02-28.
BEFORE, PUBLICATION, EFFECTIVE = date(2025, 2, 27), date(2025, 2, 28), date(2025, 3, 3)


def statuses(today: date) -> dict[str, str]:
    (document,) = load_project(SITES / "versions").documents
    line = timeline(document, publication_dates(document, WorkingCalendar()), today)
    return {release.id: release.status for release in line.releases}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 12, 28), {}),
        (date(2023, 12, 29), {"2024-01-01": "upcoming"}),
        (date(2024, 1, 1), {"2024-01-01": "current"}),
        (BEFORE, {"2024-01-01": "current"}),
        (PUBLICATION, {"2024-01-01": "current", "2025-03-03": "upcoming"}),
        (date(2025, 3, 2), {"2024-01-01": "current", "2025-03-03": "upcoming"}),
        (EFFECTIVE, {"2024-01-01": "archived", "2025-03-03": "current"}),
    ],
)
def test_statuses_from_the_build_date(today: date, expected: dict[str, str]) -> None:
    assert statuses(today) == expected


def test_next_change_is_the_next_publication_or_effective_date() -> None:
    (document,) = load_project(SITES / "versions").documents
    dates = publication_dates(document, WorkingCalendar())
    assert timeline(document, dates, BEFORE).next_change == PUBLICATION
    assert timeline(document, dates, PUBLICATION).next_change == EFFECTIVE
    assert timeline(document, dates, EFFECTIVE).next_change is None


def pages(today: date) -> dict[str, str]:
    content = plan(load_project(SITES / "versions"), WorkingCalendar(), today)
    return {f"{p.lang}/{p.path}": p.content for p in content.pages} | content.files


def test_unpublished_version_is_nowhere() -> None:
    before = pages(BEFORE)
    assert not [name for name in before if "2025-03-03" in name]
    assert "2025-03-03" not in before["versions.json"]
    assert "2025-03-03" not in before["zh/feed.xml"] + before["en/feed.xml"]
    assert "2025-03-03" not in before["zh/user-service-agreement/history.md"]


def test_upcoming_banner_in_both_languages() -> None:
    on = pages(PUBLICATION)
    zh = on["zh/user-service-agreement/2025-03-03/index.md"]
    en = on["en/user-service-agreement/2025-03-03/index.md"]
    assert '<div class="ls-banner ls-banner-info" role="status" data-status="upcoming"' in zh
    assert "<p>此版本将于2025年3月3日生效，在此之前现行版本仍然有效。</p>" in zh
    assert (
        "<p>This version takes effect on March 3, 2025; until then the current version remains"
        " in force.</p>" in en
    )
    # The stable address still shows the version in force.
    assert "本《用户服务协议》" in on["zh/user-service-agreement/index.md"]
    # (Its upcoming notice gives the editors' summary of the new one, not the new text.)
    assert "提供的软件产品及技术服务" not in on["zh/user-service-agreement/index.md"]


def test_archived_banner_names_the_current_version() -> None:
    after = pages(EFFECTIVE)
    zh = after["zh/user-service-agreement/2024-01-01/index.md"]
    en = after["en/user-service-agreement/2024-01-01/index.md"]
    assert (
        "<p>这是已失效的历史版本（生效于2024年1月1日）。现行版本自2025年3月3日起生效："
        ' <a href="../">查看现行版本</a></p>' in zh
    )
    assert (
        "<p>This is an archived version (effective January 1, 2024). The current version has "
        'been in force since March 3, 2025: <a href="../">read the current version</a></p>' in en
    )
    assert 'search: {"exclude": true}' in zh
    assert "软件产品" in after["zh/user-service-agreement/index.md"]
    assert 'search: {"exclude": true}' not in after["zh/user-service-agreement/index.md"]


def test_history_lists_versions_newest_first() -> None:
    history = pages(EFFECTIVE)["en/user-service-agreement/history.md"]
    rows = [line for line in history.splitlines() if line.startswith('<tr class="ls-status-')]
    # Grouped by year, newest first, each year linked above the table (issue 23).
    years = [line for line in history.splitlines() if line.startswith('<tr class="ls-year">')]
    assert years == [
        f'<tr class="ls-year"><th scope="rowgroup" colspan="7" id="year-{year}">{year}</th></tr>'
        for year in (2025, 2024)
    ]
    assert (
        '<p class="ls-years"><a href="#year-2025">2025</a> · <a href="#year-2024">2024</a></p>'
        in history
    )
    assert rows[0].startswith(
        '<tr class="ls-status-current"><th scope="row" class="ls-date"><a href="../2025-03-03/">March 3, 2025</a></th><td class="ls-date">February 28, 2025</td><td class="ls-date">—</td><td>In force</td>'
    )
    assert rows[1].startswith(
        '<tr class="ls-status-archived"><th scope="row" class="ls-date"><a href="../2024-01-01/">January 1, 2024</a></th><td class="ls-date">December 29, 2023</td><td class="ls-date">March 2, 2025</td><td>Archived</td>'
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feeds_are_valid_atom(lang: str) -> None:
    feed = feedparser.parse(pages(EFFECTIVE)[f"{lang}/feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [entry.link for entry in feed.entries] == [
        f"/{'' if lang == 'zh' else 'en/'}user-service-agreement/2025-03-03/",
        f"/{'' if lang == 'zh' else 'en/'}user-service-agreement/2024-01-01/",
    ]
    first = feed.entries[0]
    assert first.published == "2025-02-28T00:00:00+08:00"
    assert first.summary.startswith(
        "生效日期：2025年3月3日；发布日期：2025年2月28日。"
        if lang == "zh"
        else "Effective: March 3, 2025; Published: February 28, 2025."
    )
    assert feed.feed.updated == "2025-02-28T00:00:00+08:00"


@pytest.mark.build
@pytest.mark.parametrize(
    ("today", "present", "current_text"),
    [
        (BEFORE, False, "本《用户服务协议》"),
        (PUBLICATION, True, "服务:脉邦数字科技向您提供的产品及服务。"),
        (EFFECTIVE, True, "服务:脉邦数字科技向您提供的软件产品及技术服务。"),
    ],
)
def test_built_site_on_the_three_days(
    tmp_path: Path, today: date, present: bool, current_text: str
) -> None:
    root = assemble(tmp_path / "p", SITES / "versions" / "agreements")
    site = build_site(root, today)
    assert (site / "user-service-agreement/2025-03-03/index.html").exists() == present
    assert (site / "en/user-service-agreement/2025-03-03/index.html").exists() == present
    current = (site / "user-service-agreement/index.html").read_text(encoding="utf-8")
    # The text as a reader sees it (a clause's last word shares a span with its links).
    assert current_text in normalize(re.sub(r"<[^>]+>", "", current))
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    # Permanent copies are not searched; an upcoming version's new words are, labelled as such
    # until it is in force (issue 25).
    upcoming = [
        d for d in index["docs"] if d["location"].startswith("user-service-agreement/2025-03-03/")
    ]
    assert all(d["title"].startswith("2025年3月3日起生效的新版本 · ") for d in upcoming)
    assert bool(upcoming) == (today == PUBLICATION)
    assert "user-service-agreement/2024-01-01/" not in locations
    assert "user-service-agreement/" in locations
    assert '<link rel="alternate" type="application/atom+xml"' in current


# -- A document whose first version is not published yet --------------------------------------

# tests/data/sites/basic: user-service-agreement 2024-01-01 (published 2023-12-29) and
# privacy-policy 2024-03-01, a Friday, published on Thursday 2024-02-29.
EVE, FIRST_PUBLICATION = date(2024, 2, 28), date(2024, 2, 29)
HIDDEN_MARKS = ("privacy-policy", "隐私权政策", "Privacy Policy")


def test_a_document_with_no_published_version_is_absent() -> None:
    content = plan(load_project(SITES / "basic"), WorkingCalendar(), EVE)
    assert [line.document.id for line in content.timelines] == ["user-service-agreement"]
    assert [line.document.id for line in content.unpublished] == ["privacy-policy"]
    generated = [p.content for p in content.pages] + list(content.files.values())
    paths = [f"{p.lang}/{p.path}" for p in content.pages] + list(content.files)
    for mark in HIDDEN_MARKS:
        assert not [text for text in generated if mark in text], mark
        assert not [path for path in paths if mark in path], mark
    # Its publication date is the next day the site must change.
    assert content.next_change == FIRST_PUBLICATION
    assert json.loads(content.files["versions.json"])["next_change"] == "2024-02-29"
    on = plan(load_project(SITES / "basic"), WorkingCalendar(), FIRST_PUBLICATION)
    assert [line.document.id for line in on.timelines] == [
        "privacy-policy",
        "user-service-agreement",
    ]
    assert on.unpublished == ()


def site_texts(site: Path) -> dict[str, str]:
    """Every text file of a built site, by path (the search index and sitemap included)."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            texts[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
    return texts


@pytest.mark.build
def test_a_new_document_appears_on_its_publication_date_and_every_build_passes(
    tmp_path: Path,
) -> None:
    root = assemble(tmp_path / "p", SITES / "basic" / "agreements")
    # The strict build passes the day before: the new document is nowhere, not even in the
    # navigation, the home page, the feeds, versions.json, the search index or the sitemap.
    before = site_texts(build_site(root, EVE, tmp_path / "eve"))
    assert "index.html" in before and "en/index.html" in before
    for mark in HIDDEN_MARKS:
        assert not [name for name, text in before.items() if mark in name + text], mark
    versions = json.loads(before["versions.json"])
    assert [d["id"] for d in versions["documents"]] == ["user-service-agreement"]
    assert versions["next_change"] == "2024-02-29"
    # On its publication date it is everywhere, upcoming until it takes effect.
    on = site_texts(build_site(root, FIRST_PUBLICATION, tmp_path / "on"))
    for lang in ("", "en/"):
        assert f"{lang}privacy-policy/2024-03-01/index.html" in on
        assert f"{lang}privacy-policy/history/index.html" in on
        assert 'href="privacy-policy/' in on[f"{lang}index.html"]  # navigation and home
        assert "privacy-policy/2024-03-01/" in on[f"{lang}feed.xml"]
    versions = json.loads(on["versions.json"])
    assert [(d["id"], [v["status"] for v in d["versions"]]) for d in versions["documents"]] == [
        ("privacy-policy", ["upcoming"]),
        ("user-service-agreement", ["current"]),
    ]
    assert versions["next_change"] == "2024-03-01"
