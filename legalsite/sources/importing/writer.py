"""The imported texts written as the editors' YAML files, laid out as the project's own are
(PyYAML's block style, one value a line however long, keys in the schema's order), with the
schema comment editors' tools read. A verbatim block is written as a literal block (``|``), so
its line breaks and indentation stay visible."""

from __future__ import annotations

from typing import Any

import yaml

SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=../../../legalsite/schemas/agreement.schema.json\n"
)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and all(line == line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def agreement_yaml(data: dict[str, Any]) -> str:
    """One language's text as its ``zh.yaml`` / ``en.yaml``."""
    return SCHEMA_COMMENT + dump(data)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
