"""Partnership meetings: who came, for which organisation, and what was decided (3.12-3.14)."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError

__all__ = [
    "Attendance",
    "Continuity",
    "Meeting",
    "MeetingKind",
    "MeetingKindName",
    "attendance_by_partner",
    "meeting_size_range",
    "representative_continuity",
]


class MeetingKind(enum.StrEnum):
    """Kinds of meeting seen in the partnerships (3.12-3.13, 3.53; Low Moss)."""

    GOVERNANCE_GROUP = "governance-group"  #: formal, minuted, all partners
    CORE_WORKING_GROUP = "core-working-group"  #: less formal, often not minuted
    ONE_TO_ONE = "one-to-one"  #: on detailed elements of the service
    WORKSHOP = "workshop"  #: e.g. a CJA's workshop for the PSPs in its area
    LAUNCH_EVENT = "launch-event"  #: e.g. the Low Moss launch, November 2012


#: The values of :class:`MeetingKind`, for text that names a meeting kind.
MeetingKindName: TypeAlias = Literal[
    "governance-group",
    "core-working-group",
    "one-to-one",
    "workshop",
    "launch-event",
]


def _person(value: str) -> str:
    return _checks.text("person", value)


def _partner_id(value: str) -> str:
    return _checks.an_id("partner_id", value)


@attrs.frozen
class Attendance:
    """A person at a meeting, and the organisation they represented there."""

    person: str = attrs.field(converter=_person)
    partner_id: str = attrs.field(converter=_partner_id)


def _date(value: date) -> date:
    return _checks.a_date("on", value)


def _kind(value: MeetingKind | MeetingKindName) -> MeetingKind:
    return _checks.member_of(MeetingKind, "kind", value)


def _attendees(value: Iterable[Attendance]) -> tuple[Attendance, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "attendees", value, "must be a collection of Attendance", code="not-a-collection"
        )
    result = tuple(value)
    for i, a in enumerate(result):
        if not isinstance(a, Attendance):
            raise InvalidValueError(
                f"attendees[{i}]", a, "must be an Attendance", code="wrong-type"
            )
    people = [a.person for a in result]
    if len(set(people)) != len(people):
        raise InvalidValueError("attendees", people, "lists a person twice", code="duplicate")
    return result


def _lines(field: str, value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            field, value, "must be a list of text items", code="not-a-collection"
        )
    return tuple(_checks.text(f"{field}[{i}]", v) for i, v in enumerate(value))


def _agenda(value: Iterable[str]) -> tuple[str, ...]:
    return _lines("agenda", value)


def _decisions(value: Iterable[str]) -> tuple[str, ...]:
    return _lines("decisions", value)


def _group(value: str | None) -> str | None:
    return _checks.optional_id("group", value)


def _minuted(value: bool) -> bool:
    return _checks.a_bool("minuted", value)


@attrs.frozen(kw_only=True)
class Meeting:
    """A meeting held on a date: its kind, the governance group it was (if any), who
    attended for which organisation, whether it was minuted, its agenda and decisions."""

    on: date = attrs.field(converter=_date)
    kind: MeetingKind = attrs.field(converter=_kind)
    attendees: tuple[Attendance, ...] = attrs.field(default=(), converter=_attendees)
    group: str | None = attrs.field(default=None, converter=_group)
    minuted: bool = attrs.field(default=False, converter=_minuted)
    agenda: tuple[str, ...] = attrs.field(default=(), converter=_agenda)
    decisions: tuple[str, ...] = attrs.field(default=(), converter=_decisions)

    @property
    def size(self) -> int:
        """How many people attended."""
        return len(self.attendees)

    @property
    def organisations(self) -> frozenset[str]:
        """The organisations represented."""
        return frozenset(a.partner_id for a in self.attendees)


@attrs.frozen
class Continuity:
    """How steadily an organisation was represented (3.46): at how many meetings, by how
    many different people, and by whom most often."""

    meetings: int
    people: tuple[str, ...]

    @property
    def same_person_every_time(self) -> bool:
        """Whether one person represented the organisation at every meeting it attended."""
        return len(self.people) == 1


def attendance_by_partner(meetings: Iterable[Meeting]) -> dict[str, int]:
    """How many of ``meetings`` each organisation attended, most first, then by id."""
    counts = Counter(pid for m in meetings for pid in m.organisations)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def representative_continuity(meetings: Iterable[Meeting]) -> dict[str, Continuity]:
    """For each organisation, its :class:`Continuity` over ``meetings``.

    ``people`` lists who represented it, most often first (ties by name).
    """
    attended: Counter[str] = Counter()
    by_person: dict[str, Counter[str]] = {}
    for m in meetings:
        for pid in m.organisations:
            attended[pid] += 1
        for a in m.attendees:
            by_person.setdefault(a.partner_id, Counter())[a.person] += 1
    return {
        pid: Continuity(
            attended[pid],
            tuple(p for p, _ in sorted(by_person[pid].items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for pid in sorted(attended)
    }


def meeting_size_range(meetings: Sequence[Meeting]) -> tuple[int, int] | None:
    """The smallest and largest attendance (3.12: "less than five to approximately 20"),
    or ``None`` when there are no meetings."""
    if not meetings:
        return None
    sizes = [m.size for m in meetings]
    return min(sizes), max(sizes)
