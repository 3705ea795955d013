"""``legalsite import``: a real bilingual document (the Contributor Covenant 2.1 and its
official Chinese translation, tests/data/import/) brought in from Markdown, plain text and Word;
the report of what it cannot pair; its exit codes; its refusals."""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
import textwrap
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.commands.actions import META_SKELETON
from legalsite.model.document import ID_PATTERN, Lang
from legalsite.model.errors import LegalsiteError
from legalsite.model.notice import DEFAULT_NOTICE
from legalsite.model.numbering import format_number, joined, parse_style
from legalsite.sources.calendar import CalendarError, WorkingCalendar
from legalsite.sources.importing import numbering, writer
from legalsite.sources.importing.readers import (
    decode,
    join_lines,
    read_markdown,
    read_plain,
    read_source,
)
from legalsite.sources.importing.shape import END_MARKER, pair, slug
from legalsite.sources.importing.tree import (
    MAX_SOURCE_BYTES,
    Heading,
    Item,
    Note,
    Para,
    Source,
)
from tests import import_sources
from tests.conftest import (
    CONFIG,
    DATA,
    ROOT,
    Ran,
    build_site,
    examples,
    run_cli,
    set_plugin_options,
)
from tests.import_sources import W

COVENANT = DATA / "import" / "contributor-covenant-2.1"
LANGS = ("zh", "en")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "agreements").mkdir(parents=True)
    shutil.copy2(CONFIG, root / "mkdocs.yml")
    return root


BACKDATED = (
    "agreements/covenant/2025-06-01: its publication date 2025-05-30 has passed, so the "
    "pull-request check refuses it as new: run `legalsite check --allow-backdated` (README: "
    "Bringing in versions already in force)"
)
"""What import says of a version already published (every import here is of 2025-06-01)."""


def _import(root: Path, zh: Path, en: Path, *, document: str = "covenant") -> Ran:
    return run_cli(
        root, "import", document, "--effective", "2025-06-01", "--zh", str(zh), "--en", str(en)
    )


def _load(root: Path, document: str = "covenant") -> dict[str, Any]:
    folder = root / "agreements" / document / "2025-06-01"
    return {lang: yaml.safe_load((folder / f"{lang}.yaml").read_text("utf-8")) for lang in LANGS}


# -- What a reader is shown of the imported text ------------------------------------------


def _style(style: Any) -> tuple[str, int, int]:
    """A numbering style as written in the YAML: (recogniser, start, outline depth)."""
    text, start = (style["style"], style["start"]) if isinstance(style, dict) else (style, 1)
    if text == "none":
        return "none", start, 1
    reading = numbering.candidates(text)[0]
    return reading.style, start, reading.depth


def _number(style: Any, position: int) -> str:
    name, start, _ = _style(style)
    return "" if name == "none" else numbering.render(name, start + position - 1)


def shown(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(number, words) of every block of one language's data, in reading order, numbers
    rendered from its ``numbering`` styles (the numbering model's rule: the number one as
    written; unnumbered sections not counted)."""
    styles = data.get("numbering", {})
    out = [("", data["title"])]

    def blocks(items: list[dict[str, Any]]) -> None:
        for block in items:
            if "text" in block:
                out.append(("", import_sources.plain(block["text"])))
            elif "paragraphs" in block:
                out.extend(("", import_sources.plain(p)) for p in block["paragraphs"])
            elif "items" in block:
                listing(block, 0)

    def listing(block: dict[str, Any], depth: int) -> None:
        style = block.get("style", (styles.get("lists") or ["1."] * 3)[depth])
        for n, item in enumerate(block["items"], 1):
            marker = "•" if block["list"] == "bulleted" else _number(style, n)
            out.append((marker, import_sources.plain(item["text"])))
            if "items" in item:
                listing(item, depth + 1)

    def sections(items: list[dict[str, Any]], level: int) -> None:
        count = 0
        for section in items:
            style = styles.get("sections", ["一、", "1.1", "1.1.1"])[level]
            number = ""
            if section.get("numbered", True):
                count += 1
                number = _number(style, count)
            out.append((number, section["title"]))
            blocks(section.get("blocks", []))
            sections(section.get("sections", []), level + 1)

    blocks(data.get("preamble", []))
    sections(data["sections"], 0)
    return out


# -- Round trips ------------------------------------------------------------------------------


def _read(lang: str) -> Any:
    return read_source(COVENANT / f"{lang}.md", f"{lang}.md")


def test_markdown_round_trip_block_for_block(project: Path) -> None:
    ran = _import(project, COVENANT / "zh.md", COVENANT / "en.md")
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout == (
        "created agreements/covenant/2025-06-01/zh.yaml\n"
        "created agreements/covenant/2025-06-01/en.yaml\n"
        "created agreements/covenant/2025-06-01/meta.yaml\n"
        f"{BACKDATED}\n"
        "complete: both languages paired\n"
    )
    texts = _load(project)
    for lang in LANGS:
        assert shown(texts[lang]) == import_sources.expected(_read(lang), lang, numbered=False)
    # One element per section in both languages, the same ids: Scope is one paragraph in
    # English and two in Chinese, one clause of several paragraphs.
    assert texts["en"]["numbering"] == texts["zh"]["numbering"] == {"sections": ["none", "1."]}
    scope = {lang: texts[lang]["sections"][3]["blocks"] for lang in LANGS}
    assert scope["zh"][0]["id"] == scope["en"][0]["id"] == "scope-1"
    assert len(scope["zh"][0]["paragraphs"]) == 2
    assert "text" in scope["en"][0]
    assert (project / "agreements/covenant/2025-06-01/meta.yaml").read_text("utf-8") == (
        "version: '2.1'\n"
        "# The first version of its document: a summary of what changed is optional here (every "
        "later\n"
        "# version needs one, in both languages). 文档的第一个版本：变更摘要可不填（之后每个版本都须"
        "填写）。\n"
        "kind: substantive\n"
    )
    # What format would write: it finds nothing to change.
    formatted = run_cli(project, "format")
    assert (formatted.returncode, formatted.stdout) == (
        0,
        "0 character(s) fixed in 0 file(s); 3 file(s) checked\n",
    )


def test_import_says_nothing_of_backdating_before_the_publication_date(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - legalsite\n" in text
    for today, said in (("2025-05-29", False), ("2025-05-30", False), ("2025-05-31", True)):
        config.write_text(
            text.replace("  - legalsite\n", f"  - legalsite:\n      today: {today}\n")
        )
        shutil.rmtree(project / "agreements" / "covenant", ignore_errors=True)
        ran = _import(project, COVENANT / "zh.md", COVENANT / "en.md")
        assert (ran.returncode, ran.stderr) == (0, "")
        assert (f"{BACKDATED}\n" in ran.stdout) is said, today


def test_plain_text_round_trip_numbers_included(project: Path, tmp_path: Path) -> None:
    for lang in LANGS:
        text = import_sources.plain_text(_read(lang), lang)
        (tmp_path / f"{lang}.txt").write_text(text, "utf-8")
    ran = _import(project, tmp_path / "zh.txt", tmp_path / "en.txt")
    assert (ran.returncode, ran.stderr) == (0, "")
    texts = _load(project)
    assert texts["zh"]["numbering"]["sections"] == ["第一条", "（一）"]
    assert texts["en"]["numbering"]["sections"] == ["Section 1.", "(a)"]
    for lang in LANGS:
        assert shown(texts[lang]) == import_sources.expected(_read(lang), lang, numbered=True)


def test_word_round_trip_with_automatic_numbering(project: Path, tmp_path: Path) -> None:
    paths = {
        lang: import_sources.word(_read(lang), lang, tmp_path / f"{lang}.docx") for lang in LANGS
    }
    ran = _import(project, paths["zh"], paths["en"])
    assert (ran.returncode, ran.stderr) == (0, "")
    texts = _load(project)
    assert texts["zh"]["numbering"]["sections"] == ["第一条", "（一）"]
    assert texts["en"]["numbering"]["sections"] == ["Section 1.", "(a)"]
    for lang in LANGS:
        assert shown(texts[lang]) == import_sources.expected(_read(lang), lang, numbered=True)


def test_plain_text_dewrapping_and_numbered_items(project: Path, tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text(
        "示例协议\n\n第一条 定义\n\n本协议中的词语\n含义如下：\n\n"
        "1. 服务：指我们提供\n   的服务；\n2. 用户：指您。\n   a) 个人；\n   b) 企业。\n\n"
        "第二条 其他\n\n见第一条。\n",
        "utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "Example Agreement\n\nArticle 1 Definitions\n\nWords in this\nagreement mean:\n\n"
        "1. Service: what we\n   provide;\n2. User: you.\n   a) a person;\n   b) a company.\n\n"
        "Article 2 Other\n\nSee Article 1.\n",
        "utf-8",
    )
    ran = _import(project, tmp_path / "zh.txt", tmp_path / "en.txt")
    assert (ran.returncode, ran.stderr) == (0, "")
    assert "2 reference(s) linked\n" in ran.stdout
    texts = _load(project)
    assert texts["zh"]["numbering"] == {"sections": ["第一条"], "lists": ["1.", "a)"]}
    assert texts["en"]["numbering"] == {"sections": ["Article 1"], "lists": ["1.", "a)"]}
    assert texts["zh"]["sections"][0]["blocks"] == [
        {"id": "definitions-1", "text": "本协议中的词语含义如下："},
        {
            "id": "definitions-2",
            "list": "ordered",
            "items": [
                {"id": "definitions-2-1", "text": "服务：指我们提供的服务；"},
                {
                    "id": "definitions-2-2",
                    "text": "用户：指您。",
                    "list": "ordered",
                    "items": [
                        {"id": "definitions-2-2-1", "text": "个人；"},
                        {"id": "definitions-2-2-2", "text": "企业。"},
                    ],
                },
            ],
        },
    ]
    assert texts["en"]["sections"][0]["blocks"][0]["text"] == "Words in this agreement mean:"
    assert texts["zh"]["sections"][1]["blocks"] == [
        {"id": "other-1", "text": "见[](#definitions)。"}
    ]
    assert texts["en"]["sections"][1]["blocks"] == [
        {"id": "other-1", "text": "See [](#definitions)."}
    ]


# -- The report -------------------------------------------------------------------------------


def test_the_report_of_what_could_not_be_paired(project: Path, tmp_path: Path) -> None:
    (tmp_path / "zh.md").write_text(
        "# 规则\n\n## 总则\n\n第一段。\n\n第二段。\n\n## 费用\n\n- 甲\n- 乙\n\n## 附则\n\n完。\n",
        "utf-8",
    )
    (tmp_path / "en.md").write_text(
        "# Rules\n\n## General\n\n- One\n\n## Fees\n\n- A\n- B\n- C\n", "utf-8"
    )
    ran = _import(project, tmp_path / "zh.md", tmp_path / "en.md")
    assert ran.returncode == 1
    assert ran.stdout == (
        "created agreements/covenant/2025-06-01/zh.yaml\n"
        "created agreements/covenant/2025-06-01/en.yaml\n"
        "created agreements/covenant/2025-06-01/meta.yaml\n"
        f"{BACKDATED}\n"
    )
    zh, en = tmp_path / "zh.md", tmp_path / "en.md"
    assert ran.stderr == (
        f'error: {zh}:5: the section "总则": paragraphs here, a list in {en} from line 5: '
        "not paired\n"
        f"{zh}:11: a list of 2 items here, of 3 items in {en} from line 9: items paired by "
        "position\n"
        f'{zh}:14: the heading "附则" has no counterpart in {en} (3 headings here, 2 there, '
        "from line 3)\n"
        "3 problems to settle by hand: the files were written, edit them (or move the folder "
        "away and import again)\n"
    )


def test_refuses_to_overwrite_a_version_folder(project: Path) -> None:
    first = _import(project, COVENANT / "zh.md", COVENANT / "en.md")
    assert first.returncode == 0
    written = {p: p.read_bytes() for p in (project / "agreements").rglob("*") if p.is_file()}
    again = _import(project, COVENANT / "zh.md", COVENANT / "en.md")
    assert (again.returncode, again.stdout) == (1, "")
    assert again.stderr == (
        "error: agreements/covenant/2025-06-01/ already exists: import never writes into an "
        "existing version folder\n"
        "hint: choose another --effective date, or move the folder away first\n"
    )
    assert {
        p: p.read_bytes() for p in (project / "agreements").rglob("*") if p.is_file()
    } == written


# -- Hostile inputs ---------------------------------------------------------------------------


def _refused(project: Path, tmp_path: Path, name: str, content: bytes) -> str:
    good = tmp_path / "zh.md"
    good.write_text("# 标题\n\n## 一\n\n文字。\n", "utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    ran = _import(project, good, bad)
    assert (ran.returncode, ran.stdout) == (1, "")
    assert not (project / "agreements" / "covenant").exists()
    return ran.stderr.replace(str(bad), name)


def test_hostile_inputs_are_refused_before_anything_is_written(
    project: Path, tmp_path: Path
) -> None:
    huge = b"a" * (MAX_SOURCE_BYTES + 1)
    assert _refused(project, tmp_path, "en.md", huge) == (
        "error: en.md: the file is 2,000,001 bytes, over the 2,000,000 import reads\n"
        "hint: a legal document is far smaller: is it the right file?\n"
    )
    nested = "".join("  " * depth + "- item\n" for depth in range(10)).encode()
    assert _refused(project, tmp_path, "en.md", b"# T\n\n" + nested) == (
        "error: en.md:9: lists nested more than 6 levels deep\n"
        "hint: a legal document's lists nest three levels deep at most\n"
    )
    assert _refused(project, tmp_path, "en.md", b"# T\n\nBell \x07 and\n\nescape \x1b[31m\n") == (
        "error: en.md:3:6: control character U+0007 is not allowed\n"
        "en.md:5:8: control character U+001B is not allowed\n"
        "en.md: characters no text of the site may hold: nothing was written\n"
        "hint: delete them from the source (they are invisible in most editors), then import "
        "again\n"
    )
    assert _refused(project, tmp_path, "en.md", b"# T\n\n\xff\n") == (
        "error: en.md:3: byte 0xff is not UTF-8\nhint: save the file as UTF-8\n"
    )
    assert _refused(project, tmp_path, "en.docx", b"not a zip") == (
        "error: en.docx: not a Word document (.docx is a zip file)\n"
        "hint: save it from Word as a .docx\n"
    )
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "a zip, not a Word document")
    assert _refused(project, tmp_path, "en.docx", other.read_bytes()) == (
        'error: en.docx: not a Word document python-docx can read (KeyError: "There is no item '
        "named '[Content_Types].xml' in the archive\")\n"
        "hint: open it in Word and save it again as a .docx\n"
    )
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 15_000_000)
    packed = zipfile.ZipFile(bomb).getinfo("word/document.xml").compress_size
    assert _refused(project, tmp_path, "en.docx", bomb.read_bytes()) == (
        f"error: en.docx: its part word/document.xml unpacks to 15,000,000 bytes from "
        f"{packed:,}: refused as a zip bomb\n"
        "hint: save the document again from Word\n"
    )
    assert _refused(project, tmp_path, "en.html", b"<p>x</p>") == (
        "error: en.html: not a format import reads\n"
        "hint: give a Markdown (.md), plain-text (.txt) or Word (.docx) file\n"
    )


def test_a_zip_that_lies_about_a_part_size_is_refused(project: Path, tmp_path: Path) -> None:
    """A zip bomb that declares its part small (so the size checks pass) unpacks only to the
    size declared and fails its checksum: refused with a message, never a traceback."""
    document = docx.Document()
    document.add_paragraph("Licence", style="Title")
    honest = tmp_path / "honest.docx"
    document.save(str(honest))
    with zipfile.ZipFile(honest) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    padding = b"<!--" + b"x" * 3_000_000 + b"-->"
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"</w:body>", padding + b"</w:body>"
    )
    liar = tmp_path / "liar.docx"
    with zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    raw = bytearray(liar.read_bytes())
    offset = zipfile.ZipFile(liar).getinfo("word/document.xml").header_offset
    declared = (10_000).to_bytes(4, "little")
    raw[offset + 22 : offset + 26] = declared  # the local header's unpacked size
    entry = raw.rindex(b"word/document.xml") - 46  # its central directory entry, the last name
    raw[entry + 24 : entry + 28] = declared  # the central directory's
    assert _refused(project, tmp_path, "en.docx", bytes(raw)) == (
        "error: en.docx: not a Word document python-docx can read (BadZipFile: Bad CRC-32 for "
        "file 'word/document.xml')\n"
        "hint: open it in Word and save it again as a .docx\n"
    )


def test_a_document_id_the_site_uses_or_malformed_is_refused(project: Path) -> None:
    for name, message in (
        ("en", "error: document id 'en' is a name the site itself uses\n"
         "hint: choose another name for the document\n"),
        ("Bad_Name", "error: document id 'Bad_Name' is not lower-case words joined by hyphens\n"
         "hint: name the document like an-agreement\n"),
    ):  # fmt: skip
        ran = _import(project, COVENANT / "zh.md", COVENANT / "en.md", document=name)
        assert (ran.returncode, ran.stdout, ran.stderr) == (1, "", message)


def test_a_folder_or_a_file_in_the_way_is_refused_before_anything_is_written(
    project: Path, tmp_path: Path
) -> None:
    """A folder given as a source was "no such file" (or "not a format import reads"), and a
    file named as the document's folder was the system's "Not a directory" without a hint."""
    for folder in (tmp_path / "en.md", tmp_path / "sources"):
        folder.mkdir()
        ran = _import(project, COVENANT / "zh.md", folder)
        assert (ran.returncode, ran.stdout, ran.stderr) == (
            1,
            "",
            f"error: {folder}: a folder, not a file\nhint: give the document's file\n",
        )
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    ran = _import(project, COVENANT / "zh.md", fifo)
    assert (ran.returncode, ran.stdout, ran.stderr) == (
        1,
        "",
        f"error: {fifo}: not a regular file\nhint: give the document's file\n",
    )
    (project / "agreements" / "covenant").write_text("x", encoding="utf-8")
    ran = _import(project, COVENANT / "zh.md", COVENANT / "en.md")
    assert (ran.returncode, ran.stdout, ran.stderr) == (
        1,
        "",
        "error: agreements/covenant is a file: import writes the version into a folder of "
        "that name\nhint: move the file away first\n",
    )
    assert [p.name for p in (project / "agreements").iterdir()] == ["covenant"]


@pytest.mark.parametrize(
    ("effective", "message"),
    [
        (
            "0001-01-01",
            "error: --effective 0001-01-01: no day comes before 0001-01-01, so no working day "
            "does either\nhint: check the date: the calendar starts on 0001-01-01\n",
        ),
        (
            "9999-12-31",
            "error: --effective 9999-12-31: no official PRC working-day schedule for 9999: "
            "cannot tell which working day comes before 9999-12-31\n"
            "hint: add the State Council's 9999 schedule (国务院办公厅关于9999年部分节假日安排的"
            "通知) to agreements/calendar.yaml; see CALENDAR.md\n",
        ),
    ],
)
def test_an_effective_date_the_calendar_cannot_publish_is_refused(
    project: Path, effective: str, message: str
) -> None:
    """Import wrote a version effective in year 1 or 9999, which validate then refused (no
    working day before it, no official schedule): refused first, nothing written."""
    ran = run_cli(
        project,
        *("import", "covenant", "--effective", effective),
        *("--zh", str(COVENANT / "zh.md"), "--en", str(COVENANT / "en.md")),
    )
    assert (ran.returncode, ran.stdout, ran.stderr) == (1, "", message)
    assert not any((project / "agreements").iterdir())


@settings(max_examples=examples(40), deadline=None)
@given(st.dates())
def test_import_writes_only_a_version_whose_publication_date_validate_can_tell(
    effective: date,
) -> None:
    """Any --effective date: refused with the calendar's own words before anything is written,
    or the version written has a publication date (validate says nothing of its date)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        (root / "agreements").mkdir(parents=True)
        shutil.copy2(CONFIG, root / "mkdocs.yml")
        ran = run_cli(
            root,
            *("import", "covenant", "--effective", effective.isoformat()),
            *("--zh", str(COVENANT / "zh.md"), "--en", str(COVENANT / "en.md")),
        )
        try:
            WorkingCalendar().publish_date(effective, DEFAULT_NOTICE)
        except CalendarError as exc:
            assert (ran.returncode, ran.stdout, ran.stderr) == (
                1,
                "",
                f"error: --effective {effective}: {exc.message}\nhint: {exc.hint}\n",
            )
            assert not any((root / "agreements").iterdir())
            return
        assert ran.returncode == 0, ran.stderr
        checked = run_cli(root, "validate")
        assert "working day" not in checked.stderr
        assert "schedule" not in checked.stderr


# -- Properties -------------------------------------------------------------------------------


@settings(max_examples=examples(200), deadline=None)
@given(
    style=st.sampled_from(numbering.STYLES),
    start=st.integers(0, 60),
    count=st.integers(1, 12),
)
def test_numbers_rendered_in_a_style_are_detected_back(
    style: numbering.Style, start: int, count: int
) -> None:
    if start == 0 and not style.start_zero:
        start = 1
    markers = [style.render(n) for n in range(start, start + count)]
    readings = [numbering.candidates(f"{marker} Title") for marker in markers]
    for marker, found in zip(markers, readings, strict=True):
        assert any(r.style == style.name and r.rest == "Title" for r in found), marker
    decision = numbering.decide(readings)
    assert decision.style is not None
    chosen = numbering.STYLE_NAMES[decision.style]
    # Where marks read two ways (i. is roman or a letter), the style chosen writes them alike.
    assert [chosen.render(n) for n in range(decision.start, decision.start + count)] == markers


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(2, 3), st.lists(st.integers(0, 40), min_size=3, max_size=3))
def test_outline_numbers_give_their_depth(depth: int, parts: list[int]) -> None:
    marker = ".".join(str(n) for n in parts[:depth])
    (reading,) = [r for r in numbering.candidates(f"{marker} Title") if r.style == "outline"]
    assert (reading.depth, reading.value, numbering.written("outline", depth)) == (
        depth,
        int(marker.split(".")[-1]),
        ".".join(["1"] * depth),
    )


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@settings(max_examples=examples(100), deadline=None)
@given(st.text(_HAN, min_size=1, max_size=200), st.integers(5, 40))
def test_chinese_lines_join_without_a_space(text: str, width: int) -> None:
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    assert join_lines(lines) == text


@settings(max_examples=examples(100), deadline=None)
@given(
    st.lists(st.text("abcdefghij", min_size=1, max_size=12), min_size=1, max_size=60),
    st.integers(15, 80),
)
def test_english_lines_join_with_one_space(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    assert join_lines(lines) == text


def test_ids_from_titles() -> None:
    assert slug("Disclaimer of Warranties and Limitation of Liability.") == (
        "disclaimer-warranties-limitation-liability"
    )
    assert [slug("Our Pledge"), slug("Of the"), slug("4.0 Licence"), slug("定义")] == [
        "our-pledge",
        "of-the",
        "s-4-0-licence",
        "",
    ]


@settings(max_examples=examples(100), deadline=None)
@given(st.text(min_size=0, max_size=60))
def test_ids_from_titles_are_valid_or_empty(title: str) -> None:
    made = slug(title)
    assert made == "" or ID_PATTERN.fullmatch(made)


def test_markdown_keeps_emphasis_links_and_escapes_brackets() -> None:
    source = read_markdown(
        "# T\n\nSee **this** and [that][x], *not* [a] \\* star.\n\n[x]: https://example.com\n",
        "t.md",
    )
    assert source.blocks[1].text == (  # type: ignore[union-attr]
        "See **this** and [that](https://example.com), *not* \\[a\\] \\* star."
    )


def test_word_numbers_are_the_ones_word_shows(tmp_path: Path) -> None:
    """Word's automatic numbers from numbering.xml: a level counting from 0, a multi-level
    number (%1.%2), roman numerals, restarts of the lower levels; an empty table is noted, a
    line break inside a paragraph read as a space."""
    document = docx.Document()
    levels = [("decimal", "%1.", 0), ("decimal", "%1.%2", 1), ("lowerRoman", "(%3)", 1)]
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for n, (fmt, text, start) in enumerate(levels)
    )
    numbering_part = document.part.numbering_part.element
    numbering_part.append(
        parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="80">{lvls}</w:abstractNum>')
    )
    numbering_part.append(
        parse_xml(f'<w:num xmlns:w="{W}" w:numId="80"><w:abstractNumId w:val="80"/></w:num>')
    )

    def add(text: str, style: str, level: int) -> None:
        paragraph = document.add_paragraph(text, style=style)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="80"/></w:numPr>'
            )
        )

    document.add_paragraph("Licence", style="Title")
    add("Definitions", "Heading 1", 0)
    add("Terms", "Heading 2", 1)
    add("first", "List Paragraph", 2)
    add("second", "List Paragraph", 2)
    document.add_table(rows=1, cols=2)
    add("Grant", "Heading 1", 0)
    add("Scope", "Heading 2", 1)
    paragraph = document.add_paragraph("one line", style="List Paragraph")
    paragraph.runs[0].add_break()
    paragraph.add_run("and the next")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="2"/><w:numId w:val="80"/></w:numPr>')
    )
    path = tmp_path / "licence.docx"
    document.save(str(path))
    source = read_source(path, "licence.docx")
    assert source.blocks == (
        Heading(0, None, "Licence", 1),
        Heading(1, "0.", "Definitions", 2),
        Heading(2, "0.1", "Terms", 3),
        Item("(i)", 2, "first", 4),
        Item("(ii)", 2, "second", 5),
        Heading(1, "1.", "Grant", 6),
        Heading(2, "1.1", "Scope", 7),
        Item("(i)", 2, "one line and the next", 8),
    )
    assert source.notes == (Note(6, "an empty table left out"),)


def test_word_numbers_at_every_one_of_words_nine_levels(tmp_path: Path) -> None:
    """Word writes nine levels (w:ilvl 0 to 8) in each numbering, and a level's text may show
    any of them (%1 to %9): a paragraph at level 8 gets the number Word shows (a traceback
    before: the counters stopped at the depth import keeps), and is kept at that depth."""
    document = docx.Document()
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="{n + 1}"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{k}" for k in range(1, n + 2))}"/></w:lvl>'
        for n in range(9)
    )
    numbering_part = document.part.numbering_part.element
    numbering_part.append(
        parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="81">{lvls}</w:abstractNum>')
    )
    numbering_part.append(
        parse_xml(f'<w:num xmlns:w="{W}" w:numId="81"><w:abstractNumId w:val="81"/></w:num>')
    )
    for level in (0, 6, 8, 8, -1):
        paragraph = document.add_paragraph(f"at {level}", style="List Paragraph")
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="81"/></w:numPr>'
            )
        )
    path = tmp_path / "deep.docx"
    document.save(str(path))
    assert read_source(path, "deep.docx").blocks == (
        Item("1", 0, "at 0", 1),
        Item("1.2.3.4.5.6.7", 5, "at 6", 2),
        Item("1.2.3.4.5.6.7.8.9", 5, "at 8", 3),
        Item("1.2.3.4.5.6.7.8.10", 5, "at 8", 4),
        Item("•", 0, "at -1", 5),
    )


def test_a_bold_numbered_paragraph_is_a_heading_with_its_dash() -> None:
    source = read_markdown(
        "# Licence\n\n**Section 1 – Definitions.**\n\n**Bold** words.\n\n"
        "**Section 2 – Scope.**\n\nText.\n",
        "l.md",
    )
    assert source.blocks == (
        Heading(1, None, "Licence", 1),
        Heading(7, "Section 1 –", "Definitions.", 3),
        Para("**Bold** words.", 5),
        Heading(7, "Section 2 –", "Scope.", 7),
        Para("Text.", 9),
    )
    numbers = [b.number for b in source.blocks[1:] if isinstance(b, Heading) and b.number]
    readings = [numbering.candidates(number) for number in numbers]
    assert numbering.decide(readings).style == "section"
    assert {r[0].mark for r in readings} == {"–"}


# -- Imported, then built ---------------------------------------------------------------------

EFFECTIVE = date(2025, 6, 1)


def _first_sections(text: str) -> str:
    """The plain text before its fourth section: Our Pledge, Our Standards, Enforcement
    Responsibilities (flat sections, the same paragraphs in both languages: what the model
    builds today; sub-sections and clauses of several paragraphs are to come)."""
    cut = min(text.index(mark) for mark in ("第四条", "Section 4.") if mark in text)
    return text[:cut]


REFERRING = {
    "zh": "示例协议\n\n第一条 定义\n\n本协议的词语含义如下。\n\n第二条 其他\n\n见第一条。\n",
    "en": "Example Agreement\n\nSection 1. Definitions\n\nWords mean what they say.\n\n"
    "Section 2. Other\n\nSee Section 1.\n",
}
"""A document that refers to its own section: the reference is linked, and the built page
writes it as the source did."""


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The Covenant's first three sections imported from plain text, validated and built once
    (no PDFs); with the blocks a reader should see."""
    folder = tmp_path_factory.mktemp("imported")
    root = folder / "site"
    (root / "agreements").mkdir(parents=True)
    shutil.copy2(CONFIG, root / "mkdocs.yml")
    set_plugin_options(root, "{pdf: false}")
    wanted = {}
    for lang in LANGS:
        text = _first_sections(import_sources.plain_text(_read(lang), lang))
        (folder / f"{lang}.txt").write_text(text, "utf-8")
        wanted[lang] = import_sources.expected(
            read_source(folder / f"{lang}.txt", f"{lang}.txt"), lang, numbered=False
        )
    ran = _import(root, folder / "zh.txt", folder / "en.txt")
    assert (ran.returncode, ran.stderr) == (0, "")
    for lang, text in REFERRING.items():
        (folder / f"referring-{lang}.txt").write_text(text, "utf-8")
    ran = _import(
        root, folder / "referring-zh.txt", folder / "referring-en.txt", document="referring"
    )
    assert (ran.returncode, ran.stderr) == (0, "")
    assert "2 reference(s) linked\n" in ran.stdout
    validated = run_cli(root, "validate")
    assert (validated.returncode, validated.stderr) == (0, "")
    return build_site(root, EFFECTIVE), wanted


KEEP = '<span class="ls-keep">'
"""The span that keeps a clause's last word with its links (site/render.keep_together)."""


def _words(page: str) -> str:
    body = page[page.index('class="ls-updated"') : page.index("ls-updated-end")]
    # A clause's last word shares a span with its links: that span splits no word.
    body = body.replace(KEEP, "")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize(
    ("lang", "page"),
    [("zh", "covenant/2025-06-01/index.html"), ("en", "en/covenant/2025-06-01/index.html")],
)
def test_an_imported_document_builds_block_for_block_numbers_included(
    imported_site: tuple[Path, dict[str, Any]], lang: str, page: str
) -> None:
    site, wanted = imported_site
    words = _words((site / page).read_text("utf-8"))
    at = 0
    for number, text in wanted[lang][1:]:  # the title is the page's, above the text
        shown_block = " ".join(joined(number, text).split()) if number != "•" else text
        found = words.find(shown_block, at)
        assert found >= 0, (shown_block, words[at : at + 200])
        at = found + len(shown_block)
    headings = [joined(n, t) for n, t in wanted[lang] if n and n != "•"]
    assert headings == (
        ["第一条 我们的承诺", "第二条 我们的准则", "第三条 责任和权力"]
        if lang == "zh"
        else [
            "Section 1. Our Pledge",
            "Section 2. Our Standards",
            "Section 3. Enforcement Responsibilities",
        ]
    )


@settings(max_examples=examples(200), deadline=None)
@given(style=st.sampled_from(numbering.STYLES), position=st.integers(1, 300))
def test_every_style_import_writes_is_one_the_model_reads_and_numbers_alike(
    style: numbering.Style, position: int
) -> None:
    """The style import writes (the number one as written) is read by the numbering model,
    which then writes every number as the source did: the numbers round trip."""
    model_style = parse_style(numbering.written(style.name))
    assert format_number(model_style, position) == style.render(position)
    for depth in (2, 3):
        dotted = parse_style(numbering.written("outline", depth))
        parents = list(range(1, depth))
        assert format_number(dotted, position, parents) == numbering.render(
            "outline", position, parents
        )


def test_an_annex_with_a_verbatim_notice_template(project: Path, tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text(
        "示例协议\n\n第一条 通知\n\n通知应按附件一的格式发出。\n\n"
        "附件一 通知模板\n\n格式如下：\n\n    致：［姓名］\n      事由：［事由］\n\n",
        "utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "Example Agreement\n\nSection 1. Notices\n\nNotices follow the form in Annex 1.\n\n"
        "Annex 1 Notice Template\n\nThe form:\n\n    To: [name]\n      Re: [subject]\n\n",
        "utf-8",
    )
    ran = _import(project, tmp_path / "zh.txt", tmp_path / "en.txt")
    assert (ran.returncode, ran.stderr) == (0, "")
    texts = _load(project)
    assert "2 reference(s) linked\n" in ran.stdout
    assert (
        texts["zh"]["sections"][0]["blocks"][0]["text"]
        == "通知应按[](#notice-template)的格式发出。"
    )
    assert texts["en"]["sections"][0]["blocks"][0]["text"] == (
        "Notices follow the form in [](#notice-template)."
    )
    assert texts["zh"]["numbering"] == {"sections": ["第一条"], "annexes": "附件一"}
    assert texts["en"]["numbering"] == {"sections": ["Section 1."], "annexes": "Annex 1"}
    assert texts["en"]["annexes"] == [
        {
            "id": "notice-template",
            "title": "Notice Template",
            "blocks": [
                {"id": "notice-template-1", "text": "The form:"},
                {"id": "notice-template-2", "verbatim": "To: [name]\n  Re: [subject]\n"},
            ],
        }
    ]
    assert texts["zh"]["annexes"][0]["blocks"][1] == {
        "id": "notice-template-2",
        "verbatim": "致：［姓名］\n  事由：［事由］\n",
    }
    written = (project / "agreements/covenant/2025-06-01/en.yaml").read_text("utf-8")
    assert (
        "  - id: notice-template-2\n    verbatim: |\n      To: [name]\n        Re: [subject]\n"
        in written
    )


def test_end_matter_after_the_end_marker(project: Path, tmp_path: Path) -> None:
    (tmp_path / "zh.md").write_text(
        "# 协议\n\n## 定义\n\n文字。\n\n（正文完）\n\n甲方（盖章）：\n", "utf-8"
    )
    (tmp_path / "en.md").write_text(
        "# Agreement\n\n## Definitions\n\nText.\n\n(End of the Agreement)\n\nParty A (seal):\n",
        "utf-8",
    )
    ran = _import(project, tmp_path / "zh.md", tmp_path / "en.md")
    assert (ran.returncode, ran.stderr) == (0, "")
    texts = _load(project)
    assert texts["en"]["sections"] == [
        {
            "id": "definitions",
            "title": "Definitions",
            "blocks": [{"id": "definitions-1", "text": "Text."}],
        }
    ]
    assert texts["en"]["end"] == [
        {"id": "end-1", "text": "(End of the Agreement)"},
        {"id": "end-2", "text": "Party A (seal):"},
    ]
    assert texts["zh"]["end"] == [
        {"id": "end-1", "text": "（正文完）"},
        {"id": "end-2", "text": "甲方（盖章）："},
    ]


def test_the_schema_comment_names_a_file_that_exists(project: Path, tmp_path: Path) -> None:
    """In a site made by new-site legalsite is installed, not a folder of the site: the
    imported files name no schema there (the editor would complain of a missing file). In a
    project that holds legalsite's source, as this repository does, they name its schema."""
    (tmp_path / "zh.md").write_text("# 协议\n\n## 定义\n\n文字。\n", "utf-8")
    (tmp_path / "en.md").write_text("# Agreement\n\n## Definitions\n\nText.\n", "utf-8")
    ran = _import(project, tmp_path / "zh.md", tmp_path / "en.md")
    assert (ran.returncode, ran.stderr) == (0, "")
    folder = project / "agreements/covenant/2025-06-01"
    assert (folder / "en.yaml").read_text("utf-8").startswith("title: Agreement\n")
    schema = project / writer.SCHEMA
    schema.parent.mkdir(parents=True)
    schema.write_text("{}", "utf-8")
    ran = _import(project, tmp_path / "zh.md", tmp_path / "en.md", document="other")
    assert (ran.returncode, ran.stderr) == (0, "")
    for lang in ("zh", "en"):
        written = (project / f"agreements/other/2025-06-01/{lang}.yaml").read_text("utf-8")
        assert written.startswith(
            "# yaml-language-server: $schema=../../../legalsite/schemas/agreement.schema.json\n"
        )
    assert writer.schema_comment(ROOT, ROOT / "agreements/x/2025-06-01") == (
        "# yaml-language-server: $schema=../../../legalsite/schemas/agreement.schema.json\n"
    )


@pytest.mark.parametrize(
    ("paragraph", "ends"),
    [
        ("（正文完）", True),
        ("以下无正文", True),
        # The Mulan PSL v2's pair (license.coscl.org.cn/MulanPSL2): each language's must end it.
        ("条款结束", True),
        ("END OF THE TERMS AND CONDITIONS", True),
        ("END OF TERMS AND CONDITIONS", True),
        ("（正文结束）", True),
        ("条款结束后，本协议继续有效。", False),
        ("完成", False),
        ("The end of the term is near.", False),
    ],
)
def test_end_markers_of_both_languages(paragraph: str, ends: bool) -> None:
    assert bool(END_MARKER.fullmatch(paragraph)) is ends


def test_tables_from_markdown_and_word(project: Path, tmp_path: Path) -> None:
    (tmp_path / "zh.md").write_text(
        "# 隐私政策\n\n## 联系我们\n\n| 方式 | 详情 |\n| --- | --- |\n"
        "| 邮件 | [privacy@example.com](mailto:privacy@example.com) |\n| 电话 | 400-000-0000 |\n",
        "utf-8",
    )
    document = docx.Document()
    document.add_paragraph("Privacy Policy", style="Title")
    document.add_paragraph("Contact Us", style="Heading 1")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(
        table.rows,
        [("Means", "Details"), ("Email", "privacy@example.com"), ("Phone", "400-000-0000")],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(tmp_path / "en.docx"))
    ran = _import(project, tmp_path / "zh.md", tmp_path / "en.docx")
    assert (ran.returncode, ran.stderr) == (0, "")
    texts = _load(project)
    assert texts["zh"]["sections"][0]["blocks"] == [
        {
            "id": "contact-us-1",
            "table": {
                "header": ["方式", "详情"],
                "rows": [
                    {
                        "id": "contact-us-1-1",
                        "cells": ["邮件", "[privacy@example.com](mailto:privacy@example.com)"],
                    },
                    {"id": "contact-us-1-2", "cells": ["电话", "400-000-0000"]},
                ],
            },
        }
    ]
    assert texts["en"]["sections"][0]["blocks"][0]["table"] == {
        "header": ["Means", "Details"],
        "rows": [
            {"id": "contact-us-1-1", "cells": ["Email", "privacy@example.com"]},
            {"id": "contact-us-1-2", "cells": ["Phone", "400-000-0000"]},
        ],
    }


_LINE = st.one_of(
    st.sampled_from(
        [
            "",
            "# T",
            "## 第一条 定义",
            "### (a) Sub",
            "1. item",
            "   a) nested",
            "- bullet",
            "    code",
            "| a | b |",
            "|---|---|",
            "| 1 | 2 |",
            "（正文完）",
            "附件一 模板",
            "Annex 1",
            "**Section 1 – X.**",
            "text [link](https://e.com) *em*",
            "见第一条。",
            "> quote",
            "Section 2. Scope",
            "i. roman",
            "ii. two",
            "第二条 其他",
            "```",
            "+++",
            "---",
            "Text with &lt;script&gt; and `code <i>`",
            "a <javascript:alert(1)> b",
            "&amp;lt; **open",
        ]
    ),
    st.text(min_size=0, max_size=30),
)


@settings(max_examples=examples(200), deadline=None)
@given(
    zh=st.lists(_LINE, max_size=30).map("\n".join),
    en=st.lists(_LINE, max_size=30).map("\n".join),
    kind=st.sampled_from(["md", "txt"]),
)
def test_any_input_is_read_paired_and_written_or_refused_with_a_message(
    zh: str, en: str, kind: str
) -> None:
    """Whatever the two files hold, import reads them and writes YAML that reads back, or
    refuses them with a located message: it never fails otherwise."""
    sources: dict[Lang, Source] = {}
    languages: tuple[tuple[Lang, str], ...] = (("zh", zh), ("en", en))
    for lang, text in languages:
        try:
            decoded = decode(text.encode("utf-8", "surrogatepass"), f"{lang}.{kind}")
        except (LegalsiteError, UnicodeEncodeError):
            return
        read = read_markdown if kind == "md" else read_plain
        try:
            sources[lang] = read(decoded, f"{lang}.{kind}")
        except LegalsiteError:
            return
    result = pair(sources)
    for lang, _ in languages:
        assert yaml.safe_load(writer.agreement_yaml(result.texts[lang])) == result.texts[lang]
    for problem in result.problems:
        assert problem.path in ("zh." + kind, "en." + kind)


def test_words_the_inline_subset_refuses_are_reported_at_their_line(
    project: Path, tmp_path: Path
) -> None:
    """A character reference, a code span or an autolink that reads as an HTML tag once its
    words are kept is reported at its line for the editor, never a traceback (it was one when
    the paragraph was checked for an end marker)."""
    source = tmp_path / "en.md"
    source.write_text(
        "# T\n\n## 1. Scope\n\nText with &lt;script&gt;.\n\nSee `<i>`.\n\n"
        "Go <javascript:alert(1)>.\n",
        encoding="utf-8",
    )
    ran = _import(project, source, source)
    assert (ran.returncode, ran.stderr.replace(str(source), "en.md")) == (
        1,
        "error: en.md:5: raw HTML '<script>' is not allowed in clause text: edit it in the YAML\n"
        "en.md:7: raw HTML '<i>' is not allowed in clause text: edit it in the YAML\n"
        "en.md:9: raw HTML '<javascript:alert(1)>' is not allowed in clause text: edit it in "
        "the YAML\n"
        "3 problems to settle by hand: the files were written, edit them (or move the folder "
        "away and import again)\n",
    )


def test_numbers_that_count_in_no_style_are_reported_and_kept_as_written(
    project: Path, tmp_path: Path
) -> None:
    (tmp_path / "zh.txt").write_text(
        "协议\n\n第一条 定义\n\n文字。\n\n第三条 其他\n\n文字。\n", "utf-8"
    )
    (tmp_path / "en.txt").write_text(
        "Agreement\n\nSection 1. Definitions\n\nText.\n\nSection 2. Other\n\nText.\n", "utf-8"
    )
    ran = _import(project, tmp_path / "zh.txt", tmp_path / "en.txt")
    assert ran.returncode == 1
    assert ran.stderr == (
        f"error: {tmp_path / 'zh.txt'}:3: the numbers of level-1 headings: the numbers 第一条, "
        "第三条 do not count on by one in any one style\n"
        "1 problem to settle by hand: the files were written, edit them (or move the folder away "
        "and import again)\n"
    )
    zh = _load(project)["zh"]
    assert zh["numbering"] == {"sections": ["none"]}
    assert [s["title"] for s in zh["sections"]] == ["第一条 定义", "第三条 其他"]


@pytest.mark.parametrize(
    ("page", "sentence"),
    [
        ("referring/2025-06-01/index.html", '见<a href="#definitions">第一条</a>。'),
        ("en/referring/2025-06-01/index.html", 'See <a href="#definitions">Section 1</a>.'),
    ],
)
def test_a_textual_reference_imported_is_a_link_written_as_the_source_wrote_it(
    imported_site: tuple[Path, dict[str, Any]], page: str, sentence: str
) -> None:
    site, _ = imported_site
    body = (site / page).read_text("utf-8").replace(KEEP, "")  # see _words
    assert re.sub(r' class="[^"]*"', "", sentence) in re.sub(r' class="[^"]*"', "", body)


def test_references_to_sections_counted_from_zero(project: Path, tmp_path: Path) -> None:
    """Sections numbered 0. 1. 2.: the text's 第1条 / Section 1 names the section numbered
    1. (the second), as the model cites it, so the link renders as the source wrote it."""
    (tmp_path / "zh.txt").write_text(
        "许可证\n\n0. 定义\n\n本许可证中的词语。\n\n1. 授权\n\n依第0条所定义的词语授权。\n\n"
        "2. 终止\n\n违反第1条的，本许可终止。\n",
        "utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "Licence\n\n0. Definitions\n\nThe words of this licence.\n\n1. Grant\n\n"
        "Granted in the words defined in Section 0.\n\n2. Termination\n\n"
        "A breach of Section 1 ends this licence.\n",
        "utf-8",
    )
    ran = _import(project, tmp_path / "zh.txt", tmp_path / "en.txt")
    assert (ran.returncode, ran.stderr) == (0, "")
    assert "4 reference(s) linked\n" in ran.stdout
    texts = _load(project)
    assert texts["zh"]["numbering"] == {"sections": [{"style": "1.", "start": 0}]}
    assert [s["blocks"][0]["text"] for s in texts["zh"]["sections"][1:]] == [
        "依[](#definitions)所定义的词语授权。",
        "违反[](#grant)的，本许可终止。",
    ]
    assert [s["blocks"][0]["text"] for s in texts["en"]["sections"][1:]] == [
        "Granted in the words defined in [](#definitions).",
        "A breach of [](#grant) ends this licence.",
    ]
    validated = run_cli(project, "validate")
    assert (validated.returncode, validated.stderr) == (0, "")


def test_word_numbering_linked_to_the_heading_styles(tmp_path: Path) -> None:
    """A multilevel list linked to Heading 1 and 2 (the numbering in the styles, as Word's
    "Define New Multilevel List" writes it): each heading gets its number from its style."""
    document = docx.Document()
    levels = [("chineseCounting", "第%1条"), ("chineseCounting", "（%2）")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for n, (fmt, text) in enumerate(levels)
    )
    numbering_part = document.part.numbering_part.element
    numbering_part.append(
        parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="70">{lvls}</w:abstractNum>')
    )
    numbering_part.append(
        parse_xml(f'<w:num xmlns:w="{W}" w:numId="70"><w:abstractNumId w:val="70"/></w:num>')
    )
    for level, style in enumerate(("Heading 1", "Heading 2")):
        document.styles[style].element.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="70"/></w:numPr>'
            )
        )
    document.add_paragraph("协议", style="Title")
    for text, style in (("定义", "Heading 1"), ("术语", "Heading 2"), ("用语", "Heading 2")):
        document.add_paragraph(text, style=style)
    document.add_paragraph("授权", style="Heading 1")
    document.add_paragraph("范围", style="Heading 2")
    document.save(str(tmp_path / "zh.docx"))
    source = read_source(tmp_path / "zh.docx", "zh.docx")
    assert [(b.number, b.title) for b in source.blocks if isinstance(b, Heading)] == [
        (None, "协议"),
        ("第一条", "定义"),
        ("（一）", "术语"),
        ("（二）", "用语"),
        ("第二条", "授权"),
        ("（一）", "范围"),
    ]


def test_a_later_version_gets_the_summary_to_write(project: Path) -> None:
    first = _import(project, COVENANT / "zh.md", COVENANT / "en.md")
    assert first.returncode == 0
    later = run_cli(
        project, "import", "covenant", "--effective", "2025-09-01",
        "--zh", str(COVENANT / "zh.md"), "--en", str(COVENANT / "en.md"),
    )  # fmt: skip
    assert (later.returncode, later.stderr) == (0, "")
    meta = (project / "agreements/covenant/2025-09-01/meta.yaml").read_text("utf-8")
    assert meta == "version: '2.1'\n" + META_SKELETON
    # Imported twice, the same ids: a redline of the two versions aligns every element.
    texts = [
        yaml.safe_load((project / f"agreements/covenant/{day}/en.yaml").read_text("utf-8"))
        for day in ("2025-06-01", "2025-09-01")
    ]
    assert texts[0] == texts[1]


_WORD = st.text(st.sampled_from("abc 甲乙丙*_[]()<>&#`\\-.:|!"), min_size=1, max_size=24)


@st.composite
def _markdown_pair(draw: st.DrawFn) -> tuple[str, str]:
    """The same outline in both languages: numbered headings, sub-headings, clauses and list
    items, with words that hold Markdown's and HTML's own characters."""
    outline = draw(
        st.lists(
            st.tuples(st.integers(0, 2), st.integers(0, 3), st.booleans()), min_size=1, max_size=4
        )
    )
    sides = []
    for _ in LANGS:
        lines = ["# Title", ""]
        for n, (subs, blocks, listed) in enumerate(outline, start=1):
            lines += [f"## {n}. {draw(_WORD).strip() or 'x'}", ""]
            for _b in range(blocks):
                lines += [draw(_WORD), ""]
            if listed:
                lines += [f"1. {draw(_WORD)}", f"2. {draw(_WORD)}", ""]
            for m in range(1, subs + 1):
                lines += [f"### {n}.{m} {draw(_WORD).strip() or 'x'}", "", draw(_WORD), ""]
        sides.append("\n".join(lines))
    return sides[0], sides[1]


@settings(max_examples=examples(40), deadline=None)
@given(_markdown_pair())
def test_an_import_that_says_complete_is_a_version_validate_accepts(pair: tuple[str, str]) -> None:
    """Exit 0 means the version is complete: ``validate`` then finds nothing in it. What the
    model refuses in the texts import wrote is reported by import itself (exit 1)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        (root / "agreements").mkdir(parents=True)
        shutil.copy2(CONFIG, root / "mkdocs.yml")
        for lang, text in zip(LANGS, pair, strict=True):
            (root / f"{lang}.md").write_text(text, encoding="utf-8")
        ran = _import(root, root / "zh.md", root / "en.md", document="generated")
        assert ran.returncode in (0, 1), ran.stderr
        assert "Traceback" not in ran.stderr
        if ran.returncode == 0:
            checked = run_cli(root, "validate")
            version = "agreements/generated/2025-06-01"
            assert f"{version}/zh.yaml" not in checked.stderr, checked.stderr
            assert f"{version}/en.yaml" not in checked.stderr, checked.stderr
