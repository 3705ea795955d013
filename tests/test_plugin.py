"""The plugin's options as MkDocs validates them, and the theme files it ships."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model.document import EARLIEST, LATEST
from legalsite.plugin.config import LegalsiteConfig, plugin_options, with_today
from legalsite.plugin.plugin import THEME_DIR
from tests.conftest import BUILD_DAY, SITES, assemble, build_site, examples, set_plugin_options
from tests.hostile import invisible, markup, ordinary


def validate(**options: Any) -> tuple[LegalsiteConfig, list[str]]:
    """The options as MkDocs checks them; the errors as MkDocs prints them after the name."""
    config = LegalsiteConfig()
    config.load_dict(options)
    errors, _ = config.validate()
    return config, [f"{name}: {error}" for name, error in errors]


def test_the_defaults_suit_the_chinese_site() -> None:
    config, errors = validate()
    assert errors == []
    assert config.agreements == "agreements"
    assert config.timezone == "Asia/Shanghai"
    assert config.today is None
    assert config.languages == {"zh": "中文", "en": "English"}
    assert config.governing_language is None


def test_every_option_has_its_docstring() -> None:
    source = Path(LegalsiteConfig.__module__.replace(".", "/") + ".py")
    text = (Path(__file__).resolve().parent.parent / source).read_text(encoding="utf-8")
    for name, _ in LegalsiteConfig._schema:
        assert re.search(rf'\n    {name} = .*\n    """\S', text), name


@settings(max_examples=examples(100), deadline=None)  # no timing: filesystem and config loads
@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_a_build_date_is_read_from_yaml_or_a_string(day: date) -> None:
    for value in (day, day.isoformat()):
        config, errors = validate(today=value)
        assert (config.today, errors) == (day, [])


@settings(max_examples=examples(100), deadline=None)  # no timing: filesystem and config loads
@given(st.dates().filter(lambda d: not EARLIEST <= d <= LATEST))
def test_a_build_date_out_of_range_is_refused(day: date) -> None:
    _, errors = validate(today=day.isoformat())
    assert errors == [
        f"today: {day.isoformat()} is out of range: a build date is between 1970-01-01 and "
        "2106-02-07"
    ]


@settings(max_examples=examples(100), deadline=None)  # no timing: filesystem and config loads
@given(st.text(max_size=12) | st.integers().map(str))
def test_anything_but_an_iso_date_is_refused_in_one_line(value: str) -> None:
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value, re.ASCII):
        try:
            date.fromisoformat(value)
            return  # a real date: the test above covers it
        except ValueError:
            pass
    _, errors = validate(today=value)
    assert errors == [f"today: '{value}' is not a date: write it as YYYY-MM-DD, e.g. 2025-03-01"]


def test_impossible_and_other_forms_of_dates() -> None:
    for value in ("2024-02-30", "2024-13-01", "20240601", "2024-6-1", "2024-06-01T00:00"):
        _, errors = validate(today=value)
        assert errors == [
            f"today: '{value}' is not a date: write it as YYYY-MM-DD, e.g. 2025-03-01"
        ], value


def test_time_zones() -> None:
    for zone in [*sorted(available_timezones())[::40], "UTC", "Europe/Paris"]:
        config, errors = validate(timezone=zone)
        assert (config.timezone, errors) == (zone, [])
    for bad in ("Asia/Beijing", "", " UTC", "../etc/passwd", "GMT+8:00"):
        _, errors = validate(timezone=bad)
        assert errors == [
            f"timezone: '{bad}' is not a time zone: write an IANA name such as Asia/Shanghai"
        ]


@settings(max_examples=examples(100), deadline=None)  # no timing: filesystem and config loads
@given(st.lists(ordinary(), min_size=1, max_size=3), st.data())
def test_a_label_with_markup_or_an_invisible_character_is_refused(
    words: list[str], data: st.DataObject
) -> None:
    """Labels land in pages: anything that could be markup, or hide, is refused, wherever it
    sits (plain words are accepted)."""
    label = " ".join(words)
    _, errors = validate(languages={"zh": "中文", "en": label})
    assert errors == []
    bad = data.draw(
        st.one_of(
            invisible(),
            st.sampled_from("<>&\"'`"),
            markup().filter(lambda piece: any(ch in piece for ch in "<>&\"'`\n")),
        )
    )
    at = data.draw(st.integers(0, len(label)))
    hostile = label[:at] + bad + label[at:]
    _, errors = validate(languages={"zh": "中文", "en": hostile})
    assert errors == [
        f"languages: the label of en must be plain text on one line, without markup "
        f"(got {hostile!r})"
    ]


def test_the_languages_are_the_models_in_order() -> None:
    for bad in ({"en": "English", "zh": "中文"}, {"zh": "中文"}, {"zh": "中文", "fr": "Français"}):
        _, errors = validate(languages=bad)
        assert errors == [
            "languages: the languages must be zh, en, in that order, each with its label "
            f"(got {', '.join(bad)})"
        ]
    _, errors = validate(languages=["zh", "en"])
    assert errors == [
        "languages: the languages must be zh, en, in that order, each with its label "
        "(got ['zh', 'en'])"
    ]


def test_the_governing_language_is_one_of_them() -> None:
    config, errors = validate(governing_language="en")
    assert (config.governing_language, errors) == ("en", [])
    _, errors = validate(governing_language="fr")
    assert errors == ["governing_language: 'fr' is not one of the site's languages (zh, en)"]
    _, errors = validate(governing_language=["zh"])  # was a TypeError traceback
    assert errors == [
        "governing_language: Expected type: <class 'str'> but received: <class 'list'>"
    ]
    _, errors = validate(governing_language="\x1b[2Jfr")
    assert errors == [
        "governing_language: '\\x1b[2Jfr' is not one of the site's languages (zh, en)"
    ]


@settings(max_examples=examples(100), deadline=None)  # no timing: filesystem and config loads
@given(st.text(min_size=1, max_size=20))
def test_the_agreements_folder_is_named_agreements_and_inside(value: str) -> None:
    config, errors = validate(agreements=value)
    parts = value.replace("\\", "/").rstrip("/").split("/")
    fine = parts[-1] == "agreements" and ".." not in parts and not value.startswith(("/", "~"))
    if fine:
        assert (config.agreements, errors) == ("/".join(parts), [])
    elif value.strip():
        assert errors == [
            f"agreements: '{value}' is not a folder named agreements inside the project: the "
            "commands and the editors' guide know it by that name (e.g. agreements or "
            "legal/agreements)"
        ]
    else:
        assert errors == [f"agreements: '{value}' is not a folder name"]


def test_the_build_date_goes_into_the_plugins_options_whatever_their_form() -> None:
    day = date(2025, 3, 3)
    listed = ["search", {"legalsite": {"timezone": "UTC"}}, {"i18n": {"a": 1}}]
    expected = {
        "search": None,
        "legalsite": {"timezone": "UTC", "today": "2025-03-03"},
        "i18n": {"a": 1},
    }
    assert with_today(listed, day) == expected
    assert list(with_today(listed, day)) == ["search", "legalsite", "i18n"]  # order kept
    assert listed == ["search", {"legalsite": {"timezone": "UTC"}}, {"i18n": {"a": 1}}]
    assert with_today([{"legalsite": None}], day) == {"legalsite": {"today": "2025-03-03"}}
    assert with_today({"legalsite": {"today": "2020-01-01"}}, day) == {
        "legalsite": {"today": "2025-03-03"}
    }
    twice = ["search", "search", "legalsite"]
    assert with_today(twice, day) is twice  # several instances: MkDocs needs the list form


def test_mkdocs_reads_the_plugins_again_and_again(tmp_path: Path) -> None:
    """`serve` loads the same options for every rebuild: they must survive being read."""
    from mkdocs.config import load_config

    config_file = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config_file.write_text("site_name: x\nsite_url: https://x.example/\n", encoding="utf-8")
    plugins = with_today(["search", "legalsite"], date(2025, 3, 3))
    for _ in range(3):
        config = load_config(str(config_file), plugins=plugins)
        assert config.plugins["legalsite"].config.today == date(2025, 3, 3)


def test_the_plugins_options_in_mkdocs_yml() -> None:
    assert plugin_options(["search"]) is None
    assert plugin_options(["legalsite"]) == {}
    assert plugin_options({"legalsite": {"today": "x"}}) == {"today": "x"}
    assert plugin_options(None) is None


def test_the_theme_ships_with_the_package() -> None:
    names = {p.relative_to(THEME_DIR).as_posix() for p in THEME_DIR.rglob("*") if p.is_file()}
    assert {
        "main.html",
        "partials/search.html",
        "assets/legalsite.css",
        "assets/legalsite.js",
        "assets/legalsite-compare.js",
    } <= names


def test_the_search_partial_is_materials_own_with_one_change() -> None:
    """An upgrade of Material cannot keep a stale copy: ours is the installed partial with the
    dialog's accessible name added (axe-core: aria-dialog-name), nothing else."""
    import material

    installed = Path(material.__file__).parent / "templates/partials/search.html"
    theirs = installed.read_text(encoding="utf-8")
    ours = (THEME_DIR / "partials/search.html").read_text(encoding="utf-8")
    comment, _, body = ours.partition("-#}\n")
    assert comment.startswith("{#- legalsite: Material ")
    # Material's file starts with its licence comment; the markup follows it.
    markup_start = theirs.index('<div class="md-search"')
    expected = theirs[markup_start:].replace(
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" '
        "aria-label=\"{{ lang.t('search') }}\">",
    )
    assert body == expected


OPTIONS = sorted(name for name, _ in LegalsiteConfig._schema)
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.dates() | st.sampled_from(["zh", "en", "2025-01-01", "UTC", ".", "..", "/"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


@settings(max_examples=examples(150), deadline=None)
@given(st.dictionaries(st.sampled_from(OPTIONS), YAML_VALUES, max_size=4))
def test_any_option_values_give_located_errors_never_a_traceback(options: dict[str, Any]) -> None:
    """Whatever a site writes under `- legalsite:` (a list where a word belongs, a number, a
    mapping): MkDocs' one line per option, naming it, never an exception."""
    _, errors = validate(**options)
    for line in errors:
        name = line.split(":", 1)[0]
        assert name in options, line
        assert "\n" not in line


_WORDS_META = re.compile(r'<meta name="legalsite:words" content="([^"]*)">')


def test_the_script_takes_today_in_the_sites_time_zone(tmp_path: Path) -> None:
    """legalsite.js reads the day in the zone the plugin's words carry: the ``timezone``
    option, not a zone of its own."""
    root = assemble(tmp_path / "project", SITES / "basic" / "agreements")
    set_plugin_options(root, "{timezone: America/Los_Angeles}")
    site = build_site(root, BUILD_DAY)
    for lang in ("zh", "en"):
        page = (site / ("" if lang == "zh" else "en/") / "index.html").read_text(encoding="utf-8")
        (words,) = _WORDS_META.findall(page)
        assert json.loads(html.unescape(words))["timezone"] == "America/Los_Angeles"
    script = (THEME_DIR / "assets/legalsite.js").read_text(encoding="utf-8")
    assert "timeZone: WORDS.timezone," in script
    assert "Asia/Shanghai" not in script
