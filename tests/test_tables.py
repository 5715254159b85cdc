"""Tables of every record (``psp.tables``): rows of plain values that agree with the
queries a partnership already answers and with ``psp.to_data`` of the same records, one
row per record, in the columns and dtypes docs/tables.md documents."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, get_type_hints

import pandas as pd  # type: ignore[import-untyped]  # no pandas-stubs in the test extra
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import Bid, Partner, Partnership, Portfolio, Size, Tender
from psp.testing import partnerships, portfolios

D1, D2, D3, D4 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1), date(2012, 12, 1)
ALDER = Partner("alder", "Alder Trust", "third", size="small")
BIRCH = Partner("birch", "Birch Council", "public", public_body_kind="local-authority")
CEDAR = Partner("cedar", "Cedar Ltd", "private")

#: Each table's row type.
ROW_TYPES: dict[str, Any] = {
    "organisations": psp.OrganisationRow,
    "memberships": psp.MembershipRow,
    "seats": psp.SeatRow,
    "suspensions": psp.SuspensionRow,
    "representatives": psp.RepresentativeRow,
    "links": psp.LinkRow,
    "meetings": psp.MeetingRow,
    "attendance": psp.AttendanceRow,
    "bids": psp.BidRow,
    "endorsements": psp.EndorsementRow,
    "commitments": psp.CommitmentRow,
    "measures": psp.MeasureRow,
    "conditions": psp.ConditionRow,
    "tenders": psp.TenderRow,
    "stages": psp.StageRow,
    "initiators": psp.InitiatorRow,
    "lead_selections": psp.LeadSelectionRow,
    "contributions": psp.ContributionRow,
    "capabilities": psp.CapabilityRow,
    "waivers": psp.WaiverRow,
    "link_kinds": psp.LinkKindRow,
    "posts": psp.PostRow,
    "risks": psp.RiskRow,
    "risk_ratings": psp.RiskRatingRow,
    "differences": psp.DifferenceRow,
    "output_targets": psp.OutputTargetRow,
    "outputs": psp.OutputRow,
    "benefits": psp.BenefitRow,
    "budgets": psp.BudgetRow,
    "spending": psp.SpendRow,
    # funds and streams in use (issue 17, item 1)
    "funds": psp.FundRow,
    "fund_shares": psp.FunderShareRow,
    "streams": psp.StreamRow,
    "fund_awards": psp.FundAwardRow,
    "relational_answers": psp.RelationalAnswerRow,
    "planned_payments": psp.PlannedPaymentRow,
    "payments": psp.PaymentRow,
    "reports": psp.ReportRow,
    "contract_payments": psp.ContractPaymentRow,
    "events": psp.EventRow,
}
PLAIN = (str, int, float, bool, type(None), date)


def records(p: Partnership) -> dict[str, tuple[Any, ...]]:
    """Each table's records, as the partnership's own queries give them."""
    bids, commitments = p.bids(), p.commitments()
    initiation, risks = p.initiation(), p.risks()
    return {
        "organisations": tuple(p.organisations.values()),
        "memberships": p.memberships,
        "seats": p.seats,
        "suspensions": p.suspensions,
        "representatives": p.representatives,
        "links": p.links,
        "meetings": p.meetings(),
        "attendance": tuple(a for m in p.meetings() for a in m.attendees),
        "bids": bids,
        "endorsements": tuple(e for b in bids for e in b.endorsements),
        "commitments": commitments,
        "measures": tuple(m for c in commitments for m in c.measures),
        "conditions": tuple(x for c in commitments for x in c.conditions),
        "tenders": p.tenders(),
        "stages": p.stage_history(),
        "initiators": tuple((initiation, o) for o in p.initiators()),
        "lead_selections": p.lead_selections(),
        "contributions": p.contributions(),
        "capabilities": tuple(
            (pid, c) for pid, found in p.capabilities().items() for c in sorted(found)
        ),
        "waivers": p.waivers(),
        "link_kinds": tuple(p.link_kinds_defined.items()),
        "posts": p.post_holders(),
        "risks": risks,
        "risk_ratings": tuple((r.id, day, rating) for r in risks for day, rating in r.ratings),
        "differences": p.differences(),
        "output_targets": p.output_targets(),
        "outputs": p.outputs(),
        "benefits": p.benefits(),
        "budgets": p.budgets(),
        "spending": p.spending(),
        # funds and streams in use (issue 17, item 1)
        "funds": p.funds(),
        "fund_shares": tuple(s for f in p.funds() for s in f.shares),
        "streams": tuple(s for f in p.funds() for s in f.streams),
        "fund_awards": tuple(
            b for b in bids if b.status == "awarded" and b.fund in {f.id for f in p.funds()}
        ),
        "relational_answers": tuple(
            (r, a)
            for w in p.relational_waves()
            for r in p.relational_responses(w)
            for a in r.answers
        ),
        "planned_payments": p.planned_payments(),
        "payments": p.payments(),
        "reports": p.reports(),
        "contract_payments": p.contract_payments(),
        "events": tuple(p.history),
    }


def small() -> Partnership:
    """Two members, a role change, a seat, representatives and links that end."""
    return (
        Partnership("p", "P")
        .join(ALDER, roles={"lead"}, on=D1)
        .join(BIRCH, roles={"strategic"}, on=D1)
        .take_seat(CEDAR, "critical-friend", on=D1)
        .name_representative("alder", "Ann", on=D1, title="Director", can_decide=True)
        .link("birch", "alder", "refers-to", on=D1, weight=2.0)
        .change_roles("alder", {"lead", "provider"}, on=D2)
        .name_representative("birch", "Bo", on=D2)
        .suspend("birch", on=D2, reason="review")
        .stand_down_representative("alder", "Ann", on=D3)
        .unlink("birch", "alder", "refers-to", on=D3)
        .leave_seat("cedar", "critical-friend", on=D3)
        .reinstate("birch", on=D3)
    )


def plain(value: Any) -> Any:
    """A row's value as plain data writes it: a date as ISO text."""
    return value.isoformat() if isinstance(value, date) else value


def flat(data: dict[str, Any]) -> dict[str, Any]:
    """A record's plain data with its period's ends as ``start`` and ``end``."""
    period = data.get("period")
    if isinstance(period, dict):
        return {**data, **period}
    return data


def plain_data(name: str, record: Any) -> dict[str, Any]:
    """A record's fields as plain data: ``psp.to_data``, with its period's ends as ``start``
    and ``end``; a record that is a tuple (a stage taken, an initiator, a capability, a
    link kind, a rating) by its parts."""
    if name == "stages":
        day, step, stage = record
        return {"on": day.isoformat(), "step": step.value, "stage": stage.value}
    if name == "initiators":
        initiation, o = record
        return {
            **psp.to_data(initiation),
            "partner_id": o.id,
            "name": o.name,
            "sector": o.sector.value,
        }
    if name == "capabilities":
        pid, capability = record
        return {"partner_id": pid, "capability": capability.value}
    if name == "link_kinds":
        kind, (label, inverse) = record
        return {"kind": str(kind), "label": label, "inverse_label": inverse}
    if name == "relational_answers":
        response, answer = record
        return {**psp.to_data(response), **psp.to_data(answer)}
    if name == "risk_ratings":
        risk, day, rating = record
        return {"risk": risk, "on": day.isoformat(), **psp.to_data(rating)}
    return flat(psp.to_data(record))


def agrees(row: dict[str, Any], data: dict[str, Any]) -> list[str]:
    """The columns of ``row`` that disagree with the same field of ``data``: a list is a
    count or the row's text split (free text by lines, ids and roles by spaces)."""
    wrong = []
    for key, value in row.items():
        if key not in data or key == "data":
            continue
        expected = data[key]
        if isinstance(expected, list):
            if isinstance(value, int):
                ok = value == len(expected)
            else:
                parts = (
                    value.split("\n") if key in ("areas", "agenda", "decisions") else value.split()
                )
                ok = sorted(p for p in parts if p) == sorted(expected)
        else:
            ok = plain(value) == expected
        if not ok:
            wrong.append(key)
    return wrong


#: The dtype kind pandas gives a column of numbers or flags that is never missing.
KINDS: dict[Any, str] = {int: "i", float: "f", bool: "b"}


def assert_frame(row_type: Any, rows: tuple[Any, ...]) -> None:
    """pandas takes ``rows`` as they are: the documented columns, and a number or a flag
    that is never missing gets a numeric or boolean dtype."""
    hints = get_type_hints(row_type)
    frame = pd.DataFrame(list(rows), columns=list(hints))
    if rows:
        frame = pd.DataFrame(rows)
        for column, hint in hints.items():
            if hint in KINDS:
                assert frame[column].dtype.kind == KINDS[hint], column
    assert list(frame.columns) == list(hints)


def assert_rows(p: Partnership) -> None:
    """Every row of every table of ``p`` is plain data, one per record, agreeing with
    ``psp.to_data`` of the record, in the documented columns, which pandas keeps."""
    t = psp.tables(p)
    assert tuple(t.as_dict()) == psp.Tables._fields == tuple(ROW_TYPES) == tuple(records(p))
    for name, recs in records(p).items():
        rows = getattr(t, name)
        assert len(rows) == len(recs), name
        for row, record in zip(rows, recs, strict=True):
            assert list(row) == list(get_type_hints(ROW_TYPES[name])), name
            assert row["partnership"] == p.id
            assert all(isinstance(v, PLAIN) for k, v in row.items() if k != "data"), row
            assert agrees(row, plain_data(name, record)) == [], (name, row)
    assert json.dumps(t.as_dict(), default=date.isoformat, allow_nan=False)
    assert [r["data"] for r in t.events] == psp.to_data(list(p.history))
    assert [r["version"] for r in t.events] == list(range(1, p.version + 1))
    for name, rows in t.as_dict().items():
        assert_frame(ROW_TYPES[name], rows)


class TestRows:
    """Every row of every table is plain data, one per record, agreeing with to_data."""

    @settings(max_examples=25, deadline=None)
    @given(partnerships(max_organisations=4, max_steps=15))
    def test_every_row_is_plain_and_round_trips_through_plain_data(self, p: Partnership) -> None:
        assert_rows(p)

    def test_the_records_of_people_and_practice_are_checked_as_every_other(
        self, low_moss: Partnership
    ) -> None:
        # Generated histories of 15 steps seldom reach issue 18's records: check the
        # tables of two histories that hold each of them.
        assert_rows(practice())
        assert_rows(low_moss)

    @settings(max_examples=25, deadline=None)
    @given(partnerships(max_organisations=4, max_steps=15), st.data())
    def test_on_a_date_the_tables_are_what_the_queries_say(
        self, p: Partnership, data: st.DataObject
    ) -> None:
        on = data.draw(st.sampled_from(sorted({e.on for e in p.history}) or [D1]))
        t = psp.tables(p, on=on)
        assert {(r["partner_id"], frozenset(r["roles"].split())) for r in t.memberships} == {
            (m.id, frozenset(r.value for r in p.roles_of(m, on))) for m in p.members(on)
        }
        assert [(r["partner_id"], r["kind"]) for r in t.seats] == [
            (s.partner_id, s.kind.value) for s in p.seats_on(on)
        ]
        assert sorted((r["partner_id"], r["person"]) for r in t.representatives) == sorted(
            (pid, r.person) for pid in p.organisations for r in p.representatives_of(pid, on)
        )
        assert [(r["source"], r["target"], r["kind"]) for r in t.links] == [
            (k.source, k.target, str(k.kind)) for k in p.links_on(on)
        ]
        assert [(r["partner_id"], r["start"]) for r in t.suspensions] == [
            (s.partner_id, s.period.start) for s in p.suspended(on)
        ]
        assert [(r["partner_id"], r["capability"]) for r in t.capabilities] == [
            (pid, c.value) for pid, found in p.capabilities(on).items() for c in sorted(found)
        ]
        assert [(r["rule"], r["start"]) for r in t.waivers] == [
            (w.rule, w.period.start) for w in p.waivers(on)
        ]
        assert [(r["post_id"], r["person"], r["start"]) for r in t.posts] == [
            (h.post_id, h.person, h.period.start) for h in p.holders(on)
        ]

    def test_roles_over_time_are_rows_with_their_dates(self) -> None:
        rows = psp.tables(small()).memberships
        assert [(r["partner_id"], r["roles"], r["start"], r["end"]) for r in rows] == [
            ("alder", "lead", D1, D2),
            ("birch", "strategic", D1, None),
            ("alder", "lead provider", D2, None),
        ]

    def test_on_a_date_every_spanning_table_keeps_what_was_in_force(self) -> None:
        before, after = psp.tables(small(), on=D1), psp.tables(small(), on=D3)
        assert [r["roles"] for r in before.memberships] == ["lead", "strategic"]
        assert [r["partner_id"] for r in before.seats] == ["cedar"]
        assert [r["person"] for r in before.representatives] == ["Ann"]
        assert [r["weight"] for r in before.links] == [2.0]
        assert (after.seats, after.links, after.suspensions, before.suspensions) == ((),) * 4
        (suspended,) = psp.tables(small(), on=D2).suspensions
        assert (suspended["partner_id"], suspended["end"], suspended["reason"]) == (
            "birch",
            D3,
            "review",
        )
        assert [r["person"] for r in after.representatives] == ["Bo"]

    def test_a_tender_row_lists_its_tenderers_in_order(self) -> None:
        cja = Partner("cja", "CJA", "public", public_body_kind="cja")
        p = (
            small()
            .join(cja, on=D3)
            .plan_tender(Tender(id="t", commissioner="cja", title="Throughcare"), on=D3)
            .open_tender("t", on=D3)
            .receive_tender("t", "birch", on=D3)
            .receive_tender("t", "alder", on=D3)
        )
        (row,) = psp.tables(p).tenders
        assert (row["id"], row["status"], row["tenderers"]) == ("t", "active", "birch alder")

    def test_an_event_row_names_the_ids_its_event_holds(self, low_moss: Partnership) -> None:
        t = psp.tables(low_moss)
        by_type = {r["type"]: r["ids"] for r in t.events}
        assert by_type["seat-taken"] == "rfb"
        (commitment,) = low_moss.commitments()
        sought = next(r for r in t.events if r["type"] == "commitment-sought")
        assert set(sought["ids"].split()) == {
            commitment.id,
            commitment.by,
            *commitment.on_behalf_of,
        }
        meeting = next(r for r in t.events if r["type"] == "meeting-held")
        held = low_moss.meetings()[0]  # the governance group's: its id is named too
        assert held.group is not None
        assert set(meeting["ids"].split()) == held.organisations | {held.group}
        baseline = next(r for r in t.events if r["type"] == "baseline-recorded")
        assert baseline["ids"] == ""  # a baseline's source is text, not an id


def practice() -> Partnership:
    """Issue 18's records: an initiation, two choices of lead, contributions (one of a
    kind of one's own), a capability declaration replaced, a waiver withdrawn, a link kind
    defined twice, a post handed over, a risk rated twice and closed, a difference; and
    a budget line revised, one of a category of one's own, and two spends."""
    mentors = psp.Term("acme:mentors")
    return (
        Partnership("p", "P")
        .join(ALDER, roles={"lead"}, on=D1)
        .join(BIRCH, roles={"strategic"}, on=D1)
        .add_organisation(CEDAR, on=D1)
        .record_initiation({"cedar", "birch"}, on=D1, note="after talks")
        .select_lead("alder", on=D1, method="open-discussion")
        .record_contribution("birch", "data", on=D1)
        .declare_capabilities("cedar", {"mentoring", "analysis"}, on=D1)
        .declare_capabilities("alder", {"leadership"}, on=D1)
        .define_link_kind(mentors, label="mentors", inverse_label="is mentored by", on=D1)
        .waive("lead-sector", granted_by="birch", on=D1, reason="accepted")
        .establish_post(psp.Post("manager", "partnership-manager", title="Manager"), on=D1)
        .establish_post(psp.Post("clerk", "secretary"), on=D1)
        .fill_post("manager", "Ann", on=D1, partner="alder", title="Director")
        .raise_risk("late", "funding late", on=D1, owner="birch", rating=psp.Rating(4, 3))
        .raise_risk("churn", "staff leave", on=D1, kind="issue")
        .select_lead(
            "alder", on=D2, method="competition", by={"cedar", "birch"}, alternatives={"cedar"}
        )
        .record_contribution("alder", psp.Term("acme:volunteer-drivers"), on=D2, value=900)
        .declare_capabilities("cedar", {"service-delivery"}, on=D2)
        .define_link_kind(mentors, label="coaches", inverse_label="is coached by", on=D2)
        .withdraw_waiver("lead-sector", on=D2)
        .vacate_post("manager", on=D2)
        .fill_post("manager", on=D2)
        .review_risk("late", on=D2, rating=psp.Rating(2, 3), mitigation="bridge funding")
        .record_difference("x", "who refers", ["birch", "alder"], on=D2)
        .set_budget("staff", 500, period=psp.Period(D1, D3), on=D2)
        .set_budget("staff", 400, period=psp.Period(D1, D3), on=D2, note="revised")
        .set_budget(psp.Term("acme:travel"), 50, period=psp.Period(D2), on=D2)
        .record_spend("staff", 120, on=D2)
        .record_spend("consultants", 30, on=D2, period=psp.Period(D1, D3), note="facilitation")
        .close_risk("late", on=D3, reason="funded")
        .resolve_difference("x", "a protocol", on=D3)
    )


class TestPractice:
    """Issue 18's records as rows: who initiated, chose and brings what, what is waived,
    defined, held, risked and disputed."""

    def test_origins_and_contributions_are_rows(self) -> None:
        t = psp.tables(practice())
        assert [(r["partner_id"], r["sector"], r["on"], r["note"]) for r in t.initiators] == [
            ("birch", "public", D1, "after talks"),
            ("cedar", "private", D1, "after talks"),
        ]
        assert [(r["on"], r["method"], r["by"], r["alternatives"]) for r in t.lead_selections] == [
            (D1, "open-discussion", "", ""),
            (D2, "competition", "birch cedar", "cedar"),
        ]
        assert [(r["partner_id"], r["kind"], r["value"]) for r in t.contributions] == [
            ("birch", "data", None),
            ("alder", "acme:volunteer-drivers", 900),
        ]

    def test_capabilities_are_each_organisations_latest_declaration(self) -> None:
        rows = [
            (r["partner_id"], r["capability"], r["declared_on"])
            for r in psp.tables(practice()).capabilities
        ]
        assert rows == [("cedar", "service-delivery", D2), ("alder", "leadership", D1)]
        before = psp.tables(practice(), on=D1).capabilities
        assert [(r["partner_id"], r["capability"]) for r in before] == [
            ("cedar", "analysis"),
            ("cedar", "mentoring"),
            ("alder", "leadership"),
        ]

    def test_waivers_and_link_kinds_are_rows(self) -> None:
        t = psp.tables(practice())
        assert [(r["rule"], r["granted_by"], r["start"], r["end"]) for r in t.waivers] == [
            ("lead-sector", "birch", D1, D2)
        ]
        assert psp.tables(practice(), on=D2).waivers == ()
        assert [(r["kind"], r["label"], r["inverse_label"]) for r in t.link_kinds] == [
            ("acme:mentors", "coaches", "is coached by")
        ]

    def test_a_post_handed_over_is_two_spans(self) -> None:
        rows = psp.tables(practice()).posts
        assert [
            (
                r["post_id"],
                r["kind"],
                r["post_title"],
                r["person"],
                r["partner_id"],
                r["title"],
                r["start"],
                r["end"],
            )
            for r in rows
        ] == [
            ("manager", "partnership-manager", "Manager", "Ann", "alder", "Director", D1, D2),
            ("manager", "partnership-manager", "Manager", None, None, None, D2, None),
        ]
        assert [r["person"] for r in psp.tables(practice(), on=D1).posts] == ["Ann"]

    def test_a_risk_row_holds_its_latest_rating_and_the_ratings_their_history(self) -> None:
        t = psp.tables(practice())
        assert [
            (
                r["id"],
                r["kind"],
                r["owner"],
                r["likelihood"],
                r["impact"],
                r["score"],
                r["reviews"],
                r["closed_on"],
            )
            for r in t.risks
        ] == [
            ("late", "risk", "birch", 2, 3, 6, 1, D3),
            ("churn", "issue", None, None, None, None, 0, None),
        ]
        assert [
            (r["risk"], r["on"], r["likelihood"], r["impact"], r["score"]) for r in t.risk_ratings
        ] == [
            ("late", D1, 4, 3, 12),
            ("late", D2, 2, 3, 6),
        ]

    def test_a_difference_names_its_parties_sorted(self) -> None:
        (row,) = psp.tables(practice()).differences
        assert (row["parties"], row["raised_on"], row["resolved_on"], row["how"]) == (
            "alder birch",
            D2,
            D3,
            "a protocol",
        )


def delivery() -> Partnership:
    """A target set then revised, what was delivered in two quarters, a benefit to a
    member and one to a body that is not."""
    year, q1, q2 = psp.Period(D1, D4), psp.Period(D1, D2), psp.Period(D2, D3)
    return (
        Partnership("p", "P")
        .join(ALDER, roles={"lead"}, on=D1)
        .add_organisation(BIRCH, on=D1)
        .set_output_target("served", "people-served", 120, period=year, on=D1, unit="people")
        .set_output_target("served", "people-served", 100, period=year, on=D2, note="revised")
        .record_output("served", 20, period=q1, on=D2)
        .record_output("served", 35, period=q2, on=D3, note="late returns")
        .identify_benefit("birch", on=D3, cashable=True, estimate=5000, basis="fewer returns")
        .identify_benefit("alder", on=D3, cashable=False)
    )


class TestDelivery:
    """Outputs and benefits as rows: the targets in force, what was delivered, who gains."""

    def test_the_rows_agree_with_the_records(self) -> None:
        assert_rows(delivery())

    def test_a_revised_target_is_one_row_as_it_stood_on_the_day(self) -> None:
        now, then = psp.tables(delivery()), psp.tables(delivery(), on=D1)
        assert [(r["target"], r["on"], r["note"]) for r in now.output_targets] == [
            (100, D2, "revised")
        ]
        assert [(r["target"], r["unit"]) for r in then.output_targets] == [(120, "people")]
        assert [(r["start"], r["end"], r["value"]) for r in now.outputs] == [
            (D1, D2, 20),
            (D2, D3, 35),
        ]

    def test_a_benefit_row_names_the_body_and_its_sector(self) -> None:
        rows = psp.tables(delivery()).benefits
        assert [(r["partner_id"], r["sector"], r["cashable"], r["estimate"]) for r in rows] == [
            ("birch", "public", True, 5000),
            ("alder", "third", False, None),
        ]


class TestPortfolio:
    """A portfolio's tables are its partnerships' tables concatenated, then its own links."""

    @settings(max_examples=25, deadline=None)
    @given(portfolios(max_partnerships=2, max_organisations=4, max_steps=8))
    def test_a_portfolio_concatenates_its_partnerships(self, f: Portfolio) -> None:
        t = psp.tables(f)
        for name in psp.Tables._fields:
            parts = tuple(r for p in f.partnerships for r in getattr(psp.tables(p), name))
            own = tuple(r for r in getattr(t, name) if r["partnership"] is None)
            assert getattr(t, name) == parts + own, name
        assert [(r["source"], r["target"]) for r in t.links if r["partnership"] is None] == [
            (k.source, k.target) for k in f.links
        ]

    def test_a_portfolio_link_on_a_date(self) -> None:
        a = Partnership("a", "A").join(ALDER, on=D1)
        b = Partnership("b", "B").join(BIRCH, on=D1)
        f = Portfolio("f", "F", [a, b]).link("alder", "birch", "refers-to", on=D2)
        assert psp.tables(f, on=D1).links == ()
        (row,) = psp.tables(f, on=D2).links
        assert (row["partnership"], row["source"], row["start"]) == (None, "alder", D2)


class TestComposition:
    """Portfolio composition rows carry the stage, the lead's size and the funding awarded."""

    def test_stage_lead_size_and_funding_awarded(self) -> None:
        awarded = (
            Partnership("a", "A")
            .join(ALDER, roles={"lead"}, on=D1)
            .join(BIRCH, on=D1)
            .draft_bid(
                Bid(id="one", funder="birch", purpose="pilot", drafted_on=D1, amount_asked=900)
            )
            .submit_bid("one", on=D2)
            .decide_bid("one", on=D3, awarded=True, amount=700)
            .draft_bid(Bid(id="two", funder="birch", purpose="pilot", drafted_on=D3))
            .submit_bid("two", on=D3)
            .decide_bid("two", on=D4, awarded=True, amount=50)
            .draft_bid(Bid(id="three", funder="birch", purpose="pilot", drafted_on=D4))
            .submit_bid("three", on=D4)
        )
        none = Partnership("b", "B").join(BIRCH, roles={"lead"}, on=D1)
        rows = Portfolio("f", "F", [awarded, none]).composition()
        assert [(r["stage"], r["lead_size"], r["funding_awarded"]) for r in rows] == [
            ("forming", Size.SMALL.value, sum(awarded.funding_mix().known.values())),
            ("forming", None, None),
        ]
        assert rows[0]["funding_awarded"] == 750

    def test_an_award_without_an_amount_adds_nothing(self) -> None:
        p = (
            Partnership("a", "A")
            .join(ALDER, on=D1)
            .draft_bid(Bid(id="one", funder="alder", purpose="pilot", drafted_on=D1))
            .submit_bid("one", on=D2)
            .decide_bid("one", on=D3, awarded=True)
        )
        (row,) = Portfolio("f", "F", [p]).composition()
        assert (row["lead_size"], row["funding_awarded"]) == (None, None)


class TestRefusals:
    def test_only_a_partnership_or_a_portfolio_has_tables(self) -> None:
        with pytest.raises(psp.InvalidValueError, match="must be a Partnership or a Portfolio"):
            psp.tables("p")  # type: ignore[arg-type]


def money() -> Partnership:
    """Issue 17's payments and reports: a bid awarded, two payments planned, the first
    paid in two parts, one paid against no plan, two reports required, one received; a
    tender awarded to Alder Trust and paid twice under its contract."""
    p = small().draft_bid(Bid(id="g", funder="birch", purpose="pilot", drafted_on=D3))
    p = p.submit_bid("g", on=D3).decide_bid("g", on=D3, awarded=True, amount=1_000)
    p = p.plan_payment("g-1", "g", 600, due=D3, on=D3).plan_payment("g-2", "g", 300, due=D4, on=D3)
    p = p.require_report("r-1", "g", "progress", due=D4, on=D3)
    p = p.require_report("r-2", "g", "final accounts", due=D4, on=D3)
    p = p.record_payment("m-1", "g", 200, on=D3, planned_id="g-1")
    p = p.record_payment("m-2", "g", 400, on=D4, planned_id="g-1")
    p = p.record_payment("m-3", "g", 50, on=D4).receive_report("r-1", on=D4)
    p = p.plan_tender(Tender(id="t", commissioner="birch", title="Service"), on=D4)
    p = p.open_tender("t", on=D4).receive_tender("t", "alder", on=D4)
    p = p.award_tender("t", "alder", on=D4, value=500)
    p = p.record_contract_payment("c-1", "t", 300, on=D4)
    return p.record_contract_payment("c-2", "t", 200, on=D4, note="the rest")


class TestPayments:
    """Issue 17's payments and reports as rows, with the bid's funder."""

    def test_payments_and_reports_are_rows(self) -> None:
        assert_rows(money())
        t = psp.tables(money())
        assert [(r["id"], r["funder"], r["due"], r["amount"]) for r in t.planned_payments] == [
            ("g-1", "birch", D3, 600),
            ("g-2", "birch", D4, 300),
        ]
        assert [(r["id"], r["amount"], r["paid_on"], r["planned_id"]) for r in t.payments] == [
            ("m-1", 200, D3, "g-1"),
            ("m-2", 400, D4, "g-1"),
            ("m-3", 50, D4, None),
        ]
        assert [(r["id"], r["what"], r["received_on"]) for r in t.reports] == [
            ("r-1", "progress", D4),
            ("r-2", "final accounts", None),
        ]
        assert [
            (r["id"], r["tender_id"], r["commissioner"], r["supplier"], r["amount"], r["note"])
            for r in t.contract_payments
        ] == [
            ("c-1", "t", "birch", "alder", 300, ""),
            ("c-2", "t", "birch", "alder", 200, "the rest"),
        ]
