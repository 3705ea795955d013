"""Atom feeds, one per language, announcing each published version (feedgen writes the XML).

Reproducible: every timestamp comes from the versions' publication dates (midnight in
Asia/Shanghai), never from the clock, so the same sources and build date give the same bytes.
Every string goes through :func:`legalsite.escape.xml_text` (feedgen escapes the markup; a
character XML cannot carry is shown as an escape instead of crashing the writer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from legalsite import routes
from legalsite.escape import xml_text
from legalsite.model import Lang, Release, Timeline, format_date
from legalsite.strings import t

TIMEZONE = ZoneInfo("Asia/Shanghai")
FEED_FILE = routes.file_path("feed")
EPOCH = date(2000, 1, 1)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=TIMEZONE)


def atom_feed(
    timelines: Iterable[Timeline],
    lang: Lang,
    base_url: str,
    summary: Callable[[Timeline, Release, Lang], str] | None = None,
) -> str:
    """The Atom feed of one language; ``base_url`` is the site's root URL (ends with /)."""
    lines = list(timelines)
    root = base_url + ("" if lang == "zh" else f"{lang}/")
    releases = sorted(
        ((line, release) for line in lines for release in line.releases),
        key=lambda pair: (pair[1].published, pair[1].effective, pair[0].document.id),
        reverse=True,
    )
    feed = FeedGenerator()
    feed.id(xml_text(root + FEED_FILE))
    feed.title(xml_text(t(lang, "feed_title", site=t(lang, "site_name"))))
    feed.language("zh-CN" if lang == "zh" else "en")
    feed.link(href=xml_text(root), rel="alternate")
    feed.link(href=xml_text(root + FEED_FILE), rel="self")
    feed.generator("legalsite")
    newest = releases[0][1].published if releases else EPOCH
    feed.updated(_midnight(newest))
    # feedgen lists entries newest-first when added oldest-first.
    for line, release in reversed(releases):
        document = line.document
        title = release.version.texts[lang].title
        url = xml_text(root + routes.page_url(routes.page_path(document.id, "version", release.id)))
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
        dates = (
            f"{t(lang, 'effective')}: {format_date(lang, release.effective)}; "
            f"{t(lang, 'published')}: {format_date(lang, release.published)}."
        )
        extra = summary(line, release, lang) if summary else ""
        entry.summary(xml_text(f"{dates} {extra}".strip()))
    xml: bytes = feed.atom_str(pretty=True)
    return xml.decode("utf-8")
