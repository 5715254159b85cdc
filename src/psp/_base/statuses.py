"""Declared status machines: which moves a record's status allows, checked when the
table is made (private).

A bid, a tender and a sustainability commitment each move through statuses of their
own (a bid is drafted, submitted, then awarded, declined or withdrawn). Each declares
its table once, beside the events that move it; the table refuses a move its status
does not allow, in one wording for every record.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Generic, TypeVar

import attrs

from psp._base.errors import RuleViolationError

__all__ = ["StatusMachine"]

S = TypeVar("S", bound=enum.Enum)


@attrs.frozen
class StatusMachine(Generic[S]):
    """The moves of one kind of record (``what``, e.g. ``"bid"``): each move, named by
    its participle (``"submitted"``), with the statuses it may be made from and the
    statuses it may lead to. A status no move leaves is final. ``derived`` statuses are
    never recorded (a given commitment whose conditions are met is reported as such, but
    recorded as given), so no move reaches or leaves them.

    Made only with a sound table: every recorded status is reached from ``initial``, and
    every move starts and ends at recorded statuses. :meth:`to` refuses a move from a
    status the table does not allow, with a :class:`psp.RuleViolationError`.
    """

    what: str
    initial: S
    moves: Mapping[str, tuple[frozenset[S], frozenset[S]]]
    derived: frozenset[S] = frozenset()

    def __attrs_post_init__(self) -> None:
        statuses = set(type(self.initial)) - self.derived
        for move, (sources, targets) in self.moves.items():
            if not sources or not targets or not (sources | targets) <= statuses:
                raise ValueError(f"{self.what}: move {move!r} needs statuses of its enum")
        reached = {self.initial}
        frontier = [self.initial]
        while frontier:
            status = frontier.pop()
            for sources, targets in self.moves.values():
                if status in sources:
                    frontier += [t for t in targets if t not in reached]
                    reached |= targets
        if reached != statuses:
            missed = ", ".join(sorted(str(s.value) for s in statuses - reached))
            raise ValueError(f"{self.what}: no move reaches {missed}")

    @property
    def final(self) -> frozenset[S]:
        """The statuses no move leaves."""
        leaving = {s for sources, _ in self.moves.values() for s in sources}
        return frozenset(s for s in type(self.initial) if s not in leaving | self.derived)

    def to(self, move: str, status: S, target: S, *, field: str, value: str) -> S:
        """``target``, if ``move`` may take a record from ``status`` to it; otherwise a
        refusal naming ``field`` and ``value`` (the record's id)."""
        sources, targets = self.moves[move]
        if status not in sources:
            raise RuleViolationError(
                field, value, self.refusal(move, status), code="move-not-allowed"
            )
        if target not in targets:  # a mistake in psp, not in the data
            raise ValueError(f"{self.what}: {move} does not lead to {target}")
        return target

    def refusal(self, move: str, status: S) -> str:
        """Why ``move`` is refused from ``status``."""
        if status in self.final:
            return f"the {self.what} is {status.value}; it can no longer change"
        allowed = " or ".join(str(s.value) for s in type(self.initial) if s in self.moves[move][0])
        article = "an" if allowed[0] in "aeiou" else "a"
        return (
            f"the {self.what} is {status.value}; only {article} {allowed} {self.what} can be {move}"
        )
