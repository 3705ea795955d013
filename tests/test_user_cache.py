"""legalsite.evidence.user_cache: what a build keeps in the user's cache folder is what it
would compute, and an entry that does not match its key is computed again and rewritten."""

from __future__ import annotations

import json
import os
import pwd
from pathlib import Path

import pytest

from legalsite.compare import redline
from legalsite.evidence import glyphs, pdf_cache, user_cache
from legalsite.model.errors import LegalsiteError


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


def test_a_cache_folder_in_a_loop_of_links_keeps_nothing_and_a_pdf_key_there_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python 3.11's resolve() raised RuntimeError here: a traceback from every build.
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    monkeypatch.setenv("XDG_CACHE_HOME", str(loop))
    project = tmp_path / "project"
    assert user_cache.subfolder("anything", project) is None
    assert user_cache.character_classes(project) == redline.character_classes()
    assert glyphs.cmap_folder(project) is None
    with pytest.raises(LegalsiteError) as raised:
        pdf_cache.PdfCache(project / ".cache" / "legalsite", project=project).trust()
    assert str(raised.value) == (
        f"the PDF cache key {loop}/legalsite/cache-key cannot be reached: its path is a loop "
        "of symbolic links\nhint: set XDG_CACHE_HOME to a folder of yours outside the project, or "
        "leave it unset (~/.cache)"
    )


def test_without_a_home_nothing_is_kept_and_the_pdf_key_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No HOME and a user the user database does not know (a container's arbitrary uid): "~"
    # stayed "~", a folder made in the current one (Python 3.12's Path.home() raises instead).
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: (_ for _ in ()).throw(KeyError(uid)))
    monkeypatch.chdir(tmp_path)
    project = tmp_path / "project"
    assert user_cache.subfolder("anything", project) is None
    assert user_cache.character_classes(project) == redline.character_classes()
    with pytest.raises(LegalsiteError) as raised:
        pdf_cache.key_file()
    assert str(raised.value) == (
        "the user's cache folder is unknown: XDG_CACHE_HOME is not an absolute path, HOME is "
        "not set and the user has no home folder\nhint: set XDG_CACHE_HOME (or HOME) to an "
        "absolute path outside the project"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["fifo", "link to a device", "link to an entry", "folder", "huge"])
def test_what_is_not_an_entry_legalsite_wrote_is_computed_past_and_left_alone(
    tmp_path: Path, xdg: Path, kind: str
) -> None:
    # A FIFO at an entry's name made every build wait for ever; a link to /dev/zero would
    # fill the memory; and a link or a folder there is the user's, not an entry to write over.
    project = tmp_path / "project"
    computed = redline.character_classes()
    user_cache.character_classes(project)
    entry = xdg / user_cache.REDLINE_FOLDER / "character-classes.json"
    good = entry.read_bytes()
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "link to a device":
        entry.symlink_to("/dev/zero")
    elif kind == "link to an entry":
        (tmp_path / "elsewhere.json").write_bytes(good)
        entry.symlink_to(tmp_path / "elsewhere.json")
    elif kind == "folder":
        entry.mkdir()
    else:
        with entry.open("wb") as out:
            out.truncate(user_cache.ENTRY_LIMIT + 1)  # sparse: takes no room
    before = entry.lstat()
    assert user_cache.character_classes(project) == computed
    if kind == "huge":  # a regular file, as legalsite writes: written over, whole
        assert entry.read_bytes() == good
    else:
        after = entry.lstat()
        assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert sorted(path.name for path in entry.parent.iterdir()) == [entry.name]  # no temporary


def test_a_pdf_key_where_no_folder_can_be_made_is_refused_with_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # XDG_CACHE_HOME naming a file said only "Not a directory: …", with no hint.
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    project = tmp_path / "project"
    with pytest.raises(LegalsiteError) as raised:
        pdf_cache.PdfCache(project / ".cache" / "legalsite", project=project).trust()
    assert str(raised.value) == (
        f"the PDF cache key {tmp_path}/file/legalsite/cache-key cannot be made: Not a directory: "
        f"{tmp_path}/file/legalsite\nhint: set XDG_CACHE_HOME to a folder of yours outside the "
        "project, or leave it unset (~/.cache)"
    )
    assert (tmp_path / "file").read_text(encoding="utf-8") == "mine"
