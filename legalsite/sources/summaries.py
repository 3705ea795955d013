"""Every version after the first has its summary: what changed and why, in both languages
(``meta.yaml``), checked by ``validate`` and the preview."""

from __future__ import annotations

from legalsite.model.document import LANGS
from legalsite.model.errors import Problem
from legalsite.sources.load import AGREEMENTS_DIR, Project
from legalsite.sources.meta import META_FILE, read_meta


def check_summaries(project: Project) -> list[Problem]:
    """Every version after the first of a document without its summary in both languages:
    readers are told what changed and why, so ``validate`` (the pull-request check) refuses
    a new version until its editors have written it."""
    problems: list[Problem] = []
    hint = (
        "write what changed and why, in both languages, in the version's meta.yaml: "
        'summary: {zh: "修改了……，因为……", en: "Changed ..., because ..."} (in quotes, '
        "so a comma stays in the text) and "
        "kind: substantive (or editorial)"
    )
    for document in project.documents:
        for version in document.versions[1:]:
            folder = f"{AGREEMENTS_DIR}/{document.id}/{version.id}"
            shown = f"{folder}/{META_FILE}"
            meta, found = read_meta(project.root / shown, shown)
            if found or meta.summary is not None:
                continue  # read_meta's problems are reported by the loader, or by drift.check
            if not meta.exists:
                problems.append(
                    Problem(
                        folder,
                        None,
                        None,
                        f"no {META_FILE} with the summary of this version of {document.id}",
                        hint,
                    )
                )
                continue
            marks = meta.summary_marks or {}
            if "summary" not in marks:
                problems.append(
                    Problem(shown, 1, 1, f"no summary of this version of {document.id}", hint)
                )
                continue
            for lang in LANGS:
                if lang not in meta.written:
                    mark = marks[lang]
                    problems.append(
                        Problem(shown, mark.line, mark.col, f"the {lang} summary is empty", hint)
                    )
    return problems
