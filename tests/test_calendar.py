"""The spec of PRC working days and publication dates (legalsite.sources.calendar).

A new version is published one PRC working day before it takes effect. Expected dates below were
worked out by hand from the State Council's notices, then checked against two independent
libraries (chinesecalendar, the source of truth, and python-holidays).
"""
# Expected messages are written out whole, exactly as the user sees them, however long.

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import holidays
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalsite.model.errors import LegalsiteError
from legalsite.model.notice import NoticeRule
from legalsite.sources.calendar import (
    CALENDAR_FILE,
    YEAR_KEYS,
    CalendarError,
    WorkingCalendar,
    YearSchedule,
    load_calendar,
    load_calendar_file,
)
from legalsite.sources.yamlfile import read_yaml
from tests.conftest import examples

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "calendar"
SCHEMA = ROOT / "legalsite" / "schemas" / "calendar.schema.json"
ONE_DAY = timedelta(days=1)

OFFICIAL = WorkingCalendar()

FIRST, LAST = date(2015, 1, 1), date(2026, 12, 31)


def days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- Publication dates on the official calendars -------------------------------------------

# (effective, publication, why) -- each worked out by hand from the notices.
PUBLICATION_CASES = [
    ("2025-03-10", "2025-03-07", "an ordinary Monday: the Friday before"),
    ("2025-03-12", "2025-03-11", "an ordinary Wednesday: the day before"),
    ("2025-10-09", "2025-09-30", "after National Day + Mid-Autumn 2025 (10-01..10-08 off)"),
    ("2025-09-28", "2025-09-26", "on make-up Sunday 2025-09-28: the Friday before"),
    ("2025-09-29", "2025-09-28", "after make-up Sunday 2025-09-28"),
    ("2025-10-12", "2025-10-11", "after make-up Saturday 2025-10-11"),
    ("2024-02-05", "2024-02-04", "Monday after make-up Sunday 2024-02-04 (Spring Festival)"),
    ("2024-02-19", "2024-02-18", "after Spring Festival 2024 (02-10..02-17), 02-18 make-up Sunday"),
    ("2020-01-20", "2020-01-19", "after make-up Sunday 2020-01-19"),
    # 2020 Spring Festival: 01-24..01-30 off, extended to 02-02 (国办发明电〔2020〕1号), which
    # made Friday 01-31 a day off and cancelled the make-up workday of Saturday 02-01.
    ("2020-02-03", "2020-01-23", "after the extended 2020 Spring Festival"),
    ("2020-02-01", "2020-01-23", "on the cancelled make-up Saturday 2020-02-01"),
    ("2015-02-25", "2015-02-17", "after Spring Festival 2015 (02-18..02-24)"),
    ("2015-09-07", "2015-09-06", "after the one-off 2015-09-03 Victory Day, make-up Sunday 09-06"),
    ("2015-09-06", "2015-09-02", "on make-up Sunday 2015-09-06: before 09-03..09-05 off"),
    ("2023-10-09", "2023-10-08", "after make-up weekend 2023-10-07/08"),
    ("2023-10-07", "2023-09-28", "on make-up Saturday 2023-10-07: before 09-29..10-06 off"),
    ("2021-02-18", "2021-02-10", "after Spring Festival 2021 (02-11..02-17)"),
    (
        "2026-02-24",
        "2026-02-14",
        "after Spring Festival 2026 (02-15..02-23), 02-14 make-up Saturday",
    ),
    ("2026-03-01", "2026-02-28", "after make-up Saturday 2026-02-28"),
    ("2026-10-08", "2026-09-30", "after National Day 2026 (10-01..10-07)"),
    # New Year: the publication date falls in the previous year.
    ("2025-01-01", "2024-12-31", "New Year's Day 2025: the last day of 2024"),
    ("2025-01-02", "2024-12-31", "the day after New Year's Day 2025 (a Wednesday off)"),
    ("2024-01-02", "2023-12-29", "after New Year 2024 (Monday 01-01 off)"),
    ("2018-01-02", "2017-12-29", "after New Year 2018 (12-30..01-01)"),
    ("2017-01-03", "2016-12-30", "after New Year 2017 (Monday 01-02 off in lieu)"),
    # The 2019 notice made Monday 2018-12-31 a day off and Saturday 2018-12-29 a workday.
    ("2019-01-02", "2018-12-29", "after New Year 2019: make-up Saturday 2018-12-29"),
    ("2026-01-05", "2026-01-04", "after make-up Sunday 2026-01-04"),
    ("2026-01-04", "2025-12-31", "on make-up Sunday 2026-01-04: before 01-01..01-03 off"),
    ("2015-01-05", "2015-01-04", "after make-up Sunday 2015-01-04"),
    ("2015-01-04", "2014-12-31", "on make-up Sunday 2015-01-04: before 01-01..01-03 off"),
]


@pytest.mark.parametrize(
    ("effective", "expected"),
    [pytest.param(e, p, id=f"{e} {why}") for e, p, why in PUBLICATION_CASES],
)
def test_publication_date_of_known_cases(effective: str, expected: str) -> None:
    assert OFFICIAL.publication_date(d(effective)) == d(expected)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2020-01-19", True),  # make-up Sunday
        ("2020-01-23", True),
        ("2020-01-31", False),  # added by the 2020 extension (a Friday)
        ("2020-02-01", False),  # make-up Saturday cancelled by the extension
        ("2020-02-02", False),  # Sunday, last day of the extension
        ("2020-02-03", True),
        ("2018-12-29", True),  # Saturday made a workday by the 2019 notice
        ("2018-12-31", False),  # Monday made a day off by the 2019 notice
        ("2015-09-03", False),  # one-off Victory Day holiday (a Thursday)
        ("2025-01-28", False),  # New Year's Eve, a holiday since 2025
        ("2026-03-02", True),  # an ordinary Monday
        ("2026-03-07", False),  # an ordinary Saturday
    ],
)
def test_is_working_day_of_known_days(day: str, working: bool) -> None:
    assert OFFICIAL.is_working_day(d(day)) is working


def test_every_day_agrees_with_python_holidays() -> None:
    # python-holidays (holidays.China) is an independent transcription of the same notices, including make-up
    # workdays. With chinesecalendar 1.11.0 and holidays 0.109 they agree on every day of
    # 2015-2026, so no exception is listed. (python-holidays is not the source of truth because
    # it answers for years without a notice too, from the statutory rules, without make-up days.)
    china = holidays.country_holidays("CN", years=range(FIRST.year - 1, LAST.year + 1))
    disagreements = [
        (day, OFFICIAL.is_working_day(day))
        for day in days(FIRST, LAST)
        if OFFICIAL.is_working_day(day) != china.is_working_day(day)
    ]
    assert disagreements == []


def test_every_publication_date_agrees_with_python_holidays() -> None:
    china = holidays.country_holidays("CN", years=range(FIRST.year - 1, LAST.year + 1))
    last_working = FIRST - ONE_DAY
    while not china.is_working_day(last_working):
        last_working -= ONE_DAY
    wrong = []
    for effective in days(FIRST, LAST):
        if OFFICIAL.publication_date(effective) != last_working:
            wrong.append(effective)
        if china.is_working_day(effective):
            last_working = effective
    assert wrong == []


@given(st.dates(min_value=date(2015, 2, 1), max_value=LAST))
def test_publication_date_is_the_last_working_day_before(effective: date) -> None:
    published = OFFICIAL.publication_date(effective)
    assert published < effective
    assert OFFICIAL.is_working_day(published)
    between = days(published + ONE_DAY, effective - ONE_DAY)
    assert not any(OFFICIAL.is_working_day(day) for day in between)
    # The longest official break so far is the 10 days of the extended 2020 Spring Festival.
    assert effective - published <= timedelta(days=11)


# --- Years without a schedule ------------------------------------------------------------------

MISSING_2030_HINT = (
    "hint: add the State Council's 2030 schedule (国务院办公厅关于2030年部分节假日安排的通知) to "
    "agreements/calendar.yaml; see CALENDAR.md"
)


def test_a_day_of_a_year_without_schedule_is_refused() -> None:
    assert not OFFICIAL.has_schedule(2030)
    with pytest.raises(CalendarError) as caught:
        OFFICIAL.is_working_day(date(2030, 3, 4))
    assert caught.value.year == 2030
    assert str(caught.value) == (
        "no official PRC working-day schedule for 2030: cannot tell whether 2030-03-04 (Monday) "
        "is a working day\n" + MISSING_2030_HINT
    )


def test_a_publication_date_in_a_year_without_schedule_is_refused() -> None:
    with pytest.raises(CalendarError) as caught:
        OFFICIAL.publication_date(date(2030, 2, 11))
    assert str(caught.value) == (
        "no official PRC working-day schedule for 2030: cannot tell which working day comes "
        "before 2030-02-11\n" + MISSING_2030_HINT
    )


def test_the_error_documented_in_calendar_md_is_the_real_one() -> None:
    # Without the library, with only the 2026 file: effective Monday 2027-01-04 needs 2027-01-03.
    schedules, _ = load_calendar_file(DATA / "official-2026.yaml")
    calendar = WorkingCalendar(schedules, use_library=False)
    with pytest.raises(CalendarError) as caught:
        calendar.publication_date(date(2027, 1, 4))
    documented = (ROOT / "legalsite/skeleton/CALENDAR.md").read_text(encoding="utf-8")
    assert f"error: {caught.value}" in documented


def test_a_new_year_day_needs_only_the_previous_year() -> None:
    # 2027 has no schedule (in chinesecalendar 1.11.0), yet 2027-01-01 depends on 2026 only.
    assert OFFICIAL.publication_date(date(2027, 1, 1)) == date(2026, 12, 31)


def test_a_year_from_the_calendar_file_is_accepted() -> None:
    schedules, problems = load_calendar_file(DATA / "invented-2030.yaml")
    assert problems == []
    calendar = WorkingCalendar(schedules)
    assert calendar.has_schedule(2030)
    assert calendar.has_schedule(2026)  # the library's years remain
    assert calendar.is_working_day(date(2030, 1, 26))  # make-up Saturday
    assert not calendar.is_working_day(date(2030, 2, 4))  # Monday in the Spring Festival range
    assert not calendar.is_working_day(date(2030, 2, 2))  # Saturday, first day of that range
    assert calendar.is_working_day(date(2030, 3, 4))  # an ordinary Monday
    assert calendar.publication_date(date(2030, 2, 11)) == date(2030, 2, 1)
    assert calendar.publication_date(date(2030, 2, 24)) == date(2030, 2, 23)
    assert calendar.publication_date(date(2030, 10, 8)) == date(2030, 9, 30)


def test_a_publication_date_looking_into_an_unknown_previous_year_is_refused() -> None:
    # 2030-01-01 is a day off in the file, so effective 2030-01-02 needs 2029-12-31.
    schedules, _ = load_calendar_file(DATA / "invented-2030.yaml")
    with pytest.raises(CalendarError) as caught:
        WorkingCalendar(schedules).publication_date(date(2030, 1, 2))
    assert caught.value.year == 2029
    assert str(caught.value) == (
        "no official PRC working-day schedule for 2029: cannot tell which working day comes "
        "before 2030-01-02\n"
        "hint: add the State Council's 2029 schedule (国务院办公厅关于2029年部分节假日安排的通知) "
        "to agreements/calendar.yaml; see CALENDAR.md"
    )


def test_load_calendar_reads_the_project_file(tmp_path: Path) -> None:
    assert not load_calendar(tmp_path).has_schedule(2030)  # no file: the library alone
    (tmp_path / "agreements").mkdir()
    shutil.copy(DATA / "invented-2030.yaml", tmp_path / CALENDAR_FILE)
    calendar = load_calendar(tmp_path)
    assert calendar.has_schedule(2030)
    assert calendar.publication_date(date(2030, 2, 11)) == date(2030, 2, 1)


def test_load_calendar_refuses_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    (tmp_path / CALENDAR_FILE).mkdir(parents=True)
    with pytest.raises(LegalsiteError) as caught:
        load_calendar(tmp_path)
    assert str(caught.value) == (
        "agreements/calendar.yaml is not a file\nhint: remove it or make it a YAML file"
    )


# --- Overrides and the library ------------------------------------------------------------------


def test_a_file_year_replaces_the_library_for_the_whole_year() -> None:
    # An (unofficial) 2026 with no exceptions at all: the library's 2026 is ignored entirely.
    plain = WorkingCalendar({2026: YearSchedule(2026, frozenset(), frozenset())})
    assert plain.is_working_day(date(2026, 1, 1))  # a Thursday, New Year's Day officially
    assert not plain.is_working_day(date(2026, 1, 4))  # a Sunday, make-up workday officially
    assert not plain.is_working_day(date(2025, 1, 1))  # 2025 still from the library
    assert plain.publication_date(date(2026, 1, 2)) == date(2026, 1, 1)


@pytest.mark.parametrize("name", ["official-2026.yaml", "official-2020.yaml"])
def test_the_official_years_transcribed_in_the_file_format_match_the_library(name: str) -> None:
    # The real notices written as editors would (the 2020 one with its extension) give exactly
    # the library's working days: the format can express what the State Council announces.
    schedules, problems = load_calendar_file(DATA / name)
    assert problems == []
    ((year, schedule),) = schedules.items()
    from_file = WorkingCalendar(schedules, use_library=False)
    differences = [
        day
        for day in days(date(year, 1, 1), date(year, 12, 31))
        if from_file.is_working_day(day) != OFFICIAL.is_working_day(day)
    ]
    assert differences == []
    assert schedule.year == year


def test_without_the_library_only_the_overrides_are_known() -> None:
    schedules, _ = load_calendar_file(DATA / "invented-2030.yaml")
    calendar = WorkingCalendar(schedules, use_library=False)
    assert calendar.years() == (2030,)
    assert not calendar.has_schedule(2025)
    with pytest.raises(CalendarError, match=r"^no official PRC working-day schedule for 2025: "):
        calendar.is_working_day(date(2025, 6, 2))


def test_years_lists_the_library_and_the_overrides() -> None:
    schedules, _ = load_calendar_file(DATA / "invented-2030.yaml")
    years = WorkingCalendar(schedules).years()
    assert years[0] == 2004  # chinesecalendar's first year
    assert {2015, 2020, 2026, 2030} <= set(years)
    assert 2029 not in years
    assert list(years) == sorted(years)
    assert OFFICIAL.has_schedule(2004) and not OFFICIAL.has_schedule(2003)


def test_an_override_must_be_filed_under_its_own_year() -> None:
    with pytest.raises(ValueError, match=r"^the override for 2031 is the schedule of 2030$"):
        WorkingCalendar({2031: YearSchedule(2030, frozenset(), frozenset())})


@pytest.mark.parametrize(
    ("days_off", "workdays", "message"),
    [
        (["2029-12-31"], [], "2029-12-31 is not in 2030"),
        ([], ["2031-01-04"], "2031-01-04 is not in 2030"),
        (["2030-01-05"], ["2030-01-05"], "2030-01-05 is both a day off and a workday"),
        (["2030-01-05"], [], "day off 2030-01-05 is a Saturday; days_off holds only Monday to Friday"),
        ([], ["2030-01-07"], "workday 2030-01-07 is a Monday; workdays holds only Saturdays and Sundays"),
    ],
)  # fmt: skip
def test_a_year_schedule_checks_its_dates(
    days_off: list[str], workdays: list[str], message: str
) -> None:
    with pytest.raises(ValueError) as caught:
        YearSchedule(2030, frozenset(map(d, days_off)), frozenset(map(d, workdays)))
    assert str(caught.value) == message


def test_a_year_schedule_answers_only_for_its_year() -> None:
    schedule = YearSchedule(2030, frozenset({date(2030, 1, 1)}), frozenset({date(2030, 1, 26)}))
    assert not schedule.is_working_day(date(2030, 1, 1))
    assert schedule.is_working_day(date(2030, 1, 26))
    with pytest.raises(ValueError, match=r"^2031-01-01 is not in 2030$"):
        schedule.is_working_day(date(2031, 1, 1))


# --- The calendar file: every mistake gets its own clear message --------------------------------

GOOD_2030 = """\
years:
  "2030":
    source: https://example.org/n
"""

# (id, file content, every problem as printed). Lines and columns are 1-based.
BAD_FILES = [
    (
        "scalar",
        "hello\n",
        """\
agreements/calendar.yaml: the calendar file must be a mapping with the key 'years'
    hint: start the file with `years:` and list each year under it, e.g. `  "2027":`; see CALENDAR.md""",
    ),
    (
        "list",
        "- 2030\n",
        """\
agreements/calendar.yaml:1:1: the calendar file must be a mapping with the key 'years'
    hint: start the file with `years:` and list each year under it, e.g. `  "2027":`; see CALENDAR.md""",
    ),
    (
        "top-level keys",
        'year:\n  "2030": {}\n',
        """\
agreements/calendar.yaml:1:1: unknown key 'year'
    hint: did you mean 'years'?
agreements/calendar.yaml:1:1: missing key 'years'
    hint: the file has one top-level key, 'years', with one entry per year; see CALENDAR.md""",
    ),
    (
        "years is a list",
        "years: [2030]\n",
        """\
agreements/calendar.yaml:1:8: 'years' must map each year to its schedule, found a list
    hint: write each year on its own line, indented under `years:`, e.g. `  "2027":`""",
    ),
    (
        "years is empty",
        "years:\n",
        """\
agreements/calendar.yaml:1:7: 'years' must map each year to its schedule, found nothing
    hint: write each year on its own line, indented under `years:`, e.g. `  "2027":`""",
    ),
    (
        "year not four digits",
        'years:\n  "30":\n    source: https://example.org/n\n    days_off: []\n    workdays: []\n'
        "  2030a: {}\n  '0999': {}\n",
        """\
agreements/calendar.yaml:2:3: '30' is not a year
    hint: write the year with four digits, e.g. "2027"
agreements/calendar.yaml:6:3: '2030a' is not a year
    hint: write the year with four digits, e.g. "2027"
agreements/calendar.yaml:7:3: '0999' is not a year
    hint: write the year with four digits, e.g. "2027\"""",
    ),
    (
        "schedule not a mapping",
        'years:\n  "2030": 2030-01-01\n',
        """\
agreements/calendar.yaml:2:11: the schedule for 2030 must be a mapping with the keys source, days_off and workdays, found '2030-01-01'
    hint: a year has source (the notice's web address), days_off and workdays (write [] when there are none); see CALENDAR.md""",
    ),
    (
        "unknown and missing keys",
        GOOD_2030 + "    holidays: [2030-01-01]\n    work_days: []\n    remark: x\n",
        """\
agreements/calendar.yaml:4:5: unknown key 'holidays' in the schedule for 2030
    hint: did you mean 'days_off'?
agreements/calendar.yaml:5:5: unknown key 'work_days' in the schedule for 2030
    hint: did you mean 'workdays'?
agreements/calendar.yaml:6:5: unknown key 'remark' in the schedule for 2030
    hint: a year has source (the notice's web address), days_off and workdays (write [] when there are none); see CALENDAR.md
agreements/calendar.yaml:3:5: missing key 'days_off' in the schedule for 2030
    hint: a year has source (the notice's web address), days_off and workdays (write [] when there are none); see CALENDAR.md
agreements/calendar.yaml:3:5: missing key 'workdays' in the schedule for 2030
    hint: a year has source (the notice's web address), days_off and workdays (write [] when there are none); see CALENDAR.md""",
    ),
    (
        "source not a web address",
        'years:\n  "2030":\n    source: State Council\n    days_off: []\n    workdays: []\n',
        """\
agreements/calendar.yaml:3:13: source 'State Council' in the schedule for 2030 is not a web address (https://...)
    hint: give the address of the State Council's notice (国务院办公厅关于2030年部分节假日安排的通知), e.g. on www.gov.cn; for later changes to it, make source a list of addresses""",
    ),
    (
        "source list with a bad address",
        'years:\n  "2030":\n    source: [https://example.org/n, www.gov.cn/2030]\n'
        "    days_off: []\n    workdays: []\n",
        """\
agreements/calendar.yaml:3:37: source 'www.gov.cn/2030' in the schedule for 2030 is not a web address (https://...)
    hint: give the address of the State Council's notice (国务院办公厅关于2030年部分节假日安排的通知), e.g. on www.gov.cn; for later changes to it, make source a list of addresses""",
    ),
    (
        "source list empty",
        'years:\n  "2030":\n    source: []\n    days_off: []\n    workdays: []\n',
        """\
agreements/calendar.yaml:3:13: source in the schedule for 2030 is empty
    hint: give the address of the State Council's notice (国务院办公厅关于2030年部分节假日安排的通知), e.g. on www.gov.cn; for later changes to it, make source a list of addresses""",
    ),
    (
        "lists expected",
        GOOD_2030 + "    days_off: 2030-01-01\n    workdays:\n",
        """\
agreements/calendar.yaml:4:15: 'days_off' must be a list of dates, found '2030-01-01'
    hint: write e.g. `days_off: [2030-01-01, 2030-10-01/2030-10-07]`, or `days_off: []` when there are none
agreements/calendar.yaml:5:14: 'workdays' must be a list of dates, found nothing
    hint: write e.g. `workdays: [2030-01-05]`, or `workdays: []` when there are none""",
    ),
    (
        "items not dates",
        GOOD_2030 + "    days_off: [[2030-01-01]]\n    workdays: [{day: 2030-01-05}]\n",
        """\
agreements/calendar.yaml:4:16: a day off must be a date or a range of dates, found a list
    hint: write e.g. 2030-01-01 or 2030-10-01/2030-10-07
agreements/calendar.yaml:5:16: a workday must be a date, found a mapping
    hint: write e.g. 2030-01-05""",
    ),
    (
        "dates not YYYY-MM-DD",
        GOOD_2030 + "    days_off: [2030-1-1, 2030/01/01, 2030-02-04/2030-2-8, 2030-01-01/]\n"
        "    workdays: [5 Jan 2030, ２０３０-01-05]\n",
        """\
agreements/calendar.yaml:4:16: day off '2030-1-1' is not a date in the form YYYY-MM-DD
    hint: write e.g. 2030-01-01, or a range 2030-10-01/2030-10-07
agreements/calendar.yaml:4:26: day off '2030/01/01' is not a date in the form YYYY-MM-DD
    hint: write e.g. 2030-01-01, or a range 2030-10-01/2030-10-07
agreements/calendar.yaml:4:38: day off '2030-02-04/2030-2-8' is not a range in the form YYYY-MM-DD/YYYY-MM-DD
    hint: write e.g. 2030-10-01/2030-10-07 (first and last day off, both included)
agreements/calendar.yaml:4:59: day off '2030-01-01/' is not a range in the form YYYY-MM-DD/YYYY-MM-DD
    hint: write e.g. 2030-10-01/2030-10-07 (first and last day off, both included)
agreements/calendar.yaml:5:16: workday '5 Jan 2030' is not a date in the form YYYY-MM-DD
    hint: write e.g. 2030-01-05
agreements/calendar.yaml:5:28: workday '２０３０-01-05' is not a date in the form YYYY-MM-DD
    hint: write e.g. 2030-01-05""",
    ),
    (
        "dates that do not exist",
        GOOD_2030 + "    days_off: [2030-02-29, 2030-13-01, 2030-04-31/2030-05-02]\n"
        "    workdays: [2030-00-05]\n",
        """\
agreements/calendar.yaml:4:16: day off 2030-02-29 is not a real date
    hint: February 2030 has 28 days
agreements/calendar.yaml:4:28: day off 2030-13-01 is not a real date
    hint: months run from 01 to 12
agreements/calendar.yaml:4:40: day off 2030-04-31 is not a real date
    hint: April 2030 has 30 days
agreements/calendar.yaml:5:16: workday 2030-00-05 is not a real date
    hint: months run from 01 to 12""",
    ),
    (
        "dates of another year",
        GOOD_2030 + "    days_off: [2029-12-31/2030-01-01]\n    workdays: [2031-01-04]\n",
        """\
agreements/calendar.yaml:4:16: day off 2029-12-31 is not in 2030
    hint: a day of 2029 belongs under "2029", which then replaces the library's schedule for the whole of 2029; see CALENDAR.md
agreements/calendar.yaml:5:16: workday 2031-01-04 is not in 2030
    hint: a day of 2031 belongs under "2031", which then replaces the library's schedule for the whole of 2031; see CALENDAR.md""",
    ),
    (
        "days off on a weekend",
        GOOD_2030 + "    days_off:\n      - 2030-01-05\n      - 2030-01-12/2030-01-13\n"
        "    workdays: []\n",
        """\
agreements/calendar.yaml:5:9: day off 2030-01-05 is a Saturday, a rest day anyway
    hint: list only days off that fall on Monday to Friday (a range may span a weekend); is it a make-up workday?
agreements/calendar.yaml:6:9: the range 2030-01-12/2030-01-13 holds only weekend days, which are rest days anyway
    hint: list only days off that fall on Monday to Friday; are they make-up workdays?""",
    ),
    (
        "workdays on a weekday, or as a range",
        GOOD_2030 + "    days_off: []\n    workdays: [2030-01-07, 2030-01-05/2030-01-06]\n",
        """\
agreements/calendar.yaml:5:16: workday 2030-01-07 is a Monday, a working day anyway
    hint: workdays lists only the Saturdays and Sundays that become working days (调休); is it a day off?
agreements/calendar.yaml:5:28: workday '2030-01-05/2030-01-06' is a range; workdays takes single dates
    hint: list each make-up workday on its own, e.g. [2030-01-05, 2030-01-06]""",
    ),
    (
        "a date in both lists",
        GOOD_2030 + "    days_off:\n      - 2030-02-04/2030-02-10\n    workdays:\n"
        "      - 2030-02-09\n",
        """\
agreements/calendar.yaml:7:9: 2030-02-09 is both a day off (line 5) and a workday
    hint: a date is either a day off or a make-up workday: remove it from one list""",
    ),
    (
        "a range ending before it starts",
        GOOD_2030 + "    days_off: [2030-10-07/2030-10-01]\n    workdays: []\n",
        """\
agreements/calendar.yaml:4:16: the range 2030-10-07/2030-10-01 ends before it starts
    hint: write the earlier date first: 2030-10-01/2030-10-07""",
    ),
    (
        "dates listed twice",
        GOOD_2030 + "    days_off:\n      - 2030-01-01\n      - 2030-02-04/2030-02-08\n"
        "      - 2030-02-08/2030-02-11\n      - 2030-01-01\n"
        "    workdays: [2030-01-26, 2030-01-26]\n",
        """\
agreements/calendar.yaml:7:9: 2030-02-08 is listed twice (first at line 6, column 9)
    hint: list each date once; ranges must not overlap
agreements/calendar.yaml:8:9: 2030-01-01 is listed twice (first at line 5, column 9)
    hint: list each date once; ranges must not overlap
agreements/calendar.yaml:9:28: 2030-01-26 is listed twice (first at line 9, column 16)
    hint: list each date once; ranges must not overlap""",
    ),
]


def problems_of(tmp_path: Path, text: str) -> tuple[dict[int, YearSchedule], str]:
    path = tmp_path / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    schedules, problems = load_calendar_file(path, CALENDAR_FILE)
    return schedules, "\n".join(str(problem) for problem in problems)


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(text, out, id=name) for name, text, out in BAD_FILES]
)
def test_each_mistake_in_the_calendar_file_is_reported(
    tmp_path: Path, text: str, expected: str
) -> None:
    schedules, printed = problems_of(tmp_path, text)
    assert printed == expected
    assert schedules == {}  # a year with any problem is never used


def test_a_year_listed_twice_is_reported_by_the_yaml_reader(tmp_path: Path) -> None:
    text = GOOD_2030 + "    days_off: []\n    workdays: []\n  2030: {}\n"
    schedules, printed = problems_of(tmp_path, text)
    assert printed == (
        "agreements/calendar.yaml:6:3: duplicate key '2030' (first at line 2)\n"
        "    hint: YAML keeps only the last of two equal keys, so the first one would be lost "
        "silently: remove or rename one of them"
    )
    # The reader keeps the first entry; the problem still stops the build (load_calendar).
    assert list(schedules) == [2030]


def test_a_good_year_next_to_a_bad_one_is_still_read(tmp_path: Path) -> None:
    text = (
        (DATA / "invented-2030.yaml").read_text(encoding="utf-8")
        + '  "2031":\n    source: https://example.org/n\n    days_off: [2031-01-04]\n'
        "    workdays: []\n"
    )
    schedules, printed = problems_of(tmp_path, text)
    assert list(schedules) == [2030]
    assert printed == (
        "agreements/calendar.yaml:11:16: day off 2031-01-04 is a Saturday, a rest day anyway\n"
        "    hint: list only days off that fall on Monday to Friday (a range may span a "
        "weekend); is it a make-up workday?"
    )


def test_the_path_is_shown_as_given_when_no_display_name(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text("years: []\n", encoding="utf-8")
    _, problems = load_calendar_file(path)
    assert [p.path for p in problems] == [str(path)]


def test_all_problems_of_the_project_file_stop_the_build_at_once(tmp_path: Path) -> None:
    (tmp_path / "agreements").mkdir()
    shutil.copy(DATA / "many-problems.yaml", tmp_path / CALENDAR_FILE)
    with pytest.raises(LegalsiteError) as caught:
        load_calendar(tmp_path)
    assert (
        str(caught.value)
        == """\
agreements/calendar.yaml:4:13: source 'State Council notice of 2029-11-01' in the schedule for 2030 is not a web address (https://...)
    hint: give the address of the State Council's notice (国务院办公厅关于2030年部分节假日安排的通知), e.g. on www.gov.cn; for later changes to it, make source a list of addresses
agreements/calendar.yaml:8:9: 2030-02-09 is listed twice (first at line 7, column 9)
    hint: list each date once; ranges must not overlap
agreements/calendar.yaml:8:9: day off 2030-02-09 is a Saturday, a rest day anyway
    hint: list only days off that fall on Monday to Friday (a range may span a weekend); is it a make-up workday?
agreements/calendar.yaml:9:9: the range 2030-10-07/2030-10-01 ends before it starts
    hint: write the earlier date first: 2030-10-01/2030-10-07
agreements/calendar.yaml:10:28: workday 2030-02-25 is a Monday, a working day anyway
    hint: workdays lists only the Saturdays and Sundays that become working days (调休); is it a day off?
agreements/calendar.yaml:12:5: missing key 'workdays' in the schedule for 2031
    hint: a year has source (the notice's web address), days_off and workdays (write [] when there are none); see CALENDAR.md
agreements/calendar.yaml:14:5: unknown key 'workday' in the schedule for 2031
    hint: did you mean 'workdays'?
7 problems in agreements/calendar.yaml"""
    )


def test_problems_of_the_yaml_itself_come_through(tmp_path: Path) -> None:
    _, printed = problems_of(tmp_path, 'years:\n\t"2030": {}\n')
    assert printed == (
        "agreements/calendar.yaml:2:1: tab character in indentation\n"
        "    hint: indent with spaces only (2 per level)"
    )


# --- The JSON Schema for editors --------------------------------------------------------------


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return loaded


def described(node: Any, where: str = "$") -> Iterator[tuple[str, bool]]:
    """(place, has a description) for every property, item and definition of the schema."""
    if not isinstance(node, dict):
        return
    for key in ("properties", "$defs"):
        for name, sub in node.get(key, {}).items():
            yield f"{where}.{key}.{name}", "description" in sub
            yield from described(sub, f"{where}.{key}.{name}")
    for key in ("items", "additionalProperties", "propertyNames"):
        sub = node.get(key)
        if isinstance(sub, dict) and "$ref" not in sub:
            yield f"{where}.{key}", "description" in sub
            yield from described(sub, f"{where}.{key}")
    for sub in node.get("oneOf", []):
        yield from described(sub, f"{where}.oneOf")


def test_the_schema_is_valid_and_describes_every_property() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    places = list(described(schema()))
    assert len(places) >= 8
    assert [place for place, ok in places if not ok] == []


def test_the_schema_has_the_keys_of_the_code() -> None:
    year = schema()["$defs"]["year"]
    assert list(schema()["properties"]) == ["years"]
    assert sorted(year["properties"]) == sorted(YEAR_KEYS)
    assert sorted(year["required"]) == sorted(YEAR_KEYS)


@pytest.mark.parametrize("name", ["official-2026.yaml", "official-2020.yaml", "invented-2030.yaml"])
def test_the_good_files_satisfy_the_schema(name: str) -> None:
    value, problems = read_yaml(DATA / name)
    assert problems == []
    jsonschema.validate(value, schema(), cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    "name",
    [
        "top-level keys",
        "years is a list",
        "year not four digits",
        "unknown and missing keys",
        "source not a web address",
        "source list empty",
        "lists expected",
        "items not dates",
        "dates not YYYY-MM-DD",
        "workdays on a weekday, or as a range",
    ],
)
def test_the_schema_already_flags_the_mistakes_of_form_while_typing(
    tmp_path: Path, name: str
) -> None:
    (text,) = [text for case, text, _ in BAD_FILES if case == name]
    path = tmp_path / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    value, _ = read_yaml(path)
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(value))
    assert errors != []


# -- Any year: a CalendarError, never OverflowError --------------------------------------------


@given(st.dates())
def test_publication_date_of_any_day_answers_or_says_why(day: date) -> None:
    calendar = WorkingCalendar()
    try:
        published = calendar.publication_date(day)
    except CalendarError as exc:
        assert exc.message and exc.hint
    else:
        assert published < day and calendar.is_working_day(published)


def test_no_day_before_the_first() -> None:
    with pytest.raises(CalendarError) as info:
        WorkingCalendar().publication_date(date.min)
    assert str(info.value) == (
        "no day comes before 0001-01-01, so no working day does either\n"
        "hint: check the date: the calendar starts on 0001-01-01"
    )


class _NoWorkingDay(WorkingCalendar):
    """A calendar without working days: the walk meets either end of the dates."""

    def is_working_day(self, day: date) -> bool:
        return False


@pytest.mark.parametrize(
    ("walk", "message"),
    [
        (
            lambda c: c.publish_date(date(1, 1, 3), NoticeRule(1, "working day")),
            "fewer than 1 working days come before 0001-01-03\n"
            "hint: check the date: the calendar starts on 0001-01-01",
        ),
        (
            lambda c: c.earliest_effective(date(9999, 12, 30), NoticeRule(1, "working day")),
            "fewer than 1 working days come on or after 9999-12-30\n"
            "hint: check the date: the calendar ends on 9999-12-31",
        ),
        (
            lambda c: c.earliest_effective(date.max, NoticeRule(2, "working day")),
            "fewer than 2 working days come on or after 9999-12-31\n"
            "hint: check the date: the calendar ends on 9999-12-31",
        ),
        (
            lambda c: c.earliest_effective(date(9999, 12, 20), NoticeRule(3, "day")),
            "fewer than 1 working days come on or after 9999-12-23\n"
            "hint: check the date: the calendar ends on 9999-12-31",
        ),
    ],
)
def test_the_walk_to_a_working_day_stops_at_either_end_of_the_dates(
    walk: Any, message: str
) -> None:
    """Counting back and counting on are one walk; each end of the dates stops it with its own
    words."""
    with pytest.raises(CalendarError) as info:
        walk(_NoWorkingDay())
    assert str(info.value) == message


# -- The work per file is bounded: past the problem cap, nothing more is expanded --------------


@settings(max_examples=examples(20))
@given(
    first=st.dates(min_value=date(2030, 1, 1), max_value=date(2030, 6, 30)),
    length=st.integers(min_value=30, max_value=183),
    copies=st.integers(min_value=300, max_value=3000),
    key=st.sampled_from(["days_off", "workdays"]),
)
def test_overlapping_ranges_stop_at_the_problem_cap(
    first: date, length: int, copies: int, key: str
) -> None:
    """A calendar of the same range listed thousands of times (under 1 MB, it took validate
    30 seconds): every copy is a problem, and after the cap no range is expanded any more."""
    import tempfile
    from unittest import mock

    from legalsite.sources import calendar
    from legalsite.sources.yamlfile import MAX_PROBLEMS

    last = first + timedelta(days=length)
    item = f"{first}/{last}" if key == "days_off" else "2030-01-05"
    other = "workdays: []" if key == "days_off" else "days_off: []"
    text = (
        f'years:\n  "2030":\n    source: https://example.org/x\n    {other}\n'
        f"    {key}: [{', '.join([item] * copies)}]\n"
    )
    expanded: list[int] = []
    real = calendar._FileChecker.note_duplicates

    def counting(self: Any, days: list[date], mark: Any, seen: dict[date, Any]) -> None:
        expanded.append(len(days))
        real(self, days, mark, seen)

    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(calendar._FileChecker, "note_duplicates", counting),
    ):
        path = Path(folder) / "calendar.yaml"
        path.write_text(text, encoding="utf-8")
        schedules, problems = load_calendar_file(path, "calendar.yaml")
    assert schedules == {}
    assert len(problems) == MAX_PROBLEMS + 1
    assert str(problems[-1]) == (
        f"calendar.yaml: more than {MAX_PROBLEMS} problems in this file; the first "
        f"{MAX_PROBLEMS} are shown\n    hint: fix these and run legalsite validate again"
    )
    assert len(expanded) <= MAX_PROBLEMS + 2
    assert sum(expanded) <= (MAX_PROBLEMS + 2) * 366
