"""Where every page and file of a site lives: one table of routes, and the links between them.

:data:`PAGES` maps each kind of generated page to the pattern of its Markdown file, :data:`FILES`
each kind of other generated file to its path; both relative to a language folder (``zh`` at
the site's root, ``en`` under ``/en/``) but for :data:`SITE_FILES`, which are the site root's.
The pages, the plugin's nav and search, the feeds, versions.json, the PDFs and the URLs the
scripts fetch (written into the pages as data attributes) are all built from here.
"""

from __future__ import annotations

import posixpath
from typing import Literal

from legalsite.model.document import LANGS, Lang

PageKind = Literal[
    "home",
    "current",
    "history",
    "version",
    "changes",
    "bilingual",
    "at-date",
    "compare",
    "clauses",
    "ledger",
    "document-ledger",
    "clause-year",
]

PAGES: dict[PageKind, str] = {
    "home": "index.md",
    "current": "{document}/index.md",
    "history": "{document}/history.md",
    "at-date": "{document}/at-date.md",
    "compare": "{document}/compare.md",
    "clauses": "{document}/clauses.md",
    # The earlier changes of a year (legalsite.site.clause_history), the year as "version".
    "clause-year": "{document}/clauses/{version}.md",
    "version": "{document}/{version}/index.md",
    "changes": "{document}/{version}/changes.md",
    "bilingual": "{document}/{version}/bilingual.md",
    # The site's ledger is an index of the documents (issue 23: its weight grows with them
    # only); each document's files are on its own ledger page, which grows with its versions.
    "ledger": "ledger.md",
    "document-ledger": "{document}/ledger.md",
}
"""Each page kind's Markdown file; MkDocs serves ``a/b.md`` at ``a/b/`` and ``a/index.md`` at
``a/`` (``use_directory_urls``, :func:`page_url`)."""

FileKind = Literal[
    "text", "pdf", "changes-pdf", "docx", "changes-docx", "feed", "rules", "versions"
]

FILES: dict[FileKind, str] = {
    "text": "{document}/{version}/text.json",
    "pdf": "{document}/{version}/{document}-{version}-{lang}.pdf",
    "changes-pdf": "{document}/{version}/{document}-{version}-{lang}-changes.pdf",
    "docx": "{document}/{version}/{document}-{version}-{lang}.docx",
    "changes-docx": "{document}/{version}/{document}-{version}-{lang}-changes.docx",
    "feed": "feed.xml",
    "rules": "redline-rules.json",
    "versions": "{document}/versions.json",
}
"""Each other file of a language folder: a version's text for the compare page, its PDFs (named
to say what they are when saved), the Atom feed, the redline rules the compare page's engine
reads, a document's versions for the at-date and compare pages' scripts; each PDF's Word
document beside it, by the same name (``.docx``)."""

SITE_FILES = {"versions": "versions.json", "ledger": "ledger.json"}
"""Files of the site's root, in no language folder."""


def page_path(document: str, kind: PageKind, version: str | None = None) -> str:
    """The generated Markdown file of a page, relative to a language folder."""
    return _fill(PAGES[kind], document=document, version=version)


def file_path(
    kind: FileKind, *, document: str = "", version: str | None = None, lang: Lang | None = None
) -> str:
    """A generated file other than a page, relative to a language folder."""
    return _fill(FILES[kind], document=document, version=version, lang=lang)


def _fill(pattern: str, **values: str | None) -> str:
    missing = [name for name, value in values.items() if "{" + name + "}" in pattern and not value]
    if missing:
        raise ValueError(f"{pattern} needs {', '.join(missing)}")
    return pattern.format(**{name: value or "" for name, value in values.items()})


def site_file_url(from_path: str, lang: Lang, file: str) -> str:
    """A link from a generated page to a file of the site's root (:data:`SITE_FILES`)."""
    depth = (page_url(from_path) or "").count("/") + (1 if language_prefix(lang) else 0)
    return "../" * depth + file


def page_url(path: str) -> str:
    """The directory URL MkDocs gives a page (``use_directory_urls``), relative to its language."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


def relative_url(from_path: str, to_path: str) -> str:
    """A link from one generated page to another, as it works in the built site."""
    start = page_url(from_path) or "."
    target = page_url(to_path) or "."
    rel = posixpath.relpath(target, start)
    return "./" if rel == "." else rel + "/"


def relative_file(from_path: str, file: str) -> str:
    """A link from a generated page to a plain file (e.g. JSON) of the same language."""
    return posixpath.relpath(file, page_url(from_path) or ".")


def language_prefix(lang: Lang) -> str:
    """The folder of a language from the site root: zh (the default) at the root, en in en/."""
    return "" if lang == LANGS[0] else f"{lang}/"


def canonical_text_path(document: str, version: str, lang: Lang) -> str:
    """A version's canonical text (:func:`legalsite.model.document.canonical_text`) as a download,
    relative to its language folder; its SHA-256 is the one versions.json gives."""
    return f"{document}/{version}/{document}-{version}-{lang}.txt"


def site_url(lang: Lang, path: str) -> str:
    """Path of a page from the site root: zh at the root, en under /en/."""
    return language_prefix(lang) + page_url(path)


def file_url(lang: Lang, path: str) -> str:
    """A file's path from the site root (as :func:`site_url` for a page)."""
    return language_prefix(lang) + path
