"""Every kind of event a partnership records: the :data:`Event` union, and each event
class's tag in plain data (private).

Each event class lives in its area's module (``membership.py``, ``links.py``, ``governance.py``,
``lifecycle.py``, ``funding.py``, ``commissioning.py``) with its tag (``TAG``) and its
effect on the state (``_apply``). This module gathers them: the union is the one list
of every event class; :data:`EVENT_TAGS` is read from it.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, TypeAlias

from psp._aggregate.benefits import BenefitIdentified
from psp._aggregate.budgets import BudgetSet, SpendRecorded
from psp._aggregate.commissioning import (
    TenderAwarded,
    TenderEnded,
    TenderOpened,
    TenderPlanned,
    TenderReceived,
)
from psp._aggregate.contributions import CapabilitiesDeclared, ContributionRecorded
from psp._aggregate.funding import (
    BidDecided,
    BidDrafted,
    BidEndorsed,
    BidSubmitted,
    BidWithdrawn,
    CommitmentDeclined,
    CommitmentGiven,
    CommitmentLapsed,
    CommitmentSought,
    ConditionResolved,
    MeasureRecorded,
)
from psp._aggregate.funds import FundRecorded
from psp._aggregate.governance import (
    GovernanceAdopted,
    MeetingHeld,
    MoUAmended,
    MoUDrafted,
    MoUSigned,
)
from psp._aggregate.lifecycle import (
    BaselineRecorded,
    ConsultationHeld,
    DesignApproved,
    LogicModelAgreed,
    RuleWaived,
    ServiceDesignAgreed,
    StepTaken,
    WaiverWithdrawn,
)
from psp._aggregate.links import LinkAdded, LinkEnded, LinkKindDefined
from psp._aggregate.membership import (
    MemberJoined,
    MemberLeft,
    MemberReinstated,
    MemberSuspended,
    OrganisationAdded,
    ReimbursementRecorded,
    RepresentativeNamed,
    RepresentativeStoodDown,
    RolesChanged,
    SeatLeft,
    SeatTaken,
)
from psp._aggregate.origins import LeadSelected, PartnershipInitiated
from psp._aggregate.outputs import OutputRecorded, OutputTargetSet
from psp._aggregate.payments import (
    ContractPaymentMade,
    PaymentMade,
    PaymentPlanned,
    ReportReceived,
    ReportRequired,
)
from psp._aggregate.posts import PostEstablished, PostFilled, PostVacated
from psp._aggregate.relational import RelationalResponseRecorded
from psp._aggregate.risks import (
    DifferenceRecorded,
    DifferenceResolved,
    RiskClosed,
    RiskRaised,
    RiskReviewed,
)

__all__ = [
    "EVENT_TAGS",
    "EVENT_TYPES",
    "BaselineRecorded",
    "BenefitIdentified",
    "BidDecided",
    "BidDrafted",
    "BidEndorsed",
    "BidSubmitted",
    "BidWithdrawn",
    "BudgetSet",
    "CapabilitiesDeclared",
    "CommitmentDeclined",
    "CommitmentGiven",
    "CommitmentLapsed",
    "CommitmentSought",
    "ConditionResolved",
    "ConsultationHeld",
    "ContractPaymentMade",
    "ContributionRecorded",
    "DesignApproved",
    "DifferenceRecorded",
    "DifferenceResolved",
    "Event",
    "FundRecorded",
    "GovernanceAdopted",
    "LeadSelected",
    "LinkAdded",
    "LinkEnded",
    "LinkKindDefined",
    "LogicModelAgreed",
    "MeasureRecorded",
    "MeetingHeld",
    "MemberJoined",
    "MemberLeft",
    "MemberReinstated",
    "MemberSuspended",
    "MoUAmended",
    "MoUDrafted",
    "MoUSigned",
    "OrganisationAdded",
    "OutputRecorded",
    "OutputTargetSet",
    "PartnershipInitiated",
    "PaymentMade",
    "PaymentPlanned",
    "PostEstablished",
    "PostFilled",
    "PostVacated",
    "ReimbursementRecorded",
    "RelationalResponseRecorded",
    "ReportReceived",
    "ReportRequired",
    "RepresentativeNamed",
    "RepresentativeStoodDown",
    "RiskClosed",
    "RiskRaised",
    "RiskReviewed",
    "RolesChanged",
    "RuleWaived",
    "SeatLeft",
    "SeatTaken",
    "ServiceDesignAgreed",
    "SpendRecorded",
    "StepTaken",
    "TenderAwarded",
    "TenderEnded",
    "TenderOpened",
    "TenderPlanned",
    "TenderReceived",
    "WaiverWithdrawn",
]

#: Every kind of event a partnership's history can hold.
Event: TypeAlias = (
    OrganisationAdded
    | MemberJoined
    | RolesChanged
    | MemberLeft
    | MemberSuspended
    | MemberReinstated
    | SeatTaken
    | SeatLeft
    | RepresentativeNamed
    | RepresentativeStoodDown
    | LinkAdded
    | LinkEnded
    | GovernanceAdopted
    | MeetingHeld
    | ReimbursementRecorded
    | MoUDrafted
    | MoUSigned
    | MoUAmended
    | StepTaken
    | BaselineRecorded
    | ConsultationHeld
    | LogicModelAgreed
    | ServiceDesignAgreed
    | DesignApproved
    | BidDrafted
    | BidSubmitted
    | BidEndorsed
    | BidDecided
    | BidWithdrawn
    | CommitmentSought
    | CommitmentGiven
    | CommitmentDeclined
    | CommitmentLapsed
    | MeasureRecorded
    | ConditionResolved
    | TenderPlanned
    | TenderOpened
    | TenderReceived
    | TenderAwarded
    | TenderEnded
    | PartnershipInitiated
    | LeadSelected
    | ContributionRecorded
    | CapabilitiesDeclared
    # open vocabularies (issue 18, item 6)
    | LinkKindDefined
    # waivers of a rule
    | RuleWaived
    | WaiverWithdrawn
    | PostEstablished
    | PostFilled
    | PostVacated
    | RiskRaised
    | RiskReviewed
    | RiskClosed
    | DifferenceRecorded
    | DifferenceResolved
    # outputs and capacity; benefits and savings (issue 17, items 4-5)
    | OutputTargetSet
    | OutputRecorded
    # relational surveys (issue 19, item 3)
    | RelationalResponseRecorded
    | BenefitIdentified
    # budgets and spend (issue 17, item 2)
    | BudgetSet
    | SpendRecorded
    # funds and streams in use (issue 17, item 1)
    | FundRecorded
    # payments and reporting obligations (issue 17, item 3)
    | PaymentPlanned
    | PaymentMade
    | ReportRequired
    | ReportReceived
    # payments under an awarded tender's contract (issue 17, item 6)
    | ContractPaymentMade
)


#: The stable tag each event class carries in plain data, under the key ``type``, in
#: the union's order.
EVENT_TAGS: Final[Mapping[type, str]] = MappingProxyType(
    {cls: cls.TAG for cls in typing.get_args(Event)}
)

#: Each event class by its tag: what a store reads the ``type`` of a stored event with.
EVENT_TYPES: Final[Mapping[str, type[Event]]] = MappingProxyType(
    {tag: cls for cls, tag in EVENT_TAGS.items()}
)
