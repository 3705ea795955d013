"""The notice rule as a setting (issue 26): its forms, the dates it gives, and every place that
uses it (the pages, the commands, check-frozen).

``publish_date(e, rule)`` is the latest day a version effective on ``e`` may be published;
``earliest_effective(p, rule)`` the earliest day a version published on ``p`` may take effect.
The laws below hold for every rule and every day the calendar knows; ``1 working day`` gives the
dates the site always gave (the latest PRC working day strictly before the effective date).
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.commands import actions as commands
from legalsite.model.notice import (
    DEFAULT_NOTICE,
    MAX_COUNT,
    NoticeError,
    NoticeRule,
    parse_notice,
)
from legalsite.plugin.config import LegalsiteConfig
from legalsite.site.plan import generated_files, plan
from legalsite.sources.calendar import WorkingCalendar, load_calendar
from legalsite.sources.load import load_project
from tests.conftest import SITES, assemble, build_site, examples, run_cli, set_plugin_options
from tests.hostile import hostile_text, invisible

FORMS = "'1 working day', 'N working days' or 'N days' (N a whole number from 1 to 365)"
HINT = f"write the rule as {FORMS}, e.g. 7 days"
USA = "agreements/user-service-agreement"

CALENDAR = WorkingCalendar()
YEARS = CALENDAR.years()
# Days whose answers the calendar knows for any rule up to a month: away from the ends of the
# years it knows (a rule looks back before the effective date, forward after publication).
FIRST, LAST = date(YEARS[0] + 1, 1, 1), date(YEARS[-1] - 1, 12, 31)

rules = st.builds(
    NoticeRule,
    count=st.one_of(st.integers(1, 10), st.integers(1, 30)),
    unit=st.sampled_from(["working day", "day"]),
)
days = st.dates(FIRST, LAST)


# -- The forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("1 working day", NoticeRule(1, "working day")),
        ("3 working days", NoticeRule(3, "working day")),
        ("7 days", NoticeRule(7, "day")),
        ("1 day", NoticeRule(1, "day")),
        ("365 days", NoticeRule(365, "day")),
    ],
)
def test_the_accepted_forms(text: str, rule: NoticeRule) -> None:
    assert parse_notice(text) == rule
    assert str(rule) == text


@given(
    rule=st.builds(NoticeRule, st.integers(1, MAX_COUNT), st.sampled_from(["working day", "day"]))
)
def test_every_rule_reads_back_as_written(rule: NoticeRule) -> None:
    assert parse_notice(str(rule)) == rule


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("7 calendar days", "the notice rule '7 calendar days' is not one of the accepted forms"),
        ("0 days", "the notice rule '0 days' is not one of the accepted forms"),
        ("366 days", "the notice rule '366 days' is not one of the accepted forms"),
        ("七日", "the notice rule '七日' is not one of the accepted forms"),
        ("７ days", "the notice rule '７ days' is not one of the accepted forms"),
        ("7  days", "the notice rule '7  days' is not one of the accepted forms"),
        ("7 days\u202e", "the notice rule '7 days\\u202e' is not one of the accepted forms"),
        (7, "the notice rule 7 (a number without its unit) is not one of the accepted forms"),
        (None, "the notice rule (empty) is not one of the accepted forms"),
        (True, "the notice rule true (a yes/no value) is not one of the accepted forms"),
        (["7 days"], "the notice rule (a list) is not one of the accepted forms"),
    ],
)
def test_anything_else_is_refused_with_the_forms(value: object, message: str) -> None:
    with pytest.raises(NoticeError) as caught:
        parse_notice(value)
    assert (caught.value.message, caught.value.hint) == (message, HINT)


@settings(max_examples=examples(300))
@given(text=st.one_of(hostile_text(), invisible(), st.text(max_size=30)))
def test_a_hostile_string_is_a_rule_as_written_or_refused_printably(text: str) -> None:
    try:
        rule = parse_notice(text)
    except NoticeError as exc:
        assert exc.hint == HINT
        assert exc.message.endswith("' is not one of the accepted forms")
        assert exc.message.isprintable()
        return
    # Read only when it is a form, whole: the number and unit as written (singular or plural).
    assert re.fullmatch(r"[1-9][0-9]*", text.split(" ")[0])
    assert text.rstrip("s") == str(rule).rstrip("s")


# -- The dates -------------------------------------------------------------------------------


@cache
def working(day: date) -> bool:
    return CALENDAR.is_working_day(day)


def test_one_working_day_gives_the_dates_the_site_always_gave() -> None:
    """Over every day of every year the calendar knows: the latest working day before."""
    day = date(YEARS[0], 1, 15)
    latest = max(d for d in (day - timedelta(n) for n in range(1, 15)) if working(d))
    while day.year <= YEARS[-1]:
        assert CALENDAR.publish_date(day, DEFAULT_NOTICE) == latest, day
        if working(day):
            latest = day
        day += timedelta(1)
    # The name every caller knew before rules were a setting is the same function.
    assert CALENDAR.publication_date(date(2026, 12, 14)) == date(2026, 12, 11)


@settings(max_examples=examples(300))
@given(rule=rules, published=days, effective=days)
def test_publish_date_and_earliest_effective_are_inverse(
    rule: NoticeRule, published: date, effective: date
) -> None:
    # A version effective on `effective` may be published on `published` exactly when its
    # notice is over by then: the one definition both functions follow.
    assert (CALENDAR.publish_date(effective, rule) >= published) == (
        CALENDAR.earliest_effective(published, rule) <= effective
    )


@settings(max_examples=examples(300))
@given(rule=rules, day=days, later=st.integers(0, 40))
def test_the_laws_of_the_dates(rule: NoticeRule, day: date, later: int) -> None:
    publish = CALENDAR.publish_date(day, rule)
    earliest = CALENDAR.earliest_effective(day, rule)
    assert publish < day < earliest
    assert CALENDAR.earliest_effective(publish, rule) <= day
    assert CALENDAR.publish_date(earliest, rule) >= day
    # Monotonic: a later effective date is never published earlier, and so on.
    other = day + timedelta(later)
    assert CALENDAR.publish_date(other, rule) >= publish
    assert CALENDAR.earliest_effective(other, rule) >= earliest
    # A longer rule never publishes later.
    longer = NoticeRule(rule.count + 1, rule.unit)
    assert CALENDAR.publish_date(day, longer) <= publish


@settings(max_examples=examples(300))
@given(rule=rules, effective=days)
def test_what_each_rule_promises(rule: NoticeRule, effective: date) -> None:
    publish = CALENDAR.publish_date(effective, rule)
    between = [publish + timedelta(n) for n in range((effective - publish).days)]
    if rule.working_days:
        # Published on a working day, the N-th counted back from the day before it takes effect.
        assert working(publish)
        assert sum(map(working, between)) == rule.count
    else:
        # 民法典 第二百零一条: counted from the day after publication; 第二百零三条: a last day
        # that is no working day moves to the day after the holiday; over before `effective`.
        last = publish + timedelta(rule.count)
        while not working(last):
            last += timedelta(1)
        assert last < effective
        # And it is the latest such day: published a day later, the period would still run.
        later = publish + timedelta(1 + rule.count)
        while not working(later):
            later += timedelta(1)
        assert later >= effective


@pytest.mark.parametrize(
    ("rule", "effective", "published"),
    [
        ("1 working day", "2026-12-14", "2026-12-11"),
        ("3 working days", "2026-12-14", "2026-12-09"),
        ("1 working day", "2026-10-08", "2026-09-30"),
        ("7 days", "2026-12-15", "2026-12-07"),
        ("7 days", "2026-12-14", "2026-12-04"),
    ],
)
def test_the_worked_examples_of_the_readme(rule: str, effective: str, published: str) -> None:
    assert CALENDAR.publish_date(date.fromisoformat(effective), parse_notice(rule)) == (
        date.fromisoformat(published)
    )
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    assert effective[5:] in readme and published[5:] in readme


@pytest.mark.parametrize(
    ("rule", "published", "effective"),
    [
        ("1 working day", "2026-12-11", "2026-12-12"),
        ("1 working day", "2026-12-12", "2026-12-15"),
        ("7 days", "2026-12-07", "2026-12-15"),
        ("7 days", "2026-12-05", "2026-12-15"),
        ("7 days", "2026-09-25", "2026-10-09"),
    ],
)
def test_the_earliest_effective_dates_of_the_examples(
    rule: str, published: str, effective: str
) -> None:
    assert CALENDAR.earliest_effective(date.fromisoformat(published), parse_notice(rule)) == (
        date.fromisoformat(effective)
    )


# -- Where the rule is set, and what uses it ---------------------------------------------------


@pytest.fixture
def seven(tmp_path: Path) -> Path:
    """The versions site (2024-01-01, 2025-03-03) whose document has its own rule: 7 days."""
    root = assemble(tmp_path / "seven", SITES / "versions" / "agreements")
    (root / USA / "document.yaml").write_text("notice: 7 days\n", encoding="utf-8")
    return root


def test_a_document_rule_dates_its_versions_and_the_pages_state_it(seven: Path) -> None:
    # 2025-03-03 (Monday): the latest working day before is Friday 02-28; 7 days before, 02-21.
    project = load_project(seven)
    assert project.documents[0].notice == NoticeRule(7, "day")
    content = plan(project, load_calendar(seven), date(2025, 2, 21))
    (line,) = content.timelines
    assert [(r.id, r.published.isoformat()) for r in line.releases] == [
        ("2024-01-01", "2023-12-22"),
        ("2025-03-03", "2025-02-21"),
    ]
    files = generated_files(content)
    history = files["zh/user-service-agreement/history.md"]
    assert isinstance(history, str)
    assert (
        "新版本在生效前至少公示七日：自发布的次日起算，最后一日是法定休假日的，以休假日结束的次日"
        "为最后一日（《民法典》第二百零一条、第二百零三条）。"
    ) in history
    english = files["en/user-service-agreement/history.md"]
    assert isinstance(english, str)
    assert (
        "A new version is published at least 7 days before it takes effect, counted from the day "
        "after its publication; when the last day is a public holiday or a rest day, the period "
        "ends on the next working day (Civil Code of the PRC, Articles 201 and 203)."
    ) in english
    notice = files["en/user-service-agreement/index.md"]
    assert isinstance(notice, str)
    assert (
        '<p class="ls-notice-rule">The new version was published on February 21, 2025. A new '
        "version is published at least 7 days before it takes effect"
    ) in notice
    # The day before, nothing is announced.
    before = plan(project, load_calendar(seven), date(2025, 2, 20))
    assert [r.id for r in before.timelines[0].releases] == ["2024-01-01"]


def test_the_site_rule_is_the_plugins_option(tmp_path: Path) -> None:
    root = assemble(tmp_path / "site", SITES / "versions" / "agreements")
    set_plugin_options(root, "{notice: 3 working days}")
    assert commands.site_rule(root) == NoticeRule(3, "working day")
    # 2025-03-03 is a Monday: Wednesday 02-26.
    assert run_cli(root, "publish-date", "2025-03-03").stdout == "2025-02-26\n"
    assert run_cli(root, "publish-date", "--notice", "7 days", "2025-03-03").stdout == (
        "2025-02-21\n"
    )
    (root / USA / "document.yaml").write_text("notice: 1 working day\n", encoding="utf-8")
    ran = run_cli(root, "publish-date", "--document", "user-service-agreement", "2025-03-03")
    assert ran.stdout == "2025-02-28\n"


def test_a_wrong_site_rule_is_refused_naming_the_option(tmp_path: Path) -> None:
    root = assemble(tmp_path / "site", SITES / "versions" / "agreements")
    set_plugin_options(root, "{notice: a week}")
    ran = run_cli(root, "validate")
    assert (ran.returncode, ran.stderr) == (
        1,
        "error: mkdocs.yml: plugin legalsite option notice: the notice rule 'a week' is not one "
        f"of the accepted forms: {HINT}\n",
    )


def test_a_wrong_document_rule_is_refused_where_it_is_written(seven: Path) -> None:
    (seven / USA / "document.yaml").write_text(
        "notice: 7 calendar days\nnotise: 3 days\n", encoding="utf-8"
    )
    ran = run_cli(seven, "validate")
    assert ran.returncode == 1
    assert ran.stderr == (
        f"error: {USA}/document.yaml:2:1: unknown field 'notise' in document.yaml\n"
        "    hint: did you mean 'notice'?\n"
        "1 problem in agreements/\n"
    )
    (seven / USA / "document.yaml").write_text("notice: 7 calendar days\n", encoding="utf-8")
    ran = run_cli(seven, "validate")
    assert ran.stderr == (
        f"error: {USA}/document.yaml:1:9: the notice rule '7 calendar days' is not one of the "
        "accepted forms\n"
        f"    hint: {HINT}\n"
        "1 problem in agreements/\n"
    )
    (seven / USA / "document.yaml").write_text("notice: [7 days]\n", encoding="utf-8")
    ran = run_cli(seven, "validate")
    assert ran.stderr == (
        f"error: {USA}/document.yaml:1:9: the notice rule must be text such as '7 days', "
        "found a list\n"
        f"    hint: {HINT}\n"
        "1 problem in agreements/\n"
    )


def test_new_version_uses_the_document_rule(seven: Path) -> None:
    ran = run_cli(
        seven, "new-version", "user-service-agreement", "--effective", "2025-06-03",
        "--today", "2025-05-27",
    )  # fmt: skip
    assert (ran.returncode, ran.stdout, ran.stderr) == (
        1,
        "",
        "error: a version effective 2025-06-03 had to be published on 2025-05-23, which is "
        "already past (today is 2025-05-27)\n"
        "hint: choose an effective date on or after 2025-06-04 (the notice rule of "
        "user-service-agreement: 7 days), or pass --backdate to import a historical version\n",
    )
    ran = run_cli(
        seven, "new-version", "user-service-agreement", "--effective", "2025-06-04",
        "--today", "2025-05-27",
    )  # fmt: skip
    assert ran.returncode == 0
    assert ran.stdout.endswith(
        "publication date: 2025-05-27 (notice rule: 7 days)\n"
        "note: that is today: merge and publish it today, or give it a later effective date "
        "(a version must be on the site on its publication date)\n"
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=editor", "-c", "user.email=editor@example.com", *args],
        cwd=root,
        capture_output=True,
        check=True,
    )


def test_check_frozen_dates_by_the_rules_of_the_base(seven: Path) -> None:
    git(seven, "init", "-q", "-b", "main")
    git(seven, "add", "-A")
    git(seven, "commit", "-qm", "base")
    # On 02-21, 2025-03-03 is published under the base's rule (7 days): a pull request that
    # changes the rule back to the site's cannot unpublish it and change its text.
    (seven / USA / "document.yaml").unlink()
    ran = run_cli(seven, "check-frozen", "--base", "main", "--today", "2025-02-21")
    assert ran.returncode == 1
    problems = [
        f"{USA}/document.yaml: the notice rule of user-service-agreement changes from "
        f"'7 days' to '1 working day', which moves the publication date of {USA}/{version}, "
        f"published on {old}, to {new}\n"
        "    hint: a rule dates every version of its document, the published ones too, and a "
        "publication date never moves once it has come: keep '7 days' for "
        "user-service-agreement (a rule can change while no version of the document is "
        "published)\n"
        for version, old, new in [
            ("2024-01-01", "2023-12-22", "2023-12-29"),
            ("2025-03-03", "2025-02-21", "2025-02-28"),
        ]
    ]
    assert ran.stderr == (
        "error: " + "".join(problems) + "2 problems against main: published versions are frozen\n"
    )
    # While no version is published, the rule may change.
    ran = run_cli(seven, "check-frozen", "--base", "main", "--today", "2023-12-21")
    assert (ran.returncode, ran.stderr) == (0, "")


def test_the_plugin_option_is_checked_as_mkdocs_loads_it() -> None:
    def validate(**options: object) -> tuple[LegalsiteConfig, list[str]]:
        config = LegalsiteConfig()
        config.load_dict(options)
        errors, _ = config.validate()
        return config, [f"{name}: {error}" for name, error in errors]

    assert validate()[0].notice == DEFAULT_NOTICE
    assert validate(notice="7 days")[0].notice == NoticeRule(7, "day")
    assert validate(notice="seven days")[1] == [
        "notice: the notice rule 'seven days' is not one of the accepted forms: " + HINT
    ]
    assert validate(notice=7)[1] == [
        "notice: the notice rule 7 (a number without its unit) is not one of the accepted "
        "forms: " + HINT
    ]


@pytest.mark.build
def test_a_build_dates_the_versions_by_the_sites_rule(tmp_path: Path) -> None:
    root = assemble(tmp_path / "site", SITES / "versions" / "agreements")
    set_plugin_options(root, "{notice: 3 working days}")
    # 2025-03-03 (Monday) is published on Wednesday 02-26 (one build: the plan-level tests above
    # check the days around it).
    site = build_site(root, date(2025, 2, 26))
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    published = [v["published"] for v in versions["documents"][0]["versions"]]
    assert published == ["2023-12-27", "2025-02-26"]
    history = (site / "user-service-agreement" / "history" / "index.html").read_text()
    assert "新版本在生效日前三个工作日发布。" in history
    english = (site / "en" / "user-service-agreement" / "history" / "index.html").read_text()
    assert "A new version is published 3 working days before it takes effect." in english
