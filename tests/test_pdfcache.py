"""The PDF cache on disk, the parallel rendering, and the plugin's pdf and pdf_cache options."""

from __future__ import annotations

import tempfile
import threading
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.evidence import pdf, pdf_cache
from legalsite.evidence.pdf_cache import TAG, TAG_TEXT, PdfCache, Renderer
from legalsite.model import escape
from legalsite.model.document import LANGS
from legalsite.model.errors import LegalsiteError
from legalsite.plugin.plugin import check_cache_folder
from tests.conftest import (
    SITES,
    VERSIONS_EFFECTIVE,
    assemble,
    build_site,
    examples,
    set_plugin_options,
)
from tests.hostile import invisible, markup
from tests.test_build import tree_digest
from tests.test_pdf import BASE, line_of
from tests.test_plugin import validate


@cache
def documents() -> tuple[str, ...]:
    """The HTML of the versions site's PDFs (six versions and editions, two redlines)."""
    line = line_of(SITES / "versions", VERSIONS_EFFECTIVE)
    out = [
        pdf.version_html(line, release, lang, edition, BASE)
        for release in line.releases
        for lang in LANGS
        for edition in pdf.editions(line, release)
    ]
    return tuple(out)


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def refuse_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Renderer, documents: list[str]) -> list[bytes]:
        raise AssertionError(f"{len(documents)} PDF(s) rendered, none expected")

    monkeypatch.setattr(Renderer, "_render", refuse)


# -- The cache ---------------------------------------------------------------------------------


def test_a_cold_cache_is_filled_and_a_warm_one_renders_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / ".cache" / "legalsite"
    cold = Renderer(PdfCache(folder))
    made = cold(documents())
    assert cold.rendered == len(set(documents())) >= pdf_cache.PARALLEL_FROM
    keys = sorted(pdf.digest(d) for d in set(documents()))
    assert files_in(folder) == sorted([TAG, *(f"{k[:2]}/{k}.pdf" for k in keys)])
    assert (folder / TAG).read_text(encoding="utf-8") == TAG_TEXT
    # Another build reads them all from disk.
    refuse_rendering(monkeypatch)
    warm = Renderer(PdfCache(folder))
    assert warm(documents()) == made
    assert warm.rendered == 0


def test_rendering_in_parallel_gives_the_same_bytes(tmp_path: Path) -> None:
    """Spread over worker processes or made here, one after the other: the same files."""
    assert Renderer(None, workers=2)(documents()) == [pdf.render_html(d) for d in documents()]


def test_an_entry_that_is_not_a_whole_pdf_is_rendered_again(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    (first,) = Renderer(PdfCache(folder))(documents()[:1])
    entry = PdfCache(folder).entry(pdf.digest(documents()[0]))
    entry.write_bytes(first[: len(first) // 2])  # a torn write (not one of ours: we rename)
    renderer = Renderer(PdfCache(folder))
    assert renderer(documents()[:1]) == [first]
    assert (renderer.rendered, entry.read_bytes()) == (1, first)


_CACHE_HINT = (
    "set the plugin's pdf_cache option to a folder that does not exist yet (legalsite makes it "
    "and owns it), e.g. .cache/legalsite"
)


@settings(max_examples=40, deadline=None)
@given(depth=st.integers(min_value=0, max_value=3), below=st.integers(min_value=0, max_value=2))
def test_a_dangling_link_on_the_way_to_the_cache_is_named(depth: int, below: int) -> None:
    """A symbolic link to nothing as the cache or any folder above it: said, not 'File exists'."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        link = root.joinpath(*[f"d{i}" for i in range(depth)], "link")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(root / "gone")
        cache = link.joinpath(*[f"c{i}" for i in range(below)])
        with pytest.raises(LegalsiteError) as caught:
            PdfCache(cache).open()
        assert str(caught.value) == (
            f"the PDF cache {cache} cannot be made: {link} is a symbolic link to {root / 'gone'}, "
            "which does not exist\nhint: make the folder the link points to, or set the "
            "plugin's pdf_cache option to a folder that does not exist yet (legalsite makes it "
            "and owns it), e.g. .cache/legalsite"
        )
        assert not (root / "gone").exists()


@given(st.sampled_from([".", "/", "..", "agreements/..", "./"]))
def test_a_cache_around_the_project_is_refused_with_what_to_write(value: str) -> None:
    """'.' and '/' were told 'remove this one if it is yours' (the project itself)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        (root / "agreements").mkdir(parents=True)
        cache = root / value
        with pytest.raises(LegalsiteError) as caught:
            check_cache_folder(cache, root / "site", [root / "agreements"])
        assert str(caught.value) == (
            f"the PDF cache {cache} contains {root / 'site'}\nhint: set the plugin's pdf_cache "
            "option to a folder of its own, e.g. .cache/legalsite beside mkdocs.yml"
        )


def test_a_folder_legalsite_did_not_make_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(LegalsiteError) as caught:
        Renderer(PdfCache(folder))(documents()[:1])
    assert caught.value.message == (
        f"{folder} is not a PDF cache made by legalsite (it has no CACHEDIR.TAG of ours)"
    )
    assert caught.value.hint == _CACHE_HINT
    assert files_in(folder) == ["notes.txt"]
    assert files_in(tmp_path) == ["mine/notes.txt"]


def test_only_a_whole_pdf_is_stored_under_a_digest(tmp_path: Path) -> None:
    store = PdfCache(tmp_path / "cache")
    with pytest.raises(ValueError, match="only a whole PDF is cached"):
        store.put("0" * 64, b"%PDF-1.7\ntorn")
    with pytest.raises(ValueError, match="not a SHA-256 digest"):
        store.entry("../../etc/passwd")
    assert not (tmp_path / "cache").exists()


def test_two_builds_at_once_share_the_folder(tmp_path: Path) -> None:
    """Builds that make the folder and write the same entries at the same moment: no error,
    no temporary file or folder left, every entry whole."""
    folder = tmp_path / "shared"
    data = pdf.render_html(documents()[0])
    key = pdf.digest(documents()[0])
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def build() -> None:
        try:
            start.wait()
            store = PdfCache(folder)
            for _ in range(20):
                store.put(key, data)
                assert store.get(key) == data
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert files_in(tmp_path) == sorted([f"shared/{TAG}", f"shared/{key[:2]}/{key}.pdf"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared"]


# -- The plugin's options ----------------------------------------------------------------------


def test_pdfs_are_on_by_default_and_cached_beside_mkdocs_yml() -> None:
    config, errors = validate()
    assert (config.pdf, config.pdf_cache, errors) == (True, ".cache/legalsite", [])


@settings(max_examples=examples(100), deadline=None)  # no timing: config loads
@given(st.one_of(markup(), invisible(), st.sampled_from(["", " ", "../cache", "a/../b", "~/x"])))
def test_a_cache_folder_is_a_plain_path(value: str) -> None:
    _, errors = validate(pdf_cache=value)
    plain = (
        value.strip() == value
        and value
        and ".." not in value.replace("\\", "/").split("/")
        and not value.startswith("~")
        and escape.terminal(value) == value  # no hidden character (the one rule)
    )
    if plain:
        assert errors == []
    elif not value.strip() or value.strip() != value:
        assert errors == [
            f"pdf_cache: '{value}' is not a folder name: write a path such as .cache/legalsite"
        ]
    else:
        assert errors == [
            f"pdf_cache: '{value}' is not a plain folder path: write it without .., ~ or hidden "
            "characters, e.g. .cache/legalsite"
        ]


def test_pdf_is_true_or_false() -> None:
    _, errors = validate(pdf="yes")
    assert errors == ["pdf: Expected type: <class 'bool'> but received: <class 'str'>"]


# -- Builds ------------------------------------------------------------------------------------


def test_a_rebuild_takes_every_pdf_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    set_plugin_options(root, "{pdf: true}")  # the default cache, .cache/legalsite, empty
    first = build_site(root, VERSIONS_EFFECTIVE, tmp_path / "first")
    pdfs = [name for name in files_in(first) if name.endswith(".pdf")]
    cached = files_in(root / ".cache" / "legalsite")
    # Served: each version's PDF and the second's redline, per language; cached besides: the
    # tag and the earlier editions (versions.json lists their digests).
    assert len(pdfs) == 6 and len(cached) == 1 + len(set(documents())) + 2
    assert {(first / name).read_bytes() for name in pdfs} <= {
        (root / ".cache" / "legalsite" / name).read_bytes() for name in cached
    }
    refuse_rendering(monkeypatch)
    second = build_site(root, VERSIONS_EFFECTIVE, tmp_path / "second")
    assert tree_digest(second) == tree_digest(first)


def test_without_pdfs_no_pdf_no_link_and_no_cache(tmp_path: Path) -> None:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements")
    set_plugin_options(root, "{pdf: false}")
    site = build_site(root, VERSIONS_EFFECTIVE)
    assert not [name for name in files_in(site) if name.endswith(".pdf")]
    assert '"pdf"' not in (site / "versions.json").read_text(encoding="utf-8")
    assert ".pdf" not in (site / "user-service-agreement" / "index.html").read_text("utf-8")
    assert not (root / ".cache").exists()


@pytest.mark.parametrize("inside", ["agreements/cache", "site/cache"])
def test_a_cache_inside_the_sources_or_the_site_is_refused(tmp_path: Path, inside: str) -> None:
    root = assemble(tmp_path / "project", SITES / "versions" / "agreements", pdf=True)
    set_plugin_options(root, f"{{pdf_cache: {inside}}}")
    with pytest.raises(LegalsiteError) as caught:
        build_site(root, VERSIONS_EFFECTIVE, root / "site")
    folder = inside.split("/")[0]
    assert f"the PDF cache {root / inside} lies inside " in str(caught.value)
    assert folder in str(caught.value)
    assert not (root / inside).exists()
