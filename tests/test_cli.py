"""The command line: every command and option documented; errors printed cleanly."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from legalsite.cli import main, make_parser
from tests.conftest import ROOT


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert f"### `legalsite {command}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, option)
        for name, sub in sorted(subcommands().items())
        for action in sub._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ],
)
def test_every_option_is_documented(command: str, option: str) -> None:
    section = README.split(f"### `legalsite {command}", 1)[1].split("\n### ", 1)[0]
    assert option in section


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_and_option_has_help(command: str) -> None:
    sub = subcommands()[command]
    assert sub.description
    for action in sub._actions:
        assert action.help, f"{command} {action.option_strings or action.dest} has no help"


def test_python_m_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "legalsite", "--help"], capture_output=True, text=True, check=True
    )
    for command in subcommands():
        assert command in result.stdout


def test_bad_date_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["build", "--today", "2024-02-30"])
    assert info.value.code == 2
    assert capsys.readouterr().err.endswith(
        "legalsite build: error: argument --today: '2024-02-30' is not a date: write YYYY-MM-DD\n"
    )


def test_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    quiet = capsys.readouterr().err
    assert "Traceback" not in quiet and quiet.startswith("error: ")
    assert main(["--debug", "validate"]) == 1
    assert "Traceback (most recent call last)" in capsys.readouterr().err
