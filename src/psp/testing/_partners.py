"""Organisations and membership: the ``partners`` strategy, and the steps of a history
that change who belongs (joining, leaving, roles, seats, representatives, links,
reimbursement), with the fixes for a lifecycle step's membership guards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._base.roles import Role, SeatKind
from psp._base.vocabulary import Term
from psp._partners.links import LinkKind
from psp._partners.membership import Engagement, ReimbursementStatus
from psp._partners.organisation import Partner, PublicBodyKind, Reach, Sector, Size, ThirdSectorKind
from psp.testing._values import (
    _AREAS,
    _NAMES,
    _ORG_IDS,
    _REASONS,
    _ROLE_SETS,
    _SLUGS,
    _TERMS,
    _TITLES,
    _Step,
)

_SECTORS = st.sampled_from(Sector)
_PUBLIC_KINDS = st.sampled_from(PublicBodyKind)
_THIRD_KINDS = st.none() | st.sampled_from(ThirdSectorKind)
_REACHES = st.none() | st.sampled_from(Reach)
_SIZES = st.none() | st.sampled_from(Size)
_AREA_SETS = st.frozensets(st.sampled_from(_AREAS), max_size=2)
_IDENTIFIER_LISTS = st.lists(_ORG_IDS, max_size=2, unique=True)


@st.composite
def _partner(draw: st.DrawFn, id: str | None, sector: Sector | None) -> Partner:
    chosen = draw(_SECTORS) if sector is None else sector
    return Partner(
        draw(_SLUGS) if id is None else id,
        draw(_NAMES),
        chosen,
        public_body_kind=draw(_PUBLIC_KINDS) if chosen is Sector.PUBLIC else None,
        third_sector_kind=draw(_THIRD_KINDS) if chosen is Sector.THIRD else None,
        reach=draw(_REACHES),
        size=draw(_SIZES),
        areas=draw(_AREA_SETS),
        identifiers=draw(_IDENTIFIER_LISTS),
        represents_service_users=draw(st.booleans()),
    )


def partners(id: str | None = None, sector: Sector | None = None) -> st.SearchStrategy[Partner]:
    """Valid organisations; fix ``id`` or ``sector`` to constrain them."""
    return _partner(id, sector)


# -- steps of a history: members, roles, seats, representatives, links ----------------

_ENGAGEMENTS = st.none() | st.sampled_from(Engagement)
_SEAT_KINDS = st.sampled_from(SeatKind)
_PEOPLE = st.sampled_from(["Alex Reid", "Morag Kerr", "Sam Patel", "Jo Byrne"])
_STATUSES = st.sampled_from(ReimbursementStatus)
_CAN_DECIDE = st.none() | st.booleans()
_LINK_KINDS = st.sampled_from(LinkKind) | _TERMS
_LABELS = st.sampled_from(
    [("mentors", "is mentored by"), ("shares premises with", "shares premises with")]
)
_WEIGHTS = st.none() | st.floats(0, 500, allow_nan=False)


def _known(p: Partnership, sector: Sector | None = None) -> list[str]:
    return [i for i, o in p.organisations.items() if sector is None or o.sector is sector]


def _joinable(p: Partnership, orgs: Sequence[Partner], sector: Sector | None) -> list[Partner]:
    """Organisations of ``sector`` (any, for ``None``) that may join now."""
    seated = {s.partner_id for s in p.seats_on()}
    return [
        o
        for o in orgs
        if (sector is None or o.sector is sector) and o.id not in seated and not p.is_member(o)
    ]


def _join(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    engagement = draw(_ENGAGEMENTS)
    by = None
    if engagement is Engagement.SIGNPOSTED and len(p.organisations) > 1:
        by = draw(st.none() | st.sampled_from(sorted(p.organisations)))
    return p.join(
        draw(st.sampled_from(orgs)),
        on=day,
        roles=draw(_ROLE_SETS),
        engagement=engagement,
        signposted_by=by,
    )


def _member(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner]) -> str:
    """A current member's id, or (when there is none) any organisation's."""
    members = [m.partner_id for m in p.memberships_on()]
    return draw(st.sampled_from(members)) if members else draw(st.sampled_from(orgs)).id


def _leave(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    return p.leave(_member(draw, p, orgs), on=day, reason=draw(_REASONS))


def _suspend_or_reinstate(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """Reinstate a suspended member, or suspend a member when none is suspended."""
    suspended = p.suspended()
    if suspended:
        return p.reinstate(draw(st.sampled_from(suspended)).partner_id, on=day)
    return p.suspend(_member(draw, p, orgs), on=day, reason=draw(_REASONS))


def _change_roles(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    return p.change_roles(_member(draw, p, orgs), draw(_ROLE_SETS), on=day)


def _take_seat(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    return p.take_seat(draw(st.sampled_from(orgs)), draw(_SEAT_KINDS), on=day)


def _leave_seat(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    seats = p.seats_on()
    if not seats:
        return _take_seat(draw, p, orgs, day)
    seat = draw(st.sampled_from(seats))
    return p.leave_seat(seat.partner_id, seat.kind, on=day)


def _name_representative(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    return p.name_representative(
        _member(draw, p, orgs),
        draw(_PEOPLE),
        on=day,
        title=draw(_TITLES),
        can_decide=draw(_CAN_DECIDE),
    )


def _stand_down_representative(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    serving = [r for r in p.representatives if r.period.end is None]
    if not serving:
        return _name_representative(draw, p, orgs, day)
    rep = draw(st.sampled_from(serving))
    return p.stand_down_representative(rep.partner_id, rep.person, on=day)


def _link(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    ends = (_member(draw, p, orgs), draw(st.sampled_from(orgs)).id)  # a link involves a member
    source, target = ends if draw(st.booleans()) else ends[::-1]
    return p.link(
        source,
        target,
        draw(_LINK_KINDS),
        on=day,
        weight=draw(_WEIGHTS),
        pre_existing=draw(_CAN_DECIDE),
    )


def _define_link_kind(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    used = sorted({k.kind for k in p.links if isinstance(k.kind, Term)})
    kind: Term = draw(_TERMS)
    if draw(st.booleans()) and used:
        kind = draw(st.sampled_from(used))  # a kind this history links with
    label, inverse = draw(_LABELS)
    return p.define_link_kind(kind, label=label, inverse_label=inverse, on=day)


def _unlink(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    links = p.links_on()
    if not links:
        return _link(draw, p, orgs, day)
    link = draw(st.sampled_from(links))
    return p.unlink(link.source, link.target, link.kind, on=day)


def _record_reimbursement(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    return p.record_reimbursement(_member(draw, p, orgs), draw(_STATUSES), on=day)


# -- what a lifecycle step's membership guards ask for (``_partnerships._FIXES``) ------


def _fix_lead(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """A member made lead, or (with no members) an organisation joining as lead."""
    members = [m.partner_id for m in p.memberships_on()]
    if members:
        chosen = draw(st.sampled_from(members))
        return p.change_roles(chosen, p.roles_of(chosen) | {Role.LEAD}, on=day)
    joinable = _joinable(p, orgs, None) or orgs  # with nobody free to join: refused
    return p.join(draw(st.sampled_from(joinable)), on=day, roles={Role.LEAD})


def _fix_sector(sector: Sector) -> _Step:
    def fix(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
        """An organisation of ``sector`` joining (with none free to join, another one)."""
        joinable = _joinable(p, orgs, sector) or orgs
        roles = draw(_ROLE_SETS) - {Role.LEAD}
        return p.join(draw(st.sampled_from(joinable)), on=day, roles=roles)

    return fix
