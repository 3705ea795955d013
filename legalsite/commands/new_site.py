"""``legalsite new-site DIR``: a working site (mkdocs.yml, one example document in both
languages, the workflows, the editors' guide) that builds and validates at once."""

from __future__ import annotations

import shlex
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from legalsite import __version__
from legalsite.model.characters import printable
from legalsite.model.errors import LegalsiteError
from legalsite.model.escape import terminal

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
"""The site's files as package data; names that start with a dot are stored without it."""

HIDDEN = ("gitignore", "github")


def release_requirement(version: str) -> str:
    """The requirement every later release of ``version``'s major satisfies, from the minor
    it was made with: ``0.2.0`` and ``0.2.3`` give ``legalsite>=0.2,<1``. A development or
    pre-release build (``0.2.4.dev1+g1a2b3c``, a wheel of an untagged checkout) gives
    ``legalsite>=0.2.4.dev1,<1``: pip installs a pre-release only for a requirement that names
    one, so ``>=0.2`` would refuse the very wheel that made the site."""
    parsed = Version(version)
    major, minor = (*parsed.release, 0)[:2]
    lowest = parsed.public if parsed.is_prerelease else f"{major}.{minor}"
    return f"legalsite>={lowest},<{major + 1}"


DEFAULT_REQUIREMENT = release_requirement(__version__)


def until_released(requirement: str) -> str:
    """What to do while no release that ``requirement`` asks for is on the package index:
    said after ``new-site`` writes the default requirement."""
    return (
        f"note: requirements.txt asks for a release of legalsite ({requirement}). Until one "
        "is on your package index, install a wheel of it with `python3 -m pip install "
        "--find-links DIR -r requirements.txt` (DIR holds legalsite-*.whl), and for the "
        "workflows replace that line of requirements.txt with a source GitHub can reach, "
        "e.g. legalsite @ git+https://github.com/ORG/legalsite@vX.Y.Z."
    )


def next_steps(target: Path) -> list[str]:
    """What to do next, said last by ``new-site``: the lines of the site's README a newcomer
    needs first (its Quick start and "Making it yours"), starting with the git repository the
    site is meant to be (the pull-request check compares a branch with ``main``)."""
    return [
        "next (README.md in the new folder says more):",
        f"  {change_folder(target)}",
        "  git init -b main",
        "  python3 -m venv .venv && . .venv/bin/activate && python3 -m pip install -r "
        "requirements.txt",
        "  replace the example document before the first push (README.md: Making it yours;"
        " legalsite import brings a document you have in Word, Markdown or text)",
        "  legalsite validate && legalsite serve",
        '  git add -A && git commit -m "Our legal documents"'
        "  (the first commit on main: legalsite check compares each change with it)",
    ]


def change_folder(target: Path) -> str:
    """The shell command that enters ``target``, to paste as printed: quoted for a POSIX
    shell, ``./`` before a name that ``cd`` would take as an option (``-x``) or as the last
    folder (``-``). A name a terminal cannot show as itself (a line feed, an escape; shown
    escaped, so not the folder's name when pasted) gets words instead of a command."""
    path = target.as_posix()
    if terminal(path) != path:  # what the CLI prints it through
        return "enter the new folder (its name holds characters shown escaped above)"
    return f"cd {shlex.quote('./' + path if path.startswith('-') else path)}"


_REQUIREMENT_HINT = (
    "name where legalsite is installed from, e.g. "
    "'legalsite @ git+https://github.com/ORG/legalsite@v0.1.0'"
)


def requirement_line(spec: str) -> str:
    """``spec`` checked to be one line pip installs legalsite from (``legalsite==0.1.0``,
    ``legalsite @ git+https://…@v0.1.0``): exactly what :mod:`packaging` (pip's parser of
    requirements) reads as one requirement, of legalsite, on one printable line. So no shell
    text after a ``;`` (an environment marker is parsed), no trailing ``\\`` that would join the
    next line, no option (``-r``, ``--index-url``) and no comment."""
    line = spec.strip()
    if not line or not spec.isprintable():
        raise LegalsiteError(
            f"'{printable(spec)}' is not a requirement line", hint=_REQUIREMENT_HINT
        )
    try:
        name = Requirement(line).name
    except InvalidRequirement as exc:
        why = str(exc).splitlines()[0]
        raise LegalsiteError(
            f"'{printable(spec)}' is not a requirement line: {printable(why)}",
            hint=_REQUIREMENT_HINT,
        ) from None
    if canonicalize_name(name) != "legalsite":
        raise LegalsiteError(
            f"'{printable(spec)}' is not a requirement line: it installs '{printable(name)}', "
            "not legalsite",
            hint=_REQUIREMENT_HINT,
        )
    return line


def skeleton(requirement: str = DEFAULT_REQUIREMENT) -> dict[str, bytes]:
    """Every file of a new site, by its path in the site; ``requirement`` is the line
    requirements.txt installs legalsite with."""
    files: dict[str, bytes] = {}
    for path in sorted(SKELETON.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            name = path.relative_to(SKELETON).as_posix()
            if name.split("/")[0] in HIDDEN:
                name = "." + name
            files[name] = path.read_bytes()
    files["requirements.txt"] = (
        "# Where this site's legalsite comes from (python3 -m pip install -r requirements.txt):\n"
        "# a version on your package index, or a git URL pinned to a tag or commit.\n"
        f"{requirement_line(requirement)}\n"
    ).encode()
    return files


def new_site(target: Path, *, requirement: str = DEFAULT_REQUIREMENT) -> list[str]:
    """Create the site in ``target``, a new or empty folder; return the files made. Never
    overwrites: a file that appears meanwhile stops it with an error."""
    files = skeleton(requirement)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise LegalsiteError(
            f"{target} is not an empty folder",
            hint="choose a new or empty folder: new-site never writes into one with files",
        )
    made = []
    for name, data in files.items():
        path = target.joinpath(*name.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("xb") as out:
                out.write(data)
        except FileExistsError:
            raise LegalsiteError(
                f"{path} appeared while the site was being made", hint="run new-site again"
            ) from None
        made.append(name)
    return made
