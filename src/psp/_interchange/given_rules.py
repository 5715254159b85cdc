"""The rules a read is given (private): a policy's own rules (:class:`psp.Rule`) are
data only by their codes, and :func:`psp.from_data` and :func:`psp.from_document` read
each code back as the rule the caller gives with it, never as code made from data.

The converter's hooks and the fast reader are built once and shared by every call and
thread; the rules are the caller's, per call. So the call sets them in a context
variable for the read's duration (:func:`reading_rules`), and the hooks look a code up
there (:func:`given_rule`): nothing outlives the call, and two threads reading with
different rules never see each other's.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from psp._base.errors import _short_repr
from psp._lifecycle.policy import Rule

__all__ = ["given_rule", "reading_rules", "rules_by_code"]

# The rules the read under way was given, by code: a context variable, set by
# psp.from_data for one call (threads and tasks read documents at once), so that the
# converter's hooks, built once, read a rule's code back as the caller's rule.
_GIVEN: contextvars.ContextVar[Mapping[str, Rule]] = contextvars.ContextVar(
    "psp_given_rules", default=MappingProxyType({})
)


@contextlib.contextmanager
def reading_rules(rules: Mapping[str, Rule]) -> Iterator[None]:
    """Read a policy's rules as ``rules`` (by code) while the block runs."""
    token = _GIVEN.set(rules)
    try:
        yield
    finally:
        _GIVEN.reset(token)


def given_rule(code: object) -> Rule | None:
    """The rule of this code the read under way was given, if any."""
    return _GIVEN.get().get(code) if type(code) is str else None


def rules_by_code(rules: Iterable[Rule] | None) -> Mapping[str, Rule] | str:
    """``rules``, a reader's argument, by code; or why it cannot be (text)."""
    if rules is None:
        return {}
    if isinstance(rules, str | bytes | Mapping) or not isinstance(rules, Iterable):
        return f"rules must be a collection of psp.Rule, not {_short_repr(rules)}"
    found: dict[str, Rule] = {}
    for rule in rules:
        if not isinstance(rule, Rule):
            return f"rules must be a collection of psp.Rule, and hold {_short_repr(rule)}"
        if found.setdefault(rule.code, rule) is not rule:
            return f"rules holds two rules of the code {rule.code!r}"
    return found
