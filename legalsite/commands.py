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

from legalsite import drift
from legalsite.calendar import WorkingCalendar, load_calendar
from legalsite.errors import LegalsiteError, Problem
from legalsite.load import AGREEMENTS_DIR, load_project
from legalsite.model import LANGS
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
    if project is not None:
        problems.extend(drift.check(project))
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
    for path in sorted(source / f"{lang}.yaml" for lang in LANGS):
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


def _git(root: Path, *args: str) -> str:
    import subprocess

    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if result.returncode:
        raise LegalsiteError(
            f"git {' '.join(args)} failed: {result.stderr.strip()}",
            hint="check that REF exists (git fetch the base branch first)",
        )
    return result.stdout


def check_frozen(*, root: Path, base: str, today: date, allow_backdated: bool = False) -> int:
    """Problems where the working tree changes a published version relative to git ``base``.

    A version is frozen once its publication date is on or before ``today``: its files may not
    change or disappear. A version added since ``base`` whose publication date is already past
    is refused too (unless ``allow_backdated``). Returns the number of versions checked.
    """
    from legalsite.load import parse_version_name

    calendar = load_calendar(root)
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except LegalsiteError:
        raise LegalsiteError(
            f"'{base}' is not a commit of this git repository",
            hint="name a branch, tag or commit; in CI fetch the base branch first "
            "(git fetch origin main)",
        ) from None
    listing = _git(root, "ls-tree", "-r", "-z", "--name-only", base, "--", AGREEMENTS_DIR)
    at_base: dict[str, list[str]] = {}
    for name in filter(None, listing.split("\0")):
        parts = name.split("/")
        if len(parts) == 4 and parse_version_name(parts[2]):
            at_base.setdefault("/".join(parts[:3]), []).append(name)
    problems: list[Problem] = []
    checked = 0
    for folder, names in sorted(at_base.items()):
        effective = parse_version_name(folder.split("/")[2])
        assert effective is not None
        published = calendar.publication_date(effective)
        if published > today:
            continue
        checked += 1
        for name in sorted(names):
            path = root / name
            old = _git(root, "show", f"{base}:{name}")
            if not path.is_file():
                problems.append(
                    Problem(
                        name,
                        None,
                        None,
                        f"deleted, but this version was published on {published.isoformat()}",
                        _frozen_hint(base, name),
                    )
                )
            elif path.read_text(encoding="utf-8") != old:
                problems.append(
                    Problem(
                        name,
                        None,
                        None,
                        f"changed, but this version was published on {published.isoformat()}",
                        _frozen_hint(base, name),
                    )
                )
        current = root / folder
        if current.is_dir():
            for extra in sorted(current.iterdir()):
                rel = extra.relative_to(root).as_posix()
                if rel not in names:
                    problems.append(
                        Problem(
                            rel,
                            None,
                            None,
                            f"added to a version published on {published.isoformat()}",
                            _frozen_hint(base, name),
                        )
                    )
    base_dir = root / AGREEMENTS_DIR
    for version_dir in sorted(base_dir.glob("*/*")):
        rel = version_dir.relative_to(root).as_posix()
        effective = parse_version_name(version_dir.name)
        if not version_dir.is_dir() or effective is None or rel in at_base:
            continue
        published = calendar.publication_date(effective)
        if published < today and not allow_backdated:
            problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    f"new version whose publication date {published.isoformat()} is already "
                    f"past (today is {today.isoformat()})",
                    "choose a later effective date; to import a historical version, run "
                    "check-frozen with --allow-backdated",
                )
            )
    from legalsite.errors import raise_if_any

    raise_if_any(problems, f"against {base}: published versions are frozen")
    return checked


def _frozen_hint(base: str, name: str) -> str:
    return (
        f"published text never changes: restore it with `git checkout {base} -- {name}` and make "
        "the change in a new version (legalsite new-version)"
    )


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
