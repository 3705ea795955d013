"""Prominent terms (issue 24): the sections and blocks an editor marks ``prominent: true``.

A term of 重大利害关系 (fees, limits of liability, dispute resolution) must be brought to the
reader's attention "以显著方式" (消费者权益保护法 第二十六条); a party that does not point it out
may find it is not part of the contract (民法典 第四百九十六条第二款). So every surface shows such
a term with a label in words, not by colour alone; the top of the document lists them by the
numbers a reader cites; and a revision that adds, changes, removes or un-marks one says so in
its notice (:func:`legalsite.compare.account.prominent_sentence`, on the elements the browser's
engine also has). The marks are :attr:`legalsite.model.document.Text.prominent`.
"""

from __future__ import annotations

from legalsite.model.citation import citations
from legalsite.model.document import Text, walk


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
