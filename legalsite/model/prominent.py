"""Prominent terms (issue 24): the sections and blocks an editor marks ``prominent: true``.

A term of 重大利害关系 (fees, limits of liability, dispute resolution) must be brought to the
reader's attention "以显著方式" (消费者权益保护法 第二十六条); a party that does not point it out
may find it is not part of the contract (民法典 第四百九十六条第二款). So every surface shows such
a term with a label in words, not by colour alone; the top of the document lists them by the
numbers a reader cites; and a revision that adds, changes, removes or un-marks one says so in
its notice. The marks are :attr:`legalsite.model.document.Text.prominent`; this module is what
follows from them, the one place each rule is written.
"""

from __future__ import annotations

from collections.abc import Mapping

from legalsite.model.citation import citations
from legalsite.model.document import (
    ListBlock,
    Section,
    Table,
    Text,
    _canonical_line,
    walk,
)
from legalsite.model.words import t


def terms(text: Text) -> list[tuple[str, str]]:
    """The prominent terms of ``text`` in reading order: (id, citation), the citation as a
    reader cites it in the text's language (第五条 / Section V, 第二条第3款 / Section II,
    paragraph 3: :func:`legalsite.model.citation.citations`, the numbers the page shows)."""
    if not text.prominent:
        return []
    cited = citations(text)
    return [
        (step.node.id, cited[step.node.id]) for step in walk(text) if step.node.id in text.prominent
    ]


def _contents(text: Text) -> Mapping[str, str]:
    """Each prominent term's words: its own canonical line and those of all it holds (a
    section's blocks, a list's items, a table's rows), so that a change anywhere inside it is a
    change of the term."""
    if not text.prominent:
        return {}
    out: dict[str, list[str]] = {}
    open_section: str | None = None
    for step in walk(text):
        node = step.node
        line = _canonical_line(node)
        if isinstance(node, Section):
            open_section = node.id if node.id in text.prominent else None
        elif open_section is not None:
            out[open_section].append(line)
        if node.id in text.prominent:
            out[node.id] = [line]
        if isinstance(step.parent, ListBlock | Table) and step.parent.id in text.prominent:
            out[step.parent.id].append(line)
    return {anchor: "\n".join(lines) for anchor, lines in out.items()}


def changed_terms(old: Text | None, new: Text) -> list[tuple[str, str]]:
    """The prominent terms a revision from ``old`` to ``new`` touches (one language): each term
    marked in either version that is new, changed (its words or anything it holds), removed,
    newly marked or no longer marked; (id, citation) in the new version's reading order, then
    those removed in the old one's, each cited in the version that still has it. Nothing for a
    first version (``old`` None): it has no revision to call out."""
    if old is None or not (old.prominent or new.prominent):
        return []
    before, after = _contents(old), _contents(new)
    touched = {a for a in old.prominent | new.prominent if before.get(a) != after.get(a)}
    cited_new, cited_old = citations(new), citations(old)
    out = [(step.node.id, cited_new[step.node.id]) for step in walk(new) if step.node.id in touched]
    found = {anchor for anchor, _ in out}
    out.extend(
        (step.node.id, cited_old[step.node.id])
        for step in walk(old)
        if step.node.id in touched and step.node.id not in found
    )
    return out


def changed_sentence(old: Text | None, new: Text) -> str:
    """本次修订涉及重要条款：第五条 / This revision changes important terms: Section V; an empty
    string when the revision touches no prominent term."""
    touched = changed_terms(old, new)
    if not touched:
        return ""
    lang = new.lang
    joined = t(lang, "prominent_joiner").join(cited for _, cited in touched)
    return t(lang, "prominent_changed", terms=joined)
