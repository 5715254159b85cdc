"""A state's records are declared once, and no command changes the partnership it was
applied to (issue 16).

``State`` declares every record it keeps, with how a copy treats it; ``copy`` and
``seal`` loop over that declaration. Forgetting a record there used to pass every test
while the original partnership changed under a command: these tests are the ones that
catch it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp._aggregate.log import Log
from psp._aggregate.pmap import OrderedPMap
from psp._aggregate.spans import Spans
from psp._aggregate.state import State
from psp._base.statuses import StatusMachine
from psp._commissioning.commitments import CommitmentStatus
from psp._commissioning.funding import BidStatus
from psp._commissioning.tender import TenderStatus
from psp.testing import partnerships

# What a copy may share with its original: values no one changes, and the persistent
# collections a state changes only under its own edit token (a copy has none).
_SHARABLE = (Log, OrderedPMap, frozenset, tuple, date, type(None), psp.Policy, psp.Stage, str, int)


def _content(state: State) -> dict[str, Any]:
    """Everything a state holds, as plain values, record by record."""
    found: dict[str, Any] = {}
    for a in attrs.fields(State):
        value = getattr(state, a.name)
        if isinstance(value, Spans):
            found[a.name] = (value.all(), value.on(None))
        elif isinstance(value, OrderedPMap):
            found[a.name] = list(value.items())
        elif isinstance(value, Log):
            found[a.name] = tuple(value)
        elif a.init:
            found[a.name] = value
    return found


def test_a_copy_shares_only_what_cannot_change_under_it() -> None:
    state = psp.Partnership("p", "P")._state
    copy = state.copy()
    for a in attrs.fields(State):
        if not a.init:
            continue
        mine, theirs = getattr(copy, a.name), getattr(state, a.name)
        assert mine is not theirs or isinstance(mine, _SHARABLE), a.name


def test_every_spans_record_is_copied_and_sealed() -> None:
    """A :class:`Spans` changes in place: each copy of a state needs its own."""
    empty = State(psp.Policy())
    spans = {a.name for a in attrs.fields(State) if isinstance(getattr(empty, a.name), Spans)}
    assert spans == {a.name for a in attrs.fields(State) if a.metadata.get("copied")}
    assert spans >= {"memberships", "seats", "representatives", "links"}


@settings(max_examples=60, deadline=None)
@given(p=partnerships(max_steps=20), data=st.data())
def test_recording_more_events_leaves_the_partnership_as_it_was(
    p: psp.Partnership, data: st.DataObject
) -> None:
    """Split a generated history: recording the rest onto the first part, one event at
    a time and all at once, leaves the first part's state exactly as it was."""
    cut = data.draw(st.integers(0, len(p.history)), label="cut")
    fields = {a.name: getattr(p, a.name) for a in attrs.fields(psp.Partnership) if a.init}
    first = psp.Partnership(**{**fields, "history": p.history[:cut]})
    before = _content(first._state)
    grown = first
    for event in p.history[cut:]:
        grown = grown.record(event)
        assert _content(first._state) == before
    assert first.record(*p.history[cut:]) == p
    assert grown == p
    assert _content(first._state) == before
    assert len(first.history) == cut


class TestStatusMachines:
    """The declared tables of bids, commitments and tenders, and the checks made when a
    table is made."""

    @pytest.mark.parametrize(
        ("machine", "final"),
        [
            ("BIDS", {BidStatus.AWARDED, BidStatus.DECLINED, BidStatus.WITHDRAWN}),
            ("COMMITMENTS", {CommitmentStatus.DECLINED, CommitmentStatus.LAPSED}),
            ("TENDERS", {TenderStatus.AWARDED, TenderStatus.CANCELLED, TenderStatus.UNSUCCESSFUL}),
        ],
    )
    def test_the_final_statuses(self, machine: str, final: set[Any]) -> None:
        from psp._aggregate import commissioning, funding

        table = getattr(funding, machine, None) or getattr(commissioning, machine)
        assert table.final == final

    def test_a_status_no_move_reaches_is_refused_when_the_table_is_made(self) -> None:
        with pytest.raises(ValueError, match="tender: no move reaches awarded, cancelled"):
            StatusMachine(
                "tender",
                TenderStatus.PLANNED,
                {
                    "opened": (
                        frozenset({TenderStatus.PLANNED}),
                        frozenset({TenderStatus.ACTIVE}),
                    ),
                    "failed": (
                        frozenset({TenderStatus.ACTIVE}),
                        frozenset({TenderStatus.UNSUCCESSFUL}),
                    ),
                },
            )

    def test_a_status_reached_only_through_others_is_reached(self) -> None:
        # Two ways on from the first status, each leading further: every branch is
        # followed, not only the last one found.
        machine = StatusMachine(
            "tender",
            TenderStatus.PLANNED,
            {
                "opened": (frozenset({TenderStatus.PLANNED}), frozenset({TenderStatus.ACTIVE})),
                "dropped": (
                    frozenset({TenderStatus.PLANNED}),
                    frozenset({TenderStatus.CANCELLED}),
                ),
                "awarded": (frozenset({TenderStatus.ACTIVE}), frozenset({TenderStatus.AWARDED})),
                "failed": (
                    frozenset({TenderStatus.CANCELLED}),
                    frozenset({TenderStatus.UNSUCCESSFUL}),
                ),
            },
        )
        assert machine.final == {TenderStatus.AWARDED, TenderStatus.UNSUCCESSFUL}

    def test_a_move_may_name_every_status(self) -> None:
        every = frozenset(CommitmentStatus) - {CommitmentStatus.CONDITIONS_MET}
        machine = StatusMachine(
            "commitment",
            CommitmentStatus.SOUGHT,
            {"changed": (every, every)},
            derived=frozenset({CommitmentStatus.CONDITIONS_MET}),
        )
        assert machine.final == frozenset()

    @pytest.mark.parametrize(
        ("sources", "targets"),
        [
            (frozenset(), frozenset({CommitmentStatus.GIVEN})),
            (frozenset({CommitmentStatus.SOUGHT}), frozenset()),
            (frozenset({CommitmentStatus.SOUGHT}), frozenset({CommitmentStatus.CONDITIONS_MET})),
            (frozenset({CommitmentStatus.CONDITIONS_MET}), frozenset({CommitmentStatus.GIVEN})),
        ],
    )
    def test_a_move_from_or_to_no_recorded_status_is_refused(
        self, sources: frozenset[CommitmentStatus], targets: frozenset[CommitmentStatus]
    ) -> None:
        with pytest.raises(ValueError, match="commitment: move 'given' needs statuses"):
            StatusMachine(
                "commitment",
                CommitmentStatus.SOUGHT,
                {"given": (sources, targets)},
                derived=frozenset({CommitmentStatus.CONDITIONS_MET}),
            )

    def test_a_move_from_several_statuses_names_each(self) -> None:
        machine = StatusMachine(
            "tender",
            TenderStatus.PLANNED,
            {
                "opened": (frozenset({TenderStatus.PLANNED}), frozenset({TenderStatus.ACTIVE})),
                "ended": (
                    frozenset({TenderStatus.PLANNED, TenderStatus.ACTIVE}),
                    frozenset({TenderStatus.CANCELLED}),
                ),
                "awarded": (
                    frozenset({TenderStatus.ACTIVE, TenderStatus.CANCELLED}),
                    frozenset({TenderStatus.AWARDED, TenderStatus.UNSUCCESSFUL}),
                ),
            },
        )
        assert machine.refusal("awarded", TenderStatus.PLANNED) == (
            "the tender is planned; only an active or cancelled tender can be awarded"
        )
        assert machine.refusal("opened", TenderStatus.ACTIVE) == (
            "the tender is active; only a planned tender can be opened"
        )

    def test_a_move_without_statuses_is_refused_when_the_table_is_made(self) -> None:
        with pytest.raises(ValueError, match="bid: move 'sent' needs statuses of its enum"):
            StatusMachine("bid", BidStatus.DRAFT, {"sent": (frozenset(), frozenset())})

    def test_a_move_to_a_status_it_does_not_lead_to_is_a_mistake_in_psp(self) -> None:
        from psp._aggregate.funding import BIDS

        with pytest.raises(ValueError, match="bid: submitted does not lead to"):
            BIDS.to("submitted", BidStatus.DRAFT, BidStatus.AWARDED, field="bid_id", value="b")

    @given(st.sampled_from(BidStatus), st.sampled_from(["submitted", "decided", "withdrawn"]))
    def test_a_refused_move_names_the_status_and_what_it_needs(
        self, status: BidStatus, move: str
    ) -> None:
        from psp._aggregate.funding import BIDS

        sources, targets = BIDS.moves[move]
        if status in sources:
            target = next(iter(targets))
            assert BIDS.to(move, status, target, field="bid_id", value="b") is target
            return
        with pytest.raises(psp.RuleViolationError) as info:
            BIDS.to(move, status, next(iter(targets)), field="bid_id", value="b")
        assert info.value.field == "bid_id"
        assert info.value.reason.startswith(f"the bid is {status.value}; ")
        if status in BIDS.final:
            assert info.value.reason.endswith("it can no longer change")
        else:
            assert info.value.reason.endswith(f"bid can be {move}")
