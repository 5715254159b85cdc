"""The open-and-close records behind memberships, seats, representatives and links:
every copy sees exactly the operations applied to it, whatever its siblings do."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp._aggregate.spans import Spans
from psp.testing import partnerships

# Integers hash to themselves: 0, 32 and 64 share their low bits, 1 and 2 do not.
KEYS = st.sampled_from([0, 1, 2, 32, 64])
# (copy from which earlier version, operation, key, record)
OPS = st.lists(
    st.tuples(st.integers(0, 100), st.sampled_from(["open", "replace", "close", "seal"]), KEYS),
    max_size=30,
)


class Model:
    """The obvious implementation: a list of [key, record, open] rows, copied whole."""

    def __init__(self) -> None:
        self.rows: list[list[object]] = []

    def copy(self) -> Model:
        new = Model()
        new.rows = [list(row) for row in self.rows]
        return new

    def open_row(self, key: int) -> list[object] | None:
        return next((row for row in self.rows if row[0] == key and row[2]), None)


@given(OPS)
def test_spans_match_a_list_that_is_copied_whole(ops: list[tuple[int, str, int]]) -> None:
    versions: list[tuple[Spans[int, str], Model]] = [(Spans(), Model())]
    for n, (pick, op, key) in enumerate(ops):
        spans, model = versions[pick % len(versions)]
        spans, model = spans.copy(), model.copy()
        row = model.open_row(key)
        record = f"{op}-{key}-{n}"
        if op == "open" and row is None:
            spans.start(key, record)
            model.rows.append([key, record, True])
        elif op == "replace" and row is not None:
            spans.replace(key, record)
            row[1] = record
        elif op == "close" and row is not None:
            spans.end(key, record)
            row[1], row[2] = record, False
        elif op == "seal":  # as a state is published: records opened join the log
            spans.seal()
        versions.append((spans, model))
        spans.all()  # fill the caches, so a later change must empty them
        spans.in_force()
    for spans, model in versions:
        assert spans.all() == tuple(row[1] for row in model.rows)
        assert spans.in_force() == tuple(row[1] for row in model.rows if row[2])
        for key in [0, 1, 2, 32, 64]:
            row = model.open_row(key)
            assert (key in spans) is (row is not None)
            assert spans.get(key) == (None if row is None else row[1])
        assert len(spans) == sum(1 for row in model.rows if row[2])


def test_a_copy_shares_its_history_rather_than_copying_it() -> None:
    spans: Spans[int, int] = Spans()
    for i in range(1_000):
        spans.start(i, i)
        spans.end(i, -i)
    spans.seal()  # as when its state is published
    copy = spans.copy()
    # Nothing open: the copy holds no per-record map, only the shared logs.
    assert len(copy) == 0
    assert copy._opened is spans._opened
    assert copy._replaced is spans._replaced
    assert copy.all() == tuple(-i for i in range(1_000))


@given(partnerships())
def test_every_published_state_is_sealed(p: psp.Partnership) -> None:
    # Built by the constructor (a replay) or by commands, a partnership's spans hold
    # every record in their logs: a copy (the next command) shares them whole.
    for q in (p, psp.from_data(psp.to_data(p), psp.Partnership)):
        state = q._state
        every = [getattr(state, a.name) for a in attrs.fields(type(state))]
        spans_of_state = [v for v in every if isinstance(v, Spans)]
        assert spans_of_state  # memberships, seats, representatives, links, ...
        for spans in spans_of_state:
            assert spans._fresh == []
            assert len(spans._opened) == len(spans.all())


@pytest.mark.parametrize("op", ["start", "replace", "end"])
def test_a_change_after_a_copy_leaves_the_original_as_it_was(op: str) -> None:
    # After a copy the two share their maps; whichever changes copies what it changes
    # first. 300 open records: more than one leaf of the persistent map.
    spans: Spans[int, str] = Spans()
    for key in range(300):
        spans.start(key, f"base-{key}")
        spans.end(key, f"closed-{key}")
        if op != "start":
            spans.start(key, f"open-{key}")
    spans.seal()
    before = (spans.all(), spans.in_force(), len(spans))
    changed = spans.copy()
    for key in range(0, 300, 7):
        getattr(changed, op)(key, f"{op}-{key}")
    assert (spans.all(), spans.in_force(), len(spans)) == before
    assert [spans.get(key) for key in range(300)] == [
        None if op == "start" else f"open-{key}" for key in range(300)
    ]
    assert [changed.get(key) for key in range(0, 300, 7)] == [
        None if op == "end" else f"{op}-{key}" for key in range(0, 300, 7)
    ]


def test_len_counts_the_open_records() -> None:
    spans: Spans[int, str] = Spans()
    for key in range(3):
        spans.start(key, f"open-{key}")
    spans.end(1, "closed-1")
    spans.replace(2, "new-2")
    copy = spans.copy()
    copy.end(0, "closed-0")
    assert (len(spans), len(copy)) == (2, 1)


def test_a_copy_shares_its_maps_and_copies_only_what_it_changes() -> None:
    spans: Spans[int, str] = Spans()
    for key in range(300):
        spans.start(key, f"open-{key}")
    spans.seal()
    copy = spans.copy()
    assert copy._records is spans._records  # a copy costs the same at any size
    copy.start(1_000, "new")
    mine = copy._records
    assert mine is not spans._records  # shared, so changed into a map of its own
    copy.end(5, "closed-5")
    assert copy._records is mine  # its own now: changed in place
    assert (spans.get(1_000), spans.get(5), len(spans)) == (None, "open-5", 300)


def test_a_copy_shares_what_was_worked_out() -> None:
    spans: Spans[int, str] = Spans()
    spans.start(1, "a")
    spans.seal()
    every, now = spans.all(), spans.in_force()
    copy = spans.copy()
    assert copy.all() is every
    assert copy.in_force() is now
