"""``legalsite verify``: each PDF (every edition) and canonical text recognised, a changed file
rejected, versions.json from a path or a loopback http server, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.cli import main
from legalsite.evidence import pdf, verify
from legalsite.model import routes
from legalsite.model.document import LANGS, canonical_text
from legalsite.site.plan import versions_json
from tests import static_host
from tests.conftest import SITES, VERSIONS_EFFECTIVE, examples
from tests.hostile import hostile_text, invisible
from tests.test_pdf import BASE, line_of, versions_pdfs

DOC = "user-service-agreement"


@cache
def versions_text() -> str:
    return versions_json(
        [line_of(SITES / "versions", VERSIONS_EFFECTIVE)], VERSIONS_EFFECTIVE, pdfs=versions_pdfs()
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder with versions.json and the PDFs, as a built site has them."""
    (tmp_path / "versions.json").write_text(versions_text(), encoding="utf-8")
    for name, data in versions_pdfs().files.items():
        lang, path = name.split("/", 1)
        target = tmp_path / routes.file_url(lang, path)  # type: ignore[arg-type]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["verify", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_pdf_is_recognised(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    versions = str(site / "versions.json")
    file = site / pdf.pdf_path(DOC, "2024-01-01", "zh")
    code, out, err = run(capsys, str(file), "--versions", versions)
    assert (code, err) == (0, "")
    assert out == (
        f"match: {file}\n"
        "  document: 用户服务协议 (user-service-agreement)\n"
        "  version: 2024-01-01 (effective 2024-01-01, published 2023-12-29)\n"
        "  language: zh\n"
        "  file: the PDF of the version, stating its status as archived as of 2025-03-03\n"
        f"  address: {pdf.pdf_path(DOC, '2024-01-01', 'zh')}\n"
        f"  sha256: {pdf.sha256(file.read_bytes())}\n"
    )
    redline = site / "en" / pdf.pdf_path(DOC, "2025-03-03", "en", changes=True)
    code, out, _ = run(capsys, str(redline), "--versions", versions)
    assert code == 0
    assert out.splitlines()[1:6] == [
        "  document: User Service Agreement (user-service-agreement)",
        "  version: 2025-03-03 (effective 2025-03-03, published 2025-02-28)",
        "  language: en",
        "  file: the redline PDF of the version (against the version before it)",
        f"  address: en/{pdf.pdf_path(DOC, '2025-03-03', 'en', changes=True)}",
    ]
    for name in versions_pdfs().files:
        lang, path = name.split("/", 1)
        code, out, _ = run(capsys, str(site / routes.file_url(lang, path)), "--versions", versions)  # type: ignore[arg-type]
        assert code == 0 and f"  language: {lang}\n" in out, name


def test_an_earlier_edition_is_recognised_and_named(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PDF saved while the version was in force still matches after it was archived."""
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    release = line.releases[0]
    editions = pdf.editions(line, release)
    assert [e.status for e in editions] == ["upcoming", "current", "archived"]
    saved = tmp_path / "saved.pdf"
    saved.write_bytes(pdf.to_pdf(pdf.version_html(line, release, "en", editions[1], BASE)))
    code, out, _ = run(capsys, str(saved), "--versions", str(site / "versions.json"))
    assert code == 0
    assert out.splitlines()[4:6] == [
        "  file: the PDF of the version, stating its status as current as of 2024-01-01",
        "  note: an earlier edition; the site now serves the one stating archived as of 2025-03-03",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_canonical_text_is_recognised(
    lang: str, site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = line_of(SITES / "versions", VERSIONS_EFFECTIVE).releases[1]
    text = tmp_path / f"{lang}.txt"
    text.write_bytes(
        canonical_text(release.version.texts[lang], release.effective).encode()  # type: ignore[index]
    )
    code, out, _ = run(capsys, str(text), "--versions", str(site / "versions.json"))
    assert code == 0
    assert out.splitlines()[3:5] == [
        f"  language: {lang}",
        "  file: the canonical text of the version",
    ]


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


@settings(max_examples=examples(25), deadline=None)
@given(st.sampled_from(sorted(versions_pdfs().files)), st.floats(0, 1))
def test_a_changed_byte_matches_nothing(name: str, where: float) -> None:
    data = versions_pdfs().files[name]
    changed = flip(data, min(int(where * len(data)), len(data) - 1))
    from legalsite.evidence import verify

    assert verify.find(pdf.sha256(changed), json.loads(versions_text())) == ()


def test_a_modified_file_is_rejected_with_exit_1(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = site / pdf.pdf_path(DOC, "2025-03-03", "zh")
    data = original.read_bytes()
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(flip(data, len(data) // 2))
    assert changed.read_bytes() != data
    code, out, err = run(capsys, str(changed), "--versions", str(site / "versions.json"))
    assert (code, err) == (1, "")
    assert out == (
        f"no match: {changed}\n"
        f"  sha256: {pdf.sha256(changed.read_bytes())}\n"
        f"  it is none of the versions, PDFs or canonical texts listed in "
        f"{site / 'versions.json'} (built 2025-03-03): a changed or unknown file\n"
    )


# -- versions.json over http, and errors -----------------------------------------------------


@pytest.fixture
def server(site: Path) -> Iterator[str]:
    """A loopback http server of the site folder (never the internet)."""
    with static_host.serve(site) as url:
        yield url


def test_versions_json_from_a_url(
    site: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    file = site / pdf.pdf_path(DOC, "2025-03-03", "zh")
    code, out, _ = run(capsys, str(file), "--versions", f"{server}/versions.json")
    assert code == 0 and "  version: 2025-03-03 " in out
    code, out, err = run(capsys, str(file), "--versions", f"{server}/missing.json")
    assert (code, out) == (2, "")
    assert err == (
        f"error: could not fetch {server}/missing.json: HTTP 404\n"
        "hint: check the address, or download versions.json and give its path\n"
    )


@pytest.mark.parametrize(
    ("versions", "message", "hint"),
    [
        (
            "file:///etc/passwd",
            "'file:///etc/passwd' is neither a file nor an http(s) address",
            "give a path to versions.json or its https:// address",
        ),
        (
            "{site}/nowhere.json",
            "cannot read {site}/nowhere.json: No such file or directory",
            "build the site first (legalsite build), or pass --versions PATH|URL",
        ),
        (
            "{site}/binary.json",
            "{site}/binary.json is not JSON: 'utf-8' codec can't decode byte 0xff in position 1: "
            "invalid start byte",
            "give the versions.json of a legalsite site",
        ),
        (
            "{site}/list.json",
            "{site}/list.json is not a legalsite versions.json: no list of documents",
            "give the versions.json of a legalsite site",
        ),
    ],
)
def test_unreadable_versions_exit_2(
    site: Path, capsys: pytest.CaptureFixture[str], versions: str, message: str, hint: str
) -> None:
    (site / "list.json").write_text("[1, 2]", encoding="utf-8")
    (site / "binary.json").write_bytes(b"[\xff]")
    versions = versions.format(site=site)
    file = site / pdf.pdf_path(DOC, "2025-03-03", "zh")
    code, out, err = run(capsys, str(file), "--versions", versions)
    assert (code, out) == (2, "")
    assert err == f"error: {message.format(site=site)}\nhint: {hint}\n"


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(tmp_path / "none.pdf"), "--versions", "x.json")
    assert (code, out) == (2, "")
    assert err == (
        f"error: cannot read {tmp_path / 'none.pdf'}: No such file or directory\n"
        "hint: give the path of a saved PDF or canonical text\n"
    )


def test_an_endless_or_huge_file_is_refused_without_reading_it_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """/dev/zero as the file or as versions.json: read in bounded chunks, refused (exit 2)."""
    monkeypatch.setattr(verify, "MAX_FILE_BYTES", 3 * 1024 * 1024)
    code, out, err = run(capsys, "/dev/zero", "--versions", "x.json")
    assert (code, out) == (2, "")
    assert err == (
        "error: /dev/zero is larger than 3145728 bytes: no version's file is that large\n"
        "hint: give the path of a saved PDF or canonical text\n"
    )
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path / "a.txt"), "--versions", "/dev/zero")
    assert (code, out) == (2, "")
    assert err == (
        "error: /dev/zero is larger than 33554432 bytes: not a site's versions.json\n"
        "hint: give the versions.json of a legalsite site\n"
    )


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["verify"])
    assert raised.value.code == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err


@settings(max_examples=examples(200), deadline=None)
@given(st.one_of(hostile_text(), invisible()), st.one_of(hostile_text(), invisible()))
def test_what_versions_json_says_is_printed_inert(title: str, name: str) -> None:
    """A hostile versions.json (or file name) cannot drive the terminal."""
    from legalsite.evidence import verify
    from legalsite.model import escape

    data = json.loads(versions_text())
    data["documents"][0]["title"]["zh"] = title
    data["documents"][0]["versions"][0]["id"] = title
    sha = data["documents"][0]["versions"][0]["languages"]["zh"]["sha256"]
    verdict = verify.Verdict(sha, name, title, verify.find(sha, data))
    for text in (
        verify.report(verdict, name),
        verify.report(verify.Verdict(sha, name, title, ()), name),
    ):
        assert all(char == "\n" or not escape.is_hidden(char) for char in text)
