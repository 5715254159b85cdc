"""Objects pickled and documents written by an earlier psp still load, equal.

``tests/fixtures/legacy-0.1.0.dev0.pickle`` and ``legacy-0.1.0.dev0.json`` were written
by psp 0.1.0.dev0 at commit 0dbb9b3, before the architecture change that moved the
modules into packages (issue 16): the Low Moss partnership, a portfolio holding it,
and twelve partnerships drawn by ``psp.testing.partnerships()`` (derandomised) that
between them record every kind of event. They are never rewritten: a change that
stops them loading breaks what users stored.
"""

from __future__ import annotations

import json
import pickle
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

import psp

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def pickled() -> dict[str, Any]:
    loaded: dict[str, Any] = pickle.loads((FIXTURES / "legacy-0.1.0.dev0.pickle").read_bytes())
    return loaded


@pytest.fixture(scope="module")
def documents() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / "legacy-0.1.0.dev0.json").read_text())
    return loaded


def test_the_fixtures_hold_every_kind_of_event(pickled: dict[str, Any]) -> None:
    # Every kind of event there was when they were written (38); events added since
    # are not in them.
    recorded = {type(e) for p in pickled["drawn"] for e in p.history}
    assert len(recorded) == 38
    assert recorded <= set(typing.get_args(psp.Event))


def test_pickles_load_equal_to_the_documents(
    pickled: dict[str, Any], documents: dict[str, Any]
) -> None:
    assert pickled["low_moss"] == psp.from_document(documents["low_moss"])
    assert pickled["portfolio"] == psp.from_document(documents["portfolio"])
    assert pickled["drawn"] == [psp.from_document(d) for d in documents["drawn"]]


def test_the_low_moss_pickle_is_the_example_today_but_what_was_added_since(
    pickled: dict[str, Any], low_moss: psp.Partnership
) -> None:
    # The example records more since, in events of kinds added later (issue 18: its
    # challenges and posts) and in its governance group's meetings (issue 19): its events
    # of the kinds there were then, but those meetings, are the pickle's.
    old = pickled["low_moss"]
    kinds_then = {type(e) for p in pickled["drawn"] for e in p.history}
    then = [
        e
        for e in low_moss.history
        if type(e) in kinds_then
        and not (isinstance(e, psp.MeetingHeld) and e.meeting.group == "governance-group")
    ]
    assert then == list(old.history)
    assert old == attrs.evolve(low_moss, history=then)
    assert old.stage is low_moss.stage


def test_documents_read_back_as_written(documents: dict[str, Any]) -> None:
    """Reading and writing again gives the same document at the current schema version:
    nothing is lost or renamed (their ids are all within the id grammar of version 3)."""
    for doc in [documents["low_moss"], documents["portfolio"], *documents["drawn"]]:
        assert doc["schema_version"] == 2
        again = psp.to_document(psp.from_document(doc))
        assert again == {**doc, "schema_version": psp.SCHEMA_VERSION}
