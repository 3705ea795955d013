"""Which characters the PDFs can draw: those of the font they embed, and ``validate``'s check.

A PDF draws each character with a glyph of :data:`legalsite.evidence.pdf.FONT_FAMILY`, the one
font the build installs and embeds. A character the font has no glyph for (a rare CJK
extension ideograph, most emoji) prints as a box, and the PDF's text layer maps that box to
another character: the PDF would neither show nor carry the text as written. The font's
character map (read with fontTools, which WeasyPrint uses) decides; ``validate`` refuses every
other character of a version's text with its file, line and column
(:func:`legalsite.model.characters.undrawable`, one rule with the other refused characters).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from legalsite.evidence import pdf
from legalsite.model.characters import Refusal, undrawable
from legalsite.model.document import LANGS, canonical_text
from legalsite.model.errors import LegalsiteError, Problem
from legalsite.sources.load import AGREEMENTS_DIR, Project


@lru_cache(maxsize=1)
def drawable() -> frozenset[int]:
    """The code points every face of the PDFs' font (regular and bold) has a glyph for."""
    return frozenset.intersection(*(code_points(path, index) for path, index in pdf.font_faces()))


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
        can_draw = drawable()
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
