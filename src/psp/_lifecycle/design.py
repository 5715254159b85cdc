"""What the design stage produces: evidence, consultation with service users, a logic
model, and the service design funders approve (Low Moss case study)."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from typing import Literal, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError

__all__ = [
    "Baseline",
    "Consultation",
    "ConsultationKind",
    "ConsultationKindName",
    "LogicModel",
    "ServiceDesign",
]


def _name(value: str) -> str:
    return _checks.text("name", value)


def _value(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValueError("value", value, "must be a finite number", code="not-a-number")
    return float(value)


def _optional_text(field: str, value: str | None) -> str | None:
    return None if value is None else _checks.text(field, value)


def _unit(value: str | None) -> str | None:
    return _optional_text("unit", value)


def _source(value: str | None) -> str | None:
    return _optional_text("source", value)


@attrs.frozen
class Baseline:
    """A baseline figure the case for change rests on (Low Moss: a 53% reoffending rate
    for short-term prisoners; 700 cells)."""

    name: str = attrs.field(converter=_name)
    value: float = attrs.field(converter=_value)
    unit: str | None = attrs.field(default=None, converter=_unit)
    source: str | None = attrs.field(default=None, converter=_source)


class ConsultationKind(enum.StrEnum):
    """How service users were consulted."""

    FOCUS_GROUP = "focus-group"
    INTERVIEW = "interview"
    SURVEY = "survey"
    WORKSHOP = "workshop"


#: The values of :class:`ConsultationKind`, for text that names a consultation kind.
ConsultationKindName: TypeAlias = Literal["focus-group", "interview", "survey", "workshop"]


def _kind(value: ConsultationKind | ConsultationKindName) -> ConsultationKind:
    return _checks.member_of(ConsultationKind, "kind", value)


def _participants(value: int | None) -> int | None:
    if value is None:
        return None
    return _checks.whole("participants", value, 0, _checks.MAX_COUNT)


def _summary(value: str) -> str:
    return _checks.free_text("summary", value)


@attrs.frozen
class Consultation:
    """A consultation of service users (Low Moss: focus groups and one-to-one interviews
    with habitual offenders)."""

    kind: ConsultationKind = attrs.field(converter=_kind)
    participants: int | None = attrs.field(default=None, converter=_participants)
    summary: str = attrs.field(default="", converter=_summary)


def _texts(field: str, value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            field, value, "must be a list of text items", code="not-a-collection"
        )
    return tuple(_checks.text(f"{field}[{i}]", v) for i, v in enumerate(value))


def _outcomes(value: Iterable[str]) -> tuple[str, ...]:
    return _texts("outcomes", value)


def _levers(value: Iterable[str]) -> tuple[str, ...]:
    return _texts("levers", value)


def _activities(value: Iterable[str]) -> tuple[str, ...]:
    return _texts("activities", value)


@attrs.frozen
class LogicModel:
    """The outcomes to achieve, the levers that move them and the activities that pull
    the levers (Low Moss: "pivotal to understanding the outcomes")."""

    outcomes: tuple[str, ...] = attrs.field(converter=_outcomes)
    levers: tuple[str, ...] = attrs.field(default=(), converter=_levers)
    activities: tuple[str, ...] = attrs.field(default=(), converter=_activities)

    def __attrs_post_init__(self) -> None:
        if not self.outcomes:
            raise InvalidValueError(
                "outcomes", [], "a logic model names at least one outcome", code="empty"
            )


def _components(value: Iterable[str]) -> tuple[str, ...]:
    return _texts("components", value)


@attrs.frozen
class ServiceDesign:
    """The service design: what it delivers and how (Low Moss: case workers and peer
    mentoring coordinating third and public sector services)."""

    summary: str = attrs.field(converter=_summary)
    components: tuple[str, ...] = attrs.field(default=(), converter=_components)
