"""The one translator from a shipped JSON Schema's errors to located problems with hints.

Both kinds of YAML file a site has are checked by their schema in ``legalsite/schemas/``
(the same files editors' yaml-language-server completes with) through :class:`SchemaProblems`:
each error becomes a problem at the position of the value (or key) it is about. The words of a
problem come from the schema itself when the failing part of it has an ``x-legalsite`` entry
for the failing keyword (``calendar.schema.json``), else from :meth:`default_problem` (the
agreements' wording, :mod:`legalsite.sources.load`). An entry may also say ``"skip": true``: that
check
stays with the hand-written one that can locate it better (a duplicate date: where it was
listed first).

A wording's ``message`` and ``hint`` may name ``{key}`` (the key concerned: unknown, missing,
or a key refused by ``propertyNames``), ``{value}`` (the value, as written), ``{found}`` (what
the value is: ``a list``, ``nothing``, ``'text'``), ``{parent}`` (the key of the value's parent,
e.g. the year of a schedule), ``{keys}`` (all the keys concerned, joined by the wording's
``join``), ``{allowed}`` (the part's fields), ``{limit}`` (a keyword's number, e.g. a
``maxLength``) and whatever :meth:`SchemaProblems.placeholders` adds; a hint of
``{suggestion}`` is replaced by :meth:`SchemaProblems.suggest`'s answer, else by the wording's
``otherwise``. A wording whose message does not name ``{key}`` makes one problem about the value
as a whole, however many keys are concerned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from legalsite.sources.yamlfile import FileProblems, YamlMap, mark_at

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
WORDING = "x-legalsite"
"""The key of a schema part's problem wording, by JSON Schema keyword."""


@cache
def schema(name: str) -> dict[str, Any]:
    """A shipped schema (``agreement``, ``calendar``, ``meta``)."""
    with (SCHEMAS / f"{name}.schema.json").open(encoding="utf-8") as f:
        loaded: dict[str, Any] = json.load(f)
    return loaded


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    """The validator of a shipped schema, checked to be a valid schema itself."""
    whole = schema(name)
    jsonschema.Draft202012Validator.check_schema(whole)
    return jsonschema.Draft202012Validator(whole)


def follow(root: Any, path: Sequence[Any]) -> Any:
    """The value reached from ``root`` by ``path`` (keys and indices), None if there is none."""
    node = root
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fill(text: str, values: dict[str, Any]) -> str:
    """``text`` with each ``{name}`` of ``values`` filled in; other braces are left as written
    (a hint may show YAML such as ``summary: {zh: ..., en: ...}``)."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text
    )


QUOTED = 40
"""How many characters of a value a message quotes: a message that quoted a 500-character
value whole (twice, with its hint) hid what it said."""


def excerpt(value: Any) -> Any:
    """``value`` as a message quotes it: a text longer than :data:`QUOTED` characters cut
    there, with ``…`` and its length."""
    if isinstance(value, str) and len(value) > QUOTED:
        return f"{value[:QUOTED]}… ({len(value)} characters)"
    return value


def kind_of_value(value: Any) -> str:
    """What a value is, for a message: ``nothing``, ``a mapping``, ``a list`` or ``'text'``."""
    if value is None or value == "":
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


class SchemaProblems(FileProblems):
    """The problems of one file, with its schema's errors translated (see the module)."""

    def check_schema(
        self, root: Any, check: jsonschema.Draft202012Validator, where: tuple[Any, ...] = ()
    ) -> bool:
        """Report every error of ``root`` against ``check``; whether there were none. ``where``
        is the path of ``root`` in the file, for the messages (:meth:`default_problem`)."""
        errors = sorted(check.iter_errors(root), key=lambda e: list(map(str, e.path)))
        # A key ``propertyNames`` refuses is reported; what is under it is not checked further.
        refused = {
            (*error.absolute_path, error.instance)
            for error in errors
            if "propertyNames" in error.relative_schema_path
        }
        # jsonschema makes one "required" error per missing key; the first one reports them all.
        seen: set[tuple[Any, ...]] = set()
        for error in errors:
            path = tuple(error.absolute_path)
            if any(path[: len(key)] == key for key in refused):
                continue
            if error.validator == "required":
                if path in seen:
                    continue
                seen.add(path)
            if self.full:
                break
            self.schema_problem(root, error, where)
        return not errors

    def schema_problem(
        self, root: Any, error: jsonschema.ValidationError, where: tuple[Any, ...]
    ) -> None:
        part: Any = error.schema
        wording = part.get(WORDING, {}).get(error.validator) if isinstance(part, dict) else None
        if wording is None:
            self.default_problem(root, error, where)
            return
        if wording.get("skip"):
            return
        path = tuple(error.absolute_path)
        node = follow(root, path)
        values = {
            "value": excerpt(node),
            "found": kind_of_value(node),
            "parent": path[-1] if path else "",
            **self.placeholders(where + path),
        }
        allowed = sorted(part.get("properties", {}))
        concerned = self._keys_concerned(root, error, path, node)
        values["allowed"] = ", ".join(allowed)
        values["keys"] = wording.get("join", ", ").join(key for key, _ in concerned)
        limit = error.validator_value
        values["limit"] = limit if isinstance(limit, int | str) else ""
        if "{key}" not in wording["message"]:
            concerned = [("", mark_at(root, path))]  # one problem about the value as a whole
        for key, mark in concerned:
            hint = wording.get("hint")
            if hint and "{suggestion}" in hint:
                hint = self.suggest(key, allowed) or wording.get("otherwise")
            named = {**values, "key": key}
            self.problem(
                mark, _fill(wording["message"], named), _fill(hint, named) if hint else None
            )

    def _keys_concerned(
        self, root: Any, error: jsonschema.ValidationError, path: tuple[Any, ...], node: Any
    ) -> list[tuple[str, Any]]:
        """(key, position) of each problem one error makes: each unknown or missing key, the
        key ``propertyNames`` refused, else the value itself."""
        mark = mark_at(root, path)
        expected: Any = error.validator_value
        if error.validator == "required" and isinstance(node, dict):
            return [(key, mark) for key in expected if key not in node]
        if error.validator == "additionalProperties" and isinstance(node, YamlMap):
            allowed = (
                set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
            )
            return [(key, node.key_marks.get(key, mark)) for key in node if key not in allowed]
        if "propertyNames" in error.relative_schema_path and isinstance(node, YamlMap):
            key = str(error.instance)
            return [(key, node.key_marks.get(key, mark))]
        return [("", mark)]

    def placeholders(self, path: tuple[Any, ...]) -> dict[str, Any]:
        """More values a wording may name, for the value at ``path`` (none by default)."""
        return {}

    def suggest(self, key: str, allowed: Sequence[str]) -> str | None:
        """A hint for an unknown ``key`` (none by default)."""
        return None

    def default_problem(
        self, root: Any, error: jsonschema.ValidationError, where: tuple[Any, ...]
    ) -> None:
        """An error the schema gives no wording for."""
        self.problem(mark_at(root, tuple(error.absolute_path)), error.message, None)
