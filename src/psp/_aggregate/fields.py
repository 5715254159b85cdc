"""Converters and checks for the fields several event classes share (private)."""

from __future__ import annotations

from datetime import date
from typing import Any

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError

__all__ = ["instance", "on_date", "optional_bool", "partner_id", "person", "reason"]


def on_date(value: date) -> date:
    """The event's date, ``on``."""
    return _checks.a_date("on", value)


def partner_id(value: str) -> str:
    return _checks.an_id("partner_id", value)


def person(value: str) -> str:
    return _checks.text("person", value)


def reason(value: str) -> str:
    """A reason given for the event: any text, empty if none was given."""
    return _checks.free_text("reason", value)


def optional_bool(field: str, value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidValueError(field, value, "must be true, false or none", code="not-a-boolean")


def instance(field: str, cls: type, value: object) -> None:
    """Refuse a value of a field that holds a psp record when it is not one."""
    if not isinstance(value, cls):
        raise InvalidValueError(field, value, f"must be a {cls.__name__}", code="wrong-type")
