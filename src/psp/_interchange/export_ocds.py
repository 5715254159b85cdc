"""The commissioning tender as an Open Contracting (OCDS 1.1) release:
https://standard.open-contracting.org/1.1/.

The mapping, field by field, is in ``docs/exports.md``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Final

from psp._aggregate.events import (
    BaselineRecorded,
    CommitmentGiven,
    ConsultationHeld,
    DesignApproved,
    Event,
    LogicModelAgreed,
    MeetingHeld,
    ServiceDesignAgreed,
    StepTaken,
    TenderAwarded,
    TenderEnded,
    TenderOpened,
    TenderPlanned,
    TenderReceived,
)
from psp._aggregate.partnership import Partnership
from psp._base.errors import UnknownReferenceError
from psp._commissioning.commitments import CommitmentStatus
from psp._commissioning.tender import Tender, TenderStatus
from psp._governing.meetings import MeetingKind
from psp._interchange.export_common import (
    check_partnership,
    check_prefix,
    joined_id,
    label,
    midnight,
    pilot_started,
    timestamp,
)
from psp._lifecycle.stages import Step
from psp._partners.organisation import Partner

__all__ = ["to_ocds"]

_TENDER_STATUS: Final = {
    TenderStatus.PLANNED: "planned",
    TenderStatus.ACTIVE: "active",
    TenderStatus.AWARDED: "complete",
    TenderStatus.CANCELLED: "cancelled",
    TenderStatus.UNSUCCESSFUL: "unsuccessful",
}
#: The order of a party's roles (OCDS partyRole codes).
_ROLE_ORDER: Final = (
    "buyer",
    "procuringEntity",
    "funder",
    "tenderer",
    "supplier",
    "payer",
    "payee",
)
_STEP_MILESTONES: Final = {
    Step.START_DESIGN: ("preProcurement", "Co-design began"),
    Step.START_PILOT: ("preProcurement", "The pilot began"),
    Step.START_REVIEW: ("assessment", "The pilot's review began"),
    Step.CONTINUE_PILOT: ("assessment", "The pilot was continued after its review"),
}
_ENGAGEMENT_MEETINGS: Final = frozenset({MeetingKind.WORKSHOP, MeetingKind.LAUNCH_EVENT})
_BY_TENDER_ID: Final = (TenderOpened, TenderReceived, TenderAwarded, TenderEnded)
#: An ocid prefix: the issuer, ``ocds``, and six random lowercase letters or digits.
_OCID_PREFIX: Final = re.compile(r"ocds-[a-z0-9]{6}")
_OCID_PREFIX_SHAPE: Final = (
    "must be an OCDS ocid prefix: ocds- followed by six lowercase letters or digits, "
    "like ocds-a1b2c3"
)


def _milestone(p: Partnership, e: Event) -> tuple[str, str, str] | None:
    """(type, title, description) of an event of the design and pilot, or None."""
    if isinstance(e, StepTaken) and e.step in _STEP_MILESTONES:
        kind, title = _STEP_MILESTONES[e.step]
        return kind, title, ""
    if isinstance(e, BaselineRecorded):
        b = e.baseline
        unit = "" if b.unit is None else f" {b.unit}"
        return "preProcurement", "Baseline recorded", f"{b.name}: {b.value:g}{unit}"
    if isinstance(e, ConsultationHeld):
        c = e.consultation
        return "engagement", f"Service users consulted ({label(c.kind)})", c.summary
    if isinstance(e, MeetingHeld) and e.meeting.kind in _ENGAGEMENT_MEETINGS:
        return "engagement", label(e.meeting.kind).capitalize(), "; ".join(e.meeting.decisions)
    if isinstance(e, LogicModelAgreed):
        return "preProcurement", "Logic model agreed", "; ".join(e.model.outcomes)
    if isinstance(e, ServiceDesignAgreed):
        return "preProcurement", "Service design agreed", e.design.summary
    if isinstance(e, DesignApproved):
        funder = p.organisation(e.funder).name
        return "approval", f"Service design approved by {funder}", ""
    if isinstance(e, CommitmentGiven):
        by = p.organisation(p.commitment(e.commitment_id).by).name
        return "financing", f"Sustainability commitment given by {by}", ""
    return None


def _milestones(p: Partnership) -> list[dict[str, Any]]:
    milestones: list[dict[str, Any]] = []
    for e in p.history:
        found = _milestone(p, e)
        if found is None:
            continue
        kind, title, description = found
        m: dict[str, Any] = {"id": str(len(milestones) + 1), "title": title, "type": kind}
        if description:
            m["description"] = description
        m["dateMet"] = midnight(e.meeting.on if isinstance(e, MeetingHeld) else e.on)
        m["status"] = "met"
        milestones.append(m)
    return milestones


def _about(e: Event, tender_id: str) -> bool:
    if isinstance(e, TenderPlanned):
        return e.tender.id == tender_id
    return isinstance(e, _BY_TENDER_ID) and e.tender_id == tender_id


def _tender_events(p: Partnership, tender_id: str) -> list[Event]:
    return [e for e in p.history if _about(e, tender_id)]


def _party(partner: Partner, roles: list[str]) -> dict[str, Any]:
    party: dict[str, Any] = {"id": partner.id, "name": partner.name}
    if partner.identifiers:
        first, *rest = partner.identifiers
        party["identifier"] = {
            "scheme": first.scheme,
            "id": first.identifier,
            "legalName": partner.name,
        }
        if rest:
            party["additionalIdentifiers"] = [
                {"scheme": i.scheme, "id": i.identifier} for i in rest
            ]
    party["roles"] = [r for r in _ROLE_ORDER if r in roles]
    return party


def _parties(p: Partnership, tender: Tender) -> list[dict[str, Any]]:
    roles: dict[str, list[str]] = {tender.commissioner: ["buyer", "procuringEntity"]}
    for c in p.commitments():
        if c.status in (CommitmentStatus.GIVEN, CommitmentStatus.CONDITIONS_MET):
            roles.setdefault(c.by, []).append("funder")
    for tenderer in tender.tenderers:
        roles.setdefault(tenderer, []).append("tenderer")
    if tender.awarded_to is not None:
        roles[tender.awarded_to].append("supplier")
        if p.contract_payments(tender.id):
            roles[tender.commissioner].append("payer")
            roles[tender.awarded_to].append("payee")
    return [_party(p.organisation(pid), held) for pid, held in roles.items()]


def _ref(partner: Partner) -> dict[str, str]:
    return {"id": partner.id, "name": partner.name}


def _value(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "GBP"}


def _contract(p: Partnership, tender: Tender, award: dict[str, Any]) -> dict[str, Any]:
    """The contract of the award: psp records no signature apart from the award, so it
    is signed, and in force, from the day of the award. Its ``implementation`` holds a
    transaction for each payment made under it, from the commissioner to the supplier;
    psp records no milestone of a contract, so it has none."""
    contract: dict[str, Any] = {
        "id": f"{tender.id}-contract",
        "awardID": award["id"],
        "title": tender.title,
        "status": "active",
    }
    if tender.awarded_value is not None:
        contract["value"] = _value(tender.awarded_value)
    contract["dateSigned"] = award["date"]
    paid = p.contract_payments(tender.id)
    if paid:
        payer = _ref(p.organisation(tender.commissioner))
        payee = _ref(p.organisation(award["suppliers"][0]["id"]))
        contract["implementation"] = {
            "transactions": [
                {
                    "id": m.id,
                    "date": midnight(m.paid_on),
                    "value": _value(m.amount),
                    "payer": payer,
                    "payee": payee,
                }
                for m in paid
            ]
        }
    return contract


def to_ocds(
    partnership: Partnership,
    tender_id: str,
    *,
    ocid_prefix: str,
    published: date | datetime,
) -> dict[str, Any]:
    """The partnership's commissioning tender as an OCDS 1.1 release (plain dicts).

    The release holds the contracting process as it stands: ``planning`` with a
    milestone for each step of the co-design and pilot (evidence, consultations of
    service users, workshops and the launch, the logic model, the service design and
    its approvals, sustainability commitments, the lifecycle's steps), the ``tender``
    (open to every provider), its ``award`` and the award's ``contract`` once awarded,
    with its ``implementation``'s transactions once paid under it
    (:meth:`psp.Partnership.record_contract_payment`), the ``parties`` with their
    roles, and the pilot as a related process. ``docs/exports.md`` maps every field.

    Args:
        partnership: The partnership that planned the tender.
        tender_id: The tender to export.
        ocid_prefix: The publisher's registered ocid prefix, like ``ocds-213czf``.
            The ocid is ``{ocid_prefix}-{partnership id}.{tender id}``, each id written
            in unreserved ASCII characters (``lot#1`` as ``lot~231``), so different
            partnership and tender ids never share an ocid. The release's ``id`` is
            the number of events in the history and the release's date
            (``{events}-{date}``): another event, or another date, is another release.
        published: The release's date: a date (midnight UTC) or a timezone-aware
            datetime. psp reads no clock; the caller says when it publishes.

    Returns:
        One release, valid against OCDS 1.1.5's ``release-schema.json``; wrap it in a
        release package (``uri``, ``publisher``, ``publishedDate``, ``version``) to
        publish it.

    Raises:
        InvalidValueError: ``partnership`` is not a partnership, the prefix is not
            ``ocds-`` followed by six lowercase letters or digits, or ``published`` is
            neither a date nor an aware datetime.
        UnknownReferenceError: The partnership has no tender ``tender_id``.

    >>> from datetime import date
    >>> import psp
    >>> p = psp.Partnership("demo", "Demo PSP")
    >>> psp.to_ocds(p, "t1", ocid_prefix="ocds-a1b2c3", published=date(2015, 1, 1))
    Traceback (most recent call last):
      ...
    psp.UnknownReferenceError: tender_id: is not a tender of this partnership (got 't1')
    """
    p = check_partnership(partnership)
    prefix = check_prefix("ocid_prefix", ocid_prefix, _OCID_PREFIX, _OCID_PREFIX_SHAPE)
    when = timestamp("published", published)
    tender = next((t for t in p.tenders() if t.id == tender_id), None)
    if tender is None:
        raise UnknownReferenceError(
            "tender_id", tender_id, "is not a tender of this partnership", code="unknown-tender"
        )
    events = _tender_events(p, tender.id)
    commissioner = p.organisation(tender.commissioner)

    tags = ["planning"]
    if tender.status is not TenderStatus.PLANNED:
        tags.append("tenderCancellation" if tender.status is TenderStatus.CANCELLED else "tender")
    if tender.status is TenderStatus.AWARDED:
        tags += ["award", "contract"]
        if p.contract_payments(tender.id):
            tags.append("implementation")

    planning: dict[str, Any] = {
        "rationale": (
            f"Commissioning the service co-designed and piloted by the {p.name} Public "
            f"Social Partnership." + (f" {p.description}" if p.description else "")
        ),
        "milestones": _milestones(p),
    }
    section: dict[str, Any] = {
        "id": tender.id,
        "title": tender.title,
        "status": _TENDER_STATUS[tender.status],
        "procuringEntity": _ref(commissioner),
    }
    if p.service_design is not None and p.service_design.summary:
        section["description"] = p.service_design.summary
    if tender.value is not None:
        section["value"] = _value(tender.value)
    section["procurementMethod"] = "open"
    section["procurementMethodDetails"] = "Competitive tender that every provider can bid for"
    section["mainProcurementCategory"] = "services"
    opened = next((e.on for e in events if isinstance(e, TenderOpened)), None)
    if opened is not None:
        section["tenderPeriod"] = {"startDate": midnight(opened)}
        section["numberOfTenderers"] = len(tender.tenderers)
        if tender.tenderers:  # OCDS's data review reports an empty list as an empty field
            section["tenderers"] = [_ref(p.organisation(t)) for t in tender.tenderers]

    release: dict[str, Any] = {
        "ocid": joined_id(prefix, p.id, tender.id),
        # Everything in the release follows from the history and the date: after another
        # event, or on another date, it is another release, with another id.
        "id": f"{len(p.history)}-{when}",
        "date": when,
        "tag": tags,
        "initiationType": "tender",
        "parties": _parties(p, tender),
        "buyer": _ref(commissioner),
        "planning": planning,
        "tender": section,
    }
    if tender.awarded_to is not None:
        award_on = next(e.on for e in events if isinstance(e, TenderAwarded))
        award: dict[str, Any] = {
            "id": f"{tender.id}-award",
            "status": "active",
            "date": midnight(award_on),
        }
        if tender.awarded_value is not None:
            award["value"] = _value(tender.awarded_value)
        award["suppliers"] = [_ref(p.organisation(tender.awarded_to))]
        release["awards"] = [award]
        release["contracts"] = [_contract(p, tender, award)]
    started = pilot_started(p)
    if started is not None:
        release["relatedProcesses"] = [
            {
                "id": "pilot",
                "relationship": ["planning"],
                "title": f"The pilot of the {p.name} Public Social Partnership's service, "
                f"from {started.isoformat()}",
            }
        ]
    release["language"] = "en"
    return release
