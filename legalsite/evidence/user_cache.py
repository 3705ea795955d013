"""What a build keeps between builds besides the PDFs, in the user's cache folder.

``$XDG_CACHE_HOME/legalsite`` (else ``~/.cache/legalsite``) holds this machine's PDF cache key
(:mod:`legalsite.evidence.pdf_cache`) and what only spares a build work whose result it could
compute again, each in a folder of its own (:func:`subfolder`), never inside the project: the
PDF font's code points (:mod:`legalsite.evidence.glyphs`), the theme's compiled templates
(``legalsite.plugin.plugin``), the redline's character classes (:func:`character_classes`).
Every entry names its key and is written whole (:func:`write_whole`); an entry that does not
match its key or cannot be read is computed again and written over. Only a regular file is
read as an entry (:func:`read_entry`: no FIFO, link or device) or written over. The folder is
the user's own, as the PDF cache's key in it is: whoever can write an entry there can read
that key too.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from legalsite.compare import redline
from legalsite.model.errors import LegalsiteError

T = TypeVar("T")

REDLINE_FOLDER = "redline"
"""The folder of the redline's character classes."""


def folder() -> Path:
    """legalsite's folder in the user's cache folder (``$XDG_CACHE_HOME/legalsite``, else
    ``~/.cache/legalsite``). Refused when neither names an absolute folder (no ``HOME`` and no
    home in the user database): a build then keeps nothing, and makes no PDF cache key."""
    base = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if base.is_absolute():
        return base / "legalsite"
    try:
        home = Path.home()  # RuntimeError when there is none
    except RuntimeError:
        home = Path()
    if not home.is_absolute():
        raise LegalsiteError(
            "the user's cache folder is unknown: XDG_CACHE_HOME is not an absolute path, HOME "
            "is not set and the user has no home folder",
            hint="set XDG_CACHE_HOME (or HOME) to an absolute path outside the project",
        )
    return home / ".cache" / "legalsite"


def resolved(path: Path) -> Path | None:
    """``path`` with its symbolic links followed (:meth:`Path.resolve`); None when they loop
    (Python 3.11 raises RuntimeError there, later ones OSError)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def subfolder(name: str, project: Path) -> Path | None:
    """The folder ``name`` in the user's cache folder; None (keep nothing) if it lies inside
    ``project`` (nothing of the kind is ever written into a project), or if there is no
    user's cache folder or its path cannot be followed (a loop of symbolic links)."""
    try:
        place = folder() / name
    except LegalsiteError:
        return None
    where, inside = resolved(place), resolved(project)
    if where is None or inside is None or where.is_relative_to(inside):
        return None
    return place


ENTRY_LIMIT = 16 * 1024 * 1024
"""The largest entry read (the largest, a font's code points, is a few hundred kilobytes)."""


def read_entry(path: Path, limit: int = ENTRY_LIMIT) -> bytes:
    """The bytes of the entry ``path``; OSError (the entry is computed again) unless it is a
    regular file, not a link, of at most ``limit`` bytes: reading a FIFO would wait for ever,
    a link to ``/dev/zero`` would fill the memory."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
    with os.fdopen(os.open(path, flags), "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            raise OSError(f"{path} is not an entry legalsite wrote")
        data = file.read(limit + 1)
    if len(data) > limit:  # it grew while read
        raise OSError(f"{path} is larger than an entry legalsite writes")
    return data


def write_whole(path: Path, data: bytes) -> None:
    """``path`` written whole (its folder made, mode 0700, if missing): a temporary file beside
    it, renamed over it, so that a reader sees the old file or the new one, never a part. What
    is at ``path`` and is not a regular file (a link, a FIFO, a folder) is not legalsite's:
    it is left alone (OSError), as the PDF cache leaves such entries."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise FileExistsError(f"{path} is not an entry legalsite wrote: left alone")
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:16]}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(name).replace(path)
    except BaseException:
        Path(name).unlink(missing_ok=True)  # this process's own temporary file
        raise


def kept(
    entry: Path,
    key: dict[str, Any],
    make: Callable[[], T],
    *,
    field: str,
    encode: Callable[[T], Any] = lambda value: value,
    decode: Callable[[Any], T],
) -> T:
    """The value kept in the JSON ``entry`` under ``field`` (``decode`` of it) when the entry
    names ``key`` as its own; else ``make()``, written there with its key (``encode`` of it),
    whole. An entry that is missing, unreadable, of another key or whose value ``decode``
    refuses (TypeError, ValueError, KeyError) is made again; nothing is written where
    :func:`write_whole` cannot."""
    try:
        stored = json.loads(read_entry(entry))
        if stored["key"] == key:
            return decode(stored[field])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, unreadable or not an entry: made again
    value = make()
    with contextlib.suppress(OSError):
        data = {"key": key, field: encode(value)}
        write_whole(entry, json.dumps(data, separators=(",", ":")).encode("utf-8"))
    return value


def character_classes(project: Path) -> dict[str, list[list[int]]]:
    """:func:`legalsite.compare.redline.character_classes` (a scan of every code point, a
    tenth of a second), kept for this Python and its Unicode version."""
    place = subfolder(REDLINE_FOLDER, project)
    if place is None:
        return redline.character_classes()
    key = {"entry": 1, "python": sys.version, "unicode": unicodedata.unidata_version}
    return kept(
        place / "character-classes.json",
        key,
        redline.character_classes,
        field="classes",
        decode=_classes,
    )


def _classes(value: Any) -> dict[str, list[list[int]]]:
    """``value`` if it has the form of :func:`redline.character_classes`; else TypeError."""
    if not (
        isinstance(value, dict)
        and sorted(value) == sorted(redline.CHARACTER_CLASSES)
        and all(
            isinstance(runs, list)
            and all(
                isinstance(run, list) and len(run) == 2 and all(type(point) is int for point in run)
                for run in runs
            )
            for runs in value.values()
        )
    ):
        raise TypeError("classes")
    return value
