"""Built sites served on localhost as a static host serves them, for the browser tests and
``scripts/lighthouse.py`` (the one server of the repository): text gzip-compressed when asked
for and the client accepts it, a folder's URL without its slash redirected, no access log."""

from __future__ import annotations

import contextlib
import functools
import gzip
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Files as a static host serves them: text gzip-compressed when the client accepts it."""

    compress = False

    def log_message(self, format: str, *args: Any) -> None:
        """No access log."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the folder's own URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object ``SimpleHTTPRequestHandler`` copies to the client."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        self.data = b""


@contextlib.contextmanager
def serve(directory: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` on a free localhost port in a thread; yields the base URL."""
    handler = type("Handler", (StaticHostHandler,), {"compress": compress})
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
