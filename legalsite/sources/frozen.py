"""``check-frozen``: a published version never changes, whatever a pull request changes.

The check runs in readable steps:

1. resolve the base ref to one commit (:func:`legalsite.sources.gitref.resolve`);
2. what changed under ``agreements/`` since then
(:func:`legalsite.sources.changed_versions.changes_since`);
3. the two calendars: ``agreements/calendar.yaml`` as it is at the base, and as the working
   tree has it; and the two sets of notice rules (the site's, and each document's own in
   ``agreements/<document>/document.yaml``), at the base and in the working tree;
4. which versions were published at the base: by the **base's** calendar and rules, on or
   before today (a pull request cannot unpublish a version by changing the calendar or a rule);
5. the problems, each located: a file of a published version changed, deleted or added; a
   calendar or rule change that moves a published version's date (or moves a version into the
   past); a new version whose publication date is already past; a file that is not UTF-8 text.
"""

from __future__ import annotations

import shlex
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from legalsite.model.characters import printable
from legalsite.model.errors import LegalsiteError, Problem, raise_if_any
from legalsite.model.notice import DEFAULT_NOTICE, NoticeRule
from legalsite.sources import gitref
from legalsite.sources.calendar import (
    CALENDAR_FILE,
    CalendarError,
    WorkingCalendar,
    load_calendar,
    load_calendar_file,
)
from legalsite.sources.changed_versions import Changes, VersionFolder, changes_since
from legalsite.sources.document_file import DOCUMENT_FILE, read_document_file
from legalsite.sources.gitref import Commit
from legalsite.sources.load import AGREEMENTS_DIR
from legalsite.sources.yamlfile import Mark, YamlMap, read_yaml

BACKDATED = "legalsite check --allow-backdated (or check-frozen --allow-backdated)"
"""The way to accept versions already in force, as the hints name it."""


def check_frozen(
    *,
    root: Path,
    base: str,
    today: date,
    allow_backdated: bool = False,
    site_rules: tuple[NoticeRule, NoticeRule] = (DEFAULT_NOTICE, DEFAULT_NOTICE),
    site_rule_file: str = "mkdocs.yml",
) -> int:
    """Raise with every problem where the working tree changes what was published at ``base``.

    ``site_rules`` are the site's notice rule at the base and in the working tree (the plugin's
    ``notice`` option, which ``site_rule_file`` sets). Returns the number of versions published
    at ``base`` (all of them unchanged).
    """
    commit = gitref.resolve(root, base)
    changes = changes_since(commit)
    calendars = Calendars(
        calendar_at(commit),
        load_calendar(root),
        rules_at(commit, site_rules[0], site_rule_file),
        rules_in(root, site_rules[1], site_rule_file),
    )
    published, problems = published_at_base(changes, calendars, today)
    problems += frozen_files(changes, published)
    problems += moved_dates(changes, calendars, published, today, allow_backdated)
    problems += new_versions(changes, calendars, today, allow_backdated)
    problems += not_text(changes, published)
    raise_if_any(problems, f"against {commit.ref}: published versions are frozen")
    return len(published)


# -- 3. The calendars ------------------------------------------------------------------------


@dataclass(frozen=True)
class Calendars:
    base: WorkingCalendar
    """The calendar of the base commit: it decides what was published."""
    work: WorkingCalendar
    """The working tree's calendar: it will publish what is not published yet."""
    base_rules: Rules
    """The notice rules of the base commit: with its calendar, they decide what was published."""
    work_rules: Rules

    def rules(self) -> tuple[Rules, Rules]:
        return self.base_rules, self.work_rules

    def at_base(self, folder: VersionFolder) -> date | CalendarError:
        return _publication(self.base, self.base_rules.of(folder.document), folder.effective)

    def in_work(self, folder: VersionFolder) -> date | CalendarError:
        return _publication(self.work, self.work_rules.of(folder.document), folder.effective)


@dataclass(frozen=True)
class Rules:
    """The notice rules that date a document's versions: its own, else the site's."""

    site: NoticeRule
    documents: Mapping[str, NoticeRule]
    site_file: str
    """Where the site's rule is set (mkdocs.yml)."""

    def of(self, document: str) -> NoticeRule:
        return self.documents.get(document, self.site)

    def where(self, document: str) -> str:
        """The file that sets the document's rule."""
        if document in self.documents:
            return f"{AGREEMENTS_DIR}/{document}/{DOCUMENT_FILE}"
        return self.site_file


def _document_file(path: str) -> str | None:
    """The document whose ``document.yaml`` ``path`` is, if it is one."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == AGREEMENTS_DIR and parts[2] == DOCUMENT_FILE:
        return parts[1]
    return None


def rules_at(commit: Commit, site: NoticeRule, site_file: str) -> Rules:
    """The notice rules as the documents' ``document.yaml`` files are at ``commit``."""
    files = {
        document: entry
        for path, entry in gitref.tree(commit, AGREEMENTS_DIR).items()
        if (document := _document_file(path)) is not None and entry.kind == "file"
    }
    blobs = gitref.read_blobs(commit.root, [entry.oid for entry in files.values()])
    rules: dict[str, NoticeRule] = {}
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="legalsite-document-") as folder:
        for document, entry in sorted(files.items()):
            path = Path(folder) / DOCUMENT_FILE
            path.write_bytes(blobs[entry.oid])
            rule, found = read_document_file(path, f"{commit.ref}:{entry.path}")
            problems += found
            if rule is not None:
                rules[document] = rule
    raise_if_any(problems, f"at {commit.ref}")
    return Rules(site, rules, site_file)


def rules_in(root: Path, site: NoticeRule, site_file: str) -> Rules:
    """The notice rules of the working tree's documents (a file's problems: ``validate``'s)."""
    rules: dict[str, NoticeRule] = {}
    base = root / AGREEMENTS_DIR
    for folder in sorted(base.iterdir()) if base.is_dir() and not base.is_symlink() else []:
        path = folder / DOCUMENT_FILE
        if folder.is_symlink() or path.is_symlink() or not path.is_file():
            continue
        rule, _ = read_document_file(path, f"{AGREEMENTS_DIR}/{folder.name}/{DOCUMENT_FILE}")
        if rule is not None:
            rules[folder.name] = rule
    return Rules(site, rules, site_file)


def calendar_at(commit: Commit) -> WorkingCalendar:
    """The working calendar as ``agreements/calendar.yaml`` is at ``commit``."""
    shown = f"{commit.ref}:{CALENDAR_FILE}"
    entries = gitref.tree(commit, CALENDAR_FILE)
    entry = entries.get(CALENDAR_FILE)
    if entry is None and not entries:
        return WorkingCalendar()
    if entry is None or entry.kind != "file":
        raise LegalsiteError(
            f"{shown} is not a file", hint=f"the calendar at {commit.ref} must be a YAML file"
        )
    data = gitref.read_blobs(commit.root, [entry.oid])[entry.oid]
    with tempfile.TemporaryDirectory(prefix="legalsite-calendar-") as folder:
        path = Path(folder) / "calendar.yaml"
        path.write_bytes(data)
        schedules, problems = load_calendar_file(path, shown)
    raise_if_any(problems, f"in {shown}")
    return WorkingCalendar(schedules)


def _publication(
    calendar: WorkingCalendar, rule: NoticeRule, effective: date
) -> date | CalendarError:
    try:
        return calendar.publish_date(effective, rule)
    except CalendarError as exc:
        return exc


# -- 4. What was published at the base -------------------------------------------------------


def published_at_base(
    changes: Changes, calendars: Calendars, today: date
) -> tuple[dict[VersionFolder, date], list[Problem]]:
    """The versions of the base published on or before ``today``, with their dates.

    The base's calendar and rules decide; only when the calendar cannot tell (a year it has no
    schedule for, so the base could not have built the version) does the working tree's.
    """
    published: dict[VersionFolder, date] = {}
    problems = []
    for folder in sorted(changes.base_files):
        day = calendars.at_base(folder)
        if isinstance(day, CalendarError):
            rule = calendars.base_rules.of(folder.document)
            day = _publication(calendars.work, rule, folder.effective)
        if isinstance(day, CalendarError):
            problems.append(Problem(folder.path, None, None, day.message, day.hint))
        elif day <= today:
            published[folder] = day
    return published, problems


# -- 5. The problems -------------------------------------------------------------------------


def _restore_hint(ref: str, path: str) -> str:
    command = shlex.join(["git", "checkout", ref, "--", path])
    return (
        f"published text never changes: restore it with `{command}` and make the change in a "
        "new version (legalsite new-version)"
    )


def frozen_files(changes: Changes, published: Mapping[VersionFolder, date]) -> list[Problem]:
    """Every file of a published version that the working tree changes, deletes or adds."""
    problems = []
    ref = changes.commit.ref
    for change in changes.versions:
        day = published.get(change.folder)
        if day is None:
            continue
        on = day.isoformat()
        for file in change.files:
            path = printable(file.path)
            if file.status == "added":
                problems.append(
                    Problem(
                        path,
                        None,
                        None,
                        f"added to a version published on {on}",
                        f"published versions never change: delete {shlex.quote(path)} and put "
                        "new text in a new version (legalsite new-version)",
                    )
                )
            else:
                problems.append(
                    Problem(
                        path,
                        None,
                        None,
                        f"{file.status}, but this version was published on {on}",
                        _restore_hint(ref, path),
                    )
                )
    return problems


def _year_mark(root: Path, year: int) -> Mark | None:
    """Where the working calendar file lists ``year`` (or its ``years`` key), if it can tell."""
    path = root / CALENDAR_FILE
    if path.is_symlink() or not path.is_file():
        return None
    value, _ = read_yaml(path, CALENDAR_FILE)
    if not isinstance(value, YamlMap):
        return None
    years = value.get("years")
    if isinstance(years, YamlMap) and str(year) in years.key_marks:
        return years.key_marks[str(year)]
    return value.key_marks.get("years", value.mark)


def _moved(
    folder: VersionFolder, old: date, new: date | CalendarError, ref: str, past: bool
) -> tuple[int, str, str]:
    """The year whose schedule moved a date, the message and the hint."""
    if isinstance(new, CalendarError):
        message = (
            f"no longer tells the publication date of {folder.path}, published on "
            f"{old.isoformat()}: {new.message}"
        )
        year = new.year or old.year
    elif past:
        message = (
            f"moves the publication date of {folder.path} from {old.isoformat()} to "
            f"{new.isoformat()}, which is already past"
        )
        year = max(old, new).year
    else:
        message = (
            f"moves the publication date of {folder.path}, published on {old.isoformat()}, "
            f"to {new.isoformat()}"
        )
        year = max(old, new).year
    keep = f"keep the schedule of {year} as it is at {ref}"
    hint = (
        f"nothing is published in the past: {keep}, or, to import history, run {BACKDATED}"
        if past
        else f"a publication date never moves once it has come: {keep}"
    )
    return year, message, hint


def moved_dates(
    changes: Changes,
    calendars: Calendars,
    published: Mapping[VersionFolder, date],
    today: date,
    allow_backdated: bool,
) -> list[Problem]:
    """A calendar or rule change that moves the date of a version published at the base, or
    that moves a version of the base into the past (a back-dated publication)."""
    problems = []
    for folder in sorted(changes.base_files):
        new = calendars.in_work(folder)
        old = published.get(folder)
        past = False
        if old is None:
            unpublished = calendars.at_base(folder)
            if allow_backdated or isinstance(unpublished, CalendarError):
                continue
            if isinstance(new, CalendarError) or new >= today:
                continue
            old, past = unpublished, True
        if new == old:
            continue
        before, after = (rules.of(folder.document) for rules in calendars.rules())
        if before != after and not isinstance(new, CalendarError):
            problems.append(_rule_moved(folder, old, new, before, after, calendars, past))
            continue
        year, message, hint = _moved(folder, old, new, changes.commit.ref, past)
        mark = _year_mark(changes.commit.root, year)
        line, col = (mark.line, mark.col) if mark else (None, None)
        problems.append(Problem(CALENDAR_FILE, line, col, message, hint))
    return problems


def _rule_moved(
    folder: VersionFolder,
    old: date,
    new: date,
    before: NoticeRule,
    after: NoticeRule,
    calendars: Calendars,
    past: bool,
) -> Problem:
    """A change of a document's notice rule that moves a version's publication date."""
    document = folder.document
    change = f"the notice rule of {document} changes from '{before}' to '{after}'"
    if past:
        message = (
            f"{change}, which moves the publication date of {folder.path} from "
            f"{old.isoformat()} to {new.isoformat()}, already past"
        )
    else:
        message = (
            f"{change}, which moves the publication date of {folder.path}, published on "
            f"{old.isoformat()}, to {new.isoformat()}"
        )
    hint = (
        f"a rule dates every version of its document, the published ones too, and a "
        f"publication date never moves once it has come: keep '{before}' for {document} (a "
        "rule can change while no version of the document is published)"
    )
    where = calendars.work_rules.where(document)
    if document in calendars.base_rules.documents:
        where = calendars.base_rules.where(document)
    return Problem(where, None, None, message, hint)


def new_versions(
    changes: Changes, calendars: Calendars, today: date, allow_backdated: bool
) -> list[Problem]:
    """A version added since the base with no publication date, or one already past."""
    problems = []
    for change in changes.versions:
        if change.status != "added":
            continue
        day = calendars.in_work(change.folder)
        if isinstance(day, CalendarError):
            problems.append(Problem(change.folder.path, None, None, day.message, day.hint))
        elif day < today and not allow_backdated:
            problems.append(
                Problem(
                    change.folder.path,
                    None,
                    None,
                    f"new version whose publication date {day.isoformat()} is already past "
                    f"(today is {today.isoformat()})",
                    "choose a later effective date; to import a historical version, run "
                    f"{BACKDATED}",
                )
            )
    return problems


def text_problem(data: bytes) -> tuple[Mark, str] | None:
    """Where ``data`` stops being UTF-8 text (an undecodable byte, or NUL: a binary file)."""
    try:
        text = data.decode("utf-8")
        offset = text.find("\0")
        if offset < 0:
            return None
        good = text[:offset]
        message = f"is binary, not UTF-8 text (NUL byte at offset {len(good.encode())})"
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        message = f"is not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start})"
    line = good.count("\n") + 1
    return Mark(line, len(good) - (good.rfind("\n") + 1) + 1), message


def _examined(changes: Changes, published: Mapping[VersionFolder, date]) -> Iterator[str]:
    """The working-tree files of versions published at the base or changed since."""
    for folder, files in changes.work_files.items():
        if folder in published or changes.change(folder) is not None:
            yield from (path for path, kind in files.items() if kind == "file")


def not_text(changes: Changes, published: Mapping[VersionFolder, date]) -> list[Problem]:
    """Every file that is not UTF-8 text, in the working tree (named by its path) or only at
    the base (named ``REF:path``), among the versions published or changed."""
    commit = changes.commit
    problems = []
    for path in _examined(changes, published):
        found = text_problem((commit.root / path).read_bytes())
        if found:
            mark, message = found
            problems.append(
                Problem(
                    printable(path),
                    mark.line,
                    mark.col,
                    f"the file {message}",
                    "a version folder holds YAML text: save the file as UTF-8 (in VS Code: "
                    "'Save with Encoding' → UTF-8)",
                )
            )
    at_base = {
        file.path: changes.base_files[change.folder][file.path]
        for change in changes.versions
        for file in change.files
        if file.status != "added"
    }
    oids = {path: entry.oid for path, entry in at_base.items() if entry.kind == "file"}
    blobs = gitref.read_blobs(commit.root, oids.values())
    for path, oid in sorted(oids.items()):
        found = text_problem(blobs[oid])
        if found:
            mark, message = found
            shown = f"{commit.ref}:{printable(path)}"
            problems.append(
                Problem(
                    shown,
                    mark.line,
                    mark.col,
                    f"the file {message}",
                    f"this is the copy at {commit.ref}: "
                    f"see it with `git show {shlex.quote(shown)}`",
                )
            )
    return problems
