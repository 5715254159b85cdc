"""The append-only log behind a partnership's history: sharing without copying, and
never showing one log's items to another."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psp._aggregate.log import Log

ITEMS = st.lists(st.integers(), max_size=8)


@given(ITEMS, st.lists(ITEMS, max_size=6), st.data())
def test_every_log_holds_exactly_what_was_appended_to_it(
    first: list[int], batches: list[list[int]], data: st.DataObject
) -> None:
    # Grow logs from randomly chosen earlier logs (forks included), by a batch or by one
    # item, and compare each with the tuple it should equal.
    logs: list[tuple[Log[int], tuple[int, ...]]] = [(Log(first), tuple(first))]
    for batch in batches:
        base, expected = data.draw(st.sampled_from(logs))
        logs.append((base.extended(batch), expected + tuple(batch)))
        one = data.draw(st.integers())
        logs.append((base.appended(one), (*expected, one)))
    for log, expected in logs:
        assert tuple(log) == expected
        assert len(log) == len(expected)
        assert log == expected
        assert log[:] == expected
        for i in range(-len(expected), len(expected)):
            assert log[i] == expected[i]
        # Slices (how Partnership.events_since reads the newest events): every bound,
        # negative and past the end included, and a step.
        start = data.draw(st.integers(-len(expected) - 2, len(expected) + 2))
        stop = data.draw(st.integers(-len(expected) - 2, len(expected) + 2))
        assert log[start:stop] == expected[start:stop]
        assert log[start:] == expected[start:]
        assert log[::2] == expected[::2]


def test_indexing_out_of_range() -> None:
    log = Log([1, 2]).extended([3])
    with pytest.raises(IndexError):
        log[3]
    with pytest.raises(IndexError):
        log[-4]


def test_equality_and_hash_follow_the_items() -> None:
    a = Log([1]).extended([2])
    b = Log([1, 2])
    assert a == b
    assert hash(a) == hash(b) == hash((1, 2))
    assert a != Log([2, 1])
    assert a != [1, 2]  # a list is not a tuple: no silent cross-type equality
    assert repr(a) == "(1, 2)"
    assert a.extended([]) is a


def test_forks_from_many_threads_keep_their_own_items() -> None:
    base = Log(range(100))
    results: dict[int, tuple[int, ...]] = {}

    def grow(k: int) -> None:
        log = base
        for j in range(50):
            log = log.extended([k * 1000 + j]) if k % 2 else log.appended(k * 1000 + j)
        results[k] = tuple(log)

    threads = [threading.Thread(target=grow, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k, items in results.items():
        assert items == tuple(range(100)) + tuple(k * 1000 + j for j in range(50))
    assert tuple(base) == tuple(range(100))
