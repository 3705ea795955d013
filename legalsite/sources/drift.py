"""Translation drift: a text changed in one language of a version but not in the other.

For every version after the first, each id whose text as written differs from the previous
version's in one language while it is identical in the other is a problem, at the unchanged
language's file, naming the changed one, unless the version's ``meta.yaml`` lists the id under
``translation-unchanged`` (the other language needs no change). An acknowledgement that is not
needed (or names no element of the version) is a problem too: the list stays true.
Editors forget translations; this makes them say so. ``legalsite validate`` runs it, so the
pull-request check does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legalsite.model.document import (
    LANG_NAMES,
    LANGS,
    Lang,
    Text,
    Version,
    on_node,
    walk,
)
from legalsite.model.errors import Problem
from legalsite.sources.load import AGREEMENTS_DIR, Project
from legalsite.sources.meta import META_FILE, read_meta
from legalsite.sources.yamlfile import Mark, YamlList, YamlMap, read_yaml

WHAT = {
    "section": "section title",
    "clause": "clause",
    "item": "list item",
    "table": "table header",
    "row": "table row",
    "verbatim": "verbatim block",
}


def texts(text: Text) -> Iterator[tuple[str, str, str]]:
    """(id, kind, text as written) of every element with words of its own, in reading order."""
    for step in walk(text):
        found = on_node(
            step.node,
            section=lambda n: ("section", n.title),
            paragraph=lambda n: ("clause", n.text),
            listing=lambda n: None,  # a list has no words of its own: its items have
            item=lambda n: ("item", n.text),
            table=lambda n: ("table", "\t".join(n.header)),
            row=lambda n: ("row", "\t".join(n.cells)),
            verbatim=lambda n: ("verbatim", n.text),
        )
        if found is not None:
            yield step.node.id, *found


@dataclass(frozen=True)
class Drift:
    id: str
    kind: str
    changed: Lang
    """The language whose text changed; the other one's did not."""


def drifts(previous: Version, version: Version) -> list[Drift]:
    """Ids whose text changed in exactly one language from ``previous`` to ``version``."""
    before = {lang: {i: s for i, _, s in texts(previous.texts[lang])} for lang in LANGS}
    found = []
    for (anchor, kind, zh), (_, _, en) in zip(
        texts(version.texts["zh"]), texts(version.texts["en"]), strict=True
    ):
        if anchor not in before["zh"]:
            continue
        changed = {"zh": zh != before["zh"][anchor], "en": en != before["en"][anchor]}
        if changed["zh"] != changed["en"]:
            found.append(Drift(anchor, kind, "zh" if changed["zh"] else "en"))
    return found


_FIELDS = ("text", "title", "cells", "table", "id")


def _marks(data: Any) -> dict[str, Mark]:
    """Where each id's words stand in a file (its text, title or cells; else its id)."""
    out: dict[str, Mark] = {}

    def walk(node: Any) -> None:
        if isinstance(node, YamlMap):
            if isinstance(node.get("id"), str):
                field = next(f for f in _FIELDS if f in node or f == "id")
                out.setdefault(node["id"], node.mark_of(field))
            for value in node.values():
                walk(value)
        elif isinstance(node, YamlList):
            for value in node:
                walk(value)

    walk(data)
    return out


def check(project: Project) -> list[Problem]:
    """Every forgotten translation, and every acknowledgement that is not needed."""
    problems: list[Problem] = []
    root = project.root
    for document in project.documents:
        folder = Path(AGREEMENTS_DIR) / document.id
        for index, version in enumerate(document.versions):
            here = folder / version.id
            meta_shown = (here / META_FILE).as_posix()
            meta, meta_problems = read_meta(root / here / META_FILE, meta_shown)
            problems.extend(meta_problems)
            marks = meta.marks or {}
            if index == 0:
                for anchor, mark in marks.items():
                    problems.append(
                        Problem(
                            meta_shown, mark.line, mark.col,
                            f"translation-unchanged lists '{anchor}', but {version.id} is the "
                            f"first version of {document.id}: there is no change to acknowledge",
                            f"remove it from {META_FILE}",
                        )
                    )  # fmt: skip
                continue
            if meta_problems and meta.marks is None:
                # Its acknowledgements are unknown until meta.yaml reads: the problems above
                # say what to fix, and a drift error naming a listed id would be false.
                continue
            previous = document.versions[index - 1]
            found = drifts(previous, version)
            unacknowledged = [d for d in found if d.id not in marks]
            if unacknowledged:
                problems.extend(_drift_problems(root, here, previous, unacknowledged))
            drifting = {d.id for d in found}
            ids = {anchor for anchor, _, _ in texts(version.texts["zh"])}
            for anchor, mark in marks.items():
                if anchor in drifting:
                    continue
                reason = (
                    f"version {version.id} has no element '{anchor}'"
                    if anchor not in ids
                    else f"'{anchor}' did not change in one language only since {previous.id}"
                )
                problems.append(
                    Problem(
                        meta_shown, mark.line, mark.col,
                        f"translation-unchanged lists '{anchor}', but {reason}",
                        f"remove it from {META_FILE}: only ids whose text changed in one "
                        "language and not the other need acknowledging",
                    )
                )  # fmt: skip
    return problems


def _drift_problems(
    root: Path, here: Path, previous: Version, found: list[Drift]
) -> Iterator[Problem]:
    shown = {lang: (here / f"{lang}.yaml").as_posix() for lang in LANGS}
    marks = {lang: _marks(read_yaml(root / shown[lang], shown[lang])[0]) for lang in LANGS}
    meta = (here / META_FILE).as_posix()
    for drift in found:
        changed = drift.changed
        (same,) = (lang for lang in LANGS if lang != changed)
        where = marks[same].get(drift.id)
        there = marks[changed].get(drift.id)
        at = f"{shown[changed]}:{there.line}:{there.col}" if there else shown[changed]
        # The same difference appears when the earlier version's file was edited instead (a
        # published version, which check-frozen refuses only after this step): said too.
        earlier = (here.parent / previous.id / f"{changed}.yaml").as_posix()
        yield Problem(
            shown[same],
            where.line if where else None,
            where.col if where else None,
            f"{WHAT[drift.kind]} '{drift.id}' changed in {LANG_NAMES[changed]} ({at}) since "
            f"{previous.id}, but its {LANG_NAMES[same]} text is the same as in {previous.id}",
            f"translate the change into {same}.yaml; if the {LANG_NAMES[same]} text needs no "
            f"change, acknowledge it in {meta} with `translation-unchanged: [{drift.id}]`; if "
            f"it was {earlier} that you edited, undo that (git checkout main -- {earlier}): a "
            "published version is never changed",
        )


def unchanged_versions(project: Project) -> list[Problem]:
    """Every version after a document's first whose text is, in both languages, exactly the one
    before it: it would be published, announced and take effect with nothing to read in its
    redline (its summary would describe a change that is not there)."""
    problems: list[Problem] = []
    for document in project.documents:
        for previous, version in zip(document.versions, document.versions[1:], strict=False):
            if all(version.texts[lang] == previous.texts[lang] for lang in LANGS):
                problems.append(
                    Problem(
                        f"{AGREEMENTS_DIR}/{document.id}/{version.id}",
                        None,
                        None,
                        f"this version of {document.id} has the same text as the version of "
                        f"{previous.id}, in both languages",
                        "make the change in zh.yaml and en.yaml, or delete the folder if there is "
                        "no change to publish",
                    )
                )
    return problems
