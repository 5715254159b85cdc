"""A stateful test of what a back end builds on psp: an append-only store of event rows,
and writers who each read the partnership, change it, and write back the events since
the version they read, expecting it unchanged (hypothesis RuleBasedStateMachine).

The promises: a write based on the stored version lands whole; a write based on an
older one is a VersionConflictError and changes nothing; no write is ever lost or
partly stored; and the rows always read back as the partnership the writes made.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

import psp
from psp import Partner, Partnership

POOL = [
    Partner("lead", "Lead charity", "third"),
    Partner("sacro", "Sacro", "third"),
    Partner("cja", "A CJA", "public", public_body_kind="cja"),
    Partner("la", "A council", "public", public_body_kind="local-authority"),
]
IDS = [p.id for p in POOL]
IDENTITY = {"id": "p", "name": "P", "focus": {"prison-leavers"}}
START = date(2012, 1, 1)

Change = Callable[[Partnership, date], Partnership]


def _changes(partner_id: str) -> dict[str, Change]:
    return {
        f"join {partner_id}": lambda p, on: p.join(partner_id, on=on),
        f"leave {partner_id}": lambda p, on: p.leave(partner_id, on=on),
        f"{partner_id} leads": lambda p, on: p.change_roles(partner_id, {"lead"}, on=on),
    }


CHANGES: dict[str, Change] = {k: v for i in IDS for k, v in _changes(i).items()}


class Store:
    """What a back end keeps: the identity, and one row of plain data per event, in
    order (a row's place is the version it makes)."""

    def __init__(self) -> None:
        start = Partnership(**IDENTITY)  # type: ignore[arg-type]
        for partner in POOL:
            start = start.add_organisation(partner, on=START)
        self.rows = [psp.to_data(e) for e in start.events_since(0)]

    def read(self) -> Partnership:
        history = [psp.from_data(row, psp.Event) for row in self.rows]
        return Partnership(**IDENTITY, history=history)  # type: ignore[arg-type]

    def write(self, events: tuple[psp.Event, ...], expected_version: int) -> None:
        """Record ``events`` as a back end does: extend what is stored, expecting the
        version the writer read, then append the rows (nothing if it is refused)."""
        stored = self.read()
        written = stored.extend(events, expected_version=expected_version)
        self.rows.extend(psp.to_data(e) for e in written.events_since(stored.version))


class StoreMachine(RuleBasedStateMachine):
    writers = Bundle("writers")

    def __init__(self) -> None:
        super().__init__()
        self.store = Store()
        self.day = START
        # What the writes that landed made, event by event: the store must hold exactly this.
        self.landed: list[psp.Event] = list(self.store.read().events_since(0))

    @rule(target=writers)
    def a_writer_reads(self) -> list[Partnership]:
        return [self.store.read()]

    @rule(writer=writers, change=st.sampled_from(sorted(CHANGES)), days=st.integers(0, 30))
    def the_writer_changes_its_copy(
        self, writer: list[Partnership], change: str, days: int
    ) -> None:
        # A writer's changes stay on its copy until it writes; days only go forward.
        self.day += timedelta(days=days)
        with contextlib.suppress(psp.PSPError):  # refused by the domain: the copy is unchanged
            writer.append(CHANGES[change](writer[-1], self.day))

    @rule(writer=writers)
    def the_writer_writes(self, writer: list[Partnership]) -> None:
        read, now = writer[0], writer[-1]
        events = now.events_since(read.version)
        rows_before = list(self.store.rows)
        if read.version != len(rows_before):
            # Someone wrote since this writer read: the write is a conflict, and nothing of it
            # is stored.
            with pytest.raises(psp.VersionConflictError) as conflict:
                self.store.write(events, expected_version=read.version)
            assert (conflict.value.expected, conflict.value.actual) == (
                read.version,
                len(rows_before),
            )
            assert self.store.rows == rows_before
        else:
            # The events were made on the stored version: the domain accepts them, and they land.
            self.store.write(events, expected_version=read.version)
            self.landed.extend(events)
        # Either way the writer starts again from what is stored.
        writer[:] = [self.store.read()]

    @invariant()
    def the_rows_are_every_write_that_landed_in_order(self) -> None:
        stored = self.store.read()
        assert stored.events_since(0) == tuple(self.landed)
        assert stored.version == len(self.store.rows)


# Half the profile's examples (each runs up to 25 steps, reading the store at each).
StoreMachine.TestCase.settings = settings(
    max_examples=max(settings().max_examples // 2, 10), stateful_step_count=25
)
TestStore = StoreMachine.TestCase
