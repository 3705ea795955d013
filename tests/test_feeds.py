"""Feeds readers can find (issue 13): one Atom feed per document and language besides the
site's, each language's pages advertising that language's feeds, a visible "订阅更新 /
Subscribe to changes" link on each document page; every feed parses (xml.etree)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.model import escape
from legalsite.model.document import LANGS, Lang
from legalsite.model.errors import LegalsiteError
from legalsite.model.words import t
from legalsite.site.plan import plan
from legalsite.sources.calendar import load_calendar
from legalsite.sources.load import load_project
from tests.conftest import SITES, assemble, build_site, examples
from tests.hostile import hostile_text, markup, yaml_double_quoted

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://legal.example.com/"
DOCUMENTS = ("privacy-policy", "user-service-agreement")


def _files(root: Path, today: date) -> dict[str, str]:
    content = plan(load_project(root), load_calendar(root), today, base_url=BASE)
    return content.files


def _parse(xml: str) -> ElementTree.Element:
    return ElementTree.fromstring(xml.encode("utf-8"))


def _links(feed: ElementTree.Element) -> dict[str, str]:
    return {link.get("rel") or "": link.get("href") or "" for link in feed.findall(f"{ATOM}link")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_document_has_its_own_feed_in_each_language(lang: Lang) -> None:
    files = _files(SITES / "basic", date(2024, 6, 1))
    root = BASE + ("" if lang == "zh" else "en/")
    site = _parse(files[f"{lang}/feed.xml"])
    assert len(site.findall(f"{ATOM}entry")) == 2
    for document in DOCUMENTS:
        feed = _parse(files[f"{lang}/{document}/feed.xml"])
        assert feed.findtext(f"{ATOM}id") == f"{root}{document}/feed.xml"
        assert _links(feed) == {
            "alternate": f"{root}{document}/",
            "self": f"{root}{document}/feed.xml",
        }
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}id") for e in entries] == [
            f"{root}{document}/{'2024-03-01' if document == 'privacy-policy' else '2024-01-01'}/"
        ]
        title = load_project(SITES / "basic").documents[DOCUMENTS.index(document)].title(lang)
        assert feed.findtext(f"{ATOM}title") == t(lang, "document_feed_title", title=title)
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == (
            "zh-CN" if lang == "zh" else "en"
        )


def test_the_dates_of_an_entry_are_punctuated_for_each_language() -> None:
    files = _files(SITES / "basic", date(2024, 6, 1))
    zh = _parse(files["zh/privacy-policy/feed.xml"]).findtext(f"{ATOM}entry/{ATOM}summary")
    en = _parse(files["en/privacy-policy/feed.xml"]).findtext(f"{ATOM}entry/{ATOM}summary")
    assert zh == "生效日期：2024年3月1日；发布日期：2024年2月29日。"
    assert en == "Effective: March 1, 2024; Published: February 29, 2024."


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.one_of(hostile_text(), markup()))
def test_any_document_title_is_refused_or_inert_in_its_feed(
    title: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("feed")
    shutil.copytree(SITES / "basic" / "agreements", root / "agreements")
    for lang in ("zh", "en"):
        path = root / f"agreements/privacy-policy/2024-03-01/{lang}.yaml"
        text = path.read_text(encoding="utf-8")
        old = re.search(r"^title: .*$", text, re.M)
        assert old is not None
        path.write_text(text.replace(old.group(0), f"title: {yaml_double_quoted(title)}"), "utf-8")
    try:
        commands.validate(root=root)
    except LegalsiteError:
        return  # refused, with its location (tests/test_load.py asserts the messages)
    files = _files(root, date(2024, 6, 1))
    for lang in LANGS:
        feed = _parse(files[f"{lang}/privacy-policy/feed.xml"])  # well-formed, whatever the title
        expected = escape.xml_text(t(lang, "document_feed_title", title=title))
        assert feed.findtext(f"{ATOM}title") == expected
        assert len(list(feed.iter())) == len(
            list(_parse(files["zh/user-service-agreement/feed.xml"]).iter())
        )


# -- The built site --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = assemble(tmp_path_factory.mktemp("feeds") / "project", SITES / "basic" / "agreements")
    return build_site(root, date(2024, 6, 1))


def _opened(site: Path, page: Path, href: str) -> Path:
    """The file a link of a built page opens."""
    base = "https://x.example/" + page.relative_to(site).as_posix()
    return site / urljoin(base, href).removeprefix("https://x.example/")


def test_each_language_advertises_its_own_feeds_and_document_pages_link_theirs(
    built: Path,
) -> None:
    pages = [page for page in built.rglob("*.html") if page.name != "404.html"]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang: Lang = "en" if page.relative_to(built).parts[0] == "en" else "zh"
        prefix = built / ("en" if lang == "en" else "")
        advertised = [
            _opened(built, page, href)
            for href in re.findall(
                r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]*)">',
                html,
            )
        ]
        document = next((d for d in DOCUMENTS if d in page.relative_to(prefix).parts), None)
        expected = [prefix / "feed.xml"] + ([prefix / document / "feed.xml"] if document else [])
        assert advertised == expected, page
        subscribe = re.findall(
            r'<p class="ls-subscribe"><a href="([^"]*)" type="application/atom\+xml" '
            r'title="[^"]*">([^<]*)</a></p>',
            html,
        )
        if document is None:
            assert subscribe == [], page
            continue
        ((href, label),) = subscribe
        assert label == t(lang, "subscribe")
        assert _opened(built, page, href) == prefix / document / "feed.xml"
        feed = _parse((prefix / document / "feed.xml").read_text(encoding="utf-8"))
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == (
            "zh-CN" if lang == "zh" else "en"
        )
