"""Reading a git commit safely: resolve a ref the user named, list its tree, read its files.

The ref is the only value a user gives git here. It is checked first (non-empty, printable,
short) and passed after ``--end-of-options``, so that ``-h`` or ``--output=x`` is read as a
revision and never as an option; every later command names the resolved object id only.
Git's output is read as bytes and paths are decoded like the file system's
(:func:`os.fsdecode`), so no file name or content can make a command fail with a traceback.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from legalsite.model.characters import printable
from legalsite.model.errors import LegalsiteError

MAX_REF_LENGTH = 256
"""Longer refs are refused before git sees them (git's own limit is the file system's)."""

EntryKind = Literal["file", "symlink", "submodule", "other"]

_KINDS: Mapping[str, EntryKind] = {
    "100644": "file",
    "100755": "file",
    "120000": "symlink",
    "160000": "submodule",
}
_HASH_BATCH = 200


def quoted(text: str) -> str:
    """``text`` between single quotes, as messages name a value the user typed."""
    return f"'{printable(text)}'"


@dataclass(frozen=True)
class Commit:
    """A commit of the repository the project folder ``root`` belongs to."""

    root: Path
    ref: str
    """The ref as the user named it (checked: printable, one line)."""
    oid: str
    """The commit's full object id: what every command after the resolution names."""


@dataclass(frozen=True)
class Entry:
    """One file of a commit's tree: its path relative to the project folder, kind and blob."""

    path: str
    kind: EntryKind
    oid: str


def _refuse(ref: str, reason: str) -> LegalsiteError:
    return LegalsiteError(
        f"the base {quoted(ref)} is not a git ref: {reason}",
        hint="name a branch, tag or commit, e.g. --base origin/main",
    )


def check_ref(ref: str) -> None:
    """Refuse a ref no git ref can be, before it reaches git."""
    if not ref:
        raise LegalsiteError(
            "the base ref is empty", hint="name a branch, tag or commit, e.g. --base origin/main"
        )
    if len(ref) > MAX_REF_LENGTH:
        raise _refuse(ref[:40] + "…", f"it is longer than {MAX_REF_LENGTH} characters")
    odd = next((ch for ch in ref if not ch.isprintable()), None)
    if odd is not None:
        raise _refuse(ref, f"it contains the character U+{ord(odd):04X}, which is not printable")


class GitFailed(LegalsiteError):
    """git ran and exited with an error (as opposed to git not running at all)."""


def run_git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``root`` and return its standard output; a failure is a LegalsiteError.

    Callers pass only fixed options, object ids and paths after ``--``.
    """
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False
        )
    except OSError as exc:
        raise LegalsiteError(
            f"cannot run git: {exc.strerror}", hint="install git and run this in the project"
        ) from None
    if result.returncode:
        error = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitFailed(
            f"git {args[0]} failed: {printable(error[-1] if error else 'no message')}",
            hint="run it in the project folder of a git repository",
        )
    return result.stdout


def check_work_tree(root: Path, ref: str) -> None:
    """Refuse a project folder that is not inside a git work tree (``new-site`` makes none):
    no ref can name a commit there, and the way out is to make the repository, not to fetch."""
    try:
        inside = run_git(root, "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except GitFailed:
        inside = False
    if not inside:
        raise LegalsiteError(
            f"this folder is not a git repository, so it has no base {quoted(ref)} to compare with",
            hint="run `git init -b main`, commit the site (git add -A, git commit), then "
            "`legalsite check --base main`",
        )


def _has_commits(root: Path) -> bool:
    """Whether the repository holds any commit: a branch or tag names one (HEAD alone does not
    say: on a new orphan branch it names none while the other branches do)."""
    try:
        return bool(run_git(root, "for-each-ref", "--count=1", "--format=%(objectname)").strip())
    except LegalsiteError:
        return False


def resolve(root: Path, ref: str) -> Commit:
    """The commit ``ref`` names, or a LegalsiteError with a one-line message."""
    check_ref(ref)
    check_work_tree(root, ref)
    try:
        output = run_git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
    except LegalsiteError:
        output = b""
    oid = output.decode("ascii", "replace").strip()
    if oid and all(ch in "0123456789abcdef" for ch in oid):
        return Commit(root, ref, oid)
    if not _has_commits(root):
        raise LegalsiteError(
            f"this git repository has no commit yet, so it has no base {quoted(ref)} to "
            "compare with",
            hint='commit the site first (git add -A && git commit -m "Our legal documents"), '
            "then `legalsite check --base main` on a branch",
        )
    raise LegalsiteError(
        f"{quoted(ref)} is not a commit of this git repository",
        hint="name a commit this repository has, e.g. --base main (commit the site "
        "first); in CI fetch the base branch first (git fetch origin main)",
    )


def tree(commit: Commit, folder: str) -> dict[str, Entry]:
    """Every file under ``folder`` (relative to the project folder) at ``commit``, by path."""
    listing = run_git(commit.root, "ls-tree", "-r", "-z", commit.oid, "--", folder)
    entries: dict[str, Entry] = {}
    for record in filter(None, listing.split(b"\0")):
        meta, _, raw_path = record.partition(b"\t")
        mode, _kind, oid = meta.decode("ascii").split(" ")
        path = os.fsdecode(raw_path)
        entries[path] = Entry(path, _KINDS.get(mode, "other"), oid)
    return entries


def read_blobs(root: Path, oids: Iterable[str]) -> dict[str, bytes]:
    """The content of each blob, as bytes (one ``git cat-file --batch`` for all of them)."""
    wanted = sorted(set(oids))
    if not wanted:
        return {}
    output = run_git(root, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in wanted).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for oid in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].decode("ascii").split(" ")
        if len(header) != 3:
            raise LegalsiteError(f"git cat-file cannot read object {oid}")
        size = int(header[2])
        blobs[oid] = output[end + 1 : end + 1 + size]
        position = end + 1 + size + 1
    return blobs


def hash_files(root: Path, paths: Sequence[str]) -> dict[str, str]:
    """The blob id git would store for each working-tree file (after its clean filters, such
    as ``core.autocrlf``): equal ids mean equal bytes in the repository."""
    ids: dict[str, str] = {}
    for start in range(0, len(paths), _HASH_BATCH):
        chunk = list(paths[start : start + _HASH_BATCH])
        output = run_git(root, "hash-object", "--", *chunk).decode("ascii").split()
        ids.update(zip(chunk, output, strict=True))
    return ids
