"""Native Chinese chrome (issue 13): full-width punctuation in every Chinese string the site
generates, no English words of the site's own on its Chinese pages, a bilingual 404 page whose
language switch opens each language's home page, and the stale-site warning in plain words."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from legalsite.model.document import Lang, canonical_text
from legalsite.model.words import STRINGS, t
from legalsite.sources.load import load_project
from tests.conftest import ROOT, SITES, assemble, build_site

ASCII_PUNCTUATION = ":(),;?!"
EXEMPT = {"last_updated"}
""""最后更新日期:" is the agreement's own line, as its editors write it (issue 13: it "stays as
the agreement writes it"; tests/test_fidelity.py holds it to the reference text)."""


def _glued(char: str) -> bool:
    """A character Chinese punctuation must sit next to in full width: Han (and the CJK
    punctuation around it), or a placeholder's brace (a Chinese title, date or number)."""
    return char in "{}" or unicodedata.name(char, "").startswith(("CJK", "IDEOGRAPHIC"))


def half_width(text: str) -> list[str]:
    """Each ASCII punctuation mark of ``text`` next to Chinese, or at an end (a joiner such as
    "," lands between Chinese words), shown in its context."""
    found = []
    for index, char in enumerate(text):
        if char not in ASCII_PUNCTUATION:
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if not before or not after or _glued(before) or _glued(after):
            found.append(text[max(0, index - 4) : index + 5])
    return found


def catalogues() -> dict[str, dict[str, str]]:
    """Every Chinese word the site generates: the one catalogue (the scripts and the PDFs take
    theirs from it)."""
    words = {key: str(value) for key, value in STRINGS["zh"].items()}
    return {"legalsite.model.words": words}


def test_the_rule_finds_half_width_punctuation_next_to_chinese() -> None:
    assert half_width("共{total}处变更:{counts}。") == ["}处变更:{cou"]
    assert half_width("用户服务协议(2026年12月15日版)") == ["服务协议(2026", "15日版)"]
    assert half_width(",") == [","]
    assert half_width("SHA-256 (hex), done") == []
    assert half_width("共4处变更：修改2处，新增0处。") == []


@pytest.mark.parametrize("catalogue", sorted(catalogues()))
def test_every_chinese_string_uses_full_width_punctuation(catalogue: str) -> None:
    strings = catalogues()[catalogue]
    assert len(strings) >= 5
    found = {
        key: half_width(text)
        for key, text in strings.items()
        if key not in EXEMPT and half_width(text)
    }
    assert found == {}


def test_the_new_sites_chinese_example_uses_full_width_punctuation() -> None:
    """The agreement `legalsite new-site` writes is what a new organisation copies first."""
    skeleton = ROOT / "legalsite" / "skeleton"
    files = sorted(skeleton.rglob("zh.yaml"))
    assert files
    found = {
        f"{path.relative_to(skeleton)}:{number}": half_width(line.split(":", 1)[1])
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(r"\s*(?:- )?(?:text|title): ", line) and half_width(line.split(":", 1)[1])
    }
    assert found == {}


def test_the_stale_site_warning_is_in_plain_words() -> None:
    for lang in ("zh", "en"):
        warning = t(lang, "stale_build", date="D")
        assert "构建" not in warning and "rebuilt" not in warning and "build" not in warning
        assert "D" in warning


# -- The built site --------------------------------------------------------------------------


class Chrome(HTMLParser):
    """The words a reader sees or hears on a page (text, titles, labels, placeholders), but
    those inside an element of another language (lang="en"), scripts, styles, icons and code."""

    VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"})

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._skip: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in self.VOID:
            if not self._skip:
                self._attributes(found)
            return
        # <code>: names the site quotes as they are (ids, file paths, digests), not words.
        skipped = ("script", "style", "svg", "code")
        if self._skip or tag in skipped or found.get("lang") not in (None, "zh"):
            self._skip.append(tag)
            return
        self._attributes(found)

    def _attributes(self, found: dict[str, str | None]) -> None:
        for name in ("title", "aria-label", "placeholder", "alt"):
            self.words.append(found.get(name) or "")

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.words.append(data)


ALLOWED = {"PDF", "Word", "SHA", "Atom", "JavaScript", "English"}
"""Names a Chinese page gives as they are: file formats (PDF, Word 文档), a technology, the
other language's own name in the language switch."""


def latin_words(text: str) -> set[str]:
    """The Latin-letter words of ``text``, addresses aside (a printout's permanent URL)."""
    text = re.sub(r"https?://\S+", " ", text)
    return set(re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]", text))


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/sites/versions on the publication date of its second version: every page
    kind, the upcoming notice included."""
    root = assemble(
        tmp_path_factory.mktemp("chrome") / "project", SITES / "versions" / "agreements"
    )
    return build_site(root, date(2025, 2, 28))


def test_chinese_pages_carry_no_english_word_of_the_site(published_site: Path) -> None:
    project = load_project(SITES / "versions")

    def agreement(*langs: Lang) -> set[str]:
        return {
            word
            for document in project.documents
            for version in document.versions
            for lang in langs
            for word in latin_words(canonical_text(version.texts[lang], version.effective))
        }

    # The side-by-side pages show the English text too (its section headings name both; the
    # numbers I., II. are the English text's).
    own, both = agreement("zh"), agreement("zh", "en") | {"I", "II", "III", "IV", "V"}
    pages = [
        page
        for page in published_site.rglob("*.html")
        if page.relative_to(published_site).parts[0] != "en" and page.name != "404.html"
    ]
    assert len(pages) == 13  # with the publication ledger's index and the document's ledger
    for page in pages:
        words = latin_words(" ".join(Chrome(page.read_text(encoding="utf-8")).words))
        text = both if "bilingual" in page.parts else own
        assert words - text - ALLOWED == set(), page


def test_the_404_page_speaks_both_languages_and_its_switch_opens_each_home(
    published_site: Path,
) -> None:
    page = (published_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in page and "Made with" not in page
    # The default language's build writes it (issue 25): not the last language built.
    assert '<html lang="zh" class="no-js">' in page
    assert not (published_site / "en" / "404.html").exists()
    header = Chrome(page.split('<div class="ls-not-found"')[0])
    assert latin_words(" ".join(header.words)) - ALLOWED == set()
    for lang in ("zh", "en"):
        assert f'<div class="ls-not-found" lang="{lang}">' in page
        for key in ("not_found_title", "not_found_text", "not_found_home"):
            assert t(lang, key) in page
    switch = re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link">', page)
    assert switch == [("/", "zh"), ("/en/", "en")]
    for href, _ in switch:
        assert (published_site / href.lstrip("/") / "index.html").is_file()


def test_every_page_is_titled_once_with_the_sites_name(published_site: Path) -> None:
    """Each page's <title> is its own title and then the site's name ("用户服务协议 - 法律文件"),
    or the site's name alone where the page is titled with it (each language's home page),
    never "法律文件 - 法律文件"."""
    names = {"zh": "法律文件", "en": "Legal documents"}
    titles: dict[str, str] = {}
    for page in sorted(published_site.rglob("*.html")):
        found = re.findall(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
        assert len(found) == 1, page
        titles[page.relative_to(published_site).as_posix()] = found[0]
    assert titles["index.html"] == names["zh"]
    assert titles["en/index.html"] == names["en"]
    assert titles["user-service-agreement/index.html"] == "用户服务协议 - 法律文件"
    for path, title in titles.items():
        name = names["en" if path.startswith("en/") else "zh"]
        parts = title.split(" - ")
        assert parts.count(name) <= 1 and parts[-1] in names.values(), (path, title)


def test_a_page_titled_with_a_site_name_of_markup_characters_gets_it_once(tmp_path: Path) -> None:
    """The comparison is of the texts: the page's title is written escaped into its front
    matter, the site's name as mkdocs.yml gives it ("A & B" is "A &amp; B" there)."""
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    name = "条款 & 政策 \"A\" 'B'"
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_name: 法律文件\n", f"site_name: {json.dumps(name, ensure_ascii=False)}\n"
        ),
        encoding="utf-8",
    )
    for zh in (root / "agreements" / "user-service-agreement").glob("*/zh.yaml"):
        text = zh.read_text(encoding="utf-8")
        zh.write_text(
            text.replace(
                "title: 用户服务协议\n", f"title: '{name.replace(chr(39), chr(39) * 2)}'\n", 1
            ),
            encoding="utf-8",
        )
    site = build_site(root, date(2024, 6, 1))
    page = (site / "user-service-agreement" / "index.html").read_text(encoding="utf-8")
    (title,) = re.findall(r"<title>(.*?)</title>", page, re.S)
    assert " - " not in title and html.unescape(title) == name
