"""Loading the editors' YAML into the model, collecting every problem of the run.

Layout: ``agreements/<document-id>/<effective-date>/{zh,en}.yaml``. Each file is read safely
(:mod:`legalsite.sources.yamlfile`), checked against the published JSON Schema
(``schema/agreement.schema.json``), its inline markup parsed, its ids checked, and the two
languages of a version compared for structure. Problems are collected across all files; the run
stops once, at the end, with all of them.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import jsonschema

from legalsite.model import inline
from legalsite.model.characters import printable
from legalsite.model.citation import resolved
from legalsite.model.document import (
    CALENDAR_NAME,
    ID_PATTERN,
    LANGS,
    MAX_LIST_DEPTH,
    MAX_SECTIONS,
    SITE_ROOT_NAMES,
    Block,
    Document,
    Lang,
    ListBlock,
    ListItem,
    Node,
    Paragraph,
    Section,
    Step,
    Table,
    TableRow,
    Text,
    Verbatim,
    Version,
    clause_of,
    on_node,
    parse_version_name,
    section_heading,
    walk,
)
from legalsite.model.errors import LegalsiteError, Problem, raise_if_any
from legalsite.model.notice import NoticeRule
from legalsite.model.numbering import (
    SECTION_LEVELS,
    Numbering,
    Style,
    StyleError,
    default_numbering,
    parse_style,
)
from legalsite.sources import schema
from legalsite.sources.document_file import DOCUMENT_FILE, read_document_file
from legalsite.sources.meta import META_FILE, read_meta
from legalsite.sources.schema import SchemaProblems, follow
from legalsite.sources.yamlfile import (
    LINK_HINT,
    LINK_MESSAGE,
    Mark,
    YamlList,
    YamlMap,
    mark_at,
    read_yaml,
)

AGREEMENTS_DIR = "agreements"

_T = TypeVar("_T")


def agreement_schema() -> dict[str, Any]:
    return schema.schema("agreement")


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator for the top level (``"top"``: blocks only checked to be objects, so that
    each block gets a message naming its own kind) or for one ``$defs`` entry."""
    whole = agreement_schema()
    if name != "top":
        return jsonschema.Draft202012Validator({"$defs": whole["$defs"], **whole["$defs"][name]})
    shallow: dict[str, Any] = json.loads(json.dumps({k: v for k, v in whole.items() if k != "$id"}))
    shallow["properties"]["preamble"]["items"] = {"type": "object"}
    shallow["$defs"]["section"]["properties"]["blocks"]["items"] = {"type": "object"}
    shallow["properties"]["end"]["items"] = {"type": "object"}
    return jsonschema.Draft202012Validator(shallow)


_VALID: set[tuple[str, str]] = set()
_VALID_KEEP = 100_000


@dataclass(frozen=True)
class Project:
    """Everything under ``agreements/`` of a project, loaded and checked."""

    root: Path
    documents: tuple[Document, ...]

    def document(self, document_id: str) -> Document:
        for document in self.documents:
            if document.id == document_id:
                return document
        known = ", ".join(d.id for d in self.documents) or "none"
        raise LegalsiteError(
            f"no document '{document_id}' under {AGREEMENTS_DIR}/",
            hint=f"known documents: {known}",
        )


@dataclass(frozen=True)
class _Parts:
    """A section's fields, checked, before its text's numbering is known."""

    node: YamlMap
    anchor: str
    title: str
    blocks: tuple[Block, ...]
    children: tuple[_Parts, ...]


class _FileChecker(SchemaProblems):
    """Checks one language file and builds its :class:`Text`, noting problems with positions."""

    def __init__(self, display: str, lang: Lang) -> None:
        super().__init__(display)
        self.lang = lang
        self.id_marks: dict[str, Mark] = {}
        self.references: list[tuple[Mark, str]] = []
        self.prominent: set[str] = set()
        """The ids marked ``prominent: true`` (sections and blocks)."""

    # Schema -----------------------------------------------------------------------------

    def check_part(self, value: Any, part: str, where: tuple[Any, ...]) -> bool:
        """Check ``value`` against a named part of the schema (``"top"`` or a ``$defs`` name)."""
        # Versions repeat most of their clauses: a value already found valid is not checked again.
        key = (part, json.dumps(value, ensure_ascii=False, sort_keys=True))
        if key in _VALID:
            return True
        valid = self.check_schema(value, _validator(part), where)
        if valid:
            if len(_VALID) > _VALID_KEEP:
                _VALID.clear()
            _VALID.add(key)
        return valid

    def default_problem(
        self, root: Any, error: jsonschema.ValidationError, where: tuple[Any, ...]
    ) -> None:
        """The agreements' wording of a schema error (:mod:`legalsite.sources.schema`
        translates)."""
        path = tuple(error.absolute_path)
        mark = mark_at(root, path)
        node = follow(root, path)
        field = _field_name(where + path)
        expected: Any = error.validator_value
        if error.validator == "required":
            missing = [k for k in expected if not isinstance(node, dict) or k not in node]
            for key in missing:
                self.problem(mark, f"missing field '{key}' in {field}", _add_hint(key))
        elif error.validator == "additionalProperties" and isinstance(node, YamlMap):
            schema: Any = error.schema
            allowed = sorted(schema.get("properties", {}))
            for key in node:
                if self.full:
                    break
                if key not in allowed:
                    close = difflib.get_close_matches(key, allowed, n=1)
                    hint = f"did you mean '{close[0]}'?" if close else None
                    hint = hint or f"allowed fields here: {', '.join(allowed)}"
                    self.problem(
                        node.key_marks.get(key, mark), f"unknown field '{key}' in {field}", hint
                    )
        elif error.validator == "type":
            wanted = {"object": "fields (key: value)", "array": "a list (- item)", "string": "text"}
            self.problem(
                mark,
                f"{field} must be {wanted.get(str(expected), expected)}",
                "check the indentation and the '- ' markers against the previous version",
            )
        elif error.validator == "pattern":
            self.problem(
                mark,
                f"id '{node}' is not lower-case words joined by hyphens",
                "use letters a-z, digits and '-', starting with a letter, e.g. accounts-3",
            )
        elif error.validator == "minLength":
            self.problem(mark, f"{field} is empty", "write the text, or remove the element")
        elif error.validator == "minItems":
            self.problem(mark, f"{field} is an empty list", "add at least one element")
        elif error.validator == "maxItems":
            # numbering.sections / lists: one style per level, and there are three levels.
            self.problem(
                mark,
                f"{field} has {len(node)} styles: at most {expected}, one per level",
                "sections and lists nest three levels deep: remove the styles after the third",
            )
        elif error.validator == "enum":
            options = " or ".join(map(str, expected))
            self.problem(mark, f"{field} is '{node}', it must be {options}", None)
        else:  # pragma: no cover - the schema uses only the validators above
            self.problem(mark, f"{field}: {error.message}", None)

    # Building ---------------------------------------------------------------------------

    def text_field(self, owner: YamlMap | YamlList, key: Any) -> str | None:
        """A text in the inline subset, or None after reporting why not."""
        checked = self._checked(owner, key, inline.parse)
        if checked:
            self.note_references(owner.mark_of(key), checked)
        return checked

    def note_references(self, mark: Mark, source: str) -> None:
        """Keep the cross-references of ``source`` to check once every id is known."""
        for target in inline.references(source):
            self.references.append((mark, target))

    def check_references(self, text: Text) -> Text | None:
        """``text`` with its cross-references written as their targets' numbers, or None after
        reporting each that names no element of this version."""
        ids = set(text.ids())
        for mark, target in self.references:
            if target not in ids:
                self.problem(
                    mark,
                    f"cross-reference [](#{target}) names no element of this version",
                    "write the id of a section, clause, list item or row of this version; "
                    "an element removed in this version can no longer be referred to",
                )
        return None if self.problems else resolved(text)

    def title_field(self, owner: YamlMap, key: str) -> str | None:
        """A title: plain text, or None after reporting why not."""
        return self._checked(owner, key, inline.check_plain)

    def _checked(
        self, owner: YamlMap | YamlList, key: Any, check: Callable[[str], object]
    ) -> str | None:
        value = owner[key]
        if not isinstance(value, str):
            return None  # reported by the schema
        if not value.strip():
            self.problem(owner.mark_of(key), "the text is blank", "write the text")
            return None
        try:
            check(value)
        except inline.InlineError as exc:
            fragment = value[exc.offset : exc.offset + 20]
            self.problem(
                owner.mark_of(key),
                f"{exc.message} (at '{fragment}')" if fragment else exc.message,
                exc.hint,
            )
            return None
        return value

    def build(self, mark: Mark, make: Callable[..., _T], *args: Any) -> _T | None:
        """``make(*args)``, a model object, or None after reporting the rule it breaks (the
        checks above catch each rule with a better message first; this is the last line)."""
        try:
            return make(*args)
        except ValueError as exc:
            self.problem(mark, str(exc), None)
            return None

    def note_id(self, owner: YamlMap) -> str:
        anchor = str(owner["id"])
        mark = owner.mark_of("id")
        if anchor in self.id_marks:
            # Reported where it is used the second time in the file, whatever order the
            # loader meets them in (a section's id after its rows').
            first, later = sorted((self.id_marks[anchor], mark), key=lambda m: (m.line, m.col))
            self.problem(
                later,
                f"duplicate id '{anchor}' (first used at line {first.line})",
                "every section, clause, list item and table row needs its own id",
            )
            self.id_marks[anchor] = first
        else:
            self.id_marks[anchor] = mark
        return anchor

    def block(self, node: YamlMap, where: tuple[Any, ...]) -> Block | None:
        kinds = [k for k in _BLOCK_KINDS if k in node]
        if len(kinds) != 1:
            self.problem(
                node.mark,
                f"{_field_name(where)} must have exactly one of 'text', 'paragraphs', 'list', "
                "'table' or 'verbatim'"
                + (f" (it has {', '.join(repr(k) for k in kinds)})" if kinds else ""),
                "a clause is {id, text} or {id, paragraphs}; a list is {id, list, items}; "
                "a table is {id, table}; a verbatim block is {id, verbatim}",
            )
            return None
        name = _BLOCK_KINDS[kinds[0]]
        if not self.check_part(node, name, where):
            return None
        anchor = self.note_id(node)
        self.note_prominent(node, anchor)
        if name == "paragraph":
            text = self.text_field(node, "text")
            return self.build(node.mark, Paragraph, anchor, text) if text else None
        if name == "paragraphs":
            return self.paragraphs(node, anchor)
        if name == "verbatim":
            return self.verbatim(node, anchor)
        if name == "list":
            return self.listing(node, anchor, 1)
        table = node["table"]
        header = table["header"]
        rows = []
        # Check every cell (no short cut): each problem is reported.
        checked = [self._cell(header, c) for c in range(len(header))]
        for row in table["rows"]:
            cells = row["cells"]
            checked.extend(self._cell(cells, c) for c in range(len(cells)))
            if len(cells) != len(header):
                checked.append(False)
                self.problem(
                    row.mark_of("cells"),
                    f"table row '{row['id']}' has {len(cells)} cells but the header has "
                    f"{len(header)}",
                    "give every row one cell per column",
                )
            rows.append(TableRow(self.note_id(row), tuple(str(c) for c in cells)))
        if not all(checked):
            return None
        return self.build(node.mark, Table, anchor, tuple(str(h) for h in header), tuple(rows))

    def note_prominent(self, node: YamlMap, anchor: str) -> None:
        """Note ``anchor`` as a prominent term when its ``prominent:`` is true (the schema
        refuses any value but true and false)."""
        if node.get("prominent") == "true":
            self.prominent.add(anchor)

    def paragraphs(self, node: YamlMap, anchor: str) -> Paragraph | None:
        """A clause of several paragraphs (``paragraphs:``), each checked as a clause's text."""
        found = node["paragraphs"]
        texts = [self.text_field(found, index) for index in range(len(found))]
        if not all(texts):
            return None
        return self.build(node.mark, clause_of, anchor, tuple(str(t) for t in texts))

    def verbatim(self, node: YamlMap, anchor: str) -> Verbatim | None:
        """A verbatim block: its text as written, line breaks and indentation included (its
        characters are checked as every text's, LF aside: :mod:`legalsite.sources.yamlfile`)."""
        value = node["verbatim"]
        if not value.strip():
            self.problem(node.mark_of("verbatim"), "the text is blank", "write the text")
            return None
        return self.build(node.mark, Verbatim, anchor, value)

    def listing(self, node: YamlMap, anchor: str, depth: int) -> ListBlock | None:
        """The list of ``node`` (a list block, or an item holding one at ``depth`` > 1), its
        items' lists included; each problem reported, a list nested too deep at its ``list``."""
        items: list[ListItem | None] = []
        for item in node["items"]:
            item_id, item_text = self.note_id(item), self.text_field(item, "text")
            sublist: ListBlock | Literal[False] | None = None
            if "list" in item or "items" in item or "style" in item:
                sublist = self.sublist(item, item_id, depth + 1)
            items.append(
                self.build(item.mark, ListItem, item_id, item_text, sublist or None)
                if item_text and sublist is not False
                else None
            )
        complete = tuple(i for i in items if i is not None)
        if len(complete) != len(items):
            return None
        marker = self.style(node, "style", listing=True) if "style" in node else None
        if marker is False:
            return None
        return self.build(node.mark, ListBlock, anchor, node["list"], complete, marker or None)

    def sublist(self, item: YamlMap, anchor: str, depth: int) -> ListBlock | Literal[False]:
        """The list an item holds (at nesting ``depth``), or False after reporting why not."""
        missing = [key for key in ("list", "items") if key not in item]
        if missing:
            key = missing[0]
            self.problem(
                item.mark,
                f"list item '{anchor}' holds a list without '{key}'",
                "an item's own list needs both `list: ordered` (or bulleted) and `items:`",
            )
            return False
        if depth > MAX_LIST_DEPTH:
            self.problem(
                item.mark_of("list"),
                f"list item '{anchor}' holds a list {depth} levels deep: lists nest at most "
                f"{MAX_LIST_DEPTH} levels",
                "make its items items of the list above, or write them into the item's text",
            )
            return False
        return self.listing(item, anchor, depth) or False

    def _cell(self, cells: YamlList, index: int) -> bool:
        try:
            inline.parse(str(cells[index]))
        except inline.InlineError as exc:
            self.problem(cells.mark_of(index), exc.message, exc.hint)
            return False
        self.note_references(cells.mark_of(index), str(cells[index]))
        return True

    def style(
        self, owner: YamlMap | YamlList, key: Any, *, listing: bool = False
    ) -> Style | Literal[False]:
        """The numbering style at ``owner[key]``, or False after reporting why not;
        ``listing``: a list's, which cannot be dotted (an item has no ancestors' numbers)."""
        value = owner[key]
        source, start = (
            (value.get("style"), value.get("start", "1"))
            if isinstance(value, YamlMap)
            else (value, "1")
        )
        if not isinstance(source, str) or not str(start).isdigit():
            return False  # reported by the schema
        marks = {owner.mark_of(key)}
        if isinstance(value, YamlMap):
            marks.add(value.mark_of("style"))
        if any(
            (found.line, found.col) in {(m.line, m.col) for m in marks} for found in self.problems
        ):
            return False  # the schema said what is wrong with it (empty, too long): once
        try:
            # A number is written before a title and inside a cross-reference's words: plain
            # text, as a title is (an HTML tag there broke every reference to the element).
            inline.check_plain(source, what="a numbering style")
        except inline.InlineError as exc:
            self.problem(owner.mark_of(key), exc.message, exc.hint)
            return False
        try:
            style = parse_style(source, int(start))
        except StyleError as exc:
            self.problem(
                owner.mark_of(key),
                str(exc),
                "write the number one as it looks in the source, e.g. 一、 第一条 （一） 1. "
                "1.1 I. Section 1 (a) (i) 1) a., or none",
            )
            return False
        if listing and style.depth > 1:
            # A dotted style writes its ancestors' numbers, and a list item has none: every
            # list numbered 1.1.1, 1.1.2, ... whatever section it stood in.
            self.problem(
                owner.mark_of(key),
                f"numbering style '{source}' is dotted: a list's items have no section number "
                "to write before their own",
                "number list items with one counter, e.g. 1. 1) (1) a. a) (a) i. (i) （一） 1、",
            )
            return False
        return style

    def numbering(self, data: YamlMap) -> Numbering | Literal[False] | None:
        """The text's ``numbering:``, None when it has none, False after reporting a problem."""
        node = data.get("numbering")
        if not isinstance(node, YamlMap):
            return None  # absent, or reported by the schema
        default = default_numbering(self.lang)
        ok = True

        def styles(key: str) -> tuple[Style, ...] | None:
            nonlocal ok
            found = node.get(key)
            if not isinstance(found, YamlList):
                return None
            out = [self.style(found, i, listing=key == "lists") for i in range(len(found))]
            if any(s is False for s in out):
                ok = False
                return None
            return tuple(s for s in out if s is not False)

        def one(key: str) -> Style | None:
            nonlocal ok
            if key not in node:
                return None
            found = self.style(node, key)
            if found is False:
                ok = False
                return None
            return found

        sections, lists = styles("sections"), styles("lists")
        clauses, annexes = one("clauses"), one("annexes")
        if not ok:
            return False
        return Numbering(
            sections or default.sections,
            clauses or default.clauses,
            lists or default.lists,
            annexes or default.annexes,
        )

    def text(self, data: Any) -> Text | None:
        # Check the top level and sections' shape; blocks are checked one by one below so
        # that each gets a message naming its own kind.
        self.check_part(data, "top", ())
        if not isinstance(data, YamlMap):
            return None
        # The title and the preamble are checked whatever the sections hold: report it all.
        title = self.title_field(data, "title") if "title" in data else None
        preamble_nodes = data.get("preamble", YamlList())
        preamble = self._blocks(preamble_nodes, ("preamble",)) if preamble_nodes else ()
        if not isinstance(data.get("sections"), YamlList):
            return None
        nodes = data["sections"]
        if len(nodes) > MAX_SECTIONS:
            self.problem(
                nodes.mark_of(MAX_SECTIONS),
                f"section {MAX_SECTIONS + 1} is one too many: a document has at most "
                f"{MAX_SECTIONS} sections",
                f"the section numbers end at {section_heading('zh', MAX_SECTIONS, '')} / "
                f"{section_heading('en', MAX_SECTIONS, '').rstrip()}: merge sections or split "
                "the document",
            )
            return None
        parts = [
            self._section_parts(node, ("sections", index), 1) for index, node in enumerate(nodes)
        ]
        annex_nodes = data.get("annexes")
        annexes = [
            self._section_parts(node, ("annexes", index), 1)
            for index, node in enumerate(annex_nodes if isinstance(annex_nodes, YamlList) else ())
        ]
        end_nodes = data.get("end")
        end = self._blocks(end_nodes, ("end",)) if end_nodes is not None else ()
        numbering = self.numbering(data)
        if self.problems or preamble is None or title is None or numbering is False:
            return None
        if end is None or None in parts or None in annexes:
            return None  # reported by the schema
        sections = tuple(self._section(p) for p in parts if p is not None)
        annexed = tuple(self._section(p) for p in annexes if p is not None)
        if self.problems or None in sections or None in annexed:
            return None
        # What the text as a whole refuses is a style that cannot number its elements (roman
        # numerals end at 3999): said at its numbering, not at the file's first line.
        whole = self.build(
            data.mark_of("numbering") if "numbering" in data else data.mark,
            Text,
            self.lang,
            title,
            preamble,
            sections,
            numbering,
            frozenset(self.prominent),
            annexed,
            end,
        )
        return self.check_references(whole) if whole else None

    def _section_parts(self, node: Any, where: tuple[Any, ...], level: int) -> _Parts | None:
        """A section's (or annex's) checked fields and blocks, and its sub-sections' to
        :data:`SECTION_LEVELS`; None where a problem is (reported here or by the schema)."""
        if not isinstance(node, YamlMap):
            return None  # reported by the schema
        blocks_node, subs = node.get("blocks"), node.get("sections")
        # Check the blocks even when the section's own fields are wrong: report it all.
        blocks = self._blocks(blocks_node, (*where, "blocks")) if blocks_node is not None else ()
        children: list[_Parts | None] = []
        if isinstance(subs, YamlList) and level >= SECTION_LEVELS:
            self.problem(
                node.mark_of("sections"),
                f"{_field_name((*where, 'sections'))} would be level {level + 1}: sections "
                f"nest at most {SECTION_LEVELS} levels deep",
                "make these sub-sections clauses or a list of their section, or move them up "
                "a level",
            )
        elif isinstance(subs, YamlList):
            children = [
                self._section_parts(child, (*where, "sections", i), level + 1)
                for i, child in enumerate(subs)
            ]
        if "id" not in node or "title" not in node:
            return None  # reported by the schema
        if "blocks" not in node and "sections" not in node:
            self.problem(
                node.mark_of("id"),
                f"{_field_name(where)} has neither 'blocks' nor 'sections'",
                "add `blocks:` with the clauses of the section, or `sections:` with its "
                "sub-sections",
            )
        anchor = self.note_id(node)
        self.note_prominent(node, anchor)
        title_of_section = self.title_field(node, "title")
        if blocks is None or title_of_section is None or None in children:
            return None
        return _Parts(node, anchor, title_of_section, blocks, tuple(children))  # type: ignore[arg-type]

    def _section(self, parts: _Parts) -> Section | None:
        numbered = str(parts.node.get("numbered", "true")) != "false"
        children = tuple(self._section(child) for child in parts.children)
        if None in children:
            return None
        return self.build(
            parts.node.mark,
            Section,
            parts.anchor,
            parts.title,
            parts.blocks,
            numbered,
            children,
        )

    def _blocks(self, nodes: Any, where: tuple[Any, ...]) -> tuple[Block, ...] | None:
        if not isinstance(nodes, YamlList):
            return None  # reported by the schema
        blocks: list[Block] = []
        ok = True
        for index, node in enumerate(nodes):
            if not isinstance(node, YamlMap):
                ok = False
                continue  # already reported by the shallow schema check
            built = self.block(node, (*where, index))
            if built is None:
                ok = False
            else:
                blocks.append(built)
        return tuple(blocks) if ok else None


_BLOCK_KINDS = {
    "text": "paragraph",
    "paragraphs": "paragraphs",
    "list": "list",
    "table": "table",
    "verbatim": "verbatim",
}
"""The key that makes a block of each kind, and the kind's part of the schema."""


def _field_name(path: Sequence[Any]) -> str:
    """A readable name for a place in the file: ``sections[3].blocks[2].text``."""
    if not path:
        return "the file"
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step + 1}]"
        else:
            out += ("." if out else "") + str(step)
    return f"'{out}'"


def _add_hint(key: str) -> str:
    examples = {
        "id": "add `id: some-name` (lower-case words joined by hyphens, the same in zh and en)",
        "text": "add `text: ...` with the clause text",
        "title": "add `title: ...`",
        "sections": "add `sections:` with the numbered sections",
        "blocks": "add `blocks:` with the clauses of the section",
        "items": "add `items:` with the list items",
    }
    return examples.get(key, f"add `{key}: ...`")


# -- Whole project -----------------------------------------------------------------------


def _display(root: Path, path: Path) -> str:
    """A path as the user should see it: relative to the project, printable."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = str(path)
    return printable(shown)


def _skeleton_lines(text: Text) -> list[tuple[str, str]]:
    """(id, element) pairs in reading order, to compare the structure of two languages: a
    section named with its level or as an annex (the reading order and the levels are the
    tree), the end matter after a line of its own."""
    lines: list[tuple[str, str]] = []
    for step in walk(text):
        if step.part == "end" and _END_LINE not in lines:
            lines.append(_END_LINE)
        name = _skeleton_name(step.node) + _nesting(step)
        if isinstance(step.node, Section) and step.part == "annexes" and step.level == 1:
            name = f"annex '{step.node.id}'"
        elif isinstance(step.node, Section) and step.level > 1:
            name = f"level-{step.level} sub-section '{step.node.id}'"
        lines.append((step.node.id, name))
    return lines


_END_LINE = ("", "the end matter")


def _nesting(step: Step) -> str:
    """How a list item nests: the list it holds, the item whose list it is in."""
    node, out = step.node, ""
    if isinstance(node, ListItem) and node.sublist is not None:
        out += (
            f" holding {'an' if node.sublist.style == 'ordered' else 'a'} {node.sublist.style} list"
        )
    if step.depth > 1 and step.parent is not None:
        out += f" in list item '{step.parent.id}'"
    return out


def _skeleton_name(node: Node) -> str:
    return on_node(
        node,
        section=lambda n: f"section '{n.id}'",
        paragraph=lambda n: f"clause '{n.id}'",
        listing=lambda n: f"{n.style} list '{n.id}'",
        item=lambda n: f"list item '{n.id}'",
        table=lambda n: f"table '{n.id}' with {len(n.header)} columns",
        row=lambda n: f"table row '{n.id}'",
        verbatim=lambda n: f"verbatim block '{n.id}'",
    )


def _listing(elements: list[str], limit: int = 6) -> str:
    """``a, b, c`` (or ``nothing``), at most ``limit`` named and the rest counted."""
    if not elements:
        return "nothing"
    shown = ", ".join(elements[:limit])
    more = len(elements) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def compare_structure(
    zh: Text, en: Text, zh_display: str, en_display: str, en_marks: dict[str, Mark]
) -> list[Problem]:
    """Problems where the English file's structure differs from the Chinese one's."""
    if zh.skeleton() == en.skeleton():
        return []
    a, b = _skeleton_lines(zh), _skeleton_lines(en)
    problems = []
    matcher = difflib.SequenceMatcher(a=[x[1] for x in a], b=[x[1] for x in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        zh_part = _listing([x[1] for x in a[i1:i2]])
        en_part = _listing([x[1] for x in b[j1:j2]])
        # Point at the first differing element of the English file, or where it is missing.
        near = b[j1:j2] or b[j1 : j1 + 1] or b[-1:]
        mark = en_marks.get(near[0][0]) if near else None
        where = "here" if b[j1:j2] else "before this"
        problems.append(
            Problem(
                en_display,
                mark.line if mark else None,
                mark.col if mark else None,
                f"structure differs from {zh_display} {where}: zh has {zh_part}; en has {en_part}",
                "both languages need the same sections, clauses, lists, items and rows, "
                "with the same ids, in the same order",
            )
        )
    if not problems:  # pragma: no cover - the lines above tell every tree apart
        problems.append(Problem(en_display, None, None, f"structure differs from {zh_display}"))
    return problems


def compare_marks(
    zh: Text, en: Text, zh_display: str, en_display: str, en_marks: dict[str, Mark]
) -> list[Problem]:
    """Problems where the two languages of a version (of the same structure) mark different
    terms prominent (a term of 重大利害关系 is one in both), or number different headings
    (``numbered: false`` in one language only would shift every later number and citation).
    Located in the English file, as :func:`compare_structure` locates its problems."""
    problems = []
    names = dict(_skeleton_lines(en))
    numbered = {s.node.id: s.node.numbered for s in walk(zh) if isinstance(s.node, Section)}
    for step in walk(en):
        anchor = step.node.id
        mark = en_marks.get(anchor)
        line, col = (mark.line, mark.col) if mark else (None, None)
        if (anchor in zh.prominent) != (anchor in en.prominent):
            said = (
                f"{names[anchor]} is marked prominent here but not in {zh_display}"
                if anchor in en.prominent
                else f"{names[anchor]} is marked prominent in {zh_display} but not here"
            )
            hint = (
                "a term of 重大利害关系 is prominent in both languages: write prominent: true "
                "in zh.yaml and en.yaml, or in neither"
            )
            problems.append(Problem(en_display, line, col, said, hint))
        node = step.node
        if isinstance(node, Section) and numbered.get(anchor, node.numbered) != node.numbered:
            said = (
                f"{names[anchor]} is numbered here but not in {zh_display}"
                if node.numbered
                else f"{names[anchor]} is numbered in {zh_display} but not here"
            )
            hint = (
                "a heading has a number in both languages or in neither (every later number "
                "and citation follows from it): write numbered: false in zh.yaml and en.yaml, "
                "or in neither"
            )
            problems.append(Problem(en_display, line, col, said, hint))
    return problems


def files_digest(folder: Path, *, below: bool = False) -> str:
    """A digest of what ``folder`` holds (everything below it with ``below``): each entry's name
    and kind, a file's bytes, a symbolic link's target as written (links are never followed:
    the loader refuses them). A folder that cannot be listed gives a digest that matches none;
    a file that cannot be read is hashed as unreadable."""
    digest = hashlib.sha256()
    try:
        paths = sorted(folder.rglob("*") if below else folder.iterdir())
    except OSError:  # a folder vanished while being listed: no digest matches
        paths = []
        digest.update(os.urandom(16))
    for path in paths:
        name = os.fsencode(path.relative_to(folder).as_posix())
        try:
            if path.is_symlink():
                digest.update(b"L" + name + b"\0" + os.fsencode(path.readlink()) + b"\0")
            elif path.is_file():
                digest.update(b"F" + name + b"\0")
                with path.open("rb") as file:
                    digest.update(hashlib.file_digest(file, "sha256").digest())
            else:
                digest.update(b"D" + name + b"\0")
        except OSError:
            digest.update(b"unreadable\0")
    return digest.hexdigest()


def sources_digest(root: Path) -> str:
    """A digest of every file under ``root/agreements`` (names and bytes): same digest, same
    project. Reading and hashing is cheap next to parsing and checking the YAML. Symbolic links
    are not followed (the loader refuses them): their targets' names are hashed instead."""
    base = root / AGREEMENTS_DIR
    if base.is_symlink():  # never walked (it may point anywhere, e.g. /): the loader refuses it
        return hashlib.sha256(b"L\0" + os.fsencode(base.readlink()) + b"\0").hexdigest()
    return files_digest(base, below=True) if base.is_dir() else hashlib.sha256().hexdigest()


# The last projects loaded, by folder and sources digest: one build validates and then renders
# once per language (mkdocs-static-i18n runs the hook twice), and should parse the YAML once.
_LOADED: dict[tuple[Path, str, object], Project] = {}
_LOADED_KEEP = 4


Selection = Mapping[str, frozenset[str]]
"""Per document id, the version folders (``YYYY-MM-DD``) to load; a document not named is
loaded whole."""


def load_project(root: Path, *, only: Selection | None = None) -> Project:
    """Load every document and version under ``root/agreements``; raise with all problems.

    ``only`` limits each document it names to those version folders (the others are not
    read): the editor's preview (:mod:`legalsite.plugin.preview`). A project whose files have
    not changed since it was last loaded is not read again.
    """
    chosen = None if only is None else tuple(sorted((d, tuple(sorted(v))) for d, v in only.items()))
    key = (root.resolve(), sources_digest(root), chosen)
    if key in _LOADED:
        return replace(_LOADED[key], root=root)
    project = _load_project(root, only)
    while len(_LOADED) >= _LOADED_KEEP:
        del _LOADED[next(iter(_LOADED))]
    _LOADED[key] = project
    return project


def _load_project(root: Path, only: Selection | None = None) -> Project:
    problems: list[Problem] = []
    # meta.yaml's problems: reported here with the others when the files have problems (every
    # file's problems in one run); otherwise by validate (drift.check), which needs the project
    # loaded to check the acknowledgements they concern.
    meta_problems: list[Problem] = []
    base = root / AGREEMENTS_DIR
    if _refuse_link(base, AGREEMENTS_DIR, problems):  # the folder itself, like all within it
        raise_if_any(problems, f"in {AGREEMENTS_DIR}/")
    if not base.is_dir():
        raise LegalsiteError(
            f"no {AGREEMENTS_DIR}/ folder in {root}",
            hint="run legalsite in the project folder (the one with mkdocs.yml)",
        )
    documents = []
    for entry in sorted(base.iterdir()):
        shown = _display(root, entry)
        if entry.name == CALENDAR_NAME:
            continue  # the calendar's own loader reads (or refuses) it
        if _refuse_link(entry, shown, problems):
            continue
        if entry.is_dir():
            versions = _load_document(
                root, entry, problems, meta_problems, None if only is None else only.get(entry.name)
            )
            notice = _document_notice(root, entry, problems)
            if versions:
                try:
                    documents.append(Document(entry.name, tuple(versions), notice))
                except ValueError as exc:
                    problems.append(Problem(shown, None, None, printable(str(exc))))
        else:
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    "unexpected file in agreements/",
                    f"documents are folders agreements/<document-id>/; the only file allowed here "
                    f"is {CALENDAR_NAME}",
                )
            )
    if problems:
        raise_if_any(problems + meta_problems, f"in {AGREEMENTS_DIR}/")
    if not documents:
        raise LegalsiteError(
            f"no documents under {AGREEMENTS_DIR}/",
            hint=f"create {AGREEMENTS_DIR}/<document-id>/<YYYY-MM-DD>/zh.yaml and en.yaml",
        )
    return Project(root, tuple(documents))


def _document_notice(root: Path, doc_dir: Path, problems: list[Problem]) -> NoticeRule | None:
    """The notice rule of the document's own ``document.yaml``, if it states one."""
    path = doc_dir / DOCUMENT_FILE
    if _refuse_link(path, _display(root, path), problems):
        return None
    rule, found = read_document_file(path, _display(root, path))
    problems.extend(found)
    return rule


def _refuse_link(entry: Path, shown: str, problems: list[Problem]) -> bool:
    """Refuse a symbolic link among the agreements: what it points to is not what the pull
    request shows, and it may lie outside the project."""
    if not entry.is_symlink():
        return False
    problems.append(Problem(shown, None, None, LINK_MESSAGE, LINK_HINT))
    return True


def _load_document(
    root: Path,
    doc_dir: Path,
    problems: list[Problem],
    meta_problems: list[Problem],
    only: frozenset[str] | None = None,
) -> list[Version]:
    """The document's versions; a folder wrongly named is reported, and its files are checked
    all the same (every file's problems in one run), but no version of it is built."""
    shown = _display(root, doc_dir)
    named = True
    if not ID_PATTERN.fullmatch(doc_dir.name):
        named = False
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"document folder name '{printable(doc_dir.name)}' is not lower-case words "
                "joined by hyphens",
                "rename it, e.g. user-service-agreement",
            )
        )
    elif doc_dir.name in SITE_ROOT_NAMES:
        named = False
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"document folder name '{doc_dir.name}' is a name the site itself uses at its "
                f"root ({', '.join(sorted(SITE_ROOT_NAMES))}): the document's pages would "
                "replace the site's own",
                "rename it, e.g. user-service-agreement",
            )
        )
    versions = []
    for entry in sorted(doc_dir.iterdir()):
        if (only is not None and entry.name not in only) or entry.name == DOCUMENT_FILE:
            continue
        entry_shown = _display(root, entry)
        if _refuse_link(entry, entry_shown, problems):
            continue
        if not entry.is_dir():
            problems.append(
                Problem(
                    entry_shown,
                    None,
                    None,
                    "unexpected file beside the version folders",
                    f"move it into a version folder or delete it (the only file allowed here "
                    f"is {DOCUMENT_FILE})",
                )
            )
            continue
        effective = parse_version_name(entry.name)
        if effective is None:
            problems.append(
                Problem(
                    entry_shown,
                    None,
                    None,
                    f"version folder name '{printable(entry.name)}' is not a valid date "
                    "(YYYY-MM-DD)",
                    "name the folder by the date the version takes effect, e.g. 2025-03-01",
                )
            )
        version = _load_version_once(
            root, doc_dir.name, entry, effective if named else None, problems, meta_problems
        )
        if version is not None:
            versions.append(version)
    return versions


def version_folders(root: Path) -> list[tuple[str, date]]:
    """Every version folder of the project (as displayed) with its effective date: the real
    folders ``agreements/<document>/<YYYY-MM-DD>``, whatever their contents."""
    base = root / AGREEMENTS_DIR
    found = []
    for doc_dir in sorted(base.iterdir()) if base.is_dir() and not base.is_symlink() else []:
        if doc_dir.is_symlink() or not doc_dir.is_dir():
            continue
        for entry in sorted(doc_dir.iterdir()):
            effective = parse_version_name(entry.name)
            if effective is not None and entry.is_dir() and not entry.is_symlink():
                found.append((_display(root, entry), effective))
    return found


def _load_language(
    root: Path, path: Path, lang: Lang, problems: list[Problem]
) -> tuple[Text, dict[str, Mark]] | None:
    """One language file of a version: its text and where each id stands, or None after noting
    why not (a link, a missing file, a file that does not read or check)."""
    shown = _display(root, path)
    if _refuse_link(path, shown, problems):
        return None
    if not path.is_file():
        other = "en" if lang == "zh" else "zh"
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"missing language file {lang}.yaml",
                f"every version needs zh.yaml and en.yaml: translate {other}.yaml",
            )
        )
        return None
    data, file_problems = read_yaml(path, shown)
    if data is None:
        problems.extend(file_problems)
        return None
    checker = _FileChecker(shown, lang)
    text = checker.text(data)
    problems.extend(file_problems + checker.problems)
    if text is None or file_problems or checker.problems:
        return None
    return text, checker.id_marks


# Each version folder as last loaded, by its files' names and bytes: a preview (``serve``)
# rebuilds after every save, and only the folder saved needs reading again.
_VERSIONS: dict[
    tuple[Path, Path, str, date | None],
    tuple[Version | None, tuple[Problem, ...], tuple[Problem, ...]],
] = {}
_VERSIONS_KEEP = 2048


def _load_version_once(
    root: Path,
    document: str,
    folder: Path,
    effective: date | None,
    problems: list[Problem],
    meta_problems: list[Problem],
) -> Version | None:
    """:func:`_load_version`, remembered while the folder's files stay the same."""
    try:
        key = (root, folder.resolve(), files_digest(folder), effective)
    except OSError:  # changed while being read: read it the ordinary way
        return _load_version(root, document, folder, effective, problems, meta_problems)
    if key not in _VERSIONS:
        found: list[Problem] = []
        found_meta: list[Problem] = []
        version = _load_version(root, document, folder, effective, found, found_meta)
        while len(_VERSIONS) >= _VERSIONS_KEEP:
            del _VERSIONS[next(iter(_VERSIONS))]
        _VERSIONS[key] = (version, tuple(found), tuple(found_meta))
    version, found_before, meta_before = _VERSIONS[key]
    problems.extend(found_before)
    meta_problems.extend(meta_before)
    return version


def _load_version(
    root: Path,
    document: str,
    folder: Path,
    effective: date | None,
    problems: list[Problem],
    meta_problems: list[Problem],
) -> Version | None:
    """The version in ``folder``, or None after noting why not. Every file of the folder is
    checked whatever the others hold (a problem in one never hides another's); the version is
    built only when all read, and only when ``effective`` is known (None: its folder, or its
    document's, is wrongly named, which is reported)."""
    texts: dict[Lang, Text] = {}
    marks: dict[Lang, dict[str, Mark]] = {}
    failed = effective is None
    expected = {f"{lang}.yaml" for lang in LANGS} | {META_FILE}
    for extra in sorted(p for p in folder.iterdir() if p.name not in expected):
        problems.append(
            Problem(
                _display(root, extra),
                None,
                None,
                "unexpected file in a version folder",
                f"a version folder holds zh.yaml and en.yaml (and {META_FILE}, when needed)",
            )
        )
    for lang in LANGS:
        loaded = _load_language(root, folder / f"{lang}.yaml", lang, problems)
        if loaded is None:
            failed = True
            continue
        texts[lang], marks[lang] = loaded
    meta_path = folder / META_FILE
    meta = None
    if _refuse_link(meta_path, _display(root, meta_path), problems):
        failed = True
    else:
        # A summary with a problem is not attached (None); the problems themselves go to
        # meta_problems (see _load_project).
        meta, found = read_meta(meta_path, _display(root, meta_path))
        meta_problems.extend(found)
    if len(texts) == len(LANGS):
        pair = (
            texts["zh"],
            texts["en"],
            _display(root, folder / "zh.yaml"),
            _display(root, folder / "en.yaml"),
            marks["en"],
        )
        # The marks are compared only once the two trees are the same.
        problems_here = compare_structure(*pair) or compare_marks(*pair)
        problems.extend(problems_here)
        failed = failed or bool(problems_here)
    if failed or effective is None or meta is None:
        return None
    texts_by_lang = {lang: texts[lang] for lang in LANGS}
    return Version(
        document,
        effective,
        texts_by_lang,
        meta.summary,
        translation_unchanged=meta.translation_unchanged,
        label=meta.label,
        source_date=meta.source_date,
    )
