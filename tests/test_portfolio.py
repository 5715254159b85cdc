"""Portfolios of partnerships: the RRCF's figures, the rules kept, and the queries."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import attrs
import pytest
import rrcf_portfolio as example
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    InvalidValueError,
    Link,
    LinkKind,
    Partner,
    Partnership,
    Period,
    Portfolio,
    PublicBodyKind,
    Reach,
    Role,
    RuleViolationError,
    Sector,
    UnknownReferenceError,
)
from psp.testing import portfolios

D1 = date(2012, 10, 1)
D2 = date(2012, 11, 1)
D3 = date(2013, 1, 1)

CJA = Partner("gcja", "Glasgow CJA", "public", public_body_kind="cja", areas={"Glasgow"})
SACRO = Partner("sacro", "Sacro", "third", reach="national")
LOCAL = Partner("local", "A Fife charity", "third", reach="local", areas={"Fife"})
COUNCIL = Partner(
    "gcc", "Glasgow City Council", "public", public_body_kind="local-authority", areas={"Glasgow"}
)
FUNDER = Partner("funder", "A trust", "third")


def psp_a() -> Partnership:
    return (
        Partnership("a", "PSP A", areas={"Glasgow"})
        .join(SACRO, roles={"lead", "provider"}, on=D1)
        .join(CJA, roles={"strategic"}, on=D1)
        .join(COUNCIL, roles={"referral"}, on=D2)
    )


def psp_b() -> Partnership:
    return (
        Partnership("b", "PSP B", areas={"Fife"})
        .join(LOCAL, roles={"lead"}, on=D1)
        .join(SACRO, roles={"provider"}, on=D1)
        .join(CJA, roles={"strategic"}, on=D1)
        .add_organisation(FUNDER, on=D1)
        .leave(CJA, on=D3)
    )


def fund() -> Portfolio:
    return Portfolio("fund", "A fund", [psp_a(), psp_b()])


@pytest.fixture(scope="module")
def rrcf() -> Portfolio:
    """The synthetic RRCF portfolio of examples/rrcf_portfolio.py."""
    return example.build()


class TestTheRRCFFigures:
    """The example portfolio's *computed* composition equals the evaluation's (3.3-3.4)."""

    ON = example.COUNTED

    def test_fourteen_partnerships(self, rrcf: Portfolio) -> None:
        assert len(rrcf.partnerships) == 14

    def test_150_partners_counting_an_organisation_once_per_partnership(
        self, rrcf: Portfolio
    ) -> None:
        assert rrcf.membership_count(self.ON) == 150
        # Far fewer distinct organisations: CJAs and national charities sit in several.
        distinct = {m.id for p in rrcf.partnerships for m in p.members(self.ON)}
        assert len(distinct) < 150

    def test_third_sector_47_percent_public_53_percent(self, rrcf: Portfolio) -> None:
        balance = rrcf.sector_balance(self.ON)
        assert (balance.third, balance.public, balance.private) == (70, 80, 0)
        assert round(100 * balance.share(Sector.THIRD)) == 47
        assert round(100 * balance.share(Sector.PUBLIC)) == 53

    def test_third_sector_39_national_31_regional_or_local(self, rrcf: Portfolio) -> None:
        reach = rrcf.third_sector_by_reach(self.ON)
        assert reach[Reach.NATIONAL] == 39
        assert reach[Reach.REGIONAL] + reach[Reach.LOCAL] == 31
        assert reach[None] == 0

    @pytest.mark.parametrize(
        ("kind", "partnerships"),
        [
            (PublicBodyKind.CJA, 14),
            (PublicBodyKind.LOCAL_AUTHORITY, 12),
            (PublicBodyKind.PRISON_SERVICE, 4),
            (PublicBodyKind.POLICE, 4),
            (PublicBodyKind.ADP, 3),
            (PublicBodyKind.NHS_BOARD, 2),
        ],
    )
    def test_public_bodies_by_kind(
        self, rrcf: Portfolio, kind: PublicBodyKind, partnerships: int
    ) -> None:
        assert len(rrcf.partnerships_by_public_body_kind(self.ON)[kind]) == partnerships

    def test_the_eight_cjas_are_reused(self, rrcf: Portfolio) -> None:
        cjas = {
            pid
            for pid, org in rrcf.organisations.items()
            if org.public_body_kind is PublicBodyKind.CJA
        }
        assert len(cjas) == 8

    def test_one_partnership_with_service_users_as_a_partner(self, rrcf: Portfolio) -> None:
        assert len(rrcf.with_service_user_partners(self.ON)) == 1

    def test_every_lead_is_third_sector(self, rrcf: Portfolio) -> None:
        leads = rrcf.leads(self.ON)
        assert len(leads) == 14
        assert all(lead is not None and lead.sector is Sector.THIRD for lead in leads.values())

    def test_every_core_role_is_filled(self, rrcf: Portfolio) -> None:
        assert [p.id for p in rrcf.partnerships if p.unfilled_roles(self.ON)] == []

    def test_national_leads_are_partners_in_other_bids(self, rrcf: Portfolio) -> None:
        # 3.41: "The national third sector organisations that led PSPs were also
        # partners in other bids."
        national_leads = {
            lead.id
            for lead in rrcf.leads(self.ON).values()
            if lead is not None and lead.reach is Reach.NATIONAL
        }
        elsewhere = {
            row["organisation"]
            for row in rrcf.shared_members(self.ON)
            if "lead" not in row["roles"]
        }
        assert national_leads
        assert national_leads <= elsewhere

    def test_cjas_broker_information_between_bids_in_their_area(self, rrcf: Portfolio) -> None:
        # 3.42: each broker link runs from a CJA to the lead of a partnership covering
        # that CJA's area, and each broker serves more than one bid.
        brokers = rrcf.links_on(self.ON, kinds={LinkKind.INFORMATION_BROKER})
        assert brokers
        for link in brokers:
            cja = rrcf.organisation(link.source)
            assert cja.public_body_kind is PublicBodyKind.CJA
            served = [
                p for p in rrcf.partnerships if (lead := p.lead(self.ON)) and lead.id == link.target
            ]
            assert any(cja.areas <= rrcf.areas_of(p, self.ON) for p in served)
        assert all(n > 1 for n in Counter(k.source for k in brokers).values())

    def test_an_early_partner_left_before_the_mous(self, rrcf: Portfolio) -> None:
        # 3.10: counted while in early discussions, gone by the MoU.
        before = rrcf.membership_count(example.AWARDED + timedelta(days=1))
        assert rrcf.roles_by_partnership("early-partner", example.AWARDED)
        assert rrcf.roles_by_partnership("early-partner", self.ON) == {}
        assert before != rrcf.membership_count(self.ON)

    def test_the_example_reports_its_composition(self, capsys: pytest.CaptureFixture[str]) -> None:
        example.main()
        out = capsys.readouterr().out
        assert "Memberships: 150 (third sector 70, 46.7%; public 80, 53.3%)" in out
        assert "national 39, regional or local 31" in out
        assert sum(line.startswith("PSP ") for line in out.splitlines()) == 14
        assert "MoUs: 14, naming 111 signatories" in out
        assert "Partners are treated equally" in out

    def test_survives_the_round_trip(self, rrcf: Portfolio) -> None:
        assert psp.from_data(psp.to_data(rrcf), Portfolio) == rrcf


class TestConstruction:
    """A portfolio refuses what would make its figures wrong, naming the field."""

    def test_duplicate_partnership_ids(self) -> None:
        with pytest.raises(RuleViolationError) as info:
            Portfolio("f", "F", [psp_a(), psp_b(), psp_a()])
        assert info.value.field == "partnerships[2].id"
        assert "partnerships[0] (PSP A)" in info.value.reason

    def test_an_organisation_recorded_differently_in_two_partnerships(self) -> None:
        other = attrs.evolve(SACRO, reach=Reach.REGIONAL)
        b = Partnership("b", "PSP B").join(LOCAL, on=D1).join(other, on=D1)
        with pytest.raises(RuleViolationError) as info:
            Portfolio("f", "F", [psp_a(), b])
        assert info.value.field == "partnerships[1].history[2].partner"
        assert info.value.value == "sacro"
        assert "must agree across the portfolio" in info.value.reason

    def test_the_same_record_in_two_partnerships_is_one_organisation(self) -> None:
        f = fund()
        assert list(f.organisations) == ["sacro", "gcja", "gcc", "local", "funder"]
        assert f.organisation("sacro") is f.partnership("a").organisation("sacro")

    @pytest.mark.parametrize(
        ("partnerships", "field"),
        [("a", "partnerships"), (psp_a(), "partnerships"), ([psp_a(), "b"], "partnerships[1]")],
    )
    def test_partnerships_must_be_partnerships(self, partnerships: object, field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            Portfolio("f", "F", partnerships)  # type: ignore[arg-type]
        assert info.value.field == field

    @pytest.mark.parametrize(("field", "value"), [("id", " f"), ("name", "")])
    def test_id_and_name_are_text(self, field: str, value: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            Portfolio(**{"id": "f", "name": "F", field: value})  # type: ignore[arg-type]
        assert info.value.field == field

    def test_an_empty_portfolio_is_allowed(self) -> None:
        empty = Portfolio("f", "F")
        assert empty.membership_count() == 0
        assert empty.shared_members() == []
        assert repr(empty) == "<Portfolio 'f' 'F': 0 partnerships, 0 links>"


def link(source: str, target: str, kind: object = "information-broker", **kw: object) -> Link:
    fields: dict[str, object] = {"period": Period(D2), "weight": None, "pre_existing": None}
    fields.update(kw)
    return Link(source, target, kind, **fields)  # type: ignore[arg-type]


class TestLinks:
    """Portfolio-level links: between known organisations, involving a member, one at a time."""

    def test_a_link_between_partnerships(self) -> None:
        f = Portfolio("f", "F", [psp_a(), psp_b()], links=[link("gcja", "local")])
        (k,) = f.links_on(D2)
        assert (k.source, k.target, k.kind) == ("gcja", "local", LinkKind.INFORMATION_BROKER)

    def test_link_and_unlink_give_what_construction_gives(self) -> None:
        f = Portfolio("f", "F", [psp_a(), psp_b()])
        linked = f.link("gcja", "local", "information-broker", on=D2)
        assert linked == Portfolio("f", "F", f.partnerships, links=linked.links)
        assert linked.organisations == f.organisations
        ended = linked.unlink("gcja", "local", "information-broker", on=D2 + timedelta(days=5))
        assert ended == Portfolio("f", "F", f.partnerships, links=ended.links)
        assert ended.links[0].period.end == D2 + timedelta(days=5)
        assert f.links == ()  # the original is unchanged

    def test_a_kind_given_as_text_becomes_the_enum(self) -> None:
        f = Portfolio("f", "F", [psp_a()], links=[link("gcja", "sacro", "refers-to")])
        assert f.links[0].kind is LinkKind.REFERS_TO

    @pytest.mark.parametrize(
        ("bad", "error", "field"),
        [
            (link("gcja", "nobody"), UnknownReferenceError, "links[0].target"),
            (link("nobody", "gcja"), UnknownReferenceError, "links[0].source"),
            (link("gcja", "sacro", "gossips-with"), InvalidValueError, "links[0].kind"),
            (link("gcja", "gcja"), InvalidValueError, "links[0].target"),
            (link("gcja", " sacro"), InvalidValueError, "links[0].target"),
            (link("gcja", "sacro", weight=-1.0), InvalidValueError, "links[0].weight"),
            (link("gcja", "sacro", weight=True), InvalidValueError, "links[0].weight"),
            (link("gcja", "sacro", pre_existing="yes"), InvalidValueError, "links[0].pre_existing"),
            (link("gcja", "sacro", note=None), InvalidValueError, "links[0].note"),
            (link("gcja", "sacro", period="2012"), InvalidValueError, "links[0].period"),
            ("a link", InvalidValueError, "links[0]"),
        ],
    )
    def test_bad_links_are_refused(
        self, bad: object, error: type[psp.PSPError], field: str
    ) -> None:
        with pytest.raises(error) as info:
            Portfolio("f", "F", [psp_a(), psp_b()], links=[bad])  # type: ignore[list-item]
        assert info.value.field == field

    def test_links_must_be_a_collection(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            Portfolio("f", "F", [psp_a()], links=link("gcja", "sacro"))  # type: ignore[arg-type]
        assert info.value.field == "links"

    def test_a_link_dated_outside_both_ends_memberships(self) -> None:
        # The funder is known but never a member; the CJA has left PSP B by D3 and
        # never joined PSP A before D1. Partnership.link refuses the same.
        before = link("gcja", "funder", period=Period(D1 - timedelta(days=1)))
        with pytest.raises(RuleViolationError) as info:
            Portfolio("f", "F", [psp_b()], links=[before])
        assert info.value.field == "links[0].period.start"
        assert "neither Glasgow CJA nor A trust is a member" in info.value.reason
        with pytest.raises(RuleViolationError) as info:
            Portfolio("f", "F", [psp_b()]).link("gcja", "funder", "funds", on=D3)
        assert info.value.field == "on"
        with pytest.raises(RuleViolationError) as info:
            psp_b().link("gcja", "funder", "funds", on=D3)
        assert info.value.field == "on"

    def test_a_link_with_one_end_a_member_somewhere_is_allowed(self) -> None:
        f = Portfolio("f", "F", [psp_a(), psp_b()]).link("gcja", "funder", "funds", on=D3)
        assert f.links_on(D3)[0].target == "funder"

    def test_the_same_link_twice_at_once(self) -> None:
        twice = [link("gcja", "local"), link("gcja", "local", period=Period(D3))]
        with pytest.raises(RuleViolationError) as info:
            Portfolio("f", "F", [psp_a(), psp_b()], links=twice)
        assert info.value.field == "links[1].kind"
        f = Portfolio("f", "F", [psp_a(), psp_b()], links=twice[:1])
        with pytest.raises(RuleViolationError) as info:
            f.link("gcja", "local", "information-broker", on=D3)
        assert info.value.field == "kind"

    def test_the_same_link_again_after_it_ended(self) -> None:
        f = Portfolio("f", "F", [psp_a(), psp_b()]).link(
            "gcja", "local", "information-broker", on=D2
        )
        f = f.unlink("gcja", "local", "information-broker", on=D2 + timedelta(days=10))
        f = f.link(CJA, LOCAL, "information-broker", on=D3, weight=2, note="again")
        assert [k.period for k in f.links] == [
            Period(D2, D2 + timedelta(days=10)),
            Period(D3),
        ]
        assert f.links_on() == (f.links[1],)
        assert f.links_on(D2) == (f.links[0],)
        assert f.links_on(D3, kinds=["funds"]) == ()

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"kind": "gossips-with"}, "kind"),
            ({"target": "nobody"}, "target"),
            ({"target": "gcja"}, "target"),
            ({"weight": float("nan")}, "weight"),
        ],
    )
    def test_the_link_command_names_its_arguments(
        self, kwargs: dict[str, object], field: str
    ) -> None:
        args: dict[str, object] = {"source": "gcja", "target": "local", "kind": "funds"}
        args.update(kwargs)
        with pytest.raises(psp.PSPError) as info:
            fund().link(on=D2, **args)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_unlink_refusals(self) -> None:
        f = fund().link("gcja", "local", "information-broker", on=D2)
        with pytest.raises(RuleViolationError) as info:
            f.unlink("gcja", "local", "information-broker", on=D2)
        assert info.value.field == "on"
        with pytest.raises(RuleViolationError) as info:
            f.unlink("gcja", "local", "funds", on=D3)
        assert info.value.field == "kind"
        with pytest.raises(InvalidValueError) as bad_kind:
            f.unlink("gcja", "local", "gossips-with", on=D3)  # type: ignore[arg-type]
        assert bad_kind.value.field == "kind"


class TestQueries:
    """What a portfolio adds up to, on a date or now."""

    def test_lookups(self) -> None:
        f = fund()
        assert f.partnership("b").name == "PSP B"
        with pytest.raises(UnknownReferenceError) as info:
            f.partnership("z")
        assert info.value.field == "partnership_id"
        with pytest.raises(UnknownReferenceError) as info:
            f.organisation("z")
        assert info.value.field == "partner_id"

    def test_shared_members_and_their_roles(self) -> None:
        assert fund().shared_members() == [
            {
                "organisation": "sacro",
                "name": "Sacro",
                "sector": "third",
                "partnership": "a",
                "roles": ("lead", "provider"),
            },
            {
                "organisation": "sacro",
                "name": "Sacro",
                "sector": "third",
                "partnership": "b",
                "roles": ("provider",),
            },
        ]
        # Before it left PSP B, the CJA sat in both.
        assert {r["organisation"] for r in fund().shared_members(D2)} == {"sacro", "gcja"}

    def test_roles_by_partnership(self) -> None:
        f = fund()
        assert f.roles_by_partnership(SACRO) == {
            "a": {Role.LEAD, Role.PROVIDER},
            "b": {Role.PROVIDER},
        }
        assert f.roles_by_partnership("gcja", D2) == {"a": {Role.STRATEGIC}, "b": {Role.STRATEGIC}}
        assert f.roles_by_partnership("funder") == {}
        with pytest.raises(UnknownReferenceError):
            f.roles_by_partnership("nobody")

    def test_areas_come_from_the_partnership_and_its_members(self) -> None:
        f = fund()
        assert f.areas_of("a") == {"Glasgow"}
        assert f.areas_of(f.partnership("b")) == {"Fife"}
        assert f.areas_of("b", D2) == {"Fife", "Glasgow"}  # the CJA was a member then

    def test_overlapping_partnerships(self) -> None:
        f = fund()
        assert f.overlaps() == []
        assert f.overlaps(D2) == [{"area": "Glasgow", "partnerships": ("a", "b")}]

    def test_composition_rows(self) -> None:
        rows = fund().composition(D2)
        assert rows[0] == {
            "partnership": "a",
            "name": "PSP A",
            "members": 3,
            "third": 1,
            "public": 2,
            "private": 0,
            "third_national": 1,
            "third_regional_or_local": 0,
            "lead": "Sacro",
            "lead_sector": "third",
            "public_body_kinds": ("cja", "local-authority"),
            "stage": "forming",
            "lead_size": None,
            "funding_awarded": None,
        }
        assert (rows[1]["members"], rows[1]["third_regional_or_local"]) == (3, 1)

    def test_composition_of_a_partnership_without_a_lead(self) -> None:
        p = Partnership("c", "C").join(CJA, on=D1)
        (row,) = Portfolio("f", "F", [p]).composition()
        assert (row["lead"], row["lead_sector"]) == (None, None)

    def test_counts_on_a_date(self) -> None:
        f = fund()
        assert f.membership_count(D1) == 5  # the council joins PSP A on D2
        assert f.membership_count(D2) == 6
        assert f.membership_count() == 5  # the CJA left PSP B on D3
        assert f.sector_balance(D2).public == 3
        assert f.third_sector_by_reach() == {
            Reach.NATIONAL: 2,
            Reach.REGIONAL: 0,
            Reach.LOCAL: 1,
            None: 0,
        }
        kinds = f.partnerships_by_public_body_kind(D2)
        assert set(kinds) == set(PublicBodyKind)
        assert kinds[PublicBodyKind.CJA] == ("a", "b")
        assert f.partnerships_by_public_body_kind()[PublicBodyKind.CJA] == ("a",)

    def test_queries_refuse_a_datetime(self) -> None:
        from datetime import datetime

        with pytest.raises(InvalidValueError):
            fund().links_on(datetime(2012, 1, 1))


def _two_tier() -> psp.GovernanceStructure:
    return psp.GovernanceStructure(
        "two-tier",
        [
            psp.Group("s", "Strategic", "strategic", members={"sacro", "gcja"}),
            psp.Group("o", "Operational", "operational", members={"sacro"}, reports_to="s"),
        ],
    )


def agreed_fund() -> Portfolio:
    """PSP A: one MoU proposing two tiers, one of three named signatories unsigned, time
    reimbursed; PSP B: two MoUs (single and two tier), nobody signed, an offer declined."""
    a = psp_a().draft_mou(
        psp.MoU(
            id="a-mou",
            drafted_on=D2,
            parties={"sacro", "gcja", "gcc"},
            governance=_two_tier(),
            signatories=[
                psp.Signatory("Ann", "sacro"),
                psp.Signatory("Bo", "gcja"),
                psp.Signatory("Cy", "gcc"),
            ],
        )
    )
    a = a.sign_mou("a-mou", "Ann", on=D3).sign_mou("a-mou", "Bo", on=D3)
    a = a.record_reimbursement("gcja", "accepted", on=D3).record_reimbursement(
        "gcc", "offered", on=D3
    )
    single = psp.GovernanceStructure(
        "single-tier", [psp.Group("g", "Governance Group", "governance", members={"local"})]
    )
    b = psp_b()
    b = b.draft_mou(
        psp.MoU(
            id="b-1",
            drafted_on=D3,
            parties={"local", "sacro"},
            governance=single,
            signatories=[psp.Signatory("Di", "local"), psp.Signatory("Ed", "sacro")],
        )
    )
    b = b.draft_mou(
        psp.MoU(id="b-2", drafted_on=D3, parties={"sacro", "gcja"}, governance=_two_tier())
    )
    b = b.record_reimbursement("sacro", "offered", on=D3)
    b = b.record_reimbursement("sacro", "declined", on=D3)
    c = Partnership("c", "PSP C").join(LOCAL, on=D1)  # no MoU, no reimbursement
    return Portfolio("fund", "A fund", [a, b, c])


class TestAgreements:
    """What the MoUs name and propose, and whose time is reimbursed (3.5-3.31)."""

    def test_signatory_balance_counts_every_named_signatory(self) -> None:
        b = agreed_fund().signatory_balance()
        assert (b.third, b.public, b.private) == (3, 2, 0)
        assert fund().signatory_balance().total == 0

    def test_unsigned_signatories(self) -> None:
        rows = agreed_fund().unsigned_signatories()
        assert [(r["partnership"], r["mou"], r["person"]) for r in rows] == [
            ("a", "a-mou", "Cy"),
            ("b", "b-1", "Di"),
            ("b", "b-1", "Ed"),
        ]
        assert rows[0] == {
            "partnership": "a",
            "mou": "a-mou",
            "person": "Cy",
            "organisation": "gcc",
            "sector": "public",
        }

    def test_partnerships_by_proposed_structure(self) -> None:
        by_type = agreed_fund().partnerships_by_proposed_structure()
        assert by_type == {
            psp.GovernanceType.SINGLE_TIER: ("b",),
            psp.GovernanceType.TWO_TIER: ("a", "b"),
            psp.GovernanceType.LOCALITY_BASED: (),
        }

    def test_an_adopted_structure_is_not_a_proposal(self) -> None:
        p = psp_a().adopt_governance(_two_tier(), on=D2)
        by_type = Portfolio("f", "F", [p]).partnerships_by_proposed_structure()
        assert all(ids == () for ids in by_type.values())

    def test_partnerships_by_reimbursement(self) -> None:
        assert agreed_fund().partnerships_by_reimbursement() == {
            psp.ReimbursementStatus.OFFERED: ("a",),
            psp.ReimbursementStatus.ACCEPTED: ("a",),
            psp.ReimbursementStatus.DECLINED: ("b",),
        }


class TestProperties:
    """Invariants over generated portfolios."""

    @settings(max_examples=60)
    @given(portfolios())
    def test_counts_agree_with_each_other(self, f: Portfolio) -> None:
        balance = f.sector_balance()
        assert balance.total == f.membership_count()
        assert sum(f.third_sector_by_reach().values()) == balance.third
        for kind, ids in f.partnerships_by_public_body_kind().items():
            assert all(kind in f.partnership(i).public_body_kinds() for i in ids)

    @settings(max_examples=60)
    @given(portfolios())
    def test_every_organisation_has_one_record(self, f: Portfolio) -> None:
        for p in f.partnerships:
            for pid, partner in p.organisations.items():
                assert f.organisation(pid) == partner

    @settings(max_examples=60)
    @given(portfolios())
    def test_shared_members_sit_in_each_partnership_they_are_listed_in(self, f: Portfolio) -> None:
        rows = f.shared_members()
        per_org = Counter(r["organisation"] for r in rows)
        assert all(n >= 2 for n in per_org.values())
        for r in rows:
            roles = f.partnership(r["partnership"]).roles_of(r["organisation"])
            assert f.partnership(r["partnership"]).is_member(r["organisation"])
            assert r["roles"] == tuple(sorted(roles))

    @settings(max_examples=60)
    @given(portfolios())
    def test_rebuilding_from_fields_gives_an_equal_portfolio(self, f: Portfolio) -> None:
        assert Portfolio(f.id, f.name, f.partnerships, links=f.links) == f


class TestStrategy:
    """psp.testing.portfolios() and st.from_type(Portfolio) give valid, bounded portfolios."""

    @settings(max_examples=30)
    @given(st.from_type(Portfolio))
    def test_from_type_builds_portfolios(self, f: Portfolio) -> None:
        assert isinstance(f, Portfolio)
        assert len({p.id for p in f.partnerships}) == len(f.partnerships)

    @settings(max_examples=30)
    @given(portfolios(max_partnerships=2, max_organisations=3, max_steps=5, max_links=1))
    def test_portfolios_respect_their_bounds(self, f: Portfolio) -> None:
        assert 1 <= len(f.partnerships) <= 2
        assert len(f.organisations) <= 3
        assert len(f.links) <= 1
