"""legalsite as a release: its version comes from the git tag, its wheel carries everything a
site needs, and a site `new-site` makes installs from that wheel alone (with the locked
dependencies) into a new environment and builds, PDFs included, as its workflow would."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement

from legalsite import __version__
from legalsite.commands.new_site import (
    DEFAULT_REQUIREMENT,
    next_steps,
    release_requirement,
    until_released,
)
from tests.conftest import ROOT
from tests.conftest import run_process as run_cli
from tests.packaging import RELEASE, built_wheel
from tests.test_newsite import MADE


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def scm_version(root: Path) -> str:
    """The version setuptools-scm gives the project in ``root`` (its pyproject.toml)."""
    return subprocess.run(
        [sys.executable, "-m", "setuptools_scm"],
        cwd=root, capture_output=True, text=True, check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("SETUPTOOLS_SCM_")},
    ).stdout.strip()  # fmt: skip


# -- The version -------------------------------------------------------------------------------


def test_a_tag_is_the_release_and_a_copy_without_git_is_the_fallback(tmp_path: Path) -> None:
    """A fresh clone builds, shallow as actions/checkout makes it: with no tag in reach, as a
    dev version; an exact tag is its version; a copy with no git metadata builds as 0.0.0, a
    number no release has."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{ROOT}", str(clone))
    head = git(clone, "rev-parse", "--short=9", "HEAD").strip()
    assert re.fullmatch(rf"\d+\.\d+(\.\d+)?\.dev\d+\+g{head}[0-9a-f]*", scm_version(clone))
    git(clone, "-c", "user.name=r", "-c", "user.email=r@example.com", "tag", "-a", "v7.8.9",
        "-m", "release")  # fmt: skip
    assert scm_version(clone) == "7.8.9"
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", copy / "pyproject.toml")
    assert scm_version(copy) == "0.0.0"


def test_a_git_archive_carries_its_commit() -> None:
    """GitHub's "Download ZIP" fills .git_archival.txt (export-subst): setuptools-scm reads
    the tag or commit from it."""
    assert (ROOT / ".gitattributes").read_text(encoding="utf-8") == (
        ".git_archival.txt  export-subst\n"
    )
    assert (ROOT / ".git_archival.txt").read_text(encoding="utf-8") == (
        "node: $Format:%H$\n"
        "node-date: $Format:%cI$\n"
        "describe-name: $Format:%(describe:tags=true,match=v[0-9]*)$\n"
    )


@pytest.mark.parametrize(
    ("version", "requirement"),
    [
        ("0.2.0", "legalsite>=0.2,<1"),
        ("0.2.3", "legalsite>=0.2,<1"),
        ("0.2.4.dev1+g1a2b3c4", "legalsite>=0.2.4.dev1,<1"),
        ("0.0.1.dev359+ge092d4a05", "legalsite>=0.0.1.dev359,<1"),
        ("1.0.0rc1", "legalsite>=1.0.0rc1,<2"),
        ("1.0.0", "legalsite>=1.0,<2"),
        ("2.3", "legalsite>=2.3,<3"),
        ("3", "legalsite>=3.0,<4"),
        ("0.0.0", "legalsite>=0.0,<1"),
    ],
)
def test_new_site_asks_for_any_later_release_of_the_same_major(
    version: str, requirement: str
) -> None:
    assert release_requirement(version) == requirement
    # As pip reads it: a pre-release is accepted only when the requirement names one, so the
    # wheel of an untagged checkout must satisfy the requirement of the site it made.
    assert Requirement(requirement).specifier.contains(version)


def test_new_site_says_what_to_do_until_a_release_is_on_the_index(tmp_path: Path) -> None:
    made = run_cli(tmp_path, "new-site", "legal")
    assert (made.returncode, made.stderr) == (0, "")
    note = (
        f"note: requirements.txt asks for a release of legalsite ({DEFAULT_REQUIREMENT}). "
        "Until one is on your package index, install a wheel of it with `python3 -m pip "
        "install --find-links DIR -r requirements.txt` (DIR holds legalsite-*.whl), and for "
        "the workflows replace that line of requirements.txt with a source GitHub can reach, "
        "e.g. legalsite @ git+https://github.com/ORG/legalsite@vX.Y.Z.\n"
    )
    assert until_released(DEFAULT_REQUIREMENT) + "\n" == note
    then = "".join(f"{line}\n" for line in next_steps(Path("legal")))
    assert made.stdout.endswith("created legal/requirements.txt\n" + note + then)
    assert release_requirement(__version__) == DEFAULT_REQUIREMENT
    assert (
        (tmp_path / "legal/requirements.txt")
        .read_text(encoding="utf-8")
        .endswith(f"\n{DEFAULT_REQUIREMENT}\n")
    )
    # Naming where legalsite comes from: nothing more to say.
    spec = "legalsite @ git+https://github.com/example/legalsite@v0.2.0"
    named = run_cli(tmp_path, "new-site", "other", "--requirement", spec)
    assert (named.returncode, named.stderr) == (0, "")
    then = "".join(f"{line}\n" for line in next_steps(Path("other")))
    assert named.stdout.endswith("created other/requirements.txt\n" + then)


# -- The wheel ---------------------------------------------------------------------------------


def test_the_wheel_carries_every_file_of_the_package() -> None:
    """Templates, theme overrides, JavaScript and CSS, schemas, the new-site skeleton (its
    dot-less .github and .gitignore included): every file git keeps under legalsite/."""
    wheel = built_wheel()
    assert wheel.name == f"legalsite-{RELEASE}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = f"legalsite-{RELEASE}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
    tracked = git(ROOT, "ls-files", "-z", "legalsite").strip("\0").split("\0")
    assert sorted(n for n in names if not n.startswith(info)) == sorted(tracked)
    for needed in (
        "legalsite/skeleton/github/workflows/publish.yml",
        "legalsite/skeleton/gitignore",
        "legalsite/theme/main.html",
        "legalsite/theme/assets/legalsite.css",
        "legalsite/schemas/agreement.schema.json",
        "legalsite/templates/pdf.css.j2",
        "legalsite/templates/version.md.j2",
    ):
        assert needed in names
    assert f"\nVersion: {RELEASE}\n" in metadata
    assert "[mkdocs.plugins]\nlegalsite = legalsite.plugin:LegalsitePlugin\n" in entry_points
    assert "[console_scripts]\nlegalsite = legalsite.cli:main\n" in entry_points


# -- A new site installs from the wheel and builds -----------------------------------------------


FROM_INDEX = os.environ.get("LEGALSITE_PACKAGING_FROM_INDEX") == "1"
"""Install the dependencies from the package index (at the lock's versions) instead of
lending the new environment this one's: slower, and needs the network."""


def constraints(folder: Path) -> Path:
    """requirements.lock without its hashes (pip takes no hashes for a wheel it was given by
    path): the same versions as the editors' environment."""
    lines = [
        line.rstrip(" \\")
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if re.match(r"^[A-Za-z0-9]", line)
    ]
    path = folder / "constraints.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def lend_locked_packages(target: Path, folder: Path) -> None:
    """Make this environment's installed distributions (installed from requirements.lock) but
    legalsite visible to the environment ``target``, read-only, through a .pth file: pip then
    finds every dependency installed and installs the wheel alone, offline, checking that the
    wheel's requirements are met by the lock's versions."""
    ours = Path(sysconfig.get_paths()["purelib"])
    folder.mkdir()
    for entry in ours.iterdir():
        name = entry.name.lower()
        if name.startswith(("legalsite", "__editable__", "__pycache__")) or name.endswith(".pth"):
            continue
        (folder / entry.name).symlink_to(entry)
    purelib = subprocess.run(
        [str(target / "bin" / "python"), "-c",
         "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (Path(purelib) / "locked.pth").write_text(f"{folder}\n", encoding="utf-8")


def pip_install(python: Path, *args: str, cwd: Path, env: dict[str, str]) -> None:
    """pip from this environment installs into the one of ``python`` (--python): no pip to
    bootstrap there."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check",
         "install", "-q", *args],
        cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.packaging
@pytest.mark.build
def test_a_new_site_installs_from_the_wheel_and_builds_with_pdfs(tmp_path: Path) -> None:
    """A newcomer's way, in a new virtual environment: install the release, `legalsite
    new-site`, then what the new site's workflows run: `pip install -r requirements.txt` (the
    wheel found as a release on an index would be, the dependencies at the lock's versions)
    and `legalsite build`, PDFs included. Nothing from this checkout: no PYTHONPATH, and the
    commands are the environment's own `legalsite`. About 30 s (tests/packaging.py's wheel
    shared): the one slow packaging test."""
    wheel = built_wheel()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")  # the PDF cache's key, outside the site
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python, legalsite = target / "bin" / "python", str(target / "bin" / "legalsite")
    if FROM_INDEX:
        where_from = ["-c", str(constraints(tmp_path))]
    else:
        lend_locked_packages(target, tmp_path / "locked")
        where_from = ["--no-index"]
    links = ["--find-links", str(wheel.parent), *where_from]
    pip_install(python, *links, f"legalsite=={RELEASE}", cwd=tmp_path, env=env)
    where = subprocess.run(
        [str(python), "-c", "import legalsite; print(legalsite.__file__, legalsite.__version__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert Path(where[0]).is_relative_to(target) and where[1] == RELEASE

    made = subprocess.run(
        [legalsite, "new-site", "legal"], cwd=tmp_path, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (made.returncode, made.stderr) == (0, "")
    site = tmp_path / "legal"
    requirement = release_requirement(RELEASE)
    assert made.stdout == "".join(f"created legal/{name}\n" for name in MADE) + (
        until_released(requirement)
        + "\n"
        + "".join(f"{line}\n" for line in next_steps(Path("legal")))
    )
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(MADE)
    requirements = site / "requirements.txt"
    assert requirements.read_text(encoding="utf-8").endswith(f"\n{requirement}\n")
    # The workflows' install: satisfied by the release (not by a version of this checkout).
    pip_install(python, *links, "-r", str(requirements), cwd=site, env=env)

    validated = subprocess.run(
        [legalsite, "validate"], cwd=site, env=env, capture_output=True, text=True, check=False
    )
    assert (validated.returncode, validated.stderr) == (0, "")
    assert validated.stdout == "ok: 1 document(s), 1 version(s), 2 file(s) checked\n"
    built = subprocess.run(
        [legalsite, "build"], cwd=site, env=env, capture_output=True, text=True, check=False
    )
    assert (built.returncode, built.stderr) == (0, ""), built.stdout
    assert re.fullmatch(
        rf"built the site for \d{{4}}-\d\d-\d\d into {site / 'site'}\n", built.stdout
    )
    data = json.loads((site / "site/versions.json").read_text(encoding="utf-8"))
    assert [(d["id"], d["current"]) for d in data["documents"]] == [
        ("terms-of-service", "2024-01-01")
    ]
    for page in ("terms-of-service/index.html", "en/terms-of-service/2024-01-01/index.html"):
        assert (site / "site" / page).is_file()
    html = (site / "site/en/terms-of-service/index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Terms of Service" in html
    assert (site / "site/assets/legalsite.css").is_file()
    pdfs = sorted(p.relative_to(site / "site").as_posix() for p in site.glob("site/**/*.pdf"))
    assert len(pdfs) >= 2, pdfs
    for pdf in pdfs:
        assert (site / "site" / pdf).read_bytes().startswith(b"%PDF-")


# -- python3 scripts/dev.py dist -----------------------------------------------------------------


def dev_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "scripts" / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tag"], "usage: python3 scripts/dev.py dist [--tag vX.Y.Z]"),
        (["v1.2.3"], "usage: python3 scripts/dev.py dist [--tag vX.Y.Z]"),
        (["--tag", "1.2.3"], "error: the tag '1.2.3' is not vX.Y.Z"),
        (["--tag", "v1.2"], "error: the tag 'v1.2' is not vX.Y.Z"),
        (["--tag", "v1.2.3rc1"], "error: the tag 'v1.2.3rc1' is not vX.Y.Z"),
        (["--tag", "v99.0.0"], "error: CHANGELOG.md has no section for 99.0.0: add '## [99.0.0]'"),
    ],
)
def test_dist_refuses_a_tag_that_is_no_release_before_building(
    args: list[str], message: str
) -> None:
    dev = dev_script()
    with pytest.raises(SystemExit) as stopped:
        dev.dist(args)
    assert stopped.value.code == message
    assert not (ROOT / "dist").exists() or not any((ROOT / "dist").iterdir())


def test_the_changelog_has_a_section_per_release_and_one_for_what_is_unreleased() -> None:
    dev = dev_script()
    assert dev.changelog_has("0.1.0")
    assert not dev.changelog_has("0.1")
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## \[([^\]]+)\]", text, re.M)
    assert sections[0] == "Unreleased" and "0.1.0" in sections
