"""What each CLI command does, as functions with keyword-only options (the CLI is a thin shell)."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from legalsite.commands import mkdocs_run
from legalsite.compare import report
from legalsite.compare.diff import compare_versions
from legalsite.evidence import glyphs
from legalsite.evidence.previous import SITE_URL, PreviousSite
from legalsite.model.characters import allows_ideographic_space, printable
from legalsite.model.document import (
    ID_PATTERN,
    LANG_NAMES,
    LANGS,
    SITE_ROOT_NAMES,
    Lang,
    SourceDate,
    check_id,
    parse_version_name,
)
from legalsite.model.errors import LegalsiteError, Problem, raise_if_any
from legalsite.model.notice import DEFAULT_NOTICE, NoticeRule
from legalsite.plugin.config import agreements_folder, read_config, site_notice
from legalsite.plugin.plugin import Timing
from legalsite.sources import drift, frozen, gitref
from legalsite.sources.calendar import CalendarError, WorkingCalendar, load_calendar
from legalsite.sources.document_file import DOCUMENT_FILE, read_document_file
from legalsite.sources.fixer import CannotFix, Change, fix_text
from legalsite.sources.importing import dates, shape, writer
from legalsite.sources.importing.readers import read_source
from legalsite.sources.importing.tree import Source
from legalsite.sources.load import (
    AGREEMENTS_DIR,
    load_project,
    version_folders,
)
from legalsite.sources.meta import META_FILE
from legalsite.sources.summaries import check_summaries
from legalsite.sources.yamlfile import LINK_HINT, LINK_MESSAGE, MAX_FILE_SIZE

T = TypeVar("T")

CONFIG_FILE = mkdocs_run.CONFIG_FILE


def find_root(start: Path) -> Path:
    """The folder that holds the agreements: ``start`` itself (the folder of mkdocs.yml, as
    ``mkdocs`` works on the current directory), or the one the plugin's ``agreements`` option
    names (``legal/agreements`` → ``start/legal``)."""
    folder = AGREEMENTS_DIR
    if (start / CONFIG_FILE).is_file():
        folder = agreements_folder(start / CONFIG_FILE)
        if (start / folder).is_dir():
            return (start / folder).parent
    raise LegalsiteError(
        f"{start} is not a legalsite project (it needs {CONFIG_FILE} and {folder}/)",
        hint="cd into the project folder first",
    )


def config_of(root: Path) -> Path | None:
    """The mkdocs.yml whose ``agreements`` option names ``root/agreements``: in ``root`` (the
    usual case) or in a folder above it (``agreements: legal/agreements``); None without one."""
    for folder in (root, *root.parents):
        config = folder / CONFIG_FILE
        if config.is_file():
            try:
                named = folder / agreements_folder(config)
            except LegalsiteError:
                return None
            return config if named == root / AGREEMENTS_DIR else None
    return None


def site_rule(root: Path) -> NoticeRule:
    """The site's notice rule: the plugin's ``notice`` option in mkdocs.yml (its default,
    ``1 working day``, without one)."""
    config = config_of(root)
    return site_notice(config) if config is not None else DEFAULT_NOTICE


def document_rule(root: Path, document: str) -> NoticeRule:
    """The notice rule of ``document``: its ``document.yaml``'s, else the site's."""
    return load_project(root).document(document).notice or site_rule(root)


@dataclass(frozen=True)
class ValidationReport:
    documents: int
    versions: int
    files: int


def validate(*, root: Path) -> ValidationReport:
    """Check every YAML file of the project; raise with every problem found. Writes nothing.

    Besides the files themselves: every version folder's publication date must be computable,
    i.e. the working calendar knows the days before its effective date; no clause may change
    in one language only unless the version's ``meta.yaml`` says so, and no version may repeat
    the text of the one before it (:mod:`legalsite.sources.drift`); every version after a document's
    first has its summary (:mod:`legalsite.sources.summaries`); every character of a text is
    one the PDFs' font can draw (:mod:`legalsite.evidence.glyphs`).
    """
    problems: list[Problem] = []
    site = _problems_of(site_rule, root, problems)
    project = _problems_of(load_project, root, problems)
    calendar = _problems_of(load_calendar, root, problems)
    own = {d.id: d.notice for d in project.documents if d.notice} if project else {}
    if calendar is not None:
        for folder, effective in version_folders(root):
            rule = own.get(folder.split("/")[-2], site or DEFAULT_NOTICE)
            try:
                calendar.publish_date(effective, rule)
            except CalendarError as exc:
                problems.append(Problem(folder, None, None, exc.message, exc.hint))
    if project is not None:
        problems.extend(drift.check(project))
        problems.extend(drift.unchanged_versions(project))
        problems.extend(check_summaries(project))
        problems.extend(glyphs.check(project))
    raise_if_any(problems, "in agreements/")
    assert project is not None
    versions = sum(len(d.versions) for d in project.documents)
    return ValidationReport(len(project.documents), versions, versions * 2)


def _problems_of(load: Callable[[Path], T], root: Path, problems: list[Problem]) -> T | None:
    """What ``load`` reads from ``root``, or None with its problems added to ``problems`` (an
    error that names no problem is raised as it is)."""
    try:
        return load(root)
    except LegalsiteError as exc:
        problems.extend(exc.problems)
        if not exc.problems:
            raise
        return None


# -- Format ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormatReport:
    """What ``format`` did: the files checked, each change (file as displayed, change), and the
    problems it left (characters only a person can fix, files it could not read)."""

    files: int
    changes: tuple[tuple[str, Change], ...]
    problems: tuple[Problem, ...]

    @property
    def files_changed(self) -> int:
        return len({shown for shown, _ in self.changes})


def format_files(*, root: Path, paths: Sequence[Path] = ()) -> FormatReport:
    """Rewrite the space-like and invisible characters of YAML files under ``agreements/``
    (all of them when ``paths`` is empty; a relative path is relative to ``root``).

    Refuses, before writing anything, a path that is not a ``.yaml`` file under
    ``agreements/`` or that goes through a symbolic link. Each file is written atomically (a
    temporary file beside it, then renamed over it) and only when something changed.
    """
    files = _format_targets(root, paths)
    changes: list[tuple[str, Change]] = []
    problems: list[Problem] = []
    for path in files:
        made, left = _format_file(path, printable(path.relative_to(root).as_posix()))
        changes += made
        problems += left
    return FormatReport(len(files), tuple(changes), tuple(problems))


def _format_file(path: Path, shown: str) -> tuple[list[tuple[str, Change]], list[Problem]]:
    """Format one file (named ``shown`` in the report): its changes, and what is left."""
    if path.stat().st_size > MAX_FILE_SIZE:
        too_big = "the file is over 1 MB: format leaves it alone"
        return [], [Problem(shown, None, None, too_big, None)]
    before = path.read_bytes()
    try:
        text = before.decode("utf-8")
    except UnicodeDecodeError:
        return [], [
            Problem(
                shown,
                None,
                None,
                "the file is not UTF-8: format leaves it alone",
                "run legalsite validate for where, and save the file as UTF-8",
            )
        ]
    try:
        fixed = fix_text(text, ideographic_space=allows_ideographic_space(path))
    except CannotFix as exc:
        return [], [
            Problem(
                shown,
                exc.mark.line if exc.mark else None,
                exc.mark.col if exc.mark else None,
                f"{printable(exc.message)}: format leaves the file alone",
                "fix the YAML first (legalsite validate says how)",
            )
        ]
    changes: list[tuple[str, Change]] = []
    if fixed.text != text:
        _replace_file(path, before, fixed.text.encode("utf-8"))
        changes = [(shown, change) for change in fixed.changes]
    problems = [
        Problem(
            shown,
            left.mark.line,
            left.mark.col,
            left.message,
            "format cannot rewrite it here without changing how YAML reads the line: edit it "
            "by hand"
            if left.refusal.replacement is not None
            else left.refusal.hint,
        )
        for left in fixed.left
    ]
    return changes, problems


def _format_targets(root: Path, paths: Sequence[Path]) -> list[Path]:
    """The files to format: checked to be real ``.yaml`` files under ``agreements/``."""
    base = root / AGREEMENTS_DIR
    if base.is_symlink() or not base.is_dir():
        raise LegalsiteError(
            f"{AGREEMENTS_DIR}/ is not a folder of this project",
            hint="run legalsite in the project folder (the one with mkdocs.yml)",
        )
    if not paths:
        return sorted(
            p
            for p in base.rglob("*.yaml")
            if p.is_file() and not any(q.is_symlink() for q in _chain(base, p))
        )
    found: list[Path] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(os.path.normpath(root.absolute() / given))  # '..' out, links kept
        shown = printable(str(given))
        try:
            path.relative_to(base)
        except ValueError:
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    f"not under {AGREEMENTS_DIR}/: format rewrites only the agreements' YAML files",
                    f"name files under {AGREEMENTS_DIR}/, or none to format all of them",
                )
            )
            continue
        if any(q.is_symlink() for q in _chain(base, path)):
            problems.append(Problem(shown, None, None, LINK_MESSAGE, LINK_HINT))
        elif not path.is_file():
            problems.append(Problem(shown, None, None, "no such file", None))
        elif path.suffix != ".yaml":
            problems.append(
                Problem(
                    shown, None, None, "not a .yaml file: format rewrites only YAML files", None
                )
            )
        elif path not in found:
            found.append(path)
    raise_if_any(problems, "in the files named: nothing was changed")
    return found


def _chain(base: Path, path: Path) -> list[Path]:
    """``path`` and each of its parents down to (not including) ``base``."""
    chain = [path]
    while chain[-1].parent != base and chain[-1].parent != chain[-1]:
        chain.append(chain[-1].parent)
    return chain


def _replace_file(path: Path, before: bytes, after: bytes) -> None:
    """Write ``after`` over ``path`` atomically (temporary file + rename, same permissions),
    unless the file no longer holds ``before`` (an editor saved it meanwhile)."""
    mode = stat.S_IMODE(path.stat().st_mode)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(after)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(mode)
        if path.read_bytes() != before:
            raise LegalsiteError(
                f"{path.name} changed while it was being formatted; nothing was written to it",
                hint="save it and run legalsite format again",
            )
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def build(
    *,
    root: Path,
    config_file: Path | None = None,
    today: date | None = None,
    site_dir: Path | None = None,
    quiet: bool = False,
    timing: Timing | None = None,
    previous: str | None = None,
) -> mkdocs_run.Built:
    """Validate, then build the site (strict) for ``today`` (default: the plugin's ``today``, or
    today in its time zone) into ``site_dir`` (default: mkdocs.yml's ``site_dir``), which is
    replaced whole once the new site is complete. ``timing`` gets each phase's seconds.

    ``previous`` is the last published site (a folder, an https:// address, or ``site_url``
    for mkdocs.yml's): its ledger is read first, its files are served again as they were, and
    what may not be published is refused (:mod:`legalsite.evidence.previous`)."""
    started = time.perf_counter()
    config = config_file or root / CONFIG_FILE
    validate(root=root)
    if timing is not None:
        timing("validate", time.perf_counter() - started)
    site = None
    if previous is not None:
        site = PreviousSite(previous_source(previous, config))
    return mkdocs_run.build(
        config,
        today=today,
        site_dir=site_dir,
        quiet=quiet,
        timing=timing,
        previous=site,
    )


def previous_source(given: str, config_file: Path) -> str:
    """``--previous``: a folder or an address as given, or for ``site_url`` the address
    mkdocs.yml's ``site_url`` gives (write ``./site_url`` for a folder of that name)."""
    if given != SITE_URL:
        return given
    value = read_config(config_file).get("site_url")
    if not isinstance(value, str) or not value.startswith("https://"):
        raise LegalsiteError(
            f"--previous site_url: {config_file.name} has no https:// site_url",
            hint="set site_url in mkdocs.yml to the address the site is published at, or give "
            "that address to --previous",
        )
    return value


def serve(
    *, root: Path, config_file: Path | None = None, today: date | None = None, dev_addr: str | None
) -> None:
    """Validate, then run ``mkdocs serve`` for ``today``; it rebuilds when an agreement changes."""
    validate(root=root)
    mkdocs_run.serve(config_file or root / CONFIG_FILE, today=today, dev_addr=dev_addr)


# -- Versions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewVersion:
    folder: Path
    files: tuple[Path, ...]
    published: date
    rule: NoticeRule = DEFAULT_NOTICE
    """The document's notice rule, which dates it."""


def new_version(
    *, root: Path, document: str, effective: date, today: date, backdate: bool = False
) -> NewVersion:
    """Copy the latest version of ``document`` into a new folder named by ``effective``."""
    import shutil

    project = load_project(root)
    doc = project.document(document)
    latest = doc.versions[-1]
    if effective <= latest.effective:
        raise LegalsiteError(
            f"the new version's effective date {effective.isoformat()} is not after the latest "
            f"version of {document} ({latest.id})",
            hint="choose an effective date after the latest version's",
        )
    rule = doc.notice or site_rule(root)
    calendar = load_calendar(root)
    published = calendar.publish_date(effective, rule)
    if published < today and not backdate:
        raise LegalsiteError(
            f"a version effective {effective.isoformat()} had to be published on "
            f"{published.isoformat()}, which is already past (today is {today.isoformat()})",
            hint=f"choose an effective date on or after "
            f"{calendar.earliest_effective(today, rule).isoformat()} (the notice rule of "
            f"{document}: {rule}), or pass --backdate to import a historical version",
        )
    source = root / AGREEMENTS_DIR / document / latest.id
    target = root / AGREEMENTS_DIR / document / effective.isoformat()
    target.mkdir()
    files = []
    for path in sorted(source / f"{lang}.yaml" for lang in LANGS):
        shutil.copy2(path, target / path.name)
        files.append(target / path.name)
    meta = target / META_FILE
    with meta.open("x", encoding="utf-8") as file:
        file.write(META_SKELETON)
    files.append(meta)
    return NewVersion(target, tuple(files), published, rule)


@dataclass(frozen=True)
class NewDocument:
    folder: Path
    files: tuple[Path, ...]
    effective: date
    published: date
    rule: NoticeRule


def new_document(
    *,
    root: Path,
    document: str,
    today: date,
    effective: date | None = None,
    rule: NoticeRule | None = None,
    backdate: bool = False,
) -> NewDocument:
    """Add ``agreements/<document>/``: its ``document.yaml`` (its notice rule: ``rule``, else
    the site's) and a first version in both languages, effective on ``effective`` (default:
    the earliest day the rule allows when published today), whose placeholder text the
    editor replaces. Refuses a folder that exists (it never overwrites), an id the site
    cannot use, and a first version whose publication date is past (unless ``backdate``)."""
    if not ID_PATTERN.fullmatch(document) or document in SITE_ROOT_NAMES:
        taken = document in SITE_ROOT_NAMES
        raise LegalsiteError(
            f"'{printable(document)}' is "
            + ("a name the site itself uses at its root" if taken else "not a document id"),
            hint="a document id is lower-case words joined by hyphens, e.g. privacy-policy"
            + (f", and none of {', '.join(sorted(SITE_ROOT_NAMES))}" if taken else ""),
        )
    base = root / AGREEMENTS_DIR
    if base.is_symlink() or not base.is_dir():
        raise LegalsiteError(
            f"{AGREEMENTS_DIR}/ is not a folder of this project",
            hint="run legalsite in the project folder (the one with mkdocs.yml)",
        )
    folder = base / document
    if folder.exists() or folder.is_symlink():
        raise LegalsiteError(
            f"{AGREEMENTS_DIR}/{document} already exists: new-document never overwrites",
            hint=f"to change it, start a new version: legalsite new-version {document} "
            "--effective YYYY-MM-DD",
        )
    rule = rule or site_rule(root)
    calendar = load_calendar(root)
    effective = effective or calendar.earliest_effective(today, rule)
    published = calendar.publish_date(effective, rule)
    if published < today and not backdate:
        raise LegalsiteError(
            f"a version effective {effective.isoformat()} had to be published on "
            f"{published.isoformat()}, which is already past (today is {today.isoformat()})",
            hint=f"choose an effective date on or after "
            f"{calendar.earliest_effective(today, rule).isoformat()} (the notice rule: {rule}), "
            "or pass --backdate to import a historical version",
        )
    version = folder / effective.isoformat()
    version.mkdir(parents=True)
    written = {
        folder / DOCUMENT_FILE: DOCUMENT_SKELETON.format(rule=rule),
        version / "zh.yaml": FIRST_VERSION["zh"],
        version / "en.yaml": FIRST_VERSION["en"],
    }
    for path, text in written.items():
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    return NewDocument(folder, tuple(written), effective, published, rule)


DOCUMENT_SKELETON = """\
# This document's notice rule: how long before a version takes effect it is published.
# '1 working day', 'N working days' or 'N days' (counted as the PRC Civil Code's articles 201
# and 203 count periods; platform agreements: at least '7 days', E-Commerce Law article 34).
# Do not change it once a version is published (check-frozen refuses).
# 本文件的发布规则：新版本在生效前多久发布。有版本发布后不要再改。
notice: {rule}
"""

FIRST_VERSION = {
    "zh": """\
# 占位文字：把每一段都换成本文件的正文，并保留 id（或换成有意义的 id）。见 CONTRIBUTING.md。
title: 待填写：文件标题
preamble:
  - id: preamble-1
    text: 待填写：本文件的序言。请用本文件的正文替换这段占位文字。
sections:
  - id: section-1
    title: 待填写：第一节的标题
    blocks:
      - id: section-1-1
        text: 待填写：第一节第一款的内容。
""",
    "en": """\
# Placeholder text: replace each part with this document's text, keeping the ids (or giving
# meaningful ones, the same in zh.yaml). See CONTRIBUTING.md.
title: "To be written: the document's title"
preamble:
  - id: preamble-1
    text: "To be written: this document's preamble. Replace this placeholder with its text."
sections:
  - id: section-1
    title: "To be written: the first section's title"
    blocks:
      - id: section-1-1
        text: "To be written: the first clause of the first section."
""",
}
"""A first version's files: valid, minimal, and plainly placeholders (``new-document``)."""


META_SKELETON = """\
# What changes in this version and why, for readers, in both languages (plain text).
# `legalsite validate` refuses the version until both summaries are written.
# 本版本改了什么、为什么改：中英文各写一段（纯文本），填写前 validate 不会通过。
summary:
  zh: ""
  en: ""
# substantive: rights or duties change; editorial: wording, typography or links only.
kind: substantive
"""


@dataclass(frozen=True)
class ImportReport:
    """What ``import`` wrote, and what it could not pair or decide (each at ``file:line``)."""

    folder: Path
    files: tuple[Path, ...]
    problems: tuple[Problem, ...]
    references: int
    published: date
    """The version's publication date (by the calendar and the document's notice rule)."""
    notes: tuple[str, ...] = ()
    """What import decided that is no problem to settle, one line each (a date line read as
    the source date, not kept as text)."""


def import_document(
    *, root: Path, document: str, effective: date, sources: dict[Lang, Path]
) -> ImportReport:
    """Write ``agreements/DOCUMENT/EFFECTIVE/`` (``zh.yaml``, ``en.yaml``, ``meta.yaml``) from
    existing documents in each language (Markdown, plain text or Word, by suffix): structure and
    numbering styles detected per language, elements paired by position, textual references
    to sections made references. Never writes into an existing folder; reads every source
    before making the folder, so a source it refuses leaves nothing behind."""
    try:
        check_id(document, "document")
    except ValueError as exc:
        raise LegalsiteError(str(exc), hint="name the document like an-agreement") from None
    if document in SITE_ROOT_NAMES:
        raise LegalsiteError(
            f"document id '{document}' is a name the site itself uses",
            hint="choose another name for the document",
        )
    base = root / AGREEMENTS_DIR
    target = base / document / effective.isoformat()
    shown = target.relative_to(root).as_posix()
    for path in (base, base / document, target):
        if path.is_symlink():
            raise LegalsiteError(
                f"{path.relative_to(root).as_posix()}: {LINK_MESSAGE}", hint=LINK_HINT
            )
    if target.exists():
        raise LegalsiteError(
            f"{shown}/ already exists: import never writes into an existing version folder",
            hint="choose another --effective date, or move the folder away first",
        )
    for path in (base, base / document):
        if path.exists() and not path.is_dir():
            raise LegalsiteError(
                f"{path.relative_to(root).as_posix()} is a file: import writes the version "
                "into a folder of that name",
                hint="move the file away first",
            )
    published = _check_publishable(root, document, effective)
    read = {lang: read_source(path, printable(str(path))) for lang, path in sources.items()}
    dated: list[Problem] = []
    source_date = _source_date(read, effective, dated)
    notes: list[str] = []
    if source_date is not None:
        read, notes = _without_date_lines(read, source_date)
    result = shape.pair(read)
    problems = list(result.problems)
    for lang in LANGS:
        problems += [Problem(read[lang].name, n.line, None, n.message) for n in read[lang].notes]
    labels = {label for lang in LANGS if (label := read[lang].version) is not None}
    earlier = [
        folder
        for folder in (base / document).glob("*")
        if folder.is_dir() and parse_version_name(folder.name) is not None
    ]
    meta = META_SKELETON if earlier else FIRST_META
    problems += dated
    if source_date is not None:
        meta = writer.dump({"source-date": str(source_date)}) + meta
    if len(labels) > 1:
        problems.append(
            Problem(read["en"].name, None, None, f"the versions {sorted(labels)} differ: not kept")
        )
    elif labels:
        meta = writer.dump({"version": labels.pop()}) + meta
    target.mkdir(parents=True)
    files = []
    comment = writer.schema_comment(root, target)
    for lang in LANGS:
        path = target / f"{lang}.yaml"
        with path.open("x", encoding="utf-8") as file:
            file.write(writer.agreement_yaml(result.texts[lang], comment))
        files.append(path)
    with (target / META_FILE).open("x", encoding="utf-8") as file:
        file.write(meta)
    files.append(target / META_FILE)
    if not problems:  # what import reported itself is not said twice
        problems += _refused_texts(root, document, effective, shown)
    return ImportReport(
        target, tuple(files), tuple(problems), result.references, published, tuple(notes)
    )


def _refused_texts(root: Path, document: str, effective: date, shown: str) -> list[Problem]:
    """What ``validate`` refuses in the texts import wrote (a shape the model does not read
    yet, a word the inline subset refuses): import said "complete" and exited 0 for a version
    that validate then refused. The version's meta.yaml is left to validate (a later version's
    summary is for the editor to write)."""
    texts = {f"{shown}/{lang}.yaml" for lang in LANGS}
    try:
        load_project(root, only={document: frozenset({effective.isoformat()})})
    except LegalsiteError as exc:
        return [found for found in exc.problems if found.path in texts]
    return []


def _check_publishable(root: Path, document: str, effective: date) -> date:
    """The publication date of a version effective on ``effective``; refuse, before anything
    is read or written, an effective date whose publication date the calendar cannot tell
    (year 1, a year without an official schedule): ``validate`` refuses such a version, so an
    import of it only wrote a folder to delete by hand."""
    rule = None
    path = root / AGREEMENTS_DIR / document / DOCUMENT_FILE
    if path.is_file():
        rule, _ = read_document_file(path, path.relative_to(root).as_posix())
    try:
        return load_calendar(root).publish_date(effective, rule or site_rule(root))
    except CalendarError as exc:
        raise LegalsiteError(
            f"--effective {effective.isoformat()}: {exc.message}", hint=exc.hint
        ) from None


def _without_date_lines(
    read: dict[Lang, Source], day: SourceDate
) -> tuple[dict[Lang, Source], list[str]]:
    """Each source without the date line ``source-date`` was read from (:func:`dates.date_line`),
    and a line saying so for each one left out."""
    kept = dict(read)
    notes = []
    for lang in LANGS:
        found = dates.stated_date(read[lang])
        para = dates.date_line(read[lang], found[1]) if found else None
        if para is not None:
            kept[lang] = dates.without(read[lang], para)
            notes.append(
                f"{read[lang].name}:{para.line}: read as the source date (source-date: {day}), "
                "not kept as text"
            )
    return kept, notes


def _source_date(
    read: dict[Lang, Source], effective: date, problems: list[Problem]
) -> SourceDate | None:
    """``source-date:`` for ``meta.yaml`` when the sources state their own date (最后更新：2020年
    1月, Last updated: January 2020) and agree on it, on or before ``effective``; else nothing,
    with a problem when they state dates that cannot be kept."""
    stated = {lang: found for lang in LANGS if (found := dates.stated_date(read[lang]))}
    # A month in one language and a day of that month in the other agree: the day is kept.
    months = {(day.year, day.month) for day, _ in stated.values()}
    named = {day.day for day, _ in stated.values()} - {None}
    days = sorted({day for day, _ in stated.values()}, key=str)
    if len(months) == 1 and len(named) <= 1:
        days = days[-1:]
    if len(days) > 1:
        problems.append(
            Problem(
                read["en"].name,
                stated["en"][1],
                None,
                f"the sources state different dates {', '.join(map(str, days))}: "
                "source-date not written",
            )
        )
    elif days and days[0].after(effective):
        lang = next(iter(stated))
        problems.append(
            Problem(
                read[lang].name,
                stated[lang][1],
                None,
                f"the source's date {days[0]} is after --effective {effective.isoformat()}: "
                "source-date not written",
            )
        )
    elif days:
        return days[0]
    return None


FIRST_META = """\
# The first version of its document: a summary of what changed is optional here (every later
# version needs one, in both languages). 文档的第一个版本：变更摘要可不填（之后每个版本都须填写）。
kind: substantive
"""


def publish_dates(
    *, root: Path, dates: list[date], document: str | None = None, rule: NoticeRule | None = None
) -> list[date]:
    """The publication date of a version effective on each date, in order: under ``rule``,
    else ``document``'s rule, else the site's (``1 working day`` outside a project)."""
    project = (root / AGREEMENTS_DIR).is_dir()
    calendar = load_calendar(root) if project else _library_calendar()
    if rule is None and document is not None:
        rule = document_rule(root, document)
    if rule is None:
        rule = site_rule(root) if project else DEFAULT_NOTICE
    return [calendar.publish_date(day, rule) for day in dates]


def _library_calendar() -> WorkingCalendar:
    return WorkingCalendar()


# -- Frozen versions -------------------------------------------------------------------------


def check_frozen(*, root: Path, base: str, today: date, allow_backdated: bool = False) -> int:
    """Raise when the working tree changes what was published at git ``base`` (see
    :mod:`legalsite.sources.frozen`); return the number of published versions checked."""
    work = site_rule(root)
    config = config_of(root)
    shown = config.relative_to(root).as_posix() if config and config.parent == root else CONFIG_FILE
    return frozen.check_frozen(
        root=root,
        base=base,
        today=today,
        allow_backdated=allow_backdated,
        site_rules=(_site_rule_at(root, base, shown, work), work),
        site_rule_file=shown,
    )


def _site_rule_at(root: Path, base: str, config: str, work: NoticeRule) -> NoticeRule:
    """The site's notice rule in mkdocs.yml as it is at git ``base`` (that of the working tree
    when the base has none it can read: the rule of a commit without the option is the
    default)."""
    if config != CONFIG_FILE or config_of(root) is None:
        return work
    commit = gitref.resolve(root, base)
    entry = gitref.tree(commit, CONFIG_FILE).get(CONFIG_FILE)
    if entry is None or entry.kind != "file":
        return work
    data = gitref.read_blobs(root, [entry.oid])[entry.oid]
    with tempfile.TemporaryDirectory(prefix="legalsite-config-") as folder:
        path = Path(folder) / CONFIG_FILE
        path.write_bytes(data)
        try:
            return site_notice(path)
        except LegalsiteError:
            return work


# -- Redlines --------------------------------------------------------------------------------


def diff(
    *, root: Path, document: str, old: str, new: str, lang: str, output: str, color: bool = False
) -> str:
    """The redline of ``document`` from version ``old`` to ``new`` in one language."""
    if lang not in LANGS:
        raise LegalsiteError(f"unknown language '{lang}'", hint="use zh or en")
    language: Lang = "zh" if lang == "zh" else "en"
    doc = load_project(root).document(document)
    versions = {v.id: v for v in doc.versions}
    for wanted in (old, new):
        if wanted not in versions:
            raise LegalsiteError(
                f"{document} has no version '{wanted}'",
                hint=f"versions: {', '.join(versions)}",
            )
    if versions[old].effective >= versions[new].effective:
        raise LegalsiteError(
            f"OLD ({old}) is not earlier than NEW ({new})",
            hint=f"give the earlier version first: legalsite diff {document} {new} {old}"
            if old != new
            else "give two different versions",
        )
    comparison = compare_versions(versions[old], versions[new])[language]
    title = versions[new].texts[language].title
    heading = f"{title} · {old} → {new} · {LANG_NAMES[language]}"
    if output == "markdown":
        return report.as_markdown(comparison, heading)
    return report.as_text(comparison, heading, color=color)
