"""Persistent maps, the seam behind a partnership's state: a change leaves every map it
was made from as it was, copies only the nodes on its key's path, and changes in place
only what its own edit made."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psp._aggregate import pmap as _pmap
from psp._aggregate.pmap import OrderedPMap, PMap

# Integers hash to themselves modulo 2**61 - 1: 0, 32, 64 and 1024 share their low
# five bits (one child of the root), and 7 and 7 + 2**61 - 1 share every bit.
SAME_HASH = 2**61 - 1
KEYS = st.sampled_from([0, 1, 2, 3, 32, 64, 1024, 7, 7 + SAME_HASH, 7 + 2 * SAME_HASH])
# A build: which earlier version it starts from, then its changes, all under one edit.
BUILDS = st.lists(
    st.tuples(st.integers(0, 50), st.lists(st.tuples(st.booleans(), KEYS), max_size=8)),
    max_size=12,
)


@pytest.fixture
def tiny_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leaves of two entries, so that a few keys make a deep tree."""
    monkeypatch.setattr(_pmap, "_LEAF_MAX", 2)


@given(BUILDS)
def test_maps_match_dicts_copied_whole(builds: list[tuple[int, list[tuple[bool, int]]]]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_pmap, "_LEAF_MAX", 2)  # leaves of two: a few keys make a deep tree
        check_builds(builds)


def check_builds(builds: list[tuple[int, list[tuple[bool, int]]]]) -> None:
    # Each build starts from a published version, takes an edit of its own and
    # changes its map in place from its first change on: as a state being built does.
    versions: list[tuple[PMap[int, str], dict[int, str]]] = [(PMap(), {})]
    for n, (pick, changes) in enumerate(builds):
        m, model = versions[pick % len(versions)]
        model = dict(model)
        edit = object()
        for setting, key in changes:
            if setting:
                m = m.set(key, f"{n}-{key}", edit)
                model[key] = f"{n}-{key}"
            elif key in model:
                m, value = m.pop(key, edit)
                assert value == model.pop(key)
        versions.append((m, model))
    for m, model in versions:
        assert dict(m.items()) == model
        assert sorted(m) == sorted(model)
        assert len(m) == len(model)
        for key in [0, 1, 2, 3, 32, 64, 1024, 7, 7 + SAME_HASH, 99]:
            assert (key in m) is (key in model)
            assert m.get(key) == model.get(key)
            assert m.get(key, "none") == model.get(key, "none")


def test_keys_whose_hashes_are_equal_share_one_leaf_at_the_bottom(tiny_leaves: None) -> None:
    keys = [7 + i * SAME_HASH for i in range(5)]
    m: PMap[int, int] = PMap()
    edit = object()
    for key in keys:
        m = m.set(key, key, edit)
    assert {k: m[k] for k in keys} == {k: k for k in keys}
    node, depth = m._root, 0
    while node.children is not None:
        node, depth = node.children[7 & 31 if depth == 0 else 0], depth + 1
    assert (depth, sorted(node.items)) == (_pmap._MAX_DEPTH, keys)


def test_a_leaf_splits_as_deep_as_its_keys_share_bits(tiny_leaves: None) -> None:
    # 0, 1024 and 2048 agree on their low ten bits: the root's first child splits too.
    m: PMap[int, str] = PMap()
    edit = object()
    for key in (0, 1024, 2048, 1):
        m = m.set(key, str(key), edit)
    assert m._root.children is not None
    first = m._root.children[0]
    assert first.children is not None
    assert first.children[0].children is not None
    assert dict(m.items()) == {0: "0", 1024: "1024", 2048: "2048", 1: "1"}


class TestSharing:
    """A change copies the few nodes on its key's path and shares the rest."""

    @staticmethod
    def big() -> PMap[str, int]:
        m: PMap[str, int] = PMap()
        edit = object()
        for i in range(10_000):
            m = m.set(f"org-{i:05d}", i, edit)
        return m

    def test_a_change_copies_one_path_and_shares_every_other_node(self) -> None:
        m = self.big()
        changed = m.set("org-00042", -1, object())
        assert (m["org-00042"], changed["org-00042"]) == (42, -1)
        assert m._root.children is not None
        assert changed._root.children is not None
        assert changed._root is not m._root
        shared = [a is b for a, b in zip(m._root.children, changed._root.children, strict=True)]
        assert shared.count(False) == 1  # the one child on the key's path
        assert len(changed) == len(m) == 10_000

    def test_the_edit_that_made_a_node_changes_it_in_place(self) -> None:
        m = self.big()
        edit = object()
        changed = m.set("org-00042", -1, edit)
        root = changed._root
        again = changed.set("org-00043", -1, edit)
        assert again is changed
        assert again._root is root
        assert m["org-00043"] == 43  # the original is as it was

    def test_another_edit_copies_again(self) -> None:
        m = self.big()
        first = m.set("org-00042", -1, object())
        second = first.set("org-00043", -1, object())
        assert second is not first
        assert second._root is not first._root
        assert (first["org-00043"], second["org-00043"]) == (43, -1)

    def test_popping_leaves_the_original_as_it_was(self) -> None:
        m = self.big()
        smaller, value = m.pop("org-00042", object())
        assert (value, len(smaller), "org-00042" in smaller) == (42, 9_999, False)
        assert (len(m), m["org-00042"]) == (10_000, 42)

    def test_popping_a_missing_key_raises_and_changes_nothing(self) -> None:
        m: PMap[str, int] = PMap[str, int]().set("a", 1, object())
        with pytest.raises(KeyError):
            m.pop("b", object())
        assert dict(m.items()) == {"a": 1}


class TestReading:
    """A persistent map reads as a dict does."""

    def test_lookups(self) -> None:
        m: PMap[str, int] = PMap[str, int]().set("a", 1, object())
        assert (m["a"], m.get("a"), m.get("b"), m.get("b", 0)) == (1, 1, None, 0)
        assert "a" in m
        assert "b" not in m
        with pytest.raises(KeyError):
            m["b"]
        assert m == {"a": 1}
        assert repr(m) == "PMap({'a': 1})"

    def test_an_unhashable_key_is_refused_as_a_dict_refuses_it(self) -> None:
        with pytest.raises(TypeError):
            [] in PMap()  # noqa: B015


class TestOrderedPMap:
    """Keys in the order they were first set, as a dict keeps them."""

    def test_iteration_is_in_the_order_keys_were_first_set(self) -> None:
        edit = object()
        m: OrderedPMap[str, int] = OrderedPMap()
        for key in ("c", "a", "b"):
            m = m.set(key, 0, edit)
        m = m.set("a", 1, edit)  # a new value keeps its place
        assert list(m) == ["c", "a", "b"]
        assert list(m.items()) == [("c", 0), ("a", 1), ("b", 0)]
        assert repr(m) == "OrderedPMap({'c': 0, 'a': 1, 'b': 0})"

    def test_a_change_leaves_the_original_as_it_was(self) -> None:
        m: OrderedPMap[str, int] = OrderedPMap[str, int]().set("a", 0, object())
        grown = m.set("b", 1, object())
        assert (list(m.items()), list(grown.items())) == ([("a", 0)], [("a", 0), ("b", 1)])

    @given(st.lists(st.tuples(st.sampled_from("abcdef"), st.integers()), max_size=20))
    def test_matches_a_dict(self, changes: list[tuple[str, int]]) -> None:
        m: OrderedPMap[str, int] = OrderedPMap()
        model: dict[str, int] = {}
        for key, value in changes:
            m = m.set(key, value, object())  # a new edit each time: every change copies
            model[key] = value
        assert list(m.items()) == list(model.items())
