"""Versioned documents, migrations from older schema versions, and the generated JSON
Schema that every document psp writes validates against."""

from __future__ import annotations

import copy
import json
import string
import typing
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import ConversionError, Partnership, Policy
from psp._interchange.documents import _V2_IDS, MIGRATIONS, _v1_to_v2, v3_id
from psp.testing import partners, partnerships, policies, portfolios

FIXTURES = Path(__file__).resolve().parent / "fixtures"
D0 = date(2012, 4, 1)

DOCUMENTS = st.one_of(
    partnerships(max_organisations=5, max_steps=20),
    portfolios(max_partnerships=2),
    partners(),
    policies(),
)


def validator(document_type: str | None = None) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        psp.json_schema(document_type), format_checker=jsonschema.FormatChecker()
    )


class TestEnvelope:
    """``to_document`` / ``from_document``: the versioned envelope round trip."""

    @settings(max_examples=60)
    @given(DOCUMENTS)
    def test_round_trip_through_json_text(self, obj: Any) -> None:
        doc = psp.to_document(obj)
        assert doc["schema_version"] == psp.SCHEMA_VERSION
        assert psp.DOCUMENT_TYPES[doc["type"]] is type(obj)
        text = json.dumps(doc)
        assert psp.from_document(json.loads(text)) == obj
        assert psp.from_document(json.loads(text), type(obj)) == obj
        assert psp.check_document(json.loads(text)) == ()

    def test_only_top_level_objects_are_documents(self) -> None:
        with pytest.raises(psp.InvalidValueError, match="not a document type"):
            psp.to_document(psp.Period(date(2012, 1, 1)))

    @pytest.mark.parametrize(
        ("change", "path", "reason"),
        [
            ({"schema_version": psp.SCHEMA_VERSION + 1}, "$.schema_version", "newer psp"),
            ({"schema_version": 0}, "$.schema_version", "no psp ever wrote"),
            ({"schema_version": "2"}, "$.schema_version", "whole number"),
            ({"type": "meeting"}, "$.type", "not a document type"),
            ({"psp": "doc"}, "$.psp", "'document'"),
            ({"extra": 1}, "$", "unknown keys: extra"),
        ],
    )
    def test_bad_envelopes_are_refused(
        self, change: dict[str, Any], path: str, reason: str
    ) -> None:
        doc = {**psp.to_document(Policy()), **change}
        with pytest.raises(ConversionError) as info:
            psp.from_document(doc)
        assert [p.path for p in info.value.problems] == [path]
        assert reason in info.value.problems[0].reason

    def test_missing_data_and_non_objects(self) -> None:
        doc = psp.to_document(Policy())
        del doc["data"]
        assert [p.path for p in psp.check_document(doc)] == ["$.data"]
        assert [p.path for p in psp.check_document([doc])] == ["$"]

    def test_a_document_of_another_type_is_refused(self) -> None:
        with pytest.raises(ConversionError, match="a Partnership was expected"):
            psp.from_document(psp.to_document(Policy()), Partnership)

    def test_problems_inside_the_data_have_paths_into_the_document(self) -> None:
        doc = psp.to_document(
            Partnership("p", "P").join(
                psp.Partner("a", "A", "third"), on=__import__("datetime").date(2012, 4, 1)
            )
        )
        doc["data"]["history"][1]["roles"] = ["leader"]
        doc["data"]["name"] = 5
        paths = {p.path for p in psp.check_document(doc)}
        assert paths == {"$.data.history[1].roles[0]", "$.data.name"}


class TestVersions:
    """Every schema version psp wrote keeps loading."""

    def test_the_version_1_fixture_still_loads(self) -> None:
        # Written by psp's first release (commit 7a64e9a), before partnerships had a policy.
        doc = json.loads((FIXTURES / "partnership-v1.json").read_text())
        assert doc["schema_version"] == 1
        p = psp.from_document(doc, Partnership)
        assert p.policy == Policy()
        assert len(p.members()) == 14
        lead = p.lead()
        assert lead is not None
        assert lead.name == "Turning Point Scotland"
        assert p.representatives_of("tps")[0].can_decide is True
        # Re-written at the current version, it reads back the same.
        assert psp.from_document(psp.to_document(p)) == p

    def test_the_v1_to_v2_migration_gives_partnerships_the_general_policy(self) -> None:
        v1 = {"id": "p", "name": "P", "history": []}
        v2 = _v1_to_v2("partnership", v1)
        assert v2["policy"] == psp.to_data(Policy())
        assert "policy" not in v1  # the old document is not changed
        portfolio = _v1_to_v2("portfolio", {"id": "f", "name": "F", "partnerships": [v1]})
        assert portfolio["partnerships"][0]["policy"] == psp.to_data(Policy())
        assert _v1_to_v2("partner", {"id": "a"}) == {"id": "a"}

    def test_a_version_1_partnership_that_gives_a_policy_is_read_with_it(self) -> None:
        # Version 1 had no policy: the migration adds the general one only where none is given.
        data = psp.to_data(Partnership("p", "P", policy=Policy.rrcf()))
        doc = {"psp": "document", "schema_version": 1, "type": "partnership", "data": data}
        assert psp.from_document(doc).policy == Policy.rrcf()

    @pytest.mark.parametrize(
        ("doc_type", "data", "problem"),
        [
            (
                "partnership",
                ["p", "P"],
                psp.Problem("$.data", "must be an object (a JSON dict) (got ['p', 'P'])"),
            ),
            (
                "portfolio",
                {"id": "f", "name": "F", "partnerships": "p"},
                psp.Problem("$.data.partnerships", "must be a list (got 'p')"),
            ),
        ],
        ids=["partnership not an object", "portfolio's partnerships not a list"],
    )
    def test_migrating_a_malformed_version_1_document_leaves_its_problem_in_place(
        self, doc_type: str, data: Any, problem: psp.Problem
    ) -> None:
        doc = {"psp": "document", "schema_version": 1, "type": doc_type, "data": data}
        assert psp.check_document(doc) == (problem,)

    def test_a_version_2_document_with_ids_outside_the_grammar_reads_them_rewritten(
        self,
    ) -> None:
        # Written by psp at schema version 2 (main at 807dd4a), whose ids were any
        # non-blank text: spaces, "/", "#", "(", unicode, an org-id with a "/".
        doc = json.loads((FIXTURES / "partnership-v2-awkward-ids.json").read_text("utf-8"))
        assert doc["schema_version"] == 2
        p = psp.from_document(doc, Partnership)
        assert p.id == "low-moss-2"
        assert sorted(p.organisations) == [
            "North-Strathclyde-CJA",
            "SPS",
            "Turning-Point-Glasgow",
            "cafe-project",
        ]
        # References are rewritten as the ids they refer to.
        cafe = p.organisation("cafe-project")
        assert cafe.part_of == "Turning-Point-Glasgow"
        assert str(p.organisation("Turning-Point-Glasgow").identifiers[0]) == "XX-ABC-12-34"
        assert p.lead() == p.organisation("Turning-Point-Glasgow")
        assert [(link.source, link.target) for link in p.links] == [
            ("Turning-Point-Glasgow", "cafe-project")
        ]
        structure = p.governance()
        assert structure is not None
        group = structure.group("governance-group")
        assert group.chairs == {"North-Strathclyde-CJA"}
        assert p.meetings()[0].group == "governance-group"
        assert p.meetings()[0].organisations == {"cafe-project"}
        mou = p.mou("MoU-2012-13")
        assert mou.parties == {"Turning-Point-Glasgow", "North-Strathclyde-CJA", "cafe-project"}
        bid = p.bid("bid-1")
        assert (bid.funder, bid.mous, bid.status.value) == (
            "SPS",
            frozenset({"MoU-2012-13"}),
            "submitted",
        )
        assert bid.endorsements[0].partner_id == "North-Strathclyde-CJA"
        commitment = p.commitment("commitment:-year-2")
        assert (commitment.by, commitment.on_behalf_of) == (
            "North-Strathclyde-CJA",
            frozenset({"SPS"}),
        )
        assert [t.id for t in p.tenders()] == ["tender-2014-"]
        assert p.tenders()[0].commissioner == "North-Strathclyde-CJA"
        # Written again, it is a version-3 document that reads back the same.
        again = psp.to_document(p)
        assert again["schema_version"] == psp.SCHEMA_VERSION
        assert psp.from_document(again) == p

    def test_two_old_ids_that_would_become_one_are_refused_naming_both(self) -> None:
        data = psp.to_data(
            Partnership("p", "P")
            .add_organisation(psp.Partner("a-b", "A", "third"), on=date(2012, 4, 1))
            .add_organisation(psp.Partner("x", "X", "third"), on=date(2012, 4, 2))
        )
        data["history"][1]["partner"]["id"] = "a b"  # as version 2 let it be written
        doc = {"psp": "document", "schema_version": 2, "type": "partnership", "data": data}
        with pytest.raises(ConversionError) as info:
            psp.from_document(doc)
        assert info.value.problems == (
            psp.Problem(
                "$.data.history[1].partner.id",
                "the organisation id 'a b' would become 'a-b' under schema version 3's id "
                "rule, as 'a-b' at $.data.history[0].partner.id does: rename one of them",
            ),
        )
        # Ids of different kinds do not collide: a bid may be named as an organisation is.
        data["history"][1]["partner"]["id"] = "x"
        ok = {**doc, "data": data}
        assert psp.check_document(ok) == ()

    def test_a_malformed_version_2_document_keeps_its_problems_for_the_reader(self) -> None:
        # The migration rewrites what it recognises and leaves anything else where it
        # is, for the reader to refuse with its path.
        partner = {"id": 5, "name": "A", "sector": "third", "identifiers": "GB-SC-x"}
        group = {"id": "g", "name": "G", "tier": "governance", "members": "a b"}
        structure = {"type": "single-tier", "groups": [group]}
        data = {
            "id": "p",
            "name": "P",
            "history": [
                {"type": "organisation-added", "on": "2012-04-01", "partner": partner},
                {"type": "governance-adopted", "on": "2012-04-01", "structure": structure},
                {"type": "meeting-held", "meeting": {"group": "g 1", "attendees": "x"}},
                {"type": 7},
                "not an event",
                {
                    "type": "organisation-added",
                    "on": "2012-04-02",
                    "partner": {
                        "id": "b",
                        "name": "B",
                        "sector": "third",
                        "identifiers": ["GB-SC-SC/1", "not an org-id", 3],
                    },
                },
            ],
            "policy": {"name": "PSP"},
        }
        doc = {"psp": "document", "schema_version": 2, "type": "partnership", "data": data}
        paths = [p.path for p in psp.check_document(doc)]
        assert "$.data.history[0].partner.id" in paths
        assert "$.data.history[0].partner.identifiers" in paths
        assert "$.data.history[3].type" in paths
        assert "$.data.history[4]" in paths
        assert psp.check_document({**doc, "type": "policy", "data": {"name": "P Q"}}) == ()
        a_partner = {**doc, "type": "partner", "data": {**partner, "id": "a", "identifiers": []}}
        assert psp.check_document(a_partner) == ()
        assert group["members"] == "a b"  # the old document is not changed

    def test_a_partnerships_own_ids_collide_only_within_it(self) -> None:
        def with_bid(pid: str) -> dict[str, Any]:
            p = Partnership(pid, "P").add_organisation(psp.Partner("f", "F", "third"), on=D0)
            bid = psp.Bid(id="b-1", funder="f", purpose="pilot", drafted_on=D0)
            data: dict[str, Any] = psp.to_data(p.draft_bid(bid))
            return data

        one, two = with_bid("p"), with_bid("q")
        two["history"][1]["bid"]["id"] = "b 1"  # as version 2 let it be written
        data = {"id": "f", "name": "F", "partnerships": [one, two]}
        doc = {"psp": "document", "schema_version": 2, "type": "portfolio", "data": data}
        portfolio = psp.from_document(doc, psp.Portfolio)
        assert [p.bids()[0].id for p in portfolio.partnerships] == ["b-1", "b-1"]
        # Organisations are the portfolio's: the same new id from two old ones is refused.
        two["history"][0]["partner"]["id"] = "#f"
        two["history"][1]["bid"]["funder"] = "#f"
        assert [p.path for p in psp.check_document(doc)] == [
            "$.data.partnerships[1].history[0].partner.id",
            "$.data.partnerships[1].history[1].bid.funder",
        ]

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("tps", "tps"),
            ("GB-SC-SC012710", "GB-SC-SC012710"),
            ("Low Moss", "Low-Moss"),
            ("a / b", "a-b"),
            ("line\nbreak", "line-break"),
            ("Caf\u00e9 Zo\u00eb", "Cafe-Zoe"),
            ("#1", "1"),
            ("_hidden", "hidden"),
            ("x" * 150, "x" * 100),
        ],
    )
    def test_the_version_3_id_rule(self, old: str, new: str) -> None:
        assert v3_id(old) == new

    def test_an_old_id_with_no_letter_or_digit_left_becomes_a_hash_of_itself(self) -> None:
        assert v3_id("\u793e\u533a") == "id-5bcd0ddcdd694b5c"  # sha256 of its UTF-8
        assert v3_id("\u793e\u533a") != v3_id("\u793e")

    @given(st.text(min_size=1, max_size=300))
    def test_every_old_id_becomes_an_id(self, old: str) -> None:
        assert _matches_the_grammar(v3_id(old))

    def test_every_version_below_the_current_one_has_a_migration(self) -> None:
        assert sorted(MIGRATIONS) == list(range(1, psp.SCHEMA_VERSION))


def _matches_the_grammar(value: str) -> bool:
    """The id grammar, written out without a regular expression."""
    allowed = set(string.ascii_letters + string.digits + "._:~-")
    return (
        1 <= len(value) <= 100
        and set(value) <= allowed
        and value[0] in string.ascii_letters + string.digits
    )


class TestWhereIdsStand:
    """The migration's frozen table of where version 2 wrote ids is today's classes'."""

    def test_the_table_names_every_id_field_of_every_document_type_and_event(self) -> None:
        # Valid while the classes keep version 2's shape (schema version 3 changed ids
        # only); a version that moves fields must keep _V2_IDS as it is and drop this.
        # An event or record added since (absent from version-2 documents) is listed
        # in ADDED_SINCE_VERSION_2 rather than in the table.
        assert psp.SCHEMA_VERSION == 3
        today = _id_fields_of_today()
        for added in ADDED_SINCE_VERSION_2:
            kind, _, field = added.partition(".")  # a field added to an older record
            _ = today.get(kind, {}).pop(field, None) if field else today.pop(added, None)
        assert {k: {f: shape for f, (shape, _) in v.items()} for k, v in _V2_IDS.items()} == (today)


#: Events and records holding ids that were added after schema version 2 was current.
ADDED_SINCE_VERSION_2: frozenset[str] = frozenset(
    {
        "partnership-initiated",
        "lead-selected",
        "contribution-recorded",
        "capabilities-declared",
        "rule-waived",
        "waiver-withdrawn",
        # people in posts, the risk register, differences between partners (issue 18)
        "Post",
        "post-established",
        "post-filled",
        "post-vacated",
        "risk-raised",
        "risk-reviewed",
        "risk-closed",
        "difference-recorded",
        "difference-resolved",
        # outputs and capacity; benefits and savings (issue 17, items 4-5)
        "output-target-set",
        "output-recorded",
        # relational surveys (issue 19, item 3)
        "RelationalAnswer",
        "relational-response-recorded",
        # budgets and spend (issue 17, item 2)
        "budget-set",
        "spend-recorded",
        "benefit-identified",
        # funds and streams in use (issue 17, item 1)
        "fund-recorded",
        "FunderShare",
        "Fund.shares",
        "Fund.decided_by",
        # payments and reporting obligations (issue 17, item 3)
        "payment-planned",
        "payment-made",
        "report-required",
        "report-received",
        # payments under an awarded tender's contract (issue 17, item 6)
        "contract-payment-made",
    }
)


def _id_fields_of_today() -> dict[str, dict[str, str]]:
    """For each record and event holding ids, directly or in records it holds: its id
    fields (found by giving each text field's converter "a b" and seeing it refused
    as an id) and the fields holding such records or events."""
    from psp._interchange.conversion import FIELD_TYPES
    from psp._interchange.field_types import (
        Events,
        Identifier,
        Many,
        Nullable,
        Record,
        Text,
    )

    table: dict[str, dict[str, str]] = {}
    seen: set[type] = set()

    def refuses_as_id(cls: type, name: str, probe: object) -> bool:
        if cls is psp.Link:  # a derived value; a portfolio checks its ends as ids
            return name in ("source", "target")
        converter = attrs.fields_dict(cls)[name].converter
        try:
            converter(probe)  # type: ignore[misc,operator]
        except psp.InvalidValueError as e:
            return e.code == "invalid-id"
        return False

    def shape(cls: type, name: str, t: Any) -> str | None:
        d = FIELD_TYPES.describe(t)
        if isinstance(d, Nullable):
            d = FIELD_TYPES.describe(d.inner)
        many = isinstance(d, Many)
        if isinstance(d, Many):
            d = FIELD_TYPES.describe(d.item)
        if isinstance(d, Text):
            if cls is psp.Tender and name in ("tenderers", "awarded_to"):
                return "ids" if many else "id"  # filled in by the partnership from events
            if refuses_as_id(cls, name, ["a b"] if many else "a b"):
                return "ids" if many else "id"
            return None
        if isinstance(d, Identifier):
            return "org-ids"
        if isinstance(d, Events):
            return "events"
        if isinstance(d, Record):
            key = visit(d)
            return ("records" if many else "record") if key in table else None
        return None

    def visit(record: Record) -> str:
        key = record.tag or record.cls.__name__
        if record.cls not in seen:
            seen.add(record.cls)
            fields = {f.name: shape(record.cls, f.name, f.type) for f in record.fields}
            found = {k: v for k, v in fields.items() if v is not None}
            if found:
                table[key] = found
        return key

    for cls in [*psp.DOCUMENT_TYPES.values(), *typing.get_args(psp.Event)]:
        d = FIELD_TYPES.describe(cls)
        if isinstance(d, Record):
            visit(d)
    return table


class TestEventDocuments:
    """One event is a document: written with its tag and the schema version, read back
    (upgraded by the same migrations as whole documents) as itself."""

    @settings(max_examples=40)
    @given(partnerships(max_organisations=5, max_steps=30))
    def test_every_event_round_trips_alone_and_as_a_document(self, p: Partnership) -> None:
        for event in p.history:
            assert psp.from_data(psp.to_data(event), psp.Event) == event
            doc = psp.to_document(event)
            assert (doc["schema_version"], doc["type"]) == (psp.SCHEMA_VERSION, "event")
            assert doc["data"] == psp.to_data(event)
            text = json.dumps(doc, allow_nan=False)
            assert psp.from_document(json.loads(text)) == event
            assert psp.from_document(json.loads(text), psp.Event) == event
            assert psp.from_document(json.loads(text), type(event)) == event

    def test_an_event_document_of_version_2_reads_its_old_ids_upgraded(self) -> None:
        old = {"type": "member-left", "on": "2013-03-31", "partner_id": "Caf\u00e9 / 1"}
        doc = {"psp": "document", "schema_version": 2, "type": "event", "data": old}
        assert psp.from_document(doc) == psp.MemberLeft(on=date(2013, 3, 31), partner_id="Cafe-1")
        nested = {
            "type": "organisation-added",
            "on": "2012-04-01",
            "partner": {"id": "a b", "name": "A", "sector": "third", "part_of": "c/d"},
        }
        event = psp.from_document({**doc, "data": nested}, psp.OrganisationAdded)
        assert (event.partner.id, event.partner.part_of) == ("a-b", "c-d")
        # Version 1 wrote no events, but an event row labelled 1 reads as one of 2 would.
        assert psp.from_document({**doc, "schema_version": 1}).partner_id == "Cafe-1"

    def test_an_event_document_of_another_kind_or_type_is_refused(self) -> None:
        doc = psp.to_document(psp.MemberLeft(on=date(2013, 3, 31), partner_id="tps"))
        with pytest.raises(ConversionError) as info:
            psp.from_document(doc, psp.MemberJoined)
        assert info.value.problems[0].path.startswith("$.data")
        with pytest.raises(ConversionError, match="is 'event', but a Partnership was expected"):
            psp.from_document(doc, Partnership)
        policy = psp.to_document(Policy())
        with pytest.raises(ConversionError, match="is 'policy', but an Event was expected"):
            psp.from_document(policy, psp.Event)
        with pytest.raises(ConversionError):
            psp.from_document({**doc, "data": {**doc["data"], "type": "member-invited"}})

    def test_the_document_types_name_the_event_union(self) -> None:
        assert psp.DOCUMENT_TYPES["event"] is psp.Event
        with pytest.raises(psp.InvalidValueError, match="Event"):
            psp.to_document(psp.Period(date(2012, 1, 1)))


class TestJsonSchema:
    """The generated schema accepts what psp writes and rejects what psp refuses."""

    def test_the_schema_is_valid_json_schema(self) -> None:
        jsonschema.Draft202012Validator.check_schema(psp.json_schema())
        for tag in psp.DOCUMENT_TYPES:
            jsonschema.Draft202012Validator.check_schema(psp.json_schema(tag))

    def test_unknown_document_type(self) -> None:
        with pytest.raises(psp.InvalidValueError):
            psp.json_schema("meeting")

    def test_the_low_moss_document_validates(self, low_moss: Partnership) -> None:
        doc = psp.to_document(low_moss)
        validator().validate(doc)
        validator("partnership").validate(doc)

    @settings(max_examples=60)
    @given(DOCUMENTS)
    def test_every_generated_document_validates(self, obj: Any) -> None:
        doc = psp.to_document(obj)
        errors = list(validator().iter_errors(doc))
        assert errors == []

    @pytest.mark.parametrize(
        ("mutate", "data_path"),
        [
            (lambda d: d["data"].pop("name"), "$.data.name"),
            (lambda d: d["data"].__setitem__("focus", "women"), "$.data.focus"),
            (lambda d: d["data"].__setitem__("colour", "red"), "$.data"),
            (lambda d: d["data"]["history"][1].__setitem__("on", 20120401), "$.data.history[1].on"),
            (
                lambda d: d["data"]["history"][1].__setitem__("type", "member-invited"),
                "$.data.history[1].type",
            ),
        ],
        ids=[
            "field removed",
            "wrong type",
            "unknown key",
            "wrong type in an event",
            "unknown event tag",
        ],
    )
    def test_a_mutated_document_fails_the_schema_and_the_reader(
        self, low_moss: Partnership, mutate: Any, data_path: str
    ) -> None:
        doc = copy.deepcopy(psp.to_document(low_moss))
        mutate(doc)
        assert list(validator().iter_errors(doc)) != []
        problems = psp.check_document(doc)
        assert data_path in [p.path for p in problems]
