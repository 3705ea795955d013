"""Cross-references and citations (issue 24): ``[](#id)`` in a clause is written as the target's
current number in the reader's language, as a link; a renumbering rewrites it and the redline
says so; ``validate`` refuses a reference to an element this version does not have; redlines
name elements as a reader cites them (第二条第5款 / Section II, paragraph 5), never by id.

The real document: tests/data/sites/licences, an excerpt of the CC BY 4.0 legal code in
English and its official Chinese translation (public domain; see test_numbering.py), whose
Section 4 ends "this Section 4 supplements ..." / "第四条补充且不取代 ...".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare import report
from legalsite.compare.account import account
from legalsite.compare.diff import compare
from legalsite.model import escape, inline
from legalsite.model.citation import citations
from legalsite.model.document import ID_PATTERN, Lang, Text
from legalsite.sources.load import load_project
from tests.conftest import ROOT, SITES, assemble, build_site, examples, made_once, run_cli
from tests.test_numbering import EFFECTIVE, LICENCES

VERSION = "agreements/cc-by-4/2013-11-25"


def _texts(root: Path) -> dict[Lang, Text]:
    (document,) = load_project(root).documents
    texts = document.versions[-1].texts
    return {lang: texts[lang] for lang in texts}


@pytest.fixture(scope="module")
def licences(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_once(
        tmp_path_factory,
        "licences",
        lambda folder: build_site(assemble(folder / "project", LICENCES, pdf=True), EFFECTIVE),
    )


def test_a_reference_is_written_as_its_targets_number_and_links_to_it(licences: Path) -> None:
    zh = (licences / "cc-by-4/2013-11-25/index.html").read_text(encoding="utf-8")
    en = (licences / "en/cc-by-4/2013-11-25/index.html").read_text(encoding="utf-8")
    assert '其他著作权与类似权利时，<a href="#s4">第四条</a>补充且不取代' in zh
    assert 'For the avoidance of doubt, this <a href="#s4">Section 4</a> supplements' in en
    published = (licences / "en/cc-by-4/2013-11-25/cc-by-4-2013-11-25-en.txt").read_text(
        encoding="utf-8"
    )
    assert "this [Section 4](#s4) supplements" in published


def test_the_seeds_citations() -> None:
    texts = _texts(ROOT)
    zh, en = citations(texts["zh"]), citations(texts["en"])
    assert (zh["accounts"], en["accounts"]) == ("第二条", "Section II")
    assert (zh["accounts-5"], en["accounts-5"]) == ("第二条第5款", "Section II, paragraph 5")
    assert (zh["user-information-5-2"], en["user-information-5-2"]) == (
        "第三条第2项",
        "Section III(2)",
    )
    assert (zh["preamble-2"], en["preamble-2"]) == ("序言第2款", "Preamble, paragraph 2")
    assert (zh["contact-email"], en["contact-email"]) == ("第十一条第1项", "Section XI(1)")


def test_the_licences_citations() -> None:
    texts = _texts(LICENCES.parent)
    zh, en = citations(texts["zh"]), citations(texts["en"])
    assert (zh["s4"], en["s4"]) == ("第四条", "Section 4")
    assert (zh["s5c"], en["s5c"]) == ("第五条第c项", "Section 5(c)")
    assert (zh["s4-doubt"], en["s4-doubt"]) == ("第四条第2款", "Section 4, paragraph 2")


def _renumbered(tmp_path: Path) -> Path:
    """The licences with their sections counted from 5: Section 4 becomes Section 5."""
    root = assemble(tmp_path / "project", LICENCES)
    for lang in ("zh", "en"):
        path = root / VERSION / f"{lang}.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("    start: 4\n", "    start: 5\n", 1),
            encoding="utf-8",
        )
    return root


def test_a_renumbering_rewrites_the_reference_and_the_redline_says_so(tmp_path: Path) -> None:
    before, after = _texts(LICENCES.parent), _texts(_renumbered(tmp_path))
    assert "this [Section 5](#s4) supplements" in after["en"].sections[0].blocks[-1].text  # type: ignore[union-attr]
    assert "[第五条](#s4)补充" in after["zh"].sections[0].blocks[-1].text  # type: ignore[union-attr]
    expected: tuple[tuple[Lang, str, str], ...] = (
        ("zh", "（引用的第四条现为第五条）", "第五条第2款"),
        ("en", "(the reference to Section 4 now reads Section 5)", "Section 5, paragraph 2"),
    )
    for lang, note, cited in expected:
        result = account(compare(before[lang], after[lang]))
        (entry,) = [e for e in result.entries if e.id == "s4-doubt"]
        assert (entry.status, entry.notes, entry.citation) == ("changed", (note,), cited)
        text = report.as_text(compare(before[lang], after[lang]), "x", color=False)
        assert f" {cited} {note}: " in text
        assert "s4-doubt" not in text


def test_validate_refuses_a_reference_to_an_element_this_version_lacks(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", LICENCES)
    en = root / VERSION / "en.yaml"
    en.write_text(
        en.read_text(encoding="utf-8").replace("this [](#s4) supplements", "this [](#s9) x"),
        encoding="utf-8",
    )
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        f"error: {VERSION}/en.yaml:33:11: cross-reference [](#s9) names no element of this "
        "version\n"
        "    hint: write the id of a section, clause, list item or row of this version; an "
        "element removed in this version can no longer be referred to\n"
        "1 problem in agreements/\n",
    )


def test_validate_refuses_a_reference_that_is_no_id(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", LICENCES)
    zh = root / VERSION / "zh.yaml"
    zh.write_text(
        zh.read_text(encoding="utf-8").replace("[](#s4)补充", "[](#S4)补充"), encoding="utf-8"
    )
    ran = run_cli(root, "validate")
    assert ran.returncode == 1
    assert ran.stderr.startswith(
        f"error: {VERSION}/zh.yaml:31:11: cross-reference '#S4' does not name an id (at "
    )


_IDS = st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) < 30)
_WORDS = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=20
).filter(lambda s: s.strip() == s and not inline._REFERENCE.search(s) and "<" not in s)


@settings(max_examples=examples(200))
@given(st.lists(st.tuples(_IDS, _WORDS), min_size=1, max_size=4, unique_by=lambda p: p[0]))
def test_a_resolved_reference_reads_its_citation_whatever_it_holds(
    refs: list[tuple[str, str]],
) -> None:
    cited = dict(refs)
    source = " and ".join(f"see [](#{target})" for target, _ in refs)
    written = inline.resolve(source, cited.__getitem__)
    assert inline.reference_words(written) == cited
    assert inline.references(written) == tuple(cited)
    assert escape.inline_plain(written) == " and ".join(f"see {words}" for words in cited.values())
    for target in cited:
        assert f'<a href="#{target}">' in escape.inline_html(written)


def test_sites_without_references_are_unchanged() -> None:
    for site in ("basic", "revision", "versions"):
        for document in load_project(SITES / site).documents:
            for version in document.versions:
                for text in version.texts.values():
                    assert "](#" not in "".join(
                        b.text for s in text.sections for b in s.blocks if hasattr(b, "text")
                    )
