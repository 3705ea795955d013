"""Loading agreements: every problem of a run collected, each with file, line, column, hint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from legalsite.model.characters import is_allowed, printable
from legalsite.model.document import (
    ID_PATTERN,
    MAX_SECTIONS,
    SITE_ROOT_NAMES,
    Lang,
    ListBlock,
    Paragraph,
    Table,
    Text,
    section_heading,
)
from legalsite.model.errors import LegalsiteError, Problem
from legalsite.sources.load import _FileChecker, agreement_schema, load_project
from legalsite.sources.yamlfile import read_yaml
from tests import hostile
from tests.conftest import examples

ZH = """\
title: 协议
preamble:
  - id: intro
    text: 本协议。
sections:
  - id: definitions
    title: 定义
    blocks:
      - id: definitions-1
        list: ordered
        items:
          - id: service
            text: 服务。
      - id: contact-table
        table:
          header: [方式, 详情]
          rows:
            - id: email
              cells: [邮箱, "[a@b.cn](mailto:a@b.cn)"]
"""

EN = """\
title: Agreement
preamble:
  - id: intro
    text: This agreement.
sections:
  - id: definitions
    title: Definitions
    blocks:
      - id: definitions-1
        list: ordered
        items:
          - id: service
            text: Service.
      - id: contact-table
        table:
          header: [Method, Details]
          rows:
            - id: email
              cells: [Email, "[a@b.cn](mailto:a@b.cn)"]
"""

VERSION = "agreements/doc/2024-01-01"


def make(tmp_path: Path, zh: str | None = ZH, en: str | None = EN, version: str = VERSION) -> Path:
    folder = tmp_path / version
    folder.mkdir(parents=True, exist_ok=True)
    if zh is not None:
        (folder / "zh.yaml").write_text(zh, encoding="utf-8")
    if en is not None:
        (folder / "en.yaml").write_text(en, encoding="utf-8")
    return tmp_path


def errors(root: Path) -> list[str]:
    with pytest.raises(LegalsiteError) as info:
        load_project(root)
    return [str(p) for p in info.value.problems]


def test_valid_project_loads(tmp_path: Path) -> None:
    project = load_project(make(tmp_path))
    (document,) = project.documents
    (version,) = document.versions
    assert document.id == "doc" and version.id == "2024-01-01"
    assert version.texts["zh"].title == "协议"
    assert list(version.texts["en"].ids()) == [
        "intro", "definitions", "definitions-1", "service", "contact-table", "email",
    ]  # fmt: skip


def test_unknown_field_with_suggestion(tmp_path: Path) -> None:
    zh = ZH.replace("    text: 本协议。", "    txt: 本协议。")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:3:5: 'preamble[1]' must have exactly one of 'text', 'paragraphs', "
        "'list', 'table' or 'verbatim'\n    hint: a clause is {id, text} or {id, paragraphs}; "
        "a list is {id, list, items}; a table is {id, table}; a verbatim block is {id, verbatim}"
    ]


def test_unknown_field_in_section(tmp_path: Path) -> None:
    zh = ZH.replace("    title: 定义\n", "    title: 定义\n    titel: 定义\n")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:8:5: unknown field 'titel' in 'sections[1]'\n"
        "    hint: did you mean 'title'?"
    ]


def test_missing_fields(tmp_path: Path) -> None:
    zh = ZH.replace(
        "          - id: service\n            text: 服务。\n", "          - id: service\n"
    )
    zh = zh.replace("    title: 定义\n", "")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:6:5: missing field 'title' in 'sections[1]'\n    hint: add `title: ...`",
        f"{VERSION}/zh.yaml:11:13: missing field 'text' in "
        "'sections[1].blocks[1].items[1]'\n    hint: add `text: ...` with the clause text",
    ]


def test_wrong_list_style_and_bad_id(tmp_path: Path) -> None:
    zh = ZH.replace("list: ordered", "list: numbered").replace("id: service", "id: Service_1")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:10:15: 'sections[1].blocks[1].list' is 'numbered', it must be "
        "ordered or bulleted",
        f"{VERSION}/zh.yaml:12:17: id 'Service_1' is not lower-case words joined by hyphens\n"
        "    hint: use letters a-z, digits and '-', starting with a letter, e.g. accounts-3",
    ]


def test_duplicate_ids(tmp_path: Path) -> None:
    zh = ZH.replace("- id: email", "- id: service")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:18:19: duplicate id 'service' (first used at line 12)\n"
        "    hint: every section, clause, list item and table row needs its own id"
    ]


IDS = ("intro", "definitions", "definitions-1", "service", "contact-table", "email")


@pytest.mark.parametrize(
    ("first", "second"), [(a, b) for i, a in enumerate(IDS) for b in IDS[i + 1 :]]
)
def test_a_duplicate_id_is_reported_where_it_is_used_the_second_time(
    tmp_path: Path, first: str, second: str
) -> None:
    """Whatever their kinds (a section and a row of its table, a list and its item): the
    second use in the file is the one named, with the line of the first."""
    zh = ZH.replace(f"- id: {second}\n", f"- id: {first}\n")
    lines = zh.splitlines()
    at = [n for n, line in enumerate(lines, start=1) if line.strip() == f"- id: {first}"]
    col = lines[at[1] - 1].index("id:") + 5
    assert errors(make(tmp_path, zh=zh))[0] == (
        f"{VERSION}/zh.yaml:{at[1]}:{col}: duplicate id '{first}' (first used at line {at[0]})\n"
        "    hint: every section, clause, list item and table row needs its own id"
    )


def test_structures_differ(tmp_path: Path) -> None:
    en = EN.replace("id: service", "id: services")
    assert errors(make(tmp_path, en=en)) == [
        f"{VERSION}/en.yaml:12:17: structure differs from {VERSION}/zh.yaml here: zh has list "
        "item 'service'; en has list item 'services'\n    hint: both languages need the same "
        "sections, clauses, lists, items and rows, with the same ids, in the same order"
    ]


def test_structure_missing_section(tmp_path: Path) -> None:
    en = EN.replace("  - id: definitions\n", "  - id: terms\n")
    assert errors(make(tmp_path, en=en)) == [
        f"{VERSION}/en.yaml:6:9: structure differs from {VERSION}/zh.yaml here: zh has section "
        "'definitions'; en has section 'terms'\n    hint: both languages need the same "
        "sections, clauses, lists, items and rows, with the same ids, in the same order"
    ]


def test_missing_language_file(tmp_path: Path) -> None:
    assert errors(make(tmp_path, en=None)) == [
        f"{VERSION}/en.yaml: missing language file en.yaml\n"
        "    hint: every version needs zh.yaml and en.yaml: translate zh.yaml"
    ]


@pytest.mark.parametrize("name", ["2024-13-01", "2024-1-1", "next-version", "2024-02-30"])
def test_version_folder_not_a_date(tmp_path: Path, name: str) -> None:
    make(tmp_path)
    make(tmp_path, version=f"agreements/doc/{name}")
    assert errors(tmp_path) == [
        f"agreements/doc/{name}: version folder name '{name}' is not a valid date (YYYY-MM-DD)\n"
        "    hint: name the folder by the date the version takes effect, e.g. 2025-03-01"
    ]


def test_raw_html_and_bad_link_schemes(tmp_path: Path) -> None:
    zh = ZH.replace("text: 本协议。", "text: 本<b>协议</b>。").replace(
        '"[a@b.cn](mailto:a@b.cn)"', '"[点击](javascript:alert(1))"'
    )
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:4:11: raw HTML '<b>' is not allowed in clause text (at '<b>协议</b>。')\n"
        "    hint: use *emphasis*, **strong** or [text](https://...) instead of HTML tags",
        f"{VERSION}/zh.yaml:19:27: link scheme 'javascript:' is not allowed\n"
        "    hint: links may only use http:, https: or mailto: addresses",
    ]


def test_all_problems_of_all_files_at_once(tmp_path: Path) -> None:
    make(tmp_path, zh=ZH.replace("    text: 服务。", "    text: 服务。\n    text: 重复。"))
    make(tmp_path, version="agreements/doc/2025-01-01", en="title: [\n")
    found = errors(tmp_path)
    assert [line.split(":", 1)[0] for line in found] == [
        "agreements/doc/2024-01-01/zh.yaml",
        "agreements/doc/2025-01-01/en.yaml",
    ]


def test_validation_never_changes_a_file(tmp_path: Path) -> None:
    root = make(tmp_path, zh=ZH.replace("id: service", "id: service\n\tbad: tab"))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*.yaml")}
    errors(root)
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*.yaml")}


# -- Hostile strings in every editor field: refused where they stand, or kept exactly ---------

FIELDS = """\
title: {title}
preamble:
  - id: {preamble_id}
    text: {preamble}
sections:
  - id: definitions
    title: {section_title}
    blocks:
      - id: definitions-1
        list: ordered
        items:
          - id: service
            text: {item}
      - id: contact-table
        table:
          header: [{header}, 详情]
          rows:
            - id: email
              cells: [邮箱, {cell}]
      - id: links
        text: {link}
"""
FIELD_LINES = {
    "title": 1, "preamble_id": 3, "preamble": 4, "section_title": 7, "item": 13,
    "header": 16, "cell": 19, "link": 21, "link_text": 21, "href": 21,
}  # fmt: skip


def load_text(path: Path, lang: Lang, display: str) -> tuple[Text | None, list[Problem]]:
    """One language file read and checked as the loader does, with its problems."""
    data, problems = read_yaml(path, display, ideographic_space=lang == "zh")
    if data is None:
        return None, problems
    checker = _FileChecker(display, lang)
    text = checker.text(data)
    problems = problems + checker.problems
    return (text if not problems else None), problems


SAFE = {
    "title": "协议", "preamble_id": "intro", "preamble": "本协议。", "section_title": "定义",
    "item": "服务。", "header": "方式", "cell": "电子邮箱", "link": "[官网](https://a.cn)",
}  # fmt: skip


def _model_value(text: Text, field: str) -> str:
    (section,) = text.sections
    items, table, link = section.blocks
    assert isinstance(items, ListBlock) and isinstance(table, Table)
    assert isinstance(link, Paragraph) and isinstance(text.preamble[0], Paragraph)
    return {
        "title": text.title,
        "preamble_id": text.preamble[0].id,
        "preamble": text.preamble[0].text,
        "section_title": section.title,
        "item": items.items[0].text,
        "header": table.header[0],
        "cell": table.rows[0].cells[1],
        "link": link.text,
    }[field]


@settings(max_examples=examples(300), deadline=None)  # no timing: each example loads a project
@given(
    st.sampled_from(sorted(FIELD_LINES)),
    st.one_of(hostile.hostile_text(), hostile.refused_character(), hostile.references()),
    st.booleans(),
)
def test_a_hostile_string_in_any_field_is_refused_where_it_stands_or_kept_exactly(
    field: str, hostile_string: str, escape_all: bool
) -> None:
    import tempfile

    values = dict(SAFE)
    if field == "link_text":
        field, hostile_string = "link", f"[{hostile_string}](https://a.cn)"
    elif field == "href":
        field, hostile_string = "link", f"[官网]({hostile_string})"
    values[field] = hostile_string
    quoted = {k: hostile.yaml_double_quoted(v, escape_all=escape_all) for k, v in values.items()}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "zh.yaml"
        path.write_text(FIELDS.format(**quoted), encoding="utf-8", errors="surrogatepass")
        text, problems = load_text(path, "zh", "zh.yaml")
    event(f"{field}: {'refused' if problems else 'kept'}")
    if problems:
        assert text is None
        assert all(p.line is not None and p.col is not None for p in problems), problems
        assert {p.line for p in problems} == {FIELD_LINES[field]}, problems
        for problem in problems:
            assert is_allowed(str(problem).replace("\n", " "))  # nothing raw on the terminal
    else:
        assert text is not None
        assert _model_value(text, field) == hostile_string


# -- Ids, folders and links: matched whole, refused with the place --------------------------


def test_an_id_with_a_final_new_line_is_refused(tmp_path: Path) -> None:
    zh = ZH.replace("- id: service", '- id: "service\\n"')
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:12:17: id 'service\\n' is not lower-case words joined by hyphens\n"
        "    hint: use letters a-z, digits and '-', starting with a letter, e.g. accounts-3",
        f"{VERSION}/zh.yaml:12:17: line break U+000A: a text is one line\n"
        "    hint: join the lines (no blank line, no | block, no \\n escape); a long text may go "
        "on over several indented lines, which YAML joins with spaces",
    ]


@given(st.text(max_size=12))
def test_the_schema_id_pattern_is_the_model_rule(value: str) -> None:
    import re

    schema = agreement_schema()["$defs"]["id"]["pattern"]
    assert (re.search(schema, value) is not None) == (ID_PATTERN.fullmatch(value) is not None)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("evil\n", "document folder name 'evil\\n' is not lower-case words joined by hyphens"),
        ("Doc", "document folder name 'Doc' is not lower-case words joined by hyphens"),
    ],
)
def test_document_folder_names_are_matched_whole(tmp_path: Path, name: str, message: str) -> None:
    make(tmp_path)
    make(tmp_path, version=f"agreements/{name}/2024-01-01")
    assert errors(tmp_path) == [
        f"agreements/{printable(name)}: {message}\n    hint: rename it, e.g. user-service-agreement"
    ]


@pytest.mark.parametrize("name", sorted(SITE_ROOT_NAMES))
def test_a_document_may_not_take_a_name_the_site_uses(tmp_path: Path, name: str) -> None:
    make(tmp_path, version=f"agreements/{name}/2024-01-01")
    make(tmp_path, version="agreements/other/2024-01-01")
    assert errors(tmp_path) == [
        f"agreements/{name}: document folder name '{name}' is a name the site itself uses at "
        "its root (assets, en, ledger, search, zh): the document's pages would replace the site's own\n"
        "    hint: rename it, e.g. user-service-agreement"
    ]


@given(
    st.from_regex(ID_PATTERN, fullmatch=True).filter(
        lambda i: i not in SITE_ROOT_NAMES and len(i) <= 100  # a folder name: 255 bytes at most
    )
)
def test_every_other_id_is_a_document_name(name: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = make(Path(folder), version=f"agreements/{name}/2024-01-01")
        (document,) = load_project(root).documents
    assert document.id == name


@pytest.mark.parametrize("name", ["2024-01-01\n", "２０２４-01-01", "2024-01-01 ", "20240101"])
def test_version_folder_names_are_matched_whole(tmp_path: Path, name: str) -> None:
    make(tmp_path)
    make(tmp_path, version=f"agreements/doc/{name}")
    shown = printable(name)
    assert errors(tmp_path) == [
        f"agreements/doc/{shown}: version folder name '{shown}' is not a valid date (YYYY-MM-DD)\n"
        "    hint: name the folder by the date the version takes effect, e.g. 2025-03-01"
    ]


LINK = (
    "symbolic link in agreements/\n    hint: documents, versions and their files must be real "
    "folders and files (what a link points to is not what the pull request shows, and may lie "
    "outside the project): replace the link with a copy"
)


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("agreements/doc/2024-02-01", "agreements/doc/2024-01-01"),
        ("agreements/other", "agreements/doc"),
        ("agreements/doc/2024-02-01/zh.yaml", "agreements/doc/2024-01-01/zh.yaml"),
        ("agreements/doc/2024-03-01", "/"),
    ],
)
def test_symbolic_links_are_refused(tmp_path: Path, link: str, target: str) -> None:
    make(tmp_path)
    if link.endswith("zh.yaml"):
        make(tmp_path, zh=None, version="agreements/doc/2024-02-01")
    (tmp_path / link).symlink_to(tmp_path / target if not target.startswith("/") else target)
    assert errors(tmp_path) == [f"{link}: {LINK}"]


@pytest.mark.parametrize("target", ["elsewhere", "/tmp"])
def test_the_agreements_folder_itself_may_not_be_a_link(tmp_path: Path, target: str) -> None:
    """validate read the folder a link named agreements pointed to, inside or outside the
    project (format already refused it)."""
    make(tmp_path / "elsewhere")
    (tmp_path / "agreements").symlink_to(
        tmp_path / "elsewhere" / "agreements" if target == "elsewhere" else target
    )
    assert errors(tmp_path) == [f"agreements: {LINK}"]


def test_a_blank_text_is_a_located_problem(tmp_path: Path) -> None:
    zh = ZH.replace("text: 服务。", "text: ' '").replace("title: 定义", "title: '\u3000'")
    assert errors(make(tmp_path, zh=zh)) == [
        f"{VERSION}/zh.yaml:7:12: the text is blank\n    hint: write the text",
        f"{VERSION}/zh.yaml:13:19: the text is blank\n    hint: write the text",
    ]


def _sections(count: int, lang: str) -> str:
    body = "".join(
        f"  - id: s{n}\n    title: {lang}{n}\n    blocks:\n      - id: c{n}\n        text: x\n"
        for n in range(1, count + 1)
    )
    return f"title: {lang}\nsections:\n{body}"


def test_more_than_99_sections_are_numbered(tmp_path: Path) -> None:
    project = load_project(make(tmp_path, zh=_sections(120, "章"), en=_sections(120, "S")))
    texts = project.documents[0].versions[0].texts
    assert section_heading("zh", 120, texts["zh"].sections[119].title) == "一百二十、章120"
    assert section_heading("en", 120, texts["en"].sections[119].title) == "CXX. S120"


def test_more_sections_than_numerals_are_refused_naming_the_limit(tmp_path: Path) -> None:
    count = MAX_SECTIONS + 1
    line = 3 + 5 * MAX_SECTIONS
    assert errors(make(tmp_path, zh=_sections(count, "章"), en=_sections(count, "S"))) == [
        f"{VERSION}/{lang}.yaml:{line}:5: section 4000 is one too many: a document has at most "
        "3999 sections\n    hint: the section numbers end at 三千九百九十九、 / MMMCMXCIX.: "
        "merge sections or split the document"
        for lang in ("en", "zh")
    ]
