"""The publication ledger (issue 22): what was served, and when, stays true.

A site is published on day 1 (its first publication: the ledger begins), then built again on
day 2 with ``--previous`` the day-1 site, a changed PDF template and no PDF cache: every day-1
evidence file is served byte for byte, listed with the same digest and first-served date, and
nothing is rendered. A version merged after its publication date, a tampered file of the
previous site, a changed text and a vanished version are refused, all at once. The ledger only
grows (Hypothesis, over generated sequences of builds, in-process and without MkDocs).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.evidence import docx, ledger, pdf, previous
from legalsite.evidence.ledger import Key, Served
from legalsite.model.document import (
    ID_PATTERN,
    Lang,
    Release,
    Timeline,
    parse_version_name,
    timeline,
)
from legalsite.model.errors import LegalsiteError
from legalsite.model.words import STRINGS, keyed, t
from legalsite.site.plan import publication_dates
from legalsite.sources.calendar import load_calendar
from legalsite.sources.load import load_project
from tests.conftest import SITES, assemble, examples, run_cli, set_plugin_options

DOC = "user-service-agreement"
FIRST, SECOND = "2024-01-01", "2025-03-03"
DAY1 = date(2025, 2, 28)  # SECOND is published (Friday before its effective Monday)
DAY2 = date(2025, 3, 1)  # no status changes: every file of day 1 is served again


def build(root: Path, today: date, site: Path, previous: Path | str | None = None) -> Path:
    return commands.build(
        root=root,
        today=today,
        site_dir=site,
        quiet=True,
        previous=str(previous) if previous else None,
    ).site


@pytest.fixture(scope="module")
def day1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The versions site with its PDFs, published for the first time on DAY1."""
    folder = tmp_path_factory.mktemp("ledger-day1")
    root = assemble(folder / "project", SITES / "versions" / "agreements", pdf=True)
    return build(root, DAY1, folder / "site")


def entries(site: Path) -> dict[tuple[str, str], dict[str, object]]:
    data = json.loads((site / "ledger.json").read_text(encoding="utf-8"))
    return {(e["path"], e["sha256"]): e for e in data["entries"]}


def project_for(tmp_path: Path, *, pdfs: bool) -> Path:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    set_plugin_options(root, f"{{pdf: {'true' if pdfs else 'false'}, pdf_cache: cold-cache}}")
    return root


def test_a_first_publication_lists_every_file_as_served_before_the_ledger(day1: Path) -> None:
    data = json.loads((day1 / "ledger.json").read_text(encoding="utf-8"))
    assert (data["format"], data["began"], data["updated"]) == (
        "legalsite-ledger/1",
        "2025-02-28",
        "2025-02-28",
    )
    paths = {e["path"] for e in data["entries"]}
    for lang, prefix in (("zh", ""), ("en", "en/")):
        for version in (FIRST, SECOND):
            for suffix in ("pdf", "txt", "docx"):
                path = f"{prefix}{DOC}/{version}/{DOC}-{version}-{lang}.{suffix}"
                assert path in paths
        assert f"{prefix}{DOC}/{SECOND}/{DOC}-{SECOND}-{lang}-changes.pdf" in paths
        assert f"{prefix}{DOC}/{SECOND}/{DOC}-{SECOND}-{lang}-changes.docx" in paths
    for entry in data["entries"]:
        assert (entry["first_served"], entry["listed"]) == (None, "2025-02-28")
    # Every file the site serves is listed with its digest and size.
    listed_files = entries(day1)
    files = [path for path in day1.rglob("*") if path.suffix in (".pdf", ".txt", ".docx")]
    assert len(files) == 16
    for file in files:
        content = file.read_bytes()
        key = (file.relative_to(day1).as_posix(), hashlib.sha256(content).hexdigest())
        assert listed_files[key]["size"] == len(content)
    # The earlier edition of FIRST's PDF (upcoming) is listed too, as versions.json lists it.
    versions = json.loads((day1 / "versions.json").read_text(encoding="utf-8"))
    first = versions["documents"][0]["versions"][0]["languages"]["zh"]["pdf"]
    earlier = first["earlier"][0]["sha256"]
    assert any(sha == earlier for _, sha in entries(day1))
    # The index (one row per document, issue 23) and the document's ledger page both say
    # plainly what is not recorded; the document's page lists each of its files.
    index = (day1 / "en" / "ledger" / "index.html").read_text(encoding="utf-8")
    page = (day1 / "en" / DOC / "ledger" / "index.html").read_text(encoding="utf-8")
    for each in (index, page):
        assert (
            "This ledger began on February 28, 2025. For versions published before then, the "
            "day their files were first served was not recorded" in each
        )
        assert "not recorded (before the ledger)" in each
    unrecorded = "<td>not recorded (before the ledger)</td>"
    assert (
        f'<th scope="row"><a href="../{DOC}/ledger/">User Service Agreement</a></th>'
        f"<td>{len(data['entries'])}</td>{unrecorded}{unrecorded}" in index
    )
    assert "<code>" not in index.split('<table class="ls-ledger">')[1]  # no file: a row each
    for path, _ in listed_files:
        assert f"<code>{path}</code>" in page
    assert '<a href="../../../ledger.json">' in page and '<a href="../../ledger.json">' in index
    assert '<a href="../history/">Version history</a>' in page
    assert '<a href="../../ledger/">The publication ledger of every document</a>' in page
    history = (day1 / "en" / DOC / "history" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../ledger/">The publication ledger lists when each file' in history
    # Each page names the kinds of file it lists: all five here (a site without PDFs names
    # only what it serves, tests/golden/basic/*/ledger.md).
    kinds = (
        "(each version&#x27;s canonical text, each edition of its PDF, its redline PDF, its "
        "Word document and its Word redline)"
    )
    assert kinds in index and kinds in page
    zh = (day1 / DOC / "ledger" / "index.html").read_text(encoding="utf-8")
    assert "（各版本的规范文本、PDF 的每一版次、修订对照 PDF、Word 文档、修订对照 Word 文档）" in zh


def test_day_two_serves_every_day_one_file_as_it_was(
    day1: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed PDF template, no PDF cache, a renderer that must not be called."""
    template = pdf._env.loader.get_source(pdf._env, "pdf.html.j2")[0]  # type: ignore[union-attr]
    changed = template.replace("</body>", "<p>a new footer</p></body>")
    assert changed != template
    loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader({"pdf.html.j2": changed}), pdf._env.loader]  # type: ignore[list-item]
    )
    monkeypatch.setattr(pdf._env, "loader", loader)
    monkeypatch.setattr(pdf._env, "cache", None)  # the template read again, changed

    def no_rendering(document_html: str) -> bytes:
        raise AssertionError("a file of the previous site was rendered again")

    monkeypatch.setattr(pdf, "render_html", no_rendering)

    def no_word(*args: object) -> bytes:
        raise AssertionError("a Word document of the previous site was made again")

    monkeypatch.setattr(docx, "version_docx", no_word)
    monkeypatch.setattr(docx, "redline_docx", no_word)
    root = project_for(tmp_path, pdfs=True)
    site = build(root, DAY2, tmp_path / "site", previous=day1)
    assert not (root / "cold-cache").exists()  # nothing rendered, so nothing cached
    # An earlier edition, no longer served, is recognised with what it was.
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    first = versions["documents"][0]["versions"][0]["languages"]["en"]["pdf"]
    (earlier,) = first["earlier"]
    assert (earlier["status"], earlier["as_of"]) == ("upcoming", "2023-12-29")
    before, after = entries(day1), entries(site)
    assert before == after  # the same entries, digests, sizes and first-served dates
    served = [path for path in (site).rglob("*") if path.suffix in (".pdf", ".txt", ".docx")]
    assert len(served) == 16
    for path in served:
        relative = path.relative_to(site).as_posix()
        assert path.read_bytes() == (day1 / relative).read_bytes(), relative
    assert json.loads((site / "ledger.json").read_text())["updated"] == "2025-03-01"
    for name in ("versions.json",):
        old = json.loads((day1 / name).read_text())["documents"]
        new = json.loads((site / name).read_text())["documents"]
        assert old == new


def test_a_new_edition_is_added_first_served_on_its_day(tmp_path: Path) -> None:
    """Without PDFs: the texts are evidence too, and a version published later is added on the
    day it is first served; the earlier entries stay as they were."""
    root = project_for(tmp_path, pdfs=False)
    second = root / "agreements" / DOC / SECOND
    kept = tmp_path / "second"
    shutil.move(second, kept)
    first = build(root, date(2025, 2, 20), tmp_path / "one")
    shutil.move(kept, second)
    later = build(root, DAY1, tmp_path / "two", previous=first)
    before, after = entries(first), entries(later)
    assert before.items() <= after.items()
    added = {key: e for key, e in after.items() if key not in before}
    assert sorted(str(e["path"]) for e in added.values()) == [
        f"en/{DOC}/{SECOND}/{DOC}-{SECOND}-en.txt",
        f"{DOC}/{SECOND}/{DOC}-{SECOND}-zh.txt",
    ]
    assert {(e["first_served"], e["listed"]) for e in added.values()} == {
        ("2025-02-28", "2025-02-28")
    }
    # The index gives the document's first day as unknown (files served before the ledger)
    # and its latest as the new files'; the document's page dates each file.
    index = (later / "ledger" / "index.html").read_text(encoding="utf-8")
    assert "<td>4</td><td>未记录（早于本记录）</td><td>2025年2月28日</td>" in index
    page = (later / DOC / "ledger" / "index.html").read_text(encoding="utf-8")
    assert f"<code>{DOC}/{SECOND}/{DOC}-{SECOND}-zh.txt</code></td><td>2025年2月28日</td>" in page
    assert (
        f"<code>{DOC}/{FIRST}/{DOC}-{FIRST}-zh.txt</code></td><td>未记录（早于本记录）</td>" in page
    )
    # verify says when each file was first served, from the ledger beside versions.json.
    text = later / "en" / DOC / SECOND / f"{DOC}-{SECOND}-en.txt"
    ran = run_cli(root, "verify", str(text), "--versions", str(later / "versions.json"))
    assert ran.returncode == 0
    assert "  first served: 2025-02-28 (the site's publication ledger)\n" in ran.stdout
    old = later / DOC / FIRST / f"{DOC}-{FIRST}-zh.txt"
    ran = run_cli(root, "verify", str(old), "--versions", str(later / "versions.json"))
    assert (
        "  first served: not recorded: served before the publication ledger began on "
        "2025-02-20\n" in ran.stdout
    )


def test_a_version_merged_after_its_publication_date_is_refused(tmp_path: Path) -> None:
    root = project_for(tmp_path, pdfs=False)
    second = root / "agreements" / DOC / SECOND
    kept = tmp_path / "second"
    shutil.move(second, kept)
    first = build(root, date(2025, 2, 20), tmp_path / "one")
    shutil.move(kept, second)  # merged on 2025-03-04, after its publication date 2025-02-28
    ran = run_cli(root, "build", "--today", "2025-03-04", "--previous", str(first))
    assert (ran.returncode, ran.stdout) == (1, "")
    assert ran.stderr == (
        f"error: agreements/{DOC}/{SECOND}/: version {SECOND} of {DOC} states the publication "
        "date 2025-02-28, which has passed, but the published site (ledger of 2025-02-20) "
        "never served it\n"
        "    hint: a version appears on the site on its publication date, and this one can no "
        "longer: give it a later effective date, at the earliest 2025-03-05 (published "
        f"2025-03-04), the first `legalsite new-version {DOC} --effective DATE` accepts today: "
        f"rename the folder to agreements/{DOC}/2025-03-05/ and say so in its summary\n"
        "1 problem refused: nothing was published\n"
    )
    assert not (root / "site").exists()
    # new-version accepts that date on that day, and refuses the day before.
    assert ledger.earliest_effective(load_calendar(root), date(2025, 3, 4)) == (
        date(2025, 3, 5),
        date(2025, 3, 4),
    )


def test_a_tampered_file_of_the_previous_site_is_refused(day1: Path, tmp_path: Path) -> None:
    copy = tmp_path / "published"
    shutil.copytree(day1, copy)
    target = copy / "en" / DOC / FIRST / f"{DOC}-{FIRST}-en.pdf"
    original = target.read_bytes()
    forged = original.replace(b"%%EOF", b"%%EOF\n% forged", 1)
    target.write_bytes(forged)
    root = project_for(tmp_path, pdfs=True)
    ran = run_cli(root, "build", "--today", DAY2.isoformat(), "--previous", str(copy))
    assert ran.returncode == 1
    digest = hashlib.sha256(forged).hexdigest()
    listed = hashlib.sha256(original).hexdigest()
    assert ran.stderr == (
        f"error: {target}: the previous site serves a file that is not the one its ledger "
        f"lists (SHA-256 {digest}, {len(forged)} bytes; the ledger lists {listed}, "
        f"{len(original)} bytes): it was changed after it was published\n"
        "    hint: find out who changed the published file, and publish from a copy of the "
        "site whose files match its ledger.json; a build never serves a file that differs "
        "from what was published\n"
        "1 problem refused: nothing was published\n"
    )
    assert not (root / "cold-cache").exists()  # stopped before rendering anything


def test_a_changed_text_and_a_vanished_version_are_refused_together(tmp_path: Path) -> None:
    root = project_for(tmp_path, pdfs=False)
    first = build(root, DAY1, tmp_path / "one")
    english = root / "agreements" / DOC / FIRST / "en.yaml"
    english.write_text(
        english.read_text(encoding="utf-8").replace("This ", "The ", 1), encoding="utf-8"
    )
    # The same words in the later version: else validate stops first (drift).
    later = root / "agreements" / DOC / SECOND / "en.yaml"
    later.write_text(later.read_text(encoding="utf-8").replace("This ", "The ", 1))
    shutil.rmtree(root / "agreements" / DOC / SECOND)
    ran = run_cli(root, "build", "--today", "2025-03-02", "--previous", str(first))
    assert ran.returncode == 1
    lines = ran.stderr.splitlines()
    assert lines[0].startswith(
        f"error: agreements/{DOC}/{FIRST}/en.yaml: the en text of version {FIRST} of {DOC} is "
        "not the one the site served (served before the ledger began): canonical text SHA-256 "
    )
    assert lines[1:] == [
        "    hint: published text never changes: restore the file as it was (git log shows the "
        "commit that changed it) and make the change in a new version (legalsite new-version)",
        f"agreements/{DOC}/{SECOND}/: version {SECOND} of {DOC} was published (served before "
        "the ledger began) and is no longer on the site: its folder is gone, or its dates no "
        "longer publish it",
        "    hint: a published version stays on the site for ever: restore its folder and dates "
        "as they were (git log shows the commit that changed them); to change the text, add a "
        "new version (legalsite new-version)",
        "2 problems refused: nothing was published",
    ]


def test_a_previous_site_without_a_ledger_is_named(tmp_path: Path) -> None:
    root = project_for(tmp_path, pdfs=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(LegalsiteError) as info:
        build(root, DAY1, tmp_path / "site", previous=empty)
    assert str(info.value) == (
        f"cannot read {empty}/ledger.json: No such file or directory\n"
        "hint: give the last published site: its https:// address (site_url), or a folder "
        "holding a copy of it; for a site's first publication, build without --previous"
    )
    with pytest.raises(LegalsiteError) as info:
        build(root, DAY1, tmp_path / "site", previous="http://example.com")
    assert str(info.value).startswith(
        "the previous site http://example.com is not an https:// address"
    )


# -- The ledger only grows ---------------------------------------------------------------------

KEYS = st.builds(
    Key,
    document=st.sampled_from(["a", "b"]),
    version=st.sampled_from(["2024-01-01", "2025-01-01"]),
    lang=st.sampled_from(["zh", "en"]),
    kind=st.sampled_from(["text", "changes_pdf"]),
) | st.builds(
    Key,
    document=st.just("a"),
    version=st.just("2024-01-01"),
    lang=st.sampled_from(["zh", "en"]),
    kind=st.just("pdf"),
    status=st.sampled_from(["upcoming", "current", "archived"]),
    as_of=st.sampled_from(["2023-12-29", "2024-01-01"]),
)


def served(key: Key) -> Served:
    """A file's digest as a stable function of what it is (the build serves the listed bytes)."""
    return Served(hashlib.sha256(repr(key).encode()).hexdigest(), len(repr(key)))


@settings(max_examples=examples(60))
@given(builds=st.lists(st.tuples(st.integers(0, 9), st.sets(KEYS, max_size=8)), max_size=6))
def test_the_ledger_only_grows(builds: list[tuple[int, set[Key]]]) -> None:
    day = date(2025, 1, 1)
    book: ledger.Ledger | None = None
    for gap, keys in builds:
        day += timedelta(days=gap)
        grown = ledger.grow(book, {key: served(key) for key in keys}, day)
        # What it was stays, entry for entry; what is new was first served today.
        if book is not None:
            assert grown.entries[: len(book.entries)] == book.entries
            assert grown.began == book.began
            for entry in grown.entries[len(book.entries) :]:
                assert (entry.first_served, entry.listed) == (day, day)
        else:
            assert all(e.first_served is None for e in grown.entries)
        assert {e.key for e in grown.entries} >= keys
        # Written and read back, it is the same ledger.
        again = ledger.from_json(ledger.to_json(grown).encode())
        assert (again.began, again.updated) == (grown.began, grown.updated)
        assert sorted(again.entries, key=lambda e: e.key) == sorted(
            grown.entries, key=lambda e: e.key
        )
        book = grown


def test_a_ledger_that_is_not_one_is_refused_by_field() -> None:
    good = ledger.to_json(
        ledger.grow(
            None,
            {Key("a", "2024-01-01", "zh", "text"): served(Key("a", "2024-01-01", "zh", "text"))},
            date(2025, 1, 1),
        )
    )
    for broken, why in [
        (good.replace('"format": "legalsite-ledger/1"', '"format": "x"'), "its format"),
        (good.replace('"size": ', '"size": -'), "entry 0 has no size"),
        (good.replace('"path": "a/', '"path": "../'), "entry 0's path is not the one"),
        (good.replace('"began": "2025-01-01"', '"began": "2026-01-01"'), "it began after"),
    ]:
        with pytest.raises(ledger.LedgerFormatError, match=why):
            ledger.from_json(broken.encode())


def _editions_on_every_day(line: Timeline, release: Release) -> tuple[pdf.Edition, ...]:
    """The old rule, every day a status could change for any version: the reference."""
    published = {v.id: date.max for v in line.document.versions}
    published.update({r.id: r.published for r in line.releases})
    days = sorted(
        {d for r in line.releases for d in (r.published, r.effective)}
        | {release.published, line.today}
    )
    out: list[pdf.Edition] = []
    for day in days:
        if release.published <= day <= line.today:
            status = timeline(line.document, published, day).release(release.id).status
            if not out or out[-1].status != status:
                out.append(pdf.Edition(status, day))
    return tuple(out)


@settings(max_examples=examples(60))
@given(today=st.dates(min_value=date(2023, 12, 1), max_value=date(2026, 12, 31)))
def test_editions_are_those_of_every_day(today: date) -> None:
    """pdf.editions evaluates only the days a version's own status can change (its planning
    was cubic in the versions): the same editions as evaluating every version's days."""
    for name in ("versions", "revision", "basic"):
        root = SITES / name
        calendar = load_calendar(root)
        for document in load_project(root).documents:
            line = timeline(document, publication_dates(document, calendar), today)
            for release in line.releases:
                assert pdf.editions(line, release) == _editions_on_every_day(line, release)


# -- Hostile previous sites (attack on issue 22) -------------------------------------------------


def _one_entry(**changes: object) -> bytes:
    key = Key("a", "2024-01-01", "zh", "text")
    data = json.loads(ledger.to_json(ledger.grow(None, {key: served(key)}, date(2025, 1, 1))))
    data["entries"][0].update(changes)
    return json.dumps(data).encode()


NOT_AN_ID = st.text(min_size=1, max_size=12).filter(
    lambda s: ID_PATTERN.fullmatch(s) is None
) | st.sampled_from(["..", "a/../b", "a\\b", "%2e%2e", "/etc", "a\x00b", "<script>", "A"])


@settings(max_examples=examples(60))
@given(document=NOT_AN_ID)
def test_a_ledger_entry_of_a_document_no_project_can_have_is_refused(document: str) -> None:
    """Its path is read and shown on the ledger page: only ids a project can have."""
    path = f"{document}/2024-01-01/{document}-2024-01-01-zh.txt"
    with pytest.raises(ledger.LedgerFormatError) as info:
        ledger.from_json(_one_entry(document=document, path=path))
    assert str(info.value) == "entry 0's document is not lower-case words joined by hyphens"


@settings(max_examples=examples(40))
@given(version=st.text(max_size=12).filter(lambda s: parse_version_name(s) is None))
def test_a_ledger_entry_of_a_version_that_is_not_a_date_is_refused(version: str) -> None:
    with pytest.raises(ledger.LedgerFormatError) as info:
        ledger.from_json(_one_entry(version=version, path=f"a/{version}/a-{version}-zh.txt"))
    assert str(info.value) == "entry 0's version is not a date (YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"listed": "2099-01-01"},
            "entry 0 is listed on 2099-01-01, outside the days of the ledger (2025-01-01 to "
            "2025-01-01)",
        ),
        (
            {"listed": "1999-01-01"},
            "entry 0 is listed on 1999-01-01, outside the days of the ledger (2025-01-01 to "
            "2025-01-01)",
        ),
        (
            {"first_served": "2099-01-01"},
            "entry 0 was first served on 2099-01-01, not on the day it was listed (2025-01-01)",
        ),
        (
            {"first_served": "1999-01-01"},
            "entry 0 was first served on 1999-01-01, not on the day it was listed (2025-01-01)",
        ),
    ],
)
def test_a_ledger_entry_whose_days_are_not_the_ledgers_is_refused(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ledger.LedgerFormatError) as info:
        ledger.from_json(_one_entry(**changes))
    assert str(info.value) == message


def test_a_ledger_entry_listed_later_without_its_first_day_is_refused() -> None:
    data = json.loads(_one_entry(listed="2025-01-02"))
    data["updated"] = "2025-01-03"
    with pytest.raises(ledger.LedgerFormatError) as info:
        ledger.from_json(json.dumps(data).encode())
    assert str(info.value) == (
        "entry 0 was listed after the ledger began but its first_served is not recorded"
    )


def test_a_ledger_giving_a_name_twice_is_refused() -> None:
    """Python keeps the last of two, other readers the first: the ledger says one thing."""
    text = _one_entry().decode().replace('"size": ', '"size": 1, "size": ', 1)
    with pytest.raises(ledger.LedgerFormatError) as info:
        ledger.from_json(text.encode())
    assert str(info.value) == "it gives 'size' twice in one object"


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("file:///etc", "is neither a file nor an http(s) address"),
        ("ftp://example.com/", "is neither a file nor an http(s) address"),
        (
            "https://user:pw@example.com/",
            "is not an address to fetch: it gives a user name or password, and evidence is public",
        ),
        (
            "https://",
            "is not an address to fetch: it needs a host name, and a port from 1 to 65535 if any",
        ),
    ],
)
def test_a_previous_site_address_that_cannot_be_one_is_refused_with_its_hint(
    source: str, what: str
) -> None:
    """Refused before anything is fetched, with the hint of --previous (not verify's)."""
    with pytest.raises(LegalsiteError) as info:
        previous.check_source(source)
    assert str(info.value) == (
        f"the previous site '{source}' {what}\n"
        "hint: give the last published site: its https:// address (site_url), or a folder "
        "holding a copy of it; for a site's first publication, build without --previous"
    )


def test_a_previous_site_built_after_today_is_refused(tmp_path: Path) -> None:
    """Its ledger's last day is after this build's: refused, located, never a traceback."""
    root = project_for(tmp_path, pdfs=False)
    first = build(root, DAY1, tmp_path / "one")
    data = json.loads((first / "ledger.json").read_text(encoding="utf-8"))
    data["updated"] = "2025-06-01"
    (first / "ledger.json").write_text(json.dumps(data), encoding="utf-8")
    ran = run_cli(root, "build", "--today", DAY2.isoformat(), "--previous", str(first))
    assert ran.returncode == 1
    assert ran.stderr == (
        "error: ledger.json: the published site was built on 2025-06-01 (its ledger says), "
        "after this build's date 2025-03-01: a build cannot come before the site it follows\n"
        "    hint: build on or after 2025-06-01 (--today), or give the site that was published "
        "before this build's date\n"
        "1 problem refused: nothing was published\n"
    )


@pytest.mark.parametrize("make", ["folder", "fifo", "link"])
def test_a_listed_file_that_is_not_a_regular_file_of_the_site_is_a_located_problem(
    tmp_path: Path, make: str
) -> None:
    """A folder, a FIFO or a link out of the site where the ledger lists a file: a problem
    located at it (a folder was an unlocated "Is a directory: 4"), nothing read or waited on."""
    key = Key("a", "2024-01-01", "zh", "text")
    (tmp_path / "ledger.json").write_bytes(_one_entry())
    target = tmp_path / key.path
    target.parent.mkdir(parents=True)
    if make == "folder":
        target.mkdir()
    elif make == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/etc/passwd")
    site = previous.PreviousSite(str(tmp_path))
    assert site.files([key]) == {key: b""}
    what = (
        "is a symbolic link: not a file of the site"
        if make == "link"
        else ("is not a regular file")
    )
    assert [(p.path, p.message, p.hint) for p in site.problems] == [
        (str(target), f"{target} {what}", previous.HINT)
    ]


@pytest.mark.parametrize("source", ["", " "])
def test_an_empty_previous_site_is_refused_not_read_as_the_current_folder(source: str) -> None:
    with pytest.raises(LegalsiteError) as info:
        previous.check_source(source)
    assert str(info.value) == (
        "the previous site is an empty value\n"
        "hint: give the last published site: its https:// address (site_url), or a folder "
        "holding a copy of it; for a site's first publication, build without --previous"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ledger_intros_name_every_kind_of_file_the_ledger_records(lang: Lang) -> None:
    """Both intros say which files the tables list (ledger_holds_KIND, joined): each kind the
    ledger records has its words, which name it by the word its table rows use (without the
    parenthesis, e.g. the PDF's status)."""
    for kind in ledger.KINDS:
        word = STRINGS[lang][keyed("ledger_kind", kind)]
        holds = t(lang, keyed("ledger_holds", kind))
        assert word.split("（")[0].split(" (")[0].removeprefix("its ") in holds, (kind, word)
        for intro in ("ledger_intro", "ledger_document_intro"):
            filled = t(lang, intro, files=holds, title="T")
            assert f"（{holds}）" in filled or f"({holds})" in filled
