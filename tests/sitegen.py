"""Sites of many versions for the benchmarks and the tests: a project (mkdocs.yml and an
agreements folder) whose documents have N versions, each changing exactly one clause of the one
before, in both languages.

The first version of each document is the source project's earliest one; each later one appends
a sentence to the next paragraph in reading order. Versions take effect every ``step_days`` days
from 2024-01-01, so that their publication dates stay inside the years the PRC calendar package
covers; the project's build date (``today``) is the day after the last one, so every version is
published. Used by ``scripts/benchmark.py`` and by the tests (``tests/test_preview.py``).
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

AGREEMENTS = "agreements"
CALENDAR = "calendar.yaml"
LANGS = ("zh", "en")
SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=../../../legalsite/schemas/agreement.schema.json\n"
)

START = date(2024, 1, 1)
STEP_DAYS = 14
"""Every two weeks from 2024-01-01: 41 versions end on 2025-07-14, inside the calendar's years
(4 days keeps 161 versions inside them)."""


def sentence(lang: str, revision: int) -> str:
    """The sentence revision ``revision`` appends to one clause."""
    if lang == "zh":
        return f"本句为第{revision}次修订所加。"
    return f" This sentence was added in revision {revision}."


def paragraphs(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The paragraphs (clauses with a ``text``, not list items or table rows) in reading order."""
    found = [block for block in data.get("preamble", []) if "text" in block]
    for section in data.get("sections", []):
        found.extend(block for block in section.get("blocks", []) if "text" in block)
    return found


def paragraph_ids(data: dict[str, Any]) -> list[str]:
    return [str(block["id"]) for block in paragraphs(data)]


def edit(data: dict[str, Any], clause: str, text: str) -> dict[str, Any]:
    """A copy of ``data`` with ``text`` appended to the paragraph ``clause``."""
    changed = copy.deepcopy(data)
    for block in paragraphs(changed):
        if block["id"] == clause:
            block["text"] = str(block["text"]) + text
            return changed
    raise KeyError(clause)


def dump(data: dict[str, Any]) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    return SCHEMA_COMMENT + body


def source_documents(agreements: Path) -> dict[str, Path]:
    """Each document of the repository and its earliest version folder."""
    found: dict[str, Path] = {}
    for doc_dir in sorted(p for p in agreements.iterdir() if p.is_dir()):
        versions = sorted(p for p in doc_dir.iterdir() if p.is_dir() and (p / "zh.yaml").is_file())
        if versions:
            found[doc_dir.name] = versions[0]
    return found


def effective_dates(count: int, start: date = START, step_days: int = STEP_DAYS) -> list[date]:
    return [start + timedelta(days=step_days * k) for k in range(count)]


@dataclass(frozen=True)
class GeneratedProject:
    root: Path
    versions: tuple[date, ...]
    today: date
    edits: dict[str, tuple[str, ...]]
    """Per document, the clause id each version after the first changed."""


def make_project(
    target: Path,
    count: int,
    *,
    source: Path,
    start: date = START,
    step_days: int = STEP_DAYS,
    copies: int = 1,
) -> GeneratedProject:
    """A site in ``target`` whose documents have ``count`` versions, each changing one clause
    (the next paragraph in reading order, in both languages) of the one before. With
    ``copies`` > 1, each source document is there that many times (ids ``<id>-01``...,
    titles numbered): a site of many documents."""
    if count < 1:
        raise ValueError("a project needs at least one version")
    dates = effective_dates(count, start, step_days)
    edits: dict[str, tuple[str, ...]] = {}
    with tempfile.TemporaryDirectory(prefix="legalsite-bench-agreements-") as scratch:
        agreements = Path(scratch) / AGREEMENTS
        agreements.mkdir()
        if (source / AGREEMENTS / CALENDAR).is_file():
            shutil.copy2(source / AGREEMENTS / CALENDAR, agreements / CALENDAR)
        for document, first in source_documents(source / AGREEMENTS).items():
            for copy_ in range(1, copies + 1):
                name = document if copies == 1 else f"{document}-{copy_:02d}"
                number = "" if copies == 1 else f" {copy_}"
                edits[name] = _versions(agreements / name, first, dates, number)
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
        shutil.copytree(agreements, target / AGREEMENTS)
    plugin_options(target, "{pdf: false}")
    return GeneratedProject(target, tuple(dates), dates[-1] + timedelta(days=1), edits)


def plugin_options(root: Path, options: str) -> None:
    """Give the legalsite plugin ``options`` (a YAML flow mapping) in the project's mkdocs.yml,
    in place of those it had."""
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  - legalsite"))
    lines[at] = f"  - legalsite: {options}"
    config.write_text("\n".join(lines), encoding="utf-8")


def _versions(
    folder: Path, first: Path, dates: Sequence[date], number: str = ""
) -> tuple[str, ...]:
    """Write the versions of one document (``number`` after its title); return the clause
    each later version changed."""
    texts = {
        lang: yaml.safe_load((first / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in LANGS
    }
    for text in texts.values():
        text["title"] = f"{text['title']}{number}"
    clauses = paragraph_ids(texts["zh"])
    if clauses != paragraph_ids(texts["en"]):
        raise ValueError(f"{first}: zh.yaml and en.yaml have different paragraphs")
    changed: list[str] = []
    for k, effective in enumerate(dates):
        version = folder / effective.isoformat()
        version.mkdir(parents=True)
        if k == 0:
            for lang in LANGS:
                if number:
                    (version / f"{lang}.yaml").write_text(dump(texts[lang]), encoding="utf-8")
                else:
                    shutil.copy2(first / f"{lang}.yaml", version / f"{lang}.yaml")
            continue
        clause = clauses[(k - 1) % len(clauses)]
        changed.append(clause)
        for lang in LANGS:
            texts[lang] = edit(texts[lang], clause, sentence(lang, k))
            (version / f"{lang}.yaml").write_text(dump(texts[lang]), encoding="utf-8")
        summary = {"zh": f"修改第{k}版的一个条款。", "en": f"Rewords one clause (version {k})."}
        meta = {"summary": summary, "kind": "editorial"}
        (version / "meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    return tuple(changed)


def check_project(project: GeneratedProject) -> None:
    """Raise unless the project validates, every version is published on its build date, and
    every version changes exactly the one clause it should, in both languages."""
    from legalsite.commands import actions as commands
    from legalsite.compare.diff import compare
    from legalsite.model.document import LANGS as MODEL_LANGS
    from legalsite.sources.calendar import load_calendar
    from legalsite.sources.load import load_project

    commands.validate(root=project.root)
    calendar = load_calendar(project.root)
    for effective in project.versions:
        published = calendar.publication_date(effective)
        if published > project.today:
            raise AssertionError(f"{effective} is published on {published}, after the build")
    for document in load_project(project.root).documents:
        expected = project.edits[document.id]
        versions = document.versions
        if len(versions) != len(project.versions):
            raise AssertionError(f"{document.id}: {len(versions)} versions")
        for k in range(1, len(versions)):
            for lang in MODEL_LANGS:
                comparison = compare(versions[k - 1].texts[lang], versions[k].texts[lang])
                touched = [(c.id, c.element.kind, c.status) for c in comparison.touched()]
                if touched != [(expected[k - 1], "clause", "changed")]:
                    raise AssertionError(
                        f"{document.id} {versions[k].id} {lang}: changes {touched}, expected "
                        f"only {expected[k - 1]}"
                    )
