"""The editor's preview (``mkdocs serve`` / ``legalsite serve``): what it builds, what it shows.

A full build renders every version of every document; an editor works on one version at a
time. The preview builds, per document, only the versions an editor needs: the newest, every
version edited since the preview started, the one before each of those (its redline), and the
current one. Everything else is left out, so a save is visible after the same short time at 1
or 161 versions. The full build (``legalsite build``, CI, publishing) is unchanged.

While a file has a problem, the preview keeps serving the last good pages with the problems on
top of every page (:func:`problems_banner`), and drops the banner once the files are fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

from legalsite.model import escape
from legalsite.model.document import parse_version_name
from legalsite.model.errors import Problem
from legalsite.sources import drift
from legalsite.sources.calendar import CalendarError, WorkingCalendar
from legalsite.sources.load import (
    AGREEMENTS_DIR,
    Project,
    Selection,
    files_digest,
)
from legalsite.sources.summaries import check_summaries

VersionKey = tuple[str, str]
"""A version folder: (document id, version id)."""


def version_digests(root: Path) -> dict[VersionKey, str]:
    """Each version folder under ``root/agreements`` with a digest of its files (names and
    bytes), to tell which versions a save changed."""
    found: dict[VersionKey, str] = {}
    base = root / AGREEMENTS_DIR
    if base.is_symlink() or not base.is_dir():
        return found
    for doc_dir in sorted(base.iterdir()):
        if doc_dir.is_symlink() or not doc_dir.is_dir():
            continue
        for folder in sorted(doc_dir.iterdir()):
            if folder.is_symlink() or not folder.is_dir():
                continue
            found[(doc_dir.name, folder.name)] = files_digest(folder)
    return found


def changed(before: Mapping[VersionKey, str], after: Mapping[VersionKey, str]) -> set[VersionKey]:
    """The version folders added or changed from ``before`` to ``after``."""
    return {key for key, digest in after.items() if before.get(key) != digest}


def select(
    folders: Iterable[VersionKey],
    calendar: WorkingCalendar,
    today: date,
    edited: Iterable[VersionKey] = (),
) -> dict[str, frozenset[str]]:
    """Per document, the version folders the preview builds: the newest, the edited ones, the
    one before each of these (for its redline) and the one in force on ``today``. Folders not
    named by a date are kept (the loader reports them)."""
    by_document: dict[str, list[str]] = {}
    for document, version in folders:
        by_document.setdefault(document, []).append(version)
    edited_set = set(edited)
    chosen: dict[str, frozenset[str]] = {}
    for document, names in by_document.items():
        dated = sorted(
            ((effective, name) for name in names if (effective := parse_version_name(name))),
        )
        order = [name for _, name in dated]
        wanted = {name for name in names if parse_version_name(name) is None}
        focus = {name for name in order if (document, name) in edited_set}
        if order:
            focus.add(order[-1])
        wanted |= focus
        for name in focus:
            at = order.index(name)
            if at:
                wanted.add(order[at - 1])
        current = _in_force(dated, calendar, today)
        if current is not None:
            wanted.add(current)
        chosen[document] = frozenset(wanted)
    return chosen


def _in_force(dated: list[tuple[date, str]], calendar: WorkingCalendar, today: date) -> str | None:
    """The version in force on ``today`` (published and effective), as the site decides it."""
    found = None
    for effective, name in dated:
        try:
            published = calendar.publication_date(effective)
        except CalendarError:
            continue
        if published <= today and effective <= today:
            found = name
    return found


def left_out(selection: Selection, folders: Iterable[VersionKey]) -> int:
    """How many version folders the preview does not build."""
    return sum(1 for document, version in folders if version not in selection.get(document, ()))


def version_checks(project: Project, focus: Iterable[VersionKey]) -> list[Problem]:
    """What ``legalsite validate`` would refuse in the focused versions (the newest and the
    edited ones), besides their files: a change made in one language only, an acknowledgement
    not needed, a text that repeats the version before, a missing summary. Each is checked with
    the version before it, which the preview loads too (:func:`select`)."""
    wanted = set(focus)
    problems: list[Problem] = []
    for document in project.documents:
        for index, version in enumerate(document.versions):
            if (document.id, version.id) not in wanted:
                continue
            pair = document.versions[max(index - 1, 0) : index + 1]
            alone = Project(project.root, (replace(document, versions=pair),))
            found = [
                *drift.check(alone),
                *drift.unchanged_versions(alone),
                *check_summaries(alone),
            ]
            # The version before is checked with its own predecessor only by `validate`.
            folder = f"{AGREEMENTS_DIR}/{document.id}/{version.id}"
            problems.extend(p for p in found if p.path == folder or p.path.startswith(f"{folder}/"))
    return problems


BANNER_CLASS = "ls-preview-problems"


def problems_banner(problems: Iterable[Problem], summary: str) -> str:
    """An HTML block listing the problems (``path:line:col: message`` and hint), every string
    escaped for HTML text; shown above each page while the files have problems."""
    items = "".join(
        f'<li><code style="white-space:pre-wrap">{escape.html_text(str(problem))}</code></li>'
        for problem in problems
    )
    return (
        f'<div class="{BANNER_CLASS}" role="alert" style="background:#fde8e8;color:#611;'
        f'padding:.8em 1.2em;border-bottom:2px solid #c33;font-size:.8rem">'
        f"<strong>{escape.html_text(summary)}</strong><ul>{items}</ul></div>"
    )


NOTICE_CLASS = "ls-preview-notice"


def notice_banner(left_out: int) -> str:
    """A line saying the preview leaves versions out (empty when it leaves none out)."""
    if not left_out:
        return ""
    text = (
        f"Preview · 预览: {left_out} other version(s) not built here; "
        "`legalsite build` builds them all."
    )
    return (
        f'<div class="{NOTICE_CLASS}" style="background:#fff8e1;padding:.3em 1.2em;'
        f'font-size:.7rem">{escape.html_text(text)}</div>'
    )


def with_banner(page: str, banner: str) -> str:
    """``page`` (HTML) with ``banner`` right after its ``<body>`` tag (at the start without one)."""
    start = page.find("<body")
    end = page.find(">", start) + 1 if start >= 0 else 0
    return page[:end] + banner + page[end:]
