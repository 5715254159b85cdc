"""Persistent maps: what lets a command on a partnership of 10,000 organisations or
members cost what it costs on one of 10 (private).

A partnership's state is built by applying events to a copy of the state before them,
so whatever the state holds is copied once per command. A ``dict`` copy costs in
proportion to its size; a persistent map is never copied. It reads like a ``dict``
(``get``, ``in``, ``[]``, ``len``, iteration), and a change returns the changed map,
leaving the one it was made from as it was::

    bids = bids.set(bid.id, bid, edit)

How: the entries sit in a tree of small dicts, chosen by the bits of the key's hash
(32 children a level; a leaf dict splits once it holds more than ``_LEAF_MAX``). A
change copies the nodes on the path to its key's leaf and shares the rest: at most
one leaf of ``_LEAF_MAX`` entries and one 32-slot list a level (a map of up to
``_LEAF_MAX`` entries is one dict, one of 10,000 three levels). So a change costs
the same whatever the map's size.

``edit`` is a token (any object) standing for one builder, such as a state being
built: nodes and maps made under a token are changed in place by later changes under
the same token, as Clojure's transients are, so building a map of n entries by n
changes costs n small writes, not n copies. A builder takes a new token whenever what
it built becomes shared (its state is copied); a token is never ``None``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import Any, Generic, TypeVar, overload

from psp._aggregate.log import Log

__all__ = ["OrderedPMap", "PMap"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
D = TypeVar("D")
M = TypeVar("M", bound="_Trie[Any, Any]")  # the map's own class

_BITS = 5
_WIDTH = 1 << _BITS  # children of a branch
_MASK = _WIDTH - 1
# A leaf splits when it holds more: big enough that most partnerships' maps are one
# dict (memory), small enough that copying one stays cheap.
_LEAF_MAX = 128
_MAX_DEPTH = 64 // _BITS + 1  # below this, hashes have no bits left to tell keys apart


class _Node:
    """A leaf (``children is None``: its entries in ``items``) or a branch (``_WIDTH``
    children, by the next ``_BITS`` bits of the key's hash). ``owner`` is the edit
    token it was made under: only a change under that token changes it in place."""

    __slots__ = ("children", "items", "owner")

    def __init__(
        self, owner: object, items: dict[Any, Any], children: list[_Node] | None = None
    ) -> None:
        self.owner = owner
        self.items = items
        self.children = children

    def copied(self, edit: object) -> _Node:
        """A copy of this node, made under ``edit`` (its children shared)."""
        new = _new_node(_Node)  # without __init__: this is the hot path of every change
        new.owner = edit
        if self.children is None:
            new.items, new.children = dict(self.items), None
        else:
            new.items, new.children = _NO_ITEMS, list(self.children)
        return new

    def split(self, depth: int, edit: object) -> None:
        """Turn this full leaf at ``depth`` (owned by ``edit``) into a branch, in place."""
        children = [_EMPTY] * _WIDTH
        shift = depth * _BITS
        for key, value in self.items.items():
            i = (hash(key) >> shift) & _MASK
            child = children[i]
            if child is _EMPTY:
                child = children[i] = _Node(edit, {})
            child.items[key] = value
        self.items, self.children = _NO_ITEMS, children
        for child in children:
            if len(child.items) > _LEAF_MAX and depth + 1 < _MAX_DEPTH:
                child.split(depth + 1, edit)


_new_node = object.__new__
_NO_ITEMS: dict[Any, Any] = {}  # every branch's items: never changed
_EMPTY = _Node(None, {})  # every empty map's root and empty child: no edit owns it


class _Trie(Mapping[K, V], Generic[K, V]):
    """What both maps share: reading, and the tree's changes."""

    __slots__ = ("_len", "_owner", "_root")

    def __init__(self) -> None:
        self._root = _EMPTY
        self._len = 0
        self._owner: object = None  # the edit token that made this map object

    def _items(self, key: object) -> dict[Any, Any]:
        """The entries of the leaf that holds ``key`` if any does."""
        node, h = self._root, hash(key)
        while node.children is not None:
            node, h = node.children[h & _MASK], h >> _BITS
        return node.items

    # Reads go straight to the root's dict when it is the only leaf (most maps).

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V | D, /) -> V | D: ...
    def get(self, key: K, default: Any = None, /) -> Any:
        root = self._root
        items = root.items if root.children is None else self._items(key)
        return items.get(key, default)

    def __getitem__(self, key: K) -> V:
        root = self._root
        value: V = (root.items if root.children is None else self._items(key))[key]
        return value

    def __contains__(self, key: object) -> bool:
        root = self._root
        return key in (root.items if root.children is None else self._items(key))

    def __len__(self) -> int:
        return self._len

    def _keys_in_tree(self) -> Iterator[K]:
        nodes = [self._root]
        while nodes:
            node = nodes.pop()
            if node.children is None:
                yield from node.items
            else:
                nodes.extend(node.children)

    def _made(self: M, edit: object) -> M:
        """A new map object sharing this one's tree, made under ``edit``."""
        new = object.__new__(type(self))
        new._root, new._len, new._owner = self._root, self._len, edit
        return new

    def _leaf(self, key: K, edit: object) -> tuple[_Node, int]:
        """The leaf for ``key`` in this map (made under ``edit``), and its depth: every
        node on the way is copied first unless ``edit`` made it."""
        node = self._root
        if node.owner is not edit:
            node = self._root = node.copied(edit)
        h, depth = hash(key), 0
        while node.children is not None:
            children, i = node.children, h & _MASK
            child = children[i]
            if child.owner is not edit:
                child = children[i] = child.copied(edit)
            node, h, depth = child, h >> _BITS, depth + 1
        return node, depth

    def _set(self, key: K, value: V, edit: object) -> bool:
        """Set ``key`` in this map (made under ``edit``); whether the key is new."""
        leaf, depth = self._leaf(key, edit)
        items = leaf.items
        added = key not in items
        items[key] = value
        if added:
            self._len += 1
            if len(items) > _LEAF_MAX and depth < _MAX_DEPTH:
                leaf.split(depth, edit)
        return added

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"


class PMap(_Trie[K, V]):
    """A persistent map, in no particular order."""

    __slots__ = ()

    def __iter__(self) -> Iterator[K]:
        return self._keys_in_tree()

    def set(self, key: K, value: V, edit: object) -> PMap[K, V]:
        """This map with ``key`` mapped to ``value``."""
        new = self if self._owner is edit else self._made(edit)
        new._set(key, value, edit)
        return new

    def pop(self, key: K, edit: object) -> tuple[PMap[K, V], V]:
        """This map without ``key``, and the value it had (``KeyError`` if none)."""
        new = self if self._owner is edit else self._made(edit)
        value: V = new._leaf(key, edit)[0].items.pop(key)
        new._len -= 1
        return new, value


class OrderedPMap(_Trie[K, V]):
    """A persistent map that keeps its keys in the order they were first set, as a
    ``dict`` does. Keys are never removed (a partnership forgets no organisation, bid
    or tender), so the order is an append-only :class:`~psp._aggregate.log.Log`, shared too."""

    __slots__ = ("_order",)

    def __init__(self) -> None:
        super().__init__()
        self._order: Log[K] = Log()

    def __iter__(self) -> Iterator[K]:
        return iter(self._order)

    def set(self, key: K, value: V, edit: object) -> OrderedPMap[K, V]:
        """This map with ``key`` mapped to ``value`` (a new key goes last)."""
        if self._owner is edit:
            new = self
        else:
            new = self._made(edit)
            new._order = self._order  # append-only: shared, never copied
        if new._set(key, value, edit):
            new._order = new._order.appended(key)
        return new
