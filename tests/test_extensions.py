"""Editor text stays text whatever Markdown extensions a site lists (issue 21, §4): each
extension Material documents either leaves every generated page byte for byte the same, or is
refused by name when the configuration is read; and any other extension is refused."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from unittest import mock

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from legalsite.commands import actions as commands
from legalsite.model import escape
from legalsite.model.errors import LegalsiteError
from legalsite.plugin import plugin as plugin_module
from legalsite.plugin import rawhtml
from legalsite.plugin.config import MARKDOWN_EXTENSIONS, refused_extensions
from legalsite.site.plan import generated_files, plan
from legalsite.sources.calendar import WorkingCalendar
from legalsite.sources.load import Project
from tests.conftest import SITES, THOROUGH, assemble
from tests.hostile import hostile_string
from tests.test_escape import FIXED_HOSTILE, TODAY, hostile_document, no_surrogates

MATERIAL = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.arithmatex",
    "pymdownx.betterem",
    "pymdownx.caret",
    "pymdownx.critic",
    "pymdownx.details",
    "pymdownx.emoji",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.snippets",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
    "pymdownx.tilde",
)
"""The extensions Material for MkDocs documents (its "Extensions" pages)."""

# What each of them acts on, in the editors' text (with the hostile strings of test_escape).
TRIGGERS = [
    "{--who is not--} {++who is++} {~~a~>b~~} {==x==}{>>note<<}",
    ":smile: :material-account: (c) (tm) --> <-- 1/2 +/- =/= c/o",
    "^^ins^^ H^2^O ==mark== ~~del~~ H~2~O ++ctrl+alt+del++",
    "$x^2$ $$y$$ \\(z\\) `#!python x = 1` `code`",
    "*[HTML]: Hyper Text [^1] [^1]: note",
    '--8<-- "mkdocs.yml"',
    '!!! note\n    x ??? tip === "Tab" - [ ] task - [x] done',
    "term\n:   definition <div markdown>*x*</div>",
    "__strong__ **strong** *em* _em_ snake_case_word",
]


def _mkdocs_yml(root: Path, extension: str | None) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "  - legalsite\n", "  - legalsite:\n      pdf: false\n"
    )
    if extension is not None:
        listed = "".join(f"  - {name}\n" for name in extension.split("+"))
        text = text.replace("markdown_extensions:\n", f"markdown_extensions:\n{listed}")
    config.write_text(text, "utf-8")


def _build(folder: Path, extension: str | None) -> dict[str, bytes]:
    """Every file of the hostile-strings site built with ``extension`` listed too (several
    joined by ``+``)."""
    document, _ = hostile_document(no_surrogates(FIXED_HOSTILE + TRIGGERS))
    root = assemble(folder / "project", SITES / "basic" / "agreements")
    _mkdocs_yml(root, extension)
    project = Project(root, (document,))
    with (
        mock.patch.object(plugin_module, "load_project", lambda _root, **_options: project),
        mock.patch.object(commands, "load_project", lambda _root, **_options: project),
        mock.patch.object(commands, "validate", lambda **_options: None),
    ):
        site = commands.build(root=root, today=TODAY, site_dir=root / "site", quiet=True).site
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def without() -> Iterator[dict[str, bytes]]:
    with tempfile.TemporaryDirectory() as folder:
        yield _build(Path(folder), None)


ALLOWED = [name for name in MATERIAL if name in MARKDOWN_EXTENSIONS]
# In CI a build per extension; on a developer's machine (the quick profile) the allowed ones in
# one build, all listed at once, and each refused one alone (refused before anything is built).
CASES = (
    list(MATERIAL)
    if THOROUGH
    else ["+".join(ALLOWED)] + [name for name in MATERIAL if name not in MARKDOWN_EXTENSIONS]
)


@pytest.mark.build
@pytest.mark.parametrize("extension", CASES)
def test_each_extension_material_documents_changes_no_page_or_is_refused(
    without: dict[str, bytes], extension: str, tmp_path: Path
) -> None:
    if not all(name in MARKDOWN_EXTENSIONS for name in extension.split("+")):
        with pytest.raises(LegalsiteError) as caught:
            _build(tmp_path, extension)
        # The plugin's own error, not MkDocs' "Aborted with a BuildError!" around it.
        assert str(caught.value) == (
            f"markdown_extensions in mkdocs.yml lists '{extension}': an "
            "extension that may change the agreements' text on the pages (they show it as "
            "written) is refused\nhint: remove it from markdown_extensions; these leave the "
            f"pages as they are: {', '.join(sorted(MARKDOWN_EXTENSIONS))}"
        )
        return
    built = _build(tmp_path, extension)
    assert sorted(built) == sorted(without)
    for name, content in built.items():
        assert content == without[name], name


def test_critic_is_refused_with_its_name_and_the_ones_allowed() -> None:
    assert refused_extensions(["toc", "markdown.extensions.attr_list", "pymdownx.critic"]) == [
        "pymdownx.critic"
    ]
    # Any extension not known to leave the pages as they are: refused too.
    assert refused_extensions(["smarty", "markdown.extensions.smarty", "pymdownx.magiclink"]) == [
        "smarty",
        "markdown.extensions.smarty",
        "pymdownx.magiclink",
    ]


# -- Fast: every generated page through Markdown, with every allowed extension at once --------

_BASE = ["toc", "tables", "fenced_code", "attr_list"]


def _converted(page: str, extensions: list[str], *, lifting: bool = True) -> str:
    """A generated page's HTML as MkDocs makes it with ``extensions``, its HTML blocks lifted
    past Markdown (what the plugin does) or not."""
    body, _ = get_data(page)
    md = markdown.Markdown(
        extensions=extensions,
        extension_configs={"toc": {"permalink": True, "slugify": escape.heading_id}},
    )
    if not lifting:
        return md.convert(body)
    lifted, blocks = rawhtml.lift(body)
    return rawhtml.restore(md.convert(lifted), blocks)


@settings(max_examples=10, deadline=None)
@given(
    st.lists(st.one_of(hostile_string(), st.sampled_from(TRIGGERS)), min_size=40, max_size=40).map(
        no_surrogates
    )
)
def test_the_allowed_extensions_leave_every_generated_page_as_it_is(strings: list[str]) -> None:
    document, _ = hostile_document(strings)
    site = plan(Project(SITES / "basic", (document,)), WorkingCalendar(), date(2024, 6, 1))
    allowed = sorted(MARKDOWN_EXTENSIONS)
    for name, page in generated_files(site).items():
        if name.endswith(".md") and isinstance(page, str):
            converted = _converted(page, allowed)
            assert converted == _converted(page, _BASE), name
            # And the same without the lifting (README: byte for byte the same).
            assert converted == _converted(page, allowed, lifting=False), name
