"""new-version, publish-date and check-frozen through the real CLI, with real git."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from legalsite.commands import pr_check
from tests.conftest import SITES, assemble, run_cli


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The versions site as a git repository with one commit on main."""
    root = assemble(tmp_path / "repo", SITES / "versions" / "agreements")
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    return root


def test_publish_date_prints_one_line_per_date(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "publish-date", "2024-01-01", "2024-02-05", "2020-02-03")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "2023-12-29\n2024-02-04\n2020-01-23\n",
        "",
    )


def test_publish_date_refuses_a_year_without_schedule(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "publish-date", "2030-03-04")
    assert result.returncode == 1
    assert result.stderr == (
        "error: no official PRC working-day schedule for 2030: cannot tell which working day "
        "comes before 2030-03-04\n"
        "hint: add the State Council's 2030 schedule (国务院办公厅关于2030年部分节假日安排的通知) to "
        "agreements/calendar.yaml; see CALENDAR.md\n"
    )


SUMMARY = "summary:\n  zh: 一处修改。\n  en: One change.\nkind: editorial\n"


def test_new_version_copies_the_latest(repo: Path) -> None:
    result = run_cli(
        repo, "new-version", "user-service-agreement", "--effective", "2025-10-09",
        "--today", "2025-09-01",
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert (
        result.stdout
        == (
            "created agreements/user-service-agreement/2025-10-09/en.yaml\n"
            "created agreements/user-service-agreement/2025-10-09/zh.yaml\n"
            "created agreements/user-service-agreement/2025-10-09/meta.yaml\n"
            "publication date: 2025-09-30 (notice rule: 1 working day)\n"  # National Day holiday 10-01..10-08 in between
        )
    )
    new = repo / "agreements/user-service-agreement/2025-10-09"
    old = repo / "agreements/user-service-agreement/2025-03-03"
    assert (new / "zh.yaml").read_bytes() == (old / "zh.yaml").read_bytes()


@pytest.mark.parametrize(
    ("effective", "today", "message"),
    [
        (
            "2025-03-03",
            "2025-01-01",
            "error: the new version's effective date 2025-03-03 is not after the latest version "
            "of user-service-agreement (2025-03-03)\n"
            "hint: choose an effective date after the latest version's\n",
        ),
        (
            "2025-06-03",
            "2025-06-01",
            "error: a version effective 2025-06-03 had to be published on 2025-05-30, which is "
            "already past (today is 2025-06-01)\n"
            # The earliest date it could take effect: published on Tuesday 06-03 (the Dragon
            # Boat Festival holiday ends on Monday 06-02).
            "hint: choose an effective date on or after 2025-06-04 (the notice rule of "
            "user-service-agreement: 1 working day), or pass --backdate to import a historical "
            "version\n",
        ),
    ],
)
def test_new_version_refusals(repo: Path, effective: str, today: str, message: str) -> None:
    result = run_cli(
        repo, "new-version", "user-service-agreement", "--effective", effective, "--today", today
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message)


def test_new_version_published_today_says_it_must_be_merged_today(repo: Path) -> None:
    """Effective Monday 2025-10-13, published on the working day before (Saturday 10-11 is a
    make-up working day): created, and told that it must be on the site that very day."""
    result = run_cli(
        repo, "new-version", "user-service-agreement", "--effective", "2025-10-13",
        "--today", "2025-10-11",
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith(
        "publication date: 2025-10-11 (notice rule: 1 working day)\n"
        "note: that is today: merge and publish it today, or give it a later effective date "
        "(a version must be on the site on its publication date)\n"
    )


def test_new_version_backdate(repo: Path) -> None:
    result = run_cli(
        repo, "new-version", "user-service-agreement", "--effective", "2025-06-03",
        "--today", "2025-06-01", "--backdate",
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.endswith(
        "publication date: 2025-05-30 (notice rule: 1 working day)\n"
    )


def test_new_version_unknown_document(repo: Path) -> None:
    result = run_cli(repo, "new-version", "nda", "--effective", "2026-01-05")
    assert result.stderr == (
        "error: no document 'nda' under agreements/\nhint: known documents: user-service-agreement\n"
    )


def test_check_frozen_passes_on_an_untouched_tree(repo: Path) -> None:
    result = run_cli(repo, "check-frozen", "--base", "main", "--today", "2025-03-03")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "ok: 2 published version(s) unchanged since main\n",
        "",
    )


def test_check_frozen_names_every_file_and_reason(repo: Path) -> None:
    usa = repo / "agreements/user-service-agreement"
    (usa / "2024-01-01/en.yaml").write_text("title: changed\n", encoding="utf-8")
    (usa / "2025-03-03/zh.yaml").unlink()
    shutil.copytree(usa / "2024-01-01", usa / "2025-06-03")
    result = run_cli(repo, "check-frozen", "--base", "main", "--today", "2025-06-01")
    assert result.returncode == 1
    assert result.stderr == (
        "error: agreements/user-service-agreement/2024-01-01/en.yaml: changed, but this version "
        "was published on 2023-12-29\n"
        "    hint: published text never changes: restore it with `git checkout main -- "
        "agreements/user-service-agreement/2024-01-01/en.yaml` and make the change in a new "
        "version (legalsite new-version)\n"
        "agreements/user-service-agreement/2025-03-03/zh.yaml: deleted, but this version was "
        "published on 2025-02-28\n"
        "    hint: published text never changes: restore it with `git checkout main -- "
        "agreements/user-service-agreement/2025-03-03/zh.yaml` and make the change in a new "
        "version (legalsite new-version)\n"
        "agreements/user-service-agreement/2025-06-03: new version whose publication date "
        "2025-05-30 is already past (today is 2025-06-01)\n"
        "    hint: choose a later effective date; to import a historical version, run "
        "legalsite check --allow-backdated (or check-frozen --allow-backdated)\n"
        "3 problems against main: published versions are frozen\n"
    )


def test_check_frozen_allows_backdated_imports_and_unpublished_edits(repo: Path) -> None:
    usa = repo / "agreements/user-service-agreement"
    shutil.copytree(usa / "2024-01-01", usa / "2025-06-03")
    # 2025-03-03 is not yet published on 2025-02-27: editors may still change it.
    (usa / "2025-03-03/en.yaml").write_text(
        (usa / "2025-03-03/en.yaml").read_text(encoding="utf-8").replace("software", "cloud"),
        encoding="utf-8",
    )
    result = run_cli(
        repo, "check-frozen", "--base", "main", "--today", "2025-02-27", "--allow-backdated"
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "ok: 1 published version(s) unchanged since main\n"


def test_check_frozen_unknown_ref(repo: Path) -> None:
    result = run_cli(repo, "check-frozen", "--base", "nope")
    assert result.returncode == 1
    assert result.stderr == (
        "error: 'nope' is not a commit of this git repository\n"
        "hint: name a commit this repository has, e.g. --base main (commit the site first); in "
        "CI fetch the base branch first (git fetch origin main)\n"
    )


@pytest.mark.parametrize("allowed", [False, True])
def test_check_passes_allow_backdated_to_check_frozen(
    repo: Path, monkeypatch: pytest.MonkeyPatch, allowed: bool
) -> None:
    """A version already in force (imported history) fails check's check-frozen step, with a
    hint naming `legalsite check --allow-backdated`; with that option the step passes (the
    build, a step of its own, is stopped here: this test is about the option)."""
    usa = repo / "agreements/user-service-agreement"
    shutil.copytree(usa / "2025-03-03", usa / "2025-06-03")
    en = usa / "2025-06-03/en.yaml"
    en.write_text(en.read_text(encoding="utf-8").replace("software", "cloud"), encoding="utf-8")
    with (usa / "2025-06-03/meta.yaml").open("a", encoding="utf-8") as meta:
        meta.write("translation-unchanged: [definitions-1-1]\n")
    monkeypatch.delenv(pr_check.SUMMARY_ENV, raising=False)
    real = pr_check.run_step
    ran: list[str] = []

    def step(
        number: int, name: str, command: list[str], root: Path, call: pr_check.Call
    ) -> tuple[int, str]:
        ran.append(pr_check.shown(command))
        return (1, "stopped") if name == "build" else real(number, name, command, root, call)

    monkeypatch.setattr(pr_check, "run_step", step)
    flag = ["--allow-backdated"] if allowed else []
    result = run_cli(repo, "check", "--base", "main", "--today", "2025-06-01", *flag)
    assert result.returncode == 1
    frozen = "legalsite check-frozen --base=main --today 2025-06-01" + (
        " --allow-backdated" if allowed else ""
    )
    assert ran[:2] == ["legalsite validate", frozen]
    lines = result.stdout.splitlines()
    if allowed:
        assert ran[2].startswith("legalsite build ")
        assert "legalsite check: step 3/4 (build) failed with exit code 1" in lines
    else:
        assert len(ran) == 2
        assert lines[-5:] == [
            "error: agreements/user-service-agreement/2025-06-03: new version whose publication "
            "date 2025-05-30 is already past (today is 2025-06-01)",
            "    hint: choose a later effective date; to import a historical version, run "
            "legalsite check --allow-backdated (or check-frozen --allow-backdated)",
            "1 problem against main: published versions are frozen",
            "",
            "legalsite check: step 2/4 (check-frozen) failed with exit code 1",
        ]


NOT_A_REPOSITORY = (
    "this folder is not a git repository, so it has no base {ref} to compare with\n"
    "hint: run `git init -b main`, commit the site (git add -A, git commit), then "
    "`legalsite check --base main`"
)


@pytest.mark.parametrize("base", ["origin/main", "main", "HEAD"])
def test_check_frozen_outside_a_git_repository_says_so(tmp_path: Path, base: str) -> None:
    root = assemble(tmp_path / "site", SITES / "versions" / "agreements")
    result = run_cli(root, "check-frozen", "--base", base)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {NOT_A_REPOSITORY.format(ref=repr(base))}\n"


def test_check_outside_a_git_repository_says_so_before_any_step(tmp_path: Path) -> None:
    root = assemble(tmp_path / "site", SITES / "versions" / "agreements")
    result = run_cli(root, "check")
    assert (result.returncode, result.stderr) == (1, "")
    message = NOT_A_REPOSITORY.format(ref="'origin/main'")
    assert result.stdout == f"legalsite check: error: {message}\n"


# -- validate: every version's publication date must be computable --------------------------


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        ("2030-03-04", "no official PRC working-day schedule for 2030: cannot tell which working "
         "day comes before 2030-03-04\n    hint: add the State Council's 2030 schedule "
         "(国务院办公厅关于2030年部分节假日安排的通知) to agreements/calendar.yaml; see CALENDAR.md"),
        ("9999-12-31", "no official PRC working-day schedule for 9999: cannot tell which working "
         "day comes before 9999-12-31\n    hint: add the State Council's 9999 schedule "
         "(国务院办公厅关于9999年部分节假日安排的通知) to agreements/calendar.yaml; see CALENDAR.md"),
        ("1900-01-01", "no official PRC working-day schedule for 1899: cannot tell which working "
         "day comes before 1900-01-01\n    hint: add the State Council's 1899 schedule "
         "(国务院办公厅关于1899年部分节假日安排的通知) to agreements/calendar.yaml; see CALENDAR.md"),
        ("0001-01-01", "no day comes before 0001-01-01, so no working day does either\n"
         "    hint: check the date: the calendar starts on 0001-01-01"),
    ],
)  # fmt: skip
def test_validate_names_a_version_the_calendar_does_not_cover(
    repo: Path, folder: str, message: str
) -> None:
    usa = repo / "agreements/user-service-agreement"
    # A copy of a version that differs from its new neighbour (validate refuses a repeat).
    shutil.copytree(usa / ("2024-01-01" if folder > "2025" else "2025-03-03"), usa / folder)
    (usa / folder / "meta.yaml").unlink(missing_ok=True)
    for version in usa.iterdir():  # whichever is first needs none; the others need one
        if not (version / "meta.yaml").exists():
            (version / "meta.yaml").write_text(SUMMARY, encoding="utf-8")
    result = run_cli(repo, "validate")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: agreements/user-service-agreement/{folder}: {message}\n1 problem in agreements/\n"
    )


def test_a_calendar_override_makes_a_year_valid(repo: Path) -> None:
    usa = repo / "agreements/user-service-agreement"
    shutil.copytree(usa / "2024-01-01", usa / "2030-03-04")
    (usa / "2030-03-04" / "meta.yaml").write_text(SUMMARY, encoding="utf-8")
    (repo / "agreements/calendar.yaml").write_text(
        'years:\n  "2030":\n    source: https://www.gov.cn/x\n    days_off: []\n    workdays: []\n',
        encoding="utf-8",
    )
    assert run_cli(repo, "validate").returncode == 0


def test_a_step_runs_in_this_process_and_a_crash_is_its_failure(tmp_path: Path) -> None:
    """check's steps are the command line called in this process, in the project folder, with
    standard output and error echoed together and kept; what the command line does not catch
    ends the step as its process would have (a traceback, exit code 1), and argparse's exit
    is its exit code."""
    seen: list[tuple[list[str], Path]] = []

    def crashes(argv: list[str]) -> int:
        seen.append((argv, Path.cwd()))
        print("on stdout")
        raise RuntimeError("a defect")

    out = pr_check._Tee(None)
    assert pr_check.call_in(tmp_path, crashes, ["validate"], out, out) == 1
    assert seen == [(["validate"], tmp_path)]
    assert out.text().startswith("on stdout\nTraceback (most recent call last):\n")
    assert out.text().endswith("RuntimeError: a defect\n")

    def exits(argv: list[str]) -> int:
        raise SystemExit(2)

    assert pr_check.call_in(tmp_path, exits, ["--bad"], out, out) == 2


def test_check_interrupted_says_so_and_exits_130(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(**options: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(pr_check, "run", interrupted)
    result = run_cli(repo, "check", "--base", "main", "--today", "2025-06-01")
    assert (result.returncode, result.stdout, result.stderr) == (
        130,
        "",
        "legalsite check: interrupted\n",
    )


def test_a_step_stopped_by_ctrl_c_stops_the_check_without_a_failure_summary(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The command line ends a command stopped by Ctrl+C with 130 (build says what it left);
    check then stops at once, exit 130, and writes no summary blaming the step."""
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    monkeypatch.setenv(pr_check.SUMMARY_ENV, str(summary))

    def interrupted(argv: list[str]) -> int:
        if argv == ["validate"]:
            raise KeyboardInterrupt
        return 0

    with pytest.raises(KeyboardInterrupt):
        pr_check.run(root=repo, base="main", today=date(2025, 6, 1), call=interrupted)
    assert summary.read_text(encoding="utf-8") == ""
    with pytest.raises(KeyboardInterrupt):
        pr_check.capture(repo, ["diff"], lambda argv: pr_check.INTERRUPTED)


def test_a_step_writing_what_the_terminal_cannot_show_is_escaped_not_fatal() -> None:
    """Standard output in ASCII or cp1252 (a log file on an English Windows): a step's Chinese
    is shown escaped, as Python shows it on standard error, and kept whole for the summary."""
    raw = io.BytesIO()
    echo = io.TextIOWrapper(raw, encoding="ascii")
    tee = pr_check._Tee(echo)
    tee.write("error: 中文 ok\n")
    assert raw.getvalue() == b"error: \\u4e2d\\u6587 ok\n"
    assert tee.text() == "error: 中文 ok\n"
