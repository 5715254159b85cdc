"""The Partnership aggregate: commands, queries and the rules kept at every date."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp import (
    Engagement,
    InvalidValueError,
    Partner,
    Partnership,
    PSPError,
    PublicBodyKind,
    Role,
    RuleViolationError,
    SeatKind,
    Sector,
    UnknownReferenceError,
)
from psp.testing import partnerships, role_sets

D0 = date(2012, 4, 1)
D1 = date(2012, 6, 1)
D2 = date(2012, 11, 1)

TPS = Partner("tps", "Turning Point Scotland", Sector.THIRD, reach="national")
SACRO = Partner("sacro", "Sacro", Sector.THIRD, reach="national")
CJA = Partner("cja", "Glasgow CJA", Sector.PUBLIC, public_body_kind="cja")
RFB = Partner("rfb", "Ready for Business", Sector.THIRD)


def small() -> Partnership:
    return (
        Partnership("p", "A partnership")
        .join(TPS, on=D0, roles={Role.LEAD, Role.PROVIDER})
        .join(CJA, on=D0, roles={Role.STRATEGIC, Role.REFERRAL})
        .join(SACRO, on=D1, roles={Role.PROVIDER}, engagement="signposted", signposted_by="cja")
    )


def assert_rules_hold(p: Partnership) -> None:
    """The rules the aggregate promises, checked from its outputs alone."""
    for a, b in combinations(p.memberships, 2):
        if a.partner_id == b.partner_id:
            assert not a.period.overlaps(b.period), (a, b)
        if Role.LEAD in a.roles and Role.LEAD in b.roles:
            assert not a.period.overlaps(b.period), (a, b)
    days = [e.on for e in p.history]
    assert days == sorted(days)
    known = set(p.organisations)
    assert {m.partner_id for m in p.memberships} <= known
    assert {s.partner_id for s in p.seats} <= known
    assert {r.partner_id for r in p.representatives} <= known
    assert {x for k in p.links for x in (k.source, k.target)} <= known
    for x, y in combinations(p.links, 2):
        if (x.source, x.target, x.kind) == (y.source, y.target, y.kind):
            assert not x.period.overlaps(y.period), (x, y)


class TestCommands:
    """Each command returns a new partnership with one more piece of history."""

    def test_join_adds_the_organisation_and_the_membership(self) -> None:
        p = small()
        assert [m.id for m in p.members()] == ["tps", "cja", "sacro"]
        assert p.roles_of("cja") == {Role.STRATEGIC, Role.REFERRAL}
        assert type(p.history[0]).__name__ == "OrganisationAdded"
        assert len(p.history) == 6

    def test_commands_leave_the_original_untouched(self) -> None:
        before = small()
        snapshot = psp.to_data(before)
        after = before.leave("sacro", on=D2)
        assert psp.to_data(before) == snapshot
        assert before.is_member("sacro")
        assert not after.is_member("sacro")

    def test_leave_closes_the_membership(self) -> None:
        p = small().leave(SACRO, on=D2, reason="looser fit")
        (m,) = [m for m in p.memberships if m.partner_id == "sacro"]
        assert m.period.end == D2
        assert p.is_member("sacro", on=D1)
        assert not p.is_member("sacro", on=D2)

    def test_a_member_can_leave_and_rejoin(self) -> None:
        p = small().leave("sacro", on=D2).join("sacro", on=D2 + timedelta(days=30))
        spans = [m.period for m in p.memberships if m.partner_id == "sacro"]
        assert len(spans) == 2
        assert not spans[0].overlaps(spans[1])
        assert not p.is_member("sacro", on=D2 + timedelta(days=1))

    def test_change_roles_splits_the_membership_at_the_date(self) -> None:
        p = small().change_roles("cja", {Role.STRATEGIC}, on=D2)
        assert p.roles_of("cja", on=D1) == {Role.STRATEGIC, Role.REFERRAL}
        assert p.roles_of("cja", on=D2) == {Role.STRATEGIC}
        assert p.roles_of("cja") == {Role.STRATEGIC}

    def test_change_roles_on_the_joining_day_replaces_them(self) -> None:
        p = small().change_roles("sacro", {Role.SUPPORT}, on=D1)
        assert [m.roles for m in p.memberships if m.partner_id == "sacro"] == [{Role.SUPPORT}]

    def test_lead_can_be_handed_over(self) -> None:
        p = small().change_roles("tps", {Role.PROVIDER}, on=D2)
        assert p.lead() is None
        p = p.change_roles("sacro", {Role.LEAD, Role.PROVIDER}, on=D2)
        assert p.lead() == SACRO
        assert p.lead(on=D1) == TPS

    def test_leaving_lead_leaves_no_lead(self) -> None:
        p = small().leave("tps", on=D2)
        assert p.lead() is None
        assert Role.LEAD in p.unfilled_roles()

    def test_seats_are_for_non_members(self) -> None:
        p = small().take_seat(RFB, SeatKind.CRITICAL_FRIEND, on=D1)
        assert [s.partner_id for s in p.seats_on()] == ["rfb"]
        assert not p.is_member("rfb")
        p = p.leave_seat("rfb", on=D2)
        assert p.seats_on() == ()
        assert [s.partner_id for s in p.seats_on(D1)] == ["rfb"]

    def test_representatives_change_over_time(self) -> None:
        p = (
            small()
            .name_representative("cja", "Morag Kerr", on=D1, title="Chief Officer", can_decide=True)
            .stand_down_representative("cja", "Morag Kerr", on=D2)
            .name_representative("cja", "Sam Patel", on=D2, can_decide=False)
        )
        assert [r.person for r in p.representatives_of("cja", on=D1)] == ["Morag Kerr"]
        assert [r.person for r in p.representatives_of("cja")] == ["Sam Patel"]
        assert p.representatives_of("tps") == ()

    def test_signposted_members_and_who_signposted_them(self) -> None:
        assert small().signposted() == ((SACRO, CJA),)

    def test_record_appends_events_checked_in_order(self) -> None:
        p = small()
        q = p.record(psp.MemberLeft(on=D2, partner_id="sacro"))
        assert q == p.leave("sacro", on=D2)
        with pytest.raises(RuleViolationError) as info:
            p.record(
                psp.MemberLeft(on=D2, partner_id="sacro"), psp.MemberLeft(on=D2, partner_id="sacro")
            )
        assert info.value.field == f"history[{len(p.history) + 1}].partner_id"


class TestLinks:
    """Typed, directed, dated links between organisations."""

    def test_link_and_unlink(self) -> None:
        p = small().link("cja", "tps", "refers-to", on=D1, weight=12, pre_existing=True)
        (link,) = p.links_on()
        assert (link.source, link.target, link.kind, link.weight) == (
            "cja",
            "tps",
            psp.LinkKind.REFERS_TO,
            12.0,
        )
        p = p.unlink("cja", "tps", "refers-to", on=D2)
        assert p.links_on() == ()
        assert len(p.links_on(on=D1)) == 1
        assert p.links[0].period.end == D2

    def test_filter_by_kind(self) -> None:
        p = small().link("cja", "tps", "refers-to", on=D1).link("cja", "sacro", "funds", on=D1)
        assert [k.target for k in p.links_on(kinds={"funds"})] == ["sacro"]

    def test_a_link_with_a_non_member_is_allowed(self) -> None:
        sg = Partner("sg", "Scottish Government", "public", public_body_kind="government")
        p = small().add_organisation(sg, on=D1).link("sg", "tps", "funds", on=D1)
        assert [k.source for k in p.links_on()] == ["sg"]


class TestQueries:
    """What analysts ask of a partnership."""

    def test_members_by_role_lists_every_role(self) -> None:
        by_role = small().members_by_role()
        assert set(by_role) == set(Role)
        assert by_role[Role.PROVIDER] == (TPS, SACRO)
        assert by_role[Role.SUPPORT] == ()

    def test_members_by_sector(self) -> None:
        by_sector = small().members_by_sector(on=D0)
        assert by_sector[Sector.THIRD] == (TPS,)
        assert by_sector[Sector.PUBLIC] == (CJA,)
        assert by_sector[Sector.PRIVATE] == ()

    def test_sector_balance_on_a_date(self) -> None:
        assert small().sector_balance(on=D0).third == 1
        assert small().sector_balance().third == 2

    def test_absent_public_body_kinds(self) -> None:
        absent = small().absent_public_body_kinds({"cja", "nhs-board", "police"})
        assert absent == {PublicBodyKind.NHS_BOARD, PublicBodyKind.POLICE}

    def test_unfilled_roles(self) -> None:
        assert small().unfilled_roles() == frozenset()
        assert small().unfilled_roles(required={"support"}) == {Role.SUPPORT}
        assert Partnership("e", "Empty").unfilled_roles() == psp.CORE_ROLES

    def test_organisation_lookup(self) -> None:
        assert small().organisation("cja") == CJA
        with pytest.raises(UnknownReferenceError) as info:
            small().organisation("nhs")
        assert isinstance(info.value, LookupError)

    def test_members_before_anyone_joined(self) -> None:
        assert small().members(on=date(2000, 1, 1)) == ()

    def test_repr_is_short(self) -> None:
        assert (
            repr(small()) == "<Partnership 'p' 'A partnership': forming, 3 members now, 6 events>"
        )


BAD_COMMANDS = [
    ("second lead", lambda p: p.join(RFB, on=D2, roles={"lead"}), RuleViolationError, "roles"),
    (
        "second lead by role change",
        lambda p: p.change_roles("sacro", {"lead"}, on=D2),
        RuleViolationError,
        "roles",
    ),
    ("joins twice", lambda p: p.join("sacro", on=D2), RuleViolationError, "partner"),
    ("unknown partner", lambda p: p.join("nhs", on=D2), UnknownReferenceError, "partner"),
    (
        "dated before the last event",
        lambda p: p.leave("cja", on=D0 - timedelta(days=1)),
        RuleViolationError,
        "on",
    ),
    ("leaves the day it joined", lambda p: p.leave("sacro", on=D1), RuleViolationError, "on"),
    (
        "leaves without being a member",
        lambda p: p.leave("sacro", on=D2).leave("sacro", on=D2),
        RuleViolationError,
        "partner",
    ),
    ("unknown role", lambda p: p.join(RFB, on=D2, roles={"leader"}), InvalidValueError, "roles[0]"),
    ("roles as one string", lambda p: p.join(RFB, on=D2, roles="lead"), InvalidValueError, "roles"),
    (
        "signposted without signposting",
        lambda p: p.join(RFB, on=D2, signposted_by="cja"),
        InvalidValueError,
        "signposted_by",
    ),
    (
        "signposted by a stranger",
        lambda p: p.join(RFB, on=D2, engagement="signposted", signposted_by="nhs"),
        UnknownReferenceError,
        "signposted_by",
    ),
    (
        "unknown engagement",
        lambda p: p.join(RFB, on=D2, engagement="invited"),
        InvalidValueError,
        "engagement",
    ),
    (
        "a datetime",
        lambda p: p.leave("cja", on=__import__("datetime").datetime(2013, 1, 1)),
        InvalidValueError,
        "on",
    ),
    ("seat for a member", lambda p: p.take_seat("cja", on=D2), RuleViolationError, "partner"),
    (
        "member with a seat",
        lambda p: p.take_seat(RFB, on=D2).join("rfb", on=D2),
        RuleViolationError,
        "partner",
    ),
    (
        "same roles again",
        lambda p: p.change_roles("sacro", {"provider"}, on=D2),
        RuleViolationError,
        "roles",
    ),
    (
        "a different partner under a known id",
        lambda p: p.join(Partner("sacro", "Other", "third"), on=D2),
        RuleViolationError,
        "partner",
    ),
    (
        "representative twice",
        lambda p: p.name_representative("cja", "A B", on=D2).name_representative(
            "cja", "A B", on=D2
        ),
        RuleViolationError,
        "person",
    ),
    (
        "unknown representative stands down",
        lambda p: p.stand_down_representative("cja", "A B", on=D2),
        RuleViolationError,
        "person",
    ),
    (
        "leaves a seat it does not hold",
        lambda p: p.leave_seat("cja", on=D2),
        RuleViolationError,
        "kind",
    ),
    (
        "organisation added twice",
        lambda p: p.add_organisation(CJA, on=D2),
        RuleViolationError,
        "partner.id",
    ),
    (
        "part of an unknown organisation",
        lambda p: p.add_organisation(
            Partner("hmp", "HMP", "public", public_body_kind="prison-service", part_of="sps"), on=D2
        ),
        UnknownReferenceError,
        "partner.part_of",
    ),
]


@pytest.mark.parametrize(
    ("case", "command", "error", "field"), BAD_COMMANDS, ids=[c[0] for c in BAD_COMMANDS]
)
def test_refused_commands_name_the_field_and_change_nothing(
    case: str, command: object, error: type[PSPError], field: str
) -> None:
    p = small()
    snapshot = psp.to_data(p)
    with pytest.raises(error) as info:
        command(p)  # type: ignore[operator]
    assert info.value.field == field
    assert info.value.reason
    assert str(info.value).startswith(f"{field}: ")
    assert psp.to_data(p) == snapshot


class TestInvariants:
    """Properties of every partnership the commands can build."""

    @given(partnerships())
    def test_rules_hold(self, p: Partnership) -> None:
        assert_rules_hold(p)

    @given(partnerships())
    def test_history_rebuilds_the_partnership(self, p: Partnership) -> None:
        rebuilt = Partnership(
            p.id,
            p.name,
            focus=p.focus,
            scope=p.scope,
            areas=p.areas,
            description=p.description,
            history=p.history,
        )
        assert rebuilt == p
        assert rebuilt.memberships == p.memberships
        assert rebuilt.seats == p.seats
        assert rebuilt.representatives == p.representatives
        assert rebuilt.links == p.links

    @given(partnerships(), st.data())
    def test_queries_agree_with_each_other(self, p: Partnership, data: st.DataObject) -> None:
        day = data.draw(st.sampled_from([e.on for e in p.history] or [D0]))
        members = p.members(day)
        assert len({m.id for m in members}) == len(members)
        assert p.sector_balance(day).total == len(members)
        by_role = p.members_by_role(day)
        for m in members:
            assert p.is_member(m, day)
            assert all((m in by_role[r]) == (r in p.roles_of(m, day)) for r in Role)
        lead = p.lead(day)
        assert by_role[Role.LEAD] == (() if lead is None else (lead,))

    @given(
        partnerships(),
        st.sampled_from(["join", "leave", "change_roles", "take_seat"]),
        role_sets(),
        st.integers(-30, 30),
        st.data(),
    )
    def test_a_refused_command_changes_nothing(
        self,
        p: Partnership,
        command: str,
        roles: frozenset[Role],
        shift: int,
        data: st.DataObject,
    ) -> None:
        ids = sorted(p.organisations) or ["nobody"]
        target = data.draw(st.sampled_from(ids))
        day = (p.last_event_date or D0) + timedelta(days=shift)
        before = psp.to_data(p)
        try:
            if command == "join":
                q = p.join(target, on=day, roles=roles, engagement=Engagement.NEWLY_ENGAGED)
            elif command == "leave":
                q = p.leave(target, on=day)
            elif command == "change_roles":
                q = p.change_roles(target, roles, on=day)
            else:
                q = p.take_seat(target, on=day)
        except PSPError:
            assert psp.to_data(p) == before
        else:
            assert len(q.history) == len(p.history) + 1
            assert_rules_hold(q)
        assert psp.to_data(p) == before


def queries(p: Partnership) -> dict[str, object]:
    """What the partnership answers, from its state (not its history): every query
    that reads what the commands change."""
    ids = sorted(p.organisations)
    return {
        "organisations": list(p.organisations.items()),
        "memberships": p.memberships,
        "now": (p.memberships_on(), p.seats_on(), p.links_on(), p.lead()),
        "seats": p.seats,
        "representatives": p.representatives,
        "of": [(pid, p.representatives_of(pid), p.is_member(pid), p.roles_of(pid)) for pid in ids],
        "links": p.links,
        "mous": [p.mou_versions(m.id) for m in p.mous()],
        "rest": (p.reimbursements(), p.design_approvals(), p.bids(), p.commitments()),
        "tenders": p.tenders(),
        "stage": (p.stage, p.stage_history(), p.last_event_date, len(p.history)),
        "signposted": p.signposted(),
    }


def a_command(p: Partnership, data: st.DataObject) -> Partnership | None:
    """One command drawn for ``p``, with arguments it may accept or refuse; the new
    partnership, or ``None`` if it was refused."""
    draw = data.draw
    ids = sorted(p.organisations) or ["nobody"]
    target, other = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
    day = (p.last_event_date or D0) + timedelta(days=draw(st.integers(0, 3)))
    newcomer = Partner(f"new-{len(p.history)}", "Newcomer", Sector.THIRD)
    commands = {
        "add": lambda: p.add_organisation(newcomer, on=day),
        "join new": lambda: p.join(newcomer, on=day, roles={Role.PROVIDER}),
        "join": lambda: p.join(target, on=day, roles=draw(role_sets())),
        "change_roles": lambda: p.change_roles(target, draw(role_sets()), on=day),
        "leave": lambda: p.leave(target, on=day),
        "take_seat": lambda: p.take_seat(target, on=day),
        "leave_seat": lambda: p.leave_seat(target, on=day),
        "link": lambda: p.link(target, other, "funds", on=day),
        "unlink": lambda: p.unlink(target, other, "funds", on=day),
        "name": lambda: p.name_representative(target, "Alex Reid", on=day),
        "reimburse": lambda: p.record_reimbursement(target, "offered", on=day),
    }
    try:
        return commands[draw(st.sampled_from(sorted(commands)))]()
    except PSPError:
        return None


class TestCommandsShareTheState:
    """A command's new partnership shares what its state holds with the original's
    (so a command costs the same at any size), and so must never change it."""

    @given(partnerships(), st.data())
    def test_commands_leave_every_query_of_every_earlier_partnership_unchanged(
        self, p: Partnership, data: st.DataObject
    ) -> None:
        # Chains and forks of commands, each checked against what every partnership
        # before it answered: a change made in place to a shared map would show here.
        made = [(p, queries(p))]
        for _ in range(data.draw(st.integers(1, 8))):
            base, _ = made[data.draw(st.integers(0, len(made) - 1))]
            new = a_command(base, data)
            if new is not None:
                made.append((new, queries(new)))
        for q, answered in made:
            assert queries(q) == answered

    @pytest.mark.parametrize("members", [1, 150, 1_000])
    def test_commands_leave_the_original_unchanged_at_every_size(self, members: int) -> None:
        # 150 and 1,000 members: the persistent maps are trees of several leaves.
        p = Partnership("p", "P").join(TPS, on=D0, roles={Role.LEAD})
        for i in range(members - 1):
            p = p.join(Partner(f"m{i}", f"Member {i}", Sector.THIRD), on=D0, roles={"support"})
        p = p.add_organisation(RFB, on=D0)
        before = queries(p)
        forks = [
            p.join(SACRO, on=D1, roles={Role.PROVIDER}),
            p.join("rfb", on=D1),
            p.take_seat("rfb", on=D1),
            p.change_roles("tps", {Role.LEAD, Role.PROVIDER}, on=D1),
            p.leave("tps", on=D1),
            p.link("tps", "rfb", "funds", on=D1),
            p.name_representative("tps", "Alex Reid", on=D1),
            p.record_reimbursement("tps", "offered", on=D1),
        ]
        chained = (
            forks[0].leave("tps", on=D2).join("tps", on=D2).link("sacro", "tps", "funds", on=D2)
        )
        assert queries(p) == before
        assert [len(f.history) for f in forks] == [len(p.history) + 2, *[len(p.history) + 1] * 7]
        assert chained.roles_of("tps") == frozenset()
        assert p.roles_of("tps") == {Role.LEAD}
        assert forks[0].is_member("sacro")
        assert not p.is_member("sacro")

    def test_a_command_shares_the_maps_it_does_not_change(self) -> None:
        p = small().link("cja", "tps", "refers-to", on=D1)
        q = p.leave("sacro", on=D2)
        assert q._state.organisations is p._state.organisations  # not copied
        assert q._state.bids is p._state.bids
        assert q._state.links._records is p._state.links._records
        assert q._state.memberships._records is not p._state.memberships._records

    def test_a_command_adding_an_organisation_leaves_the_original_its_own(self) -> None:
        p = small()
        q = p.join(RFB, on=D2)
        assert q._state.organisations is not p._state.organisations
        assert "rfb" in q.organisations
        assert "rfb" not in p.organisations
        assert list(p.organisations) == ["tps", "cja", "sacro"]


def test_construction_refuses_a_bad_history() -> None:
    events = small().history
    with pytest.raises(RuleViolationError) as info:
        Partnership("p", "P", history=(*events[:2], *events[:2]))
    assert info.value.field == "history[2].partner.id"


def test_construction_refuses_a_non_event() -> None:
    with pytest.raises(InvalidValueError) as info:
        Partnership("p", "P", history=["joined"])  # type: ignore[list-item]
    assert info.value.field == "history[0]"


class TestSuspension:
    """A suspended member stays a member, takes no part until reinstated, and leaving
    ends its suspension."""

    def test_a_suspended_member_is_still_a_member(self) -> None:
        p = small().suspend("sacro", on=D1, reason="missed three meetings")
        assert p.is_member("sacro")
        [s] = p.suspended()
        assert (s.partner_id, s.period.start, s.period.end, s.reason) == (
            "sacro",
            D1,
            None,
            "missed three meetings",
        )
        assert p.suspended(on=D0) == ()

    def test_reinstating_closes_the_suspension(self) -> None:
        p = small().suspend("sacro", on=D1).reinstate("sacro", on=D2)
        assert p.suspended() == ()
        assert [(s.period.start, s.period.end) for s in p.suspensions] == [(D1, D2)]

    def test_leaving_ends_a_suspension_and_joining_again_starts_unsuspended(self) -> None:
        p = small().suspend("sacro", on=D1).leave("sacro", on=D2)
        assert [(s.period.start, s.period.end) for s in p.suspensions] == [(D1, D2)]
        again = p.join("sacro", on=D2 + timedelta(days=1))
        assert again.suspended() == ()
        assert again.suspend("sacro", on=D2 + timedelta(days=2)).suspended() != ()

    @given(partnerships())
    def test_only_members_are_suspended(self, p: Partnership) -> None:
        for s in p.suspended():
            assert p.is_member(s.partner_id)
        for s in p.suspensions:
            assert s.period.end is None or s.period.start < s.period.end
