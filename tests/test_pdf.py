"""The PDFs: every clause in their text, the CJK font embedded, tagged, the same bytes from the
same sources, a status edition per status, marks that survive black and white, nothing fetched."""

from __future__ import annotations

import html.parser
import io
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from legalsite.compare.diff import compare
from legalsite.compare.redline import Segment
from legalsite.evidence import pdf
from legalsite.model import escape, inline
from legalsite.model.document import (
    LANGS,
    Lang,
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Table,
    TableRow,
    Text,
    Timeline,
    section_heading,
    text_sha256,
    timeline,
)
from legalsite.model.errors import LegalsiteError
from legalsite.model.words import format_date
from legalsite.site.plan import plan, publication_dates
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import load_project
from tests import pdftext
from tests.conftest import BUILD_DAY, ROOT, SITES, THOROUGH, VERSIONS_EFFECTIVE, examples
from tests.hostile import hostile_string, hostile_text, invisible, markup

BASE = "https://legal.example.com/"


def line_of(root: Path, today: date) -> Timeline:
    (document,) = load_project(root).documents[:1]
    return timeline(document, publication_dates(document, WorkingCalendar()), today)


def html_not_pdf(documents: Sequence[str]) -> list[bytes]:
    """A PDF maker that renders nothing: each "PDF" is its HTML document, so that a test can
    see which HTML the build would render into a file, without rendering them all."""
    return [document.encode("utf-8", "surrogatepass") for document in documents]


@cache
def real_pdf(lang: Lang) -> bytes:
    """The PDF the repository's agreement serves in ``lang`` on BUILD_DAY: the build plans every
    PDF (two editions per language), and only the served one's HTML is rendered here."""
    content = plan(
        load_project(ROOT), WorkingCalendar(), BUILD_DAY, base_url=BASE, pdfs=html_not_pdf
    )
    (document,) = load_project(ROOT).documents
    served = content.binaries[f"{lang}/{pdf.pdf_path(document.id, document.versions[-1].id, lang)}"]
    return pdf.render_html(served.decode("utf-8", "surrogatepass"))


def versions_pdf_names() -> list[str]:
    """The files of :func:`versions_pdfs`, named without rendering them (collection renders
    nothing: each xdist worker collects every module); test_the_names_are_the_files checks."""
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    doc = line.document.id
    return sorted(
        f"{lang}/{pdf.pdf_path(doc, release.id, lang, changes=changes)}"
        for release in line.releases
        for lang in LANGS
        for changes in ((False, True) if release.previous else (False,))
    )


@cache
def versions_pdfs() -> pdf.SitePdfs:
    """tests/data/sites/versions on the day its second version takes effect."""
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    comparisons = {
        (line.document.id, r.id, lang): compare(r.previous.texts[lang], r.version.texts[lang])
        for r in line.releases
        if r.previous
        for lang in LANGS
    }
    return pdf.site_pdfs([line], comparisons, base_url=BASE)


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squeeze(text: str) -> str:
    """Without whitespace: a PDF's text breaks lines where the page does."""
    return re.sub(r"\s+", "", text)


def clause_texts(text: Text) -> list[str]:
    """Every clause, list item, table heading and cell as a reader sees it, in reading order."""
    out: list[str] = []
    blocks = list(text.preamble) + [b for s in text.sections for b in s.blocks]
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, ListBlock):
            out.extend(item.text for item in block.items)
        else:
            assert isinstance(block, Table)
            out.extend(block.header)
            out.extend(cell for row in block.rows for cell in row.cells)
    return [inline.plain_of(value) for value in out]


# -- Content ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_clause_and_numbered_section_is_in_the_text_in_order(lang: Lang) -> None:
    (document,) = load_project(ROOT).documents
    version = document.versions[-1]
    extracted = squeeze(text_of(real_pdf(lang)))
    text = version.texts[lang]
    headings = [
        section_heading(lang, n, inline.plain_of(s.title))
        for n, s in enumerate(text.sections, start=1)
    ]
    clauses = clause_texts(text)
    assert len(clauses) > 50 and len(headings) > 5
    position = 0
    for wanted in [inline.plain_of(text.title), *headings]:
        found = extracted.find(squeeze(wanted), position)
        assert found >= 0, f"{wanted!r} is not in the {lang} PDF after offset {position}"
        position = found
    for clause in clauses:
        assert squeeze(clause) in extracted, f"{clause!r} is not in the {lang} PDF"


def test_ordered_list_numbers_are_text() -> None:
    data = versions_pdfs().files["en/" + pdf.pdf_path("user-service-agreement", "2025-03-03", "en")]
    assert "1. Services: software products and technical services" in text_of(data)


@pytest.mark.parametrize(
    ("lang", "facts"),
    [
        (
            "zh",
            [
                "用户服务协议（2025年3月3日版）",
                "生效日期2025年3月3日",
                "发布日期2025年2月28日",
                "状态（截至2025年3月3日）现行有效",
                "本版本永久网址https://legal.example.com/user-service-agreement/2025-03-03/",
                "https://legal.example.com/user-service-agreement/history/",
                "第1页共1页",
            ],
        ),
        (
            "en",
            [
                "User Service Agreement (version of March 3, 2025)",
                "EffectiveMarch 3, 2025",
                "PublishedFebruary 28, 2025",
                "Status (as of March 3, 2025)In force",
                "https://legal.example.com/en/user-service-agreement/2025-03-03/",
                "https://legal.example.com/en/user-service-agreement/history/",
                "Page 1 of 1",
            ],
        ),
    ],
)
def test_the_facts_of_the_version(lang: Lang, facts: list[str]) -> None:
    data = versions_pdfs().files[
        f"{lang}/" + pdf.pdf_path("user-service-agreement", "2025-03-03", lang)
    ]
    extracted = squeeze(text_of(data))
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    digest = text_sha256(line.releases[1].version.texts[lang], VERSIONS_EFFECTIVE)
    for fact in [*facts, digest]:
        assert squeeze(fact) in extracted, fact
    # Every page repeats the permanent address and numbers itself.
    address = facts[4][facts[4].index("https") :]
    assert extracted.count(squeeze(address)) >= 2


# -- The file itself -------------------------------------------------------------------------


def fonts_of(data: bytes) -> dict[str, str]:
    """Each embedded font's name and the kind of its embedded file."""
    found: dict[str, str] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font: Any = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            kinds = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
            found[str(font["/BaseFont"])] = ",".join(kinds)
    return found


def test_the_names_are_the_files() -> None:
    assert versions_pdf_names() == sorted(versions_pdfs().files)


@pytest.mark.parametrize("name", versions_pdf_names())
def test_the_chinese_font_is_embedded_as_a_subset(name: str) -> None:
    fonts = fonts_of(versions_pdfs().files[name])
    assert fonts
    for font, kinds in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+Noto-Serif-CJK-SC(-Bold)?", font), font
        assert kinds == "/FontFile3", (font, kinds)


@pytest.mark.parametrize("lang", LANGS)
def test_tagged_with_language_title_and_the_status_day_as_date(lang: Lang) -> None:
    data = versions_pdfs().files[
        f"{lang}/" + pdf.pdf_path("user-service-agreement", "2024-01-01", lang)
    ]
    reader = PdfReader(io.BytesIO(data))
    root: Any = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == ("zh-CN" if lang == "zh" else "en")
    metadata: Any = reader.metadata
    trailer: Any = reader.trailer
    assert metadata["/Title"] == (
        "用户服务协议（2024年1月1日版）"
        if lang == "zh"
        else "User Service Agreement (version of January 1, 2024)"
    )
    # Archived since its successor took effect: the PDF is dated that day, not the build's.
    assert metadata["/CreationDate"] == "D:20250303000000+08'00"
    assert metadata["/ModDate"] == "D:20250303000000+08'00"
    assert len(trailer["/ID"]) == 2


def test_same_sources_same_bytes_in_another_process() -> None:
    script = (
        "import hashlib, json, sys; sys.path.insert(0, '.')\n"
        "from tests.test_pdf import versions_pdfs\n"
        "print(json.dumps({k: hashlib.sha256(v).hexdigest() "
        "for k, v in versions_pdfs().files.items()}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"},
    )
    import json

    here = {k: pdf.sha256(v) for k, v in versions_pdfs().files.items()}
    assert json.loads(result.stdout) == here
    assert len(set(here.values())) == len(here) == 6


# -- Editions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 12, 29), {"2024-01-01": [("upcoming", "2023-12-29")]}),
        (
            date(2025, 2, 28),
            {
                "2024-01-01": [("upcoming", "2023-12-29"), ("current", "2024-01-01")],
                "2025-03-03": [("upcoming", "2025-02-28")],
            },
        ),
        (
            date(2026, 1, 1),
            {
                "2024-01-01": [
                    ("upcoming", "2023-12-29"),
                    ("current", "2024-01-01"),
                    ("archived", "2025-03-03"),
                ],
                "2025-03-03": [("upcoming", "2025-02-28"), ("current", "2025-03-03")],
            },
        ),
    ],
)
def test_editions_follow_the_status_over_time(
    today: date, expected: dict[str, list[tuple[str, str]]]
) -> None:
    line = line_of(SITES / "versions", today)
    assert {
        r.id: [(e.status, e.as_of.isoformat()) for e in pdf.editions(line, r)]
        for r in line.releases
    } == expected


def test_a_pdf_changes_only_when_its_status_does() -> None:
    """Built on two days with the same statuses, a version's PDF is the same file."""
    one = line_of(SITES / "versions", date(2024, 6, 1))
    other = line_of(SITES / "versions", date(2024, 9, 1))
    first, second = one.releases[0], other.releases[0]
    assert pdf.editions(one, first) == pdf.editions(other, second)
    edition = pdf.editions(one, first)[-1]
    assert pdf.version_html(one, first, "zh", edition, BASE) == pdf.version_html(
        other, second, "zh", edition, BASE
    )


# -- Redline ---------------------------------------------------------------------------------


def test_redline_pdf_marks_and_legend() -> None:
    files = versions_pdfs().files
    zh = text_of(
        files["zh/" + pdf.pdf_path("user-service-agreement", "2025-03-03", "zh", changes=True)]
    )
    en = text_of(
        files["en/" + pdf.pdf_path("user-service-agreement", "2025-03-03", "en", changes=True)]
    )
    assert (
        "图例：删除的文字加删除线并置于方括号内，如 [删除]；新增的文字加粗并加下划线，如 新增。"
        in zh
    )
    assert squeeze("服务:脉邦数字科技向您提供的软件产品及技术服务。") in squeeze(zh)
    assert squeeze("共1处变更：修改1处，新增0处，删除0处，移动0处。") in squeeze(zh)
    assert squeeze(
        "Legend: deleted text is struck through and in square brackets, as in [deleted]"
    ) in squeeze(en)
    assert "Compared with the version of January 1, 2024" in en
    assert "Page 1 of 1" in en


class Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[tuple[str, str]] = []  # (innermost of del/ins/"", text)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in ("meta", "link", "br", "img"):  # void: no end tag
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        mark = next((t for t in reversed(self.stack) if t in ("del", "ins")), "")
        self.text.append((mark, data))


segments = st.lists(
    st.builds(
        Segment,
        st.sampled_from(["equal", "delete", "insert"]),
        st.one_of(hostile_text(), markup(), st.text(min_size=1)),
    ),
    max_size=6,
)


@settings(max_examples=examples(300), deadline=None)  # no timing
@given(segments)
def test_redline_marks_hold_any_text_as_text(parts: list[Segment]) -> None:
    """Whatever the text, the marks are the only tags, deletions read [text] and every
    character comes back as it was, a hidden one as its visible escape (escape.visible)."""
    parser = Tags()
    parser.feed(pdf.segments_html(parts))
    parser.close()
    assert set(parser.tags) <= {"del", "ins", "span"}
    got = "".join(text for _, text in parser.text)
    shown = [escape.visible(p.text) for p in parts]
    want = "".join(f"[{t}]" if p.op == "delete" else t for p, t in zip(parts, shown, strict=True))
    assert got == want
    inserted = "".join(text for mark, text in parser.text if mark == "ins")
    assert inserted == "".join(t for p, t in zip(parts, shown, strict=True) if p.op == "insert")


_CSS_ESCAPE = re.compile(r"\\([0-9a-f]{6})")


@settings(max_examples=examples(300), deadline=None)  # no timing
@given(st.one_of(hostile_text(), markup(), invisible(), st.text()))
def test_css_strings_cannot_end_early(text: str) -> None:
    literal = str(pdf.css_string(text))
    inner = literal[1:-1]
    assert literal[0] == literal[-1] == '"'
    assert all(0x20 <= ord(c) <= 0x7E for c in inner)
    assert '"' not in _CSS_ESCAPE.sub("", inner) and "\\" not in _CSS_ESCAPE.sub("", inner)
    assert _CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)), inner) == text


@settings(max_examples=examples(60), deadline=None)
@given(st.one_of(hostile_text(invisible_chars=False), markup()))
def test_editor_text_stays_text_in_the_pdf_html(payload: str) -> None:
    """A document title that looks like markup is escaped wherever the PDF shows it (clause
    text cannot even hold raw HTML: the inline parser refuses it)."""
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    release = line.releases[1]
    title = payload if payload.strip() else "x"
    texts = dict(release.version.texts)
    texts["en"] = replace(texts["en"], title=title)
    hostile = replace(release, version=replace(release.version, texts=texts))
    edition = pdf.Edition("current", VERSIONS_EFFECTIVE)
    parser = Tags()
    parser.feed(pdf.version_html(line, hostile, "en", edition, BASE))
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "dl", "div",
               "dt", "dd", "a", "main", "section", "h2", "ol", "ul", "li", "span", "table",
               "thead", "tbody", "tr", "th", "td", "strong"}  # fmt: skip
    assert set(parser.tags) <= allowed
    shown = "".join(t for _, t in parser.text)
    assert shown.count(title) >= 2  # the <title> and the heading


@settings(max_examples=examples(200))
@given(st.text(alphabet="&#;34qultg<>\"' x", max_size=60))
def test_a_long_run_never_breaks_inside_a_character_reference(text: str) -> None:
    """The break places go between characters, never inside "&#34;" (found by the title
    '"<<script/onerror=alert(1)/>': a run of 31 found from the reference's "#")."""
    escaped = html.escape(text)
    broken = pdf._breakable(escaped)
    assert html.unescape(broken.replace(pdf.BREAK, "")) == text
    assert html.unescape(re.sub(r"<[^>]*>", "", broken)) == text
    assert pdf._breakable("&#34;&lt;&lt;script/onerror=alert(1)/&gt; (x") == (
        "&#34;&lt;&lt;script/onerror=alert(1)/&gt; (x"
    )


def test_the_pdfs_fetch_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not read")
    data = pdf.render_html(
        f'<html><body><p>x</p><img src="{secret.as_uri()}">'
        '<img src="http://127.0.0.1:9/x.png"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        "</body></html>"
    )
    page: Any = PdfReader(io.BytesIO(data)).pages[0]
    assert "/XObject" not in page["/Resources"] or not any(
        x.get_object().get("/Subtype") == "/Image" for x in page["/Resources"]["/XObject"].values()
    )
    with pytest.raises(ValueError, match="the PDFs load nothing from outside"):
        pdf.no_fetching().fetch(secret.as_uri())


# -- The font --------------------------------------------------------------------------------


def test_without_fc_match_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf.font_files.cache_clear()
    pdf.font_faces.cache_clear()
    monkeypatch.setattr("legalsite.evidence.pdf.shutil.which", lambda name: None)
    with pytest.raises(LegalsiteError) as raised:
        pdf.font_files()
    pdf.font_files.cache_clear()
    pdf.font_faces.cache_clear()
    assert str(raised.value) == (
        "the PDFs need fontconfig's fc-match to find their font, and it is missing\n"
        "hint: install Debian's fonts-noto-cjk (sudo apt-get install fonts-noto-cjk), then "
        "build again"
    )


def test_without_noto_cjk_the_error_names_the_font(monkeypatch: pytest.MonkeyPatch) -> None:
    def fc_match(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        assert args[1:] == ["-f", "%{family}\n%{file}\n%{index}", "Noto Serif CJK SC:regular"]
        return subprocess.CompletedProcess(
            args, 0, "DejaVu Serif\n/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf\n0", ""
        )

    pdf.font_files.cache_clear()
    pdf.font_faces.cache_clear()
    monkeypatch.setattr("legalsite.evidence.pdf.subprocess.run", fc_match)
    with pytest.raises(LegalsiteError) as raised:
        pdf.font_files()
    pdf.font_files.cache_clear()
    pdf.font_faces.cache_clear()
    assert str(raised.value) == (
        "the PDFs need the font 'Noto Serif CJK SC' (regular) for Chinese text, but fontconfig "
        "found DejaVu Serif instead\n"
        "hint: install Debian's fonts-noto-cjk (sudo apt-get install fonts-noto-cjk), then "
        "build again"
    )


def test_the_font_files_are_debians_noto_cjk() -> None:
    regular, bold = pdf.font_files()
    assert regular.name == "NotoSerifCJK-Regular.ttc" and bold.name == "NotoSerifCJK-Bold.ttc"
    # The SC face of each collection (JP, KR, SC, TC, HK).
    assert [index for _, index in pdf.font_faces()] == [2, 2]


# -- In the site -----------------------------------------------------------------------------


def test_version_pages_link_their_pdfs_in_their_language(versions_site: Path) -> None:
    import json

    data = json.loads((versions_site / "versions.json").read_text(encoding="utf-8"))
    (document,) = data["documents"]
    for version in document["versions"]:
        for lang, entry in version["languages"].items():
            page = (versions_site / entry["url"] / "index.html").read_text(encoding="utf-8")
            folder = versions_site / entry["url"]
            for kind in ("pdf", "changes_pdf"):
                record = entry[kind]
                if record is None:
                    assert version["id"] == "2024-01-01" and kind == "changes_pdf"
                    continue
                file = versions_site / record["url"]
                assert pdf.sha256(file.read_bytes()) == record["sha256"]
                assert f'href="{file.relative_to(folder).as_posix()}"' in page
                assert f"-{lang}" in file.name
    first = document["versions"][0]["languages"]["zh"]["pdf"]
    assert (first["status"], first["as_of"]) == ("archived", "2025-03-03")
    assert [(e["status"], e["as_of"]) for e in first["earlier"]] == [
        ("upcoming", "2023-12-29"),
        ("current", "2024-01-01"),
    ]


def test_dates_in_the_pdf_are_the_pages_dates() -> None:
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    release = line.releases[0]
    document_html = pdf.version_html(line, release, "zh", pdf.editions(line, release)[-1], BASE)
    for day in (release.effective, release.published, date(2025, 3, 3)):
        assert format_date("zh", day) in document_html


def test_redline_body_of_every_kind_of_change() -> None:
    """The revision site restyles a list (bulleted → ordered), moves, renumbers and removes:
    the redline PDF's body names the style in the text's language and keeps every list."""
    document = load_project(SITES / "revision").documents[0]
    for old, new in zip(document.versions, document.versions[1:], strict=False):
        for lang in ("zh", "en"):
            body = pdf.redline_body(compare(old.texts[lang], new.texts[lang]))
            assert body.count("<ol") + body.count("<ul") == body.count("</ol>") + body.count(
                "</ul>"
            )
            assert "list_style_" not in body


# -- Any id, title or text: no markup forms (defence in depth: the loader is bypassed) ---------


class Strings:
    """Hands out the drawn strings in turn, each one different (ids are unique in a text) and
    none blank (the model refuses blank text)."""

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        self.used: list[str] = []

    def __call__(self) -> str:
        text = self.strings[len(self.used) % len(self.strings)]
        text = text if text.strip() else text + "·"
        if text in self.used:
            text += str(len(self.used))
        self.used.append(text)
        return text


def model_text(lang: Lang, ids: list[str], texts: list[str], added: str | None) -> Text:
    """A text of every kind of block, its ids and its words from the two lists (the id check of
    the model is patched away by the caller: the encoders alone must hold)."""
    i, w = iter(ids), iter(texts)
    extra = (Paragraph(next(i), next(w)),) if added is None else ()  # removed in the new text
    new = (Paragraph(added, next(w)),) if added is not None else ()
    return Text(
        lang,
        next(w),
        (*extra, Paragraph(next(i), next(w)), *new),
        (
            Section(
                next(i),
                next(w),
                (
                    Paragraph(next(i), next(w)),
                    ListBlock(
                        next(i), "ordered", (ListItem(next(i), next(w)), ListItem(next(i), next(w)))
                    ),
                    Table(
                        next(i),
                        (next(w), next(w)),
                        (TableRow(next(i), (next(w), next(w))),),
                    ),
                ),
            ),
            Section(
                next(i),
                next(w),
                (ListBlock(next(i), "bulleted", (ListItem(next(i), next(w)),)),),
            ),
        ),
    )


# Clause text may be valid inline markup (escape.inline_html), and the redline's word diff
# (del, ins, span class="mark") depends on the words: these are checked by their attributes.
INLINE_TAGS = {"strong", "em", "a", "del", "ins", "span"}
ANCHOR = re.compile(r"[a-z0-9_-]*")


class Markup(html.parser.HTMLParser):
    """The elements (inline ones apart), their attributes, and anything else html.parser met."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.structure: list[tuple[str, tuple[str, ...]]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.other: list[str] = []
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        if tag not in INLINE_TAGS:
            self.structure.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(data)

    def handle_decl(self, decl: str) -> None:
        self.other.append(decl)

    def handle_pi(self, data: str) -> None:
        self.other.append(data)

    def unknown_decl(self, data: str) -> None:
        self.other.append(data)


def pdf_documents(strings: list[str]) -> list[str]:
    """The HTML of the version PDF and the redline PDF of a document whose every id, title and
    text comes from ``strings`` (the second version changes half the words, removes a clause
    and adds one)."""
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    release = line.releases[1]
    documents = []
    with mock.patch("legalsite.model.document.check_id", lambda value, what: None):
        word = Strings(strings)
        ids, added = [word() for _ in range(13)], word()
        olds, news = {}, {}
        for lang in LANGS:
            texts = [word() for _ in range(17)]
            changed = [word() if n % 2 else t for n, t in enumerate(texts)]
            olds[lang] = model_text(lang, ids, texts, None)
            news[lang] = model_text(lang, ids[1:], changed, added)
        hostile = replace(release, version=replace(release.version, texts=news))
        edition = pdf.Edition("current", VERSIONS_EFFECTIVE)
        for lang in LANGS:
            documents.append(pdf.version_html(line, hostile, lang, edition, BASE))
            documents.append(pdf.changes_html(line, hostile, compare(olds[lang], news[lang]), BASE))
    return documents


@cache
def plain_documents() -> list[Markup]:
    return [Markup(d) for d in pdf_documents([f"word{n}" for n in range(100)])]


@settings(max_examples=examples(25), deadline=None)  # no timing
@given(
    st.lists(hostile_string(), min_size=30, max_size=30).map(
        lambda strings: ["".join(c for c in s if not 0xD800 <= ord(c) <= 0xDFFF) for s in strings]
    )
)
def test_no_markup_forms_from_any_id_title_or_text(strings: list[str]) -> None:
    """Whatever the ids, titles and texts (even ids the model refuses), the PDFs' HTML has the
    elements and attributes of the same document made of plain words, every id is an anchor
    and a link's target is the page's own or https; lone surrogates aside, which the model's
    digest cannot even encode."""
    for document, plain in zip(pdf_documents(strings), plain_documents(), strict=True):
        parsed = Markup(document)
        assert parsed.other == ["DOCTYPE html"]
        assert parsed.structure == plain.structure
        for tag, name, value in parsed.attrs:
            # colspan: the old place of a moved table row spans its table.
            assert name in {
                "lang", "charset", "name", "content", "class", "id", "scope", "href", "colspan"
            }  # fmt: skip
            if tag in INLINE_TAGS:
                assert (tag, name) in {("a", "href"), ("span", "class")}, (tag, name)
                if name == "class":
                    # The site's own: a number, a label, a citation, a note, a redline mark,
                    # the old place of a moved element.
                    assert value in {
                        "marker", "label", "cite", "note", "mark", "b", "left", "left-label"
                    }, value  # fmt: skip
            if name == "id":
                assert ANCHOR.fullmatch(value), (tag, value)
            if name == "href":
                assert value.startswith(("https://", "http://", "mailto:", "#")), value


# -- Every character on the page, as itself ----------------------------------------------------

TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./:"


def long_tokens() -> st.SearchStrategy[str]:
    """A run with few or no break opportunities: a long URL-like token, identifier or word, far
    wider than a page (A4: about 80 Latin letters at 10.5pt)."""
    return st.one_of(
        st.text(alphabet=TOKEN_ALPHABET, min_size=90, max_size=400),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=90, max_size=250),
        st.from_regex(r"[A-Z][a-z]{10}(?:[A-Z][a-z]{4,12}){9,20}", fullmatch=True),
        # Digits, and punctuation no line breaker splits (full stops, ellipses, closing marks).
        st.text(alphabet="0123456789", min_size=90, max_size=300),
        st.text(alphabet=".,;:)}!?…。，、）》%", min_size=90, max_size=300),  # no "]": a link
    )


def long_run_text(lang: Lang, token: str) -> Text:
    """Every kind of block (and the title and a section's title) holding ``token`` with words
    before and after it; once as a link's text."""
    words = [f"w{n} {token} after{n}" for n in range(17)]
    words[2] = f"w2 [{token}](https://example.com/link) after2"
    ids = [f"e{n}" for n in range(13)]
    return model_text(lang, ids, words, None)


@cache
def weasyprint_document(document_html: str) -> Any:
    import weasyprint

    return weasyprint.HTML(string=document_html, url_fetcher=pdf.no_fetching()).render()


def overflowing(document_html: str) -> list[str]:
    """The text boxes of the laid-out PDF that end past the right edge of the page's content
    box (page margins' boxes: past the page's right margin)."""
    return overflowing_boxes(weasyprint_document(document_html))


def overflowing_boxes(laid_out: Any) -> list[str]:
    """:func:`overflowing` of a document WeasyPrint has laid out already."""
    from weasyprint.formatting_structure import boxes

    out = []
    for page in laid_out.pages:
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width + 0.01
        for box in page_box.descendants():
            if isinstance(box, boxes.TextBox) and box.content_box_x() + box.width > right:
                out.append(box.text)
    return out


# Each example renders a PDF whose long runs break at every character (3 s): six in CI, two in
# the quick local profile.
@settings(max_examples=6 if THOROUGH else 2, deadline=None)
@given(token=long_tokens(), lang=st.sampled_from(LANGS))
def test_a_long_run_without_breaks_stays_on_the_page(token: str, lang: Lang) -> None:
    """In a clause, a link's text, a list item, a table cell, a section's or the document's
    title: the run breaks where it must, nothing ends past the page's right edge, and the PDF's
    text holds the whole run and what follows it."""
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    release = line.releases[1]
    texts = {lang: long_run_text(lang, token) for lang in LANGS}
    long = replace(release, version=replace(release.version, texts=texts))
    document = pdf.version_html(line, long, lang, pdf.Edition("current", VERSIONS_EFFECTIVE), BASE)
    laid_out = weasyprint_document(document)  # laid out once: checked, then written
    assert overflowing_boxes(laid_out) == []
    data = laid_out.write_pdf()
    pdftext.assert_pdf_is_its_html(data, document)
    shown = pdftext.squeeze(pdftext.content_text(data))
    for n in range(13):  # the words model_text uses; the third one is a link's text
        assert f"w{n}{token}after{n}" in shown, n


@pytest.mark.parametrize("token", ["x" * 200, "9" * 120])
def test_a_long_run_overflows_without_the_rule(token: str) -> None:
    """The check above sees an overflow: without the breaks between a long run's characters
    (pdf.BREAK), a run of digits runs off the page even with ``overflow-wrap: anywhere``;
    without either, any long run does."""
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    release = line.releases[1]
    texts = {lang: long_run_text(lang, token) for lang in LANGS}
    long = replace(release, version=replace(release.version, texts=texts))
    document = pdf.version_html(line, long, "en", pdf.Edition("current", VERSIONS_EFFECTIVE), BASE)
    assert "html { overflow-wrap: anywhere; }" in document and pdf.BREAK in document
    unbroken = document.replace(pdf.BREAK, "")
    if token.isdigit():
        assert overflowing(unbroken)
    assert overflowing(unbroken.replace("overflow-wrap: anywhere", ""))
    assert overflowing(document) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_version_pdf_is_its_canonical_text(lang: Lang) -> None:
    """The repository's agreement and the versions site, every edition served: after the cover,
    the PDF's text is the canonical text as shown (tests/pdftext.py says what is excluded)."""
    (document,) = load_project(ROOT).documents
    version = document.versions[-1]
    data = real_pdf(lang)
    updated = pdftext.updated_line(lang, format_date(lang, version.effective))
    pdftext.assert_version_pdf_is_its_text(data, version.texts[lang], lang, updated)
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    for release in line.releases:
        data = versions_pdfs().files[f"{lang}/{pdf.pdf_path(line.document.id, release.id, lang)}"]
        updated = pdftext.updated_line(lang, format_date(lang, release.effective))
        pdftext.assert_version_pdf_is_its_text(data, release.version.texts[lang], lang, updated)
