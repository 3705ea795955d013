"""A version's own facts: the optional ``meta.yaml`` beside its ``zh.yaml`` and ``en.yaml``.

A mapping of named fields checked against ``schemas/meta.schema.json`` (unknown fields are
refused, so a misspelt field cannot silently do nothing). Its fields:

* ``summary`` (``zh`` and ``en``): the editors' account of what changed and why, plain text
  (the rules of a title: no HTML, no markers); required for every version after the first
  (:mod:`legalsite.sources.summaries`, run by ``validate``), shown to readers on every page
  that announces or records the change;
* ``kind``: ``substantive`` or ``editorial``;
* ``version``: the version's own label; ``source-date``: the date the source states for
  itself (``2020-01`` or ``2020-01-15``), on or before the effective date;
* ``translation-unchanged``: the ids whose text changed in one language only on purpose
  (:mod:`legalsite.sources.drift`).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legalsite.model import inline
from legalsite.model.document import LANGS, SourceDate, Summary, parse_version_name
from legalsite.model.errors import Problem
from legalsite.sources import schema
from legalsite.sources.schema import SchemaProblems
from legalsite.sources.yamlfile import Mark, YamlList, YamlMap, read_yaml

META_FILE = "meta.yaml"


def meta_schema() -> dict[str, Any]:
    return schema.schema("meta")


class _MetaChecker(SchemaProblems):
    """meta.yaml's problems: its schema's (``meta.schema.json`` gives their words), then the
    summaries' inline text and ids listed twice."""

    def suggest(self, key: str, allowed: Sequence[str]) -> str | None:
        close = difflib.get_close_matches(key, allowed, n=1)
        return f"did you mean '{close[0]}'?" if close else None


@dataclass(frozen=True)
class VersionMeta:
    translation_unchanged: tuple[str, ...] = ()
    """Ids whose other language needs no change, as listed."""
    marks: dict[str, Mark] | None = None
    """Where each listed id stands in the file."""
    summary: Summary | None = None
    """The editors' summary, when both languages are written (blank ones count as absent)."""
    kind: str | None = None
    """``substantive`` or ``editorial``, when stated."""
    summary_marks: dict[str, Mark] | None = None
    """Where ``summary`` and each of its languages stand, by ``summary``, ``zh``, ``en``."""
    written: tuple[str, ...] = ()
    """The languages whose summary is written (not blank)."""
    exists: bool = False
    """Whether the file exists."""
    label: str | None = None
    """The version's label (``version:``), when given and plain text."""
    source_date: SourceDate | None = None
    """The source's own date (``source-date:``), when given and a date on or before the
    version's effective date."""


def read_meta(path: Path, display: str) -> tuple[VersionMeta, list[Problem]]:
    """The version's ``meta.yaml`` (an empty one when there is none) and its problems."""
    if not path.is_file():
        return VersionMeta(), []
    data, problems = read_yaml(path, display)
    if data is None:
        return VersionMeta(exists=True), problems
    checker = _MetaChecker(display)
    checker.check_schema(data, schema.validator("meta"))
    if checker.problems or not isinstance(data, YamlMap):
        return VersionMeta(exists=True), problems + checker.problems
    texts: dict[str, str] = {}
    summary_marks: dict[str, Mark] = {}
    given = data.get("summary")
    if isinstance(given, YamlMap):
        summary_marks["summary"] = data.mark_of("summary")
        for lang in LANGS:
            summary_marks[lang] = given.mark_of(lang)
            text = given[lang]
            if not text.strip():
                continue  # an empty summary: check_summaries asks for it
            try:
                inline.check_plain(text, what="a summary")
            except inline.InlineError as exc:
                fragment = text[exc.offset : exc.offset + 20]
                checker.problem(given.mark_of(lang), f"{exc.message} (at '{fragment}')", exc.hint)
                continue
            texts[lang] = text
    kind = data.get("kind")
    label = data.get("version")
    if isinstance(label, str) and label.strip():
        try:
            inline.check_plain(label, what="a version label")
        except inline.InlineError as exc:
            checker.problem(data.mark_of("version"), exc.message, exc.hint)
            label = None
    else:
        label = None
    source_date = _source_date(data, path, checker)
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
    summary = (
        Summary({lang: texts[lang] for lang in LANGS}, kind)
        if len(texts) == len(LANGS) and not checker.problems
        else None
    )
    meta = VersionMeta(
        tuple(marks),
        marks,
        summary,
        kind,
        summary_marks,
        tuple(texts),
        exists=True,
        label=label,
        source_date=source_date,
    )
    return meta, problems + checker.problems


def _source_date(data: YamlMap, path: Path, checker: _MetaChecker) -> SourceDate | None:
    """``source-date:`` (its form checked by the schema) as a date of the calendar on or before
    the effective date its version's folder is named by, or None after noting why not."""
    written = data.get("source-date")
    if not isinstance(written, str):
        return None
    year, month, *day = (int(part) for part in written.split("-"))
    try:
        found = SourceDate(year, month, day[0] if day else None)
    except ValueError:
        checker.problem(
            data.mark_of("source-date"),
            f"source-date '{written}' is not a day of the calendar",
            "check the day of the month, or write the month alone: "
            f"source-date: {year:04d}-{month:02d}",
        )
        return None
    effective = parse_version_name(path.parent.name)  # None: the loader reports it
    if effective is not None and found.after(effective):
        checker.problem(
            data.mark_of("source-date"),
            f"source-date '{written}' is after the version's effective date "
            f"{effective.isoformat()}",
            "the source's own date is the one it states, on or before the day this version "
            "takes effect: check the year and the month",
        )
        return None
    return found
