"""validate refuses a text changed in one language only, unless the version's meta.yaml says the
other language needs no change; and meta.yaml itself is checked (whole messages)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.model.document import (
    LANG_NAMES,
    LANGS,
    Lang,
    ListItem,
    Paragraph,
    Section,
    Table,
    TableRow,
    Text,
    Version,
    walk,
)
from legalsite.model.errors import LegalsiteError
from legalsite.sources import drift
from legalsite.sources.load import load_project
from tests.conftest import SITES, examples, new_revision_version
from tests.revisions import documents, one_language_edits, revisions, write_version

DOC = "agreements/user-service-agreement"
SECOND = f"{DOC}/2025-07-01"
THIRD = f"{DOC}/2025-09-01"


@pytest.fixture
def revision(tmp_path: Path) -> Path:
    """A copy of tests/data/sites/revision (its third version fixes a typo in 中文 only)."""
    shutil.copytree(SITES / "revision" / "agreements", tmp_path / "agreements")
    return tmp_path


SUMMARY = "summary:\n  zh: 一处修改。\n  en: One change.\n"


def problems(root: Path) -> str:
    with pytest.raises(LegalsiteError) as caught:
        commands.validate(root=root)
    return str(caught.value)


def test_the_revision_site_acknowledges_its_one_language_fix(revision: Path) -> None:
    assert commands.validate(root=revision).versions == 3


def test_a_change_in_one_language_is_an_error_naming_both_files(revision: Path) -> None:
    (revision / THIRD / "meta.yaml").write_text(SUMMARY, encoding="utf-8")
    assert problems(revision) == (
        f"{THIRD}/en.yaml:36:11: clause 'accounts-5' changed in 中文 ({THIRD}/zh.yaml:36:11) "
        "since 2025-07-01, but its English text is the same as in 2025-07-01\n"
        "    hint: translate the change into en.yaml; if the English text needs no change, "
        f"acknowledge it in {THIRD}/meta.yaml with `translation-unchanged: [accounts-5]`; if "
        f"it was {SECOND}/zh.yaml that you edited, undo that (git checkout main -- "
        f"{SECOND}/zh.yaml): a published version is never changed\n"
        "1 problem in agreements/"
    )


def test_an_acknowledgement_that_is_not_needed_is_refused(revision: Path) -> None:
    (revision / THIRD / "meta.yaml").write_text(
        "translation-unchanged:\n  - accounts-5\n  - accounts-4\n  - accounts-nine\n  - accounts-5\n"
        + SUMMARY,
        encoding="utf-8",
    )
    hint = (
        "    hint: remove it from meta.yaml: only ids whose text changed in one language and not "
        "the other need acknowledging"
    )
    assert problems(revision) == "\n".join(
        [
            f"{THIRD}/meta.yaml:3:5: translation-unchanged lists 'accounts-4', but 'accounts-4' "
            "did not change in one language only since 2025-07-01",
            hint,
            f"{THIRD}/meta.yaml:4:5: translation-unchanged lists 'accounts-nine', but version "
            "2025-09-01 has no element 'accounts-nine'",
            hint,
            f"{THIRD}/meta.yaml:5:5: id 'accounts-5' is listed twice in translation-unchanged",
            "    hint: list each id once",
            "3 problems in agreements/",
        ]
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "translation-unchnaged:\n  - accounts-5\n",
            "meta.yaml:1:1: unknown field 'translation-unchnaged' in meta.yaml\n"
            "    hint: did you mean 'translation-unchanged'?",
        ),
        (
            "sumary: x\n",
            "meta.yaml:1:1: unknown field 'sumary' in meta.yaml\n    hint: did you mean 'summary'?",
        ),
        (
            "translation-unchanged: accounts-5\n",
            "meta.yaml:1:24: 'translation-unchanged' must be a list of ids (- id)\n"
            "    hint: write one id per line: `- accounts-2`",
        ),
        (
            "translation-unchanged:\n  - Accounts 5\n",
            "meta.yaml:2:5: 'Accounts 5' is not an id (lower-case words joined by hyphens)\n"
            "    hint: list the ids of the clauses, as in zh.yaml and en.yaml",
        ),
        (
            "- accounts-5\n",
            "meta.yaml:1:1: meta.yaml must be fields (key: value)",
        ),
    ],
)
def test_meta_yaml_is_checked_against_its_schema(
    revision: Path, content: str, expected: str
) -> None:
    (revision / THIRD / "meta.yaml").write_text(content, encoding="utf-8")
    assert f"{THIRD}/{expected}" in problems(revision)


def test_the_first_version_has_nothing_to_acknowledge(revision: Path) -> None:
    (revision / DOC / "2024-01-01" / "meta.yaml").write_text(
        "translation-unchanged:\n  - accounts-1\n", encoding="utf-8"
    )
    assert problems(revision) == (
        f"{DOC}/2024-01-01/meta.yaml:2:5: translation-unchanged lists 'accounts-1', but "
        "2024-01-01 is the first version of user-service-agreement: there is no change to "
        "acknowledge\n"
        "    hint: remove it from meta.yaml\n"
        "1 problem in agreements/"
    )


def test_new_version_does_not_copy_the_acknowledgements(revision: Path) -> None:
    made = new_revision_version(revision)
    assert sorted(p.name for p in made.folder.iterdir()) == ["en.yaml", "meta.yaml", "zh.yaml"]
    assert "translation-unchanged" not in (made.folder / "meta.yaml").read_text(encoding="utf-8")


# -- Any one-language edit -------------------------------------------------------------------


def project(root: Path, versions: list[dict[Lang, Text]]) -> Path:
    for index, texts in enumerate(versions):
        folder = root / "agreements" / "doc" / f"202{index}-01-0{index + 1}"
        write_version(folder, texts)
        if index:
            (folder / "meta.yaml").write_text(SUMMARY, encoding="utf-8")
    return root


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_one_language_edit_is_caught_and_can_be_acknowledged(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    old = data.draw(documents(markup=False))
    new, log = data.draw(one_language_edits(old))
    found = drift.drifts(
        *(load_project(project(tmp_path_factory.mktemp("drift"), [old, new])).documents[0].versions)
    )
    changed = {
        anchor: lang
        for anchor, lang in log.one_language.items()
        if any(
            a[0] == anchor and a[2] != b[2]
            for a, b in zip(drift.texts(old[lang]), drift.texts(new[lang]), strict=True)
        )
    }
    assert {(d.id, d.changed) for d in found} == set(changed.items())
    root = project(tmp_path_factory.mktemp("drift"), [old, new])
    if not changed:
        commands.validate(root=root)
        return
    message = problems(root)
    for anchor, lang in changed.items():
        other = "en" if lang == "zh" else "zh"
        assert (
            f"'{anchor}' changed in {LANG_NAMES[lang]} (agreements/doc/2021-01-02/{lang}.yaml:"
            in (message)
        )
        assert f"agreements/doc/2021-01-02/{other}.yaml:" in message
    listed = "".join(f"  - {anchor}\n" for anchor in changed)
    (root / "agreements/doc/2021-01-02/meta.yaml").write_text(
        f"{SUMMARY}translation-unchanged:\n{listed}", encoding="utf-8"
    )
    commands.validate(root=root)


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_revisions_in_both_languages_pass(data: st.DataObject) -> None:
    """What an editor does to both languages at once is never a drift."""
    old = data.draw(documents())
    new, _ = data.draw(revisions(old, edits=("reword", "insert", "delete", "move", "retitle")))
    versions = [
        Version("doc", date(2024, 1, 1), {lang: old[lang] for lang in LANGS}),
        Version("doc", date(2025, 1, 1), {lang: new[lang] for lang in LANGS}),
    ]
    # Several edits may touch one clause, and the last may give one language its old words
    # back: exactly those elements, and no others, are drifts.
    assert {(d.id, d.changed) for d in drift.drifts(*versions)} == _one_language_changes(old, new)


def _texts_by_id(text: Text) -> dict[str, str]:
    """The words of every element by id: section titles, clauses, items, table headers, rows
    (a section retitled twice may get one language's old title back, too)."""
    out: dict[str, str] = {}
    for step in walk(text):
        node = step.node
        if isinstance(node, Section):
            out[node.id] = node.title
        elif isinstance(node, Paragraph | ListItem):
            out[node.id] = node.text
        elif isinstance(node, Table):
            out[node.id] = "\0".join(node.header)
        elif isinstance(node, TableRow):
            out[node.id] = "\0".join(node.cells)
    return out


def _one_language_changes(old: dict[Lang, Text], new: dict[Lang, Text]) -> set[tuple[str, Lang]]:
    before = {lang: _texts_by_id(old[lang]) for lang in LANGS}
    after = {lang: _texts_by_id(new[lang]) for lang in LANGS}
    changed = {
        lang: {i for i in after[lang] if i in before[lang] and after[lang][i] != before[lang][i]}
        for lang in LANGS
    }
    zh, en = changed["zh"], changed["en"]
    return {(i, "zh") for i in zh - en} | {(i, "en") for i in en - zh}


def test_the_editors_guide_shows_the_real_message(revision: Path) -> None:
    """CONTRIBUTING.md (both languages) quotes this error for a version of 2026-12-01."""
    from tests.conftest import ROOT

    (revision / THIRD / "meta.yaml").write_text(SUMMARY, encoding="utf-8")
    first, hint = problems(revision).splitlines()[:2]
    quoted = "\n".join(["  error: " + first, "  " + hint])  # in a list item's code block
    quoted = quoted.replace("2025-09-01", "2026-12-01").replace("2025-07-01", "2024-01-01")
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert guide.count(quoted) == 2


def test_a_version_with_the_text_of_the_one_before_is_refused(revision: Path) -> None:
    """new-version copies the latest version: until an editor changes it, validate says so."""
    made = new_revision_version(revision)
    (made.folder / "meta.yaml").write_text(SUMMARY, encoding="utf-8")
    with pytest.raises(LegalsiteError) as caught:
        commands.validate(root=revision)
    assert str(caught.value) == (
        "agreements/user-service-agreement/2026-03-02: this version of user-service-agreement "
        "has the same text as the version of 2025-09-01, in both languages\n"
        "    hint: make the change in zh.yaml and en.yaml, or delete the folder if there is no "
        "change to publish\n"
        "1 problem in agreements/"
    )


@pytest.mark.parametrize("kind", ["Editorial", "[editorial]", "{}"])
def test_a_meta_yaml_that_does_not_read_gives_no_false_drift(revision: Path, kind: str) -> None:
    """Its acknowledgements are unknown while meta.yaml has a problem: only that is reported,
    not a drift of the id it lists."""
    meta = revision / "agreements/user-service-agreement/2025-09-01/meta.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("kind: editorial", f"kind: {kind}"), "utf-8"
    )
    with pytest.raises(LegalsiteError) as caught:
        commands.validate(root=revision)
    lines = str(caught.value).splitlines()
    assert lines[-1] == "1 problem in agreements/"
    assert lines[0].startswith("agreements/user-service-agreement/2025-09-01/meta.yaml:")
    assert "translation" not in str(caught.value)
