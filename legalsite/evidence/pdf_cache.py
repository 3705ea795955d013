"""The rendered PDFs kept on disk between builds, and the missing ones rendered in parallel.

A PDF's bytes are decided by its HTML and the renderer (:func:`legalsite.evidence.pdf.digest`: the
HTML, WeasyPrint's and pydyf's versions, the font files), so that digest names its file in the
cache, ``<folder>/<digest[:2]>/<digest>.entry``: a rebuild renders only the PDFs whose digest is
new, and an entry never needs to be invalidated (a changed HTML or renderer is another name).

**A cached file is trusted only if this machine made it.** The digest is the same on every
machine with the same image, so a name proves nothing: a cache folder committed to the
repository, copied from another machine or edited could hold any bytes under it. Each entry
therefore carries a tag, the HMAC-SHA256 of its digest and its bytes under this machine's cache
key (:func:`key_file`: ``$XDG_CACHE_HOME/legalsite/cache-key``, else
``~/.cache/legalsite/cache-key``; 32 random bytes made on first use, mode 0600, created
atomically, and never inside the project or the cache folder). An entry whose tag does not
match (made elsewhere, edited, or another entry's tag) is ignored and its PDF rendered again
and stored over it. A cache folder that holds a file git tracks is refused loudly: the cache
must never be committed (a fresh clone would otherwise start from a folder anyone could edit
in a pull request).

The cache folder is legalsite's own. It is made whole (with its ``CACHEDIR.TAG``, the
standard mark of a cache folder that backup tools skip) in a temporary sibling and renamed into
place, so it never exists without its tag; a folder by that name without the tag is refused,
and nothing in the cache is ever deleted, except the temporary files this process made. Every
entry is written to a temporary file beside it and renamed over its name: a reader sees a whole
entry or none, and two builds at once that write the same entry write the same bytes. The
folder may be deleted at any time; the next build renders everything again (a cold build).

The publish workflow keeps no cache of its own: its runner's key is new in every run, so no
file in the checkout can enter the published site.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import multiprocessing
import os
import secrets
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from legalsite.evidence import pdf, user_cache
from legalsite.model.errors import LegalsiteError

TAG = "CACHEDIR.TAG"
TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
"""The first line of a cache folder's tag (https://bford.info/cachedir/)."""
TAG_TEXT = (
    f"{TAG_SIGNATURE}\n"
    "# This folder is legalsite's cache of rendered PDFs, each named by the digest of what\n"
    "# decides its bytes. It may be deleted at any time; the next build renders them again.\n"
)
SUFFIX = ".entry"
ENTRY_HEADER = b"legalsite pdf cache entry 1\n"
"""An entry's first line; then its tag (64 hex digits and a newline), then the PDF's bytes."""
_MAC_LENGTH = 64

KEY_NAME = "cache-key"
KEY_BYTES = 32

PARALLEL_FROM = 4
"""Fewer PDFs than this to render are rendered in this process: starting a worker process and
importing WeasyPrint in it costs about as much as rendering a few PDFs."""


def worker_count() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


# -- This machine's key ------------------------------------------------------------------------


KEY_FOLDER_HINT = (
    "set XDG_CACHE_HOME to a folder of yours outside the project, or leave it unset (~/.cache)"
)


def key_file() -> Path:
    """Where this machine's cache key lives: in the user's cache folder, outside any project."""
    return user_cache.folder() / KEY_NAME


def machine_key(path: Path) -> bytes:
    """The key in ``path``, made there first if it is missing (atomically: a whole key is
    linked into place, so two builds at once read the same one)."""
    if not os.path.lexists(path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise LegalsiteError(
                f"the PDF cache key {path} cannot be made: {error.strerror}: {error.filename}",
                hint=KEY_FOLDER_HINT,
            ) from None
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{KEY_NAME}-")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_hex(KEY_BYTES) + "\n")
            with contextlib.suppress(FileExistsError):  # another build made it first
                os.link(name, path)
        finally:
            Path(name).unlink()
    hint = f"delete {path}: the next build makes a new key (and renders every PDF again)"
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        raise LegalsiteError(f"the PDF cache key {path} is not a regular file", hint=hint)
    if info.st_mode & 0o077:
        raise LegalsiteError(
            f"the PDF cache key {path} may be read or written by other users "
            f"(mode {stat.S_IMODE(info.st_mode):04o})",
            hint=hint,
        )
    text = path.read_bytes().strip()
    if len(text) != 2 * KEY_BYTES or not all(c in b"0123456789abcdef" for c in text):
        raise LegalsiteError(f"the PDF cache key {path} is not a key legalsite made", hint=hint)
    return bytes.fromhex(text.decode("ascii"))


def entry_tag(key: bytes, digest: str, data: bytes) -> bytes:
    """An entry's tag: what only this machine's key makes, over the entry's name and bytes."""
    message = b"legalsite pdf cache\0" + digest.encode("ascii") + b"\0" + data
    return hmac.new(key, message, hashlib.sha256).hexdigest().encode("ascii")


# -- What git tracks ---------------------------------------------------------------------------


def _git(project: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    git = shutil.which("git")
    if git is None:
        return None
    return subprocess.run(
        [git, "-C", str(project), *args], capture_output=True, check=False, stdin=subprocess.DEVNULL
    )


def work_tree(project: Path) -> Path | None:
    """The top folder of the git work tree ``project`` is in (None: not in one, or no git)."""
    result = _git(project, "rev-parse", "--show-toplevel")
    if result is None or result.returncode:
        return None
    return Path(os.fsdecode(result.stdout.rstrip(b"\n")))


def tracked(folder: Path, project: Path) -> list[str]:
    """The files git tracks in ``folder`` (or at a folder on the way to it from ``project``: a
    committed symbolic link), as paths relative to ``project``."""
    relative = Path(os.path.relpath(folder.absolute(), project.absolute()))
    on_the_way = [relative, *(p for p in relative.parents if p != Path())]
    if ".." in relative.parts:
        on_the_way = [relative]
    specs = [f":(literal){p.as_posix()}" for p in on_the_way]
    result = _git(project, "ls-files", "-z", "--", *specs)
    if result is None or result.returncode:
        return []  # not a git work tree, or the folder lies outside it
    names = [os.fsdecode(name) for name in result.stdout.split(b"\0") if name]
    inside = relative.as_posix() + "/"
    ancestors = {p.as_posix() for p in on_the_way}
    return [name for name in names if name.startswith(inside) or name in ancestors]


# -- The cache ---------------------------------------------------------------------------------


class PdfCache:
    """A folder of rendered PDFs by digest; see the module's docstring. ``project`` is the
    folder of mkdocs.yml (by default the cache folder's parent); ``key`` the file of this
    machine's key (by default :func:`key_file`)."""

    def __init__(self, folder: Path, *, project: Path | None = None, key: Path | None = None):
        self.folder = folder
        self.project = project if project is not None else folder.parent
        self.key_path = key if key is not None else key_file()
        self._key: bytes | None = None
        self._ready = False

    def entry(self, key: str) -> Path:
        if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
            raise ValueError(f"not a SHA-256 digest: {key!r}")
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> bytes | None:
        """The PDF stored under ``key`` by this machine, or None (absent, unreadable, not a
        whole PDF, or without this machine's tag over ``key`` and its bytes)."""
        path = self.entry(key)
        secret = self.trust()
        raw = _read_entry(path)
        if raw is None:
            return None
        head = len(ENTRY_HEADER)
        if (
            not raw.startswith(ENTRY_HEADER)
            or raw[head + _MAC_LENGTH : head + _MAC_LENGTH + 1] != b"\n"
        ):
            return None
        tag, data = raw[head : head + _MAC_LENGTH], raw[head + _MAC_LENGTH + 1 :]
        if not hmac.compare_digest(tag, entry_tag(secret, key, data)):
            return None
        return data if _whole_pdf(data) else None

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` with its tag: written beside it, then renamed over it."""
        if not _whole_pdf(data):
            raise ValueError("only a whole PDF is cached")
        self.open()
        target = self.entry(key)
        target.parent.mkdir(exist_ok=True)
        entry = ENTRY_HEADER + entry_tag(self.trust(), key, data) + b"\n" + data
        with contextlib.suppress(FileExistsError):
            # What is there and is not a regular file (a folder, a link, a FIFO) is not an
            # entry this cache wrote: left alone.
            user_cache.write_whole(target, entry)

    def trust(self) -> bytes:
        """This machine's key, after refusing a cache folder that git tracks files in and a key
        inside the project, its git work tree or the cache folder."""
        if self._key is not None:
            return self._key
        committed = tracked(self.folder, self.project)
        if committed:
            shown = ", ".join(committed[:3]) + (", …" if len(committed) > 3 else "")
            raise LegalsiteError(
                f"the PDF cache {self.folder} holds {len(committed)} file(s) committed to git "
                f"({shown}): a committed cache could put PDFs into the site that its sources "
                "did not make",
                hint=f"git rm -r --cached {os.path.relpath(self.folder, self.project)} and "
                "commit, and keep the folder in .gitignore",
            )
        key = self.key_path.absolute()
        where = user_cache.resolved(key)
        if where is None:
            raise LegalsiteError(
                f"the PDF cache key {key} cannot be reached: its path is a loop of symbolic links",
                hint=KEY_FOLDER_HINT,
            )
        for around in (self.folder, self.project, work_tree(self.project)):
            if around is not None and where.is_relative_to(around.resolve()):
                raise LegalsiteError(
                    f"the PDF cache key {key} lies inside {around}: a key in the project "
                    "could be committed, and then anyone could make cache entries",
                    hint="set XDG_CACHE_HOME to a folder outside the project, or leave it unset "
                    "(~/.cache)",
                )
        self._key = machine_key(key)
        return self._key

    def open(self) -> None:
        """Make the folder with its tag if it is missing; refuse a folder that is not a cache
        of legalsite's."""
        if self._ready:
            return
        self.trust()
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


MAX_ENTRY = 256 * 1024 * 1024
"""No PDF of a version is near this size: an entry larger than it is not read."""


def _read_entry(path: Path) -> bytes | None:
    """The bytes of the regular file at ``path`` (not followed if a link; never waiting on a
    FIFO or a device), or None: absent, unreadable, not a regular file, or over MAX_ENTRY."""
    try:
        return user_cache.read_entry(path, MAX_ENTRY)
    except OSError:
        return None


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
