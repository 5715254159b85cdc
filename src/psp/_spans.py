"""Records that open and later close (memberships, seats, representatives, links),
kept so that recording one more costs the same whatever the history's length (private)."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from psp._log import Log
from psp._period import Period

__all__ = ["Spans"]

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class _Dated(Protocol):
    @property
    def period(self) -> Period: ...


D = TypeVar("D", bound=_Dated)

_BUCKETS = 16
_ALL_SHARED = 0  # a bit set per bucket this object may change in place
_NO_RECORDS: dict[Any, Any] = {}  # every empty bucket, never changed: a change copies it


class Spans(Generic[K, T]):
    """Records in the order they were opened, each open one found by its key.

    Every record ever opened sits in an append-only :class:`~psp._log.Log`; a later
    version of a record (closed, or with new roles) is appended to a second log as
    ``(index, record)``. The open records are held by key in ``_BUCKETS`` small dicts
    (by the key's hash), and their places in the first log in as many more, which
    copies share until one of them changes a bucket: then it copies that bucket only
    (copy on write). So a copy costs the same whatever the history's length, and a
    change costs about 1/16 of the open records: a partnership with 3,000 open links
    records one more link without copying the 3,000. Empty buckets are one shared
    empty dict, so a partnership with few records (most have a few dozen members)
    holds few dicts. Places are kept apart from records so that no pair is made per
    record, and a dict of text keys (members' ids) to ints is one the garbage
    collector does not track at all.

    Records opened while a state is being built go to a plain list first, and join the
    log in one step when the state is published (:meth:`seal`): replaying a history
    of thousands of events makes one log, not one per record.

    Mutable only while a state is being built, like the state that holds it; a
    published state is only ever copied, never changed.
    """

    __slots__ = (
        "_all",
        "_count",
        "_current",
        "_fresh",
        "_opened",
        "_owned",
        "_places",
        "_records",
        "_replaced",
    )

    def __init__(self) -> None:
        self._opened: Log[T] = Log()
        self._fresh: list[T] = []  # opened after the records in _opened, not yet sealed
        self._replaced: Log[tuple[int, T]] = Log()
        self._records: list[dict[K, T]] = [_NO_RECORDS] * _BUCKETS
        self._places: list[dict[K, int]] = [_NO_RECORDS] * _BUCKETS
        self._owned = _ALL_SHARED
        self._all: tuple[T, ...] | None = None
        self._current: tuple[T, ...] | None = None  # in_force(), once asked for
        self._count = 0  # open records

    def copy(self) -> Spans[K, T]:
        new: Spans[K, T] = Spans.__new__(Spans)
        new._opened = self._opened  # append-only: shared, never copied
        new._fresh = self._fresh[:]  # empty once published
        new._replaced = self._replaced  # append-only: shared, never copied
        new._records = list(self._records)  # the dicts are shared ...
        new._places = list(self._places)
        new._owned = self._owned = _ALL_SHARED  # ... so whichever changes one copies it
        new._all = self._all
        new._current = self._current
        new._count = self._count
        return new

    def _changing(self, key: K) -> tuple[dict[K, T], dict[K, int]]:
        b = hash(key) % _BUCKETS
        if not self._owned & (1 << b):
            self._records[b] = dict(self._records[b])
            self._places[b] = dict(self._places[b])
            self._owned |= 1 << b
        self._all = self._current = None
        return self._records[b], self._places[b]

    def get(self, key: K) -> T | None:
        """The open record under ``key``, if there is one."""
        return self._records[hash(key) % _BUCKETS].get(key)

    def __contains__(self, key: K) -> bool:
        return key in self._records[hash(key) % _BUCKETS]

    def __len__(self) -> int:
        """How many records are open."""
        return self._count

    def open_keys(self) -> list[K]:
        """The keys of the open records, in no particular order."""
        return [key for bucket in self._records for key in bucket]

    def start(self, key: K, record: T) -> None:
        """Open ``record`` under ``key`` (the caller has checked ``key`` is not open)."""
        records, places = self._changing(key)
        records[key] = record
        places[key] = len(self._opened) + len(self._fresh)
        self._fresh.append(record)
        self._count += 1

    def replace(self, key: K, record: T) -> None:
        """Put ``record`` in place of the open record under ``key``; it stays open."""
        records, places = self._changing(key)
        records[key] = record
        self._replaced = self._replaced.appended((places[key], record))

    def end(self, key: K, record: T) -> None:
        """Put ``record`` (the closed version) in place of the open record under ``key``."""
        records, places = self._changing(key)
        del records[key]
        self._replaced = self._replaced.appended((places.pop(key), record))
        self._count -= 1

    def seal(self) -> None:
        """Move the records opened since the last seal into the log (before publishing)."""
        if self._fresh:
            self._opened = self._opened.extended(self._fresh)
            self._fresh = []

    def in_force(self) -> tuple[T, ...]:
        """The open records, in the order they were opened."""
        if self._current is None:
            found = sorted(
                (places[key], record)  # places are distinct: records are never compared
                for records, places in zip(self._records, self._places, strict=True)
                for key, record in records.items()
            )
            self._current = tuple(record for _, record in found)
        return self._current

    def on(self: Spans[K, D], day: date | None) -> tuple[D, ...]:
        """The records in force on ``day`` (``None``: the open ones), in opening order."""
        if day is None:
            return self.in_force()
        return tuple(r for r in self.all() if r.period.contains(day))

    def all(self) -> tuple[T, ...]:
        """Every record, latest version, in the order they were opened."""
        if self._all is None:
            records = [*self._opened, *self._fresh]
            for index, record in self._replaced:
                records[index] = record
            self._all = tuple(records)
        return self._all
