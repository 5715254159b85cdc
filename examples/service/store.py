"""Partnerships in SQLite: each one's identity, and an append-only table of its events.

Every row holds a versioned document (``psp.to_document``), so rows written by an older
psp are upgraded when they are read. The primary key (partnership, version) makes a lost
update impossible, between threads and between processes alike.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager

import attrs

import psp

SCHEMA = """
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS partnerships (
    id TEXT PRIMARY KEY,
    document TEXT NOT NULL  -- the partnership without its history
);
CREATE TABLE IF NOT EXISTS events (
    partnership_id TEXT NOT NULL,
    version INTEGER NOT NULL,  -- the partnership's version once this event is recorded
    document TEXT NOT NULL,
    PRIMARY KEY (partnership_id, version)
);
"""


class UnknownPartnershipError(LookupError):
    """No partnership has this id (the store's own error: psp keeps no partnerships)."""


class PartnershipExistsError(ValueError):
    """A partnership with this id is stored already."""


class Store:
    """The partnerships kept in one SQLite file."""

    def __init__(self, path: str) -> None:
        self.path = path
        with self._connect() as db:
            db.executescript(SCHEMA)

    def load(self, partnership_id: str) -> psp.Partnership:
        """The partnership as its events built it."""
        with self._connect() as db:
            found = db.execute(
                "SELECT document FROM partnerships WHERE id = ?", (partnership_id,)
            ).fetchone()
            if found is None:
                raise UnknownPartnershipError(partnership_id)
            rows = db.execute(
                "SELECT document FROM events WHERE partnership_id = ? ORDER BY version",
                (partnership_id,),
            )
            identity = psp.from_document(json.loads(found[0]), psp.Partnership)
            events = (psp.from_document(json.loads(e), psp.Event) for (e,) in rows)
            return identity.extend(events)

    def create(self, partnership: psp.Partnership) -> None:
        """Store a new partnership, with the events it holds already."""
        identity = attrs.evolve(partnership, history=())
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT INTO partnerships VALUES (?, ?)",
                    (partnership.id, _json(psp.to_document(identity))),
                )
                _insert(db, partnership.id, 0, partnership.history)
        except sqlite3.IntegrityError:
            raise PartnershipExistsError(partnership.id) from None

    def append(self, base: psp.Partnership, new: psp.Partnership) -> None:
        """Record the events ``new`` holds beyond ``base``, the partnership as it was read.

        All are recorded or none. If another writer recorded events since ``base`` was
        read, the primary key refuses the rows: psp.VersionConflictError.
        """
        try:
            with self._transaction() as db:
                _insert(db, base.id, base.version, new.events_since(base.version))
        except sqlite3.IntegrityError:
            raise psp.VersionConflictError(base.version, self.load(base.id).version) from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: no implicit transactions; _transaction opens them.
        with closing(sqlite3.connect(self.path, isolation_level=None, timeout=30)) as db:
            yield db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction holding SQLite's write lock from its start (BEGIN IMMEDIATE)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")


def _insert(
    db: sqlite3.Connection, partnership_id: str, version: int, events: Iterable[psp.Event]
) -> None:
    db.executemany(
        "INSERT INTO events VALUES (?, ?, ?)",
        (
            (partnership_id, number, _json(psp.to_document(event)))
            for number, event in enumerate(events, start=version + 1)
        ),
    )


def _json(document: object) -> str:
    return json.dumps(document, allow_nan=False, separators=(",", ":"))
