"""Ids a URL can carry (docs/conversion.md, "Ids a URL can carry"): every id the
grammar allows is accepted wherever an id enters, and anything else is refused with
the code ``invalid-id``."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp.testing import partnerships, portfolios

D0 = date(2012, 4, 1)
LETTERS_AND_DIGITS = string.ascii_letters + string.digits


def is_an_id(value: str) -> bool:
    """The grammar, written out without a regular expression."""
    return (
        1 <= len(value) <= 100
        and value[0] in LETTERS_AND_DIGITS
        and all(c in LETTERS_AND_DIGITS + "._:~-" for c in value)
    )


#: Every id the grammar allows: drawn from its characters, up to its longest.
IDS = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(LETTERS_AND_DIGITS),
    st.text(st.sampled_from(LETTERS_AND_DIGITS + "._:~-"), max_size=99),
)
#: Text that is often nearly an id: the id characters with some that are not.
NEAR = st.text(
    st.sampled_from(LETTERS_AND_DIGITS[:4] + "._:~-/ #%é\n\t\u0661+@") | st.characters(),
    max_size=110,
)
#: The id characters and more of them than the grammar allows.
TOO_LONG = st.text(st.sampled_from("ab1.:"), min_size=101, max_size=150)

#: Places an id enters, each taking the candidate id.
ENTRIES: dict[str, Callable[[str], object]] = {
    "a partner's id": lambda i: psp.Partner(i, "A", "third"),
    "a partnership's id": lambda i: psp.Partnership(i, "P"),
    "an event's partner_id": lambda i: psp.MemberLeft(on=D0, partner_id=i),
    "a group's members": lambda i: psp.Group("g", "G", "governance", members=[i]),
    "a command's id argument": lambda i: psp.Partnership("p", "P").leave(i, on=D0),
    "an org-id's identifier": lambda i: psp.OrgId("XX-ABC", i),
}


def _refused_as_an_id(make: Callable[[str], object], value: str) -> bool:
    """Whether ``make(value)`` refuses ``value`` as an id; refused for anything else
    (the partnership knows no such organisation, say), the id itself passed."""
    try:
        make(value)
    except psp.PSPError as e:
        return e.code == "invalid-id"
    return False


class TestTheGrammar:
    def test_the_pattern_is_the_documented_one(self) -> None:
        assert psp.ID_PATTERN == "^[A-Za-z0-9][A-Za-z0-9._:~-]{0,99}$"

    @given(IDS)
    def test_every_id_the_grammar_allows_is_accepted_everywhere(self, value: str) -> None:
        assert re.fullmatch(psp.ID_PATTERN, value)
        for name, make in ENTRIES.items():
            assert not _refused_as_an_id(make, value), name

    @given(NEAR | TOO_LONG)
    def test_anything_else_is_refused_everywhere(self, value: str) -> None:
        for name, make in ENTRIES.items():
            if name == "an org-id's identifier":
                continue  # the characters only: an identifier may start with any of them
            assert _refused_as_an_id(make, value) is not is_an_id(value), name

    @given(NEAR)
    def test_an_org_ids_identifier_is_written_in_the_id_characters(self, value: str) -> None:
        written_so = bool(value) and all(c in LETTERS_AND_DIGITS + "._:~-" for c in value)
        try:
            psp.OrgId("XX-ABC", value)
        except psp.InvalidValueError:
            assert not written_so
        else:
            assert written_so

    @pytest.mark.parametrize("value", [5, None, b"ab", ["a"]])
    def test_a_value_that_is_not_text_is_refused_as_an_id(self, value: Any) -> None:
        with pytest.raises(psp.InvalidValueError) as info:
            psp.Partner(value, "A", "third")
        assert info.value.code == "invalid-id"

    def test_a_str_subclass_is_taken_as_its_plain_text(self) -> None:
        class Tagged(str):
            pass

        partner = psp.Partner(Tagged("tps"), "A", "third")
        assert type(partner.id) is str
        with pytest.raises(psp.InvalidValueError) as info:
            psp.Partner(Tagged("t p s"), "A", "third")
        assert info.value.code == "invalid-id"

    def test_a_reader_refuses_an_id_outside_the_grammar_with_its_path(self) -> None:
        data = psp.to_data(psp.Partnership("p", "P"))
        data["id"] = "p/q"
        with pytest.raises(psp.ConversionError) as info:
            psp.from_data(data, psp.Partnership)
        assert [p.path for p in info.value.problems] == ["$.id"]


class TestStrategies:
    """psp.testing draws ids within the grammar only (else the objects would not build)."""

    @given(partnerships(max_organisations=4, max_steps=15))
    def test_partnerships_hold_ids_only_within_the_grammar(self, p: psp.Partnership) -> None:
        assert is_an_id(p.id)
        assert all(is_an_id(i) for i in p.organisations)
        assert all(is_an_id(b.id) for b in p.bids())

    @given(portfolios(max_partnerships=2))
    def test_portfolios_hold_ids_only_within_the_grammar(self, f: psp.Portfolio) -> None:
        assert is_an_id(f.id)
        assert all(is_an_id(p.id) for p in f.partnerships)
