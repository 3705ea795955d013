"""A document's own facts: the optional ``agreements/<document>/document.yaml``.

A mapping of named fields checked against ``schemas/document.schema.json`` (unknown fields are
refused). Its one field today:

* ``notice``: the document's notice rule when it is not the site's (the plugin's ``notice``
  option): ``1 working day``, ``N working days`` or ``N days`` (:mod:`legalsite.model.notice`).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from legalsite.model.errors import Problem
from legalsite.model.notice import NoticeError, NoticeRule, parse_notice
from legalsite.sources import schema
from legalsite.sources.schema import SchemaProblems
from legalsite.sources.yamlfile import YamlMap, read_yaml

DOCUMENT_FILE = "document.yaml"


class _DocumentChecker(SchemaProblems):
    def suggest(self, key: str, allowed: Sequence[str]) -> str | None:
        close = difflib.get_close_matches(key, allowed, n=1)
        return f"did you mean '{close[0]}'?" if close else None


def read_document_file(path: Path, display: str) -> tuple[NoticeRule | None, list[Problem]]:
    """The notice rule ``document.yaml`` states (None when it states none, or when there is no
    such file) and the file's problems."""
    if not path.is_file():
        return None, []
    data, problems = read_yaml(path, display)
    if data is None:
        return None, problems
    checker = _DocumentChecker(display)
    checker.check_schema(data, schema.validator("document"))
    if checker.problems or not isinstance(data, YamlMap) or "notice" not in data:
        return None, problems + checker.problems
    try:
        rule = parse_notice(data["notice"])
    except NoticeError as exc:
        checker.problem(data.mark_of("notice"), exc.message, exc.hint)
        return None, problems + checker.problems
    return rule, problems
