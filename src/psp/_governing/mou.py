"""The Memorandum of Understanding: parties, values, clauses, proposed governance, and
its acceptance section of named signatories (3.5, 3.9, 3.25; Low Moss)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError
from psp._governing.structure import GovernanceStructure

__all__ = [
    "Clause",
    "ClauseSubject",
    "ClauseSubjectName",
    "MoU",
    "PartnershipValue",
    "PartnershipValueName",
    "Signatory",
    "Signature",
]


class PartnershipValue(enum.StrEnum):
    """The eight partnership values the MoUs record."""

    EQUALITY = "equality"
    MUTUAL_RESPECT_AND_TRUST = "mutual-respect-and-trust"
    OPEN_COMMUNICATION = "open-and-transparent-communication"
    COOPERATION_AND_CONSULTATION = "co-operation-and-consultation"
    POSITIVE_AND_CONSTRUCTIVE = "positive-and-constructive"
    LEARNING_FROM_OTHERS = "willingness-to-work-with-and-learn-from-others"
    COMMITMENT_TO_EXCELLENT_SERVICES = "shared-commitment-to-excellent-services"
    BEST_USE_OF_RESOURCES = "best-use-of-resources"


#: The values of :class:`PartnershipValue`, for text that names a partnership value.
PartnershipValueName: TypeAlias = Literal[
    "equality",
    "mutual-respect-and-trust",
    "open-and-transparent-communication",
    "co-operation-and-consultation",
    "positive-and-constructive",
    "willingness-to-work-with-and-learn-from-others",
    "shared-commitment-to-excellent-services",
    "best-use-of-resources",
]


class ClauseSubject(enum.StrEnum):
    """What a clause of an MoU is about."""

    PURPOSE_AND_SCOPE = "purpose-and-scope"
    GOVERNANCE = "governance"
    DATA_SHARING = "data-sharing"  #: Low Moss: "set clear boundaries" on sharing data
    INTELLECTUAL_PROPERTY = "intellectual-property"
    EXIT = "exit"
    OTHER = "other"


#: The values of :class:`ClauseSubject`, for text that names a clause subject.
ClauseSubjectName: TypeAlias = Literal[
    "purpose-and-scope",
    "governance",
    "data-sharing",
    "intellectual-property",
    "exit",
    "other",
]


def _subject(value: ClauseSubject | ClauseSubjectName) -> ClauseSubject:
    return _checks.member_of(ClauseSubject, "subject", value)


def _clause_text(value: str) -> str:
    return _checks.text("text", value)


@attrs.frozen
class Clause:
    """One clause of an MoU: its subject and its words."""

    subject: ClauseSubject = attrs.field(converter=_subject)
    text: str = attrs.field(converter=_clause_text)


def _person(value: str) -> str:
    return _checks.text("person", value)


def _partner_id(value: str) -> str:
    return _checks.an_id("partner_id", value)


def _capacity(value: str | None) -> str | None:
    return None if value is None else _checks.text("capacity", value)


@attrs.frozen
class Signatory:
    """A person named in the acceptance section to sign for an organisation."""

    person: str = attrs.field(converter=_person)
    partner_id: str = attrs.field(converter=_partner_id)
    capacity: str | None = attrs.field(default=None, converter=_capacity)


def _on(value: date) -> date:
    return _checks.a_date("on", value)


@attrs.frozen
class Signature:
    """A named signatory's signature, and its date."""

    person: str = attrs.field(converter=_person)
    on: date = attrs.field(converter=_on)


def _id(value: str) -> str:
    return _checks.an_id("id", value)


def _version(value: int) -> int:
    return _checks.whole("version", value, 1, _checks.MAX_VERSION)


def _drafted_on(value: date) -> date:
    return _checks.a_date("drafted_on", value)


def _parties(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("parties", value)


def _values(
    value: Iterable[PartnershipValue | PartnershipValueName],
) -> frozenset[PartnershipValue]:
    return _checks.members_of(PartnershipValue, "values", value)


def _tuple_of(cls: type, field: str, value: Iterable[object]) -> tuple[Any, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            field, value, f"must be a sequence of {cls.__name__}", code="not-a-collection"
        )
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise InvalidValueError(
                f"{field}[{i}]", item, f"must be a {cls.__name__}", code="wrong-type"
            )
    return items


def _clauses(value: Iterable[Clause]) -> tuple[Clause, ...]:
    return _tuple_of(Clause, "clauses", value)


def _signatories(value: Iterable[Signatory]) -> tuple[Signatory, ...]:
    return _tuple_of(Signatory, "signatories", value)


def _signatures(value: Iterable[Signature]) -> tuple[Signature, ...]:
    return _tuple_of(Signature, "signatures", value)


@attrs.frozen(kw_only=True)
class MoU:
    """A Memorandum of Understanding: voluntary, not a contract (3.25).

    It lists its ``parties`` (organisation ids), records the partnership ``values``,
    holds ``clauses``, may propose a ``governance`` structure, and names
    ``signatories`` in its acceptance section. It is *signed* once every named
    signatory has signed; :meth:`sign` records one signature and returns the new MoU.
    An amendment (:meth:`amended`) is a new version that starts unsigned.

    >>> from datetime import date
    >>> m = MoU(id="mou", drafted_on=date(2012, 9, 1), parties={"tps", "cja"},
    ...         signatories=[Signatory("Ann Lee", "tps"), Signatory("Bo Ma", "cja")])
    >>> m = m.sign("Ann Lee", on=date(2012, 11, 1))
    >>> m.is_signed, [s.person for s in m.unsigned()]
    (False, ['Bo Ma'])
    """

    id: str = attrs.field(converter=_id)
    version: int = attrs.field(default=1, converter=_version)
    drafted_on: date = attrs.field(converter=_drafted_on)
    parties: frozenset[str] = attrs.field(converter=_parties)
    values: frozenset[PartnershipValue] = attrs.field(
        default=frozenset(PartnershipValue), converter=_values
    )
    clauses: tuple[Clause, ...] = attrs.field(default=(), converter=_clauses)
    governance: GovernanceStructure | None = None
    signatories: tuple[Signatory, ...] = attrs.field(default=(), converter=_signatories)
    signatures: tuple[Signature, ...] = attrs.field(default=(), converter=_signatures)

    def __attrs_post_init__(self) -> None:
        if self.governance is not None and not isinstance(self.governance, GovernanceStructure):
            raise InvalidValueError(
                "governance", self.governance, "must be a GovernanceStructure", code="wrong-type"
            )
        named: set[str] = set()
        for i, s in enumerate(self.signatories):
            if s.person in named:
                raise InvalidValueError(
                    f"signatories[{i}].person", s.person, "is named twice", code="duplicate"
                )
            if s.partner_id not in self.parties:
                raise InvalidValueError(
                    f"signatories[{i}].partner_id",
                    s.partner_id,
                    "signs for an organisation that is not a party to the MoU",
                    code="not-listed",
                )
            named.add(s.person)
        signed: set[str] = set()
        for i, sig in enumerate(self.signatures):
            self._check_signature(f"signatures[{i}]", sig, named, signed)
            signed.add(sig.person)
        if self.governance is not None:
            outsiders = self.governance.members() - self.parties
            if outsiders:
                raise InvalidValueError(
                    "governance",
                    sorted(outsiders),
                    "proposes group members who are not parties to the MoU",
                    code="not-listed",
                )

    def _check_signature(
        self, field: str, sig: Signature, named: set[str], signed: set[str]
    ) -> None:
        if sig.person not in named:
            raise RuleViolationError(
                f"{field}.person",
                sig.person,
                "is not named as a signatory in the acceptance section",
                code="not-a-signatory",
            )
        if sig.person in signed:
            raise RuleViolationError(
                f"{field}.person", sig.person, "has already signed", code="already-signed"
            )
        if sig.on < self.drafted_on:
            raise RuleViolationError(
                f"{field}.on",
                sig.on.isoformat(),
                f"is before the MoU was drafted ({self.drafted_on.isoformat()})",
                code="before-drafted",
            )

    def sign(self, person: str, *, on: date) -> MoU:
        """This MoU with ``person``'s signature dated ``on``."""
        return attrs.evolve(self, signatures=(*self.signatures, Signature(person, on)))

    def amended(
        self,
        *,
        on: date,
        parties: Iterable[str] | None = None,
        values: Iterable[PartnershipValue | PartnershipValueName] | None = None,
        clauses: Iterable[Clause] | None = None,
        governance: GovernanceStructure | None = None,
        signatories: Iterable[Signatory] | None = None,
    ) -> MoU:
        """A new, unsigned version drafted ``on``, with the changes given."""
        if on < self.drafted_on:
            raise RuleViolationError(
                "on",
                on.isoformat(),
                "an amendment cannot be drafted before the version it amends",
                code="before-drafted",
            )
        return MoU(
            id=self.id,
            version=self.version + 1,
            drafted_on=on,
            parties=self.parties if parties is None else parties,
            values=self.values if values is None else values,
            clauses=self.clauses if clauses is None else clauses,
            governance=self.governance if governance is None else governance,
            signatories=self.signatories if signatories is None else signatories,
        )

    @property
    def is_signed(self) -> bool:
        """Whether every named signatory has signed (and at least one is named)."""
        return bool(self.signatories) and len(self.signatures) == len(self.signatories)

    @property
    def signed_on(self) -> date | None:
        """The date of the last signature that completed the MoU, or ``None``."""
        return max(s.on for s in self.signatures) if self.is_signed else None

    def unsigned(self) -> tuple[Signatory, ...]:
        """The named signatories who have not signed, in the order they are named."""
        signed = {s.person for s in self.signatures}
        return tuple(s for s in self.signatories if s.person not in signed)

    def parties_without_signatory(self) -> frozenset[str]:
        """Parties listed in the MoU but with nobody named to sign for them (3.5)."""
        return self.parties - {s.partner_id for s in self.signatories}
