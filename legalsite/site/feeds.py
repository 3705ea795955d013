"""Atom feeds announcing each published version, one per language for the site and one per
language for each document (feedgen writes the XML).

Reproducible: every timestamp comes from the versions' publication dates (midnight in
Asia/Shanghai), never from the clock, so the same sources and build date give the same bytes.
Every string goes through :func:`legalsite.model.escape.xml_text` (feedgen escapes the markup; a
character XML cannot carry is shown as an escape instead of crashing the writer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from legalsite.compare.account import prominent_sentence
from legalsite.model import routes
from legalsite.model.escape import xml_text
from legalsite.model.document import Lang, Release, Timeline
from legalsite.model.words import format_date, format_source_date
from legalsite.model.words import t

TIMEZONE = ZoneInfo("Asia/Shanghai")
FEED_FILE = routes.file_path("feed")
EPOCH = date(2000, 1, 1)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=TIMEZONE)


def document_feed_path(document: str) -> str:
    """The feed of one document, relative to a language folder (beside its pages)."""
    return f"{document}/{FEED_FILE}"


def atom_feed(
    timelines: Iterable[Timeline],
    lang: Lang,
    base_url: str,
    summary: Callable[[Timeline, Release, Lang], str] | None = None,
    *,
    document: str | None = None,
) -> str:
    """The Atom feed of one language; ``base_url`` is the site's root URL (ends with /).
    With ``document``, the feed of that document only (:func:`document_feed_path`)."""
    lines = [line for line in timelines if document is None or line.document.id == document]
    root = base_url + ("" if lang == "zh" else f"{lang}/")
    if document is None:
        own, home, title = FEED_FILE, root, t(lang, "feed_title", site=t(lang, "site_name"))
    else:
        own = document_feed_path(document)
        home = root + routes.page_url(routes.page_path(document, "current"))
        name = lines[0].document.title(lang) if lines else document
        title = t(lang, "document_feed_title", title=name)
    releases = sorted(
        ((line, release) for line in lines for release in line.releases),
        key=lambda pair: (pair[1].published, pair[1].effective, pair[0].document.id),
        reverse=True,
    )
    feed = FeedGenerator()
    feed.id(xml_text(root + own))
    feed.title(xml_text(title))
    feed.language("zh-CN" if lang == "zh" else "en")
    feed.link(href=xml_text(home), rel="alternate")
    feed.link(href=xml_text(root + own), rel="self")
    feed.generator("legalsite")
    newest = releases[0][1].published if releases else EPOCH
    feed.updated(_midnight(newest))
    # feedgen lists entries newest-first when added oldest-first.
    for line, release in reversed(releases):
        title = release.version.texts[lang].title
        url = xml_text(
            root + routes.page_url(routes.page_path(line.document.id, "version", release.id))
        )
        entry = feed.add_entry()
        entry.id(url)
        entry.title(
            xml_text(
                t(lang, "version_title", title=title, date=format_date(lang, release.effective))
            )
        )
        entry.link(href=url, rel="alternate")
        entry.published(_midnight(release.published))
        entry.updated(_midnight(release.published))
        dates = t(
            lang,
            "feed_dates",
            effective=format_date(lang, release.effective),
            published=format_date(lang, release.published),
        )
        extra = summary(line, release, lang) if summary else ""
        if release.version.source_date:
            stated = format_source_date(lang, release.version.source_date)
            dates = f"{t(lang, 'source_date')} {stated} · {dates}"
        if release.version.label:
            dates = f"{t(lang, 'version_label')} {release.version.label} · {dates}"
        extra = _with_prominent(extra, release, lang)
        entry.summary(xml_text(f"{dates} {extra}".strip()))
    xml: bytes = feed.atom_str(pretty=True)
    return xml.decode("utf-8")


def _with_prominent(extra: str, release: Release, lang: Lang) -> str:
    """``extra`` and, when the version adds, changes, removes or un-marks a prominent term,
    the sentence that says which (:func:`legalsite.compare.account.prominent_sentence`)."""
    old = release.previous.texts[lang] if release.previous is not None else None
    said = prominent_sentence(old, release.version.texts[lang])
    if not said:
        return extra
    return f"{extra}{'' if lang == 'zh' else ' '}{said}" if extra else said
