"""The account of a change: complete, consistent and in the output's language, for any revision.

Properties over generated documents and revisions (tests/revisions.py: reword, insert, delete,
move to another section, move a section, add a section, retitle, restyle a list, change only a
link), and the issue's own scenario on the test site tests/data/sites/revision: goldens of its
text and Markdown reports and its changes pages, and the facts a lawyer signs off on.
"""

from __future__ import annotations

import html.parser
import itertools
import re
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare import report
from legalsite.compare.account import Account, Entry, account, as_json, heading, left_line
from legalsite.compare.diff import (
    STATUSES,
    Comparison,
    Element,
    compare,
    compare_versions,
    container,
    elements,
    in_order,
)
from legalsite.compare.redline import new_text, old_text
from legalsite.evidence import docx, pdf
from legalsite.model import escape
from legalsite.model.document import (
    LANGS,
    Document,
    Lang,
    Paragraph,
    Section,
    Text,
    Version,
    timeline,
)
from legalsite.model.words import t
from legalsite.site import reader_pages
from legalsite.site.changes import changes_page
from legalsite.site.plan import publication_dates
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import load_project
from tests import docxtext
from tests.conftest import SITES, examples
from tests.revisions import Log, documents, one_language_edits, revisions

LANG = st.sampled_from(LANGS)


def pair(data: st.DataObject) -> tuple[dict[Lang, Text], dict[Lang, Text], Log]:
    old = data.draw(documents())
    new, log = data.draw(revisions(old))
    return old, new, log


# -- Properties ----------------------------------------------------------------------------------


@settings(max_examples=examples(100), deadline=None)
@given(texts=documents(), lang=LANG)
def test_a_version_against_itself_has_no_entries(texts: dict[Lang, Text], lang: Lang) -> None:
    result = account(compare(texts[lang], texts[lang]))
    assert result.is_empty() and not result.parts
    assert result.counts == dict.fromkeys(STATUSES, 0)
    assert result.summary == t(lang, "no_changes")


def _counts_in(summary: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", summary)]


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data(), lang=LANG)
def test_counts_always_add_up_to_the_entries_shown(data: st.DataObject, lang: Lang) -> None:
    old, new, _ = pair(data)
    comparison = compare(old[lang], new[lang])
    result = account(comparison)
    assert sum(result.counts.values()) == len(result.entries) == len(comparison.touched())
    for status in STATUSES:
        assert result.counts[status] == sum(e.status == status for e in result.entries)
    if result.entries:
        total, *each = _counts_in(result.summary)
        assert total == len(result.entries) == sum(each)
    # Every entry is shown once in the body of the redline page, and so is the old place of
    # every moved element; nothing else is touched.
    shown: list[Entry] = []
    for part in result.parts:
        if part.entry is not None:
            shown.append(part.entry)
        for group in part.groups:
            shown.extend((group.head, *group.children))
    assert [e.id for e in shown if e.touched and not e.is_left] == [e.id for e in result.entries]
    assert [e for e in shown if e.is_left] == list(result.left)
    assert sorted(e.id for e in result.left) == sorted(
        e.id for e in result.entries if e.status in ("moved", "moved_changed")
    )
    # The same entries in the text and Markdown reports, one line each, and the old places:
    # indented under their section in the text, but a section's between the sections.
    text = report.as_text(comparison, "h", color=False)
    markdown = report.as_markdown(comparison, "h")
    blocks_left = sum(e.kind != "section" for e in result.left)
    indented = sum(line.startswith("  ") for line in text.splitlines())
    assert indented == len(result.entries) + blocks_left
    listed = sum(line.startswith("- ") for line in markdown.splitlines())
    assert listed == len(result.entries) + len(result.left)


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data(), lang=LANG)
def test_each_redline_gives_back_both_versions(data: st.DataObject, lang: Lang) -> None:
    """Kept + deleted is the old text, kept + inserted the new one, of every text and cell."""
    old, new, _ = pair(data)
    comparison = compare(old[lang], new[lang])
    for change in comparison.changes:
        if change.status == "removed":
            before, after = change.element.text, ""
        elif change.old is None:
            before, after = "", change.element.text
        else:
            before, after = change.old.text, change.element.text
        assert old_text(change.segments) == before
        assert new_text(change.segments) == after
        if change.element.kind in ("table", "row"):
            if change.status == "removed":
                assert [old_text(c) for c in change.cells] == list(change.element.cells)
            else:
                assert [new_text(c) for c in change.cells] == list(change.element.cells)
                if change.old is not None:
                    width = len(change.element.cells)
                    olds = [*change.old.cells, *[""] * width][:width]
                    assert [old_text(c) for c in change.cells] == olds


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data(), lang=LANG)
def test_the_account_names_what_the_editor_did(data: st.DataObject, lang: Lang) -> None:
    old, new, log = pair(data)
    status = {c.id: c.status for c in compare(old[lang], new[lang]).changes}
    before = {e.id: e for e in elements(old[lang])}
    after = {e.id: e for e in elements(new[lang])}
    for anchor in log.added & after.keys():
        assert status[anchor] == "added", anchor
    for anchor in log.deleted & before.keys() - after.keys():
        assert status[anchor] == "removed", anchor
    for anchor in log.moved & before.keys() & after.keys():
        b, a = before[anchor], after[anchor]
        if a.kind != "section" and b.section != a.section:
            assert status[anchor] in ("moved", "moved_changed"), anchor
    for anchor in (log.reworded | log.retitled | log.restyled | log.relinked) & after.keys():
        if anchor in before and before[anchor].source != after[anchor].source:
            assert status[anchor] in ("changed", "moved_changed"), anchor

    # Two siblings swapped (and still siblings, in the other order): one of them moved.
    def spot(anchor: str, found: dict[str, Element]) -> tuple[str | None, int]:
        key = container(found[anchor])
        return key, [e.id for e in found.values() if container(e) == key].index(anchor)

    for one, other in log.reordered:
        if not {one, other} <= before.keys() & after.keys():
            continue
        (c1, o1), (c2, o2) = spot(one, before), spot(other, before)
        (n1, p1), (n2, p2) = spot(one, after), spot(other, after)
        if c1 == c2 == n1 == n2 and (o1 < o2) != (p1 < p2):
            moved = ("moved", "moved_changed")
            assert status[one] in moved or status[other] in moved, (one, other)
    # Nothing else is said to have changed; what only changed its number is renumbered.
    for anchor, kind in status.items():
        if kind in ("changed", "moved_changed"):
            assert before[anchor].source != after[anchor].source
        if kind == "renumbered":
            assert before[anchor].number != after[anchor].number
            assert before[anchor].source == after[anchor].source


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data())
def test_a_chinese_account_says_everything_in_chinese(data: st.DataObject) -> None:
    """Labels, kinds, notes, counts and list styles: no English word in a Chinese account."""
    old, new, _ = pair(data)
    result = account(compare(old["zh"], new["zh"]))
    ids = set(new["zh"].ids()) | set(old["zh"].ids())
    # A note may quote the editors' own words: a section's heading (a move between two
    # sections of one number names both).
    quoted = {e.heading for text in (old["zh"], new["zh"]) for e in elements(text) if e.heading}

    def words(text: str) -> set[str]:
        for quote in sorted(quoted, key=len, reverse=True):
            text = text.replace(quote, "")
        return set(re.findall(r"[A-Za-z][A-Za-z0-9-]*", text)) - ids

    for entry in result.entries:
        assert not words(entry.label + entry.kind_name + "".join(entry.notes)), entry
        if entry.kind == "list":
            assert not words(new_text(entry.segments) + old_text(entry.segments))
    assert not words(result.summary)


@settings(max_examples=examples(100), deadline=None)
@given(data=st.data(), lang=LANG)
def test_a_moved_and_changed_block_says_both(data: st.DataObject, lang: Lang) -> None:
    old, new, _ = pair(data)
    for entry in account(compare(old[lang], new[lang])).entries:
        moved_note = any(n.startswith(("（从", "(moved from")) for n in entry.notes)
        assert moved_note == (entry.status in ("moved", "moved_changed"))
        if entry.status == "moved_changed" and entry.kind not in ("list", "table"):
            assert any(s.op != "equal" for s in entry.segments) or any(
                "仅链接" in n or "link or" in n for n in entry.notes
            )


def test_a_restyled_list_is_named_in_the_output_language() -> None:
    (document,) = load_project(SITES / "revision").documents
    old, new = document.versions[0], document.versions[1]
    for lang, before, after in (
        ("zh", "项目列表", "编号列表"),
        ("en", "bulleted list", "numbered list"),
    ):
        result = account(compare(old.texts[lang], new.texts[lang]))  # type: ignore[index]
        (entry,) = [e for e in result.entries if e.id == "disclaimer-13"]
        assert (old_text(entry.segments), new_text(entry.segments)) == (before, after)


# -- The scenario of the issue: tests/data/sites/revision ------------------------------------

REVISION = SITES / "revision"


def revision_pairs() -> list[tuple[str, str]]:
    (document,) = load_project(REVISION).documents
    ids = [v.id for v in document.versions]
    return list(itertools.pairwise(ids))


def entries(old: str, new: str, lang: Lang) -> dict[str, Entry]:
    (document,) = load_project(REVISION).documents
    versions = {v.id: v for v in document.versions}
    result = account(compare(versions[old].texts[lang], versions[new].texts[lang]))
    return {e.id: e for e in result.entries}


@pytest.mark.parametrize(
    ("lang", "moved", "contact", "items", "clause"),
    [
        ("zh", "（从九、管辖与适用法律第3款移至十、修订与解释第1款）", "（十一 → 十二）",
         "（第5项 → 第4项）", "（第4款 → 第5款）"),
        ("en", "(moved from IX. Governing Law and Jurisdiction, paragraph 3 to X. Amendments and "
         "Interpretation, paragraph 1)", "(XI → XII)", "(item 5 → item 4)",
         "(paragraph 4 → paragraph 5)"),
    ],
)  # fmt: skip
def test_the_revision_says_where_things_went_and_what_their_numbers_are(
    lang: Lang, moved: str, contact: str, items: str, clause: str
) -> None:
    found = entries("2024-01-01", "2025-07-01", lang)
    assert found["governing-law-3"].status == "moved_changed"
    assert found["governing-law-3"].notes == (moved,)
    assert found["contact"].status == "renumbered" and found["contact"].notes == (contact,)
    assert found["acceptable-use-2-5"].notes == (items,)
    assert found["accounts-4"].notes == (clause,)
    assert found["user-content"].status == "changed"  # the section's new title
    assert found["definitions-1-2"].notes == (t(lang, "markup_only"),)


def test_the_chinese_redline_marks_whole_words() -> None:
    segments = entries("2024-01-01", "2025-07-01", "zh")["governing-law-2"].segments
    changed = [(s.op, s.text) for s in segments if s.op != "equal"]
    assert changed == [
        ("delete", "六十"),
        ("insert", "三十"),
        ("delete", "承担"),
        ("insert", "负担"),
    ]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("output", ["text", "markdown"])
@pytest.mark.parametrize(("old", "new"), revision_pairs())
def test_revision_report_golden(
    old: str, new: str, lang: Lang, output: str, golden: Callable[[str, str], None]
) -> None:
    (document,) = load_project(REVISION).documents
    versions = {v.id: v for v in document.versions}
    comparison = compare(versions[old].texts[lang], versions[new].texts[lang])
    heading = f"{old} → {new}"
    if output == "text":
        text = report.as_text(comparison, heading, color=False)
    else:
        text = report.as_markdown(comparison, heading)
    golden(f"revision/{new}-{lang}-report.{'md' if output == 'markdown' else 'txt'}", text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("old", "new"), revision_pairs())
def test_revision_changes_page_golden(
    old: str, new: str, lang: Lang, golden: Callable[[str, str], None]
) -> None:
    (document,) = load_project(REVISION).documents
    line = timeline(document, publication_dates(document, WorkingCalendar()), date(2025, 9, 1))
    release = line.release(new)
    assert release.previous is not None and release.previous.id == old
    comparison = compare(release.previous.texts[lang], release.version.texts[lang])
    golden(f"revision/{new}-{lang}-changes.md", changes_page(line, release, comparison).content)


def test_the_json_account_is_plain_data() -> None:
    """What the browser's engine is checked against: lists, strings and numbers only."""
    import json

    (document,) = load_project(REVISION).documents
    old, new = document.versions[0], document.versions[1]
    data = as_json(account(compare(old.texts["en"], new.texts["en"])))
    assert json.loads(json.dumps(data)) == data
    assert data["counts"]["moved_changed"] == 1


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data(), lang=LANG)
def test_the_reports_name_every_link_target_that_changed(data: st.DataObject, lang: Lang) -> None:
    """The redline shows a link's words; a reviewer also sees where a new or changed link
    points (a 'link or formatting only' change, a new clause with a link)."""
    old, new, _ = pair(data)
    comparison = compare(old[lang], new[lang])
    text = report.as_text(comparison, "h", color=False)
    markdown = report.as_markdown(comparison, "h")
    for change in comparison.touched():
        found = report.link_change(change)
        if found is None:
            continue
        for href in found[1]:
            assert escape.gfm_code(href) in markdown
            assert escape.terminal(href) in text


def test_a_changed_link_target_is_shown_in_both_reports() -> None:
    def text(clause: str) -> Text:
        return Text("en", "T", (), (Section("s", "S", (Paragraph("a", clause),)),))

    before = text("Mail [legal@example.com](mailto:legal@example.com).")
    after = text("Mail [legal@example.com](mailto:attacker@evil.example).")
    comparison = compare(before, after)
    assert report.as_text(comparison, "h", color=False).splitlines()[-1] == (
        "  Changed clause Section I, paragraph 1 (link or formatting only): Mail legal@example.com. · link targets: "
        "mailto:legal@example.com → mailto:attacker@evil.example"
    )
    assert report.as_markdown(comparison, "h").splitlines()[-1] == (
        "- **I. S** · Changed clause Section I, paragraph 1 (link or formatting only): Mail legal\\@example.com. · "
        "link targets: `mailto:legal@example.com` → `mailto:attacker@evil.example`"
    )


def test_a_clause_moved_out_of_a_removed_section_names_both_sections() -> None:
    """Section II removed, its clause moved to the section now numbered II: each place is
    cited in its own version's numbering with its section's title, so the two differ."""

    def text(*sections: Section) -> Text:
        return Text("en", "T", (), sections)

    before = text(
        Section("a", "Definitions", (Paragraph("a-1", "One."),)),
        Section("b", "Changes", (Paragraph("moving", "Moves."),)),
        Section("c", "Contact", (Paragraph("c-1", "Three."),)),
    )
    after = text(
        Section("a", "Definitions", (Paragraph("a-1", "One."),)),
        Section("c", "Contact", (Paragraph("c-1", "Three."), Paragraph("moving", "Moves."))),
    )
    (moved,) = [e for e in account(compare(before, after)).entries if e.id == "moving"]
    assert moved.notes == ("(moved from II. Changes, paragraph 1 to II. Contact, paragraph 2)",)


# -- Every surface: the same entries ---------------------------------------------------------


class _Spans(html.parser.HTMLParser):
    """The texts of the elements of the given classes, in document order."""

    def __init__(self, classes: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.classes = classes
        self.open: list[str | None] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = set((dict(attrs).get("class") or "").split())
        hit = next(iter(names & self.classes), None)
        self.open.append(hit)
        if hit:
            self.found.append((hit, ""))

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if any(self.open) and self.found:
            kind, text = self.found[-1]
            self.found[-1] = (kind, text + data)


def _pdf_entries(body: str) -> list[tuple[str, tuple[str, ...]]]:
    """(label, notes) of each labelled element of a redline PDF's body, and ("left", (what
    it says,)) at the old place of each moved element, in order."""
    parser = _Spans({"label", "note", "left"})
    parser.feed(body)
    out: list[tuple[str, tuple[str, ...]]] = []
    for kind, text in parser.found:
        if kind == "left":  # the old place of a moved element: ("left", (what it says,))
            out.append((kind, (text,)))
        elif kind == "label":
            out.append((text, ()))
        else:
            label, notes = out[-1]
            out[-1] = (label, (*notes, text))
    return out


class _Cells(html.parser.HTMLParser):
    """The texts of the change labels in each language's cells of a side-by-side page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str | None, str | None]] = []  # (cell language, label or cite)
        self.found: dict[str, list[str]] = {lang: [] for lang in LANGS}
        self.cites: dict[str, list[str]] = {lang: [] for lang in LANGS}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        classes = (named.get("class") or "").split()
        lang, _ = self.open[-1] if self.open else (None, None)
        if "ls-bi-cell" in classes:
            lang = named.get("lang")
        kind = next((c for c in ("ls-change-label", "ls-change-cite") if c in classes), None)
        self.open.append((lang, kind))
        if kind and lang is not None:
            (self.found if kind == "ls-change-label" else self.cites)[lang].append("")

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        lang, kind = self.open[-1] if self.open else (None, None)
        if kind and lang is not None:
            (self.found if kind == "ls-change-label" else self.cites)[lang][-1] += data


def _told(result: Account, comparison: Comparison) -> list[Entry]:
    """The entries and the old places of moved elements, in the order of a redline."""
    entries = {e.id: e for e in result.entries}
    left = {e.id: e for e in result.left}
    return [
        left[c.id] if c.to is not None else entries[c.id] for c in in_order(comparison) if c.touched
    ]


def check_every_surface(old: Version, new: Version, *, pdf_too: bool = True) -> None:
    """The changes page, the side-by-side page, ``diff`` as text and Markdown (the
    pull-request summary is the Markdown), the redline PDF's HTML and the Word redline of
    ``new`` against ``old``, in both languages: each entry of the account, in its order,
    with its label and notes, and the old place of each moved element where it stood, saying
    where it went (the compare page's engine is checked against :func:`as_json` by the
    browser tests). ``pdf_too``: with the PDF's HTML (the PDF itself: tests/test_pdf.py)."""
    comparisons = compare_versions(old, new)
    document = Document(new.document, (old, new))
    line = timeline(document, {old.id: old.effective, new.id: new.effective}, date(2030, 1, 1))
    release = line.release(new.id)
    side = reader_pages.bilingual_page(line, release, "zh", comparisons).content
    cells = _Cells()
    cells.feed(side)
    for lang, comparison in comparisons.items():
        result = account(comparison)
        told = _told(result, comparison)
        said = [("left", (left_line(e),)) if e.is_left else (e.label, e.notes) for e in told]
        # The redline PDF: a label and the notes of each touched element, in reading order,
        # and at the old place of a move where it went.
        cited = [e.citation for e in told if e.citation and not e.is_left]
        if pdf_too:
            body = pdf.redline_body(comparison)
            assert _pdf_entries(body) == said
            # How a reader cites each, after its label (an added element's number included).
            cites = _Spans({"cite"})
            cites.feed(body)
            assert [text for _, text in cites.found] == cited
        # The Word redline: a comment each, then one at the old place of each move.
        made = docx.redline_document(comparison, ["h"], date(2025, 1, 1))
        assert docxtext.comments(made) == [
            *(heading(e) for e in result.entries),
            *(left_line(e) for e in result.left),
        ]
        # The reports (``diff`` as text and Markdown): one line each, with the label, kind,
        # citation and notes, and at the old place of each move (a section's: between the
        # sections, under no heading) where it went, in the redline's order.
        moved_sections = {
            left_line(e, escape.terminal) for e in told if e.is_left and e.kind == "section"
        }
        text = [line for line in report.as_text(comparison, "h", color=False).splitlines()
                if line.startswith("  ") or line in moved_sections]  # fmt: skip
        markdown = [line for line in report.as_markdown(comparison, "h").splitlines()
                    if line.startswith("- ")]  # fmt: skip
        assert len(text) == len(markdown) == len(told)
        for entry, plain, md in zip(told, text, markdown, strict=True):
            if entry.is_left:
                where = "" if entry.kind == "section" else entry.where
                said_there = left_line(entry, escape.terminal)
                assert plain == (f"  {said_there}" if where else said_there)
                prefix = f"**{escape.gfm_text(where)}** · " if where else ""
                assert md == f"- {prefix}{left_line(entry, escape.gfm_text)}"
                continue
            assert plain.startswith(f"  {heading(entry)}:")
            assert f"{entry.label} {entry.kind_name} " in md
            assert all(escape.gfm_text(note) in md for note in entry.notes)
        # The changes page and the side-by-side page (each language's cells): each entry's
        # label, then its notes, and each old place, in the redline's order.
        page = changes_page(line, release, comparison).content
        labels = _Spans({"ls-change-label"})
        labels.feed(page)
        assert [text for _, text in labels.found] == [e.label for e in told]
        assert cells.found[lang] == [e.label for e in told]
        cites = _Spans({"ls-change-cite"})
        cites.feed(page)
        assert [text for _, text in cites.found] == cited
        assert cells.cites[lang] == cited
        for entry in told:
            for note in entry.notes:
                assert escape.html_text(note) in page
                assert escape.html_text(note) in side


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data(), acknowledged=st.booleans())
def test_every_surface_carries_the_same_entries(data: st.DataObject, acknowledged: bool) -> None:
    old = data.draw(documents())
    new, _ = data.draw(st.one_of(revisions(old), one_language_edits(old)))
    listed = tuple(e.id for e in elements(new["zh"])) if acknowledged else ()
    check_every_surface(
        Version("d", date(2024, 1, 1), old), Version("d", date(2025, 1, 1), new, None, listed)
    )


# -- A change in one language only -------------------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data(), acknowledged=st.booleans())
def test_a_change_in_one_language_is_told_to_the_readers_of_both(
    data: st.DataObject, acknowledged: bool
) -> None:
    """An element whose text changed in one language only is an entry in both languages'
    accounts, saying which language changed (the one where it did not: changed, with the same
    words), and the editors' ``translation-unchanged`` statement when they made it; no other
    entry says so."""
    old = data.draw(documents())
    new, _ = data.draw(st.one_of(revisions(old), one_language_edits(old)))
    before = {lang: {e.id: e for e in elements(old[lang])} for lang in LANGS}
    after = {lang: {e.id: e for e in elements(new[lang])} for lang in LANGS}
    only: dict[str, Lang] = {}
    for anchor in before["zh"].keys() & after["zh"].keys():
        changed = [
            lang for lang in LANGS if before[lang][anchor].source != after[lang][anchor].source
        ]
        if len(changed) == 1:
            only[anchor] = changed[0]
    listed = tuple(only) if acknowledged else ()
    versions = (
        Version("d", date(2024, 1, 1), old),
        Version("d", date(2025, 1, 1), new, None, listed),
    )
    for lang, comparison in compare_versions(*versions).items():
        for entry in account(comparison).entries:
            where = only.get(entry.id)
            told = [
                n for n in entry.notes if n in (t(lang, "note_only_zh"), t(lang, "note_only_en"))
            ]
            if where is None:
                assert not told and t(lang, "note_translation_unchanged") not in entry.notes
                continue
            assert told == [t(lang, "note_only_zh" if where == "zh" else "note_only_en")]
            assert (t(lang, "note_translation_unchanged") in entry.notes) == acknowledged
            if where != lang:
                assert entry.status in ("changed", "moved_changed")
                assert all(s.op == "equal" for s in entry.segments)
        told_ids = {e.id for e in account(comparison).entries if e.id in only}
        assert told_ids == set(only), (lang, only)


@pytest.mark.parametrize(
    ("lang", "notes"),
    [("zh", ("（中文文本已修改，英文文本不变）", "（编辑声明：另一语言文本无需修改）")),
     ("en", ("(Chinese text changed; English unchanged)",
             "(the editors state the other language needs no change)"))],
)  # fmt: skip
def test_the_chinese_only_correction_is_told_in_english(lang: Lang, notes: tuple[str, ...]) -> None:
    """tests/data/sites/revision 2025-09-01 corrects 帐户 → 账户 in the Chinese text only,
    listed under translation-unchanged: the English account says so, not only "renumbered"."""
    (document,) = load_project(REVISION).documents
    versions = {v.id: v for v in document.versions}
    comparison = compare_versions(versions["2025-07-01"], versions["2025-09-01"])[lang]
    (entry,) = account(comparison).entries
    assert (entry.id, entry.status, entry.notes) == ("accounts-5", "changed", notes)
    text = report.as_text(comparison, "h", color=False)
    assert all(note in text for note in notes)
