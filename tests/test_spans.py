"""The open-and-close records behind memberships, seats, representatives and links:
every copy sees exactly the operations applied to it, whatever its siblings do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp._spans import Spans
from psp.testing import partnerships

# Integers hash to themselves: 0, 32 and 64 share a bucket (of 16), 1 and 2 do not.
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
        assert sorted(spans.open_keys()) == sorted(int(str(row[0])) for row in model.rows if row[2])
        assert len(spans) == sum(1 for row in model.rows if row[2])


def test_a_copy_shares_its_history_rather_than_copying_it() -> None:
    spans: Spans[int, int] = Spans()
    for i in range(1_000):
        spans.start(i, i)
        spans.end(i, -i)
    spans.seal()  # as when its state is published
    copy = spans.copy()
    # Nothing open: the copy holds no per-record dict, only the shared logs.
    assert copy.open_keys() == []
    assert copy._opened is spans._opened
    assert copy._replaced is spans._replaced
    assert copy.all() == tuple(-i for i in range(1_000))


@given(partnerships())
def test_every_published_state_is_sealed(p: psp.Partnership) -> None:
    # Built by the constructor (a replay) or by commands, a partnership's spans hold
    # every record in their logs: a copy (the next command) shares them whole.
    for q in (p, psp.from_data(psp.to_data(p), psp.Partnership)):
        state = q._state
        every = [getattr(state, name) for name in type(state).__slots__]
        spans_of_state = [v for v in every if isinstance(v, Spans)]
        assert len(spans_of_state) == 4  # memberships, seats, representatives, links
        for spans in spans_of_state:
            assert spans._fresh == []
            assert len(spans._opened) == len(spans.all())


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (3, 2, 1, 0)])
@pytest.mark.parametrize("op", ["start", "replace", "end"])
def test_a_change_copies_each_bucket_a_copy_shares(op: str, order: tuple[int, ...]) -> None:
    # After a copy the two share every bucket; whichever changes a bucket copies it
    # first, and having copied one bucket says nothing about the bucket next to it.
    # Keys 0 to 3 fall in neighbouring buckets, changed here in either order.
    spans: Spans[int, str] = Spans()
    for key in range(4):
        spans.start(key, f"base-{key}")
        spans.end(key, f"closed-{key}")
        if op != "start":
            spans.start(key, f"open-{key}")
    before = (spans.all(), spans.in_force(), sorted(spans.open_keys()))
    changed = spans.copy()
    for key in order:
        getattr(changed, op)(key, f"{op}-{key}")
    assert (spans.all(), spans.in_force(), sorted(spans.open_keys())) == before
    assert [spans.get(key) for key in range(4)] == [
        None if op == "start" else f"open-{key}" for key in range(4)
    ]
    assert [changed.get(key) for key in range(4)] == [
        None if op == "end" else f"{op}-{key}" for key in range(4)
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


def test_a_bucket_is_copied_once_and_only_when_shared() -> None:
    # Keys 1, 17 and 33 share a bucket (of 16), key 2 has its own.
    spans: Spans[int, str] = Spans()
    spans.start(1, "a")
    spans.start(2, "b")
    spans.seal()
    copy = spans.copy()
    copy.start(17, "c")
    mine = copy._records[1]
    assert mine is not spans._records[1]  # shared, so copied before the change
    copy.start(3, "d")  # another bucket in between
    copy.start(33, "e")
    assert copy._records[1] is mine  # the copy's own now: changed in place
    assert copy._records[2] is spans._records[2]  # never changed: still shared
    assert (spans.get(17), spans.get(33)) == (None, None)


def test_a_copy_shares_what_was_worked_out() -> None:
    spans: Spans[int, str] = Spans()
    spans.start(1, "a")
    spans.seal()
    every, now = spans.all(), spans.in_force()
    copy = spans.copy()
    assert copy.all() is every
    assert copy.in_force() is now
