"""The changes page of a version: a summary, then each touched section's redline.

Unchanged blocks around the changes are collapsed into ``<details>``; every changed clause,
list item and table row keeps its id, so a version page's change marker can link to it.
Every editor's string goes through :mod:`legalsite.model.escape` (redline.to_html uses it too).
"""

from __future__ import annotations

from legalsite.model import escape, routes
from legalsite.site import render
from legalsite.compare.account import Account, Entry, Group, Part, account
from legalsite.compare.diff import Comparison
from legalsite.model.document import Lang, Release, Timeline
from legalsite.model.words import format_date
from legalsite.compare.redline import to_html
from legalsite.model.words import Key, t


def _attrs(entry: Entry, *base: str) -> str:
    """``id`` and ``class`` of a changed element's HTML; no empty attribute."""
    classes = [*base]
    if entry.touched:
        classes += ["ls-change", f"ls-change-{entry.status}"]
    css = f' class="{" ".join(classes)}"' if classes else ""
    return f'id="{escape.anchor(entry.id)}"{css}'


def _entry_attrs(entry: Entry, *base: str) -> str:
    """The ``class`` (and ``data-id``) of an entry shown in an element without its own id."""
    classes = [*base]
    if entry.touched:
        classes += ["ls-change", f"ls-change-{entry.status}"]
    return f'class="{" ".join(classes)}" data-id="{escape.anchor(entry.id)}"'


def cite_html(entry: Entry) -> str:
    """How a reader cites a touched element (第九条第4款 / Section IX, paragraph 4), after its
    label: the number every surface states (the reports and Word in the entry's heading), an
    added element's among them; nothing for the title."""
    if not entry.citation:
        return ""
    return f' <span class="ls-change-cite">{escape.html_text(entry.citation)}</span>'


def _label(entry: Entry) -> str:
    if not entry.touched:
        return ""
    notes = "".join(f" {note}" for note in entry.notes)
    return (
        f'<span class="ls-change-label ls-change-{entry.status}">'
        f"{escape.html_text(entry.label)}</span>{cite_html(entry)}{escape.html_text(notes)} "
    )


def _left(entry: Entry) -> str:
    """The old place of a moved element: where it went, linked to it (it keeps its id there),
    and its old place in the old numbering (:func:`legalsite.compare.account.left_line`)."""
    to, *rest = entry.notes
    after = "".join(f" {escape.html_text(note)}" for note in rest)
    return (
        f'<span class="ls-change-label ls-change-left">{escape.html_text(entry.label)}</span> '
        f'<a href="#{escape.anchor(entry.id)}">{escape.html_text(to)}</a>{after}'
    )


def _text(entry: Entry) -> str:
    return to_html(entry.segments)


def _cells(entry: Entry) -> list[str]:
    return [to_html(cell) for cell in entry.cells]


def _number(entry: Entry) -> str:
    """An item's or numbered clause's number (or bullet) as text before it, in its list's own
    style, as the version page writes it (``ls-number``; :func:`legalsite.compare.account.
    marker_segments`: a removed item's struck, an added one's inserted, a changed one's both),
    so that copying, printing and screen readers get the document's numbers, not the browser's."""
    if not entry.marker:
        return ""
    return f'<span class="ls-number">{to_html(entry.marker)}</span> '


def item_depths(group: Group) -> dict[str, tuple[str]]:
    """The class of each item of a list in a redline that stands in an item's list (its
    depth, for the indent: the redline lists every item of the group in one list)."""
    depth: dict[str, int] = {}
    out: dict[str, tuple[str]] = {}
    for child in group.children:
        depth[child.id] = depth.get(child.parent or "", 0) + 1
        if depth[child.id] > 1:
            out[child.id] = (f"ls-depth-{depth[child.id]}",)
    return out


def _block_html(group: Group) -> str:
    head = group.head
    kind = head.kind
    if head.is_left:
        return f"<p {_entry_attrs(head, 'ls-left')}>{_number(head)}{_left(head)}</p>"
    if kind == "clause":
        return f"<p {_attrs(head, 'ls-clause')}>{_number(head)}{_label(head)}{_text(head)}</p>"
    if kind == "list":
        tag = "ol" if head.style == "ordered" else "ul"
        depths = item_depths(group)
        items = "\n".join(
            f"<li {_entry_attrs(c, 'ls-left', *depths.get(c.id, ()))}>{_number(c)}{_left(c)}</li>"
            if c.is_left
            else f"<li {_attrs(c, *depths.get(c.id, ()))}>{_number(c)}{_label(c)}{_text(c)}</li>"
            for c in group.children
        )
        note = ""
        if head.touched:
            note = f"<p {_entry_attrs(head, 'ls-list-change')}>{_label(head)}{_text(head)}</p>\n"
        anchor = escape.anchor(head.id)
        # Every item's number (or bullet) is text (_number): the browser draws none.
        return f'{note}<{tag} id="{anchor}" class="ls-list ls-marked">\n{items}\n</{tag}>'
    if kind == "table":
        header = "".join(
            f'<th scope="col">{_label(head) if i == 0 else ""}{cell}</th>'
            for i, cell in enumerate(_cells(head))
        )
        head_attrs = f" {_entry_attrs(head)}" if head.touched else ""
        rows = "\n".join(
            f'<tr {_entry_attrs(c, "ls-left")}><td colspan="{len(head.cells)}">{_left(c)}</td></tr>'
            if c.is_left
            else f"<tr {_attrs(c)}>"
            + "".join(
                f"<td>{_label(c) if i == 0 else ''}{cell}</td>" for i, cell in enumerate(_cells(c))
            )
            + "</tr>"
            for c in group.children
        )
        return (
            f'<table id="{escape.anchor(head.id)}" class="ls-table">\n'
            f"<thead><tr{head_attrs}>{header}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
        )
    if kind == "verbatim":
        return f"<div {_attrs(head, 'ls-verbatim')}>{_label(head)}<pre>{_text(head)}</pre></div>"
    raise ValueError(kind)  # pragma: no cover


def _collapsed(lang: Lang, groups: tuple[Group, ...]) -> str:
    inner = "\n".join(_block_html(g) for g in groups)
    label = escape.html_text(t(lang, "unchanged_collapsed", count=str(len(groups))))
    return f'<details class="ls-unchanged">\n<summary>{label}</summary>\n{inner}\n</details>'


def _part(lang: Lang, part: Part) -> list[str]:
    if part.type == "title":
        assert part.entry is not None
        entry = part.entry
        return [
            f"<p {_entry_attrs(entry, 'ls-title-change')}>{_label(entry)}"
            f"{escape.html_text(t(lang, 'title_element') + t(lang, 'colon'))}{_text(entry)}</p>"
        ]
    if part.type in ("section", "preamble"):
        anchor = escape.anchor(part.id or "")
        marks = "#" * (part.level + 1)  # a sub-section's h3, h4
        out = [f"{marks} {escape.md_inline(part.heading)} {{#{anchor}}}"]
        if part.entry is not None:
            entry = part.entry
            out.append(
                f"<p {_entry_attrs(entry, 'ls-section-change')}>{_label(entry)}{_text(entry)}</p>"
            )
        return out
    if part.type == "collapsed":
        return [_collapsed(lang, part.groups)]
    return [_block_html(part.groups[0])]


def changes_body(comparison: Comparison | Account) -> str:
    """The redline of every touched section, unchanged blocks collapsed around the changes."""
    result = comparison if isinstance(comparison, Account) else account(comparison)
    parts = [piece for part in result.parts for piece in _part(result.lang, part)]
    return "\n\n".join(parts) + "\n"


def summary_html(comparison: Comparison | Account, *, link_sections: bool = True) -> str:
    result = comparison if isinstance(comparison, Account) else account(comparison)
    lang = result.lang
    if result.is_empty():
        return f'<div class="ls-summary"><p>{escape.html_text(result.summary)}</p></div>'
    links = []
    for section, heading in result.sections:
        name = escape.html_text(heading)
        links.append(f'<a href="#{escape.anchor(section)}">{name}</a>' if link_sections else name)
    touched = ""
    if links:
        joined = t(lang, "list_joiner").join(links)
        touched = f"<p>{escape.html_text(t(lang, 'sections_touched'))} {joined}</p>"
    return f'<div class="ls-summary">\n<p>{escape.html_text(result.summary)}</p>\n{touched}\n</div>'


def prominent_html(result: Account) -> str:
    """The callout of a revision that touches a prominent term (本次修订涉及重要条款：第五条), as
    a block followed by a blank line; nothing when it touches none."""
    if not result.prominent:
        return ""
    said = escape.html_text(result.prominent)
    return f'<div class="ls-prominent-changed" role="note"><p><strong>{said}</strong></p></div>\n\n'


def _editors(release: Release, lang: Lang) -> str:
    box = render.summary_box_html(release.version, lang)
    return f"{box}\n\n" if box else ""


def changes_page(timeline: Timeline, release: Release, comparison: Comparison) -> render.Page:
    """The "changes in this version" page of ``release`` in the comparison's language."""
    lang = comparison.lang
    document = timeline.document
    assert release.previous is not None
    path = routes.page_path(document.id, "changes", release.id)
    title = t(
        lang,
        "changes_title",
        title=release.version.texts[lang].title,
        date=format_date(lang, release.effective),
    )
    data = {
        "title": title,
        "search": {"exclude": True},
        "legalsite": {
            "document": document.id,
            "version": release.id,
            "previous": release.previous.id,
            "page": "changes",
        },
    }
    targets: list[tuple[str, Key]] = [
        (routes.page_path(document.id, "version", release.id), "full_text"),
        (routes.page_path(document.id, "version", release.previous.id), "previous_version"),
        (routes.page_path(document.id, "history"), "history"),
        (routes.page_path(document.id, "clauses"), "clause_history"),
    ]
    links = " · ".join(
        f'<a href="{routes.relative_url(path, target)}">{escape.html_text(t(lang, key))}</a>'
        for target, key in targets
    )
    facts = " · ".join(
        [
            t(lang, "compared_with", date=format_date(lang, release.previous.effective)),
            f"{t(lang, 'effective')} {format_date(lang, release.effective)}",
            f"{t(lang, 'published')} {format_date(lang, release.published)}",
        ]
    )
    meta = (
        f'<div class="ls-version-meta">\n<p>{escape.html_text(facts)}</p>\n'
        f'<p class="ls-version-links">{links}</p>\n</div>'
    )
    result = account(comparison)
    content = (
        f"---\n{render.front_matter(data)}\n---\n\n# {escape.md_inline(title)}\n\n"
        f"{render.banner_html(release, timeline, lang, path)}\n\n{meta}\n\n"
        f"{_editors(release, lang)}{prominent_html(result)}{summary_html(result)}\n\n"
        f"{changes_body(result)}"
    )
    return render.Page(lang, path, content)
