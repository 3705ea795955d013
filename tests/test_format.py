"""legalsite format: only the refused spaces and invisible characters change, each reported;
comments and layout stay; idempotent; atomic; nothing outside agreements/."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from legalsite.model import characters
from legalsite.sources.fixer import CannotFix, fix_text
from legalsite.sources.yamlfile import LineIndex, scalar_events
from tests import hostile
from tests.conftest import SITES, assemble, examples, run_cli

# -- The rewrite of one text -------------------------------------------------------------------


def test_rewrites_raw_characters_and_escapes_and_reports_each() -> None:
    text = (
        "# a comment\u00a0stays\n"
        "title: 用户\u00a0服务\u200b协议\n"
        'text: "a\\u00A0b\\u200Bc\\td\\_e"  # and this\u200b one\n'
        "'ke\u00a0y': 'x\u2003y'\n"
    )
    fixed = fix_text(text)
    # A comment keeps its space-like characters, not its invisible ones (issue 21).
    assert fixed.text == (
        "# a comment\u00a0stays\n"
        "title: 用户 服务协议\n"
        'text: "a bc d e"  # and this one\n'
        "'ke y': 'x y'\n"
    )
    assert [f"{c.line}:{c.col}: {c.describe()}" for c in fixed.changes] == [
        "2:10: replaced U+00A0 NO-BREAK SPACE with a space",
        "2:13: removed U+200B ZERO WIDTH SPACE",
        "3:9: replaced the escape \\u00A0 (U+00A0 NO-BREAK SPACE) with a space",
        "3:16: removed the escape \\u200B (U+200B ZERO WIDTH SPACE)",
        "3:23: replaced the escape \\t (U+0009) with a space",
        "3:26: replaced the escape \\_ (U+00A0 NO-BREAK SPACE) with a space",
        "3:42: removed U+200B ZERO WIDTH SPACE",
        "4:4: replaced U+00A0 NO-BREAK SPACE with a space",
        "4:11: replaced U+2003 EM SPACE with a space",
    ]
    assert fixed.left == ()


def test_what_yaml_cannot_read_is_removed_anywhere() -> None:
    fixed = fix_text("\ufefftitle: a\x01b  # c\x7f\n")
    assert fixed.text == "title: ab  # c\n"
    assert [f"{c.line}:{c.col}: {c.describe()}" for c in fixed.changes] == [
        "1:1: removed U+FEFF ZERO WIDTH NO-BREAK SPACE",
        "1:9: removed U+0001",
        "1:16: removed U+007F",
    ]


def test_chinese_keeps_the_ideographic_space() -> None:
    assert fix_text("t: 第一条\u3000定义\n", ideographic_space=True).changes == ()
    assert fix_text("t: Article\u30001\n").text == "t: Article 1\n"


def test_what_a_person_must_decide_is_left_and_listed() -> None:
    text = "a: x\ue000y\nb: |\n  one\n  two\nc: p\n  \u00a0q\n"
    fixed = fix_text(text)
    assert fixed.text == text  # the no-break space would be folded away as a plain space
    assert [(p.mark.line, p.mark.col, p.message) for p in fixed.left] == [
        (1, 5, "private-use character U+E000 is not allowed"),
        (2, 4, "line break U+000A: a text is one line (2 times in this text)"),
        (6, 3, "space character U+00A0 NO-BREAK SPACE: only the ordinary space is allowed"),
    ]


def test_a_space_at_a_folded_line_end_becomes_an_escaped_space() -> None:
    fixed = fix_text('a: "x\\_\n  y"\n')
    assert fixed.text == 'a: "x\\ \n  y"\n'
    assert yaml.safe_load(fixed.text) == {"a": "x  y"}


def test_a_file_that_does_not_read_is_not_touched() -> None:
    with pytest.raises(CannotFix) as info:
        fix_text("a: [\u00a0\n")
    assert info.value.mark is not None and info.value.message.startswith("YAML syntax error")
    with pytest.raises(CannotFix, match="nested more than 20 levels"):
        fix_text("a: " + "[" * 100 + "]" * 100 + "\n")


# -- Generated documents: any style, any refused character, raw or escaped ------------------

PIECE = st.one_of(hostile.ordinary(), hostile.refused_character(), st.sampled_from([" ", "'"]))


@st.composite
def scalar(draw: st.DrawFn) -> str:
    """A YAML scalar holding refused characters, in one of the styles that can hold them."""
    value = "".join(draw(st.lists(PIECE, min_size=1, max_size=5)))
    value = "".join(c for c in value if characters.kind_of(c) is not characters.Kind.SURROGATE)
    style = draw(st.sampled_from(["double", "double-escaped", "single", "plain", "block"]))
    raw_ok = not any(hostile._yaml_unprintable(c) or c in "\t" for c in value)
    if style == "double" or not raw_ok:
        return hostile.yaml_double_quoted(value)
    if style == "double-escaped":
        return hostile.yaml_double_quoted(value, escape_all=True)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    plain_ok = bool(value) and value == value.strip() and value[0] not in "'\"-?:,[]{}#&*!|>%@`"
    if style == "plain" and plain_ok and ": " not in value and " #" not in value:
        return value
    return (
        "|-\n    " + value
        if value.strip() and value[0] != " "
        else hostile.yaml_double_quoted(value)
    )


@st.composite
def document(draw: st.DrawFn) -> str:
    keys = draw(st.lists(scalar(), min_size=1, max_size=4))
    lines = ["# 注释\u00a0comment"]
    for number, value in enumerate(keys):
        key = draw(st.sampled_from([f"k{number}", f'"k{number}\\u00A0"', f"'k{number}\u200b'"]))
        lines.append(f"{key}: {value}")
        if draw(st.booleans()):
            lines.append(f"  # between {number}")
    return "\n".join(lines) + "\n"


def _values(text: str) -> list[str]:
    return [str(e.value) for e in scalar_events(text)]


@settings(max_examples=examples(300))
@given(document(), st.booleans())
def test_round_trip_report_and_idempotence(text: str, wide: bool) -> None:
    before = _values(text)
    fixed = fix_text(text, ideographic_space=wide)
    after = _values(fixed.text)
    # The same values, each exactly rewritten or (if left, reported) unchanged.
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        assert new in (characters.fix(old, ideographic_space=wide), old)
    # Nothing fixable remains unless listed as left.
    unfixed = [v for v in after if characters.fix(v, ideographic_space=wide) != v]
    listed = [p for p in fixed.left if p.refusal.replacement is not None]
    assert len(listed) >= len(unfixed)
    event(f"values left unfixed: {len(unfixed)}; changes: {min(len(fixed.changes), 5)}+")
    # Comments and line structure stay.
    assert [line for line in fixed.text.split("\n") if line.lstrip().startswith("#")] == [
        line for line in text.split("\n") if line.lstrip().startswith("#")
    ]
    assert fixed.text.count("\n") == text.count("\n")
    # Each change is reported where the character (or its escape) stood.
    lines = text.split("\n")
    for change in fixed.changes:
        written = change.escape or change.char
        assert lines[change.line - 1][change.col - 1 :].startswith(written)
    # Idempotent.
    again = fix_text(fixed.text, ideographic_space=wide)
    assert (again.text, again.changes) == (fixed.text, ())
    assert LineIndex(fixed.text)  # positions of what is left are in the new text


@given(st.integers(min_value=1, max_value=6), document())
def test_every_leading_byte_order_mark_is_reported_and_removed_at_once(
    count: int, text: str
) -> None:
    """YAML skips any number of byte-order marks at the start: validate reported one, format
    removed one per run (not idempotent), and validate then reported the next."""
    import tempfile

    from legalsite.sources.yamlfile import read_yaml

    marked = "\ufeff" * count + text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "en.yaml"
        path.write_text(marked, encoding="utf-8")
        _, problems = read_yaml(path, "en.yaml")
        times = f" ({count} times at the start of the file)" if count > 1 else ""
        assert str(problems[0]) == (
            f"en.yaml:1:1: invisible or direction-changing character U+FEFF ZERO WIDTH NO-BREAK "
            f"SPACE{times}\n    hint: delete it: such characters can hide or reorder words of a "
            "legal text; `legalsite format` fixes it"
        )
        fixed = fix_text(marked)
        assert [c.describe() for c in fixed.changes[:count]] == [
            "removed U+FEFF ZERO WIDTH NO-BREAK SPACE"
        ] * count
        assert not fixed.text.startswith("\ufeff")
        assert fix_text(fixed.text).changes == ()
        path.write_text(fixed.text, encoding="utf-8")
        _, after = read_yaml(path, "en.yaml")
        assert not [p for p in after if "U+FEFF" in p.message]


# -- The command ------------------------------------------------------------------------------

BASIC = SITES / "basic" / "agreements"
ZH = "agreements/privacy-policy/2024-03-01/zh.yaml"
EN = "agreements/privacy-policy/2024-03-01/en.yaml"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = assemble(tmp_path / "project", BASIC)
    path = root / EN
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Privacy Policy", 'title: "Privacy\\_Policy\\u202E"'
        ),
        encoding="utf-8",
    )
    return root


def test_format_reports_each_change_and_validate_then_passes(site: Path) -> None:
    before = {p: p.read_bytes() for p in (site / "agreements").rglob("*.yaml") if EN not in str(p)}
    mode = stat.S_IMODE((site / EN).stat().st_mode) | stat.S_IXUSR
    (site / EN).chmod(mode)
    assert run_cli(site, "validate").returncode == 1
    result = run_cli(site, "format")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"{EN}:2:16: replaced the escape \\_ (U+00A0 NO-BREAK SPACE) with a space\n"
        f"{EN}:2:24: removed the escape \\u202E (U+202E RIGHT-TO-LEFT OVERRIDE)\n"
        "2 character(s) fixed in 1 file(s); 4 file(s) checked\n"
    )
    assert '\ntitle: "Privacy Policy"\n' in (site / EN).read_text(encoding="utf-8")
    assert stat.S_IMODE((site / EN).stat().st_mode) == mode
    assert {p: p.read_bytes() for p in before} == before  # the others untouched
    assert not [p for p in (site / "agreements").rglob("*") if p.name.endswith(".tmp")]
    assert run_cli(site, "validate").returncode == 0
    again = run_cli(site, "format", EN)
    assert again.stdout == "0 character(s) fixed in 0 file(s); 1 file(s) checked\n"


def test_format_lists_what_it_leaves_and_exits_1(site: Path) -> None:
    path = site / ZH
    path.write_text(path.read_text(encoding="utf-8").replace("隐私权政策", "隐私\ue000政策"))
    result = run_cli(site, "format", ZH)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {ZH}:2:10: private-use character U+E000 is not allowed\n"
        "    hint: replace it with the character it stands for: a private-use character shows "
        "differently, or not at all, in each font\n"
        "1 problem left for you to fix (format does not guess)\n"
    )


def test_format_refuses_anything_outside_agreements_and_writes_nothing(
    site: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("a: x\u00a0y\n", encoding="utf-8")
    (site / "agreements/privacy-policy/linked.yaml").symlink_to(outside)
    shutil.copytree(site / "agreements/privacy-policy", site / "agreements/copy", symlinks=True)
    (site / "agreements/via-link").symlink_to(site / "agreements/privacy-policy")
    before = (site / EN).read_bytes()
    result = run_cli(
        site,
        "format",
        EN,
        str(outside),
        "agreements/../mkdocs.yml",
        "mkdocs.yml",
        "agreements/privacy-policy/linked.yaml",
        "agreements/via-link/2024-03-01/zh.yaml",
        "agreements/nope.yaml",
        "agreements/privacy-policy",
    )
    assert result.returncode == 1
    link = (
        "symbolic link in agreements/\n    hint: documents, versions and their files must be "
        "real folders and files (what a link points to is not what the pull request shows, and "
        "may lie outside the project): replace the link with a copy"
    )
    outside_hint = (
        "not under agreements/: format rewrites only the agreements' YAML files\n"
        "    hint: name files under agreements/, or none to format all of them"
    )
    assert result.stderr == (
        f"error: {outside}: {outside_hint}\n"
        f"agreements/../mkdocs.yml: {outside_hint}\n"
        "agreements/nope.yaml: no such file\n"
        "agreements/privacy-policy: no such file\n"
        f"agreements/privacy-policy/linked.yaml: {link}\n"
        f"agreements/via-link/2024-03-01/zh.yaml: {link}\n"
        f"mkdocs.yml: {outside_hint}\n"
        "7 problems in the files named: nothing was changed\n"
    )
    assert (site / EN).read_bytes() == before
    assert outside.read_text(encoding="utf-8") == "a: x\u00a0y\n"
    # Without names: every real YAML file under agreements/, never through a link.
    result = run_cli(site, "format")
    assert outside.read_text(encoding="utf-8") == "a: x\u00a0y\n"
    assert result.stdout.endswith("4 character(s) fixed in 2 file(s); 6 file(s) checked\n")
