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


@lru_cache(maxsize=1024)
def citations(text: Text) -> Mapping[str, str]:
    """Each element's citation in ``text``'s language, by id: a section's (第四条, Section IV;
    its title when it has no number); a clause's, its section's and its number or place
    (第四条第2款, Section IV, paragraph 2); an item's or row's, its section's and its number
    (第三条第（二）项, Section 3(b)), an item of an item's list the item's and its own
    (第三条第（二）项第a目, Section 3(b)(i)); a list's, table's or verbatim block's, its
    section's. In the preamble: the
    preamble's name in the place of a section's."""
    written = numbers(text)
    lang = text.lang
    out: dict[str, str] = {}
    parent = t(lang, "preamble")
    for step in walk(text):
        node = step.node
        if isinstance(node, Section):
            parent = _section_citation(text, written.get(node.id, ""), node.title)
            out[node.id] = parent
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
            if lang == "en" and number.startswith("("):
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
