"""Two languages' blocks (:mod:`legalsite.sources.importing.tree`) made into one version: the
structure of each, its numbering styles, the elements paired by position and given one id in
both languages, textual cross-references made references, and what could not be paired or
decided, each at its ``file:line``.

The result is the data of ``zh.yaml`` and ``en.yaml`` in the numbering model's shape (sections
to three levels, ``numbering:`` per language, clauses of several paragraphs, nested lists,
verbatim blocks, ``[](#id)`` references).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from legalsite.model import inline
from legalsite.model.citation import citations
from legalsite.model.document import ID_PATTERN, LANGS, Lang, Section, Text
from legalsite.model.errors import Problem
from legalsite.model.numbering import UNNUMBERED, Numbering, joined, parse_style
from legalsite.model.numbering import Style as NumberStyle
from legalsite.sources.importing import numbering
from legalsite.sources.importing.tree import Heading, Item, Para, Source, TableBlock, Verbatim

MAX_LEVELS = 3
"""Section levels the model has (parts, sections, sub-sections)."""
MAX_LIST_DEPTH = 3
"""List nesting the model has."""
MAX_ID_WORDS = 4
"""The words of a title an id is made of."""


@dataclass
class ItemNode:
    item: Item
    children: list[ItemNode] = field(default_factory=list)


@dataclass
class Run:
    """Blocks of one kind in a row: a section's paragraphs, a list, a verbatim block."""

    kind: Literal["paragraphs", "list", "verbatim", "table"]
    line: int
    paragraphs: list[Para] = field(default_factory=list)
    items: list[ItemNode] = field(default_factory=list)
    text: str = ""
    table: TableBlock | None = None


@dataclass
class SectionNode:
    heading: Heading | None
    level: int
    runs: list[Run] = field(default_factory=list)
    sections: list[SectionNode] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.heading.line if self.heading else 1


@dataclass
class Language:
    """One language's document as a structure."""

    source: Source
    title: Heading | None
    root: SectionNode
    problems: list[Problem] = field(default_factory=list)
    annexes: list[SectionNode] = field(default_factory=list)
    """The top-level headings that are annexes or appendices (附件一, Annex 1, Appendix A)."""
    end: SectionNode = field(default_factory=lambda: SectionNode(None, 0))
    """The end matter: an end marker (（正文完）) and the blocks after it, before any annex."""

    def problem(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.source.name, line, None, message, hint))


def structure(source: Source) -> Language:
    """The sections (to three levels), lists and runs of paragraphs of ``source``."""
    blocks = list(source.blocks)
    headings = [b for b in blocks if isinstance(b, Heading)]
    title: Heading | None = None
    if headings and headings[0].level == 0:
        title = headings[0]
    elif (
        blocks
        and isinstance(blocks[0], Heading)
        and sum(h.level <= blocks[0].level for h in headings) == 1
    ):
        title = blocks[0]
    language = Language(source, title, SectionNode(None, 0))
    if title is None:
        language.problem(
            1,
            "no title: the document should start with it (a level-1 heading, Word's Title "
            "style, or the first line of a plain text)",
        )
    levels = sorted({h.level for h in headings if h is not title})
    rank = {level: index + 1 for index, level in enumerate(levels)}
    stack = [language.root]
    ending: SectionNode | None = None
    for block in blocks:
        if block is title:
            continue
        if isinstance(block, Heading):
            level = rank[block.level]
            if level > MAX_LEVELS:
                language.problem(
                    block.line,
                    f"a heading {level} levels deep; sections nest {MAX_LEVELS} deep: kept as a "
                    "paragraph",
                )
                text = " ".join(filter(None, (block.number, block.title)))
                _add_paragraph(stack[-1], Para(text, block.line))
                continue
            while stack[-1].level >= level:
                stack.pop()
            node = SectionNode(block, level)
            if level == 1 and numbering.is_annex(block.number, block.title):
                language.annexes.append(node)
            elif language.annexes and level == 1:
                language.problem(
                    block.line,
                    "a section after an annex: kept as an annex (annexes come after the sections)",
                )
                language.annexes.append(node)
            else:
                stack[-1].sections.append(node)
            stack.append(node)
            ending = None
        elif isinstance(block, Para) and END_MARKER.fullmatch(_words(block.text)):
            ending = language.end
            _add_paragraph(ending, block)
        elif isinstance(block, Para):
            _add_paragraph(ending or stack[-1], block)
        elif isinstance(block, Item):
            _add_item(ending or stack[-1], block, language)
        elif isinstance(block, Verbatim):
            (ending or stack[-1]).runs.append(Run("verbatim", block.line, text=block.text))
        elif isinstance(block, TableBlock):
            (ending or stack[-1]).runs.append(Run("table", block.line, table=block))
    return language


def _words(text: str) -> str:
    """The words of a paragraph as read; one the inline subset refuses (each is reported where
    the texts are checked, at its line) as it is, since an import reports, never crashes."""
    try:
        return inline.plain_of(text)
    except inline.InlineError:
        return text


END_MARKER = re.compile(
    r"[（(【\[]?\s*(正文完|以下无正文|本页以下无正文|全文完|完|条款结束|正文结束)\s*[）)】\]]?"
    r"|\(?(END OF (THE )?(TERMS AND CONDITIONS|AGREEMENT|DOCUMENT|TEXT)|THE END)\)?\.?",
    re.IGNORECASE,
)
"""A paragraph that ends a document's text (（正文完）, END OF TERMS AND CONDITIONS, and their
counterparts in bilingual licences such as the Mulan PSL v2's 条款结束): it and
what follows up to the next heading (a signature or contact block) are its end matter."""


def _add_paragraph(section: SectionNode, para: Para) -> None:
    if section.runs and section.runs[-1].kind == "paragraphs" and not section.sections:
        section.runs[-1].paragraphs.append(para)
    else:
        section.runs.append(Run("paragraphs", para.line, paragraphs=[para]))


def _add_item(section: SectionNode, item: Item, language: Language) -> None:
    runs = section.runs
    last = runs[-1] if runs and runs[-1].kind == "list" else None
    if last is None or (item.depth == 0 and last.items[0].item.bulleted != item.bulleted):
        last = Run("list", item.line)
        runs.append(last)
    depth = item.depth
    if depth >= MAX_LIST_DEPTH:
        language.problem(
            item.line,
            f"a list item {depth + 1} levels deep; lists nest {MAX_LIST_DEPTH} deep: kept at "
            f"level {MAX_LIST_DEPTH}",
        )
        depth = MAX_LIST_DEPTH - 1
    siblings = last.items
    for _ in range(depth):
        if not siblings:
            break
        siblings = siblings[-1].children
    siblings.append(ItemNode(item))


# -- Numbering -------------------------------------------------------------------------------

Style = str | dict[str, Any]


@dataclass(frozen=True)
class Numbers:
    """A language's decided styles: section levels, list depths, and each list's own."""

    sections: list[Style]
    lists: list[Style]
    own: dict[int, Style]
    """A list's style (by ``id`` of its run) where it is not its depth's."""
    unnumbered: set[int]
    """The sections (by ``id`` of their node) written without a number among numbered ones."""
    annexes: Style | None = None
    """The annexes' style, None when they have no numbers."""
    kept: set[int] = field(default_factory=set)
    """The sections whose numbers no style could write: kept in their titles, as written."""


def _style_of(decision: numbering.Decision, depth: int = 1, mark: str = "") -> Style:
    assert decision.style is not None
    written = numbering.written(decision.style, depth, mark)
    return written if decision.start == 1 else {"style": written, "start": decision.start}


def _decide(
    groups: Sequence[Sequence[tuple[str, int]]], language: Language, what: str
) -> tuple[Style | None, list[Style | None]]:
    """The style of each group of sibling numbers (number as written, line), and the one most
    groups share."""
    decided: list[Style | None] = []
    for group in groups:
        readings = [numbering.candidates(number) for number, _ in group]
        decision = numbering.decide(readings)
        if decision.problem:
            language.problem(group[0][1], f"{what}: {decision.problem}")
            decided.append(None)
        elif decision.style is None:
            decided.append(None)
        else:
            chosen = [r for options in readings for r in options if r.style == decision.style]
            marks = {r.mark for r in chosen}
            mark = marks.pop() if len(marks) == 1 else ""
            decided.append(_style_of(decision, chosen[0].depth, mark))
    counts = Counter(repr(s) for s in decided if s is not None)
    if not counts:
        return None, decided
    common = counts.most_common(1)[0][0]
    return next(s for s in decided if repr(s) == common), decided


def numbers(language: Language) -> Numbers:
    sections: list[Style] = []
    unnumbered: set[int] = set()
    kept: set[int] = set()
    for level in range(1, MAX_LEVELS + 1):
        parents = list(_at_level(language.root, level - 1))
        if not any(p.sections for p in parents):
            break
        groups = []
        for parent in parents:
            numbered = [
                (s.heading.number, s.line)
                for s in parent.sections
                if s.heading and s.heading.number
            ]
            if numbered:
                groups.append(numbered)
            unnumbered.update(
                id(s) for s in parent.sections if not (s.heading and s.heading.number)
            )
        common, decided = _decide(groups, language, f"the numbers of level-{level} headings")
        if common is None:
            sections.append("none")
            unnumbered -= {id(s) for p in parents for s in p.sections}
            kept.update(
                id(s) for p in parents for s in p.sections if s.heading and s.heading.number
            )
            continue
        for group, style in zip(groups, decided, strict=True):
            if style is not None and style != common:
                language.problem(
                    group[0][1],
                    f"these level-{level} headings are numbered {_shown(style)}, the others "
                    f"{_shown(common)}: the text's one style is used",
                )
        sections.append(common)
    lists, own = _list_numbers(language)
    annexes: Style | None = None
    numbered = [
        (a.heading.number, a.line) for a in language.annexes if a.heading and a.heading.number
    ]
    if numbered:
        annexes, _ = _decide([numbered], language, "the numbers of the annexes")
    if annexes is None:  # no style writes them: kept in the titles, as written
        kept.update(id(a) for a in language.annexes if a.heading and a.heading.number)
    unnumbered.update(
        id(a)
        for a in language.annexes
        if annexes is not None and not (a.heading and a.heading.number)
    )
    return Numbers(sections, lists, own, unnumbered, annexes, kept)


def _shown(style: Style) -> str:
    if isinstance(style, dict):
        return f"{style['style']} from {style['start']}"
    return style


def _at_level(node: SectionNode, level: int) -> Iterator[SectionNode]:
    if node.level == level:
        yield node
        return
    for child in node.sections:
        yield from _at_level(child, level)


def _runs(node: SectionNode) -> Iterator[Run]:
    yield from node.runs
    for child in node.sections:
        yield from _runs(child)


def _list_numbers(language: Language) -> tuple[list[Style], dict[int, Style]]:
    """The ordered lists' style at each depth (the most common), and each list's own where it
    differs (a list is keyed by the ``id`` of its first item node's list of siblings)."""
    by_depth: list[list[tuple[int, list[ItemNode]]]] = [[] for _ in range(MAX_LIST_DEPTH)]

    def visit(siblings: list[ItemNode], depth: int) -> None:
        if not siblings[0].item.bulleted:
            by_depth[depth].append((id(siblings), siblings))
        for node in siblings:
            if node.children:
                visit(node.children, depth + 1)

    for run in _runs(language.root):
        if run.kind == "list":
            visit(run.items, 0)
    styles: list[Style] = []
    own: dict[int, Style] = {}
    for lists in by_depth:
        if not lists:
            break
        groups = [[(n.item.marker, n.item.line) for n in siblings] for _, siblings in lists]
        common, decided = _decide(groups, language, "the numbers of a list")
        styles.append(common if common is not None else "1.")
        for (key, _), style in zip(lists, decided, strict=True):
            if style is not None and style != common:
                own[key] = style
    return styles, own


# -- Pairing and ids -------------------------------------------------------------------------


_SMALL_WORDS = frozenset({"a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to"})


def slug(title: str) -> str:
    """An id from a title: its first ASCII words but the small ones (of, and, the...), lower
    case, joined by hyphens; empty when it has none."""
    every = re.findall(r"[a-z0-9]+", title.lower())
    words = [w for w in every if w not in _SMALL_WORDS][:MAX_ID_WORDS] or every[:MAX_ID_WORDS]
    text = "-".join(words)
    if text and not text[0].isalpha():
        text = "s-" + text
    return text if ID_PATTERN.fullmatch(text) else ""


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate = f"{wanted}-{n}"
            n += 1
        self.used.add(candidate)
        return candidate


@dataclass
class Imported:
    """The two texts' data, the problems that keep the version from being complete, and what
    the numbering and pairing decided (for the report)."""

    texts: dict[Lang, dict[str, Any]]
    problems: list[Problem]
    references: int = 0


def pair(sources: dict[Lang, Source]) -> Imported:
    """Both languages as the data of their YAML files; every problem located."""
    languages = {lang: structure(sources[lang]) for lang in LANGS}
    numbered = {lang: numbers(languages[lang]) for lang in LANGS}
    pairing = _Pairing(languages, numbered)
    zh, en = languages["zh"], languages["en"]
    texts: dict[Lang, dict[str, Any]] = {}
    for lang in LANGS:
        language = languages[lang]
        title = language.title.title if language.title else language.source.name
        texts[lang] = {"title": title}
        if language.title:
            pairing.check_plain(lang, title, language.title.line, "the title")
        count = numbered[lang]
        styles: dict[str, Any] = {}
        if count.sections:
            styles["sections"] = count.sections
        if count.lists:
            styles["lists"] = count.lists
        if count.annexes is not None:
            styles["annexes"] = count.annexes
        if styles:
            texts[lang]["numbering"] = styles
    preamble = pairing.blocks(zh.root.runs, en.root.runs, "preamble", "the preamble")
    sections = pairing.sections(zh.root.sections, en.root.sections, ())
    end = pairing.blocks(zh.end.runs, en.end.runs, "end", "the end matter")
    annexes = pairing.sections(zh.annexes, en.annexes, ("annex",))
    for lang in LANGS:
        if preamble[lang]:
            texts[lang]["preamble"] = preamble[lang]
        texts[lang]["sections"] = sections[lang]
        if annexes[lang]:
            texts[lang]["annexes"] = annexes[lang]
        if end[lang]:
            texts[lang]["end"] = end[lang]
    references = pairing.link_references(texts)
    problems = [p for lang in LANGS for p in languages[lang].problems] + pairing.problems
    return Imported(texts, sorted(problems, key=_order), references)


def _order(problem: Problem) -> tuple[str, int]:
    return (problem.path, problem.line or 0)


class _Pairing:
    def __init__(self, languages: dict[Lang, Language], numbered: dict[Lang, Numbers]) -> None:
        self.languages = languages
        self.numbered = numbered
        self.ids = _Ids()
        self.problems: list[Problem] = []
        self.targets: dict[Lang, dict[str, str]] = {lang: {} for lang in LANGS}
        """Each language's section numbers as written → the section's id."""
        self.ambiguous: dict[Lang, set[str]] = {lang: set() for lang in LANGS}

    def name(self, lang: Lang) -> str:
        return self.languages[lang].source.name

    def problem(self, lang: Lang, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.name(lang), line, None, message))

    def check_plain(self, lang: Lang, text: str, line: int, what: str) -> None:
        try:
            inline.check_plain(text, what=what)
        except inline.InlineError as exc:
            self.problem(lang, line, f"{exc.message}: edit it in the YAML")

    def check_text(self, lang: Lang, text: str, line: int) -> None:
        try:
            inline.parse(text)
        except inline.InlineError as exc:
            self.problem(lang, line, f"{exc.message}: edit it in the YAML")

    def unpaired(self, lang: Lang, line: int, what: str, other: Lang, where: str) -> None:
        self.problem(lang, line, f"{what} has no counterpart in {self.name(other)}{where}")

    # Sections

    def sections(
        self,
        zh: list[SectionNode],
        en: list[SectionNode],
        parents: tuple[str, ...],
    ) -> dict[Lang, list[dict[str, Any]]]:
        out: dict[Lang, list[dict[str, Any]]] = {"zh": [], "en": []}
        if len(zh) != len(en):
            longer: Lang = "zh" if len(zh) > len(en) else "en"
            shorter: Lang = "en" if longer == "zh" else "zh"
            nodes = zh if longer == "zh" else en
            first = nodes[min(len(zh), len(en))]
            other = (en if longer == "zh" else zh) or None
            where = f" ({len(nodes)} headings here, {len(other or [])} there"
            where += f", from line {other[0].line})" if other else ")"
            self.unpaired(longer, first.line, f'the heading "{_title(first)}"', shorter, where)
        for index in range(max(len(zh), len(en))):
            pair: dict[Lang, SectionNode | None] = {"zh": _at(zh, index), "en": _at(en, index)}
            base = slug(_title(pair["en"]))
            path = (*parents, str(index + 1))
            fallback = "-".join(path) if parents[:1] == ("annex",) else "section-" + "-".join(path)
            section_id = self.ids.take(base or fallback)
            both = pair["zh"] is not None and pair["en"] is not None
            title = _title(pair["zh"] or pair["en"])
            runs = {lang: node.runs if node else [] for lang, node in pair.items()}
            blocks = self.blocks(
                runs["zh"], runs["en"], section_id, f'the section "{title}"', report=both
            )
            children = self.sections(
                pair["zh"].sections if pair["zh"] else [],
                pair["en"].sections if pair["en"] else [],
                path,
            )
            for lang in LANGS:
                node = pair[lang]
                if node is None:
                    continue
                data = self.section(lang, node, section_id)
                if blocks[lang] or not children[lang]:
                    data["blocks"] = blocks[lang]
                if children[lang]:
                    data["sections"] = children[lang]
                out[lang].append(data)
        return out

    def section(self, lang: Lang, node: SectionNode, section_id: str) -> dict[str, Any]:
        assert node.heading is not None
        self.check_plain(lang, node.heading.title, node.line, "a heading")
        title = node.heading.title
        if id(node) in self.numbered[lang].kept and node.heading.number:
            title = joined(node.heading.number, title)
        data: dict[str, Any] = {"id": section_id, "title": title}
        if id(node) in self.numbered[lang].unnumbered:
            data["numbered"] = False
        # A reference names a section by its number without the mark that ends it (Section 1.
        # is cited Section 1), as the model cites it (legalsite.model.citation).
        number = (node.heading.number or "").rstrip(" –—-:：.、")
        if number:
            targets = self.targets[lang]
            if number in targets:
                self.ambiguous[lang].add(number)
            targets[number] = section_id
        return data

    def blocks(
        self, zh: list[Run], en: list[Run], base: str, where: str, *, report: bool = True
    ) -> dict[Lang, list[dict[str, Any]]]:
        out: dict[Lang, list[dict[str, Any]]] = {"zh": [], "en": []}
        kinds = {"zh": [r.kind for r in zh], "en": [r.kind for r in en]}
        if report and kinds["zh"] != kinds["en"]:
            at = next(
                (
                    i
                    for i, (a, b) in enumerate(zip(kinds["zh"], kinds["en"], strict=False))
                    if a != b
                ),
                min(len(zh), len(en)),
            )
            self.problems.append(
                Problem(
                    self.name("zh"),
                    zh[at].line if at < len(zh) else (zh[-1].line if zh else None),
                    None,
                    f"{where}: {_kinds(kinds['zh'][at:])} here, {_kinds(kinds['en'][at:])} in "
                    f"{self.name('en')}"
                    + (f" from line {en[at].line}" if at < len(en) else "")
                    + ": not paired",
                )
            )
        number = 0
        for index in range(max(len(zh), len(en))):
            pair = {"zh": _at(zh, index), "en": _at(en, index)}
            matched = pair["zh"] is not None and pair["en"] is not None
            matched = matched and pair["zh"].kind == pair["en"].kind
            first = pair["zh"] or pair["en"]
            assert first is not None
            if first.kind == "paragraphs" and matched:
                counts = {lang: len(pair[lang].paragraphs) for lang in LANGS}
                if counts["zh"] == counts["en"]:
                    for k in range(counts["zh"]):
                        number += 1
                        block_id = self.ids.take(f"{base}-{number}")
                        for lang in LANGS:
                            para = pair[lang].paragraphs[k]
                            self.check_text(lang, para.text, para.line)
                            out[lang].append({"id": block_id, "text": para.text})
                    continue
            number += 1
            block_id = self.ids.take(f"{base}-{number}")
            for lang in LANGS:
                run = pair[lang]
                if run is not None:
                    out[lang].append(self.block(lang, run, block_id))
            if matched and first.kind == "list":
                self.compare_items(pair["zh"].items, pair["en"].items)
            if matched and first.kind == "table":
                self.compare_tables(pair["zh"], pair["en"])
        return out

    def block(self, lang: Lang, run: Run, block_id: str) -> dict[str, Any]:
        if run.kind == "paragraphs":
            for para in run.paragraphs:
                self.check_text(lang, para.text, para.line)
            if len(run.paragraphs) == 1:
                return {"id": block_id, "text": run.paragraphs[0].text}
            return {"id": block_id, "paragraphs": [p.text for p in run.paragraphs]}
        if run.kind == "verbatim":
            return {"id": block_id, "verbatim": run.text + "\n"}
        if run.kind == "table":
            return self.table(lang, run, block_id)
        return self.listing(lang, run.items, block_id)

    def table(self, lang: Lang, run: Run, table_id: str) -> dict[str, Any]:
        table = run.table
        assert table is not None
        for cell in table.header:
            self.check_plain(lang, cell, run.line, "a table's header")
        rows = []
        for n, cells in enumerate(table.rows, 1):
            for cell in cells:
                self.check_text(lang, cell, run.line)
            if len(cells) != len(table.header):
                self.problem(
                    lang,
                    run.line,
                    f"row {n} of a table has {len(cells)} cells, its header {len(table.header)}",
                )
            rows.append({"id": f"{table_id}-{n}", "cells": list(cells)})
        return {"id": table_id, "table": {"header": list(table.header), "rows": rows}}

    def listing(self, lang: Lang, items: list[ItemNode], list_id: str) -> dict[str, Any]:
        ordered = not items[0].item.bulleted
        data: dict[str, Any] = {"id": list_id, "list": "ordered" if ordered else "bulleted"}
        own = self.numbered[lang].own.get(id(items))
        if own is not None:
            data["style"] = own
        data["items"] = []
        for k, node in enumerate(items, 1):
            item_id = f"{list_id}-{k}"
            self.check_text(lang, node.item.text, node.item.line)
            entry: dict[str, Any] = {"id": item_id, "text": node.item.text}
            if node.children:
                nested = self.listing(lang, node.children, item_id)
                entry["list"] = nested["list"]
                if "style" in nested:
                    entry["style"] = nested["style"]
                entry["items"] = nested["items"]
            data["items"].append(entry)
        return data

    def compare_tables(self, zh: Run, en: Run) -> None:
        assert zh.table is not None and en.table is not None
        here = (len(zh.table.header), len(zh.table.rows))
        there = (len(en.table.header), len(en.table.rows))
        if here != there:
            self.problems.append(
                Problem(
                    self.name("zh"),
                    zh.line,
                    None,
                    f"a table of {here[0]} columns and {here[1]} rows here, of {there[0]} and "
                    f"{there[1]} in {self.name('en')} from line {en.line}: "
                    "rows paired by position",
                )
            )

    def compare_items(self, zh: list[ItemNode], en: list[ItemNode]) -> None:
        if _item_shape(zh) != _item_shape(en):
            self.problems.append(
                Problem(
                    self.name("zh"),
                    zh[0].item.line,
                    None,
                    f"a list of {_describe(zh)} here, of {_describe(en)} in {self.name('en')} "
                    f"from line {en[0].item.line}: items paired by position",
                )
            )

    # References

    def link_references(self, texts: dict[Lang, dict[str, Any]]) -> int:
        """Replace, in every clause and item, each textual reference to a section of the same
        language written exactly as that section's number (``第四条``, ``Section 4``) and naming
        one section only, by ``[](#id)``; the count replaced."""
        count = 0
        for lang in LANGS:
            for cited, section_id in _model_citations(lang, texts[lang]).items():
                if cited in self.targets[lang] and self.targets[lang][cited] != section_id:
                    self.ambiguous[lang].add(cited)
                self.targets[lang][cited] = section_id
            pattern = _reference_pattern(self.targets[lang], self.ambiguous[lang])
            if pattern is None:
                continue
            targets = self.targets[lang]

            def replace(match: re.Match[str], targets: dict[str, str] = targets) -> str:
                nonlocal count
                count += 1
                return f"[](#{targets[match.group('ref')]})"

            for holder, key in _texts(texts[lang]):
                holder[key] = pattern.sub(replace, holder[key])
        return count


def _model_citations(lang: Lang, data: dict[str, Any]) -> dict[str, str]:
    """How the model cites each section, sub-section and annex of ``data``
    (:mod:`legalsite.model.citation`: ``第4条`` for a section numbered ``4.``, ``Section 1`` for
    ``Section 1.``, ``第二条第（一）项`` for its sub-section ``（一）``, ``Annex A``): a reference
    written so is linked, and renders as it was written. Empty when the text is not one the
    model reads yet (an unnumbered heading among numbered ones)."""
    every = list(_sections_of(data.get("sections", []))) + list(
        _sections_of(data.get("annexes", []))
    )
    if any(section.get("numbered") is False for section in every):
        return {}
    try:
        numbering = data.get("numbering", {})
        styles = [_model_style(style) for style in numbering.get("sections", [])]
        annexes = _model_style(numbering["annexes"]) if "annexes" in numbering else None
        text = Text(
            lang,
            data["title"],
            (),
            tuple(_bare_section(section) for section in data.get("sections", [])),
            Numbering(tuple(styles), annexes=annexes or UNNUMBERED) if styles or annexes else None,
            annexes=tuple(_bare_section(section) for section in data.get("annexes", [])),
        )
        cited = citations(text)
    except (ValueError, KeyError, TypeError):
        return {}
    return {
        cited[section["id"]]: section["id"]
        for section in every
        if cited[section["id"]] != section["title"]
    }


def _sections_of(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield section
        yield from _sections_of(section.get("sections", []))


def _bare_section(section: dict[str, Any]) -> Section:
    """A section's data as the model's section, without its blocks (what a citation needs)."""
    children = tuple(_bare_section(child) for child in section.get("sections", []))
    return Section(section["id"], section["title"], (), sections=children)


def _model_style(style: Style) -> NumberStyle:
    if isinstance(style, dict):
        return parse_style(str(style["style"]), int(style["start"]))
    return parse_style(style)


def _reference_pattern(targets: dict[str, str], ambiguous: set[str]) -> re.Pattern[str] | None:
    """The section numbers that can be named in a text: those with words in them
    (``第四条``, ``Section 4``, ``Article 2``), never a bare ``4.`` or ``(a)``; not after 》, 法,
    典 or 例 (another law's article) nor before ``of`` (another document's section)."""
    names = sorted(
        (
            n
            for n in targets
            if n not in ambiguous and re.search(r"[第条章节]|附件|附录|[A-Za-z]{3}", n)
        ),
        key=len,
        reverse=True,
    )
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![》法典例A-Za-z0-9_])(?P<ref>{alternatives})(?![0-9A-Za-z_])(?! of )")


def _texts(data: Any) -> Iterator[tuple[Any, Any]]:
    """Every clause, paragraph and item text of a text's data, as (holder, key)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "text" and isinstance(value, str):
                yield data, key
            elif key == "paragraphs":
                yield from ((value, i) for i in range(len(value)))
            elif key == "table":
                for row in value["rows"]:
                    yield from ((row["cells"], i) for i in range(len(row["cells"])))
            elif key in ("preamble", "sections", "annexes", "end", "blocks", "items"):
                yield from _texts(value)
    elif isinstance(data, list):
        for entry in data:
            yield from _texts(entry)


def _at(values: Sequence[Any], index: int) -> Any:
    return values[index] if index < len(values) else None


def _title(node: SectionNode | None) -> str:
    return node.heading.title if node and node.heading else ""


def _kinds(kinds: Sequence[str]) -> str:
    if not kinds:
        return "nothing"
    names = {
        "paragraphs": "paragraphs",
        "list": "a list",
        "verbatim": "a verbatim block",
        "table": "a table",
    }
    return ", ".join(names[k] for k in kinds[:4]) + (" ..." if len(kinds) > 4 else "")


def _item_shape(items: list[ItemNode]) -> tuple[Any, ...]:
    return tuple(_item_shape(n.children) for n in items)


def _describe(items: list[ItemNode]) -> str:
    nested = sum(len(n.children) for n in items)
    return f"{len(items)} items" + (f" ({nested} nested)" if nested else "")
