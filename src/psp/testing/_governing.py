"""Governance, meetings and the MoU: the ``cadences``, ``governance_structures`` and
``mous`` strategies, and the steps of a history that adopt a structure, hold meetings
and draft, sign and amend MoUs, with the fix for a lifecycle step's MoU guard."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._governing.meetings import Attendance, Meeting, MeetingKind
from psp._governing.mou import Clause, ClauseSubject, MoU, PartnershipValue, Signatory
from psp._governing.structure import (
    Cadence,
    CadenceUnit,
    DecisionStyle,
    Firmness,
    GovernanceStructure,
    GovernanceType,
    Group,
    GroupTier,
    Responsibility,
)
from psp._partners.organisation import Partner
from psp.testing._values import _AREAS, _NAMES, _TITLES, _WORDS

_PEOPLE_NAMES = st.sampled_from(
    ["Alex Reid", "Morag Kerr", "Sam Patel", "Jo Byrne", "Ewan Grant", "Priya Shah", "Liam Doyle"]
)
_CADENCE_UNITS = st.sampled_from(CadenceUnit)
_RESPONSIBILITY_SETS = st.frozensets(st.sampled_from(Responsibility))
_DECISION_STYLES = st.none() | st.sampled_from(DecisionStyle)
_FLAGS = st.none() | st.booleans()


@st.composite
def _cadence(draw: st.DrawFn) -> Cadence:
    every = draw(st.integers(1, 8))
    up_to = draw(st.none() | st.integers(every, every + 4))
    return Cadence(every, draw(_CADENCE_UNITS), up_to)


def cadences() -> st.SearchStrategy[Cadence]:
    """Meeting cadences: every n weeks or months, or every n to m."""
    return _cadence()


@st.composite
def _group(
    draw: st.DrawFn, group_id: str, tier: GroupTier, seats: Sequence[str], reports_to: str | None
) -> Group:
    members = draw(st.frozensets(st.sampled_from(seats), max_size=6)) if seats else frozenset()
    chairs = draw(st.frozensets(st.sampled_from(sorted(members)), max_size=2)) if members else ()
    return Group(
        group_id,
        f"{tier.value.title()} group {group_id}",
        tier,
        members=members,
        chairs=chairs,
        responsibilities=draw(_RESPONSIBILITY_SETS),
        reports_to=reports_to,
        cadence=draw(st.none() | _cadence()),
        minuted=draw(_FLAGS),
        firm_agenda=draw(_FLAGS),
        decision_style=draw(_DECISION_STYLES),
        area=draw(st.none() | st.sampled_from(_AREAS)) if tier is GroupTier.LOCAL else None,
    )


@st.composite
def _structure(draw: st.DrawFn, seats: Sequence[str]) -> GovernanceStructure:
    kind = draw(st.sampled_from(GovernanceType))
    working = [
        draw(_group(f"wg{i}", GroupTier.WORKING, seats, None))
        for i in range(draw(st.integers(0, 1)))
    ]
    if kind is GovernanceType.SINGLE_TIER:
        groups = [draw(_group("gg", GroupTier.GOVERNANCE, seats, None))]
    elif kind is GovernanceType.TWO_TIER:
        groups = [draw(_group("strategic", GroupTier.STRATEGIC, seats, None))]
        groups += [
            draw(_group(f"ops{i}", GroupTier.OPERATIONAL, seats, "strategic"))
            for i in range(draw(st.integers(1, 2)))
        ]
    else:
        groups = [draw(_group("gg", GroupTier.GOVERNANCE, seats, None))]
        groups += [
            draw(_group(f"local{i}", GroupTier.LOCAL, seats, "gg"))
            for i in range(draw(st.integers(1, 3)))
        ]
    return GovernanceStructure(kind, groups + working, firmness=draw(st.sampled_from(Firmness)))


def governance_structures(
    seats: Sequence[str] = ("a", "b", "c", "d"),
) -> st.SearchStrategy[GovernanceStructure]:
    """Valid structures of every type, whose groups seat organisations from ``seats``."""
    return _structure(tuple(seats))


@st.composite
def _mou(
    draw: st.DrawFn, mou_id: str, parties: Sequence[str], drafted_on: date, signed: bool = False
) -> MoU:
    # ``signed``: at least one signatory is named, so that the MoU can be signed.
    chosen = draw(st.frozensets(st.sampled_from(parties), min_size=1)) if parties else frozenset()
    people = draw(
        st.lists(
            _PEOPLE_NAMES,
            min_size=int(signed and bool(chosen)),
            max_size=len(chosen) + 2,
            unique=True,
        )
    )
    signatories = (
        [
            Signatory(person, draw(st.sampled_from(sorted(chosen))), draw(_TITLES))
            for person in people
        ]
        if chosen
        else []
    )
    clauses = draw(st.lists(st.builds(Clause, st.sampled_from(ClauseSubject), _NAMES), max_size=3))
    return MoU(
        id=mou_id,
        drafted_on=drafted_on,
        parties=chosen,
        values=draw(st.frozensets(st.sampled_from(PartnershipValue))),
        clauses=clauses,
        signatories=signatories,
    )


def mous(
    parties: Sequence[str] = ("a", "b", "c"), drafted_on: date = date(2012, 9, 1)
) -> st.SearchStrategy[MoU]:
    """Unsigned MoUs (version 1) between some of ``parties``."""
    return _mou("mou", tuple(parties), drafted_on)


@st.composite
def _meeting(
    draw: st.DrawFn, on: date, organisations: Sequence[str], groups: Sequence[str]
) -> Meeting:
    people = draw(st.lists(_PEOPLE_NAMES, max_size=6, unique=True)) if organisations else []
    return Meeting(
        on=on,
        kind=draw(st.sampled_from(MeetingKind)),
        attendees=[Attendance(person, draw(st.sampled_from(organisations))) for person in people],
        group=draw(st.none() | st.sampled_from(groups)) if groups else None,
        minuted=draw(st.booleans()),
        agenda=draw(st.lists(_WORDS, max_size=2)),
        decisions=draw(st.lists(_WORDS, max_size=2)),
    )


# -- steps of a history: governance, meetings and MoUs --------------------------------


def _adopt_governance(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    seated = [m.id for m in p.members()] + [x.partner_id for x in p.seats_on()]
    return p.adopt_governance(draw(_structure(seated)), on=day)


def _hold_meeting(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    structure = p.governance()
    groups = [g.id for g in structure.groups] if structure else []
    return p.hold_meeting(draw(_meeting(day, sorted(p.organisations), groups)))


def _draft_mou(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    return p.draft_mou(draw(_mou(f"mou-{len(p.mous()) + 1}", sorted(p.organisations), day)))


def _sign_mou(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    pending = [m for m in p.mous() if m.unsigned()]
    if not pending:  # every MoU signed (or none drafted): amend one, to be signed again
        return _amend_mou(draw, p, orgs, day)
    current = draw(st.sampled_from(pending))
    return p.sign_mou(current.id, draw(st.sampled_from(current.unsigned())).person, on=day)


def _amend_mou(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    if not p.mous():
        return p
    current = draw(st.sampled_from(p.mous()))
    values = draw(st.frozensets(st.sampled_from(PartnershipValue)))
    return p.amend_mou(current.amended(on=day, values=values))


# -- what a lifecycle step's MoU guard asks for (``_partnerships._FIXES``) -----------


def _fix_mou(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """An MoU drafted and signed by everyone it names."""
    mou = draw(_mou(f"mou-{len(p.mous()) + 1}", sorted(p.organisations), day, signed=True))
    p = p.draft_mou(mou)
    for signatory in mou.signatories:
        p = p.sign_mou(mou.id, signatory.person, on=day)
    return p
