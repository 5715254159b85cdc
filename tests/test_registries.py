"""The tables that tie psp's parts together cover what they must (issue 16).

A piece forgotten when an event or a lifecycle step is added fails here, by name, rather
than at run time with a message about something else (``docs/architecture.md`` has the
checklists that point here)."""

from __future__ import annotations

import typing

import psp
from psp._aggregate import state as _state
from psp._interchange.conversion import EVENT_TAGS
from psp._lifecycle import guards as _guards
from psp._lifecycle.stages import TRANSITIONS, Step


def test_every_event_has_exactly_one_handler() -> None:
    """Each class of the ``psp.Event`` union is folded into the state by one handler,
    and nothing else has one."""
    events = set(typing.get_args(psp.Event))
    assert set(_state._HANDLERS) == events


def test_every_event_has_a_tag_and_the_tags_are_distinct() -> None:
    events = set(typing.get_args(psp.Event))
    assert set(EVENT_TAGS) == events
    assert len(set(EVENT_TAGS.values())) == len(events)


def test_every_step_has_a_guard() -> None:
    """``blockers`` and ``step`` look a step's guard up in ``_guards._GUARDS``."""
    assert set(_guards._GUARDS) == set(Step)


def test_every_step_is_allowed_from_some_stage() -> None:
    """A step that no transition row names could never be taken."""
    assert {row.step for row in TRANSITIONS} == set(Step)
