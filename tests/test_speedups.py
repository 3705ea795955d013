"""The shortcuts the build takes for speed give exactly what the plain way gives.

Each one is compared with the definition it replaces, on generated hostile input."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.compare.diff import elements
from legalsite.model import characters, escape
from legalsite.model.document import LANGS, Lang
from legalsite.plugin import rawhtml
from legalsite.site.plan import generated_files, plan
from legalsite.site.reader_pages import elements_json, text_json
from legalsite.site.render import _last_word
from legalsite.sources import yamlfile
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import Project
from tests.conftest import SITES, assemble, examples
from tests.hostile import hostile_string, hostile_text
from tests.test_escape import hostile_document, no_surrogates


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(hostile_string(), min_size=40, max_size=40).map(no_surrogates))
def test_text_json_from_cached_elements_is_the_json_of_the_whole(strings: list[str]) -> None:
    document, _ = hostile_document(strings)
    site = plan(Project(SITES / "basic", (document,)), WorkingCalendar(), date(2024, 6, 1))
    for line in site.timelines:
        for release in line.releases:
            for lang in LANGS:
                other = release.version.texts["en" if lang == "zh" else "zh"]
                whole: dict[str, Any] = {
                    "version": release.id,
                    "effective": release.effective.isoformat(),
                    "lang": lang,
                    "elements": elements_json(release.version.texts[lang]),
                    # The other language's text of each element, as a digest (issue 25).
                    "other": {
                        e.id: hashlib.sha256(e.source.encode("utf-8")).hexdigest()[:16]
                        for e in elements(other)
                    },
                    "translationUnchanged": list(release.version.translation_unchanged),
                }
                expected = escape.json_text(whole, compact=True, sort_keys=True) + "\n"
                assert text_json(release, lang) == expected


def _reference_visible_values(value: Any) -> Any:
    """escape._visible_values as first written: every value walked."""
    if isinstance(value, str):
        return escape.visible(value)
    if isinstance(value, dict):
        return {
            escape.visible(k) if isinstance(k, str) else k: _reference_visible_values(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_reference_visible_values(item) for item in value]
    return value


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(hostile_text(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=examples(200), deadline=None)
@given(_json_values)
def test_visible_values_skips_only_what_holds_no_text(value: Any) -> None:
    assert escape._visible_values(value) == _reference_visible_values(value)
    shown = json.dumps(escape._visible_values(value), ensure_ascii=False)
    assert shown == json.dumps(_reference_visible_values(value), ensure_ascii=False)


@settings(max_examples=examples(300), deadline=None)
@given(hostile_text(), st.booleans())
def test_remembered_clean_values_are_those_without_any_problem(value: str, wide: bool) -> None:
    """The per-value shortcut of the character check answers as the check itself does,
    asked once or again (remembered)."""
    for _ in range(2):
        clean = yamlfile._acceptable(value, wide)
        refused = list(characters.refusals(value, ideographic_space=wide))
        unnormalized = characters.unnormalized_runs(value)
        assert clean == (not refused and not unnormalized)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from("ab\n\r\u2028 ")), st.data())
def test_line_index_marks_as_counting_lines(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(text)))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    assert yamlfile.LineIndex(text).mark(index) == yamlfile.Mark(line, col)


@settings(max_examples=examples(50), deadline=None)
@given(st.lists(st.text(alphabet="ab{}<>", max_size=8), min_size=1, max_size=4))
def test_compiled_templates_kept_in_memory_follow_each_edit(sources: list[str]) -> None:
    """A new environment per build (as MkDocs makes them) with the shared cache renders each
    template as its current source says, never as an earlier source compiled."""
    import jinja2

    from legalsite.plugin.plugin import MemoryBytecodeCache

    cache = MemoryBytecodeCache()
    for text in sources:
        source = "{{ x }}" + text.replace("{", "(").replace("}", ")")
        env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}))
        env.bytecode_cache = cache
        fresh = jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}))
        page = env.get_template("page.html").render(x="v")
        assert page == fresh.get_template("page.html").render(x="v")


def test_compiled_templates_kept_on_disk_are_read_back_by_a_like_environment_only(
    tmp_path: Path,
) -> None:
    """The next build (a new process: a new cache on the same folder) reads the compiled
    template instead of compiling it; an environment that compiles otherwise, an edited
    template and a damaged entry are compiled again, and the entry written over, whole."""
    import jinja2

    from legalsite.plugin.plugin import MemoryBytecodeCache

    compiled: list[str] = []

    class Counted(jinja2.Environment):
        def _compile(self, source: str, filename: str) -> Any:
            compiled.append(source)
            return super()._compile(source, filename)

    def render(source: str, cache: MemoryBytecodeCache, **options: Any) -> str:
        env = Counted(loader=jinja2.DictLoader({"page.html": source}), **options)
        env.bytecode_cache = cache
        return env.get_template("page.html").render(x="v")

    def fresh(folder: Path | None = tmp_path / "templates") -> MemoryBytecodeCache:
        cache = MemoryBytecodeCache()
        cache.folder = folder
        return cache

    assert render("{{ x }} a", fresh()) == "v a" and len(compiled) == 1
    (entry,) = (tmp_path / "templates").iterdir()  # one whole entry, no temporary file
    assert render("{{ x }} a", fresh()) == "v a" and len(compiled) == 1  # read, not compiled
    assert render("{{ x }} a\n", fresh(), keep_trailing_newline=True) == "v a\n"
    assert len(compiled) == 2 and len(list((tmp_path / "templates").iterdir())) == 2
    assert render("{{ x }} b", fresh()) == "v b" and len(compiled) == 3  # edited
    for damaged in (b"", b"j2", entry.read_bytes()[:-7], b"\x00" * 40):
        entry.write_bytes(damaged)
        assert render("{{ x }} b", fresh()) == "v b"
        assert render("{{ x }} b", fresh()) == "v b"  # rewritten: read back
    assert len(compiled) == 7
    assert render("{{ x }} b", fresh(None)) == "v b" and len(compiled) == 8  # memory only
    assert len(list((tmp_path / "templates").iterdir())) == 2


def test_a_compiled_template_entry_that_is_a_fifo_is_compiled_past_and_left_alone(
    tmp_path: Path,
) -> None:
    # Reading a FIFO at an entry's name made every build wait for ever.
    import os

    import jinja2

    from legalsite.plugin.plugin import MemoryBytecodeCache

    def render() -> str:
        cache = MemoryBytecodeCache()
        cache.folder = tmp_path / "templates"
        env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ x }} a"}))
        env.bytecode_cache = cache
        return env.get_template("page.html").render(x="v")

    assert render() == "v a"
    (entry,) = (tmp_path / "templates").iterdir()
    entry.unlink()
    os.mkfifo(entry)
    assert render() == "v a"
    assert [path.is_fifo() for path in (tmp_path / "templates").iterdir()] == [True]


def test_accounts_computed_once_per_comparison_each_its_own_and_forgotten() -> None:
    # Cached by identity: a comparison equal in value to another (the same two texts compared
    # again) is a comparison of its own, with its own account; the cache is bounded.
    import gc

    from legalsite.compare import account, diff
    from legalsite.sources.load import load_project

    document = load_project(SITES / "versions").documents[0]
    old, new = (v.texts["zh"] for v in document.versions[:2])
    account.account.cache_clear()
    first = diff.compare(old, new)
    assert first != diff.compare(old, new)  # identity: never one cached account for two
    assert account.account(first) is account.account(first)
    assert account.account.cache_info()[:2] == (1, 1)  # (hits, misses): computed once
    # Comparisons that live one after the other (they may share an id): each gets its own.
    for _ in range(200):
        comparison = diff.compare(old, new)
        assert account.account(comparison) == account.account.__wrapped__(comparison)
    gc.collect()
    info = account.account.cache_info()
    assert (info.hits, info.misses) == (1, 201)
    assert info.maxsize is not None and info.currsize <= info.maxsize  # bounded: forgotten


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(hostile_string(), min_size=40, max_size=40).map(no_surrogates))
def test_elements_and_account_once_per_object_equal_a_fresh_computation(strings: list[str]) -> None:
    from legalsite.compare import account, diff

    document, _ = hostile_document(strings)
    for version in document.versions:
        for text in version.texts.values():
            diff._elements.cache_clear()
            assert diff.elements(text) == list(diff._elements.__wrapped__(text))
            assert diff.elements(text) is not diff.elements(text)  # a list of one's own
            assert diff._elements.cache_info()[:2] == (2, 1)  # (hits, misses): computed once
    texts = [v.texts["zh"] for v in document.versions]
    for old, new in itertools.pairwise(texts):
        comparison = diff.compare(old, new)
        assert account.account(comparison) is account.account(comparison)
        assert account.account(comparison) == account.account.__wrapped__(comparison)


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_an_unchanged_element_carries_the_redline_of_its_text_against_itself(
    data: st.DataObject, lang: Lang
) -> None:
    # compare() skips the redline of an element equal to its old self in the same place.
    from legalsite.compare import diff, redline
    from tests.revisions import documents, revisions

    old = data.draw(documents())
    new, _ = data.draw(revisions(old))
    for change in diff.compare(old[lang], new[lang]).changes:
        if change.status == "unchanged" and change.old is not None:
            before, after = change.old, change.element
            assert change.segments == tuple(redline.redline(before.text, after.text, lang))
            if after.kind in ("table", "row"):
                assert change.cells == diff._cells(lang, before.cells, after.cells)


# -- rawhtml: legalsite's HTML blocks skip Markdown's HTML parser, with the same pages ----------


def _converted(page: str, *, lifting: bool) -> tuple[str, set[str]]:
    """A generated page's HTML as MkDocs makes it (this repository's Markdown extensions),
    with its HTML blocks lifted (what the plugin does) or left to Markdown, and the anchors
    MkDocs records for it (``page.present_anchor_ids``: ids of raw HTML and of Markdown)."""
    import markdown
    from mkdocs.structure.pages import _ExtractAnchorsTreeprocessor, _RawHTMLPreprocessor
    from mkdocs.utils.meta import get_data

    from legalsite.plugin import rawhtml

    body, _ = get_data(page)
    md = markdown.Markdown(
        extensions=["attr_list", "toc"],
        extension_configs={"toc": {"permalink": True, "slugify": escape.heading_id}},
    )
    raw_ids = _RawHTMLPreprocessor()
    raw_ids._register(md)
    tree_ids = _ExtractAnchorsTreeprocessor(None, None, None)  # type: ignore[arg-type]
    tree_ids._register(md)
    if not lifting:
        html = md.convert(body)
        return html, raw_ids.present_anchor_ids | tree_ids.present_anchor_ids
    lifted, blocks = rawhtml.lift(body)
    html = rawhtml.restore(md.convert(lifted), blocks)
    ids = raw_ids.present_anchor_ids | tree_ids.present_anchor_ids | rawhtml.anchor_ids(blocks)
    return html, ids


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(hostile_string(), min_size=40, max_size=40).map(no_surrogates))
def test_lifted_html_blocks_give_the_pages_markdown_gives(strings: list[str]) -> None:
    document, _ = hostile_document(strings)
    site = plan(Project(SITES / "basic", (document,)), WorkingCalendar(), date(2024, 6, 1))
    for name, page in generated_files(site).items():
        if name.endswith(".md") and isinstance(page, str):
            assert _converted(page, lifting=True) == _converted(page, lifting=False), name


def test_a_site_built_with_lifted_html_blocks_is_the_same_site(tmp_path: Path) -> None:
    from unittest import mock

    from legalsite.commands import actions as commands
    from legalsite.plugin import rawhtml

    def build(name: str) -> dict[str, bytes]:
        root = assemble(tmp_path / name, SITES / "revision" / "agreements")
        site = commands.build(root=root, today=date(2025, 9, 1), site_dir=root / "site", quiet=True)
        return {
            p.relative_to(site.site).as_posix(): p.read_bytes()
            for p in site.site.rglob("*")
            if p.is_file()
        }

    from legalsite.plugin.plugin import LegalsitePlugin

    anchors: dict[str, dict[str, set[str]]] = {"lifted": {}, "plain": {}}
    markdowns: dict[str, dict[str, str]] = {"lifted": {}, "plain": {}}
    original = LegalsitePlugin.on_page_content

    def recorded(build: str) -> Any:
        def on_page_content(self: LegalsitePlugin, html: str, **kwargs: Any) -> str:
            out = original(self, html, **kwargs)
            page = kwargs["page"]
            anchors[build][page.file.src_uri] = set(page.present_anchor_ids)
            markdowns[build][page.file.src_uri] = page.markdown
            return out

        return on_page_content

    with mock.patch.object(LegalsitePlugin, "on_page_content", recorded("lifted")):
        lifted = build("lifted")
    with (
        mock.patch.object(rawhtml, "lift", lambda markdown: (markdown, rawhtml.Lifted(markdown))),
        mock.patch.object(LegalsitePlugin, "on_page_content", recorded("plain")),
    ):
        plain = build("plain")
    assert lifted.keys() == plain.keys()
    assert [name for name in lifted if lifted[name] != plain[name]] == []
    # What MkDocs keeps of each page besides its HTML: the anchors links are checked against
    # (every clause's, from the raw HTML) and the Markdown.
    assert anchors["lifted"] == anchors["plain"]
    assert markdowns["lifted"] == markdowns["plain"]
    assert "definitions-1" in anchors["lifted"]["zh/user-service-agreement/2025-09-01/index.md"]


def _chunk() -> st.SearchStrategy[str]:
    """Blocks of a page: legalsite's own HTML around hostile text (escaped as the renderer
    escapes it), Markdown, and HTML Markdown must keep reading itself."""
    text = hostile_string().map(lambda s: escape.html_text(no_surrogates([s])[0]))
    attr = hostile_string().map(lambda s: escape.html_attr(no_surrogates([s])[0]))
    tags = st.sampled_from(["p", "div", "ol", "table", "section", "details", "span", "pre", "li"])
    return st.one_of(
        st.builds(lambda tag, t: f'<{tag} class="x">{t}</{tag}>', tags, text),
        st.builds(lambda t: f"<div>\n<div>{t}</div>\n</div>", text),
        # Elements of the same name inside (a bilingual row's cells), and not quite.
        st.builds(
            lambda t: f'<div class="r"><div class="c"><p>{t}</p></div><div>{t}</div></div>', text
        ),
        st.builds(lambda t: f"<div><div>{t}</div></div>\n<div>{t}</div>", text),
        st.builds(lambda t: f"<div>{t}</div> <div>{t}</div>", text),
        st.builds(lambda t: f"<div><div>{t}</div>", text),
        st.builds(lambda t: f"<div>{t}</div></div>", text),
        st.builds(lambda t: f"<p>{t}</p>\n<p>{t}</p>", text),
        st.builds(lambda t: f"<p>{t}<!-- c --></p>", text),
        st.builds(lambda t: f'<div markdown="1">*{t}*</div>', text),
        st.builds(lambda t: f"## {t} {{#h}}", text),
        st.builds(lambda t: f"text *{t}*", text),
        st.just("<hr>"),
        st.just("    <p>indented</p>"),
        # Anchors MkDocs reads from raw HTML (ids, an a's name), written every way HTML allows.
        st.builds(
            lambda a, t: f'<p id="{a}" class="c">{t}<a id="{a}x" name="{a}y">¶</a></p>', attr, text
        ),
        st.builds(lambda a: f"<p ID=\"{a}\">x</p>\n\n<div id='{a}'>y</div>", attr),
        st.builds(lambda a: f'<div title="a>b" id="{a}"><p name="{a}">x</p></div>', attr),
        st.builds(lambda a: f'<table id="{a}">\n<tr\nid="{a}r"><td>x</td></tr>\n</table>', attr),
        st.builds(lambda a: f'<div id="{a}"><script>var s = \' id="no"\';</script></div>', attr),
    )


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_chunk(), min_size=1, max_size=8), st.sampled_from(["\n\n", "\n", "\n\n\n"]))
def test_lifted_html_blocks_give_what_markdown_gives(chunks: list[str], gap: str) -> None:
    page = gap.join(chunks)
    assert _converted(page, lifting=True) == _converted(page, lifting=False)
    assert _converted(page + "\n", lifting=True) == _converted(page + "\n", lifting=False)


# -- Clause links: the last word read back from the end ------------------------------------


def _last_word_by_units(text: str) -> int:
    """The rule as first written: the text cut into units (a character reference or one
    character), the last word's taken back from the end."""
    units = re.findall(r"&[#a-zA-Z0-9]+;|[\s\S]", text)
    start = len(units)
    while start > 0:
        unit = units[start - 1]
        if unit.isspace():
            break
        start -= 1
        if len(unit) == 1 and not unit.isascii():
            break
    return sum(len(unit) for unit in units[:start])


@settings(max_examples=examples(500))
@given(
    st.lists(st.sampled_from([*"a Z&#;x19.\n\t\x1c\x7f\xa0\u3000两。é", "&amp;", "&#39;"])).map(
        "".join
    )
)
def test_the_last_word_found_from_the_end_is_the_one_the_units_give(text: str) -> None:
    """``_last_word`` reads back from the end of the text only, for the same word: spaces
    (ASCII or not, control separators included) end it, a character beyond ASCII starts it,
    character references run on."""
    assert _last_word(text) == _last_word_by_units(text)


# -- rawhtml: which blocks are lifted, as first written -------------------------------------

_FIRST_SPECIAL = re.compile(
    r"<[!?]|\smarkdown\s*=|<(?:script|style|textarea|title)\b", re.IGNORECASE
)
_FIRST_ANCHOR_ATTRIBUTE = re.compile(r"\s(id|name)\s*=", re.IGNORECASE)


def _liftable_as_first_written(chunk: str) -> bool:
    start = rawhtml._BLOCK_START.match(chunk)
    if start is None or start.group(1) not in rawhtml._BLOCK_LEVEL:
        return False
    tag = start.group(1)
    return (
        chunk.endswith(f"</{tag}>")
        and rawhtml._closes_at_end(chunk, tag)
        and _FIRST_SPECIAL.search(chunk) is None
        and rawhtml._ANGLE_IN_VALUE.search(chunk) is None
        and all(
            chunk[m.start() : m.end() + 1] in (' id="', ' name="')
            for m in _FIRST_ANCHOR_ATTRIBUTE.finditer(chunk)
        )
    )


_SPACES = [" ", " ", " ", " ", "\t", "\n", "\x0b", "\x1c", "\xa0", "\u3000"]
_WORDS = [
    "id",
    "id",
    "name",
    "class",
    "id",
    "ID",
    "İd",
    "ıd",
    "name",
    "nAme",
    "markdown",
    "MARKDOWN",
    "marKdown",
    "class",
]
_TEXT = ["x", " ", "=", '"', "'", "<!-- c -->", "<?x?>", "<ſcript>", "<tıtle>", "<b>", "<", ">"]


@st.composite
def _block(draw: st.DrawFn) -> str:
    """An HTML block with attributes written every way: a space or another before the name,
    the name in any case (and as a case-blind match reads it), spaces before the ``=``."""
    tag = draw(st.sampled_from(["p", "div", "a", "pre", "ol"]))
    attributes = "".join(
        draw(st.sampled_from(_SPACES)) + draw(st.sampled_from(_WORDS))
        + draw(st.sampled_from(["", "", "", " ", "\t"])) + '="v"'
        for _ in range(draw(st.integers(0, 3)))
    )  # fmt: skip
    text = "".join(draw(st.lists(st.sampled_from(_TEXT), max_size=6)))
    inner = draw(st.sampled_from(["", f'<span id="i"{attributes}>y</span>']))
    end = draw(st.sampled_from([f"</{tag}>", "</p>", ""]))
    return f"<{tag}{attributes}>{text}{inner}{end}"


@settings(max_examples=examples(1000))
@given(_block())
def test_blocks_lifted_as_the_first_rule_lifted_them(chunk: str) -> None:
    """One search finds both the anchors MkDocs reads and ``markdown=``, and the other marks
    are searched from ``<``: the same blocks are lifted, for every way a case-blind match
    reads a word (ſ is s, K is k, ı and İ are i)."""
    assert rawhtml._liftable(chunk) == _liftable_as_first_written(chunk)
