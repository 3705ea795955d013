"""The notice rule: how long before a version takes effect it must be on the website.

A site states one rule (the plugin's ``notice`` option) and a document may state its own
(``notice:`` in ``agreements/<document>/document.yaml``). A rule is written in one of the forms
of :data:`FORMS`:

* ``N working days`` (``1 working day``, the default: this agreement's clause 十 / X promises
  that a new version is "published one working day before it takes effect"): the publication
  day is the N-th PRC working day before the effective date, counted back from the day before
  it (the effective day itself is not counted);
* ``N days``: a notice period of N days counted as 民法典 第二百零一条 and 第二百零三条 count
  periods: the day of publication is not counted, counting begins the next day; a last day that
  is a statutory holiday (a day that is not a PRC working day) moves to the day after the
  holiday ends; the period ends at 24:00 of its last day, and the version takes effect at the
  earliest the day after. 电子商务法 第三十四条 asks platform agreements for ``7 days``.

What the dates are on a calendar is :meth:`legalsite.sources.calendar.WorkingCalendar.publish_date`
and its inverse :meth:`~legalsite.sources.calendar.WorkingCalendar.earliest_effective`; this
module is only the value and its parsing, with no calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from legalsite.model.characters import printable

Unit = Literal["working day", "day"]

MAX_COUNT = 365
"""The longest rule: a year's notice."""

FORMS = "'1 working day', 'N working days' or 'N days' (N a whole number from 1 to 365)"
"""The accepted forms, as a hint names them."""

_RULE = re.compile(r"([1-9][0-9]{0,2}) (working days?|days?)", re.ASCII)


@dataclass(frozen=True)
class NoticeRule:
    """``count`` working days or days of notice before a version takes effect."""

    count: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in ("working day", "day"):
            raise ValueError(f"a notice rule counts working days or days, not {self.unit!r}")
        if not 1 <= self.count <= MAX_COUNT:
            raise ValueError(f"a notice rule counts 1 to {MAX_COUNT} {self.unit}s")

    def __str__(self) -> str:
        """The rule as written in the files: ``1 working day``, ``3 working days``, ``7 days``."""
        return f"{self.count} {self.unit}{'' if self.count == 1 else 's'}"

    @property
    def working_days(self) -> bool:
        return self.unit == "working day"


DEFAULT_NOTICE = NoticeRule(1, "working day")
"""This agreement's rule, the default of every site and document."""


class NoticeError(ValueError):
    """A notice rule that is not in one of the :data:`FORMS`: the message and the hint."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def parse_notice(value: object) -> NoticeRule:
    """The rule ``value`` (as read from YAML) states; :class:`NoticeError` for anything else.

    Matched whole, ASCII digits and single ordinary spaces only: ``7 days``, ``1 working day``,
    ``3 working days`` (``1 days`` and ``3 working day`` are read as meant).
    """
    shown = f"'{printable(value)}'" if isinstance(value, str) else _kind(value)
    hint = f"write the rule as {FORMS}, e.g. 7 days"
    if isinstance(value, str):
        found = _RULE.fullmatch(value)
        if found and int(found.group(1)) <= MAX_COUNT:
            unit: Unit = "working day" if found.group(2).startswith("working") else "day"
            return NoticeRule(int(found.group(1)), unit)
    raise NoticeError(f"the notice rule {shown} is not one of the accepted forms", hint)


def _kind(value: object) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"{value} (a number without its unit)"
    if isinstance(value, list):
        return "(a list)"
    return "(a mapping)" if isinstance(value, dict) else f"(a {type(value).__name__})"
