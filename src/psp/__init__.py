"""psp: a pure domain model of Public Social Partnerships.

Public bodies and third-sector organisations co-design a service around its users,
sign a Memorandum of Understanding, bid for funding, pilot the service and have it
commissioned. psp models who takes part, in which roles, and what happens to the
partnership, as immutable values that refuse what the domain forbids.

Everything public is importable from here; the modules behind it are private.
``psp.testing`` (Hypothesis strategies,
``pip install "public-social-partnerships[testing]"``) is a public submodule. Nothing in
psp reads files, the network, the clock or the environment.

Importing psp loads nothing but this module. The first public name used (``psp.Partner``,
``from psp import Partnership``) loads the whole namespace, ``psp._namespace``, once, through
a module ``__getattr__`` (PEP 562): about 80 ms, attrs and the making of psp's classes.
``psp.__version__`` is defined here, so reading it loads nothing more.
"""

#: The package's version (PEP 440), the one place it is written: the build reads it from
#: here (pyproject.toml: ``dynamic = ["version"]``, ``[tool.hatch.version]``), so the
#: distribution ``public-social-partnerships`` has the same version. Not the version of
#: psp's data documents: that is ``SCHEMA_VERSION``.
__version__ = "0.1.0.dev0"

# Objects pickled by psp 0.1.0.dev0 name the flat modules psp had then (``psp._events``,
# ``psp._partnership``, ...). The folder _legacy/ holds one small module for each, which
# gives the public names; it is on this package's path so that unpickling finds them.
__path__.append(f"{__path__[0]}/_legacy")

# Not ``from typing import TYPE_CHECKING``: importing typing costs time. Type checkers
# treat any name TYPE_CHECKING as true, so they see the re-exports below and not the
# module __getattr__, which would otherwise make a misspelt ``psp.Partnr`` type-check.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from psp._namespace import *  # noqa: F403
else:

    def __getattr__(name: str) -> object:
        """Load the public namespace on the first use of a public name (PEP 562).

        Every public name is copied into this module, so later lookups find it without
        calling this function again. The import is a plain import statement: Python's
        import lock makes a second thread asking at the same time wait for the first.
        """
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import sys  # already loaded: Python itself needs it

        from psp import _namespace

        namespace = {public: getattr(_namespace, public) for public in __all__}
        sys.modules[__name__].__dict__.update(namespace)
        return namespace[name]

    def __dir__() -> list[str]:
        """What is here, and every public name, loaded or not."""
        import sys

        return sorted({*sys.modules[__name__].__dict__, *__all__})


del TYPE_CHECKING

# The names below come from the star import above, which ruff cannot follow.
# ruff: noqa: F405
__all__ = [
    "BROKERAGE_ROLES",
    "CORE_ROLES",
    "DOCUMENT_TYPES",
    "ERROR_CODES",
    "EVENT_TYPES",
    "FINAL_STAGES",
    "ID_PATTERN",
    "INITIAL_STAGE",
    "KNOWN_SCHEMES",
    "MEMBER_OF",
    "PARTNERSHIP_NODE_PREFIX",
    "REFERRAL_KINDS",
    "SCHEMA_VERSION",
    "TRANSITIONS",
    "Attendance",
    "Baseline",
    "BaselineRecorded",
    "Bid",
    "BidDecided",
    "BidDrafted",
    "BidEndorsed",
    "BidStatus",
    "BidStatusName",
    "BidSubmitted",
    "BidWithdrawn",
    "Cadence",
    "CadenceCheck",
    "CadenceUnit",
    "CadenceUnitName",
    "Clause",
    "ClauseSubject",
    "ClauseSubjectName",
    "CommitmentDeclined",
    "CommitmentGiven",
    "CommitmentLapsed",
    "CommitmentSought",
    "CommitmentStatus",
    "CommitmentStatusName",
    "ConditionResolved",
    "Consultation",
    "ConsultationHeld",
    "ConsultationKind",
    "ConsultationKindName",
    "Continuity",
    "ConversionError",
    "DecisionStyle",
    "DecisionStyleName",
    "DesignApproved",
    "Difference",
    "DifferenceRecorded",
    "DifferenceResolved",
    "Endorsement",
    "Engagement",
    "EngagementName",
    "ErrorCode",
    "Event",
    "ExternalCondition",
    "Finding",
    "Firmness",
    "FirmnessName",
    "Focus",
    "FocusName",
    "Fund",
    "FundingMix",
    "FundingPurpose",
    "FundingPurposeName",
    "GovernanceAdopted",
    "GovernanceStructure",
    "GovernanceType",
    "GovernanceTypeName",
    "Group",
    "GroupTier",
    "GroupTierName",
    "InvalidValueError",
    "Link",
    "LinkAdded",
    "LinkEnded",
    "LinkKind",
    "LinkKindName",
    "LogicModel",
    "LogicModelAgreed",
    "Measure",
    "MeasureRecorded",
    "Meeting",
    "MeetingHeld",
    "MeetingKind",
    "MeetingKindName",
    "MemberJoined",
    "MemberLeft",
    "MemberReinstated",
    "MemberSuspended",
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
    "PartnershipValueName",
    "Period",
    "Policy",
    "Portfolio",
    "Post",
    "PostEstablished",
    "PostFilled",
    "PostHolder",
    "PostKind",
    "PostKindName",
    "PostVacated",
    "Problem",
    "PublicBodyKind",
    "PublicBodyKindName",
    "PublishedRow",
    "Rating",
    "Reach",
    "ReachName",
    "ReimbursementRecorded",
    "ReimbursementStatus",
    "ReimbursementStatusName",
    "Representative",
    "RepresentativeNamed",
    "RepresentativeStoodDown",
    "Response",
    "ResponseName",
    "Responsibility",
    "ResponsibilityName",
    "Risk",
    "RiskClosed",
    "RiskKind",
    "RiskKindName",
    "RiskRaised",
    "RiskReview",
    "RiskReviewed",
    "Role",
    "RoleName",
    "RolesChanged",
    "RuleViolationError",
    "Scope",
    "ScopeName",
    "Seat",
    "SeatKind",
    "SeatKindName",
    "SeatLeft",
    "SeatTaken",
    "Sector",
    "SectorBalance",
    "SectorName",
    "ServiceDesign",
    "ServiceDesignAgreed",
    "Severity",
    "Share",
    "Signatory",
    "Signature",
    "Size",
    "SizeName",
    "Stage",
    "Statement",
    "Step",
    "StepName",
    "StepResult",
    "StepTaken",
    "Stream",
    "Survey",
    "Suspension",
    "SustainabilityCommitment",
    "Tally",
    "Tender",
    "TenderAwarded",
    "TenderEnded",
    "TenderOpened",
    "TenderPlanned",
    "TenderReceived",
    "TenderStatus",
    "TenderStatusName",
    "Theme",
    "ThemeName",
    "ThirdSectorKind",
    "ThirdSectorKindName",
    "Transition",
    "TransitionRefusedError",
    "UnknownReferenceError",
    "VersionConflictError",
    "bridging_organisations",
    "brokerage",
    "burt_constraint",
    "check_document",
    "counts_from_percentages",
    "degree_centralisation",
    "effective_size",
    "ei_index",
    "from_data",
    "from_document",
    "json_schema",
    "lead_position",
    "lifecycle_diagram",
    "link_density",
    "link_kind_profile",
    "missing_public_bodies",
    "multiplex_ties",
    "multiplexity",
    "openapi_components",
    "partner_graph",
    "referral_path",
    "referral_reach",
    "tie_graph",
    "to_360giving",
    "to_data",
    "to_document",
    "to_hsds",
    "to_ocds",
    "to_org_jsonld",
]
