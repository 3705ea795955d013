"""`legalsite validate` never prints a traceback, whatever is in agreements/: arbitrary bytes,
arbitrary text, generated YAML (deep, huge, odd types and keys, escapes, tags, anchors), odd
folder names and calendar files. It exits 0, or 1 with `error: ...` and located problems."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalsite.cli import main
from tests import hostile
from tests.conftest import examples
from tests.test_load import EN, ZH

FUZZ = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@contextlib.contextmanager
def project() -> Iterator[Path]:
    """A minimal project: mkdocs.yml and one valid version of one document."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
        version = root / "agreements/doc/2024-01-01"
        version.mkdir(parents=True)
        (version / "zh.yaml").write_text(ZH, encoding="utf-8")
        (version / "en.yaml").write_text(EN, encoding="utf-8")
        yield root


def validate(root: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate"])
    return code, out.getvalue(), err.getvalue()


def assert_clean(root: Path) -> None:
    code, out, err = validate(root)
    assert "Traceback" not in out + err
    assert code in (0, 1)
    if code:
        assert out == "" and err.startswith("error: "), err
        assert err.endswith(" in agreements/\n") or "\nhint: " in err, err
    else:
        assert out.startswith("ok: ") and err == ""


def with_zh(content: bytes) -> None:
    with project() as root:
        (root / "agreements/doc/2024-01-01/zh.yaml").write_bytes(content)
        assert_clean(root)


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(content: bytes) -> None:
    with_zh(content)


@FUZZ
@given(st.text(alphabet=st.characters(codec=None), max_size=2000))
def test_arbitrary_text(content: str) -> None:
    with_zh(content.encode("utf-8", errors="surrogatepass"))


# Generated YAML: odd values and keys, dumped in every style, then spliced with YAML features.

SCALARS = st.one_of(
    hostile.hostile_text(),
    hostile.references(),
    hostile.bad_hrefs(),
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.binary(max_size=20),
    st.dates(),
)
KEYS = st.one_of(
    st.sampled_from(
        ["title", "sections", "preamble", "id", "text", "blocks", "list", "items", "table",
         "header", "rows", "cells", "<<", "?", "-", ""]
    ),
    hostile.hostile_text(),
    st.integers(),
    st.none(),
)  # fmt: skip


def values() -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=5),
            st.dictionaries(KEYS, inner, max_size=5),
        ),
        max_leaves=40,
    )


SNIPPETS = (
    "&a [1, 2]\n",
    "*a\n",
    "!!python/object:os.system {}\n",
    "!custom x\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n---\n",
    "? [a, b]\n: c\n",
    "<<: {a: 1}\n",
    "x: |\n  a\n\n  b\n",
    "x: >-\n  a\n  b\n",
    'x: "\\u202E\\0\\x80\\uFFFE\\U000E0041\\_\\t"\n',
    "x: '" + "[" * 3000 + "'\n",
    "x: " + "[" * 3000 + "\n",
    "x: " + "{a: " * 500 + "\n",
    "".join(" " * (2 * i) + f"k{i}:\n" for i in range(40)),
    "\ufeff",
    "\t- x\n",
    "x: \x85y\u2028z\n",
)


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    value = draw(values())
    try:
        text = yaml.safe_dump(
            value,
            allow_unicode=draw(st.booleans()),
            default_flow_style=draw(st.sampled_from([False, True, None])),
            width=draw(st.sampled_from([20, 80, 10_000])),
        )
    except yaml.YAMLError:
        text = ""
    if draw(st.booleans()):
        text = draw(st.sampled_from(SNIPPETS)) + text
    if draw(st.booleans()) and text:
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
    return text


@FUZZ
@given(yaml_documents())
def test_generated_yaml(content: str) -> None:
    with_zh(content.encode("utf-8", errors="surrogatepass"))


@st.composite
def mutated_agreements(draw: st.DrawFn) -> str:
    """The valid test agreement with a hostile piece spliced in anywhere."""
    at = draw(st.integers(min_value=0, max_value=len(ZH)))
    piece = draw(
        st.one_of(
            st.sampled_from(SNIPPETS),
            hostile.hostile_text(),
            hostile.refused_character(),
            hostile.references(),
        )
    )
    return ZH[:at] + piece + ZH[at:]


@FUZZ
@given(mutated_agreements())
def test_mutated_agreement(content: str) -> None:
    with_zh(content.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_characters="/\0"), min_size=1, max_size=20
    )
)
def test_odd_folder_names(name: str) -> None:
    if name in (".", ".."):
        return
    with project() as root:
        shutil.copytree(root / "agreements/doc", root / "agreements" / name)
        shutil.copytree(root / "agreements/doc/2024-01-01", root / "agreements/doc" / name)
        assert_clean(root)


@FUZZ
@given(st.one_of(yaml_documents(), st.text(max_size=300)))
def test_odd_calendar_files(content: str) -> None:
    with project() as root:
        (root / "agreements/calendar.yaml").write_text(
            content, encoding="utf-8", errors="surrogatepass"
        )
        assert_clean(root)


@FUZZ
@given(
    st.dates(),
    st.dictionaries(
        st.integers(min_value=1, max_value=9999).map(lambda y: f'"{y:04d}"'),
        st.fixed_dictionaries(
            {
                "source": st.just('"https://www.gov.cn/x"'),
                "days_off": st.lists(st.dates().map(str), max_size=3).map(
                    lambda days: "[" + ", ".join(days) + "]"
                ),
                "workdays": st.lists(st.dates().map(str), max_size=3).map(
                    lambda days: "[" + ", ".join(days) + "]"
                ),
            }
        ),
        max_size=3,
    ),
)
def test_any_version_date_and_calendar_year(
    effective: Any, years: dict[str, dict[str, str]]
) -> None:
    """Versions of any year (1 to 9999) with calendar overrides of any year."""
    calendar = "years:\n" + "".join(
        f"  {year}:\n" + "".join(f"    {k}: {v}\n" for k, v in entry.items())
        for year, entry in years.items()
    )
    with project() as root:
        (root / "agreements/calendar.yaml").write_text(calendar, encoding="utf-8")
        shutil.copytree(
            root / "agreements/doc/2024-01-01", root / "agreements/doc" / effective.isoformat()
        )
        assert_clean(root)
