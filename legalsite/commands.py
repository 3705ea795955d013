"""What each CLI command does, as functions with keyword-only options (the CLI is a thin shell)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from legalsite.calendar import WorkingCalendar, load_calendar
from legalsite.errors import LegalsiteError, Problem
from legalsite.load import AGREEMENTS_DIR, load_project
from legalsite.site import TODAY_ENV, SiteContent, generate, source_date_epoch

CONFIG_FILE = "mkdocs.yml"


def find_root(start: Path) -> Path:
    """The project folder: ``start`` itself, as ``mkdocs`` works on the current directory."""
    if not (start / CONFIG_FILE).is_file() or not (start / AGREEMENTS_DIR).is_dir():
        raise LegalsiteError(
            f"{start} is not a legalsite project (it needs {CONFIG_FILE} and {AGREEMENTS_DIR}/)",
            hint="cd into the project folder first",
        )
    return start


@dataclass(frozen=True)
class ValidationReport:
    documents: int
    versions: int
    files: int


def validate(*, root: Path) -> ValidationReport:
    """Check every YAML file of the project; raise with every problem found. Writes nothing."""
    problems: list[Problem] = []
    project = None
    try:
        project = load_project(root)
    except LegalsiteError as exc:
        problems.extend(exc.problems)
        if not exc.problems:
            raise
    try:
        load_calendar(root)
    except LegalsiteError as exc:
        problems.extend(exc.problems)
        if not exc.problems:
            raise
    if problems:
        from legalsite.errors import raise_if_any

        raise_if_any(problems, "in agreements/")
    assert project is not None
    versions = sum(len(d.versions) for d in project.documents)
    return ValidationReport(len(project.documents), versions, versions * 2)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build(*, root: Path, today: date, site_dir: Path | None = None, quiet: bool = False) -> Path:
    """Render the pages for ``today`` and run the MkDocs build (strict); return the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    env = {
        TODAY_ENV: today.isoformat(),
        "SOURCE_DATE_EPOCH": str(source_date_epoch(today)),
        "NO_MKDOCS_2_WARNING": "1",
    }
    # Fail early with legalsite's own messages rather than through MkDocs.
    validate(root=root)
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    collected = _Collect()
    logger.addHandler(collected)
    with _environment(**env), contextlib.chdir(root):
        try:
            options = {"site_dir": str(site_dir.resolve())} if site_dir else {}
            config = load_config(str(root / CONFIG_FILE), **options)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                with (
                    contextlib.redirect_stderr(io.StringIO()) if quiet else contextlib.nullcontext()
                ):
                    mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            details = "".join(f"\n  {line}" for line in collected.lines)
            raise LegalsiteError(
                f"the MkDocs build failed: {exc}{details}",
                hint="run `mkdocs build --strict` to see the full log",
            ) from None
        finally:
            logger.removeHandler(collected)
        return Path(config.site_dir)


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, to show them when the build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def render(*, root: Path, today: date) -> SiteContent:
    """Only render the Markdown pages into docs/ (what the MkDocs hook does)."""
    return generate(root, today)


# -- Versions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewVersion:
    folder: Path
    files: tuple[Path, ...]
    published: date


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
    published = load_calendar(root).publication_date(effective)
    if published < today and not backdate:
        raise LegalsiteError(
            f"a version effective {effective.isoformat()} had to be published on "
            f"{published.isoformat()}, which is already past (today is {today.isoformat()})",
            hint="choose a later effective date, or pass --backdate to import a historical version",
        )
    source = root / AGREEMENTS_DIR / document / latest.id
    target = root / AGREEMENTS_DIR / document / effective.isoformat()
    target.mkdir()
    files = []
    for path in sorted(source.glob("*.yaml")):
        shutil.copy2(path, target / path.name)
        files.append(target / path.name)
    return NewVersion(target, tuple(files), published)


def publish_dates(*, root: Path, dates: list[date]) -> list[date]:
    """The publication date of a version effective on each date, in order."""
    calendar = load_calendar(root) if (root / AGREEMENTS_DIR).is_dir() else _library_calendar()
    return [calendar.publication_date(day) for day in dates]


def _library_calendar() -> WorkingCalendar:
    return WorkingCalendar()


# -- Frozen versions -------------------------------------------------------------------------


def check_frozen(*, root: Path, base: str, today: date, allow_backdated: bool = False) -> int:
    """Raise when the working tree changes what was published at git ``base`` (see
    :mod:`legalsite.frozen`); return the number of published versions checked."""
    from legalsite import frozen

    return frozen.check_frozen(root=root, base=base, today=today, allow_backdated=allow_backdated)


# -- Redlines --------------------------------------------------------------------------------


def diff(
    *, root: Path, document: str, old: str, new: str, lang: str, output: str, color: bool = False
) -> str:
    """The redline of ``document`` from version ``old`` to ``new`` in one language."""
    from legalsite import report
    from legalsite.diff import compare
    from legalsite.model import LANGS, Lang

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
    comparison = compare(versions[old].texts[language], versions[new].texts[language])
    title = versions[new].texts[language].title
    heading = f"{title} · {old} → {new} · {'中文' if language == 'zh' else 'English'}"
    if output == "markdown":
        return report.as_markdown(comparison, heading)
    return report.as_text(comparison, heading, color=color)
