"""The partnership's awarded bids as 360Giving grants: https://standard.threesixtygiving.org/.

The mapping, field by field, is in ``docs/exports.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from psp._aggregate.partnership import Partnership
from psp._base.errors import RuleViolationError
from psp._commissioning.funding import Bid, BidStatus, Fund
from psp._interchange.export_common import check_partnership, check_prefix, joined_id
from psp._partners.organisation import Partner

__all__ = ["to_360giving"]

#: The 360Giving schema version the package declares (major.minor).
_VERSION: Final = "1.4"
#: org-id schemes whose identifier is a charity number, and the company register's.
_CHARITY_SCHEMES: Final = frozenset({"GB-SC", "GB-CHC", "GB-NIC"})
_COMPANY_SCHEME: Final = "GB-COH"
#: A 360Giving publisher prefix: 360G- and the publisher's short name.
_PREFIX: Final = re.compile(r"360G-[A-Za-z0-9][A-Za-z0-9_-]*")
_PREFIX_SHAPE: Final = (
    "must be a 360Giving publisher prefix: 360G- followed by ASCII letters, digits, - "
    "or _, like 360G-example"
)


def _organization(partner: Partner, prefix: str) -> dict[str, Any]:
    # 360Giving: an organisation with no registered identifier gets one made from the
    # publisher's prefix and the publisher's own id for it.
    first = partner.identifiers[0] if partner.identifiers else None
    org: dict[str, Any] = {
        "id": joined_id(prefix, partner.id) if first is None else str(first),
        "name": partner.name,
    }
    for oid in partner.identifiers:
        if oid.scheme in _CHARITY_SCHEMES:
            org.setdefault("charityNumber", oid.identifier)
        elif oid.scheme == _COMPANY_SCHEME:
            org.setdefault("companyNumber", oid.identifier)
    return org


def _award_date(bid: Bid) -> date:
    return bid.decided_on or bid.drafted_on  # an awarded bid always has its decision date


def _funding(p: Partnership, bid: Bid, fund: Fund | None, prefix: str) -> list[dict[str, Any]]:
    """The bid's funder, then (for a recorded fund) the fund's other funders: those with
    a share in the order of its shares, then the rest by id. A funder the partnership
    does not know as an organisation is known by its id alone."""
    ids = [bid.funder]
    if fund is not None:
        ids += [s.funder for s in fund.shares if s.funder != bid.funder]
        ids += sorted(fund.funders.difference(ids))
    known = p.organisations
    return [
        _organization(known[i], prefix) if i in known else {"id": joined_id(prefix, i), "name": i}
        for i in ids
    ]


def _programme(fund_id: str, bid: Bid, fund: Fund | None) -> dict[str, Any]:
    """The bid's fund (and stream) as a grant programme, titled when the fund is recorded."""
    code = fund_id if bid.stream is None else f"{fund_id}/{bid.stream}"
    programme: dict[str, Any] = {"code": code}
    if fund is not None:
        # A fund recorded after the bid may lack the stream the bid names.
        stream = next((s for s in fund.streams if s.id == bid.stream), None)
        programme["title"] = fund.name if stream is None else f"{fund.name}: {stream.name}"
    return programme


def _grant(
    p: Partnership,
    bid: Bid,
    amount: int,
    lead: Partner,
    prefix: str,
    funds: Mapping[str, Fund],
    paid: Mapping[str, int],
) -> dict[str, Any]:
    funder = p.organisation(bid.funder)
    fund = None if bid.fund is None else funds.get(bid.fund)
    purpose = bid.purpose.value
    areas = sorted(bid.areas)
    where = f" It covers {', '.join(areas)}." if areas else ""
    grant: dict[str, Any] = {
        "id": joined_id(prefix, p.id, bid.id),
        "title": f"{purpose.capitalize()} funding: {p.name}",
        "description": (
            f"{purpose.capitalize()} funding from {funder.name} for the {p.name} Public "
            f"Social Partnership, received by its lead, {lead.name}.{where}"
        ),
        "currency": "GBP",
    }
    if bid.amount_asked is not None:
        grant["amountAppliedFor"] = bid.amount_asked
    grant["amountAwarded"] = amount
    if bid.id in paid:
        grant["amountDisbursed"] = paid[bid.id]
    grant["awardDate"] = _award_date(bid).isoformat()
    grant["recipientOrganization"] = [_organization(lead, prefix)]
    grant["fundingOrganization"] = _funding(p, bid, fund, prefix)
    if bid.fund is not None:
        grant["grantProgramme"] = [_programme(bid.fund, bid, fund)]
    if areas:
        grant["beneficiaryLocation"] = [{"name": area} for area in areas]
    grant["classifications"] = [
        {"vocabulary": "psp-funding-purpose", "code": purpose, "title": f"{purpose} funding"}
    ]
    return grant


def to_360giving(partnership: Partnership, *, publisher_prefix: str) -> dict[str, Any]:
    """The partnership's awarded bids as a 360Giving 1.4 grants package (plain dicts).

    Each awarded development, pilot or delivery bid becomes one grant, in the order the
    bids were drafted: its ``id`` is ``{publisher_prefix}-{partnership id}.{bid id}``
    (each id written in unreserved ASCII characters, ``bid 1`` as ``bid~201``, so
    different partnership and bid ids never share a grant id), its amount the amount
    awarded (pounds sterling), what was paid on it (the payments made, when any are
    recorded), its award date the day the bid was decided, its recipient the
    partnership's lead on that day and its funder the bid's funder, followed, for a
    bid to a fund the partnership recorded, by the fund's other funders (its
    programme then titled by the fund's and stream's names).
    Organisations are identified by their first org-id identifier, or by
    ``{publisher_prefix}-{organisation id}`` (written the same way) when they have
    none, as 360Giving asks. ``docs/exports.md`` maps every field.

    An awarded bid whose amount is not known, or that was awarded on a day the
    partnership had no lead, cannot be a 360Giving grant (``amountAwarded`` and
    ``recipientOrganization`` are required): it is left out.

    Args:
        partnership: The partnership whose bids to export.
        publisher_prefix: The publisher's 360Giving prefix, like ``360G-example``:
            ``360G-`` followed by ASCII letters, digits, ``-`` or ``_``.

    Returns:
        ``{"grants": [...], "version": "1.4"}``: a package that validates against
        360Giving's ``360-giving-package-schema.json``.

    Raises:
        InvalidValueError: ``partnership`` is not a partnership, or the prefix is not
            a 360Giving prefix.
        RuleViolationError: No bid can be exported (a package holds at least one
            grant); the reason names each awarded bid that was left out, and why.

    >>> from datetime import date
    >>> import psp
    >>> p = psp.Partnership("demo", "Demo PSP").join(
    ...     psp.Partner("a", "A charity", "third"), roles={"lead"}, on=date(2012, 4, 1)
    ... )
    >>> psp.to_360giving(p, publisher_prefix="360G-demo")
    Traceback (most recent call last):
      ...
    psp.RuleViolationError: partnership: has no awarded bid to publish as a grant (got 'demo')
    """
    p = check_partnership(partnership)
    prefix = check_prefix("publisher_prefix", publisher_prefix, _PREFIX, _PREFIX_SHAPE)
    funds = {f.id: f for f in p.funds()}
    paid: dict[str, int] = {}
    for payment in p.payments():
        paid[payment.bid_id] = paid.get(payment.bid_id, 0) + payment.amount
    grants = []
    left_out = []
    for bid in p.bids():
        if bid.status is not BidStatus.AWARDED:
            continue
        lead = p.lead(_award_date(bid))
        if bid.amount_awarded is None:
            left_out.append(f"{bid.id} has no amount awarded")
        elif lead is None:
            left_out.append(f"{bid.id} was awarded on a day the partnership had no lead")
        else:
            grants.append(_grant(p, bid, bid.amount_awarded, lead, prefix, funds, paid))
    if not grants:
        why = f": {'; '.join(left_out)}" if left_out else ""
        raise RuleViolationError(
            "partnership",
            p.id,
            f"has no awarded bid to publish as a grant{why}",
            code="nothing-to-export",
        )
    return {"grants": grants, "version": _VERSION}
