"""The JSON gate: whether data is exact JSON, and every way it is not, with paths.

Every reader (:func:`psp.from_data`, :func:`psp.from_document`) passes the data it is
given through :func:`json_problems` before anything else looks at it.
"""

from __future__ import annotations

from typing import Any, Final

from psp._base import checks as _checks
from psp._base.errors import Problem, _short_repr

__all__ = ["json_problems"]

_JSON_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


def _plain(data: Any) -> bool:
    """Whether ``data`` is a tree of exact JSON types with text keys and whole numbers in
    range: one pass, no paths, no recursion, each container once. The common case."""
    low, high = -_checks.MAX_WHOLE, _checks.MAX_WHOLE
    kind = type(data)
    if kind is not dict and kind is not list:
        return kind in _JSON_SCALARS and (kind is not int or low <= data <= high)
    stack = [data]
    seen = {id(data)}
    while stack:
        node = stack.pop()
        if type(node) is dict:
            for key in node:
                if type(key) is not str:
                    return False
            values = node.values()
        else:
            values = node
        for value in values:
            kind = type(value)
            if kind is str or kind is bool or value is None or kind is float:
                continue
            if kind is int:
                if not low <= value <= high:
                    return False
            elif kind is dict or kind is list:
                if id(value) in seen:  # shared or a cycle: the careful walk tells which
                    return False
                seen.add(id(value))
                stack.append(value)
            else:
                return False
    return True


def _got(value: object) -> str:
    # Only JSON scalars are shown by value: a caller's object is named by its type,
    # so its __repr__ (which may raise, or be slow) is never called.
    if value is None:
        return ""
    if type(value) in _JSON_SCALARS:
        return f" (got {_short_repr(value)})"
    name = type(value).__name__
    return f" (got {'an' if name[:1].lower() in 'aeiou' else 'a'} {name})"


def json_problems(data: Any) -> list[Problem]:
    """Every way ``data`` is not exact JSON data, each with its path; empty if it is.

    The one gate every reader passes data through before anything else looks at it:
    after it, no caller's code (``__eq__``, ``__hash__``, ``__str__``) can run, no
    key is other than text, and no whole number is past what JSON readers keep
    exactly. Shared containers are allowed (each is checked once); cycles are not.
    At most the first 100 problems are listed (and a last one saying there are more).
    """
    if _plain(data):
        return []
    problems: list[Problem] = []
    if type(data) is not dict and type(data) is not list:
        return [_scalar_problem(data, "$")]
    # A container is on the path from when it is entered until it is left: one met
    # again while on the path holds itself (a cycle); one met again once left is shared,
    # and was checked already.
    on_path: set[int] = set()
    done: set[int] = set()
    # (container, its path, its depth, leaving): a container is pushed again, to be left
    # after its items. A path is built only for a container or a problem, and stops
    # growing at _PATH_DEPTH (showing at most _PATH_KEY characters of a key), so the
    # walk builds no text longer than that whatever the data's depth or keys.
    stack: list[tuple[Any, str, int, bool]] = [(data, "$", 0, False)]
    while stack and len(problems) < _MAX_PROBLEMS:
        node, path, depth, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            done.add(id(node))
            continue
        if id(node) in done:  # queued twice (siblings), entered once
            continue
        on_path.add(id(node))
        stack.append((node, path, depth, True))
        nested: list[tuple[Any, str, int, bool]] = []
        if type(node) is dict:
            pairs: Any = node.items()
        else:
            pairs = enumerate(node)
        for k, v in pairs:
            kind = type(v)
            if type(node) is dict and type(k) is not str:
                problems.append(Problem(path, f"has a key that is not text{_got(k)}"))
                continue
            if kind is str or kind is bool or v is None or kind is float:
                continue
            if kind is int and -_checks.MAX_WHOLE <= v <= _checks.MAX_WHOLE:
                continue
            where = _child_path(path, k, depth)
            if kind is dict or kind is list:
                if id(v) in on_path:
                    problems.append(Problem(where, "holds itself: JSON data has no cycles"))
                elif id(v) not in done:
                    nested.append((v, where, depth + 1, False))
            else:
                problems.append(_scalar_problem(v, where))
        stack.extend(reversed(nested))
    if len(problems) >= _MAX_PROBLEMS:
        del problems[_MAX_PROBLEMS:]
        problems.append(Problem("$", f"has more problems: the first {_MAX_PROBLEMS} are listed"))
    return problems


def _child_path(path: str, key: str | int, depth: int) -> str:
    if depth >= _PATH_DEPTH:
        return path
    step = f".{_path_key(key)}" if type(key) is str else f"[{key}]"
    return f"{path}{step}..." if depth == _PATH_DEPTH - 1 else f"{path}{step}"


def _scalar_problem(value: Any, path: str) -> Problem:
    """The problem with a value that is no container and failed the gate: a whole number
    out of range, or not JSON data at all."""
    if type(value) is int:
        return Problem(
            path,
            f"is out of range: whole numbers are read from {-_checks.MAX_WHOLE:,}"
            f" to {_checks.MAX_WHOLE:,}{_got(value)}",  # a huge one described by its size
        )
    return Problem(path, f"is not JSON data{_got(value)}")


_PATH_DEPTH: Final = 32
_MAX_PROBLEMS: Final = 100
_PATH_KEY: Final = 60


def _path_key(key: str) -> str:
    return key if len(key) <= _PATH_KEY else f"{key[: _PATH_KEY - 3]}..."
