"""A comparison as text for a terminal (coloured when it is one) or Markdown for a pull request.

Every string from the agreements goes through :mod:`legalsite.escape`: on a terminal no control,
escape or bidi character arrives as itself; in the Markdown no clause text becomes structure.
"""

from __future__ import annotations

from collections.abc import Sequence

from legalsite.diff import Change, Comparison
from legalsite.escape import anchor, gfm_code, gfm_text, terminal
from legalsite.model import Lang
from legalsite.redline import Segment, to_ansi, to_plain
from legalsite.strings import t

KIND_NAMES: dict[Lang, dict[str, str]] = {
    "zh": {"title": "标题", "section": "章节", "clause": "条款", "list": "列表",
           "item": "列表项", "table": "表格", "row": "表格行"},
    "en": {"title": "title", "section": "section", "clause": "clause", "list": "list",
           "item": "list item", "table": "table", "row": "table row"},
}  # fmt: skip


def _where(comparison: Comparison, change: Change) -> str:
    section = change.element.section
    if section is None:
        return t(comparison.lang, "preamble") if change.element.kind != "title" else ""
    return comparison.section_numbers.get(section, section)


def _counts_line(comparison: Comparison) -> str:
    counts = comparison.counts()
    return t(
        comparison.lang,
        "summary",
        total=str(sum(counts.values())),
        **{k: str(v) for k, v in counts.items()},
    )


def as_text(comparison: Comparison, heading: str, *, color: bool) -> str:
    lang = comparison.lang
    heading = terminal(heading)
    lines = [heading]
    if comparison.is_empty():
        return f"{heading}\n{t(lang, 'no_changes')}\n"
    lines.append(_counts_line(comparison))
    render = to_ansi if color else to_plain
    last = None
    for change in comparison.touched():
        where = _where(comparison, change)
        if where != last:
            lines.append("")
            lines.append(terminal(where) or t(lang, "title_element"))
            last = where
        label = t(lang, f"label_{change.status}")
        kind = KIND_NAMES[lang][change.element.kind]
        lines.append(f"  {label} {kind} {terminal(change.id)}: {render(change.segments)}")
    return "\n".join(lines) + "\n"


def markdown_redline(segments: Sequence[Segment]) -> str:
    """``<del>``/``<ins>`` around the changes, every text through :func:`escape.gfm_text`: the
    two wrappers (and ``<br>`` for a line break) are the only markup."""
    parts: list[str] = []
    for s in segments:
        text = gfm_text(s.text)
        if s.op == "delete":
            parts.append(f"<del>{text}</del>")
        elif s.op == "insert":
            parts.append(f"<ins>{text}</ins>")
        else:
            parts.append(text)
    return "".join(parts)


def as_markdown(comparison: Comparison, heading: str) -> str:
    """GitHub-flavoured Markdown; the redline uses <del>/<ins>, all text escaped."""
    lang = comparison.lang
    out = [f"### {gfm_text(heading)}", ""]
    if comparison.is_empty():
        return "\n".join([*out, t(lang, "no_changes"), ""])
    out += [_counts_line(comparison), ""]
    for change in comparison.touched():
        where = gfm_text(_where(comparison, change))
        label = t(lang, f"label_{change.status}")
        kind = KIND_NAMES[lang][change.element.kind]
        body = markdown_redline(change.segments)
        prefix = f"**{where}** · " if where else ""
        out.append(f"- {prefix}{label} {kind} {gfm_code(anchor(change.id))}: {body}")
    return "\n".join(out) + "\n"
