"""The command line: every command and option documented; errors printed cleanly."""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from legalsite.cli import main, make_parser
from legalsite.model.escape import is_hidden, terminal
from tests.conftest import ROOT, examples
from tests.hostile import forged_line, hostile_string


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert readme_section(command)


def readme_section(command: str) -> str:
    """The README's section of ``command`` (``check`` is not ``check-frozen``)."""
    found = re.search(rf"\n### `legalsite {re.escape(command)}[ `](.*?)(?=\n### |\Z)", README, re.S)
    return found.group(1) if found else ""


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
    assert option in readme_section(command)


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


# -- Dates: any year, any form, a clean error and never a traceback --------------------------


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    from tests.conftest import SITES, assemble

    return assemble(tmp_path / "project", SITES / "basic" / "agreements")


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    import contextlib

    with contextlib.chdir(root):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


NOT_A_BUILD_DATE = "is out of range: a build date is between 1970-01-01 and 2106-02-07\n"


@pytest.mark.parametrize(
    "day", ["0001-01-01", "1900-01-01", "1969-12-31", "2106-02-08", "9999-12-31"]
)
def test_build_dates_outside_the_archive_range(
    basic: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    code, _, err = run(basic, capsys, "build", "--today", day)
    assert code == 2
    assert err.endswith(f"legalsite build: error: argument --today: {day} {NOT_A_BUILD_DATE}")


@pytest.mark.parametrize(
    "value", ["20240101", "2024-W01-1", "2024-1-1", "0000-01-01", "１９９９-01-01", "2024-01-01\n"]
)
def test_dates_are_written_exactly(
    basic: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    for args in (
        ["build", "--today", value],
        ["publish-date", value],
        ["check-frozen", "--base", "x", "--today", value],
    ):
        code, _, err = run(basic, capsys, *args)
        assert code == 2
        assert err.endswith("is not a date: write YYYY-MM-DD\n")
        assert "\n" not in err.split("argument", 1)[1][:-1]  # the value is shown escaped


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("0001-01-01", "error: no day comes before 0001-01-01, so no working day does either\n"
         "hint: check the date: the calendar starts on 0001-01-01\n"),
        ("0001-01-02", "error: no official PRC working-day schedule for 1: cannot tell which "
         "working day comes before 0001-01-02\nhint: check the date: agreements/calendar.yaml "
         "holds the years 1000 to 9999 only\n"),
        ("1900-01-01", "error: no official PRC working-day schedule for 1899: cannot tell which "
         "working day comes before 1900-01-01\nhint: add the State Council's 1899 schedule "
         "(国务院办公厅关于1899年部分节假日安排的通知) to agreements/calendar.yaml; see CALENDAR.md\n"),
        ("9999-12-31", "error: no official PRC working-day schedule for 9999: cannot tell which "
         "working day comes before 9999-12-31\nhint: add the State Council's 9999 schedule "
         "(国务院办公厅关于9999年部分节假日安排的通知) to agreements/calendar.yaml; see CALENDAR.md\n"),
    ],
)  # fmt: skip
def test_publish_date_of_any_year(
    basic: Path, capsys: pytest.CaptureFixture[str], day: str, message: str
) -> None:
    assert run(basic, capsys, "publish-date", day) == (1, "", message)


@given(st.dates())
def test_publish_date_never_fails_uncleanly(day: date) -> None:
    import contextlib
    import io
    import tempfile

    out, err = io.StringIO(), io.StringIO()
    with (
        tempfile.TemporaryDirectory() as folder,
        contextlib.chdir(folder),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(["publish-date", day.isoformat()])
    assert (code, out.getvalue() == "") in ((0, False), (1, True))
    assert err.getvalue().startswith("error: ") if code else err.getvalue() == ""


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "9999-12-31"])
def test_new_version_and_check_frozen_with_any_year(
    basic: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    code, out, err = run(
        basic, capsys, "new-version", "privacy-policy", "--effective", day, "--today", day
    )
    assert code == 1 and out == "" and err.startswith("error: ")
    assert not (basic / "agreements/privacy-policy" / day).exists()
    code, out, err = run(basic, capsys, "check-frozen", "--base", "nope", "--today", day)
    # basic is no git repository: said so, whatever the year of --today.
    assert (code, out) == (1, "")
    assert err == (
        "error: this folder is not a git repository, so it has no base 'nope' to compare with\n"
        "hint: run `git init -b main`, commit the site (git add -A, git commit), then "
        "`legalsite check --base main`\n"
    )
    # A repository without its first commit: no ref names a commit yet, and the way on is
    # that commit (the base it names would be right once it exists).
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=basic, check=True)
    code, out, err = run(basic, capsys, "check-frozen", "--base", "main", "--today", day)
    assert (code, out) == (1, "")
    assert err == (
        "error: this git repository has no commit yet, so it has no base 'main' to compare with\n"
        'hint: commit the site first (git add -A && git commit -m "Our legal documents"), then '
        "`legalsite check --base main` on a branch\n"
    )
    # An orphan branch's HEAD names no commit, but the repository has some: a base it does
    # not have is named as such.
    subprocess.run(["git", "-c", "user.name=e", "-c", "user.email=e@example.com", "commit", "-q",
                    "--allow-empty", "-m", "first"], cwd=basic, check=True)  # fmt: skip
    subprocess.run(["git", "checkout", "-q", "--orphan", "fresh"], cwd=basic, check=True)
    code, out, err = run(basic, capsys, "check-frozen", "--base", "nosuch", "--today", day)
    assert (code, out) == (1, "")
    assert err.startswith("error: 'nosuch' is not a commit of this git repository\n")


def test_errors_show_control_characters_escaped(
    basic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (basic / "agreements/evil\x1b[31m\u202e").mkdir()
    code, _, err = run(basic, capsys, "validate")
    assert code == 1
    assert err == (
        "error: agreements/evil\\x1b[31m\\u202e: document folder name 'evil\\x1b[31m\\u202e' is "
        "not lower-case words joined by hyphens\n    hint: rename it, e.g. user-service-agreement\n"
        "1 problem in agreements/\n"
    )


# -- Parser errors quote the arguments: escaped, whatever they hold ----------------------------

ARGV_SHAPES = {
    "command": lambda value: [value],
    "unrecognized": lambda value: ["validate", value],
    "ambiguous": lambda value: ["--=" + value],
    "option value": lambda value: ["build", "--today", value],
    "choice": lambda value: ["diff", "doc", "a", "b", "--lang", value],
    "date list": lambda value: ["publish-date", "2024-03-01", value],
    "new-version": lambda value: ["new-version", "doc", "--effective", value, value],
}


@settings(max_examples=examples(150), deadline=None)
@given(st.sampled_from(sorted(ARGV_SHAPES)), st.one_of(forged_line(), hostile_string()))
def test_parser_errors_show_the_arguments_escaped(shape: str, value: str) -> None:
    import contextlib
    import io
    import tempfile

    argv = ARGV_SHAPES[shape](value.replace("\0", ""))  # an argv string holds no NUL
    out, err = io.StringIO(), io.StringIO()
    with (
        tempfile.TemporaryDirectory() as folder,
        contextlib.chdir(folder),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code: object
        try:
            code = main(argv)
        except SystemExit as exit:
            code = exit.code
    assert code in (0, 1, 2)
    for stream in (out.getvalue(), err.getvalue()):
        assert not [c for c in stream if is_hidden(c) and c != "\n"], stream
        forged = ("::", "error: forged", "ok: 2", "    hint: forged")
        assert not [line for line in stream.split("\n") if line.startswith(forged)], stream


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (
            ["validate", "\x1b]0;pwned\x07"],
            "legalsite [-h] [--version] [--debug] COMMAND ...",
            "legalsite: error: unrecognized arguments: \\x1b]0;pwned\\x07",
        ),
        (
            ["--=\x1b[31m\n::error::forged"],
            "legalsite [-h] [--version] [--debug] COMMAND ...",
            "legalsite: error: ambiguous option: --=\\x1b[31m\\n::error::forged could match "
            "--help, --version, --debug",
        ),
        (
            ["build", "--today", "\x1b[2J"],
            "legalsite build [-h] [--today YYYY-MM-DD] [--site-dir DIR]\n"
            "                       [--previous SITE]",
            "legalsite build: error: argument --today: '\\x1b[2J' is not a date: write YYYY-MM-DD",
        ),
    ],
)
def test_parser_error_messages(
    capsys: pytest.CaptureFixture[str], argv: list[str], usage: str, message: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert capsys.readouterr().err == f"usage: {usage}\n{message}\n"


# -- The build date: one rule (the plugin's), for --today and commands.build ------------------


def test_commands_build_refuses_a_date_outside_the_archive_range(basic: Path) -> None:
    from legalsite.commands import actions as commands
    from legalsite.model.errors import LegalsiteError

    for day in (date(1, 1, 1), date(1969, 12, 31), date(9999, 12, 31)):
        with pytest.raises(LegalsiteError) as info:
            commands.build(root=basic, today=day, site_dir=basic / "site", quiet=True)
        assert str(info.value) == (
            "mkdocs.yml: Config value 'plugins': Plugin 'legalsite' option 'today': "
            f"{day.isoformat()} {NOT_A_BUILD_DATE}".rstrip("\n")
        )
    assert not (basic / "site").exists()


# -- What a command prints quotes its arguments escaped too -------------------------------------


@settings(max_examples=examples(100))
@given(st.one_of(forged_line(), hostile_string()))
def test_the_site_folder_is_printed_escaped(folder: str) -> None:
    import contextlib
    import io
    import tempfile
    from unittest import mock

    from legalsite.commands import actions as commands
    from legalsite.commands.mkdocs_run import Built

    folder = folder.replace("\0", "") or "site"
    assume(folder != "--")  # refused: test_an_option_given_a_double_dash_is_refused
    out = io.StringIO()
    with (
        tempfile.TemporaryDirectory() as root,
        contextlib.chdir(root),
        mock.patch.object(commands, "find_root", lambda start: start),
        mock.patch.object(
            commands,
            "build",
            lambda **options: Built(options["site_dir"], options["today"]),
        ),
        contextlib.redirect_stdout(out),
    ):
        assert main(["build", "--today", "2024-06-01", f"--site-dir={folder}"]) == 0
    shown = out.getvalue()
    assert shown == f"built the site for 2024-06-01 into {terminal(str(Path(folder)))}\n"
    assert not [c for c in shown[:-1] if is_hidden(c)]


def _commands() -> dict[str, argparse.ArgumentParser]:
    """The CLI's subcommands by name."""
    from legalsite.cli import make_parser

    commands = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


def _options_with_a_value() -> list[tuple[str, str, str, bool]]:
    """Every (command, option, its names, names a path) of the CLI whose option takes a value."""
    from legalsite.cli import names_a_path

    return [
        (name, action.option_strings[-1], "/".join(action.option_strings), names_a_path(action))
        for name, sub in _commands().items()
        for action in sub._actions
        if action.option_strings and isinstance(action, argparse._StoreAction)
    ]


@pytest.mark.parametrize("command, option, names, is_path", _options_with_a_value())
def test_an_option_given_a_double_dash_is_refused(
    command: str, option: str, names: str, is_path: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python 3.11's argparse drops ``--`` from an option's values: ``--site-dir=--`` became an
    empty list (a folder named ``[]``) and ``--today=--`` meant today. Refused, for every option
    of every command, before anything runs."""
    positionals = [
        "x" if a.type in (None, Path) else "2024-01-01"
        for a in _commands()[command]._actions
        if not a.option_strings and a.nargs in (None, "+")
    ]
    required = [
        f"{a.option_strings[-1]}={'x' if a.type in (None, Path) else '2024-01-01'}"
        for a in _commands()[command]._actions
        if a.option_strings and a.required and option not in a.option_strings
    ]
    with pytest.raises(SystemExit) as info:
        main([command, *positionals, *required, f"{option}=--"])
    assert info.value.code == 2
    hint = "; for a file or folder named '--' write './--'" if is_path else ""
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"legalsite {command}: error: argument {names}: '--' is not a value "
        f"(it ends the options){hint}"
    )


def test_an_escape_with_a_literal_tab_is_reported_on_one_visible_line(
    basic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML reads a backslash followed by a tab as a tab: format named that escape with the
    tab itself in it."""
    path = basic / "agreements/privacy-policy/2024-03-01/en.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Privacy Policy", 'title: "Privacy\\\tPolicy"'))
    code, out, _ = run(basic, capsys, "format")
    assert (code, out) == (
        0,
        "agreements/privacy-policy/2024-03-01/en.yaml:2:16: replaced the escape \\\\t (U+0009) "
        "with a space\n1 character(s) fixed in 1 file(s); 4 file(s) checked\n",
    )


_NOT_IP_PORT = (
    "legalsite serve: error: argument --dev-addr: '{}' is not IP:PORT (an IP address or "
    "localhost, and a port from 1 to 65535, e.g. 127.0.0.1:8000)"
)


@pytest.mark.parametrize(
    "value",
    [
        "0.0.0.0:99999",
        "x",
        ":8000",
        "127.0.0.1:",
        "h:0",
        "h:٣٣",
        "host.example:8000",
        "localhost:0",
        "[::1]:65536",
        "127.0.0.1:+80",
    ],
)
def test_serve_refuses_an_address_that_is_not_ip_port(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        make_parser().parse_args(["serve", "--dev-addr", value])
    assert info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == _NOT_IP_PORT.format(terminal(value))


@settings(max_examples=examples(300), deadline=None)
@given(
    host=st.one_of(
        st.ip_addresses(v=4).map(str),
        st.ip_addresses(v=6).map(lambda ip: f"[{ip}]"),
        st.just("localhost"),
        st.from_regex(r"\A[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5}){0,2}\Z").filter(
            lambda h: h != "localhost"
        ),
    ),
    port=st.one_of(
        st.integers(min_value=-5, max_value=70000).map(str), st.sampled_from(["", "x", "８０"])
    ),
)
def test_serve_takes_exactly_the_addresses_mkdocs_serves(host: str, port: str) -> None:
    """What passes --dev-addr is what MkDocs' dev_addr accepts, with a port of 1-65535: a host
    name (host.example:8000) used to pass and then be blamed on mkdocs.yml."""
    value = f"{host}:{port}"
    named = not (host == "localhost" or host[0].isdigit() or host.startswith("["))
    good = not named and port.isascii() and port.isdigit() and 0 < int(port) < 65536
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        if good:
            assert make_parser().parse_args(["serve", f"--dev-addr={value}"]).dev_addr == value
            return
        with pytest.raises(SystemExit):
            make_parser().parse_args(["serve", f"--dev-addr={value}"])
    assert err.getvalue().splitlines()[-1] == _NOT_IP_PORT.format(terminal(value))


def test_what_the_system_refuses_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name longer than the file system allows: an error line, no traceback."""
    monkeypatch.chdir(tmp_path)
    name = "a" * 300
    assert main(["new-site", name]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"error: File name too long: {name}\n")
    assert list(tmp_path.iterdir()) == []
