"""The partnership's service as Open Referral HSDS 3.0 records: https://docs.openreferral.org/.

The mapping, field by field, is in ``docs/exports.md``.
"""

from __future__ import annotations

from typing import Any, Final

from psp._aggregate.events import TenderAwarded
from psp._aggregate.partnership import Partnership
from psp._base.errors import RuleViolationError
from psp._base.scope import Focus
from psp._base.vocabulary import Term, term_label
from psp._commissioning.funding import BidStatus
from psp._interchange.export_common import (
    DEFAULT_BASE,
    check_base,
    check_partnership,
    events_of,
    organisation_iri,
    organisation_summary,
    partnership_iri,
    pilot_started,
    role_phrase,
    scheme_name,
    segment,
    uuid5,
)
from psp._lifecycle.stages import Stage
from psp._partners.organisation import Partner

__all__ = ["to_hsds"]

#: Stages in which the piloted or commissioned service runs.
_RUNNING: Final = frozenset(
    {Stage.PILOT, Stage.REVIEW, Stage.CONTINUED_PILOT, Stage.COMMISSIONED, Stage.GRANT_FUNDED}
)

_FOR_WHOM: Final = {
    Focus.PRISON_LEAVERS: "people leaving prison",
    Focus.REMAND: "people held on remand",
    Focus.COMMUNITY_SENTENCES: "people serving community sentences",
    Focus.WOMEN: "women who offend",
    Focus.SUBSTANCE_USE: "people whose offending is linked to drugs or alcohol",
}


def _pounds(amount: int | None) -> str:
    return "" if amount is None else f", £{amount:,}"


def _provider(p: Partnership) -> Partner | None:
    """Who delivers the service: the winner of the last tender awarded, once the
    partnership is commissioned; otherwise the lead now, or the lead when the pilot
    started."""
    # A policy may commission without a tender (Policy.tender_before_commissioning).
    awarded = list(events_of(p, TenderAwarded)) if p.stage is Stage.COMMISSIONED else []
    if awarded:
        return p.organisation(awarded[-1].provider)
    started = pilot_started(p)
    return p.lead() or (None if started is None else p.lead(started))


def _organization(
    base: str, p: Partnership, partner: Partner, provider: Partner | None
) -> dict[str, Any]:
    iri = organisation_iri(base, partner.id)
    oid = uuid5(iri)
    roles = p.roles_of(partner)
    if roles:
        part = f"{role_phrase(roles).capitalize()} in the {p.name} Public Social Partnership."
    elif partner == provider:
        part = f"Provides the service of the {p.name} Public Social Partnership."
    else:
        part = f"Takes part in the {p.name} Public Social Partnership."
    record: dict[str, Any] = {
        "id": oid,
        "name": partner.name,
        "description": f"{organisation_summary(partner)} {part}",
        "uri": iri,
    }
    if partner.part_of is not None:
        record["parent_organization_id"] = uuid5(organisation_iri(base, partner.part_of))
    if partner.identifiers:
        record["organization_identifiers"] = [
            {
                "id": uuid5(f"{iri}/identifier/{segment(str(i))}"),
                "organization_id": oid,
                "identifier_scheme": i.scheme,
                "identifier_type": scheme_name(i.scheme),
                "identifier": i.identifier,
            }
            for i in partner.identifiers
        ]
    return record


def _funding(base: str, p: Partnership, service_id: str) -> list[dict[str, Any]]:
    whole = partnership_iri(base, p)
    funding = []
    for bid in p.bids():
        if bid.status is BidStatus.AWARDED:
            funder = p.organisation(bid.funder).name
            funding.append(
                {
                    "id": uuid5(f"{whole}/bid/{segment(bid.id)}"),
                    "service_id": service_id,
                    "source": f"{funder}: {bid.purpose.value} funding{_pounds(bid.amount_awarded)}",
                }
            )
    if p.stage is Stage.COMMISSIONED:
        for e in events_of(p, TenderAwarded):
            t = next(t for t in p.tenders() if t.id == e.tender_id)
            commissioner = p.organisation(t.commissioner).name
            funding.append(
                {
                    "id": uuid5(f"{whole}/tender/{segment(t.id)}"),
                    "service_id": service_id,
                    "source": f"{commissioner}: commissioned by tender "
                    f"({t.title}){_pounds(t.awarded_value)}",
                }
            )
    return funding


def to_hsds(partnership: Partnership, *, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The piloted or commissioned service as Open Referral HSDS 3.0 records.

    ``service`` is an HSDS ``service`` record (it validates against HSDS 3.0's compiled
    ``service.json``), with the organisation that delivers it nested as
    ``organization``: the winner of the tender once the partnership is commissioned,
    otherwise its lead. ``organizations`` holds an HSDS ``organization`` record
    (``organization.json``) for that organisation and for every member, since HSDS
    gives a service one organisation only. Every ``id`` is a version 5 UUID of the
    IRI :func:`psp.to_org_jsonld` gives the same thing, so exports are stable and the
    same organisation has the same id in every partnership. ``docs/exports.md`` maps
    every field.

    Args:
        partnership: A partnership whose pilot has started.
        base: The IRI base the UUIDs are derived from (see :func:`psp.to_org_jsonld`).

    Returns:
        ``{"service": {...}, "organizations": [...]}``; organizations list the
        provider first, then the members now, in the order of
        :meth:`psp.Partnership.members`.

    Raises:
        InvalidValueError: ``partnership`` is not a partnership, or ``base`` is not
            an absolute IRI ending with ``/``, ``#`` or ``:``.
        RuleViolationError: The partnership has no service yet: its pilot never started.

    >>> import psp
    >>> psp.to_hsds(psp.Partnership("demo", "Demo PSP"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    psp.RuleViolationError: partnership: has no piloted or commissioned service yet: ...
    """
    p = check_partnership(partnership)
    root = check_base(base)
    if pilot_started(p) is None:
        raise RuleViolationError(
            "partnership",
            p.id,
            f"has no piloted or commissioned service yet: it is in the {p.stage.value} stage",
            code="nothing-to-export",
        )
    service_id = uuid5(f"{partnership_iri(root, p)}/service")
    provider = _provider(p)
    service: dict[str, Any] = {"id": service_id, "name": p.name}
    design = p.service_design
    if design is not None:
        parts = "; ".join(design.components)
        service["description"] = design.summary + (f". Components: {parts}." if parts else "")
    elif p.description:
        service["description"] = p.description
    # The service runs through the pilot and after it; a closed partnership's is defunct.
    service["status"] = "active" if p.stage in _RUNNING else "defunct"
    for_whom = [_FOR_WHOM[f] for f in Focus if f in p.focus and f in _FOR_WHOM]
    # A focus of your own, by its name in words: acme:young-adults, "young adults".
    for_whom += sorted(term_label(f) for f in p.focus if isinstance(f, Term))
    if for_whom:
        service["eligibility_description"] = f"For {'; '.join(for_whom)}."
    organizations = [] if provider is None else [_organization(root, p, provider, provider)]
    organizations += [_organization(root, p, m, provider) for m in p.members() if m != provider]
    if provider is not None:
        service["organization_id"] = organizations[0]["id"]
        service["organization"] = organizations[0]
    if p.areas:
        service["service_areas"] = [
            {
                "id": uuid5(f"{partnership_iri(root, p)}/service/area/{segment(area)}"),
                "service_id": service_id,
                "name": area,
            }
            for area in sorted(p.areas)
        ]
    funding = _funding(root, p, service_id)
    if funding:
        service["funding"] = funding
    return {"service": service, "organizations": organizations}
