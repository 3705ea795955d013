"""Links to clauses a version no longer has (issue 16).

A reader who follows ``/<document>/#<id>`` (or ``.../<version>/#<id>``) after the clause was
deleted would land at the top of the page, not told why. Each document ships a small map,
``<document>/removed.json`` in each language folder: for every id a version removed, the last
version that had it and the version that removed it (an id removed, added again and removed
again has one pair per removal). ``legalsite-removed.js`` reads the address's fragment (also
when it changes) and, when that id is not on the page but an earlier version removed it, fills
the notice at the top of the text (:func:`notice_html`): that the clause is no longer in this
version, with links to it in the last version that had it and to the redline that removed it.

Made from the ids of each version and the one before it: the map grows linearly with the
versions. Pure; every value goes through its context's encoder (:mod:`legalsite.model.escape`). Without
JavaScript, the document's clauses page lists every removed id with the same two links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from legalsite.model import escape, routes
from legalsite.compare.diff import elements
from legalsite.model.document import Lang, Release, Timeline
from legalsite.model.words import format_date
from legalsite.site.reader_pages import asset_prefix
from legalsite.model.words import STRINGS, Key

MAP_FILE = "removed.json"
SCRIPT = "assets/legalsite-removed.js"

NOTICE_STRINGS: tuple[Key, ...] = ("removed_notice", "removed_last_link", "removed_changes_link")
"""The notice's words, given to the script as ``data-`` attributes of the notice."""


def map_path(document: str) -> str:
    """Where a document's map lives, relative to a language folder."""
    return f"{document}/{MAP_FILE}"


@dataclass(frozen=True)
class Removal:
    """An id that ``removed_in`` no longer has, and the version before it (``last``) had."""

    id: str
    last: Release
    removed_in: Release


def ids(release: Release, lang: Lang) -> list[str]:
    """The ids a reader can link to on the release's page, in reading order (the title is the
    page's own and has none)."""
    return [e.id for e in elements(release.version.texts[lang]) if e.kind != "title"]


def removals(timeline: Timeline, lang: Lang) -> list[Removal]:
    """Every removal of an id between consecutive published versions, oldest first, each in
    the reading order of the version that still had it."""
    found: list[Removal] = []
    for before, after in pairwise(timeline.releases):
        kept = set(ids(after, lang))
        found.extend(
            Removal(anchor, before, after) for anchor in ids(before, lang) if anchor not in kept
        )
    return found


def last_removals(timeline: Timeline, lang: Lang) -> dict[str, Removal]:
    """For each id the newest version does not have, its last removal."""
    latest = set(ids(timeline.releases[-1], lang)) if timeline.releases else set()
    return {r.id: r for r in removals(timeline, lang) if r.id not in latest}


def _doc_url(document: str, path: str) -> str:
    """A page's URL relative to the document's folder, where the map lives (and the page of
    the current version)."""
    return routes.relative_url(routes.page_path(document, "current"), path)


def map_data(timeline: Timeline, lang: Lang) -> dict[str, Any]:
    """``versions``: each published version, oldest first, with its date in ``lang``, its page
    and its redline (URLs relative to the map); ``removed``: id → [[last, removed in], ...] as
    indexes into ``versions``, oldest removal first."""
    document = timeline.document.id
    index = {release.id: i for i, release in enumerate(timeline.releases)}
    versions = [
        {
            "id": release.id,
            "date": format_date(lang, release.effective),
            "url": _doc_url(document, routes.page_path(document, "version", release.id)),
            "changes": _doc_url(document, routes.page_path(document, "changes", release.id))
            if release.previous is not None
            else None,
        }
        for release in timeline.releases
    ]
    removed: dict[str, list[list[int]]] = {}
    for removal in removals(timeline, lang):
        pair = [index[removal.last.id], index[removal.removed_in.id]]
        removed.setdefault(escape.anchor(removal.id), []).append(pair)
    return {"versions": versions, "removed": removed}


def map_json(timeline: Timeline, lang: Lang) -> str:
    """The map as the site serves it."""
    return escape.json_text(map_data(timeline, lang), compact=True) + "\n"


def notice_html(
    timeline: Timeline, release: Release, lang: Lang, path: str, found: Sequence[Removal]
) -> str:
    """The notice of a version page (``path``), empty and hidden until the script fills it,
    and the script. Its words and the map's address are ``data-`` attributes. ``found``: the
    document's :func:`removals` (made once per document and language, not once per page).
    Nothing on a page of a version up to which no version removed an id: no link to it can
    need one."""
    if not any(r.removed_in.effective <= release.effective for r in found):
        return ""
    words = " ".join(
        f'data-{key.replace("_", "-")}="{escape.html_attr(STRINGS[lang][key])}"'
        for key in NOTICE_STRINGS
    )
    url = escape.html_attr(routes.relative_file(path, map_path(timeline.document.id)))
    script = escape.html_attr(asset_prefix(path, lang) + SCRIPT)
    return (
        f'<div class="ls-banner ls-banner-warning ls-removed" role="status" tabindex="-1" '
        f'hidden data-map="{url}" data-version="{escape.html_attr(release.id)}" {words}>'
        "</div>\n"
        f'<script src="{script}" defer></script>'
    )
