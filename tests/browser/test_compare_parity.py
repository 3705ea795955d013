"""One comparison, one set of rules: the compare page gives the server's account of any pair.

* For every pair of consecutive versions of the test sites, in both languages, the compare page
  shows exactly the changes page's entries: the same ids, labels, notes, marks, headings and
  collapsed blocks, in the same order.
* For any pair of versions of the revision site, and for generated documents and revisions
  (tests/revisions.py) and random texts, the browser's engine (legalsite-compare.js) returns
  the account and the redline the Python engine computes.
* ``?from=…&to=…`` restores and records the selection; the older version is always on the left.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page

from legalsite.compare import account, redline
from legalsite.compare.diff import compare, compare_versions
from legalsite.model.document import LANGS, Lang, Text
from legalsite.site.changes import changes_body
from legalsite.site.reader_pages import elements_json, rules_json
from legalsite.sources.load import load_project
from tests.browser.conftest import Site
from tests.conftest import SITES, examples
from tests.revisions import documents, revisions, rich_revisions
from tests.test_numbers_as_text import revisions as styled_revisions

pytestmark = pytest.mark.browser

DOC = "user-service-agreement"


# What both pages show of a redline: headings, entries (id, classes, everything inside: label,
# notes, marks) and the ids collapsed as unchanged, in order; and the counts.
EXTRACT = """(root) => {
  const area = document.querySelector(root);
  const parts = [];
  area.querySelectorAll("h2[id], h3[id], h4[id], .ls-change, details.ls-unchanged").forEach((e) => {
    if (e.matches("h2, h3, h4")) {
      parts.push(["heading", e.tagName, e.id, e.firstChild.textContent.trim()]);
    } else if (e.matches("details")) {
      parts.push(["collapsed", Array.from(e.querySelectorAll("[id]"), (x) => x.id)]);
    } else parts.push(["entry", e.id || e.getAttribute("data-id"), e.className, e.innerHTML]);
  });
  const summary = area.querySelector(".ls-summary");
  return {summary: Array.from(summary.querySelectorAll("p"), (p) => p.textContent), parts};
}"""


def versions_of(site: Site) -> list[str]:
    data = json.loads((site.root / "versions.json").read_text(encoding="utf-8"))
    (document,) = [d for d in data["documents"] if d["id"] == DOC]
    return [v["id"] for v in document["versions"]]


def open_compare(page: Page, site: Site, lang: str, query: str = "") -> dict[str, Any]:
    page.goto(site.url("compare", lang) + query)
    page.locator(".ls-compare-result .ls-summary").wait_for()
    shown: dict[str, Any] = page.evaluate(EXTRACT, ".ls-compare-result")
    return shown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["versions", "revision"])
def test_the_compare_page_shows_what_the_changes_page_shows(
    page: Page, request: pytest.FixtureRequest, name: str, lang: str
) -> None:
    site: Site = request.getfixturevalue(name)
    pairs = list(itertools.pairwise(versions_of(site)))
    entries = 0
    for old, new in pairs:
        page.goto(site.url(f"{DOC}/{new}/changes/", lang))
        expected = page.evaluate(EXTRACT, "article")
        shown = open_compare(page, site, lang, f"?from={old}&to={new}")
        assert shown["parts"] == expected["parts"], (old, new)
        if expected["parts"]:
            assert shown["summary"] == expected["summary"], (old, new)
        entries += sum(part[0] == "entry" for part in expected["parts"])
    assert pairs and entries


def test_the_revision_is_complete_on_the_compare_page(page: Page, revision: Site) -> None:
    shown = open_compare(page, revision, "zh", "?from=2024-01-01&to=2025-07-01")
    entries = {part[1]: part[3] for part in shown["parts"] if part[0] == "entry"}
    assert shown["summary"][0] == (
        "共18处变更：修改4处，新增3处，删除1处，移动0处，移动并修改1处，重新编号9处。"
    )
    # Each place cited in its own version's numbering, with its section's title.
    assert "（从九、管辖与适用法律第3款移至十、修订与解释第1款）" in entries["governing-law-3"]
    assert "（十一 → 十二）" in entries["contact"]
    assert "<del>承担</del><ins>负担</ins>" in entries["governing-law-2"]
    assert "<del>项目</del><ins>编号</ins>列表" in entries["disclaimer-13"]
    # The removed item stands where it stood: before the items that followed it.
    order = [part[1] for part in shown["parts"] if part[0] == "entry"]
    assert order.index("acceptable-use-2-4") + 1 == order.index("acceptable-use-2-5")


@pytest.mark.parametrize("lang", LANGS)
def test_any_two_versions_give_the_python_account(page: Page, revision: Site, lang: Lang) -> None:
    (document,) = load_project(SITES / "revision").documents
    versions = {v.id: v for v in document.versions}
    page.goto(revision.url("compare", lang))
    page.locator(".ls-compare-result .ls-summary").wait_for()
    for old, new in itertools.permutations(versions, 2):
        if old > new:
            continue
        # Both languages compared: a change in one language only is told in both.
        comparison = compare_versions(versions[old], versions[new])[lang]
        expected = account.as_json(account.account(comparison))
        got = page.evaluate(
            """async ([old, neu, lang]) => {
                const load = (v) => fetch(`../${v}/text.json`).then((r) => r.json());
                const words = JSON.parse(document.querySelector("form.ls-compare").dataset.strings);
                return window.legalsiteCompare.account(await load(old), await load(neu), words);
            }""",
            [old, new, lang],
        )
        assert got == expected, (old, new)


@pytest.mark.parametrize("lang", LANGS)
def test_sub_sections_annexes_and_end_matter_give_the_python_account(
    page: Page, hierarchy: Site, lang: Lang
) -> None:
    """A sub-section added, moved to another parent and renumbered, an annex added and
    renumbered, an end-matter clause changed: the compare page's engine tells it as the
    changes page does, and shows the same parts."""
    old, new = load_project(SITES / "hierarchy").document("service-terms").versions
    expected = account.as_json(account.account(compare_versions(old, new)[lang]))
    page.goto(hierarchy.url("service-terms/compare/", lang))
    page.locator(".ls-compare-result .ls-summary").wait_for()
    got = page.evaluate(
        """async ([old, neu]) => {
            const load = (v) => fetch(`../${v}/text.json`).then((r) => r.json());
            const words = JSON.parse(document.querySelector("form.ls-compare").dataset.strings);
            return window.legalsiteCompare.account(await load(old), await load(neu), words);
        }""",
        [old.id, new.id],
    )
    assert got == expected
    assert any(part["id"] == "_end" for part in got["parts"])
    page.goto(hierarchy.url("service-terms/2025-07-01/changes/", lang))
    shown = page.evaluate(EXTRACT, "article")
    page.goto(hierarchy.url("service-terms/compare/", lang) + "?from=2025-01-01&to=2025-07-01")
    page.locator(".ls-compare-result .ls-summary").wait_for()
    assert page.evaluate(EXTRACT, ".ls-compare-result")["parts"] == shown["parts"]


def _engine_data(text: Text) -> dict[str, Any]:
    return {"lang": text.lang, "elements": elements_json(text)}


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_generated_revisions_give_the_same_account_in_both_engines(
    page: Page, revision: Site, data: st.DataObject, lang: Lang
) -> None:
    if not page.url.startswith(revision.base):
        page.goto(revision.url("compare", lang))
        page.evaluate(
            "(rules) => window.legalsiteCompare.setRules(rules)", json.loads(rules_json())
        )
    old = data.draw(documents())
    new, _ = data.draw(revisions(old))
    expected = account.as_json(account.account(compare(old[lang], new[lang])))
    got = page.evaluate(
        "([a, b, w]) => window.legalsiteCompare.account(a, b, w)",
        [_engine_data(old[lang]), _engine_data(new[lang]), account.strings(lang)],
    )
    assert got == expected


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pair=rich_revisions(), lang=st.sampled_from(LANGS))
def test_revisions_of_paragraphs_nested_lists_and_verbatim_blocks_agree_in_both_engines(
    page: Page, revision: Site, pair: tuple[dict[Lang, Text], dict[Lang, Text]], lang: Lang
) -> None:
    """Clauses of several paragraphs, items nested three deep, verbatim blocks (issue 24): a
    paragraph reworded, dropped or added, an item removed at any depth, a template rewritten."""
    if not page.url.startswith(revision.base):
        page.goto(revision.url("compare", lang))
        page.evaluate(
            "(rules) => window.legalsiteCompare.setRules(rules)", json.loads(rules_json())
        )
    old, new = pair
    expected = account.as_json(account.account(compare(old[lang], new[lang])))
    got = page.evaluate(
        "([a, b, w]) => window.legalsiteCompare.account(a, b, w)",
        [_engine_data(old[lang]), _engine_data(new[lang]), account.strings(lang)],
    )
    assert got == expected


def _marked(data: st.DataObject, text: Text) -> Text:
    """``text`` with some of its sections and blocks marked prominent, at random."""
    markable = [e["id"] for e in elements_json(text) if e["kind"] not in ("title", "item", "row")]
    chosen = data.draw(st.sets(st.sampled_from(markable))) if markable else set()
    return dataclasses.replace(text, prominent=frozenset(chosen))


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_prominent_marks_give_the_same_account_in_both_engines(
    page: Page, revision: Site, data: st.DataObject, lang: Lang
) -> None:
    """Issue 24: a term newly marked prominent, or no longer, is a change in both engines, with
    the same note; generated revisions with marks drawn on both sides."""
    if not page.url.startswith(revision.base):
        page.goto(revision.url("compare", lang))
        page.evaluate(
            "(rules) => window.legalsiteCompare.setRules(rules)", json.loads(rules_json())
        )
    old = data.draw(documents())
    new, _ = data.draw(revisions(old))
    before, after = _marked(data, old[lang]), _marked(data, new[lang])
    expected = account.as_json(account.account(compare(before, after)))
    got = page.evaluate(
        "([a, b, w]) => window.legalsiteCompare.account(a, b, w)",
        [_engine_data(before), _engine_data(after), account.strings(lang)],
    )
    assert got == expected


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(old=TEXT, new=TEXT, lang=st.sampled_from(LANGS))
def test_any_texts_give_the_same_redline_in_both_engines(
    page: Page, revision: Site, old: str, new: str, lang: Lang
) -> None:
    """Any characters, Unicode's odd corners included: the character classes come as data."""
    if not page.url.startswith(revision.base):
        page.goto(revision.url("compare", "zh"))
        page.evaluate(
            "(rules) => window.legalsiteCompare.setRules(rules)", json.loads(rules_json())
        )
    expected = [[s.op, s.text] for s in redline.redline(old, new, lang)]
    got = page.evaluate(
        "([o, n, l, oc, nc]) => window.legalsiteCompare.redline(o, n, l, oc, nc)",
        [old, new, lang, redline.cuts(old, lang), redline.cuts(new, lang)],
    )
    assert got == expected


# -- A comparison at its own address ------------------------------------------------------------


def test_the_address_restores_and_records_the_selection(page: Page, revision: Site) -> None:
    open_compare(page, revision, "en", "?from=2024-01-01&to=2025-07-01")
    assert page.locator("#ls-from").input_value() == "2024-01-01"
    assert page.locator("#ls-to").input_value() == "2025-07-01"
    page.select_option("#ls-to", value="2025-09-01")
    page.wait_for_url("**/compare/?from=2024-01-01&to=2025-09-01")
    page.locator(".ls-compare-between", has_text="September 1, 2025").wait_for()
    # The language switch keeps the comparison.
    other = page.locator('a[hreflang="zh"]').first.get_attribute("href") or ""
    assert other.endswith("?from=2024-01-01&to=2025-09-01")
    # And the shared address shows it to the next reader.
    shown = open_compare(page, revision, "zh", "?from=2024-01-01&to=2025-09-01")
    assert shown["summary"][0].startswith("共18处变更：修改5处")


@pytest.mark.parametrize("lang", LANGS)
def test_the_older_version_is_always_on_the_left(page: Page, revision: Site, lang: str) -> None:
    forward = open_compare(page, revision, lang, "?from=2024-01-01&to=2025-07-01")
    backward = open_compare(page, revision, lang, "?from=2025-07-01&to=2024-01-01")
    assert backward == forward
    assert page.locator("#ls-from").input_value() == "2024-01-01"
    assert page.url.endswith("?from=2024-01-01&to=2025-07-01")
    labels = page.locator("form.ls-compare label").all_inner_texts()
    assert labels == (["旧版本", "新版本"] if lang == "zh" else ["Older version", "Newer version"])
    between = page.locator(".ls-compare-between").inner_text()
    assert between == (
        "2024年1月1日版 → 2025年7月1日版"
        if lang == "zh"
        else "From the version of January 1, 2024 to the version of July 1, 2025"
    )
    # Picking a newer version on the left puts it on the right.
    page.select_option("#ls-from", value="2025-09-01")
    page.wait_for_url("**/compare/?from=2025-07-01&to=2025-09-01")
    assert page.locator("#ls-to").input_value() == "2025-09-01"


# Each item and clause of a redline as the page shows it: id, classes, everything inside (its
# number as text first).
ITEMS = """(box) => Array.from(box.querySelectorAll("li[id], p.ls-clause[id]"),
  (e) => [e.id, e.className, e.innerHTML])"""


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pair=styled_revisions())
def test_the_compare_page_writes_each_number_as_the_changes_page_does(
    page: Page, revision: Site, pair: tuple[Text, Text]
) -> None:
    """Nested items three deep, removed and renumbered, in any list style (hostile ones too):
    the compare page's items read exactly as the changes page's, numbers as text included."""
    old, new = pair
    if not page.url.startswith(revision.base):
        page.goto(revision.url("compare", new.lang))
        page.evaluate(
            "(rules) => window.legalsiteCompare.setRules(rules)", json.loads(rules_json())
        )
    python = page.evaluate(
        f"""(html) => {{ const box = document.createElement("div"); box.innerHTML = html;
            return ({ITEMS})(box); }}""",
        changes_body(account.account(compare(old, new))),
    )
    shown = page.evaluate(
        f"""([a, b, w]) => {{ const box = document.createElement("div");
            window.legalsiteCompare.body(a, b, w).forEach((n) => box.appendChild(n));
            return ({ITEMS})(box); }}""",
        [_engine_data(old), _engine_data(new), account.strings(new.lang)],
    )
    assert shown == python
