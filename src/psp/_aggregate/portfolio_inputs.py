"""What a portfolio checks in what it is given: its partnerships, the links between
organisations of different partnerships, the ids of organisations and partnerships, and
where an organisation was first recorded (private)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from psp._aggregate.events import OrganisationAdded
from psp._aggregate.partnership import Partnership
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError, UnknownReferenceError
from psp._base.period import Period
from psp._base.vocabulary import term_of
from psp._partners.links import Link, LinkKind
from psp._partners.organisation import Partner

__all__ = ["check_link", "links", "organisation", "partnership", "partnerships", "where_added"]


def an_id(value: str) -> str:
    """The portfolio's ``id``, checked against the id grammar."""
    return _checks.an_id("id", value)


def a_name(value: str) -> str:
    """The portfolio's ``name``: text."""
    return _checks.text("name", value)


def ref(value: Partner | str) -> str:
    """The id an argument names: a :class:`psp.Partner`'s, or the text itself."""
    return value.id if isinstance(value, Partner) else value


def organisation(known: Mapping[str, Partner], field: str, partner_id: str) -> Partner:
    """The organisation ``partner_id`` names in ``known``; an unknown id is refused
    naming ``field``, the argument that held it."""
    try:
        return known[partner_id]
    except KeyError:
        raise UnknownReferenceError(
            field,
            partner_id,
            "is not an organisation any partnership knows",
            code="unknown-organisation",
        ) from None


def partnership(partnerships: Iterable[Partnership], field: str, pid: str) -> Partnership:
    """The partnership with id ``pid``; an unknown id is refused naming ``field``."""
    for p in partnerships:
        if p.id == pid:
            return p
    raise UnknownReferenceError(
        field, pid, "is not a partnership in this portfolio", code="unknown-partnership"
    )


def _collection(field: str, value: Any) -> tuple[Any, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            field, value, f"must be a collection of {field}", code="not-a-collection"
        )
    return tuple(value)


def partnerships(value: Iterable[Partnership]) -> tuple[Partnership, ...]:
    result = _collection("partnerships", value)
    for i, p in enumerate(result):
        if not isinstance(p, Partnership):
            raise InvalidValueError(
                f"partnerships[{i}]", p, "must be a Partnership", code="wrong-type"
            )
    return result


def _link(field: str, link: Any) -> Link:
    if not isinstance(link, Link):
        raise InvalidValueError(field, link, "must be a Link", code="wrong-type")
    _checks.an_id(f"{field}.source", link.source)
    _checks.an_id(f"{field}.target", link.target)
    if link.source == link.target:
        raise InvalidValueError(
            f"{field}.target",
            link.target,
            "a link joins two different organisations",
            code="self-reference",
        )
    if not isinstance(link.period, Period):
        raise InvalidValueError(
            f"{field}.period", link.period, "must be a Period", code="wrong-type"
        )
    w = link.weight
    if w is not None and (
        isinstance(w, bool) or not isinstance(w, int | float) or not (math.isfinite(w) and w >= 0)
    ):
        raise InvalidValueError(
            f"{field}.weight", w, "must be a finite number, 0 or more", code="out-of-range"
        )
    if link.pre_existing is not None and not isinstance(link.pre_existing, bool):
        raise InvalidValueError(
            f"{field}.pre_existing",
            link.pre_existing,
            "must be true, false or none",
            code="not-a-boolean",
        )
    if not isinstance(link.note, str):
        raise InvalidValueError(f"{field}.note", link.note, "must be text", code="not-text")
    kind = term_of(LinkKind, f"{field}.kind", link.kind)
    # A kind given as its text value ("refers-to") is normalised to the enum member,
    # a term of your own to a Term.
    return link if kind is link.kind else attrs.evolve(link, kind=kind)


def links(value: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(_link(f"links[{i}]", v) for i, v in enumerate(_collection("links", value)))


def where_added(p: Partnership, index: int, partner_id: str) -> str:
    # The path of the event that made the organisation known, as from_data reports paths.
    for k, event in enumerate(p.history):
        if isinstance(event, OrganisationAdded) and event.partner.id == partner_id:
            return f"partnerships[{index}].history[{k}].partner"
    # Not reached (hence no cover): a partnership knows an organisation only through an
    # OrganisationAdded event, so the loop above always finds one.
    return f"partnerships[{index}].organisations[{partner_id}]"  # pragma: no cover


def check_link(
    link: Link,
    earlier: Iterable[Link],
    where: str,
    *,
    known: Mapping[str, Partner],
    is_member: Callable[[str, date], bool],
) -> None:
    """Refuse a link between organisations no partnership knows, between two that are
    not members of any partnership when it starts, or that repeats an earlier link of
    the same kind in force at the same time."""
    # ``where`` is "links[3]." in the constructor and "" in a command, whose
    # errors name its own arguments.
    for end in ("source", "target"):
        pid = getattr(link, end)
        if pid not in known:
            raise UnknownReferenceError(
                f"{where}{end}",
                pid,
                "is not an organisation any partnership in the portfolio knows",
                code="unknown-organisation",
            )
    start = link.period.start
    if not (is_member(link.source, start) or is_member(link.target, start)):
        raise RuleViolationError(
            f"{where}period.start" if where else "on",
            start.isoformat(),
            f"neither {_name_in(known, link.source)} nor {_name_in(known, link.target)} "
            "is a member of any partnership in the portfolio then; a portfolio records links that "
            "involve members of its partnerships",
            code="link-without-member",
        )
    for other in earlier:
        if (other.source, other.target, other.kind) == (
            link.source,
            link.target,
            link.kind,
        ) and other.period.overlaps(link.period):
            raise RuleViolationError(
                f"{where}kind",
                str.__str__(link.kind),
                f"{_name_in(known, link.source)} already has this link to "
                f"{_name_in(known, link.target)} then",
                code="already-linked",
            )


def _name_in(known: Mapping[str, Partner], partner_id: str) -> str:
    return known[partner_id].name
