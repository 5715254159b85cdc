"""Governance structures: the groups that steer a partnership, and how they meet (3.11-3.17)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs
from dateutil.relativedelta import relativedelta

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError

if TYPE_CHECKING:
    from dateutil.rrule import rrule

__all__ = [
    "Cadence",
    "CadenceCheck",
    "CadenceUnit",
    "CadenceUnitName",
    "DecisionStyle",
    "DecisionStyleName",
    "Firmness",
    "FirmnessName",
    "GovernanceStructure",
    "GovernanceType",
    "GovernanceTypeName",
    "Group",
    "GroupTier",
    "GroupTierName",
    "Responsibility",
    "ResponsibilityName",
]


class GovernanceType(enum.StrEnum):
    """The three structures the RRCF partnerships proposed (3.16)."""

    SINGLE_TIER = "single-tier"  #: one Governance Group (7 of 14 PSPs)
    TWO_TIER = "two-tier"  #: a strategic and an operational group (4 of 14)
    LOCALITY_BASED = "locality-based"  #: local steering groups under one Governance Group (3)


#: The values of :class:`GovernanceType`, for text that names a governance type.
GovernanceTypeName: TypeAlias = Literal["single-tier", "two-tier", "locality-based"]


class GroupTier(enum.StrEnum):
    """Where a group sits in a structure."""

    GOVERNANCE = "governance"  #: the (overarching) Governance Group
    STRATEGIC = "strategic"  #: the strategic tier of a two-tier structure
    OPERATIONAL = "operational"  #: the operational tier of a two-tier structure
    LOCAL = "local"  #: a local steering group in a locality-based structure
    WORKING = "working"  #: an informal core working group (3.12), in any structure


#: The values of :class:`GroupTier`, for text that names a group tier.
GroupTierName: TypeAlias = Literal["governance", "strategic", "operational", "local", "working"]


class Responsibility(enum.StrEnum):
    """The eight Governance Group responsibilities found in the MoUs (3.17)."""

    OVERSEE_AND_GUIDE = "oversee-and-guide"
    OUTCOMES = "outcomes"  #: ensure the services work to the intended outcomes
    SCRUTINISE_RESOURCES = "scrutinise-resources"
    HOLD_PARTNERS_ACCOUNTABLE = "hold-partners-accountable"
    SHARE_BEST_PRACTICE = "share-best-practice"  #: across local steering groups
    HIGHLIGHT_ISSUES = "highlight-issues"  #: local and national issues that may affect the PSP
    ENGAGE_STAKEHOLDERS = "engage-stakeholders"
    DISSEMINATE_LEARNING = "disseminate-learning"


#: The values of :class:`Responsibility`, for text that names a responsibility.
ResponsibilityName: TypeAlias = Literal[
    "oversee-and-guide",
    "outcomes",
    "scrutinise-resources",
    "hold-partners-accountable",
    "share-best-practice",
    "highlight-issues",
    "engage-stakeholders",
    "disseminate-learning",
]


class Firmness(enum.StrEnum):
    """How firm a proposed structure is (3.16)."""

    FIRM = "firm"  #: named members and a set meeting frequency
    PARTLY_DEFINED = "partly-defined"
    UNDEFINED = "undefined"  #: responsibilities not defined


#: The values of :class:`Firmness`, for text that names a firmness.
FirmnessName: TypeAlias = Literal["firm", "partly-defined", "undefined"]


class DecisionStyle(enum.StrEnum):
    """How a group takes decisions (3.29)."""

    COLLEGIATE = "collegiate"
    DIRECTIVE = "directive"


#: The values of :class:`DecisionStyle`, for text that names a decision style.
DecisionStyleName: TypeAlias = Literal["collegiate", "directive"]


class CadenceUnit(enum.StrEnum):
    """The unit a cadence counts in."""

    WEEKS = "weeks"
    MONTHS = "months"


#: The values of :class:`CadenceUnit`, for text that names a cadence unit.
CadenceUnitName: TypeAlias = Literal["weeks", "months"]


def _every(value: int) -> int:
    return _checks.whole("every", value, 1, 520)


def _unit(value: CadenceUnit | CadenceUnitName) -> CadenceUnit:
    return _checks.member_of(CadenceUnit, "unit", value)


def _check_up_to(instance: Cadence, attribute: attrs.Attribute[int | None], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < instance.every:
        raise InvalidValueError(
            "up_to",
            value,
            f"must be a whole number no smaller than every ({instance.every})",
            code="out-of-range",
        )
    if value > 520:
        raise InvalidValueError("up_to", value, "must be at most 520", code="out-of-range")


@attrs.frozen
class CadenceCheck:
    """How the meetings held in a window compare with a cadence.

    ``expected`` are the dates the cadence gives; ``held`` the meetings held in the
    window, in order; ``overdue`` the gaps (from, to) longer than the cadence allows:
    from the window's start or a meeting, to the next meeting or the window's end.
    """

    expected: tuple[date, ...]
    held: tuple[date, ...]
    overdue: tuple[tuple[date, date], ...]

    @property
    def is_kept(self) -> bool:
        """Whether no gap was longer than the cadence allows."""
        return not self.overdue


@attrs.frozen
class Cadence:
    """How often a group meets: every ``every`` weeks or months, or every ``every`` to
    ``up_to`` (3.12: "from every two weeks to every six to eight weeks").

    >>> from datetime import date
    >>> Cadence(2).expected_dates(date(2012, 4, 2), date(2012, 5, 1))
    (datetime.date(2012, 4, 2), datetime.date(2012, 4, 16), datetime.date(2012, 4, 30))
    """

    every: int = attrs.field(converter=_every)
    unit: CadenceUnit = attrs.field(default=CadenceUnit.WEEKS, converter=_unit)
    up_to: int | None = attrs.field(default=None, validator=_check_up_to)

    def _span(self, count: int) -> relativedelta:
        if self.unit is CadenceUnit.WEEKS:
            return relativedelta(weeks=count)
        return relativedelta(months=count)

    def step(self, times: int = 1) -> relativedelta:
        """The cadence's own spacing, ``times`` over."""
        return self._span(self.every * times)

    def longest_gap(self) -> relativedelta:
        """The longest spacing the cadence allows between two meetings."""
        return self._span(self.up_to or self.every)

    def to_rrule(self, start: date, end: date | None = None) -> rrule:
        """The cadence as a :class:`dateutil.rrule.rrule` starting on ``start``.

        Monthly rules skip months without ``start``'s day (as rrule does);
        :meth:`expected_dates` clips to the month's end instead.
        """
        from dateutil.rrule import MONTHLY, WEEKLY, rrule  # on first use: it is slow to import

        if self.unit is CadenceUnit.WEEKS:
            return rrule(WEEKLY, interval=self.every, dtstart=start, until=end)
        return rrule(MONTHLY, interval=self.every, dtstart=start, until=end)

    def expected_dates(self, start: date, end: date) -> tuple[date, ...]:
        """The meeting dates the cadence gives from ``start`` up to and including ``end``."""
        _checks.a_date("start", start)
        _checks.a_date("end", end)
        if end < start:
            raise InvalidValueError(
                "end",
                end.isoformat(),
                f"must not be before the start ({start.isoformat()})",
                code="end-before-start",
            )
        dates = []
        k = 0
        while (day := start + self.step(k)) <= end:
            dates.append(day)
            k += 1
        return tuple(dates)

    def check(self, held: Iterable[date], start: date, end: date) -> CadenceCheck:
        """Compare the meetings ``held`` with the cadence between ``start`` and ``end``."""
        expected = self.expected_dates(start, end)
        in_window = tuple(sorted(d for d in set(held) if start <= d <= end))
        overdue = []
        previous = start
        for day in (*in_window, end):
            if day > previous + self.longest_gap():
                overdue.append((previous, day))
            previous = day
        return CadenceCheck(expected, in_window, tuple(overdue))


def _group_id(value: str) -> str:
    return _checks.an_id("id", value)


def _group_name(value: str) -> str:
    return _checks.text("name", value)


def _tier(value: GroupTier | GroupTierName) -> GroupTier:
    return _checks.member_of(GroupTier, "tier", value)


def _member_ids(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("members", value)


def _chair_ids(value: Iterable[str]) -> frozenset[str]:
    return _checks.ids("chairs", value)


def _responsibilities(
    value: Iterable[Responsibility | ResponsibilityName],
) -> frozenset[Responsibility]:
    return _checks.members_of(Responsibility, "responsibilities", value)


def _reports_to(value: str | None) -> str | None:
    return _checks.optional_id("reports_to", value)


def _area(value: str | None) -> str | None:
    return None if value is None else _checks.text("area", value)


def _decision_style(value: DecisionStyle | DecisionStyleName | None) -> DecisionStyle | None:
    return None if value is None else _checks.member_of(DecisionStyle, "decision_style", value)


def _optional_flag(field: str, value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidValueError(field, value, "must be true, false or none", code="not-a-boolean")


@attrs.frozen
class Group:
    """A governance group: its members (organisation ids), chairs, responsibilities and
    how it meets. ``reports_to`` names the group above it, if any."""

    id: str = attrs.field(converter=_group_id)
    name: str = attrs.field(converter=_group_name)
    tier: GroupTier = attrs.field(converter=_tier)
    members: frozenset[str] = attrs.field(default=frozenset(), converter=_member_ids, kw_only=True)
    chairs: frozenset[str] = attrs.field(default=frozenset(), converter=_chair_ids, kw_only=True)
    responsibilities: frozenset[Responsibility] = attrs.field(
        default=frozenset(), converter=_responsibilities, kw_only=True
    )
    reports_to: str | None = attrs.field(default=None, converter=_reports_to, kw_only=True)
    cadence: Cadence | None = attrs.field(default=None, kw_only=True)
    minuted: bool | None = attrs.field(default=None, kw_only=True)
    firm_agenda: bool | None = attrs.field(default=None, kw_only=True)
    decision_style: DecisionStyle | None = attrs.field(
        default=None, converter=_decision_style, kw_only=True
    )
    area: str | None = attrs.field(default=None, converter=_area, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _optional_flag("minuted", self.minuted)
        _optional_flag("firm_agenda", self.firm_agenda)
        if self.cadence is not None and not isinstance(self.cadence, Cadence):
            raise InvalidValueError("cadence", self.cadence, "must be a Cadence", code="wrong-type")
        strangers = self.chairs - self.members
        if strangers:
            raise InvalidValueError(
                "chairs",
                sorted(strangers),
                "a chair must be a member of the group",
                code="not-listed",
            )
        if self.reports_to == self.id:
            raise InvalidValueError(
                "reports_to", self.id, "a group cannot report to itself", code="self-reference"
            )


def _type(value: GovernanceType | GovernanceTypeName) -> GovernanceType:
    return _checks.member_of(GovernanceType, "type", value)


def _groups(value: Iterable[Group]) -> tuple[Group, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "groups", value, "must be a sequence of groups", code="not-a-collection"
        )
    groups = tuple(value)
    for i, g in enumerate(groups):
        if not isinstance(g, Group):
            raise InvalidValueError(f"groups[{i}]", g, "must be a Group", code="wrong-type")
    return groups


def _firmness(value: Firmness | FirmnessName) -> Firmness:
    return _checks.member_of(Firmness, "firmness", value)


@attrs.frozen
class GovernanceStructure:
    """A partnership's governance: its type, its groups and how firm the proposal is.

    The structure is checked when made: group ids are unique; reporting lines name
    groups of the structure and form no cycle; a single-tier structure has one
    Governance Group; a two-tier one has strategic and operational groups, the
    operational reporting to a strategic one; a locality-based one has local groups
    that each report to its one overarching Governance Group. Informal working groups
    may sit in any structure.

    >>> gg = Group("gg", "Governance Group", "governance", responsibilities={"outcomes"})
    >>> s = GovernanceStructure("single-tier", [gg])
    >>> len(s.uncovered_responsibilities())
    7
    """

    type: GovernanceType = attrs.field(converter=_type)
    groups: tuple[Group, ...] = attrs.field(converter=_groups)
    firmness: Firmness = attrs.field(default=Firmness.FIRM, converter=_firmness, kw_only=True)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Group] = {}
        for i, g in enumerate(self.groups):
            if g.id in by_id:
                raise InvalidValueError(
                    f"groups[{i}].id", g.id, "is the id of another group", code="duplicate"
                )
            by_id[g.id] = g
        for i, g in enumerate(self.groups):
            if g.reports_to is not None and g.reports_to not in by_id:
                raise InvalidValueError(
                    f"groups[{i}].reports_to",
                    g.reports_to,
                    "is not a group of this structure",
                    code="not-listed",
                )
        self._check_no_cycle(by_id)
        self._check_shape(by_id)

    def _check_no_cycle(self, by_id: dict[str, Group]) -> None:
        for g in self.groups:
            path = [g.id]
            above = g.reports_to
            while above is not None:
                if above in path:
                    # The cycle, in reporting order, from the group where the path enters it.
                    ring = [*path[path.index(above) :], above]
                    raise RuleViolationError(
                        f"groups[{self.groups.index(by_id[above])}].reports_to",
                        by_id[above].reports_to,
                        f"reporting lines form a cycle: {' -> '.join(ring)}",
                        code="reporting-cycle",
                    )
                path.append(above)
                above = by_id[above].reports_to

    def _tiers(self, tier: GroupTier) -> list[Group]:
        return [g for g in self.groups if g.tier is tier]

    def _check_shape(self, by_id: dict[str, Group]) -> None:
        governance = self._tiers(GroupTier.GOVERNANCE)
        strategic = self._tiers(GroupTier.STRATEGIC)
        operational = self._tiers(GroupTier.OPERATIONAL)
        local = self._tiers(GroupTier.LOCAL)
        kind = self.type.value
        if self.type is GovernanceType.SINGLE_TIER:
            if len(governance) != 1 or strategic or operational or local:
                raise RuleViolationError(
                    "groups",
                    sorted(g.tier.value for g in self.groups),
                    f"a {kind} structure has exactly one Governance Group "
                    "(and no strategic, operational or local groups)",
                    code="wrong-group-tiers",
                )
        elif self.type is GovernanceType.TWO_TIER:
            if not strategic or not operational:
                missing = "a strategic" if not strategic else "an operational"
                raise RuleViolationError(
                    "groups",
                    sorted(g.tier.value for g in self.groups),
                    f"a {kind} structure needs {missing} group",
                    code="wrong-group-tiers",
                )
            for g in operational:
                top = by_id.get(g.reports_to) if g.reports_to else None
                if top is None or top.tier is not GroupTier.STRATEGIC:
                    raise RuleViolationError(
                        f"groups[{self.groups.index(g)}].reports_to",
                        g.reports_to,
                        "an operational group reports to a strategic group",
                        code="wrong-reporting-line",
                    )
        else:
            if len(governance) != 1 or not local:
                raise RuleViolationError(
                    "groups",
                    sorted(g.tier.value for g in self.groups),
                    f"a {kind} structure has one overarching Governance Group "
                    "and at least one local steering group",
                    code="wrong-group-tiers",
                )
            for g in local:
                if g.reports_to != governance[0].id:
                    raise RuleViolationError(
                        f"groups[{self.groups.index(g)}].reports_to",
                        g.reports_to,
                        f"a local steering group reports to the Governance Group "
                        f"({governance[0].id})",
                        code="wrong-reporting-line",
                    )

    def group(self, group_id: str) -> Group:
        """The group with this id."""
        for g in self.groups:
            if g.id == group_id:
                return g
        raise InvalidValueError(
            "group_id", group_id, "is not a group of this structure", code="not-listed"
        )

    def members(self) -> frozenset[str]:
        """Every organisation id that sits on some group."""
        return frozenset().union(*(g.members for g in self.groups))

    def uncovered_responsibilities(self) -> frozenset[Responsibility]:
        """The Governance Group responsibilities (3.17) that no group holds."""
        held: frozenset[Responsibility] = frozenset().union(
            *(g.responsibilities for g in self.groups)
        )
        return frozenset(Responsibility) - held

    def reporting_lines(self) -> tuple[tuple[str, str], ...]:
        """Each (group, the group it reports to), in the order of the groups."""
        return tuple((g.id, g.reports_to) for g in self.groups if g.reports_to is not None)
