"""Versioned documents, migrations from older schema versions, and the generated JSON
Schema that every document psp writes validates against."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import ConversionError, Partnership, Policy
from psp._interchange.documents import MIGRATIONS, _v1_to_v2
from psp.testing import partners, partnerships, policies, portfolios

FIXTURES = Path(__file__).resolve().parent / "fixtures"

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
            ({"schema_version": 3}, "$.schema_version", "newer psp"),
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

    def test_every_version_below_the_current_one_has_a_migration(self) -> None:
        assert sorted(MIGRATIONS) == list(range(1, psp.SCHEMA_VERSION))


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
