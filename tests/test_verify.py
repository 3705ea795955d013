"""``legalsite verify``: each PDF (every edition) and canonical text recognised, a changed file
rejected, versions.json from a path or a loopback http server, exit codes 0 / 1 / 2."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.cli import main
from legalsite.evidence import pdf, verify
from legalsite.model import escape, routes
from legalsite.model.document import LANGS, canonical_text
from legalsite.model.errors import LegalsiteError
from legalsite.site.plan import versions_json
from tests import static_host
from tests.conftest import SITES, VERSIONS_EFFECTIVE, examples
from tests.hostile import hostile_text, invisible, unreachable_hrefs
from tests.test_pdf import BASE, line_of, versions_pdf_names, versions_pdfs

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
    saved.write_bytes(pdf.render_html(pdf.version_html(line, release, "en", editions[1], BASE)))
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
@given(st.sampled_from(versions_pdf_names()), st.floats(0, 1))
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


@settings(max_examples=examples(20))
@given(
    depth=st.integers(min_value=2_000, max_value=300_000),
    opener=st.sampled_from(["[", '{"documents":[', '{"a":']),
)
def test_versions_nested_deeper_than_the_stack_exit_2(
    tmp_path_factory: pytest.TempPathFactory, depth: int, opener: str
) -> None:
    """JSON nested deeper than Python's recursion limit is one error line, not a traceback."""
    folder = tmp_path_factory.mktemp("deep")
    deep = folder / "deep.json"
    closer = {"[": "]", '{"documents":[': "]}", '{"a":': "}"}[opener]
    deep.write_text(opener * depth + "1" + closer * depth, encoding="utf-8")
    file = folder / "saved.txt"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(LegalsiteError) as caught:
        verify.read_versions(str(deep))
    assert caught.value.message == f"{deep} is nested too deeply: not a site's versions.json"
    assert caught.value.hint == "give the versions.json of a legalsite site"


def test_an_integer_too_long_for_python_is_not_json(tmp_path: Path) -> None:
    versions = tmp_path / "versions.json"
    versions.write_text('{"documents": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(LegalsiteError) as caught:
        verify.read_versions(str(versions))
    assert caught.value.message == (
        f"{versions} is not JSON: Exceeds the limit (4300 digits) for integer string "
        "conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the "
        "limit"
    )


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
    """/dev/zero as the file or as versions.json: refused as a device, never read; a huge
    (sparse) regular file is read in bounded chunks and refused (exit 2)."""
    code, out, err = run(capsys, "/dev/zero", "--versions", "x.json")
    assert (code, out) == (2, "")
    assert err == (
        "error: cannot read /dev/zero: it is a device, not a file\n"
        "hint: give the path of a saved PDF or canonical text\n"
    )
    monkeypatch.setattr(verify, "MAX_FILE_BYTES", 3 * 1024 * 1024)
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)
    code, out, err = run(capsys, str(huge), "--versions", "x.json")
    assert (code, out) == (2, "")
    assert err == (
        f"error: {huge} is larger than 3145728 bytes: no version's file is that large\n"
        "hint: give the path of a saved PDF or canonical text\n"
    )
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path / "a.txt"), "--versions", "/dev/zero")
    assert (code, out) == (2, "")
    assert err == (
        "error: cannot read /dev/zero: it is a device, not a file\n"
        "hint: build the site first (legalsite build), or pass --versions PATH|URL\n"
    )
    code, out, err = run(capsys, str(tmp_path / "a.txt"), "--versions", str(huge))
    assert (code, out) == (2, "")
    assert err == (
        f"error: {huge} is larger than 33554432 bytes: not a site's versions.json\n"
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


# -- Every argument gets an answer or one error line, in bounded time (issue 21, section 3) --


def _make(kind: str, path: Path) -> str:
    """A path of ``kind`` that is not a regular file, made at ``path`` (or a system one)."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "dangling":
        path.symlink_to(path.parent / "nowhere")
    else:
        return "/dev/null"
    return str(path)


_WHY = {
    "fifo": "it is a FIFO (named pipe), not a file",
    "folder": "it is a folder, not a file",
    "socket": "it is a socket, not a file",
    "device": "it is a device, not a file",
    "loop": "Too many levels of symbolic links",
    "dangling": "No such file or directory",
}
_HINTS = {
    "file": "give the path of a saved PDF or canonical text",
    "versions": "build the site first (legalsite build), or pass --versions PATH|URL",
}


def _verify(*args: str) -> tuple[int, str, str]:
    """:func:`run` without pytest's capture fixture (which hypothesis tests cannot take)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["verify", *args])
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Fail (not hang) when the body takes longer than ``seconds``."""

    def expire(*_: object) -> None:
        raise AssertionError(f"not answered within {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=examples(60), deadline=None)
@given(
    kind=st.sampled_from(sorted(_WHY)),
    role=st.sampled_from(sorted(_HINTS)),
    name=st.text(
        st.characters(categories=("L", "N", "P", "S"), exclude_characters="/", codec="utf-8"),
        min_size=1,
        max_size=20,
    )
    .filter(lambda n: n not in (".", ".."))
    .map(lambda n: n + "x"),
)
def test_a_path_that_is_not_a_regular_file_is_refused_at_once(
    kind: str, role: str, name: str
) -> None:
    """FIFO, folder, socket, device, symlink loop or dangling link, as FILE or as --versions:
    one error and its hint, exit 2, never a wait (a FIFO used to block for ever)."""
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:  # short: a socket's path is short
        target = _make(kind, Path(folder) / name[:20])
        regular = Path(folder) / "regular.txt"
        regular.write_text("a", encoding="utf-8")
        argv = [target, "--versions", str(regular)]
        if role == "versions":
            argv = [str(regular), "--versions", target]
        with _within(10):
            code, out, err = _verify(*argv)
        assert (code, out) == (2, "")
        assert err == (
            f"error: cannot read {escape.terminal(target)}: {_WHY[kind]}\nhint: {_HINTS[role]}\n"
        )


_TIMEOUT_ERROR = (
    "legalsite verify: error: argument --timeout: '{}' is not a timeout: write a number of "
    "seconds above 0 and at most 600, e.g. 10\n"
)


def _not_a_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return True
    return False


@settings(max_examples=examples(300), deadline=None)
@given(
    st.one_of(
        st.sampled_from(("0", "-0", "-1", "nan", "inf", "-inf", "1e308", "600.0001", "", "ten")),
        st.floats().filter(lambda x: not 0 < x <= 600).map(repr),
        st.text(max_size=12).filter(_not_a_float),
    )
)
def test_a_timeout_outside_its_range_is_a_usage_error(value: str) -> None:
    """0 (which made the socket non-blocking: 'Operation now in progress'), negative, nan, inf,
    huge (an OverflowError traceback), not a number: one usage error, exit 2."""
    with contextlib.redirect_stderr(io.StringIO()) as err, pytest.raises(SystemExit) as raised:
        main(["verify", "x.pdf", f"--timeout={value}"])
    assert raised.value.code == 2
    assert err.getvalue().splitlines(keepends=True)[-1] == _TIMEOUT_ERROR.format(
        escape.terminal(value)
    )


@given(st.floats(min_value=0, max_value=600, exclude_min=True))
def test_a_timeout_in_range_is_taken_as_written(seconds: float) -> None:
    assert verify.timeout_seconds(repr(seconds)) == seconds
    assert verify.timeout_seconds(seconds) == seconds


_NOT_FETCHED = (
    "error: '{}' is not an address to fetch: it needs a host name, and a port from 1 to 65535 "
    "if any\nhint: give a path to versions.json or its https:// address\n"
)


@st.composite
def _broken_addresses(draw: st.DrawFn) -> str:
    """http(s) addresses that do not parse or cannot be fetched: an unclosed IPv6 bracket, no
    host, port 0 or out of range, a host no browser opens, a space or control character."""
    scheme = draw(st.sampled_from(("http", "https", "HTTP")))
    rest = draw(
        st.one_of(
            st.sampled_from(("[::1", "[::1/x.json", "[", "[]", "", ":80", "host:0", "h:-1")),
            st.text(alphabet="0123456789abcdef:", max_size=8).map(lambda t: f"[{t}"),
            st.integers(min_value=65536, max_value=10**30).map(lambda p: f"example.com:{p}"),
            st.sampled_from((" ", "\t", "\n", "\x00", "\x7f", "\u202e")).map(
                lambda c: f"exa{c}mple.com/versions.json"
            ),
        )
    )
    return f"{scheme}://{rest}"


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(_broken_addresses(), unreachable_hrefs()))
def test_an_address_that_cannot_be_fetched_is_refused_before_any_connection(url: str) -> None:
    """'http://[::1' used to end in a ValueError traceback, a port of 99999 in an OverflowError."""
    with tempfile.NamedTemporaryFile() as file:
        code, out, err = _verify(file.name, "--versions", url)
    assert (code, out) == (2, "")
    assert err == _NOT_FETCHED.format(escape.terminal(url))


@given(st.from_regex(r"\A[a-zA-Z][a-zA-Z0-9+.-]{0,8}\Z").filter(lambda s: s.lower()[:4] != "http"))
def test_an_address_of_another_scheme_is_refused(scheme: str) -> None:
    with pytest.raises(LegalsiteError) as raised:
        verify.read_versions(f"{scheme}://example.com/versions.json")
    assert str(raised.value) == (
        f"'{scheme}://example.com/versions.json' is neither a file nor an http(s) address\n"
        "hint: give a path to versions.json or its https:// address"
    )


def test_a_server_that_trickles_is_cut_off_at_the_timeout(tmp_path: Path) -> None:
    """Each read waits at most the timeout, and the whole fetch ends by it: a server sending
    one byte every 0.2 seconds cannot hold verify for longer than about the timeout."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def trickle() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 1000\r\n\r\n")
            with contextlib.suppress(OSError):
                for _ in range(50):
                    conn.sendall(b" ")
                    time.sleep(0.2)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/versions.json"
    started = time.monotonic()
    with pytest.raises(LegalsiteError) as raised:
        verify.read_versions(url, timeout=1)
    assert time.monotonic() - started < 3
    assert str(raised.value) == (
        f"could not fetch {url}: not all sent within 1 seconds\n"
        "hint: check the address, or download versions.json and give its path"
    )
    listener.close()
