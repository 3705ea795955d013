"""``legalsite check``: what the pull-request workflow checks, runnable on your own machine:

    legalsite check [--base REF] [--today YYYY-MM-DD] [--site-dir DIR]

(``python3 scripts/dev.py check`` in this repository.) Run it in the project folder (the one
with ``mkdocs.yml``). The steps run in order and stop at the first that fails, naming it:

1. ``legalsite validate``: every YAML file under ``agreements/`` is well formed;
2. ``legalsite check-frozen --base REF``: no published version changed since ``REF``;
3. ``legalsite build``: the whole site builds (MkDocs strict) into ``site/`` (or ``DIR``), for
   the day the last new or changed version takes effect when that is after today, so that the
   build covers the new text and the preview shows it; otherwise for today;
4. the redline: for every version added or changed since ``REF``, ``legalsite diff`` against
   the version before it, in Chinese and English, as Markdown.

Which versions were added, changed or deleted since ``REF`` is the package's answer
(:func:`legalsite.sources.changed_versions.changes_since`), the one check-frozen uses: this script
only
orchestrates the steps and writes the summary.

The redline (or the failing step's output) goes to the file named by ``$GITHUB_STEP_SUMMARY``
when that is set, as on GitHub Actions, and to standard output otherwise. Each step is the
real command line, exactly what an editor runs (``legalsite validate`` …), called in this
process (:data:`Call`, the CLI's ``main``, in the project folder): a process of its own per
step cost its interpreter and imports again, about 0.7 s each, seven times per check.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from legalsite.commands.actions import document_rule
from legalsite.model.document import LANG_NAMES
from legalsite.model.errors import LegalsiteError
from legalsite.model.escape import gfm_code, gfm_fence, gfm_text, terminal
from legalsite.sources import gitref
from legalsite.sources.calendar import CalendarError, load_calendar
from legalsite.sources.changed_versions import VersionChange, changes_since
from legalsite.sources.meta import META_FILE, read_meta

AGREEMENTS = "agreements"
DEFAULT_BASE = "origin/main"
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
LANGUAGES = ("zh", "en")
STEPS = 4


# -- Running commands --------------------------------------------------------------------------


Call = Callable[[list[str]], int]
"""The command line, run in this process: ``legalsite.cli.main`` (given by the CLI, above
this layer), called with a command's arguments; its exit code."""


def shown(command: Sequence[str]) -> str:
    """How a command reads in the log: as an editor would type it."""
    return shlex.join(["legalsite", *command])


class _Tee(io.TextIOBase):
    """What a step writes (standard output and error together, as a terminal shows them):
    kept, and passed on to ``echo`` as it comes."""

    def __init__(self, echo: TextIO | None) -> None:
        self.echo = echo
        self.parts: list[str] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.parts.append(text)
        if self.echo is not None:
            try:
                self.echo.write(text)
            except UnicodeEncodeError:
                # A terminal or file that cannot show it (ASCII, cp1252): escaped, as Python
                # writes to standard error, rather than stopping the check.
                encoding = self.echo.encoding or "utf-8"
                self.echo.write(text.encode(encoding, "backslashreplace").decode(encoding))
            self.echo.flush()
        return len(text)

    def text(self) -> str:
        return "".join(self.parts)


def call_in(root: Path, call: Call, command: Sequence[str], out: _Tee, err: _Tee) -> int:
    """``legalsite COMMAND`` in ``root``, its output into ``out`` and ``err``; its exit code as
    its process would end: argparse's exit, and a traceback with 1 for what the command line
    does not catch."""
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return call(list(command))
        except SystemExit as exc:
            if isinstance(exc.code, int) or exc.code is None:
                return exc.code or 0
            print(exc.code, file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return INTERRUPTED
        except Exception:
            traceback.print_exc()
            return 1


INTERRUPTED = 130
"""The exit code of a command stopped by Ctrl+C (SIGINT), as a shell reports it."""


def run_step(number: int, name: str, command: list[str], root: Path, call: Call) -> tuple[int, str]:
    """Run one step, echoing its output as it comes; return its exit code and output. A step
    stopped by Ctrl+C stops the check (KeyboardInterrupt): it did not fail."""
    print(f"\n== step {number}/{STEPS}: {name}: {shown(command)}", flush=True)
    both = _Tee(sys.stdout)
    code = call_in(root, call, command, both, both)
    if code == INTERRUPTED:
        raise KeyboardInterrupt
    return code, both.text()


def capture(root: Path, command: list[str], call: Call) -> str:
    """The standard output of a command that must succeed."""
    out, err = _Tee(None), _Tee(None)
    code = call_in(root, call, command, out, err)
    if code == INTERRUPTED:
        raise KeyboardInterrupt
    if code:
        raise RuntimeError(f"{shown(command)} failed:\n{(err.text() or out.text()).strip()}")
    return out.text()


# -- Which versions changed --------------------------------------------------------------------


def changed_versions(root: Path, base: str) -> tuple[list[VersionChange], list[VersionChange]]:
    """The versions added or changed since ``base`` (in the working tree), and the ones
    deleted since: :func:`legalsite.sources.changed_versions.changes_since`, the same answer
    check-frozen uses."""
    changes = changes_since(gitref.resolve(root, base))
    present = [c for c in changes.versions if c.status != "deleted"]
    return present, [c for c in changes.versions if c.status == "deleted"]


def preview_date(today: date, changed: Sequence[VersionChange]) -> date:
    """The build date: the day the last new or changed version takes effect, if after today."""
    return max([today, *(item.folder.effective for item in changed)])


def late_versions(
    root: Path, changed: Sequence[VersionChange], today: date
) -> list[tuple[VersionChange, date]]:
    """The new or changed versions whose publication date is today or has passed, each with
    that date: once merged, the site must serve them that very day, and the publish build
    (``build --previous``) refuses a version it first serves after its publication date."""
    try:
        calendar = load_calendar(root)
    except LegalsiteError:
        return []  # validate (step 1) has said what is wrong with the calendar
    late = []
    for item in changed:
        try:
            rule = document_rule(root, item.document)
            published = calendar.publish_date(item.folder.effective, rule)
        except (CalendarError, LegalsiteError):
            continue
        if published <= today:
            late.append((item, published))
    return late


def late_warning(item: VersionChange, published: date, today: date, *, markdown: bool) -> str:
    """One line about a late version, for the terminal or (``markdown``) the job summary."""
    name = f"{item.document}/{item.version}"
    when = "is today" if published == today else f"has passed (today is {today.isoformat()})"
    shown = gfm_code(name) if markdown else terminal(name)
    return (
        f"warning: {shown}: its publication date {published.isoformat()} {when}: merged "
        "later than that day, it is refused by the publish build (a version must be on the "
        "site on its publication date); merge and publish today, or give it a later "
        "effective date"
    )


# -- The summary ---------------------------------------------------------------------------------


def redline_summary(
    root: Path,
    base: str,
    changed: Sequence[VersionChange],
    removed: Sequence[VersionChange],
    built_for: date,
    warnings: Sequence[str] = (),
    *,
    call: Call,
) -> str:
    # Folder names and refs are the editors' strings too: each goes into a code span that no
    # character of it can end (legalsite.model.escape.gfm_code).
    out = [f"# Redline against {gfm_code(base)}\n"]
    out.extend(f"\n> **{line}**\n" for line in warnings)
    if not changed and not removed:
        out.append(
            f"\nNo version under {gfm_code(AGREEMENTS + '/')} is new or changed since "
            f"{gfm_code(base)}.\n"
        )
    for item in changed:
        published = capture(
            root, ["publish-date", "--document", item.document, item.version], call
        ).strip()
        kind = "new version" if item.status == "added" else "changed version"
        name = gfm_code(f"{item.document}/{item.version}")
        rule = document_rule(root, item.document)
        out.append(f"\n## {name}: {kind}, published on {published} (notice rule: {rule})\n")
        if item.previous is None:
            out.append(
                f"\nThe first version of {gfm_code(item.document)}: there is no earlier version "
                "to compare it with, so no redline.\n"
            )
            continue
        out.append(editors_summary(root, item))
        out.append(f"\nCompared with the version before it, {gfm_code(item.previous)}.\n")
        for lang in LANGUAGES:
            args = ["diff", item.document, item.previous, item.version, "--lang", lang]
            text = capture(root, [*args, "--format", "markdown"], call)
            out.append("\n" + text.rstrip("\n") + "\n")
    for gone in removed:
        name = gfm_code(f"{gone.document}/{gone.version}")
        out.append(f"\n## {name}: removed\n\nThe folder is gone, so there is no redline.\n")
    out.append(
        f"\n---\n\nThe site was built for {built_for.isoformat()}: it shows every version "
        "published by that day.\n"
    )
    return "".join(out)


def editors_summary(root: Path, item: VersionChange) -> str:
    """The version's ``meta.yaml`` summary as the reviewers read it (validate, step 1, has
    refused a version after the first without one): each text a Markdown line in which no
    character can form structure (:func:`legalsite.model.escape.gfm_text`)."""
    meta, _ = read_meta(root / item.folder.path / META_FILE, f"{item.folder.path}/{META_FILE}")
    if meta.summary is None:
        return ""
    kind = f" ({gfm_text(meta.summary.kind)})" if meta.summary.kind else ""
    lines = "".join(
        f"- {LANG_NAMES[lang]}: {gfm_text(text)}\n" for lang, text in meta.summary.texts.items()
    )
    return f"\nThe editors' summary{kind}:\n\n{lines}"


def failure_summary(number: int, name: str, command: str, output: str) -> str:
    # The output quotes the editors' text: a fence longer than any backtick run in it holds it.
    return (
        f"# {gfm_code(command)} failed\n\n"
        f"The check stopped at step {number} of {STEPS} ({name}); the steps after it did not "
        f"run. Its output:\n\n{gfm_fence(output.rstrip())}\n\n"
        "CONTRIBUTING.md explains each message and how to fix it.\n"
    )


def write_summary(text: str) -> bool:
    """Append ``text`` to the file ``$GITHUB_STEP_SUMMARY`` names, else print it; False (and
    a line saying why) when that file cannot be written, e.g. a variable left from elsewhere."""
    path = os.environ.get(SUMMARY_ENV)
    if not path:
        print("\n" + text, end="", flush=True)
        return True
    if not _append_summary(path, text):
        return False
    print(f"\n(summary written to ${SUMMARY_ENV})", flush=True)
    return True


def summary_writable() -> bool:
    """Whether ``$GITHUB_STEP_SUMMARY``, when set, can be written (appending nothing): checked
    before any step, so that a variable left from elsewhere stops the check at once, not after
    a whole build; said as :func:`write_summary` says it."""
    path = os.environ.get(SUMMARY_ENV)
    return not path or _append_summary(path, "")


def _append_summary(path: str, text: str) -> bool:
    try:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        reason = terminal(f"{path}: {exc.strerror or exc}")
        print(f"\nlegalsite check: cannot write the summary to ${SUMMARY_ENV} ({reason})")
        return False
    return True


# -- Main ------------------------------------------------------------------------------------------


def run(
    *,
    root: Path,
    base: str,
    today: date,
    site_dir: str | None = None,
    allow_backdated: bool = False,
    call: Call,
) -> int:
    """Run the four steps in ``root``, stopping at the first that fails; the exit code.
    ``today`` is the date the build takes for today
    (:func:`legalsite.plugin.config.site_today`); ``allow_backdated`` is passed to
    check-frozen (new versions already in force, e.g. imported history); ``call`` runs each
    step's command line."""
    site = ["--site-dir", site_dir] if site_dir else []

    def step(number: int, name: str, command: list[str]) -> bool:
        code, output = run_step(number, name, command, root, call)
        if code:
            print(f"\nlegalsite check: step {number}/{STEPS} ({name}) failed with exit code {code}")
            if os.environ.get(SUMMARY_ENV):
                write_summary(failure_summary(number, name, shown(command), output))
        return not code

    try:
        gitref.check_ref(base)
        gitref.check_work_tree(root, base)
    except LegalsiteError as exc:
        print(f"legalsite check: error: {terminal(str(exc), lines=True)}")
        return 1
    if not summary_writable():
        return 1
    if not step(1, "validate", ["validate"]):
        return 1
    # --base=REF: a ref that starts with "-" stays the option's value.
    backdated = ["--allow-backdated"] if allow_backdated else []
    frozen = ["check-frozen", f"--base={base}", "--today", today.isoformat(), *backdated]
    if not step(2, "check-frozen", frozen):
        return 1
    try:
        changed, removed = changed_versions(root, base)
    except LegalsiteError as exc:
        reason = terminal(str(exc), lines=True)
        print(f"\nlegalsite check: cannot list the changes against {base}: {reason}")
        return 1
    late = late_versions(root, changed, today)
    for item, published in late:
        print(f"\n{late_warning(item, published, today, markdown=False)}")
    warnings = [late_warning(item, published, today, markdown=True) for item, published in late]
    built_for = preview_date(today, changed)
    if built_for != today:
        print(f"\n(building for {built_for}, the day the last new or changed version takes effect)")
    if not step(3, "build", ["build", "--today", built_for.isoformat(), *site]):
        return 1
    print(f"\n== step 4/{STEPS}: redline: legalsite diff of each new or changed version")
    try:
        summary = redline_summary(root, base, changed, removed, built_for, warnings, call=call)
    except RuntimeError as exc:
        print(f"\nlegalsite check: step 4/{STEPS} (redline) failed: {exc}")
        return 1
    if not write_summary(summary):
        return 1
    print("\nlegalsite check: all steps passed", flush=True)
    return 0
