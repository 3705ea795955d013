"""A comparison as text for a terminal (coloured when it is one) or Markdown for a pull request.

Both say what the changes page says (:mod:`legalsite.account`): every touched element with its
label, notes and redline, under the heading of its section, after the counts.
"""

from __future__ import annotations

import html

from legalsite.account import Entry, account
from legalsite.diff import Comparison
from legalsite.redline import to_ansi, to_html, to_plain
from legalsite.strings import t


def _head(entry: Entry) -> str:
    """``修改 条款 accounts-2 (从九移至十)``: the label, the kind, the id and the notes."""
    notes = "".join(f" {note}" for note in entry.notes)
    return f"{entry.label} {entry.kind_name} {entry.id}{notes}"


def as_text(comparison: Comparison, heading: str, *, color: bool) -> str:
    result = account(comparison)
    lang = result.lang
    lines = [heading]
    if result.is_empty():
        return f"{heading}\n{t(lang, 'no_changes')}\n"
    lines.append(result.summary)
    render = to_ansi if color else to_plain
    last = None
    for entry in result.entries:
        if entry.where != last:
            lines.append("")
            lines.append(entry.where or t(lang, "title_element"))
            last = entry.where
        lines.append(f"  {_head(entry)}: {render(entry.segments)}")
    return "\n".join(lines) + "\n"


def as_markdown(comparison: Comparison, heading: str) -> str:
    """GitHub-flavoured Markdown; the redline uses <del>/<ins>, text escaped."""
    result = account(comparison)
    lang = result.lang
    out = [f"### {html.escape(heading)}", ""]
    if result.is_empty():
        return "\n".join([*out, t(lang, "no_changes"), ""])
    out += [result.summary, ""]
    for entry in result.entries:
        where = html.escape(entry.where)
        notes = html.escape("".join(f" {note}" for note in entry.notes))
        body = to_html(entry.segments).replace("|", "&#124;").replace("\n", "<br>")
        prefix = f"**{where}** · " if where else ""
        out.append(f"- {prefix}{entry.label} {entry.kind_name} `{entry.id}`{notes}: {body}")
    return "\n".join(out) + "\n"
