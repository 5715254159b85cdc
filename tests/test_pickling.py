"""psp's objects pickle and deep-copy to equal objects, for processes and caches."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp import Partner, Partnership, Policy, Portfolio
from psp.testing import partnerships, policies, portfolios

AGGREGATES = st.one_of(partnerships(), portfolios(max_partnerships=3), policies())


@given(AGGREGATES)
def test_pickling_gives_an_equal_object(obj: Any) -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(obj, protocol)) == obj


@given(AGGREGATES)
def test_a_copy_is_the_object_itself(obj: Any) -> None:
    # Immutable, so copying costs nothing (not a replay of a partnership's history).
    assert copy.copy(obj) is obj
    assert copy.deepcopy(obj) is obj


def test_a_deep_copy_of_what_holds_a_partnership_is_equal() -> None:
    p = Partnership("p", "P").join(Partner("a", "A", "third"), on=date(2012, 4, 1))
    result = p.step(psp.Step.CLOSE, on=date(2013, 1, 1), reason="merged")
    copied = copy.deepcopy(result)
    assert copied == result
    assert copied.partnership is result.partnership


@given(partnerships())
def test_an_unpickled_partnership_answers_as_the_original(p: Partnership) -> None:
    q = pickle.loads(pickle.dumps(p))
    assert (q.stage, q.memberships, q.links, q.lead()) == (
        p.stage,
        p.memberships,
        p.links,
        p.lead(),
    )
    assert psp.to_data(q) == psp.to_data(p)


def test_the_seed_partnership_pickles(low_moss: Partnership) -> None:
    fund = Portfolio("lm", "Low Moss", [low_moss])
    assert pickle.loads(pickle.dumps(fund)) == fund
    assert pickle.loads(pickle.dumps(Policy.rrcf())) == Policy.rrcf()


def test_a_partnership_pickles_its_history_not_its_state() -> None:
    # Loading calls the constructor with the history, which replays it: every rule is
    # checked again, and nothing derived is stored.
    a, b = Partner("a", "A", "third"), Partner("b", "B", "third")
    p = Partnership("p", "P").join(a, on=date(2012, 4, 1)).join(b, on=date(2012, 5, 1))
    rebuild, (cls, arguments) = p.__reduce__()
    assert cls is Partnership
    assert set(arguments) == {a.alias for a in attrs.fields(Partnership) if a.init}
    assert arguments["history"] == tuple(p.history)
    arguments["history"] = arguments["history"][2:] + arguments["history"][:2]
    with pytest.raises(psp.RuleViolationError, match="before the previous event"):
        rebuild(cls, arguments)
