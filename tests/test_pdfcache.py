"""The PDF cache on disk, the parallel rendering, and the plugin's pdf and pdf_cache options."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
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
    assert files_in(folder) == sorted([TAG, *(f"{k[:2]}/{k}.entry" for k in keys)])
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
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2])  # a torn write (not one of ours: we rename)
    renderer = Renderer(PdfCache(folder))
    assert renderer(documents()[:1]) == [first]
    assert (renderer.rendered, entry.read_bytes()) == (1, whole)


_CACHE_HINT = (
    "set the plugin's pdf_cache option to a folder that does not exist yet (legalsite makes it "
    "and owns it), e.g. .cache/legalsite"
)


@settings(max_examples=examples(40), deadline=None)
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
    assert files_in(tmp_path) == sorted([f"shared/{TAG}", f"shared/{key[:2]}/{key}.entry"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared"]


# -- Only this machine's entries are trusted ---------------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def forged_pdfs() -> st.SearchStrategy[bytes]:
    """Whole PDFs (as the cache checks them) that no renderer made."""
    return st.binary(max_size=200).map(lambda body: b"%PDF-1.7\n" + body + b"\n%%EOF\n")


def forgery(kind: str, fake: bytes, key: str, other_entry: bytes) -> bytes:
    """An entry's bytes as a forger could write them under ``key`` without this machine's key."""
    if kind == "bare pdf":  # as a cache folder held them before entries had tags
        return fake
    if kind == "random tag":
        return pdf_cache.ENTRY_HEADER + secrets.token_hex(32).encode() + b"\n" + fake
    if kind == "another machine's key":
        tag = pdf_cache.entry_tag(secrets.token_bytes(32), key, fake)
        return pdf_cache.ENTRY_HEADER + tag + b"\n" + fake
    if kind == "another entry's tag":
        tag = other_entry[len(pdf_cache.ENTRY_HEADER) :][:64]
        return pdf_cache.ENTRY_HEADER + tag + b"\n" + fake
    assert kind == "another entry moved here"  # a real PDF of this machine, under the wrong name
    return other_entry


@settings(max_examples=examples(30), deadline=None)
@given(
    kind=st.sampled_from(
        [
            "bare pdf",
            "random tag",
            "another machine's key",
            "another entry's tag",
            "another entry moved here",
        ]
    ),
    fake=forged_pdfs(),
)
def test_a_forged_entry_is_never_served(kind: str, fake: bytes) -> None:
    """Whatever a forger writes in the folder (generated PDFs, a tag from another entry or
    machine, a real entry under another name), the build serves what the renderer makes from
    its HTML, and stores that over the forgery."""
    first, second = documents()[0], documents()[2]
    honest = [pdf.render_html(first), pdf.render_html(second)]  # cached in process
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / ".cache" / "legalsite"
        assert Renderer(PdfCache(folder))([first, second]) == honest
        key, other = pdf.digest(first), pdf.digest(second)
        entry = PdfCache(folder).entry(key)
        entry.write_bytes(forgery(kind, fake, key, PdfCache(folder).entry(other).read_bytes()))
        assert PdfCache(folder).get(key) is None
        renderer = Renderer(PdfCache(folder))
        assert (renderer([first, second]), renderer.rendered) == (honest, 1)
        assert PdfCache(folder).get(key) == honest[0]


@pytest.mark.parametrize("kind", ["fifo", "folder", "link to /dev/zero", "dangling link", "link"])
def test_an_entry_that_is_no_regular_file_is_neither_read_nor_replaced(kind: str) -> None:
    """A FIFO would block the build, /dev/zero exhaust its memory, a folder stop it: an entry
    that is not a regular file is rendered again, never read, and left as it is (the build
    did not make it)."""
    first = documents()[0]
    honest = [pdf.render_html(first)]  # cached in process
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / ".cache" / "legalsite"
        assert Renderer(PdfCache(folder))([first]) == honest
        entry = PdfCache(folder).entry(pdf.digest(first))
        real = entry.with_name("real.entry")
        entry.rename(real)
        make = {
            "fifo": lambda: os.mkfifo(entry),
            "folder": lambda: entry.mkdir(),
            "link to /dev/zero": lambda: entry.symlink_to("/dev/zero"),
            "dangling link": lambda: entry.symlink_to(entry.with_name("nowhere")),
            "link": lambda: entry.symlink_to(real),
        }
        make[kind]()
        before = entry.lstat()
        renderer = Renderer(PdfCache(folder))
        assert (renderer([first]), renderer.rendered) == (honest, 1)
        after = entry.lstat()
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_an_entry_from_another_machine_is_rendered_again(tmp_path: Path) -> None:
    """A cache folder copied whole from another machine (its own key): nothing of it is used."""
    theirs = tmp_path / "theirs" / ".cache" / "legalsite"
    Renderer(PdfCache(theirs, key=tmp_path / "their-key"))(documents()[:1])
    ours = tmp_path / "ours" / ".cache" / "legalsite"
    shutil.copytree(theirs, ours)
    renderer = Renderer(PdfCache(ours))
    assert renderer(documents()[:1]) == [pdf.render_html(documents()[0])]
    assert renderer.rendered == 1


def test_the_key_is_made_once_for_the_user_alone(tmp_path: Path) -> None:
    key = tmp_path / "home" / "legalsite" / "cache-key"
    made = pdf_cache.machine_key(key)
    assert (len(made), oct(key.stat().st_mode & 0o777)) == (32, "0o600")
    assert pdf_cache.machine_key(key) == made
    assert files_in(tmp_path) == ["home/legalsite/cache-key"]
    key.chmod(0o644)
    with pytest.raises(LegalsiteError) as caught:
        pdf_cache.machine_key(key)
    assert str(caught.value) == (
        f"the PDF cache key {key} may be read or written by other users (mode 0644)\n"
        f"hint: delete {key}: the next build makes a new key (and renders every PDF again)"
    )


def test_the_default_key_lives_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pdf_cache.key_file() == tmp_path / "xdg" / "legalsite" / "cache-key"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/used")
    assert pdf_cache.key_file() == Path.home() / ".cache" / "legalsite" / "cache-key"


@pytest.mark.parametrize("inside", [".", ".cache/legalsite", "agreements"])
def test_a_key_inside_the_project_is_refused(tmp_path: Path, inside: str) -> None:
    """A key in the project could be committed with the entries it signs."""
    root = tmp_path / "project"
    (root / "agreements").mkdir(parents=True)
    key = root / inside / "cache-key"
    with pytest.raises(LegalsiteError) as caught:
        Renderer(PdfCache(root / ".cache" / "legalsite", project=root, key=key))(documents()[:1])
    around = root / ".cache" / "legalsite" if inside == ".cache/legalsite" else root
    assert str(caught.value) == (
        f"the PDF cache key {key} lies inside {around}: a key in the project could be "
        "committed, and then anyone could make cache entries\nhint: set XDG_CACHE_HOME to a "
        "folder outside the project, or leave it unset (~/.cache)"
    )
    assert not key.exists()


def test_a_committed_cache_is_refused(tmp_path: Path) -> None:
    """The issue's fresh clone: a cache folder committed (its PDFs swapped or not) stops the
    build before anything is read from it."""
    root = tmp_path / "project"
    (root / "agreements").mkdir(parents=True)
    folder = root / ".cache" / "legalsite"
    Renderer(PdfCache(folder, project=root))(documents()[:1])
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "with the cache")
    entry = PdfCache(folder).entry(pdf.digest(documents()[0])).relative_to(root).as_posix()
    with pytest.raises(LegalsiteError) as caught:
        Renderer(PdfCache(folder, project=root))(documents()[:1])
    assert str(caught.value) == (
        f"the PDF cache {folder} holds 2 file(s) committed to git "
        f"({', '.join(sorted([f'.cache/legalsite/{TAG}', entry]))}): a committed cache could put PDFs into the site that its sources did not "
        "make\nhint: git rm -r --cached .cache/legalsite and commit, and keep the folder in "
        ".gitignore"
    )


def test_a_committed_link_on_the_way_to_the_cache_is_refused(tmp_path: Path) -> None:
    """``.cache`` committed as a symbolic link to a folder of forged entries."""
    root = tmp_path / "project"
    (root / "forged").mkdir(parents=True)
    (root / ".cache").symlink_to("forged")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "a link")
    with pytest.raises(LegalsiteError) as caught:
        Renderer(PdfCache(root / ".cache" / "legalsite", project=root))(documents()[:1])
    assert str(caught.value).startswith(
        f"the PDF cache {root / '.cache' / 'legalsite'} holds 1 file(s) committed to git (.cache): "
    )


def test_a_cache_outside_git_or_ignored_by_it_is_used(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "agreements").mkdir(parents=True)
    git(root, "init", "-q")
    (root / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "ignored")
    folder = root / ".cache" / "legalsite"
    Renderer(PdfCache(folder, project=root))(documents()[:1])
    again = Renderer(PdfCache(folder, project=root))
    assert again(documents()[:1]) == [pdf.render_html(documents()[0])]
    assert again.rendered == 0


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
    store = PdfCache(root / ".cache" / "legalsite", project=root)
    assert {(first / name).read_bytes() for name in pdfs} <= {
        store.get(Path(name).stem) for name in cached if name != TAG
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
