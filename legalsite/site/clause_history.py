"""The history of each clause: for every element of a document, the published versions in which
it was added, changed, moved, renumbered or removed, each linked to that version's redline at the
element.

Every element is named as the account names it (:attr:`legalsite.compare.account.Entry.citation`,
:mod:`legalsite.model.citation`: 第一条第2款 / Section 1, paragraph 2), never by its id, which is
only the anchor: its head in the numbering of the text in force (of the version it was removed
from, of the upcoming one it comes in), each change in the numbering of that change's version,
as that version's redline cites it.

Built from the comparisons of each version with the one before it, which the build makes anyway:
the page grows linearly with the versions. Pure: returns a page; every editor's string goes
through its context's encoder (:mod:`legalsite.model.escape`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from legalsite.compare.account import Entry, entry
from legalsite.compare.diff import Comparison, Element, elements
from legalsite.model import escape, routes
from legalsite.model.document import Lang, Release, Timeline
from legalsite.model.words import format_date, keyed, t
from legalsite.site import removed_clauses, render
from legalsite.site.changes import cite_html

EXCERPT = 60
"""Characters of a clause's text shown beside its citation."""


@dataclass(frozen=True)
class Event:
    """A version that touched an element, and its redline's account of the change: the label,
    the citation in that version's numbering and the notes."""

    release: Release
    entry: Entry

    @property
    def label(self) -> str:
        return self.entry.label

    @property
    def notes(self) -> tuple[str, ...]:
        return self.entry.notes


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
            events.setdefault(change.id, []).append(Event(release, entry(comparison, change)))
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


RECENT = 1
"""Changes of a clause listed on the page of every clause: the newest. The earlier ones are on
the pages of the years they took effect in, a link away (issue 23: the page of every clause
weighs about what it weighs at one version, however many versions changed its clauses)."""


def clauses_page(
    timeline: Timeline, lang: Lang, comparisons: Mapping[str, Comparison]
) -> render.Page:
    """``/<document>/clauses/``: one entry per id, at the id's anchor."""
    return clause_pages(timeline, lang, comparisons)[0]


def clause_pages(
    timeline: Timeline, lang: Lang, comparisons: Mapping[str, Comparison]
) -> list[render.Page]:
    """The page of every clause, then one page per year of the changes it leaves out, newest
    year first (``/<document>/clauses/<year>/``).

    On the first, each id: since the first version (or the change that added it) and its
    newest change; with more changes, a link to the newest year of its earlier ones in place
    of where it began. A year's page lists, for every id, its earlier changes of that year,
    after since the first version on the page of its oldest year; each year's page links to
    the others. Read from the oldest year to the first page, an id's entries are its whole
    history, each change once."""
    document = timeline.document
    path = routes.page_path(document.id, "clauses")
    found = records(timeline, lang, comparisons)
    years = sorted({e.release.effective.year for r in found for e in r.events[:-RECENT]})
    year_paths = {year: routes.page_path(document.id, "clause-year", str(year)) for year in years}
    gone = removed_clauses.last_removals(timeline, lang)
    first_release = timeline.releases[0] if timeline.releases else None
    parts = [
        f"<p>{escape.html_text(t(lang, 'clause_history_intro', title=document.title(lang)))}</p>",
    ]
    by_year: dict[int, list[str]] = {year: [] for year in years}
    for record in found:
        anchor = record.element.id
        earlier, recent = record.events[:-RECENT], record.events[-RECENT:]
        start = []
        if record.first and first_release is not None:
            start.append(_since_first(first_release, timeline, anchor, lang))
        items = []
        if earlier:
            newest = year_paths[earlier[-1].release.effective.year]
            items.append(
                f'<li><a href="{_href(path, newest, anchor)}">'
                f"{escape.html_text(t(lang, 'clause_earlier'))}</a></li>"
            )
            oldest = earlier[0].release.effective.year
            for year in sorted({e.release.effective.year for e in earlier}):
                here = year_paths[year]
                listed = [_item(here, item) for item in start] if year == oldest else []
                listed += [
                    _event(here, timeline, e, anchor, lang)
                    for e in earlier
                    if e.release.effective.year == year
                ]
                by_year[year].append(_entry(record.element, lang, listed))
        else:
            items += [_item(path, item) for item in start]
        items += [_event(path, timeline, event, anchor, lang) for event in recent]
        if not record.events:
            items.append(f"<li>{escape.html_text(t(lang, 'clause_unchanged'))}</li>")
        removal = gone.get(anchor)
        if removal is not None:
            # Before its removal (the last event): the clause as it last read (issue 16; what a
            # link to it from a later version says with JavaScript, site.removed_clauses).
            last = routes.page_path(document.id, "version", removal.last.id)
            date = format_date(lang, removal.last.effective)
            items.insert(
                len(items) - 1,
                f'<li><a href="{_href(path, last, anchor)}">'
                f"{escape.html_text(t(lang, 'clause_last_in', date=date))}</a></li>",
            )
        parts.append(_entry(record.element, lang, items))
    title = t(lang, "clause_history_title", title=document.title(lang))
    pages = [_page(timeline, lang, path, title, parts, None)]
    for year in reversed(years):
        here = year_paths[year]
        others = " · ".join(
            str(other)
            if other == year
            else f'<a href="{routes.relative_url(here, year_paths[other])}">{other}</a>'
            for other in reversed(years)
        )
        intro = t(lang, "clause_year_intro", title=document.title(lang), year=str(year))
        back = escape.html_attr(routes.relative_url(here, path))
        heading = t(lang, "clause_year_title", title=document.title(lang), year=str(year))
        year_parts = [
            f"<p>{escape.html_text(intro)}</p>",
            f'<p><a href="{back}">{escape.html_text(t(lang, "clause_history"))}</a> · {others}</p>',
            *by_year[year],
        ]
        pages.append(_page(timeline, lang, here, heading, year_parts, year))
    return pages


def _item(path: str, item: tuple[str, str, str]) -> str:
    """A list item linking to ``target#anchor`` from the page at ``path``."""
    target, anchor, text = item
    return f'<li><a href="{_href(path, target, anchor)}">{escape.html_text(text)}</a></li>'


def _href(path: str, target: str, anchor: str) -> str:
    return escape.html_attr(f"{routes.relative_url(path, target)}#{escape.anchor(anchor)}")


def _since_first(
    first: Release, timeline: Timeline, anchor: str, lang: Lang
) -> tuple[str, str, str]:
    version = routes.page_path(timeline.document.id, "version", first.id)
    return version, anchor, t(lang, "clause_since_first", date=format_date(lang, first.effective))


def _event(path: str, timeline: Timeline, event: Event, anchor: str, lang: Lang) -> str:
    changes = routes.page_path(timeline.document.id, "changes", event.release.id)
    day = format_date(lang, event.release.effective)
    upcoming = event.release.status == "upcoming"
    date = t(lang, "clause_upcoming_in" if upcoming else "clause_added_in", date=day)
    notes = "".join(f" {note}" for note in event.notes)
    return (
        f'<li><a href="{_href(path, changes, anchor)}">{escape.html_text(date)}</a>: '
        f'<span class="ls-change-label">{escape.html_text(event.label)}</span>'
        f"{cite_html(event.entry)}{escape.html_text(notes)}</li>"
    )


def _entry(element: Element, lang: Lang, items: list[str]) -> str:
    """An element's entry at its id (the anchor): its citation as the account gives it
    (第二条第（四）项第1款 / Section 2(d), paragraph 1; the section's for a list or table, whose
    kind says which), its kind and the start of its text; never its id."""
    anchor = escape.anchor(element.id)
    kind = t(lang, keyed("kind", element.kind))
    head = (
        f'<p class="ls-clause-history-head"><strong>{escape.html_text(element.citation)}</strong> '
        f"{escape.html_text(kind)} "
        f'<span class="ls-clause-history-text">{escape.html_text(_excerpt(element.text))}'
        "</span></p>"
    )
    listed = "\n".join(items)
    return f'<div class="ls-clause-history" id="{anchor}">\n{head}\n<ul>\n{listed}\n</ul>\n</div>'


def _page(
    timeline: Timeline, lang: Lang, path: str, title: str, parts: list[str], year: int | None
) -> render.Page:
    page: dict[str, object] = {"document": timeline.document.id, "page": "clauses"}
    if year is not None:
        page["year"] = year
    data = {"title": title, "search": {"exclude": True}, "legalsite": page}
    body = "\n\n".join([f"# {escape.md_inline(title)}", *parts])
    return render.Page(lang, path, f"---\n{render.front_matter(data)}\n---\n\n{body}\n")
