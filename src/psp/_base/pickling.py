"""Pickling and copying psp's objects that hold more than their fields (private).

Some psp objects hold what the pickle protocol cannot (a read-only mapping) or what
they work out from their fields (a partnership's state, replayed from its history).
Those pickle as their class and the arguments that make them again: unpickling calls
the constructor, which checks everything, as for any other caller. Copying one gives
the object itself: it is immutable (as ``copy`` does for a tuple or a ``Fraction``),
and a copy by the pickle protocol would replay a partnership's whole history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["by_arguments", "itself", "itself_deep"]


def _rebuild(cls: Callable[..., Any], arguments: dict[str, Any]) -> Any:
    return cls(**arguments)


def by_arguments(obj: Any, **plain: Any) -> tuple[Any, ...]:
    """A ``__reduce__`` value: ``obj``'s class called with its init fields.

    ``plain`` gives picklable stand-ins for fields that are not (a dict for a read-only
    mapping, a tuple for a shared log), under the fields' names.
    """
    arguments = {
        a.alias: plain[a.name] if a.name in plain else getattr(obj, a.name)
        for a in attrs.fields(type(obj))
        if a.init
    }
    return (_rebuild, (type(obj), arguments))


def itself(obj: Any) -> Any:
    """A ``__copy__``: an immutable object is its own copy."""
    return obj


def itself_deep(obj: Any, memo: dict[int, Any]) -> Any:
    """A ``__deepcopy__``: an immutable object, all the way down, is its own copy."""
    return obj
