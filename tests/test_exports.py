"""Exports to data standards: W3C ORG (JSON-LD), Open Referral HSDS 3.0, 360Giving 1.4.3
and OCDS 1.1.5.

The HSDS, 360Giving and OCDS documents are validated against the standards' own
published schemas, copied unchanged into ``tests/fixtures/schemas`` (its README names
each file's source, version, commit and licence). The ORG document has no schema: it is
checked for the classes and properties it must use, for declared prefixes and for a graph
whose references all resolve.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012

import psp
from psp import (
    Bid,
    BidDecided,
    InvalidValueError,
    Measure,
    MoU,
    Partner,
    Partnership,
    Role,
    RuleViolationError,
    Sector,
    ServiceDesign,
    Signatory,
    Stage,
    SustainabilityCommitment,
    Tender,
    TenderStatus,
    UnknownReferenceError,
)
from psp.testing import names, partners, partnerships, role_sets

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "schemas"
PREFIX = "360G-psp"
OCID_PREFIX = "ocds-a1b2c3"
PUBLISHED = date(2015, 1, 5)


# -- the official schemas ------------------------------------------------------------


def _format_checker() -> FormatChecker:
    """jsonschema's format checks (uuid, email, date, ...) and, since their optional
    packages are not installed, RFC 3339 date-times and absolute URIs."""
    checker = FormatChecker()
    date_time = re.compile(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", re.IGNORECASE
    )

    @checker.checks("date-time")
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if date_time.fullmatch(value) is None:
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00"))  # a real calendar date
        return True

    @checker.checks("uri")
    def _uri(value: object) -> bool:
        return (
            not isinstance(value, str) or re.fullmatch(r"[A-Za-z][\w+.-]*:\S+", value) is not None
        )

    return checker


FORMATS = _format_checker()


def _load(*parts: str) -> Any:
    return json.loads(SCHEMAS.joinpath(*parts).read_text(encoding="utf-8"))


@functools.cache
def _validator(name: str) -> Validator:
    if name in ("service", "service_with_definitions", "organization"):
        # The compiled HSDS files declare no $schema; their $refs are local JSON pointers.
        return Draft202012Validator(_load("hsds-3.0", f"{name}.json"), format_checker=FORMATS)
    if name == "360giving":
        grant = _load("360giving-1.4.3", "360-giving-schema.json")
        # It declares "http://json-schema.org/draft/2020-12/schema" (http, not https),
        # which referencing does not recognise: say which draft it is.
        registry: Registry[Any] = Registry().with_resource(
            grant["$id"], DRAFT202012.create_resource(grant)
        )
        package = _load("360giving-1.4.3", "360-giving-package-schema.json")
        return Draft202012Validator(package, registry=registry, format_checker=FORMATS)
    release = _load("ocds-1.1.5", "release-schema.json")
    if name == "ocds-release":
        return Draft4Validator(release, format_checker=FORMATS)
    resource = Resource.from_contents(release, default_specification=DRAFT4)
    registry = Registry().with_resource(release["id"], resource)
    package = _load("ocds-1.1.5", "release-package-schema.json")
    return Draft4Validator(package, registry=registry, format_checker=FORMATS)


def problems(schema: str, instance: Any) -> list[str]:
    """Every way ``instance`` breaks the schema, each with its path."""
    return [
        f"{e.json_path}: {e.message}"
        for e in sorted(_validator(schema).iter_errors(instance), key=lambda e: e.json_path)
    ]


def assert_valid_hsds(doc: dict[str, Any]) -> None:
    assert problems("service_with_definitions", doc["service"]) == []
    for record in doc["organizations"]:
        assert problems("organization", record) == []


def assert_plain(doc: Any) -> None:
    """Plain JSON data: a round trip through json changes nothing."""
    assert json.loads(json.dumps(doc)) == doc


class TestTheSchemasBite:
    """The validators refuse what the standards refuse, so a pass means something."""

    def test_hsds_needs_uuids_and_a_status(self) -> None:
        assert problems("service", {"id": "x", "name": "n", "status": "open"}) == [
            "$.id: 'x' is not a 'uuid'",
            "$.status: 'open' is not one of ['active', 'inactive', 'defunct', "
            "'temporarily closed']",
        ]

    def test_360giving_needs_a_grant_with_an_amount(self) -> None:
        assert [e.split(":")[0] for e in problems("360giving", {"grants": []})] == ["$.grants"]
        grant = {"id": "g", "title": "t", "description": "d", "currency": "GBP"}
        assert problems("360giving", {"grants": [grant]})  # no amount, dates or organisations

    def test_ocds_needs_date_times_with_offsets(self) -> None:
        release = {"ocid": "o", "id": "1", "tag": ["planning"], "initiationType": "tender"}
        assert problems("ocds-release", {**release, "date": "2015-01-05"}) == [
            "$.date: '2015-01-05' is not a 'date-time'"
        ]
        assert problems("ocds-release", {**release, "date": "2015-01-05T00:00:00Z"}) == []

    def test_the_ocds_package_checks_its_releases(self) -> None:
        package = {
            "uri": "https://example.org/p.json",
            "publisher": {"name": "P"},
            "publishedDate": "2015-01-05T00:00:00Z",
            "version": "1.1",
            "releases": [{"ocid": "o"}],
        }
        assert "$.releases[0]: 'id' is a required property" in problems("ocds-package", package)


# -- partnerships to export ------------------------------------------------------------

AMOUNTS = {"pilot-scot-gov": 150_000, "pilot-robertson-trust": 90_000}  # illustrative
REVIEWED = date(2014, 6, 2)
OUTSIDER = Partner("rival", "A rival provider", Sector.THIRD, identifiers=["GB-COH-12345678"])


def rebuilt(p: Partnership, history: Iterable[psp.Event] | None = None) -> Partnership:
    """``p`` made again from (a version of) its history."""
    return Partnership(
        p.id,
        p.name,
        focus=p.focus,
        scope=p.scope,
        areas=p.areas,
        description=p.description,
        policy=p.policy,
        history=p.history if history is None else history,
    )


def with_amounts(p: Partnership) -> Partnership:
    """Low Moss with illustrative amounts for its two pilot awards (the seed gives none)."""
    return rebuilt(
        p,
        tuple(
            attrs.evolve(e, amount=AMOUNTS[e.bid_id])
            if isinstance(e, BidDecided) and e.awarded
            else e
            for e in p.history
        ),
    )


def tendered(p: Partnership, winner: str | None = "rival") -> Partnership:
    """Low Moss taken on, illustratively, to a tender: the review after the pilot's
    results and the 2014 Spending Review, then a tender by North Strathclyde CJA that
    the lead and a rival provider bid for."""
    import low_moss

    p = p.record_result("cja-commitment", low_moss.REOFFENDING, 44, on=date(2014, 6, 1))
    p = p.resolve_condition("cja-commitment", low_moss.SPENDING_REVIEW, True, on=date(2014, 6, 1))
    p = p.step("start-review", on=REVIEWED).partnership
    tender = Tender(id="throughcare", commissioner="ns-cja", title="Throughcare", value=900_000)
    p = p.plan_tender(tender, on=date(2014, 7, 1)).add_organisation(OUTSIDER, on=date(2014, 7, 1))
    p = p.open_tender("throughcare", on=date(2014, 8, 1))
    p = p.receive_tender("throughcare", "tps", on=date(2014, 9, 1))
    p = p.receive_tender("throughcare", "rival", on=date(2014, 9, 2))
    if winner is None:
        return p
    p = p.award_tender("throughcare", winner, on=date(2014, 10, 1), value=850_000)
    return p.step("commission", on=date(2014, 11, 1)).partnership


#: A policy with few guards, for partnerships that reach the pilot with little else.
BARE = psp.Policy(
    min_public_members=0,
    mou_before_pilot=False,
    design_approval_before_pilot=False,
    pilot_award_before_pilot=False,
)


def bare(description: str = "", *, pilot: bool = True) -> Partnership:
    """A partnership with a member that led it into design and then stepped back, and a
    public body; with no service design, bid, area or focus; piloted if ``pilot``."""
    p = Partnership("bare", "Bare PSP", description=description, policy=BARE)
    p = p.join(Partner("a", "A charity", "third"), roles={"lead"}, on=D0)
    p = p.join(Partner("c", "A council", "public", public_body_kind="local-authority"), on=D0)
    p = p.step("start-design", on=D0).partnership.change_roles("a", {"provider"}, on=D0 + DAY)
    return p.step("start-pilot", on=D0 + 2 * DAY).partnership if pilot else p


@pytest.fixture(scope="module")
def commissioned(low_moss: Partnership) -> Partnership:
    return tendered(with_amounts(low_moss))


D0 = date(2012, 4, 1)
DAY = timedelta(days=1)
_AMOUNT = st.none() | st.integers(0, 10**6)


def awards(asked: int | None) -> st.SearchStrategy[int | None]:
    """An amount awarded: unknown, or more than 0 and no more than asked."""
    if asked == 0:
        return st.none()
    return st.none() | st.integers(1, 10**6 if asked is None else asked)


#: The fund the journeys' further bids name: three funders, two known to it only.
JOURNEY_FUND = psp.Fund(
    "rrcf",
    "Change Fund",
    funders={"funder", "sps", "rt"},
    shares=[psp.FunderShare("rt", 2_000_000), psp.FunderShare("funder")],
    streams=[psp.Stream("year-2-3", "Year 2/3 delivery funding", "delivery")],
)


@st.composite
def journeys(draw: st.DrawFn) -> Partnership:
    """Partnerships that go through the real guards (``Policy()``) to the pilot, then on
    to a drawn end: still piloting, reviewed (perhaps with a tender in any state),
    commissioned by tender, continued or closed; with further bids of every purpose and
    outcome, some awarded while no member led."""
    lead = draw(partners(id="lead", sector=Sector.THIRD))
    cja = draw(partners(id="cja", sector=Sector.PUBLIC))
    others = [draw(partners(id=f"m{i}")) for i in range(draw(st.integers(0, 2)))]
    p = Partnership(
        "journey",
        draw(names()),
        focus=draw(st.frozensets(st.sampled_from(psp.Focus), max_size=2)),
        areas=draw(st.frozensets(st.sampled_from(["Glasgow", "Fife", "Tayside"]), max_size=2)),
        description=draw(st.sampled_from(["", "Throughcare"])),
    )
    p = p.join(lead, roles={"lead", "provider"}, on=D0).join(cja, roles={"strategic"}, on=D0)
    for o in others:
        p = p.join(o, roles=draw(role_sets()) - {Role.LEAD}, on=D0)
    p = p.step("start-design", on=D0).partnership
    if draw(st.booleans()):
        p = p.agree_service_design(ServiceDesign(draw(names()), components=["mentoring"]), on=D0)
    else:
        p = p.agree_service_design(ServiceDesign(draw(names())), on=D0)
    p = p.add_organisation(draw(partners(id="funder")), on=D0)
    asked = draw(_AMOUNT)
    fund = draw(st.none() | st.just("rrcf"))
    p = p.draft_bid(
        Bid(
            id="pilot",
            funder="funder",
            purpose="pilot",
            drafted_on=D0,
            amount_asked=asked,
            fund=fund,
        )
    )
    p = p.submit_bid("pilot", on=D0)
    p = p.decide_bid("pilot", on=D0, awarded=True, amount=draw(awards(asked)))
    p = p.approve_design("funder", on=D0)
    p = p.draft_mou(
        MoU(
            id="mou",
            drafted_on=D0,
            parties={"lead", "cja"},
            signatories=[Signatory("Al", "lead"), Signatory("Bo", "cja")],
        )
    )
    p = p.seek_commitment(
        SustainabilityCommitment(
            id="c", by="cja", measures=[Measure("reoffending", 53, 48, higher_is_better=False)]
        ),
        on=D0,
    ).give_commitment("c", on=D0)
    launch = D0 + 30 * DAY
    p = p.sign_mou("mou", "Al", on=launch).sign_mou("mou", "Bo", on=launch)
    p = p.step("start-pilot", on=launch).partnership

    day = launch + DAY
    if draw(st.booleans()):  # the lead steps back for a while
        p = p.change_roles("lead", {"provider"}, on=day)
    for n in range(draw(st.integers(0, 2))):
        bid_id = f"bid-{n}"
        p = p.draft_bid(
            Bid(
                id=bid_id,
                funder="funder",
                purpose=draw(st.sampled_from(psp.FundingPurpose)),
                drafted_on=day,
                amount_asked=draw(_AMOUNT),
                fund=draw(st.none() | st.just("rrcf")),
                stream=draw(st.none() | st.just("year-2-3")),
                areas=draw(st.frozensets(st.sampled_from(["Glasgow", "Fife"]))),
            )
        ).submit_bid(bid_id, on=day)
        outcome = draw(st.sampled_from(["awarded", "declined", "withdrawn", "open"]))
        if outcome == "withdrawn":
            p = p.withdraw_bid(bid_id, on=day)
        elif outcome != "open":
            awarded = outcome == "awarded"
            given = draw(awards(p.bid(bid_id).amount_asked))
            p = p.decide_bid(bid_id, on=day, awarded=awarded, amount=given if awarded else None)
    if draw(st.booleans()):  # the fund the bids name, recorded once they were decided
        p = p.record_fund(JOURNEY_FUND, on=day)
    for done in p.bids():  # at most one payment each, of a drawn amount
        paid = draw(st.none() | st.integers(1, done.amount_awarded or 1))
        if done.status is psp.BidStatus.AWARDED and done.amount_awarded and paid:
            p = p.record_payment(f"paid-{done.id}", done.id, paid, on=day)
    if not p.lead() and draw(st.booleans()):
        p = p.change_roles("lead", {"lead", "provider"}, on=day + DAY)

    end = draw(st.sampled_from(["pilot", "review", "commissioned", "continued", "closed"]))
    if end == "pilot":
        return p
    if end == "closed":
        return p.step("close", on=day + 2 * DAY, reason="the pilot ended").partnership
    met = end == "commissioned" or draw(st.booleans())
    p = p.record_result("c", "reoffending", 40 if met else 60, on=day + 2 * DAY)
    p = p.step("start-review", on=day + 2 * DAY).partnership
    if end == "continued":
        return p.step("continue-pilot", on=day + 3 * DAY).partnership
    status = TenderStatus.AWARDED if end == "commissioned" else draw(st.sampled_from(TenderStatus))
    t = Tender(id="tender", commissioner="cja", title=draw(names()), value=draw(_AMOUNT))
    on = day + 3 * DAY
    p = p.plan_tender(t, on=on).add_organisation(OUTSIDER, on=on)
    if status is TenderStatus.PLANNED:
        return p
    if status is TenderStatus.CANCELLED and draw(st.booleans()):
        return p.end_tender("tender", status, on=on)
    p = p.open_tender("tender", on=on + DAY)
    bidders = draw(
        st.lists(
            st.sampled_from(["lead", "rival", *(o.id for o in others)]), min_size=1, unique=True
        )
    )
    for b in bidders:
        p = p.receive_tender("tender", b, on=on + 2 * DAY)
    if status is TenderStatus.AWARDED:
        winner = draw(st.sampled_from(bidders))
        p = p.award_tender("tender", winner, on=on + 3 * DAY, value=draw(_AMOUNT))
        if end == "commissioned":
            p = p.step("commission", on=on + 4 * DAY).partnership
        return p
    if status is not TenderStatus.ACTIVE:
        p = p.end_tender("tender", status, on=on + 3 * DAY)
    return p


#: RFC 3986's unreserved characters: an identifier made of them needs no escaping in a
#: URL, a file name or a spreadsheet, and has no white space.
UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")
LATER = datetime(2015, 2, 1, 12, 0, tzinfo=UTC)
#: Ids as callers may write them (psp.ID_PATTERN): with the characters psp's
#: identifiers join parts with or escape.
ODD_IDS = st.builds(
    operator.add, st.sampled_from("ab1"), st.text(st.sampled_from("ab1-._~:"), max_size=4)
)
ANY_IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:~-]{0,7}", fullmatch=True)


@st.composite
def distinct_id_pairs(draw: st.DrawFn) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two different (partnership id, local id) pairs; often the same characters split
    in two places (``("a-b", "c")`` and ``("a", "b-c")``), the pairs a careless join
    confuses."""
    if draw(st.booleans()):
        a, b, c = draw(ODD_IDS), draw(ODD_IDS), draw(ODD_IDS)
        joint = draw(st.sampled_from(["-", ".", "_", "~", ":", "~2E", "~2D", "~3A", ""]))
        one, two = (a + joint + b, c), (a, b + joint + c)
    else:
        ids = ODD_IDS | ANY_IDS
        one, two = (draw(ids), draw(ids)), (draw(ids), draw(ids))
    assume(one != two)
    return one, two


def with_tender(partnership_id: str, tender_id: str) -> Partnership:
    """A partnership that has planned and opened one tender."""
    p = Partnership(partnership_id, "P").add_organisation(BUYER, on=D0)
    p = p.plan_tender(Tender(id=tender_id, commissioner="c", title="T"), on=D0)
    return p.open_tender(tender_id, on=D0)


def from_a_fund() -> Partnership:
    """A lead awarded a delivery bid to a recorded fund of four funders (one the
    partnership does not know, one with no share), paid twice of three planned
    payments (the figures are made up)."""
    trust = Partner("rt", "The Robertson Trust", "third", identifiers=["GB-SC-SC009079"])
    fund = psp.Fund(
        "rrcf",
        "Change Fund",
        funders={"sg", "rt", "sps", "big"},
        shares=[psp.FunderShare("sg", 7_500_000), psp.FunderShare("rt"), psp.FunderShare("sps")],
        decided_by="dmg",
        streams=[psp.Stream("y2", "Year 2/3 delivery funding", "delivery")],
    )
    p = Partnership("p", "P").join(Partner("a", "A", "third"), roles={"lead"}, on=D0)
    for o in (
        trust,
        Partner("sg", "Scottish Government", "public", public_body_kind="government"),
        Partner("big", "Big Lottery", "third"),
    ):
        p = p.add_organisation(o, on=D0)
    p = p.record_fund(fund, on=D0).draft_bid(
        Bid(id="y2", funder="rt", purpose="delivery", drafted_on=D0, fund="rrcf", stream="y2")
    )
    p = p.submit_bid("y2", on=D0).decide_bid("y2", on=D0 + DAY, awarded=True, amount=90_000)
    for n in (1, 2, 3):
        p = p.plan_payment(f"plan-{n}", "y2", 30_000, due=D0 + 30 * n * DAY, on=D0 + DAY)
    p = p.record_payment("paid-1", "y2", 30_000, on=D0 + 30 * DAY, planned_id="plan-1")
    return p.record_payment("paid-2", "y2", 20_000, on=D0 + 60 * DAY, planned_id="plan-2")


def with_grant(partnership_id: str, bid_id: str) -> Partnership:
    """A partnership whose lead was awarded one bid."""
    p = Partnership(partnership_id, "P").join(Partner("a", "A", "third"), roles={"lead"}, on=D0)
    p = p.add_organisation(Partner("f", "F", "third"), on=D0)
    p = p.draft_bid(Bid(id=bid_id, funder="f", purpose="pilot", drafted_on=D0))
    return p.submit_bid(bid_id, on=D0).decide_bid(bid_id, on=D0, awarded=True, amount=1)


BUYER = Partner("c", "A council", "public", public_body_kind="local-authority")


def _consult(p: Partnership, tender_id: str, n: int, day: date) -> Partnership:
    return p.consult(psp.Consultation("interview", summary=f"round {n}"), on=day)


def _baseline(p: Partnership, tender_id: str, n: int, day: date) -> Partnership:
    return p.record_baseline(psp.Baseline(f"figure {n}", n), on=day)


def _commitment(p: Partnership, tender_id: str, n: int, day: date) -> Partnership:
    p = p.seek_commitment(SustainabilityCommitment(id=f"k{n}", by="c"), on=day)
    return p.give_commitment(f"k{n}", on=day)


def _design(p: Partnership, tender_id: str, n: int, day: date) -> Partnership:
    return p.agree_service_design(ServiceDesign(f"Design {n}"), on=day)


def _open(p: Partnership, tender_id: str, n: int, day: date) -> Partnership:
    return p.open_tender(tender_id, on=day)


def _receive(p: Partnership, tender_id: str, n: int, day: date) -> Partnership:
    return p.receive_tender(tender_id, "a" if n % 2 else "rival", on=day)


def _award(p: Partnership, tender_id: str, n: int, day: date) -> Partnership:
    tenderers = p.tenders()[0].tenderers
    return p.award_tender(tender_id, tenderers[-1] if tenderers else "a", on=day, value=n or None)


def _end(p: Partnership, tender_id: str, n: int, day: date) -> Partnership:
    return p.end_tender(tender_id, "unsuccessful" if n % 2 else "cancelled", on=day)


TENDER_STEPS = [_consult, _baseline, _commitment, _design, _open, _receive, _award, _end]


@st.composite
def tender_histories(draw: st.DrawFn) -> Partnership:
    """A piloted partnership that plans a tender and goes on: the tender's own events
    interleaved with others that change its release (milestones, funders), some on the
    same day. A step the partnership refuses is skipped."""
    tender_id = draw(st.sampled_from(["t", "lot:1", "a-b"]))
    p = bare().add_organisation(OUTSIDER, on=D0 + 2 * DAY)
    p = p.plan_tender(Tender(id=tender_id, commissioner="c", title="T"), on=D0 + 3 * DAY)
    day = D0 + 3 * DAY
    for n, step in enumerate(draw(st.lists(st.sampled_from(TENDER_STEPS), max_size=10))):
        day += draw(st.sampled_from([timedelta(0), DAY]))
        try:
            p = step(p, tender_id, n, day)
        except psp.PSPError:
            continue
    return p


# -- W3C ORG -------------------------------------------------------------------------


def nodes(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    graph = doc["@graph"]
    by_id = {n["@id"]: n for n in graph}
    assert len(by_id) == len(graph), "every node has its own @id"
    return by_id


def types(node: dict[str, Any]) -> set[str]:
    t = node["@type"]
    return {t} if isinstance(t, str) else set(t)


def of_type(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [n for n in doc["@graph"] if kind in types(n)]


def ids(value: Any) -> list[str]:
    """The IRIs a property's value refers to (one reference or a list of them)."""
    refs = value if isinstance(value, list) else [value]
    return [r["@id"] for r in refs]


def walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``value``, nested ones included."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


def instant(day: str) -> dict[str, Any]:
    return {"@type": "time:Instant", "time:inXSDDate": {"@value": day, "@type": "xsd:date"}}


def check_org_document(doc: dict[str, Any]) -> None:
    """Every term uses a declared prefix, and every reference resolves to a node."""
    prefixes = set(doc["@context"])
    graph = nodes(doc)
    for obj in walk(doc["@graph"]):
        for key in obj:
            assert key.startswith("@") or key.split(":")[0] in prefixes, key
        for t in types(obj) if "@type" in obj else set():
            assert t.startswith("https://") or t.split(":")[0] in prefixes, t
        if set(obj) == {"@id"}:
            assert obj["@id"] in graph, f"{obj['@id']} is referred to but not described"


class TestOrgJsonLd:
    """The partnership as W3C ORG linked data."""

    def test_the_partnership_is_an_organizational_collaboration(
        self, low_moss: Partnership
    ) -> None:
        doc = psp.to_org_jsonld(low_moss)
        whole = doc["@graph"][0]
        assert whole["@id"] == "urn:psp:partnership/low-moss"
        assert types(whole) == {"org:OrganizationalCollaboration"}
        assert whole["skos:prefLabel"] == "Low Moss Prison Throughcare Pathway"
        assert ids(whole["org:purpose"]) == ["urn:psp:focus/prison-leavers", "urn:psp:focus/remand"]
        assert len(whole["org:hasMember"]) == 14
        assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
        assert doc["@context"]["time"] == "http://www.w3.org/2006/time#"
        check_org_document(doc)

    def test_memberships_carry_member_roles_and_dates(self, low_moss: Partnership) -> None:
        doc = psp.to_org_jsonld(low_moss)
        graph = nodes(doc)
        memberships = of_type(doc, "org:Membership")
        assert len(memberships) == len(low_moss.memberships) == 14
        tps = graph["urn:psp:organisation/tps"]
        (mine,) = [graph[i] for i in ids(tps["org:hasMembership"])]
        assert ids(mine["org:member"]) == [tps["@id"]]
        assert ids(mine["org:organization"]) == ["urn:psp:partnership/low-moss"]
        assert ids(mine["org:role"]) == ["urn:psp:role/lead", "urn:psp:role/provider"]
        during = mine["org:memberDuring"]
        assert types(during) == {"time:Interval"}
        assert during["time:hasBeginning"] == instant("2012-04-01")
        assert "time:hasEnd" not in during  # still a member

    def test_roles_form_a_skos_concept_scheme(self, low_moss: Partnership) -> None:
        doc = psp.to_org_jsonld(low_moss)
        graph = nodes(doc)
        scheme = graph["urn:psp:role"]
        assert types(scheme) == {"skos:ConceptScheme"}
        roles = [graph[i] for i in ids(scheme["skos:hasTopConcept"])]
        assert [r["skos:notation"] for r in roles] == [r.value for r in Role]
        for concept in roles:
            assert types(concept) == {"org:Role", "skos:Concept"}
            assert ids(concept["skos:inScheme"]) == [scheme["@id"]]
            assert concept["skos:definition"]
        assert {s["@id"] for s in of_type(doc, "skos:ConceptScheme")} == {
            f"urn:psp:{s}"
            for s in ("role", "sector", "public-body-kind", "third-sector-kind", "focus")
        }

    def test_identifiers_and_classifications(self, low_moss: Partnership) -> None:
        graph = nodes(psp.to_org_jsonld(low_moss))
        council = graph["urn:psp:organisation/glasgow-cc"]
        assert types(council) == {"org:FormalOrganization"}
        assert council["org:identifier"] == ["GB-LAS-GLG"]
        assert council["adms:identifier"] == [
            {
                "@type": "adms:Identifier",
                "skos:notation": {"@value": "GLG", "@type": "https://org-id.guide/list/GB-LAS"},
                "adms:schemeAgency": psp.KNOWN_SCHEMES["GB-LAS"][0],
            }
        ]
        assert ids(council["org:classification"]) == [
            "urn:psp:sector/public",
            "urn:psp:public-body-kind/local-authority",
        ]
        prison = graph["urn:psp:organisation/hmp-low-moss"]
        assert types(prison) == {"org:Organization"}  # no registered identifier
        assert "org:identifier" not in prison
        assert prison["dcterms:identifier"] == "hmp-low-moss"
        assert ids(prison["org:subOrganizationOf"]) == ["urn:psp:organisation/sps"]
        # Funders and the critical friend are described, though they are not members.
        assert "org:hasMembership" not in graph["urn:psp:organisation/rfb"]
        assert ids(graph["urn:psp:organisation/robertson-trust"]["org:classification"]) == [
            "urn:psp:sector/third",
            "urn:psp:third-sector-kind/charity",
        ]

    def test_a_role_change_splits_the_membership_into_abutting_intervals(self) -> None:
        p = (
            Partnership("p", "P")
            .join(Partner("a", "A", "third"), roles={"lead"}, on=D0)
            .change_roles("a", {"provider"}, on=date(2012, 6, 1))
            .leave("a", on=date(2013, 1, 1))
        )
        doc = psp.to_org_jsonld(p)
        spans = [
            (
                ids(m["org:role"]),
                m["org:memberDuring"]["time:hasBeginning"],
                m["org:memberDuring"]["time:hasEnd"],
            )
            for m in of_type(doc, "org:Membership")
        ]
        assert spans == [
            (["urn:psp:role/lead"], instant("2012-04-01"), instant("2012-06-01")),
            (["urn:psp:role/provider"], instant("2012-06-01"), instant("2013-01-01")),
        ]
        assert "org:hasMember" not in doc["@graph"][0]  # nobody is a member now

    def test_a_member_without_roles_has_no_org_role(self) -> None:
        p = Partnership("p", "P").join(Partner("a", "A", "third"), on=D0)
        (membership,) = of_type(psp.to_org_jsonld(p), "org:Membership")
        assert "org:role" not in membership

    def test_the_base_and_odd_ids_make_valid_iris(self) -> None:
        p = Partnership("p:q", "P").join(Partner("a~1.b", "A", "third"), on=D0)
        graph = nodes(psp.to_org_jsonld(p, base="https://data.example.org/psp/"))
        assert "https://data.example.org/psp/partnership/p%3Aq" in graph
        assert "https://data.example.org/psp/organisation/a~1.b" in graph

    @pytest.mark.parametrize("base", ["", "psp", "https://example.org/psp", "urn:a b/", 7])
    def test_a_base_that_cannot_prefix_iris_is_refused(self, base: Any) -> None:
        with pytest.raises(InvalidValueError) as e:
            psp.to_org_jsonld(Partnership("p", "P"), base=base)
        assert e.value.field == "base"

    def test_only_a_partnership_is_exported(self) -> None:
        for export in (psp.to_org_jsonld, psp.to_hsds):
            with pytest.raises(InvalidValueError, match=r"must be a psp\.Partnership"):
                export("low-moss")  # type: ignore[arg-type]

    @settings(max_examples=40)
    @given(partnerships(max_organisations=5, max_steps=15))
    def test_every_generated_partnership_exports_a_closed_graph(self, p: Partnership) -> None:
        doc = psp.to_org_jsonld(p)
        check_org_document(doc)
        assert_plain(doc)
        assert len(of_type(doc, "org:Membership")) == len(p.memberships)
        assert doc == psp.to_org_jsonld(rebuilt(p))  # deterministic


# -- Open Referral HSDS 3.0 -----------------------------------------------------------


def hsds_uuid(iri: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, iri))


class TestHsds:
    """The piloted or commissioned service as HSDS 3.0 records."""

    def test_low_moss_validates_against_the_compiled_schemas(self, low_moss: Partnership) -> None:
        doc = psp.to_hsds(low_moss)
        assert problems("service", doc["service"]) == []
        assert_valid_hsds(doc)
        assert_plain(doc)

    def test_the_piloted_service_is_delivered_by_the_lead(self, low_moss: Partnership) -> None:
        doc = psp.to_hsds(low_moss)
        service = doc["service"]
        assert service["id"] == hsds_uuid("urn:psp:partnership/low-moss/service")
        assert service["name"] == low_moss.name
        assert service["status"] == "active"
        assert service["description"].startswith("Coordinated throughcare")
        assert (
            service["eligibility_description"]
            == "For people leaving prison; people held on remand."
        )
        assert service["organization"]["name"] == "Turning Point Scotland"
        assert service["organization_id"] == hsds_uuid("urn:psp:organisation/tps")
        assert [a["name"] for a in service["service_areas"]] == ["Glasgow", "North Strathclyde"]
        assert [f["source"] for f in service["funding"]] == [
            "Scottish Government: pilot funding",
            "The Robertson Trust: pilot funding",
        ]
        names_ = [o["name"] for o in doc["organizations"]]
        assert names_[0] == "Turning Point Scotland"
        assert sorted(names_) == sorted(m.name for m in low_moss.members())

    def test_organisations_carry_their_org_id_identifiers(self, low_moss: Partnership) -> None:
        records = {o["name"]: o for o in psp.to_hsds(low_moss)["organizations"]}
        council = records["Glasgow City Council"]
        (identifier,) = council["organization_identifiers"]
        assert identifier["organization_id"] == council["id"]
        assert (identifier["identifier_scheme"], identifier["identifier"]) == ("GB-LAS", "GLG")
        assert records["HMP Low Moss"]["parent_organization_id"] == hsds_uuid(
            "urn:psp:organisation/sps"
        )
        assert records["Sacro"]["description"] == (
            "Third-sector organisation, national reach. Provider in the Low Moss Prison "
            "Throughcare Pathway Public Social Partnership."
        )

    def test_a_commissioned_service_is_delivered_by_the_tender_winner(
        self, commissioned: Partnership
    ) -> None:
        doc = psp.to_hsds(commissioned)
        assert_valid_hsds(doc)
        service = doc["service"]
        assert service["organization"]["name"] == "A rival provider"
        assert "Provides the service" in service["organization"]["description"]
        assert service["funding"][-1]["source"] == (
            "North Strathclyde CJA: commissioned by tender (Throughcare), £850,000"
        )
        assert service["funding"][0]["source"] == "Scottish Government: pilot funding, £150,000"
        assert len(doc["organizations"]) == 15  # the winner and the 14 members

    def test_a_service_closed_after_its_pilot_is_defunct(self, low_moss: Partnership) -> None:
        closed = low_moss.step("close", on=date(2013, 6, 1), reason="funding ended").partnership
        assert psp.to_hsds(closed)["service"]["status"] == "defunct"

    @pytest.mark.parametrize("description", ["", "Mentoring for women"])
    def test_a_service_with_no_design_no_lead_and_no_funding(self, description: str) -> None:
        doc = psp.to_hsds(bare(description))
        assert_valid_hsds(doc)
        assert doc["service"] == {
            "id": hsds_uuid("urn:psp:partnership/bare/service"),
            "name": "Bare PSP",
            **({"description": description} if description else {}),
            "status": "active",
        }
        # Members as Partnership.members() lists them: A charity's roles changed last.
        assert [o["name"] for o in doc["organizations"]] == ["A council", "A charity"]
        assert doc["organizations"][0]["description"] == (
            "Public body (local authority). Takes part in the Bare PSP Public Social Partnership."
        )

    def test_a_private_member_is_described_as_a_private_sector_organisation(self) -> None:
        # An example, so that the coverage gate does not wait for a draw to make one.
        company = Partner("co", "A company", "private", reach="local")
        p = bare(pilot=False).join(company, roles={"provider"}, on=D0 + DAY)
        p = p.step("start-pilot", on=D0 + 2 * DAY).partnership
        doc = psp.to_hsds(p)
        assert_valid_hsds(doc)
        (record,) = [o for o in doc["organizations"] if o["name"] == "A company"]
        assert record["description"].startswith("Private-sector organisation, local reach. ")

    def test_there_is_no_service_before_the_pilot(self, low_moss: Partnership) -> None:
        launch = next(
            i
            for i, e in enumerate(low_moss.history)
            if isinstance(e, psp.StepTaken) and e.step is psp.Step.START_PILOT
        )
        designing = rebuilt(low_moss, low_moss.history[:launch])
        assert designing.stage is Stage.DESIGN
        with pytest.raises(RuleViolationError, match="in the design stage"):
            psp.to_hsds(designing)

    def test_the_ids_follow_the_base(self, low_moss: Partnership) -> None:
        base = "https://data.example.org/psp/"
        service = psp.to_hsds(low_moss, base=base)["service"]
        assert service["id"] == hsds_uuid(f"{base}partnership/low-moss/service")
        assert service["organization"]["uri"] == f"{base}organisation/tps"

    @settings(max_examples=40)
    @given(journeys())
    def test_every_journey_exports_a_valid_service(self, p: Partnership) -> None:
        doc = psp.to_hsds(p)
        assert_valid_hsds(doc)
        assert_plain(doc)
        service = doc["service"]
        assert service["status"] == ("defunct" if p.stage is Stage.CLOSED else "active")
        winner = next((t.awarded_to for t in p.tenders() if t.awarded_to), None)
        expected = winner if p.stage is Stage.COMMISSIONED else "lead"
        assert service["organization_id"] == hsds_uuid(f"urn:psp:organisation/{expected}")
        assert doc == psp.to_hsds(rebuilt(p))

    @settings(max_examples=40)
    @given(partnerships(max_organisations=5, max_steps=20))
    def test_a_generated_partnership_exports_only_once_piloted(self, p: Partnership) -> None:
        piloted = any(step is psp.Step.START_PILOT for _, step, _ in p.stage_history())
        if not piloted:
            with pytest.raises(RuleViolationError):
                psp.to_hsds(p)
            return
        assert_valid_hsds(psp.to_hsds(p))  # rare: random histories seldom reach the pilot


# -- 360Giving -----------------------------------------------------------------------


class Test360Giving:
    """Awarded bids as 360Giving grants."""

    def test_low_moss_awards_without_amounts_cannot_be_grants(self, low_moss: Partnership) -> None:
        with pytest.raises(RuleViolationError) as e:
            psp.to_360giving(low_moss, publisher_prefix=PREFIX)
        assert e.value.reason == (
            "has no awarded bid to publish as a grant: pilot-scot-gov has no amount awarded; "
            "pilot-robertson-trust has no amount awarded"
        )

    def test_low_moss_with_amounts_validates(self, low_moss: Partnership) -> None:
        doc = psp.to_360giving(with_amounts(low_moss), publisher_prefix=PREFIX)
        assert problems("360giving", doc) == []
        assert_plain(doc)
        assert doc["version"] == "1.4"
        assert [g["id"] for g in doc["grants"]] == [
            "360G-psp-low-moss.pilot-scot-gov",
            "360G-psp-low-moss.pilot-robertson-trust",
        ]

    def test_a_grant_is_the_award_to_the_lead_from_the_funder(self, low_moss: Partnership) -> None:
        grant = psp.to_360giving(with_amounts(low_moss), publisher_prefix=PREFIX)["grants"][0]
        assert grant["amountAwarded"] == 150_000
        assert grant["currency"] == "GBP"
        assert grant["awardDate"] == "2012-10-01"
        assert grant["recipientOrganization"] == [
            {"id": "360G-psp-tps", "name": "Turning Point Scotland"}
        ]
        assert grant["fundingOrganization"] == [
            {"id": "360G-psp-scot-gov", "name": "Scottish Government"}
        ]
        assert grant["title"] == "Pilot funding: Low Moss Prison Throughcare Pathway"
        assert "received by its lead, Turning Point Scotland" in grant["description"]
        assert [b["name"] for b in grant["beneficiaryLocation"]] == ["Glasgow", "North Strathclyde"]
        assert grant["classifications"][0]["code"] == "pilot"
        assert "amountAppliedFor" not in grant  # not asked for a known amount

    def test_org_ids_identify_organisations(self) -> None:
        lead = Partner("tps", "TPS", "third", identifiers=["GB-SC-SC012710", "GB-COH-SC123456"])
        funder = Partner("co", "A company", "private", identifiers=["XM-DAC-1", "GB-COH-01234567"])
        p = (
            Partnership("p", "P")
            .join(lead, roles={"lead"}, on=D0)
            .add_organisation(funder, on=D0)
            .draft_bid(
                Bid(
                    id="b",
                    funder="co",
                    purpose="development",
                    drafted_on=D0,
                    amount_asked=500,
                    fund="rrcf",
                    stream="y1",
                )
            )
            .submit_bid("b", on=D0)
            .decide_bid("b", on=D0, awarded=True, amount=400)
        )
        (grant,) = psp.to_360giving(p, publisher_prefix=PREFIX)["grants"]
        assert grant["recipientOrganization"] == [
            {
                "id": "GB-SC-SC012710",
                "name": "TPS",
                "charityNumber": "SC012710",
                "companyNumber": "SC123456",
            }
        ]
        assert grant["fundingOrganization"] == [
            {"id": "XM-DAC-1", "name": "A company", "companyNumber": "01234567"}
        ]
        assert (grant["amountAppliedFor"], grant["amountAwarded"]) == (500, 400)
        assert grant["grantProgramme"] == [{"code": "rrcf/y1"}]

    def test_bids_that_cannot_be_grants_are_left_out(self) -> None:
        p = Partnership("p", "P").join(Partner("a", "A", "third"), on=D0)
        p = p.add_organisation(Partner("f", "F", "third"), on=D0)
        for n in range(3):
            p = p.draft_bid(
                Bid(id=f"b{n}", funder="f", purpose="pilot", drafted_on=D0, fund="rrcf")
            )
            p = p.submit_bid(f"b{n}", on=D0)
        p = p.decide_bid("b0", on=D0, awarded=True, amount=10)  # nobody leads yet
        with pytest.raises(
            RuleViolationError, match="b0 was awarded on a day the partnership had no lead"
        ):
            psp.to_360giving(p, publisher_prefix=PREFIX)
        p = p.change_roles("a", {"lead"}, on=D0 + DAY)
        p = p.decide_bid("b1", on=D0 + DAY, awarded=True, amount=20)
        p = p.decide_bid("b2", on=D0 + DAY, awarded=False)
        doc = psp.to_360giving(p, publisher_prefix=PREFIX)
        assert [(g["id"], g["amountAwarded"]) for g in doc["grants"]] == [("360G-psp-p.b1", 20)]
        assert doc["grants"][0]["grantProgramme"] == [{"code": "rrcf"}]

    def test_a_grant_from_a_recorded_fund_lists_its_funders_the_bids_first(self) -> None:
        (grant,) = psp.to_360giving(from_a_fund(), publisher_prefix=PREFIX)["grants"]
        assert grant["fundingOrganization"] == [
            {"id": "GB-SC-SC009079", "name": "The Robertson Trust", "charityNumber": "SC009079"},
            {"id": "360G-psp-sg", "name": "Scottish Government"},
            {"id": "360G-psp-sps", "name": "sps"},  # known to the fund only, by its id
            {"id": "360G-psp-big", "name": "Big Lottery"},  # a funder with no share
        ]
        assert grant["description"].startswith("Delivery funding from The Robertson Trust ")

    def test_a_grant_from_a_recorded_fund_is_in_its_titled_programme(self) -> None:
        (grant,) = psp.to_360giving(from_a_fund(), publisher_prefix=PREFIX)["grants"]
        assert grant["grantProgramme"] == [
            {"code": "rrcf/y2", "title": "Change Fund: Year 2/3 delivery funding"}
        ]

    def test_the_amount_disbursed_is_what_was_paid_not_what_was_planned(self) -> None:
        doc = psp.to_360giving(from_a_fund(), publisher_prefix=PREFIX)
        assert problems("360giving", doc) == []
        (grant,) = doc["grants"]
        assert (grant["amountAwarded"], grant["amountDisbursed"]) == (90_000, 50_000)
        # Planned payments are when money is due, not when the activity takes place.
        assert {"plannedDates", "actualDates", "dateDisbursed"}.isdisjoint(grant)

    def test_payments_on_a_bid_to_no_recorded_fund_are_disbursed_too(self) -> None:
        p = with_grant("p", "b").record_payment("paid", "b", 1, on=D0 + DAY)
        (grant,) = psp.to_360giving(p, publisher_prefix=PREFIX)["grants"]
        assert grant["amountDisbursed"] == 1
        assert grant["fundingOrganization"] == [{"id": "360G-psp-f", "name": "F"}]
        assert "grantProgramme" not in grant

    def test_a_fund_recorded_after_the_award_titles_the_programme_by_what_it_has(self) -> None:
        p = with_grant("p", "b")
        late = psp.Fund("f", "F's fund", funders={"f"}, streams=[psp.Stream("s", "S", "pilot")])
        q = p.draft_bid(Bid(id="old", funder="f", purpose="pilot", drafted_on=D0, fund="f"))
        q = q.submit_bid("old", on=D0).decide_bid("old", on=D0, awarded=True, amount=2)
        q = q.record_fund(late, on=D0 + DAY)  # after the bid, which names no stream
        grants = psp.to_360giving(q, publisher_prefix=PREFIX)["grants"]
        programmes = [g.get("grantProgramme") for g in grants]
        assert programmes == [None, [{"code": "f", "title": "F's fund"}]]
        assert grants[1]["fundingOrganization"] == [{"id": "360G-psp-f", "name": "F"}]

    @pytest.mark.parametrize(
        "prefix",
        [
            "",
            " 360G-x",
            "360G x",
            None,
            "psp",
            "360g-psp",
            "360G-",
            "360G-caf\u00e9",
            "360G-a b",
            "GB-CHC-1234567",
        ],
    )
    def test_a_publisher_prefix_not_starting_360G_is_refused(
        self, low_moss: Partnership, prefix: Any
    ) -> None:
        with pytest.raises(InvalidValueError) as e:
            psp.to_360giving(with_amounts(low_moss), publisher_prefix=prefix)
        assert (e.value.field, e.value.value) == ("publisher_prefix", prefix)
        assert "360G-" in e.value.reason

    def test_grant_ids_of_different_partnership_and_bid_ids_differ(self) -> None:
        # Joined with "-", both were 360G-psp-a-b-c.
        (one,) = psp.to_360giving(with_grant("a-b", "c"), publisher_prefix=PREFIX)["grants"]
        (two,) = psp.to_360giving(with_grant("a", "b-c"), publisher_prefix=PREFIX)["grants"]
        assert one["id"] != two["id"]

    def test_ids_with_colons_dots_and_tildes_make_well_formed_grant_and_organisation_ids(
        self,
    ) -> None:
        p = Partnership("my:psp", "P").join(Partner("a~b", "A", "third"), roles={"lead"}, on=D0)
        p = p.add_organisation(Partner("f:1", "F", "third"), on=D0)
        p = p.draft_bid(Bid(id="bid.1", funder="f:1", purpose="pilot", drafted_on=D0))
        p = p.submit_bid("bid.1", on=D0).decide_bid("bid.1", on=D0, awarded=True, amount=5)
        doc = psp.to_360giving(p, publisher_prefix=PREFIX)
        (grant,) = doc["grants"]
        assert grant["id"] == "360G-psp-my~3Apsp.bid~2E1"
        assert grant["recipientOrganization"][0]["id"] == "360G-psp-a~7Eb"
        assert grant["fundingOrganization"][0]["id"] == "360G-psp-f~3A1"
        assert problems("360giving", doc) == []

    @settings(max_examples=60)
    @given(distinct_id_pairs())
    def test_distinct_partnership_and_bid_ids_never_share_a_grant_id(
        self, pairs: tuple[tuple[str, str], tuple[str, str]]
    ) -> None:
        docs = [psp.to_360giving(with_grant(p, b), publisher_prefix=PREFIX) for p, b in pairs]
        ids = [doc["grants"][0]["id"] for doc in docs]
        assert ids[0] != ids[1]
        for doc, grant_id in zip(docs, ids, strict=True):
            assert grant_id.startswith(f"{PREFIX}-")
            assert UNRESERVED.fullmatch(grant_id)
            assert problems("360giving", doc) == []

    @settings(max_examples=40)
    @given(journeys())
    def test_every_journey_exports_its_awards_or_says_why_not(self, p: Partnership) -> None:
        publishable = [
            b
            for b in p.bids()
            if b.status is psp.BidStatus.AWARDED
            and b.amount_awarded is not None
            and p.lead(b.decided_on) is not None
        ]
        if not publishable:
            with pytest.raises(RuleViolationError):
                psp.to_360giving(p, publisher_prefix=PREFIX)
            return
        doc = psp.to_360giving(p, publisher_prefix=PREFIX)
        assert problems("360giving", doc) == []
        assert_plain(doc)
        assert [(g["id"], g["amountAwarded"]) for g in doc["grants"]] == [
            (f"{PREFIX}-journey.{b.id}", b.amount_awarded) for b in publishable
        ]
        lead = p.organisation("lead")
        paid = {x.bid_id: x.amount for x in p.payments()}  # one payment a bid at most
        recorded = {f.id for f in p.funds()}
        for grant, bid in zip(doc["grants"], publishable, strict=True):
            assert grant["recipientOrganization"][0]["name"] == lead.name
            assert grant.get("amountDisbursed") == paid.get(bid.id)
            funders = [o["name"] for o in grant["fundingOrganization"]]
            if bid.fund in recorded:  # the bid's funder, the fund's by share, the rest
                assert funders == [p.organisation("funder").name, "rt", "sps"]
            else:
                assert funders == [p.organisation("funder").name]
        assert doc == psp.to_360giving(rebuilt(p), publisher_prefix=PREFIX)

    @settings(max_examples=40)
    @given(partnerships(max_organisations=5, max_steps=25))
    def test_every_generated_partnership_exports_or_says_why_not(self, p: Partnership) -> None:
        publishable = [
            b
            for b in p.bids()
            if b.status is psp.BidStatus.AWARDED
            and b.amount_awarded is not None
            and p.lead(b.decided_on) is not None
        ]
        if not publishable:
            with pytest.raises(
                RuleViolationError, match=r"^partnership: has no awarded bid to publish"
            ):
                psp.to_360giving(p, publisher_prefix=PREFIX)
            return
        doc = psp.to_360giving(p, publisher_prefix=PREFIX)
        assert problems("360giving", doc) == []
        grants = doc["grants"]
        assert [g["amountAwarded"] for g in grants] == [b.amount_awarded for b in publishable]
        assert len({g["id"] for g in grants}) == len(grants)
        assert all(UNRESERVED.fullmatch(g["id"]) for g in grants)


# -- OCDS ----------------------------------------------------------------------------


def package(release: dict[str, Any]) -> dict[str, Any]:
    return {
        "uri": "https://data.example.org/ocds/low-moss.json",
        "publisher": {"name": "Example publisher"},
        "publishedDate": release["date"],
        "version": "1.1",
        "releases": [release],
    }


class TestOcds:
    """The commissioning tender as an OCDS release."""

    def test_low_moss_commissioning_validates(self, commissioned: Partnership) -> None:
        release = psp.to_ocds(
            commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=PUBLISHED
        )
        assert problems("ocds-release", release) == []
        assert problems("ocds-package", package(release)) == []
        assert_plain(release)
        assert release["ocid"] == "ocds-a1b2c3-low-moss.throughcare"
        assert release["date"] == "2015-01-05T00:00:00Z"
        assert release["tag"] == ["planning", "tender", "award", "contract"]
        assert release["initiationType"] == "tender"

    def test_planning_holds_the_co_design_milestones(self, commissioned: Partnership) -> None:
        release = psp.to_ocds(
            commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=PUBLISHED
        )
        milestones = release["planning"]["milestones"]
        engagement = [(m["title"], m["dateMet"]) for m in milestones if m["type"] == "engagement"]
        assert engagement == [
            ("Service users consulted (focus group)", "2012-05-01T00:00:00Z"),
            ("Service users consulted (interview)", "2012-05-01T00:00:00Z"),
            ("Launch event", "2012-11-01T00:00:00Z"),
        ]
        titles = [m["title"] for m in milestones]
        assert titles[0] == "Co-design began"
        assert "Service design approved by The Robertson Trust" in titles
        assert "Sustainability commitment given by North Strathclyde CJA" in titles
        assert titles[-1] == "The pilot's review began"
        assert [m["id"] for m in milestones] == [str(n) for n in range(1, len(milestones) + 1)]
        assert {m["status"] for m in milestones} == {"met"}

    def test_tender_award_and_parties(self, commissioned: Partnership) -> None:
        release = psp.to_ocds(
            commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=PUBLISHED
        )
        tender = release["tender"]
        assert (tender["status"], tender["procurementMethod"]) == ("complete", "open")
        assert tender["value"] == {"amount": 900_000, "currency": "GBP"}
        assert tender["tenderPeriod"] == {"startDate": "2014-08-01T00:00:00Z"}
        assert [t["id"] for t in tender["tenderers"]] == ["tps", "rival"]
        assert tender["numberOfTenderers"] == 2
        (award,) = release["awards"]
        assert award["value"] == {"amount": 850_000, "currency": "GBP"}
        assert award["suppliers"] == [{"id": "rival", "name": "A rival provider"}]
        assert award["date"] == "2014-10-01T00:00:00Z"
        roles = {party["id"]: party["roles"] for party in release["parties"]}
        assert roles == {
            "ns-cja": ["buyer", "procuringEntity", "funder"],
            "tps": ["tenderer"],
            "rival": ["tenderer", "supplier"],
        }
        assert release["buyer"] == {"id": "ns-cja", "name": "North Strathclyde CJA"}
        rival = next(p for p in release["parties"] if p["id"] == "rival")
        assert rival["identifier"] == {
            "scheme": "GB-COH",
            "id": "12345678",
            "legalName": "A rival provider",
        }

    def test_the_award_gains_a_contract_signed_on_the_day_of_the_award(
        self, commissioned: Partnership
    ) -> None:
        release = psp.to_ocds(
            commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=PUBLISHED
        )
        assert release["contracts"] == [
            {
                "id": "throughcare-contract",
                "awardID": "throughcare-award",
                "title": "Throughcare",
                "status": "active",
                "value": {"amount": 850_000, "currency": "GBP"},
                "dateSigned": "2014-10-01T00:00:00Z",
            }
        ]
        assert release["tag"][-1] == "contract"

    def test_a_party_with_several_org_ids_lists_the_others_as_additional(self) -> None:
        # An example, so that the coverage gate does not wait for a draw to make one.
        charity = Partner(
            "tc", "A charity company", "third", identifiers=["GB-SC-SC012345", "GB-COH-SC123456"]
        )
        p = with_tender("p", "t").add_organisation(charity, on=D0)
        p = p.receive_tender("t", "tc", on=D0)
        release = psp.to_ocds(p, "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert problems("ocds-release", release) == []
        party = next(party for party in release["parties"] if party["id"] == "tc")
        assert party["identifier"] == {
            "scheme": "GB-SC",
            "id": "SC012345",
            "legalName": "A charity company",
        }
        assert party["additionalIdentifiers"] == [{"scheme": "GB-COH", "id": "SC123456"}]

    def test_the_pilot_is_a_related_process(self, commissioned: Partnership) -> None:
        release = psp.to_ocds(
            commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=PUBLISHED
        )
        (pilot,) = release["relatedProcesses"]
        assert pilot["relationship"] == ["planning"]
        assert pilot["title"].endswith("from 2012-11-01")

    def test_an_open_tender_has_no_award(self, low_moss: Partnership) -> None:
        p = tendered(low_moss, winner=None)
        release = psp.to_ocds(p, "throughcare", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert problems("ocds-release", release) == []
        assert (release["tag"], release["tender"]["status"]) == (["planning", "tender"], "active")
        assert {"awards", "contracts"}.isdisjoint(release)

    def test_the_publication_date_is_the_callers(self, commissioned: Partnership) -> None:
        at = datetime(2015, 1, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))
        release = psp.to_ocds(commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=at)
        assert release["date"] == "2015-01-05T09:30:00+01:00"
        with pytest.raises(InvalidValueError, match="timezone-aware"):
            psp.to_ocds(
                commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=datetime(2015, 1, 5)
            )
        text: Any = "2015-01-05"
        with pytest.raises(InvalidValueError, match="a date or a timezone-aware datetime"):
            psp.to_ocds(commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=text)

    def test_a_tender_without_a_pilot_design_value_or_given_commitment(self) -> None:
        p = bare(pilot=False).seek_commitment(SustainabilityCommitment(id="k", by="c"), on=D0 + DAY)
        p = p.plan_tender(Tender(id="t", commissioner="c", title="Mentoring"), on=D0 + DAY)
        p = p.open_tender("t", on=D0 + DAY).receive_tender("t", "a", on=D0 + DAY)
        p = p.award_tender("t", "a", on=D0 + 2 * DAY)
        release = psp.to_ocds(p, "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert problems("ocds-release", release) == []
        assert [(party["id"], party["roles"]) for party in release["parties"]] == [
            ("c", ["buyer", "procuringEntity"]),  # a commitment sought is not funding
            ("a", ["tenderer", "supplier"]),
        ]
        assert release["awards"] == [
            {
                "id": "t-award",
                "status": "active",
                "date": "2012-04-03T00:00:00Z",
                "suppliers": [{"id": "a", "name": "A charity"}],
            }
        ]
        # No value awarded, so none contracted; and no payment is recorded on a tender.
        assert release["contracts"] == [
            {
                "id": "t-contract",
                "awardID": "t-award",
                "title": "Mentoring",
                "status": "active",
                "dateSigned": "2012-04-03T00:00:00Z",
            }
        ]
        assert "relatedProcesses" not in release
        assert {"description", "value"}.isdisjoint(release["tender"])
        assert [m["title"] for m in release["planning"]["milestones"]] == ["Co-design began"]

    @pytest.mark.parametrize(
        ("steps", "tags", "status"),
        [
            ((), ["planning"], "planned"),
            (("cancelled",), ["planning", "tenderCancellation"], "cancelled"),
            (("open", "unsuccessful"), ["planning", "tender"], "unsuccessful"),
        ],
    )
    def test_a_tender_that_is_not_awarded(
        self,
        steps: tuple[Literal["open"] | psp.TenderStatusName, ...],
        tags: list[str],
        status: str,
    ) -> None:
        p = bare().plan_tender(Tender(id="t", commissioner="c", title="T"), on=D0 + 3 * DAY)
        for step in steps:
            if step == "open":
                p = p.open_tender("t", on=D0 + 4 * DAY)
            else:
                p = p.end_tender("t", step, on=D0 + 5 * DAY)
        release = psp.to_ocds(p, "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert problems("ocds-release", release) == []
        assert (release["tag"], release["tender"]["status"]) == (tags, status)
        assert ("tenderPeriod" in release["tender"]) == ("open" in steps)
        assert {"awards", "contracts"}.isdisjoint(release)

    def test_an_unknown_tender_is_refused(self, low_moss: Partnership) -> None:
        with pytest.raises(UnknownReferenceError) as e:
            psp.to_ocds(low_moss, "throughcare", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert (e.value.field, e.value.value) == ("tender_id", "throughcare")

    @pytest.mark.parametrize(
        "prefix",
        [
            "ocds x",
            "ocds-demo",
            "ocds-A1B2C3",
            "ocds-a1b2c",
            "ocds-a1b2c3d",
            "ocds-a1b2c3-",
            "OCDS-a1b2c3",
            "ocds_a1b2c3",
            "ocds-a1b2c\u0663",  # an Arabic-Indic 3
            "ocds-a1b2c\u00e9",
            "",
            None,
        ],
    )
    def test_an_ocid_prefix_not_of_the_ocds_shape_is_refused(
        self, commissioned: Partnership, prefix: Any
    ) -> None:
        with pytest.raises(InvalidValueError) as e:
            psp.to_ocds(commissioned, "throughcare", ocid_prefix=prefix, published=PUBLISHED)
        assert (e.value.field, e.value.value) == ("ocid_prefix", prefix)
        assert "ocds- followed by six lowercase letters or digits" in e.value.reason

    def test_ocids_of_different_partnership_and_tender_ids_differ(self) -> None:
        # Joined with "-", both were ocds-a1b2c3-a-b-c.
        one = psp.to_ocds(
            with_tender("a-b", "c"), "c", ocid_prefix=OCID_PREFIX, published=PUBLISHED
        )
        two = psp.to_ocds(
            with_tender("a", "b-c"), "b-c", ocid_prefix=OCID_PREFIX, published=PUBLISHED
        )
        assert one["ocid"] != two["ocid"]

    def test_ids_with_colons_and_dots_make_well_formed_ocids_and_release_ids(self) -> None:
        p = with_tender("my:psp", "lot.1")
        release = psp.to_ocds(p, "lot.1", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert release["ocid"] == "ocds-a1b2c3-my~3Apsp.lot~2E1"
        assert UNRESERVED.fullmatch(release["ocid"])
        assert "#" not in release["id"]
        assert release["tender"]["id"] == "lot.1"
        assert problems("ocds-release", release) == []

    def test_an_opened_tender_without_tenderers_has_no_empty_list(self) -> None:
        release = psp.to_ocds(
            with_tender("p", "t"), "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED
        )
        assert release["tender"]["numberOfTenderers"] == 0
        assert "tenderers" not in release["tender"]
        assert problems("ocds-release", release) == []

    def test_an_empty_service_design_summary_gives_no_empty_description(self) -> None:
        p = bare().agree_service_design(ServiceDesign(""), on=D0 + 3 * DAY)
        p = p.plan_tender(Tender(id="t", commissioner="c", title="T"), on=D0 + 3 * DAY)
        release = psp.to_ocds(p, "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert "description" not in release["tender"]

    def test_an_event_outside_the_tender_gives_the_release_a_new_id(self) -> None:
        # The id counted the tender's events only: both releases were t-1.
        p = bare().plan_tender(Tender(id="t", commissioner="c", title="T"), on=D0 + 3 * DAY)
        q = _commitment(p, "t", 0, D0 + 4 * DAY)  # the council becomes a funder
        before = psp.to_ocds(p, "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        after = psp.to_ocds(q, "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert before["parties"] != after["parties"]
        assert before["id"] != after["id"]

    def test_the_same_history_published_on_another_date_is_another_release(
        self, commissioned: Partnership
    ) -> None:
        def release(published: date | datetime) -> dict[str, Any]:
            return psp.to_ocds(
                commissioned, "throughcare", ocid_prefix=OCID_PREFIX, published=published
            )

        assert release(PUBLISHED)["id"] == release(PUBLISHED)["id"]  # consistent
        assert release(PUBLISHED)["id"] != release(LATER)["id"]

    @settings(max_examples=60)
    @given(distinct_id_pairs())
    def test_distinct_partnership_and_tender_ids_never_share_an_ocid(
        self, pairs: tuple[tuple[str, str], tuple[str, str]]
    ) -> None:
        releases = [
            psp.to_ocds(with_tender(p, t), t, ocid_prefix=OCID_PREFIX, published=PUBLISHED)
            for p, t in pairs
        ]
        assert releases[0]["ocid"] != releases[1]["ocid"]
        for release in releases:
            assert release["ocid"].startswith(f"{OCID_PREFIX}-")
            assert UNRESERVED.fullmatch(release["ocid"])
            assert "#" not in release["id"]
            assert problems("ocds-release", release) == []

    @settings(max_examples=30)
    @given(tender_histories())
    def test_release_ids_are_unique_within_an_ocid_across_a_history(self, p: Partnership) -> None:
        # Every release the tender could have had, after each event and on two dates:
        # one id is one release.
        releases: dict[str, dict[str, Any]] = {}
        history = tuple(p.history)
        for n in range(1, len(history) + 1):
            q = rebuilt(p, history[:n])
            if not q.tenders():
                continue
            for published in (PUBLISHED, LATER):
                release = psp.to_ocds(
                    q, q.tenders()[0].id, ocid_prefix=OCID_PREFIX, published=published
                )
                assert "#" not in release["id"]
                if release["id"] not in releases:
                    assert problems("ocds-release", release) == []
                assert releases.setdefault(release["id"], release) == release
        assert len({r["ocid"] for r in releases.values()}) == 1

    @settings(max_examples=50)
    @given(journeys())
    def test_every_tender_of_a_journey_exports_a_valid_release(self, p: Partnership) -> None:
        for tender in p.tenders():
            release = psp.to_ocds(p, tender.id, ocid_prefix=OCID_PREFIX, published=PUBLISHED)
            assert problems("ocds-release", release) == []
            assert_plain(release)
            status = release["tender"]["status"]
            assert ("award" in release["tag"]) == (status == "complete") == ("awards" in release)
            contracted = "contracts" in release
            assert ("contract" in release["tag"]) == contracted == (status == "complete")
            for contract in release.get("contracts", []):
                assert contract["awardID"] == release["awards"][0]["id"]
                assert contract.get("value") == release["awards"][0].get("value")
                assert "implementation" not in contract
            assert ("tenderCancellation" in release["tag"]) == (status == "cancelled")
            assert "relatedProcesses" in release
            assert release == psp.to_ocds(
                rebuilt(p), tender.id, ocid_prefix=OCID_PREFIX, published=PUBLISHED
            )

    @settings(max_examples=30)
    @given(partnerships(max_organisations=4, max_steps=10))
    def test_a_generated_partnership_has_no_tender_to_export(self, p: Partnership) -> None:
        with pytest.raises(UnknownReferenceError):
            psp.to_ocds(p, "tender", ocid_prefix=OCID_PREFIX, published=PUBLISHED)


def all_exports(p: Partnership) -> list[dict[str, Any]]:
    """The four exports of a commissioned partnership, as one JSON-ready list."""
    return [
        psp.to_org_jsonld(p),
        psp.to_hsds(p),
        psp.to_360giving(p, publisher_prefix=PREFIX),
        psp.to_ocds(p, "throughcare", ocid_prefix=OCID_PREFIX, published=PUBLISHED),
    ]


_IN_ANOTHER_PROCESS = """
import hashlib, json, sys
sys.path[:0] = ["examples", "tests"]
import low_moss, test_exports as t
p = t.tendered(t.with_amounts(low_moss.build()))
print(hashlib.sha256(json.dumps(t.all_exports(p)).encode()).hexdigest())
"""


class TestDeterminism:
    """The same partnership gives the same documents, byte for byte, whatever the
    process: no set or hash order leaks into a list."""

    def test_every_process_exports_the_same_bytes(self, commissioned: Partnership) -> None:
        here = hashlib.sha256(json.dumps(all_exports(commissioned)).encode()).hexdigest()
        root = Path(__file__).resolve().parents[1]
        for seed in ("1", "2"):
            run = subprocess.run(
                [sys.executable, "-c", _IN_ANOTHER_PROCESS],
                cwd=root,
                env={**os.environ, "PYTHONHASHSEED": seed},
                capture_output=True,
                text=True,
                check=True,
            )
            assert run.stdout.strip() == here


def read_back(identifier: str, prefix: str) -> tuple[str, ...]:
    """The ids an identifier was made from, read by the rule docs/exports.md gives:
    after ``{prefix}-``, parts joined by ``.``; in a part, ``~XX`` is a byte of UTF-8
    and any other character stands for itself."""
    ids = []
    for part in identifier.removeprefix(f"{prefix}-").split("."):
        data, i = bytearray(), 0
        while i < len(part):
            if part[i] == "~":
                data += bytes.fromhex(part[i + 1 : i + 3])
                i += 3
            else:
                data += part[i].encode("ascii")
                i += 1
        ids.append(data.decode("utf-8", "surrogatepass"))
    return tuple(ids)


#: Any id psp takes, up to the longest (psp.ID_PATTERN).
EVERY_ID = ODD_IDS | ANY_IDS | st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:~-]{0,99}", fullmatch=True)


class TestIdentifiersReadBack:
    """An ocid or a grant id reads back into the ids it was made from, so no two pairs
    of ids can share one (docs/exports.md, Identifiers psp makes from its ids)."""

    @settings(max_examples=60)
    @given(EVERY_ID, EVERY_ID)
    def test_an_ocid_reads_back_into_its_partnership_and_tender_ids(
        self, partnership_id: str, tender_id: str
    ) -> None:
        p = with_tender(partnership_id, tender_id)
        release = psp.to_ocds(p, tender_id, ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert read_back(release["ocid"], OCID_PREFIX) == (partnership_id, tender_id)

    @settings(max_examples=60)
    @given(EVERY_ID, EVERY_ID)
    def test_a_grant_id_reads_back_into_its_partnership_and_bid_ids(
        self, partnership_id: str, bid_id: str
    ) -> None:
        doc = psp.to_360giving(with_grant(partnership_id, bid_id), publisher_prefix=PREFIX)
        assert read_back(doc["grants"][0]["id"], PREFIX) == (partnership_id, bid_id)


class TestHelpers:
    """psp mints UUIDs without the uuid module; they are the standard's."""

    @given(st.text())
    def test_uuid5_is_rfc_4122(self, name: str) -> None:
        from psp._interchange.export_common import uuid5

        assert uuid5(name) == str(uuid.uuid5(uuid.NAMESPACE_URL, name))
