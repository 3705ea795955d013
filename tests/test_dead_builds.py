"""A build killed outright (SIGKILL) leaves its building folder beside the site; the next build
deletes it, and only what it can prove a dead build made (issue 21, §5): a folder named as
builds name them, with the marker, whose lock is free. Never one without the marker, never one
whose build still runs (two builds at once: tests/test_build.py)."""

from __future__ import annotations

import fcntl
import os
import signal
from pathlib import Path

import pytest

from legalsite.site import folders
from tests.conftest import run_cli
from tests.test_build import second_build_half_written, tree_digest


def _dead_folder(beside: Path, name: str = "site") -> Path:
    """A building folder as a build leaves it when killed: marker written, lock released."""
    with folders.building(beside / name) as folder:
        (folder / "index.html").write_text("half a site", "utf-8")
        kept = folder.with_name(folder.name + "-kept")
        folder.rename(kept)  # out of the block's reach: it removes the marker at its end
    kept.rename(folder)
    return folder


def test_a_dead_build_s_folder_is_removed_and_nothing_else(tmp_path: Path) -> None:
    dead = _dead_folder(tmp_path)
    assert (dead / folders.BUILDING_MARKER).read_text("utf-8") == folders.BUILDING_TEXT
    # Named like a building folder, but without the marker, or with another text in it.
    unmarked = tmp_path / ".site.building-0123abcd"
    unmarked.mkdir()
    (unmarked / "index.html").write_text("x", "utf-8")
    forged = tmp_path / ".site.building-89abcdef"
    forged.mkdir()
    (forged / folders.BUILDING_MARKER).write_text("something else\n", "utf-8")
    # With the marker and its lock free, but not named as a building folder of this site.
    others = [
        _dead_folder(tmp_path, "other"),
        tmp_path / ".site.building-0123abcd-copy",
        tmp_path / ".site.previous-0123abcd",
    ]
    for other in others[1:]:
        dead_copy = _dead_folder(tmp_path)
        dead_copy.rename(other)
    # A link to a dead build's folder is not one.
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / ".site.building-feedbeef"
    link.symlink_to(_dead_folder(tmp_path / "elsewhere"), target_is_directory=True)

    assert folders.remove_dead_builds(tmp_path / "site") == [dead]
    assert not dead.exists()
    for kept in (unmarked, forged, *others, link):
        assert kept.exists() or kept.is_symlink(), kept


def test_a_running_build_s_folder_is_never_removed(tmp_path: Path) -> None:
    with folders.building(tmp_path / "site") as running:
        assert folders.remove_dead_builds(tmp_path / "site") == []
        assert (running / folders.BUILDING_MARKER).is_file()
        # Its lock is held by an open file of its own: another one cannot take it.
        descriptor = os.open(running / folders.BUILDING_MARKER, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(descriptor)
        folders.release_building(running)  # about to become the site: no build deletes it
        assert folders.remove_dead_builds(tmp_path / "site") == []
    assert running.is_dir() and not (running / folders.BUILDING_MARKER).exists()


@pytest.mark.build
def test_a_build_killed_outright_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    root, before, process = second_build_half_written(tmp_path)
    process.send_signal(signal.SIGKILL)
    process.communicate()  # its pipes, read to the end
    assert process.returncode == -signal.SIGKILL
    (left,) = root.glob(".site.building-*")
    assert (left / folders.BUILDING_MARKER).is_file()
    assert tree_digest(root / "site") == before

    result = run_cli(root, "build", "--today", "2025-03-04")
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert not left.exists()
    assert sorted(p.name for p in root.iterdir()) == ["agreements", "mkdocs.yml", "site"]
    assert not (root / "site" / folders.BUILDING_MARKER).exists()
