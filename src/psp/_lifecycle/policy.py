"""Programme rules that differ between funds, the rules a fund writes itself, waivers
of a rule for one partnership, and the findings they produce."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base import pickling as _pickling
from psp._base.errors import InvalidValueError
from psp._base.period import Period, a_period
from psp._base.roles import CORE_ROLES, Role, RoleName
from psp._base.scope import Focus, FocusName
from psp._base.vocabulary import Term, term_of, terms_of
from psp._lifecycle.stages import Step, StepName
from psp._partners.organisation import PublicBodyKind, PublicBodyKindName, Sector, SectorName

if TYPE_CHECKING:
    from psp._lifecycle.guards import Facts

__all__ = ["Finding", "Policy", "Rule", "Severity", "Waiver"]


class Severity(enum.StrEnum):
    """How much a finding matters."""

    BREACH = "breach"  #: the rules are not met; a lifecycle step with a breach is refused
    WARNING = "warning"  #: worth attention; the rules do not forbid it


SeverityName: TypeAlias = Literal["breach", "warning"]


#: Every rule psp reports, with its one severity: the same in :meth:`Policy.check`,
#: :meth:`psp.Partnership.findings`, :meth:`psp.Partnership.blockers` and a step's
#: warnings, because each of them makes its findings with :meth:`Finding.of`.
_RULES: Mapping[str, Severity] = MappingProxyType(
    {
        # The partnership's make-up (Policy.check), which are also start-design's guards.
        "lead-missing": Severity.BREACH,
        "lead-sector": Severity.BREACH,
        "min-public-members": Severity.BREACH,
        "min-third-members": Severity.BREACH,
        "role-unfilled": Severity.WARNING,
        "public-body-absent": Severity.WARNING,
        # The other lifecycle steps.
        "no-such-step": Severity.BREACH,
        "mou-unsigned": Severity.BREACH,
        "pilot-funding": Severity.BREACH,
        "design-unapproved": Severity.BREACH,
        "cja-sign-off": Severity.WARNING,
        "measures-missing": Severity.BREACH,
        "measure-without-result": Severity.BREACH,
        "commitment-missing": Severity.BREACH,
        "conditions-unmet": Severity.BREACH,
        "tender-unawarded": Severity.BREACH,
        "delivery-funding": Severity.BREACH,
        "budget-uncovered": Severity.BREACH,  # budgets (issue 17, item 2)
        "reason-missing": Severity.BREACH,
        # A bid submitted to a fund's stream (issue 17, item 1).
        "stream-purpose": Severity.BREACH,
        "stream-dates": Severity.WARNING,
    }
)


#: psp's own rules of the lifecycle, not a programme's: no waiver sets them aside (a step
#: the lifecycle table lacks; closing without a reason).
_NOT_WAIVABLE: frozenset[str] = frozenset({"no-such-step", "reason-missing"})


def _waiver_rule(value: str) -> str:
    return _checks.an_id("rule", value)


def _granted_by(value: str) -> str:
    return _checks.an_id("granted_by", value)


def _period(value: Period) -> Period:
    return a_period("period", value)


def _why(value: str) -> str:
    return _checks.text("reason", value)


@attrs.frozen
class Waiver:
    """A programme's waiver of one ``rule`` for one partnership: who granted it
    (``granted_by``, an organisation the partnership knows, a member or not), over which
    ``period`` (from the day it was granted; open, or up to the day it ends), and why.

    While it is in force, a finding of the rule is reported with the waiver
    (:attr:`Finding.waiver`), not as a breach: it refuses no step, and
    :meth:`psp.Partnership.blockers` does not list it. Recorded with
    :meth:`psp.Partnership.waive`.
    """

    rule: str = attrs.field(converter=_waiver_rule)
    granted_by: str = attrs.field(converter=_granted_by)
    period: Period = attrs.field(converter=_period)
    reason: str = attrs.field(converter=_why)

    def in_force(self, on: date) -> bool:
        """Whether the waiver sets its rule aside on ``on``."""
        return self.period.contains(on)


def _waiver(value: Waiver | None) -> Waiver | None:
    if value is not None and not isinstance(value, Waiver):
        raise InvalidValueError("waiver", value, "must be a psp.Waiver or None", code="wrong-type")
    return value


@attrs.frozen
class Finding:
    """One thing a check found: which ``rule``, how serious, and a sentence about it.

    ``subject`` names what it is about (a role, a sector, an area, a bid) when there
    is one. ``Finding.RULES`` maps every rule psp reports to its one severity, and psp
    makes each finding with :meth:`of`, which reads it there: a rule is a breach (or a
    warning) wherever it is reported. A finding of a fund's own rule (:class:`psp.Rule`)
    has that rule's code and severity.

    ``waiver`` is the :class:`psp.Waiver` in force for the rule, if the programme
    waived it for this partnership: such a finding is reported, but blocks nothing
    (:attr:`blocking`).
    """

    RULES: ClassVar[Mapping[str, Severity]] = _RULES

    rule: str
    severity: Severity
    message: str
    subject: str | None = None
    waiver: Waiver | None = attrs.field(default=None, converter=_waiver, kw_only=True)

    @classmethod
    def of(cls, rule: str, message: str, subject: str | None = None) -> Finding:
        """A finding of one of psp's rules, with the severity ``Finding.RULES`` gives it."""
        severity = _RULES.get(rule)
        if severity is None:
            raise InvalidValueError(
                "rule", rule, "is not a rule psp reports (see Finding.RULES)", code="unknown-choice"
            )
        return cls(rule, severity, message, subject)

    @property
    def blocking(self) -> bool:
        """Whether it refuses a step it guards: a breach, not waived."""
        return self.severity is Severity.BREACH and self.waiver is None


#: What a rule's check returns: ``None`` (or no messages) when the rule is met; else the
#: message of its one finding, or an iterable of messages, one finding each.
CheckResult: TypeAlias = "str | Iterable[str] | None"


def _rule_code(value: str) -> str:
    code = _checks.an_id("code", value)
    if code in _RULES:
        raise InvalidValueError(
            "code",
            code,
            "is one of psp's own rules (Finding.RULES); name yours prefix:name, "
            "like fund-x:two-nhs-members",
            code="rule-name-taken",
        )
    if ":" not in code or code.endswith(":"):
        raise InvalidValueError(
            "code",
            code,
            "must be namespaced, prefix:name, like fund-x:two-nhs-members "
            "(psp's own rules have no colon, so yours never collide with them)",
            code="not-namespaced",
        )
    return code


def _severity(value: Severity | SeverityName) -> Severity:
    return _checks.member_of(Severity, "severity", value)


def _one_line(value: str) -> str:
    line = _checks.text("description", value)
    if "\n" in line or "\r" in line:
        raise InvalidValueError("description", line, "must be one line", code="not-one-line")
    return line


def _check(value: Callable[[Facts], CheckResult]) -> Callable[[Facts], CheckResult]:
    if not callable(value):
        raise InvalidValueError(
            "check", value, "must be callable: a function of psp.Facts", code="wrong-type"
        )
    return value


def _steps(value: Iterable[Step | StepName]) -> frozenset[Step]:
    return _checks.members_of(Step, "steps", value)


def _callable_name(value: Callable[..., Any]) -> str:
    return getattr(value, "__qualname__", None) or type(value).__qualname__


@attrs.frozen
class Rule:
    """A rule a fund writes itself, beside psp's own (:attr:`Finding.RULES`).

    ``code`` names it, namespaced as ``prefix:name`` (``"fund-x:two-nhs-members"``) in
    the id grammar, so that it never collides with psp's own rules, which have no colon.
    ``severity`` is the one severity of its findings; ``description`` says in one line
    what it asks. ``check`` is a function of the partnership's :class:`psp.Facts` on a
    date: it returns ``None`` (or no messages) when the rule is met, else a message or
    an iterable of messages, each one finding. ``steps`` are the lifecycle steps it
    guards; with none it is a composition rule, reported by
    :meth:`psp.Partnership.findings` and :meth:`psp.Policy.check`, and a guard of the
    ``start-design`` step, as psp's composition rules are.

    psp calls ``check`` only with facts it made from a valid partnership, never with
    facts read from data. A check that raises, or returns anything else (a number, a
    blank message), is reported as one finding of the rule, at its severity, saying the
    check failed: a breach rule then refuses the steps it guards, as if broken; nothing
    the partnership holds changes. A rule is data only by its code: ``psp.to_data``
    writes a policy's rules as their codes, and reading one back needs the rules given
    (``psp.from_data(data, psp.Policy, rules=[...])``).
    """

    code: str = attrs.field(converter=_rule_code)
    severity: Severity = attrs.field(converter=_severity)
    description: str = attrs.field(converter=_one_line)
    # Compared, not hashed: a callable object need not be hashable.
    check: Callable[[Facts], CheckResult] = attrs.field(
        converter=_check, repr=_callable_name, hash=False
    )
    steps: frozenset[Step] = attrs.field(default=frozenset(), converter=_steps, kw_only=True)


class _HasFocus(Protocol):
    @property
    def focus(self) -> frozenset[Focus | Term]: ...


class _Checkable(Protocol):
    """What :meth:`Policy.check` asks of a partnership (a :class:`psp.Partnership`)."""

    def findings(self, policy: Policy, on: date | None = None) -> tuple[Finding, ...]: ...


def _count(field: str, value: int) -> int:
    return _checks.whole(field, value, 0, _checks.MAX_COUNT)


def _min_public(value: int) -> int:
    return _count("min_public_members", value)


def _min_third(value: int) -> int:
    return _count("min_third_sector_members", value)


def _lead_sectors(value: Iterable[Sector | SectorName] | None) -> frozenset[Sector] | None:
    return None if value is None else _checks.members_of(Sector, "lead_sectors", value)


def _commitment_sectors(value: Iterable[Sector | SectorName] | None) -> frozenset[Sector] | None:
    return None if value is None else _checks.members_of(Sector, "commitment_sectors", value)


def _required_roles(value: Iterable[Role | RoleName]) -> frozenset[Role]:
    return _checks.members_of(Role, "required_roles", value)


def _expected(
    value: _checks.ItemsOf[Focus | FocusName | Term, Iterable[PublicBodyKind | PublicBodyKindName]],
) -> Mapping[Focus | Term, frozenset[PublicBodyKind]]:
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            "expected_public_bodies",
            value,
            "must map a focus to public-body kinds",
            code="not-a-collection",
        )
    result: dict[Focus | Term, frozenset[PublicBodyKind]] = {}
    for key, kinds in value.items():
        focus = term_of(Focus, "expected_public_bodies", key)
        field = f"expected_public_bodies[{focus}]"
        result[focus] = _checks.members_of(PublicBodyKind, field, kinds)
    return MappingProxyType(result)


def _text(value: str) -> str:
    return _checks.text("name", value)


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "rules", value, "must be a collection of psp.Rule", code="not-a-collection"
        )
    found: dict[str, Rule] = {}
    for index, rule in enumerate(value):
        if not isinstance(rule, Rule):
            raise InvalidValueError(
                f"rules[{index}]", rule, "must be a psp.Rule", code="wrong-type"
            )
        if rule.code in found:
            raise InvalidValueError(
                f"rules[{index}]",
                rule.code,
                "names a rule the policy has already; a code names one rule",
                code="duplicate",
            )
        found[rule.code] = rule
    return tuple(found.values())


def _flag(value: bool) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError("policy", value, "switches are true or false", code="not-a-boolean")
    return value


@attrs.frozen(unsafe_hash=False)
class Policy:
    """A programme's rules for its partnerships.

    Sources differ on these, so they are settings, not fixed rules. Composition
    (checked by :meth:`check` and by lifecycle steps):

    - ``lead_sectors``: the sectors a lead may come from (RRCF: third sector; ``None``:
      any);
    - ``min_public_members``, ``min_third_sector_members``: at least one of each makes
      a *public social* partnership (the RRCF's Year 1 criterion);
    - ``required_roles``: roles some member should hold (warnings, ``role-unfilled``;
      a partnership always needs a lead, and its absence is a breach, ``lead-missing``);
    - ``expected_public_bodies``: for each focus, the public-body kinds a partnership
      with that focus should include (3.4, 3.57; warnings).

    Lifecycle (see :mod:`the lifecycle guards <psp>`):

    - ``mou_before_pilot``: a signed MoU before the pilot, and ``mou_at_launch``: it may
      be signed on the day the pilot starts (Low Moss signed at its launch);
    - ``design_approval_before_pilot`` and ``pilot_award_before_pilot``;
    - ``cja_sign_off``: warn about areas a pilot bid covers without CJA sign-off (3.53);
    - ``sustainability_before_delivery_bid``: a commitment sought before a delivery bid
      is submitted (RRCF Year 2/3);
    - ``commitment_sectors``: who may give a sustainability commitment (``None``: anyone);
    - ``measures_before_review``, ``conditions_before_commissioning``,
      ``tender_before_commissioning``;
    - ``bid_purpose_in_stream``: refuse a bid submitted to a stream for a purpose it does
      not fund (``stream-purpose``, a breach), and ``bid_within_stream_dates``: warn of
      one submitted before its stream opens or after its deadline (``stream-dates``);
    - ``budget_before_commissioning``: a budget whose period covers the day the service
      is commissioned (off by default).

    Payments: ``payments_beyond_award`` lets an awarded bid's payments, planned or
    made, add up to more than its award (by default they may not).

    A fund's own rules (:class:`psp.Rule`), in ``rules``, are checked beside these, in
    the order given: composition rules by :meth:`check` and ``start-design``, the
    others by the steps they guard.

    ``Policy()`` is the general PSP model; :meth:`rrcf` the Reducing Reoffending Change
    Fund's rules.
    """

    name: str = attrs.field(default="PSP", converter=_text)
    lead_sectors: frozenset[Sector] | None = attrs.field(default=None, converter=_lead_sectors)
    min_public_members: int = attrs.field(default=1, converter=_min_public)
    min_third_sector_members: int = attrs.field(default=1, converter=_min_third)
    required_roles: frozenset[Role] = attrs.field(
        default=frozenset({Role.LEAD}), converter=_required_roles
    )
    expected_public_bodies: Mapping[Focus | Term, frozenset[PublicBodyKind]] = attrs.field(
        factory=dict, converter=_expected
    )
    mou_before_pilot: bool = attrs.field(default=True, converter=_flag)
    mou_at_launch: bool = attrs.field(default=True, converter=_flag)
    design_approval_before_pilot: bool = attrs.field(default=True, converter=_flag)
    pilot_award_before_pilot: bool = attrs.field(default=True, converter=_flag)
    cja_sign_off: bool = attrs.field(default=True, converter=_flag)
    sustainability_before_delivery_bid: bool = attrs.field(default=False, converter=_flag)
    budget_before_commissioning: bool = attrs.field(
        default=False, converter=_flag, kw_only=True, metadata=_checks.ADDED_SINCE
    )
    commitment_sectors: frozenset[Sector] | None = attrs.field(
        default=None, converter=_commitment_sectors
    )
    measures_before_review: bool = attrs.field(default=True, converter=_flag)
    conditions_before_commissioning: bool = attrs.field(default=True, converter=_flag)
    tender_before_commissioning: bool = attrs.field(default=True, converter=_flag)
    bid_purpose_in_stream: bool = attrs.field(
        default=True, converter=_flag, metadata=_checks.ADDED_SINCE
    )
    bid_within_stream_dates: bool = attrs.field(
        default=True, converter=_flag, metadata=_checks.ADDED_SINCE
    )
    payments_beyond_award: bool = attrs.field(
        default=False, converter=_flag, metadata=_checks.ADDED_SINCE
    )
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_rules)

    def __hash__(self) -> int:
        fields = attrs.astuple(self, recurse=False)
        return hash(
            tuple(tuple(sorted(f.items())) if isinstance(f, Mapping) else f for f in fields)
        )

    __copy__ = _pickling.itself
    __deepcopy__ = _pickling.itself_deep

    def __reduce__(self) -> tuple[Any, ...]:
        # A read-only mapping cannot be pickled: a dict stands in for it.
        return _pickling.by_arguments(
            self, expected_public_bodies=dict(self.expected_public_bodies)
        )

    @classmethod
    def rrcf(cls) -> Policy:
        """The Reducing Reoffending Change Fund's rules (evaluation of Year 1).

        A third-sector lead; at least one public and one third-sector partner (Year 1
        criterion); lead, provider, referral and strategic roles filled (3.19); CJAs
        in every partnership (3.52), the prison service for prison leavers and people
        on remand, the NHS and ADPs where substance use is the focus (3.4, 3.57); a
        sustainability commitment sought before the delivery bid, given by a public body.
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
            sustainability_before_delivery_bid=True,
            commitment_sectors={Sector.PUBLIC},
        )

    def expected_public_bodies_for(
        self, subject: _HasFocus | Iterable[Focus | FocusName | Term]
    ) -> frozenset[PublicBodyKind]:
        """The public-body kinds this policy expects for a partnership (or a set of
        focuses)."""
        focus = subject.focus if hasattr(subject, "focus") else subject
        kinds: frozenset[PublicBodyKind] = frozenset()
        for f in terms_of(Focus, "focus", focus):
            kinds |= self.expected_public_bodies.get(f, frozenset())
        return kinds

    def rule(self, code: str) -> Rule | None:
        """The policy's own rule with this code, if it has one."""
        return next((r for r in self.rules if r.code == code), None)

    def waivable(self, code: str) -> bool:
        """Whether a waiver may set aside the rule ``code`` under this policy: one of
        psp's programme rules (every rule of :attr:`Finding.RULES` but ``no-such-step``
        and ``reason-missing``, psp's own rules of the lifecycle) or one of ``rules``."""
        return (code in _RULES and code not in _NOT_WAIVABLE) or self.rule(code) is not None

    def check(self, partnership: _Checkable, on: date | None = None) -> tuple[Finding, ...]:
        """Every way the partnership on ``on`` (``None``: now) falls short of this policy's
        composition rules; the same as ``partnership.findings(self, on)``."""
        return partnership.findings(self, on)
