"""Which characters the PDFs can draw: those of the font they embed, and ``validate``'s check.

A PDF draws each character with a glyph of :data:`legalsite.evidence.pdf.FONT_FAMILY`, the one
font the build installs and embeds. A character the font has no glyph for (a rare CJK
extension ideograph, most emoji) prints as a box, and the PDF's text layer maps that box to
another character: the PDF would neither show nor carry the text as written. The font's
character map (read with fontTools, which WeasyPrint uses) decides; ``validate`` refuses every
other character of a version's text with its file, line and column
(:func:`legalsite.model.characters.undrawable`, one rule with the other refused characters).

Reading a face's character map costs about a tenth of a second of every build, PDFs or not
(``validate`` checks every build's text). So each face's code points are kept, as ranges, in
the user's cache folder (:mod:`legalsite.evidence.user_cache`, never inside
the project: :func:`cmap_folder`), one JSON entry per face, named by and holding its key: the
font file's resolved path, the face's index, the file's size and modification time, and
fontTools' version. An entry whose key is not the font's now (a font updated in place, another
fontTools), or that cannot be read, is ignored: the character map is read again and the entry
written over it, whole (a temporary file beside it, renamed). The folder is the user's own, as
the PDF cache's key in it: whoever can write an entry there can read that key too.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from legalsite.evidence import pdf, user_cache
from legalsite.model.characters import Refusal, undrawable
from legalsite.model.document import LANGS, canonical_text
from legalsite.model.errors import LegalsiteError, Problem
from legalsite.sources.load import AGREEMENTS_DIR, Project

CMAP_FOLDER = "font-cmaps"
"""The folder of the faces' code points, in the user's cache folder."""
CMAP_ENTRY = 1
"""The form of an entry (part of its key)."""


@lru_cache(maxsize=4)
def drawable(cache: Path | None = None) -> frozenset[int]:
    """The code points every face of the PDFs' font (regular and bold) has a glyph for; with
    ``cache`` (a folder), kept there between builds (:func:`face_code_points`)."""
    return frozenset.intersection(
        *(face_code_points(path, index, cache) for path, index in pdf.font_faces())
    )


def cmap_folder(project: Path) -> Path | None:
    """Where the faces' code points are kept: :data:`CMAP_FOLDER` in the user's cache folder;
    None (read every time) if that lies inside ``project`` (nothing is written there)."""
    return user_cache.subfolder(CMAP_FOLDER, project)


def face_code_points(path: Path, index: int, cache: Path | None) -> frozenset[int]:
    """:func:`code_points` of one face, from its entry in ``cache`` when the entry's key is the
    face's own, else read from the font and stored there (nothing stored if it cannot be)."""
    if cache is None:
        return code_points(path, index)
    import fontTools

    info = path.stat()
    key = {
        "entry": CMAP_ENTRY,
        "file": str(path.resolve()),
        "index": index,
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "fonttools": fontTools.version,
    }
    name = hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()[:32]
    return user_cache.kept(
        cache / f"{name}.json",
        key,
        lambda: code_points(path, index),
        field="ranges",
        encode=_ranges,
        decode=lambda runs: frozenset(_expand(runs)),
    )


def _ranges(points: Iterable[int]) -> list[list[int]]:
    """Sorted code points as ``[first, last]`` runs of consecutive ones."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return runs


def _expand(runs: Any) -> Iterable[int]:
    """The code points of :func:`_ranges`' runs; TypeError unless ``runs`` has their form
    (ascending, apart, within Unicode: a damaged entry could name a billion points)."""
    if not isinstance(runs, list):
        raise TypeError("ranges")
    after = 0
    for run in runs:
        if not (isinstance(run, list) and len(run) == 2 and all(type(p) is int for p in run)):
            raise TypeError("ranges")
        if not after <= run[0] <= run[1] <= sys.maxunicode:
            raise TypeError("ranges")
        after = run[1] + 2
    return itertools.chain.from_iterable(range(first, last + 1) for first, last in runs)


def code_points(path: Path, index: int = 0) -> frozenset[int]:
    """The code points of one face's character map (fontTools' ``getBestCmap``), read without
    the glyphs' names: fontTools names each glyph a character maps to, and for a CFF font such
    as Noto CJK reads every name from the CFF table first (half the time of a build's
    ``validate`` at one version). Numbered names (``setGlyphOrder``) take their place; which
    code points map to a glyph does not depend on its name."""
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        font.setGlyphOrder([f"glyph{gid:05d}" for gid in range(font["maxp"].numGlyphs)])
        return frozenset(font.getBestCmap())


def check(project: Project) -> list[Problem]:
    """Every character of a version's text that the PDFs cannot draw, where the file has it
    (each occurrence written as itself; once for the file when YAML writes it as an escape).
    Nothing when the font is not installed: the build then stops on that, and says what to
    install."""
    try:
        can_draw = drawable(cmap_folder(project.root))
    except LegalsiteError:
        return []
    problems: list[Problem] = []
    for document in project.documents:
        for version in document.versions:
            for lang in LANGS:
                text = canonical_text(version.texts[lang], version.effective)
                found = {r.char: r for _, r in undrawable(text, can_draw.__contains__)}
                if found:
                    shown = Path(AGREEMENTS_DIR, document.id, version.id, f"{lang}.yaml")
                    problems.extend(_located(project.root, shown.as_posix(), found))
    return problems


def _located(root: Path, shown: str, found: dict[str, Refusal]) -> list[Problem]:
    try:
        lines = (root / shown).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        lines = []
    problems = []
    for char, refusal in found.items():
        places: list[tuple[int | None, int | None]] = [
            (number, column)
            for number, line in enumerate(lines, start=1)
            for column, other in enumerate(line, start=1)
            if other == char
        ]
        for line, column in places or [(None, None)]:
            problems.append(Problem(shown, line, column, refusal.message, refusal.hint))
    return problems
