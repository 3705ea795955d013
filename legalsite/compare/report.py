"""A comparison as text for a terminal (coloured when it is one) or Markdown for a pull request.

Both say what the changes page says (:mod:`legalsite.compare.account`): every touched element with
its label, notes and redline, under the heading of its section, after the counts; and, where a
moved element stood, a line saying where it went (:func:`legalsite.compare.account.left_line`),
in the order of a redline (:func:`legalsite.compare.account.told`).

Every string from the agreements goes through :mod:`legalsite.model.escape`: on a terminal no
control,
escape or bidi character arrives as itself; in the Markdown no clause text becomes structure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from legalsite.compare.account import Entry, account, heading, left_line, told
from legalsite.compare.diff import Change, Comparison
from legalsite.compare.redline import Segment, to_ansi, to_html, to_plain
from legalsite.model import inline
from legalsite.model.document import Lang
from legalsite.model.escape import anchor, gfm_code, gfm_text, terminal
from legalsite.model.words import t


def hrefs(source: str) -> tuple[str, ...]:
    """The link targets in an element's source, in order (none when it is not inline text)."""
    try:
        nodes = inline.parse(source)
    except inline.InlineError:
        return ()
    found: list[str] = []

    def walk(items: Sequence[inline.Inline]) -> None:
        for node in items:
            if isinstance(node, inline.Link):
                found.append(node.href)
            if not isinstance(node, inline.Text):
                walk(node.children)

    walk(nodes)
    return tuple(found)


def link_change(change: Change) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The link targets before and after, when they differ: the redline shows the words of a
    link, and a reviewer must also see where it now points."""
    before = hrefs(change.old.source) if change.old is not None and change.status != "added" else ()
    after = hrefs(change.element.source) if change.status != "removed" else ()
    return (before, after) if before != after else None


def _links(lang: Lang, change: Change, code: Callable[[str], str]) -> str:
    found = link_change(change)
    if found is None:
        return ""
    old, new = (", ".join(map(code, side)) or t(lang, "no_link") for side in found)
    return f" · {t(lang, 'link_targets', old=old, new=new)}"


def _notes(entry: Entry) -> str:
    return "".join(f" {note}" for note in entry.notes)


def _head(entry: Entry) -> str:
    """``修改 条款 第二条第2款 (从九移至十)``: the label, the kind, how a reader cites it and the
    notes, for a terminal (the citation and the notes, which quote headings, through
    :func:`terminal`)."""
    return heading(entry, terminal)


def as_text(comparison: Comparison, heading: str, *, color: bool) -> str:
    result = account(comparison)
    lang = result.lang
    heading = terminal(heading)
    lines = [heading]
    if result.is_empty():
        return f"{heading}\n{t(lang, 'no_changes')}\n"
    lines.append(result.summary)
    if result.prominent:
        lines.append(terminal(result.prominent))
    render = to_ansi if color else to_plain
    last: str | None = None
    for entry, change in told(comparison):
        if entry.is_left and entry.kind == "section":
            # Where a moved section stood: between the sections, as a heading is.
            lines += ["", left_line(entry, terminal)]
            last = None
            continue
        if entry.where != last:
            lines.append("")
            lines.append(terminal(entry.where) or t(lang, "title_element"))
            last = entry.where
        if entry.is_left:
            lines.append(f"  {left_line(entry, terminal)}")
            continue
        links = _links(lang, change, terminal)
        lines.append(f"  {_head(entry)}: {render(entry.segments)}{links}")
    return "\n".join(lines) + "\n"


def markdown_redline(segments: Sequence[Segment]) -> str:
    """``<del>``/``<ins>`` around the changes, every text through :func:`escape.gfm_text`: the
    two wrappers (and ``<br>`` for a line break) are the only markup."""
    return to_html(segments, encode=gfm_text)


def as_markdown(comparison: Comparison, heading: str) -> str:
    """GitHub-flavoured Markdown; the redline uses <del>/<ins>, all text escaped."""
    result = account(comparison)
    lang = result.lang
    out = [f"### {gfm_text(heading)}", ""]
    if result.is_empty():
        return "\n".join([*out, t(lang, "no_changes"), ""])
    out += [result.summary, ""]
    if result.prominent:
        out += [f"**{gfm_text(result.prominent)}**", ""]
    for entry, change in told(comparison):
        where = gfm_text(entry.where)
        if entry.is_left:
            # Where a moved element stood (a section: between the sections, under none).
            prefix = f"**{where}** · " if where and entry.kind != "section" else ""
            out.append(f"- {prefix}{left_line(entry, gfm_text)}")
            continue
        notes = gfm_text(_notes(entry))
        body = markdown_redline(entry.segments)
        prefix = f"**{where}** · " if where else ""
        code = gfm_text(entry.citation) if entry.citation else gfm_code(anchor(entry.id))
        links = _links(lang, change, gfm_code)
        out.append(f"- {prefix}{entry.label} {entry.kind_name} {code}{notes}: {body}{links}")
    return "\n".join(out) + "\n"
