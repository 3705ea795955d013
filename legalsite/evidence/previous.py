"""The last published site, read for ``legalsite build --previous SITE``.

``SITE`` is a folder (a copy of the published site) or the site's ``https://`` address
(``site_url`` stands for the address mkdocs.yml's ``site_url`` gives). Its ``ledger.json``
(:mod:`legalsite.evidence.ledger`) is read first, and the build then asks for the files it
will serve again (:meth:`PreviousSite.files`): each is read (from the folder, or fetched with
urllib, a few at a time, each within the timeout and a size bound) and **checked against the
ledger's SHA-256 and size**. A file that does not match, is missing or cannot be read is a
problem located at its path or address; the build collects them all and stops once
(:func:`legalsite.model.errors.raise_if_any`), before rendering anything.

Nothing in the project's tree is read here: what was published is what the published site
says it published.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import stat
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from legalsite.evidence import verify
from legalsite.evidence.ledger import Key, Ledger, LedgerFormatError, from_json
from legalsite.model import routes
from legalsite.model.errors import LegalsiteError, Problem
from legalsite.model.escape import terminal

LEDGER_FILE = routes.SITE_FILES["ledger"]
MAX_LEDGER = 64 * 1024 * 1024
"""The most of ledger.json read: a site of thousands of versions lists far less."""
MAX_FILE = verify.MAX_FILE_BYTES
FETCHERS = 8
"""Files fetched at once from an address."""
DEFAULT_TIMEOUT = 30.0
SITE_URL = "site_url"
"""The ``--previous`` value that stands for mkdocs.yml's ``site_url``."""
HINT = (
    "give the last published site: its https:// address (site_url), or a folder holding a copy "
    "of it; for a site's first publication, build without --previous"
)


def check_source(source: str) -> None:
    """An address of a previous site: https, or http to this machine only (a test's server);
    never an empty value (it would read the ledger.json of whatever folder the build runs in)."""
    if not source.strip():
        raise LegalsiteError("the previous site is an empty value", hint=HINT)
    if "://" not in source:
        return
    try:
        verify.check_address(source)
    except LegalsiteError as exc:
        raise LegalsiteError(f"the previous site {exc.message}", hint=HINT) from None
    parts = urlsplit(source)
    if parts.scheme.lower() == "https":
        return
    try:
        loopback = ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        loopback = parts.hostname == "localhost"
    if not loopback:
        raise LegalsiteError(
            f"the previous site {terminal(source)} is not an https:// address",
            hint="evidence is read over https only: give the site's https:// address",
        )


class PreviousSite:
    """The last published site: its ledger, and its files on request, checked."""

    def __init__(self, source: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        check_source(source)
        self.source = source
        self.timeout = timeout
        self.remote = "://" in source
        self.problems: list[Problem] = []
        """Files that did not match the ledger, or could not be read."""
        data = self._read(LEDGER_FILE, MAX_LEDGER, problem=False)
        assert data is not None
        try:
            self.ledger: Ledger = from_json(data)
        except LedgerFormatError as exc:
            raise LegalsiteError(
                f"{terminal(self.where(LEDGER_FILE))} is not a legalsite ledger: {exc}",
                hint=HINT,
            ) from None

    def where(self, path: str) -> str:
        """A file's address (remote) or path (folder), as messages name it."""
        if self.remote:
            return self.source.rstrip("/") + "/" + path
        return str(Path(self.source) / path)

    def files(self, keys: Sequence[Key]) -> dict[Key, bytes]:
        """The bytes of each file of ``keys`` the ledger lists, each checked against it (the
        others are new: absent from the answer). A file that fails the check is in
        :attr:`problems` and given as empty bytes, so no time is spent rendering it again."""
        listed = [key for key in dict.fromkeys(keys) if self.ledger.get(key) is not None]
        if self.remote and len(listed) > 1:
            with ThreadPoolExecutor(max_workers=FETCHERS) as pool:
                found = list(pool.map(self._checked, listed))
        else:
            found = [self._checked(key) for key in listed]
        return dict(zip(listed, found, strict=True))

    def _checked(self, key: Key) -> bytes:
        entry = self.ledger.get(key)
        assert entry is not None
        data = self._read(key.path, MAX_FILE)
        if data is None:
            return b""
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry.sha256 or len(data) != entry.size:
            self.problems.append(
                Problem(
                    self.where(key.path),
                    None,
                    None,
                    f"the previous site serves a file that is not the one its ledger lists "
                    f"(SHA-256 {digest}, {len(data)} bytes; the ledger lists {entry.sha256}, "
                    f"{entry.size} bytes): it was changed after it was published",
                    "find out who changed the published file, and publish from a copy of the "
                    "site whose files match its ledger.json; a build never serves a file that "
                    "differs from what was published",
                )
            )
            return b""
        return data

    def _read(self, path: str, limit: int, *, problem: bool = True) -> bytes | None:
        """The file at ``path`` of the site, or None with a problem (or raised, for the ledger)."""
        try:
            if self.remote:
                return verify.fetch(self.where(path), self.timeout, limit=limit, hint=HINT)
            return _read_file(Path(self.source), path, limit)
        except LegalsiteError as exc:
            if not problem:
                raise
            self.problems.append(Problem(self.where(path), None, None, exc.message, exc.hint))
            return None


def _read_file(folder: Path, path: str, limit: int) -> bytes:
    """A regular file of the folder (no link followed out of it, no FIFO waited on)."""
    target = folder / path
    where = terminal(str(target))
    if not folder.is_dir():
        raise LegalsiteError(
            f"the previous site {terminal(str(folder))} is not a folder", hint=HINT
        )
    if any(p.is_symlink() for p in [target, *target.parents] if p.is_relative_to(folder)):
        raise LegalsiteError(f"{where} is a symbolic link: not a file of the site", hint=HINT)
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise LegalsiteError(
            f"cannot read {where}: {terminal(exc.strerror or str(exc))}", hint=HINT
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        # Before fdopen, which refuses a folder with a bare OSError ("Is a directory: 4").
        os.close(fd)
        raise LegalsiteError(f"{where} is not a regular file", hint=HINT)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise LegalsiteError(f"{where} is larger than {limit} bytes", hint=HINT)
    return data
