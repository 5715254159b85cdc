"""The partnership as W3C ORG linked data (JSON-LD): https://www.w3.org/TR/vocab-org/.

The mapping, field by field, is in ``docs/exports.md``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from psp._aggregate.partnership import Partnership
from psp._base.identifiers import OrgId
from psp._base.roles import Role
from psp._base.scope import Focus
from psp._base.vocabulary import Term, term_label
from psp._interchange.export_common import (
    DEFAULT_BASE,
    check_base,
    check_partnership,
    organisation_iri,
    partnership_iri,
    scheme_name,
    segment,
)
from psp._partners.membership import Membership
from psp._partners.organisation import Partner, PublicBodyKind, Sector, ThirdSectorKind

__all__ = ["to_org_jsonld"]

_CONTEXT: Final = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: org-id.guide's page for a list; it names the identifier scheme as a datatype.
_ORG_ID_LIST: Final = "https://org-id.guide/list/"

#: The concept schemes psp publishes: (path under the base, label, the enum).
_SCHEMES: Final[tuple[tuple[str, str, type[enum.Enum]], ...]] = (
    ("role", "Roles of the members of a Public Social Partnership", Role),
    ("sector", "Sectors of organisations", Sector),
    ("public-body-kind", "Kinds of public body", PublicBodyKind),
    ("third-sector-kind", "Kinds of third-sector organisation", ThirdSectorKind),
    ("focus", "Whom a Public Social Partnership's service is for", Focus),
)
_SCHEME_OF: Final = {cls: path for path, _, cls in _SCHEMES}

_ROLE_DEFINITIONS: Final = {
    Role.LEAD: "Drives the partnership.",
    Role.PROVIDER: "Delivers the service to its users.",
    Role.REFERRAL: "Refers service users in.",
    Role.SUPPORT: "Provides complementary or onward-referral services.",
    Role.STRATEGIC: "Links the partnership to the justice system; a potential commissioner.",
}


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _instant(day: date) -> dict[str, Any]:
    return {
        "@type": "time:Instant",
        "time:inXSDDate": {"@value": day.isoformat(), "@type": "xsd:date"},
    }


def _concept_iri(base: str, member: enum.Enum | Term) -> str:
    if isinstance(member, Term):  # a focus of your own
        return f"{base}focus/{segment(str.__str__(member))}"
    return f"{base}{_SCHEME_OF[type(member)]}/{segment(str(member.value))}"


def _own_terms(values: frozenset[Focus | Term]) -> list[Term]:
    return sorted(v for v in values if isinstance(v, Term))


def _identifier(oid: OrgId) -> dict[str, Any]:
    return {
        "@type": "adms:Identifier",
        "skos:notation": {"@value": oid.identifier, "@type": f"{_ORG_ID_LIST}{oid.scheme}"},
        "adms:schemeAgency": scheme_name(oid.scheme),
    }


def _organisation(base: str, partner: Partner, memberships: list[str]) -> dict[str, Any]:
    # An organisation with a registered identifier is recognised in law: a formal one.
    kind = "org:FormalOrganization" if partner.identifiers else "org:Organization"
    node: dict[str, Any] = {
        "@id": organisation_iri(base, partner.id),
        "@type": kind,
        "skos:prefLabel": partner.name,
        "dcterms:identifier": partner.id,
    }
    if partner.identifiers:
        node["org:identifier"] = [str(oid) for oid in partner.identifiers]
        node["adms:identifier"] = [_identifier(oid) for oid in partner.identifiers]
    classes = [partner.sector, partner.public_body_kind or partner.third_sector_kind]
    node["org:classification"] = [_ref(_concept_iri(base, c)) for c in classes if c is not None]
    if partner.part_of is not None:  # always an organisation the partnership knows
        node["org:subOrganizationOf"] = _ref(organisation_iri(base, partner.part_of))
    if memberships:
        node["org:hasMembership"] = [_ref(m) for m in memberships]
    return node


def _membership(iri: str, base: str, whole: str, m: Membership) -> dict[str, Any]:
    interval: dict[str, Any] = {
        "@type": "time:Interval",
        "time:hasBeginning": _instant(m.period.start),
    }
    if m.period.end is not None:
        interval["time:hasEnd"] = _instant(m.period.end)
    node: dict[str, Any] = {
        "@id": iri,
        "@type": "org:Membership",
        "org:member": _ref(organisation_iri(base, m.partner_id)),
        "org:organization": _ref(whole),
    }
    if m.roles:
        node["org:role"] = [_ref(_concept_iri(base, r)) for r in Role if r in m.roles]
    node["org:memberDuring"] = interval
    return node


def _scheme(
    base: str, path: str, title: str, cls: type[enum.Enum], own: Sequence[Term] = ()
) -> list[dict[str, Any]]:
    """The concept scheme of ``cls``, with the terms of your own ``own`` after its members."""
    scheme_iri = f"{base}{path}"
    values: list[enum.Enum | Term] = [*cls, *own]
    concepts = [_concept_iri(base, member) for member in values]
    nodes: list[dict[str, Any]] = [
        {
            "@id": scheme_iri,
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": title,
            "skos:hasTopConcept": [_ref(c) for c in concepts],
        }
    ]
    for member, iri in zip(values, concepts, strict=True):
        node: dict[str, Any] = {
            "@id": iri,
            "@type": ["org:Role", "skos:Concept"] if cls is Role else "skos:Concept",
            "skos:prefLabel": term_label(member),
            "skos:notation": str.__str__(member) if isinstance(member, Term) else str(member.value),
            "skos:inScheme": _ref(scheme_iri),
            "skos:topConceptOf": _ref(scheme_iri),
        }
        if isinstance(member, Role):
            node["skos:definition"] = _ROLE_DEFINITIONS[member]
        nodes.append(node)
    return nodes


def to_org_jsonld(partnership: Partnership, *, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The partnership as W3C ORG linked data: a JSON-LD document (plain dicts).

    The partnership is an ``org:OrganizationalCollaboration``; each span of membership
    (:attr:`psp.Partnership.memberships`) an ``org:Membership`` with its roles
    (``org:role``) and dates (``org:memberDuring``, a ``time:Interval``); every
    organisation the partnership knows an ``org:Organization`` (an
    ``org:FormalOrganization`` when it has an org-id identifier, given as
    ``org:identifier`` and ``adms:identifier``). Roles, sectors, organisation kinds and
    focuses are SKOS concept schemes (a focus of your own, a :class:`psp.Term`, is a
    concept of the focus scheme too). ``docs/exports.md`` maps every field.

    Args:
        partnership: The partnership to export.
        base: The IRI every minted IRI starts with (``{base}partnership/{id}``,
            ``{base}organisation/{id}``, ``{base}role/lead``); it ends with ``/``, ``#``
            or ``:``. The default, ``urn:psp:``, is a placeholder: publish with your own.

    Returns:
        ``{"@context": ..., "@graph": [...]}``: the partnership, then the organisations
        in the order the partnership came to know them, then the memberships in the
        order they began, then the concept schemes, each followed by its concepts.

    Raises:
        InvalidValueError: ``partnership`` is not a partnership, or ``base`` is not an
            absolute IRI ending with ``/``, ``#`` or ``:``.

    >>> from datetime import date
    >>> import psp
    >>> p = psp.Partnership("demo", "Demo PSP").join(
    ...     psp.Partner("a", "A charity", "third"), roles={"lead"}, on=date(2012, 4, 1)
    ... )
    >>> doc = psp.to_org_jsonld(p, base="https://example.org/")
    >>> doc["@graph"][0]["@type"], doc["@graph"][2]["org:role"]
    ('org:OrganizationalCollaboration', [{'@id': 'https://example.org/role/lead'}])
    """
    p = check_partnership(partnership)
    root = check_base(base)
    whole = partnership_iri(root, p)
    by_partner: dict[str, list[str]] = {}
    memberships = []
    for i, m in enumerate(p.memberships, start=1):
        iri = f"{whole}/membership/{i}"
        by_partner.setdefault(m.partner_id, []).append(iri)
        memberships.append(_membership(iri, root, whole, m))

    node: dict[str, Any] = {
        "@id": whole,
        "@type": "org:OrganizationalCollaboration",
        "skos:prefLabel": p.name,
        "dcterms:identifier": p.id,
    }
    if p.description:
        node["dcterms:description"] = p.description
    if p.focus:
        purposes: list[Focus | Term] = [*(f for f in Focus if f in p.focus)]
        purposes += _own_terms(p.focus)
        node["org:purpose"] = [_ref(_concept_iri(root, f)) for f in purposes]
    if p.areas:
        node["dcterms:spatial"] = [
            {"@type": "dcterms:Location", "rdfs:label": area} for area in sorted(p.areas)
        ]
    members_now = [organisation_iri(root, m.id) for m in p.members()]
    if members_now:
        node["org:hasMember"] = [_ref(iri) for iri in members_now]

    graph: list[dict[str, Any]] = [node]
    graph += [_organisation(root, o, by_partner.get(o.id, [])) for o in p.organisations.values()]
    graph += memberships
    for path, title, cls in _SCHEMES:
        graph += _scheme(root, path, title, cls, _own_terms(p.focus) if cls is Focus else ())
    return {"@context": dict(_CONTEXT), "@graph": graph}
