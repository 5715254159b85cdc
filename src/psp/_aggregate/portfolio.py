"""A fund's portfolio of partnerships (the RRCF's 14 PSPs) and what it adds up to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from psp._aggregate import portfolio_inputs
from psp._aggregate.events import LinkAdded
from psp._aggregate.partnership import Partnership
from psp._base import checks as _checks
from psp._base import pickling as _pickling
from psp._base.errors import RuleViolationError
from psp._base.period import Period
from psp._base.roles import Role
from psp._base.vocabulary import Term, term_of, terms_of
from psp._commissioning.funding import BidStatus
from psp._governing.structure import GovernanceType
from psp._partners.links import Link, LinkKind, LinkKindName, default_labels
from psp._partners.membership import Membership, ReimbursementStatus
from psp._partners.organisation import Partner, PublicBodyKind, Reach, Sector
from psp._partners.sector_balance import SectorBalance

__all__ = ["Portfolio"]

Row = dict[str, Any]
_ref = portfolio_inputs.ref


def _role_values(roles: frozenset[Role]) -> tuple[str, ...]:
    return tuple(sorted(r.value for r in roles))


def _awarded(p: Partnership) -> int | None:
    amounts = [
        b.amount_awarded
        for b in p.bids()
        if b.status is BidStatus.AWARDED and b.amount_awarded is not None
    ]
    return sum(amounts) if amounts else None


@attrs.frozen(repr=False)
class Portfolio:
    """A fund's set of partnerships, such as the 14 PSPs of the RRCF's first year.

    ``partnerships`` have unique ids. An organisation that sits in several of them
    (a CJA, a national charity, 3.41) is known to each by the same id and must have
    the same :class:`psp.Partner` record in all of them. ``links`` are relationships
    that belong to no one partnership, such as a CJA passing information between
    competing bids (3.42); their ends must be organisations some partnership knows,
    and at least one of them a member of some partnership when the link begins.

    Queries count *memberships*: an organisation in three partnerships counts three
    times, as the evaluation's "150 partners" does (3.3). Each takes ``on`` (a date;
    ``None``: now, after each partnership's last event) as the partnership's do.

    Bids stay with the partnerships that make them; bids to the same fund and stream
    compete (3.40-3.41), and :meth:`competing_bids` and :meth:`in_competing_bids` look
    across the portfolio for them.

    >>> from datetime import date
    >>> from psp import Partner, Partnership
    >>> cja = Partner("gcja", "Glasgow CJA", "public", public_body_kind="cja")
    >>> a = Partnership("a", "PSP A").join(cja, roles={"strategic"}, on=date(2012, 10, 1))
    >>> b = Partnership("b", "PSP B").join(cja, roles={"strategic"}, on=date(2012, 10, 1))
    >>> fund = Portfolio("rrcf", "RRCF Year 1", [a, b])
    >>> fund.membership_count(), len(fund.organisations)
    (2, 1)
    """

    id: str = attrs.field(converter=portfolio_inputs.an_id)
    name: str = attrs.field(converter=portfolio_inputs.a_name)
    partnerships: tuple[Partnership, ...] = attrs.field(
        default=(), converter=portfolio_inputs.partnerships
    )
    links: tuple[Link, ...] = attrs.field(
        default=(), converter=portfolio_inputs.links, kw_only=True
    )
    _organisations: Mapping[str, Partner] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, int] = {}
        organisations: dict[str, Partner] = {}
        first_seen: dict[str, int] = {}
        for i, p in enumerate(self.partnerships):
            if p.id in by_id:
                j = by_id[p.id]
                raise RuleViolationError(
                    f"partnerships[{i}].id",
                    p.id,
                    f"is already the id of partnerships[{j}] ({self.partnerships[j].name}); "
                    "each partnership in a portfolio has its own id",
                    code="id-taken",
                )
            by_id[p.id] = i
            for pid, partner in p.organisations.items():
                known = organisations.get(pid)
                if known is None:
                    organisations[pid] = partner
                    first_seen[pid] = i
                elif known is not partner and known != partner:  # shared: no field compare
                    j = first_seen[pid]
                    raise RuleViolationError(
                        portfolio_inputs.where_added(p, i, pid),
                        pid,
                        f"{partner.name} is recorded differently in partnerships[{j}] "
                        f"({self.partnerships[j].name}); an organisation's record must agree "
                        "across the portfolio",
                        code="conflicting-record",
                    )
        object.__setattr__(self, "_organisations", MappingProxyType(organisations))
        for i, link in enumerate(self.links):
            self._check_link(link, self.links[:i], f"links[{i}].")

    def _with_links(self, links: tuple[Link, ...]) -> Portfolio:
        # The new link was checked on its own: build the successor without re-checking
        # every partnership and link (attrs.evolve would), so a link costs the same in a
        # portfolio of 14 partnerships or 1,000.
        new: Portfolio = object.__new__(Portfolio)
        for a in attrs.fields(Portfolio):
            object.__setattr__(new, a.name, getattr(self, a.name))
        object.__setattr__(new, "links", links)
        return new

    __copy__ = _pickling.itself
    __deepcopy__ = _pickling.itself_deep

    def __reduce__(self) -> tuple[Any, ...]:
        # Its index of organisations (a read-only mapping) is worked out again on loading.
        return _pickling.by_arguments(self)

    def __repr__(self) -> str:
        return (
            f"<Portfolio {self.id!r} {self.name!r}: {len(self.partnerships)} partnerships, "
            f"{len(self.links)} links>"
        )

    def _check_link(self, link: Link, earlier: Iterable[Link], where: str) -> None:
        portfolio_inputs.check_link(
            link, earlier, where, known=self._organisations, is_member=self._is_member
        )

    def _is_member(self, partner_id: str, on: date) -> bool:
        return any(p.is_member(partner_id, on) for p in self.partnerships)

    # -- commands --------------------------------------------------------------------

    def link(
        self,
        source: Partner | str,
        target: Partner | str,
        kind: LinkKind | LinkKindName | Term,
        *,
        on: date,
        weight: float | None = None,
        pre_existing: bool | None = None,
        note: str = "",
    ) -> Portfolio:
        """Return the portfolio with a ``kind`` link from ``source`` to ``target`` from ``on``.

        For relationships that belong to no one partnership, such as a CJA passing
        information between competing bids (3.42). Both must be organisations some
        partnership knows, and at least one a member of some partnership on ``on``.
        """
        # The event a partnership would record checks the arguments, naming each.
        e = LinkAdded(
            on=on,
            source=_ref(source),
            target=_ref(target),
            kind=kind,
            weight=weight,
            pre_existing=pre_existing,
            note=note,
        )
        link = Link(e.source, e.target, e.kind, Period(e.on), e.weight, e.pre_existing, e.note)
        self._check_link(link, self.links, "")
        return self._with_links((*self.links, link))

    def unlink(
        self,
        source: Partner | str,
        target: Partner | str,
        kind: LinkKind | LinkKindName | Term,
        *,
        on: date,
    ) -> Portfolio:
        """Return the portfolio with an open portfolio-level link ended from ``on``."""
        wanted = (_ref(source), _ref(target), term_of(LinkKind, "kind", kind))
        _checks.a_date("on", on)
        for i, link in enumerate(self.links):
            if (link.source, link.target, link.kind) == wanted and link.period.is_open:
                if on <= link.period.start:
                    raise RuleViolationError(
                        "on",
                        on.isoformat(),
                        "the link began that day; a link lasts at least one day",
                        code="too-short",
                    )
                ended = attrs.evolve(link, period=link.period.ended(on))
                return self._with_links((*self.links[:i], ended, *self.links[i + 1 :]))
        raise RuleViolationError(
            "kind",
            str.__str__(wanted[2]),
            f"{wanted[0]} has no such open link to {wanted[1]}",
            code="not-linked",
        )

    # -- queries ---------------------------------------------------------------------

    def link_labels(self, kind: LinkKind | LinkKindName | Term) -> tuple[str, str]:
        """A link kind's label and inverse label: as the first partnership that defines
        it gives them (:meth:`psp.Partnership.link_labels`), else its default."""
        found = term_of(LinkKind, "kind", kind)
        if isinstance(found, Term):
            for p in self.partnerships:
                defined = p.link_kinds_defined.get(found)
                if defined is not None:
                    return defined
        return default_labels(found)

    @property
    def organisations(self) -> Mapping[str, Partner]:
        """Every organisation some partnership knows, by id, in the order first seen."""
        return self._organisations

    def organisation(self, partner_id: str) -> Partner:
        """The organisation with this id; :class:`psp.UnknownReferenceError` if there is none."""
        return portfolio_inputs.organisation(self._organisations, "partner_id", partner_id)

    def partnership(self, partnership_id: str) -> Partnership:
        """The partnership with this id; :class:`psp.UnknownReferenceError` if there is none."""
        return portfolio_inputs.partnership(self.partnerships, "partnership_id", partnership_id)

    def _memberships(self, on: date | None) -> Iterator[tuple[Partnership, Membership]]:
        for p in self.partnerships:
            for m in p.memberships_on(on):
                yield p, m

    def _members(self, on: date | None) -> Iterator[Partner]:
        for p in self.partnerships:
            yield from p.members(on)

    def membership_count(self, on: date | None = None) -> int:
        """How many memberships there are on ``on``: each organisation counts once per
        partnership it sits in (the evaluation's "150 partners", 3.3)."""
        return sum(1 for _ in self._memberships(on))

    def sector_balance(self, on: date | None = None) -> SectorBalance:
        """How the memberships on ``on`` divide between the sectors (3.3: 47% / 53%)."""
        return SectorBalance.of(self._members(on))

    def third_sector_by_reach(self, on: date | None = None) -> dict[Reach | None, int]:
        """Third-sector memberships on ``on`` by the member's reach; every reach is a key,
        and ``None`` counts members whose reach is not recorded (3.3: 39 national,
        31 regional or local)."""
        counts: dict[Reach | None, int] = {**dict.fromkeys(Reach, 0), None: 0}
        for partner in self._members(on):
            if partner.sector is Sector.THIRD:
                counts[partner.reach] += 1
        return counts

    def partnerships_by_public_body_kind(
        self, on: date | None = None
    ) -> dict[PublicBodyKind, tuple[str, ...]]:
        """For every kind of public body, the ids of the partnerships with a member of
        that kind on ``on`` (3.4: CJAs in all 14, local authorities in 12, ...)."""
        result: dict[PublicBodyKind, list[str]] = {k: [] for k in PublicBodyKind}
        for p in self.partnerships:
            for kind in sorted(p.public_body_kinds(on)):
                result[kind].append(p.id)
        return {k: tuple(ids) for k, ids in result.items()}

    def roles_by_partnership(
        self, partner: Partner | str, on: date | None = None
    ) -> dict[str, frozenset[Role]]:
        """The partnerships ``partner`` is a member of on ``on``, each with its roles there."""
        pid = _ref(partner)
        portfolio_inputs.organisation(self._organisations, "partner", pid)
        return {p.id: m.roles for p, m in self._memberships(on) if m.partner_id == pid}

    def shared_members(self, on: date | None = None) -> list[Row]:
        """Organisations in more than one partnership on ``on``, one row per partnership.

        Each row has ``organisation`` (id), ``name``, ``sector``, ``partnership`` (id)
        and ``roles`` (a sorted tuple of role values). Rows follow the organisations
        in the order first seen, then the partnerships in portfolio order.
        """
        by_org: dict[str, list[tuple[str, frozenset[Role]]]] = {}
        for p, m in self._memberships(on):
            by_org.setdefault(m.partner_id, []).append((p.id, m.roles))
        rows: list[Row] = []
        for pid in self._organisations:
            seats = by_org.get(pid, [])
            if len(seats) < 2:
                continue
            partner = self._organisations[pid]
            rows.extend(
                {
                    "organisation": pid,
                    "name": partner.name,
                    "sector": partner.sector.value,
                    "partnership": partnership_id,
                    "roles": _role_values(roles),
                }
                for partnership_id, roles in seats
            )
        return rows

    def competing_bids(self) -> list[Row]:
        """Bids from different partnerships to the same fund and stream (3.40-3.41): one
        row per fund and stream with more than one partnership bidding, with ``fund``,
        ``stream`` and ``bids`` (a tuple of (partnership id, bid id) in portfolio order).
        Withdrawn bids do not compete."""
        groups: dict[tuple[str, str | None], list[tuple[str, str]]] = {}
        for p in self.partnerships:
            for bid in p.bids():
                if bid.fund is not None and bid.status is not BidStatus.WITHDRAWN:
                    groups.setdefault((bid.fund, bid.stream), []).append((p.id, bid.id))
        return [
            {"fund": fund, "stream": stream, "bids": tuple(bids)}
            for (fund, stream), bids in groups.items()
            if len({partnership for partnership, _ in bids}) > 1
        ]

    def in_competing_bids(self, on: date | None = None) -> list[Row]:
        """Organisations that are members, on ``on``, of several partnerships whose bids
        compete with each other, and in which roles (3.41: "organisations were involved in a
        number of competing bids"). One row per organisation and bid: ``organisation``,
        ``name``, ``fund``, ``stream``, ``partnership``, ``bid`` and ``roles``."""
        roles: dict[tuple[str, str], frozenset[Role]] = {
            (p.id, m.partner_id): m.roles for p, m in self._memberships(on)
        }
        rows: list[Row] = []
        for group in self.competing_bids():
            for pid in self._organisations:
                seats = [(ps, b) for ps, b in group["bids"] if (ps, pid) in roles]
                if len({ps for ps, _ in seats}) < 2:
                    continue
                rows.extend(
                    {
                        "organisation": pid,
                        "name": self._organisations[pid].name,
                        "fund": group["fund"],
                        "stream": group["stream"],
                        "partnership": ps,
                        "bid": b,
                        "roles": _role_values(roles[(ps, pid)]),
                    }
                    for ps, b in seats
                )
        return rows

    def areas_of(self, partnership: Partnership | str, on: date | None = None) -> frozenset[str]:
        """The areas a partnership covers on ``on``: its own ``areas`` and those of its
        members (a CJA's area, a council's)."""
        pid = partnership.id if isinstance(partnership, Partnership) else partnership
        p = portfolio_inputs.partnership(self.partnerships, "partnership", pid)
        areas = set(p.areas)
        for member in p.members(on):
            areas |= member.areas
        return frozenset(areas)

    def overlaps(self, on: date | None = None) -> list[Row]:
        """Areas covered by more than one partnership on ``on`` (see :meth:`areas_of`),
        sorted by area: rows of ``area`` and ``partnerships`` (ids, portfolio order)."""
        by_area: dict[str, list[str]] = {}
        for p in self.partnerships:
            for area in self.areas_of(p, on):
                by_area.setdefault(area, []).append(p.id)
        return [
            {"area": area, "partnerships": tuple(ids)}
            for area, ids in sorted(by_area.items())
            if len(ids) > 1
        ]

    def leads(self, on: date | None = None) -> dict[str, Partner | None]:
        """Each partnership's lead on ``on`` (``None`` where it has none), by partnership id."""
        return {p.id: p.lead(on) for p in self.partnerships}

    def with_service_user_partners(self, on: date | None = None) -> tuple[str, ...]:
        """The partnerships with a member that represents service users on ``on``
        (3.3: only one MoU of 14 included service users as a partner)."""
        return tuple(
            p.id
            for p in self.partnerships
            if any(m.represents_service_users for m in p.members(on))
        )

    def composition(self, on: date | None = None) -> list[Row]:
        """One row per partnership on ``on``: ``partnership``, ``name``, ``members``, ``third``,
        ``public``, ``private``, ``third_national``, ``third_regional_or_local``, ``lead`` (a
        name or ``None``), ``lead_sector``, ``public_body_kinds`` (sorted values), ``stage``
        (the stage now, a value), ``lead_size`` (the lead's :class:`psp.Size` value, ``None``
        with no lead or no size recorded) and ``funding_awarded`` (the awarded bids' known
        amounts added up, whole pounds; ``None`` where no awarded bid has an amount)."""
        rows: list[Row] = []
        for p in self.partnerships:
            members = p.members(on)
            balance = SectorBalance.of(members)
            third = [m for m in members if m.sector is Sector.THIRD]
            lead = p.lead(on)
            rows.append(
                {
                    "partnership": p.id,
                    "name": p.name,
                    "members": len(members),
                    "third": balance.third,
                    "public": balance.public,
                    "private": balance.private,
                    "third_national": sum(1 for m in third if m.reach is Reach.NATIONAL),
                    "third_regional_or_local": sum(
                        1 for m in third if m.reach in (Reach.REGIONAL, Reach.LOCAL)
                    ),
                    "lead": None if lead is None else lead.name,
                    "lead_sector": None if lead is None else lead.sector.value,
                    "public_body_kinds": tuple(sorted(k.value for k in p.public_body_kinds(on))),
                    "stage": p.stage.value,
                    "lead_size": None if lead is None or lead.size is None else lead.size.value,
                    "funding_awarded": _awarded(p),
                }
            )
        return rows

    def signatory_balance(self) -> SectorBalance:
        """How the named signatories of every partnership's MoUs (their current
        versions) divide between the sectors (3.5: 111 named, half third sector and
        half public). A person named in two MoUs counts twice."""
        return SectorBalance.of(
            p.organisation(s.partner_id)
            for p in self.partnerships
            for m in p.mous()
            for s in m.signatories
        )

    def unsigned_signatories(self) -> list[Row]:
        """Everyone named to sign an MoU who has not signed its current version (3.9):
        rows of ``partnership``, ``mou``, ``person``, ``organisation`` (id) and
        ``sector``, in portfolio order."""
        return [
            {
                "partnership": p.id,
                "mou": m.id,
                "person": s.person,
                "organisation": s.partner_id,
                "sector": p.organisation(s.partner_id).sector.value,
            }
            for p in self.partnerships
            for m in p.mous()
            for s in m.unsigned()
        ]

    def partnerships_by_proposed_structure(self) -> dict[GovernanceType, tuple[str, ...]]:
        """For every governance type, the ids of the partnerships whose MoUs propose a
        structure of that type (3.16: 7 single tier, 4 two tier, 3 locality based).

        The structures for Years 2 and 3 were proposals in the MoUs, so this reads
        each MoU's ``governance``, not the structure a partnership has adopted
        (:meth:`psp.Partnership.governance`). A partnership whose MoUs propose none
        is under no type; one whose MoUs propose several types is under each.
        """
        result: dict[GovernanceType, list[str]] = {t: [] for t in GovernanceType}
        for p in self.partnerships:
            proposed = {m.governance.type for m in p.mous() if m.governance is not None}
            for t in sorted(proposed):
                result[t].append(p.id)
        return {t: tuple(ids) for t, ids in result.items()}

    def partnerships_by_reimbursement(self) -> dict[ReimbursementStatus, tuple[str, ...]]:
        """For every reimbursement status, the ids of the partnerships where some
        partner's time stands at that status now (3.31: two partnerships reimbursed
        their third-sector partners' time; in another the offer was declined)."""
        result: dict[ReimbursementStatus, list[str]] = {s: [] for s in ReimbursementStatus}
        for p in self.partnerships:
            for status in sorted(set(p.reimbursements().values())):
                result[status].append(p.id)
        return {s: tuple(ids) for s, ids in result.items()}

    def links_on(
        self,
        on: date | None = None,
        kinds: Iterable[LinkKind | LinkKindName | Term] | None = None,
    ) -> tuple[Link, ...]:
        """The portfolio-level links in force on ``on`` (``None``: those not ended),
        optionally only of ``kinds``."""
        wanted = None if kinds is None else terms_of(LinkKind, "kinds", kinds)
        if on is not None:
            _checks.a_date("on", on)
        return tuple(
            k
            for k in self.links
            if (k.period.is_open if on is None else k.period.contains(on))
            and (wanted is None or k.kind in wanted)
        )
