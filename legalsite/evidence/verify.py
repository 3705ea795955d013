"""``legalsite verify``: which document, version and language a saved file is, if any.

A file matches when its SHA-256 equals one listed in the site's ``versions.json``: a version's
canonical text (:func:`legalsite.model.document.canonical_text`), its PDF (any edition the site has
served:
see :mod:`legalsite.evidence.pdf`) or its redline PDF. Nothing else counts: a file changed by one
byte
matches nothing. ``versions.json`` is read from a path or fetched over http(s) with a timeout;
what it says is data from outside, checked for shape and shown with control characters escaped.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import stat
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit

from legalsite.evidence.ledger import Entry, Ledger, LedgerFormatError
from legalsite.evidence.ledger import from_json as ledger_from_json
from legalsite.model import routes
from legalsite.model.errors import LegalsiteError
from legalsite.model.escape import terminal
from legalsite.model.inline import host_ok

EXIT_MATCH = 0
EXIT_NO_MATCH = 1
EXIT_ERROR = 2
"""Exit codes: the file matches a version; it matches none; usage or reading error."""

DEFAULT_VERSIONS = "site/versions.json"
MAX_BYTES = 32 * 1024 * 1024
"""The most of versions.json read (a site of thousands of versions is far smaller)."""
DEFAULT_TIMEOUT = 10.0
LEDGER_FILE = routes.SITE_FILES["ledger"]
MAX_LEDGER_BYTES = 64 * 1024 * 1024
"""The most of ledger.json read."""
MAX_TIMEOUT = 600.0
"""The longest --timeout: ten minutes, and the whole fetch (not each read) ends by then."""
FILE_HINT = "give the path of a saved PDF or canonical text"
VERSIONS_HINT = "build the site first (legalsite build), or pass --versions PATH|URL"
ADDRESS_HINT = "give a path to versions.json or its https:// address"


# -- The arguments ---------------------------------------------------------------------------


def timeout_seconds(value: str | float) -> float:
    """The rule for ``--timeout``: a number of seconds above 0 and at most :data:`MAX_TIMEOUT`
    (not 0, which would not wait at all, nor a negative number, nan, inf or 1e308)."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT:  # also false for nan
        raise ValueError(
            f"'{value}' is not a timeout: write a number of seconds above 0 and "
            f"at most {MAX_TIMEOUT:g}, e.g. {DEFAULT_TIMEOUT:g}"
        )
    return seconds


def check_address(url: str) -> None:
    """The rule for an address of versions.json (given, or redirected to): http(s), a host a
    browser can open (:func:`legalsite.model.inline.host_ok`) and a port from 1 to 65535."""
    if url.partition(":")[0].lower() not in ("http", "https"):
        what = "neither a file nor an http(s) address"
    else:
        try:
            parts = urlsplit(url)
            visible = all(c.isprintable() and not c.isspace() for c in url)
            opens = visible and parts.port != 0 and host_ok(parts)
        except ValueError:  # an unclosed '[' of an IPv6 host, a port that is not 0-65535
            opens = False
        if opens and "@" in parts.netloc:
            # http.client reads the netloc itself: a user name or password is not a port.
            what = (
                "not an address to fetch: it gives a user name or password, and evidence is public"
            )
        elif opens:
            return
        else:
            what = (
                "not an address to fetch: it needs a host name, and a port from 1 to 65535 if any"
            )
    raise LegalsiteError(f"'{terminal(url)}' is {what}", hint=ADDRESS_HINT)


_KINDS_OF_FILE = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def open_regular(path: str, *, hint: str) -> BinaryIO:
    """The rule for a path verify reads (FILE, or --versions): a regular file, opened without
    waiting (a FIFO would block for ever, a device may never end); anything else is refused
    with what it is. Checked before opening and again on the open file (it may be swapped)."""

    def refuse(why: str) -> LegalsiteError:
        return LegalsiteError(f"cannot read {terminal(path)}: {why}", hint=hint)

    def kind(mode: int) -> str | None:
        if stat.S_ISREG(mode):
            return None
        return _KINDS_OF_FILE.get(stat.S_IFMT(mode), "not a regular file")

    try:
        if (what := kind(Path(path).stat().st_mode)) is not None:
            raise refuse(f"it is {what}, not a file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise refuse(terminal(getattr(exc, "strerror", None) or str(exc))) from None
    try:
        if (what := kind(os.fstat(fd).st_mode)) is not None:
            raise refuse(f"it is {what}, not a file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


@dataclass(frozen=True)
class Match:
    """One entry of versions.json with the file's SHA-256."""

    document: str
    title: str
    version: str
    effective: str
    published: str
    lang: str
    kind: str
    """``text`` (canonical text), ``pdf`` (the version's PDF), ``changes_pdf`` (its redline),
    ``docx`` (its Word document) or ``changes_docx`` (its Word redline)."""
    url: str | None
    edition: tuple[str, str] | None = None
    """For a PDF: the status it states and the day it states it as of."""
    served: tuple[str, str] | None = None
    """For an earlier edition of a PDF: the status and day of the one the site serves now."""
    first_served: str | None = None
    """What the site's publication ledger says of when the file was first served."""


@dataclass(frozen=True)
class Verdict:
    sha256: str
    source: str
    build_date: str
    matches: tuple[Match, ...]

    @property
    def exit_code(self) -> int:
        return EXIT_MATCH if self.matches else EXIT_NO_MATCH


# -- Reading ---------------------------------------------------------------------------------


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        try:
            check_address(newurl)
        except LegalsiteError as exc:
            raise LegalsiteError(
                f"{terminal(req.full_url)} redirects to {exc.message}",
                hint="give the versions.json of the site itself",
            ) from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    timeout: float,
    *,
    limit: int | None = None,
    hint: str = "check the address, or download versions.json and give its path",
) -> bytes:
    """The body at ``url``, all of it within ``timeout`` seconds (each read waits at most that,
    and no read starts after it: a server sending a byte at a time cannot hold verify), at most
    ``limit`` bytes (default :data:`MAX_BYTES`)."""
    limit = MAX_BYTES if limit is None else limit
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    try:
        with opener.open(url, timeout=timeout) as response:
            while chunk := response.read1(1024 * 1024):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    break
                if time.monotonic() > deadline:
                    raise LegalsiteError(
                        f"could not fetch {terminal(url)}: not all sent within {timeout:g} seconds",
                        hint=hint,
                    )
    except urllib.error.HTTPError as exc:
        raise LegalsiteError(
            f"could not fetch {terminal(url)}: HTTP {exc.code}", hint=hint
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise LegalsiteError(
            f"could not fetch {terminal(url)}: {terminal(str(reason))}", hint=hint
        ) from None
    data = b"".join(chunks)
    if len(data) > limit:
        raise LegalsiteError(f"{terminal(url)} is larger than {limit} bytes", hint=hint)
    return data


def read_versions(source: str, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """versions.json from a path or an http(s) URL, checked to have the fields verify reads."""
    try:
        timeout = timeout_seconds(timeout)
    except ValueError as exc:
        raise LegalsiteError(str(exc)) from None
    if "://" in source:
        check_address(source)
        data = fetch(source, timeout)
    else:
        try:
            with open_regular(source, hint=VERSIONS_HINT) as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise LegalsiteError(
                f"cannot read {terminal(source)}: {terminal(exc.strerror or str(exc))}",
                hint=VERSIONS_HINT,
            ) from None
    if len(data) > MAX_BYTES:
        raise LegalsiteError(
            f"{terminal(source)} is larger than {MAX_BYTES} bytes: not a site's versions.json",
            hint="give the versions.json of a legalsite site",
        )
    try:
        parsed = json.loads(data.decode("utf-8"))
    except RecursionError:
        # Nesting deeper than Python's stack: no versions.json is nested more than 4 deep.
        raise LegalsiteError(
            f"{terminal(source)} is nested too deeply: not a site's versions.json",
            hint="give the versions.json of a legalsite site",
        ) from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, an integer too long
        raise LegalsiteError(
            f"{terminal(source)} is not JSON: {terminal(str(exc))}",
            hint="give the versions.json of a legalsite site",
        ) from None
    _check_shape(parsed, source)
    assert isinstance(parsed, dict)
    return parsed


def _check_shape(data: Any, source: str) -> None:
    def fail(where: str) -> None:
        raise LegalsiteError(
            f"{terminal(source)} is not a legalsite versions.json: {where}",
            hint="give the versions.json of a legalsite site",
        )

    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        fail("no list of documents")
    for document in data["documents"]:
        if not isinstance(document, dict) or not isinstance(document.get("versions"), list):
            fail("a document without a list of versions")
        if not isinstance(document.get("id"), str) or not isinstance(document.get("title"), dict):
            fail("a document without an id and titles")
        for version in document["versions"]:
            if not isinstance(version, dict) or not isinstance(version.get("languages"), dict):
                fail("a version without languages")
            for key in ("id", "effective", "published"):
                if not isinstance(version.get(key), str):
                    fail(f"a version without '{key}'")
            for entry in version["languages"].values():
                if not isinstance(entry, dict):
                    fail("a language that is not an object")


# -- Matching --------------------------------------------------------------------------------


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def find(sha256: str, data: dict[str, Any]) -> tuple[Match, ...]:
    """Every entry of ``data`` (a checked versions.json) whose SHA-256 is ``sha256``."""
    found: list[Match] = []
    for document in data["documents"]:
        for version in document["versions"]:
            for lang, entry in sorted(version["languages"].items()):
                found.extend(_matches(sha256, document, version, lang, entry))
    return tuple(found)


def _matches(
    sha256: str, document: dict[str, Any], version: dict[str, Any], lang: str, entry: Any
) -> list[Match]:
    """The files of one language of one version that have the SHA-256."""
    title = _str(document["title"].get(lang)) or document["id"]

    def match(kind: str, url: Any, **extra: Any) -> Match:
        facts = (version["id"], version["effective"], version["published"])
        return Match(document["id"], title, *facts, lang, kind, _str(url), **extra)

    out: list[Match] = []
    if entry.get("sha256") == sha256:
        out.append(match("text", entry.get("url")))
    pdf = entry.get("pdf")
    if isinstance(pdf, dict):
        now = (str(pdf.get("status")), str(pdf.get("as_of")))
        if pdf.get("sha256") == sha256:
            out.append(match("pdf", pdf.get("url"), edition=now))
        earlier = pdf.get("earlier")
        for old in earlier if isinstance(earlier, list) else []:
            if isinstance(old, dict) and old.get("sha256") == sha256:
                edition = (str(old.get("status")), str(old.get("as_of")))
                out.append(match("pdf", pdf.get("url"), edition=edition, served=now))
    for kind in ("changes_pdf", "docx", "changes_docx"):
        listed = entry.get(kind)
        if isinstance(listed, dict) and listed.get("sha256") == sha256:
            out.append(match(kind, listed.get("url")))
    return out


MAX_FILE_BYTES = 256 * 1024 * 1024
"""No version's PDF or text comes near this: a larger file (or an endless one, /dev/zero) is
refused after reading this much, in chunks, never held in memory whole."""


def _sha256(file: Path) -> str:
    hasher = hashlib.sha256()
    read = 0
    with open_regular(str(file), hint=FILE_HINT) as handle:
        while chunk := handle.read(1024 * 1024):
            read += len(chunk)
            if read > MAX_FILE_BYTES:
                raise LegalsiteError(
                    f"{terminal(str(file))} is larger than {MAX_FILE_BYTES} bytes: no version's "
                    "file is that large",
                    hint=FILE_HINT,
                )
            hasher.update(chunk)
    return hasher.hexdigest()


def verify(*, file: Path, versions: str, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Hash ``file`` and look it up in the site's versions.json (a path or an http(s) URL)."""
    try:
        digest = _sha256(file)
    except OSError as exc:
        raise LegalsiteError(
            f"cannot read {terminal(str(file))}: {terminal(exc.strerror or str(exc))}",
            hint=FILE_HINT,
        ) from None
    data = read_versions(versions, timeout=timeout)
    build = _str(data.get("build_date")) or "an unknown date"
    matches = find(digest, data)
    book = read_ledger(versions, timeout=timeout)
    if book is not None:
        matches = with_ledger(digest, matches, book, data)
    return Verdict(digest, versions, build, matches)


def ledger_beside(versions: str) -> str:
    """Where the site's ``ledger.json`` is: beside its ``versions.json`` (path or address)."""
    if "://" in versions:
        return urljoin(versions, LEDGER_FILE)
    return str(Path(versions).parent / LEDGER_FILE)


def read_ledger(versions: str, *, timeout: float = DEFAULT_TIMEOUT) -> Ledger | None:
    """The publication ledger beside ``versions`` (:mod:`legalsite.evidence.ledger`), or None
    for a site without one (built before the ledger existed); one that is not a ledger is an
    error, as a versions.json that is not one."""
    source = ledger_beside(versions)
    try:
        if "://" in source:
            data = fetch(source, timeout, limit=MAX_LEDGER_BYTES)
        else:
            if not Path(source).exists():
                return None
            with open_regular(source, hint=VERSIONS_HINT) as handle:
                data = handle.read(MAX_LEDGER_BYTES + 1)
    except LegalsiteError as exc:
        if "HTTP 404" in exc.message:
            return None
        raise
    try:
        if len(data) > MAX_LEDGER_BYTES:
            raise LedgerFormatError(f"larger than {MAX_LEDGER_BYTES} bytes")
        return ledger_from_json(data)
    except LedgerFormatError as exc:
        raise LegalsiteError(
            f"{terminal(source)} is not a legalsite ledger: {exc}",
            hint="give the versions.json of a legalsite site",
        ) from None


def _first_served(entry: Entry, book: Ledger) -> str:
    if entry.first_served is not None:
        return f"{entry.first_served.isoformat()} (the site's publication ledger)"
    return f"not recorded: served before the publication ledger began on {book.began.isoformat()}"


def with_ledger(
    sha256: str, matches: tuple[Match, ...], book: Ledger, data: dict[str, Any]
) -> tuple[Match, ...]:
    """``matches`` with the day each file was first served, and a match for every file the
    ledger lists with that digest and versions.json does not (an edition no longer listed)."""
    entries = [e for e in book.entries if e.sha256 == sha256]
    out = []
    used: set[Entry] = set()
    for match in matches:
        kind = "changes_pdf" if match.kind == "changes_pdf" else match.kind
        found = next(
            (
                e
                for e in entries
                if (e.key.document, e.key.version, e.key.lang, e.key.kind)
                == (match.document, match.version, match.lang, kind)
            ),
            None,
        )
        if found is not None:
            used.add(found)
            match = replace(match, first_served=_first_served(found, book))
        out.append(match)
    titles = {d["id"]: d["title"] for d in data["documents"] if isinstance(d.get("title"), dict)}
    for entry in entries:
        if entry in used:
            continue
        key = entry.key
        title = _str(titles.get(key.document, {}).get(key.lang)) or key.document
        out.append(
            Match(
                key.document,
                title,
                key.version,
                key.version,
                "not listed in versions.json",
                key.lang,
                key.kind,
                key.path,
                edition=(key.status, key.as_of) if key.kind == "pdf" else None,
                first_served=_first_served(entry, book),
            )
        )
    return tuple(out)


# -- Reporting -------------------------------------------------------------------------------


_KINDS = {
    "text": "the canonical text of the version",
    "pdf": "the PDF of the version",
    "changes_pdf": "the redline PDF of the version (against the version before it)",
    "docx": "the Word document of the version",
    "changes_docx": "the Word redline of the version (against the version before it)",
}


def report(verdict: Verdict, file: str) -> str:
    """What ``legalsite verify`` prints: one block per match, or why there is none."""
    name = terminal(file)
    if not verdict.matches:
        return (
            f"no match: {name}\n"
            f"  sha256: {verdict.sha256}\n"
            f"  it is none of the versions, PDFs or canonical texts listed in "
            f"{terminal(verdict.source)} (built {terminal(verdict.build_date)}): a changed or "
            "unknown file\n"
        )
    lines = []
    for m in verdict.matches:
        lines.append(f"match: {name}")
        lines.append(f"  document: {terminal(m.title)} ({terminal(m.document)})")
        lines.append(
            f"  version: {terminal(m.version)} (effective {terminal(m.effective)}, "
            f"published {terminal(m.published)})"
        )
        lines.append(f"  language: {terminal(m.lang)}")
        what = _KINDS[m.kind]
        if m.edition is not None:
            what += (
                f", stating its status as {terminal(m.edition[0])} as of {terminal(m.edition[1])}"
            )
        lines.append(f"  file: {what}")
        if m.served is not None:
            lines.append(
                f"  note: an earlier edition; the site now serves the one stating "
                f"{terminal(m.served[0])} as of {terminal(m.served[1])}"
            )
        if m.first_served is not None:
            lines.append(f"  first served: {terminal(m.first_served)}")
        if m.url:
            lines.append(f"  address: {terminal(m.url)}")
        lines.append(f"  sha256: {verdict.sha256}")
    return "\n".join(lines) + "\n"
