"""Turning a project into the generated pages and files MkDocs builds, on a given build date.

:func:`generate` is what both ``legalsite build`` and the MkDocs ``hooks:`` file call. It is
idempotent and cheap to repeat (mkdocs-static-i18n runs every hook once per language), and it
writes a file only when its content changed (so ``mkdocs serve`` does not rebuild forever).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from legalsite import feeds, pdf, reader, render
from legalsite.calendar import WorkingCalendar, load_calendar
from legalsite.changes import changes_page
from legalsite.diff import Comparison, changed_ids, compare
from legalsite.errors import LegalsiteError
from legalsite.load import Project, load_project, sources_digest
from legalsite.model import (
    LANGS,
    Document,
    Lang,
    Release,
    Timeline,
    format_date,
    text_sha256,
    timeline,
)

TIMEZONE = ZoneInfo("Asia/Shanghai")
TODAY_ENV = "LEGALSITE_TODAY"
"""Environment variable carrying ``--today`` into the MkDocs hooks."""
PDF_ENV = "LEGALSITE_PDF"
"""Set to ``0`` to build without the PDFs (a quicker preview; the benchmark's baseline)."""

DOCS_DIR = "docs"
GENERATED_MARKER = ".legalsite-generated"


def today_in_shanghai(now: datetime | None = None) -> date:
    """Today's date in Asia/Shanghai, whatever the machine's time zone."""
    return (now or datetime.now(tz=TIMEZONE)).astimezone(TIMEZONE).date()


def parse_date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LegalsiteError(
            f"{what} '{value}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2025-03-01"
        ) from None


def build_date() -> date:
    """The build date: ``$LEGALSITE_TODAY`` when set, else today in Asia/Shanghai."""
    value = os.environ.get(TODAY_ENV)
    return parse_date(value, TODAY_ENV) if value else today_in_shanghai()


def source_date_epoch(today: date) -> int:
    """Midnight of the build date in Asia/Shanghai, for reproducible sitemaps and archives."""
    return int(datetime(today.year, today.month, today.day, tzinfo=TIMEZONE).timestamp())


def publication_dates(document: Document, calendar: WorkingCalendar) -> dict[str, date]:
    return {v.id: calendar.publication_date(v.effective) for v in document.versions}


@dataclass(frozen=True)
class SiteContent:
    """Everything generated for one build date."""

    today: date
    timelines: tuple[Timeline, ...]
    pages: tuple[render.Page, ...]
    files: dict[str, str]
    """Other generated files, by path relative to ``docs/`` (``versions.json``...)."""
    binaries: dict[str, bytes] = field(default_factory=dict)
    """Generated binary files (the PDFs), by path relative to ``docs/``."""

    @property
    def next_change(self) -> date | None:
        """The next day the site must change (a publication or effective date), if any."""
        return next_change(self.timelines)

    def freshness(self, lang: Lang) -> dict[str, str]:
        """What the pages carry so that a script can warn when a rebuild was missed."""
        upcoming = self.next_change
        if upcoming is None:
            return {"build_date": self.today.isoformat()}
        return {
            "build_date": self.today.isoformat(),
            "next_change": upcoming.isoformat(),
            "stale_message": render.t(lang, "stale_build", date=format_date(lang, upcoming)),
        }


def next_change(timelines: Iterable[Timeline]) -> date | None:
    dates = [line.next_change for line in timelines if line.next_change]
    return min(dates) if dates else None


def plan(
    project: Project,
    calendar: WorkingCalendar,
    today: date,
    *,
    base_url: str = "/",
    pdfs: bool = False,
) -> SiteContent:
    """The pages and files of the site on ``today``. Pure: writes nothing (``pdfs`` reads the
    font the PDFs embed)."""
    timelines = tuple(
        timeline(document, publication_dates(document, calendar), today)
        for document in project.documents
    )
    # Each version is compared with the one before it only: the build grows linearly.
    comparisons = {
        (line.document.id, release.id, lang): compare(
            release.previous.texts[lang], release.version.texts[lang]
        )
        for line in timelines
        for release in line.releases
        if release.previous is not None
        for lang in LANGS
    }
    made = pdf.site_pdfs(timelines, comparisons, base_url=base_url) if pdfs else None
    pages: list[render.Page] = []
    for lang in LANGS:
        pages.append(render.home_page(list(timelines), lang))
        for line in timelines:
            doc = line.document.id
            changes = {
                r.id: render.page_path(doc, "changes", r.id) for r in line.releases if r.previous
            }
            pages.append(render.history_page(line, lang, changes))
            for release in line.releases:
                comparison = comparisons.get((doc, release.id, lang))
                markers: dict[str, str] = {}
                if comparison is not None:
                    pages.append(changes_page(line, release, comparison))
                    markers = {
                        anchor: f"{render.page_url(changes[release.id])}#{anchor}"
                        for anchor in changed_ids(comparison)
                    }
                for stable in (False, True) if release.status == "current" else (False,):
                    path = render.page_path(doc, "current" if stable else "version", release.id)
                    pages.append(
                        render.version_page(
                            line,
                            release,
                            lang,
                            stable=stable,
                            markers={k: _relative(path, v) for k, v in markers.items()},
                            changes_path=changes.get(release.id),
                            pdf_paths=made.links(doc, release.id, lang) if made else None,
                        )
                    )
                pages.append(reader.bilingual_page(line, release, lang))
            if line.current is None:
                pages.append(render.no_current_page(line, lang))
            if line.releases:
                pages.append(reader.at_date_page(line, lang))
                pages.append(reader.compare_page(line, lang))

    def summary(line: Timeline, release: Release, lang: Lang) -> str:
        comparison = comparisons.get((line.document.id, release.id, lang))
        return comparison_summary(comparison) if comparison else ""

    files = {"versions.json": versions_json(timelines, today, made)}
    for lang in LANGS:
        files[f"{lang}/{feeds.FEED_FILE}"] = feeds.atom_feed(timelines, lang, base_url, summary)
        for line in timelines:
            for release in line.releases:
                path = reader.text_json_path(line.document.id, release.id)
                files[f"{lang}/{path}"] = reader.text_json(release, lang)
    return SiteContent(today, timelines, tuple(pages), files, made.files if made else {})


def _relative(from_path: str, url: str) -> str:
    """A language-relative page URL with a fragment, made relative to the page at from_path."""
    page, _, fragment = url.partition("#")
    target = page + "index.md" if page.endswith("/") else page
    return render.relative_url(from_path, target) + (f"#{fragment}" if fragment else "")


def comparison_summary(comparison: Comparison) -> str:
    """One line for a feed entry: the counts and the sections touched."""
    lang = comparison.lang
    if comparison.is_empty():
        return render.t(lang, "no_changes")
    counts = comparison.counts()
    line = render.t(
        lang, "summary", total=str(sum(counts.values())), **{k: str(v) for k, v in counts.items()}
    )
    sections = [comparison.section_numbers.get(s, s) for s in comparison.sections_touched()]
    if sections:
        joiner = "、" if lang == "zh" else ", "
        line += f" {render.t(lang, 'sections_touched')} {joiner.join(sections)}"
    return line


def versions_json(
    timelines: Iterable[Timeline], today: date, pdfs: pdf.SitePdfs | None = None
) -> str:
    """The machine-readable index apps read to record which version a user accepted, and
    ``legalsite verify`` reads to recognise a saved copy (with ``pdfs``, each PDF's SHA-256)."""
    documents: list[dict[str, Any]] = []
    timelines = tuple(timelines)
    upcoming = next_change(timelines)
    for line in timelines:
        versions = []
        for release in line.releases:
            languages = {}
            for lang in LANGS:
                languages[lang] = {
                    "url": render.site_url(
                        lang, render.page_path(line.document.id, "version", release.id)
                    ),
                    "sha256": text_sha256(release.version.texts[lang], release.effective),
                    "changes_url": render.site_url(
                        lang, render.page_path(line.document.id, "changes", release.id)
                    )
                    if release.previous
                    else None,
                }
                if pdfs is not None:
                    languages[lang].update(pdfs.versions_entry(line.document.id, release.id, lang))
            versions.append(
                {
                    "id": release.id,
                    "effective": release.effective.isoformat(),
                    "published": release.published.isoformat(),
                    "status": release.status,
                    "languages": languages,
                }
            )
        documents.append(
            {
                "id": line.document.id,
                "title": {lang: line.document.title(lang) for lang in LANGS},
                "current": line.current.id if line.current else None,
                "versions": versions,
            }
        )
    data = {
        "build_date": today.isoformat(),
        "next_change": upcoming.isoformat() if upcoming else None,
        "documents": documents,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- Writing ---------------------------------------------------------------------------------


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write only when the content differs; True when written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write(content: SiteContent, docs_dir: Path) -> list[Path]:
    """Write the generated pages under ``docs/<lang>/`` and remove stale generated files.

    The language folders are owned by the generator (git-ignored); a marker file guards
    against wiping a folder legalsite did not create.
    """
    wanted: dict[Path, str | bytes] = {}
    for page in content.pages:
        wanted[docs_dir / page.lang / page.path] = page.content
    for name, text in content.files.items():
        wanted[docs_dir / name] = text
    for name, data in content.binaries.items():
        wanted[docs_dir / name] = data
    for lang in LANGS:
        folder = docs_dir / lang
        if folder.exists() and any(folder.iterdir()) and not (folder / GENERATED_MARKER).exists():
            raise LegalsiteError(
                f"{folder} exists and was not made by legalsite",
                hint=f"{DOCS_DIR}/{lang}/ is generated: move your files elsewhere (e.g. "
                f"{DOCS_DIR}/assets/) and delete the folder",
            )
        wanted[folder / GENERATED_MARKER] = "generated by legalsite: do not edit, not committed\n"
    written = [path for path, text in sorted(wanted.items()) if write_if_changed(path, text)]
    for lang in LANGS:
        for path in sorted((docs_dir / lang).rglob("*")):
            if path.is_file() and path not in wanted:
                path.unlink()
        for path in sorted((docs_dir / lang).rglob("*"), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written


def generate(root: Path, today: date, *, base_url: str = "/") -> SiteContent:
    """Load, check and render the project at ``root`` into ``root/docs`` for ``today``.

    ``base_url`` is the site's address (MkDocs' ``site_url``), for the feeds' absolute links.
    """
    # mkdocs-static-i18n runs the hook once per language: plan once per sources and date.
    pdfs = os.environ.get(PDF_ENV, "1") != "0"
    key = (root.resolve(), sources_digest(root), today, base_url, pdfs)
    content = _PLANNED.get(key)
    if content is None:
        project, calendar = load_project(root), load_calendar(root)
        content = plan(project, calendar, today, base_url=base_url, pdfs=pdfs)
        _PLANNED.clear()
        _PLANNED[key] = content
    write(content, root / DOCS_DIR)
    return content


_PLANNED: dict[tuple[Path, str, date, str, bool], SiteContent] = {}


def nav(content: SiteContent, lang: str) -> list[Any]:
    """The navigation of one language: home, then per document its current text and history."""
    language: Lang = "en" if lang == "en" else "zh"
    items: list[Any] = [{render.t(language, "home_title"): "index.md"}]
    for line in content.timelines:
        document = line.document
        items.append(
            {
                document.title(language): [
                    {
                        render.t(language, "current_version"): render.page_path(
                            document.id, "current"
                        )
                    },
                    {render.t(language, "history"): render.page_path(document.id, "history")},
                    {render.t(language, "at_date"): render.page_path(document.id, "at-date")},
                    {render.t(language, "compare"): render.page_path(document.id, "compare")},
                ]
            }
        )
    return items
