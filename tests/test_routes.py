"""The table of routes (legalsite/model/routes.py): every page and file of a site, and the links."""

from __future__ import annotations

import posixpath
from datetime import date
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model import routes
from legalsite.model.document import ID_PATTERN, LANGS, SITE_ROOT_NAMES
from legalsite.model.routes import FILES, PAGES, FileKind, PageKind, page_path, page_url
from tests.conftest import examples

# A document may not take a name of the site's root (the model refuses it): its pages would
# be the site's own (/ledger/).
IDS = st.from_regex(ID_PATTERN, fullmatch=True).filter(
    lambda s: len(s) <= 40 and s not in SITE_ROOT_NAMES
)
VERSIONS = st.dates(min_value=date(1970, 1, 1), max_value=date(2106, 2, 7)).map(date.isoformat)


def every_page(document: str, version: str) -> dict[PageKind, str]:
    return {kind: page_path(document, kind, version) for kind in get_args(PageKind)}


def test_every_kind_has_a_route() -> None:
    assert set(PAGES) == set(get_args(PageKind))
    assert set(FILES) == set(get_args(FileKind))


@given(IDS, VERSIONS)
def test_pages_of_a_document_never_share_a_file_or_an_address(document: str, version: str) -> None:
    pages = every_page(document, version)
    assert len(set(pages.values())) == len(pages)
    assert len({page_url(path) for path in pages.values()}) == len(pages)
    assert all(path.endswith(".md") for path in pages.values())
    site_pages = {page_path("", kind) for kind in ("home", "ledger")}
    assert site_pages == {"index.md", "ledger.md"}
    assert all(path in site_pages or path.startswith(f"{document}/") for path in pages.values())


@settings(max_examples=examples(30))
@given(IDS, VERSIONS, IDS, VERSIONS)
def test_a_relative_link_leads_from_each_page_to_each_other(
    document: str, version: str, other: str, other_version: str
) -> None:
    sources = every_page(document, version)
    targets = every_page(other, other_version)
    for source in sources.values():
        for target in targets.values():
            link = routes.relative_url(source, target)
            here = page_url(source) or "."
            assert link.endswith("/")
            assert posixpath.normpath(posixpath.join(here, link)) == (
                posixpath.normpath(page_url(target) or ".")
            )


@given(IDS, VERSIONS)
def test_files_live_beside_their_version_and_link_back(document: str, version: str) -> None:
    page = page_path(document, "version", version)
    for lang in LANGS:
        for kind in ("text", "pdf", "changes-pdf"):
            file = routes.file_path(kind, document=document, version=version, lang=lang)
            assert file.startswith(f"{document}/{version}/")
            assert routes.relative_file(page, file) == posixpath.basename(file)
    assert routes.file_path("pdf", document=document, version=version, lang="en").endswith(
        f"{document}-{version}-en.pdf"
    )


@pytest.mark.parametrize("kind", ["version", "changes", "bilingual"])
def test_a_version_page_without_a_version_is_refused(kind: PageKind) -> None:
    with pytest.raises(ValueError, match="needs version"):
        page_path("doc", kind)


def test_the_default_language_is_the_sites_root() -> None:
    path = page_path("doc", "history")
    assert routes.site_url("zh", path) == "doc/history/"
    assert routes.site_url("en", path) == "en/doc/history/"
    assert routes.file_url("en", routes.file_path("feed")) == "en/feed.xml"
    assert routes.file_url("zh", routes.file_path("rules")) == "redline-rules.json"
