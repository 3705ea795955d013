"""Results computed once per object: for pure functions of the model's immutable value objects
(a text's elements, a comparison's account), which one build asks for many times over.

Keyed by the object's identity, not its value: a text's hash walks every clause, and a
comparison (it holds a dict) has none. An entry goes when its object does."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def per_object(function: Callable[[T], R]) -> Callable[[T], R]:
    """``function``, computed once per argument object for as long as that object lives.
    ``function`` must be pure and its argument immutable; its result is shared, so it must not
    be changed either (return tuples and frozen dataclasses)."""
    results: dict[int, R] = {}

    @functools.wraps(function)
    def once(value: T) -> R:
        key = id(value)
        if key in results:
            return results[key]
        result = results[key] = function(value)
        weakref.finalize(value, results.pop, key, None)
        return result

    return once
