"""Records that open and later close (memberships, seats, representatives, links),
kept so that recording one more costs the same whatever the history's length and
however many are open (private)."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Generic, Protocol, TypeVar

from psp._aggregate.log import Log
from psp._aggregate.pmap import PMap
from psp._base.period import Period

__all__ = ["Spans"]

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class _Dated(Protocol):
    @property
    def period(self) -> Period: ...


D = TypeVar("D", bound=_Dated)


class Spans(Generic[K, T]):
    """Records in the order they were opened, each open one found by its key.

    Every record ever opened sits in an append-only :class:`~psp._aggregate.log.Log`; a later
    version of a record (closed, or with new roles) is appended to a second log as
    ``(index, record)``. The open records are held by key in a persistent map
    (:class:`~psp._aggregate.pmap.PMap`), and their places in the first log in another, which
    copies share: a change copies only the few small nodes on its key's path. So a
    copy costs the same whatever the history's length, and a change the same whatever
    the number of open records: a partnership with 10,000 open memberships records one
    more without copying the 10,000. Places are kept apart from records so that no
    pair is made per record, and a dict of text keys (members' ids) to ints is one the
    garbage collector does not track at all.

    Records opened while a state is being built go to a plain list first, and join the
    log in one step when the state is published (:meth:`seal`): replaying a history
    of thousands of events makes one log, not one per record.

    Mutable only while a state is being built, like the state that holds it; a
    published state is only ever copied, never changed.
    """

    __slots__ = (
        "_all",
        "_current",
        "_edit",
        "_fresh",
        "_opened",
        "_places",
        "_records",
        "_replaced",
    )

    def __init__(self) -> None:
        self._opened: Log[T] = Log()
        self._fresh: list[T] = []  # opened after the records in _opened, not yet sealed
        self._replaced: Log[tuple[int, T]] = Log()
        self._records: PMap[K, T] = PMap()
        self._places: PMap[K, int] = PMap()
        self._edit: object | None = None  # its maps' edit token (see _editing)
        self._all: tuple[T, ...] | None = None
        self._current: tuple[T, ...] | None = None  # in_force(), once asked for

    def copy(self) -> Spans[K, T]:
        new: Spans[K, T] = Spans.__new__(Spans)
        new._opened = self._opened  # append-only: shared, never copied
        new._fresh = self._fresh[:]  # empty once published
        new._replaced = self._replaced  # append-only: shared, never copied
        new._records = self._records  # persistent: shared, never copied
        new._places = self._places
        new._edit = self._edit = None  # the maps are shared now: neither changes them in place
        new._all = self._all
        new._current = self._current
        return new

    def get(self, key: K) -> T | None:
        """The open record under ``key``, if there is one."""
        return self._records.get(key)

    def __contains__(self, key: K) -> bool:
        return key in self._records

    def __len__(self) -> int:
        """How many records are open."""
        return len(self._records)

    def _editing(self) -> object:
        """The token this object changes its maps under (:mod:`psp._aggregate.pmap`): a new one
        on its first change after a copy, so that it changes in place only the nodes
        it made since."""
        if self._edit is None:
            self._edit = object()
        return self._edit

    def start(self, key: K, record: T) -> None:
        """Open ``record`` under ``key`` (the caller has checked ``key`` is not open)."""
        self._all = self._current = None
        edit = self._editing()
        self._records = self._records.set(key, record, edit)
        self._places = self._places.set(key, len(self._opened) + len(self._fresh), edit)
        self._fresh.append(record)

    def replace(self, key: K, record: T) -> None:
        """Put ``record`` in place of the open record under ``key``; it stays open."""
        self._all = self._current = None
        self._records = self._records.set(key, record, self._editing())
        self._replaced = self._replaced.appended((self._places[key], record))

    def end(self, key: K, record: T) -> None:
        """Put ``record`` (the closed version) in place of the open record under ``key``."""
        self._all = self._current = None
        edit = self._editing()
        self._places, place = self._places.pop(key, edit)
        self._records = self._records.pop(key, edit)[0]
        self._replaced = self._replaced.appended((place, record))

    def seal(self) -> None:
        """Move the records opened since the last seal into the log (before publishing)."""
        if self._fresh:
            self._opened = self._opened.extended(self._fresh)
            self._fresh = []

    def in_force(self) -> tuple[T, ...]:
        """The open records, in the order they were opened."""
        if self._current is None:
            places = self._places
            found = sorted(  # places are distinct: records are never compared
                (places[key], record) for key, record in self._records.items()
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
