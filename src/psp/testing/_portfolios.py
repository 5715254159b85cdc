"""Portfolios: the ``portfolios`` strategy, partnerships over a shared pool of
organisations, with links at the portfolio's level."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base.errors import PSPError
from psp._base.roles import Role
from psp.testing._partners import _LINK_KINDS, _SEAT_KINDS, _WEIGHTS, _partner
from psp.testing._partnerships import _FIRST_DAYS, _FOCI, _GAPS, _PARTNERSHIP_AREAS, _SCOPES
from psp.testing._values import _NAMES, _ROLE_SETS, _SLUGS

_PORTFOLIO_STEPS = st.sampled_from(
    ("join", "join", "join", "leave", "change_roles", "take_seat", "link", "link", "unlink")
)
_LINK_GAPS = st.integers(0, 30)


@st.composite
def _portfolio(
    draw: st.DrawFn,
    max_partnerships: int,
    max_organisations: int,
    max_steps: int,
    max_links: int,
) -> Portfolio:
    # One record per organisation, shared by every partnership it is drawn into, so
    # records agree across the portfolio. Histories use the commands that shape the
    # partner graph (members, roles, seats, links); partnerships() covers the rest.
    ids = draw(st.lists(_SLUGS, min_size=1, max_size=max_organisations, unique=True))
    orgs = [draw(_partner(i, None)) for i in ids]
    built = []
    for pid in draw(st.lists(_SLUGS, min_size=1, max_size=max_partnerships, unique=True)):
        p = Partnership(
            pid,
            draw(_NAMES),
            focus=draw(_FOCI),
            scope=draw(_SCOPES),
            areas=draw(_PARTNERSHIP_AREAS),
        )
        day = draw(_FIRST_DAYS)
        for founder in orgs:  # founding members join on the first day
            if draw(st.booleans()):
                p = p.join(founder, on=day, roles=draw(_ROLE_SETS) - {Role.LEAD})
        for _ in range(draw(st.integers(0, max_steps))):
            day += timedelta(days=draw(_GAPS))
            org: Any = draw(st.sampled_from(orgs))
            step = draw(_PORTFOLIO_STEPS)
            try:
                if step == "join":
                    p = p.join(org, on=day, roles=draw(_ROLE_SETS))
                elif step == "leave":
                    p = p.leave(org.id, on=day)
                elif step == "change_roles":
                    p = p.change_roles(org.id, draw(_ROLE_SETS), on=day)
                elif step == "take_seat":
                    p = p.take_seat(org, draw(_SEAT_KINDS), on=day)
                elif len(p.organisations) > 1:  # link or unlink two organisations p knows
                    source, target = draw(st.permutations(list(p.organisations)))[:2]
                    if step == "link":
                        p = p.link(source, target, draw(_LINK_KINDS), on=day, weight=draw(_WEIGHTS))
                    else:
                        p = p.unlink(source, target, draw(_LINK_KINDS), on=day)
            except PSPError:
                pass  # a refused step leaves p as it was
        built.append(p)
    portfolio = Portfolio(draw(_SLUGS), draw(_NAMES), built)
    # Portfolio-level links start while one end is a member of some partnership.
    spans = [(m.partner_id, m.period) for p in built for m in p.memberships]
    known = list(portfolio.organisations)
    for _ in range(draw(st.integers(0, max_links)) if spans else 0):
        member, period = draw(st.sampled_from(spans))
        start = period.start + timedelta(days=draw(_LINK_GAPS))
        if period.end is not None and start >= period.end:
            start = period.start
        ends = (member, draw(st.sampled_from(known)))
        source, target = ends if draw(st.booleans()) else ends[::-1]
        kind = draw(_LINK_KINDS)
        try:
            portfolio = portfolio.link(source, target, kind, on=start, weight=draw(_WEIGHTS))
            if draw(st.booleans()):
                end = start + timedelta(days=1 + draw(_LINK_GAPS))
                portfolio = portfolio.unlink(source, target, kind, on=end)
        except PSPError:
            pass  # the same link already open, or a link to itself
    return portfolio


def portfolios(
    max_partnerships: int = 3, max_organisations: int = 6, max_steps: int = 12, max_links: int = 3
) -> st.SearchStrategy[Portfolio]:
    """Valid portfolios of 1 to ``max_partnerships`` partnerships over a shared pool of
    up to ``max_organisations`` organisations (so some sit in several partnerships),
    with up to ``max_links`` portfolio-level links.

    Each partnership's history is up to ``max_steps`` commands (joining, leaving, role
    changes, seats, links) applied through the public API; refused ones are skipped.
    """
    return _portfolio(max_partnerships, max_organisations, max_steps, max_links)
