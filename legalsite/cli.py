"""The ``legalsite`` command line: a thin shell over :mod:`legalsite.commands.actions`.

It catches one error type, :class:`~legalsite.model.errors.LegalsiteError`, and prints
``error: ...`` with the fix; a traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from legalsite import __version__
from legalsite.commands import actions as commands
from legalsite.commands import mkdocs_run, new_site, pr_check
from legalsite.evidence import verify
from legalsite.model.document import parse_version_name
from legalsite.model.errors import LegalsiteError, raise_if_any
from legalsite.model.escape import terminal
from legalsite.model.notice import NoticeError, NoticeRule, parse_notice
from legalsite.plugin.config import parse_build_date, site_today

DESCRIPTION = """\
Build the bilingual (中文 / English) legal-document site from agreements/.
Run it in the project folder (the one with mkdocs.yml), as you would run mkdocs."""


PATH_METAVARS = frozenset({"DIR", "FILE", "SITE"})


def names_a_path(action: argparse.Action) -> bool:
    """Whether an option's value is a file or folder (its type, else its metavar says so)."""
    return action.type is Path or action.metavar in PATH_METAVARS


class Parser(argparse.ArgumentParser):
    """An argument parser whose error messages reach the terminal through
    :func:`legalsite.model.escape.terminal`: they quote the arguments as typed (``unrecognized
    arguments: ...``, ``ambiguous option: ...``, a bad date), and no escape sequence, bell or
    line break in an argument may reach the terminal or a CI log as itself."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {terminal(message)}\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """As argparse's, except that an option given ``--`` as its value (``--site-dir=--``)
        is refused: Python 3.11's argparse drops ``--`` from an option's values, so the option
        would silently become an empty list (``--today=--`` would mean "today"). Each
        subcommand's parser is one of these too, so the rule holds for every option."""
        parsed, extras = super().parse_known_args(args, namespace)
        for action in self._actions:
            single = action.nargs in (None, argparse.OPTIONAL)
            if single and action.option_strings and getattr(parsed, action.dest, None) == []:
                hint = (
                    "; for a file or folder named '--' write './--'" if names_a_path(action) else ""
                )
                self.error(
                    f"argument {'/'.join(action.option_strings)}: '--' is not a value "
                    f"(it ends the options){hint}"
                )
        return parsed, extras


def date_argument(value: str) -> date:
    """A date written exactly ``YYYY-MM-DD`` (any year 0001-9999)."""
    day = parse_version_name(value)
    if day is None:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date: write YYYY-MM-DD") from None
    return day


def _build_date(value: str) -> date:
    """A build date: the plugin's rule (a date the site's archives and sitemap can carry)."""
    try:
        return parse_build_date(date_argument(value))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _address(value: str) -> str:
    """``--dev-addr`` of serve: :func:`legalsite.commands.mkdocs_run.dev_address`."""
    try:
        return mkdocs_run.dev_address(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _timeout(value: str) -> float:
    """``--timeout`` of verify: :func:`legalsite.evidence.verify.timeout_seconds`."""
    try:
        return verify.timeout_seconds(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


TODAY_DEFAULT = (
    "(default: the plugin's today option, else today in its time zone, "
    "Asia/Shanghai unless mkdocs.yml says otherwise)"
)
"""How ``--today`` says what it defaults to (:func:`_site_today`)."""


def _add_today(
    parser: argparse.ArgumentParser,
    *,
    build: bool,
    help: str = f"today's date {TODAY_DEFAULT}",
) -> None:
    """The ``--today`` option of a command: a build date (the plugin's rule, for the commands
    that build) or any date, defaulting to :func:`_site_today` where the command runs."""
    parser.add_argument(
        "--today", type=_build_date if build else date_argument, metavar="YYYY-MM-DD", help=help
    )


def _add_notice(parser: argparse.ArgumentParser, what: str, default: str = "") -> None:
    """The ``--notice`` option of a command: a notice rule, in one of its accepted forms."""
    forms = "'1 working day', 'N working days' or 'N days'"
    parser.add_argument(
        "--notice",
        type=_notice_argument,
        metavar="RULE",
        help=f"{what}: {forms}" + (f" {default}" if default else ""),
    )


def _site_today(cwd: Path) -> date:
    """Today as the build takes it (:func:`legalsite.plugin.config.site_today`)."""
    return site_today(cwd / commands.CONFIG_FILE)


def _add_site_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """build, serve and new-site: the commands that run MkDocs or make a site."""
    _add_build(sub)
    _add_serve(sub)
    _add_new_site(sub)


def _add_build(sub: argparse._SubParsersAction[Parser]) -> None:
    build = sub.add_parser(
        "build",
        help="render the pages and build the site with MkDocs",
        description="Validate, then run the MkDocs build (strict) with the legalsite plugin for "
        "the build date. The new site is built beside the site folder and replaces it whole "
        "when complete; a folder that a build did not make, or one the project is made from, "
        "is refused.",
    )
    _add_today(build, build=True, help=f"the build date {TODAY_DEFAULT}")
    build.add_argument(
        "--site-dir",
        type=Path,
        metavar="DIR",
        help="where to write the site (default: site_dir of mkdocs.yml, site/)",
    )
    build.add_argument(
        "--previous",
        metavar="SITE",
        help="the last published site: a folder holding a copy of it, its https:// address, "
        "or site_url for mkdocs.yml's; its files are served again as they were (checked "
        "against its ledger.json), only new ones are rendered, and a version published late, "
        "changed or gone is refused. Without it the ledger begins with this build (a site's "
        "first publication)",
    )


def _add_serve(sub: argparse._SubParsersAction[Parser]) -> None:
    serve = sub.add_parser(
        "serve",
        help="preview the site on this machine, rebuilt when an agreement changes",
        description="Validate, then run `mkdocs serve` with the legalsite plugin for the build "
        "date: the site at http://127.0.0.1:8000/, rebuilt whenever a file under agreements/ "
        "changes. Ctrl+C stops it.",
    )
    _add_today(
        serve,
        build=True,
        help="the preview's build date, e.g. a new version's effective date to see it",
    )
    serve.add_argument(
        "--dev-addr",
        type=_address,
        metavar="IP:PORT",
        help="where to serve (default: mkdocs.yml's dev_addr, 127.0.0.1:8000)",
    )


def _add_new_site(sub: argparse._SubParsersAction[Parser]) -> None:
    site = sub.add_parser(
        "new-site",
        help="create a new site: mkdocs.yml, an example document, workflows, editors' guide",
        description="Create a working legalsite site in DIR (a new or empty folder): mkdocs.yml "
        "using the legalsite plugin, one example document in both languages, the GitHub "
        "workflows (checks and daily publishing), CONTRIBUTING.md, CALENDAR.md, README.md, "
        ".gitignore and requirements.txt, ready to validate and build as it is. Never writes "
        "into a folder with files.",
    )
    site.add_argument("dir", type=Path, metavar="DIR", help="the folder to create the site in")
    site.add_argument(
        "--requirement",
        metavar="SPEC",
        default=new_site.DEFAULT_REQUIREMENT,
        help="the line requirements.txt installs legalsite with, e.g. 'legalsite @ "
        "git+https://github.com/ORG/legalsite@v0.2.0' while no release is on your package "
        f"index (default: {new_site.DEFAULT_REQUIREMENT}, any later release of this major)",
    )


def make_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="legalsite", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"legalsite {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a traceback when something goes wrong"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _add_file_commands(sub)
    _add_site_commands(sub)
    _add_version_commands(sub)
    _add_review_commands(sub)
    return parser


def _add_file_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """validate and format: the commands that read (and fix) the agreement files."""
    sub.add_parser(
        "validate",
        help="check every agreement and calendar file; report all problems at once",
        description="Check every YAML file under agreements/ and report every problem as "
        "path:line:col: message, with a hint how to fix it. Exits 1 when there is any. "
        "Never changes a file.",
    )

    fix = sub.add_parser(
        "format",
        help="rewrite odd spaces and invisible characters in agreement files; report each",
        description="Rewrite, in the YAML files under agreements/ (all of them, or each FILE), "
        "only the characters validate refuses that need no decision: every space-like "
        "character becomes an ordinary space, every invisible one (zero-width, bidi control, "
        "control character...) is removed, also where written as a YAML escape. Reports each "
        "change as path:line:col; keeps comments and layout; writes each file atomically. "
        "Refuses files outside agreements/. Running it twice changes nothing more.",
    )
    fix.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="YAML files under agreements/ (default: every one)",
    )


def _add_version_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """new-version, publish-date and check-frozen: a version's dates and its freezing."""
    new = sub.add_parser(
        "new-version",
        help="start a new version of a document from its latest one",
        description="Copy the latest version of DOCUMENT into agreements/DOCUMENT/<effective>/, "
        "print the files made and the publication date under the document's notice rule "
        "(default: the last PRC working day before the effective date). Refuses an effective "
        "date not after the latest version's, and one whose publication date is already past.",
    )
    new.add_argument("document", metavar="DOCUMENT", help="the document id (its folder name)")
    new.add_argument(
        "--effective",
        type=date_argument,
        required=True,
        metavar="YYYY-MM-DD",
        help="the date the new version takes effect (the new folder's name)",
    )
    _add_today(new, build=False)
    new.add_argument(
        "--backdate",
        action="store_true",
        help="allow a publication date in the past (for importing historical versions)",
    )

    _add_import(sub)
    document = sub.add_parser(
        "new-document",
        help="add a document: its document.yaml and a first version in both languages",
        description="Create agreements/ID/ with document.yaml (its notice rule) and a first "
        "version in zh and en whose placeholder text you replace; print the files made and "
        "the publication date. Never overwrites: refuses a folder that exists.",
    )
    document.add_argument(
        "document", metavar="ID", help="the new document's id, e.g. privacy-policy"
    )
    document.add_argument(
        "--effective",
        type=date_argument,
        metavar="YYYY-MM-DD",
        help="the date the first version takes effect (default: the earliest the rule allows)",
    )
    _add_notice(document, "its notice rule", "(default: the site's)")
    _add_today(document, build=False)
    document.add_argument(
        "--backdate",
        action="store_true",
        help="allow a publication date in the past (for importing a historical document)",
    )

    publish = sub.add_parser(
        "publish-date",
        help="print the publication date of versions effective on the given dates",
        description="For each DATE, print the day a version effective on it is published, in "
        "ISO form, one per line (official calendar plus agreements/calendar.yaml), under the "
        "site's notice rule (default: the latest PRC working day strictly before it), "
        "DOCUMENT's, or RULE.",
    )
    publish.add_argument(
        "dates", nargs="+", type=date_argument, metavar="DATE", help="effective dates (YYYY-MM-DD)"
    )
    publish.add_argument(
        "--document",
        metavar="DOCUMENT",
        help="use this document's notice rule (its document.yaml, else the site's)",
    )
    _add_notice(publish, "use this notice rule")

    frozen = sub.add_parser(
        "check-frozen",
        help="fail when a published version changed relative to a git ref",
        description="Compare agreements/ in the working tree with git REF: a version whose "
        "publication date has come may not change or lose a file, and a new version whose "
        "publication date is already past is refused. Names each file and the reason.",
    )
    frozen.add_argument(
        "--base",
        required=True,
        metavar="REF",
        help="the git ref to compare with (e.g. origin/main)",
    )
    _add_today(frozen, build=False)
    frozen.add_argument(
        "--allow-backdated",
        action="store_true",
        help="accept new versions whose publication date is past (importing history)",
    )


def _add_import(sub: argparse._SubParsersAction[Parser]) -> None:
    imp = sub.add_parser(
        "import",
        help="write a version of a document from existing Markdown, plain-text or Word files",
        description="Write agreements/DOCUMENT/YYYY-MM-DD/ (zh.yaml, en.yaml, meta.yaml) from "
        "the document in each language: Markdown (.md), plain text with numbered headings "
        "(.txt, hard-wrapped lines joined) or Word (.docx: heading styles, automatic "
        "numbering). Detects each language's numbering styles, pairs the two languages' "
        "elements, links textual references to sections, and reports what it could not pair "
        "or decide as file:line, exiting 1 then (0 when the version is complete). Never "
        "writes into an existing folder.",
    )
    imp.add_argument("document", metavar="DOCUMENT", help="the document id (its folder name)")
    imp.add_argument(
        "--effective",
        type=date_argument,
        required=True,
        metavar="YYYY-MM-DD",
        help="the date the version takes effect (the new folder's name)",
    )
    for lang, name in (("zh", "Chinese"), ("en", "English")):
        imp.add_argument(
            f"--{lang}",
            type=Path,
            required=True,
            metavar="FILE",
            help=f"the {name} text (.md, .txt or .docx)",
        )


def _add_review_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """check, diff and verify: what changed, and what a saved file is."""
    _add_check(sub)
    _add_diff_and_verify(sub)


def _add_check(sub: argparse._SubParsersAction[Parser]) -> None:
    pr = sub.add_parser(
        "check",
        help="what the pull-request check runs: validate, check-frozen, build, redline",
        description="Run validate, check-frozen --base REF and build (for the day the last new "
        "or changed version takes effect, when that is after today), then print the redline "
        "of every version added or changed since REF in both languages as Markdown (to the "
        "file named by $GITHUB_STEP_SUMMARY when set). Stops at the first step that fails.",
    )
    pr.add_argument(
        "--base",
        default=pr_check.DEFAULT_BASE,
        metavar="REF",
        help=f"the git ref the change is compared with (default: {pr_check.DEFAULT_BASE})",
    )
    _add_today(pr, build=True, help=f"today's date for check-frozen and the build {TODAY_DEFAULT}")
    pr.add_argument("--site-dir", metavar="DIR", help="where to write the site (default: site/)")
    pr.add_argument(
        "--allow-backdated",
        action="store_true",
        help="pass --allow-backdated to check-frozen: accept new versions whose publication "
        "date is past (importing versions already in force)",
    )


def _add_diff_and_verify(sub: argparse._SubParsersAction[Parser]) -> None:
    redline = sub.add_parser(
        "diff",
        help="show what changed between two versions of a document",
        description="Print the redline of DOCUMENT from version OLD to version NEW (version ids "
        "are the folder names, e.g. 2024-01-01): coloured in a terminal, or Markdown for a "
        "pull-request summary.",
    )
    redline.add_argument("document", metavar="DOCUMENT", help="the document id (its folder name)")
    redline.add_argument("old", metavar="OLD", help="the earlier version id")
    redline.add_argument("new", metavar="NEW", help="the later version id")
    redline.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="the language to compare (default zh)"
    )
    redline.add_argument(
        "--format",
        choices=["text", "markdown"],
        default="text",
        help="text (coloured when writing to a terminal) or markdown (default text)",
    )
    check = sub.add_parser(
        "verify",
        help="say which document, version and language a saved PDF or text is",
        description="Hash FILE (a PDF downloaded from the site, or a version's canonical text) "
        "and look it up in the site's versions.json: print the document, version and "
        "language it is, or that it matches none. Exit codes: 0 it matches, 1 it matches "
        "nothing (changed or unknown), 2 usage error or a file that cannot be read.",
    )
    check.add_argument("file", type=Path, metavar="FILE", help="the saved PDF or canonical text")
    check.add_argument(
        "--versions",
        default=verify.DEFAULT_VERSIONS,
        metavar="PATH|URL",
        help="the site's versions.json: a path or an http(s) address "
        f"(default {verify.DEFAULT_VERSIONS})",
    )
    check.add_argument(
        "--timeout",
        type=_timeout,
        default=verify.DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="how long to wait for the address, in seconds, at most "
        f"{verify.MAX_TIMEOUT:g} (default {verify.DEFAULT_TIMEOUT:g})",
    )


SITE_COMMANDS = ("build", "serve", "new-site")


def _validate(args: argparse.Namespace, cwd: Path) -> None:
    report = commands.validate(root=commands.find_root(cwd))
    _say(
        f"ok: {report.documents} document(s), {report.versions} version(s), "
        f"{report.files} file(s) checked"
    )


def _format(args: argparse.Namespace, cwd: Path) -> None:
    formatted = commands.format_files(root=commands.find_root(cwd), paths=args.files)
    for shown, change in formatted.changes:
        _say(f"{shown}:{change.line}:{change.col}: {change.describe()}")
    _say(
        f"{len(formatted.changes)} character(s) fixed in {formatted.files_changed} "
        f"file(s); {formatted.files} file(s) checked"
    )
    raise_if_any(formatted.problems, "left for you to fix (format does not guess)")


def _new_version(args: argparse.Namespace, cwd: Path) -> None:
    root = commands.find_root(cwd)
    today = args.today or _site_today(cwd)
    made = commands.new_version(
        root=root,
        document=args.document,
        effective=args.effective,
        today=today,
        backdate=args.backdate,
    )
    for path in made.files:
        _say(f"created {path.relative_to(root).as_posix()}")
    _say(f"publication date: {made.published.isoformat()} (notice rule: {made.rule})")
    _say_if_published_today(made.published, today)


def _say_if_published_today(published: date, today: date) -> None:
    """A version whose publication date is today must be merged and published today: the
    publish build refuses one it would first serve after that day (check warns too)."""
    if published == today:
        _say(
            "note: that is today: merge and publish it today, or give it a later effective "
            "date (a version must be on the site on its publication date)"
        )


def _new_document(args: argparse.Namespace, cwd: Path) -> None:
    root = commands.find_root(cwd)
    today = args.today or _site_today(cwd)
    made = commands.new_document(
        root=root,
        document=args.document,
        today=today,
        effective=args.effective,
        rule=args.notice,
        backdate=args.backdate,
    )
    for path in made.files:
        _say(f"created {path.relative_to(root).as_posix()}")
    _say(f"effective date: {made.effective.isoformat()}")
    _say(f"publication date: {made.published.isoformat()} (notice rule: {made.rule})")
    _say_if_published_today(made.published, today)
    _say("next: replace the placeholder text of both languages, then run legalsite validate")


def _import(args: argparse.Namespace, cwd: Path) -> None:
    root = commands.find_root(cwd)
    made = commands.import_document(
        root=root,
        document=args.document,
        effective=args.effective,
        sources={"zh": args.zh, "en": args.en},
    )
    for path in made.files:
        _say(f"created {path.relative_to(root).as_posix()}")
    for note in made.notes:
        _say(note)
    if made.published < _site_today(root):
        _say(
            f"{made.folder.relative_to(root).as_posix()}: its publication date "
            f"{made.published.isoformat()} has passed, so the pull-request check refuses it as "
            "new: run `legalsite check --allow-backdated` (README: Bringing in versions "
            "already in force)"
        )
    if made.references:
        _say(f"{made.references} reference(s) linked")
    raise_if_any(
        made.problems,
        "to settle by hand: the files were written, edit them (or move the folder away and "
        "import again)",
    )
    _say("complete: both languages paired")


def _publish_date(args: argparse.Namespace, cwd: Path) -> None:
    if args.document is not None and args.notice is not None:
        raise LegalsiteError(
            "give --document or --notice, not both",
            hint="--document uses that document's rule; --notice names one",
        )
    root = commands.find_root(cwd) if (cwd / commands.CONFIG_FILE).is_file() else cwd
    days = commands.publish_dates(
        root=root, dates=args.dates, document=args.document, rule=args.notice
    )
    for day in days:
        _say(day.isoformat())


def _notice_argument(value: str) -> NoticeRule:
    """A notice rule on the command line, refused as the files' are."""
    try:
        return parse_notice(value)
    except NoticeError as exc:
        raise argparse.ArgumentTypeError(f"{exc.message}: {exc.hint}") from None


def _diff(args: argparse.Namespace, cwd: Path) -> None:
    sys.stdout.write(
        commands.diff(
            root=commands.find_root(cwd),
            document=args.document,
            old=args.old,
            new=args.new,
            lang=args.lang,
            output=args.format,
            color=sys.stdout.isatty(),
        )
    )


def _check_frozen(args: argparse.Namespace, cwd: Path) -> None:
    checked = commands.check_frozen(
        root=commands.find_root(cwd),
        base=args.base,
        today=args.today or _site_today(cwd),
        allow_backdated=args.allow_backdated,
    )
    _say(f"ok: {checked} published version(s) unchanged since {args.base}")


def publish_summary(error: str) -> str:
    """What a publish build that stopped writes to the job summary: every refusal, as the
    terminal shows it, fenced (the messages quote folder names and addresses)."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", error)), default=0))
    return (
        "# The site was not published\n\n"
        "`legalsite build --previous` refused to publish, for the reasons below (each names "
        "the file or address, and how to fix it):\n\n"
        f"{fence}text\nerror: {terminal(error, lines=True)}\n{fence}\n"
    )


def _run_site_command(args: argparse.Namespace, cwd: Path) -> None:
    if args.command == "build":
        try:
            built = commands.build(
                root=commands.find_root(cwd),
                config_file=cwd / commands.CONFIG_FILE,
                today=args.today,
                site_dir=args.site_dir,
                previous=args.previous,
            )
        except LegalsiteError as exc:
            if args.previous is not None and os.environ.get(pr_check.SUMMARY_ENV):
                pr_check.write_summary(publish_summary(str(exc)))
            raise
        _say(f"built the site for {built.today.isoformat()} into {built.site}")
        for name in built.left:
            print(
                terminal(f"warning: kept {name}: the previous build did not make it"),
                file=sys.stderr,
            )
    elif args.command == "serve":
        commands.serve(
            root=commands.find_root(cwd),
            config_file=cwd / commands.CONFIG_FILE,
            today=args.today,
            dev_addr=args.dev_addr,
        )
    else:
        for name in new_site.new_site(args.dir, requirement=args.requirement):
            _say(f"created {(args.dir / name).as_posix()}")
        if args.requirement == new_site.DEFAULT_REQUIREMENT:
            _say(new_site.until_released(args.requirement))
        for line in new_site.next_steps(args.dir):
            _say(line)


_RUNS: dict[str, Callable[[argparse.Namespace, Path], None]] = {
    "validate": _validate,
    "format": _format,
    **dict.fromkeys(SITE_COMMANDS, _run_site_command),
    "new-version": _new_version,
    "import": _import,
    "new-document": _new_document,
    "publish-date": _publish_date,
    "diff": _diff,
    "check-frozen": _check_frozen,
}
"""The commands main() runs inside its error handling, each given the arguments and the
folder it runs in (verify and check handle their own errors)."""


def _say(line: str) -> None:
    """One line of a command's output: what it quotes (a path, a ref, an escape as written in a
    file) reaches the terminal through :func:`legalsite.model.escape.terminal`, one line."""
    print(terminal(line))


def _print_error(message: str, *, debug: bool) -> None:
    """``error: MESSAGE`` on stderr, each line through :func:`legalsite.model.escape.terminal`;
    with ``--debug``, the traceback of the exception being handled first."""
    if debug:
        traceback.print_exc()
    print(f"error: {terminal(message, lines=True)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    root = Path.cwd()
    if args.command == "verify":
        return _verify(args)
    if args.command == "check":
        try:
            project = commands.find_root(root)
            today = args.today or _site_today(root)
        except LegalsiteError as exc:
            _print_error(str(exc), debug=False)
            return 1
        try:
            return pr_check.run(
                root=project,
                base=args.base,
                today=today,
                site_dir=args.site_dir,
                allow_backdated=args.allow_backdated,
                call=main,
            )
        except KeyboardInterrupt:
            print("legalsite check: interrupted", file=sys.stderr)
            return 130
    try:
        run = _RUNS.get(args.command)
        if run is None:  # pragma: no cover - argparse rejects unknown commands
            parser.error(f"unknown command {args.command}")
        run(args, root)
    except LegalsiteError as exc:
        _print_error(str(exc), debug=args.debug)
        return 1
    except OSError as exc:
        # What the system refuses (a name too long, no permission, a full disk): one line.
        where = f": {exc.filename}" if exc.filename else ""
        _print_error(f"{exc.strerror or exc}{where}", debug=args.debug)
        return 1
    except KeyboardInterrupt:
        if args.command == "build":
            print("interrupted: the site folder was left as it was", file=sys.stderr)
        return 130
    return 0


def _verify(args: argparse.Namespace) -> int:
    """``legalsite verify``: exit 0 on a match, 1 on none, 2 when something cannot be read."""
    try:
        verdict = verify.verify(file=args.file, versions=args.versions, timeout=args.timeout)
    except LegalsiteError as exc:
        _print_error(str(exc), debug=args.debug)
        return verify.EXIT_ERROR
    sys.stdout.write(verify.report(verdict, str(args.file)))
    return verdict.exit_code


__all__ = ["Parser", "date_argument", "main", "make_parser"]
