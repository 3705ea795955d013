"""The changes page of a version: a summary, then each touched section's redline.

Unchanged blocks around the changes are collapsed into ``<details>``; every changed clause,
list item and table row keeps its id, so a version page's change marker can link to it.
Every editor's string goes through :mod:`legalsite.escape` (redline.to_html uses it too).
"""

from __future__ import annotations

from dataclasses import dataclass

from legalsite import escape, render
from legalsite.diff import Change, Comparison, by_section
from legalsite.model import Lang, Release, Timeline, format_date
from legalsite.redline import Segment, redline, to_html
from legalsite.strings import t


@dataclass
class _Block:
    head: Change
    children: list[Change]

    @property
    def touched(self) -> bool:
        return self.head.touched or any(c.touched for c in self.children)


def _blocks(changes: list[Change]) -> list[_Block]:
    blocks: list[_Block] = []
    for change in changes:
        if change.element.kind in ("item", "row") and blocks:
            parent = blocks[-1]
            if change.element.parent == parent.head.id:
                parent.children.append(change)
                continue
        blocks.append(_Block(change, []))
    return blocks


def _attrs(change: Change, *base: str) -> str:
    """``id`` and ``class`` of a changed element's HTML; no empty attribute."""
    classes = [*base]
    if change.touched:
        classes += ["ls-change", f"ls-change-{change.status}"]
    css = f' class="{" ".join(classes)}"' if classes else ""
    return f'id="{escape.anchor(change.id)}"{css}'


def _label(lang: Lang, change: Change, comparison: Comparison) -> str:
    if not change.touched:
        return ""
    text = t(lang, f"label_{change.status}")
    notes = ""
    if change.moved and change.old is not None and change.old.section != change.element.section:
        old_section = comparison.section_numbers.get(change.old.section or "", "")
        notes = " " + t(lang, "moved_from", section=old_section or t(lang, "preamble"))
    if change.markup_only:
        notes += " " + t(lang, "markup_only")
    return (
        f'<span class="ls-change-label ls-change-{change.status}">'
        f"{escape.html_text(text)}</span>{escape.html_text(notes)} "
    )


def _text(change: Change) -> str:
    if change.status == "unchanged":
        return escape.html_text(change.element.text)
    return to_html(change.segments)


def _cells(change: Change, lang: Lang) -> list[str]:
    new = change.element.cells
    if change.status == "added":
        return [to_html([Segment("insert", escape.inline_plain(c))]) for c in new]
    if change.status == "removed":
        return [to_html([Segment("delete", escape.inline_plain(c))]) for c in new]
    old = change.old.cells if change.old else new
    out = []
    for index, cell in enumerate(new):
        before = escape.inline_plain(old[index]) if index < len(old) else ""
        out.append(to_html(redline(before, escape.inline_plain(cell), lang)))
    return out


def _block_html(block: _Block, lang: Lang, comparison: Comparison) -> str:
    head = block.head
    kind = head.element.kind
    if kind == "clause":
        return f"<p {_attrs(head, 'ls-clause')}>{_label(lang, head, comparison)}{_text(head)}</p>"
    if kind == "list":
        tag = "ol" if head.element.text == "ordered" else "ul"
        items = "\n".join(
            f"<li {_attrs(c)}>{_label(lang, c, comparison)}{_text(c)}</li>" for c in block.children
        )
        note = ""
        if head.touched:
            style = escape.html_text(t(lang, "list_style_" + head.element.text))
            note = f"<p>{_label(lang, head, comparison)}{style}</p>\n"
        anchor = escape.anchor(head.id)
        return f'{note}<{tag} id="{anchor}" class="ls-list">\n{items}\n</{tag}>'
    if kind == "table":
        header = "".join(f'<th scope="col">{c}</th>' for c in _cells(head, lang))
        rows = "\n".join(
            f"<tr {_attrs(c)}>"
            + "".join(
                f"<td>{_label(lang, c, comparison) if i == 0 else ''}{cell}</td>"
                for i, cell in enumerate(_cells(c, lang))
            )
            + "</tr>"
            for c in block.children
        )
        return (
            f'<table id="{escape.anchor(head.id)}" class="ls-table">\n'
            f"<thead><tr>{header}</tr></thead>\n"
            f"<tbody>\n{rows}\n</tbody>\n</table>"
        )
    raise ValueError(kind)  # pragma: no cover


def _collapsed(lang: Lang, pending: list[_Block], comparison: Comparison) -> str:
    count = len(pending)
    inner = "\n".join(_block_html(b, lang, comparison) for b in pending)
    label = escape.html_text(t(lang, "unchanged_collapsed", count=str(count)))
    return f'<details class="ls-unchanged">\n<summary>{label}</summary>\n{inner}\n</details>'


def changes_body(comparison: Comparison) -> str:
    """The redline of every touched section, unchanged blocks collapsed around the changes."""
    lang = comparison.lang
    parts: list[str] = []
    for section, changes in by_section(comparison):
        blocks = _blocks(changes)
        heading: Change | None = None
        if blocks and blocks[0].head.element.kind in ("section", "title"):
            heading = blocks.pop(0).head
        if not any(b.touched for b in blocks) and not (heading and heading.touched):
            continue
        if heading is not None and heading.element.kind == "title":
            if heading.touched:
                parts.append(
                    f'<p class="ls-title-change">{_label(lang, heading, comparison)}'
                    f"{escape.html_text(t(lang, 'title_element'))}: {_text(heading)}</p>"
                )
        elif heading is not None:
            number = comparison.section_numbers.get(heading.id, heading.element.text)
            parts.append(f"## {escape.md_inline(number)} {{#{escape.anchor(heading.id)}}}")
            if heading.touched:
                parts.append(
                    f'<p class="ls-section-change">{_label(lang, heading, comparison)}'
                    f"{_text(heading)}</p>"
                )
        elif section is None and any(b.touched for b in blocks):
            parts.append(f"## {escape.md_inline(t(lang, 'preamble'))} {{#preamble}}")
        pending: list[_Block] = []
        for block in blocks:
            if block.touched:
                if pending:
                    parts.append(_collapsed(lang, pending, comparison))
                    pending = []
                parts.append(_block_html(block, lang, comparison))
            else:
                pending.append(block)
        if pending:
            parts.append(_collapsed(lang, pending, comparison))
    return "\n\n".join(parts) + "\n"


def summary_html(comparison: Comparison, *, link_sections: bool = True) -> str:
    lang = comparison.lang
    counts = comparison.counts()
    if comparison.is_empty():
        return f'<div class="ls-summary"><p>{escape.html_text(t(lang, "no_changes"))}</p></div>'
    total = str(sum(counts.values()))
    line = t(lang, "summary", total=total, **{k: str(v) for k, v in counts.items()})
    links = []
    for section in comparison.sections_touched():
        name = escape.html_text(comparison.section_numbers.get(section, section))
        links.append(f'<a href="#{escape.anchor(section)}">{name}</a>' if link_sections else name)
    touched = ""
    if links:
        joined = ("、" if lang == "zh" else ", ").join(links)
        touched = f"<p>{escape.html_text(t(lang, 'sections_touched'))} {joined}</p>"
    return f'<div class="ls-summary">\n<p>{escape.html_text(line)}</p>\n{touched}\n</div>'


def changes_page(timeline: Timeline, release: Release, comparison: Comparison) -> render.Page:
    """The "changes in this version" page of ``release`` in the comparison's language."""
    lang = comparison.lang
    document = timeline.document
    assert release.previous is not None
    path = render.page_path(document.id, "changes", release.id)
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
    targets = [
        (render.page_path(document.id, "version", release.id), "full_text"),
        (render.page_path(document.id, "version", release.previous.id), "previous_version"),
        (render.page_path(document.id, "history"), "history"),
    ]
    links = " · ".join(
        f'<a href="{render.relative_url(path, target)}">{escape.html_text(t(lang, key))}</a>'
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
    content = (
        f"---\n{render.front_matter(data)}\n---\n\n# {escape.md_inline(title)}\n\n{meta}\n\n"
        f"{summary_html(comparison)}\n\n{changes_body(comparison)}"
    )
    return render.Page(lang, path, content)
