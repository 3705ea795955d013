"""Recall of the real search box over the repository's agreement: every one- and two-character
Han string of the text in force (中文) and every English word (English) is found, the result
opens at an element that holds it, and no result lies outside the reader's language.

What is expected comes from the page as a reader sees it (the text of each element with an id),
not from the index: the queries are typed into Material's search box, in batches run inside the
page (one round trip per batch, not per query).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site, search

pytestmark = pytest.mark.browser

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")

# The agreement's elements a result can open at: the page itself (h1), headings, clauses, list
# items, tables and table rows; their text without the permalink and change marks.
_ELEMENTS = """() => {
    const article = document.querySelector("article");
    const found = [["", article.querySelector("h1").innerText]];
    for (const el of article.querySelectorAll("h2[id], p[id], li[id], table[id], tr[id]")) {
        const copy = el.cloneNode(true);
        copy.querySelectorAll("a.headerlink, a.ls-changed").forEach(a => a.remove());
        // A table's cells are separate texts (innerText may run them together).
        const cells = [...copy.querySelectorAll("th, td")].map(cell => cell.textContent);
        found.push([el.id, cells.length ? cells.join("\\n") : copy.innerText]);
    }
    return found;
}"""

# Types each query into the search box and waits for Material's answer (the result count it
# writes for every answer), then reads the result links.
_BATCH = """async (queries) => {
    const input = document.querySelector(".md-search__input");
    const meta = document.querySelector(".md-search-result__meta");
    const list = document.querySelector(".md-search-result__list");
    const out = [];
    const ask = (query) => {
        const answered = new Promise((resolve) => {
            const observer = new MutationObserver(() => { observer.disconnect(); resolve(true); });
            observer.observe(meta, {childList: true, characterData: true, subtree: true});
            setTimeout(() => { observer.disconnect(); resolve(false); }, 5000);
        });
        input.value = query;
        input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
        return answered;
    };
    if (input.value) await ask("");  // a query equal to the last one is not asked again
    for (const query of queries) {
        const ok = await ask(query);
        const links = [...list.querySelectorAll("a.md-search-result__link")];
        out.push(ok ? links.map((a) => a.href) : null);
    }
    return out;
}"""

BATCH = 400


def han_queries(texts: Iterable[str]) -> set[str]:
    """Every one- and two-character string of consecutive Han characters in the texts."""
    found: set[str] = set()
    for text in texts:
        for run in HAN.findall(text):
            found.update(run)
            found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def english_queries(texts: Iterable[str]) -> set[str]:
    return {word.lower() for text in texts for word in ENGLISH_WORD.findall(text)}


def holds(text: str, query: str, lang: str) -> bool:
    if lang == "zh":
        return query in text
    return re.search(rf"(?<![a-z]){re.escape(query)}", text.lower()) is not None


def recall(page: Page, site: Site, lang: str) -> tuple[int, list[str]]:
    """(number of queries, the misses with what was found instead)."""
    page.goto(site.url("current", lang))
    elements: list[tuple[str, str]] = [tuple(e) for e in page.evaluate(_ELEMENTS)]
    texts = [text for _, text in elements]
    queries = sorted(han_queries(texts) if lang == "zh" else english_queries(texts))
    assert search(page, queries[0])  # the index is loaded and the search box answers
    current = site.path(site.url("current", lang))
    misses: list[str] = []
    for start in range(0, len(queries), BATCH):
        batch = queries[start : start + BATCH]
        answers = page.evaluate(_BATCH, batch)
        for query, links in zip(batch, answers, strict=True):
            if links is None:
                misses.append(f"{query}: no answer")
                continue
            paths = [urlsplit(link) for link in links]
            outside = [p.path for p in paths if p.path.startswith("/en/") != (lang == "en")]
            opened = {p.fragment for p in paths if p.path == current}
            expected = {anchor for anchor, text in elements if holds(text, query, lang)}
            if outside or not opened & expected:
                misses.append(f"{query}: expected one of {sorted(expected)[:5]}, got {links[:3]}")
    return len(queries), misses


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_word_of_the_text_in_force_is_found_at_its_clause(
    page: Page, real: Site, lang: str
) -> None:
    total, misses = recall(page, real, lang)
    found = total - len(misses)
    print(f"\nsearch recall ({lang}): {found}/{total} = {100 * found / total:.2f}%")
    assert total > (1000 if lang == "zh" else 300)
    assert not misses, f"{len(misses)} of {total} not found at their clause:\n" + "\n".join(
        misses[:20]
    )


def test_variant_characters_the_text_mixes_are_found_by_either_form(page: Page, real: Site) -> None:
    page.goto(real.url("current", "zh"))
    elements: list[tuple[str, str]] = [tuple(e) for e in page.evaluate(_ELEMENTS)]
    texts = [text for _, text in elements]
    assert any("帐" in t for t in texts) and any("账" in t for t in texts), "the text mixes 帐/账"
    swap = str.maketrans("帐账", "账帐")
    pairs = sorted(q for q in han_queries(texts) if len(q) == 2 and set(q) & {"帐", "账"})
    queries = [q.translate(swap) for q in pairs]
    assert search(page, "协议")
    current = real.path(real.url("current", "zh"))
    answers = page.evaluate(_BATCH, queries)
    for written, query, links in zip(pairs, queries, answers, strict=True):
        opened = {urlsplit(link).fragment for link in links or [] if urlsplit(link).path == current}
        expected = {anchor for anchor, text in elements if written in text}
        assert opened & expected, f"{query} does not find {written} ({sorted(expected)})"
