"""Governance events and their effects: structures adopted, meetings held, and the MoU
drafted, signed and amended (private)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import (
    InvalidValueError,
    PSPError,
    RuleViolationError,
    UnknownReferenceError,
)
from psp._governing.meetings import Meeting
from psp._governing.mou import MoU
from psp._governing.structure import GovernanceStructure

__all__ = ["GovernanceAdopted", "MeetingHeld", "MoUAmended", "MoUDrafted", "MoUSigned"]


def _check_mou(value: object) -> None:
    if not isinstance(value, MoU):
        raise InvalidValueError("mou", value, "must be a MoU", code="wrong-type")


def _mou_id(value: str) -> str:
    return _checks.an_id("mou_id", value)


@attrs.frozen(kw_only=True)
class GovernanceAdopted(Recorded):
    """The partnership adopted a governance structure (replacing any earlier one)."""

    TAG: ClassVar[str] = "governance-adopted"

    on: date = attrs.field(converter=fields.on_date)
    structure: GovernanceStructure

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.structure, GovernanceStructure):
            raise InvalidValueError(
                "structure", self.structure, "must be a GovernanceStructure", code="wrong-type"
            )

    def _apply(self, state: State) -> None:
        for i, group in enumerate(self.structure.groups):
            for pid in sorted(group.members):
                if pid not in state.memberships and not state.holds_seat(pid):
                    raise RuleViolationError(
                        f"structure.groups[{i}].members",
                        pid,
                        f"{state.name_of(pid)} is neither a member nor a seat holder now; "
                        "a group seats partners and declared non-member seats",
                        code="outsider-in-group",
                    )
        state.governance = state.governance.appended((self.on, self.structure))


@attrs.frozen(kw_only=True)
class MeetingHeld(Recorded):
    """A meeting was held; its date is the event's date."""

    TAG: ClassVar[str] = "meeting-held"

    meeting: Meeting

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.meeting, Meeting):
            raise InvalidValueError("meeting", self.meeting, "must be a Meeting", code="wrong-type")

    @property
    def on(self) -> date:
        """The meeting's date."""
        return self.meeting.on

    def _apply(self, state: State) -> None:
        for i, a in enumerate(self.meeting.attendees):
            state.known(f"meeting.attendees[{i}].partner_id", a.partner_id)
        group = self.meeting.group
        if group is not None:
            current = state.governance[-1][1] if state.governance else None
            if current is None or all(g.id != group for g in current.groups):
                raise UnknownReferenceError(
                    "meeting.group",
                    group,
                    "is not a group of the partnership's governance now",
                    code="unknown-group",
                )
        state.meetings = state.meetings.appended(self.meeting)


@attrs.frozen(kw_only=True)
class MoUDrafted(Recorded):
    """An MoU was drafted; its date is the MoU's ``drafted_on``."""

    TAG: ClassVar[str] = "mou-drafted"

    mou: MoU

    def __attrs_post_init__(self) -> None:
        _check_mou(self.mou)

    @property
    def on(self) -> date:
        """The date the MoU was drafted."""
        return self.mou.drafted_on

    def _apply(self, state: State) -> None:
        if self.mou.id in state.mous:
            raise RuleViolationError(
                "mou.id",
                self.mou.id,
                "is the id of an MoU already drafted; amend it instead",
                code="id-taken",
            )
        _check_unsigned_version(self.mou, 1, "a new MoU is drafted as version 1")
        _check_parties(state, self.mou)
        state.mous = state.put(state.mous, self.mou.id, (self.mou,))


@attrs.frozen(kw_only=True)
class MoUSigned(Recorded):
    """A named signatory signed the current version of an MoU."""

    TAG: ClassVar[str] = "mou-signed"

    on: date = attrs.field(converter=fields.on_date)
    mou_id: str = attrs.field(converter=_mou_id)
    person: str = attrs.field(converter=fields.person)

    def _apply(self, state: State) -> None:
        versions = state.mou_versions("mou_id", self.mou_id)
        try:
            signed = versions[-1].sign(self.person, on=self.on)
        except PSPError as error:
            field = "on" if str(error.field).endswith(".on") else "person"
            raise type(error)(field, error.value, error.reason, code=error.code) from None
        state.mous = state.put(state.mous, self.mou_id, (*versions[:-1], signed))


@attrs.frozen(kw_only=True)
class MoUAmended(Recorded):
    """A new version of an MoU superseded the current one; its date is its ``drafted_on``."""

    TAG: ClassVar[str] = "mou-amended"

    mou: MoU

    def __attrs_post_init__(self) -> None:
        _check_mou(self.mou)

    @property
    def on(self) -> date:
        """The date the new version was drafted."""
        return self.mou.drafted_on

    def _apply(self, state: State) -> None:
        versions = state.mou_versions("mou.id", self.mou.id)
        version = versions[-1].version + 1
        _check_unsigned_version(
            self.mou, version, f"an amendment of version {version - 1} is {version}"
        )
        _check_parties(state, self.mou)
        state.mous = state.put(state.mous, self.mou.id, (*versions, self.mou))


def _check_parties(state: State, mou: MoU) -> None:
    for pid in sorted(mou.parties):
        state.known("mou.parties", pid)


def _check_unsigned_version(mou: MoU, version: int, why: str) -> None:
    """Refuse an MoU recorded as drafted or amended with the wrong version or signed."""
    if mou.version != version:
        raise RuleViolationError("mou.version", mou.version, why, code="wrong-version")
    if mou.signatures:
        raise RuleViolationError(
            "mou.signatures",
            [x.person for x in mou.signatures],
            "an MoU is recorded unsigned; record each signature with sign_mou",
            code="not-initial-state",
        )
