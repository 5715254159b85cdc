"""A partnership as a stream of events a back end stores one at a time: its version, the
events since a version, and a batch recorded all at once or not at all."""

from __future__ import annotations

import json
import typing
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import Partner, Partnership
from psp.testing import partnerships

D0, D1, D2 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1)
A = Partner("a", "A", "third")
B = Partner("b", "B", "public", public_body_kind="cja")


def small() -> Partnership:
    return Partnership("p", "P").join(A, on=D0, roles={"lead"}).join(B, on=D1)


def with_history(p: Partnership, history: typing.Sequence[psp.Event]) -> Partnership:
    """``p``'s identity and policy with another history."""
    return attrs.evolve(p, history=history)


# -- the version ---------------------------------------------------------------------


def test_the_version_counts_the_events_recorded() -> None:
    p = Partnership("p", "P")
    assert p.version == 0
    q = p.join(A, on=D0)  # the organisation is added, then joins: two events
    assert q.version == 2
    assert q.leave("a", on=D1).version == 3
    assert p.version == 0  # the partnership it grew from keeps its own


def test_events_since_a_version_are_the_ones_a_store_has_yet_to_store() -> None:
    p = small()
    q = p.leave("b", on=D2)
    assert q.events_since(p.version) == (psp.MemberLeft(on=D2, partner_id="b"),)
    assert q.events_since(q.version) == ()
    assert q.events_since(0) == tuple(q.history)


@pytest.mark.parametrize("version", [-1, 5, 1.0, True, "2", None])
def test_events_since_refuses_a_version_the_partnership_never_had(version: object) -> None:
    with pytest.raises(psp.InvalidValueError) as caught:
        small().events_since(version)  # type: ignore[arg-type]
    assert caught.value.field == "version"
    assert "from 0 to 4" in caught.value.reason


# -- extend --------------------------------------------------------------------------


def test_extend_records_a_batch() -> None:
    p = small()
    later = p.leave("b", on=D2).join("b", on=D2, roles={"support"})
    assert p.extend(later.events_since(p.version)) == later
    assert p.extend(iter(later.events_since(p.version)), expected_version=4) == later


def test_extend_with_no_events_is_the_same_partnership() -> None:
    p = small()
    assert p.extend([], expected_version=p.version) == p


def test_a_stale_expected_version_is_a_conflict_and_records_nothing() -> None:
    p = small()
    left = psp.MemberLeft(on=D2, partner_id="b")
    with pytest.raises(psp.VersionConflictError) as caught:
        p.extend([left], expected_version=3)
    error = caught.value
    assert (error.expected, error.actual, error.code) == (3, 4, "version-conflict")
    assert error.field == "expected_version"
    assert str(error) == (
        "expected_version: the partnership is at version 4: events were recorded since (got 3)"
    )
    assert isinstance(error, psp.PSPError)
    assert p.version == 4
    assert p == small()


@pytest.mark.parametrize("expected", [-1, 1.5, "4", True])
def test_an_expected_version_that_is_not_a_version_is_refused(expected: object) -> None:
    with pytest.raises(psp.InvalidValueError) as caught:
        small().extend([], expected_version=expected)  # type: ignore[arg-type]
    assert caught.value.field == "expected_version"


def test_a_refused_event_is_named_by_its_place_in_the_batch_and_nothing_is_recorded() -> None:
    p = small()
    left = psp.MemberLeft(on=D2, partner_id="b")
    with pytest.raises(psp.RuleViolationError) as caught:
        p.extend([left, left])  # b has left already when the second comes
    assert caught.value.field == "events[1].partner_id"
    assert p == small()
    with pytest.raises(psp.InvalidValueError) as not_an_event:
        p.extend([left, "member-left"])  # type: ignore[list-item]
    assert not_an_event.value.field == "events[1]"


@pytest.mark.parametrize("events", ["abc", b"abc", 3, {"type": "member-left"}])
def test_extend_takes_a_sequence_of_events(events: object) -> None:
    with pytest.raises(psp.InvalidValueError) as caught:
        small().extend(events)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.reason) == ("events", "must be a sequence of events")


# -- properties over generated partnerships -------------------------------------------
# Each example builds a partnership through up to 25 commands: half the profile's count
# keeps the four properties to seconds (the thorough profile still scales them).
HALF = settings(max_examples=max(settings().max_examples // 2, 10))


@HALF
@given(partnerships())
def test_a_partnership_is_the_replay_of_its_events(p: Partnership) -> None:
    empty = with_history(p, ())
    assert empty.extend(p.events_since(0), expected_version=0) == p
    assert with_history(p, p.events_since(0)) == p


@HALF
@given(partnerships(), st.data())
def test_extending_a_stored_prefix_with_the_events_since_gives_the_partnership(
    b: Partnership, data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, b.version), label="stored version")
    a = with_history(b, b.events_since(0)[:cut])
    assert a.version == cut
    assert a.extend(b.events_since(a.version), expected_version=a.version) == b


@HALF
@given(partnerships(), st.data())
def test_a_conflicting_expected_version_changes_nothing(
    p: Partnership, data: st.DataObject
) -> None:
    stale = data.draw(st.integers(0, p.version + 3).filter(lambda v: v != p.version))
    before = p.events_since(0)
    with pytest.raises(psp.VersionConflictError):
        p.extend(p.events_since(0)[:1], expected_version=stale)
    assert p.events_since(0) == before
    assert p.version == len(before)


@HALF
@given(partnerships())
def test_every_event_round_trips_alone_through_json_with_its_tag(p: Partnership) -> None:
    for event in p.events_since(0):
        data = json.loads(json.dumps(psp.to_data(event), allow_nan=False))
        assert psp.EVENT_TYPES[data["type"]] is type(event)
        assert psp.from_data(data, psp.Event) == event


# -- the table of event types --------------------------------------------------------


def test_event_types_name_every_event_class_once_by_its_tag() -> None:
    classes = typing.get_args(psp.Event)
    assert set(psp.EVENT_TYPES.values()) == set(classes)
    assert len(psp.EVENT_TYPES) == len(classes)
    for tag, cls in psp.EVENT_TYPES.items():
        assert tag == cls.TAG
    assert psp.EVENT_TYPES["member-joined"] is psp.MemberJoined


def test_event_types_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        psp.EVENT_TYPES["member-joined"] = psp.MemberLeft  # type: ignore[index]
