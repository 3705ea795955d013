"""Turning a project into the generated pages and files MkDocs builds, on a given build date.

:func:`plan` is pure; the MkDocs plugin (:mod:`legalsite.plugin`) calls it once per build and
writes :func:`generated_files` into the build's own working folder (:mod:`legalsite.site.folders`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from legalsite.site import clause_history, feeds, reader_pages, removed_clauses, render
from legalsite.model import escape, routes
from legalsite.evidence import docx, ledger, pdf
from legalsite.model.errors import Problem, raise_if_any
from legalsite.compare.account import account
from legalsite.sources.calendar import WorkingCalendar
from legalsite.site.changes import changes_page
from legalsite.compare.diff import Comparison, changed_ids, compare_versions, upcoming_changes
from legalsite.sources.load import Project
from legalsite.model.document import (
    LANGS,
    Document,
    Lang,
    Release,
    Timeline,
    canonical_text,
    text_sha256,
    timeline,
)
from legalsite.model.notice import DEFAULT_NOTICE, NoticeRule
from legalsite.model.words import Key, format_date


def today_in(zone: ZoneInfo, now: datetime | None = None) -> date:
    """Today's date in ``zone``, whatever the machine's time zone."""
    return (now or datetime.now(tz=zone)).astimezone(zone).date()


def publication_dates(
    document: Document, calendar: WorkingCalendar, notice: NoticeRule = DEFAULT_NOTICE
) -> dict[str, date]:
    """Each version's publication date under the document's rule (``notice``, the site's,
    when the document states none)."""
    rule = document.notice or notice
    return {v.id: calendar.publish_date(v.effective, rule) for v in document.versions}


@dataclass(frozen=True)
class SiteContent:
    """Everything generated for one build date."""

    today: date
    timelines: tuple[Timeline, ...]
    pages: tuple[render.Page, ...]
    files: dict[str, str]
    """Other generated files, by path relative to ``docs/`` (``versions.json``...)."""
    unpublished: tuple[Timeline, ...] = ()
    """Documents with no published version yet: absent from the site until their first
    publication date, which is a next change."""
    binaries: dict[str, bytes] = field(default_factory=dict)
    """Generated binary files (the PDFs), by path relative to the docs folder."""

    @property
    def next_change(self) -> date | None:
        """The next day the site must change (a publication or effective date), if any."""
        return next_change((*self.timelines, *self.unpublished))

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
    pdfs: pdf.PdfMaker | None = None,
    pdf_base_url: str | None = None,
    previous: pdf.Reuse | None = None,
    problems: Callable[[], Iterable[Problem]] = tuple,
    notice: NoticeRule = DEFAULT_NOTICE,
    character_classes: Mapping[str, list[list[int]]] | None = None,
) -> SiteContent:
    """The pages and files of the site on ``today``. Pure: reads and writes nothing, except
    through ``pdfs``, which turns the PDFs' HTML into their bytes (without it, no PDFs), and
    ``previous``, the last published site (:mod:`legalsite.evidence.previous`): its files are
    served again as they were, and what this build may not publish is refused
    (:func:`legalsite.evidence.ledger.refusals`, with ``problems``, the previous site's files
    that did not match its ledger), all at once, before any PDF is rendered.
    ``pdf_base_url`` is the address the PDFs give as permanent (default ``base_url``);
    ``notice`` is the site's notice rule, for the documents that state none of their own;
    ``character_classes``, the redline's (:func:`legalsite.compare.redline.character_classes`,
    computed here if not given), as kept between builds."""
    every = [
        timeline(
            document,
            publication_dates(document, calendar, notice),
            today,
            document.notice or notice,
        )
        for document in project.documents
    ]
    # A document with no published version is absent (pages, nav, home, feeds, versions.json).
    timelines = tuple(line for line in every if line.releases)
    unpublished = tuple(line for line in every if not line.releases)
    comparisons = _comparisons(timelines)
    # A version's permanent address (PDFs, JSON-LD, printouts): the declared site address,
    # also in a preview (`mkdocs serve` replaces base_url with its own).
    permanent_base = pdf_base_url or base_url
    texts = {
        ledger.Key(line.document.id, release.id, lang, "text"): canonical_text(
            release.version.texts[lang], release.effective
        )
        for line in timelines
        for release in line.releases
        for lang in LANGS
    }
    refused: list[Problem] = []
    if previous is not None:
        digests = {key: sha256(text) for key, text in texts.items()}
        refused = ledger.refusals(previous.ledger, every, today, calendar, digests)

    def checkpoint() -> None:
        raise_if_any([*refused, *problems()], "refused: nothing was published")

    made = words = None
    if pdfs is not None:
        made = pdf.site_pdfs(
            timelines,
            comparisons,
            pdfs,
            base_url=permanent_base,
            previous=previous,
            checkpoint=checkpoint,
        )
        # Beside each PDF its Word document; those the previous site served, as it served them.
        words = docx.site_docx(timelines, comparisons, _served_docx(timelines, previous))
    checkpoint()
    book = ledger.grow(
        previous.ledger if previous is not None else None,
        _evidence(texts, made, words, previous.ledger if previous is not None else None),
        today,
    )
    pages: list[render.Page] = []
    for lang in LANGS:
        pages.append(render.home_page(list(timelines), lang, unpublished))
        for line in timelines:
            document_pages = _document_pages(
                line, lang, comparisons, made, words, permanent_base
            )
            # From a version's publication date until it takes effect, every page of its
            # document announces it (issue 13), in the HTML as built.
            pages.extend(
                render.with_notice(page, render.upcoming_notice_html(line, lang, page.path))
                for page in document_pages
            )

    def summary(line: Timeline, release: Release, lang: Lang) -> str:
        comparison = comparisons.get((line.document.id, release.id, lang))
        editors = release.version.summary
        parts = [
            render.t(lang, "summary_prefix", text=editors.texts[lang]) if editors else "",
            account(comparison).one_line() if comparison else "",
        ]
        return " ".join(part for part in parts if part)

    files = {
        routes.SITE_FILES["versions"]: versions_json(timelines, today, unpublished, made, words)
    }
    files[routes.SITE_FILES["ledger"]] = ledger.to_json(book)
    by_id = {line.document.id: line for line in every}
    published = {line.document.id: line for line in timelines}
    for lang in LANGS:
        pages.append(render.ledger_page(book, lang, by_id))
        # A document's ledger is one of its pages: it announces an upcoming version as they do.
        for document_id, page in render.document_ledger_pages(book, lang, by_id).items():
            own = published.get(document_id)
            upcoming = render.upcoming_notice_html(own, lang, page.path) if own else ""
            pages.append(render.with_notice(page, upcoming))
    for lang in LANGS:
        files[f"{lang}/{reader_pages.RULES_FILE}"] = reader_pages.rules_json(character_classes)
        files[f"{lang}/{feeds.FEED_FILE}"] = feeds.atom_feed(timelines, lang, base_url, summary)
        for line in timelines:
            doc = line.document.id
            files[f"{lang}/{feeds.document_feed_path(doc)}"] = feeds.atom_feed(
                timelines, lang, base_url, summary, document=doc
            )
            files[f"{lang}/{removed_clauses.map_path(doc)}"] = removed_clauses.map_json(line, lang)
            files[f"{lang}/{reader_pages.versions_path(doc)}"] = reader_pages.versions_json(
                line, lang
            )
            for release in line.releases:
                path = reader_pages.text_json_path(line.document.id, release.id)
                files[f"{lang}/{path}"] = reader_pages.text_json(release, lang)
                text = routes.canonical_text_path(line.document.id, release.id, lang)
                files[f"{lang}/{text}"] = texts[
                    ledger.Key(line.document.id, release.id, lang, "text")
                ]
    binaries = {**made.files, **words.files} if made and words else {}
    return SiteContent(today, timelines, tuple(pages), files, unpublished, binaries)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _served_docx(
    timelines: Iterable[Timeline], previous: pdf.Reuse | None
) -> Callable[[str, str, Lang, bool], bytes | None]:
    """The Word documents the previous site served (its ledger lists them), read and checked
    at once, as ``site_docx`` asks for them."""
    if previous is None:
        return lambda *_: None
    keys = [
        ledger.Key(line.document.id, release.id, lang, kind)
        for line in timelines
        for release in line.releases
        for lang in LANGS
        for kind in ("docx", "changes_docx")
    ]
    found = previous.files(keys)

    def served(document: str, version: str, lang: Lang, changes: bool) -> bytes | None:
        kind: ledger.Kind = "changes_docx" if changes else "docx"
        return found.get(ledger.Key(document, version, lang, kind))

    return served


def _evidence(
    texts: dict[ledger.Key, str],
    made: pdf.SitePdfs | None,
    words: docx.SiteDocx | None,
    previous: ledger.Ledger | None,
) -> dict[ledger.Key, ledger.Served]:
    """Every file of this build the site lists as evidence, with its digest and size: the
    canonical texts, the PDFs and Word documents served, and (first publication only: else
    they come from the previous ledger) the digests of the PDFs' earlier editions."""
    out = {
        key: ledger.Served(sha256(text), len(text.encode("utf-8"))) for key, text in texts.items()
    }
    for (doc, version, lang), record in (words.records if words else {}).items():
        for kind in ("docx", "changes_docx"):
            entry = record[kind]
            if entry is not None:
                data = words.files[f"{lang}/{entry['path']}"] if words else b""
                key = ledger.Key(doc, version, lang, kind)
                out[key] = ledger.Served(entry["sha256"], len(data))
    if made is None:
        return out
    for (doc, version, lang), record in made.records.items():
        served = record["pdf"]
        data = made.files[f"{lang}/{served['path']}"]
        key = ledger.Key(doc, version, lang, "pdf", served["status"], served["as_of"])
        out[key] = ledger.Served(served["sha256"], len(data))
        if previous is None:
            for old in served["earlier"]:
                earlier = ledger.Key(doc, version, lang, "pdf", old["status"], old["as_of"])
                out[earlier] = ledger.Served(old["sha256"], made.sizes[old["sha256"]])
        changes = record["changes_pdf"]
        if changes is not None:
            data = made.files[f"{lang}/{changes['path']}"]
            key = ledger.Key(doc, version, lang, "changes_pdf")
            out[key] = ledger.Served(changes["sha256"], len(data))
    return out


Comparisons = dict[tuple[str, str, Lang], Comparison]
"""Each version compared with the one before it, by (document, version, language)."""


def _comparisons(timelines: Iterable[Timeline]) -> Comparisons:
    # Each version is compared with the one before it only: the build grows linearly.
    # Both languages at once: each is told what changed in the other only.
    return {
        (line.document.id, release.id, lang): comparison
        for line in timelines
        for release in line.releases
        if release.previous is not None
        for lang, comparison in compare_versions(release.previous, release.version).items()
    }


def _document_pages(
    line: Timeline,
    lang: Lang,
    comparisons: Comparisons,
    made: pdf.SitePdfs | None,
    words: docx.SiteDocx | None,
    permanent_base: str,
) -> list[render.Page]:
    """Every page of one document in one language, in the order of the site's plan."""
    doc = line.document.id
    own = {r.id: comparisons[(doc, r.id, lang)] for r in line.releases if r.previous}
    changes = {version: routes.page_path(doc, "changes", version) for version in own}
    counts = {version: account(comparison).summary for version, comparison in own.items()}
    pages = [render.history_page(line, lang, changes, counts)]
    gone = removed_clauses.removals(line, lang)
    for index, release in enumerate(line.releases):
        following = line.releases[index + 1] if index + 1 < len(line.releases) else None
        # While the next version is published but not in force, the text in force says, at
        # each clause it changes, moves or removes, what happens on which day (issue 25).
        soon = (
            (following, own[following.id])
            if release.status == "current" and following and following.status == "upcoming"
            else None
        )
        version_pages = _version_pages(
            line,
            release,
            lang,
            own.get(release.id),
            changes,
            made,
            words,
            permanent_base,
            gone,
            soon,
            {other: comparisons[(doc, release.id, other)] for other in LANGS}
            if release.previous
            else None,
        )
        # Printed, every page of this version says where it lives (issue 13): the version's
        # own address for its text, each page's own for the others.
        permanent = routes.page_path(doc, "version", release.id)
        for page in version_pages:
            own_path = permanent if page.path.endswith("index.md") else page.path
            facts = render.print_facts_html(lang, permanent_base + routes.site_url(lang, own_path))
            pages.append(render.Page(page.lang, page.path, f"{page.content.rstrip()}\n\n{facts}\n"))
    if line.current is None:
        pages.append(render.no_current_page(line, lang))
    if line.releases:
        pages.append(reader_pages.at_date_page(line, lang))
        pages.append(reader_pages.compare_page(line, lang))
        pages.extend(clause_history.clause_pages(line, lang, own))
    return pages


def _version_pages(
    line: Timeline,
    release: Release,
    lang: Lang,
    comparison: Comparison | None,
    changes: dict[str, str],
    made: pdf.SitePdfs | None,
    words: docx.SiteDocx | None,
    permanent_base: str,
    gone: list[removed_clauses.Removal],
    soon: tuple[Release, Comparison] | None = None,
    both: Mapping[Lang, Comparison] | None = None,
) -> list[render.Page]:
    """A version's changes page (if it has a previous one), its page (and the document's
    current page, when it is in force) and its side-by-side page. ``soon``: the version
    published to follow it, and its comparison with it (its pages mark what will change);
    ``both``: the comparisons of both languages with the version before (the side-by-side
    page says what changed in each)."""
    doc = line.document.id
    pages: list[render.Page] = []
    markers: dict[str, str] = {}
    if comparison is not None:
        pages.append(changes_page(line, release, comparison))
        markers = {
            anchor: f"{routes.page_url(changes[release.id])}#{escape.anchor(anchor)}"
            for anchor in changed_ids(comparison)
        }
    for stable in (False, True) if release.status == "current" else (False,):
        path = routes.page_path(doc, "current" if stable else "version", release.id)
        pages.append(
            render.version_page(
                line,
                release,
                lang,
                stable=stable,
                markers={k: _relative(path, v) for k, v in markers.items()},
                changes_path=changes.get(release.id),
                pdf_paths=made.links(doc, release.id, lang) if made else None,
                docx_paths=words.links(doc, release.id, lang) if words else None,
                base_url=permanent_base,
                notice=removed_clauses.notice_html(line, release, lang, path, gone),
                upcoming=_upcoming(doc, path, soon),
            )
        )
    pages.append(reader_pages.bilingual_page(line, release, lang, both))
    return pages


def _upcoming(
    doc: str, path: str, soon: tuple[Release, Comparison] | None
) -> render.Upcoming | None:
    if soon is None:
        return None
    following, comparison = soon
    return render.Upcoming(
        effective=following.effective,
        statuses=upcoming_changes(comparison),
        version_url=routes.relative_url(path, routes.page_path(doc, "version", following.id)),
        changes_url=routes.relative_url(path, routes.page_path(doc, "changes", following.id)),
    )


def _relative(from_path: str, url: str) -> str:
    """A language-relative page URL with a fragment, made relative to the page at from_path."""
    page, _, fragment = url.partition("#")
    target = page + "index.md" if page.endswith("/") else page
    return routes.relative_url(from_path, target) + (f"#{fragment}" if fragment else "")


def versions_json(
    timelines: Iterable[Timeline],
    today: date,
    unpublished: Iterable[Timeline] = (),
    pdfs: pdf.SitePdfs | None = None,
    words: docx.SiteDocx | None = None,
) -> str:
    """The machine-readable index apps read to record which version a user accepted, and
    ``legalsite verify`` reads to recognise a saved copy (with ``pdfs``, each PDF's SHA-256;
    with ``words``, each Word document's, listed the same way).

    ``unpublished`` documents are not listed; their first publication date counts as a next
    change."""
    documents: list[dict[str, Any]] = []
    timelines = tuple(timelines)
    upcoming = next_change((*timelines, *unpublished))
    for line in timelines:
        versions = []
        for release in line.releases:
            languages = {}
            for lang in LANGS:
                languages[lang] = {
                    "url": routes.site_url(
                        lang, routes.page_path(line.document.id, "version", release.id)
                    ),
                    "sha256": text_sha256(release.version.texts[lang], release.effective),
                    "text_url": routes.file_url(
                        lang, routes.canonical_text_path(line.document.id, release.id, lang)
                    ),
                    "changes_url": routes.site_url(
                        lang, routes.page_path(line.document.id, "changes", release.id)
                    )
                    if release.previous
                    else None,
                }
                if pdfs is not None:
                    languages[lang].update(pdfs.versions_entry(line.document.id, release.id, lang))
                if words is not None:
                    languages[lang].update(words.versions_entry(line.document.id, release.id, lang))
            summary = release.version.summary
            versions.append(
                {
                    "id": release.id,
                    "effective": release.effective.isoformat(),
                    "published": release.published.isoformat(),
                    "status": release.status,
                    "kind": summary.kind if summary else None,
                    "summary": {lang: summary.texts[lang] for lang in LANGS} if summary else None,
                    "languages": languages,
                    **({"label": release.version.label} if release.version.label else {}),
                    **(
                        {"source_date": str(release.version.source_date)}
                        if release.version.source_date
                        else {}
                    ),
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
    return escape.json_text(data, indent=2) + "\n"


def generated_files(content: SiteContent) -> dict[str, str | bytes]:
    """Every file MkDocs builds the site from, by path relative to its docs folder: the pages
    under ``<lang>/``, the other files (``versions.json``, feeds, ``text.json``), the PDFs and
    the Word documents."""
    files: dict[str, str | bytes] = {f"{p.lang}/{p.path}": p.content for p in content.pages}
    files.update(content.files)
    files.update(content.binaries)
    return files


def nav(content: SiteContent, lang: str) -> list[Any]:
    """The navigation of one language: home, then per document its pages that do not depend on
    a version (current text, history, at a date, compare, clause history). The versions are
    not in it (issue 23): every page would carry every version. A version's pages get their
    own entry on those pages only (:func:`version_nav`); the history page lists them all."""
    language: Lang = "en" if lang == "en" else "zh"
    items: list[Any] = [{render.t(language, "home_title"): "index.md"}]
    for line in content.timelines:
        document = line.document
        items.append(
            {
                escape.html_text(document.title(language)): [
                    {render.t(language, key): routes.page_path(document.id, kind)}
                    for key, kind in DOCUMENT_NAV
                ]
            }
        )
    return items


DOCUMENT_NAV: tuple[tuple[Key, routes.PageKind], ...] = (
    ("current_version", "current"),
    ("history", "history"),
    ("at_date", "at-date"),
    ("compare", "compare"),
    ("clause_history", "clauses"),
)
"""A document's entries in every page's navigation: (word, page kind), in order."""


def version_nav(line: Timeline, version: str, lang: Lang) -> list[Any]:
    """The entry a page of one version adds to its document's navigation, in the form of
    :func:`nav`: versions → the version → its pages (text, changes but for the first, side by
    side). A reader sees where they are, document → version → page, expanded (issue 16); the
    entry is the same size at one version or three hundred (issue 23)."""
    doc = line.document.id
    release = next(r for r in line.releases if r.id == version)
    pages: list[Any] = [{render.t(lang, "full_text"): routes.page_path(doc, "version", release.id)}]
    if release.previous is not None:
        pages.append({render.t(lang, "changes"): routes.page_path(doc, "changes", release.id)})
    pages.append({render.t(lang, "bilingual"): routes.page_path(doc, "bilingual", release.id)})
    label = render.t(lang, "nav_version", date=format_date(lang, release.effective))
    return [{render.t(lang, "nav_versions"): [{escape.html_text(label): pages}]}]
