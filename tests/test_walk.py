"""The one walk over a text's blocks (legalsite.model.document.walk), checked against the nesting itself."""

from __future__ import annotations

from hypothesis import given, settings

from legalsite.model.document import (
    Block,
    Lang,
    ListBlock,
    ListItem,
    Node,
    Paragraph,
    Section,
    Table,
    TableRow,
    Text,
    Verbatim,
    walk,
)
from tests.conftest import examples
from tests.revisions import documents


def nested(text: Text) -> list[tuple[Node, int, int, str | None]]:
    """What the walk must give, written out as the nesting of the model: (element, section
    number, clause / item / row number, parent's id)."""
    out: list[tuple[Node, int, int, str | None]] = []

    def listed(block: ListBlock, number: int) -> None:
        for n, item in enumerate(block.items, 1):
            out.append((item, number, n, block.id))
            if item.sublist is not None:
                listed(item.sublist, number)

    def blocks(items: tuple[Block, ...], number: int) -> None:
        clause = 0
        for block in items:
            if isinstance(block, Paragraph):
                clause += 1
                out.append((block, number, clause, None))
            elif isinstance(block, ListBlock):
                out.append((block, number, 0, None))
                listed(block, number)
            elif isinstance(block, Verbatim):
                out.append((block, number, 0, None))
            else:
                out.append((block, number, 0, None))
                out.extend((row, number, n, block.id) for n, row in enumerate(block.rows, 1))

    blocks(text.preamble, 0)
    for number, section in enumerate(text.sections, 1):
        out.append((section, number, 0, None))
        blocks(section.blocks, number)
    return out


@settings(max_examples=examples(60))
@given(documents())
def test_walk_meets_every_element_once_in_reading_order(texts: dict[Lang, Text]) -> None:
    for text in texts.values():
        steps = list(walk(text))
        got = [(s.node, s.section, s.position, s.parent.id if s.parent else None) for s in steps]
        assert got == nested(text)
        assert [s.node.id for s in steps] == list(text.ids())
        for step in steps:
            assert isinstance(step.node, ListItem | TableRow) == (step.parent is not None)
            if isinstance(step.node, Section):
                assert text.sections[step.section - 1] is step.node
            if isinstance(step.node, Table | ListBlock | Section):
                assert step.position == 0
