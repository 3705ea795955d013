"""``validate`` and the preview report every file's problems in one run (issue 21): a problem in
one file of a version never hides another's (its ``meta.yaml``'s, the other language's, the
files of a folder wrongly named). Whole messages."""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from legalsite.commands import actions as commands
from legalsite.model import escape
from legalsite.model.errors import LegalsiteError, Problem
from legalsite.plugin.config import read_config, with_today
from legalsite.plugin.plugin import LegalsitePlugin
from tests.conftest import ROOT, SITES, examples
from tests.sitegen import make_project
from tests.test_load import EN, VERSION, make

DOC = "agreements/user-service-agreement"
VERSIONS = ("2024-01-01", "2025-07-01", "2025-09-01")
THIRD = f"{DOC}/2025-09-01"


def _copy(target: Path) -> Path:
    shutil.copytree(SITES / "revision" / "agreements", target / "agreements")
    return target


def refused(root: Path) -> LegalsiteError:
    with pytest.raises(LegalsiteError) as caught:
        commands.validate(root=root)
    return caught.value


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_version_with_a_problem_in_each_of_its_files_reports_all_three(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _append(root / THIRD / "en.yaml", "signature: x\n")
    _replace(root / THIRD / "zh.yaml", "title: 用户服务协议", "title: 用户<b>服务</b>协议")
    _replace(root / THIRD / "meta.yaml", "kind: editorial", "kind: major")
    assert str(refused(root)) == (
        f"{THIRD}/en.yaml:245:1: unknown field 'signature' in the file\n"
        "    hint: allowed fields here: annexes, end, numbering, preamble, sections, title\n"
        f"{THIRD}/meta.yaml:6:7: 'kind' must be substantive or editorial, not 'major'\n"
        "    hint: substantive: rights or duties change; editorial: wording, typography or "
        "links only\n"
        f"{THIRD}/zh.yaml:1:8: raw HTML '<b>' is not allowed in a title (at '<b>服务</b>协议')\n"
        "    hint: write the title as plain text, without HTML tags\n"
        "3 problems in agreements/"
    )


def test_the_files_of_a_folder_wrongly_named_are_checked_too(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    wrong = root / DOC / "2025-9-1"
    (root / THIRD).rename(wrong)
    _append(wrong / "en.yaml", "signature: x\n")
    assert str(refused(root)) == (
        f"{DOC}/2025-9-1: version folder name '2025-9-1' is not a valid date (YYYY-MM-DD)\n"
        "    hint: name the folder by the date the version takes effect, e.g. 2025-03-01\n"
        f"{DOC}/2025-9-1/en.yaml:245:1: unknown field 'signature' in the file\n"
        "    hint: allowed fields here: annexes, end, numbering, preamble, sections, title\n"
        "2 problems in agreements/"
    )
    (root / DOC).rename(root / "agreements" / "User")
    _replace(root / "agreements/User/2025-07-01/meta.yaml", "kind: ", "knid: ")
    assert str(refused(root)) == (
        "agreements/User: document folder name 'User' is not lower-case words joined by hyphens\n"
        "    hint: rename it, e.g. user-service-agreement\n"
        "agreements/User/2025-07-01/meta.yaml:5:1: unknown field 'knid' in meta.yaml\n"
        "    hint: did you mean 'kind'?\n"
        "agreements/User/2025-9-1: version folder name '2025-9-1' is not a valid date "
        "(YYYY-MM-DD)\n"
        "    hint: name the folder by the date the version takes effect, e.g. 2025-03-01\n"
        "agreements/User/2025-9-1/en.yaml:245:1: unknown field 'signature' in the file\n"
        "    hint: allowed fields here: annexes, end, numbering, preamble, sections, title\n"
        "4 problems in agreements/"
    )


def test_a_file_s_title_and_preamble_are_checked_whatever_its_sections_hold(
    tmp_path: Path,
) -> None:
    en = EN.replace("title: Agreement", "title: <b>Agreement</b>").split("sections:")[0]
    en = en.replace("text: This agreement.", "text: ''")
    root = make(tmp_path, en=en + "sections: 5\n")
    assert str(refused(root)) == (
        f"{VERSION}/en.yaml:1:8: raw HTML '<b>' is not allowed in a title (at "
        "'<b>Agreement</b>')\n"
        "    hint: write the title as plain text, without HTML tags\n"
        f"{VERSION}/en.yaml:4:11: 'preamble[1].text' is empty\n"
        "    hint: write the text, or remove the element\n"
        f"{VERSION}/en.yaml:5:11: 'sections' must be a list (- item)\n"
        "    hint: check the indentation and the '- ' markers against the previous version\n"
        "3 problems in agreements/"
    )


# -- For any set of broken files, together = the union of each alone --------------------------

_WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8)


def _language_breakage() -> st.SearchStrategy[tuple[str, str]]:
    return st.one_of(
        _WORD.filter(lambda w: w not in {"title", "preamble", "sections"}).map(
            lambda w: ("append", f"{w}: x\n")
        ),
        _WORD.map(lambda w: ("title", f"<{w}>")),
        st.sampled_from(["\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad"]).map(
            lambda c: ("title", f"a{c}b")
        ),
        st.just(("append", "title: [unclosed\n")),
    )


def _meta_breakage() -> st.SearchStrategy[tuple[str, str]]:
    return st.one_of(
        _WORD.filter(lambda w: w not in {"summary", "kind"}).map(lambda w: ("append", f"{w}: x\n")),
        _WORD.filter(lambda w: w not in {"substantive", "editorial"}).map(lambda w: ("kind", w)),
        _WORD.map(lambda w: ("summary", f"<{w}>")),
        st.just(("append", "kind: [unclosed\n")),
    )


FILES = [f"{DOC}/{v}/{lang}.yaml" for v in VERSIONS for lang in ("zh", "en")] + [
    f"{DOC}/{v}/meta.yaml" for v in VERSIONS[1:]
]


def _break(root: Path, file: str, breakage: tuple[str, str]) -> None:
    path = root / file
    how, what = breakage
    if how == "append":
        _append(path, what)
    elif how == "title":
        lines = path.read_text("utf-8").splitlines(keepends=True)
        assert lines[0].startswith("title: ")
        path.write_text(f"title: {what}{lines[0][7:]}" + "".join(lines[1:]), "utf-8")
    elif how == "kind":
        path.write_text(re.sub(r"(?m)^kind: \w+$", f"kind: {what}", path.read_text("utf-8")))
    else:
        _replace(path, "  en: ", f"  en: {what} ")


def _problems(broken: dict[str, tuple[str, str]]) -> set[Problem]:
    with tempfile.TemporaryDirectory() as folder:
        root = _copy(Path(folder))
        for file, breakage in broken.items():
            _break(root, file, breakage)
        try:
            commands.validate(root=root)
        except LegalsiteError as exc:
            assert exc.problems, str(exc)
            return set(exc.problems)
    return set()


@functools.cache
def _problems_alone(file: str, breakage: tuple[str, str]) -> frozenset[Problem]:
    """The problems of one breakage alone: the examples below draw the same ones again and
    again, and validating a copy of the repository is the test's cost."""
    return frozenset(_problems({file: breakage}))


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(FILES),
        st.just(None),
        min_size=2,
        max_size=5,
    ).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {
                f: _meta_breakage() if f.endswith("meta.yaml") else _language_breakage()
                for f in chosen
            }
        )
    )
)
def test_broken_files_together_report_the_union_of_each_alone(
    broken: dict[str, tuple[str, str]],
) -> None:
    alone = [_problems_alone(file, breakage) for file, breakage in broken.items()]
    assert all(alone), "each breakage is a problem of its own"
    assert _problems(broken) == set().union(*alone)


def test_the_preview_banner_shows_every_file_s_problems_as_validate_does(tmp_path: Path) -> None:
    made = make_project(tmp_path / "project", 2, source=ROOT)
    config_file = made.root / "mkdocs.yml"

    def rebuild() -> tuple[LegalsitePlugin, MkDocsConfig]:
        plugins = with_today(read_config(config_file).get("plugins"), made.today)
        config = load_config(str(config_file), plugins=plugins)
        config.plugins.on_config(config)
        plugin = config.plugins["legalsite"]
        assert isinstance(plugin, LegalsitePlugin)
        return plugin, config

    config = load_config(
        str(config_file), plugins=with_today(read_config(config_file).get("plugins"), made.today)
    )
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        assert rebuild()[0]._problem is None
        newest = made.root / "agreements/user-service-agreement" / made.versions[-1].isoformat()
        _append(newest / "en.yaml", "signature: x\n")
        _append(newest / "zh.yaml", "signature: x\n")
        _append(newest / "meta.yaml", "knid: editorial\n")
        expected = refused(made.root).problems
        assert sorted({p.path for p in expected}) == [
            f"{newest.relative_to(made.root).as_posix()}/{name}"
            for name in ("en.yaml", "meta.yaml", "zh.yaml")
        ]
        plugin, built = rebuild()
        assert plugin._problem is not None
        assert plugin._problem.problems == expected
        page = plugin.on_post_page("<body></body>", page=None, config=built)  # type: ignore[arg-type]
        for problem in expected:
            assert escape.html_text(f"{problem.location()}: {problem.message}") in page
    finally:
        config.plugins.on_shutdown()
