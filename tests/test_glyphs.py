"""Every character of a version's text is one the PDFs' font draws, or ``validate`` refuses it
where the file has it, naming it: a PDF never shows a box for it, nor carries another
character in its text layer."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.evidence import glyphs, pdf
from legalsite.model import characters
from legalsite.model.characters import Kind, character_name, kind_of
from legalsite.model.errors import LegalsiteError, Problem
from tests.conftest import SITES, assemble

FILE = "agreements/user-service-agreement/2024-01-01/zh.yaml"
CLAUSE = "本《用户服务协议》是您与脉邦数字科技之间的协议。"
MESSAGE = (
    "{name} is not in the font the PDFs embed: the PDF would show a box, and its text another "
    "character"
)
HINT = (
    "write the text without it (a common variant of the character, or words that describe it): "
    "a PDF must show and carry the text as written"
)


@cache
def undrawable_chars() -> tuple[str, ...]:
    """Every character the other rules allow (assigned, visible, NFC after a Han character)
    that the font has no glyph for: rare CJK extensions, emoji, most scripts but Latin, Greek,
    Cyrillic, kana and Hangul."""
    can = glyphs.drawable()
    return tuple(
        char
        for char in map(chr, range(0x110000))
        if ord(char) not in can
        and kind_of(char, ideographic_space=True) is None
        and unicodedata.is_normalized("NFC", f"钱{char}。")
    )


def test_the_font_draws_chinese_and_latin_and_not_the_rare_or_the_emoji() -> None:
    can = glyphs.drawable()
    assert all(ord(c) in can for c in "用户服务协议《》“”（）、。：；ABCxyz0189.,;:()[]-•§é€")
    assert not {ord(c) for c in "𪜀𠀀😀🙂"} & can
    assert {"\U0002a700", "\U0001f600", "\u0627"} <= set(undrawable_chars())


def test_the_rule_names_each_undrawable_character_at_its_index() -> None:
    found = list(characters.undrawable("a钱𪜀 😀\t", lambda code: code < 0x1F000))
    assert [(i, r.char, r.kind, r.message) for i, r in found] == [
        (2, "𪜀", Kind.UNDRAWABLE, MESSAGE.format(name="U+2A700 CJK UNIFIED IDEOGRAPH-2A700")),
        (4, "😀", Kind.UNDRAWABLE, MESSAGE.format(name="U+1F600 GRINNING FACE")),
    ]
    assert found[0][1].hint == HINT and found[0][1].replacement is None


@settings(max_examples=12, deadline=None)
@given(
    # Deferred: the characters are sought (a pass over every code point) when a test draws one,
    # not when the module is collected.
    char=st.deferred(lambda: st.sampled_from(undrawable_chars())),
    escaped=st.booleans(),
    twice=st.booleans(),
)
def test_validate_refuses_a_character_the_pdfs_cannot_draw(
    char: str, escaped: bool, twice: bool
) -> None:
    """Written as itself (each place located) or as a YAML escape (the file named)."""
    with tempfile.TemporaryDirectory() as folder:
        root = assemble(Path(folder) / "project", SITES / "versions" / "agreements")
        path = root / FILE
        written = characters.escape(char) if escaped else char
        clause = f"钱{written}{CLAUSE}{written if twice else ''}"
        source = path.read_text(encoding="utf-8")
        assert f"    text: {CLAUSE}\n" in source
        path.write_text(source.replace(f"    text: {CLAUSE}", f'    text: "{clause}"'), "utf-8")
        line = source.split("\n").index(f"    text: {CLAUSE}") + 1
        with pytest.raises(LegalsiteError) as caught:
            commands.validate(root=root)
    message = MESSAGE.format(name=character_name(char))
    start = len('    text: "钱') + 1
    places: list[tuple[int | None, int | None]] = [(None, None)] if escaped else [(line, start)]
    if twice and not escaped:
        places.append((line, start + 1 + len(CLAUSE)))
    # The next version's clause now changed in English only: drift says so, in its own files.
    ours = [p for p in caught.value.problems if p.path == FILE]
    assert ours == [Problem(FILE, at_line, column, message, HINT) for at_line, column in places]
    assert {p.path for p in caught.value.problems} - {FILE} == {
        "agreements/user-service-agreement/2025-03-03/en.yaml"
    }


def test_a_text_the_font_draws_whole_is_valid(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    report = commands.validate(root=root)
    assert (report.documents, report.versions) == (1, 2)


def test_the_code_points_are_fonttools_own_with_the_fonts_glyph_names() -> None:
    """``code_points`` numbers the glyphs instead of reading their names from the font: the
    character map fontTools reads is the same, face by face."""
    from fontTools.ttLib import TTFont

    for path, index in pdf.font_faces():
        with TTFont(path, fontNumber=index, lazy=True) as font:
            named = frozenset(font.getBestCmap())
        assert glyphs.code_points(path, index) == named


# -- The faces' code points kept between builds ------------------------------------------------


@pytest.fixture
def counted_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, int]]:
    """``glyphs.code_points`` replaced by a stand-in that records each read of a "font"."""
    reads: list[tuple[Path, int]] = []

    def read(path: Path, index: int = 0) -> frozenset[int]:
        reads.append((path, index))
        return frozenset({0x41, 0x42, 0x43, 0x4E00, 0x4E01, 0x1F600, path.stat().st_size})

    monkeypatch.setattr(glyphs, "code_points", read)
    return reads


def test_a_faces_code_points_are_read_once_then_from_its_entry(
    tmp_path: Path, counted_reads: list[tuple[Path, int]]
) -> None:
    font, cache = tmp_path / "font.ttc", tmp_path / "cache"
    font.write_bytes(b"x" * 10)
    first = glyphs.face_code_points(font, 2, cache)
    assert glyphs.face_code_points(font, 2, cache) == first == glyphs.code_points(font, 2)
    assert counted_reads == [(font, 2), (font, 2)]  # the second, the test's own call
    (entry,) = cache.iterdir()  # one whole entry, no temporary file left
    assert json.loads(entry.read_text(encoding="utf-8"))["ranges"] == [
        [10, 10],
        [0x41, 0x43],
        [0x4E00, 0x4E01],
        [0x1F600, 0x1F600],
    ]
    # Another face of the same file has its own entry.
    glyphs.face_code_points(font, 0, cache)
    assert len(counted_reads) == 3 and len(list(cache.iterdir())) == 2


def one_entry(tmp_path: Path) -> tuple[Path, Path, Path, frozenset[int]]:
    """A stand-in font of 10 bytes read once: the font, its cache folder, the one entry that
    read wrote and the code points it gave."""
    font, cache = tmp_path / "font.ttc", tmp_path / "cache"
    font.write_bytes(b"x" * 10)
    read = glyphs.face_code_points(font, 0, cache)
    (entry,) = cache.iterdir()
    return font, cache, entry, read


def test_an_entry_that_does_not_match_its_font_is_ignored_and_rewritten(
    tmp_path: Path, counted_reads: list[tuple[Path, int]]
) -> None:
    font, cache, entry, _ = one_entry(tmp_path)
    # An entry whose key is not the font's (here: edited to claim an emoji-free face of another
    # size) is not believed, whatever its ranges say; the font is read and the entry rewritten.
    stored = json.loads(entry.read_bytes())
    stored["key"]["size"] = 11
    stored["ranges"] = [[0, 0x10FFFF]]
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert glyphs.face_code_points(font, 0, cache) == {
        0x41,
        0x42,
        0x43,
        0x4E00,
        0x4E01,
        0x1F600,
        10,
    }
    assert len(counted_reads) == 2
    assert json.loads(entry.read_bytes())["key"]["size"] == 10
    # An unreadable entry too.
    for broken in ("", "{", "[]", '{"key": 1}', json.dumps({**stored, "ranges": 5})):
        entry.write_text(broken, encoding="utf-8")
        assert 0x1F600 in glyphs.face_code_points(font, 0, cache)
    assert len(counted_reads) == 7
    # A font replaced by another (its size and time change): its map is read again.
    font.write_bytes(b"y" * 12)
    assert 12 in glyphs.face_code_points(font, 0, cache)
    assert len(counted_reads) == 8 and len(list(cache.iterdir())) == 2


def test_an_entry_of_the_fonts_key_with_ranges_of_another_form_is_rewritten(
    tmp_path: Path, counted_reads: list[tuple[Path, int]]
) -> None:
    # Ranges the entry's writer never makes (backwards, overlapping, beyond Unicode, not
    # integers) were believed: [[5, 3]] drew nothing, [[0, 10**12]] filled the memory.
    font, cache, entry, read = one_entry(tmp_path)
    good = json.loads(entry.read_bytes())
    odd = [[[5, 3]], [[0, 1], [1, 2]], [[0, 1], [2, 3]], [[1, 2, 3]], [["a", "b"]], [[True, 5]]]
    odd += [[[-1, 2]], [[1.0, 2.0]], [[0, 0x110000]], [[0, 10**12]], {"0": 1}, [[9, 9], [1, 1]]]
    for ranges in odd:
        entry.write_text(json.dumps({**good, "ranges": ranges}), encoding="utf-8")
        assert glyphs.face_code_points(font, 0, cache) == read
        assert json.loads(entry.read_bytes()) == good
    assert len(counted_reads) == 1 + len(odd)


def test_the_entries_are_in_the_users_cache_folder_never_in_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    project = tmp_path / "project"
    assert glyphs.cmap_folder(project) == tmp_path / "xdg" / "legalsite" / "font-cmaps"
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / ".cache"))
    assert glyphs.cmap_folder(project) is None


def test_validate_keeps_the_faces_code_points_and_reads_them_back(tmp_path: Path) -> None:
    # What validate's glyph check reads from the entries is the font's own character map.
    cache = tmp_path / "cache"
    assert glyphs.drawable(cache) == glyphs.drawable()
    assert len(list(cache.iterdir())) == len(pdf.font_faces())
    glyphs.drawable.cache_clear()
    assert glyphs.drawable(cache) == glyphs.drawable()
