"""An append-only, shareable sequence: the way a partnership keeps a long history
without copying it at every command (private)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, cast, overload

__all__ = ["Log"]

T = TypeVar("T")

_LOCK = threading.Lock()


class Log(Sequence[T], Generic[T]):
    """An immutable sequence that shares its storage with the logs it grew from.

    A log is a ``tail`` list after the first ``base_n`` items of a ``base`` log.
    :meth:`extended` takes amortised constant time, whatever the log's length: the
    first log to grow a tail appends to it in place (older logs keep seeing only
    their own items), and a log grown from one whose tail has moved on (a fork)
    starts a new tail on top of it. So recording one more event on a partnership with
    a history of 10,000 never copies the 10,000.
    """

    __slots__ = ("_base", "_base_n", "_n", "_tail")

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._base: Log[T] | None = None
        self._base_n = 0
        self._tail: list[T] = list(items)
        self._n = len(self._tail)

    @classmethod
    def _made(cls, base: Log[T] | None, base_n: int, tail: list[T], n: int) -> Log[T]:
        log: Log[T] = cls.__new__(cls)
        log._base, log._base_n, log._tail, log._n = base, base_n, tail, n
        return log

    def extended(self, new: Iterable[T]) -> Log[T]:
        """This log with ``new`` items after its own."""
        added = list(new)
        if not added:
            return self
        with _LOCK:  # check-and-append is atomic when logs are shared across threads
            if len(self._tail) == self._n - self._base_n:
                self._tail.extend(added)
                return Log._made(self._base, self._base_n, self._tail, self._n + len(added))
        return Log._made(self, self._n, added, self._n + len(added))

    def appended(self, item: T) -> Log[T]:
        """This log with ``item`` after its own (:meth:`extended` for one item)."""
        with _LOCK:
            if len(self._tail) == self._n - self._base_n:
                self._tail.append(item)
                return Log._made(self._base, self._base_n, self._tail, self._n + 1)
        return Log._made(self, self._n, [item], self._n + 1)

    def _segments(self) -> list[tuple[list[T], int]]:
        """(list, how many of its items count), oldest first."""
        segments: list[tuple[list[T], int]] = []
        log: Log[T] | None = self
        n = self._n
        while log is not None:
            segments.append((log._tail, n - log._base_n))
            n = log._base_n
            log = log._base
        segments.reverse()
        return segments

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._n)
            if step != 1:
                return tuple(self)[index]
            return self._between(start, max(start, stop))
        if index < 0:
            index += self._n
        if not 0 <= index < self._n:
            raise IndexError("log index out of range")
        log = self
        while index < log._base_n:
            log = cast(Log[T], log._base)  # base_n > 0 only with a base
        return log._tail[index - log._base_n]

    def _between(self, start: int, stop: int) -> tuple[T, ...]:
        """Items ``start`` to ``stop``, read from the newest segment back: the last few
        items of a long log cost only their own number."""
        parts: list[list[T]] = []
        log: Log[T] | None = self
        n = self._n
        while log is not None and n > start:
            low, high = max(start, log._base_n), min(n, stop)
            if high > low:
                parts.append(log._tail[low - log._base_n : high - log._base_n])
            n = log._base_n
            log = log._base
        return tuple(item for part in reversed(parts) for item in part)

    def __iter__(self) -> Iterator[T]:
        for items, count in self._segments():
            for i in range(count):
                yield items[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Log):
            return self is other or (self._n == other._n and tuple(self) == tuple(other))
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))
