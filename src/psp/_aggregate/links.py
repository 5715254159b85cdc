"""Link events and their effects: a typed relationship between two organisations begun
or ended, and a link kind of your own given its labels (private)."""

from __future__ import annotations

import math
from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError
from psp._base.period import Period
from psp._base.vocabulary import Term, term_of
from psp._partners.links import Link, LinkKind, LinkKindName

__all__ = ["LinkAdded", "LinkEnded", "LinkKindDefined"]


def _note(value: str) -> str:
    return _checks.free_text("note", value)


def _source(value: str) -> str:
    return _checks.an_id("source", value)


def _target(value: str) -> str:
    return _checks.an_id("target", value)


def _link_kind(value: LinkKind | LinkKindName | Term) -> LinkKind | Term:
    return term_of(LinkKind, "kind", value)


def _weight(value: float | None) -> float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (math.isfinite(value) and value >= 0)
    ):
        raise InvalidValueError(
            "weight", value, "must be a finite number, 0 or more", code="out-of-range"
        )
    return float(value)


@attrs.frozen(kw_only=True)
class LinkAdded(Recorded):
    """A relationship of one kind from ``source`` to ``target`` began."""

    TAG: ClassVar[str] = "link-added"

    on: date = attrs.field(converter=fields.on_date)
    source: str = attrs.field(converter=_source)
    target: str = attrs.field(converter=_target)
    kind: LinkKind | Term = attrs.field(converter=_link_kind)
    weight: float | None = attrs.field(default=None, converter=_weight)
    pre_existing: bool | None = None
    note: str = attrs.field(default="", converter=_note)

    def __attrs_post_init__(self) -> None:
        fields.optional_bool("pre_existing", self.pre_existing)
        if self.source == self.target:
            raise InvalidValueError(
                "target",
                self.target,
                "a link joins two different organisations",
                code="self-reference",
            )

    def _apply(self, state: State) -> None:
        state.known("source", self.source)
        state.known("target", self.target)
        if self.source not in state.memberships and self.target not in state.memberships:
            raise RuleViolationError(
                "on",
                self.on.isoformat(),
                f"neither {state.name_of(self.source)} nor {state.name_of(self.target)} "
                "is a member then; "
                "a partnership records links that involve its members",
                code="link-without-member",
            )
        key = (self.source, self.target, self.kind)
        if key in state.links:
            raise RuleViolationError(
                "kind",
                str.__str__(self.kind),
                f"{state.name_of(self.source)} already has this link to "
                f"{state.name_of(self.target)}",
                code="already-linked",
            )
        state.links.start(
            key,
            Link(
                self.source,
                self.target,
                self.kind,
                Period(self.on),
                self.weight,
                self.pre_existing,
                self.note,
            ),
        )


@attrs.frozen(kw_only=True)
class LinkEnded(Recorded):
    """A relationship of one kind from ``source`` to ``target`` ended."""

    TAG: ClassVar[str] = "link-ended"

    on: date = attrs.field(converter=fields.on_date)
    source: str = attrs.field(converter=_source)
    target: str = attrs.field(converter=_target)
    kind: LinkKind | Term = attrs.field(converter=_link_kind)

    def _apply(self, state: State) -> None:
        key = (self.source, self.target, self.kind)
        link = state.links.get(key)
        if link is None:
            raise RuleViolationError(
                "kind",
                str.__str__(self.kind),
                f"{state.name_of(self.source)} has no such link to "
                f"{state.name_of(self.target)} now",
                code="not-linked",
            )
        too_soon = "the link began that day; a link lasts at least one day"
        state.end_span(state.links, key, link, self.on, too_soon)


def _own_kind(value: Term) -> Term:
    kind = term_of(LinkKind, "kind", value)
    if isinstance(kind, LinkKind):
        raise InvalidValueError(
            "kind",
            kind.value,
            "is a built-in link kind, whose labels are psp's; "
            "define a term of your own, prefix:name (such as acme:mentors)",
            code="built-in-kind",
        )
    return kind


def _label(value: str) -> str:
    return _checks.text("label", value)


def _inverse_label(value: str) -> str:
    return _checks.text("inverse_label", value)


@attrs.frozen(kw_only=True)
class LinkKindDefined(Recorded):
    """A link kind of your own (a :class:`psp.Term`) was given its ``label``, how it
    reads from source to target ("mentors"), and ``inverse_label``, how it reads back
    ("is mentored by"). A later definition of the same kind replaces the labels."""

    TAG: ClassVar[str] = "link-kind-defined"

    on: date = attrs.field(converter=fields.on_date)
    kind: Term = attrs.field(converter=_own_kind)
    label: str = attrs.field(converter=_label)
    inverse_label: str = attrs.field(converter=_inverse_label)

    def _apply(self, state: State) -> None:
        labels = (self.label, self.inverse_label)
        if state.link_kinds.get(self.kind) == labels:
            raise RuleViolationError(
                "label",
                self.label,
                f"{self.kind} already has these labels",
                code="same-labels",
            )
        state.link_kinds = state.put(state.link_kinds, self.kind, labels)
