"""The tables that tie psp's parts together cover what they must (issue 16).

An event class declares its tag and its effect itself; the ``psp.Event`` union is the one
list of them. A piece forgotten when an event or a lifecycle step is added fails here,
by name, rather than at run time with a message about something else
(``docs/architecture.md`` has the checklists that point here)."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import typing
from pathlib import Path

import pytest

import psp
import psp._aggregate
from psp._aggregate.events import EVENT_TAGS
from psp._aggregate.state import Recorded
from psp._lifecycle import guards as _guards
from psp._lifecycle.stages import TRANSITIONS, Step

EVENTS = typing.get_args(psp.Event)
# Every module of _aggregate/, found rather than listed: an area module added later
# (posts.py, risks.py, ...) is checked without editing this file.
AREAS = tuple(
    importlib.import_module(f"psp._aggregate.{m.name}")
    for m in pkgutil.iter_modules(psp._aggregate.__path__)
)


def test_every_event_class_of_an_area_is_in_the_union() -> None:
    """An event class defined in an area's module and left out of ``psp.Event`` would
    be refused by ``record`` and by the readers."""
    defined = {
        cls
        for area in AREAS
        for _, cls in inspect.getmembers(area, inspect.isclass)
        if issubclass(cls, Recorded) and cls is not Recorded and cls.__module__ == area.__name__
    }
    assert defined == set(EVENTS)


def test_every_area_lists_its_events_in_its_all() -> None:
    for area in AREAS:
        own = {c.__name__ for c in EVENTS if c.__module__ == area.__name__}
        assert set(area.__all__) >= own, area.__name__


@pytest.mark.parametrize("cls", EVENTS, ids=lambda c: c.__name__)
def test_every_event_declares_its_own_tag_and_effect(cls: type[Recorded]) -> None:
    """Inherited from another event, a tag or an effect would be that event's."""
    assert issubclass(cls, Recorded)
    assert "TAG" in vars(cls), f"{cls.__name__} declares no TAG"
    # Its effect: _apply, or _warnings when it returns warnings (a lifecycle step).
    assert {"_apply", "_warnings"} & set(vars(cls)), f"{cls.__name__} defines no effect"
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", cls.TAG), cls.TAG


def test_the_tags_are_distinct_and_read_from_the_union() -> None:
    assert list(EVENT_TAGS) == list(EVENTS)
    assert len(set(EVENT_TAGS.values())) == len(EVENTS)


def test_every_tag_documents_were_written_with_is_still_read() -> None:
    """A tag is written into stored data: renaming or dropping one breaks every store.
    The fixture, written before the tags moved onto the classes, records every kind of
    event there was then."""
    fixture = Path(__file__).parent / "fixtures" / "legacy-0.1.0.dev0.json"
    documents = json.loads(fixture.read_text(encoding="utf-8"))
    written = {
        event["type"]
        for doc in [documents["low_moss"], *documents["drawn"]]
        for event in doc["data"]["history"]
    }
    assert len(written) == 38
    assert written <= set(EVENT_TAGS.values())


def test_every_step_has_a_guard() -> None:
    """``blockers`` and ``step`` look a step's guard up in ``_guards._GUARDS``."""
    assert set(_guards._GUARDS) == set(Step)


def test_every_step_is_allowed_from_some_stage() -> None:
    """A step that no transition row names could never be taken."""
    assert {row.step for row in TRANSITIONS} == set(Step)
