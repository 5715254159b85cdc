"""What a user may write: mypy --strict checks this module with the rest of the suite.

Each call passes enum members, their values as literal strings, or both, where psp takes
either; ``assert_type`` pins what comes back. ``tests/test_typing.py`` also runs it, so
what mypy accepts here psp accepts at run time. Its counterpart, ``rejected.py``, holds
the calls mypy must refuse.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import assert_type

from psp import (
    Bid,
    BidStatus,
    Distribution,
    Event,
    Focus,
    GovernanceStructure,
    Group,
    LinkKind,
    Meeting,
    Membership,
    MoU,
    Partner,
    Partnership,
    Period,
    Policy,
    Portfolio,
    PublicBodyKind,
    Reach,
    ReachName,
    Reply,
    Respondent,
    RespondentSurvey,
    Response,
    Role,
    RoleName,
    Scale,
    Sector,
    Statement,
    StepResult,
    Stream,
    Tally,
    Term,
    Theme,
    Wave,
    from_data,
    to_data,
)

D = date(2012, 4, 1)


def reach_of(name: ReachName) -> Reach:
    """A user's own function, annotated with a public alias."""
    return Reach(name)


def partners() -> tuple[Partner, Partner]:
    third = Partner("a", "Alder Trust", "third", reach="national", size=None, areas={"Fife"})
    public = Partner(
        "b", "Birch CJA", Sector.PUBLIC, public_body_kind="cja", identifiers=["GB-LAS-FIF"]
    )
    assert_type(third, Partner)
    assert_type(third.sector, Sector)
    assert_type(third.reach, Reach | None)
    assert_type(public.public_body_kind, PublicBodyKind | None)
    assert_type(reach_of("local"), Reach)
    # Text read from outside (a file, a form) is a plain str: the enum checks it.
    column: str = "private"
    assert_type(Partner("c", "Cedar Ltd", Sector(column)).sector, Sector)
    return third, public


def partnership() -> Partnership:
    third, public = partners()
    roles: list[RoleName] = ["lead", "provider"]
    p = (
        Partnership("p", "P", focus={"women", Focus.REMAND}, scope="regional")
        .join(third, on=D, roles=roles, engagement="newly-engaged")
        .join(public, on=D, roles={Role.STRATEGIC, "referral"})
        .take_seat(Partner("d", "Docks", "third"), "observer", on=D)
        .link("b", "a", "refers-to", on=D)
        .link("a", "b", LinkKind.FUNDS, on=D)
    )
    assert_type(p.roles_of("a"), frozenset[Role])
    assert_type(p.unfilled_roles(required={"lead", Role.SUPPORT}), frozenset[Role])
    result = p.step("start-design", on=D)
    assert_type(result, StepResult)
    assert_type(Membership("a", frozenset({Role.LEAD}), Period(D)).roles, frozenset[Role])
    return result.partnership


def values() -> None:
    gg = Group("gg", "Governance Group", "governance", responsibilities={"outcomes"})
    assert_type(GovernanceStructure("single-tier", [gg], firmness="firm"), GovernanceStructure)
    assert_type(MoU(id="m", drafted_on=D, parties={"a"}, values={"equality"}), MoU)
    stream = Stream("s", "Pilot", "pilot", opens=D)
    bid = Bid(id="b", funder="f", purpose="pilot", drafted_on=D, status=BidStatus.DRAFT)
    assert_type(bid.status, BidStatus)
    assert_type(stream.opens, date | None)
    assert_type(Meeting(on=D, kind="governance-group", minuted=True).size, int)
    assert_type(Tally.of(["agree", Response.DISAGREE]).respondents, int)
    assert_type(Statement("s", Theme.TRUST, "Partners trust each other").theme, Theme | Term)


def policies() -> None:
    by_literal = Policy(lead_sectors={"third"}, expected_public_bodies={"women": ["cja"]})
    by_member: dict[Focus, set[PublicBodyKind]] = {Focus.REMAND: {PublicBodyKind.POLICE}}
    assert_type(Policy(expected_public_bodies=by_member), Policy)
    # A policy's own mapping (keyed by Focus) is taken as it is.
    assert_type(Policy(expected_public_bodies=by_literal.expected_public_bodies), Policy)


def portfolio() -> None:
    p = partnership()
    fund = Portfolio("rrcf", "RRCF", [p]).link("a", "b", "information-broker", on=D)
    assert_type(fund, Portfolio)


def stored_events() -> None:
    # A back end reads each stored event with the union as the target; its version and
    # the events since are plain values.
    p = partnership()
    rows = [to_data(e) for e in p.events_since(0)]
    assert_type(p.version, int)
    assert_type(p.events_since(0), tuple[Event, ...])
    events = [from_data(row, Event) for row in rows]
    assert_type(events[0], Event)
    assert_type(p.extend(events[:0], expected_version=p.version), Partnership)


def respondent_survey() -> None:
    scale = Scale(["never", "sometimes", "often"], scores=[0, 1, 2])
    who = [Respondent("r1", sector="third", role=Role.LEAD), Respondent("r2", sector=Sector.PUBLIC)]
    s = RespondentSurvey(
        "s",
        "S",
        [Statement("meet", "meetings", "We meet")],
        scale=scale,
        respondents=who,
        waves=[Wave("w1", D)],
        replies=[Reply("r1", "w1", {"meet": "often"}), Reply("r2", "w1", {"meet": "dont-know"})],
    )
    assert_type(s.distribution("meet").mean(), Fraction)
    assert_type(s.breakdown("meet", "sector"), dict[str | None, Distribution])
    assert_type(s.likert_counts("meet", by="wave"), dict[str, tuple[int, ...]])
    assert_type(s.rows()[0]["score"], int | None)


def main() -> None:
    """Everything above, run."""
    partners()
    partnership()
    values()
    policies()
    portfolio()
    stored_events()
    respondent_survey()
