"""Origins (who initiated a partnership, how its lead was chosen), contributions and
capabilities (issue 18, items 1-2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    Capability,
    ContributionKind,
    Partner,
    Partnership,
    PSPError,
    Role,
    Sector,
    SelectionMethod,
)

F0, F1 = date(2012, 1, 1), date(2012, 3, 1)
D0, D1, D2, D3 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1), date(2012, 11, 1)
TPS = Partner("tps", "Turning Point Scotland", "third", reach="national")
SACRO = Partner("sacro", "Sacro", "third", reach="national")
CJA = Partner("ns-cja", "North Strathclyde CJA", "public", public_body_kind="cja")
PRISON = Partner("hmp-low-moss", "HMP Low Moss", "public", public_body_kind="prison-service")
OPERATOR = Partner("operator", "A prison operator", "private")
FUNDER = Partner("rt", "The Robertson Trust", "third", third_sector_kind="charity")


def forming() -> Partnership:
    """TPS (the lead), the CJA, the prison and Sacro members from F0, the operator from
    F1; a funder known, never a member."""
    p = Partnership("low-moss", "Low Moss")
    p = p.join(TPS, on=F0, roles={"lead", "provider"}).join(CJA, on=F0, roles={"strategic"})
    p = p.join(PRISON, on=F0, roles={"referral"}).join(SACRO, on=F0, roles={"provider"})
    p = p.add_organisation(FUNDER, on=F0)
    return p.join(OPERATOR, on=F1, roles={"support"})


class TestInitiation:
    """Who initiated a partnership: known organisations, members or not, recorded once."""

    def test_the_initiators_are_given_in_the_order_the_partnership_knew_them(self) -> None:
        p = forming().record_initiation({"hmp-low-moss", "ns-cja"}, on=D2, note="open talks")
        assert [o.id for o in p.initiators()] == ["ns-cja", "hmp-low-moss"]
        initiation = p.initiation()
        assert initiation is not None
        assert (initiation.on, initiation.note) == (D2, "open talks")

    def test_an_initiator_need_not_be_a_member(self) -> None:
        # 3.54: the CJA Chief Officers agreed a service should be developed; the funder
        # here stands for any organisation that starts a partnership it does not join.
        p = forming().record_initiation({"rt"}, on=D2)
        assert [o.id for o in p.initiators()] == ["rt"]

    def test_without_a_record_there_are_no_initiators(self) -> None:
        assert forming().initiation() is None
        assert forming().initiators() == ()

    def test_a_partnership_is_initiated_once(self) -> None:
        p = forming().record_initiation({"ns-cja"}, on=D2)
        with pytest.raises(psp.RuleViolationError) as caught:
            p.record_initiation({"tps"}, on=D3)
        assert caught.value.code == "already-initiated"


class TestLeadSelection:
    """Each choice of lead is kept; the latest on a date is the one in force; a choice
    changes no roles, and the chosen organisation need not be a member."""

    def test_the_latest_selection_on_a_date_is_in_force(self) -> None:
        p = forming().select_lead(
            "tps", on=D1, method="open-discussion", by={"ns-cja", "hmp-low-moss"}
        )
        p = p.select_lead(
            "sacro", on=D2, method=SelectionMethod.COMPETITION, alternatives={"tps", "operator"}
        )
        first, second = p.lead_selections()
        assert p.lead_selection(D0) is None
        assert p.lead_selection(D1) == first
        assert p.lead_selection(D2) == p.lead_selection() == second
        assert (first.partner_id, first.method, first.by) == (
            "tps",
            SelectionMethod.OPEN_DISCUSSION,
            frozenset({"ns-cja", "hmp-low-moss"}),
        )
        assert second.alternatives == {"tps", "operator"}

    def test_a_selection_changes_no_roles(self) -> None:
        # The funder is no member: it may still be chosen, to join later (3.54).
        p = forming().select_lead("rt", on=D2, method="nominated-by-funders", by={"rt"})
        assert p.lead() == TPS
        assert p.roles_of("tps") == {Role.LEAD, Role.PROVIDER}
        assert not p.is_member("rt")

    def test_the_chosen_organisation_is_not_among_the_alternatives(self) -> None:
        with pytest.raises(psp.InvalidValueError) as caught:
            psp.LeadSelected(
                on=D0, partner_id="tps", method="competition", alternatives={"tps", "sacro"}
            )
        assert caught.value.code == "conflicting-fields"

    def test_every_organisation_named_must_be_known(self) -> None:
        p = forming()
        for extra in ({"by": {"nobody"}}, {"alternatives": {"nobody"}}):
            with pytest.raises(psp.UnknownReferenceError):
                p.select_lead("tps", on=D2, method="other", **extra)  # type: ignore[arg-type]


class TestContributions:
    """What members bring: dated, by kind, with a value in whole pounds where known."""

    @pytest.fixture
    def p(self) -> Partnership:
        p = forming()
        p = p.record_contribution("ns-cja", "data", on=D1, description="need and services")
        p = p.record_contribution("tps", ContributionKind.FUNDING, on=D1, value=12_000)
        p = p.record_contribution("sacro", "secondment", on=D1, description="a case worker")
        p = p.leave("sacro", on=D2)
        return p.record_contribution("hmp-low-moss", "access-to-service-users", on=D2, value=0)

    def test_who_contributes_what_as_rows_of_plain_values(self, p: Partnership) -> None:
        rows = p.contribution_rows(on=D1)
        assert [(r["partner_id"], r["kind"], r["value"]) for r in rows] == [
            ("ns-cja", "data", None),
            ("tps", "funding", 12_000),
            ("sacro", "secondment", None),
        ]
        assert rows[0] == {
            "on": "2012-06-01",
            "partner_id": "ns-cja",
            "name": "North Strathclyde CJA",
            "sector": "public",
            "kind": "data",
            "value": None,
            "description": "need and services",
        }

    def test_members_without_contributions_on_a_date(self, p: Partnership) -> None:
        everyone = ["tps", "ns-cja", "hmp-low-moss", "sacro", "operator"]
        assert [m.id for m in p.members_without_contributions(D0)] == everyone
        assert [m.id for m in p.members_without_contributions(D1)] == ["hmp-low-moss", "operator"]
        # Sacro has left; the operator joined and brought nothing recorded.
        assert [m.id for m in p.members_without_contributions()] == ["operator"]

    def test_by_sector_a_value_not_known_is_counted_but_not_summed(self, p: Partnership) -> None:
        by_sector = p.contributions_by_sector()
        assert by_sector[Sector.PUBLIC] == {"count": 2, "valued": 1, "known_value": 0}
        assert by_sector[Sector.THIRD] == {"count": 2, "valued": 1, "known_value": 12_000}
        assert by_sector[Sector.PRIVATE] == {"count": 0, "valued": 0, "known_value": 0}

    def test_contributions_filtered_by_partner_and_kinds(self, p: Partnership) -> None:
        assert [c.kind for c in p.contributions(TPS)] == [ContributionKind.FUNDING]
        assert [c.partner_id for c in p.contributions(kinds={"data", "secondment"})] == [
            "ns-cja",
            "sacro",
        ]
        assert p.contributions(on=D0) == ()

    def test_only_a_member_then_contributes(self, p: Partnership) -> None:
        for who in ("sacro", "rt"):  # left; never a member
            with pytest.raises(psp.RuleViolationError) as caught:
                p.record_contribution(who, "funding", on=D3)
            assert caught.value.code == "not-a-member"


class TestCapabilities:
    """What an organisation, partner or potential partner (3.8), says it can do."""

    def test_a_later_declaration_replaces_an_earlier_one(self) -> None:
        p = forming().declare_capabilities("tps", {"mentoring", "service-delivery"}, on=D1)
        p = p.declare_capabilities("rt", [Capability.ANALYSIS], on=D1, note="asked in 3.8's way")
        p = p.declare_capabilities("tps", {"leadership"}, on=D2)
        assert p.capabilities(D1) == {
            "tps": {Capability.MENTORING, Capability.SERVICE_DELIVERY},
            "rt": {Capability.ANALYSIS},
        }
        assert p.capabilities() == {"tps": {Capability.LEADERSHIP}, "rt": {Capability.ANALYSIS}}
        assert p.capabilities(D0) == {}


# -- properties --------------------------------------------------------------------

MEMBERS = (TPS, SACRO, CJA, PRISON, OPERATOR)
_DAY = st.integers(0, 200).map(lambda n: D0 + timedelta(days=n))
_CONTRIBUTIONS = st.lists(
    st.tuples(
        _DAY,
        st.sampled_from([m.id for m in MEMBERS]),
        st.sampled_from(ContributionKind),
        st.none() | st.integers(0, 10**6),
    ),
    max_size=12,
)


def members_from_d0() -> Partnership:
    p = Partnership("p", "P")
    for m in MEMBERS:
        p = p.join(m, on=D0)
    return p.add_organisation(FUNDER, on=D0)


def with_contributions(rows: list[tuple[date, str, ContributionKind, int | None]]) -> Partnership:
    p = members_from_d0()
    for day, who, kind, value in sorted(rows, key=lambda r: r[0]):
        p = p.record_contribution(who, kind, on=day, value=value)
    return p


@settings(max_examples=40)
@given(_CONTRIBUTIONS, _DAY)
def test_contributions_by_sector_add_up_to_the_whole(
    rows: list[tuple[date, str, ContributionKind, int | None]], on: date
) -> None:
    p = with_contributions(rows)
    recorded = [r for r in rows if r[0] <= on]
    by_sector = p.contributions_by_sector(on)
    assert sum(row["count"] for row in by_sector.values()) == len(recorded)
    assert sum(row["valued"] for row in by_sector.values()) == sum(
        1 for r in recorded if r[3] is not None
    )
    assert sum(row["known_value"] for row in by_sector.values()) == sum(
        r[3] for r in recorded if r[3] is not None
    )
    assert len(p.contribution_rows(on)) == len(recorded)


@settings(max_examples=40)
@given(_CONTRIBUTIONS, _DAY)
def test_members_without_contributions_are_those_with_none_recorded(
    rows: list[tuple[date, str, ContributionKind, int | None]], on: date
) -> None:
    p = with_contributions(rows)
    contributed = {who for day, who, _, _ in rows if day <= on}
    without = p.members_without_contributions(on)
    assert {m.id for m in without} == {m.id for m in MEMBERS} - contributed
    assert all(p.contributions(m, on=on) == () for m in without)


_ORGS = st.sampled_from([*(m.id for m in MEMBERS), "rt", "nobody"])
_COMMANDS = st.one_of(
    st.builds(
        lambda by, day: ("record_initiation", (by,), {"on": day}),
        st.frozensets(_ORGS, max_size=3),
        _DAY,
    ),
    st.builds(
        lambda who, by, alt, day: (
            "select_lead",
            (who,),
            {"on": day, "method": "competition", "by": by, "alternatives": alt},
        ),
        _ORGS,
        st.frozensets(_ORGS, max_size=2),
        st.frozensets(_ORGS, max_size=2),
        _DAY,
    ),
    st.builds(
        lambda who, value, day: (
            "record_contribution",
            (who, "funding"),
            {"on": day, "value": value},
        ),
        _ORGS,
        st.integers(-5, 5),
        _DAY,
    ),
    st.builds(
        lambda who, day: ("declare_capabilities", (who, {"mentoring"}), {"on": day}),
        _ORGS,
        _DAY,
    ),
)


@settings(max_examples=50)
@given(st.lists(_COMMANDS, max_size=8))
def test_a_refused_command_leaves_nothing_behind(
    commands: list[tuple[str, tuple[object, ...], dict[str, object]]],
) -> None:
    p = members_from_d0().leave("sacro", on=D0 + timedelta(days=100))
    for name, args, kwargs in commands:
        before = psp.to_data(p)
        views = (p.initiation(), p.lead_selections(), p.contributions(), p.capabilities())
        try:
            p = getattr(p, name)(*args, **kwargs)
        except PSPError:
            assert psp.to_data(p) == before
            assert (p.initiation(), p.lead_selections(), p.contributions(), p.capabilities()) == (
                views
            )
    # The state the commands built is the one the history replays to.
    rebuilt = psp.from_data(psp.to_data(p), Partnership)
    assert rebuilt == p
    assert (p.initiation(), p.lead_selections(), p.contributions(), p.capabilities()) == (
        rebuilt.initiation(),
        rebuilt.lead_selections(),
        rebuilt.contributions(),
        rebuilt.capabilities(),
    )
