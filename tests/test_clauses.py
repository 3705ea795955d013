"""The history of each clause: every version in which an id was added, changed, moved,
renumbered or removed, linked to that version's redline at the id."""

from __future__ import annotations

import html
import posixpath
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.account import account
from legalsite.compare.diff import compare
from legalsite.model import routes
from legalsite.model.citation import citations
from legalsite.model.document import LANGS, Document, Version, timeline
from legalsite.model.words import keyed, t
from legalsite.site.clause_history import clause_pages, records
from legalsite.site.plan import publication_dates
from legalsite.sources.calendar import WorkingCalendar
from tests.conftest import examples, planned
from tests.revisions import documents, revisions

BUILD_DAY = date(2025, 9, 1)


def revision_site() -> dict[str, str]:
    content = planned("revision", BUILD_DAY)
    return {f"{p.lang}/{p.path}": p.content for p in content.pages}


PAGES = revision_site()


def entry(page: str, anchor: str) -> str:
    (found,) = re.findall(
        rf'<div class="ls-clause-history" id="{anchor}">\n(.*?)\n</div>', page, re.DOTALL
    )
    return str(found)


def entries(page: str, anchor: str) -> list[str]:
    return re.findall(
        rf'<div class="ls-clause-history" id="{anchor}">\n(.*?)\n</div>', page, re.DOTALL
    )


ITEM = r'<li><a href="([^"]+)">([^<]+)</a>(.*?)</li>'


def chain(lang: str, anchor: str, pages: dict[str, str] = PAGES) -> list[tuple[str, str, str]]:
    """An id's whole history as the reader follows it: its entries on the pages of the years
    of its earlier changes, oldest year first, then on the page of every clause; links as
    from that page, without the link to the earlier changes."""
    doc = f"{lang}/user-service-agreement"
    years = sorted(
        name for name in pages if name.startswith(f"{doc}/clauses/") and name.endswith(".md")
    )
    found: list[tuple[str, str, str]] = []
    for name in years:
        for text in entries(pages[name], anchor):
            found += [
                (href.replace("../../", "../", 1), label, rest)
                for href, label, rest in re.findall(ITEM, text)
            ]
    for text in entries(pages[f"{doc}/clauses.md"], anchor):
        found += [item for item in re.findall(ITEM, text) if not item[0].startswith("20")]
    return found


def test_a_moved_and_changed_clause_lists_its_version_with_where_it_went() -> None:
    page = PAGES["zh/user-service-agreement/clauses.md"]
    assert entry(page, "governing-law-3").splitlines() == [
        '<p class="ls-clause-history-head"><strong>第十条第1款</strong> 条款 '
        '<span class="ls-clause-history-text">本协议条款任何部分被裁定无效或不可执行,则应以符合适用法律的方式'
        "对该部分予以解释,以最大程度地反映该部分的本意;本协议的…</span></p>",
        "<ul>",
        '<li><a href="../2024-01-01/#governing-law-3">收录于2024年1月1日版（首个版本）</a></li>',
        '<li><a href="../2025-07-01/changes/#governing-law-3">2025年7月1日版</a>: '
        '<span class="ls-change-label">移动并修改</span> <span class="ls-change-cite">第十条第1款</span> '
        "（从九、管辖与适用法律第3款移至十、修订与解释第1款）</li>",
        "</ul>",
    ]


def test_every_version_that_touched_an_id_is_listed_in_order() -> None:
    assert chain("en", "accounts-5") == [
        ("../2024-01-01/#accounts-5", "In the version of January 1, 2024 (the first)", ""),
        (
            "../2025-07-01/changes/#accounts-5",
            "version of July 1, 2025",
            ': <span class="ls-change-label">Renumbered</span> '
            '<span class="ls-change-cite">Section II, paragraph 6</span> (paragraph 5 → paragraph 6)',
        ),
        # 2025-09-01 fixed a typo in the Chinese text only: listed in English as that (issue
        # 25: each language's reader sees every change), with the editors' statement.
        (
            "../2025-09-01/changes/#accounts-5",
            "version of September 1, 2025",
            ': <span class="ls-change-label">Changed</span> '
            '<span class="ls-change-cite">Section II, paragraph 6</span> (Chinese text changed; '
            "English unchanged) (the editors state the other language needs no change)",
        ),
    ]
    assert chain("zh", "accounts-5")[1:] == [
        (
            "../2025-07-01/changes/#accounts-5",
            "2025年7月1日版",
            ': <span class="ls-change-label">重新编号</span> '
            '<span class="ls-change-cite">第二条第6款</span> （第5款 → 第6款）',
        ),
        (
            "../2025-09-01/changes/#accounts-5",
            "2025年9月1日版",
            ': <span class="ls-change-label">修改</span> '
            '<span class="ls-change-cite">第二条第6款</span> （中文文本已修改，英文文本不变）'
            " （编辑声明：另一语言文本无需修改）",
        ),
    ]


def test_removed_and_added_ids_keep_their_history() -> None:
    page = PAGES["zh/user-service-agreement/clauses.md"]
    removed = entry(page, "acceptable-use-2-4")
    assert "删除</span>" in removed and "../2025-07-01/changes/#acceptable-use-2-4" in removed
    added = "".join(map(str, chain("zh", "data-export-1")))
    assert "首个版本" not in added and "新增</span>" in added
    # Removed ids come after the ids of the latest version.
    ids = re.findall(r'<div class="ls-clause-history" id="([^"]+)">', page)
    assert ids[-1] == "acceptable-use-2-4" and ids.count("acceptable-use-2-4") == 1


def test_every_link_lands_on_its_id() -> None:
    assert "zh/user-service-agreement/clauses/2025.md" in PAGES  # the earlier changes' page
    for name, page in PAGES.items():
        lang, document, *rest = name.split("/")
        if not rest or rest[0] not in ("clauses.md", "clauses"):
            continue
        here = routes.page_url("/".join(rest))
        for target, anchor in re.findall(r'<li><a href="([^"#]+)#([^"]+)"', page):
            folder = posixpath.normpath(posixpath.join(here, target))
            path = f"{lang}/{document}/{folder}/index.md"
            if folder.endswith("/changes") or folder.split("/")[0] == "clauses":
                path = f"{lang}/{document}/{folder}.md"
            assert f'id="{anchor}"' in PAGES[path] or f"{{#{anchor}}}" in PAGES[path], (
                name,
                target,
                anchor,
            )


def test_every_clause_links_to_its_history() -> None:
    page = PAGES["en/user-service-agreement/2025-09-01/index.md"]
    for anchor in ("accounts-5", "acceptable-use-2-5", "data-export-1"):
        assert (
            f'<a class="headerlink ls-history-link" href="../clauses/#{anchor}" '
            'title="History of this clause"' in page
        )


@settings(max_examples=examples(40), deadline=None)
@given(data=st.data())
def test_the_history_is_the_sum_of_the_consecutive_comparisons(data: st.DataObject) -> None:
    """For a chain of revisions, an id's events are exactly the versions whose redline
    touched it, oldest first; nothing else is listed."""
    chain = [data.draw(documents())]
    for _ in range(data.draw(st.integers(1, 3))):
        chain.append(data.draw(revisions(chain[-1]))[0])
    versions = tuple(
        Version("doc", date(2024 + i, 1, 1), {lang: texts[lang] for lang in ("zh", "en")})
        for i, texts in enumerate(chain)
    )
    document = Document("doc", versions)
    line = timeline(document, publication_dates(document, WorkingCalendar()), date(2030, 1, 1))
    comparisons = {
        r.id: compare(r.previous.texts["en"], r.version.texts["en"])
        for r in line.releases
        if r.previous is not None
    }
    for record in records(line, "en", comparisons):
        expected = [
            version
            for version, comparison in comparisons.items()
            if any(c.id == record.element.id for c in comparison.touched())
        ]
        assert [e.release.id for e in record.events] == expected
        assert record.first == (record.element.id in set(chain[0]["en"].ids()))


HEAD = re.compile(
    r'<div class="ls-clause-history" id="([^"]+)">\n<p class="ls-clause-history-head">'
    r'<strong>([^<]*)</strong> ([^<]*) <span class="ls-clause-history-text">[^<]*</span></p>'
    r"\n<ul>\n(.*?)\n</ul>\n</div>",
    re.DOTALL,
)
CHANGE = re.compile(
    r'<li><a href="(?:\.\./)+([^/"]+)/changes/#([^"]+)">[^<]*</a>: '
    r'<span class="ls-change-label">[^<]*</span> <span class="ls-change-cite">([^<]*)</span>'
)


@settings(max_examples=examples(30), deadline=None)
@given(data=st.data())
def test_every_citation_is_the_accounts_in_the_numbering_of_its_version(
    data: st.DataObject,
) -> None:
    """The law of the page's citations: every element's head cites it as the account cites
    it in the text in force (the version it was removed from, the upcoming one it comes in),
    every change as that version's account cites the element there (its redline's words and
    numbers), in both languages; the page never names an element by its id, which is only
    the anchor."""
    chain = [data.draw(documents())]
    for _ in range(data.draw(st.integers(1, 3))):
        chain.append(data.draw(revisions(chain[-1]))[0])
    versions = tuple(
        Version("doc", date(2024 + i, 1, 1), {lang: texts[lang] for lang in LANGS})
        for i, texts in enumerate(chain)
    )
    document = Document("doc", versions)
    today = data.draw(st.dates(date(2023, 12, 20), date(2024 + len(chain), 1, 1)))
    line = timeline(document, publication_dates(document, WorkingCalendar()), today)
    for lang in LANGS:
        comparisons = {
            r.id: compare(r.previous.texts[lang], r.version.texts[lang])
            for r in line.releases
            if r.previous is not None
        }
        cited = {
            version: {e.id: e.citation for e in account(comparison).entries}
            for version, comparison in comparisons.items()
        }
        # Where each id reads: the last text in force that has it (the last published, before
        # any is in force), else the upcoming one it comes in.
        in_force = [r for r in line.releases if r.status != "upcoming"] or list(line.releases)
        texts = [r.version.texts[lang] for r in reversed(in_force)]
        texts += [r.version.texts[lang] for r in line.releases if r not in in_force]
        reads: dict[str, str] = {}
        for text in texts:
            for anchor, citation in citations(text).items():
                reads.setdefault(anchor, citation)
        kinds = {r.element.id: r.element.kind for r in records(line, lang, comparisons)}
        heads = 0
        for page in clause_pages(line, lang, comparisons):
            assert "<code>" not in page.content
            for anchor, head, kind, listed in HEAD.findall(page.content):
                heads += 1
                assert html.unescape(head) == reads[anchor]
                assert kind == html.escape(t(lang, keyed("kind", kinds[anchor])), quote=False)
                changes = CHANGE.findall(listed)
                assert len(changes) == listed.count("/changes/#")
                for version, target, citation in changes:
                    assert target == anchor
                    assert html.unescape(citation) == cited[version][anchor]
            assert heads or not kinds
        assert heads >= len(kinds)
