"""The package as a release makes it: one wheel, built once per test process and shared.

Built from a copy of the sources (setuptools leaves a build/ folder in the tree it builds, and
a copy has no .git), with the version a release tag would give, so that what the tests install
is what `python3 scripts/dev.py dist` publishes on a tag.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import ROOT

RELEASE = "1.2.3"
"""The version the test wheel is built as, as from the tag v1.2.3."""


@functools.cache
def built_wheel() -> Path:
    """The wheel of this checkout's package at version :data:`RELEASE`, in a folder of its own
    (the folder pip's ``--find-links`` is given)."""
    work = Path(tempfile.mkdtemp(prefix="legalsite-wheel-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    source = work / "source"
    shutil.copytree(
        ROOT / "legalsite", source / "legalsite", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    wheels = work / "wheels"
    env = {**os.environ, "SETUPTOOLS_SCM_PRETEND_VERSION_FOR_LEGALSITE": RELEASE}
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "--disable-pip-version-check", "-w", str(wheels), str(source)],
        check=True, capture_output=True, env=env,
    )  # fmt: skip
    (wheel,) = wheels.glob("legalsite-*.whl")
    return wheel
