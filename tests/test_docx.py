"""The Word documents: a version's text, and a redline whose tracked changes give back both versions.

Accepting every change of a Word redline gives exactly the new version, rejecting every change
exactly the old one, for any revision (tests/revisions.py: reword, insert, delete, move, move a
section, add a section, retitle, restyle, relink): read from the XML (tests/docxtext.py), and
once with a real reader, LibreOffice. Each entry of the account is a comment; moves are Word's
moves; numbers are text; the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.cli import main
from legalsite.compare.account import account, heading, left_line
from legalsite.compare.diff import Comparison, compare, elements
from legalsite.evidence import docx
from legalsite.model.document import LANGS, Lang, Release, Text, timeline
from legalsite.site.plan import publication_dates
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import load_project
from tests import docxtext
from tests.conftest import SITES, examples
from tests.revisions import documents, revisions

LANG = st.sampled_from(LANGS)
DAY = date(2025, 7, 1)
LIBREOFFICE = "libreoffice-writer-nogui"


def _redline(old: Text, new: Text) -> bytes:
    return docx.redline_document(compare(old, new), ["heading"], DAY)


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data(), lang=LANG)
def test_accepting_gives_the_new_text_and_rejecting_the_old(
    data: st.DataObject, lang: Lang
) -> None:
    old = data.draw(documents())
    new, _ = data.draw(revisions(old))
    made = _redline(old[lang], new[lang])
    assert docxtext.lines(made, "accept") == docxtext.expected(new[lang])
    assert docxtext.lines(made, "reject") == docxtext.expected(old[lang])
    # Every entry of the account is a comment, in the account's order and words; then the
    # old place of each moved element (its w:moveFrom) says where it went.
    result = account(compare(old[lang], new[lang]))
    assert docxtext.comments(made) == [
        *(heading(e) for e in result.entries),
        *(left_line(e) for e in result.left),
    ]
    # Same input, same bytes (no clock, no random id).
    assert made == _redline(old[lang], new[lang])


@settings(max_examples=examples(40), deadline=None)
@given(texts=documents(), lang=LANG)
def test_a_version_reads_as_its_canonical_text(texts: dict[Lang, Text], lang: Lang) -> None:
    made = docx.text_document(texts[lang], ["heading"], DAY)
    assert docxtext.lines(made, "accept") == docxtext.expected(texts[lang])
    assert docxtext.revision_marks(made) == dict.fromkeys(("del", "moveFrom", "ins", "moveTo"), 0)
    assert docxtext.comments(made) == []
    # A redline of a version against itself: nothing to accept or reject.
    same = _redline(texts[lang], texts[lang])
    assert docxtext.revision_marks(same) == docxtext.revision_marks(made)


REVISION = SITES / "revision"


def _release_and_comparison(lang: Lang) -> tuple[Release, Comparison]:
    (document,) = load_project(REVISION).documents
    line = timeline(document, publication_dates(document, WorkingCalendar()), date(2025, 9, 1))
    release = line.release("2025-07-01")
    assert release.previous is not None
    return release, compare(release.previous.texts[lang], release.version.texts[lang])


@pytest.mark.parametrize(
    ("lang", "deleted", "renumbered", "section"),
    [("zh", "4. ", ("5. ", "4. "), ("十一、", "十二、")),
     ("en", "4. ", ("5. ", "4. "), ("XI. ", "XII. "))],
)  # fmt: skip
def test_the_revision_tracks_numbers_as_text_and_the_move_as_a_move(
    lang: Lang, deleted: str, renumbered: tuple[str, str], section: tuple[str, str]
) -> None:
    release, comparison = _release_and_comparison(lang)
    made = docx.redline_docx(release, comparison)
    body = docxtext.part(made, "word/document.xml")
    w = docxtext.W

    def texts(tag: str) -> list[str]:
        # (the marks of paragraph marks hold no text)
        return [text for m in body.iter(f"{w}{tag}") if (text := "".join(m.itertext()))]

    # The removed item keeps its old number, struck with it; the next one's 5. becomes 4.
    removed = next(e for e in elements(comparison.old) if e.id == "acceptable-use-2-4")
    assert deleted + removed.text in texts("del"), texts("del")
    assert renumbered[0] in texts("del") and renumbered[1] in texts("ins")
    assert section[0] in texts("del") and section[1] in texts("ins")
    # The clause that moved from IX to X: Word's move, both ends named alike.
    before = next(e for e in elements(comparison.old) if e.id == "governing-law-3")
    after = next(e for e in elements(comparison.new) if e.id == "governing-law-3")
    (start_from,) = body.iter(f"{w}moveFromRangeStart")
    (start_to,) = body.iter(f"{w}moveToRangeStart")
    assert start_from.get(f"{w}name") == start_to.get(f"{w}name")
    assert texts("moveFrom") == [before.text] and texts("moveTo") == [after.text]
    # The header says what the document is; the core properties too, dated the publication.
    props = docxtext.part(made, "docProps/core.xml")
    assert release.version.texts[lang].title in "".join(props.itertext())
    assert release.published.isoformat() in "".join(props.itertext())


def test_libreoffice_reads_the_changes_as_tracked_changes(tmp_path: Path) -> None:
    """LibreOffice opens the Chinese redline and the English version: it keeps every tracked
    change (its own Word file of the redline accepts to the new text and rejects to the old),
    and the version it reads is the canonical text, line by line. Debian's LibreOffice
    (``scripts/dev.py test`` installs it); skipped without it unless the suite must run whole
    (``LEGALSITE_REQUIRE_BROWSER``, as for the browser tests)."""
    if shutil.which("soffice") is None:
        reason = f"needs LibreOffice (apt-get install {LIBREOFFICE})"
        if os.environ.get("LEGALSITE_REQUIRE_BROWSER", "") not in ("", "0"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    release, comparison = _release_and_comparison("zh")
    (tmp_path / "redline.docx").write_bytes(docx.redline_docx(release, comparison))
    (tmp_path / "version.docx").write_bytes(docx.version_docx(release, "en"))
    out = tmp_path / "out"
    profile = tmp_path / "profile"
    # One start of LibreOffice (the slow part) for both: each saved again as its own Word file.
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out / "docx"),
         str(tmp_path / "redline.docx"), str(tmp_path / "version.docx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    again = (out / "docx" / "redline.docx").read_bytes()
    assert docxtext.lines(again, "accept") == docxtext.expected(comparison.new)
    assert docxtext.lines(again, "reject") == docxtext.expected(comparison.old)
    marks = docxtext.revision_marks(again)
    assert marks["moveFrom"] and marks["moveTo"], marks
    version = (out / "docx" / "version.docx").read_bytes()
    assert docxtext.lines(version, "accept") == docxtext.expected(release.version.texts["en"])


# -- In the site -------------------------------------------------------------------------------


def test_version_pages_link_their_word_files_listed_with_digests(
    versions_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beside each PDF its Word document, same name: linked where the PDF is, listed in
    versions.json with its SHA-256 as the PDFs are, and recognised by ``legalsite verify``."""
    data = json.loads((versions_site / "versions.json").read_text(encoding="utf-8"))
    (document,) = data["documents"]
    for version in document["versions"]:
        for lang, entry in version["languages"].items():
            page = (versions_site / entry["url"] / "index.html").read_text(encoding="utf-8")
            folder = versions_site / entry["url"]
            for kind, pdf_kind in (("docx", "pdf"), ("changes_docx", "changes_pdf")):
                record = entry[kind]
                if record is None:
                    assert version["id"] == "2024-01-01" and kind == "changes_docx"
                    assert entry[pdf_kind] is None
                    continue
                assert set(record) == {"url", "sha256"}
                assert record["url"] == entry[pdf_kind]["url"].removesuffix(".pdf") + ".docx"
                file = versions_site / record["url"]
                made = file.read_bytes()
                assert hashlib.sha256(made).hexdigest() == record["sha256"]
                assert f'href="{file.relative_to(folder).as_posix()}"' in page
                code = main(
                    ["verify", str(file), "--versions", str(versions_site / "versions.json")]
                )
                out = capsys.readouterr().out
                assert code == 0 and f"  language: {lang}\n" in out
                assert ("Word redline" if kind == "changes_docx" else "Word document") in out
                # Every zip entry dated alike: no clock in the bytes.
                with zipfile.ZipFile(io.BytesIO(made)) as archive:
                    assert {i.date_time for i in archive.infolist()} == {docx.ZIP_DATE}
