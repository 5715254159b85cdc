"""Deterministic benchmark data, built through psp's public commands.

Everything here is driven by a seeded :class:`random.Random`, so the same arguments
give equal data on every machine and in every run. Partnerships are built the way a
user builds them, command by command (``join``, ``change_roles``, ``leave``, ``link``,
...), never by writing histories by hand: the data sets are ones psp itself accepts.

The full-scale portfolio (:data:`FULL`) is a :class:`psp.Portfolio` of 1,000 partnerships
of 100 membership spans each (100,000 memberships) over a pool of 50,000 organisations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from psp import (
    Engagement,
    Focus,
    LinkKind,
    OrgId,
    Partner,
    Partnership,
    Portfolio,
    PSPError,
    PublicBodyKind,
    Reach,
    Role,
    Scope,
    SeatKind,
    Sector,
    Size,
    ThirdSectorKind,
)

__all__ = [
    "FULL",
    "Shape",
    "long_history",
    "organisations",
    "partnership",
    "portfolio",
]

T = TypeVar("T")

SEED = 8  # issue 8
FIRST_DAY = date(2010, 1, 1)
AREAS = ("Glasgow", "North Strathclyde", "Lothian and Borders", "Fife", "Tayside", "Northern")
PEOPLE = ("Alex Reid", "Morag Kerr", "Sam Patel", "Jo Byrne", "Ailsa Grant", "Tom Leckie")
NON_LEAD_ROLES = (Role.PROVIDER, Role.REFERRAL, Role.SUPPORT, Role.STRATEGIC)


@dataclass(frozen=True)
class Shape:
    """The size of a portfolio of partnerships.

    ``memberships`` is the number of membership spans per partnership (joins plus role
    changes that open a new span); ``links`` the links per partnership;
    ``organisations`` the size of the shared pool members are drawn from. The portfolio
    also holds one portfolio-level link per 100 partnerships (at least one).
    """

    partnerships: int
    memberships: int = 100
    links: int = 10
    organisations: int | None = None  # default: 50 per partnership

    @property
    def pool(self) -> int:
        if self.organisations is not None:
            return self.organisations
        return max(50 * self.partnerships, 2 * self.memberships)

    @property
    def portfolio_links(self) -> int:
        return max(1, self.partnerships // 100) if self.partnerships > 1 else 0

    @property
    def total_memberships(self) -> int:
        return self.partnerships * self.memberships

    def scaled(self, factor: float) -> Shape:
        """This shape with ``factor`` times as many partnerships (and organisations)."""
        return Shape(
            max(1, round(self.partnerships * factor)),
            self.memberships,
            self.links,
            None if self.organisations is None else max(1, round(self.organisations * factor)),
        )


#: The scale issue 8 plans for: 100,000 memberships over 50,000 organisations.
FULL = Shape(partnerships=1_000, memberships=100, links=10)


def _identifier(rng: random.Random) -> OrgId:
    scheme = rng.choice(("GB-SC", "GB-CHC", "GB-COH", "GB-LAS"))
    if scheme == "GB-SC":
        return OrgId(scheme, f"SC{rng.randrange(10**6):06d}")
    if scheme == "GB-CHC":
        return OrgId(scheme, f"{rng.randrange(10**5, 10**7)}")
    if scheme == "GB-COH":
        return OrgId(scheme, f"{rng.randrange(10**8):08d}")
    return OrgId(scheme, "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ", k=3)))


def _maybe(rng: random.Random, values: list[T]) -> T | None:
    return rng.choice(values) if rng.random() < 0.6 else None


def organisations(count: int, rng: random.Random) -> list[Partner]:
    """``count`` valid organisations, ids ``org-00000`` up: 60% third sector, 35% public."""
    result = []
    for i in range(count):
        draw = rng.random()
        sector = Sector.THIRD if draw < 0.6 else Sector.PUBLIC if draw < 0.95 else Sector.PRIVATE
        result.append(
            Partner(
                f"org-{i:05d}",
                f"Organisation {i} {rng.choice(AREAS)}",
                sector,
                public_body_kind=rng.choice(list(PublicBodyKind))
                if sector is Sector.PUBLIC
                else None,
                third_sector_kind=_maybe(rng, list(ThirdSectorKind))
                if sector is Sector.THIRD
                else None,
                reach=_maybe(rng, list(Reach)),
                size=_maybe(rng, list(Size)),
                areas=rng.sample(AREAS, rng.randrange(3)),
                identifiers=[_identifier(rng)] if rng.random() < 0.5 else [],
                represents_service_users=rng.random() < 0.05,
            )
        )
    return result


def _roles(rng: random.Random) -> set[Role]:
    return set(rng.sample(NON_LEAD_ROLES, rng.randrange(1, 3)))


def partnership(
    index: int, members: list[Partner], outsider: Partner, spans: int, links: int, seed: int
) -> Partnership:
    """One partnership built by commands: ``spans`` membership spans and ``links`` links.

    About nine spans in ten are joins (``members`` must hold at least that many
    organisations); the rest are role changes that open a new span. One in twenty
    members then leaves; the lead and some members name representatives; ``outsider``
    takes a critical-friend seat.
    """
    rng = random.Random(seed)
    joins = max(1, min(len(members), spans - spans // 10))
    changes = spans - joins
    if changes > joins - 1:
        raise ValueError(f"{spans} spans need more than {joins} members")
    p = Partnership(
        f"psp-{index:05d}",
        f"Partnership {index}",
        focus=rng.sample(list(Focus), rng.randrange(1, 3)),
        scope=rng.choice(list(Scope)),
        areas=rng.sample(AREAS, rng.randrange(1, 3)),
        description="Throughcare for short-term prisoners" if rng.random() < 0.5 else "",
    )
    day = FIRST_DAY + timedelta(days=rng.randrange(1_000))
    lead, rest = members[0], members[1:joins]
    p = p.join(lead, roles={Role.LEAD, Role.PROVIDER}, on=day, engagement=Engagement.NEWLY_ENGAGED)
    p = p.name_representative(lead.id, rng.choice(PEOPLE), on=day, title="Chief Officer")
    joined = [lead.id]
    for org in rest:
        day += timedelta(days=rng.randrange(3))
        engagement = rng.choice(list(Engagement))
        by = rng.choice(joined) if engagement is Engagement.SIGNPOSTED else None
        p = p.join(org, roles=_roles(rng), on=day, engagement=engagement, signposted_by=by)
        joined.append(org.id)
        if rng.random() < 0.1:
            p = p.name_representative(org.id, rng.choice(PEOPLE), on=day, can_decide=True)
    p = p.take_seat(outsider, SeatKind.CRITICAL_FRIEND, on=day)
    kinds = list(LinkKind)
    added: set[tuple[str, str, LinkKind]] = set()
    while len(added) < links and len(joined) > 1:
        source, target = rng.sample(joined, 2)
        key = (source, target, rng.choice(kinds))
        if key in added:
            continue
        added.add(key)
        weight = round(rng.uniform(0, 50), 1) if rng.random() < 0.5 else None
        p = p.link(source, target, key[2], on=day, weight=weight, pre_existing=rng.random() < 0.3)
    for pid in rng.sample(joined[1:], changes):
        day += timedelta(days=1 + rng.randrange(3))
        p = p.change_roles(pid, p.roles_of(pid) ^ {Role.SUPPORT} or {Role.PROVIDER}, on=day)
    for pid in rng.sample(joined[1:], len(joined) // 20):
        day += timedelta(days=1 + rng.randrange(3))
        p = p.leave(pid, on=day, reason="looser fit with the service")
    return p


def portfolio(shape: Shape, seed: int = SEED) -> Portfolio:
    """A portfolio of ``shape.partnerships`` partnerships drawn from one pool of
    organisations, with its portfolio-level links added by ``Portfolio.link``: each from
    one partnership's lead to the next one's."""
    rng = random.Random(seed)
    pool = organisations(shape.pool, rng)
    size = max(1, shape.memberships - shape.memberships // 10) + 1
    result = []
    for i in range(shape.partnerships):
        chosen = rng.sample(pool, size)
        result.append(
            partnership(
                i, chosen[:-1], chosen[-1], shape.memberships, shape.links, rng.getrandbits(32)
            )
        )
    fund = Portfolio("bench", "Benchmark portfolio", result)
    leads = [p.memberships[0].partner_id for p in result]  # leads never leave
    on = FIRST_DAY + timedelta(days=1_000)  # every partnership has begun
    for i in range(shape.portfolio_links):
        source, target = leads[i], leads[i + 1]
        if source != target:
            fund = fund.link(source, target, LinkKind.INFORMATION_BROKER, on=on, weight=1.0)
    return fund


def long_history(events: int, seed: int = SEED) -> Partnership:
    """A partnership whose history holds exactly ``events`` events, built by commands.

    It adds one organisation for every 50 events (at least 5), then runs a random mix
    of joins, leaves, role changes, representatives, seats and links among them, one
    event per command, as a long-lived partnership accumulates them: so a history ten
    times as long is the same mix of events over ten times the organisations, and the
    growth benchmark compares like with like. Organisation ``org-00000`` is known and
    never a member, so ``join("org-00000", ...)`` on the result is always allowed.
    """
    rng = random.Random(seed)
    orgs = organisations(max(5, events // 50), rng)
    p = Partnership("long", "A long-lived partnership", focus={Focus.PRISON_LEAVERS})
    day = FIRST_DAY
    for org in orgs[: events - 1]:
        p = p.add_organisation(org, on=day)
    ids = [o.id for o in orgs[1:]]
    people = [*PEOPLE]
    kinds = list(LinkKind)
    while len(p.history) < events:
        day += timedelta(days=rng.randrange(2))
        pid = rng.choice(ids)
        step = rng.random()
        try:
            if step < 0.3:
                p = p.join(pid, roles=_roles(rng), on=day)
            elif step < 0.45:
                p = p.leave(pid, on=day)
            elif step < 0.6:
                p = p.change_roles(pid, _roles(rng), on=day)
            elif step < 0.7:
                p = p.name_representative(pid, rng.choice(people), on=day)
            elif step < 0.75:
                p = p.stand_down_representative(pid, rng.choice(people), on=day)
            elif step < 0.95:
                other = rng.choice(ids)
                p = p.link(pid, other, rng.choice(kinds), on=day, weight=float(rng.randrange(20)))
            else:
                p = p.unlink(pid, rng.choice(ids), rng.choice(kinds), on=day)
        except PSPError:
            pass  # a refused command changes nothing; draw the next one
    return p
