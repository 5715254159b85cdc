"""Every refusal of the domain modules, with the exact message a user sees.

The product promise is a clear error on bad input: which field, which value, why
(docs/errors.md). Each row below triggers one refusal through the public API and
pins its class, its ``code``, ``str(error)`` and its ``field`` and ``value``. A change of wording
fails here on purpose: messages are public API. Rows are grouped by the module
that raises them. Not here: the lifecycle table's check when psp loads (no user can
reach it; tests/test_lifecycle.py), and the defensive refusals marked ``pragma: no
cover``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import attrs
import pytest

import psp
from psp import (
    Attendance,
    Bid,
    Cadence,
    Clause,
    ConversionError,
    Endorsement,
    ExternalCondition,
    Finding,
    FundingMix,
    FundingPurposeName,
    GovernanceStructure,
    GovernanceTypeName,
    Group,
    GroupTierName,
    InvalidValueError,
    Measure,
    Meeting,
    MoU,
    OrgId,
    Partner,
    Partnership,
    Policy,
    PSPError,
    RelationalAnswer,
    Rule,
    RuleViolationError,
    ServiceDesign,
    Severity,
    Signatory,
    Signature,
    Statement,
    StepName,
    SustainabilityCommitment,
    Tender,
    Term,
    TransitionRefusedError,
    UnknownReferenceError,
)

D0, D1, D2 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1)
# The reason every id outside the id grammar is refused with (docs/errors.md), written
# out here so that a change of wording fails.
ID = (
    "must be an id: 1 to 100 characters from A-Z a-z 0-9 . _ : ~ -, "
    "starting with a letter or a digit"
)
ALDER = Partner("a", "Alder Trust", "third")
BIRCH = Partner("b", "Birch CJA", "public", public_body_kind="cja", areas={"Fife"})
CEDAR = Partner("c", "Cedar Project", "third")
DOCKS = Partner("d", "Docks Council", "public", public_body_kind="local-authority")
GG = Group("gg", "Governance Group", "governance")
# Every lifecycle check of the policy off: a row switches on the one it refuses by.
CHECKS_OFF: dict[str, Any] = {
    "mou_before_pilot": False,
    "pilot_award_before_pilot": False,
    "design_approval_before_pilot": False,
    "measures_before_review": False,
    "conditions_before_commissioning": False,
    "tender_before_commissioning": False,
}


def small(policy: Policy | None = None) -> Partnership:
    """Alder Trust (third sector, the lead) and Birch CJA (public), members from D0."""
    p = Partnership("p", "P", policy=policy or Policy())
    return p.join(ALDER, on=D0, roles={"lead"}).join(BIRCH, on=D0)


def known(*partners: Partner) -> Partnership:
    """small(), knowing ``partners`` as well, none of them a member."""
    p = small()
    for partner in partners:
        p = p.add_organisation(partner, on=D0)
    return p


def stepped(*steps: StepName, **checks: bool) -> Partnership:
    """small() under a policy with only ``checks`` on, after ``steps`` taken on D0."""
    p = small(Policy(**{**CHECKS_OFF, **checks}))
    for step in steps:
        p = p.step(step, on=D0).partnership
    return p


def awarded(p: Partnership, purpose: FundingPurposeName = "pilot", **bid: Any) -> Partnership:
    """``p`` with bid b1 to Birch CJA drafted, submitted and awarded on D0."""
    p = p.draft_bid(Bid(id="b1", funder="b", purpose=purpose, drafted_on=D0, **bid))
    return p.submit_bid("b1", on=D0).decide_bid("b1", on=D0, awarded=True)


def with_bid(**details: Any) -> Partnership:
    """small() with a draft pilot bid b1 to Birch CJA."""
    return small().draft_bid(Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0, **details))


def with_commitment(p: Partnership | None = None) -> Partnership:
    """``p`` (small()) having sought commitment c1 from Birch CJA: one measure, one condition."""
    c = SustainabilityCommitment(
        id="c1", by="b", measures=[Measure("m1", 10, 5)], conditions=[ExternalCondition("budget")]
    )
    return (p or small()).seek_commitment(c, on=D0)


def with_tender() -> Partnership:
    """small() with tender t1, commissioned by Birch CJA, planned."""
    return small().plan_tender(Tender(id="t1", commissioner="b", title="Throughcare"), on=D0)


def with_contract() -> Partnership:
    """with_award() with tender t1 awarded to Alder Trust on D1 for 100 pounds, 60 paid
    under its contract (payment c-1); tender t2, commissioned by Birch CJA, planned."""
    p = with_award().plan_tender(Tender(id="t1", commissioner="b", title="Throughcare"), on=D1)
    p = p.open_tender("t1", on=D1).receive_tender("t1", "a", on=D1)
    p = p.award_tender("t1", "a", on=D1, value=100)
    p = p.plan_tender(Tender(id="t2", commissioner="b", title="Mentoring"), on=D1)
    return p.record_contract_payment("c-1", "t1", 60, on=D1)


def with_mou() -> Partnership:
    """small() with MoU m drafted on D1, Ann to sign for Alder Trust."""
    mou = MoU(id="m", drafted_on=D1, parties={"a", "b"}, signatories=[Signatory("Ann", "a")])
    return small().draft_mou(mou)


def mou(**details: Any) -> MoU:
    """An MoU between Alder Trust and Birch CJA drafted on D1, Ann to sign for Alder Trust."""
    fields: dict[str, Any] = {
        "id": "m",
        "drafted_on": D1,
        "parties": {"a", "b"},
        "signatories": [Signatory("Ann", "a")],
    }
    return MoU(**{**fields, **details})


def structure(kind: GovernanceTypeName, *groups: Group) -> GovernanceStructure:
    return GovernanceStructure(kind, groups)


def group(gid: str, tier: GroupTierName, reports_to: str | None = None) -> Group:
    return Group(gid, gid.upper(), tier, reports_to=reports_to)


def partner(**details: Any) -> Partner:
    """A third-sector partner with ``details``."""
    return Partner(**{"id": "a", "name": "Alder Trust", "sector": "third", **details})


def read(data: Any, cls: type) -> Any:
    return psp.from_data(data, cls)


@attrs.frozen(kw_only=True)
class _OwnLeaving(psp.MemberLeft):
    """A caller's subclass of an event: the readers and to_data would not know it."""


def with_posts() -> Partnership:
    """small() with Cedar Project a member too, a Governance Group (Alder and Cedar, Alder
    chairing) and three posts from D0: its chair, its secretary and a partnership manager, m."""
    gg = Group("gg", "Governance Group", "governance", members={"a", "c"}, chairs={"a"})
    p = small().join(CEDAR, on=D0).adopt_governance(structure("single-tier", gg), on=D0)
    for post in (
        psp.Post("chair", "chair", group="gg"),
        psp.Post("sec", "secretary", group="gg"),
        psp.Post("m", "partnership-manager"),
    ):
        p = p.establish_post(post, on=D0)
    return p


def with_risk() -> Partnership:
    """small() with risk r1 raised on D0."""
    return small().raise_risk("r1", "Late", on=D0)


def with_difference() -> Partnership:
    """small() with difference d1 between Alder and Birch recorded on D0."""
    return small().record_difference("d1", "Data", ["a", "b"], on=D0)


def refusal(
    key: str,
    make: Callable[[], object],
    error: type[PSPError],
    code: str,
    message: str,
    field_and_value: tuple[str | None, object],
) -> Any:
    """One row: ``make()`` raises exactly ``error`` with this ``code``,
    ``str(error) == message`` and these ``field`` and ``value``."""
    return pytest.param(make, error, code, message, field_and_value, id=key)


def _met(facts: psp.Facts) -> None:
    """A fund's rule that is always met."""


MET_RULE = Rule("fund-x:met", "breach", "always met", _met)

# One row per refusal: the call, the error's class, its code, str(error), field and value.
ANY_EVENT: Any = psp.Event  # a union: from_data reads it, type[T] cannot name it


# outputs and capacity (issue 17, item 4): a year from D0, and a target over it
YEAR = psp.Period(D0, date(2013, 4, 1))


def with_target() -> Partnership:
    return small().set_output_target("served", "people-served", 10, period=YEAR, on=D0)


def _plotting() -> Any:
    """psp.plotting, imported when a row calls it (it needs matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import psp.plotting

    return psp.plotting


def _tie(trust: object) -> Any:
    """A directed graph of one tie, from a to b, with this trust score."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edge("a", "b", trust=trust)
    return graph


# funds and streams in use (issue 17, item 1): a fund Birch CJA pays for and Cedar decides
FUND = psp.Fund(
    "cf",
    "Change Fund",
    funders={"b"},
    decided_by="c",
    streams=[psp.Stream("dev", "Development", "development", opens=D1, deadline=D2)],
)


def with_fund() -> Partnership:
    return small().record_fund(FUND, on=D0)


def to_fund(**details: Any) -> Bid:
    """A development bid b1 to Birch CJA for the Change Fund's stream dev, drafted on D1."""
    return Bid(
        **{
            "id": "b1",
            "funder": "b",
            "purpose": "development",
            "drafted_on": D1,
            "fund": "cf",
            "stream": "dev",
            **details,
        }
    )


# relational surveys (issue 19, item 3): Alder's answer about Birch in wave y1, on D1
def answered() -> Partnership:
    return small().record_relational_response(
        "a", [RelationalAnswer(about="b", reliability=4)], wave_id="y1", on=D1
    )


def respond(p: Partnership, respondent: str, *about: str, on: date = D1) -> Partnership:
    answers = [RelationalAnswer(about=x) for x in about]
    return p.record_relational_response(respondent, answers, wave_id="y1", on=on)


def _pulse(**change: Any) -> psp.RespondentSurvey:
    """A respondent-level survey of one statement, respondent and wave."""
    return psp.RespondentSurvey(
        "pulse",
        "Pulse",
        [Statement("trust", "trust", "T")],
        respondents=[psp.Respondent("r1")],
        waves=[psp.Wave("y1", D1)],
        **change,
    )


# payments and reporting obligations (issue 17, item 3): bid g awarded 100 pounds by
# Birch CJA on D1, bid s submitted and undecided; a payment g-1 of 60 planned, a report
# r-1 required and received
def with_award() -> Partnership:
    p = small().draft_bid(Bid(id="g", funder="b", purpose="pilot", drafted_on=D0))
    p = p.draft_bid(Bid(id="s", funder="b", purpose="pilot", drafted_on=D0))
    p = p.submit_bid("g", on=D0).submit_bid("s", on=D0)
    p = p.decide_bid("g", on=D1, awarded=True, amount=100)
    p = p.plan_payment("g-1", "g", 60, due=D2, on=D1)
    return p.require_report("r-1", "g", "accounts", due=D2, on=D1).receive_report("r-1", on=D1)


REFUSALS = [
    # _interchange/tables.py: tables of every record
    refusal(
        "tables-of-something-else",
        lambda: psp.tables(partner()),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "subject: must be a Partnership or a Portfolio (got 'Partner')",
        ("subject", "Partner"),
    ),
    refusal(
        "tables-on-a-datetime",
        lambda: psp.tables(Partnership("p", "P"), on=datetime(2012, 4, 1)),
        InvalidValueError,
        "not-a-date",
        (
            "on: must be a date (datetime.date, not a datetime) "
            "(got datetime.datetime(2012, 4, 1, 0, 0))"
        ),
        ("on", datetime(2012, 4, 1)),
    ),
    # _identifiers.py: org-id identifiers
    refusal(
        "scheme-malformed",
        lambda: OrgId("gb-sc", "SC012710"),
        InvalidValueError,
        "invalid-org-id",
        (
            "scheme: is not an org-id scheme: expected a country code and a list code, "
            "like GB-SC (got 'gb-sc')"
        ),
        ("scheme", "gb-sc"),
    ),
    refusal(
        "identifier-with-space",
        lambda: OrgId("XX-ABC", "a b"),
        InvalidValueError,
        "invalid-org-id",
        "identifier: must be non-empty text without spaces (got 'a b')",
        ("identifier", "a b"),
    ),
    refusal(
        "identifier-of-wrong-shape",
        lambda: OrgId("GB-SC", "12345"),
        InvalidValueError,
        "invalid-org-id",
        (
            "identifier: does not have the shape of a Scottish Charity Register (OSCR) "
            "(GB-SC) identifier: SC[0-9]{6} (got '12345')"
        ),
        ("identifier", "12345"),
    ),
    refusal(
        "identifier-not-ascii",
        lambda: OrgId("GB-SC", "SC\u0661\u0662\u0663\u0664\u0665\u0666"),
        InvalidValueError,
        "invalid-org-id",
        (
            "identifier: must be written in A-Z a-z 0-9 . _ : ~ -, the characters of an id: "
            "an org-id stands in a URL as it is (got 'SC\u0661\u0662\u0663\u0664\u0665\u0666')"
        ),
        ("identifier", "SC\u0661\u0662\u0663\u0664\u0665\u0666"),
    ),
    refusal(
        "parse-not-text",
        lambda: OrgId.parse(12345),  # type: ignore[arg-type]
        InvalidValueError,
        "invalid-org-id",
        "identifier: must be text in org-id form, like GB-SC-SC012710 (got 12345)",
        ("identifier", 12345),
    ),
    refusal(
        "parse-not-org-id-form",
        lambda: OrgId.parse("SC012710"),
        InvalidValueError,
        "invalid-org-id",
        (
            "identifier: is not in org-id form SCHEME-IDENTIFIER, like GB-SC-SC012710 "
            "(got 'SC012710')"
        ),
        ("identifier", "SC012710"),
    ),
    refusal(
        "identifier-with-a-slash",
        lambda: OrgId("XX-ABC", "a/b"),
        InvalidValueError,
        "invalid-org-id",
        (
            "identifier: must be written in A-Z a-z 0-9 . _ : ~ -, the characters of an id: "
            "an org-id stands in a URL as it is (got 'a/b')"
        ),
        ("identifier", "a/b"),
    ),
    # _base/checks.py: the id grammar (psp.ID_PATTERN), wherever an id enters
    refusal(
        "id-with-a-slash",
        lambda: partner(id="a/b"),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got 'a/b')",
        ("id", "a/b"),
    ),
    refusal(
        "id-with-a-space-inside",
        lambda: partner(id="low moss"),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got 'low moss')",
        ("id", "low moss"),
    ),
    refusal(
        "id-ending-in-a-newline",
        lambda: Partnership("p\n", "P"),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got 'p\\n')",
        ("id", "p\n"),
    ),
    refusal(
        "id-starting-with-punctuation",
        lambda: partner(id="-a"),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got '-a')",
        ("id", "-a"),
    ),
    refusal(
        "id-not-ascii",
        lambda: partner(id="caf\u00e9"),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got 'caf\u00e9')",
        ("id", "caf\u00e9"),
    ),
    refusal(
        "id-too-long",
        lambda: partner(id="a" * 101),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got '{'a' * 27}...{'a' * 28}')",  # the value's repr, shortened
        ("id", "a" * 101),
    ),
    refusal(
        "ids-item-outside-the-grammar",
        lambda: psp.Fund("f", "F", funders=["sg", "x y"]),
        InvalidValueError,
        "invalid-id",
        f"funders[1]: {ID} (got 'x y')",
        ("funders[1]", "x y"),
    ),
    refusal(
        "event-id-outside-the-grammar",
        lambda: psp.BidSubmitted(on=D0, bid_id="bid 1"),
        InvalidValueError,
        "invalid-id",
        f"bid_id: {ID} (got 'bid 1')",
        ("bid_id", "bid 1"),
    ),
    refusal(
        "command-id-argument-outside-the-grammar",
        lambda: small().submit_bid("bid/1", on=D1),
        InvalidValueError,
        "invalid-id",
        f"bid_id: {ID} (got 'bid/1')",
        ("bid_id", "bid/1"),
    ),
    refusal(
        "command-partner-id-outside-the-grammar",
        lambda: small().join("c d", on=D1),
        InvalidValueError,
        "invalid-id",
        f"partner: {ID} (got 'c d')",
        ("partner", "c d"),
    ),
    refusal(
        "data-id-outside-the-grammar",
        lambda: read({"id": "a b", "name": "A", "sector": "third"}, Partner),
        ConversionError,
        "invalid-document",
        f"$.id: {ID} (got 'a b')",
        ("$.id", None),
    ),
    # _export_ocds.py, _export_360giving.py: the publisher's prefix of the identifiers
    refusal(
        "ocid-prefix-not-of-the-ocds-shape",
        lambda: psp.to_ocds(small(), "t", ocid_prefix="ocds-demo", published=D0),
        InvalidValueError,
        "invalid-prefix",
        (
            "ocid_prefix: must be an OCDS ocid prefix: ocds- followed by six lowercase "
            "letters or digits, like ocds-a1b2c3 (got 'ocds-demo')"
        ),
        ("ocid_prefix", "ocds-demo"),
    ),
    refusal(
        "publisher-prefix-not-360giving",
        lambda: psp.to_360giving(small(), publisher_prefix="example"),
        InvalidValueError,
        "invalid-prefix",
        (
            "publisher_prefix: must be a 360Giving publisher prefix: 360G- followed by "
            "ASCII letters, digits, - or _, like 360G-example (got 'example')"
        ),
        ("publisher_prefix", "example"),
    ),
    # _organisation.py: Partner
    refusal(
        "id-not-text",
        lambda: partner(id=5),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got 5)",
        ("id", 5),
    ),
    refusal(
        "name-empty",
        lambda: partner(name=" "),
        InvalidValueError,
        "blank",
        "name: must not be empty (got ' ')",
        ("name", " "),
    ),
    refusal(
        "id-with-white-space",
        lambda: partner(id=" a"),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got ' a')",
        ("id", " a"),
    ),
    refusal(
        "sector-unknown",
        lambda: partner(sector="charity"),
        InvalidValueError,
        "unknown-choice",
        "sector: is not a sector; expected one of: public, third, private (got 'charity')",
        ("sector", "charity"),
    ),
    refusal(
        "public-body-kind-unknown",
        lambda: partner(sector="public", public_body_kind="court"),
        InvalidValueError,
        "unknown-choice",
        (
            "public_body_kind: is not a public body kind; expected one of: cja, "
            "local-authority, nhs-board, prison-service, police, adp, "
            "employment-service, housing-service, government, umbrella-body, other (got "
            "'court')"
        ),
        ("public_body_kind", "court"),
    ),
    refusal(
        "third-sector-kind-unknown",
        lambda: partner(third_sector_kind="club"),
        InvalidValueError,
        "unknown-choice",
        (
            "third_sector_kind: is not a third sector kind; expected one of: charity, "
            "voluntary-organisation, social-enterprise (got 'club')"
        ),
        ("third_sector_kind", "club"),
    ),
    refusal(
        "reach-unknown",
        lambda: partner(reach="global"),
        InvalidValueError,
        "unknown-choice",
        "reach: is not a reach; expected one of: national, regional, local (got 'global')",
        ("reach", "global"),
    ),
    refusal(
        "size-unknown",
        lambda: partner(size="huge"),
        InvalidValueError,
        "unknown-choice",
        "size: is not a size; expected one of: small, medium, large (got 'huge')",
        ("size", "huge"),
    ),
    refusal(
        "areas-not-a-collection",
        lambda: partner(areas="Fife"),
        InvalidValueError,
        "not-a-collection",
        "areas: must be a collection of text values (got 'Fife')",
        ("areas", "Fife"),
    ),
    refusal(
        "areas-item-empty",
        lambda: partner(areas=["Fife", ""]),
        InvalidValueError,
        "blank",
        "areas[1]: must not be empty (got '')",
        ("areas[1]", ""),
    ),
    refusal(
        "part-of-empty",
        lambda: partner(part_of=""),
        InvalidValueError,
        "invalid-id",
        f"part_of: {ID} (got '')",
        ("part_of", ""),
    ),
    refusal(
        "identifiers-not-a-collection",
        lambda: partner(identifiers="GB-SC-SC012710"),
        InvalidValueError,
        "not-a-collection",
        "identifiers: must be a collection of org-id identifiers (got 'GB-SC-SC012710')",
        ("identifiers", "GB-SC-SC012710"),
    ),
    refusal(
        "identifiers-item-malformed",
        lambda: partner(identifiers=["GB-SC-SC012710", "SC012710"]),
        InvalidValueError,
        "invalid-org-id",
        (
            "identifiers[1]: is not in org-id form SCHEME-IDENTIFIER, like "
            "GB-SC-SC012710 (got 'SC012710')"
        ),
        ("identifiers[1]", "SC012710"),
    ),
    refusal(
        "identifiers-twice",
        lambda: partner(identifiers=["GB-LAS-FIF", "GB-LAS-FIF"]),
        InvalidValueError,
        "duplicate",
        "identifiers: lists an identifier twice (got ['GB-LAS-FIF', 'GB-LAS-FIF'])",
        ("identifiers", ["GB-LAS-FIF", "GB-LAS-FIF"]),
    ),
    refusal(
        "represents-service-users-not-a-flag",
        lambda: partner(represents_service_users="yes"),
        InvalidValueError,
        "not-a-boolean",
        "represents_service_users: must be true or false (got 'yes')",
        ("represents_service_users", "yes"),
    ),
    refusal(
        "public-body-without-kind",
        lambda: partner(sector="public"),
        InvalidValueError,
        "conflicting-fields",
        (
            "public_body_kind: Alder Trust is a public body, so it must say which kind "
            "('other' if none fits)"
        ),
        ("public_body_kind", None),
    ),
    refusal(
        "kind-outside-public-sector",
        lambda: partner(public_body_kind="cja"),
        InvalidValueError,
        "conflicting-fields",
        (
            "public_body_kind: Alder Trust is in the third sector, so it has no "
            "public-body kind (got 'cja')"
        ),
        ("public_body_kind", "cja"),
    ),
    refusal(
        "third-sector-kind-outside-third-sector",
        lambda: partner(sector="private", third_sector_kind="charity"),
        InvalidValueError,
        "conflicting-fields",
        (
            "third_sector_kind: Alder Trust is in the private sector, so it has no "
            "third-sector kind (got 'charity')"
        ),
        ("third_sector_kind", "charity"),
    ),
    refusal(
        "part-of-itself",
        lambda: partner(part_of="a"),
        InvalidValueError,
        "self-reference",
        "part_of: an organisation cannot be part of itself (got 'a')",
        ("part_of", "a"),
    ),
    # _governance.py: Cadence
    refusal(
        "every-out-of-range",
        lambda: Cadence(0),
        InvalidValueError,
        "out-of-range",
        "every: must be a whole number from 1 to 520 (got 0)",
        ("every", 0),
    ),
    refusal(
        "unit-unknown",
        lambda: Cadence(2, "days"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        "unit: is not a cadence unit; expected one of: weeks, months (got 'days')",
        ("unit", "days"),
    ),
    refusal(
        "up-to-below-every",
        lambda: Cadence(2, up_to=1),
        InvalidValueError,
        "out-of-range",
        "up_to: must be a whole number no smaller than every (2) (got 1)",
        ("up_to", 1),
    ),
    refusal(
        "up-to-too-large",
        lambda: Cadence(2, up_to=521),
        InvalidValueError,
        "out-of-range",
        "up_to: must be at most 520 (got 521)",
        ("up_to", 521),
    ),
    refusal(
        "expected-dates-start-not-a-date",
        lambda: Cadence(2).expected_dates("2012-04-01", D1),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "start: must be a date (datetime.date, not a datetime) (got '2012-04-01')",
        ("start", "2012-04-01"),
    ),
    refusal(
        "expected-dates-end-a-datetime",
        lambda: Cadence(2).expected_dates(D0, datetime(2012, 6, 1)),
        InvalidValueError,
        "not-a-date",
        (
            "end: must be a date (datetime.date, not a datetime) (got "
            "datetime.datetime(2012, 6, 1, 0, 0))"
        ),
        ("end", datetime(2012, 6, 1)),
    ),
    refusal(
        "expected-dates-end-before-start",
        lambda: Cadence(2).expected_dates(D1, D0),
        InvalidValueError,
        "end-before-start",
        "end: must not be before the start (2012-06-01) (got '2012-04-01')",
        ("end", "2012-04-01"),
    ),
    # _governance.py: Group
    refusal(
        "group-id-empty",
        lambda: Group("", "G", "governance"),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got '')",
        ("id", ""),
    ),
    refusal(
        "group-name-not-text",
        lambda: Group("g", None, "governance"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "name: must be text",
        ("name", None),
    ),
    refusal(
        "group-tier-unknown",
        lambda: Group("g", "G", "board"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "tier: is not a group tier; expected one of: governance, strategic, "
            "operational, local, working (got 'board')"
        ),
        ("tier", "board"),
    ),
    refusal(
        "group-members-not-a-collection",
        lambda: Group("g", "G", "governance", members="a"),
        InvalidValueError,
        "not-a-collection",
        "members: must be a collection of ids (got 'a')",
        ("members", "a"),
    ),
    refusal(
        "group-chairs-item-empty",
        lambda: Group("g", "G", "governance", chairs=[""]),
        InvalidValueError,
        "invalid-id",
        f"chairs[0]: {ID} (got '')",
        ("chairs[0]", ""),
    ),
    refusal(
        "group-responsibilities-not-a-collection",
        lambda: Group("g", "G", "governance", responsibilities="outcomes"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "responsibilities: must be a collection of responsibilities (got 'outcomes')",
        ("responsibilities", "outcomes"),
    ),
    refusal(
        "group-responsibility-unknown",
        lambda: Group("g", "G", "governance", responsibilities=["budget"]),  # type: ignore[list-item]
        InvalidValueError,
        "unknown-choice",
        (
            "responsibilities[0]: is not a responsibility; expected one of: "
            "oversee-and-guide, outcomes, scrutinise-resources, "
            "hold-partners-accountable, share-best-practice, highlight-issues, "
            "engage-stakeholders, disseminate-learning (got 'budget')"
        ),
        ("responsibilities[0]", "budget"),
    ),
    refusal(
        "group-reports-to-empty",
        lambda: Group("g", "G", "governance", reports_to=""),
        InvalidValueError,
        "invalid-id",
        f"reports_to: {ID} (got '')",
        ("reports_to", ""),
    ),
    refusal(
        "group-area-empty",
        lambda: Group("g", "G", "local", area=" "),
        InvalidValueError,
        "blank",
        "area: must not be empty (got ' ')",
        ("area", " "),
    ),
    refusal(
        "group-decision-style-unknown",
        lambda: Group("g", "G", "governance", decision_style="vote"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "decision_style: is not a decision style; expected one of: collegiate, "
            "directive (got 'vote')"
        ),
        ("decision_style", "vote"),
    ),
    refusal(
        "group-minuted-not-a-flag",
        lambda: Group("g", "G", "governance", minuted="yes"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-boolean",
        "minuted: must be true, false or none (got 'yes')",
        ("minuted", "yes"),
    ),
    refusal(
        "group-firm-agenda-not-a-flag",
        lambda: Group("g", "G", "governance", firm_agenda=1),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-boolean",
        "firm_agenda: must be true, false or none (got 1)",
        ("firm_agenda", 1),
    ),
    refusal(
        "group-cadence-not-a-cadence",
        lambda: Group("g", "G", "governance", cadence=6),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "cadence: must be a Cadence (got 6)",
        ("cadence", 6),
    ),
    refusal(
        "group-chair-not-a-member",
        lambda: Group("g", "G", "governance", members={"a"}, chairs={"b", "c"}),
        InvalidValueError,
        "not-listed",
        "chairs: a chair must be a member of the group (got ['b', 'c'])",
        ("chairs", ["b", "c"]),
    ),
    refusal(
        "group-reports-to-itself",
        lambda: Group("g", "G", "governance", reports_to="g"),
        InvalidValueError,
        "self-reference",
        "reports_to: a group cannot report to itself (got 'g')",
        ("reports_to", "g"),
    ),
    # _governance.py: GovernanceStructure
    refusal(
        "structure-type-unknown",
        lambda: GovernanceStructure("three-tier", [GG]),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "type: is not a governance type; expected one of: single-tier, two-tier, "
            "locality-based (got 'three-tier')"
        ),
        ("type", "three-tier"),
    ),
    refusal(
        "structure-groups-not-a-sequence",
        lambda: GovernanceStructure("single-tier", "gg"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "groups: must be a sequence of groups (got 'gg')",
        ("groups", "gg"),
    ),
    refusal(
        "structure-groups-item-not-a-group",
        lambda: GovernanceStructure("single-tier", [GG, "gg"]),  # type: ignore[list-item]
        InvalidValueError,
        "wrong-type",
        "groups[1]: must be a Group (got 'gg')",
        ("groups[1]", "gg"),
    ),
    refusal(
        "structure-firmness-unknown",
        lambda: GovernanceStructure("single-tier", [GG], firmness="loose"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "firmness: is not a firmness; expected one of: firm, partly-defined, "
            "undefined (got 'loose')"
        ),
        ("firmness", "loose"),
    ),
    refusal(
        "structure-group-id-twice",
        lambda: structure("single-tier", GG, group("gg", "working")),
        InvalidValueError,
        "duplicate",
        "groups[1].id: is the id of another group (got 'gg')",
        ("groups[1].id", "gg"),
    ),
    refusal(
        "structure-reports-to-unknown-group",
        lambda: structure("single-tier", GG, group("w", "working", "board")),
        InvalidValueError,
        "not-listed",
        "groups[1].reports_to: is not a group of this structure (got 'board')",
        ("groups[1].reports_to", "board"),
    ),
    refusal(
        "structure-reporting-cycle",
        lambda: structure(
            "single-tier",
            GG,
            group("x", "working", "y"),
            group("y", "working", "z"),
            group("z", "working", "x"),
        ),
        RuleViolationError,
        "reporting-cycle",
        "groups[1].reports_to: reporting lines form a cycle: x -> y -> z -> x (got 'y')",
        ("groups[1].reports_to", "y"),
    ),
    refusal(
        "structure-reporting-into-a-cycle",
        lambda: structure(
            "single-tier",
            GG,
            group("w", "working", "x"),
            group("x", "working", "y"),
            group("y", "working", "x"),
        ),
        RuleViolationError,
        "reporting-cycle",
        "groups[2].reports_to: reporting lines form a cycle: x -> y -> x (got 'y')",
        ("groups[2].reports_to", "y"),
    ),
    refusal(
        "single-tier-two-governance-groups",
        lambda: structure("single-tier", GG, group("g2", "governance")),
        RuleViolationError,
        "wrong-group-tiers",
        (
            "groups: a single-tier structure has exactly one Governance Group (and no "
            "strategic, operational or local groups) (got ['governance', 'governance'])"
        ),
        ("groups", ["governance", "governance"]),
    ),
    refusal(
        "two-tier-without-strategic",
        lambda: structure("two-tier", group("ops", "operational")),
        RuleViolationError,
        "wrong-group-tiers",
        "groups: a two-tier structure needs a strategic group (got ['operational'])",
        ("groups", ["operational"]),
    ),
    refusal(
        "two-tier-without-operational",
        lambda: structure("two-tier", group("board", "strategic")),
        RuleViolationError,
        "wrong-group-tiers",
        "groups: a two-tier structure needs an operational group (got ['strategic'])",
        ("groups", ["strategic"]),
    ),
    refusal(
        "two-tier-operational-reports-to-nobody",
        lambda: structure("two-tier", group("board", "strategic"), group("ops", "operational")),
        RuleViolationError,
        "wrong-reporting-line",
        "groups[1].reports_to: an operational group reports to a strategic group",
        ("groups[1].reports_to", None),
    ),
    refusal(
        "two-tier-operational-reports-elsewhere",
        lambda: structure(
            "two-tier",
            group("board", "strategic"),
            group("core", "working"),
            group("ops", "operational", "core"),
        ),
        RuleViolationError,
        "wrong-reporting-line",
        "groups[2].reports_to: an operational group reports to a strategic group (got 'core')",
        ("groups[2].reports_to", "core"),
    ),
    refusal(
        "locality-without-local-groups",
        lambda: structure("locality-based", GG),
        RuleViolationError,
        "wrong-group-tiers",
        (
            "groups: a locality-based structure has one overarching Governance Group and "
            "at least one local steering group (got ['governance'])"
        ),
        ("groups", ["governance"]),
    ),
    refusal(
        "locality-local-reports-to-nobody",
        lambda: structure("locality-based", GG, group("fife", "local")),
        RuleViolationError,
        "wrong-reporting-line",
        "groups[1].reports_to: a local steering group reports to the Governance Group (gg)",
        ("groups[1].reports_to", None),
    ),
    refusal(
        "locality-local-reports-elsewhere",
        lambda: structure(
            "locality-based", GG, group("core", "working"), group("fife", "local", "core")
        ),
        RuleViolationError,
        "wrong-reporting-line",
        (
            "groups[2].reports_to: a local steering group reports to the Governance "
            "Group (gg) (got 'core')"
        ),
        ("groups[2].reports_to", "core"),
    ),
    refusal(
        "structure-group-unknown",
        lambda: structure("single-tier", GG).group("board"),
        InvalidValueError,
        "not-listed",
        "group_id: is not a group of this structure (got 'board')",
        ("group_id", "board"),
    ),
    # _mou.py: clauses, signatories, signatures
    refusal(
        "clause-subject-unknown",
        lambda: Clause("money", "Funds are shared."),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "subject: is not a clause subject; expected one of: purpose-and-scope, "
            "governance, data-sharing, intellectual-property, exit, other (got 'money')"
        ),
        ("subject", "money"),
    ),
    refusal(
        "clause-text-empty",
        lambda: Clause("exit", ""),
        InvalidValueError,
        "blank",
        "text: must not be empty (got '')",
        ("text", ""),
    ),
    refusal(
        "signatory-person-empty",
        lambda: Signatory("", "a"),
        InvalidValueError,
        "blank",
        "person: must not be empty (got '')",
        ("person", ""),
    ),
    refusal(
        "signatory-partner-id-not-text",
        lambda: Signatory("Ann", 5),  # type: ignore[arg-type]
        InvalidValueError,
        "invalid-id",
        f"partner_id: {ID} (got 5)",
        ("partner_id", 5),
    ),
    refusal(
        "signatory-capacity-blank",
        lambda: Signatory("Ann", "a", " "),
        InvalidValueError,
        "blank",
        "capacity: must not be empty (got ' ')",
        ("capacity", " "),
    ),
    refusal(
        "signature-person-empty",
        lambda: Signature(" ", D1),
        InvalidValueError,
        "blank",
        "person: must not be empty (got ' ')",
        ("person", " "),
    ),
    refusal(
        "signature-date-a-datetime",
        lambda: Signature("Ann", datetime(2012, 6, 1)),
        InvalidValueError,
        "not-a-date",
        (
            "on: must be a date (datetime.date, not a datetime) (got "
            "datetime.datetime(2012, 6, 1, 0, 0))"
        ),
        ("on", datetime(2012, 6, 1)),
    ),
    # _mou.py: MoU
    refusal(
        "mou-id-empty",
        lambda: mou(id=""),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got '')",
        ("id", ""),
    ),
    refusal(
        "mou-version-zero",
        lambda: mou(version=0),
        InvalidValueError,
        "out-of-range",
        "version: must be a whole number from 1 to 10,000 (got 0)",
        ("version", 0),
    ),
    refusal(
        "mou-drafted-on-text",
        lambda: mou(drafted_on="2012-06-01"),
        InvalidValueError,
        "not-a-date",
        "drafted_on: must be a date (datetime.date, not a datetime) (got '2012-06-01')",
        ("drafted_on", "2012-06-01"),
    ),
    refusal(
        "mou-parties-not-a-collection",
        lambda: mou(parties="a"),
        InvalidValueError,
        "not-a-collection",
        "parties: must be a collection of ids (got 'a')",
        ("parties", "a"),
    ),
    refusal(
        "mou-value-unknown",
        lambda: mou(values=["honesty"]),
        InvalidValueError,
        "unknown-choice",
        (
            "values[0]: is not a partnership value; expected one of: equality, "
            "mutual-respect-and-trust, open-and-transparent-communication, "
            "co-operation-and-consultation, positive-and-constructive, "
            "willingness-to-work-with-and-learn-from-others, "
            "shared-commitment-to-excellent-services, best-use-of-resources (got "
            "'honesty')"
        ),
        ("values[0]", "honesty"),
    ),
    refusal(
        "mou-clauses-not-a-sequence",
        lambda: mou(clauses="exit"),
        InvalidValueError,
        "not-a-collection",
        "clauses: must be a sequence of Clause (got 'exit')",
        ("clauses", "exit"),
    ),
    refusal(
        "mou-signatories-item-not-a-signatory",
        lambda: mou(signatories=["Ann"]),
        InvalidValueError,
        "wrong-type",
        "signatories[0]: must be a Signatory (got 'Ann')",
        ("signatories[0]", "Ann"),
    ),
    refusal(
        "mou-signatures-item-not-a-signature",
        lambda: mou(signatures=[("Ann", D1)]),
        InvalidValueError,
        "wrong-type",
        "signatures[0]: must be a Signature (got ('Ann', datetime.date(2012, 6, 1)))",
        ("signatures[0]", ("Ann", D1)),
    ),
    refusal(
        "mou-governance-not-a-structure",
        lambda: mou(governance="single-tier"),
        InvalidValueError,
        "wrong-type",
        "governance: must be a GovernanceStructure (got 'single-tier')",
        ("governance", "single-tier"),
    ),
    refusal(
        "mou-signatory-named-twice",
        lambda: mou(signatories=[Signatory("Ann", "a"), Signatory("Ann", "b")]),
        InvalidValueError,
        "duplicate",
        "signatories[1].person: is named twice (got 'Ann')",
        ("signatories[1].person", "Ann"),
    ),
    refusal(
        "mou-signatory-for-non-party",
        lambda: mou(signatories=[Signatory("Cy", "c")]),
        InvalidValueError,
        "not-listed",
        (
            "signatories[0].partner_id: signs for an organisation that is not a party to "
            "the MoU (got 'c')"
        ),
        ("signatories[0].partner_id", "c"),
    ),
    refusal(
        "mou-signature-by-someone-not-named",
        lambda: mou(signatures=[Signature("Bob", D1)]),
        RuleViolationError,
        "not-a-signatory",
        ("signatures[0].person: is not named as a signatory in the acceptance section (got 'Bob')"),
        ("signatures[0].person", "Bob"),
    ),
    refusal(
        "mou-signed-twice",
        lambda: mou(signatures=[Signature("Ann", D1), Signature("Ann", D2)]),
        RuleViolationError,
        "already-signed",
        "signatures[1].person: has already signed (got 'Ann')",
        ("signatures[1].person", "Ann"),
    ),
    refusal(
        "mou-signed-before-drafted",
        lambda: mou(signatures=[Signature("Ann", D0)]),
        RuleViolationError,
        "before-drafted",
        "signatures[0].on: is before the MoU was drafted (2012-06-01) (got '2012-04-01')",
        ("signatures[0].on", "2012-04-01"),
    ),
    refusal(
        "mou-governance-members-not-parties",
        lambda: mou(
            governance=structure(
                "single-tier", Group("gg", "GG", "governance", members={"a", "c", "d"})
            )
        ),
        InvalidValueError,
        "not-listed",
        "governance: proposes group members who are not parties to the MoU (got ['c', 'd'])",
        ("governance", ["c", "d"]),
    ),
    refusal(
        "mou-amended-before-drafted",
        lambda: mou().amended(on=D0),
        RuleViolationError,
        "before-drafted",
        "on: an amendment cannot be drafted before the version it amends (got '2012-04-01')",
        ("on", "2012-04-01"),
    ),
    # _funding.py: the funding mix
    refusal(
        "funding-mix-not-a-mapping",
        lambda: FundingMix(known=["sg"]),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "known: must map a funder id to its awards (got ['sg'])",
        ("known", ["sg"]),
    ),
    refusal(
        "funding-mix-empty-funder",
        lambda: FundingMix(known={"": 1}),
        InvalidValueError,
        "invalid-id",
        f"known: {ID} (got '')",
        ("known", ""),
    ),
    refusal(
        "funding-mix-negative-amount",
        lambda: FundingMix(known={"sg": -1}),
        InvalidValueError,
        "out-of-range",
        "known[sg]: must be a whole number of pounds from 0 to 1,000,000,000,000 (got -1)",
        ("known[sg]", -1),
    ),
    refusal(
        "funding-mix-bids-as-text",
        lambda: FundingMix(unknown={"sg": "b1"}),
        InvalidValueError,
        "not-a-collection",
        "unknown[sg]: must be a sequence of bid ids (got 'b1')",
        ("unknown[sg]", "b1"),
    ),
    refusal(
        "funding-mix-no-bids",
        lambda: FundingMix(unknown={"sg": []}),
        InvalidValueError,
        "empty",
        "unknown[sg]: must name at least one bid; leave out a funder with no such award (got [])",
        ("unknown[sg]", []),
    ),
    refusal(
        "funding-mix-bid-id-padded",
        lambda: FundingMix(unknown={"sg": [" b1"]}),
        InvalidValueError,
        "invalid-id",
        f"unknown[sg][0]: {ID} (got ' b1')",
        ("unknown[sg][0]", " b1"),
    ),
    # _guards.py: lifecycle steps refused by their hard guards (TransitionRefusedError
    # lists every unmet guard's message)
    refusal(
        "start-design-without-lead",
        lambda: (
            Partnership("p", "P").join(ALDER, on=D0).join(BIRCH, on=D0).step("start-design", on=D1)
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-design from the forming stage: no member leads the "
            "partnership (got 'start-design')"
        ),
        ("step", "start-design"),
    ),
    refusal(
        "start-design-lead-from-wrong-sector",
        lambda: (
            Partnership("p", "P", policy=Policy(lead_sectors={"third"}))
            .join(BIRCH, on=D0, roles={"lead"})
            .join(ALDER, on=D0)
            .step("start-design", on=D1)
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-design from the forming stage: the lead, Birch CJA, is "
            "public sector, but PSP requires a third-sector lead (got 'start-design')"
        ),
        ("step", "start-design"),
    ),
    refusal(
        "start-design-without-public-member",
        lambda: (
            Partnership("p", "P").join(ALDER, on=D0, roles={"lead"}).step("start-design", on=D1)
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-design from the forming stage: 0 public-sector "
            "member(s), but PSP requires at least 1 (got 'start-design')"
        ),
        ("step", "start-design"),
    ),
    refusal(
        "start-design-without-third-sector-member",
        lambda: (
            Partnership("p", "P").join(BIRCH, on=D0, roles={"lead"}).step("start-design", on=D1)
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-design from the forming stage: 0 third-sector member(s), "
            "but PSP requires at least 1 (got 'start-design')"
        ),
        ("step", "start-design"),
    ),
    refusal(
        "start-design-with-no-members",
        lambda: Partnership("p", "P").step("start-design", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-design from the forming stage: no member leads the "
            "partnership; 0 public-sector member(s), but PSP requires at least 1; 0 "
            "third-sector member(s), but PSP requires at least 1 (got 'start-design')"
        ),
        ("step", "start-design"),
    ),
    refusal(
        "start-pilot-mou-unsigned-by-launch",
        lambda: stepped("start-design", mou_before_pilot=True).step("start-pilot", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-pilot from the design stage: no MoU is signed by every "
            "named signatory by the day the pilot starts (got 'start-pilot')"
        ),
        ("step", "start-pilot"),
    ),
    refusal(
        "start-pilot-mou-unsigned-before-pilot",
        lambda: stepped("start-design", mou_before_pilot=True, mou_at_launch=False).step(
            "start-pilot", on=D1
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-pilot from the design stage: no MoU is signed by every "
            "named signatory before the pilot (got 'start-pilot')"
        ),
        ("step", "start-pilot"),
    ),
    refusal(
        "start-pilot-without-pilot-award",
        lambda: stepped("start-design", pilot_award_before_pilot=True).step("start-pilot", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-pilot from the design stage: no pilot bid has been "
            "awarded (got 'start-pilot')"
        ),
        ("step", "start-pilot"),
    ),
    refusal(
        "start-pilot-without-service-design",
        lambda: stepped("start-design", design_approval_before_pilot=True).step(
            "start-pilot", on=D1
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-pilot from the design stage: no service design has been "
            "agreed (got 'start-pilot')"
        ),
        ("step", "start-pilot"),
    ),
    refusal(
        "start-pilot-design-unapproved",
        lambda: (
            stepped("start-design", design_approval_before_pilot=True)
            .agree_service_design(ServiceDesign("Throughcare"), on=D0)
            .step("start-pilot", on=D1)
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-pilot from the design stage: no funder has approved the "
            "service design (got 'start-pilot')"
        ),
        ("step", "start-pilot"),
    ),
    refusal(
        "start-pilot-design-unapproved-by-pilot-funder",
        lambda: awarded(
            stepped("start-design", design_approval_before_pilot=True)
            .agree_service_design(ServiceDesign("Throughcare"), on=D0)
            .approve_design("a", on=D0)
        ).step("start-pilot", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-pilot from the design stage: no funder of an awarded "
            "pilot bid has approved the service design (got 'start-pilot')"
        ),
        ("step", "start-pilot"),
    ),
    refusal(
        "start-review-without-measures",
        lambda: stepped("start-design", "start-pilot", measures_before_review=True).step(
            "start-review", on=D1
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-review from the pilot stage: no measures of the pilot's "
            "success are agreed (got 'start-review')"
        ),
        ("step", "start-review"),
    ),
    refusal(
        "start-review-measure-without-result",
        lambda: with_commitment(
            stepped("start-design", "start-pilot", measures_before_review=True)
        ).step("start-review", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot start-review from the pilot stage: no result is recorded for "
            "m1 (got 'start-review')"
        ),
        ("step", "start-review"),
    ),
    refusal(
        "commission-without-commitment",
        lambda: stepped(
            "start-design", "start-pilot", "start-review", conditions_before_commissioning=True
        ).step("commission", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot commission from the review stage: no sustainability commitment "
            "is given (got 'commission')"
        ),
        ("step", "commission"),
    ),
    refusal(
        "commission-conditions-unmet",
        lambda: (
            with_commitment(
                stepped(
                    "start-design",
                    "start-pilot",
                    "start-review",
                    conditions_before_commissioning=True,
                )
            )
            .give_commitment("c1", on=D0)
            .step("commission", on=D1)
        ),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot commission from the review stage: the commitments' measures "
            "and conditions are not met: budget, m1 (got 'commission')"
        ),
        ("step", "commission"),
    ),
    refusal(
        "commission-without-tender-award",
        lambda: stepped(
            "start-design", "start-pilot", "start-review", tender_before_commissioning=True
        ).step("commission", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot commission from the review stage: no tender for the service "
            "has been awarded (got 'commission')"
        ),
        ("step", "commission"),
    ),
    refusal(
        "grant-fund-without-delivery-award",
        lambda: stepped("start-design", "start-pilot", "start-review").step("grant-fund", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        (
            "step: cannot grant-fund from the review stage: no delivery bid has been "
            "awarded (got 'grant-fund')"
        ),
        ("step", "grant-fund"),
    ),
    # _policy.py: a finding of psp's own rules
    refusal(
        "finding-of-an-unknown-rule",
        lambda: Finding.of("no-such-rule", "?"),
        InvalidValueError,
        "unknown-choice",
        "rule: is not a rule psp reports (see Finding.RULES) (got 'no-such-rule')",
        ("rule", "no-such-rule"),
    ),
    # _partnership.py: the partnership's identity and queries
    refusal(
        "partnership-id-empty",
        lambda: Partnership("", "P"),
        InvalidValueError,
        "invalid-id",
        f"id: {ID} (got '')",
        ("id", ""),
    ),
    refusal(
        "partnership-name-not-text",
        lambda: Partnership("p", 5),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "name: must be text (got 5)",
        ("name", 5),
    ),
    refusal(
        "partnership-focus-not-a-collection",
        lambda: Partnership("p", "P", focus="women"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "focus: must be a collection of focuses (got 'women')",
        ("focus", "women"),
    ),
    refusal(
        "partnership-focus-unknown",
        lambda: Partnership("p", "P", focus=["youth"]),  # type: ignore[list-item]
        InvalidValueError,
        "unknown-choice",
        (
            "focus[0]: is not a focus; expected one of: prison-leavers, remand, "
            "community-sentences, women, substance-use, other; or a term of your own, "
            "prefix:name (such as acme:mentors) (got 'youth')"
        ),
        ("focus[0]", "youth"),
    ),
    refusal(
        "partnership-scope-unknown",
        lambda: Partnership("p", "P", scope="global"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        "scope: is not a scope; expected one of: local, regional, national (got 'global')",
        ("scope", "global"),
    ),
    refusal(
        "partnership-areas-not-a-collection",
        lambda: Partnership("p", "P", areas="Fife"),
        InvalidValueError,
        "not-a-collection",
        "areas: must be a collection of text values (got 'Fife')",
        ("areas", "Fife"),
    ),
    refusal(
        "partnership-description-not-text",
        lambda: Partnership("p", "P", description=None),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "description: must be text",
        ("description", None),
    ),
    refusal(
        "partnership-description-a-number",
        lambda: Partnership("p", "P", description=5),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "description: must be text (got 5)",
        ("description", 5),
    ),
    refusal(
        "partnership-policy-not-a-policy",
        lambda: Partnership("p", "P", policy="rrcf"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "policy: must be a psp.Policy (got 'rrcf')",
        ("policy", "rrcf"),
    ),
    refusal(
        "partnership-history-not-a-sequence",
        lambda: Partnership("p", "P", history="events"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "history: must be a sequence of events (got 'events')",
        ("history", "events"),
    ),
    refusal(
        "step-unknown",
        lambda: small().step("launch", on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "step: is not a step; expected one of: start-design, start-pilot, "
            "start-review, continue-pilot, commission, grant-fund, close (got 'launch')"
        ),
        ("step", "launch"),
    ),
    refusal(
        "blockers-step-unknown",
        lambda: small().blockers("launch"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "step: is not a step; expected one of: start-design, start-pilot, "
            "start-review, continue-pilot, commission, grant-fund, close (got 'launch')"
        ),
        ("step", "launch"),
    ),
    refusal(
        "join-with-a-different-partner-of-a-known-id",
        lambda: small().join(Partner("a", "Alder Trust Ltd", "third"), on=D1),
        RuleViolationError,
        "conflicting-record",
        (
            "partner: differs from the organisation already known by this id; pass its "
            "id instead (got 'a')"
        ),
        ("partner", "a"),
    ),
    refusal(
        "blockers-reason-not-text",
        lambda: small().blockers("close", reason=None),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "reason: must be text",
        ("reason", None),
    ),
    refusal(
        "findings-policy-not-a-policy",
        lambda: small().findings("rrcf"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "policy: must be a psp.Policy (got 'rrcf')",
        ("policy", "rrcf"),
    ),
    refusal(
        "organisation-unknown",
        lambda: small().organisation("zz"),
        UnknownReferenceError,
        "unknown-organisation",
        "partner_id: is not an organisation this partnership knows (got 'zz')",
        ("partner_id", "zz"),
    ),
    refusal(
        "cadence-check-without-governance",
        lambda: small().cadence_check("gg", D0, D1),
        RuleViolationError,
        "no-governance",
        "group_id: the partnership has no governance yet (got 'gg')",
        ("group_id", "gg"),
    ),
    refusal(
        "cadence-check-group-without-cadence",
        lambda: (
            small()
            .adopt_governance(structure("single-tier", GG), on=D0)
            .cadence_check("gg", D0, D1)
        ),
        RuleViolationError,
        "no-cadence",
        "group_id: no cadence is set for this group (got 'gg')",
        ("group_id", "gg"),
    ),
    refusal(
        "cadence-check-group-unknown",
        lambda: (
            small()
            .adopt_governance(structure("single-tier", GG), on=D0)
            .cadence_check("board", D0, D1)
        ),
        InvalidValueError,
        "not-listed",
        "group_id: is not a group of this structure (got 'board')",
        ("group_id", "board"),
    ),
    refusal(
        "memberships-on-text",
        lambda: small().memberships_on("2012-06-01"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "on: must be a date (datetime.date, not a datetime) (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "seats-on-text",
        lambda: small().seats_on("2012-06-01"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "on: must be a date (datetime.date, not a datetime) (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "representatives-of-on-text",
        lambda: small().representatives_of("a", "2012-06-01"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "on: must be a date (datetime.date, not a datetime) (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "links-on-text",
        lambda: small().links_on("2012-06-01"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "on: must be a date (datetime.date, not a datetime) (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "governance-on-text",
        lambda: small().governance("2012-06-01"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "on: must be a date (datetime.date, not a datetime) (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "blockers-on-text",
        lambda: small().blockers("start-design", on="2012-06-01"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "on: must be a date (datetime.date, not a datetime) (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "findings-on-text",
        lambda: small().findings(on="2012-06-01"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "on: must be a date (datetime.date, not a datetime) (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "absent-public-body-kinds-not-a-collection",
        lambda: small().absent_public_body_kinds("cja"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "expected: must be a collection of public body kinds (got 'cja')",
        ("expected", "cja"),
    ),
    refusal(
        "unfilled-roles-role-unknown",
        lambda: small().unfilled_roles(required=["boss"]),  # type: ignore[list-item]
        InvalidValueError,
        "unknown-choice",
        (
            "required[0]: is not a role; expected one of: lead, provider, referral, "
            "support, strategic (got 'boss')"
        ),
        ("required[0]", "boss"),
    ),
    # open vocabularies: terms of your own (docs/vocabularies.md)
    refusal(
        "term-malformed",
        lambda: Term("mentors"),
        InvalidValueError,
        "malformed-term",
        (
            "term: a term of your own is written prefix:name, each part lower-case "
            "letters, digits and single hyphens, 100 characters at most (such as "
            "acme:mentors) (got 'mentors')"
        ),
        ("term", "mentors"),
    ),
    refusal(
        "link-kind-term-malformed",
        lambda: small().link("a", "b", "Acme:Mentors", on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "malformed-term",
        (
            "kind: a term of your own is written prefix:name, each part lower-case "
            "letters, digits and single hyphens, 100 characters at most (such as "
            "acme:mentors) (got 'Acme:Mentors')"
        ),
        ("kind", "Acme:Mentors"),
    ),
    refusal(
        "theme-unknown",
        lambda: Statement("s", "impact", "It made a difference"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "theme: is not a theme; expected one of: partners, meetings, governance, "
            "vision, roles, trust, equality, learning; or a term of your own, "
            "prefix:name (such as acme:mentors) (got 'impact')"
        ),
        ("theme", "impact"),
    ),
    refusal(
        "link-kind-defined-built-in",
        lambda: small().define_link_kind(
            "funds",  # type: ignore[arg-type]
            label="pays",
            inverse_label="is paid by",
            on=D1,
        ),
        InvalidValueError,
        "built-in-kind",
        (
            "kind: is a built-in link kind, whose labels are psp's; define a term of "
            "your own, prefix:name (such as acme:mentors) (got 'funds')"
        ),
        ("kind", "funds"),
    ),
    refusal(
        "link-kind-defined-same-labels",
        lambda: (
            small()
            .define_link_kind(
                Term("acme:mentors"), label="mentors", inverse_label="is mentored by", on=D1
            )
            .define_link_kind(
                Term("acme:mentors"), label="mentors", inverse_label="is mentored by", on=D2
            )
        ),
        RuleViolationError,
        "same-labels",
        "label: acme:mentors already has these labels (got 'mentors')",
        ("label", "mentors"),
    ),
    refusal(
        "links-on-kind-unknown",
        lambda: small().links_on(kinds=["likes"]),  # type: ignore[list-item]
        InvalidValueError,
        "unknown-choice",
        (
            "kinds[0]: is not a link kind; expected one of: refers-to, onward-referral, "
            "strategic-link, potential-commissioner, signposted, represents, "
            "underwrites, funds, staff-seconded, information-broker, "
            "working-relationship; or a term of your own, prefix:name (such as "
            "acme:mentors) (got 'likes')"
        ),
        ("kinds[0]", "likes"),
    ),
    refusal(
        "meetings-kind-unknown",
        lambda: small().meetings(kinds=["party"]),  # type: ignore[list-item]
        InvalidValueError,
        "unknown-choice",
        (
            "kinds[0]: is not a meeting kind; expected one of: governance-group, "
            "core-working-group, one-to-one, workshop, launch-event (got 'party')"
        ),
        ("kinds[0]", "party"),
    ),
    # _aggregate/state.py: every event is checked against the history so far
    refusal(
        "history-item-not-an-event",
        lambda: Partnership("p", "P", history=[5]),  # type: ignore[list-item]
        InvalidValueError,
        "wrong-type",
        "history[0]: is not a partnership event (see psp.Event) (got 5)",
        ("history[0]", 5),
    ),
    refusal(
        "history-item-a-subclass-of-an-event",
        lambda: small().record(_OwnLeaving(on=D1, partner_id="a")),
        InvalidValueError,
        "wrong-type",
        (
            "history[4]: is not a partnership event (see psp.Event) (got "
            "_OwnLeaving(on=datetime.date...), partner_id='a', reason=''))"
        ),
        ("history[4]", _OwnLeaving(on=D1, partner_id="a")),
    ),
    refusal(
        "recorded-event-refused-names-its-place",
        lambda: small().record(psp.MemberJoined(on=D1, partner_id="zz", roles=())),
        UnknownReferenceError,
        "unknown-organisation",
        (
            "history[4].partner_id: is not an organisation this partnership knows; add "
            "it first (got 'zz')"
        ),
        ("history[4].partner_id", "zz"),
    ),
    refusal(
        "event-before-the-previous-one",
        lambda: small().leave("b", on=D1).join(CEDAR, on=D0),
        RuleViolationError,
        "out-of-order",
        (
            "on: is before the previous event (2012-06-01); events are recorded in the "
            "order they happened (got '2012-04-01')"
        ),
        ("on", "2012-04-01"),
    ),
    refusal(
        "nothing-recorded-after-closing",
        lambda: small().step("close", on=D1, reason="merged").partnership.join(CEDAR, on=D2),
        RuleViolationError,
        "partnership-closed",
        "the partnership closed on 2012-06-01; it records nothing more",
        (None, None),
    ),
    refusal(
        "organisation-added-twice",
        lambda: small().add_organisation(ALDER, on=D1),
        RuleViolationError,
        "id-taken",
        "partner.id: is already the id of an organisation in this partnership (got 'a')",
        ("partner.id", "a"),
    ),
    refusal(
        "organisation-part-of-unknown",
        lambda: small().add_organisation(Partner("c", "C", "third", part_of="zz"), on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        ("partner.part_of: is not an organisation this partnership knows; add it first (got 'zz')"),
        ("partner.part_of", "zz"),
    ),
    refusal(
        "join-unknown-organisation",
        lambda: small().join("zz", on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        "partner: is not an organisation this partnership knows; add it first (got 'zz')",
        ("partner", "zz"),
    ),
    refusal(
        "join-when-already-a-member",
        lambda: small().join("a", on=D1),
        RuleViolationError,
        "already-a-member",
        (
            "partner: Alder Trust is already a member (since 2012-04-01); a partner "
            "is a member at most once at a time (got 'a')"
        ),
        ("partner", "a"),
    ),
    refusal(
        "join-while-holding-a-seat",
        lambda: small().take_seat(CEDAR, on=D0).join("c", on=D1),
        RuleViolationError,
        "member-or-seat",
        ("partner: Cedar Project holds a non-member seat; it leaves the seat to join (got 'c')"),
        ("partner", "c"),
    ),
    refusal(
        "join-signposted-by-unknown",
        lambda: small().join(CEDAR, on=D1, engagement="signposted", signposted_by="zz"),
        UnknownReferenceError,
        "unknown-organisation",
        "signposted_by: is not an organisation this partnership knows; add it first (got 'zz')",
        ("signposted_by", "zz"),
    ),
    refusal(
        "join-signposted-by-itself",
        lambda: small().join(CEDAR, on=D1, engagement="signposted", signposted_by="c"),
        RuleViolationError,
        "self-signpost",
        "signposted_by: an organisation cannot signpost itself (got 'c')",
        ("signposted_by", "c"),
    ),
    refusal(
        "join-as-a-second-lead",
        lambda: small().join(CEDAR, on=D1, roles={"lead"}),
        RuleViolationError,
        "second-lead",
        (
            "roles: Alder Trust already leads and a partnership has one lead at a time; "
            "change its roles first (got 'lead')"
        ),
        ("roles", "lead"),
    ),
    refusal(
        "change-roles-of-a-non-member",
        lambda: known(CEDAR).change_roles("c", {"provider"}, on=D1),
        RuleViolationError,
        "not-a-member",
        "partner: Cedar Project is not a member now (got 'c')",
        ("partner", "c"),
    ),
    refusal(
        "change-roles-to-the-same",
        lambda: small().change_roles("a", {"lead"}, on=D1),
        RuleViolationError,
        "roles-unchanged",
        "roles: Alder Trust already holds exactly these roles (got ['lead'])",
        ("roles", ["lead"]),
    ),
    refusal(
        "leave-on-the-day-of-joining",
        lambda: small().leave("a", on=D0),
        RuleViolationError,
        "too-short",
        (
            "on: Alder Trust's current membership started that day; a membership lasts "
            "at least one day (got '2012-04-01')"
        ),
        ("on", "2012-04-01"),
    ),
    refusal(
        "suspend-a-non-member",
        lambda: known(CEDAR).suspend("c", on=D1),
        RuleViolationError,
        "not-a-member",
        "partner: Cedar Project is not a member now (got 'c')",
        ("partner", "c"),
    ),
    refusal(
        "suspend-twice",
        lambda: small().suspend("a", on=D1).suspend("a", on=D2),
        RuleViolationError,
        "already-suspended",
        "partner: Alder Trust is already suspended (since 2012-06-01) (got 'a')",
        ("partner", "a"),
    ),
    refusal(
        "reinstate-not-suspended",
        lambda: small().reinstate("a", on=D1),
        RuleViolationError,
        "not-suspended",
        "partner: Alder Trust is not suspended now (got 'a')",
        ("partner", "a"),
    ),
    refusal(
        "reinstate-on-the-day-of-suspension",
        lambda: small().suspend("a", on=D1).reinstate("a", on=D1),
        RuleViolationError,
        "too-short",
        (
            "on: the member was suspended that day; a suspension lasts at least one day "
            "(got '2012-06-01')"
        ),
        ("on", "2012-06-01"),
    ),
    refusal(
        "leave-on-the-day-of-suspension",
        lambda: small().suspend("a", on=D1).leave("a", on=D1),
        RuleViolationError,
        "too-short",
        (
            "on: Alder Trust was suspended that day; a suspension lasts at least one day "
            "(got '2012-06-01')"
        ),
        ("on", "2012-06-01"),
    ),
    refusal(
        "take-seat-as-a-member",
        lambda: small().take_seat("a", on=D1),
        RuleViolationError,
        "member-or-seat",
        (
            "partner: Alder Trust is a member; non-member seats are for organisations "
            "that are not partners (got 'a')"
        ),
        ("partner", "a"),
    ),
    refusal(
        "take-seat-already-held",
        lambda: known(CEDAR).take_seat("c", on=D0).take_seat("c", on=D1),
        RuleViolationError,
        "already-seated",
        "kind: Cedar Project already holds this seat (got 'critical-friend')",
        ("kind", "critical-friend"),
    ),
    refusal(
        "leave-seat-not-held",
        lambda: known(CEDAR).leave_seat("c", on=D1),
        RuleViolationError,
        "not-seated",
        "kind: Cedar Project does not hold this seat now (got 'critical-friend')",
        ("kind", "critical-friend"),
    ),
    refusal(
        "leave-seat-on-the-day-taken",
        lambda: known(CEDAR).take_seat("c", on=D1).leave_seat("c", on=D1),
        RuleViolationError,
        "too-short",
        "on: the seat was taken that day; a seat is held at least one day (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "name-representative-twice",
        lambda: (
            small().name_representative("a", "Ann", on=D0).name_representative("a", "Ann", on=D1)
        ),
        RuleViolationError,
        "already-represents",
        "person: already represents Alder Trust (got 'Ann')",
        ("person", "Ann"),
    ),
    refusal(
        "stand-down-a-non-representative",
        lambda: small().stand_down_representative("a", "Ann", on=D1),
        RuleViolationError,
        "not-representing",
        "person: does not represent Alder Trust now (got 'Ann')",
        ("person", "Ann"),
    ),
    refusal(
        "stand-down-on-the-day-named",
        lambda: (
            small()
            .name_representative("a", "Ann", on=D1)
            .stand_down_representative("a", "Ann", on=D1)
        ),
        RuleViolationError,
        "too-short",
        (
            "on: they were named that day; a representative serves at least one day (got "
            "'2012-06-01')"
        ),
        ("on", "2012-06-01"),
    ),
    refusal(
        "link-between-non-members",
        lambda: known(CEDAR, DOCKS).link("c", "d", "refers-to", on=D1),
        RuleViolationError,
        "link-without-member",
        (
            "on: neither Cedar Project nor Docks Council is a member then; a partnership "
            "records links that involve its members (got '2012-06-01')"
        ),
        ("on", "2012-06-01"),
    ),
    refusal(
        "link-twice",
        lambda: small().link("a", "b", "refers-to", on=D0).link("a", "b", "refers-to", on=D1),
        RuleViolationError,
        "already-linked",
        "kind: Alder Trust already has this link to Birch CJA (got 'refers-to')",
        ("kind", "refers-to"),
    ),
    refusal(
        "unlink-no-such-link",
        lambda: small().unlink("a", "b", "refers-to", on=D1),
        RuleViolationError,
        "not-linked",
        "kind: Alder Trust has no such link to Birch CJA now (got 'refers-to')",
        ("kind", "refers-to"),
    ),
    refusal(
        "unlink-on-the-day-linked",
        lambda: small().link("a", "b", "refers-to", on=D1).unlink("a", "b", "refers-to", on=D1),
        RuleViolationError,
        "too-short",
        "on: the link began that day; a link lasts at least one day (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "governance-seats-a-non-member",
        lambda: known(CEDAR).adopt_governance(
            structure("single-tier", Group("gg", "GG", "governance", members={"a", "c"})), on=D1
        ),
        RuleViolationError,
        "outsider-in-group",
        (
            "structure.groups[0].members: Cedar Project is neither a member nor a seat "
            "holder now; a group seats partners and declared non-member seats (got 'c')"
        ),
        ("structure.groups[0].members", "c"),
    ),
    refusal(
        "meeting-attended-by-unknown",
        lambda: small().hold_meeting(
            Meeting(on=D1, kind="workshop", attendees=[Attendance("Zed", "zz")])
        ),
        UnknownReferenceError,
        "unknown-organisation",
        (
            "meeting.attendees[0].partner_id: is not an organisation this partnership "
            "knows; add it first (got 'zz')"
        ),
        ("meeting.attendees[0].partner_id", "zz"),
    ),
    refusal(
        "meeting-of-a-group-not-in-governance",
        lambda: (
            small()
            .adopt_governance(structure("single-tier", GG), on=D0)
            .hold_meeting(Meeting(on=D1, kind="governance-group", group="board"))
        ),
        UnknownReferenceError,
        "unknown-group",
        "meeting.group: is not a group of the partnership's governance now (got 'board')",
        ("meeting.group", "board"),
    ),
    refusal(
        "mou-drafted-twice",
        lambda: with_mou().draft_mou(mou()),
        RuleViolationError,
        "id-taken",
        "mou.id: is the id of an MoU already drafted; amend it instead (got 'm')",
        ("mou.id", "m"),
    ),
    refusal(
        "mou-drafted-as-a-later-version",
        lambda: small().draft_mou(mou(version=2)),
        RuleViolationError,
        "wrong-version",
        "mou.version: a new MoU is drafted as version 1 (got 2)",
        ("mou.version", 2),
    ),
    refusal(
        "mou-drafted-signed",
        lambda: small().draft_mou(mou(signatures=[Signature("Ann", D1)])),
        RuleViolationError,
        "not-initial-state",
        "mou.signatures: an MoU is recorded unsigned; record each signature with sign_mou "
        "(got ['Ann'])",
        ("mou.signatures", ["Ann"]),
    ),
    refusal(
        "mou-party-unknown",
        lambda: small().draft_mou(mou(parties={"a", "zz"})),
        UnknownReferenceError,
        "unknown-organisation",
        "mou.parties: is not an organisation this partnership knows; add it first (got 'zz')",
        ("mou.parties", "zz"),
    ),
    refusal(
        "mou-unknown",
        lambda: small().sign_mou("zz", "Ann", on=D1),
        UnknownReferenceError,
        "unknown-mou",
        "mou_id: is not an MoU of this partnership (got 'zz')",
        ("mou_id", "zz"),
    ),
    refusal(
        "sign-mou-by-someone-not-named",
        lambda: with_mou().sign_mou("m", "Bob", on=D1),
        RuleViolationError,
        "not-a-signatory",
        "person: is not named as a signatory in the acceptance section (got 'Bob')",
        ("person", "Bob"),
    ),
    refusal(
        "sign-mou-twice",
        lambda: with_mou().sign_mou("m", "Ann", on=D1).sign_mou("m", "Ann", on=D2),
        RuleViolationError,
        "already-signed",
        "person: has already signed (got 'Ann')",
        ("person", "Ann"),
    ),
    refusal(
        "amend-mou-skipping-a-version",
        lambda: with_mou().amend_mou(mou(version=3)),
        RuleViolationError,
        "wrong-version",
        "mou.version: an amendment of version 1 is 2 (got 3)",
        ("mou.version", 3),
    ),
    refusal(
        "amend-mou-signed",
        lambda: with_mou().amend_mou(mou(version=2, signatures=[Signature("Ann", D2)])),
        RuleViolationError,
        "not-initial-state",
        "mou.signatures: an MoU is recorded unsigned; record each signature with sign_mou "
        "(got ['Ann'])",
        ("mou.signatures", ["Ann"]),
    ),
    refusal(
        "amend-mou-unknown",
        lambda: with_mou().amend_mou(mou(id="zz", version=2)),
        UnknownReferenceError,
        "unknown-mou",
        "mou.id: is not an MoU of this partnership (got 'zz')",
        ("mou.id", "zz"),
    ),
    refusal(
        "step-not-in-the-table",
        lambda: small().step("start-pilot", on=D1),
        TransitionRefusedError,
        "step-not-allowed",
        (
            "step: a partnership in the forming stage cannot start-pilot; the steps from "
            "there are: start-design, close (got 'start-pilot')"
        ),
        ("step", "start-pilot"),
    ),
    refusal(
        "step-from-a-final-stage",
        lambda: (
            small().step("close", on=D1, reason="merged").partnership.step("start-design", on=D2)
        ),
        TransitionRefusedError,
        "step-not-allowed",
        (
            "step: a partnership in the closed stage cannot start-design; the steps from "
            "there are: none (got 'start-design')"
        ),
        ("step", "start-design"),
    ),
    refusal(
        "close-without-reason",
        lambda: small().step("close", on=D1),
        TransitionRefusedError,
        "guards-unmet",
        "step: cannot close from the forming stage: closing a partnership needs a reason "
        "(got 'close')",
        ("step", "close"),
    ),
    refusal(
        "approve-design-by-unknown-funder",
        lambda: small().approve_design("zz", on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        "funder: is not an organisation this partnership knows; add it first (got 'zz')",
        ("funder", "zz"),
    ),
    refusal(
        "approve-design-without-design",
        lambda: small().approve_design("b", on=D1),
        RuleViolationError,
        "nothing-to-approve",
        "funder: there is no service design to approve (got 'b')",
        ("funder", "b"),
    ),
    refusal(
        "approve-design-twice",
        lambda: (
            small()
            .agree_service_design(ServiceDesign("Throughcare"), on=D0)
            .approve_design("b", on=D0)
            .approve_design("b", on=D1)
        ),
        RuleViolationError,
        "already-approved",
        "funder: Birch CJA has already approved this design (got 'b')",
        ("funder", "b"),
    ),
    refusal(
        "bid-unknown",
        lambda: small().submit_bid("zz", on=D1),
        UnknownReferenceError,
        "unknown-bid",
        "bid_id: is not a bid of this partnership (got 'zz')",
        ("bid_id", "zz"),
    ),
    refusal(
        "bid-drafted-twice",
        lambda: with_bid().draft_bid(Bid(id="b1", funder="a", purpose="delivery", drafted_on=D1)),
        RuleViolationError,
        "id-taken",
        "bid.id: is the id of another bid (got 'b1')",
        ("bid.id", "b1"),
    ),
    refusal(
        "bid-drafted-already-submitted",
        lambda: small().draft_bid(
            Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0, status="submitted")
        ),
        RuleViolationError,
        "not-initial-state",
        "bid.status: a bid is recorded as a draft, then submitted (got 'submitted')",
        ("bid.status", "submitted"),
    ),
    refusal(
        "bid-drafted-with-a-submission-date",
        lambda: small().draft_bid(
            Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0, submitted_on=D1)
        ),
        RuleViolationError,
        "not-initial-state",
        "bid.submitted_on: a draft bid has no submission or decision yet (got '2012-06-01')",
        ("bid.submitted_on", "2012-06-01"),
    ),
    refusal(
        "bid-drafted-with-a-decision-date",
        lambda: small().draft_bid(
            Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0, decided_on=D1)
        ),
        RuleViolationError,
        "not-initial-state",
        "bid.decided_on: a draft bid has no submission or decision yet (got '2012-06-01')",
        ("bid.decided_on", "2012-06-01"),
    ),
    refusal(
        "bid-drafted-with-an-award",
        lambda: small().draft_bid(
            Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0, amount_awarded=5)
        ),
        RuleViolationError,
        "not-initial-state",
        "bid.amount_awarded: a draft bid has no submission or decision yet (got 5)",
        ("bid.amount_awarded", 5),
    ),
    refusal(
        "bid-drafted-endorsed",
        lambda: small().draft_bid(
            Bid(
                id="b1",
                funder="b",
                purpose="pilot",
                drafted_on=D0,
                endorsements=(Endorsement("b", "Fife", True, D0),),
            )
        ),
        RuleViolationError,
        "not-initial-state",
        "bid.endorsements: a draft bid has no endorsements yet; record each with endorse_bid "
        "(got ['b'])",
        ("bid.endorsements", ["b"]),
    ),
    refusal(
        "bid-funder-unknown",
        lambda: small().draft_bid(Bid(id="b1", funder="zz", purpose="pilot", drafted_on=D0)),
        UnknownReferenceError,
        "unknown-organisation",
        "bid.funder: is not an organisation this partnership knows; add it first (got 'zz')",
        ("bid.funder", "zz"),
    ),
    refusal(
        "bid-mou-unknown",
        lambda: with_bid(mous={"zz"}),
        UnknownReferenceError,
        "unknown-mou",
        "bid.mous: is not an MoU of this partnership (got 'zz')",
        ("bid.mous", "zz"),
    ),
    refusal(
        "bid-no-longer-open",
        lambda: with_bid().withdraw_bid("b1", on=D1).submit_bid("b1", on=D2),
        RuleViolationError,
        "move-not-allowed",
        "bid_id: the bid is withdrawn; it can no longer change (got 'b1')",
        ("bid_id", "b1"),
    ),
    refusal(
        "bid-submitted-twice",
        lambda: with_bid().submit_bid("b1", on=D0).submit_bid("b1", on=D1),
        RuleViolationError,
        "move-not-allowed",
        "bid_id: the bid is submitted; only a draft bid can be submitted (got 'b1')",
        ("bid_id", "b1"),
    ),
    refusal(
        "bid-submitted-after-deadline",
        lambda: with_bid(deadline=D1).submit_bid("b1", on=D2),
        RuleViolationError,
        "past-deadline",
        "on: is after the deadline (2012-06-01) (got '2012-09-01')",
        ("on", "2012-09-01"),
    ),
    refusal(
        "delivery-bid-before-sustainability-commitment",
        lambda: (
            small(Policy.rrcf())
            .draft_bid(Bid(id="b1", funder="b", purpose="delivery", drafted_on=D0))
            .submit_bid("b1", on=D1)
        ),
        RuleViolationError,
        "commitment-not-sought",
        (
            "bid_id: RRCF asks for a sustainability commitment to be sought before a "
            "delivery bid is submitted (got 'b1')"
        ),
        ("bid_id", "b1"),
    ),
    refusal(
        "bid-endorsed-by-non-public-body",
        lambda: with_bid(areas={"Fife"}).endorse_bid("b1", "a", "Fife", on=D1),
        RuleViolationError,
        "not-a-public-body",
        "partner: Alder Trust is not a public body; it cannot sign off (got 'a')",
        ("partner", "a"),
    ),
    refusal(
        "bid-endorsed-by-unknown",
        lambda: with_bid(areas={"Fife"}).endorse_bid("b1", "zz", "Fife", on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        "partner: is not an organisation this partnership knows; add it first (got 'zz')",
        ("partner", "zz"),
    ),
    refusal(
        "bid-endorsed-for-area-not-covered",
        lambda: with_bid(areas={"Fife"}).endorse_bid("b1", "b", "Tayside", on=D1),
        RuleViolationError,
        "area-not-in-bid",
        "area: bid b1 does not cover this area (got 'Tayside')",
        ("area", "Tayside"),
    ),
    refusal(
        "bid-endorsed-for-area-not-overseen",
        lambda: with_bid(areas={"Fife", "Tayside"}).endorse_bid("b1", "b", "Tayside", on=D1),
        RuleViolationError,
        "area-not-overseen",
        "area: Birch CJA does not oversee this area (got 'Tayside')",
        ("area", "Tayside"),
    ),
    refusal(
        "bid-decided-before-submission",
        lambda: with_bid().decide_bid("b1", on=D1, awarded=True),
        RuleViolationError,
        "move-not-allowed",
        "bid_id: the bid is draft; only a submitted bid can be decided (got 'b1')",
        ("bid_id", "b1"),
    ),
    refusal(
        "bid-awarded-more-than-asked",
        lambda: (
            with_bid(amount_asked=1000)
            .submit_bid("b1", on=D0)
            .decide_bid("b1", on=D1, awarded=True, amount=1500)
        ),
        RuleViolationError,
        "award-exceeds-ask",
        "amount: is more than the bid asked for (1000) (got 1500)",
        ("amount", 1500),
    ),
    refusal(
        "commitment-unknown",
        lambda: small().give_commitment("zz", on=D1),
        UnknownReferenceError,
        "unknown-commitment",
        "commitment_id: is not a sustainability commitment of this partnership (got 'zz')",
        ("commitment_id", "zz"),
    ),
    refusal(
        "commitment-sought-twice",
        lambda: with_commitment().seek_commitment(SustainabilityCommitment(id="c1", by="a"), on=D1),
        RuleViolationError,
        "id-taken",
        "commitment.id: is the id of another commitment (got 'c1')",
        ("commitment.id", "c1"),
    ),
    refusal(
        "commitment-sought-already-given",
        lambda: small().seek_commitment(
            SustainabilityCommitment(id="c1", by="b", recorded_status="given"), on=D1
        ),
        RuleViolationError,
        "not-initial-state",
        "commitment.recorded_status: a commitment is first sought (got 'given')",
        ("commitment.recorded_status", "given"),
    ),
    refusal(
        "commitment-by-unknown",
        lambda: small().seek_commitment(SustainabilityCommitment(id="c1", by="zz"), on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        "commitment.by: is not an organisation this partnership knows; add it first (got 'zz')",
        ("commitment.by", "zz"),
    ),
    refusal(
        "commitment-on-behalf-of-unknown",
        lambda: small().seek_commitment(
            SustainabilityCommitment(id="c1", by="b", on_behalf_of={"zz"}), on=D1
        ),
        UnknownReferenceError,
        "unknown-organisation",
        (
            "commitment.on_behalf_of: is not an organisation this partnership knows; add "
            "it first (got 'zz')"
        ),
        ("commitment.on_behalf_of", "zz"),
    ),
    refusal(
        "commitment-from-a-sector-the-policy-refuses",
        lambda: small(Policy.rrcf()).seek_commitment(
            SustainabilityCommitment(id="c1", by="a"), on=D1
        ),
        RuleViolationError,
        "sector-not-allowed",
        (
            "commitment.by: Alder Trust is third sector; RRCF takes sustainability "
            "commitments from the public sector only (got 'a')"
        ),
        ("commitment.by", "a"),
    ),
    refusal(
        "commitment-from-sectors-the-policy-refuses",
        lambda: small(Policy(commitment_sectors={"public", "private"})).seek_commitment(
            SustainabilityCommitment(id="c1", by="a"), on=D1
        ),
        RuleViolationError,
        "sector-not-allowed",
        (
            "commitment.by: Alder Trust is third sector; PSP takes sustainability "
            "commitments from the private or public sector only (got 'a')"
        ),
        ("commitment.by", "a"),
    ),
    refusal(
        "commitment-given-twice",
        lambda: with_commitment().give_commitment("c1", on=D0).give_commitment("c1", on=D1),
        RuleViolationError,
        "move-not-allowed",
        (
            "commitment_id: the commitment is given; only a sought commitment can be "
            "given (got 'c1')"
        ),
        ("commitment_id", "c1"),
    ),
    refusal(
        "commitment-measure-unknown",
        lambda: with_commitment().record_result("c1", "m9", 4.0, on=D1),
        UnknownReferenceError,
        "unknown-measure",
        "measure: is not a measure of the commitment (got 'm9')",
        ("measure", "m9"),
    ),
    refusal(
        "commitment-condition-unknown",
        lambda: with_commitment().resolve_condition("c1", "weather", True, on=D1),
        UnknownReferenceError,
        "unknown-condition",
        "condition: is not a condition of the commitment (got 'weather')",
        ("condition", "weather"),
    ),
    refusal(
        "commitment-condition-of-unknown-commitment",
        lambda: small().resolve_condition("zz", "budget", True, on=D1),
        UnknownReferenceError,
        "unknown-commitment",
        "commitment_id: is not a sustainability commitment of this partnership (got 'zz')",
        ("commitment_id", "zz"),
    ),
    refusal(
        "tender-unknown",
        lambda: small().open_tender("zz", on=D1),
        UnknownReferenceError,
        "unknown-tender",
        "tender_id: is not a tender of this partnership (got 'zz')",
        ("tender_id", "zz"),
    ),
    refusal(
        "tender-in-the-wrong-state",
        lambda: with_tender().receive_tender("t1", "a", on=D1),
        RuleViolationError,
        "move-not-allowed",
        "tender_id: the tender is planned; only an active tender can be tendered for (got 't1')",
        ("tender_id", "t1"),
    ),
    refusal(
        "tender-ended-after-award",
        lambda: (
            with_tender()
            .open_tender("t1", on=D0)
            .receive_tender("t1", "a", on=D0)
            .award_tender("t1", "a", on=D0)
            .end_tender("t1", "cancelled", on=D1)
        ),
        RuleViolationError,
        "move-not-allowed",
        "tender_id: the tender is awarded; it can no longer change (got 't1')",
        ("tender_id", "t1"),
    ),
    refusal(
        "tender-planned-twice",
        lambda: with_tender().plan_tender(Tender(id="t1", commissioner="b", title="Again"), on=D1),
        RuleViolationError,
        "id-taken",
        "tender.id: is the id of another tender (got 't1')",
        ("tender.id", "t1"),
    ),
    refusal(
        "tender-planned-already-active",
        lambda: small().plan_tender(
            Tender(id="t1", commissioner="b", title="T", status="active"), on=D1
        ),
        RuleViolationError,
        "not-initial-state",
        "tender.status: a tender is recorded as planned, then opened (got 'active')",
        ("tender.status", "active"),
    ),
    refusal(
        "tender-planned-with-tenderers",
        lambda: small().plan_tender(
            Tender(id="t1", commissioner="b", title="T", tenderers=("a",)), on=D1
        ),
        RuleViolationError,
        "not-initial-state",
        "tender.tenderers: a planned tender has no tenderers or award yet (got ['a'])",
        ("tender.tenderers", ["a"]),
    ),
    refusal(
        "tender-planned-awarded",
        lambda: small().plan_tender(
            Tender(id="t1", commissioner="b", title="T", awarded_to="a"), on=D1
        ),
        RuleViolationError,
        "not-initial-state",
        "tender.awarded_to: a planned tender has no tenderers or award yet (got 'a')",
        ("tender.awarded_to", "a"),
    ),
    refusal(
        "tender-planned-with-an-award-value",
        lambda: small().plan_tender(
            Tender(id="t1", commissioner="b", title="T", awarded_value=5), on=D1
        ),
        RuleViolationError,
        "not-initial-state",
        "tender.awarded_value: a planned tender has no tenderers or award yet (got 5)",
        ("tender.awarded_value", 5),
    ),
    refusal(
        "tender-commissioner-unknown",
        lambda: small().plan_tender(Tender(id="t1", commissioner="zz", title="T"), on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        (
            "tender.commissioner: is not an organisation this partnership knows; add it "
            "first (got 'zz')"
        ),
        ("tender.commissioner", "zz"),
    ),
    refusal(
        "tender-commissioner-not-public",
        lambda: small().plan_tender(Tender(id="t1", commissioner="a", title="T"), on=D1),
        RuleViolationError,
        "not-a-public-body",
        "tender.commissioner: a commissioner is a public body (got 'a')",
        ("tender.commissioner", "a"),
    ),
    refusal(
        "tender-from-unknown-tenderer",
        lambda: with_tender().open_tender("t1", on=D0).receive_tender("t1", "zz", on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        "tenderer: is not an organisation this partnership knows; add it first (got 'zz')",
        ("tenderer", "zz"),
    ),
    refusal(
        "tender-received-twice",
        lambda: (
            with_tender()
            .open_tender("t1", on=D0)
            .receive_tender("t1", "a", on=D0)
            .receive_tender("t1", "a", on=D1)
        ),
        RuleViolationError,
        "already-tendered",
        "tenderer: has already tendered (got 'a')",
        ("tenderer", "a"),
    ),
    refusal(
        "tender-awarded-to-non-tenderer",
        lambda: with_tender().open_tender("t1", on=D0).award_tender("t1", "a", on=D1),
        RuleViolationError,
        "did-not-tender",
        "provider: did not tender (got 'a')",
        ("provider", "a"),
    ),
    # _conversion.py: reading plain data (psp.from_data); each problem names its path
    refusal(
        "data-text-not-text",
        lambda: read({"id": 5, "name": "A", "sector": "third"}, Partner),
        ConversionError,
        "invalid-document",
        "$.id: must be text (got 5)",
        ("$.id", None),
    ),
    refusal(
        "data-whole-number-as-text",
        lambda: read({"min_public_members": "1"}, Policy),
        ConversionError,
        "invalid-document",
        "$.min_public_members: must be a whole number (got '1')",
        ("$.min_public_members", None),
    ),
    refusal(
        "data-number-not-a-number",
        lambda: read({"name": "m", "baseline": "ten", "target": 5}, Measure),
        ConversionError,
        "invalid-document",
        "$.baseline: must be a number (got 'ten')",
        ("$.baseline", None),
    ),
    refusal(
        "data-number-not-finite",
        lambda: read({"name": "m", "baseline": float("inf"), "target": 5}, Measure),
        ConversionError,
        "invalid-document",
        "$.baseline: must be a finite number (got inf)",
        ("$.baseline", None),
    ),
    refusal(
        "data-flag-as-number",
        lambda: read(
            {"id": "a", "name": "A", "sector": "third", "represents_service_users": 1}, Partner
        ),
        ConversionError,
        "invalid-document",
        "$.represents_service_users: must be true or false (got 1)",
        ("$.represents_service_users", None),
    ),
    refusal(
        "data-date-not-text",
        lambda: read({"person": "Ann", "on": 20120601}, Signature),
        ConversionError,
        "invalid-document",
        "$.on: must be a date in ISO form, YYYY-MM-DD (got 20120601)",
        ("$.on", None),
    ),
    refusal(
        "data-date-not-iso",
        lambda: read({"person": "Ann", "on": "1/6/2012"}, Signature),
        ConversionError,
        "invalid-document",
        "$.on: must be a date in ISO form, YYYY-MM-DD (got '1/6/2012')",
        ("$.on", None),
    ),
    refusal(
        "data-date-not-in-the-calendar",
        lambda: read({"person": "Ann", "on": "2012-02-30"}, Signature),
        ConversionError,
        "invalid-document",
        "$.on: is not a real calendar date (got '2012-02-30')",
        ("$.on", None),
    ),
    refusal(
        "data-date-in-another-scripts-digits",
        lambda: read(
            {"person": "Ann", "on": "\u0662\u0660\u0661\u0662-\u0660\u0666-\u0660\u0661"}, Signature
        ),
        ConversionError,
        "invalid-document",
        (
            "$.on: must be a date in ISO form, YYYY-MM-DD "
            "(got '\u0662\u0660\u0661\u0662-\u0660\u0666-\u0660\u0661')"
        ),
        ("$.on", None),
    ),
    refusal(
        "data-identifier-not-text",
        lambda: read({"id": "a", "name": "A", "sector": "third", "identifiers": [5]}, Partner),
        ConversionError,
        "invalid-document",
        "$.identifiers[0]: must be text in org-id form, like GB-SC-SC012710 (got 5)",
        ("$.identifiers[0]", None),
    ),
    refusal(
        "data-identifier-malformed",
        lambda: read(
            {"id": "a", "name": "A", "sector": "third", "identifiers": ["SC012710"]}, Partner
        ),
        ConversionError,
        "invalid-document",
        (
            "$.identifiers[0]: is not in org-id form SCHEME-IDENTIFIER, like "
            "GB-SC-SC012710 (got 'SC012710')"
        ),
        ("$.identifiers[0]", None),
    ),
    refusal(
        "data-event-not-an-object",
        lambda: read({"id": "p", "name": "P", "history": ["joined"]}, Partnership),
        ConversionError,
        "invalid-document",
        "$.history[0]: must be an object (a JSON dict) with a 'type' tag (got 'joined')",
        ("$.history[0]", None),
    ),
    refusal(
        "data-event-type-unknown",
        lambda: read({"id": "p", "name": "P", "history": [{"type": "merged"}]}, Partnership),
        ConversionError,
        "invalid-document",
        # Every event class's tag, in the union's order (the registry, not a copy of it).
        "$.history[0].type: is not an event type; expected one of: "
        + ", ".join(cls.TAG for cls in typing.get_args(psp.Event))
        + " (got 'merged')",
        ("$.history[0].type", None),
    ),
    refusal(
        "data-object-not-a-dict",
        lambda: read(["a", "A", "third"], Partner),
        ConversionError,
        "invalid-document",
        "$: must be an object (a JSON dict) (got ['a', 'A', 'third'])",
        ("$", None),
    ),
    refusal(
        "data-enum-value-unknown",
        lambda: read({"id": "a", "name": "A", "sector": "charity"}, Partner),
        ConversionError,
        "invalid-document",
        "$.sector: is not a sector; expected one of: public, third, private (got 'charity')",
        ("$.sector", None),
    ),
    refusal(
        "data-collection-not-a-list",
        lambda: read({"id": "a", "name": "A", "sector": "third", "areas": "Fife"}, Partner),
        ConversionError,
        "invalid-document",
        "$.areas: must be a list (got 'Fife')",
        ("$.areas", None),
    ),
    refusal(
        "data-set-with-a-duplicate",
        lambda: read(
            {"id": "a", "name": "A", "sector": "third", "areas": ["Fife", "Fife"]}, Partner
        ),
        ConversionError,
        "invalid-document",
        "$.areas: lists the same item twice (got ['Fife', 'Fife'])",
        ("$.areas", None),
    ),
    refusal(
        "data-key-missing",
        lambda: read({"id": "a", "sector": "third"}, Partner),
        ConversionError,
        "invalid-document",
        "$.name: is required but missing",
        ("$.name", None),
    ),
    refusal(
        "data-key-unknown",
        lambda: read({"id": "a", "name": "A", "sector": "third", "colour": "red"}, Partner),
        ConversionError,
        "invalid-document",
        "$: has unknown keys: colour",
        ("$", None),
    ),
    refusal(
        "data-refused-by-the-class",
        lambda: read({"id": "a", "name": "A", "sector": "public"}, Partner),
        ConversionError,
        "invalid-document",
        (
            "$.public_body_kind: A is a public body, so it must say which kind ('other' "
            "if none fits)"
        ),
        ("$.public_body_kind", None),
    ),
    refusal(
        "data-several-problems",
        lambda: read({"id": 5, "name": 6, "sector": "third"}, Partner),
        ConversionError,
        "invalid-document",
        (
            "2 problems in the document:\n  $.id: must be text (got 5)\n  $.name: must be "
            "text (got 6)"
        ),
        ("$.id", None),
    ),
    refusal(
        "data-not-a-psp-type",
        lambda: read({}, complex),
        ConversionError,
        "invalid-document",
        (
            "$: cannot read a complex: from_data reads psp's own types (the classes psp "
            "exports, psp.Event), datetime.date, str, int, float and bool, and list[X] or "
            "tuple[X, ...] of these"
        ),
        ("$", None),
    ),
    refusal(
        "data-key-not-text",
        lambda: read({"id": "a", "name": "A", "sector": "third", 5: "x"}, Partner),
        ConversionError,
        "invalid-document",
        "$: has a key that is not text (got 5)",
        ("$", None),
    ),
    refusal(
        "data-not-json",
        lambda: read({"id": "a", "name": ("A",), "sector": "third"}, Partner),
        ConversionError,
        "invalid-document",
        "$.name: is not JSON data (got a tuple)",
        ("$.name", None),
    ),
    refusal(
        "data-number-out-of-range",
        lambda: read({"public": 2**53, "third": 0, "private": 0}, psp.SectorBalance),
        ConversionError,
        "invalid-document",
        (
            "$.public: is out of range: whole numbers are read from -9,007,199,254,740,991 "
            "to 9,007,199,254,740,991 (got 9007199254740992)"
        ),
        ("$.public", None),
    ),
    refusal(
        "data-cycle",
        lambda: read(_cycle(), Partner),
        ConversionError,
        "invalid-document",
        "$.areas[0]: holds itself: JSON data has no cycles",
        ("$.areas[0]", None),
    ),
    refusal(
        "data-event-tag-missing",
        lambda: read({"on": "2012-04-01", "partner_id": "a"}, ANY_EVENT),
        ConversionError,
        "invalid-document",
        "$.type: is required but missing",
        ("$.type", None),
    ),
    refusal(
        "data-event-tag-not-its-own",
        lambda: read(
            {"type": "member-left", "on": "2012-04-01", "partner_id": "a"}, psp.MemberJoined
        ),
        ConversionError,
        "invalid-document",
        "$.type: must be 'member-joined' for a MemberJoined (got 'member-left')",
        ("$.type", None),
    ),
    refusal(
        "amount-too-large",
        lambda: Tender(id="t", commissioner="c", title="T", value=10**12 + 1),
        InvalidValueError,
        "out-of-range",
        "value: must be a whole number of pounds from 0 to 1,000,000,000,000 (got 1000000000001)",
        ("value", 10**12 + 1),
    ),
    refusal(
        "to-data-list-item-not-a-psp-object",
        lambda: psp.to_data([ALDER, 1]),
        InvalidValueError,
        "wrong-type",
        "[1]: is not a psp object (got 1)",
        ("[1]", 1),
    ),
    refusal(
        "data-mapping-not-an-object",
        lambda: read({"expected_public_bodies": ["cja"]}, Policy),
        ConversionError,
        "invalid-document",
        "$.expected_public_bodies: must be an object (a JSON dict) (got ['cja'])",
        ("$.expected_public_bodies", None),
    ),
    # The events' own fields, as a service recording events directly meets them.
    refusal(
        "event-tenderer-blank",
        lambda: psp.TenderReceived(on=D0, tender_id="t1", tenderer=" "),
        InvalidValueError,
        "invalid-id",
        f"tenderer: {ID} (got ' ')",
        ("tenderer", " "),
    ),
    refusal(
        "event-provider-not-an-id",
        lambda: psp.TenderAwarded(on=D0, tender_id="t1", provider="a b"),
        InvalidValueError,
        "invalid-id",
        f"provider: {ID} (got 'a b')",
        ("provider", "a b"),
    ),
    refusal(
        "event-provider-read",
        lambda: read(
            {"type": "tender-awarded", "on": "2012-04-01", "tender_id": "t1", "provider": "a/b"},
            psp.TenderAwarded,
        ),
        ConversionError,
        "invalid-document",
        f"$.provider: {ID} (got 'a/b')",
        ("$.provider", None),
    ),
    refusal(
        "event-tender-ended-awarded",
        lambda: psp.TenderEnded(on=D0, tender_id="t1", status="awarded"),
        InvalidValueError,
        "choice-not-allowed",
        "status: a tender ends cancelled or unsuccessful (got 'awarded')",
        ("status", "awarded"),
    ),
    refusal(
        "event-tender-ended-unknown-status",
        lambda: psp.TenderEnded(on=D0, tender_id="t1", status="lost"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "status: is not a tender status; expected one of: planned, active, awarded, "
            "cancelled, unsuccessful (got 'lost')"
        ),
        ("status", "lost"),
    ),
    refusal(
        "event-tender-awarded-negative-value",
        lambda: psp.TenderAwarded(on=D0, tender_id="t1", provider="a", value=-1),
        InvalidValueError,
        "out-of-range",
        "value: must be a whole number of pounds from 0 to 1,000,000,000,000 (got -1)",
        ("value", -1),
    ),
    refusal(
        "event-endorsement-given-not-a-bool",
        lambda: psp.BidEndorsed(
            on=D0,
            bid_id="b1",
            partner_id="b",
            area="Fife",
            given="yes",  # type: ignore[arg-type]
        ),
        InvalidValueError,
        "not-a-boolean",
        "given: must be true (signed off) or false (declined) (got 'yes')",
        ("given", "yes"),
    ),
    refusal(
        "event-endorsement-area-blank",
        lambda: psp.BidEndorsed(on=D0, bid_id="b1", partner_id="b", area="", given=True),
        InvalidValueError,
        "blank",
        "area: must not be empty (got '')",
        ("area", ""),
    ),
    refusal(
        "event-condition-blank",
        lambda: psp.ConditionResolved(on=D0, commitment_id="c1", condition="", outcome=True),
        InvalidValueError,
        "blank",
        "condition: must not be empty (got '')",
        ("condition", ""),
    ),
    refusal(
        "event-condition-outcome-not-a-bool",
        lambda: psp.ConditionResolved(
            on=D0,
            commitment_id="c1",
            condition="budget",
            outcome=1,  # type: ignore[arg-type]
        ),
        InvalidValueError,
        "not-a-boolean",
        "outcome: must be true (favourable) or false (got 1)",
        ("outcome", 1),
    ),
    refusal(
        "event-governance-not-a-structure",
        lambda: psp.GovernanceAdopted(on=D0, structure="board"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "structure: must be a GovernanceStructure (got 'board')",
        ("structure", "board"),
    ),
    refusal(
        "event-baseline-not-a-baseline",
        lambda: psp.BaselineRecorded(on=D0, baseline=1),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "baseline: must be a Baseline (got 1)",
        ("baseline", 1),
    ),
    refusal(
        "event-consultation-not-a-consultation",
        lambda: psp.ConsultationHeld(on=D0, consultation=1),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "consultation: must be a Consultation (got 1)",
        ("consultation", 1),
    ),
    refusal(
        "event-logic-model-not-a-model",
        lambda: psp.LogicModelAgreed(on=D0, model=1),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "model: must be a LogicModel (got 1)",
        ("model", 1),
    ),
    refusal(
        "receive-an-unknown-tender",
        lambda: small().receive_tender("zz", "a", on=D1),
        UnknownReferenceError,
        "unknown-tender",
        "tender_id: is not a tender of this partnership (got 'zz')",
        ("tender_id", "zz"),
    ),
    refusal(
        "award-an-unknown-tender",
        lambda: small().award_tender("zz", "a", on=D1),
        UnknownReferenceError,
        "unknown-tender",
        "tender_id: is not a tender of this partnership (got 'zz')",
        ("tender_id", "zz"),
    ),
    refusal(
        "end-an-unknown-tender",
        lambda: small().end_tender("zz", "cancelled", on=D1),
        UnknownReferenceError,
        "unknown-tender",
        "tender_id: is not a tender of this partnership (got 'zz')",
        ("tender_id", "zz"),
    ),
    refusal(
        "to-data-not-a-psp-object",
        lambda: psp.to_data({"id": "a"}),
        InvalidValueError,
        "wrong-type",
        "is not a psp object (got {'id': 'a'})",
        (None, {"id": "a"}),
    ),
    # _network/published.py: published percentages back to counts
    refusal(
        "published-percentages-not-a-sequence",
        lambda: psp.counts_from_percentages({50, 49}, 99),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        (
            "percentages: must be a sequence (a list or tuple) of whole percentages, one per "
            "answer category, in order (got {49, 50})"
        ),
        ("percentages", {50, 49}),
    ),
    refusal(
        "published-percentages-empty",
        lambda: psp.counts_from_percentages([], 10),
        InvalidValueError,
        "empty",
        "percentages: must hold at least one percentage (got [])",
        ("percentages", []),
    ),
    refusal(
        "published-percentages-too-many",
        lambda: psp.counts_from_percentages([7] * 13, 100),
        InvalidValueError,
        "too-many-items",
        (
            "percentages: must hold at most 12 percentages, one per answer category "
            "(got [7, 7, 7, 7, 7, 7, ...])"
        ),
        ("percentages", [7] * 13),
    ),
    refusal(
        "published-percentage-over-100",
        lambda: psp.counts_from_percentages([101, 0], 10),
        InvalidValueError,
        "out-of-range",
        "percentages[0]: must be a whole number from 0 to 100 (got 101)",
        ("percentages[0]", 101),
    ),
    refusal(
        "published-percentage-not-whole",
        lambda: psp.counts_from_percentages([50, 49.5], 10),  # type: ignore[list-item]
        InvalidValueError,
        "out-of-range",
        "percentages[1]: must be a whole number from 0 to 100 (got 49.5)",
        ("percentages[1]", 49.5),
    ),
    refusal(
        "published-n-too-large",
        lambda: psp.counts_from_percentages([100], 10**6 + 1),
        InvalidValueError,
        "out-of-range",
        "n: must be a whole number from 1 to 1,000,000 (got 1000001)",
        ("n", 10**6 + 1),
    ),
    refusal(
        "published-n-zero",
        lambda: psp.counts_from_percentages([100], 0),
        InvalidValueError,
        "out-of-range",
        "n: must be a whole number from 1 to 1,000,000 (got 0)",
        ("n", 0),
    ),
    refusal(
        "published-rounding-unknown",
        lambda: psp.counts_from_percentages([100], 3, rounding="nearest"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "rounding: is not a rounding rule; expected one of: half-up, half-even, floor "
            "(got 'nearest')"
        ),
        ("rounding", "nearest"),
    ),
    refusal(
        "published-limit-zero",
        lambda: psp.counts_from_percentages([100], 3, limit=0),
        InvalidValueError,
        "out-of-range",
        "limit: must be a whole number from 1 to 10,000 (got 0)",
        ("limit", 0),
    ),
    # _network/status.py, _network/graph_diff.py and partner_graph(parts=True)
    refusal(
        "portfolio-status-of-a-string",
        lambda: psp.portfolio_status("p"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "obj: must be a Partnership or a Portfolio (got 'p')",
        ("obj", "p"),
    ),
    refusal(
        "portfolio-status-policy-by-name",
        lambda: psp.portfolio_status(small(), policy="rrcf"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "policy: must be a Policy (got 'rrcf')",
        ("policy", "rrcf"),
    ),
    refusal(
        "graph-diff-before-as-text",
        lambda: psp.graph_diff(small(), "2012-04-01", None),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "before: must be a date (datetime.date, not a datetime) (got '2012-04-01')",
        ("before", "2012-04-01"),
    ),
    refusal(
        "graph-parts-organisation-named-like-a-partnership-node",
        lambda: psp.partner_graph(
            Partnership("p", "P").join(Partner("partnership:p", "O", "third"), on=D1), parts=True
        ),
        RuleViolationError,
        "node-id-clash",
        (
            "parts: an organisation has the id a partnership node would take; draw without "
            "parts (got 'partnership:p')"
        ),
        ("parts", "partnership:p"),
    ),
    # _aggregate/origins.py and _aggregate/contributions.py
    refusal(
        "initiated-twice",
        lambda: small().record_initiation({"b"}, on=D0).record_initiation({"a"}, on=D1),
        RuleViolationError,
        "already-initiated",
        "the partnership's initiation is recorded already (2012-04-01); it is initiated once",
        (None, None),
    ),
    refusal(
        "initiated-by-nobody",
        lambda: small().record_initiation([], on=D0),
        InvalidValueError,
        "empty",
        "by: must name at least one organisation that initiated it (got [])",
        ("by", []),
    ),
    refusal(
        "initiated-by-an-unknown-organisation",
        lambda: small().record_initiation({"b", "x"}, on=D0),
        UnknownReferenceError,
        "unknown-organisation",
        "by: is not an organisation this partnership knows; add it first (got 'x')",
        ("by", "x"),
    ),
    refusal(
        "lead-selected-unknown",
        lambda: small().select_lead("x", on=D0, method="competition"),
        UnknownReferenceError,
        "unknown-organisation",
        "partner: is not an organisation this partnership knows; add it first (got 'x')",
        ("partner", "x"),
    ),
    refusal(
        "lead-selected-by-an-unknown-organisation",
        lambda: small().select_lead("a", on=D0, method="competition", by={"x"}),
        UnknownReferenceError,
        "unknown-organisation",
        "by: is not an organisation this partnership knows; add it first (got 'x')",
        ("by", "x"),
    ),
    refusal(
        "lead-selected-among-an-unknown-organisation",
        lambda: small().select_lead("a", on=D0, method="competition", alternatives={"x"}),
        UnknownReferenceError,
        "unknown-organisation",
        "alternatives: is not an organisation this partnership knows; add it first (got 'x')",
        ("alternatives", "x"),
    ),
    refusal(
        "lead-selected-among-itself",
        lambda: small().select_lead("a", on=D0, method="competition", alternatives={"a", "b"}),
        InvalidValueError,
        "conflicting-fields",
        (
            "alternatives: names the organisation chosen; the alternatives are the others "
            "considered (got 'a')"
        ),
        ("alternatives", "a"),
    ),
    refusal(
        "lead-selected-how-unknown",
        lambda: small().select_lead("a", on=D0, method="lottery"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "method: is not a selection method; expected one of: open-discussion, "
            "nominated-by-funders, nominated-by-commissioners, competition, other (got 'lottery')"
        ),
        ("method", "lottery"),
    ),
    refusal(
        "lead-selection-note-not-text",
        lambda: small().select_lead("a", on=D0, method="other", note=None),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "note: must be text",
        ("note", None),
    ),
    refusal(
        "contribution-by-a-non-member",
        lambda: known(CEDAR).record_contribution("c", "data", on=D1),
        RuleViolationError,
        "not-a-member",
        "partner: Cedar Project is not a member now (got 'c')",
        ("partner", "c"),
    ),
    refusal(
        "contribution-by-an-unknown-organisation",
        lambda: small().record_contribution("x", "data", on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        "partner: is not an organisation this partnership knows; add it first (got 'x')",
        ("partner", "x"),
    ),
    refusal(
        "contribution-kind-unknown",
        lambda: small().record_contribution("a", "goodwill", on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "kind: is not a contribution kind; expected one of: funding, in-kind, staff-time, "
            "secondment, premises, data, expertise, access-to-service-users, referrals, other; "
            "or a term of your own, prefix:name (such as acme:mentors) (got 'goodwill')"
        ),
        ("kind", "goodwill"),
    ),
    refusal(
        "contribution-value-negative",
        lambda: small().record_contribution("a", "funding", on=D1, value=-1),
        InvalidValueError,
        "out-of-range",
        "value: must be a whole number of pounds from 0 to 1,000,000,000,000 (got -1)",
        ("value", -1),
    ),
    refusal(
        "contribution-description-not-text",
        lambda: small().record_contribution("a", "funding", on=D1, description=None),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "description: must be text",
        ("description", None),
    ),
    refusal(
        "contributions-of-kinds-not-a-collection",
        lambda: small().contributions(kinds="funding"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "kinds: must be a collection of contribution kinds (got 'funding')",
        ("kinds", "funding"),
    ),
    refusal(
        "contributions-of-an-unknown-kind",
        lambda: small().contributions(kinds=["goodwill"]),  # type: ignore[list-item]
        InvalidValueError,
        "unknown-choice",
        (
            "kinds[0]: is not a contribution kind; expected one of: funding, in-kind, "
            "staff-time, secondment, premises, data, expertise, access-to-service-users, "
            "referrals, other; or a term of your own, prefix:name (such as acme:mentors) "
            "(got 'goodwill')"
        ),
        ("kinds[0]", "goodwill"),
    ),
    refusal(
        "capabilities-of-an-unknown-organisation",
        lambda: small().declare_capabilities("x", {"mentoring"}, on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        "partner: is not an organisation this partnership knows; add it first (got 'x')",
        ("partner", "x"),
    ),
    refusal(
        "capability-unknown",
        lambda: small().declare_capabilities("a", ["mentoring", "juggling"], on=D1),  # type: ignore[list-item]
        InvalidValueError,
        "unknown-choice",
        (
            "capabilities[1]: is not a capability; expected one of: mentoring, service-delivery, "
            "links-with-organisations, criminal-justice, leadership, project-management, "
            "service-user-engagement, analysis, other (got 'juggling')"
        ),
        ("capabilities[1]", "juggling"),
    ),
    refusal(
        "capabilities-not-a-collection",
        lambda: small().declare_capabilities("a", "mentoring", on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "capabilities: must be a collection of capabilities (got 'mentoring')",
        ("capabilities", "mentoring"),
    ),
    # _lifecycle/policy.py, _aggregate/lifecycle.py, _interchange/given_rules.py: a fund's
    # own rules and waivers (issue 18)
    refusal(
        "rule-code-psp",
        lambda: Rule("lead-sector", "breach", "d", _met),
        InvalidValueError,
        "rule-name-taken",
        (
            "code: is one of psp's own rules (Finding.RULES); name yours prefix:name, like "
            "fund-x:two-nhs-members (got 'lead-sector')"
        ),
        ("code", "lead-sector"),
    ),
    refusal(
        "rule-code-bare",
        lambda: Rule("two-nhs", "breach", "d", _met),
        InvalidValueError,
        "not-namespaced",
        (
            "code: must be namespaced, prefix:name, like fund-x:two-nhs-members (psp's own rules "
            "have no colon, so yours never collide with them) (got 'two-nhs')"
        ),
        ("code", "two-nhs"),
    ),
    refusal(
        "rule-code-trailing",
        lambda: Rule("fund-x:", "breach", "d", _met),
        InvalidValueError,
        "not-namespaced",
        (
            "code: must be namespaced, prefix:name, like fund-x:two-nhs-members (psp's own rules "
            "have no colon, so yours never collide with them) (got 'fund-x:')"
        ),
        ("code", "fund-x:"),
    ),
    refusal(
        "rule-severity",
        lambda: Rule("fund-x:a", "fatal", "d", _met),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        "severity: is not a severity; expected one of: breach, warning (got 'fatal')",
        ("severity", "fatal"),
    ),
    refusal(
        "rule-description-lines",
        lambda: Rule("fund-x:a", "breach", "one\ntwo", _met),
        InvalidValueError,
        "not-one-line",
        "description: must be one line (got 'one\\ntwo')",
        ("description", "one\ntwo"),
    ),
    refusal(
        "rule-check-not-callable",
        lambda: Rule("fund-x:a", "breach", "d", "met"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "check: must be callable: a function of psp.Facts (got 'met')",
        ("check", "met"),
    ),
    refusal(
        "rule-steps-unknown",
        lambda: Rule("fund-x:a", "breach", "d", _met, steps={"fly"}),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "steps[0]: is not a step; expected one of: start-design, start-pilot, start-review, "
            "continue-pilot, commission, grant-fund, close (got 'fly')"
        ),
        ("steps[0]", "fly"),
    ),
    refusal(
        "policy-rules-not-rules",
        lambda: Policy(rules=["fund-x:met"]),  # type: ignore[list-item]
        InvalidValueError,
        "wrong-type",
        "rules[0]: must be a psp.Rule (got 'fund-x:met')",
        ("rules[0]", "fund-x:met"),
    ),
    refusal(
        "policy-rules-text",
        lambda: Policy(rules="fund-x:met"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "rules: must be a collection of psp.Rule (got 'fund-x:met')",
        ("rules", "fund-x:met"),
    ),
    refusal(
        "policy-rules-twice",
        lambda: Policy(rules=[MET_RULE, Rule("fund-x:met", "warning", "d", _met)]),
        InvalidValueError,
        "duplicate",
        "rules[1]: names a rule the policy has already; a code names one rule (got 'fund-x:met')",
        ("rules[1]", "fund-x:met"),
    ),
    refusal(
        "waive-unknown-rule",
        lambda: small().waive("fund-x:none", granted_by="b", on=D1, reason="r"),
        UnknownReferenceError,
        "unknown-rule",
        (
            "rule: is not a rule of this partnership's policy (PSP): neither a rule psp reports "
            "(Finding.RULES) nor one of the policy's own rules (got 'fund-x:none')"
        ),
        ("rule", "fund-x:none"),
    ),
    refusal(
        "waive-no-such-step",
        lambda: small().waive("no-such-step", granted_by="b", on=D1, reason="r"),
        RuleViolationError,
        "not-waivable",
        (
            "rule: is one of psp's own rules of the lifecycle, not a programme's: no waiver sets "
            "it aside (got 'no-such-step')"
        ),
        ("rule", "no-such-step"),
    ),
    refusal(
        "waive-twice",
        lambda: (
            small()
            .waive("lead-sector", granted_by="b", on=D1, reason="r")
            .waive("lead-sector", granted_by="a", on=D2, reason="again")
        ),
        RuleViolationError,
        "already-waived",
        "rule: is waived already, by Birch CJA from 2012-06-01 (got 'lead-sector')",
        ("rule", "lead-sector"),
    ),
    refusal(
        "waive-unknown-granter",
        lambda: small().waive("lead-sector", granted_by="sg", on=D1, reason="r"),
        UnknownReferenceError,
        "unknown-organisation",
        "granted_by: is not an organisation this partnership knows; add it first (got 'sg')",
        ("granted_by", "sg"),
    ),
    refusal(
        "waive-blank-reason",
        lambda: small().waive("lead-sector", granted_by="b", on=D1, reason=" "),
        InvalidValueError,
        "blank",
        "reason: must not be empty (got ' ')",
        ("reason", " "),
    ),
    refusal(
        "waive-until-before",
        lambda: small().waive("lead-sector", granted_by="b", on=D1, reason="r", until=D0),
        InvalidValueError,
        "end-before-start",
        "until: must be after the day the waiver is granted (2012-06-01) (got '2012-04-01')",
        ("until", "2012-04-01"),
    ),
    refusal(
        "waive-bad-rule-id",
        lambda: small().waive("lead sector", granted_by="b", on=D1, reason="r"),
        InvalidValueError,
        "invalid-id",
        (
            "rule: must be an id: 1 to 100 characters from A-Z a-z 0-9 . _ : ~ -, starting with a "
            "letter or a digit (got 'lead sector')"
        ),
        ("rule", "lead sector"),
    ),
    refusal(
        "withdraw-not-waived",
        lambda: small().withdraw_waiver("lead-sector", on=D1),
        RuleViolationError,
        "not-waived",
        "rule: is not waived now (got 'lead-sector')",
        ("rule", "lead-sector"),
    ),
    refusal(
        "withdraw-same-day",
        lambda: (
            small()
            .waive("lead-sector", granted_by="b", on=D1, reason="r")
            .withdraw_waiver("lead-sector", on=D1)
        ),
        RuleViolationError,
        "too-short",
        "on: the waiver was granted that day; a waiver lasts at least one day (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "withdraw-after-until",
        lambda: (
            small()
            .waive("lead-sector", granted_by="b", on=D0, reason="r", until=D1)
            .withdraw_waiver("lead-sector", on=D2)
        ),
        RuleViolationError,
        "not-waived",
        "rule: is not waived now (got 'lead-sector')",
        ("rule", "lead-sector"),
    ),
    refusal(
        "read-unknown-rule",
        lambda: psp.from_data(psp.to_data(Policy(rules=[MET_RULE])), Policy),
        ConversionError,
        "invalid-document",
        (
            "$.rules[0]: is not the code of a rule the reader was given: pass the fund's rules, "
            "from_data(..., rules=[...]); psp never makes a rule from data (got 'fund-x:met')"
        ),
        ("$.rules[0]", None),
    ),
    refusal(
        "read-rules-not-rules",
        lambda: psp.from_data({}, Policy, rules=["fund-x:met"]),  # type: ignore[list-item]
        ConversionError,
        "invalid-document",
        "$: rules must be a collection of psp.Rule, and hold 'fund-x:met'",
        ("$", None),
    ),
    refusal(
        "read-rules-text",
        lambda: psp.from_data({}, Policy, rules="fund-x:met"),  # type: ignore[arg-type]
        ConversionError,
        "invalid-document",
        "$: rules must be a collection of psp.Rule, not 'fund-x:met'",
        ("$", None),
    ),
    refusal(
        "read-rules-twice",
        lambda: psp.from_document(
            psp.to_document(Policy()), rules=[MET_RULE, Rule("fund-x:met", "warning", "d", _met)]
        ),
        ConversionError,
        "invalid-document",
        "$: rules holds two rules of the code 'fund-x:met'",
        ("$", None),
    ),
    refusal(
        "read-rule-not-text",
        lambda: psp.from_data({"rules": [5]}, Policy, rules=[MET_RULE]),
        ConversionError,
        "invalid-document",
        "$.rules[0]: must be a rule's code (text) (got 5)",
        ("$.rules[0]", None),
    ),
    refusal(
        "waiver-period-wrong",
        lambda: psp.Waiver("lead-sector", "b", "2012", "r"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "period: must be a psp.Period (got '2012')",
        ("period", "2012"),
    ),
    refusal(
        "finding-waiver-wrong",
        lambda: Finding("r", Severity.BREACH, "m", waiver="w"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "waiver: must be a psp.Waiver or None (got 'w')",
        ("waiver", "w"),
    ),
    # posts.py and risks.py: people in posts, the risk register, differences (issue 18)
    refusal(
        "post-id-not-an-id",
        lambda: psp.Post("a b", "chair"),
        InvalidValueError,
        "invalid-id",
        (
            "id: must be an id: 1 to 100 characters from A-Z a-z 0-9 . _ : ~ -, starting with a "
            "letter or a digit (got 'a b')"
        ),
        ("id", "a b"),
    ),
    refusal(
        "post-of-an-unknown-kind",
        lambda: psp.Post("p1", "boss"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "kind: is not a post kind; expected one of: chair, co-chair, secretary, "
            "partnership-manager, case-worker, other (got 'boss')"
        ),
        ("kind", "boss"),
    ),
    refusal(
        "post-title-blank",
        lambda: psp.Post("p1", "other", title=" "),
        InvalidValueError,
        "blank",
        "title: must not be empty (got ' ')",
        ("title", " "),
    ),
    refusal(
        "establish-post-not-a-post",
        lambda: psp.PostEstablished(on=D1, post="p1"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "post: must be a Post (got 'p1')",
        ("post", "p1"),
    ),
    refusal(
        "establish-post-twice",
        lambda: with_posts().establish_post(psp.Post("m", "case-worker"), on=D1),
        RuleViolationError,
        "id-taken",
        "post.id: is the id of a post already established (got 'm')",
        ("post.id", "m"),
    ),
    refusal(
        "establish-post-of-an-unknown-group",
        lambda: small().establish_post(psp.Post("c", "chair", group="gg"), on=D1),
        UnknownReferenceError,
        "unknown-group",
        "post.group: is not a group of the partnership's governance now (got 'gg')",
        ("post.group", "gg"),
    ),
    refusal(
        "fill-an-unknown-post",
        lambda: small().fill_post("nope", on=D1),
        UnknownReferenceError,
        "unknown-post",
        "post_id: is not a post of this partnership (got 'nope')",
        ("post_id", "nope"),
    ),
    refusal(
        "fill-a-held-post",
        lambda: with_posts().fill_post("m", "Jo Byrne", on=D1).fill_post("m", on=D2),
        RuleViolationError,
        "post-held",
        (
            "post_id: is held by Jo Byrne since 2012-06-01; a post is held by one person at a "
            "time: vacate it first (got 'm')"
        ),
        ("post_id", "m"),
    ),
    refusal(
        "fill-a-post-held-by-someone-not-named",
        lambda: with_posts().fill_post("m", on=D1).fill_post("m", on=D2),
        RuleViolationError,
        "post-held",
        (
            "post_id: is held by someone not named since 2012-06-01; a post is held by one person "
            "at a time: vacate it first (got 'm')"
        ),
        ("post_id", "m"),
    ),
    refusal(
        "fill-a-post-for-an-unknown-organisation",
        lambda: with_posts().fill_post("m", on=D1, partner="z"),
        UnknownReferenceError,
        "unknown-organisation",
        "partner: is not an organisation this partnership knows; add it first (got 'z')",
        ("partner", "z"),
    ),
    refusal(
        "fill-a-post-person-blank",
        lambda: with_posts().fill_post("m", "", on=D1),
        InvalidValueError,
        "blank",
        "person: must not be empty (got '')",
        ("person", ""),
    ),
    refusal(
        "fill-a-group-post-for-an-outsider",
        lambda: with_posts().fill_post("sec", on=D1, partner="b"),
        RuleViolationError,
        "not-on-group",
        (
            "partner: Birch CJA does not sit on Governance Group; a group's post is held for one "
            "of its members (got 'b')"
        ),
        ("partner", "b"),
    ),
    refusal(
        "fill-a-chair-for-a-non-chair",
        lambda: with_posts().fill_post("chair", on=D1, partner="c"),
        RuleViolationError,
        "not-a-chair",
        (
            "partner: Cedar Project is not one of the chairs of Governance Group (Alder Trust); "
            "its chair is held for one of them (got 'c')"
        ),
        ("partner", "c"),
    ),
    refusal(
        "fill-a-post-of-a-group-no-longer-governing",
        lambda: (
            with_posts()
            .adopt_governance(structure("single-tier", Group("g2", "G2", "governance")), on=D1)
            .fill_post("chair", on=D1)
        ),
        UnknownReferenceError,
        "unknown-group",
        (
            "post_id: is a post of gg, which is not a group of the partnership's governance now "
            "(got 'chair')"
        ),
        ("post_id", "chair"),
    ),
    refusal(
        "vacate-an-unknown-post",
        lambda: small().vacate_post("nope", on=D1),
        UnknownReferenceError,
        "unknown-post",
        "post_id: is not a post of this partnership (got 'nope')",
        ("post_id", "nope"),
    ),
    refusal(
        "vacate-a-vacant-post",
        lambda: with_posts().vacate_post("m", on=D1),
        RuleViolationError,
        "post-vacant",
        "post_id: is vacant now; nobody holds it (got 'm')",
        ("post_id", "m"),
    ),
    refusal(
        "vacate-a-post-the-day-it-was-filled",
        lambda: with_posts().fill_post("m", on=D1).vacate_post("m", on=D1),
        RuleViolationError,
        "too-short",
        "on: it was filled that day; a post is held for at least one day (got '2012-06-01')",
        ("on", "2012-06-01"),
    ),
    refusal(
        "holder-of-an-unknown-post",
        lambda: small().holder("nope"),
        UnknownReferenceError,
        "unknown-post",
        "post_id: is not a post of this partnership (got 'nope')",
        ("post_id", "nope"),
    ),
    refusal(
        "rating-likelihood-out-of-range",
        lambda: psp.Rating(0, 3),
        InvalidValueError,
        "out-of-range",
        "likelihood: must be a whole number from 1 to 5 (got 0)",
        ("likelihood", 0),
    ),
    refusal(
        "rating-impact-out-of-range",
        lambda: psp.Rating(3, 6),
        InvalidValueError,
        "out-of-range",
        "impact: must be a whole number from 1 to 5 (got 6)",
        ("impact", 6),
    ),
    refusal(
        "raise-risk-description-not-text",
        lambda: small().raise_risk("r1", 7, on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "description: must be text (got 7)",
        ("description", 7),
    ),
    refusal(
        "raise-risk-of-an-unknown-kind",
        lambda: small().raise_risk("r1", "Late", on=D1, kind="worry"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        "kind: is not a risk kind; expected one of: risk, issue (got 'worry')",
        ("kind", "worry"),
    ),
    refusal(
        "raise-risk-rating-not-a-rating",
        lambda: small().raise_risk("r1", "Late", on=D1, rating=(3, 4)),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "rating: must be a Rating (got (3, 4))",
        ("rating", (3, 4)),
    ),
    refusal(
        "raise-risk-twice",
        lambda: with_risk().raise_risk("r1", "Late again", on=D2),
        RuleViolationError,
        "id-taken",
        "risk_id: is the id of a risk or issue already raised (got 'r1')",
        ("risk_id", "r1"),
    ),
    refusal(
        "raise-risk-raised-by-unknown",
        lambda: small().raise_risk("r1", "Late", on=D1, raised_by="z"),
        UnknownReferenceError,
        "unknown-organisation",
        "raised_by: is not an organisation this partnership knows; add it first (got 'z')",
        ("raised_by", "z"),
    ),
    refusal(
        "raise-risk-owner-unknown",
        lambda: small().raise_risk("r1", "Late", on=D1, owner="z"),
        UnknownReferenceError,
        "unknown-organisation",
        "owner: is not an organisation this partnership knows; add it first (got 'z')",
        ("owner", "z"),
    ),
    refusal(
        "review-an-unknown-risk",
        lambda: small().review_risk("nope", on=D1),
        UnknownReferenceError,
        "unknown-risk",
        "risk_id: is not a risk or issue of this register (got 'nope')",
        ("risk_id", "nope"),
    ),
    refusal(
        "review-a-risk-owner-unknown",
        lambda: with_risk().review_risk("r1", on=D1, owner="z"),
        UnknownReferenceError,
        "unknown-organisation",
        "owner: is not an organisation this partnership knows; add it first (got 'z')",
        ("owner", "z"),
    ),
    refusal(
        "review-a-risk-mitigation-blank",
        lambda: with_risk().review_risk("r1", on=D1, mitigation=""),
        InvalidValueError,
        "blank",
        "mitigation: must not be empty (got '')",
        ("mitigation", ""),
    ),
    refusal(
        "review-a-closed-risk",
        lambda: with_risk().close_risk("r1", on=D1, reason="passed").review_risk("r1", on=D2),
        RuleViolationError,
        "risk-closed",
        "risk_id: was closed on 2012-06-01; raise a new one instead (got 'r1')",
        ("risk_id", "r1"),
    ),
    refusal(
        "close-a-risk-without-a-reason",
        lambda: with_risk().close_risk("r1", on=D1, reason=" "),
        RuleViolationError,
        "reason-missing",
        "reason: a risk or issue is closed with a reason (got ' ')",
        ("reason", " "),
    ),
    refusal(
        "close-a-risk-twice",
        lambda: (
            with_risk()
            .close_risk("r1", on=D1, reason="passed")
            .close_risk("r1", on=D2, reason="again")
        ),
        RuleViolationError,
        "risk-closed",
        "risk_id: was closed on 2012-06-01; raise a new one instead (got 'r1')",
        ("risk_id", "r1"),
    ),
    refusal(
        "risk-unknown",
        lambda: small().risk("nope"),
        UnknownReferenceError,
        "unknown-risk",
        "risk_id: is not a risk or issue of this register (got 'nope')",
        ("risk_id", "nope"),
    ),
    refusal(
        "open-risks-of-an-unknown-kind",
        lambda: small().open_risks(kind="worry"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        "kind: is not a risk kind; expected one of: risk, issue (got 'worry')",
        ("kind", "worry"),
    ),
    refusal(
        "difference-with-one-party",
        lambda: small().record_difference("d1", "Data", ["a"], on=D1),
        RuleViolationError,
        "too-few-parties",
        "parties: a difference is between at least two organisations (got ['a'])",
        ("parties", ["a"]),
    ),
    refusal(
        "difference-with-one-party-twice",
        lambda: small().record_difference("d1", "Data", ["a", "a"], on=D1),
        RuleViolationError,
        "too-few-parties",
        "parties: a difference is between at least two organisations (got ['a'])",
        ("parties", ["a"]),
    ),
    refusal(
        "difference-parties-not-a-collection",
        lambda: small().record_difference("d1", "Data", "ab", on=D1),
        InvalidValueError,
        "not-a-collection",
        "parties: must be a collection of ids (got 'ab')",
        ("parties", "ab"),
    ),
    refusal(
        "difference-party-unknown",
        lambda: small().record_difference("d1", "Data", ["a", "z"], on=D1),
        UnknownReferenceError,
        "unknown-organisation",
        "parties: is not an organisation this partnership knows; add it first (got 'z')",
        ("parties", "z"),
    ),
    refusal(
        "difference-subject-blank",
        lambda: small().record_difference("d1", "", ["a", "b"], on=D1),
        InvalidValueError,
        "blank",
        "subject: must not be empty (got '')",
        ("subject", ""),
    ),
    refusal(
        "difference-recorded-twice",
        lambda: with_difference().record_difference("d1", "IP", ["a", "b"], on=D2),
        RuleViolationError,
        "id-taken",
        "difference_id: is the id of a difference already recorded (got 'd1')",
        ("difference_id", "d1"),
    ),
    refusal(
        "resolve-an-unknown-difference",
        lambda: small().resolve_difference("nope", "Talked", on=D1),
        UnknownReferenceError,
        "unknown-difference",
        "difference_id: is not a difference recorded in this partnership (got 'nope')",
        ("difference_id", "nope"),
    ),
    refusal(
        "resolve-a-difference-twice",
        lambda: (
            with_difference()
            .resolve_difference("d1", "Talked", on=D1)
            .resolve_difference("d1", "Again", on=D2)
        ),
        RuleViolationError,
        "already-resolved",
        "difference_id: was resolved on 2012-06-01 (got 'd1')",
        ("difference_id", "d1"),
    ),
    refusal(
        "resolve-a-difference-without-saying-how",
        lambda: with_difference().resolve_difference("d1", "", on=D1),
        InvalidValueError,
        "blank",
        "how: must not be empty (got '')",
        ("how", ""),
    ),
    # outputs and capacity; benefits and savings (issue 17, items 4-5)
    refusal(
        "output-target-of-an-unknown-kind",
        lambda: small().set_output_target("served", "meals", 10, period=YEAR, on=D0),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "kind: is not an output kind; expected one of: people-served, referrals, "
            "staff-in-post, mentors, sessions, places, other; or a term of your own, "
            "prefix:name (such as acme:mentors) (got 'meals')"
        ),
        ("kind", "meals"),
    ),
    refusal(
        "output-target-of-a-malformed-term",
        lambda: small().set_output_target("served", "Acme:meals", 10, period=YEAR, on=D0),  # type: ignore[arg-type]
        InvalidValueError,
        "malformed-term",
        (
            "kind: a term of your own is written prefix:name, each part lower-case letters, "
            "digits and single hyphens, 100 characters at most (such as acme:mentors) (got "
            "'Acme:meals')"
        ),
        ("kind", "Acme:meals"),
    ),
    refusal(
        "output-target-with-a-bad-id",
        lambda: small().set_output_target("Served!", "sessions", 10, period=YEAR, on=D0),
        InvalidValueError,
        "invalid-id",
        (
            "output_id: must be an id: 1 to 100 characters from A-Z a-z 0-9 . _ : ~ -, "
            "starting with a letter or a digit (got 'Served!')"
        ),
        ("output_id", "Served!"),
    ),
    refusal(
        "output-target-below-zero",
        lambda: small().set_output_target("served", "sessions", -1, period=YEAR, on=D0),
        InvalidValueError,
        "out-of-range",
        "target: must be a whole number from 0 to 1,000,000,000 (got -1)",
        ("target", -1),
    ),
    refusal(
        "output-target-without-a-period",
        lambda: small().set_output_target("served", "sessions", 1, period="2012", on=D0),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "period: must be a psp.Period (got '2012')",
        ("period", "2012"),
    ),
    refusal(
        "output-target-with-a-blank-unit",
        lambda: small().set_output_target("served", "sessions", 1, period=YEAR, on=D0, unit=" "),
        InvalidValueError,
        "blank",
        "unit: must not be empty (got ' ')",
        ("unit", " "),
    ),
    refusal(
        "output-target-changing-its-kind",
        lambda: with_target().set_output_target("served", "sessions", 4, period=YEAR, on=D1),
        RuleViolationError,
        "output-kind-changed",
        (
            "kind: output served counts people-served; an output keeps its kind (set a "
            "target under a new output id) (got 'sessions')"
        ),
        ("kind", "sessions"),
    ),
    refusal(
        "output-of-an-unknown-output",
        lambda: small().record_output("served", 3, period=YEAR, on=D1),
        UnknownReferenceError,
        "unknown-output",
        (
            "output_id: is not an output this partnership has set a target for; set one "
            "first (got 'served')"
        ),
        ("output_id", "served"),
    ),
    refusal(
        "output-below-zero",
        lambda: with_target().record_output("served", -3, period=YEAR, on=D1),
        InvalidValueError,
        "out-of-range",
        "value: must be a whole number from 0 to 1,000,000,000 (got -3)",
        ("value", -3),
    ),
    refusal(
        "output-for-a-period-not-begun",
        lambda: with_target().record_output("served", 3, period=psp.Period(D2), on=D1),
        RuleViolationError,
        "actual-in-future",
        (
            "period: starts after the day it is recorded (2012-06-01); what was delivered "
            "is recorded once the period has begun (got '2012-09-01 to open')"
        ),
        ("period", "2012-09-01 to open"),
    ),
    refusal(
        "output-with-a-note-not-text",
        lambda: with_target().record_output("served", 3, period=YEAR, on=D1, note=None),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "note: must be text",
        ("note", None),
    ),
    refusal(
        "gap-of-an-unknown-output",
        lambda: small().output_gap("served", YEAR),
        UnknownReferenceError,
        "unknown-output",
        "output_id: is not an output this partnership has set a target for (got 'served')",
        ("output_id", "served"),
    ),
    refusal(
        "gap-without-a-period",
        lambda: with_target().output_gap("served", "2012"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "period: must be a psp.Period (got '2012')",
        ("period", "2012"),
    ),
    refusal(
        "benefit-to-an-unknown-organisation",
        lambda: small().identify_benefit("x", on=D1, cashable=True),
        UnknownReferenceError,
        "unknown-organisation",
        "partner: is not an organisation this partnership knows; add it first (got 'x')",
        ("partner", "x"),
    ),
    refusal(
        "benefit-cashable-not-a-boolean",
        lambda: small().identify_benefit("a", on=D1, cashable="yes"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-boolean",
        "cashable: must be true or false (got 'yes')",
        ("cashable", "yes"),
    ),
    refusal(
        "benefit-estimate-below-zero",
        lambda: small().identify_benefit("a", on=D1, cashable=True, estimate=-5),
        InvalidValueError,
        "out-of-range",
        "estimate: must be a whole number of pounds from 0 to 1,000,000,000,000 (got -5)",
        ("estimate", -5),
    ),
    refusal(
        "benefit-with-a-blank-basis",
        lambda: small().identify_benefit("a", on=D1, cashable=False, basis=""),
        InvalidValueError,
        "blank",
        "basis: must not be empty (got '')",
        ("basis", ""),
    ),
    refusal(
        "benefit-with-a-blank-source",
        lambda: small().identify_benefit("a", on=D1, cashable=False, source=" "),
        InvalidValueError,
        "blank",
        "source: must not be empty (got ' ')",
        ("source", " "),
    ),
    # plotting/: pictures (issue 19, item 7); psp.plotting is imported on the call
    refusal(
        "likert-of-something-else",
        lambda: _plotting().draw_likert([[1, 2, 3, 4, 5]]),
        InvalidValueError,
        "wrong-type",
        (
            "rows: must be a mapping of labels to counts per scale point, or a Survey "
            "(got [[1, 2, 3, 4, 5]])"
        ),
        ("rows", [[1, 2, 3, 4, 5]]),
    ),
    refusal(
        "likert-without-rows",
        lambda: _plotting().draw_likert({}),
        InvalidValueError,
        "empty",
        "rows: must have at least one row (got {})",
        ("rows", {}),
    ),
    refusal(
        "likert-row-of-the-wrong-length",
        lambda: _plotting().draw_likert({"Year 1": [3, 4]}),
        InvalidValueError,
        "wrong-length",
        "rows['Year 1']: must have a count for each of the scale's 5 points (got (3, 4))",
        ("rows['Year 1']", (3, 4)),
    ),
    refusal(
        "likert-neutral-off-the-scale",
        lambda: _plotting().draw_likert({"a": [1, 2]}, scale=["no", "yes"], neutral="maybe"),
        InvalidValueError,
        "not-listed",
        "neutral: must be a point of the scale, or None (got 'maybe')",
        ("neutral", "maybe"),
    ),
    refusal(
        "graph-layout-unknown",
        lambda: _plotting().draw_partner_graph(psp.partner_graph(small()), layout="circle"),
        InvalidValueError,
        "unknown-choice",
        "layout: must be one of auto, spring, arf (got 'circle')",
        ("layout", "circle"),
    ),
    refusal(
        "tie-weight-not-a-number",
        lambda: _plotting().draw_weighted_ties(_tie("high"), "trust"),
        InvalidValueError,
        "not-a-number",
        "graph.edges['a', 'b']['trust']: must be a number (or None) (got 'high')",
        ("graph.edges['a', 'b']['trust']", "high"),
    ),
    # funds and streams in use (issue 17, item 1)
    refusal(
        "fund-share-of-no-funder",
        lambda: psp.Fund("f", "F", funders={"b"}, shares=[psp.FunderShare("a", 1)]),
        InvalidValueError,
        "not-listed",
        "shares[0].funder: is not one of the funders of F; list it in funders (got 'a')",
        ("shares[0].funder", "a"),
    ),
    refusal(
        "fund-shares-twice",
        lambda: psp.Fund("f", "F", funders={"b"}, shares=[psp.FunderShare("b", 1)] * 2),
        InvalidValueError,
        "duplicate",
        "shares[1].funder: has another share (got 'b')",
        ("shares[1].funder", "b"),
    ),
    refusal(
        "fund-shares-not-a-sequence",
        lambda: psp.Fund("f", "F", shares="b"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "shares: must be a sequence of funder shares (got 'b')",
        ("shares", "b"),
    ),
    refusal(
        "fund-share-not-a-share",
        lambda: psp.Fund("f", "F", shares=[("b", 1)]),  # type: ignore[list-item]
        InvalidValueError,
        "wrong-type",
        "shares[0]: must be a FunderShare (got ('b', 1))",
        ("shares[0]", ("b", 1)),
    ),
    refusal(
        "fund-share-below-zero",
        lambda: psp.FunderShare("b", -1),
        InvalidValueError,
        "out-of-range",
        "amount: must be a whole number of pounds from 0 to 1,000,000,000,000 (got -1)",
        ("amount", -1),
    ),
    refusal(
        "fund-share-funder-not-an-id",
        lambda: psp.FunderShare(" b", 1),
        InvalidValueError,
        "invalid-id",
        (
            "funder: must be an id: 1 to 100 characters from A-Z a-z 0-9 . _ : ~ -, starting with"
            " a letter or a digit (got ' b')"
        ),
        ("funder", " b"),
    ),
    refusal(
        "fund-decided-by-not-an-id",
        lambda: psp.Fund("f", "F", decided_by="a b"),
        InvalidValueError,
        "invalid-id",
        (
            "decided_by: must be an id: 1 to 100 characters from A-Z a-z 0-9 . _ : ~ -, starting "
            "with a letter or a digit (got 'a b')"
        ),
        ("decided_by", "a b"),
    ),
    refusal(
        "stream-amount-below-zero",
        lambda: psp.Stream("s", "S", "pilot", amount=-1),
        InvalidValueError,
        "out-of-range",
        "amount: must be a whole number of pounds from 0 to 1,000,000,000,000 (got -1)",
        ("amount", -1),
    ),
    refusal(
        "fund-recorded-twice",
        lambda: with_fund().record_fund(FUND, on=D1),
        RuleViolationError,
        "id-taken",
        "fund.id: is the id of a fund already recorded (got 'cf')",
        ("fund.id", "cf"),
    ),
    refusal(
        "fund-not-a-fund",
        lambda: small().record_fund("cf", on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "fund: must be a Fund (got 'cf')",
        ("fund", "cf"),
    ),
    refusal(
        "bid-to-a-stream-the-fund-lacks",
        lambda: with_fund().draft_bid(to_fund(stream="delivery")),
        UnknownReferenceError,
        "unknown-stream",
        "bid.stream: is not a stream of Change Fund (its streams: dev) (got 'delivery')",
        ("bid.stream", "delivery"),
    ),
    refusal(
        "bid-to-a-fund-naming-no-stream",
        lambda: with_fund().draft_bid(to_fund(stream=None)),
        UnknownReferenceError,
        "unknown-stream",
        "bid.stream: names no stream; a bid to Change Fund names one of its streams (dev)",
        ("bid.stream", None),
    ),
    refusal(
        "bid-to-a-funder-not-of-the-fund",
        lambda: with_fund().draft_bid(to_fund(funder="a")),
        RuleViolationError,
        "not-a-fund-funder",
        "bid.funder: is not a funder of Change Fund (its funders: b; it is decided by c) (got 'a')",
        ("bid.funder", "a"),
    ),
    refusal(
        "bid-submitted-for-another-purpose",
        lambda: with_fund().draft_bid(to_fund(purpose="pilot")).submit_bid("b1", on=D1),
        RuleViolationError,
        "stream-purpose",
        (
            "bid_id: bid b1 is for pilot, but Development of Change Fund funds development only "
            "(PSP: stream-purpose) (got 'b1')"
        ),
        ("bid_id", "b1"),
    ),
    refusal(
        "bid-submitted-naming-a-stream-of-a-fund-recorded-since",
        lambda: (
            small()
            .draft_bid(to_fund(stream="x", drafted_on=D0))
            .record_fund(FUND, on=D0)
            .submit_bid("b1", on=D1)
        ),
        UnknownReferenceError,
        "unknown-stream",
        (
            "bid_id: names stream x, which is not a stream of Change Fund (its streams: dev) (got"
            " 'b1')"
        ),
        ("bid_id", "b1"),
    ),
    refusal(
        "bid-submitted-naming-a-funder-of-a-fund-recorded-since",
        lambda: (
            small()
            .draft_bid(to_fund(funder="a", drafted_on=D0))
            .record_fund(FUND, on=D0)
            .submit_bid("b1", on=D1)
        ),
        RuleViolationError,
        "not-a-fund-funder",
        (
            "bid_id: names a, which is not a funder of Change Fund (its funders: b; it is decided"
            " by c) (got 'b1')"
        ),
        ("bid_id", "b1"),
    ),
    refusal(
        "fund-not-recorded",
        lambda: small().fund("cf"),
        UnknownReferenceError,
        "unknown-fund",
        "fund_id: is not a fund this partnership recorded (got 'cf')",
        ("fund_id", "cf"),
    ),
    refusal(
        "fund-awards-of-something-else",
        lambda: psp.fund_awards("p"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "subject: must be a Partnership or a Portfolio (got 'p')",
        ("subject", "p"),
    ),
    refusal(
        "fund-awards-funds-not-a-collection",
        lambda: psp.fund_awards(small(), funds="cf"),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-collection",
        "funds: must be a collection of funds (got 'cf')",
        ("funds", "cf"),
    ),
    refusal(
        "fund-awards-funds-not-funds",
        lambda: psp.fund_awards(small(), funds=["cf"]),  # type: ignore[list-item]
        InvalidValueError,
        "wrong-type",
        "funds[0]: must be a Fund (got 'cf')",
        ("funds[0]", "cf"),
    ),
    refusal(
        "fund-awards-funds-disagreeing",
        lambda: psp.fund_awards(with_fund(), funds=[psp.Fund("cf", "Other")]),
        InvalidValueError,
        "conflicting-fields",
        (
            "funds: is recorded differently by two partnerships (or given differently); a fund's "
            "record must agree (got 'cf')"
        ),
        ("funds", "cf"),
    ),
    # budgets and spend (issue 17, item 2)
    refusal(
        "budget-of-an-unknown-category",
        lambda: small().set_budget("travel", 5, period=YEAR, on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "category: is not a budget category; expected one of: staff, lead-partner-costs, "
            "consultants, service-user-consultation, programme-resources, other; or a term "
            "of your own, prefix:name (such as acme:mentors) (got 'travel')"
        ),
        ("category", "travel"),
    ),
    refusal(
        "budget-below-zero",
        lambda: small().set_budget("staff", -1, period=YEAR, on=D1),
        InvalidValueError,
        "out-of-range",
        "amount: must be a whole number of pounds from 0 to 1,000,000,000,000 (got -1)",
        ("amount", -1),
    ),
    refusal(
        "budget-without-a-period",
        lambda: small().set_budget("staff", 1, period="2012", on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "period: must be a psp.Period (got '2012')",
        ("period", "2012"),
    ),
    refusal(
        "budget-total-past-a-trillion",
        lambda: (
            small()
            .set_budget("staff", 10**12, period=YEAR, on=D1)
            .set_budget("other", 1, period=YEAR, on=D1)
        ),
        RuleViolationError,
        "total-too-large",
        (
            "amount: would make the budget for 2012-04-01 to 2013-04-01 "
            "£1,000,000,000,001; psp keeps totals to £1,000,000,000,000 (got 1)"
        ),
        ("amount", 1),
    ),
    refusal(
        "spend-of-nothing",
        lambda: small().record_spend("staff", 0, on=D1),
        InvalidValueError,
        "out-of-range",
        "amount: must be a whole number of pounds from 1 to 1,000,000,000,000 (got 0)",
        ("amount", 0),
    ),
    refusal(
        "spend-total-past-a-trillion",
        lambda: small().record_spend("staff", 10**12, on=D1).record_spend("staff", 2, on=D1),
        RuleViolationError,
        "total-too-large",
        (
            "amount: would make the partnership's spend £1,000,000,000,002; psp keeps "
            "totals to £1,000,000,000,000 (got 2)"
        ),
        ("amount", 2),
    ),
    refusal(
        "spend-with-a-note-not-text",
        lambda: small().record_spend("staff", 1, on=D1, note=None),  # type: ignore[arg-type]
        InvalidValueError,
        "not-text",
        "note: must be text",
        ("note", None),
    ),
    # relational surveys (issue 19, item 3)
    refusal(
        "relational-self-rating",
        lambda: respond(small(), "a", "a"),
        RuleViolationError,
        "self-rating",
        "answers[0].about: is the respondent; a relational survey asks about the other "
        "members (got 'a')",
        ("answers[0].about", "a"),
    ),
    refusal(
        "relational-answer-about-a-non-member",
        lambda: respond(known(CEDAR), "a", "c"),
        RuleViolationError,
        "not-a-member",
        "answers[0].about: Cedar Project is not a member now; a relational survey asks the "
        "members about each other (got 'c')",
        ("answers[0].about", "c"),
    ),
    refusal(
        "relational-respondent-not-a-member",
        lambda: respond(known(CEDAR), "c", "a"),
        RuleViolationError,
        "not-a-member",
        "respondent: Cedar Project is not a member now; a relational survey asks the members "
        "about each other (got 'c')",
        ("respondent", "c"),
    ),
    refusal(
        "relational-respondent-unknown",
        lambda: respond(small(), "x", "a"),
        UnknownReferenceError,
        "unknown-organisation",
        "respondent: is not an organisation this partnership knows; add it first (got 'x')",
        ("respondent", "x"),
    ),
    refusal(
        "relational-answer-about-an-unknown-organisation",
        lambda: respond(small(), "a", "x"),
        UnknownReferenceError,
        "unknown-organisation",
        "answers[0].about: is not an organisation this partnership knows; add it first (got 'x')",
        ("answers[0].about", "x"),
    ),
    refusal(
        "relational-answer-twice-in-one-response",
        lambda: respond(small(), "a", "b", "b"),
        RuleViolationError,
        "duplicate-relational-answer",
        "answers[1].about: Alder Trust has already answered about Birch CJA in wave y1; one "
        "answer each (got 'b')",
        ("answers[1].about", "b"),
    ),
    refusal(
        "relational-answer-twice-in-one-wave",
        lambda: respond(answered(), "a", "b"),
        RuleViolationError,
        "duplicate-relational-answer",
        "answers[0].about: Alder Trust has already answered about Birch CJA in wave y1; one "
        "answer each (got 'b')",
        ("answers[0].about", "b"),
    ),
    refusal(
        "relational-response-on-another-day-than-its-wave",
        lambda: respond(answered(), "b", "a", on=date(2012, 6, 2)),
        RuleViolationError,
        "relational-wave-date",
        "on: wave y1 is dated 2012-06-01; every response of a wave carries its date (record a "
        "new wave under a new id) (got '2012-06-02')",
        ("on", "2012-06-02"),
    ),
    refusal(
        "relational-responses-of-an-unknown-wave",
        lambda: answered().relational_responses("y2"),
        UnknownReferenceError,
        "unknown-relational-wave",
        "wave_id: is not a wave of this partnership's relational survey (got 'y2')",
        ("wave_id", "y2"),
    ),
    refusal(
        "relational-summary-of-an-unknown-wave",
        lambda: psp.relational_summary(answered(), "y2"),
        UnknownReferenceError,
        "unknown-relational-wave",
        "wave_id: is not a wave of this partnership's relational survey (got 'y2')",
        ("wave_id", "y2"),
    ),
    refusal(
        "relational-summary-of-not-a-partnership",
        lambda: psp.relational_summary("p", "y1"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "p: must be a Partnership (got 'p')",
        ("p", "p"),
    ),
    refusal(
        "relational-rating-off-the-scale",
        lambda: RelationalAnswer(about="b", reliability=5),
        InvalidValueError,
        "out-of-range",
        "reliability: must be a whole number from 1 to 4 (got 5)",
        ("reliability", 5),
    ),
    refusal(
        "relational-rating-a-boolean",
        lambda: RelationalAnswer(about="b", power=True),
        InvalidValueError,
        "out-of-range",
        "power: must be a whole number from 1 to 4 (got True)",
        ("power", True),
    ),
    refusal(
        "relational-unknown-frequency",
        lambda: RelationalAnswer(about="b", frequency="daily"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        "frequency: is not a contact frequency; expected one of: never, once-a-year-or-less, "
        "about-quarterly, about-monthly, weekly-or-more (got 'daily')",
        ("frequency", "daily"),
    ),
    refusal(
        "relational-answer-about-an-invalid-id",
        lambda: RelationalAnswer(about="B b"),
        InvalidValueError,
        "invalid-id",
        f"about: {ID} (got 'B b')",
        ("about", "B b"),
    ),
    refusal(
        "relational-unknown-dimension",
        lambda: RelationalAnswer(about="b").rating("trust"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        "dimension: is not a relational dimension; expected one of: reliability, mission, "
        "openness, power, involvement, resources (got 'trust')",
        ("dimension", "trust"),
    ),
    refusal(
        "relational-answers-not-a-collection",
        lambda: small().record_relational_response(
            "a",
            "b",  # type: ignore[arg-type]
            wave_id="y1",
            on=D1,
        ),
        InvalidValueError,
        "not-a-collection",
        "answers: must be a sequence of psp.RelationalAnswer (got 'b')",
        ("answers", "b"),
    ),
    refusal(
        "relational-answer-not-an-answer",
        lambda: small().record_relational_response(
            "a",
            [{"about": "b"}],  # type: ignore[list-item]
            wave_id="y1",
            on=D1,
        ),
        InvalidValueError,
        "wrong-type",
        "answers[0]: must be a RelationalAnswer (got {'about': 'b'})",
        ("answers[0]", {"about": "b"}),
    ),
    refusal(
        "relational-wave-id-not-an-id",
        lambda: small().record_relational_response("a", [], wave_id="y 1", on=D1),
        InvalidValueError,
        "invalid-id",
        f"wave_id: {ID} (got 'y 1')",
        ("wave_id", "y 1"),
    ),
    # respondent-level surveys (issue 19)
    refusal(
        "scale-too-short",
        lambda: psp.Scale(["yes"]),
        InvalidValueError,
        "wrong-length",
        "points: must hold from 2 to 101 points (got 1)",
        ("points", 1),
    ),
    refusal(
        "scale-scores-length",
        lambda: psp.Scale(["no", "yes"], scores=[1]),
        InvalidValueError,
        "wrong-length",
        "scores: must give one score to each of the 2 points (got 1)",
        ("scores", 1),
    ),
    refusal(
        "scale-scores-not-increasing",
        lambda: psp.Scale(["no", "yes"], scores=[2, 2]),
        InvalidValueError,
        "not-increasing",
        "scores[1]: must be more than the score before it (2) (got 2)",
        ("scores[1]", 2),
    ),
    refusal(
        "scale-point-twice",
        lambda: psp.Scale(["no", "no"]),
        InvalidValueError,
        "duplicate",
        "points[1]: is already a point of the scale (got 'no')",
        ("points[1]", "no"),
    ),
    refusal(
        "scale-neutral-off-the-scale",
        lambda: psp.Scale(["no", "yes"], neutral="maybe"),
        InvalidValueError,
        "not-listed",
        "neutral: is not a point of the scale (got 'maybe')",
        ("neutral", "maybe"),
    ),
    refusal(
        "scale-odd-without-neutral",
        lambda: psp.Scale(["no", "maybe", "yes"], neutral=None),
        InvalidValueError,
        "conflicting-fields",
        "neutral: must name the neutral point of a scale of an odd number of points",
        ("neutral", None),
    ),
    refusal(
        "scale-dont-know-a-point",
        lambda: psp.Scale(["no", "yes"], dont_know="no"),
        InvalidValueError,
        "conflicting-fields",
        "dont_know: is a point of the scale, so it would be scored (got 'no')",
        ("dont_know", "no"),
    ),
    refusal(
        "scale-scores-off-the-scale",
        lambda: psp.Scale.five_point().score("dont-know"),
        InvalidValueError,
        "not-listed",
        "point: is not a point of the scale (got 'dont-know')",
        ("point", "dont-know"),
    ),
    refusal(
        "distribution-counts-length",
        lambda: psp.Distribution(psp.Scale.five_point(), [1, 2]),
        InvalidValueError,
        "wrong-length",
        "counts: must give a count for each of the scale's 5 points (got 2)",
        ("counts", 2),
    ),
    refusal(
        "distribution-dont-know-not-offered",
        lambda: psp.Distribution(psp.Scale(["no", "yes"], dont_know=None), [1, 1], dont_know=1),
        InvalidValueError,
        "conflicting-fields",
        "dont_know: cannot be counted on a scale without it (got 1)",
        ("dont_know", 1),
    ),
    refusal(
        "distribution-answer-off-the-scale",
        lambda: psp.Distribution(psp.Scale.five_point(), [1] * 5).count("meh"),
        InvalidValueError,
        "not-listed",
        (
            "answers[0]: is not an answer of the scale: strongly-disagree, "
            "disagree, neither, agree, strongly-agree, dont-know (got 'meh')"
        ),
        ("answers[0]", "meh"),
    ),
    refusal(
        "distribution-nobody-scored",
        lambda: psp.Distribution(psp.Scale.five_point(), [0] * 5).mean(),
        RuleViolationError,
        "no-answers",
        (
            "answers: nobody answered the statement with a point of the scale; "
            "there is no mean to take"
        ),
        ("answers", None),
    ),
    refusal(
        "distribution-not-five-point",
        lambda: psp.Distribution(psp.Scale(["no", "yes"]), [1, 1]).tally(),
        RuleViolationError,
        "not-five-point",
        (
            "scale: a Tally counts a five-point scale whose neutral point is its "
            "middle one (got ('no', 'yes'))"
        ),
        ("scale", ("no", "yes")),
    ),
    refusal(
        "respondent-survey-statement-with-tally",
        lambda: psp.RespondentSurvey("s", "S", [Statement("a", "trust", "T", psp.Tally(agree=1))]),
        InvalidValueError,
        "conflicting-fields",
        (
            "statements[0].tally: must be empty: the replies give the counts (got "
            "Tally(strongly_disagree=0, d...trongly_agree=0, dont_know=0))"
        ),
        (
            "statements[0].tally",
            psp.Tally(
                strongly_disagree=0, disagree=0, neither=0, agree=1, strongly_agree=0, dont_know=0
            ),
        ),
    ),
    refusal(
        "respondent-survey-waves-out-of-order",
        lambda: psp.RespondentSurvey(
            "s", "S", waves=[psp.Wave("y2", D1), psp.Wave("y1", date(2012, 3, 1))]
        ),
        InvalidValueError,
        "not-increasing",
        (
            "waves[1].on: must be after the wave before it (2012-06-01) (got "
            "datetime.date(2012, 3, 1))"
        ),
        ("waves[1].on", date(2012, 3, 1)),
    ),
    refusal(
        "respondent-survey-reply-twice",
        lambda: _pulse(replies=[psp.Reply("r1", "y1", {}), psp.Reply("r1", "y1", {})]),
        InvalidValueError,
        "duplicate",
        "replies[1]: is a second reply of this respondent in wave y1 (replies[0]) (got 'r1')",
        ("replies[1]", "r1"),
    ),
    refusal(
        "respondent-survey-unknown-respondent",
        lambda: _pulse(replies=[psp.Reply("r2", "y1", {})]),
        InvalidValueError,
        "not-listed",
        "replies[0].respondent: is not a respondent of the survey (got 'r2')",
        ("replies[0].respondent", "r2"),
    ),
    refusal(
        "respondent-survey-unknown-statement",
        lambda: _pulse(replies=[psp.Reply("r1", "y1", {"vision": "agree"})]),
        InvalidValueError,
        "not-listed",
        "replies[0].answers: is not a statement of the survey (got 'vision')",
        ("replies[0].answers", "vision"),
    ),
    refusal(
        "respondent-survey-answer-off-the-scale",
        lambda: _pulse(replies=[psp.Reply("r1", "y1", {"trust": "meh"})]),
        InvalidValueError,
        "not-listed",
        (
            "replies[0].answers['trust']: is not an answer of the scale: "
            "strongly-disagree, disagree, neither, agree, strongly-agree, dont-know "
            "(got 'meh')"
        ),
        ("replies[0].answers['trust']", "meh"),
    ),
    refusal(
        "respondent-survey-unknown-wave",
        lambda: _pulse().distribution("trust", wave="y2"),
        UnknownReferenceError,
        "unknown-wave",
        "wave: is not a wave of this survey (got 'y2')",
        ("wave", "y2"),
    ),
    refusal(
        "respondent-survey-no-waves",
        lambda: psp.RespondentSurvey("s", "S").wave(),
        UnknownReferenceError,
        "unknown-wave",
        "wave: the survey has no waves",
        ("wave", None),
    ),
    refusal(
        "respondent-survey-unknown-attribute",
        lambda: _pulse().breakdown("trust", "age"),  # type: ignore[arg-type]
        InvalidValueError,
        "unknown-choice",
        (
            "by: is not a respondent attribute; expected one of: organisation, "
            "sector, partnership, role (got 'age')"
        ),
        ("by", "age"),
    ),
    refusal(
        "respondent-survey-by-without-statement",
        lambda: _pulse().likert_counts(by="sector"),
        InvalidValueError,
        "conflicting-fields",
        "by: needs a statement to break down (got 'sector')",
        ("by", "sector"),
    ),
    refusal(
        "respondent-survey-wave-with-by-wave",
        lambda: _pulse().likert_counts("trust", by="wave", wave="y1"),
        InvalidValueError,
        "conflicting-fields",
        "wave: is not taken with by='wave' (got 'y1')",
        ("wave", "y1"),
    ),
    # payments and reporting obligations (issue 17, item 3)
    refusal(
        "payment-of-a-bid-not-awarded",
        lambda: with_award().plan_payment("s-1", "s", 10, due=D2, on=D1),
        RuleViolationError,
        "bid-not-awarded",
        "bid_id: bid s is submitted; only an awarded bid takes payments (got 's')",
        ("bid_id", "s"),
    ),
    refusal(
        "report-of-a-bid-not-awarded",
        lambda: with_award().require_report("r-2", "s", "accounts", due=D2, on=D1),
        RuleViolationError,
        "bid-not-awarded",
        "bid_id: bid s is submitted; only an awarded bid takes reporting obligations (got 's')",
        ("bid_id", "s"),
    ),
    refusal(
        "payment-of-an-unknown-bid",
        lambda: with_award().record_payment("m-1", "x", 10, on=D1),
        UnknownReferenceError,
        "unknown-bid",
        "bid_id: is not a bid of this partnership (got 'x')",
        ("bid_id", "x"),
    ),
    refusal(
        "planned-payments-beyond-the-award",
        lambda: with_award().plan_payment("g-2", "g", 41, due=D2, on=D1),
        RuleViolationError,
        "payment-exceeds-award",
        (
            "amount: takes the planned payments of bid g to 101 pounds, more than the 100 "
            "awarded (60 so far); PSP does not allow payments beyond an award (got 41)"
        ),
        ("amount", 41),
    ),
    refusal(
        "payments-beyond-the-award",
        lambda: with_award().record_payment("m-1", "g", 101, on=D1),
        RuleViolationError,
        "payment-exceeds-award",
        (
            "amount: takes the payments of bid g to 101 pounds, more than the 100 awarded "
            "(0 so far); PSP does not allow payments beyond an award (got 101)"
        ),
        ("amount", 101),
    ),
    refusal(
        "payment-beyond-its-plan",
        lambda: with_award().record_payment("m-1", "g", 61, on=D1, planned_id="g-1"),
        RuleViolationError,
        "payment-exceeds-plan",
        (
            "amount: is more than remains of planned payment g-1 (60 of 60 pounds); pay the "
            "rest against another planned payment or none (got 61)"
        ),
        ("amount", 61),
    ),
    refusal(
        "payment-against-an-unknown-plan",
        lambda: with_award().record_payment("m-1", "g", 6, on=D1, planned_id="g-9"),
        UnknownReferenceError,
        "unknown-payment",
        "planned_id: is not a planned payment of this partnership (got 'g-9')",
        ("planned_id", "g-9"),
    ),
    refusal(
        "payment-against-another-bids-plan",
        lambda: (
            with_award()
            .decide_bid("s", on=D1, awarded=True)
            .record_payment("m-1", "s", 6, on=D1, planned_id="g-1")
        ),
        RuleViolationError,
        "plan-of-another-bid",
        "planned_id: is a planned payment of bid g, not of bid s (got 'g-1')",
        ("planned_id", "g-1"),
    ),
    refusal(
        "planned-payment-id-taken",
        lambda: with_award().plan_payment("g-1", "g", 6, due=D2, on=D1),
        RuleViolationError,
        "id-taken",
        "payment_id: is the id of another planned payment (got 'g-1')",
        ("payment_id", "g-1"),
    ),
    refusal(
        "payment-id-taken",
        lambda: with_award().record_payment("m", "g", 6, on=D1).record_payment("m", "g", 6, on=D1),
        RuleViolationError,
        "id-taken",
        "payment_id: is the id of another payment (got 'm')",
        ("payment_id", "m"),
    ),
    refusal(
        "payment-of-nothing",
        lambda: with_award().record_payment("m", "g", 0, on=D1),
        InvalidValueError,
        "out-of-range",
        "amount: must be a whole number of pounds from 1 to 1,000,000,000,000 (got 0)",
        ("amount", 0),
    ),
    refusal(
        "payment-due-not-a-date",
        lambda: with_award().plan_payment("g-2", "g", 6, due="2012-09-01", on=D1),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "due: must be a date (datetime.date, not a datetime) (got '2012-09-01')",
        ("due", "2012-09-01"),
    ),
    refusal(
        "report-id-taken",
        lambda: with_award().require_report("r-1", "g", "accounts", due=D2, on=D1),
        RuleViolationError,
        "id-taken",
        "report_id: is the id of another report (got 'r-1')",
        ("report_id", "r-1"),
    ),
    refusal(
        "report-of-nothing",
        lambda: with_award().require_report("r-2", "g", " ", due=D2, on=D1),
        InvalidValueError,
        "blank",
        "what: must not be empty (got ' ')",
        ("what", " "),
    ),
    refusal(
        "report-received-twice",
        lambda: with_award().receive_report("r-1", on=D2),
        RuleViolationError,
        "already-received",
        "report_id: was received on 2012-06-01 already (got 'r-1')",
        ("report_id", "r-1"),
    ),
    refusal(
        "report-unknown",
        lambda: with_award().receive_report("r-9", on=D2),
        UnknownReferenceError,
        "unknown-report",
        "report_id: is not a report required of this partnership (got 'r-9')",
        ("report_id", "r-9"),
    ),
    refusal(
        "late-on-not-a-date",
        lambda: with_award().obligations_late(None),  # type: ignore[arg-type]
        InvalidValueError,
        "not-a-date",
        "on: must be a date (datetime.date, not a datetime)",
        ("on", None),
    ),
    refusal(
        "due-without-a-period",
        lambda: with_award().obligations_due("2012"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "period: must be a psp.Period (got '2012')",
        ("period", "2012"),
    ),
    refusal(
        "grants-of-something-else",
        lambda: psp.grants_paid("p"),  # type: ignore[arg-type]
        InvalidValueError,
        "wrong-type",
        "obj: must be a Partnership or a Portfolio (got 'p')",
        ("obj", "p"),
    ),
    # payments under an awarded tender's contract (issue 17, item 6)
    refusal(
        "contract-payment-of-a-tender-not-awarded",
        lambda: with_contract().record_contract_payment("c-2", "t2", 10, on=D1),
        RuleViolationError,
        "tender-not-awarded",
        (
            "tender_id: tender t2 is planned; only an awarded tender has a contract to pay "
            "under (got 't2')"
        ),
        ("tender_id", "t2"),
    ),
    refusal(
        "contract-payment-of-an-unknown-tender",
        lambda: with_contract().record_contract_payment("c-2", "t9", 10, on=D1),
        UnknownReferenceError,
        "unknown-tender",
        "tender_id: is not a tender of this partnership (got 't9')",
        ("tender_id", "t9"),
    ),
    refusal(
        "contract-payments-of-an-unknown-tender",
        lambda: with_contract().contract_payments("t9"),
        UnknownReferenceError,
        "unknown-tender",
        "tender_id: is not a tender of this partnership (got 't9')",
        ("tender_id", "t9"),
    ),
    refusal(
        "contract-payments-beyond-the-award",
        lambda: with_contract().record_contract_payment("c-2", "t1", 41, on=D1),
        RuleViolationError,
        "payment-exceeds-award",
        (
            "amount: takes the payments of tender t1 to 101 pounds, more than the 100 "
            "awarded (60 so far); PSP does not allow payments beyond an award (got 41)"
        ),
        ("amount", 41),
    ),
    refusal(
        "contract-payment-id-of-a-bid-payment",
        lambda: (
            with_contract()
            .record_payment("m", "g", 6, on=D1)
            .record_contract_payment("m", "t1", 6, on=D1)
        ),
        RuleViolationError,
        "id-taken",
        "payment_id: is the id of another payment (got 'm')",
        ("payment_id", "m"),
    ),
    refusal(
        "bid-payment-id-of-a-contract-payment",
        lambda: with_contract().record_payment("c-1", "g", 6, on=D1),
        RuleViolationError,
        "id-taken",
        "payment_id: is the id of another payment (got 'c-1')",
        ("payment_id", "c-1"),
    ),
    refusal(
        "contract-payment-of-nothing",
        lambda: with_contract().record_contract_payment("c-2", "t1", 0, on=D1),
        InvalidValueError,
        "out-of-range",
        "amount: must be a whole number of pounds from 1 to 1,000,000,000,000 (got 0)",
        ("amount", 0),
    ),
]


def _cycle() -> dict[str, Any]:
    areas: list[Any] = []
    areas.append(areas)
    return {"id": "a", "name": "A", "sector": "third", "areas": areas}


@pytest.mark.parametrize(("make", "error", "code", "message", "field_and_value"), REFUSALS)
def test_refusal(
    make: Callable[[], object],
    error: type[PSPError],
    code: str,
    message: str,
    field_and_value: tuple[str | None, object],
) -> None:
    with pytest.raises(PSPError) as info:
        make()
    assert type(info.value) is error
    assert info.value.code == code
    assert psp.ERROR_CODES[code].error is error
    assert str(info.value) == message
    assert (info.value.field, info.value.value) == field_and_value


# The findings a refused step lists, and the warnings it does not refuse on, in full:
# rule, severity, message and subject, breaches first (Partnership.blockers, .findings).
FINDINGS = [
    # Composition (Partnership.findings, Policy.check): breaches, then warnings
    pytest.param(
        lambda: (
            Partnership("p", "P")
            .join(BIRCH, on=D0, roles={"lead"})
            .join(ALDER, on=D0)
            .findings(Policy(lead_sectors={"third", "private"}))
        ),
        [
            Finding(
                "lead-sector",
                Severity.BREACH,
                (
                    "the lead, Birch CJA, is public sector, but PSP requires a private or "
                    "third-sector lead"
                ),
                "public",
            ),
        ],
        id="lead-from-wrong-sector",
    ),
    pytest.param(
        lambda: Partnership("p", "P").findings(Policy(min_public_members=2, required_roles=())),
        [
            Finding(
                "lead-missing",
                Severity.BREACH,
                "no member leads the partnership",
                None,
            ),
            Finding(
                "min-public-members",
                Severity.BREACH,
                "0 public-sector member(s), but PSP requires at least 2",
                "public",
            ),
            Finding(
                "min-third-members",
                Severity.BREACH,
                "0 third-sector member(s), but PSP requires at least 1",
                "third",
            ),
        ],
        id="too-few-members-of-each-sector",
    ),
    pytest.param(
        lambda: small().findings(Policy(required_roles={"lead", "provider"})),
        [
            Finding(
                "role-unfilled",
                Severity.WARNING,
                "no member holds the provider role",
                "provider",
            ),
        ],
        id="role-unfilled-is-a-warning",
    ),
    pytest.param(
        lambda: (
            Partnership("p", "P", focus={"women"})
            .join(ALDER, on=D0, roles={"lead"})
            .join(BIRCH, on=D0)
            .findings(Policy(expected_public_bodies={"women": {"police", "cja"}}))
        ),
        [
            Finding(
                "public-body-absent",
                Severity.WARNING,
                (
                    "no police among the members, though PSP expects one for this partnership's "
                    "focus"
                ),
                "police",
            ),
        ],
        id="public-body-absent-is-a-warning",
    ),
    # Lifecycle guards (Partnership.blockers): what a step would be refused by, and warnings
    pytest.param(
        lambda: small().blockers("start-pilot"),
        [
            Finding(
                "no-such-step",
                Severity.BREACH,
                (
                    "a partnership in the forming stage cannot start-pilot; the steps from "
                    "there are: start-design, close"
                ),
                "start-pilot",
            ),
        ],
        id="no-such-step",
    ),
    pytest.param(
        lambda: (
            Partnership("p", "P", policy=Policy(required_roles={"lead", "provider"}))
            .join(ALDER, on=D0)
            .join(BIRCH, on=D0)
            .blockers("start-design")
        ),
        [
            Finding(
                "lead-missing",
                Severity.BREACH,
                "no member leads the partnership",
                None,
            ),
            Finding(
                "role-unfilled",
                Severity.WARNING,
                "no member holds the provider role",
                "provider",
            ),
        ],
        id="start-design-without-lead",
    ),
    pytest.param(
        lambda: small().blockers("close"),
        [
            Finding(
                "reason-missing",
                Severity.BREACH,
                "closing a partnership needs a reason",
                None,
            ),
        ],
        id="close-without-reason",
    ),
    pytest.param(
        lambda: stepped(
            "start-design",
            mou_before_pilot=True,
            pilot_award_before_pilot=True,
            design_approval_before_pilot=True,
        ).blockers("start-pilot"),
        [
            Finding(
                "mou-unsigned",
                Severity.BREACH,
                "no MoU is signed by every named signatory by the day the pilot starts",
                None,
            ),
            Finding(
                "pilot-funding",
                Severity.BREACH,
                "no pilot bid has been awarded",
                None,
            ),
            Finding(
                "design-unapproved",
                Severity.BREACH,
                "no service design has been agreed",
                None,
            ),
        ],
        id="start-pilot-every-guard",
    ),
    pytest.param(
        lambda: (
            stepped("start-design", design_approval_before_pilot=True)
            .agree_service_design(ServiceDesign("Throughcare"), on=D0)
            .blockers("start-pilot")
        ),
        [
            Finding(
                "design-unapproved",
                Severity.BREACH,
                "no funder has approved the service design",
                None,
            ),
        ],
        id="start-pilot-design-unapproved",
    ),
    pytest.param(
        lambda: awarded(
            stepped("start-design", design_approval_before_pilot=True)
            .agree_service_design(ServiceDesign("Throughcare"), on=D0)
            .approve_design("a", on=D0)
        ).blockers("start-pilot"),
        [
            Finding(
                "design-unapproved",
                Severity.BREACH,
                "no funder of an awarded pilot bid has approved the service design",
                None,
            ),
        ],
        id="start-pilot-design-unapproved-by-pilot-funder",
    ),
    pytest.param(
        lambda: awarded(stepped("start-design"), areas={"Fife", "Tayside"}).blockers("start-pilot"),
        [
            Finding(
                "cja-sign-off",
                Severity.WARNING,
                "bid b1 covers Fife without its CJA's sign-off",
                "Fife",
            ),
            Finding(
                "cja-sign-off",
                Severity.WARNING,
                "bid b1 covers Tayside without its CJA's sign-off",
                "Tayside",
            ),
        ],
        id="start-pilot-area-without-cja-sign-off",
    ),
    pytest.param(
        lambda: stepped("start-design", "start-pilot", measures_before_review=True).blockers(
            "start-review"
        ),
        [
            Finding(
                "measures-missing",
                Severity.BREACH,
                "no measures of the pilot's success are agreed",
                None,
            ),
        ],
        id="start-review-measures",
    ),
    pytest.param(
        lambda: with_commitment(
            stepped("start-design", "start-pilot", measures_before_review=True)
        ).blockers("start-review"),
        [
            Finding(
                "measure-without-result",
                Severity.BREACH,
                "no result is recorded for m1",
                "m1",
            ),
        ],
        id="start-review-measure-without-result",
    ),
    pytest.param(
        lambda: stepped(
            "start-design",
            "start-pilot",
            "start-review",
            conditions_before_commissioning=True,
            tender_before_commissioning=True,
        ).blockers("commission"),
        [
            Finding(
                "commitment-missing",
                Severity.BREACH,
                "no sustainability commitment is given",
                None,
            ),
            Finding(
                "tender-unawarded",
                Severity.BREACH,
                "no tender for the service has been awarded",
                None,
            ),
        ],
        id="commission-every-guard",
    ),
    pytest.param(
        lambda: stepped(
            "start-design", "start-pilot", "start-review", budget_before_commissioning=True
        ).blockers("commission"),
        [
            Finding(
                "budget-uncovered",
                Severity.BREACH,
                "no budget covers the day commissioned (2012-04-01)",
                None,
            ),
        ],
        id="commission-without-a-budget",
    ),
    pytest.param(
        lambda: (
            with_commitment(
                stepped(
                    "start-design",
                    "start-pilot",
                    "start-review",
                    conditions_before_commissioning=True,
                )
            )
            .give_commitment("c1", on=D0)
            .blockers("commission")
        ),
        [
            Finding(
                "conditions-unmet",
                Severity.BREACH,
                "the commitments' measures and conditions are not met: budget, m1",
                None,
            ),
        ],
        id="commission-conditions-unmet",
    ),
    pytest.param(
        lambda: stepped("start-design", "start-pilot", "start-review").blockers("grant-fund"),
        [
            Finding(
                "delivery-funding",
                Severity.BREACH,
                "no delivery bid has been awarded",
                None,
            ),
        ],
        id="grant-fund",
    ),
    # A fund's own rules and waivers (issue 18)
    pytest.param(
        lambda: small().findings(Policy(rules=[Rule("fund-x:two", "warning", "d", _two_public)])),
        [Finding("fund-x:two", Severity.WARNING, "1 public member, but Fund X asks for two")],
        id="own-rule",
    ),
    pytest.param(
        lambda: small().findings(Policy(rules=[Rule("fund-x:bug", "breach", "d", _raises)])),
        [Finding("fund-x:bug", Severity.BREACH, "the check of fund-x:bug failed (KeyError('x'))")],
        id="own-rule-raises",
    ),
    pytest.param(
        lambda: small().findings(Policy(rules=[Rule("fund-x:odd", "breach", "d", ODD)])),
        [
            Finding(
                "fund-x:odd",
                Severity.BREACH,
                "the check of fund-x:odd returned 2, not None, a message or messages",
            )
        ],
        id="own-rule-returns-a-number",
    ),
    pytest.param(
        lambda: (
            small(Policy(lead_sectors={"public"}))
            .waive("lead-sector", granted_by="b", on=D1, reason="accepted")
            .findings()
        ),
        [
            Finding(
                "lead-sector",
                Severity.BREACH,
                "the lead, Alder Trust, is third sector, but PSP requires a public-sector lead",
                "third",
                waiver=psp.Waiver("lead-sector", "b", psp.Period(D1), "accepted"),
            )
        ],
        id="waived",
    ),
]


def _two_public(facts: psp.Facts) -> str | None:
    count = facts.balance.count("public")
    return f"{count} public member, but Fund X asks for two" if count < 2 else None


def _raises(facts: psp.Facts) -> None:
    raise KeyError("x")


def _odd(facts: psp.Facts) -> int:
    return 2


ODD: Any = _odd  # a check that returns what no check may


@pytest.mark.parametrize(("check", "expected"), FINDINGS)
def test_findings(check: Callable[[], tuple[Finding, ...]], expected: list[Finding]) -> None:
    assert list(check()) == expected
