"""The history of each clause: for every id of a document, the published versions in which it was
added, changed, moved, renumbered or removed, each linked to that version's redline at the id.

Built from the comparisons of each version with the one before it, which the build makes anyway:
the page grows linearly with the versions. Pure: returns a page; every editor's string goes
through its context's encoder (:mod:`legalsite.model.escape`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from legalsite.model import escape, routes
from legalsite.site import removed_clauses, render
from legalsite.compare.account import entry
from legalsite.compare.diff import Comparison, Element, elements
from legalsite.model.document import Lang, Release, Timeline
from legalsite.model.words import format_date
from legalsite.model.words import keyed, t

EXCERPT = 60
"""Characters of a clause's text shown beside its id."""


@dataclass(frozen=True)
class Event:
    release: Release
    label: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Record:
    """One id: how it last read, whether it was in the first version, and what happened to it."""

    element: Element
    first: bool
    events: tuple[Event, ...]


def records(timeline: Timeline, lang: Lang, comparisons: Mapping[str, Comparison]) -> list[Record]:
    """Every id of the document's visible versions (but the title), in the latest version's
    reading order, then those removed since, in the order they went. ``comparisons`` maps a
    version id to its comparison with the version before it."""
    releases = timeline.releases
    if not releases:
        return []
    latest: dict[str, Element] = {}
    events: dict[str, list[Event]] = {}
    first = {e.id for e in elements(releases[0].version.texts[lang])}
    # Until a published version takes effect, each id reads as in the text in force, in its
    # numbering (issue 25); the upcoming version's events are listed as such, and its new ids
    # come last.
    in_force = [r for r in releases if r.status != "upcoming"] or list(releases)
    for release in releases:
        for element in elements(release.version.texts[lang]):
            if release in in_force or element.id not in latest:
                latest[element.id] = element
        comparison = comparisons.get(release.id)
        if comparison is None:
            continue
        for change in comparison.touched():
            item = entry(comparison, change)
            events.setdefault(change.id, []).append(Event(release, item.label, item.notes))
    current = [e.id for e in elements(in_force[-1].version.texts[lang])]
    known = set(current)
    seen = {e.id for r in in_force for e in elements(r.version.texts[lang])}
    gone = [anchor for anchor in latest if anchor not in known and anchor in seen]
    coming = [anchor for anchor in latest if anchor not in seen]
    order = [anchor for anchor in [*current, *gone, *coming] if anchor != "title"]
    return [
        Record(latest[anchor], anchor in first, tuple(events.get(anchor, ()))) for anchor in order
    ]


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT].rstrip() + "…"


def clauses_page(
    timeline: Timeline, lang: Lang, comparisons: Mapping[str, Comparison]
) -> render.Page:
    """``/<document>/clauses/``: one entry per id, at the id's anchor."""
    document = timeline.document
    path = routes.page_path(document.id, "clauses")
    title = t(lang, "clause_history_title", title=document.title(lang))
    parts = [
        f"# {escape.md_inline(title)}",
        f"<p>{escape.html_text(t(lang, 'clause_history_intro', title=document.title(lang)))}</p>",
    ]
    first_release = timeline.releases[0] if timeline.releases else None
    gone = removed_clauses.last_removals(timeline, lang)
    for record in records(timeline, lang, comparisons):
        element = record.element
        anchor = escape.anchor(element.id)
        kind = t(lang, keyed("kind", element.kind))
        where = element.place
        if element.number and element.kind != "section":
            where = f"{element.place} {element.number}"
        head = (
            f'<p class="ls-clause-history-head"><strong>{escape.html_text(where)}</strong> '
            f"{escape.html_text(kind)} <code>{escape.html_text(element.id)}</code> "
            f'<span class="ls-clause-history-text">{escape.html_text(_excerpt(element.text))}'
            "</span></p>"
        )
        items = []
        if record.first and first_release is not None:
            version = routes.page_path(document.id, "version", first_release.id)
            url = escape.html_attr(routes.relative_url(path, version))
            date = format_date(lang, first_release.effective)
            items.append(
                f'<li><a href="{url}#{anchor}">'
                f"{escape.html_text(t(lang, 'clause_since_first', date=date))}</a></li>"
            )
        for event in record.events:
            url = escape.html_attr(
                routes.relative_url(
                    path, routes.page_path(document.id, "changes", event.release.id)
                )
            )
            day = format_date(lang, event.release.effective)
            upcoming = event.release.status == "upcoming"
            date = t(lang, "clause_upcoming_in" if upcoming else "clause_added_in", date=day)
            notes = "".join(f" {note}" for note in event.notes)
            items.append(
                f'<li><a href="{url}#{anchor}">{escape.html_text(date)}</a>: '
                f'<span class="ls-change-label">{escape.html_text(event.label)}</span>'
                f"{escape.html_text(notes)}</li>"
            )
        if not record.events:
            items.append(f"<li>{escape.html_text(t(lang, 'clause_unchanged'))}</li>")
        removal = gone.get(element.id)
        if removal is not None:
            # Before its removal (the last event): the clause as it last read (issue 16; what
            # a link to it from a later version says with JavaScript, legalsite.site.removed_clauses).
            last = routes.page_path(document.id, "version", removal.last.id)
            url = escape.html_attr(routes.relative_url(path, last))
            date = format_date(lang, removal.last.effective)
            items.insert(
                len(items) - 1,
                f'<li><a href="{url}#{anchor}">'
                f"{escape.html_text(t(lang, 'clause_last_in', date=date))}</a></li>",
            )
        listed = "\n".join(items)
        parts.append(
            f'<div class="ls-clause-history" id="{anchor}">\n{head}\n<ul>\n{listed}\n</ul>\n</div>'
        )
    data = {
        "title": title,
        "search": {"exclude": True},
        "legalsite": {"document": document.id, "page": "clauses"},
    }
    content = f"---\n{render.front_matter(data)}\n---\n\n" + "\n\n".join(parts) + "\n"
    return render.Page(lang, path, content)
