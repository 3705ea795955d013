"""How a reader cites an element of a text, in its language: 第四条 / Section 4, 第二条第3款 /
Section II, paragraph 3, 第六条第a项 / Section 6(a). Cross-references (``[](#id)`` in a
clause) and redlines write these; every number in them is :func:`document.numbers`'.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from legalsite.model import inline
from legalsite.model.document import (
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Table,
    TableRow,
    Text,
    Verbatim,
    map_sources,
    numbering_of,
    numbers,
    walk,
)
from legalsite.model.numbering import bare
from legalsite.model.words import Key, t

_ITEM_CITATION: dict[int, Key] = {1: "cite_item", 2: "cite_subitem", 3: "cite_subsubitem"}
"""How an item is cited by how deep its list is nested (第（一）项, 第a目, 第i点)."""

_NAMED = re.compile(r"^(第.+[条章节款项]|[A-Z][a-z]+ \S+)")
"""A number that names itself: 第四条, Section 4, Article 1 (cited as written)."""


def _section_citation(text: Text, label: str, title: str) -> str:
    if not label:
        return title
    named = _NAMED.match(label.rstrip(" –—-:：.、"))
    if named:
        return named.group(1)
    return t(text.lang, "cite_section", n=bare(label))


_ANNEX_NAMED = re.compile(r"附件|附录|附表|[A-Za-z]{2}")
"""An annex number that names itself: 附件一, 附录A, Annex A, Appendix 1, Schedule 2."""


def _annex_citation(text: Text, label: str, title: str) -> str:
    if not label:
        return title
    number = bare(label)
    if _ANNEX_NAMED.search(number):
        return number
    return t(text.lang, "cite_annex", n=number)


def _sub_citation(text: Text, parent: str, label: str, title: str, dotted: bool) -> str:
    """A sub-section's: its number alone when it writes its parents' (3.2: 第3.2条 / Section
    3.2), else after its parent's, as an item's (第三条第（二）项 / Section 3(b)); its title when
    it has no number."""
    if not label:
        return title
    if dotted:
        return _section_citation(text, label, title)
    return _in_parent(text.lang, parent, bare(label))


_BRACKETED = ("(", "（")
"""A number that brings its own brackets ((a), （一）): English cites it as written after its
parent's, not in brackets of its own (Section 3(（一）))."""


def _in_parent(lang: str, parent: str, number: str) -> str:
    if lang == "en" and number.startswith(_BRACKETED):
        return f"{parent}{number}"
    return t(lang, "cite_item", parent=parent, n=number)  # type: ignore[arg-type]


@lru_cache(maxsize=1024)
def citations(text: Text) -> Mapping[str, str]:
    """Each element's citation in ``text``'s language, by id: a section's (第四条, Section IV;
    its title when it has no number); a sub-section's, its number alone when dotted (第3.2条 /
    Section 3.2), else its section's and its number (第三条第（二）项 / Section 3(b)); an
    annex's (附件一, Annex A; its title when it has no number); a clause's, its section's and
    its number or place (第四条第2款, Section IV, paragraph 2); an item's or row's, its
    section's and its number (第三条第（二）项, Section 3(b)), an item of an item's list the
    item's and its own (第三条第（二）项第a目, Section 3(b)(i)); a list's, table's or verbatim
    block's, its section's. In the preamble and the end matter: their names in the place of a
    section's."""
    written = numbers(text)
    numbering = numbering_of(text)
    lang = text.lang
    out: dict[str, str] = {}
    for step in walk(text):
        node = step.node
        if step.within is not None:
            parent = out[step.within.id]
        else:
            parent = t(lang, "end_matter" if step.part == "end" else "preamble")
        if isinstance(node, Section):
            heading = written.get(node.id, "")
            if step.level == 1 and step.part == "annexes":
                out[node.id] = _annex_citation(text, heading, node.title)
            elif step.level == 1:
                out[node.id] = _section_citation(text, heading, node.title)
            else:
                # Alone when dotted (3.2) and so writing its parent's number, which it does when
                # that has one; in an annex always after the annex's (Annex A(1.1)): its 1.1
                # is not the text's section 1.1.
                dotted = numbering.section(step.level).depth > 1 and step.part == "sections"
                dotted = dotted and step.within is not None and step.within.id in written
                out[node.id] = _sub_citation(text, parent, heading, node.title, dotted)
        elif isinstance(node, Paragraph):
            label = written.get(node.id)
            number = bare(label) if label else str(step.position)
            out[node.id] = t(lang, "cite_clause", parent=parent, n=number)
        elif isinstance(node, ListBlock | Table | Verbatim):
            out[node.id] = parent
        else:
            assert isinstance(node, ListItem | TableRow)
            label = written.get(node.id)
            number = bare(label) if label else str(step.position)
            # An item of an item's list is cited from that item (第（一）项第a目, 3(a)(i)).
            owner = out[step.parent.id] if step.depth > 1 and step.parent else parent
            if lang == "en" and number.startswith(_BRACKETED):
                out[node.id] = f"{owner}{number}"
            else:
                out[node.id] = t(lang, _ITEM_CITATION[min(step.depth, 3)], parent=owner, n=number)
    return out


def resolved(text: Text) -> Text:
    """``text`` with each cross-reference without words (``[](#id)``) given its target's
    citation in the text's language (:func:`citations`); every reference must name an element
    of the text (``validate`` says where one does not)."""
    cited = citations(text)
    return map_sources(text, lambda source: inline.resolve(source, cited.__getitem__))
