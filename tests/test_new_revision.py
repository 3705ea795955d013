"""A revision that is not in the repository, read on every surface as a lawyer reads it.

Issue 25 is decided on a revision the repository does not hold. This one is written here, in a
copy of tests/data/sites/revision (the texts of 2025-09-01 cut short, for a quick PDF): version
2026-01-01 after 2025-09-01 removes section 三
(so every later section is renumbered, and 七 is now 服务连续与终止, not 免责条款), moves
clause disclaimer-9 from 七、免责条款 to the governing-law section (now 八), rewords
governing-law-1 in both languages, adds amendments-3, deletes the second item of the list in
用户使用须知 (the items after it renumbered), and corrects 帐户 → 账户 in the Chinese text of
accounts-7 only, which the editors list under ``translation-unchanged``.

Each surface is read in both languages: the changes page and the side-by-side page as the
build plans them, ``legalsite diff`` in text and Markdown (the pull-request summary), the Word
redline's comments and its text with every change accepted or rejected, and (in the PDF test)
the redline PDF's text layer. Every entry, every number and every note must be the same on all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from legalsite.compare import report
from legalsite.compare.account import Account, account, heading, left_line
from legalsite.compare.diff import Comparison, compare_versions
from legalsite.evidence import docx, pdf
from legalsite.model import escape
from legalsite.model.document import LANGS, Lang, Release, Timeline, Version
from legalsite.site.plan import SiteContent, plan
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import load_project
from tests import docxtext, pdftext
from tests.conftest import SITES, assemble, run_cli
from tests.test_account import check_every_surface

DOC = "user-service-agreement"
OLD, NEW = "2025-09-01", "2026-01-01"
TODAY = date(2026, 3, 1)


def _blocks(data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    (found,) = [s for s in data["sections"] if s["id"] == section]
    blocks: list[dict[str, Any]] = found["blocks"]
    return blocks


def _revise(data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The editors' revision of one language's text (the Chinese-only correction aside)."""
    data["sections"] = [s for s in data["sections"] if s["id"] != "user-information"]
    disclaimer = _blocks(data, "disclaimer")
    (moved,) = [b for b in disclaimer if b["id"] == "disclaimer-9"]
    disclaimer.remove(moved)
    law = _blocks(data, "governing-law")
    law.insert(1, moved)
    first = law[0]
    first["text"] = (
        first["text"].replace("武汉", "北京")
        if lang == "zh"
        else first["text"].replace("Wuhan", "Beijing")
    )
    assert first["text"] != _blocks(_original(lang), "governing-law")[0]["text"]
    _blocks(data, "amendments").append(
        {
            "id": "amendments-3",
            "text": "本协议自生效日起取代此前的所有版本。"
            if lang == "zh"
            else "This Agreement replaces every earlier version from its effective date.",
        }
    )
    (items,) = [b for b in _blocks(data, "acceptable-use") if b["id"] == "acceptable-use-2"]
    items["items"] = [i for i in items["items"] if i["id"] != "acceptable-use-2-2"]
    if lang == "zh":
        for block in _blocks(data, "accounts"):
            if block["id"] == "accounts-7":
                assert "帐户" in block["text"]
                block["text"] = block["text"].replace("帐户", "账户")
    return data


KEPT = {"accounts-5", "accounts-7", "governing-law-1"}
"""The texts the revisions change (2025-09-01's Chinese-only correction, this one's and the
rewording), kept whole; every other text is cut short (:func:`_original`)."""
SHORT: dict[Lang, int] = {"zh": 14, "en": 40}


def _short(blocks: list[dict[str, Any]], lang: Lang) -> None:
    for block in blocks:
        for node in [block, *block.get("items", [])]:
            text = node.get("text")
            if text and node["id"] not in KEPT and not set(text) & set("[]*`<>&\\"):
                node["text"] = text[: SHORT[lang]].rstrip()


def _original(lang: Lang) -> dict[str, Any]:
    """Version 2025-09-01 of the revision site, its texts cut short but for those the
    revisions change: the same elements and numbers, a redline PDF a few pages long."""
    path = SITES / "revision" / "agreements" / DOC / OLD / f"{lang}.yaml"
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    _short(loaded.get("preamble", []), lang)
    for section in loaded["sections"]:
        _short(section["blocks"], lang)
    return loaded


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


def write_revision(root: Path) -> None:
    """A project (:func:`tests.conftest.assemble`) of the revision site's agreements, version
    2025-09-01 cut short, with version 2026-01-01."""
    assemble(root, SITES / "revision" / "agreements")
    for lang in LANGS:
        (root / "agreements" / DOC / OLD / f"{lang}.yaml").write_text(
            _dump(_original(lang)), encoding="utf-8"
        )
    folder = root / "agreements" / DOC / NEW
    folder.mkdir()
    for lang in LANGS:
        (folder / f"{lang}.yaml").write_text(
            _dump(_revise(_original(lang), lang)), encoding="utf-8"
        )
    meta = {
        "summary": {
            "zh": "删除第三条，调整免责与管辖条款，删除一项禁止行为。",
            "en": "Removes section III, moves a disclaimer clause, removes one prohibited act.",
        },
        "kind": "substantive",
        "translation-unchanged": ["accounts-7"],
    }
    (folder / "meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")


@dataclass(frozen=True)
class Revised:
    root: Path
    old: Version
    new: Version
    line: Timeline
    release: Release
    comparisons: dict[Lang, Comparison]
    site: SiteContent

    def page(self, lang: Lang, kind: str) -> str:
        name = f"{lang}/{DOC}/{NEW}/{kind}.md"
        (found,) = [p.content for p in self.site.pages if f"{p.lang}/{p.path}" == name]
        return found

    def account(self, lang: Lang) -> Account:
        return account(self.comparisons[lang])


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Revised:
    root = tmp_path_factory.mktemp("new-revision") / "project"
    write_revision(root)
    project = load_project(root)
    site = plan(project, WorkingCalendar(), TODAY)
    (line,) = [t for t in site.timelines if t.document.id == DOC]
    versions = {v.id: v for v in project.document(DOC).versions}
    comparisons = compare_versions(versions[OLD], versions[NEW])
    return Revised(root, versions[OLD], versions[NEW], line, line.release(NEW), comparisons, site)


# What a lawyer must read, in each language: the move cited in each version's own numbering
# with the section titles (七 is now another section), the old place marked, the deleted item
# (cited in the old numbering, with its section's title: 六 is now 免责条款) and the renumbered
# ones, the Chinese-only correction told in English, the renumbered sections.
FACTS: dict[Lang, dict[str, tuple[str, ...]]] = {
    "zh": {
        "disclaimer-9": ("（从七、免责条款第7款移至八、管辖与适用法律第2款）",),
        "left:disclaimer-9": ("八、管辖与适用法律第2款", "（原七、免责条款第7款）"),
        "acceptable-use-2-2": ("（原六、用户使用须知第2项）",),
        "acceptable-use-2-3": ("（第3项 → 第2项）",),
        "acceptable-use-2-5": ("（第4项 → 第3项）",),
        "acceptable-use-2-6": ("（第5项 → 第4项）",),
        "accounts-7": ("（中文文本已修改，英文文本不变）", "（编辑声明：另一语言文本无需修改）"),
        "disclaimer": ("（七 → 六）",),
        "governing-law-2": ("（第2款 → 第3款）",),
        "amendments-3": (),
    },
    "en": {
        "disclaimer-9": (
            "(moved from VII. Disclaimer, paragraph 7 to VIII. Governing Law and Jurisdiction,"
            " paragraph 2)",
        ),
        "left:disclaimer-9": (
            "VIII. Governing Law and Jurisdiction, paragraph 2",
            "(formerly VII. Disclaimer, paragraph 7)",
        ),
        "acceptable-use-2-2": ("(formerly VI. User Usage Guidelines, item 2)",),
        "acceptable-use-2-3": ("(item 3 → item 2)",),
        "acceptable-use-2-5": ("(item 4 → item 3)",),
        "acceptable-use-2-6": ("(item 5 → item 4)",),
        "accounts-7": (
            "(Chinese text changed; English unchanged)",
            "(the editors state the other language needs no change)",
        ),
        "disclaimer": ("(VII → VI)",),
        "governing-law-2": ("(paragraph 2 → paragraph 3)",),
        "amendments-3": (),
    },
}
STATUS = {
    "disclaimer-9": "moved",
    "acceptable-use-2-2": "removed",
    "acceptable-use-2-3": "renumbered",
    "acceptable-use-2-5": "renumbered",
    "acceptable-use-2-6": "renumbered",
    "accounts-7": "changed",
    "disclaimer": "renumbered",
    "governing-law-2": "renumbered",
    "amendments-3": "added",
}
CITED = {
    "zh": {"acceptable-use-2-2": "第六条第2项", "amendments-3": "第九条第4款"},
    "en": {"acceptable-use-2-2": "Section VI(2)", "amendments-3": "Section IX, paragraph 4"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_account_says_what_a_lawyer_must_read(revised: Revised, lang: Lang) -> None:
    result = revised.account(lang)
    entries = {e.id: e for e in result.entries}
    for key, notes in FACTS[lang].items():
        if key.startswith("left:"):
            (left,) = [e for e in result.left if e.id == key.removeprefix("left:")]
            assert left.notes == notes
            continue
        assert (entries[key].status, entries[key].notes) == (STATUS[key], notes), key
    for key, citation in CITED[lang].items():
        assert entries[key].citation == citation
    # Nothing else left its place.
    assert [e.id for e in result.left] == ["disclaimer-9"]


def test_every_surface_tells_the_same_story(revised: Revised) -> None:
    """The changes page, the side-by-side page, diff as text and Markdown, the redline PDF's
    HTML and the Word redline, in both languages (tests/test_account.py)."""
    check_every_surface(revised.old, revised.new)


@pytest.mark.parametrize("lang", LANGS)
def test_the_built_pages_say_it(revised: Revised, lang: Lang) -> None:
    """The changes and side-by-side pages the build plans: each entry's label and notes,
    and the old place of the move where the clause stood, linked to where it went."""
    result = revised.account(lang)
    changes = revised.page(lang, "changes")
    side = revised.page(lang, "bilingual")
    for page in (changes, side):
        for entry in (*result.entries, *result.left):
            assert all(escape.html_text(note) in page for note in entry.notes)
    (left,) = result.left
    assert (
        f'<a href="#disclaimer-9">{escape.html_text(left.notes[0])}</a> '
        f"{escape.html_text(left.notes[1])}"
    ) in changes
    assert (
        f'<a href="../changes/#disclaimer-9">{escape.html_text(left.notes[0])}</a> '
        f"{escape.html_text(left.notes[1])}"
    ) in side
    # The old place stands in the section the clause left, before the clause that followed it.
    disclaimer = changes.index("{#disclaimer}")
    assert (
        disclaimer
        < changes.index('data-id="disclaimer-9"')
        < changes.index("{#service-continuity}")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_diff_and_the_pull_request_summary_say_it(revised: Revised, lang: Lang) -> None:
    result = revised.account(lang)
    text = run_cli(revised.root, "diff", DOC, OLD, NEW, "--lang", lang)
    markdown = run_cli(revised.root, "diff", DOC, OLD, NEW, "--lang", lang, "--format", "markdown")
    assert text.returncode == markdown.returncode == 0, (text.stderr, markdown.stderr)
    assert text.stdout == report.as_text(
        revised.comparisons[lang], _title(revised, lang), color=False
    )
    for entry in result.entries:
        assert f"  {heading(entry)}:" in text.stdout
        assert all(escape.gfm_text(note) in markdown.stdout for note in entry.notes)


def _title(revised: Revised, lang: Lang) -> str:
    name = {"zh": "中文", "en": "English"}[lang]
    return f"{revised.new.texts[lang].title} · {OLD} → {NEW} · {name}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_word_redline_says_it_and_gives_back_both_versions(
    revised: Revised, lang: Lang
) -> None:
    result = revised.account(lang)
    made = docx.redline_docx(revised.release, revised.comparisons[lang])
    assert docxtext.comments(made) == [
        *(heading(e) for e in result.entries),
        *(left_line(e) for e in result.left),
    ]
    assert docxtext.lines(made, "accept") == docxtext.expected(revised.new.texts[lang])
    assert docxtext.lines(made, "reject") == docxtext.expected(revised.old.texts[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_the_redline_pdf_says_it(revised: Revised, lang: Lang) -> None:
    """The PDF's text layer: every entry's label and notes, the old place of the move, the
    deleted item's old number struck ([2.]) and each renumbered item's old number struck
    before its new one ([3.]2.)."""
    comparison = revised.comparisons[lang]
    document = pdf.changes_html(revised.line, revised.release, comparison, "https://example.com")
    shown = pdftext.squeeze(pdftext.content_text(pdf.render_html(document)))
    result = account(comparison)
    for entry in result.entries:
        said = f"{entry.label}{entry.citation}{''.join(entry.notes)}"
        assert pdftext.squeeze(said) in shown, entry.id
    for left in result.left:
        assert pdftext.squeeze(left_line(left)) in shown
    for struck in ("[2.]", "[3.]2.", "[4.]3.", "[5.]4."):
        assert struck in shown
