"""A version's own facts: the optional ``meta.yaml`` beside its ``zh.yaml`` and ``en.yaml``.

A mapping of named fields checked against ``schemas/meta.schema.json`` (unknown fields are
refused, so a misspelt field cannot silently do nothing). Today it has one field:
``translation-unchanged``, the ids whose text changed in one language only on purpose
(:mod:`legalsite.drift`).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from legalsite.errors import Problem
from legalsite.yamlfile import FileProblems, Mark, YamlList, YamlMap, mark_at, read_yaml

META_FILE = "meta.yaml"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "meta.schema.json"


@cache
def meta_schema() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


@dataclass(frozen=True)
class VersionMeta:
    translation_unchanged: tuple[str, ...] = ()
    """Ids whose other language needs no change, as listed."""
    marks: dict[str, Mark] | None = None
    """Where each listed id stands in the file."""


def read_meta(path: Path, display: str) -> tuple[VersionMeta, list[Problem]]:
    """The version's ``meta.yaml`` (an empty one when there is none) and its problems."""
    if not path.is_file():
        return VersionMeta(), []
    data, problems = read_yaml(path, display)
    if data is None:
        return VersionMeta(), problems
    checker = FileProblems(display)
    schema = meta_schema()
    fields = sorted(schema["properties"])
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        path_in_file = tuple(error.absolute_path)
        mark = mark_at(data, path_in_file)
        if error.validator == "additionalProperties" and isinstance(data, YamlMap):
            for key in data:
                if key not in fields:
                    close = difflib.get_close_matches(key, fields, n=1)
                    checker.problem(
                        data.key_marks.get(key, mark),
                        f"unknown field '{key}' in {META_FILE}",
                        f"did you mean '{close[0]}'?"
                        if close
                        else f"allowed fields here: {', '.join(fields)}",
                    )
        elif error.validator == "pattern":
            checker.problem(
                mark,
                f"'{error.instance}' is not an id (lower-case words joined by hyphens)",
                "list the ids of the clauses, as in zh.yaml and en.yaml",
            )
        elif error.validator == "type" and not path_in_file:
            checker.problem(mark, f"{META_FILE} must be fields (key: value)", None)
        elif error.validator == "type":
            checker.problem(
                mark,
                f"'{path_in_file[0]}' must be a list of ids (- id)"
                if len(path_in_file) == 1
                else f"'{path_in_file[0]}' lists something that is not an id",
                "write one id per line: `- accounts-2`",
            )
        else:  # pragma: no cover - the schema uses only the validators above
            checker.problem(mark, error.message, None)
    if checker.problems or not isinstance(data, YamlMap):
        return VersionMeta(), problems + checker.problems
    listed = data.get("translation-unchanged", YamlList())
    marks: dict[str, Mark] = {}
    for index, anchor in enumerate(listed):
        if anchor in marks:
            checker.problem(
                listed.mark_of(index),
                f"id '{anchor}' is listed twice in translation-unchanged",
                "list each id once",
            )
        else:
            marks[anchor] = listed.mark_of(index)
    return VersionMeta(tuple(marks), marks), problems + checker.problems
