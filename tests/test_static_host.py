"""The repository's one static test server (browser tests, scripts/lighthouse.py)."""

from __future__ import annotations

import gzip
import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.static_host import serve


def get(base: str, path: str, *, gzip_ok: bool) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(urlsplit(base).netloc)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


@pytest.mark.parametrize(("compress", "gzip_ok"), [(True, True), (True, False), (False, True)])
def test_text_is_compressed_only_when_asked_and_accepted(
    tmp_path: Path, compress: bool, gzip_ok: bool
) -> None:
    page = "<!doctype html><title>页</title>" * 50
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc/index.html").write_text(page, encoding="utf-8")
    (tmp_path / "doc/image.png").write_bytes(b"\x89PNG")
    with serve(tmp_path, compress=compress) as base:
        response = get(base, "/doc/", gzip_ok=gzip_ok)
        body = response.read()
        assert response.status == 200
        if compress and gzip_ok:
            assert response.getheader("Content-Encoding") == "gzip"
            assert response.getheader("Vary") == "Accept-Encoding"
            assert gzip.decompress(body).decode("utf-8") == page
        else:
            assert response.getheader("Content-Encoding") is None
            assert body.decode("utf-8") == page
        image = get(base, "/doc/image.png", gzip_ok=gzip_ok)
        assert (image.getheader("Content-Encoding"), image.read()) == (None, b"\x89PNG")
        redirect = get(base, "/doc", gzip_ok=gzip_ok)
        assert (redirect.status, redirect.getheader("Location")) == (301, "/doc/")
