"""psp: a pure domain model of Public Social Partnerships.

Public bodies and third-sector organisations co-design a service around its users,
sign a Memorandum of Understanding, bid for funding, pilot the service and have it
commissioned. psp models who takes part, in which roles, and what happens to the
partnership, as immutable values that refuse what the domain forbids.

Everything public is importable from here; the modules behind it are private.
``psp.testing`` (Hypothesis strategies, ``pip install psp[testing]``) is a public
submodule. Nothing in psp reads files, the network, the clock or the environment.
"""

from psp._conversion import from_data, to_data
from psp._errors import (
    ConversionError,
    InvalidValueError,
    Problem,
    PSPError,
    RuleViolationError,
    UnknownReferenceError,
)
from psp._events import (
    Event,
    GovernanceAdopted,
    LinkAdded,
    LinkEnded,
    MeetingHeld,
    MemberJoined,
    MemberLeft,
    MoUAmended,
    MoUDrafted,
    MoUSigned,
    OrganisationAdded,
    ReimbursementRecorded,
    RepresentativeNamed,
    RepresentativeStoodDown,
    RolesChanged,
    SeatLeft,
    SeatTaken,
)
from psp._governance import (
    Cadence,
    CadenceCheck,
    CadenceUnit,
    DecisionStyle,
    Firmness,
    GovernanceStructure,
    GovernanceType,
    Group,
    GroupTier,
    Responsibility,
)
from psp._identifiers import KNOWN_SCHEMES, OrgId
from psp._links import Link, LinkKind
from psp._meetings import Attendance, Continuity, Meeting, MeetingKind
from psp._membership import Engagement, Membership, ReimbursementStatus, Representative, Seat
from psp._mou import Clause, ClauseSubject, MoU, PartnershipValue, Signatory, Signature
from psp._organisation import Partner, PublicBodyKind, Reach, Sector, Size, ThirdSectorKind
from psp._partnership import Focus, Partnership, Scope
from psp._period import Period
from psp._policy import Finding, Policy, Severity
from psp._roles import CORE_ROLES, Role, SeatKind
from psp._sector_balance import SectorBalance

__all__ = [
    "CORE_ROLES",
    "KNOWN_SCHEMES",
    "Attendance",
    "Cadence",
    "CadenceCheck",
    "CadenceUnit",
    "Clause",
    "ClauseSubject",
    "Continuity",
    "ConversionError",
    "DecisionStyle",
    "Engagement",
    "Event",
    "Finding",
    "Firmness",
    "Focus",
    "GovernanceAdopted",
    "GovernanceStructure",
    "GovernanceType",
    "Group",
    "GroupTier",
    "InvalidValueError",
    "Link",
    "LinkAdded",
    "LinkEnded",
    "LinkKind",
    "Meeting",
    "MeetingHeld",
    "MeetingKind",
    "MemberJoined",
    "MemberLeft",
    "Membership",
    "MoU",
    "MoUAmended",
    "MoUDrafted",
    "MoUSigned",
    "OrgId",
    "OrganisationAdded",
    "PSPError",
    "Partner",
    "Partnership",
    "PartnershipValue",
    "Period",
    "Policy",
    "Problem",
    "PublicBodyKind",
    "Reach",
    "ReimbursementRecorded",
    "ReimbursementStatus",
    "Representative",
    "RepresentativeNamed",
    "RepresentativeStoodDown",
    "Responsibility",
    "Role",
    "RolesChanged",
    "RuleViolationError",
    "Scope",
    "Seat",
    "SeatKind",
    "SeatLeft",
    "SeatTaken",
    "Sector",
    "SectorBalance",
    "Severity",
    "Signatory",
    "Signature",
    "Size",
    "ThirdSectorKind",
    "UnknownReferenceError",
    "from_data",
    "to_data",
]
