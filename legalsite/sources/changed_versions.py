"""Which versions were added, changed or deleted since a git commit: computed once, here.

``check-frozen`` decides from it what a pull request may not do, and ``legalsite check``
which redlines to write. The working tree (what ``validate`` and ``build`` read, committed or
not) is compared with the commit's tree under ``agreements/``, file by file, as the bytes git
stores: a working file's blob id (after git's clean filters, e.g. ``core.autocrlf``) against
the commit's. Nothing is decoded, and no symbolic link is followed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from legalsite.model.document import parse_version_name
from legalsite.sources import gitref
from legalsite.sources.gitref import Commit, Entry, EntryKind
from legalsite.sources.load import AGREEMENTS_DIR

Status = Literal["added", "changed", "deleted"]


@dataclass(frozen=True, order=True)
class VersionFolder:
    """``agreements/<document>/<version>/``, a folder named by the version's effective date."""

    document: str
    version: str

    @property
    def path(self) -> str:
        return f"{AGREEMENTS_DIR}/{self.document}/{self.version}"

    @property
    def effective(self) -> date:
        day = parse_version_name(self.version)
        assert day is not None, self.version
        return day


@dataclass(frozen=True)
class FileChange:
    path: str
    """Relative to the project folder, like every path here."""
    status: Status


@dataclass(frozen=True)
class VersionChange:
    """A version folder that differs between the commit and the working tree."""

    folder: VersionFolder
    status: Status
    """``added``: not in the commit; ``deleted``: not in the working tree; else ``changed``."""
    files: tuple[FileChange, ...]
    previous: str | None
    """The latest earlier version of the document in the working tree, the one a redline
    compares with (None for a first version and for a deleted one)."""

    @property
    def document(self) -> str:
        return self.folder.document

    @property
    def version(self) -> str:
        return self.folder.version


@dataclass(frozen=True)
class Changes:
    """The version folders of a commit and of the working tree, and how they differ."""

    commit: Commit
    base_files: Mapping[VersionFolder, Mapping[str, Entry]]
    """Every version folder in the commit, with its files."""
    work_files: Mapping[VersionFolder, Mapping[str, EntryKind]]
    """Every version folder in the working tree (a real folder, not a link), with its files."""
    versions: tuple[VersionChange, ...]
    """The folders added, changed or deleted, in order of document and version."""

    def change(self, folder: VersionFolder) -> VersionChange | None:
        return next((c for c in self.versions if c.folder == folder), None)


def _folder_of(path: str) -> VersionFolder | None:
    parts = path.split("/")
    if len(parts) >= 4 and parts[0] == AGREEMENTS_DIR and parse_version_name(parts[2]):
        return VersionFolder(parts[1], parts[2])
    return None


def base_versions(commit: Commit) -> dict[VersionFolder, dict[str, Entry]]:
    """The version folders of ``commit`` and the files in each (at any depth)."""
    folders: dict[VersionFolder, dict[str, Entry]] = {}
    for path, entry in gitref.tree(commit, AGREEMENTS_DIR).items():
        folder = _folder_of(path)
        if folder is not None:
            folders.setdefault(folder, {})[path] = entry
    return folders


def _walk(folder: Path, shown: str, found: dict[str, EntryKind]) -> None:
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = f"{shown}/{entry.name}"
            if entry.is_symlink():
                found[path] = "symlink"
            elif entry.is_dir(follow_symlinks=False):
                _walk(Path(entry.path), path, found)
            elif entry.is_file(follow_symlinks=False):
                found[path] = "file"
            else:  # a pipe, socket or device: never opened
                found[path] = "other"


def _real_dirs(folder: Path) -> list[str]:
    if folder.is_symlink() or not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return sorted(e.name for e in entries if e.is_dir(follow_symlinks=False))


def work_versions(root: Path) -> dict[VersionFolder, dict[str, EntryKind]]:
    """The version folders of the working tree and their files; links are not followed."""
    folders: dict[VersionFolder, dict[str, EntryKind]] = {}
    top = root / AGREEMENTS_DIR
    for document in _real_dirs(top):
        for version in _real_dirs(top / document):
            if parse_version_name(version) is None:
                continue
            folder = VersionFolder(document, version)
            files: dict[str, EntryKind] = {}
            _walk(root / folder.path, folder.path, files)
            folders[folder] = files
    return folders


@dataclass(frozen=True)
class _Work:
    """What is known of the working tree's files: blob ids of regular files, link targets."""

    root: Path
    hashes: Mapping[str, str]
    links: Mapping[str, bytes]

    def differs(self, base: Entry, kind: EntryKind, path: str) -> bool:
        if kind != base.kind or kind == "other":
            return True
        if kind == "file":
            return self.hashes[path] != base.oid
        return self.links[base.oid] != os.fsencode((self.root / path).readlink())

    def file_changes(
        self, base: Mapping[str, Entry], work: Mapping[str, EntryKind]
    ) -> tuple[FileChange, ...]:
        changes = []
        for path in sorted(set(base) | set(work)):
            if path not in work:
                changes.append(FileChange(path, "deleted"))
            elif path not in base:
                changes.append(FileChange(path, "added"))
            elif self.differs(base[path], work[path], path):
                changes.append(FileChange(path, "changed"))
        return tuple(changes)


def _previous(folder: VersionFolder, work: Mapping[VersionFolder, object]) -> str | None:
    earlier = [
        f.version for f in work if f.document == folder.document and f.version < folder.version
    ]
    return max(earlier, default=None)


def changes_since(commit: Commit) -> Changes:
    """How the working tree's version folders differ from ``commit``'s."""
    root = commit.root
    base = base_versions(commit)
    work = work_versions(root)
    both = [folder for folder in sorted(base) if folder in work]
    links = [
        entry.oid
        for folder in both
        for path, entry in base[folder].items()
        if entry.kind == "symlink" and work[folder].get(path) == "symlink"
    ]
    known = _Work(
        root,
        gitref.hash_files(root, [p for f in both for p, k in work[f].items() if k == "file"]),
        gitref.read_blobs(root, links),
    )
    versions: list[VersionChange] = []
    for folder in sorted(set(base) | set(work)):
        if folder not in work:
            files = tuple(FileChange(p, "deleted") for p in sorted(base[folder]))
            versions.append(VersionChange(folder, "deleted", files, None))
            continue
        files = known.file_changes(base.get(folder, {}), work[folder])
        status: Status = "changed" if folder in base else "added"
        if files or status == "added":
            versions.append(VersionChange(folder, status, files, _previous(folder, work)))
    return Changes(commit, base, work, tuple(versions))
