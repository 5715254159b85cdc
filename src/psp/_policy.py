"""Programme rules that differ between funds, and the findings they produce."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from psp import _checks
from psp._errors import InvalidValueError
from psp._organisation import PublicBodyKind, Sector
from psp._partnership import Focus, Partnership
from psp._roles import CORE_ROLES, Role

__all__ = ["Finding", "Policy", "Severity"]


class Severity(enum.StrEnum):
    """How much a finding matters."""

    BREACH = "breach"  #: the fund's rules are not met
    WARNING = "warning"  #: worth attention; the rules do not forbid it


@attrs.frozen
class Finding:
    """One thing a policy check found: which ``rule``, how serious, and a sentence about it.

    ``subject`` names what it is about (a role, a sector, a public-body kind) when
    there is one.
    """

    rule: str
    severity: Severity
    message: str
    subject: str | None = None


def _count(field: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(field, value, "must be a whole number, 0 or more")
    return value


def _min_public(value: Any) -> int:
    return _count("min_public_members", value)


def _min_third(value: Any) -> int:
    return _count("min_third_sector_members", value)


def _lead_sectors(value: Iterable[Any] | None) -> frozenset[Sector] | None:
    return None if value is None else _checks.members_of(Sector, "lead_sectors", value)


def _required_roles(value: Iterable[Any]) -> frozenset[Role]:
    return _checks.members_of(Role, "required_roles", value)


def _expected(value: Mapping[Any, Iterable[Any]]) -> Mapping[Focus, frozenset[PublicBodyKind]]:
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            "expected_public_bodies", value, "must map a focus to public-body kinds"
        )
    result: dict[Focus, frozenset[PublicBodyKind]] = {}
    for key, kinds in value.items():
        focus = _checks.member_of(Focus, "expected_public_bodies", key)
        result[focus] = _checks.members_of(
            PublicBodyKind, f"expected_public_bodies[{focus}]", kinds
        )
    return MappingProxyType(result)


def _text(value: Any) -> str:
    return _checks.text("name", value)


@attrs.frozen(hash=False)
class Policy:
    """A fund's programme rules, checked against a partnership by :meth:`check`.

    Sources differ on these, so they are settings, not fixed rules:

    - ``lead_sectors``: the sectors a lead may come from (RRCF: third sector only;
      ``None`` allows any);
    - ``min_public_members`` and ``min_third_sector_members`` (RRCF Year 1: one each);
    - ``required_roles``: roles some member must hold;
    - ``expected_public_bodies``: for each focus, the public-body kinds a partnership
      with that focus should include (3.4, 3.57).

    :meth:`rrcf` is the Reducing Reoffending Change Fund's policy.
    """

    name: str = attrs.field(default="open", converter=_text)
    lead_sectors: frozenset[Sector] | None = attrs.field(default=None, converter=_lead_sectors)
    min_public_members: int = attrs.field(default=0, converter=_min_public)
    min_third_sector_members: int = attrs.field(default=0, converter=_min_third)
    required_roles: frozenset[Role] = attrs.field(
        default=frozenset({Role.LEAD}), converter=_required_roles
    )
    expected_public_bodies: Mapping[Focus, frozenset[PublicBodyKind]] = attrs.field(
        factory=dict, converter=_expected
    )

    @classmethod
    def rrcf(cls) -> Policy:
        """The Reducing Reoffending Change Fund's rules (evaluation of Year 1).

        A third-sector lead; at least one public and one third-sector partner (Year 1
        criterion); lead, provider, referral and strategic roles filled (3.19); CJAs
        in every partnership (3.52), the prison service for prison leavers and people
        on remand, the NHS and ADPs where substance use is the focus (3.4, 3.57).
        """
        return cls(
            name="RRCF",
            lead_sectors={Sector.THIRD},
            min_public_members=1,
            min_third_sector_members=1,
            required_roles=CORE_ROLES,
            expected_public_bodies={
                Focus.PRISON_LEAVERS: {
                    PublicBodyKind.CJA,
                    PublicBodyKind.LOCAL_AUTHORITY,
                    PublicBodyKind.PRISON_SERVICE,
                },
                Focus.REMAND: {PublicBodyKind.CJA, PublicBodyKind.PRISON_SERVICE},
                Focus.COMMUNITY_SENTENCES: {PublicBodyKind.CJA, PublicBodyKind.LOCAL_AUTHORITY},
                Focus.WOMEN: {PublicBodyKind.CJA, PublicBodyKind.LOCAL_AUTHORITY},
                Focus.SUBSTANCE_USE: {
                    PublicBodyKind.CJA,
                    PublicBodyKind.ADP,
                    PublicBodyKind.NHS_BOARD,
                },
            },
        )

    def expected_public_bodies_for(self, partnership: Partnership) -> frozenset[PublicBodyKind]:
        """The public-body kinds this policy expects, given the partnership's focus."""
        kinds: frozenset[PublicBodyKind] = frozenset()
        for focus in partnership.focus:
            kinds |= self.expected_public_bodies.get(focus, frozenset())
        return kinds

    def check(self, partnership: Partnership, on: date | None = None) -> tuple[Finding, ...]:
        """Every way the partnership on ``on`` (``None``: now) falls short of this policy.

        Breaches come first, then warnings; an empty tuple means nothing was found.
        """
        findings: list[Finding] = []
        lead = partnership.lead(on)
        if (
            lead is not None
            and self.lead_sectors is not None
            and lead.sector not in self.lead_sectors
        ):
            allowed = " or ".join(sorted(s.value for s in self.lead_sectors))
            findings.append(
                Finding(
                    "lead-sector",
                    Severity.BREACH,
                    f"the lead, {lead.name}, is {lead.sector.value} sector; "
                    f"{self.name} requires a {allowed}-sector lead",
                    lead.sector.value,
                )
            )
        balance = partnership.sector_balance(on)
        for sector, minimum in (
            (Sector.PUBLIC, self.min_public_members),
            (Sector.THIRD, self.min_third_sector_members),
        ):
            if balance.count(sector) < minimum:
                findings.append(
                    Finding(
                        f"min-{sector.value}-members",
                        Severity.BREACH,
                        f"{balance.count(sector)} {sector.value}-sector member(s); "
                        f"{self.name} requires at least {minimum}",
                        sector.value,
                    )
                )
        for role in sorted(partnership.unfilled_roles(on, self.required_roles)):
            findings.append(
                Finding(
                    "role-unfilled",
                    Severity.BREACH,
                    f"no member holds the {role.value} role",
                    role.value,
                )
            )
        expected = self.expected_public_bodies_for(partnership)
        for kind in sorted(partnership.absent_public_body_kinds(expected, on)):
            findings.append(
                Finding(
                    "public-body-absent",
                    Severity.WARNING,
                    f"no {kind.value} among the members, though {self.name} expects one "
                    "for this partnership's focus",
                    kind.value,
                )
            )
        return tuple(findings)
