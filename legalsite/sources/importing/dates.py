"""The date a source states for itself ("最后更新：2020年1月", "Last updated: January 2020"), for
``legalsite import`` to write as ``source-date`` in ``meta.yaml`` (issue 24).

Only a short paragraph (or heading) that names the date as the document's own (更新, 修订, 发布,
生效, 版本; updated, revised, effective, dated, version) counts, and only its first: a date inside
a clause ("within 30 days of 1 January 2020") is never taken for the document's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from legalsite.model.document import SourceDate
from legalsite.sources.importing.tree import Heading, Para, Source

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

LONGEST = 80
"""The longest paragraph read as a date line: a date line is short; a clause is longer."""

LABEL = 12
"""The most letters or digits a date line may hold before its date (最后, 本政策, Last): a
paragraph with more says something else too, and stays text."""

_WORD = re.compile(r"\w", re.UNICODE)

_ZH = re.compile(
    r"(?:更新|修订|修改|发布|生效|版本|日期)[^0-9\n]{0,12}?"
    r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月(?:\s*([0-9]{1,2})\s*日)?"
)
_ZH_AFTER = re.compile(
    r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月(?:\s*([0-9]{1,2})\s*日)?[^0-9\n。，]{0,4}?"
    r"(?:更新|修订|修改|发布|生效)"
)
_EN = re.compile(
    r"(?:updated|revised|modified|effective|dated|published|version)\b[^0-9\n]{0,20}?"
    r"(?:(?P<day1>[0-9]{1,2})\s+)?(?P<month>" + "|".join(MONTHS) + r")\.?\s+"
    r"(?:(?P<day2>[0-9]{1,2}),?\s+)?(?P<year>[0-9]{4})\b",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"(?:更新|修订|发布|生效|日期|updated|revised|effective|dated|date)[^0-9\n]{0,12}?"
    r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?\b",
    re.IGNORECASE,
)


def stated_date(source: Source) -> tuple[SourceDate, int] | None:
    """The date ``source`` states for itself and the line it is on, or None when it states
    none (or one no calendar has)."""
    for block in source.blocks:
        if isinstance(block, Para):
            text = block.text
        elif isinstance(block, Heading):
            text = block.title
        else:
            continue
        if len(text) > LONGEST:
            continue
        found = read_date(text)
        if found is not None:
            return found, block.line
    return None


def date_line(source: Source, line: int) -> Para | None:
    """The paragraph at ``line`` when it is only a date line (the date, and a label such as
    最后 or Last): the date import writes as ``source-date`` is then not also kept as a clause,
    for the page would show two "last updated" dates. A heading, a numbered paragraph or a
    sentence that says more is kept."""
    for block in source.blocks:
        if isinstance(block, Para) and block.line == line and block.number is None:
            match = _match(block.text)
            if match is None or len(block.text) > LONGEST:
                return None
            # Only a label before the date (最后, 本政策, Last): any word after it says more
            # ("……更新，即日生效": effective at once), and the paragraph stays text.
            if _WORD.search(block.text[match.end() :]):
                return None
            return block if len(_WORD.findall(block.text[: match.start()])) <= LABEL else None
    return None


def without(source: Source, para: Para) -> Source:
    """``source`` without the paragraph ``para``."""
    return replace(source, blocks=tuple(b for b in source.blocks if b is not para))


def _match(text: str) -> re.Match[str] | None:
    return _ZH.search(text) or _ZH_AFTER.search(text) or _EN.search(text) or _ISO.search(text)


def read_date(text: str) -> SourceDate | None:
    """The date a short line names as its document's (2020年1月, January 2020, 15 January 2020,
    January 15, 2020, 2020-01-15), or None."""
    parts: tuple[int, int, int | None] | None = None
    if match := _ZH.search(text) or _ZH_AFTER.search(text):
        year, month, day = match.groups()
        parts = (int(year), int(month), int(day) if day else None)
    elif match := _EN.search(text):
        day = match.group("day1") or match.group("day2")
        month_number = MONTHS.index(match.group("month").lower()) + 1
        parts = (int(match.group("year")), month_number, int(day) if day else None)
    elif match := _ISO.search(text):
        year, month, day = match.groups()
        parts = (int(year), int(month), int(day) if day else None)
    if parts is None or parts[0] < 1000:
        return None
    try:
        return SourceDate(*parts)
    except ValueError:
        return None
