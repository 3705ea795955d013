"""Redlines between versions: structural alignment by id, and goldens on realistic edits."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite import cli
from legalsite.commands import actions as commands
from legalsite.compare import report
from legalsite.compare.diff import STATUSES, changed_ids, compare
from legalsite.compare.redline import new_text, old_text
from legalsite.model.document import Document, Lang, Paragraph, Section, Text, Version, timeline
from legalsite.site.changes import changes_page
from legalsite.site.plan import publication_dates
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import Project, load_project
from tests.conftest import ROOT, SITES, assemble, examples
from tests.hostile import hostile_string
from tests.test_escape import Parsed, forbidden

REAL = ROOT / "agreements" / "user-service-agreement" / "2024-01-01"


def _find(blocks: list[dict[str, Any]], anchor: str) -> dict[str, Any]:
    for block in blocks:
        if block["id"] == anchor:
            return block
    raise KeyError(anchor)


def edit(data: dict[str, Any], lang: str) -> dict[str, Any]:
    """Realistic edits of the 2024-01-01 text, the same in both languages."""
    zh = lang == "zh"
    sections = data["sections"]
    accounts = _find(sections, "accounts")["blocks"]
    # 1. A rewritten clause.
    _find(accounts, "accounts-2")["text"] = (
        "脉邦数字科技外贸SCRM仅向依法设立的企业提供。脉邦数字科技将在五个工作日内审核注册申请并告知结果。"
        if zh
        else "MaiBang Digital Technology Foreign Trade SCRM is offered only to lawfully "
        "established enterprises. MaiBang Digital Technology reviews registration "
        "applications within five working days and informs you of the result."
    )
    # 2. A new clause after accounts-7.
    index = accounts.index(_find(accounts, "accounts-7")) + 1
    accounts.insert(
        index,
        {
            "id": "accounts-two-factor",
            "text": "您可以在账户设置中开启两步验证。"
            if zh
            else "You may turn on two-step verification in your account settings.",
        },
    )
    # 3. A removed list item.
    items = _find(_find(sections, "user-information")["blocks"], "user-information-5")["items"]
    items.remove(_find(items, "user-information-5-3"))
    # 4. A moved section: governing law now last, after contact.
    law = _find(sections, "governing-law")
    sections.remove(law)
    sections.append(law)
    # 5. A changed table cell.
    table = _find(_find(sections, "contact")["blocks"], "contact-2")["table"]
    _find(table["rows"], "contact-phone")["cells"][1] = "400-0672-899"
    # 6. One word in a long Chinese sentence (and its English counterpart).
    clause = _find(_find(sections, "service-continuity")["blocks"], "service-continuity-1")
    clause["text"] = (
        clause["text"].replace("4至48小时", "4至24小时").replace("4 to 48 hours", "4 to 24 hours")
    )
    return data


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("redline")
    base = root / "agreements" / "user-service-agreement"
    shutil.copytree(REAL, base / "2024-01-01")
    (base / "2025-07-01").mkdir()
    for lang in ("zh", "en"):
        data = yaml.safe_load((REAL / f"{lang}.yaml").read_text(encoding="utf-8"))
        text = yaml.safe_dump(edit(data, lang), allow_unicode=True, sort_keys=False, width=10**6)
        (base / "2025-07-01" / f"{lang}.yaml").write_text(text, encoding="utf-8")
    return root


def texts(root: Path, lang: str) -> tuple[Text, Text]:
    (document,) = load_project(root).documents
    old, new = document.versions
    return old.texts[lang], new.texts[lang]  # type: ignore[index]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_what_changed(edited: Path, lang: str) -> None:
    comparison = compare(*texts(edited, lang))
    summary = {(c.id, c.status, c.moved) for c in comparison.touched()}
    assert summary == {
        ("accounts-2", "changed", False),
        ("accounts-two-factor", "added", False),
        ("user-information-5-3", "removed", False),
        ("governing-law", "moved", True),
        ("contact-phone", "changed", False),
        ("service-continuity-1", "changed", False),
        # Governing law moved after contact: amendments and contact move up one number, and
        # the list item after the removed one too.
        ("amendments", "renumbered", False),
        ("contact", "renumbered", False),
        ("user-information-5-4", "renumbered", False),
    }
    assert comparison.counts() == {
        "added": 1, "removed": 1, "changed": 3, "moved": 1, "moved_changed": 0, "renumbered": 3,
    }  # fmt: skip
    assert changed_ids(comparison) == {
        "accounts-2", "accounts-two-factor", "governing-law", "contact-phone",
        "service-continuity-1",
    }  # fmt: skip


def test_one_word_in_a_long_chinese_sentence_marks_only_that_word(edited: Path) -> None:
    comparison = compare(*texts(edited, "zh"))
    (change,) = [c for c in comparison.touched() if c.id == "service-continuity-1"]
    assert [(s.op, s.text) for s in change.segments if s.op != "equal"] == [
        ("delete", "48"),
        ("insert", "24"),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_changes_page_golden(edited: Path, lang: str, golden: Callable[[str, str], None]) -> None:
    (document,) = load_project(edited).documents
    from datetime import date

    line = timeline(document, publication_dates(document, WorkingCalendar()), date(2025, 7, 1))
    release = line.release("2025-07-01")
    comparison = compare(*texts(edited, lang))
    golden(f"redline/{lang}-changes.md", changes_page(line, release, comparison).content)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("output", ["text", "markdown"])
def test_diff_report_golden(
    edited: Path, lang: str, output: str, golden: Callable[[str, str], None]
) -> None:
    comparison = compare(*texts(edited, lang))
    if output == "text":
        text = report.as_text(comparison, "heading", color=False)
    else:
        text = report.as_markdown(comparison, "heading")
    golden(f"redline/{lang}-report.{'md' if output == 'markdown' else 'txt'}", text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_version_against_itself_has_no_changes(edited: Path, lang: str) -> None:
    old, new = texts(edited, lang)
    for text in (old, new):
        comparison = compare(text, text)
        assert comparison.is_empty()
        assert comparison.counts() == dict.fromkeys(STATUSES, 0)


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_every_changed_text_is_recovered_from_its_redline(data: st.DataObject) -> None:
    """Random clause edits of the real text: kept+deleted gives the old, kept+inserted the new."""
    import dataclasses

    (document,) = load_project(ROOT).documents
    lang = data.draw(st.sampled_from(["zh", "en"]))
    text = document.versions[0].texts[lang]  # type: ignore[index]
    section = data.draw(st.sampled_from(text.sections))
    blocks = list(section.blocks)
    index = data.draw(st.integers(0, len(blocks) - 1))
    block = blocks[index]
    if not isinstance(block, Paragraph):
        return
    words = block.text.split(" ") if lang == "en" else list(block.text)
    cut = data.draw(st.integers(0, len(words)))
    extra = data.draw(st.text(alphabet="数据安全 privacy,。", min_size=1, max_size=8))
    joiner = " " if lang == "en" else ""
    changed = joiner.join([*words[:cut], extra, *words[cut:]]).replace("*", "").replace("[", "")
    blocks[index] = dataclasses.replace(block, text=changed)
    sections = [
        dataclasses.replace(s, blocks=tuple(blocks)) if s.id == section.id else s
        for s in text.sections
    ]
    new = dataclasses.replace(text, sections=tuple(sections))
    comparison = compare(text, new)
    for change in comparison.touched():
        assert change.old is not None
        assert old_text(change.segments) == change.old.text
        assert new_text(change.segments) == change.element.text


# -- Hostile clause text in the reports (validation bypassed: the reports alone keep it inert) --

HOSTILE_TITLE = "Terms <svg/onload=alert(1)> \u202eevil"
HOSTILE_SECTION = "Fees ~~x~~ | y"
HOSTILE_CLAUSE = (
    "You pay 20 ![x](https://evil.example/x.png) ~~gone~~ <ins>**b**</ins> $x$ "
    "www.evil.example\nnext line"
)


def hostile_versions(lang: Lang = "en") -> tuple[Text, Text]:
    def text(preamble: str, clause: str) -> Text:
        section = Section("s1", HOSTILE_SECTION, (Paragraph("c1", clause),))
        return Text(lang, HOSTILE_TITLE, (Paragraph("p1", preamble),), (section,))

    return (
        text("Fees apply.", "You pay 10 dollars."),
        text("Fees apply.\x1b[2J\x07", HOSTILE_CLAUSE),
    )


def test_markdown_report_of_hostile_text_is_all_text() -> None:
    comparison = compare(*hostile_versions())
    assert report.as_markdown(comparison, f"heading {HOSTILE_TITLE}") == (
        "### heading Terms &lt;svg/onload=alert(1)&gt; \\\\u202eevil\n"
        "\n"
        "Changes: 2 (2 changed, 0 added, 0 removed, 0 moved).\n"
        "\n"
        "- **Preamble** · Changed clause Preamble, paragraph 1: Fees apply.<ins>\\\\x1b\\[2J\\\\x07</ins>\n"
        "- **I. Fees \\~\\~x\\~\\~ \\| y** · Changed clause Section I, paragraph 1: <del>You pay 10 dollars.</del>"
        "<ins>You pay 20 \\!\\[x\\](https\\://evil.example/x.png) \\~\\~gone\\~\\~ "
        "&lt;ins&gt;\\*\\*b\\*\\*&lt;/ins&gt; \\$x\\$ www\\.evil.example<br>next line</ins>\n"
    )


def test_text_report_of_hostile_text_sends_no_control_character() -> None:
    comparison = compare(*hostile_versions())
    heading = f"heading {HOSTILE_TITLE}"
    plain = (
        "heading Terms <svg/onload=alert(1)> \\u202eevil\n"
        "Changes: 2 (2 changed, 0 added, 0 removed, 0 moved).\n"
        "\n"
        "Preamble\n"
        "  Changed clause Preamble, paragraph 1: Fees apply.{+\\x1b[2J\\x07+}\n"
        "\n"
        "I. Fees ~~x~~ | y\n"
        "  Changed clause Section I, paragraph 1: [-You pay 10 dollars.-]{+You pay 20 ![x](https://evil.example/x.png)"
        " ~~gone~~ <ins>**b**</ins> $x$ www.evil.example\\nnext line+}\n"
    )
    assert report.as_text(comparison, heading, color=False) == plain
    assert report.as_text(comparison, heading, color=True) == (
        plain.replace("{+\\x1b", "\x1b[32;4m{+\\x1b")
        .replace("\\x07+}", "\\x07+}\x1b[0m")
        .replace("[-You", "\x1b[31;9m[-You")
        .replace("dollars.-]", "dollars.-]\x1b[0m\x1b[32;4m")
        .replace("line+}", "line+}\x1b[0m")
    )


def test_legalsite_diff_prints_hostile_text_inert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real command (cli.main), with the loader bypassed as validate would refuse it."""
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    old, new = hostile_versions()
    zh_old, zh_new = hostile_versions("zh")
    versions = (
        Version("doc", date(2024, 1, 1), {"zh": zh_old, "en": old}),
        Version("doc", date(2024, 3, 1), {"zh": zh_new, "en": new}),
    )
    project = Project(root, (Document("doc", versions),))
    monkeypatch.setattr(commands, "load_project", lambda _root: project)
    monkeypatch.chdir(root)
    args = ["diff", "doc", "2024-01-01", "2024-03-01", "--lang", "en"]
    assert cli.main([*args, "--format", "markdown"]) == 0
    markdown_out = capsys.readouterr().out
    assert markdown_out == report.as_markdown(
        compare(old, new), f"{HOSTILE_TITLE} · 2024-01-01 → 2024-03-01 · English"
    )
    assert markdown_out.startswith(
        "### Terms &lt;svg/onload=alert(1)&gt; \\\\u202eevil · 2024-01-01 → 2024-03-01 · English\n"
    )
    assert cli.main([*args, "--format", "text"]) == 0
    text_out = capsys.readouterr().out
    assert forbidden(text_out, allowed="\n") == []
    assert text_out.startswith("Terms <svg/onload=alert(1)> \\u202eevil · 2024-01-01")


REPORT_ELEMENTS = {"h3", "p", "ul", "li", "strong", "code", "del", "ins", "br"}
COLOURS = re.compile(r"\x1b\[(?:31;9|32;4|0)m")


@settings(max_examples=examples(150), deadline=None)
@given(hostile_string(), hostile_string(), hostile_string(), hostile_string())
def test_reports_of_any_text_stay_inert(title: str, section: str, before: str, after: str) -> None:
    def text(clause: str) -> Text:
        body = (Paragraph("c1", clause + "·"),)
        return Text("en", title + "·", (), (Section("s1", section + "·", body),))

    comparison = compare(text(before), text(after))
    heading = f"{title} · 2024-01-01 → 2024-03-01"
    out = report.as_markdown(comparison, heading)
    rendered = markdown.markdown(out, extensions=["attr_list", "tables", "fenced_code"])
    parsed = Parsed(rendered)
    assert set(parsed.tags) <= REPORT_ELEMENTS, rendered
    assert parsed.tags.count("h3") == 1
    assert all(attrs == {} for _, attrs in parsed.elements), rendered
    assert forbidden(out, allowed="\n") == []
    for color in (False, True):
        shown = COLOURS.sub("", report.as_text(comparison, heading, color=color))
        assert forbidden(shown, allowed="\n") == []


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ("2025-03-03", "2024-01-01", "give the earlier version first: legalsite diff "
         "user-service-agreement 2024-01-01 2025-03-03"),
        ("2024-01-01", "2024-01-01", "give two different versions"),
    ],
)  # fmt: skip
def test_diff_refuses_versions_out_of_order(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    hint: str,
) -> None:
    """A reversed pair would print a redline that reads backwards, as if it were the change."""
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    monkeypatch.chdir(root)
    assert cli.main(["diff", "user-service-agreement", old, new]) == 1
    assert capsys.readouterr() == (
        "",
        f"error: OLD ({old}) is not earlier than NEW ({new})\nhint: {hint}\n",
    )
