"""Plain values: identifiers, periods, organisations and sector balances."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp import (
    KNOWN_SCHEMES,
    Focus,
    InvalidValueError,
    OrgId,
    Partner,
    Partnership,
    Period,
    Policy,
    PSPError,
    PublicBodyKind,
    Reach,
    Sector,
    SectorBalance,
)
from psp.testing import dates, org_ids, partners, periods


class TestOrgId:
    """Identifiers in org-id form: scheme prefix checked, text form round-trips."""

    @pytest.mark.parametrize(
        ("text", "scheme", "identifier"),
        [
            ("GB-SC-SC012710", "GB-SC", "SC012710"),
            ("GB-COH-09506232", "GB-COH", "09506232"),
            ("GB-COH-SC123456", "GB-COH", "SC123456"),
            ("GB-LAS-ORK", "GB-LAS", "ORK"),
            ("XI-IATI-XM-DAC-41", "XI-IATI", "XM-DAC-41"),
        ],
    )
    def test_parses_the_text_form(self, text: str, scheme: str, identifier: str) -> None:
        assert OrgId.parse(text) == OrgId(scheme, identifier)

    @given(org_ids())
    def test_text_form_round_trips(self, org_id: OrgId) -> None:
        assert OrgId.parse(str(org_id)) == org_id

    @pytest.mark.parametrize(
        "text",
        [
            "SC012710",
            "gb-sc-SC012710",
            "GB-SC-",
            "GB-SC-SC01271",
            "GB-LAS-ORKNEY",
            "GB-COH-123",
            "GB-SC-SC 012710",
            "",
            "G-SC-1",
        ],
    )
    def test_refuses_malformed_identifiers(self, text: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            OrgId.parse(text)
        assert info.value.field in {"identifier", "scheme"}

    def test_unknown_but_well_formed_schemes_are_accepted(self) -> None:
        assert OrgId.parse("US-EIN-123456789").scheme == "US-EIN"

    def test_refuses_non_text(self) -> None:
        with pytest.raises(InvalidValueError, match="org-id form"):
            OrgId.parse(12345)  # type: ignore[arg-type]


#: Decimal digits of every script but ASCII's (Arabic-Indic, Devanagari, fullwidth...).
OTHER_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@st.composite
def with_other_digit(draw: st.DrawFn) -> tuple[OrgId, str]:
    """A valid identifier, and its identifier text with one character (or more) made a
    digit of another script."""
    org_id = draw(org_ids())
    text = org_id.identifier
    at = draw(st.integers(0, len(text)))
    digit = draw(OTHER_DIGITS)
    replace = draw(st.booleans()) and at < len(text)
    return org_id, text[:at] + digit + text[at + replace :]


class TestOrgIdsAreAscii:
    """Org-id identifiers are ASCII: a digit of another script (SC123456 written in
    Arabic-Indic digits) is not a digit of a register's number, in any scheme."""

    def test_a_charity_number_in_arabic_indic_digits_is_refused(self) -> None:
        number = "SC\u0661\u0662\u0663\u0664\u0665\u0666"  # SC123456 in Arabic-Indic digits
        with pytest.raises(InvalidValueError) as info:
            Partner("x", "X", "third", identifiers=[f"GB-SC-{number}"])
        assert (info.value.field, info.value.value) == ("identifiers[0]", number)

    @given(with_other_digit())
    def test_any_other_scripts_digit_is_refused_naming_field_and_value(
        self, drawn: tuple[OrgId, str]
    ) -> None:
        org_id, text = drawn
        with pytest.raises(InvalidValueError) as info:
            OrgId(org_id.scheme, text)
        assert (info.value.field, info.value.value) == ("identifier", text)
        assert repr(text) in str(info.value)
        with pytest.raises(InvalidValueError) as info:
            Partner("x", "X", "third", identifiers=[f"{org_id.scheme}-{text}"])
        assert (info.value.field, info.value.value) == ("identifiers[0]", text)

    @given(org_ids().filter(lambda o: o.scheme in KNOWN_SCHEMES), OTHER_DIGITS)
    def test_the_published_shapes_match_only_ascii_digits(self, org_id: OrgId, digit: str) -> None:
        # Callers may use KNOWN_SCHEMES' patterns themselves, with re's default flags: the
        # same number written in another script's digits does not have the shape.
        zero = ord(digit) - unicodedata.digit(digit)
        other = "".join(chr(zero + int(c)) if c.isdigit() else c for c in org_id.identifier)
        _, pattern = KNOWN_SCHEMES[org_id.scheme]
        assert re.fullmatch(pattern, org_id.identifier) is not None
        assert (re.fullmatch(pattern, other) is None) == (other != org_id.identifier)

    def test_the_documents_json_schema_refuses_other_scripts_digits(self) -> None:
        # Validators built on Python's re read \d and \S as Unicode classes.
        def patterns(node: object) -> Iterator[str]:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "pattern" and isinstance(value, str):
                        yield value
                    yield from patterns(value)
            elif isinstance(node, list):
                for value in node:
                    yield from patterns(value)

        found = set(patterns(psp.json_schema()))
        ascii_forms = ["GB-SC-SC123456", "2012-06-01"]
        for text in ascii_forms:
            assert any(re.fullmatch(p, text) for p in found)  # the check bites
            other = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in text)
            assert not any(re.fullmatch(p, other) for p in found), other

    @given(org_ids())
    def test_generated_identifiers_are_printable_ascii(self, org_id: OrgId) -> None:
        assert all("!" <= c <= "~" for c in str(org_id))


class TestPeriod:
    """Half-open periods: the start is in, the end is out."""

    def test_contains_its_start_but_not_its_end(self) -> None:
        p = Period(date(2012, 4, 1), date(2012, 11, 1))
        assert p.contains(date(2012, 4, 1))
        assert p.contains(date(2012, 10, 31))
        assert not p.contains(date(2012, 11, 1))
        assert not p.contains(date(2012, 3, 31))

    def test_open_period_contains_every_later_day(self) -> None:
        assert Period(date(2012, 4, 1)).contains(date(2099, 1, 1))
        assert Period(date(2012, 4, 1)).is_open

    def test_abutting_periods_do_not_overlap(self) -> None:
        a = Period(date(2012, 4, 1), date(2012, 5, 1))
        b = Period(date(2012, 5, 1))
        assert not a.overlaps(b)
        assert not b.overlaps(a)

    @given(periods(), periods())
    def test_overlap_means_a_shared_day(self, a: Period, b: Period) -> None:
        start = max(a.start, b.start)
        assert a.overlaps(b) == (a.contains(start) and b.contains(start))
        assert a.overlaps(b) == b.overlaps(a)

    @given(dates(), st.integers(-400, 0))
    def test_refuses_an_end_on_or_before_the_start(self, start: date, days: int) -> None:
        with pytest.raises(InvalidValueError) as info:
            Period(start, start + timedelta(days=days))
        assert info.value.field == "end"

    @pytest.mark.parametrize("field", ["start", "end"])
    def test_refuses_datetimes(self, field: str) -> None:
        dates = {"start": date(2012, 4, 1), "end": date(2012, 5, 1)}
        dates[field] = datetime(2012, 4, 1, 9, 30)
        with pytest.raises(InvalidValueError, match="not a datetime") as info:
            Period(**dates)
        assert info.value.field == field

    def test_takes_a_subclass_of_date_that_is_not_a_datetime(self) -> None:
        class Day(date):
            pass

        period = Period(Day(2012, 4, 1), Day(2012, 5, 1))
        assert period == Period(date(2012, 4, 1), date(2012, 5, 1))
        assert type(period.start) is Day

    def test_str(self) -> None:
        assert str(Period(date(2012, 4, 1))) == "2012-04-01 to open"


class TestPartner:
    """Organisations: sector-specific fields are consistent, strings coerce to enums."""

    def test_strings_coerce_to_members(self) -> None:
        p = Partner("cja", "Glasgow CJA", "public", public_body_kind="cja", reach="regional")
        assert (p.sector, p.public_body_kind, p.reach) == (
            Sector.PUBLIC,
            PublicBodyKind.CJA,
            Reach.REGIONAL,
        )

    def test_collections_are_normalised(self) -> None:
        p = Partner("x", "X", Sector.THIRD, areas=["Fife", "Fife"], identifiers=["GB-SC-SC000001"])
        assert p.areas == frozenset({"Fife"})
        assert p.identifiers == (OrgId("GB-SC", "SC000001"),)

    def test_is_frozen(self) -> None:
        p = Partner("x", "X", Sector.THIRD)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            p.name = "Y"  # type: ignore[misc]

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"sector": "voluntary"}, "sector"),
            ({"sector": "public"}, "public_body_kind"),
            ({"public_body_kind": "cja"}, "public_body_kind"),
            (
                {"sector": "public", "public_body_kind": "cja", "third_sector_kind": "charity"},
                "third_sector_kind",
            ),
            ({"id": " x"}, "id"),
            ({"name": ""}, "name"),
            ({"name": 7}, "name"),
            ({"reach": "global"}, "reach"),
            ({"size": "huge"}, "size"),
            ({"areas": "Fife"}, "areas"),
            ({"identifiers": ["GB-SC-123"]}, "identifiers[0]"),
            ({"identifiers": ["GB-LAS-ORK", "GB-LAS-ORK"]}, "identifiers"),
            ({"part_of": "x"}, "part_of"),
            ({"represents_service_users": "yes"}, "represents_service_users"),
        ],
    )
    def test_refuses_inconsistent_fields(self, kwargs: dict[str, object], field: str) -> None:
        base: dict[str, object] = {"id": "x", "name": "X", "sector": "third"}
        with pytest.raises(InvalidValueError) as info:
            Partner(**{**base, **kwargs})  # type: ignore[arg-type]
        assert info.value.field == field
        assert field.split("[")[0] in str(info.value)

    @given(partners())
    def test_generated_partners_are_consistent(self, p: Partner) -> None:
        assert (p.public_body_kind is not None) == (p.sector is Sector.PUBLIC)
        assert p.third_sector_kind is None or p.sector is Sector.THIRD


class TestSectorBalance:
    """Counts per sector and their shares."""

    def test_counts_and_shares(self) -> None:
        ps = [Partner(str(i), "N", Sector.THIRD) for i in range(3)] + [
            Partner("p", "P", Sector.PUBLIC, public_body_kind="police")
        ]
        b = SectorBalance.of(ps)
        assert (b.public, b.third, b.private, b.total) == (1, 3, 0, 4)
        assert b.share(Sector.THIRD) == 0.75

    def test_empty_balance_has_zero_shares(self) -> None:
        assert SectorBalance.of([]).share(Sector.PUBLIC) == 0.0

    @given(st.lists(partners(), max_size=12))
    def test_shares_sum_to_one(self, ps: list[Partner]) -> None:
        b = SectorBalance.of(ps)
        assert b.total == len(ps)
        if ps:
            assert sum(b.share(s) for s in Sector) == pytest.approx(1.0)


class TestSetsOfEnumMembers:
    """A set of enum values reads to members of the enum asked for, never another's."""

    def test_equal_values_of_two_enums_stay_apart(self) -> None:
        # Focus.OTHER == PublicBodyKind.OTHER == "other", so the sets are equal; psp
        # shares equal sets of members, and must not hand one enum's set to the other.
        policy = Policy(expected_public_bodies={"other": ["other"]})
        p = Partnership("p", "P", focus=["other"])
        assert [type(k) for k in policy.expected_public_bodies[Focus.OTHER]] == [PublicBodyKind]
        assert [type(f) for f in p.focus] == [Focus]


def test_errors_are_also_builtins() -> None:
    with pytest.raises(ValueError, match="sector"):
        Partner("x", "X", "nowhere")  # type: ignore[arg-type]
    assert issubclass(InvalidValueError, PSPError)
