"""What mypy must refuse: ``tests/test_typing.py`` runs mypy on this module alone and
checks that it reports, on each line marked ``# E: <code>``, an error of that code,
and no other error anywhere. The normal ``mypy`` run leaves it out (pyproject.toml).

Nothing here runs at import: each call is inside a function.
"""

from __future__ import annotations

from datetime import date

from psp import (
    Bid,
    Cadence,
    Group,
    Measure,
    Meeting,
    MemberJoined,
    Membership,
    MoU,
    Partner,
    Partnership,
    Period,
    Policy,
    Portfolio,
    SeatTaken,
    Sector,
    Statement,
    StepTaken,
    Stream,
    Tally,
)

D = date(2012, 4, 1)
ALDER = Partner("a", "Alder Trust", "third")


def misspelt_values() -> None:
    Partner("a", "A", "third", reach="nationl")  # E: arg-type
    Partner("a", "A", "thrid")  # E: arg-type
    Partner("a", "A", Sector.THIRD, size="huge")  # E: arg-type
    Group("g", "G", "governanc")  # E: arg-type
    Group("g", "G", "governance", responsibilities=["outcome"])  # E: list-item
    Bid(id="b", funder="f", purpose="pilto", drafted_on=D)  # E: arg-type
    MoU(id="m", drafted_on=D, parties={"a"}, values=["equality", "fairness"])  # E: list-item
    Meeting(on=D, kind="party")  # E: arg-type
    Cadence(2, "days")  # E: arg-type
    Statement("s", "trst", "Partners trust each other")  # E: arg-type
    Tally.of(["agree", "meh"])  # E: list-item
    Policy(lead_sectors=["thrid"])  # E: list-item
    Policy(expected_public_bodies={"women": ["cj"]})  # E: list-item
    Policy(expected_public_bodies={"womn": ["cja"]})  # E: dict-item


def misspelt_commands() -> None:
    p = Partnership("p", "P")
    p.join(ALDER, on=D, roles=["bos"])  # E: list-item
    p.join(ALDER, on=D, roles={"bos"})  # E: arg-type
    p.join(ALDER, on=D, engagement="invited")  # E: arg-type
    p.change_roles(ALDER, ["lead", "boss"], on=D)  # E: list-item
    p.take_seat(ALDER, "observr", on=D)  # E: arg-type
    p.link("a", "b", "likes", on=D)  # E: arg-type
    p.step("start-desing", on=D)  # E: arg-type
    p.unfilled_roles(required=["boss"])  # E: list-item
    Portfolio("f", "F", [p]).link("a", "b", "gossips-with", on=D)  # E: arg-type
    Partnership("p", "P", focus=["youth"])  # E: list-item
    Partnership("p", "P", scope="global")  # E: arg-type
    Membership("a", {"bos"}, Period(D))  # E: arg-type
    MemberJoined(on=D, partner_id="a", roles={"bos"})  # E: arg-type
    SeatTaken(on=D, partner_id="a", kind="critcal-friend")  # E: arg-type
    StepTaken(on=D, step="close-up")  # E: arg-type


def wrong_types() -> None:
    Partner(1, "A", "third")  # E: arg-type
    Partner("a", "A", "third", areas=[1])  # E: list-item
    Stream("s", "S", "pilot", opens="2012-04-01")  # E: arg-type
    Measure("m", "53", 45)  # E: arg-type
    Partnership("p", "P", description=None)  # E: arg-type


def text_from_outside(column: str) -> None:
    # Plain text could be anything: check it with the enum first (Sector(column)).
    Partner("a", "A", column)  # E: arg-type
