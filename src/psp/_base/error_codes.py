"""The registry of error codes: every ``code`` a :class:`psp.PSPError` carries.

A code names a rule or a problem, not a message: "second-lead" is every refusal of a
second lead, whatever the wording says. Codes are stable (a service stores and branches
on them) and kebab-case; each is raised as one error class, which the registry names.
tests/test_error_codes.py checks that every code psp raises is here, that every code here
is raised, and each as the class written here; docs/errors.md lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from psp._base.errors import (
    ConversionError,
    InvalidValueError,
    PSPError,
    RuleViolationError,
    TransitionRefusedError,
    UnknownReferenceError,
    VersionConflictError,
)

__all__ = ["ERROR_CODES", "ErrorCode"]


@attrs.frozen
class ErrorCode:
    """One error code: the ``code`` itself, the ``error`` class it is raised as, and
    its ``meaning`` in one sentence."""

    code: str
    error: type[PSPError]
    meaning: str


ErrorCode.__module__ = "psp"

_V, _R, _U = InvalidValueError, RuleViolationError, UnknownReferenceError

_CODES = (
    # -- invalid values: malformed or of the wrong kind (InvalidValueError) ----------
    ErrorCode("not-text", _V, "A value that must be text is not a string."),
    ErrorCode("blank", _V, "Text that must say something is empty or only white space."),
    ErrorCode(
        "surrounding-space", _V, "Text starts or ends with white space, which psp does not keep."
    ),
    ErrorCode("not-a-number", _V, "A value that must be a finite number is not one."),
    ErrorCode(
        "out-of-range",
        _V,
        "A value that must be a whole or real number within a range is not one, or is outside it.",
    ),
    ErrorCode("not-a-boolean", _V, "A value that must be true or false (or none) is not."),
    ErrorCode(
        "not-a-date",
        _V,
        "A value that must be a date (or a timezone-aware date and time) is not one.",
    ),
    ErrorCode(
        "unknown-choice",
        _V,
        "A value is not one of the fixed choices its field takes (a role, a sector, a stage).",
    ),
    ErrorCode(
        "built-in-kind",
        _V,
        "A built-in link kind is given labels of your own; its labels are psp's.",
    ),
    ErrorCode(
        "malformed-term",
        _V,
        "A term of your own in an open vocabulary (a link kind, a focus, a theme) is not"
        " written prefix:name.",
    ),
    ErrorCode(
        "choice-not-allowed",
        _V,
        "A valid choice that this field does not take here (a status that is computed, "
        "or not an ending).",
    ),
    ErrorCode(
        "not-a-collection",
        _V,
        "A value that must be a collection (a list, a set or a mapping) is not one.",
    ),
    ErrorCode(
        "wrong-type",
        _V,
        "A value is not the kind of object its field or argument takes (a MoU, a Period, "
        "a psp object).",
    ),
    ErrorCode("missing", _V, "A required value is absent."),
    ErrorCode("wrong-tag", _V, "An event's type tag is not the tag of the class it is read as."),
    ErrorCode("wrong-length", _V, "A list of a fixed length holds another number of items."),
    ErrorCode("empty", _V, "A collection that must hold at least one item is empty."),
    ErrorCode(
        "too-many-items",
        _V,
        "A collection holds more items than psp takes there (the categories of a published row).",
    ),
    ErrorCode("duplicate", _V, "A value lists the same item or id twice."),
    ErrorCode(
        "not-listed",
        _V,
        "A value names something its own lists do not hold (a group not in the structure, "
        "a signatory's organisation not among the parties).",
    ),
    ErrorCode(
        "self-reference",
        _V,
        "Something refers to itself where it must refer to another (a link, a reporting "
        "line, part of itself).",
    ),
    ErrorCode(
        "conflicting-fields",
        _V,
        "Two values given together contradict each other (a kind of public body for a "
        "third-sector organisation).",
    ),
    ErrorCode("end-before-start", _V, "A period or date range ends before it starts."),
    ErrorCode(
        "invalid-org-id",
        _V,
        "An organisation identifier is not in org-id form (SCHEME-IDENTIFIER) or does not "
        "have its scheme's shape.",
    ),
    ErrorCode(
        "invalid-id",
        _V,
        "An id is outside psp's id grammar (letters, digits and . _ : ~ -, starting with a "
        "letter or digit, 1 to 100 characters).",
    ),
    ErrorCode(
        "invalid-prefix",
        _V,
        "A prefix for published identifiers (an IRI base, a standard's prefix) does not have "
        "the shape required.",
    ),
    # rules a fund writes (issue 18)
    ErrorCode(
        "rule-name-taken", _V, "A fund's own rule is given the name of one of psp's own rules."
    ),
    ErrorCode("not-namespaced", _V, "A fund's own rule's code is not namespaced, prefix:name."),
    ErrorCode("not-one-line", _V, "Text that must be one line holds a line break."),
    # -- refused by a rule of the domain (RuleViolationError) ------------------------
    ErrorCode("out-of-order", _R, "An event is dated before the event recorded before it."),
    ErrorCode("partnership-closed", _R, "The partnership is closed; it records nothing more."),
    ErrorCode("id-taken", _R, "An id is already the id of another record of its kind."),
    ErrorCode(
        "conflicting-record",
        _R,
        "An organisation is given with details that differ from its record under the same id.",
    ),
    ErrorCode("second-lead", _R, "A partnership has one lead at a time, and another leads."),
    ErrorCode("already-a-member", _R, "The organisation is a member already."),
    ErrorCode("not-a-member", _R, "The organisation is not a member then."),
    ErrorCode(
        "member-or-seat",
        _R,
        "An organisation is either a member or holds a non-member seat, not both.",
    ),
    ErrorCode("self-signpost", _R, "An organisation cannot be signposted by itself."),
    ErrorCode("roles-unchanged", _R, "A change of roles gives the roles the member holds."),
    ErrorCode(
        "too-short",
        _R,
        "Something would end on or before the day it began: it lasts at least one day.",
    ),
    ErrorCode("already-suspended", _R, "The member is suspended already."),
    ErrorCode("not-suspended", _R, "The member is not suspended."),
    ErrorCode("already-seated", _R, "The organisation holds this seat already."),
    ErrorCode("not-seated", _R, "The organisation does not hold this seat."),
    ErrorCode("already-represents", _R, "The person represents the organisation already."),
    ErrorCode("not-representing", _R, "The person does not represent the organisation."),
    ErrorCode(
        "link-without-member",
        _R,
        "A link is recorded between organisations neither of which is a member then.",
    ),
    ErrorCode("already-linked", _R, "The organisations already have an open link of this kind."),
    ErrorCode("same-labels", _R, "The link kind of your own has these labels already."),
    ErrorCode("not-linked", _R, "The organisations have no open link of this kind."),
    ErrorCode(
        "outsider-in-group",
        _R,
        "A governance group seats an organisation that is neither a member nor a seat holder.",
    ),
    ErrorCode(
        "not-initial-state",
        _R,
        "A new record (a bid, a commitment, a tender, an MoU) is given in a later state than "
        "its first.",
    ),
    ErrorCode(
        "move-not-allowed",
        _R,
        "A bid, commitment or tender cannot make this move from its status.",
    ),
    ErrorCode("wrong-version", _R, "An MoU is drafted or amended with the wrong version number."),
    ErrorCode("not-a-signatory", _R, "The person is not named to sign the MoU."),
    ErrorCode("already-signed", _R, "The person has signed this version of the MoU already."),
    ErrorCode(
        "before-drafted", _R, "Something is dated before the MoU version it concerns was drafted."
    ),
    ErrorCode("not-a-public-body", _R, "Only a public body can do this (sign off, commission)."),
    ErrorCode("past-deadline", _R, "A bid is submitted after its deadline."),
    ErrorCode(
        "commitment-not-sought",
        _R,
        "The policy asks for a sustainability commitment to be sought before a delivery bid.",
    ),
    ErrorCode("area-not-in-bid", _R, "A sign-off names an area the bid does not cover."),
    ErrorCode("area-not-overseen", _R, "A sign-off names an area the endorser does not oversee."),
    ErrorCode("award-exceeds-ask", _R, "A bid is awarded more than it asked for."),
    ErrorCode(
        "sector-not-allowed",
        _R,
        "The policy does not take sustainability commitments from this organisation's sector.",
    ),
    ErrorCode("already-tendered", _R, "The organisation has tendered already."),
    ErrorCode("did-not-tender", _R, "A tender is awarded to an organisation that did not tender."),
    ErrorCode("nothing-to-approve", _R, "There is no service design to approve."),
    ErrorCode("already-approved", _R, "The funder has approved this design already."),
    ErrorCode("no-governance", _R, "The partnership has no governance structure yet."),
    ErrorCode("no-cadence", _R, "The governance group has no meeting cadence set."),
    ErrorCode("reporting-cycle", _R, "Governance groups' reporting lines form a cycle."),
    ErrorCode(
        "wrong-reporting-line",
        _R,
        "A governance group reports to a group of the wrong tier for the structure.",
    ),
    ErrorCode(
        "wrong-group-tiers",
        _R,
        "A governance structure's groups do not have the tiers its type requires.",
    ),
    ErrorCode(
        "nothing-to-export", _R, "The partnership has nothing yet that the export publishes."
    ),
    ErrorCode(
        "node-id-clash",
        _R,
        "An organisation's id is the id a partnership node would take in the graph.",
    ),
    ErrorCode("no-answers", _R, "Nobody answered the statement, so there is no share to take."),
    ErrorCode(
        "too-many-answers", _R, "A statement has more answers than the survey has respondents."
    ),
    # respondent-level surveys (issue 19)
    ErrorCode(
        "not-increasing",
        _V,
        "A sequence that must increase does not (a scale's scores, the dates of a survey's waves).",
    ),
    ErrorCode("unknown-wave", _U, "An id names no wave of the survey."),
    ErrorCode(
        "not-five-point",
        _R,
        "A Tally counts a five-point scale whose neutral point is its middle one.",
    ),
    ErrorCode("already-initiated", _R, "The partnership's initiation is recorded already."),
    # waivers of a rule (issue 18)
    ErrorCode(
        "not-waivable",
        _R,
        "The rule is one of psp's own rules of the lifecycle, which no waiver sets aside.",
    ),
    ErrorCode("already-waived", _R, "The rule is waived for the partnership already."),
    ErrorCode("not-waived", _R, "The rule is not waived for the partnership then."),
    # -- something named is not known (UnknownReferenceError) ------------------------
    ErrorCode("unknown-organisation", _U, "An id names no organisation known here."),
    ErrorCode("unknown-partnership", _U, "An id names no partnership of the portfolio or graph."),
    ErrorCode("unknown-mou", _U, "An id names no MoU of the partnership."),
    ErrorCode("unknown-bid", _U, "An id names no bid of the partnership."),
    ErrorCode(
        "unknown-commitment", _U, "An id names no sustainability commitment of the partnership."
    ),
    ErrorCode("unknown-tender", _U, "An id names no tender of the partnership."),
    ErrorCode("unknown-measure", _U, "A name is not a measure of the commitment."),
    ErrorCode("unknown-condition", _U, "A name is not an external condition of the commitment."),
    ErrorCode("unknown-group", _U, "An id names no group of the partnership's governance."),
    ErrorCode("unknown-statement", _U, "An id names no statement of the survey."),
    ErrorCode(
        "unknown-rule",
        _U,
        "A code names no rule of the policy, or none of the rules the reader was given.",
    ),
    # -- people in posts, the risk register, differences between partners ------------
    ErrorCode(
        "too-few-parties",
        _R,
        "A difference between partners names fewer than two organisations.",
    ),
    ErrorCode("post-held", _R, "A post is held by one person at a time, and someone holds it."),
    ErrorCode("post-vacant", _R, "Nobody holds the post, so nobody can leave it."),
    ErrorCode(
        "not-on-group",
        _R,
        "A group's post is held for an organisation that does not sit on the group.",
    ),
    ErrorCode(
        "not-a-chair",
        _R,
        "A group's chair is held for an organisation that is not one of the group's chairs.",
    ),
    ErrorCode(
        "risk-closed",
        _R,
        "The risk or issue is closed; it is not reviewed or closed again.",
    ),
    ErrorCode("already-resolved", _R, "The difference between partners is resolved already."),
    ErrorCode("reason-missing", _R, "A risk or issue is closed without a reason."),
    ErrorCode("unknown-post", _U, "An id names no post of the partnership."),
    ErrorCode("unknown-risk", _U, "An id names no risk or issue of the partnership's register."),
    ErrorCode("unknown-difference", _U, "An id names no difference recorded in the partnership."),
    # outputs and capacity (issue 17, item 4)
    ErrorCode("output-kind-changed", _R, "An output's target is set again with another kind."),
    ErrorCode(
        "actual-in-future",
        _R,
        "What was delivered is recorded for a period that starts after the day it is recorded.",
    ),
    ErrorCode("unknown-output", _U, "An id names no output the partnership has a target for."),
    # relational surveys (issue 19, item 3)
    ErrorCode("self-rating", _R, "A relational survey's respondent answers about itself."),
    ErrorCode(
        "relational-wave-date",
        _R,
        "A response to a relational survey's wave carries another date than the wave's.",
    ),
    ErrorCode(
        "duplicate-relational-answer",
        _R,
        "A respondent answers twice about one organisation in one wave of a relational survey.",
    ),
    ErrorCode("unknown-relational-wave", _U, "An id names no wave of the relational survey."),
    # budgets and spend (issue 17, item 2)
    ErrorCode(
        "total-too-large",
        _R,
        "A budget line or a spend would take a total past 1,000,000,000,000 pounds.",
    ),
    # funds and streams in use (issue 17, item 1)
    ErrorCode("unknown-fund", _U, "An id names no fund the partnership recorded."),
    ErrorCode("unknown-stream", _U, "A bid names a stream its recorded fund does not have."),
    ErrorCode(
        "not-a-fund-funder",
        _R,
        "A bid's funder is neither a funder of its recorded fund nor the body that decides it.",
    ),
    ErrorCode(
        "stream-purpose",
        _R,
        "A bid is submitted to a stream for a purpose the stream does not fund (a policy rule).",
    ),
    # payments and reporting obligations (issue 17, item 3)
    ErrorCode("bid-not-awarded", _R, "A payment or a report is recorded for a bid not awarded."),
    ErrorCode(
        "payment-exceeds-award",
        _R,
        "A bid's payments, planned or made, or the payments under a tender's contract, would "
        "add up to more than its award, and the policy does not allow it.",
    ),
    ErrorCode("payment-exceeds-plan", _R, "A payment is more than remains of the planned payment."),
    ErrorCode(
        "plan-of-another-bid", _R, "A payment is made against a planned payment of another bid."
    ),
    ErrorCode("already-received", _R, "The report is received already."),
    ErrorCode("unknown-payment", _U, "An id names no planned payment of the partnership."),
    ErrorCode("unknown-report", _U, "An id names no report required of the partnership."),
    # payments under an awarded tender's contract (issue 17, item 6)
    ErrorCode(
        "tender-not-awarded",
        _R,
        "A payment is recorded under the contract of a tender not awarded.",
    ),
    # -- the error classes with one code each ----------------------------------------
    ErrorCode(
        "step-not-allowed",
        TransitionRefusedError,
        "The lifecycle table has no such step from the partnership's stage.",
    ),
    ErrorCode(
        "guards-unmet",
        TransitionRefusedError,
        "The step is in the lifecycle table, but some of its hard guards are not met.",
    ),
    ErrorCode(
        "invalid-document",
        ConversionError,
        "Plain data or a document cannot be read as a psp object; its problems say where.",
    ),
    ErrorCode(
        "version-conflict",
        VersionConflictError,
        "A write expected a version of the partnership that is no longer its current one.",
    ),
)

#: Every error code, read-only: ``code`` -> :class:`psp.ErrorCode`.
ERROR_CODES: Final[Mapping[str, ErrorCode]] = MappingProxyType({c.code: c for c in _CODES})
del _V, _R, _U
