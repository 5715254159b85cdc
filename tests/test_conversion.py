"""Lossless conversion to JSON-ready data and back, and clear refusals of bad data."""

from __future__ import annotations

import contextlib
import copy
import json
import math
import typing
from datetime import date
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp import ConversionError, Partner, Partnership, Period, Policy
from psp.testing import (
    bids,
    cadences,
    commitments,
    dates,
    governance_structures,
    mous,
    names,
    org_ids,
    partners,
    partnerships,
    periods,
    policies,
    portfolios,
    role_sets,
    slugs,
    surveys,
)

JSON_SCALARS = (str, int, float, bool, type(None))


def assert_json_ready(data: Any) -> None:
    if isinstance(data, dict):
        assert all(isinstance(k, str) for k in data)
        for v in data.values():
            assert_json_ready(v)
    elif isinstance(data, list):
        for v in data:
            assert_json_ready(v)
    else:
        assert type(data) in JSON_SCALARS, type(data)
        assert not (isinstance(data, float) and not math.isfinite(data))


ROUND_TRIPS = [
    (Partnership, partnerships()),
    (psp.Bid, bids()),
    (psp.SustainabilityCommitment, commitments()),
    (
        psp.Tender,
        st.builds(
            psp.Tender,
            id=slugs(),
            commissioner=slugs(),
            title=names(),
            value=st.none() | st.integers(0, 10**7),
        ),
    ),
    (
        psp.Fund,
        st.builds(
            psp.Fund,
            slugs(),
            names(),
            funders=st.frozensets(slugs()),
            streams=st.lists(
                st.builds(psp.Stream, slugs(), names(), st.sampled_from(psp.FundingPurpose)),
                max_size=2,
                unique_by=lambda s: s.id,
            ),
        ),
    ),
    (
        psp.Baseline,
        st.builds(
            psp.Baseline, names(), st.floats(-1e6, 1e6), st.none() | names(), st.none() | names()
        ),
    ),
    (
        psp.Consultation,
        st.builds(
            psp.Consultation,
            st.sampled_from(psp.ConsultationKind),
            st.none() | st.integers(0, 500),
            names(),
        ),
    ),
    (
        psp.LogicModel,
        st.builds(
            psp.LogicModel,
            st.lists(names(), min_size=1, max_size=3),
            st.lists(names(), max_size=3),
            st.lists(names(), max_size=3),
        ),
    ),
    (psp.ServiceDesign, st.builds(psp.ServiceDesign, names(), st.lists(names(), max_size=3))),
    (psp.Portfolio, portfolios()),
    (psp.GovernanceStructure, governance_structures()),
    (psp.Cadence, cadences()),
    (
        psp.MoU,
        mous().flatmap(
            lambda m: (
                st.just(m.sign(m.signatories[0].person, on=m.drafted_on))
                if m.signatories
                else st.just(m)
            )
        ),
    ),
    (
        psp.Meeting,
        st.builds(
            psp.Meeting,
            on=dates(),
            kind=st.sampled_from(psp.MeetingKind),
            attendees=st.lists(
                st.builds(psp.Attendance, names(), slugs()),
                max_size=3,
                unique_by=lambda a: a.person,
            ),
            group=st.none() | slugs(),
            minuted=st.booleans(),
            agenda=st.lists(names(), max_size=2),
            decisions=st.lists(names(), max_size=2),
        ),
    ),
    (Partner, partners()),
    (Period, periods()),
    (psp.OrgId, org_ids()),
    (Policy, policies()),
    (
        psp.Membership,
        st.builds(
            psp.Membership,
            slugs(),
            role_sets(),
            periods(),
            st.none() | st.sampled_from(psp.Engagement),
            st.none() | slugs(),
        ),
    ),
    (
        psp.Representative,
        st.builds(
            psp.Representative,
            slugs(),
            names(),
            periods(),
            st.none() | names(),
            st.none() | st.booleans(),
        ),
    ),
    (psp.Seat, st.builds(psp.Seat, slugs(), st.sampled_from(psp.SeatKind), periods())),
    (
        psp.Link,
        st.builds(
            psp.Link,
            slugs(),
            slugs(),
            st.sampled_from(psp.LinkKind),
            periods(),
            st.none() | st.floats(0, 1e6),
            st.none() | st.booleans(),
            names(),
        ),
    ),
    (psp.SectorBalance, st.lists(partners(), max_size=6).map(psp.SectorBalance.of)),
    (psp.Survey, surveys()),
    (
        psp.Share,
        st.integers(1, 500).flatmap(lambda n: st.builds(psp.Share, st.integers(0, n), st.just(n))),
    ),
    (
        psp.Finding,
        st.builds(
            psp.Finding, st.text(), st.sampled_from(psp.Severity), st.text(), st.none() | st.text()
        ),
    ),
]


class TestRoundTrip:
    """``from_data(to_data(x)) == x`` for every public type, through JSON text too."""

    @pytest.mark.parametrize(
        ("cls", "strategy"), ROUND_TRIPS, ids=[c.__name__ for c, _ in ROUND_TRIPS]
    )
    @given(data=st.data())
    def test_round_trip(
        self, cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
    ) -> None:
        obj = data.draw(strategy)
        plain = psp.to_data(obj)
        assert_json_ready(plain)
        assert psp.from_data(plain, cls) == obj
        assert psp.from_data(json.loads(json.dumps(plain)), cls) == obj

    @given(partnerships())
    def test_output_is_deterministic(self, p: Partnership) -> None:
        assert json.dumps(psp.to_data(p)) == json.dumps(psp.to_data(copy.copy(p)))

    @given(partnerships())
    def test_rebuilt_partnership_has_the_same_state(self, p: Partnership) -> None:
        q = psp.from_data(psp.to_data(p), Partnership)
        assert (q.memberships, q.seats, q.representatives) == (
            p.memberships,
            p.seats,
            p.representatives,
        )

    def test_document_shape(self) -> None:
        p = Partnership("p", "P", focus={"women", "remand"}).join(
            Partner("a", "A", "third", identifiers=["GB-SC-SC000001"]),
            on=date(2012, 4, 1),
            roles={"provider", "lead"},
        )
        data = psp.to_data(p)
        assert data["focus"] == ["remand", "women"]
        assert data["history"][0]["type"] == "organisation-added"
        assert data["history"][0]["partner"]["identifiers"] == ["GB-SC-SC000001"]
        assert data["history"][1] == {
            "type": "member-joined",
            "on": "2012-04-01",
            "partner_id": "a",
            "roles": ["lead", "provider"],
            "engagement": None,
            "signposted_by": None,
        }

    def test_to_data_refuses_foreign_objects(self) -> None:
        with pytest.raises(psp.InvalidValueError):
            psp.to_data(object())


class TestSharedOrganisations:
    """An organisation recorded in several partnerships of one document is read once."""

    @staticmethod
    def portfolio_doc() -> dict[str, Any]:
        cja = Partner("cja", "CJA", "public", public_body_kind="cja", areas={"Fife"})
        ps = [
            Partnership(pid, pid.upper()).join(cja, on=date(2012, 4, 1), roles={"lead"})
            for pid in ("p", "q")
        ]
        return psp.to_data(psp.Portfolio("fund", "Fund", ps))  # type: ignore[no-any-return]

    @staticmethod
    def partner_in(doc: dict[str, Any], i: int) -> dict[str, Any]:
        return doc["partnerships"][i]["history"][0]["partner"]  # type: ignore[no-any-return]

    def test_equal_copies_become_one_object(self) -> None:
        read = psp.from_data(self.portfolio_doc(), psp.Portfolio)
        p, q = read.partnerships
        assert p.organisation("cja") is q.organisation("cja")

    def test_a_copy_that_differs_is_read_for_itself(self) -> None:
        doc = self.portfolio_doc()
        self.partner_in(doc, 1)["name"] = "The CJA"
        with pytest.raises(ConversionError) as caught:
            psp.from_data(doc, psp.Portfolio)
        assert [x.path for x in caught.value.problems] == ["$.partnerships[1].history[0].partner"]
        assert "recorded differently in partnerships[0]" in caught.value.problems[0].reason

    @pytest.mark.parametrize("flag", [1, 1.0])
    def test_a_copy_equal_only_by_number_is_refused(self, flag: float) -> None:
        # True == 1 == 1.0: equal data, but only true is a JSON boolean.
        doc = self.portfolio_doc()
        self.partner_in(doc, 0)["represents_service_users"] = True
        self.partner_in(doc, 1)["represents_service_users"] = flag
        with pytest.raises(ConversionError) as caught:
            psp.from_data(doc, psp.Portfolio)
        assert [x.path for x in caught.value.problems] == [
            "$.partnerships[1].history[0].partner.represents_service_users"
        ]

    @pytest.mark.parametrize(
        ("field", "value"),
        [("name", mock.ANY), ("areas", mock.ANY), ("areas", [mock.ANY])],
        ids=["equal to anything", "a list equal to anything", "an item"],
    )
    def test_a_copy_equal_only_by_its_own_eq_is_read_for_itself(
        self, field: str, value: Any
    ) -> None:
        # The first copy is read; a later one is taken for it only when it holds plain
        # JSON values: an object that says it equals anything is read, and refused.
        doc = self.portfolio_doc()
        self.partner_in(doc, 1)[field] = value
        assert self.partner_in(doc, 1) == self.partner_in(doc, 0)
        with pytest.raises(ConversionError) as caught:
            psp.from_data(doc, psp.Portfolio)
        assert [x.path for x in caught.value.problems] == [
            f"$.partnerships[1].history[0].partner.{field}"
            + ("[0]" if isinstance(value, list) else "")
        ]

    def test_separate_documents_share_nothing(self) -> None:
        first = psp.from_data(self.portfolio_doc(), psp.Portfolio)
        second = psp.from_data(self.portfolio_doc(), psp.Portfolio)
        one, other = (d.partnerships[0].organisation("cja") for d in (first, second))
        assert one == other
        assert one is not other


def valid() -> dict[str, Any]:
    p = (
        Partnership("p", "P")
        .join(Partner("a", "A", "third"), on=date(2012, 4, 1), roles={"lead"})
        .join(Partner("b", "B", "public", public_body_kind="cja"), on=date(2012, 5, 1))
    )
    return psp.to_data(p)  # type: ignore[no-any-return]


def mutate(path: str, value: Any = None, delete: bool = False) -> dict[str, Any]:
    doc = valid()
    *parents, last = path.split(".")
    node: Any = doc
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    leaf: Any = int(last) if isinstance(node, list) else last
    if delete:
        del node[leaf]
    else:
        node[leaf] = value
    return doc


BAD_DOCUMENTS = [
    (
        "wrong enum value",
        mutate("history.0.partner.sector", "voluntary"),
        "$.history[0].partner.sector",
    ),
    ("missing field", mutate("name", delete=True), "$.name"),
    ("extra field", {**valid(), "colour": "red"}, "$"),
    ("extra field in an event", mutate("history.1.note", "x"), "$.history[1]"),
    ("number for text", mutate("id", 7), "$.id"),
    ("text for a list", mutate("focus", "women"), "$.focus"),
    (
        "text for a tuple",
        mutate("history.0.partner.identifiers", "GB-SC-SC012710"),
        "$.history[0].partner.identifiers",
    ),
    (
        "text for a boolean",
        mutate("history.0.partner.represents_service_users", "false"),
        "$.history[0].partner.represents_service_users",
    ),
    (
        "number for a boolean",
        mutate("history.0.partner.represents_service_users", 1),
        "$.history[0].partner.represents_service_users",
    ),
    ("malformed date", mutate("history.1.on", "1 April 2012"), "$.history[1].on"),
    ("impossible date", mutate("history.1.on", "2012-02-30"), "$.history[1].on"),
    (
        "malformed identifier",
        mutate("history.0.partner.identifiers", ["SC012710"]),
        "$.history[0].partner.identifiers[0]",
    ),
    ("unknown event type", mutate("history.1.type", "member-invited"), "$.history[1].type"),
    ("event without a type", mutate("history.1.type", delete=True), "$.history[1].type"),
    ("list for an event type", mutate("history.1.type", ["member-joined"]), "$.history[1].type"),
    ("event that is not an object", mutate("history.1", ["member-joined"]), "$.history[1]"),
    ("second lead", mutate("history.3.roles", ["lead"]), "$.history[3].roles"),
    ("events out of order", mutate("history.3.on", "2011-01-01"), "$.history[3].on"),
    ("unknown partner", mutate("history.3.partner_id", "zz"), "$.history[3].partner_id"),
    (
        "public body without a kind",
        mutate("history.2.partner.public_body_kind", None),
        "$.history[2].partner.public_body_kind",
    ),
    ("duplicate role", mutate("history.1.roles", ["lead", "lead"]), "$.history[1].roles"),
    ("unknown role", mutate("history.1.roles", ["leader"]), "$.history[1].roles[0]"),
    ("null document", None, "$"),
    ("list document", [valid()], "$"),
    ("blank name", mutate("name", "  "), "$.name"),
]


@pytest.mark.parametrize(("case", "doc", "path"), BAD_DOCUMENTS, ids=[c[0] for c in BAD_DOCUMENTS])
def test_bad_documents_are_refused_with_their_path(case: str, doc: Any, path: str) -> None:
    with pytest.raises(ConversionError) as info:
        psp.from_data(doc, Partnership)
    assert path in [p.path for p in info.value.problems]
    assert all(p.reason for p in info.value.problems)
    assert isinstance(info.value, ValueError)


def test_every_problem_is_reported_at_once() -> None:
    doc = mutate("id", 7)
    doc["history"][0]["partner"]["sector"] = "voluntary"
    doc["extra"] = True
    with pytest.raises(ConversionError) as info:
        psp.from_data(doc, Partnership)
    assert {p.path for p in info.value.problems} == {"$.id", "$.history[0].partner.sector", "$"}
    assert str(info.value).startswith("3 problems in the document:")


def test_unknown_keys_are_named_together_sorted() -> None:
    doc = {**psp.to_data(Partner("a", "A", "third")), "zeta": 1, "alpha": 2}
    with pytest.raises(ConversionError) as info:
        psp.from_data(doc, Partner)
    assert info.value.problems == (psp.Problem("$", "has unknown keys: alpha, zeta"),)


def test_a_list_for_an_enum_value_is_refused_by_name() -> None:
    # Not looked up (a list cannot be): refused as any other value that is not a member.
    doc = {**psp.to_data(Partner("a", "A", "third")), "sector": ["third"]}
    with pytest.raises(ConversionError) as info:
        psp.from_data(doc, Partner)
    assert info.value.problems == (
        psp.Problem(
            "$.sector", "is not a sector; expected one of: public, third, private (got ['third'])"
        ),
    )


def test_a_mapping_reports_each_bad_key_and_value_at_its_path() -> None:
    doc = psp.to_data(Policy())
    doc["expected_public_bodies"] = {"nonsense": ["cja"], "women": ["nope"]}
    with pytest.raises(ConversionError) as info:
        psp.from_data(doc, Policy)
    assert [p.path for p in info.value.problems] == [
        "$.expected_public_bodies[nonsense]",
        "$.expected_public_bodies[women][0]",
    ]


@pytest.mark.parametrize(
    ("dates", "why"),
    [
        (["2012-01-01"], "must hold exactly 2 items, not 1 (got ['2012-01-01'])"),
        (["2012-01-01"] * 3, "must hold exactly 2 items, not 3"),
        ("2012-01-01", "must be a list of 2 items (got '2012-01-01')"),
        ({"start": "2012-01-01"}, "must be a list of 2 items"),
    ],
)
def test_a_pair_of_dates_holds_two(dates: Any, why: str) -> None:
    # One problem for the pair, never one per letter of a text given in its place.
    doc = {"expected": [], "held": [], "overdue": [dates]}
    with pytest.raises(ConversionError) as info:
        psp.from_data(doc, psp.CadenceCheck)
    [problem] = info.value.problems
    assert problem.path == "$.overdue[0]"
    assert problem.reason.startswith(why)


def test_each_bad_date_of_a_pair_is_reported_at_its_place() -> None:
    doc = {"expected": [], "held": [], "overdue": [["2012-02-30", 5], ["2012-01-01", "x"]]}
    with pytest.raises(ConversionError) as info:
        psp.from_data(doc, psp.CadenceCheck)
    assert [p.path for p in info.value.problems] == [
        "$.overdue[0][0]",
        "$.overdue[0][1]",
        "$.overdue[1][1]",
    ]


def test_deep_nesting_is_refused_cleanly() -> None:
    deep: Any = []
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(ConversionError):
        psp.from_data({**valid(), "focus": deep}, Partnership)


def test_sets_of_other_values_are_written_sorted_by_their_plain_form() -> None:
    # psp's own sets hold text or enum members (written without a per-item hook); a set
    # of any other type goes through its item's hook, then is sorted.
    from psp._interchange.conversion import _converter, _frozenset_unstructurer

    write = _frozenset_unstructurer(frozenset[date], _converter())
    assert write(frozenset({date(2012, 1, 2), date(2011, 5, 1)})) == ["2011-05-01", "2012-01-02"]


def test_every_event_type_has_a_stable_tag() -> None:
    from psp._interchange.conversion import EVENT_TAGS

    assert set(EVENT_TAGS) == set(typing.get_args(psp.Event))
    assert len(set(EVENT_TAGS.values())) == len(EVENT_TAGS)


def test_non_psp_types_are_refused() -> None:
    with pytest.raises(ConversionError):
        psp.from_data({}, complex)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
        lambda kids: (
            st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_arbitrary_json_raises_only_conversion_errors(value: Any) -> None:
    for cls in (Partnership, Partner, Period, Policy):
        with contextlib.suppress(ConversionError):
            psp.from_data(value, cls)


ANY_EVENT: Any = psp.Event  # a union, which from_data reads but type[T] cannot name


class TestEventsOnTheirOwn:
    """An event, or a list of psp objects, converts on its own as it does inside a
    partnership: each event with its ``type`` tag, so it reads back as a ``psp.Event``."""

    EVENT = psp.MemberLeft(on=date(2012, 4, 1), partner_id="a", reason="moved")

    def test_an_event_is_written_with_its_type_tag(self) -> None:
        assert psp.to_data(self.EVENT) == {
            "type": "member-left",
            "on": "2012-04-01",
            "partner_id": "a",
            "reason": "moved",
        }

    def test_an_event_reads_back_as_an_event_and_as_its_class(self) -> None:
        data = psp.to_data(self.EVENT)
        assert psp.from_data(data, ANY_EVENT) == self.EVENT
        assert psp.from_data(data, psp.MemberLeft) == self.EVENT

    def test_a_missing_tag_is_reported_as_a_missing_key(self) -> None:
        data = {"on": "2012-04-01", "partner_id": "a", "reason": "moved"}
        with pytest.raises(ConversionError) as caught:
            psp.from_data(data, ANY_EVENT)
        assert [str(p) for p in caught.value.problems] == ["$.type: is required but missing"]

    @pytest.mark.parametrize("kind", [list, tuple])
    def test_a_list_of_psp_objects_is_written_as_a_list(self, kind: type) -> None:
        partner = Partner("a", "A", "third")
        data = psp.to_data(kind([self.EVENT, partner]))
        assert data == [psp.to_data(self.EVENT), psp.to_data(partner)]
        assert psp.from_data(data[:1], list[psp.Event]) == [self.EVENT]

    @pytest.mark.parametrize(
        "items", [[object()], [[EVENT]], [1]], ids=["an-object", "a-list-in-a-list", "a-number"]
    )
    def test_a_list_of_anything_else_is_refused(self, items: list[Any]) -> None:
        with pytest.raises(psp.InvalidValueError, match=r"^\[0\]: is not a psp object"):
            psp.to_data(items)

    @given(p=partnerships(max_steps=20))
    def test_every_generated_event_round_trips_alone_and_in_a_list(self, p: Partnership) -> None:
        history = list(p.history)
        for event in history:
            data = json.loads(json.dumps(psp.to_data(event)))
            assert psp.from_data(data, ANY_EVENT) == event
            assert psp.from_data(data, type(event)) == event
        data = json.loads(json.dumps(psp.to_data(history)))
        assert psp.from_data(data, list[psp.Event]) == history
        assert psp.from_data(data, tuple[psp.Event, ...]) == tuple(history)
