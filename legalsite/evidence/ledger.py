"""The publication ledger: every file the site lists as evidence, and the day it was first served.

What a reader can file (a version's canonical text, each edition of its PDF, its redline PDF)
is worth only as much as the site's word about *when* it was on the website. Computed again
from the sources on every build, that word could change under a reader's feet (a renderer
upgrade changes a PDF's digest; a late merge states a publication date that passed before the
version appeared). The ledger is the site's memory instead: ``ledger.json`` at the site's root
lists, for each such file, its path, SHA-256, size, what it is (document, version, language,
kind, the edition a PDF states) and the day it was first served. A build with the previous
site at hand (``legalsite build --previous SITE``) copies the previous ledger whole and adds
only the files served for the first time, dated the build date: **a ledger only grows**
(:func:`grow`), and its entries never change.

A ledger that starts without a previous one (a site's first publication) cannot know when the
files of versions published before it were first served: their ``first_served`` is null, and
what is recorded instead is ``listed``, the day the ledger began, besides each version's
publication date as the sources state it.

This module is pure: value objects, reading and writing the JSON, growing a ledger, and the
refusals of a build against the previous one (:func:`refusals`). Reading a previous site (a
folder or an address) is :mod:`legalsite.evidence.previous`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

from legalsite.model import escape, routes
from legalsite.model.document import ID_PATTERN, LANGS, Lang, Status, Timeline, parse_version_name
from legalsite.model.errors import Problem
from legalsite.model.notice import DEFAULT_NOTICE, NoticeRule
from legalsite.sources.calendar import CalendarError, WorkingCalendar
from legalsite.sources.load import AGREEMENTS_DIR

FORMAT = "legalsite-ledger/1"
"""The ``format`` of ``ledger.json``; a reader refuses any other."""

Kind = Literal["text", "pdf", "changes_pdf", "docx", "changes_docx"]
KINDS: tuple[Kind, ...] = get_args(Kind)


FILE_KINDS: dict[Kind, routes.FileKind] = {
    "pdf": "pdf",
    "changes_pdf": "changes-pdf",
    "docx": "docx",
    "changes_docx": "changes-docx",
}
"""Where each kind of file but the canonical text lives (:data:`legalsite.model.routes.FILES`)."""


@dataclass(frozen=True, order=True)
class Key:
    """What a file is: one language of one version, its kind, and for a version's PDF the
    edition it states (status and the day it states it as of). The same key in two builds is
    the same file."""

    document: str
    version: str
    lang: Lang
    kind: Kind
    status: str = ""
    as_of: str = ""

    @property
    def path(self) -> str:
        """The file's path from the site's root (every edition of a PDF has the same path: the
        site serves the newest there)."""
        if self.kind == "text":
            inside = routes.canonical_text_path(self.document, self.version, self.lang)
        else:
            inside = routes.file_path(
                FILE_KINDS[self.kind], document=self.document, version=self.version, lang=self.lang
            )
        return routes.file_url(self.lang, inside)


@dataclass(frozen=True)
class Entry:
    """One file of the ledger."""

    key: Key
    sha256: str
    size: int
    first_served: date | None
    """The build date of the first site that served it; None: served before the ledger began
    (not recorded)."""
    listed: date
    """The build date of the first ledger that lists it."""

    def as_json(self) -> dict[str, Any]:
        key = self.key
        return {
            "path": key.path,
            "sha256": self.sha256,
            "size": self.size,
            "first_served": self.first_served.isoformat() if self.first_served else None,
            "listed": self.listed.isoformat(),
            "document": key.document,
            "version": key.version,
            "lang": key.lang,
            "kind": key.kind,
            "edition": {"status": key.status, "as_of": key.as_of} if key.kind == "pdf" else None,
        }


@dataclass(frozen=True)
class Ledger:
    """Every file a site has listed as evidence since ``began``, as of the build ``updated``."""

    began: date
    updated: date
    entries: tuple[Entry, ...]
    _by_key: dict[Key, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {e.key: e for e in self.entries})

    def get(self, key: Key) -> Entry | None:
        return self._by_key.get(key)

    def pdf_editions(self, document: str, version: str, lang: Lang) -> list[Entry]:
        """Every edition of a version's PDF in one language the ledger lists, oldest first."""
        return sorted(
            (
                e
                for e in self.entries
                if e.key.kind == "pdf"
                and (e.key.document, e.key.version, e.key.lang) == (document, version, lang)
            ),
            key=lambda e: (e.key.as_of, e.key.status),
        )

    def versions(self) -> dict[tuple[str, str], list[Entry]]:
        """The versions the ledger lists (those whose canonical text it lists), each with the
        entries of their texts."""
        out: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.entries:
            if entry.key.kind == "text":
                out.setdefault((entry.key.document, entry.key.version), []).append(entry)
        return out


# -- JSON ------------------------------------------------------------------------------------


def to_json(ledger: Ledger) -> str:
    """``ledger.json``: entries oldest listing first, then by path and edition."""
    entries = sorted(ledger.entries, key=lambda e: (e.listed, e.key.path, e.key))
    data = {
        "format": FORMAT,
        "began": ledger.began.isoformat(),
        "updated": ledger.updated.isoformat(),
        "before_ledger": (
            "first_served is null for a file the site served before the ledger began: when it "
            "was first served was not recorded; listed is the day the ledger began, and the "
            "version's publication date is the one its sources state"
        ),
        "entries": [e.as_json() for e in entries],
    }
    return escape.json_text(data, indent=1) + "\n"


class LedgerFormatError(ValueError):
    """``ledger.json`` is not one legalsite wrote; the message says where."""


def from_json(data: bytes) -> Ledger:
    """A ledger from the bytes of ``ledger.json``; :class:`LedgerFormatError` naming the first
    field that is not as :func:`to_json` writes it."""
    try:
        parsed = json.loads(data.decode("utf-8"), object_pairs_hook=_unique)
    except LedgerFormatError:
        raise
    except (ValueError, RecursionError) as exc:
        raise LedgerFormatError(f"not JSON ({str(exc)[:120]})") from None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise LedgerFormatError(f"its format is not {FORMAT}")
    began = _date(parsed.get("began"), "began")
    updated = _date(parsed.get("updated"), "updated")
    raw = parsed.get("entries")
    if not isinstance(raw, list):
        raise LedgerFormatError("it has no list of entries")
    entries = [_entry(item, index) for index, item in enumerate(raw)]
    seen: set[Key] = set()
    for index, entry in enumerate(entries):
        if entry.key in seen:
            raise LedgerFormatError(f"entry {index} lists {entry.key.path} a second time")
        seen.add(entry.key)
    if began > updated:
        raise LedgerFormatError("it began after it was updated")
    for index, entry in enumerate(entries):
        _check_days(entry, index, began, updated)
    return Ledger(began, updated, tuple(entries))


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose names are each given once: with two, readers disagree on which
    counts (Python keeps the last, others the first), and a ledger is read by both."""
    out: dict[str, Any] = {}
    for name, value in pairs:
        if name in out:
            raise LedgerFormatError(f"it gives {escape.terminal(name)[:80]!r} twice in one object")
        out[name] = value
    return out


def _check_days(entry: Entry, index: int, began: date, updated: date) -> None:
    """The days :func:`grow` writes: listed between the ledger's first and last builds, first
    served on the day it was listed, or not recorded when it was listed as the ledger began."""
    where = f"entry {index}"
    if not began <= entry.listed <= updated:
        raise LedgerFormatError(
            f"{where} is listed on {entry.listed.isoformat()}, outside the days of the ledger "
            f"({began.isoformat()} to {updated.isoformat()})"
        )
    if entry.first_served is None and entry.listed != began:
        raise LedgerFormatError(
            f"{where} was listed after the ledger began but its first_served is not recorded"
        )
    if entry.first_served is not None and entry.first_served != entry.listed:
        raise LedgerFormatError(
            f"{where} was first served on {entry.first_served.isoformat()}, not on the day it "
            f"was listed ({entry.listed.isoformat()})"
        )


def _date(value: Any, where: str) -> date:
    day = parse_version_name(value) if isinstance(value, str) else None
    if day is None:
        raise LedgerFormatError(f"{where} is not a date (YYYY-MM-DD)")
    return day


def _entry(item: Any, index: int) -> Entry:
    where = f"entry {index}"
    if not isinstance(item, dict):
        raise LedgerFormatError(f"{where} is not an object")
    strings = {}
    for name in ("path", "sha256", "document", "version", "lang", "kind"):
        value = item.get(name)
        if not isinstance(value, str):
            raise LedgerFormatError(f"{where} has no {name}")
        strings[name] = value
    if not ID_PATTERN.fullmatch(strings["document"]):
        raise LedgerFormatError(f"{where}'s document is not lower-case words joined by hyphens")
    if parse_version_name(strings["version"]) is None:
        raise LedgerFormatError(f"{where}'s version is not a date (YYYY-MM-DD)")
    lang, kind = strings["lang"], strings["kind"]
    if lang not in LANGS or kind not in KINDS:
        raise LedgerFormatError(f"{where} has an unknown lang or kind")
    sha = strings["sha256"]
    if len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
        raise LedgerFormatError(f"{where} has no SHA-256 of 64 hex digits")
    size = item.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise LedgerFormatError(f"{where} has no size")
    status = as_of = ""
    edition = item.get("edition")
    if kind == "pdf":
        if not isinstance(edition, dict):
            raise LedgerFormatError(f"{where} is a PDF without its edition")
        status, as_of = str(edition.get("status")), str(edition.get("as_of"))
        _date(as_of, f"{where}'s edition")
        if status not in get_args(Status):
            raise LedgerFormatError(f"{where}'s edition has an unknown status")
    key = Key(strings["document"], strings["version"], lang, kind, status, as_of)
    try:
        path = key.path
    except ValueError:
        path = ""
    if path != strings["path"] or ".." in path.split("/") or path.startswith("/"):
        raise LedgerFormatError(f"{where}'s path is not the one its document and version give")
    first = item.get("first_served")
    return Entry(
        key,
        sha,
        size,
        None if first is None else _date(first, f"{where}'s first_served"),
        _date(item.get("listed"), f"{where}'s listed"),
    )


# -- Growing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Served:
    """A file of this build: its digest and size."""

    sha256: str
    size: int


def grow(previous: Ledger | None, files: Mapping[Key, Served], today: date) -> Ledger:
    """The ledger of a build on ``today``: ``previous`` whole, and each file of ``files`` it
    does not list, first served today (or, without a previous ledger, before the ledger began:
    not recorded). A file listed with another digest is a bug of the caller (the build serves
    the listed bytes), not something to paper over."""
    if previous is None:
        entries = [Entry(key, f.sha256, f.size, None, today) for key, f in sorted(files.items())]
        return Ledger(today, today, tuple(entries))
    if today < previous.updated:
        raise ValueError(f"a build for {today} cannot follow the ledger of {previous.updated}")
    added = []
    for key, served in sorted(files.items()):
        known = previous.get(key)
        if known is None:
            added.append(Entry(key, served.sha256, served.size, today, today))
        elif known.sha256 != served.sha256:
            raise ValueError(f"{key.path}: listed as {known.sha256}, built as {served.sha256}")
    return Ledger(previous.began, today, (*previous.entries, *added))


# -- What a build may not do to what was served ------------------------------------------------


def version_folder(document: str, version: str) -> str:
    return f"{AGREEMENTS_DIR}/{document}/{version}/"


def earliest_effective(
    calendar: WorkingCalendar, today: date, rule: NoticeRule = DEFAULT_NOTICE
) -> tuple[date, date] | None:
    """The earliest effective date a version may have if it is published ``today`` under
    ``rule`` (what ``legalsite new-version`` proposes without ``--backdate``:
    :meth:`~legalsite.sources.calendar.WorkingCalendar.earliest_effective`), and the
    publication date the site then states for it. None when the calendar cannot tell."""
    try:
        effective = calendar.earliest_effective(today, rule)
        return effective, calendar.publish_date(effective, rule)
    except CalendarError:
        return None


def refusals(
    previous: Ledger,
    timelines: Iterable[Timeline],
    today: date,
    calendar: WorkingCalendar,
    texts: Mapping[Key, str],
) -> list[Problem]:
    """What a build on ``today`` may not publish, given the last published site's ledger:

    * a version whose publication date has passed but which that site never served (it would
      state a publication date before the day it appeared);
    * a version that site served whose canonical text is now another (``texts``: this build's
      canonical texts' SHA-256 by key);
    * a version that site served which is gone (its folder removed, or its dates moved so that
      it is not published on ``today``)."""
    if today < previous.updated:
        return [
            Problem(
                routes.SITE_FILES["ledger"],
                None,
                None,
                f"the published site was built on {previous.updated.isoformat()} (its ledger "
                f"says), after this build's date {today.isoformat()}: a build cannot come "
                "before the site it follows",
                f"build on or after {previous.updated.isoformat()} (--today), or give the site "
                "that was published before this build's date",
            )
        ]
    problems: list[Problem] = []
    served = previous.versions()
    visible: set[tuple[str, str]] = set()
    for line in timelines:
        for release in line.releases:
            doc, version = line.document.id, release.id
            visible.add((doc, version))
            if (doc, version) in served or release.published >= today:
                continue
            remedy = earliest_effective(calendar, today, line.notice)
            hint = (
                "a version appears on the site on its publication date, and this one can no "
                "longer: give it a later effective date"
            )
            if remedy is not None:
                effective, published = remedy
                hint += (
                    f", at the earliest {effective.isoformat()} (published "
                    f"{published.isoformat()}), the first `legalsite new-version {doc} "
                    f"--effective DATE` accepts today: rename the folder to "
                    f"{version_folder(doc, effective.isoformat())} and say so in its summary"
                )
            problems.append(
                Problem(
                    version_folder(doc, version),
                    None,
                    None,
                    f"version {version} of {doc} states the publication date "
                    f"{release.published.isoformat()}, which has passed, but the published "
                    f"site (ledger of {previous.updated.isoformat()}) never served it",
                    hint,
                )
            )
    for (doc, version), entries in sorted(served.items()):
        folder = version_folder(doc, version)
        if (doc, version) not in visible:
            problems.append(
                Problem(
                    folder,
                    None,
                    None,
                    f"version {version} of {doc} was published ({_since(entries)}) and is no "
                    "longer on the site: its folder is gone, or its dates no longer publish it",
                    "a published version stays on the site for ever: restore its folder and "
                    "dates as they were (git log shows the commit that changed them); to change "
                    "the text, add a new version (legalsite new-version)",
                )
            )
            continue
        for entry in sorted(entries, key=lambda e: e.key.lang):
            now = texts.get(entry.key)
            if now is not None and now != entry.sha256:
                problems.append(
                    Problem(
                        f"{folder}{entry.key.lang}.yaml",
                        None,
                        None,
                        f"the {entry.key.lang} text of version {version} of {doc} is not the "
                        f"one the site served ({_since([entry])}): canonical text SHA-256 "
                        f"{now}, served {entry.sha256}",
                        "published text never changes: restore the file as it was (git log "
                        "shows the commit that changed it) and make the change in a new version "
                        "(legalsite new-version)",
                    )
                )
    return problems


def _since(entries: Iterable[Entry]) -> str:
    days = [e.first_served for e in entries if e.first_served is not None]
    if not days:
        return "served before the ledger began"
    return f"served since {min(days).isoformat()}"
