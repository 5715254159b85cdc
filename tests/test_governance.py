"""Governance structures (3.16-3.17), cadences and meetings (3.12-3.14, 3.46)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp import (
    Attendance,
    Cadence,
    GovernanceStructure,
    GovernanceType,
    Group,
    InvalidValueError,
    Meeting,
    Partner,
    Partnership,
    PSPError,
    Responsibility,
    RuleViolationError,
    UnknownReferenceError,
)
from psp.testing import cadences, dates, governance_structures

ON = date(2012, 4, 1)
ALL = set(Responsibility)


def gg(**kw: object) -> Group:
    return Group("gg", "Governance Group", "governance", **kw)  # type: ignore[arg-type]


class TestTheThreeTypes:
    """The three structures proposed in the RRCF MoUs (3.16), each built and checked."""

    def test_single_tier(self) -> None:
        s = GovernanceStructure(
            GovernanceType.SINGLE_TIER,
            [
                gg(
                    members={"a", "b"},
                    chairs={"a"},
                    responsibilities=ALL,
                    cadence=Cadence(6, up_to=8),
                )
            ],
        )
        assert s.uncovered_responsibilities() == frozenset()
        assert s.members() == {"a", "b"}
        assert s.reporting_lines() == ()

    def test_two_tier(self) -> None:
        s = GovernanceStructure(
            "two-tier",
            [
                Group(
                    "board", "Strategic board", "strategic", responsibilities={"oversee-and-guide"}
                ),
                Group("ops", "Operational group", "operational", reports_to="board"),
            ],
        )
        assert s.reporting_lines() == (("ops", "board"),)
        assert s.uncovered_responsibilities() == ALL - {Responsibility.OVERSEE_AND_GUIDE}

    def test_locality_based(self) -> None:
        s = GovernanceStructure(
            "locality-based",
            [
                gg(responsibilities={"share-best-practice"}),
                Group("north", "North steering group", "local", reports_to="gg", area="Northern"),
                Group("fife", "Fife steering group", "local", reports_to="gg", area="Fife"),
            ],
        )
        assert [g.area for g in s.groups[1:]] == ["Northern", "Fife"]

    def test_working_groups_may_sit_in_any_structure(self) -> None:
        s = GovernanceStructure("single-tier", [gg(), Group("core", "Core group", "working")])
        assert len(s.groups) == 2


BAD_STRUCTURES = [
    (
        "two-tier without an operational group",
        lambda: GovernanceStructure("two-tier", [Group("b", "Board", "strategic")]),
        RuleViolationError,
        "groups",
    ),
    (
        "two-tier without a strategic group",
        lambda: GovernanceStructure("two-tier", [Group("o", "Ops", "operational")]),
        RuleViolationError,
        "groups",
    ),
    (
        "operational reporting to nobody",
        lambda: GovernanceStructure(
            "two-tier", [Group("b", "Board", "strategic"), Group("o", "Ops", "operational")]
        ),
        RuleViolationError,
        "groups[1].reports_to",
    ),
    (
        "single tier with two governance groups",
        lambda: GovernanceStructure("single-tier", [gg(), Group("g2", "Another", "governance")]),
        RuleViolationError,
        "groups",
    ),
    (
        "locality-based without local groups",
        lambda: GovernanceStructure("locality-based", [gg()]),
        RuleViolationError,
        "groups",
    ),
    (
        "local group reporting elsewhere",
        lambda: GovernanceStructure(
            "locality-based",
            [gg(), Group("w", "Working", "working"), Group("l", "Local", "local", reports_to="w")],
        ),
        RuleViolationError,
        "groups[2].reports_to",
    ),
    (
        "reporting cycle",
        lambda: GovernanceStructure(
            "single-tier",
            [
                gg(),
                Group("a", "A", "working", reports_to="b"),
                Group("b", "B", "working", reports_to="a"),
            ],
        ),
        RuleViolationError,
        "groups[1].reports_to",
    ),
    (
        "reporting to an unknown group",
        lambda: GovernanceStructure("single-tier", [gg(reports_to="board")]),
        InvalidValueError,
        "groups[0].reports_to",
    ),
    (
        "duplicate group ids",
        lambda: GovernanceStructure("single-tier", [gg(), Group("gg", "Twin", "working")]),
        InvalidValueError,
        "groups[1].id",
    ),
    (
        "unknown responsibility",
        lambda: gg(responsibilities={"fundraising"}),
        InvalidValueError,
        "responsibilities[0]",
    ),
    ("unknown type", lambda: GovernanceStructure("three-tier", [gg()]), InvalidValueError, "type"),  # type: ignore[arg-type]
    (
        "a chair who is not a member",
        lambda: gg(members={"a"}, chairs={"b"}),
        InvalidValueError,
        "chairs",
    ),
    ("reporting to itself", lambda: gg(reports_to="gg"), InvalidValueError, "reports_to"),
    ("cadence range upside down", lambda: Cadence(8, up_to=6), InvalidValueError, "up_to"),
    ("cadence of zero", lambda: Cadence(0), InvalidValueError, "every"),
]


@pytest.mark.parametrize(
    ("case", "build", "error", "field"), BAD_STRUCTURES, ids=[c[0] for c in BAD_STRUCTURES]
)
def test_bad_structures_are_refused(
    case: str, build: object, error: type[PSPError], field: str
) -> None:
    with pytest.raises(error) as info:
        build()  # type: ignore[operator]
    assert info.value.field == field


@given(governance_structures(), st.frozensets(st.sampled_from(Responsibility)))
def test_coverage_is_exact(
    structure: GovernanceStructure, extra: frozenset[Responsibility]
) -> None:
    held = {r for g in structure.groups for r in g.responsibilities}
    assert structure.uncovered_responsibilities() == set(Responsibility) - held
    # Giving one group every missing responsibility covers them all.
    first = structure.groups[0]
    fuller = psp.GovernanceStructure(
        structure.type,
        [
            psp.Group(
                first.id,
                first.name,
                first.tier,
                responsibilities=first.responsibilities | structure.uncovered_responsibilities(),
                members=first.members,
                chairs=first.chairs,
                reports_to=first.reports_to,
            ),
            *structure.groups[1:],
        ],
        firmness=structure.firmness,
    )
    assert fuller.uncovered_responsibilities() == frozenset()


@given(governance_structures())
def test_generated_structures_have_acyclic_reporting(structure: GovernanceStructure) -> None:
    parents = dict(structure.reporting_lines())
    for g in structure.groups:
        seen, node = set(), g.id
        while node in parents:
            assert node not in seen
            seen.add(node)
            node = parents[node]


class TestCadence:
    """Cadences expressed with dateutil: expected dates and how the meetings kept to them."""

    @given(cadences(), dates(date(2010, 1, 1), date(2015, 1, 1)), st.integers(0, 400))
    def test_expected_dates_are_in_the_window_ordered_and_spaced(
        self, cadence: Cadence, start: date, days: int
    ) -> None:
        end = start + timedelta(days=days)
        expected = cadence.expected_dates(start, end)
        assert expected[0] == start
        assert all(start <= d <= end for d in expected)
        assert list(expected) == sorted(set(expected))
        unit = {"weeks": "weeks", "months": "months"}[cadence.unit.value]
        for k, d in enumerate(expected):
            assert d == start + relativedelta(**{unit: cadence.every * k})  # type: ignore[arg-type]
        assert start + relativedelta(**{unit: cadence.every * len(expected)}) > end  # type: ignore[arg-type]

    def test_weekly_rule_agrees_with_dateutil(self) -> None:
        c = Cadence(2)
        rule = c.to_rrule(date(2012, 4, 2), date(2012, 6, 30))
        assert tuple(d.date() for d in rule) == c.expected_dates(
            date(2012, 4, 2), date(2012, 6, 30)
        )

    def test_months_clip_to_the_month_end(self) -> None:
        assert Cadence(1, "months").expected_dates(date(2012, 1, 31), date(2012, 3, 31)) == (
            date(2012, 1, 31),
            date(2012, 2, 29),
            date(2012, 3, 31),
        )

    def test_a_range_allows_the_longer_gap(self) -> None:
        held = [date(2012, 4, 2) + timedelta(weeks=w) for w in (0, 8, 15)]
        check = Cadence(6, up_to=8).check(held, date(2012, 4, 2), date(2012, 7, 31))
        assert check.is_kept
        strict = Cadence(6).check(held, date(2012, 4, 2), date(2012, 7, 31))
        # Weeks 0 -> 8 and 8 -> 15 are both longer than every six weeks.
        assert strict.overdue == (
            (date(2012, 4, 2), date(2012, 5, 28)),
            (date(2012, 5, 28), date(2012, 7, 16)),
        )

    def test_no_meeting_at_all_is_overdue_to_the_end(self) -> None:
        check = Cadence(2).check([], date(2012, 4, 2), date(2012, 5, 1))
        assert check.overdue == ((date(2012, 4, 2), date(2012, 5, 1)),)
        assert len(check.expected) == 3

    @given(cadences(), st.lists(dates(date(2012, 1, 1), date(2012, 12, 31)), max_size=12))
    def test_overdue_gaps_exceed_the_longest_allowed(
        self, cadence: Cadence, held: list[date]
    ) -> None:
        start, end = date(2012, 1, 1), date(2012, 12, 31)
        check = cadence.check(held, start, end)
        assert check.held == tuple(sorted(set(held)))
        points = [start, *check.held, end]
        long_gaps = [(a, b) for a, b in itertools.pairwise(points) if b > a + cadence.longest_gap()]
        assert list(check.overdue) == long_gaps


def partnership_with_governance() -> Partnership:
    a = Partner("a", "A", "third")
    b = Partner("b", "B", "public", public_body_kind="cja")
    rfb = Partner("rfb", "Ready for Business", "third")
    structure = GovernanceStructure(
        "single-tier",
        [gg(members={"a", "b", "rfb"}, chairs={"a"}, cadence=Cadence(4), minuted=True)],
    )
    return (
        Partnership("p", "P")
        .join(a, roles={"lead"}, on=ON)
        .join(b, roles={"strategic"}, on=ON)
        .take_seat(rfb, "critical-friend", on=ON)
        .adopt_governance(structure, on=ON)
    )


class TestInThePartnership:
    """Governance adopted by a partnership, and the meetings it holds."""

    def test_a_critical_friend_can_sit_on_the_governance_group(self) -> None:
        p = partnership_with_governance()
        structure = p.governance()
        assert structure is not None
        assert "rfb" in structure.group("gg").members
        assert p.governance(on=ON - timedelta(days=1)) is None

    def test_a_group_member_who_is_not_a_partner_is_refused(self) -> None:
        p = (
            Partnership("p", "P")
            .join(Partner("a", "A", "third"), on=ON)
            .add_organisation(Partner("x", "X", "third"), on=ON)
        )
        with pytest.raises(RuleViolationError) as info:
            p.adopt_governance(GovernanceStructure("single-tier", [gg(members={"a", "x"})]), on=ON)
        assert info.value.field == "structure.groups[0].members"
        assert info.value.value == "x"

    def test_only_a_governance_structure_is_adopted(self) -> None:
        p = Partnership("p", "P").join(Partner("a", "A", "third"), on=ON)
        with pytest.raises(InvalidValueError) as info:
            p.adopt_governance("single-tier", on=ON)  # type: ignore[arg-type]
        assert (info.value.field, info.value.value) == ("structure", "single-tier")
        assert p.governance() is None

    def test_meetings_attendance_and_continuity(self) -> None:
        p = partnership_with_governance()
        for week, person in [(0, "Ann"), (4, "Ann"), (8, "Bea")]:
            p = p.hold_meeting(
                Meeting(
                    on=ON + timedelta(weeks=week),
                    kind="governance-group",
                    group="gg",
                    minuted=True,
                    attendees=[Attendance(person, "b"), Attendance("Al", "a")],
                )
            )
        p = p.hold_meeting(
            Meeting(
                on=ON + timedelta(weeks=9), kind="one-to-one", attendees=[Attendance("Al", "a")]
            )
        )
        assert p.attendance() == {"a": 4, "b": 3}
        continuity = p.representative_continuity()
        assert continuity["a"].same_person_every_time
        assert continuity["b"].people == ("Ann", "Bea")
        assert not continuity["b"].same_person_every_time
        assert p.meeting_size_range() == (1, 2)
        assert len(p.meetings({"governance-group"})) == 3
        assert len(p.meetings(start=ON + timedelta(weeks=5))) == 2
        check = p.cadence_check("gg", ON, ON + timedelta(weeks=12))
        assert check.is_kept
        assert len(check.expected) == 4

    def test_a_meeting_of_an_unknown_group_is_refused(self) -> None:
        with pytest.raises(UnknownReferenceError) as info:
            partnership_with_governance().hold_meeting(
                Meeting(on=ON, kind="governance-group", group="board")
            )
        assert info.value.field == "meeting.group"

    def test_an_attendee_from_an_unknown_organisation_is_refused(self) -> None:
        with pytest.raises(UnknownReferenceError) as info:
            partnership_with_governance().hold_meeting(
                Meeting(on=ON, kind="workshop", attendees=[Attendance("Zed", "zz")])
            )
        assert info.value.field == "meeting.attendees[0].partner_id"

    def test_a_person_cannot_attend_twice(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            Meeting(
                on=ON, kind="workshop", attendees=[Attendance("Al", "a"), Attendance("Al", "b")]
            )
        assert info.value.field == "attendees"

    def test_cadence_check_needs_a_cadence(self) -> None:
        with pytest.raises(RuleViolationError):
            Partnership("p", "P").cadence_check("gg", ON, ON)

    def test_reimbursement(self) -> None:
        p = partnership_with_governance().record_reimbursement("a", "offered", on=ON)
        assert not p.reimburses_partners_time()
        p = p.record_reimbursement("a", "accepted", on=ON)
        assert p.reimburses_partners_time()
        assert p.reimbursements() == {"a": psp.ReimbursementStatus.ACCEPTED}
        with pytest.raises(RuleViolationError):
            p.record_reimbursement("rfb", "offered", on=ON)
