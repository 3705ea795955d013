"""The one error type the CLI catches, and the located problems it carries.

Every check of a run appends :class:`Problem` objects to a list; the run stops once, at the end,
by raising :class:`LegalsiteError` with all of them (as mkdocs collects config errors).

Both are shown through :func:`legalsite.model.characters.printable`, field by field: a path, message
or hint may quote what a user or an editor wrote (a folder name, a ref, an argument), and no
character of it may reach a terminal or a CI log as itself. Only the line breaks that separate
the problems, their hints and the details of an error are real ones: a line feed inside a field
is shown as ``\\n``, so no field can start a line of its own (a forged ``error:`` line, or a
``::`` workflow command in a GitHub Actions log).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from legalsite.model.characters import printable


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
        parts = [printable(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {printable(self.message)}"
        if self.hint:
            text += f"\n    hint: {printable(self.hint)}"
        return text


class LegalsiteError(Exception):
    """An error the user can fix; the CLI prints it as ``error: ...`` without a traceback."""

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        problems: Iterable[Problem] = (),
        details: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.details: tuple[str, ...] = tuple(details)
        """Lines shown indented under the message (e.g. a tool's log), each one line."""

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(printable(self.message))
        lines.extend(f"  {printable(line)}" for line in self.details)
        if self.hint:
            lines.append(f"hint: {printable(self.hint)}")
        return "\n".join(lines)


def raise_if_any(problems: Iterable[Problem], summary: str) -> None:
    """Stop the run once, with every problem collected so far."""
    found = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.col or 0, p.message))
    if found:
        noun = "problem" if len(found) == 1 else "problems"
        raise LegalsiteError(f"{len(found)} {noun} {summary}", problems=found)
