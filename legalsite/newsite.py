"""``legalsite new-site DIR``: a working site (mkdocs.yml, one example document in both
languages, the workflows, the editors' guide) that builds and validates at once."""

from __future__ import annotations

from pathlib import Path

from legalsite import __version__
from legalsite.errors import LegalsiteError

SKELETON = Path(__file__).resolve().parent / "skeleton"
"""The site's files as package data; names that start with a dot are stored without it."""

HIDDEN = ("gitignore", "github")


def skeleton() -> dict[str, bytes]:
    """Every file of a new site, by its path in the site."""
    files: dict[str, bytes] = {}
    for path in sorted(SKELETON.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            name = path.relative_to(SKELETON).as_posix()
            if name.split("/")[0] in HIDDEN:
                name = "." + name
            files[name] = path.read_bytes()
    files["requirements.txt"] = (
        "# The version of legalsite this site is built with (python3 -m pip install -r "
        f"requirements.txt).\nlegalsite=={__version__}\n"
    ).encode()
    return files


def new_site(target: Path) -> list[str]:
    """Create the site in ``target``, a new or empty folder; return the files made. Never
    overwrites: a file that appears meanwhile stops it with an error."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise LegalsiteError(
            f"{target} is not an empty folder",
            hint="choose a new or empty folder: new-site never writes into one with files",
        )
    made = []
    for name, data in skeleton().items():
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
