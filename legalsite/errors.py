"""The one error type the CLI catches, and the located problems it carries.

Every check of a run appends :class:`Problem` objects to a list; the run stops once, at the end,
by raising :class:`LegalsiteError` with all of them (as mkdocs collects config errors).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file, at a 1-based line and column when known."""

    path: str
    """The file, as the user should see it (relative to the project when possible)."""
    line: int | None
    """1-based line number, or None when the problem concerns the whole file."""
    col: int | None
    """1-based column number, or None when unknown."""
    message: str
    """What is wrong, in one sentence without a trailing hint."""
    hint: str | None = None
    """How to fix it."""

    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class LegalsiteError(Exception):
    """An error the user can fix; the CLI prints it as ``error: ...`` without a traceback."""

    def __init__(
        self, message: str, *, hint: str | None = None, problems: Iterable[Problem] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.problems: tuple[Problem, ...] = tuple(problems)

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(self.message)
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)


def raise_if_any(problems: Iterable[Problem], summary: str) -> None:
    """Stop the run once, with every problem collected so far."""
    found = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.col or 0, p.message))
    if found:
        noun = "problem" if len(found) == 1 else "problems"
        raise LegalsiteError(f"{len(found)} {noun} {summary}", problems=found)
