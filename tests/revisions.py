"""Hypothesis strategies of documents, and of the revisions a legal editor makes to them.

:func:`documents` draws both languages of a version (the same structure and ids, words of each
language, some inline markup and text that looks like markup); :func:`revisions` draws a list of
edits of the classes an editor makes (reword, insert, delete, move a block to another section,
move a section, retitle a section, restyle a list, change only a link) and applies them to both
languages, or to one only (the translation that was forgotten). The :class:`Log` says what was
done, for the tests to check the comparison against.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from hypothesis import strategies as st

from legalsite.model import characters, inline
from legalsite.model.document import (
    LANGS,
    Block,
    Lang,
    ListBlock,
    ListItem,
    Paragraph,
    Section,
    Table,
    TableRow,
    Text,
    Verbatim,
    clause_of,
    walk,
)
from tests import hostile

ZH_WORDS = (
    "本协议", "用户", "服务", "脉邦数字科技", "应当", "不得", "账户", "数据", "通知", "的", "并",
    "武汉市", "北京市", "仲裁委员会", "承担", "负担", "赔偿", "费用", "个人信息", "退还", "不予",
    "洪山区", "期限", "甲方", "乙方", "第三方", "云平台", "责任", "书面", "同意",
)  # fmt: skip
ZH_PUNCT = ("，", "。", "；", "：", "、", "（", "）", "“", "”", ",", ";", " ")
EN_WORDS = (
    "the", "a", "of", "and", "to", "Customer", "Supplier", "shall", "may", "not", "pay",
    "fees", "within", "thirty", "days", "notice", "Party's", "Agreement", "terminate", "data",
    "Wuhan", "Beijing", "arbitration", "48", "24", "1,000.50", "e.g.",
)  # fmt: skip
EN_PUNCT = (" ", " ", " ", ", ", ". ", "; ", ": ", " (", ") ", "-")
WORDS: dict[Lang, tuple[str, ...]] = {"zh": ZH_WORDS, "en": EN_WORDS}
PUNCT: dict[Lang, tuple[str, ...]] = {"zh": ZH_PUNCT, "en": EN_PUNCT}


def _parses(text: str, *, title: bool = False) -> bool:
    """Whether ``validate`` accepts ``text`` as clause text (``title``: as a title, which is
    plain text): the inline subset and the characters of :mod:`legalsite.model.characters`."""
    if not characters.is_allowed(text):
        return False
    try:
        inline.check_plain(text) if title else inline.parse(text)
    except inline.InlineError:
        return False
    return True


@functools.cache
def _pieces(lang: Lang) -> tuple[str, ...]:
    """What a text is made of: words and punctuation (three times as likely), emphasis, links,
    and the markup payloads of tests/hostile.py that a clause may contain (shown as text)."""
    plain = (*WORDS[lang], *PUNCT[lang])
    return (
        *plain * 3,
        *(f"**{w}**" for w in WORDS[lang][:6]),
        *(f"[{w}](https://example.com/{n})" for n, w in enumerate(WORDS[lang][:6])),
        *(p for p in hostile.markup_pieces() if _parses(p)),
    )


@st.composite
def words(
    draw: st.DrawFn, lang: Lang, *, max_size: int = 10, markup: bool = True, title: bool = False
) -> str:
    """A clause's text: words and punctuation of ``lang``, now and then (unless ``markup`` is
    false) emphasis, a link or characters that look like markup; never empty, always valid
    inline text (``title``: a valid title, plain text)."""
    pool = _pieces(lang) if markup else (*WORDS[lang], *PUNCT[lang])
    pieces = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=max_size))
    text = "".join(pieces).strip()
    if not text or not _parses(text, title=title):
        text = draw(st.sampled_from(WORDS[lang]))
    return text


class _Ids:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"


VERBATIM_ALPHABET = st.sampled_from(
    [*"abcXYZ019 甲乙", " ", " ", "    ", "\n", "\n", *"<>&\"'*_`[](){}#|:-!%\\/=;", "</pre>",
     "<script>", "&lt;", "{{ x }}", "---", "- ", "# ", "```", "&#10;"]
)  # fmt: skip
"""What a verbatim block is drawn from: words, runs of spaces and line breaks (the
indentation and lines that are its content), and text every output context treats specially
(HTML, Markdown, YAML, Jinja, character references)."""


@st.composite
def verbatim_texts(draw: st.DrawFn) -> str:
    """A verbatim block's text: lines of anything allowed, indented or not, blank lines and
    trailing spaces included; never blank."""
    text = "".join(draw(st.lists(VERBATIM_ALPHABET, min_size=1, max_size=30)))
    return text if text.strip() else "x" + text


def _items(
    draw: st.DrawFn, ids: _Ids, markup: bool, depth: int
) -> dict[Lang, tuple[ListItem, ...]]:
    """A list's items in both languages, some holding a list of their own (to depth 3)."""
    items: dict[Lang, list[ListItem]] = {lang: [] for lang in LANGS}
    for _ in range(draw(st.integers(1, 3))):
        anchor = ids("i")
        sub: dict[Lang, ListBlock] | None = None
        if depth < 3 and draw(st.integers(0, 2)) == 0:
            style: Literal["ordered", "bulleted"] = draw(st.sampled_from(["ordered", "bulleted"]))
            inner = _items(draw, ids, markup, depth + 1)
            sub = {lang: ListBlock(anchor, style, inner[lang]) for lang in LANGS}
        for lang in LANGS:
            text = draw(words(lang, max_size=6, markup=markup))
            items[lang].append(ListItem(anchor, text, sub[lang] if sub else None))
    return {lang: tuple(items[lang]) for lang in LANGS}


def _rich_block(draw: st.DrawFn, ids: _Ids, markup: bool) -> dict[Lang, Block] | None:
    """A block of the kinds of issue 24, or None for one of the others: a clause of several
    paragraphs (as many or not in the two languages), a list whose items hold lists, a
    verbatim block (its text may differ between the languages)."""
    kind = draw(st.sampled_from(["paragraphs", "nested", "verbatim", "other"]))
    if kind == "paragraphs":
        anchor = ids("c")
        return {
            lang: clause_of(
                anchor,
                tuple(
                    draw(words(lang, max_size=5, markup=markup))
                    for _ in range(draw(st.integers(1, 3)))
                ),
            )
            for lang in LANGS
        }
    if kind == "nested":
        anchor = ids("l")
        style: Literal["ordered", "bulleted"] = draw(st.sampled_from(["ordered", "bulleted"]))
        items = _items(draw, ids, markup, 1)
        return {lang: ListBlock(anchor, style, items[lang]) for lang in LANGS}
    if kind == "verbatim":
        anchor = ids("v")
        text = draw(verbatim_texts())
        same = draw(st.booleans())
        return {lang: Verbatim(anchor, text if same else draw(verbatim_texts())) for lang in LANGS}
    return None


def _block(draw: st.DrawFn, ids: _Ids, markup: bool, rich: bool = False) -> dict[Lang, Block]:
    if rich:
        found = _rich_block(draw, ids, markup)
        if found is not None:
            return found
    kind = draw(st.sampled_from(["clause", "clause", "list", "table"]))
    if kind == "clause":
        anchor = ids("c")
        return {lang: Paragraph(anchor, draw(words(lang, markup=markup))) for lang in LANGS}
    if kind == "list":
        anchor = ids("l")
        style: Literal["ordered", "bulleted"] = draw(st.sampled_from(["ordered", "bulleted"]))
        items = [ids("i") for _ in range(draw(st.integers(1, 4)))]
        return {
            lang: ListBlock(
                anchor,
                style,
                tuple(ListItem(i, draw(words(lang, max_size=6, markup=markup))) for i in items),
            )
            for lang in LANGS
        }
    anchor = ids("t")
    columns = draw(st.integers(1, 3))
    rows = [ids("r") for _ in range(draw(st.integers(1, 3)))]
    return {
        lang: Table(
            anchor,
            tuple(draw(words(lang, max_size=2, markup=markup)) for _ in range(columns)),
            tuple(
                TableRow(
                    r, tuple(draw(words(lang, max_size=3, markup=markup)) for _ in range(columns))
                )
                for r in rows
            ),
        )
        for lang in LANGS
    }


@st.composite
def documents(draw: st.DrawFn, *, markup: bool = True, rich: bool = False) -> dict[Lang, Text]:
    """Both languages of one version: a title, a preamble and one to four sections of
    clauses, lists and tables, the same ids in both (``markup=False``: plain words only;
    ``rich``: also the blocks of issue 24, :func:`_rich_block`)."""
    ids = _Ids()
    preamble = [_block(draw, ids, markup, rich) for _ in range(draw(st.integers(0, 2)))]
    sections = []
    for _ in range(draw(st.integers(1, 4))):
        anchor = ids("s")
        titles = {lang: draw(words(lang, max_size=3, title=True)) for lang in LANGS}
        blocks = [_block(draw, ids, markup, rich) for _ in range(draw(st.integers(1, 4)))]
        sections.append((anchor, titles, blocks))
    return {
        lang: Text(
            lang,
            draw(words(lang, max_size=3, title=True)),
            tuple(b[lang] for b in preamble),
            tuple(
                Section(anchor, titles[lang], tuple(b[lang] for b in blocks))
                for anchor, titles, blocks in sections
            ),
        )
        for lang in LANGS
    }


# -- Revisions -------------------------------------------------------------------------------


@dataclass
class Log:
    """What a revision did, by id."""

    reworded: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    moved: set[str] = field(default_factory=set)
    """Blocks put in another section (items in another list), and sections put elsewhere."""
    reordered: list[tuple[str, str]] = field(default_factory=list)
    """Two siblings swapped (sections, a section's blocks, a list's items, a table's rows)."""
    retitled: set[str] = field(default_factory=set)
    restyled: set[str] = field(default_factory=set)
    relinked: set[str] = field(default_factory=set)
    one_language: dict[str, Lang] = field(default_factory=dict)
    """Ids reworded in one language only, and which."""


@dataclass
class _Draft:
    """A mutable copy of both languages of a version (the model's objects are frozen)."""

    title: dict[Lang, str]
    preamble: list[dict[Lang, Block]]
    sections: list[tuple[str, dict[Lang, str], list[dict[Lang, Block]]]]
    used: set[str] = field(default_factory=set)
    """Every id the version had or the edits gave: a deleted element's id is never reused
    (an id in both versions is the same element, by definition)."""

    @classmethod
    def of(cls, texts: dict[Lang, Text]) -> _Draft:
        zh, en = texts["zh"], texts["en"]
        return cls(
            {"zh": zh.title, "en": en.title},
            [{"zh": a, "en": b} for a, b in zip(zh.preamble, en.preamble, strict=True)],
            [
                (
                    a.id,
                    {"zh": a.title, "en": b.title},
                    [{"zh": x, "en": y} for x, y in zip(a.blocks, b.blocks, strict=True)],
                )
                for a, b in zip(zh.sections, en.sections, strict=True)
            ],
            set(zh.ids()),
        )

    def texts(self) -> dict[Lang, Text]:
        return {
            lang: Text(
                lang,
                self.title[lang],
                tuple(b[lang] for b in self.preamble),
                tuple(
                    Section(anchor, titles[lang], tuple(b[lang] for b in blocks))
                    for anchor, titles, blocks in self.sections
                ),
            )
            for lang in LANGS
        }

    def containers(self) -> list[list[dict[Lang, Block]]]:
        return [self.preamble, *(blocks for _, _, blocks in self.sections)]

    def new_id(self, prefix: str) -> str:
        taken = set(self.texts()["zh"].ids()) | self.used
        number = len(taken)
        while f"{prefix}{number}" in taken:
            number += 1
        self.used.add(f"{prefix}{number}")
        return f"{prefix}{number}"


EDITS = (
    "reword", "insert", "delete", "move", "move_section", "add_section", "retitle", "restyle",
    "relink", "delete_section", "reorder",
)  # fmt: skip


def _pick_text(draw: st.DrawFn, draft: _Draft) -> tuple[list[dict[Lang, Block]], int] | None:
    spots = [(blocks, i) for blocks in draft.containers() for i in range(len(blocks))]
    return draw(st.sampled_from(spots)) if spots else None


def _reword(
    draw: st.DrawFn,
    draft: _Draft,
    log: Log,
    languages: tuple[Lang, ...],
    spot: tuple[list[dict[Lang, Block]], int] | None = None,
) -> None:
    """Reword a clause, a list item or a table cell (the same one in each of ``languages``)."""
    spot = spot or _pick_text(draw, draft)
    if spot is None:
        return
    blocks, index = spot
    pair = dict(blocks[index])
    first = pair["zh"]
    if isinstance(first, Paragraph):
        anchor = first.id
        for lang in languages:
            block = pair[lang]
            assert isinstance(block, Paragraph)
            pair[lang] = dataclasses.replace(block, text=_edited(draw, block.text, lang))
    elif isinstance(first, ListBlock):
        k = draw(st.integers(0, len(first.items) - 1))
        anchor = first.items[k].id
        for lang in languages:
            block = pair[lang]
            assert isinstance(block, ListBlock)
            items = list(block.items)
            items[k] = dataclasses.replace(items[k], text=_edited(draw, items[k].text, lang))
            pair[lang] = dataclasses.replace(block, items=tuple(items))
    else:
        assert isinstance(first, Table)
        if not first.rows:
            return
        k = draw(st.integers(0, len(first.rows) - 1))
        c = draw(st.integers(0, len(first.header) - 1))
        anchor = first.rows[k].id
        for lang in languages:
            block = pair[lang]
            assert isinstance(block, Table)
            rows = list(block.rows)
            cells = list(rows[k].cells)
            cells[c] = _edited(draw, cells[c], lang)
            rows[k] = dataclasses.replace(rows[k], cells=tuple(cells))
            pair[lang] = dataclasses.replace(block, rows=tuple(rows))
    blocks[index] = pair
    log.reworded.add(anchor)
    if len(languages) == 1:
        log.one_language[anchor] = languages[0]


def _edited(draw: st.DrawFn, text: str, lang: Lang, *, title: bool = False) -> str:
    """The text with words inserted, deleted or replaced (still valid inline text, or a valid
    title)."""
    joiner = " " if lang == "en" else ""
    pieces = text.split(" ") if lang == "en" else list(text)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(pieces)))
        how = draw(st.sampled_from(["insert", "delete", "replace"]))
        new = draw(st.sampled_from(WORDS[lang]))
        if how == "insert":
            pieces.insert(at, new)
        elif how == "delete" and len(pieces) > 1:
            del pieces[min(at, len(pieces) - 1)]
        else:
            pieces[min(at, len(pieces) - 1) : min(at, len(pieces) - 1) + 1] = [new]
    out = joiner.join(pieces).strip()
    if out and _parses(out, title=title) and out != text:
        return out
    word = draw(st.sampled_from(WORDS[lang]))
    return next(
        c for c in (text + joiner + word, word + joiner + text, word, word + word)
        if _parses(c, title=title) and c != text
    )  # fmt: skip


def _apply(draw: st.DrawFn, draft: _Draft, edit: str, log: Log) -> None:
    if edit == "reword":
        _reword(draw, draft, log, LANGS)
    elif edit == "insert":
        blocks = draw(st.sampled_from(draft.containers()))
        anchor = draft.new_id("n")
        at = draw(st.integers(0, len(blocks)))
        blocks.insert(at, {lang: Paragraph(anchor, draw(words(lang))) for lang in LANGS})
        log.added.add(anchor)
    elif edit == "delete":
        spot = _pick_text(draw, draft)
        if spot is None:
            return
        blocks, index = spot
        block = blocks[index]["zh"]
        if isinstance(block, ListBlock) and len(block.items) > 1 and draw(st.booleans()):
            k = draw(st.integers(0, len(block.items) - 1))
            log.deleted.add(block.items[k].id)
            blocks[index] = {
                lang: dataclasses.replace(
                    b, items=tuple(i for n, i in enumerate(b.items) if n != k)
                )
                for lang, b in blocks[index].items()
                if isinstance(b, ListBlock)
            }
            return
        if sum(len(c) for c in draft.containers()) <= 1:
            return
        log.deleted.update(set(_block_ids(block)))
        del blocks[index]
    elif edit == "move":
        spot = _pick_text(draw, draft)
        if spot is None or len(draft.sections) < 2:
            return
        blocks, index = spot
        targets = [c for c in draft.containers() if c is not blocks]
        target = draw(st.sampled_from(targets))
        pair = blocks.pop(index)
        target.insert(draw(st.integers(0, len(target))), pair)
        log.moved.add(pair["zh"].id)
        if draw(st.booleans()):  # moved and reworded
            _reword(draw, draft, log, LANGS, (target, target.index(pair)))
    elif edit == "move_section":
        if len(draft.sections) < 2:
            return
        index = draw(st.integers(0, len(draft.sections) - 1))
        section = draft.sections.pop(index)
        draft.sections.insert(draw(st.integers(0, len(draft.sections))), section)
        log.moved.add(section[0])
    elif edit == "delete_section":
        if len(draft.sections) < 2:
            return
        anchor, _, blocks = draft.sections.pop(draw(st.integers(0, len(draft.sections) - 1)))
        log.deleted.update({anchor, *(i for pair in blocks for i in _block_ids(pair["zh"]))})
    elif edit == "reorder":
        _reorder(draw, draft, log)
    elif edit == "add_section":
        anchor, clause = draft.new_id("s"), draft.new_id("c")
        titles = {lang: draw(words(lang, max_size=3, title=True)) for lang in LANGS}
        new: dict[Lang, Block] = {lang: Paragraph(clause, draw(words(lang))) for lang in LANGS}
        draft.sections.insert(draw(st.integers(0, len(draft.sections))), (anchor, titles, [new]))
        log.added.update({anchor, clause})
    elif edit == "retitle":
        anchor, titles, _ = draw(st.sampled_from(draft.sections))
        for lang in LANGS:
            titles[lang] = _edited(draw, titles[lang], lang, title=True)
        log.retitled.add(anchor)
    elif edit == "restyle":
        lists = [
            (blocks, i)
            for blocks in draft.containers()
            for i, pair in enumerate(blocks)
            if isinstance(pair["zh"], ListBlock)
        ]
        if not lists:
            return
        blocks, index = draw(st.sampled_from(lists))
        old = blocks[index]["zh"]
        assert isinstance(old, ListBlock)
        style: Literal["ordered", "bulleted"] = "bulleted" if old.style == "ordered" else "ordered"
        blocks[index] = {
            lang: dataclasses.replace(b, style=style)
            for lang, b in blocks[index].items()
            if isinstance(b, ListBlock)
        }
        log.restyled.add(old.id)
    elif edit == "relink":
        clauses = [
            (blocks, i)
            for blocks in draft.containers()
            for i, pair in enumerate(blocks)
            if isinstance(pair["zh"], Paragraph) and "[" not in pair["zh"].text
        ]
        if not clauses:
            return
        blocks, index = draw(st.sampled_from(clauses))
        lang = draw(st.sampled_from(LANGS))
        block = blocks[index][lang]
        assert isinstance(block, Paragraph)
        # The visible text stays; only the markup changes: a link-only change.
        text = f"[{block.text}](https://example.com/terms)"
        if not _parses(text):
            return
        blocks[index] = {**blocks[index], lang: dataclasses.replace(block, text=text)}
        log.relinked.add(block.id)
        log.one_language[block.id] = lang


def _swap(draw: st.DrawFn, items: list[Any]) -> tuple[int, int]:
    i, j = draw(st.lists(st.integers(0, len(items) - 1), min_size=2, max_size=2, unique=True))
    items[i], items[j] = items[j], items[i]
    return i, j


def _reorder(draw: st.DrawFn, draft: _Draft, log: Log) -> None:
    """Swap two siblings: sections, a section's blocks, a list's items or a table's rows."""
    spots: list[tuple[str, Any]] = [("sections", None)] if len(draft.sections) > 1 else []
    spots += [("blocks", c) for c in draft.containers() if len(c) > 1]
    for blocks in draft.containers():
        for index, pair in enumerate(blocks):
            block = pair["zh"]
            if isinstance(block, ListBlock) and len(block.items) > 1:
                spots.append(("items", (blocks, index)))
            if isinstance(block, Table) and len(block.rows) > 1:
                spots.append(("rows", (blocks, index)))
    if not spots:
        return
    what, where = draw(st.sampled_from(spots))
    if what == "sections":
        i, j = _swap(draw, draft.sections)
        log.reordered.append((draft.sections[i][0], draft.sections[j][0]))
    elif what == "blocks":
        i, j = _swap(draw, where)
        log.reordered.append((where[i]["zh"].id, where[j]["zh"].id))
    else:
        blocks, index = where
        field_name = "items" if what == "items" else "rows"
        order = list(range(len(getattr(blocks[index]["zh"], field_name))))
        i, j = _swap(draw, order)
        blocks[index] = {
            lang: dataclasses.replace(
                b, **{field_name: tuple(getattr(b, field_name)[k] for k in order)}
            )
            for lang, b in blocks[index].items()
        }
        children = getattr(blocks[index]["zh"], field_name)
        log.reordered.append((children[i].id, children[j].id))


def _block_ids(block: Block) -> list[str]:
    if isinstance(block, ListBlock):
        return [block.id, *(i.id for i in block.items)]
    if isinstance(block, Table):
        return [block.id, *(r.id for r in block.rows)]
    return [block.id]


@st.composite
def revisions(
    draw: st.DrawFn, texts: dict[Lang, Text], *, edits: tuple[str, ...] = EDITS
) -> tuple[dict[Lang, Text], Log]:
    """``texts`` after one to six edits of the given kinds, and what they did."""
    draft = _Draft.of(texts)
    log = Log()
    for edit in draw(st.lists(st.sampled_from(edits), min_size=1, max_size=6)):
        _apply(draw, draft, edit, log)
    return draft.texts(), log


@st.composite
def one_language_edits(draw: st.DrawFn, texts: dict[Lang, Text]) -> tuple[dict[Lang, Text], Log]:
    """``texts`` with one element reworded in one language only (a forgotten translation)."""
    draft = _Draft.of(texts)
    log = Log()
    _reword(draw, draft, log, (draw(st.sampled_from(LANGS)),))
    return draft.texts(), log


# -- As the editors' YAML ------------------------------------------------------------------------


class _Literal(str):
    """A verbatim block's text: written as a YAML ``|`` block where YAML can."""


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


yaml.SafeDumper.add_representer(_Literal, _literal)


def _item_yaml(item: ListItem) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item.id, "text": item.text}
    if item.sublist is not None:
        out["list"] = item.sublist.style
        out["items"] = [_item_yaml(i) for i in item.sublist.items]
    return out


def _block_yaml(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        if len(block.parts) > 1:
            return {"id": block.id, "paragraphs": list(block.parts)}
        return {"id": block.id, "text": block.text}
    if isinstance(block, ListBlock):
        return {
            "id": block.id,
            "list": block.style,
            "items": [_item_yaml(i) for i in block.items],
        }
    if isinstance(block, Verbatim):
        return {"id": block.id, "verbatim": _Literal(block.text)}
    return {
        "id": block.id,
        "table": {
            "header": list(block.header),
            "rows": [{"id": r.id, "cells": list(r.cells)} for r in block.rows],
        },
    }


def yaml_of(text: Text) -> str:
    """The text as an editor's ``zh.yaml`` / ``en.yaml``."""
    data: dict[str, Any] = {"title": text.title}
    if text.preamble:
        data["preamble"] = [_block_yaml(b) for b in text.preamble]
    data["sections"] = [
        {"id": s.id, "title": s.title, "blocks": [_block_yaml(b) for b in s.blocks]}
        for s in text.sections
    ]
    dumped: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    return dumped


def write_version(folder: Path, texts: dict[Lang, Text]) -> None:
    """A version folder with both languages' files."""
    folder.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        (folder / f"{lang}.yaml").write_text(yaml_of(texts[lang]), encoding="utf-8")


# -- Revisions of the blocks of issue 24 ----------------------------------------------------------


def replace_node(text: Text, anchor: str, make: Callable[[object], object | None]) -> Text:
    """``text`` with the element ``anchor`` (a block, or an item at any depth) made anew by
    ``make`` (None: removed)."""

    def items(block: ListBlock) -> ListBlock:
        kept: list[ListItem] = []
        for item in block.items:
            if item.id == anchor:
                made = make(item)
                if made is not None:
                    assert isinstance(made, ListItem)
                    kept.append(made)
                continue
            sub = items(item.sublist) if item.sublist else None
            kept.append(dataclasses.replace(item, sublist=sub))
        return dataclasses.replace(block, items=tuple(kept))

    def blocks(found: tuple[object, ...]) -> tuple[object, ...]:
        out: list[object] = []
        for block in found:
            if getattr(block, "id", None) == anchor:
                made = make(block)
                if made is not None:
                    out.append(made)
            elif isinstance(block, ListBlock):
                out.append(items(block))
            else:
                out.append(block)
        return tuple(out)

    return dataclasses.replace(
        text,
        preamble=blocks(text.preamble),  # type: ignore[arg-type]
        sections=tuple(
            dataclasses.replace(s, blocks=blocks(s.blocks))  # type: ignore[arg-type]
            for s in text.sections
        ),
    )


def becomes(made: object) -> Callable[[object], object]:
    """What :func:`replace_node` makes of the element: ``made``."""
    return lambda _: made


@st.composite
def rich_revisions(draw: st.DrawFn) -> tuple[dict[Lang, Text], dict[Lang, Text]]:
    """A version with blocks of issue 24 and a revision of them: a paragraph of a clause
    reworded, removed or added, an item (at any depth) removed, a verbatim line changed."""
    old = draw(documents(rich=True))
    new = dict(old)
    for step in list(walk(old["zh"])):
        node = step.node
        if draw(st.integers(0, 3)) != 0:
            continue
        if isinstance(node, Paragraph):
            for lang in LANGS:
                found = next(s.node for s in walk(new[lang]) if s.node.id == node.id)
                assert isinstance(found, Paragraph)
                parts = list(found.parts)
                choice = draw(st.sampled_from(["reword", "drop", "add"]))
                if choice == "reword":
                    parts[-1] = parts[-1] + draw(st.sampled_from(["，并且", " and", "。"]))
                elif choice == "drop" and len(parts) > 1:
                    parts.pop(0)
                else:
                    parts.append(draw(st.sampled_from(["新的一段。", "A new paragraph."])))
                made = clause_of(node.id, tuple(parts))
                new[lang] = replace_node(new[lang], node.id, becomes(made))
        elif isinstance(node, ListItem):
            # Removed unless it is the last item of its list (in the revision so far).
            if all(
                any(
                    s.node.id == node.id
                    and isinstance(s.parent, ListBlock)
                    and len(s.parent.items) > 1
                    for s in walk(new[lang])
                )
                for lang in LANGS
            ):
                for lang in LANGS:
                    new[lang] = replace_node(new[lang], node.id, lambda _: None)
        elif isinstance(node, Verbatim):
            changed = Verbatim(node.id, draw(verbatim_texts()))
            for lang in LANGS:
                new[lang] = replace_node(new[lang], node.id, becomes(changed))
    return old, new
