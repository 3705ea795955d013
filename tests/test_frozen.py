"""check-frozen on real git repositories: every branch with its whole message, bytes not text,
the base's calendar, and hostile --base values (generated) that never reach git as options."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalsite.model.characters import printable
from legalsite.model.errors import LegalsiteError
from legalsite.sources import gitref
from legalsite.sources.frozen import check_frozen, text_problem
from tests.conftest import SITES, assemble, examples
from tests.hostile import forged_line, hostile_text, invisible

USA = "agreements/user-service-agreement"
# tests/data/sites/versions: 2024-01-01 is published on 2023-12-29, 2025-03-03 on 2025-02-28.
FIRST, SECOND = f"{USA}/2024-01-01", f"{USA}/2025-03-03"
SUMMARY = "against main: published versions are frozen"


def git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=editor", "-c", "user.email=editor@example.com", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def make_repo(root: Path) -> Path:
    """The versions site committed on ``main``."""
    assemble(root, SITES / "versions" / "agreements")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def frozen(root: Path, today: str, *, base: str = "main", allow_backdated: bool = False) -> str:
    """check-frozen's answer as the CLI prints it (without ``error: ``), or ``ok: N``."""
    try:
        checked = check_frozen(
            root=root, base=base, today=date.fromisoformat(today), allow_backdated=allow_backdated
        )
    except LegalsiteError as exc:
        return str(exc)
    return f"ok: {checked}"


def restore_hint(path: str) -> str:
    return (
        f"    hint: published text never changes: restore it with `git checkout main -- {path}` "
        "and make the change in a new version (legalsite new-version)"
    )


def added_hint(path: str) -> str:
    return (
        f"    hint: published versions never change: delete {path} and put new text in a new "
        "version (legalsite new-version)"
    )


def lines(*parts: str) -> str:
    return "\n".join(parts)


# -- Every branch, whole messages ------------------------------------------------------------


def test_an_untouched_tree_passes(repo: Path) -> None:
    assert frozen(repo, "2025-02-27") == "ok: 1"
    assert frozen(repo, "2025-02-28") == "ok: 2"


def test_changed_deleted_added_files_and_a_backdated_version(repo: Path) -> None:
    (repo / FIRST / "en.yaml").write_text("title: changed\n", encoding="utf-8")
    (repo / FIRST / "extra").mkdir()
    (repo / FIRST / "extra" / "x.yaml").write_text("title: x\n", encoding="utf-8")
    (repo / SECOND / "zh.yaml").unlink()
    (repo / SECOND / "notes.txt").write_text("notes\n", encoding="utf-8")
    shutil.copytree(repo / FIRST, repo / USA / "2025-06-03")
    assert frozen(repo, "2025-06-01") == lines(
        f"{FIRST}/en.yaml: changed, but this version was published on 2023-12-29",
        restore_hint(f"{FIRST}/en.yaml"),
        # The hint names the added file itself (it named another file of the folder before).
        f"{FIRST}/extra/x.yaml: added to a version published on 2023-12-29",
        added_hint(f"{FIRST}/extra/x.yaml"),
        f"{SECOND}/notes.txt: added to a version published on 2025-02-28",
        added_hint(f"{SECOND}/notes.txt"),
        f"{SECOND}/zh.yaml: deleted, but this version was published on 2025-02-28",
        restore_hint(f"{SECOND}/zh.yaml"),
        f"{USA}/2025-06-03: new version whose publication date 2025-05-30 is already past "
        "(today is 2025-06-01)",
        "    hint: choose a later effective date; to import a historical version, run "
        "legalsite check --allow-backdated (or check-frozen --allow-backdated)",
        f"5 problems {SUMMARY}",
    )
    assert frozen(repo, "2025-06-01", allow_backdated=True).endswith(f"4 problems {SUMMARY}")


def test_a_whole_published_version_deleted(repo: Path) -> None:
    shutil.rmtree(repo / FIRST)
    assert frozen(repo, "2025-02-27") == lines(
        f"{FIRST}/en.yaml: deleted, but this version was published on 2023-12-29",
        restore_hint(f"{FIRST}/en.yaml"),
        f"{FIRST}/zh.yaml: deleted, but this version was published on 2023-12-29",
        restore_hint(f"{FIRST}/zh.yaml"),
        f"2 problems {SUMMARY}",
    )


def test_unpublished_versions_may_change_and_history_may_be_imported(repo: Path) -> None:
    english = repo / SECOND / "en.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("software", "cloud"))
    shutil.copytree(repo / FIRST, repo / USA / "2024-06-03")
    assert frozen(repo, "2025-02-27", allow_backdated=True) == "ok: 1"
    # Today is the publication date of the new version: not past, so not back-dated.
    shutil.rmtree(repo / USA / "2024-06-03")
    shutil.copytree(repo / FIRST, repo / USA / "2025-03-31")
    assert frozen(repo, "2025-03-28") == lines(
        f"{SECOND}/en.yaml: changed, but this version was published on 2025-02-28",
        restore_hint(f"{SECOND}/en.yaml"),
        f"1 problem {SUMMARY}",
    )


def test_the_restore_hint_restores(tmp_path: Path) -> None:
    """In a project inside a bigger repository, paths are the project's and the hint works."""
    outer = tmp_path / "outer"
    project = assemble(outer / "legal", SITES / "versions" / "agreements")
    git(outer, "init", "-q", "-b", "main")
    git(outer, "add", "-A")
    git(outer, "commit", "-qm", "base")
    (project / FIRST / "en.yaml").write_text("title: changed\n", encoding="utf-8")
    message = frozen(project, "2025-06-01")
    assert message == lines(
        f"{FIRST}/en.yaml: changed, but this version was published on 2023-12-29",
        restore_hint(f"{FIRST}/en.yaml"),
        f"1 problem {SUMMARY}",
    )
    command = re.search(r"`(git checkout [^`]+)`", message)
    assert command
    subprocess.run(command[1].split(), cwd=project, check=True, capture_output=True)
    assert frozen(project, "2025-06-01") == "ok: 2"


# -- Bytes, not decoded text -----------------------------------------------------------------

UTF8_HINT = (
    "    hint: a version folder holds YAML text: save the file as UTF-8 (in VS Code: 'Save with "
    "Encoding' → UTF-8)"
)


def test_a_file_that_is_not_utf8_is_located_at_either_side(repo: Path) -> None:
    # At the base: a binary file in a published version (committed as it is).
    (repo / FIRST / "en.yaml").write_bytes(b"title: a\n\x00b\n")
    git(repo, "commit", "-qam", "binary")
    # In the working tree: the text back, and a Latin-1 file in the other published version.
    (repo / FIRST / "en.yaml").write_text("title: a\n", encoding="utf-8")
    (repo / SECOND / "zh.yaml").write_bytes(b"title: caf\xe9\n")
    assert frozen(repo, "2025-06-01") == lines(
        f"{FIRST}/en.yaml: changed, but this version was published on 2023-12-29",
        restore_hint(f"{FIRST}/en.yaml"),
        f"{SECOND}/zh.yaml: changed, but this version was published on 2025-02-28",
        restore_hint(f"{SECOND}/zh.yaml"),
        f"{SECOND}/zh.yaml:1:11: the file is not UTF-8 text (byte 0xE9 at offset 10)",
        UTF8_HINT,
        f"main:{FIRST}/en.yaml:2:1: the file is binary, not UTF-8 text (NUL byte at offset 9)",
        f"    hint: this is the copy at main: see it with `git show main:{FIRST}/en.yaml`",
        f"4 problems {SUMMARY}",
    )


def test_an_unchanged_undecodable_file_is_named_once_and_unpublished_ones_too(
    repo: Path,
) -> None:
    (repo / FIRST / "zh.yaml").write_bytes("标题：条款\n".encode("gb18030"))
    git(repo, "commit", "-qam", "gb18030")
    assert frozen(repo, "2025-02-27") == lines(
        f"{FIRST}/zh.yaml:1:1: the file is not UTF-8 text (byte 0xB1 at offset 0)",
        UTF8_HINT,
        f"1 problem {SUMMARY}",
    )
    # 2025-03-03 is not published on 2025-02-27: it may change, but it must stay text.
    (repo / SECOND / "en.yaml").write_bytes(b"title: \xff\xfe\n")
    assert frozen(repo, "2025-02-27").endswith(
        lines(
            f"{SECOND}/en.yaml:1:8: the file is not UTF-8 text (byte 0xFF at offset 7)",
            UTF8_HINT,
            f"2 problems {SUMMARY}",
        )
    )


def test_line_endings_are_bytes_unless_git_converts_them(repo: Path) -> None:
    english = repo / FIRST / "en.yaml"
    english.write_bytes(english.read_bytes().replace(b"\n", b"\r\n"))
    assert frozen(repo, "2025-06-01").startswith(f"{FIRST}/en.yaml: changed")
    # With core.autocrlf (Windows), git stores the same bytes: nothing changed.
    git(repo, "config", "core.autocrlf", "true")
    assert frozen(repo, "2025-06-01") == "ok: 2"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and pipes")
def test_links_and_pipes_are_compared_never_followed_or_opened(repo: Path) -> None:
    english = repo / FIRST / "en.yaml"
    english.unlink()
    english.symlink_to("../2025-03-03/en.yaml")
    os.mkfifo(repo / SECOND / "pipe")  # opening it would block forever
    assert frozen(repo, "2025-06-01") == lines(
        f"{FIRST}/en.yaml: changed, but this version was published on 2023-12-29",
        restore_hint(f"{FIRST}/en.yaml"),
        f"{SECOND}/pipe: added to a version published on 2025-02-28",
        added_hint(f"{SECOND}/pipe"),
        f"2 problems {SUMMARY}",
    )
    # A published version folder replaced by a link: its files are gone.
    shutil.rmtree(repo / SECOND)
    (repo / SECOND).symlink_to("2024-01-01")
    assert frozen(repo, "2025-06-01").endswith(
        lines(
            f"{SECOND}/en.yaml: deleted, but this version was published on 2025-02-28",
            restore_hint(f"{SECOND}/en.yaml"),
            f"{SECOND}/meta.yaml: deleted, but this version was published on 2025-02-28",
            restore_hint(f"{SECOND}/meta.yaml"),
            f"{SECOND}/zh.yaml: deleted, but this version was published on 2025-02-28",
            restore_hint(f"{SECOND}/zh.yaml"),
            f"4 problems {SUMMARY}",
        )
    )


@given(data=st.binary(max_size=40))
@settings(max_examples=examples(400))
def test_text_problem_locates_the_first_bad_byte(data: bytes) -> None:
    found = text_problem(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\0" not in text:
        assert found is None
        return
    assert found is not None
    mark, message = found
    match = re.search(r"at offset (\d+)\)$", message)
    assert match
    offset = int(match[1])
    good = data[:offset].decode("utf-8")  # everything before it is text
    assert (mark.line, mark.col) == (good.count("\n") + 1, len(good.split("\n")[-1]) + 1)
    if text is None:
        assert message == f"is not UTF-8 text (byte 0x{data[offset]:02X} at offset {offset})"
    else:
        assert data[offset] == 0 and "\0" not in good


@pytest.fixture(scope="module")
def bytes_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("bytes") / "repo")


@given(old=st.binary(max_size=24), new=st.binary(max_size=24))
@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_bytes_at_either_side_give_located_problems(
    bytes_repo: Path, old: bytes, new: bytes
) -> None:
    root = bytes_repo
    english = root / FIRST / "en.yaml"
    english.write_bytes(old)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", "old")
    base = git(root, "rev-parse", "HEAD")
    english.write_bytes(new)
    try:
        check_frozen(root=root, base=base, today=date(2025, 6, 1))
        problems: list[str] = []
    except LegalsiteError as exc:
        problems = [f"{p.location()}: {p.message}" for p in exc.problems]
    path = f"{FIRST}/en.yaml"
    expected = []
    if old != new:
        expected.append(f"{path}: changed, but this version was published on 2023-12-29")
    for shown, data, side in ((path, new, True), (f"{base}:{path}", old, old != new)):
        found = text_problem(data)
        if found and side:
            mark, message = found
            expected.append(f"{shown}:{mark.line}:{mark.col}: the file {message}")
    assert sorted(problems) == sorted(expected)


# -- The base's calendar decides what was published ------------------------------------------

CALENDAR = "agreements/calendar.yaml"


def schedule(year: int, days_off: list[str], workdays: list[str]) -> str:
    return (
        f'years:\n  "{year}":\n    source: https://www.gov.cn/notice\n'
        f"    days_off: [{', '.join(days_off)}]\n    workdays: [{', '.join(workdays)}]\n"
    )


def keep_hint(year: int) -> str:
    return (
        f"    hint: a publication date never moves once it has come: keep the schedule of {year} "
        "as it is at main"
    )


def test_a_calendar_change_cannot_unpublish_a_version(repo: Path) -> None:
    """The attack: make a published version's date later than today, then edit its text."""
    # 2025-03-03 is published on Friday 2025-02-28; a make-up workday on Sunday 2025-03-02
    # would move its publication to after "today".
    (repo / CALENDAR).write_text(schedule(2025, [], ["2025-03-02"]), encoding="utf-8")
    english = repo / SECOND / "en.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("software", "cloud"))
    assert frozen(repo, "2025-02-28") == lines(
        f"{CALENDAR}:2:3: moves the publication date of {SECOND}, published on 2025-02-28, "
        "to 2025-03-02",
        keep_hint(2025),
        f"{SECOND}/en.yaml: changed, but this version was published on 2025-02-28",
        restore_hint(f"{SECOND}/en.yaml"),
        f"2 problems {SUMMARY}",
    )


def test_a_past_year_may_change_only_when_no_published_date_moves(repo: Path) -> None:
    (repo / CALENDAR).write_text(
        schedule(2023, ["2023-12-29"], []) + '  "2031":\n    source: https://www.gov.cn/n\n'
        "    days_off: []\n    workdays: []\n",
        encoding="utf-8",
    )
    assert frozen(repo, "2025-06-01") == lines(
        f"{CALENDAR}:2:3: moves the publication date of {FIRST}, published on 2023-12-29, "
        "to 2023-12-28",
        keep_hint(2023),
        f"1 problem {SUMMARY}",
    )
    # A day of 2022 and a future year move no published date.
    (repo / CALENDAR).write_text(schedule(2022, ["2022-06-06"], []), encoding="utf-8")
    assert frozen(repo, "2025-06-01") == "ok: 2"


def test_the_base_calendar_is_the_one_that_published(repo: Path) -> None:
    # At the base an override made 2023-12-29 a day off: 2024-01-01 was published 2023-12-28.
    (repo / CALENDAR).write_text(schedule(2023, ["2023-12-29"], []), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "calendar")
    assert frozen(repo, "2023-12-28") == "ok: 1"
    (repo / CALENDAR).unlink()
    assert frozen(repo, "2023-12-28") == lines(
        f"{CALENDAR}: moves the publication date of {FIRST}, published on 2023-12-28, "
        "to 2023-12-29",
        keep_hint(2023),
        f"1 problem {SUMMARY}",
    )


def test_a_calendar_change_cannot_backdate_a_version(repo: Path) -> None:
    # On 2025-02-27, 2025-03-03 is to be published tomorrow; two days off would make it
    # published yesterday.
    (repo / CALENDAR).write_text(schedule(2025, ["2025-02-27/2025-02-28"], []), encoding="utf-8")
    assert frozen(repo, "2025-02-27") == lines(
        f"{CALENDAR}:2:3: moves the publication date of {SECOND} from 2025-02-28 to "
        "2025-02-26, which is already past",
        "    hint: nothing is published in the past: keep the schedule of 2025 as it is at main, "
        "or, to import history, run legalsite check --allow-backdated (or check-frozen "
        "--allow-backdated)",
        f"1 problem {SUMMARY}",
    )
    assert frozen(repo, "2025-02-27", allow_backdated=True) == "ok: 1"


def test_a_broken_calendar_at_the_base_is_located_there(repo: Path) -> None:
    (repo / CALENDAR).write_text("years: [2030]\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "broken calendar")
    (repo / CALENDAR).unlink()
    assert frozen(repo, "2025-06-01") == lines(
        f"main:{CALENDAR}:1:8: 'years' must map each year to its schedule, found a list",
        '    hint: write each year on its own line, indented under `years:`, e.g. `  "2027":`',
        f"1 problem in main:{CALENDAR}",
    )


# -- Hostile --base values -------------------------------------------------------------------

LISTED_REFS = [
    "--output=x",
    "-h",
    "HEAD;rm -rf",
    "HEAD\nmain",
    "",
    "--end-of-options",
    "--",
    "-",
    "main\n",
    "--upload-pack=touch pwned",
    "--exec=touch pwned",
    "$(touch pwned)",
    "`touch pwned`",
    "-c core.pager=touch pwned",
    "main\x1b[2J",
    "x" * 300,
]


def hostile_refs() -> st.SearchStrategy[str]:
    option_like = st.builds(
        lambda dashes, rest: dashes + rest, st.sampled_from(["-", "--"]), st.text(max_size=20)
    )
    spliced = st.builds(
        lambda ref, odd, tail: ref + odd + tail,
        st.sampled_from(["main", "HEAD", "-h", ""]),
        invisible(),
        st.sampled_from(["", "main", "--output=x"]),
    )
    return st.one_of(
        st.sampled_from(LISTED_REFS), option_like, spliced, hostile_text(), st.text(max_size=30)
    )


@contextmanager
def spied_git(folder: Path) -> Iterator[Path]:
    """``git`` on PATH records its arguments (NUL-separated, one file per call)."""
    real = shutil.which("git")
    assert real
    log = folder / "calls"
    log.mkdir(exist_ok=True)
    spy = folder / "bin" / "git"
    spy.parent.mkdir(exist_ok=True)
    spy.write_text(
        '#!/bin/sh\nout=$(mktemp "$SPY_LOG/call.XXXXXX")\n'
        'for arg in "$@"; do printf \'%s\\0\' "$arg"; done > "$out"\n'
        'exec "$SPY_REAL" "$@"\n',
        encoding="utf-8",
    )
    spy.chmod(0o755)
    env = {
        "PATH": f"{spy.parent}{os.pathsep}{os.environ['PATH']}",
        "SPY_LOG": str(log),
        "SPY_REAL": real,
    }
    with mock.patch.dict(os.environ, env):
        yield log


def calls(log: Path) -> list[list[str]]:
    found = []
    for path in sorted(log.iterdir()):
        found.append(os.fsdecode(path.read_bytes()).split("\0")[:-1])
        path.unlink()
    return found


@pytest.fixture(scope="module")
def ref_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("refs") / "repo")


@given(ref=hostile_refs())
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_hostile_base_never_reaches_git_as_an_option(ref_repo: Path, ref: str) -> None:
    """The whole check-frozen runs under a git that records its arguments."""
    root = ref_repo
    before = sorted(p.name for p in root.iterdir())
    with spied_git(root.parent) as log:
        try:
            checked = check_frozen(root=root, base=ref, today=date(2025, 6, 1))
        except LegalsiteError as exc:
            message, hint = str(exc).split("\n")  # one line, then its hint
            assert message.isprintable() and hint.isprintable() and hint.startswith("hint: ")
        else:  # a ref git resolves, such as HEAD or main
            assert checked == 2 and gitref.resolve(root, ref).oid == git(root, "rev-parse", "HEAD")
        made = calls(log)
    assert sorted(p.name for p in root.iterdir()) == before  # no --output=x, no pwned
    for argv in made:
        # Git reads everything after its first end-of-options marker as operands.
        markers = [i for i, arg in enumerate(argv) if arg in {"--end-of-options", "--"}]
        options = argv[: markers[0] if markers else len(argv)]
        assert not ref or not {ref, f"{ref}^{{commit}}"} & set(options), argv


CLI_REFUSALS = [
    ("--output=x", "'--output=x' is not a commit of this git repository"),
    ("-h", "'-h' is not a commit of this git repository"),
    ("HEAD;rm -rf", "'HEAD;rm -rf' is not a commit of this git repository"),
    (
        "HEAD\nmain",
        "the base 'HEAD\\nmain' is not a git ref: it contains the character U+000A, which is "
        "not printable",
    ),
    ("", "the base ref is empty"),
]


@pytest.mark.parametrize(("ref", "message"), CLI_REFUSALS)
def test_hostile_bases_on_the_command_line(repo: Path, ref: str, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "legalsite", "check-frozen", f"--base={ref}"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    hint = (
        "name a commit this repository has, e.g. --base main (commit the site first); in CI "
        "fetch the base branch first (git fetch origin main)"
        if "is not a commit" in message
        else "name a branch, tag or commit, e.g. --base origin/main"
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"error: {message}\nhint: {hint}\n",
    )
    assert not (repo / "x").exists()


# -- Hostile folder names in the messages ----------------------------------------------------


def folder_names() -> st.SearchStrategy[str]:
    """A document folder name that tries to forge a log line or hide in the terminal (any name
    the file system takes: no NUL, no slash, no lone surrogate)."""
    return st.one_of(forged_line(), hostile_text()).filter(
        lambda name: (
            name not in {"", ".", ".."}
            and "/" not in name
            and "\0" not in name
            and not any(0xD800 <= ord(c) <= 0xDFFF for c in name)
        )
    )


@given(name=folder_names())
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_hostile_folder_name_stays_inside_its_problem(ref_repo: Path, name: str) -> None:
    """A version added under any folder name: one problem, one line and its hint, the name
    shown printable (validate refuses the name; check-frozen, run on its own, must not let it
    forge a line of the log)."""
    folder = ref_repo / "agreements" / name / "2020-01-06"
    shutil.copytree(ref_repo / FIRST, folder)
    try:
        shown = str(frozen(ref_repo, "2025-06-01"))
    finally:
        shutil.rmtree(ref_repo / "agreements" / name)
    path = printable(f"agreements/{name}/2020-01-06")
    assert shown == lines(
        f"{path}: new version whose publication date 2020-01-03 is already past (today is "
        "2025-06-01)",
        "    hint: choose a later effective date; to import a historical version, run "
        "legalsite check --allow-backdated (or check-frozen --allow-backdated)",
        f"1 problem {SUMMARY}",
    )


# -- When a calendar cannot tell -------------------------------------------------------------

NO_SCHEDULE_HINT = (
    "    hint: add the State Council's {year} schedule (国务院办公厅关于{year}年部分节假日安排的通知) "
    "to agreements/calendar.yaml; see CALENDAR.md"
)


def test_versions_no_calendar_can_date(repo: Path) -> None:
    shutil.copytree(repo / FIRST, repo / USA / "2031-01-06")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a far version")
    for added in ("0001-01-01", "2031-02-03"):
        shutil.copytree(repo / FIRST, repo / USA / added)
    assert frozen(repo, "2025-06-01", allow_backdated=True) == lines(
        f"{USA}/0001-01-01: no day comes before 0001-01-01, so no working day does either",
        "    hint: check the date: the calendar starts on 0001-01-01",
        f"{USA}/2031-01-06: no official PRC working-day schedule for 2031: cannot tell which "
        "working day comes before 2031-01-06",
        NO_SCHEDULE_HINT.format(year=2031),
        f"{USA}/2031-02-03: no official PRC working-day schedule for 2031: cannot tell which "
        "working day comes before 2031-02-03",
        NO_SCHEDULE_HINT.format(year=2031),
        f"3 problems {SUMMARY}",
    )
    # The pull request adds the schedule: where the base cannot tell, the working calendar
    # does (the base could not have built, so it published nothing there).
    shutil.rmtree(repo / USA / "0001-01-01")
    (repo / CALENDAR).write_text(schedule(2031, [], []), encoding="utf-8")
    assert frozen(repo, "2031-01-03") == "ok: 3"
    assert frozen(repo, "2031-01-02") == "ok: 2"


def test_a_calendar_change_that_no_longer_dates_a_published_version(repo: Path) -> None:
    (repo / CALENDAR).write_text(schedule(2027, [], []), encoding="utf-8")
    shutil.copytree(repo / FIRST, repo / USA / "2027-03-01")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "2027")
    (repo / CALENDAR).unlink()
    assert frozen(repo, "2027-06-01") == lines(
        f"{CALENDAR}: no longer tells the publication date of {USA}/2027-03-01, published on "
        "2027-02-26: no official PRC working-day schedule for 2027: cannot tell which working "
        "day comes before 2027-03-01",
        keep_hint(2027),
        f"1 problem {SUMMARY}",
    )


def test_a_calendar_that_is_no_file_at_the_base(repo: Path) -> None:
    (repo / CALENDAR).mkdir()
    (repo / CALENDAR / "x.yaml").write_text("years: {}\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a folder")
    shutil.rmtree(repo / CALENDAR)
    assert frozen(repo, "2025-06-01") == lines(
        f"main:{CALENDAR} is not a file", "hint: the calendar at main must be a YAML file"
    )
