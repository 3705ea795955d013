"""The one schema translator (legalsite/sources/schema.py): calendar.yaml's schema gives its words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalsite.sources import schema
from legalsite.sources.calendar import load_calendar_file
from tests.conftest import examples

KEYWORDS = {
    "type", "required", "additionalProperties", "pattern", "oneOf", "uniqueItems", "maxLength", "enum",
}  # fmt: skip
PLACEHOLDERS = {
    "key", "keys", "value", "found", "parent", "suggestion", "allowed", "limit",
    "example_day_off", "example_range", "example_workday",
}  # fmt: skip

# What jsonschema itself says: a problem with these words was not translated.
RAW = ("is not of type", "is a required property", "does not match", "were unexpected",
       "is not valid under", "has non-unique elements")  # fmt: skip


def wordings(node: Any) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(keyword, wording, schema part) of every x-legalsite entry of a schema."""
    out: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    if isinstance(node, dict):
        for keyword, wording in node.get(schema.WORDING, {}).items():
            out.append((keyword, wording, node))
        for key, value in node.items():
            if key != schema.WORDING:
                out.extend(wordings(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(wordings(value))
    return out


@pytest.mark.parametrize(("name", "least"), [("calendar", 12), ("meta", 10)])
def test_each_wording_is_for_a_keyword_of_its_part_and_names_known_values(
    name: str, least: int
) -> None:
    found = wordings(schema.schema(name))
    assert len(found) >= least
    for keyword, wording, part in found:
        assert keyword in KEYWORDS and keyword in part, keyword
        if wording.get("skip"):
            assert set(wording) == {"skip"}
            continue
        for text in (wording["message"], wording.get("hint") or "", wording.get("otherwise", "")):
            names = set(re.findall(r"\{(\w+)\}", text))
            assert names <= PLACEHOLDERS, text


KEYS = ["years", "2030", "2031", "30", "source", "days_off", "workdays", "holidays", "x"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.sampled_from(["", "2030", "2030-01-01", "2030-10-01/2030-10-07", "https://x.cn/n", "x"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                ["years", "2030", "2031", "30", "source", "days_off", "workdays", "holidays", "x"]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)
YEAR_LEVEL = st.dictionaries(
    st.sampled_from(["source", "days_off", "workdays", "holidays", "remark"]), VALUES, max_size=4
)
FILES = st.one_of(
    VALUES,
    st.dictionaries(
        st.sampled_from(["years", "year"]),
        st.one_of(
            VALUES,
            st.dictionaries(
                st.sampled_from(["2030", "2031", "30", "0999"]),
                st.one_of(VALUES, YEAR_LEVEL),
                max_size=3,
            ),
        ),
        max_size=2,
    ),
)


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(FILES)
def test_every_problem_of_a_calendar_file_is_in_our_words(tmp_path: Path, value: Any) -> None:
    """Whatever shape the file has, no problem is jsonschema's own English, and each has a
    hint (the schema's wording, or the hand-written checks')."""
    path = tmp_path / "calendar.yaml"
    path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    _, problems = load_calendar_file(path, "agreements/calendar.yaml")
    for problem in problems:
        assert not any(raw in problem.message for raw in RAW), problem.message
        assert problem.hint, problem.message
