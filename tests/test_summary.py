"""The editors' summary of each version (issue 13): meta.yaml's ``summary`` and ``kind``,
refused by ``validate`` when missing after the first version, shown on the changes and history
pages, in versions.json and in the Atom feeds, and inert wherever it lands."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.model import escape
from legalsite.model.errors import LegalsiteError
from legalsite.site.plan import plan
from legalsite.sources import meta
from legalsite.sources.load import load_project
from tests.conftest import SITES, examples, new_revision_version
from tests.hostile import hostile_text, markup, yaml_double_quoted

DOC = "agreements/user-service-agreement"
SECOND = f"{DOC}/2025-07-01"
THIRD = f"{DOC}/2025-09-01"
HINT = (
    "    hint: write what changed and why, in both languages, in the version's meta.yaml: "
    'summary: {zh: "修改了……，因为……", en: "Changed ..., because ..."} (in quotes, so a '
    "comma stays in the text) and kind: substantive (or editorial)"
)


def test_the_hints_example_pasted_as_is_is_a_valid_summary(tmp_path: Path) -> None:
    """An editor copies the example of the hint into meta.yaml: it reads as both texts whole."""
    example = re.search(r"(summary: \{.*?\})", HINT)
    assert example is not None
    path = tmp_path / "meta.yaml"
    path.write_text(f"{example.group(1)}\nkind: substantive\n", encoding="utf-8")
    read, found = meta.read_meta(path, "meta.yaml")
    assert found == []
    assert read.summary is not None
    assert dict(read.summary.texts) == {"zh": "修改了……，因为……", "en": "Changed ..., because ..."}


@pytest.fixture
def revision(tmp_path: Path) -> Path:
    shutil.copytree(SITES / "revision" / "agreements", tmp_path / "agreements")
    return tmp_path


def problems(root: Path) -> str:
    with pytest.raises(LegalsiteError) as caught:
        commands.validate(root=root)
    return str(caught.value)


def test_the_test_sites_carry_their_summaries(revision: Path) -> None:
    versions = load_project(revision).documents[0].versions
    assert versions[0].summary is None
    assert versions[1].summary is not None and versions[1].summary.kind == "substantive"
    assert versions[2].summary is not None and versions[2].summary.kind == "editorial"
    assert versions[2].summary.texts["en"].startswith("Corrects the spelling")


def test_a_version_without_meta_yaml_is_refused_at_its_folder(revision: Path) -> None:
    (revision / SECOND / "meta.yaml").unlink()
    assert problems(revision) == (
        f"{SECOND}: no meta.yaml with the summary of this version of user-service-agreement\n"
        f"{HINT}\n"
        "1 problem in agreements/"
    )


def test_a_meta_yaml_without_summary_is_refused(revision: Path) -> None:
    (revision / SECOND / "meta.yaml").write_text("kind: editorial\n", encoding="utf-8")
    assert problems(revision) == (
        f"{SECOND}/meta.yaml:1:1: no summary of this version of user-service-agreement\n"
        f"{HINT}\n"
        "1 problem in agreements/"
    )


def test_new_version_writes_a_skeleton_that_validate_asks_to_fill(revision: Path) -> None:
    made = new_revision_version(revision)
    assert sorted(p.name for p in made.folder.iterdir()) == ["en.yaml", "meta.yaml", "zh.yaml"]
    shown = f"{DOC}/2026-03-02/meta.yaml"
    # An untouched copy: validate asks for the change and for its summary.
    assert problems(revision) == (
        f"{DOC}/2026-03-02: this version of user-service-agreement has the same text as the "
        "version of 2025-09-01, in both languages\n"
        "    hint: make the change in zh.yaml and en.yaml, or delete the folder if there is no "
        "change to publish\n"
        f"{shown}:5:7: the zh summary is empty\n{HINT}\n"
        f"{shown}:6:7: the en summary is empty\n{HINT}\n"
        "3 problems in agreements/"
    )
    text = (made.folder / "meta.yaml").read_text(encoding="utf-8")
    filled = text.replace('zh: ""', "zh: 说明").replace('en: ""', "en: Explained")
    (made.folder / "meta.yaml").write_text(filled, encoding="utf-8")
    for lang, added in (("zh", "修订"), ("en", "Revised")):  # the change itself: a new clause
        path = made.folder / f"{lang}.yaml"
        source = path.read_text(encoding="utf-8")
        assert source.count("\npreamble:\n") == 1
        clause = f"\npreamble:\n- id: preamble-new\n  text: {added}\n"
        path.write_text(source.replace("\npreamble:\n", clause, 1), encoding="utf-8")
    commands.validate(root=revision)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "summary:\n  zh: 中文\n",
            "meta.yaml:2:3: the summary has no en text\n"
            "    hint: write what changed and why in both languages: summary: {zh: ..., en: ...}",
        ),
        (
            "summary: 改了\n",
            "meta.yaml:1:10: 'summary' must be fields zh: and en:\n"
            "    hint: write what changed and why in both languages: summary: {zh: ..., en: ...}",
        ),
        (
            "summary:\n  zh: 中文\n  en: English\n  fr: Français\n",
            "meta.yaml:2:3: unknown language in summary\n"
            "    hint: a summary has two fields, zh: and en:, each one plain text",
        ),
        (
            "summary:\n  zh: 中文\n  en: English\nkind: major\n",
            "meta.yaml:4:7: 'kind' must be substantive or editorial, not 'major'\n"
            "    hint: substantive: rights or duties change; editorial: wording, typography or "
            "links only",
        ),
        (
            "summary:\n  zh: 中文\n  en: <b>bold</b> move\n",
            "meta.yaml:3:7: raw HTML '<b>' is not allowed in a summary (at '<b>bold</b> move')\n"
            "    hint: write a summary as plain text, without HTML tags",
        ),
        (
            "summary:\n  zh: 见[此处](https://x.example)\n  en: English\n",
            "meta.yaml:2:7: '[' is not allowed in a summary (at '[此处](https://x.examp')\n"
            "    hint: a summary is plain text: no <, >, *, [, ] or \\ (emphasis and links "
            "belong in the clauses)",
        ),
        (
            'summary:\n  zh: "中\\u202e文"\n  en: English\n',
            "meta.yaml:2:9: invisible or direction-changing character U+202E "
            "RIGHT-TO-LEFT OVERRIDE",
        ),
    ],
)
def test_summary_is_checked_with_its_location(revision: Path, content: str, expected: str) -> None:
    (revision / SECOND / "meta.yaml").write_text(content, encoding="utf-8")
    assert f"{SECOND}/{expected}" in problems(revision)


def _site_files(root: Path, today: date) -> dict[str, str]:
    from legalsite.site.plan import generated_files
    from legalsite.sources.calendar import load_calendar

    files = generated_files(plan(load_project(root), load_calendar(root), today))
    return {name: text for name, text in files.items() if isinstance(text, str)}


def test_the_summary_is_on_every_record_of_the_change(revision: Path) -> None:
    files = _site_files(revision, date(2026, 1, 5))
    index = json.loads(files["versions.json"])
    versions = {v["id"]: v for v in index["documents"][0]["versions"]}
    assert versions["2024-01-01"]["summary"] is None
    assert versions["2025-09-01"]["kind"] == "editorial"
    assert versions["2025-09-01"]["summary"]["zh"].startswith("将第五条中的")
    second = load_project(revision).documents[0].versions[1].summary
    assert second is not None
    for lang in ("zh", "en"):
        text = second.texts[lang]
        changes = files[f"{lang}/user-service-agreement/2025-07-01/changes.md"]
        assert '<div class="ls-version-summary" data-kind="substantive">' in changes
        assert text in changes
        assert text in files[f"{lang}/user-service-agreement/history.md"]
        assert text in files[f"{lang}/feed.xml"]


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(hostile_text(), markup()))
def test_any_summary_is_refused_or_inert_everywhere(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("summary")
    shutil.copytree(SITES / "revision" / "agreements", root / "agreements")
    (root / SECOND / "meta.yaml").write_text(
        f"summary:\n  zh: {yaml_double_quoted(text)}\n  en: {yaml_double_quoted(text)}\n",
        encoding="utf-8",
    )
    try:
        commands.validate(root=root)
    except LegalsiteError:
        return  # refused, located (the messages are asserted above)
    assert text.strip()
    files = _site_files(root, date(2026, 1, 5))
    loaded = json.loads(files["versions.json"])
    assert loaded["documents"][0]["versions"][1]["summary"] == {"zh": text, "en": text}
    for lang in ("zh", "en"):
        shown = escape.html_text(text)
        assert shown in files[f"{lang}/user-service-agreement/history.md"]
        assert shown in files[f"{lang}/user-service-agreement/2025-07-01/changes.md"]
        feed = ElementTree.fromstring(files[f"{lang}/feed.xml"].encode("utf-8"))
        summaries = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}summary")]
        assert any(escape.xml_text(text) in s for s in summaries)


def test_meta_schema_lists_the_summary_fields() -> None:
    properties = meta.meta_schema()["properties"]
    assert set(properties) == {
        "summary",
        "kind",
        "translation-unchanged",
        "version",
        "source-date",
    }
    assert properties["summary"]["required"] == ["zh", "en"]
