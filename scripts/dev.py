#!/usr/bin/env python3
"""One entry point for people and CI: set up the environment from the lock, then act.

    python3 scripts/dev.py build [legalsite build options]   # the whole site into site/
    python3 scripts/dev.py test [pytest options]             # lint, type-check, all tests
                                                             # (LEGALSITE_SCREENSHOTS=1: and
                                                             # save the screenshots)
    python3 scripts/dev.py check [--base REF]                # what the pull-request workflow runs
    python3 scripts/dev.py properdocs                        # the site built by ProperDocs too
    python3 scripts/dev.py dist [--tag vX.Y.Z]               # the sdist and wheel into dist/,
                                                             # checked (the release workflow)
    python3 scripts/dev.py lock                              # refresh requirements.lock

Needs only Python 3.11+ and the package registries. The environment lives in .venv/ and is
(re)installed from requirements.lock (with hashes) whenever the lock changes.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".lock-sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)
    if result.returncode:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create .venv and install the locked dependencies when the lock changed."""
    digest = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text().strip() == digest:
        return
    if not (BIN / "python").exists():
        print(f"creating {VENV.name}/", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip: list[str | Path] = [BIN / "python", "-m", "pip", "--disable-pip-version-check", "-q"]
    run(*pip, "install", "--require-hashes", "--no-deps", "-r", LOCK)
    run(*pip, "install", "--no-deps", "--no-build-isolation", "-e", ".")
    STAMP.write_text(digest + "\n")


# What WeasyPrint needs to make the PDFs (legalsite.evidence.pdf): Pango with HarfBuzz's subsetter,
# and
# the Noto CJK font it embeds, found by fontconfig.
PDF_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-noto-cjk")


def apt_install(*packages: str, why: str) -> None:
    """Install Debian packages: as root, or through sudo where it needs no password (CI)."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    sudo: list[str] = [] if root else ["sudo", "-n"]
    if shutil.which("apt-get") and (root or shutil.which("sudo")):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(*sudo, "apt-get", "update", "-qq", env=env)
        run(*sudo, "apt-get", "install", "-y", "-qq", *packages, env=env)
    else:
        sys.exit(f"error: {why}: sudo apt-get install {' '.join(packages)}")


def ensure_pdf_libraries() -> None:
    """The PDFs need Pango, HarfBuzz's subsetter and Noto CJK; install them when missing."""
    font = (
        subprocess.run(
            ["fc-match", "-f", "%{family}", "Noto Serif CJK SC"],
            capture_output=True,
            text=True,
            check=False,
        )
        if shutil.which("fc-match")
        else None
    )
    found = font is not None and "Noto Serif CJK SC" in font.stdout.split(",")
    libraries = ("pango-1.0", "pangoft2-1.0", "harfbuzz-subset")
    if found and all(ctypes.util.find_library(name) for name in libraries):
        return
    apt_install(*PDF_PACKAGES, why="the PDFs need Pango and the Noto CJK font")


HEADLESS_SHELL = "chromium-headless-shell"
"""Debian's Chromium without a window: the browser tests drive it (tests/browser/conftest.py)."""


def ensure_chromium() -> None:
    """The browser tests drive Debian's headless Chromium; install it when missing (root only).
    Where it cannot be installed but Debian's ``chromium`` is there, the tests run in that."""
    if shutil.which(HEADLESS_SHELL):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        try:
            apt_install(HEADLESS_SHELL, *PDF_PACKAGES, why="the browser tests need Chromium")
            return
        except SystemExit:
            if not shutil.which("chromium"):
                raise
    elif not shutil.which("chromium"):
        sys.exit(
            "error: the browser tests need Debian's Chromium: "
            f"sudo apt-get install {HEADLESS_SHELL}"
        )
    print(f"note: no {HEADLESS_SHELL}; the browser tests run in chromium (slower)", flush=True)


def changelog_has(version: str) -> bool:
    """Whether CHANGELOG.md has the section of ``version`` (``## [X.Y.Z]``, a date after it)."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return (
        re.search(rf"^## \[{re.escape(version)}\](?: - \d{{4}}-\d\d-\d\d)?$", text, re.M)
        is not None
    )


def dist(rest: list[str]) -> None:
    """The sdist and the wheel into dist/ (a new or empty folder: nothing there is replaced),
    built with the locked setuptools and setuptools-scm (no build isolation), then checked by
    twine. With ``--tag vX.Y.Z`` (the release workflow) they must be version X.Y.Z."""
    if rest and (len(rest) != 2 or rest[0] != "--tag"):
        sys.exit("usage: python3 scripts/dev.py dist [--tag vX.Y.Z]")
    release = re.fullmatch(r"v(\d+\.\d+\.\d+)", rest[1]) if rest else None
    if rest and not release:
        sys.exit(f"error: the tag {rest[1]!r} is not vX.Y.Z")
    if release and not changelog_has(release[1]):
        sys.exit(f"error: CHANGELOG.md has no section for {release[1]}: add '## [{release[1]}]'")
    out = ROOT / "dist"
    if out.exists() and any(out.iterdir()):
        sys.exit("error: dist/ has files: move them away first (dist never replaces a file)")
    run(BIN / "python", "-m", "build", "--no-isolation", "--outdir", out, ROOT)
    made = sorted(path.name for path in out.iterdir())
    run(BIN / "twine", "check", "--strict", *(out / name for name in made))
    if release:
        version = release[1]
        expected = [f"legalsite-{version}-py3-none-any.whl", f"legalsite-{version}.tar.gz"]
        if made != expected:
            sys.exit(f"error: the tag {rest[1]} should give {expected}, but dist/ holds {made}")
    print("dist/: " + ", ".join(made), flush=True)


def properdocs(rest: list[str]) -> None:
    """The second build target: the same mkdocs.yml built by ProperDocs (the maintained fork
    of MkDocs 1.x, from the lock), into a new temporary folder."""
    out = Path(tempfile.mkdtemp(prefix="legalsite-properdocs-"))
    run(BIN / "properdocs", "build", "--strict", "--config-file", ROOT / "mkdocs.yml",
        "--site-dir", out / "site", *rest)  # fmt: skip
    print(f"built with ProperDocs into {out / 'site'}", flush=True)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"build", "test", "check", "lock", "dist", "properdocs"}:
        sys.exit(__doc__)
    command, rest = argv[0], argv[1:]
    if command == "lock":
        run(
            sys.executable,
            "-m",
            "piptools",
            "compile",
            "--quiet",
            "--generate-hashes",
            "--allow-unsafe",
            "--strip-extras",
            "--no-emit-index-url",
            "--no-emit-find-links",
            "--extra",
            "test",
            "--extra",
            "release",
            "--extra",
            "properdocs",
            "--output-file",
            # Relative (run() works in ROOT): the lock's header names no one's checkout.
            LOCK.relative_to(ROOT),
            "pyproject.toml",
        )
        return
    ensure_venv()
    if command == "dist":
        dist(rest)
        return
    ensure_pdf_libraries()
    if command == "build":
        run(BIN / "legalsite", "build", *rest)
    elif command == "properdocs":
        properdocs(rest)
    elif command == "check":
        # What the pull-request workflow runs: validate, check-frozen, build, redline.
        run(BIN / "legalsite", "check", *rest)
    else:
        ensure_chromium()
        ensure_libreoffice()
        run(BIN / "ruff", "check", ".")
        run(BIN / "ruff", "format", "--check", ".")
        run(BIN / "mypy")
        run(BIN / "lint-imports")  # the package's layers (pyproject.toml: [tool.importlinter])
        # The browser tests must run here and in CI, never be skipped for want of chromium (nor
        # the Word files' for want of LibreOffice).
        env = {**os.environ, "LEGALSITE_REQUIRE_BROWSER": "1"}
        # Bytecode written (__pycache__, ignored by git) even where the machine says not to:
        # otherwise each xdist worker and each `python -m legalsite` a test starts compiles the
        # package and the tests again (a sixteenth of the run's CPU time, measured).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # pytest-xdist: one worker per core. The run is CPU-bound (Chromium, WeasyPrint): on 2
        # cores four workers were slower than two. `-n 0` after the command runs in one.
        run(BIN / "python", "-m", "pytest", "-n", "auto", *rest, env=env)


LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"
"""Debian's LibreOffice Writer without its windows: the Word files' test opens them in it."""


def ensure_libreoffice() -> None:
    """The Word redline is checked once by a real reader; install LibreOffice when missing."""
    if shutil.which("soffice"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        apt_install(LIBREOFFICE_PACKAGE, why="the Word files' test needs LibreOffice")
    else:
        sys.exit(
            f"error: the Word files' test needs LibreOffice: sudo apt-get install "
            f"{LIBREOFFICE_PACKAGE}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
