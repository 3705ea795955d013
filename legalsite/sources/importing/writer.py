"""The imported texts written as the editors' YAML files, laid out as the project's own are
(PyYAML's block style, one value a line however long, keys in the schema's order), with the
schema comment editors' tools read. A verbatim block is written as a literal block (``|``), so
its line breaks and indentation stay visible."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

SCHEMA = "legalsite/schemas/agreement.schema.json"
"""Where a project that holds legalsite's source (this repository) has the texts' schema."""


def schema_comment(root: Path, folder: Path) -> str:
    """The comment editors' tools (yaml-language-server) read, naming the schema relative to
    a file in ``folder``; empty where ``root`` has no such file (a site made by ``new-site``,
    whose legalsite is installed, not a folder of it): a comment naming a missing file only
    makes the editor complain."""
    schema = root / SCHEMA
    if not schema.is_file():
        return ""
    return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}\n"


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and all(line == line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def agreement_yaml(data: dict[str, Any], comment: str = "") -> str:
    """One language's text as its ``zh.yaml`` / ``en.yaml``, after ``comment``
    (:func:`schema_comment`)."""
    return comment + dump(data)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
