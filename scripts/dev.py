#!/usr/bin/env python3
"""One entry point for people and CI: set up the environment from the lock, then act.

    python3 scripts/dev.py build [legalsite build options]   # the whole site into site/
    python3 scripts/dev.py test [pytest options]             # lint, type-check, all tests
    python3 scripts/dev.py check [--base REF]                # what the pull-request workflow runs
    python3 scripts/dev.py lock                              # refresh requirements.lock

Needs only Python 3.11+ and the package registries. The environment lives in .venv/ and is
(re)installed from requirements.lock (with hashes) whenever the lock changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
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


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; install it when missing (root only)."""
    if shutil.which("chromium"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk", env=env)
    else:
        sys.exit("error: the browser tests need Debian's chromium: sudo apt-get install chromium")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"build", "test", "check", "lock"}:
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
            "--output-file",
            LOCK,
            "pyproject.toml",
        )
        return
    ensure_venv()
    if command == "build":
        run(BIN / "legalsite", "build", *rest)
    elif command == "check":
        # What the pull-request workflow runs: validate, check-frozen, build, redline.
        run(BIN / "python", "scripts/pr_check.py", *rest)
    else:
        ensure_chromium()
        run(BIN / "ruff", "check", ".")
        run(BIN / "ruff", "format", "--check", ".")
        run(BIN / "mypy")
        # The browser tests must run here and in CI, never be skipped for want of chromium.
        env = {**os.environ, "LEGALSITE_REQUIRE_BROWSER": "1"}
        run(BIN / "python", "-m", "pytest", *rest, env=env)


if __name__ == "__main__":
    main(sys.argv[1:])
