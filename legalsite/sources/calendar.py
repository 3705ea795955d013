"""PRC working days, and the day a new version of an agreement must be published.

The agreement promises that a new version is on the website one PRC working day before it takes
effect. PRC working days are the official ones: Monday to Friday, minus the public holidays, plus
the weekend days the State Council turns into make-up workdays (调休) in its yearly notice
(国务院办公厅关于YYYY年部分节假日安排的通知), including one-off changes such as the extended 2020
Spring Festival.

The official schedules come from the ``chinese_calendar`` package, which knows the years up to the
last notice it was released with. A year listed in the project's ``agreements/calendar.yaml``
replaces the package's schedule for that whole year: editors add a newly announced year there
before the package catches up. A date of a year that neither knows is refused
(:class:`CalendarError`) rather than guessed. The file format is described in ``CALENDAR.md``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import chinese_calendar
import jsonschema

from legalsite.model.document import CALENDAR_NAME
from legalsite.model.errors import LegalsiteError, Problem, raise_if_any
from legalsite.model.notice import DEFAULT_NOTICE, NoticeRule
from legalsite.sources import schema
from legalsite.sources.schema import SchemaProblems, kind_of_value
from legalsite.sources.yamlfile import Mark, YamlList, YamlMap, read_yaml

CALENDAR_FILE = f"agreements/{CALENDAR_NAME}"
"""Where a project keeps the schedules the library does not know yet (relative to the project)."""

WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

ONE_DAY = timedelta(days=1)

YEAR_KEYS = ("source", "days_off", "workdays")
"""The keys of a year's schedule the checks below read (the schema requires them all)."""

_YEAR = re.compile(r"[1-9][0-9]{3}", re.ASCII)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_RANGE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_URL = re.compile(r"https?://[^\s/]+\S*", re.ASCII)


def weekday_name(day: date) -> str:
    """``Monday`` ... ``Sunday``, whatever the locale."""
    return WEEKDAYS[day.weekday()]


def _is_weekend(day: date) -> bool:
    return day.weekday() >= 5


class CalendarError(LegalsiteError):
    """A question the official PRC calendar cannot answer, e.g. a year without a schedule."""

    def __init__(self, message: str, *, hint: str | None = None, year: int | None = None) -> None:
        super().__init__(message, hint=hint)
        self.year = year
        """The year whose schedule is missing, when that is the problem."""


def _no_schedule(year: int, consequence: str) -> CalendarError:
    if not _YEAR.fullmatch(str(year)):
        hint = f"check the date: {CALENDAR_FILE} holds the years 1000 to 9999 only"
    else:
        hint = (
            f"add the State Council's {year} schedule "
            f"(国务院办公厅关于{year}年部分节假日安排的通知) to {CALENDAR_FILE}; "
            "see CALENDAR.md"
        )
    return CalendarError(
        f"no official PRC working-day schedule for {year}: {consequence}", hint=hint, year=year
    )


@dataclass(frozen=True)
class YearSchedule:
    """One year's official exceptions to "Monday to Friday": the State Council's notice."""

    year: int
    days_off: frozenset[date]
    """Monday-to-Friday days that are not working days (holidays and their bridge days)."""
    workdays: frozenset[date]
    """Saturdays and Sundays that are working days (make-up workdays, 调休上班)."""

    def __post_init__(self) -> None:
        # Accept any iterable of dates, but always store frozensets (the class is hashable).
        object.__setattr__(self, "days_off", frozenset(self.days_off))
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        if not MINYEAR <= self.year <= MAXYEAR:
            raise ValueError(f"{self.year} is not a year")
        for day in sorted(self.days_off | self.workdays):
            if day.year != self.year:
                raise ValueError(f"{day} is not in {self.year}")
        both = sorted(self.days_off & self.workdays)
        if both:
            raise ValueError(f"{both[0]} is both a day off and a workday")
        for day in sorted(self.days_off):
            if _is_weekend(day):
                raise ValueError(
                    f"day off {day} is a {weekday_name(day)}; days_off holds only Monday to Friday"
                )
        for day in sorted(self.workdays):
            if not _is_weekend(day):
                raise ValueError(
                    f"workday {day} is a {weekday_name(day)}; workdays holds only Saturdays and "
                    "Sundays"
                )

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` (a day of this year) is a PRC working day."""
        if day.year != self.year:
            raise ValueError(f"{day} is not in {self.year}")
        if day in self.workdays:
            return True
        return not _is_weekend(day) and day not in self.days_off


@cache
def _library_knows(year: int) -> bool:
    """Whether ``chinese_calendar`` has the official schedule of ``year``."""
    if not MINYEAR <= year <= MAXYEAR:
        return False
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:  # the package's way of saying "no data for this year"
        return False
    return True


@cache
def _library_years() -> tuple[int, ...]:
    known = {day.year for day in chinese_calendar.holidays} | {
        day.year for day in chinese_calendar.workdays
    }
    first, last = min(known, default=0), max(known, default=-1)
    return tuple(year for year in range(first, last + 1) if _library_knows(year))


_NO_OVERRIDES: Mapping[int, YearSchedule] = MappingProxyType({})


class WorkingCalendar:
    """PRC working days: the library's official schedules, replaced year by year by overrides."""

    def __init__(
        self,
        overrides: Mapping[int, YearSchedule] = _NO_OVERRIDES,
        *,
        use_library: bool = True,
    ) -> None:
        for year, schedule in overrides.items():
            if schedule.year != year:
                raise ValueError(f"the override for {year} is the schedule of {schedule.year}")
        self._overrides: Mapping[int, YearSchedule] = MappingProxyType(dict(overrides))
        self._use_library = use_library

    @property
    def overrides(self) -> Mapping[int, YearSchedule]:
        """The schedules that replace the library's, by year (read-only)."""
        return self._overrides

    @property
    def use_library(self) -> bool:
        return self._use_library

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(overrides for {sorted(self._overrides)}, "
            f"use_library={self._use_library})"
        )

    def has_schedule(self, year: int) -> bool:
        """Whether the official working days of ``year`` are known."""
        return year in self._overrides or (self._use_library and _library_knows(year))

    def years(self) -> tuple[int, ...]:
        """Every year with a known schedule, in order."""
        library = _library_years() if self._use_library else ()
        return tuple(sorted(set(library) | set(self._overrides)))

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is an official PRC working day.

        Raises :class:`CalendarError` when the schedule of ``day.year`` is unknown.
        """
        schedule = self._overrides.get(day.year)
        if schedule is not None:
            return schedule.is_working_day(day)
        if self._use_library:
            try:
                return bool(chinese_calendar.is_workday(day))
            except NotImplementedError:
                pass
        raise _no_schedule(
            day.year,
            f"cannot tell whether {day} ({weekday_name(day)}) is a working day",
        )

    def publication_date(self, effective: date, rule: NoticeRule = DEFAULT_NOTICE) -> date:
        """The day a version effective on ``effective`` is published under ``rule``: the name
        every caller knew before rules were a setting (:meth:`publish_date`)."""
        return self.publish_date(effective, rule)

    def publish_date(self, effective: date, rule: NoticeRule = DEFAULT_NOTICE) -> date:
        """The latest day a version that takes effect on ``effective`` may be published under
        ``rule`` (:mod:`legalsite.model.notice`); the site publishes it on that day.

        * ``N working days``: the N-th PRC working day before ``effective``, counting back
          from the day before it. ``1 working day`` is the latest working day strictly before:
          effective Monday 2026-12-14 → Friday 2026-12-11; ``3 working days`` → Wednesday
          2026-12-09; effective 2026-10-08 (after the National Day holiday) → 2026-09-30.
        * ``N days``: the latest publication day whose notice period (民法典 第二百零一条:
          counted from the day after publication; 第二百零三条: a last day that is no working
          day moves to the day after the holiday; it ends at 24:00) is over before
          ``effective`` begins: the latest working day before ``effective``, minus N days.
          ``7 days``, effective Tuesday 2026-12-15 → Monday 2026-12-07 (period 12-08 to
          12-14); effective Monday 2026-12-14 → Friday 2026-12-04 (published Saturday 12-05,
          the period's last day would be Saturday 12-12, moved to Monday 12-14).

        It is the inverse of :meth:`earliest_effective`: for every day ``p`` and ``e``,
        ``publish_date(e) >= p`` exactly when ``earliest_effective(p) <= e``. Only days before
        ``effective`` are consulted. Raises :class:`CalendarError` when a year it has to look
        into has no schedule.
        """
        if rule.working_days:
            return self._nth_working_day(effective, rule.count, forward=False)
        last = self._nth_working_day(effective, 1, forward=False)
        try:
            return last - timedelta(days=rule.count)
        except OverflowError:
            raise CalendarError(
                f"no day comes {rule} before {last}",
                hint="check the date: the calendar starts on 0001-01-01",
            ) from None

    def earliest_effective(self, publish: date, rule: NoticeRule = DEFAULT_NOTICE) -> date:
        """The earliest day a version published on ``publish`` may take effect under ``rule``:
        the inverse of :meth:`publish_date`.

        * ``N working days``: the day after the N-th working day counted from ``publish``
          itself (a working day's publication counts, as the site publishes at the start of
          it): published Friday 2026-12-11 under ``1 working day`` → Saturday 12-12; published
          Saturday 12-12 → Tuesday 12-15.
        * ``N days``: the day after the period's last day, ``publish`` + N, or, when that is no
          working day, the first working day after it: ``7 days`` published Monday 2026-12-07
          → Tuesday 12-15; published Saturday 12-05 → Tuesday 12-15 (the last day, Saturday
          12-12, moves to Monday 12-14); published 2026-09-25 → 2026-10-09 (the last day,
          10-02, falls in the National Day holiday, 10-01 to 10-07, and moves to 10-08).
        """
        if rule.working_days:
            return self._nth_working_day(publish, rule.count, forward=True) + ONE_DAY
        try:
            last = publish + timedelta(days=rule.count)
        except OverflowError:
            raise CalendarError(
                f"no day comes {rule} after {publish}",
                hint="check the date: the calendar ends on 9999-12-31",
            ) from None
        return self._nth_working_day(last, 1, forward=True) + ONE_DAY

    def _nth_working_day(self, origin: date, count: int, *, forward: bool) -> date:
        """The ``count``-th working day counted from ``origin``: on or after it (``forward``),
        or strictly before it, counting back. One walk for both directions: each says where it
        counts in its errors, and which end of the calendar it met."""
        step, edge = (ONE_DAY, date.max) if forward else (-ONE_DAY, date.min)
        where = f"on or after {origin}" if forward else f"before {origin}"
        day = origin
        found = 0
        counts = forward  # whether the next day to look at is `day` itself
        while True:
            if not counts:
                if day == edge:
                    raise CalendarError(
                        f"no day comes before {origin}, so no working day does either"
                        if day == origin and not forward
                        else f"fewer than {count} working days come {where}",
                        hint="check the date: the calendar "
                        + ("ends on 9999-12-31" if forward else "starts on 0001-01-01"),
                    )
                day += step
            counts = False
            try:
                working = self.is_working_day(day)
            except CalendarError:
                raise _no_schedule(
                    day.year, f"cannot tell which working day comes {where}"
                ) from None
            if working:
                found += 1
                if found == count:
                    return day


# --- The calendar file -----------------------------------------------------------------------


# Words editors may reach for instead of the keys of the format.
_SYNONYMS = {
    "holidays": "days_off",
    "holiday": "days_off",
    "off": "days_off",
    "rest_days": "days_off",
    "make_up": "workdays",
    "makeup": "workdays",
    "working_days": "workdays",
    "url": "source",
    "link": "source",
    "notice": "source",
}


def _did_you_mean(key: str, choices: Iterable[str]) -> str:
    allowed = list(choices)
    synonym = _SYNONYMS.get(key.lower())
    if synonym in allowed:
        return f"did you mean '{synonym}'?"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else ""


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _example_day_off(year: int) -> date:
    """A date of ``year`` that is a valid single day off in an example: its first weekday."""
    day = date(year, 1, 1)
    while _is_weekend(day):
        day += ONE_DAY
    return day


def _example_range(year: int) -> str:
    """A range of ``year`` valid in an example: the National Day week."""
    return f"{year}-10-01/{year}-10-07"


def _example_workday(year: int) -> date:
    """A date of ``year`` that is a valid make-up workday in an example: its first Saturday."""
    day = date(year, 1, 1)
    return day + timedelta(days=(5 - day.weekday()) % 7)


class _FileChecker(SchemaProblems):
    """Turns the YAML value of a calendar file into schedules, noting every problem on the way:
    first its shipped schema (``calendar.schema.json``, through :mod:`legalsite.sources.schema`),
    then
    what a schema cannot say (real dates of the year, weekdays, ranges, repeated dates)."""

    def __init__(self, display: str) -> None:
        super().__init__(display)
        self.invalid_years: set[str] = set()

    def placeholders(self, path: tuple[Any, ...]) -> dict[str, Any]:
        """The examples a hint under ``years: "YYYY"`` shows, for that year."""
        if len(path) < 2 or not isinstance(path[1], str) or not _YEAR.fullmatch(path[1]):
            return {}
        year = int(path[1])
        return {
            "example_day_off": _example_day_off(year),
            "example_range": _example_range(year),
            "example_workday": _example_workday(year),
        }

    def suggest(self, key: str, allowed: Sequence[str]) -> str | None:
        return _did_you_mean(key, allowed) or None

    def schema_problem(
        self, root: Any, error: jsonschema.ValidationError, where: tuple[Any, ...]
    ) -> None:
        path = tuple(error.absolute_path)
        if len(path) >= 2:
            self.invalid_years.add(str(path[1]))
        super().schema_problem(root, error, where)

    def file(self, value: Any) -> dict[int, YearSchedule]:
        self.check_schema(value, schema.validator("calendar"))
        years = value.get("years") if isinstance(value, YamlMap) else None
        if not isinstance(years, YamlMap):
            return {}
        schedules: dict[int, YearSchedule] = {}
        for key, entry in years.items():
            if self.full:  # the work per file is bounded: stop once the problems are capped
                break
            if not _YEAR.fullmatch(key) or not isinstance(entry, YamlMap):
                continue  # the schema said why
            schedule = self.year(int(key), entry)
            if schedule is not None and key not in self.invalid_years:
                schedules[int(key)] = schedule
        return schedules

    def year(self, year: int, entry: YamlMap) -> YearSchedule | None:
        before = len(self.problems)
        if "source" in entry:
            self.source(year, entry)
        days_off = self.days_off(year, entry) if "days_off" in entry else {}
        workdays = self.workdays(year, entry) if "workdays" in entry else {}
        for day, day_mark in workdays.items():
            if day in days_off:
                first = days_off[day]
                self.problem(
                    day_mark,
                    f"{day} is both a day off (line {first.line}) and a workday",
                    "a date is either a day off or a make-up workday: remove it from one list",
                )
        if len(self.problems) > before:
            return None
        return YearSchedule(
            year,
            days_off=frozenset(day for day in days_off if not _is_weekend(day)),
            workdays=frozenset(workdays),
        )

    def source(self, year: int, entry: YamlMap) -> None:
        """One web address, or a list of them (the notice, then each later change to it)."""
        value = entry["source"]
        hint = (
            f"give the address of the State Council's notice "
            f"(国务院办公厅关于{year}年部分节假日安排的通知), e.g. on www.gov.cn; for later "
            "changes to it, make source a list of addresses"
        )
        if isinstance(value, YamlList):
            if not value:
                self.problem(
                    entry.mark_of("source"),
                    f"source in the schedule for {year} is empty",
                    hint,
                )
            addresses = [(item, value.mark_of(i)) for i, item in enumerate(value)]
        else:
            addresses = [(value, entry.mark_of("source"))]
        for address, mark in addresses:
            if not (isinstance(address, str) and _URL.fullmatch(address)):
                self.problem(
                    mark,
                    f"source {kind_of_value(address)} in the schedule for {year} is not a web "
                    "address (https://...)",
                    hint,
                )

    def items(self, year: int, entry: YamlMap, key: str) -> list[tuple[Any, Mark]]:
        """The dates listed under ``key`` (not a list: the schema said so)."""
        value = entry[key]
        if isinstance(value, YamlList):
            return [(item, value.mark_of(i)) for i, item in enumerate(value)]
        return []

    def day(self, text: str, mark: Mark, year: int, what: str) -> date | None:
        """One ``YYYY-MM-DD`` date of ``year``, or None after reporting why not."""
        if not _DAY.fullmatch(text):
            self.problem(
                mark,
                f"{what} '{text}' is not a date in the form YYYY-MM-DD",
                f"write e.g. {_example_day_off(year)}, or a range {_example_range(year)}"
                if what == "day off"
                else f"write e.g. {_example_workday(year)}",
            )
            return None
        y, m, d = (int(part) for part in text.split("-"))
        try:
            day = date(y, m, d)
        except ValueError:
            if not 1 <= m <= 12:
                hint = "months run from 01 to 12"
            elif y < MINYEAR:
                hint = "years start at 0001"
            else:
                hint = f"{MONTHS[m - 1]} {y} has {_days_in_month(y, m)} days"
            self.problem(mark, f"{what} {text} is not a real date", hint)
            return None
        if day.year != year:
            self.problem(
                mark,
                f"{what} {text} is not in {year}",
                f'a day of {day.year} belongs under "{day.year}", which then replaces the '
                f"library's schedule for the whole of {day.year}; see CALENDAR.md",
            )
            return None
        return day

    def days_off(self, year: int, entry: YamlMap) -> dict[date, Mark]:
        """Every date the days off cover (weekends inside ranges included), where first listed."""
        seen: dict[date, Mark] = {}
        for item, mark in self.items(year, entry, "days_off"):
            if self.full:  # every further range would be expanded only to be left unreported
                break
            if not isinstance(item, str):
                self.problem(
                    mark,
                    f"a day off must be a date or a range of dates, found {kind_of_value(item)}",
                    f"write e.g. {_example_day_off(year)} or {_example_range(year)}",
                )
                continue
            if item.count("/") == 1:
                covered = self.day_range(item, mark, year)
            else:
                day = self.day(item, mark, year, "day off")
                covered = [day] if day else []
                if day and _is_weekend(day):
                    self.problem(
                        mark,
                        f"day off {day} is a {weekday_name(day)}, a rest day anyway",
                        "list only days off that fall on Monday to Friday (a range may span a "
                        "weekend); is it a make-up workday?",
                    )
            self.note_duplicates(covered, mark, seen)
        return seen

    def day_range(self, text: str, mark: Mark, year: int) -> list[date]:
        if not _RANGE.fullmatch(text):
            self.problem(
                mark,
                f"day off '{text}' is not a range in the form YYYY-MM-DD/YYYY-MM-DD",
                f"write e.g. {_example_range(year)} (first and last day off, both included)",
            )
            return []
        parts = text.split("/")
        first = self.day(parts[0], mark, year, "day off")
        last = self.day(parts[1], mark, year, "day off")
        if first is None or last is None:
            return []
        if last < first:
            self.problem(
                mark,
                f"the range {text} ends before it starts",
                f"write the earlier date first: {last}/{first}",
            )
            return []
        covered = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        if all(_is_weekend(day) for day in covered):
            self.problem(
                mark,
                f"the range {text} holds only weekend days, which are rest days anyway",
                "list only days off that fall on Monday to Friday; are they make-up workdays?",
            )
        return covered

    def workdays(self, year: int, entry: YamlMap) -> dict[date, Mark]:
        seen: dict[date, Mark] = {}
        for item, mark in self.items(year, entry, "workdays"):
            if self.full:
                break
            if not isinstance(item, str):
                self.problem(
                    mark,
                    f"a workday must be a date, found {kind_of_value(item)}",
                    f"write e.g. {_example_workday(year)}",
                )
                continue
            if _RANGE.fullmatch(item):
                self.problem(
                    mark,
                    f"workday '{item}' is a range; workdays takes single dates",
                    "list each make-up workday on its own, e.g. "
                    f"[{_example_workday(year)}, {_example_workday(year) + ONE_DAY}]",
                )
                continue
            day = self.day(item, mark, year, "workday")
            if day is None:
                continue
            if not _is_weekend(day):
                self.problem(
                    mark,
                    f"workday {day} is a {weekday_name(day)}, a working day anyway",
                    "workdays lists only the Saturdays and Sundays that become working days "
                    "(调休); is it a day off?",
                )
            self.note_duplicates([day], mark, seen)
        return seen

    def note_duplicates(self, days: list[date], mark: Mark, seen: dict[date, Mark]) -> None:
        repeated = [day for day in days if day in seen]
        if repeated:
            first = seen[repeated[0]]
            self.problem(
                mark,
                f"{repeated[0]} is listed twice (first at line {first.line}, column {first.col})",
                "list each date once; ranges must not overlap",
            )
        for day in days:
            seen.setdefault(day, mark)


def load_calendar_file(
    path: Path, display: str | None = None
) -> tuple[dict[int, YearSchedule], list[Problem]]:
    """Read a calendar file: the schedules of its valid years, and every problem found.

    A year with any problem is left out of the result. Never raises for bad input.
    """
    checker = _FileChecker(display or str(path))
    value, problems = read_yaml(path, checker.display)
    checker.problems.extend(problems)
    if value is None:
        return {}, checker.problems
    schedules = checker.file(value)
    return schedules, checker.problems


def load_calendar(project_dir: Path) -> WorkingCalendar:
    """The project's working calendar: the library, plus ``agreements/calendar.yaml`` if any.

    Raises :class:`LegalsiteError` with every problem of the file.
    """
    path = project_dir / CALENDAR_FILE
    if not path.exists() and not path.is_symlink():
        return WorkingCalendar()
    if not path.is_file() and not path.is_symlink():
        raise LegalsiteError(
            f"{CALENDAR_FILE} is not a file", hint="remove it or make it a YAML file"
        )
    schedules, problems = load_calendar_file(path, CALENDAR_FILE)
    raise_if_any(problems, f"in {CALENDAR_FILE}")
    return WorkingCalendar(schedules)
