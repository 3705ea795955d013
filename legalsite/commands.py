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

from legalsite.calendar import load_calendar
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
