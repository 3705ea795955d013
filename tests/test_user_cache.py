"""legalsite.evidence.user_cache: what a build keeps in the user's cache folder is what it
would compute, and an entry that does not match its key is computed again and rewritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legalsite.compare import redline
from legalsite.evidence import user_cache


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "legalsite"


def test_the_redlines_character_classes_are_kept_and_read_back(
    tmp_path: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    computed = redline.character_classes()
    assert user_cache.character_classes(project) == computed
    assert len(list((xdg / user_cache.REDLINE_FOLDER).iterdir())) == 1  # whole, no temporary
    # Read back, not computed again.
    monkeypatch.setattr(redline, "character_classes", lambda: pytest.fail("computed again"))
    assert user_cache.character_classes(project) == computed


def test_a_classes_entry_that_does_not_match_is_ignored_and_rewritten(
    tmp_path: Path, xdg: Path
) -> None:
    project = tmp_path / "project"
    computed = redline.character_classes()
    user_cache.character_classes(project)
    (entry,) = (xdg / user_cache.REDLINE_FOLDER).iterdir()
    good = json.loads(entry.read_bytes())
    other_python = {**good, "key": {**good["key"], "unicode": "1.1.0"}, "classes": {}}
    damaged = [
        json.dumps(other_python),
        json.dumps({**good, "classes": {**computed, "digit": [[48]]}}),
        json.dumps({**good, "classes": {"alnum": computed["alnum"]}}),
        "{",
        "",
        "[]",
    ]
    for text in damaged:
        entry.write_text(text, encoding="utf-8")
        assert user_cache.character_classes(project) == computed
        assert json.loads(entry.read_bytes()) == good


def test_nothing_is_kept_inside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / ".cache"))
    assert user_cache.subfolder("anything", project) is None
    assert user_cache.character_classes(project) == redline.character_classes()
    assert not (project / ".cache").exists()
