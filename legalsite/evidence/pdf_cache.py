"""The rendered PDFs kept on disk between builds, and the missing ones rendered in parallel.

A PDF's bytes are decided by its HTML and the renderer (:func:`legalsite.evidence.pdf.digest`: the
HTML, WeasyPrint's and pydyf's versions, the font files), so that digest names its file in the
cache, ``<folder>/<digest[:2]>/<digest>.pdf``: a rebuild renders only the PDFs whose digest is
new, and an entry never needs to be invalidated (a changed HTML or renderer is another name).

The cache folder is legalsite's own. It is made whole (with its ``CACHEDIR.TAG``, the
standard mark of a cache folder that backup tools skip) in a temporary sibling and renamed into
place, so it never exists without its tag; a folder by that name without the tag is refused,
and nothing in the cache is ever deleted, except the temporary files this process made. Every
entry is written to a temporary file beside it and renamed over its name: a reader sees a whole
PDF or none, and two builds at once that write the same entry write the same bytes. The folder
may be deleted at any time; the next build renders everything again (a cold build).

The cache is an input a build trusts: the publish workflow starts without one (each run renders
every PDF), so no earlier run can put a PDF into the published site.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import secrets
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from legalsite.evidence import pdf
from legalsite.model.errors import LegalsiteError

TAG = "CACHEDIR.TAG"
TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
"""The first line of a cache folder's tag (https://bford.info/cachedir/)."""
TAG_TEXT = (
    f"{TAG_SIGNATURE}\n"
    "# This folder is legalsite's cache of rendered PDFs, each named by the digest of what\n"
    "# decides its bytes. It may be deleted at any time; the next build renders them again.\n"
)
SUFFIX = ".pdf"

PARALLEL_FROM = 4
"""Fewer PDFs than this to render are rendered in this process: starting a worker process and
importing WeasyPrint in it costs about as much as rendering a few PDFs."""


def worker_count() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class PdfCache:
    """A folder of rendered PDFs by digest; see the module's docstring."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ready = False

    def entry(self, key: str) -> Path:
        if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
            raise ValueError(f"not a SHA-256 digest: {key!r}")
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> bytes | None:
        """The PDF stored under ``key``, or None (absent, unreadable, or not a whole PDF)."""
        try:
            data = self.entry(key).read_bytes()
        except OSError:
            return None
        return data if _whole_pdf(data) else None

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``: written beside it, then renamed over it in one step."""
        if not _whole_pdf(data):
            raise ValueError("only a whole PDF is cached")
        self.open()
        target = self.entry(key)
        target.parent.mkdir(exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{key[:16]}-", suffix=".tmp")
        temporary = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            temporary.replace(target)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()  # this process's own temporary file
            raise

    def open(self) -> None:
        """Make the folder with its tag if it is missing; refuse a folder that is not a cache
        of legalsite's."""
        if self._ready:
            return
        hint = (
            "set the plugin's pdf_cache option to a folder that does not exist yet (legalsite "
            "makes it and owns it), e.g. .cache/legalsite"
        )
        for path in (self.folder, *self.folder.parents):
            if path.is_symlink() and not path.exists():
                raise LegalsiteError(
                    f"the PDF cache {self.folder} cannot be made: {path} is a symbolic link to "
                    f"{path.readlink()}, which does not exist",
                    hint="make the folder the link points to, or " + hint,
                )
        if not self.folder.exists():
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            # Made whole beside it, then renamed: never a cache folder without its tag, even
            # while another build makes the same folder at the same moment.
            staging = self.folder.parent / f".{self.folder.name}.new-{secrets.token_hex(4)}"
            staging.mkdir()
            (staging / TAG).write_text(TAG_TEXT, encoding="utf-8")
            try:
                staging.rename(self.folder)
            except OSError:  # another build made it first
                (staging / TAG).unlink()
                staging.rmdir()
        if not _is_cache(self.folder):
            raise LegalsiteError(
                f"{self.folder} is not a PDF cache made by legalsite (it has no {TAG} of ours)",
                hint=hint,
            )
        self._ready = True


def _is_cache(folder: Path) -> bool:
    try:
        first = (folder / TAG).read_text(encoding="utf-8").split("\n", 1)[0]
    except (OSError, UnicodeDecodeError):
        return False
    return folder.is_dir() and not folder.is_symlink() and first == TAG_SIGNATURE


def _whole_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


class Renderer:
    """A :data:`legalsite.evidence.pdf.PdfMaker`: each PDF from the disk cache, else rendered
    (the missing ones across ``workers`` processes) and stored there."""

    def __init__(self, cache: PdfCache | None, *, workers: int | None = None) -> None:
        self.cache = cache
        self.workers = workers if workers is not None else worker_count()
        self.rendered = 0
        """How many PDFs this renderer had to render (not on disk)."""

    def __call__(self, documents: Sequence[str]) -> list[bytes]:
        keys = [pdf.digest(document) for document in documents]
        found: dict[str, bytes] = {}
        missing: dict[str, str] = {}
        for key, document in zip(keys, documents, strict=True):
            if key in found or key in missing:
                continue
            data = self.cache.get(key) if self.cache is not None else None
            if data is None:
                missing[key] = document
            else:
                found[key] = data
        if self.cache is not None and missing:
            self.cache.open()  # refuse a foreign folder before spending time rendering
        made = self._render(list(missing.values())) if missing else []
        for key, data in zip(missing, made, strict=True):
            if self.cache is not None:
                self.cache.put(key, data)
            found[key] = data
        self.rendered += len(missing)
        return [found[key] for key in keys]

    def _render(self, documents: list[str]) -> list[bytes]:
        workers = min(self.workers, len(documents))
        if workers < 2 or len(documents) < PARALLEL_FROM:
            return [pdf.render_html(document) for document in documents]
        # Spawned, not forked: `mkdocs serve` runs builds beside other threads.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(pdf.render_html, documents))
