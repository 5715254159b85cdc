"""psp's schemas as a service serves them (issue 15, item 4): every schema has an ``$id``;
every enum, class and event class is a named definition; the definitions are also
OpenAPI 3.1 components; and the schema is as strict as the reader wherever JSON Schema
can say it, shown both ways: each field's constraint probed against the reader, and
documents generated from the schema itself read by psp.
"""

from __future__ import annotations

import enum
import re
import types
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import utils as conjecture_utils
from hypothesis_jsonschema import _from_schema, from_schema
from openapi_spec_validator import validate as validate_openapi

import psp
from psp._base.checks import MAX_WHOLE
from psp._interchange.conversion import EVENT_TAGS, FIELD_TYPES
from psp._interchange.field_types import Choice, Events, Open, Record
from psp._interchange.schema import _WHOLE_RANGES, _Builder
from psp.testing import partnerships

from .fuzz.conftest import _rich
from .fuzz.conftest import walk as walk_objects
from .test_refusal_messages import REFUSALS

ROOT = Path(__file__).resolve().parent.parent
TYPES = [None, *psp.DOCUMENT_TYPES]
DEFS = psp.json_schema()["$defs"]
COMPONENTS = psp.openapi_components()
SCHEMAS = COMPONENTS["schemas"]
ENUMS = {
    name: obj
    for name in psp.__all__
    if isinstance(obj := getattr(psp, name), type) and issubclass(obj, enum.Enum)
}


def nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in a schema, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from nodes(value)


def envelope(data: Any) -> dict[str, Any]:
    """An event document holding ``data``, as ``to_document(event)`` writes one."""
    return {"psp": "document", "schema_version": psp.SCHEMA_VERSION, "type": "event", "data": data}


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


class TestIds:
    """Every schema names itself: ``urn:psp:schema:<SCHEMA_VERSION>:<type>``."""

    @pytest.mark.parametrize("document_type", TYPES)
    def test_every_schema_has_an_id_naming_the_schema_version_and_its_type(
        self, document_type: str | None
    ) -> None:
        schema = psp.json_schema(document_type)
        name = document_type or "document"
        assert schema["$id"] == f"urn:psp:schema:{psp.SCHEMA_VERSION}:{name}"

    def test_references_resolve_under_the_id(self, low_moss: psp.Partnership) -> None:
        # The $id is the base URI the "#/$defs/..." references resolve against.
        validator(psp.json_schema("partnership")).validate(psp.to_document(low_moss))


class TestNamedDefinitions:
    """Enums, classes and event classes are definitions named as in Python, referred to
    by ``$ref``, never repeated inline."""

    @pytest.mark.parametrize("document_type", [*TYPES, "components"])
    def test_every_enum_is_a_named_definition(self, document_type: str | None) -> None:
        if document_type == "components":
            defs, prefix = SCHEMAS, "#/components/schemas/"
        else:
            defs, prefix = psp.json_schema(document_type)["$defs"], "#/$defs/"
        named = {id(d) for name, d in defs.items() if name in {*ENUMS, "ErrorCode", "Rule"}}
        named |= {id(d) for d in defs.get("Rule", {}).get("anyOf", [])}  # psp's rules, or a code
        for node in nodes(defs):
            if "enum" in node and id(node) not in named:
                # Only a field that narrows a named enum lists values itself.
                narrowed = ENUMS[node["$ref"].removeprefix(prefix)]
                assert set(node["enum"]) < {m.value for m in narrowed}
        for name in defs.keys() & ENUMS.keys():
            assert defs[name]["enum"] == [m.value for m in ENUMS[name]]
            assert defs[name]["title"] == name
        if document_type == "components":
            assert defs["Rule"]["anyOf"][0]["enum"] == sorted(psp.Finding.RULES)

    def test_every_enum_a_document_holds_is_defined(self) -> None:
        held = {
            d.cls.__name__
            for t in _reachable_from_documents()
            if isinstance(d := FIELD_TYPES.describe(t), Choice | Open) and d.cls is not None
        }
        assert held <= DEFS.keys()
        # Focus and LinkKind are held as open vocabularies (docs/vocabularies.md).
        assert {"Role", "Sector", "Step", "Focus", "LinkKind"} <= held
        assert {"FocusOrTerm", "LinkKindOrTerm", "Term"} <= DEFS.keys()

    def test_each_event_class_is_a_definition_with_its_tag(self) -> None:
        for cls, tag in EVENT_TAGS.items():
            definition = DEFS[cls.__name__]
            assert definition["properties"]["type"] == {"const": tag}
            assert definition["required"][0] == "type"
            assert definition["additionalProperties"] is False
        expected = [{"$ref": f"#/$defs/{cls.__name__}"} for cls in EVENT_TAGS]
        assert DEFS["Event"]["oneOf"] == expected

    def test_a_definition_is_not_repeated_inline(self) -> None:
        # Each class appears once, as its definition; elsewhere only as a $ref.
        titles = [node["title"] for node in nodes(DEFS) if isinstance(node.get("title"), str)]
        assert sorted(titles) == sorted(set(titles))


def _reachable_from_documents() -> list[Any]:
    """Every type a document type holds."""
    found: list[Any] = []
    todo = list(psp.DOCUMENT_TYPES.values())
    while todo:
        t = todo.pop()
        if t in found:
            continue
        found.append(t)
        match FIELD_TYPES.describe(t):
            case Record(fields=fields):
                todo.extend(f.type for f in fields)
            case Events(variants=variants):
                todo.extend(cls for _, cls in variants)
            case description if hasattr(description, "parts"):
                todo.extend(description.parts)
    return found


class TestEventDocuments:
    """``json_schema("event")``: a versioned document of one event."""

    @settings(max_examples=30)
    @given(partnerships(max_organisations=4, max_steps=15))
    def test_every_event_of_a_history_validates_and_reads_back(self, p: psp.Partnership) -> None:
        one, anything = validator(psp.json_schema("event")), validator(psp.json_schema())
        for event in p.history:
            doc = psp.to_document(event)
            assert list(one.iter_errors(doc)) == []
            assert list(anything.iter_errors(doc)) == []
            assert doc == envelope(psp.to_data(event))
            assert psp.from_document(doc) == event

    @pytest.mark.parametrize(
        "change",
        [
            {"type": "member-invited"},
            {"type": None},
            {"on": "2012-13-01"},
            {"partner_id": " a"},
            {"colour": "red"},
        ],
        ids=["unknown tag", "no tag", "no such month", "padded id", "unknown key"],
    )
    def test_the_schema_and_the_reader_refuse_a_malformed_event(
        self, change: dict[str, Any]
    ) -> None:
        left = psp.to_data(psp.MemberLeft(on=date(2013, 1, 1), partner_id="a"))
        doc = envelope({k: v for k, v in {**left, **change}.items() if v is not None})
        assert not validator(psp.json_schema("event")).is_valid(doc)
        assert psp.check_document(doc) != ()


# --- OpenAPI 3.1 components ------------------------------------------------------------


def openapi_document() -> dict[str, Any]:
    """A minimal OpenAPI 3.1 document of a service serving partnerships."""

    def body(name: str) -> dict[str, Any]:
        schema = {"$ref": f"#/components/schemas/{name}"}
        return {"content": {"application/json": {"schema": schema}}}

    return {
        "openapi": "3.1.0",
        "info": {"title": "A psp service", "version": "1"},
        "paths": {
            "/partnerships/{id}/events": {
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"$ref": "#/components/schemas/Id"},
                    }
                ],
                "get": {
                    "responses": {
                        "200": {"description": "The partnership", **body("PartnershipDocument")},
                        "404": {"description": "No such partnership", **body("Error")},
                    }
                },
                "post": {
                    "requestBody": body("EventDocument"),
                    "responses": {
                        "201": {"description": "Recorded", **body("PartnershipDocument")},
                        "409": {"description": "Refused", **body("Error")},
                        "422": {"description": "Invalid", **body("Error")},
                    },
                },
            }
        },
        "components": COMPONENTS,
    }


def components_validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator for one component, its references resolved within the components."""
    return validator({"$ref": f"#/components/schemas/{name}", "components": COMPONENTS})


class TestOpenAPIComponents:
    """``psp.openapi_components()``: the definitions as OpenAPI 3.1 components."""

    def test_every_reference_is_to_a_component_that_exists(self) -> None:
        refs = [node["$ref"] for node in nodes(COMPONENTS) if "$ref" in node]
        assert refs
        for ref in refs:
            assert ref.startswith("#/components/schemas/"), ref
            assert ref.removeprefix("#/components/schemas/") in SCHEMAS, ref
        for node in nodes(COMPONENTS):  # nothing that would move a reference's base
            assert not node.keys() & {"$id", "$defs", "$schema"}

    def test_placed_in_an_openapi_document_it_is_valid_openapi_3_1(self) -> None:
        validate_openapi(openapi_document())  # the OpenAPI 3.1 meta-schema, offline

    def test_each_component_is_a_valid_2020_12_schema(self) -> None:
        for schema in SCHEMAS.values():
            jsonschema.Draft202012Validator.check_schema(schema)

    def test_it_holds_every_definition_an_envelope_per_document_type_and_error(self) -> None:
        envelopes = {f"{t.title()}Document" for t in psp.DOCUMENT_TYPES}
        assert {"PartnershipDocument", "EventDocument"} <= envelopes
        assert SCHEMAS.keys() == DEFS.keys() | envelopes | {
            "Document",
            "Error",
            "ErrorCode",
            "Rule",
            "RuleCode",
            "Severity",
            "Stage",
        }
        for t in psp.DOCUMENT_TYPES:
            data = SCHEMAS[f"{t.title()}Document"]["properties"]["data"]
            assert data == {
                "$ref": psp.json_schema(t)["properties"]["data"]["$ref"].replace(
                    "#/$defs/", "#/components/schemas/"
                )
            }

    def test_the_discriminators_map_every_tag(self) -> None:
        event = SCHEMAS["Event"]["discriminator"]
        assert event["propertyName"] == "type"
        assert event["mapping"] == {
            tag: f"#/components/schemas/{cls.__name__}" for cls, tag in EVENT_TAGS.items()
        }
        document = SCHEMAS["Document"]["discriminator"]
        assert document["mapping"] == {
            t: f"#/components/schemas/{t.title()}Document" for t in psp.DOCUMENT_TYPES
        }
        for name, mapped in [*event["mapping"].items(), *document["mapping"].items()]:
            target = SCHEMAS[mapped.removeprefix("#/components/schemas/")]
            assert target["properties"]["type"] == {"const": name}

    def test_documents_validate_against_the_components(self, low_moss: psp.Partnership) -> None:
        doc = psp.to_document(low_moss)
        assert list(components_validator("Document").iter_errors(doc)) == []
        assert list(components_validator("PartnershipDocument").iter_errors(doc)) == []
        for event in low_moss.history:
            assert (
                list(components_validator("EventDocument").iter_errors(psp.to_document(event)))
                == []
            )
        bad = {**doc, "data": {**doc["data"], "name": " Low Moss"}}
        assert list(components_validator("Document").iter_errors(bad)) != []


@pytest.mark.parametrize(("make", "error", "code", "message", "field_and_value"), REFUSALS)
def test_error_describes_what_to_dict_gives_for_every_refusal(
    make: Callable[[], object],
    error: type[psp.PSPError],
    code: str,
    message: str,
    field_and_value: Any,
) -> None:
    with pytest.raises(psp.PSPError) as info:
        make()
    found = info.value.to_dict()
    assert list(components_validator("Error").iter_errors(found)) == []


def test_error_describes_the_fields_of_every_kind_of_refusal() -> None:
    p = psp.Partnership("p", "P")
    refusals: list[Callable[[], object]] = [
        lambda: psp.from_data({"id": 7}, psp.Partner),
        lambda: p.step("start-pilot", on=date(2012, 1, 1)),
        lambda: p.extend([], expected_version=3),
    ]
    seen: set[str] = set()
    for refuse in refusals:
        with pytest.raises(psp.PSPError) as info:
            refuse()
        found = info.value.to_dict()
        assert list(components_validator("Error").iter_errors(found)) == []
        seen |= found.keys()
    assert seen == SCHEMAS["Error"]["properties"].keys()
    assert SCHEMAS["ErrorCode"]["enum"] == sorted(psp.ERROR_CODES)


# --- As strict as the reader: each field's constraint, probed ---------------------------


@cache
def samples() -> dict[str, Any]:
    """A valid instance of every class a document holds, by class name."""
    import low_moss as example  # examples/, on the path through tests/conftest.py

    found: dict[type, list[Any]] = {}
    d = date(2013, 1, 1)
    for obj in [
        _rich(example.build()),
        psp.Policy.rrcf(),
        psp.Fund("f", "F", funders={"g"}, streams=[psp.Stream("s", "S", "pilot", opens=d)]),
        psp.Cadence(1, "weeks"),
        psp.Link("a", "b", psp.LinkKind.REFERS_TO, psp.Period(d), weight=1.0),
        psp.Signature("Ann Reid", d),
        psp.Endorsement("a", "Fife", True, d),
        psp.Partner("a", "A", "third", identifiers=["GB-SC-SC012345"]),
        psp.Portfolio("pf", "Portfolio", []),
    ]:
        walk_objects(obj, found)
    return {cls.__name__: objs[-1] for cls, objs in found.items()}


def _leaf(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema of one value a property holds, and whether the property is a list."""
    if "anyOf" in schema and {"type": "null"} in schema["anyOf"]:
        schema = next(s for s in schema["anyOf"] if s != {"type": "null"})
    if schema.get("type") == "array":
        return schema["items"], True
    return schema, False


def _kind(schema: dict[str, Any]) -> str | None:
    ref = str(schema.get("$ref", ""))
    if ref in ("#/$defs/Id", "#/$defs/Text"):
        return ref.removeprefix("#/$defs/")
    if schema == {"type": "string"}:
        return "free text"
    kind = schema.get("type")
    return str(kind) if kind in ("integer", "number") else None


LEAVES = [
    (owner, name, kind)
    for owner, definition in sorted(DEFS.items())
    for name, prop in definition.get("properties", {}).items()
    if (kind := _kind(_leaf(prop)[0])) is not None
]
# Fields the class's own reader takes as they come: what they hold is checked where
# the value is recorded. A bid and a tender are recorded fresh (BidDrafted and
# TenderPlanned refuse any award or tenderer: later events fill these in), and a
# portfolio checks its links (Portfolio reads Link.source, .target and .weight).
CHECKED_ELSEWHERE = {
    "Bid.amount_awarded",
    "Link.source",
    "Link.target",
    "Link.weight",
    "Tender.awarded_to",
    "Tender.awarded_value",
    "Tender.tenderers",
}


def reader_refuses(owner: str, name: str, value: Any) -> bool:
    """Whether psp's reader refuses the sample of ``owner`` with ``name`` set to
    ``value`` (in a list, for a list field) for a reason the schema can say: a
    problem at that field, not a rule tying it to another field."""
    data = psp.to_data(samples()[owner])
    is_list = _leaf(DEFS[owner]["properties"][name])[1]
    data[name] = [value] if is_list else value
    problems = [p for p in _problems(data, owner) if beyond_the_schema(p) is None]
    here = [p for p in problems if re.fullmatch(rf"\$\.{name}(\[0\])?", p.path)]
    assert len(here) == len(problems), problems  # the sample is otherwise valid
    return bool(here)


def _problems(data: Any, owner: str) -> tuple[psp.Problem, ...]:
    try:
        psp.from_data(data, getattr(psp, owner))
    except psp.ConversionError as e:
        return e.problems
    return ()


def schema_refuses(owner: str, name: str, value: Any) -> bool:
    leaf, _ = _leaf(DEFS[owner]["properties"][name])
    return not validator({**leaf, "$defs": DEFS}).is_valid(value)


def test_every_class_with_a_checked_field_has_a_sample() -> None:
    assert {owner for owner, _, _ in LEAVES} <= samples().keys()


def test_every_whole_number_a_document_holds_has_its_range() -> None:
    wholes = {f"{owner}.{name}" for owner, name, kind in LEAVES if kind == "integer"}
    assert wholes == set(_WHOLE_RANGES)


BLANK_OR_PADDED = ["", " ", " x", "x ", "x\n", "\tx", "x\u00a0", "\u3000x", "x\u2028", "\x1cx"]


@pytest.mark.parametrize(
    ("owner", "name"),
    [(o, n) for o, n, k in LEAVES if k == "Text" and f"{o}.{n}" not in CHECKED_ELSEWHERE],
)
def test_text_is_refused_blank_or_padded_by_both(owner: str, name: str) -> None:
    for value in BLANK_OR_PADDED:
        assert reader_refuses(owner, name, value), value
        assert schema_refuses(owner, name, value), value
    for value in ["x", "Low Moss / HMP", "Ünïcödé text", "two\nlines", "x" * 300]:
        assert not reader_refuses(owner, name, value), value
        assert not schema_refuses(owner, name, value), value


@pytest.mark.parametrize(("owner", "name"), [(o, n) for o, n, k in LEAVES if k == "free text"])
def test_free_text_is_taken_as_it_is_by_both(owner: str, name: str) -> None:
    for value in ["", " padded ", "x", "two\nlines"]:
        assert not reader_refuses(owner, name, value), value
        assert not schema_refuses(owner, name, value), value


ID_FIELDS = [(o, n) for o, n, k in LEAVES if k == "Id" and f"{o}.{n}" not in CHECKED_ELSEWHERE]


@pytest.mark.parametrize(("owner", "name"), ID_FIELDS)
def test_an_id_is_refused_blank_or_padded_and_taken_in_the_grammar_by_both(
    owner: str, name: str
) -> None:
    for value in ["", " x", "x "]:
        assert reader_refuses(owner, name, value), value
        assert schema_refuses(owner, name, value), value
    for value in ["q", "GB-SC-SC012710", "low-moss:2012_v1.2~b", "0" * 100]:
        assert not reader_refuses(owner, name, value), value
        assert not schema_refuses(owner, name, value), value


@pytest.mark.parametrize(("owner", "name"), ID_FIELDS)
def test_an_id_outside_the_grammar_is_refused_by_both(owner: str, name: str) -> None:
    for value in ["a b", "a/b", "-a", ".a", "0" * 101, "é", "a\nb"]:
        assert schema_refuses(owner, name, value), value
        assert reader_refuses(owner, name, value), value


@pytest.mark.parametrize(
    ("owner", "name"),
    [(o, n) for o, n, k in LEAVES if k == "integer" and f"{o}.{n}" not in CHECKED_ELSEWHERE],
)
def test_a_whole_number_has_the_readers_range(owner: str, name: str) -> None:
    leaf, _ = _leaf(DEFS[owner]["properties"][name])
    low, high = leaf["minimum"], leaf["maximum"]
    assert low - 1 >= -MAX_WHOLE
    assert high + 1 <= MAX_WHOLE
    for value in [low, high]:
        assert not reader_refuses(owner, name, value), value
        assert not schema_refuses(owner, name, value), value
    for value in [low - 1, high + 1, True]:
        assert reader_refuses(owner, name, value), value
        assert schema_refuses(owner, name, value), value


@pytest.mark.parametrize(
    ("owner", "name"),
    [(o, n) for o, n, k in LEAVES if k == "number" and f"{o}.{n}" not in CHECKED_ELSEWHERE],
)
def test_a_number_has_the_readers_least_value(owner: str, name: str) -> None:
    leaf, _ = _leaf(DEFS[owner]["properties"][name])
    low = leaf.get("minimum")
    taken = [0.5, 1e300, 7] if low is not None else [-1e300, -0.5, 0, 1e300]
    for value in taken:
        assert not reader_refuses(owner, name, value), value
        assert not schema_refuses(owner, name, value), value
    if low is not None:
        assert reader_refuses(owner, name, low - 0.5)
        assert schema_refuses(owner, name, low - 0.5)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2012-04-01", True),
        ("2012-02-29", True),
        ("2012-02-30", False),
        ("2012-04-31", False),
        ("2012-13-01", False),
        ("0000-01-01", False),
        ("9999-12-31", True),
        ("2012-4-1", False),
        ("2012-04-01\n", False),
        ("\u0662\u0660\u0661\u0662-\u0660\u0664-\u0660\u0661", False),  # Arabic-Indic digits
    ],
)
def test_a_date_is_a_date_the_calendar_has(text: str, valid: bool) -> None:
    assert schema_refuses("MemberLeft", "on", text) is not valid
    assert reader_refuses("MemberLeft", "on", text) is not valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("GB-SC-SC012345", True),
        ("GB-SC-012345", False),
        ("GB-COH-09506232", True),
        ("GB-COH-SC12345", False),
        ("GB-LAS-ORK", True),
        ("GB-LAS-ork", False),
        ("XI-PB-1234", True),
        ("XI-PB-", False),
        ("gb-sc-SC012345", False),
        ("GB-SC SC012345", False),
    ],
)
def test_an_org_id_has_its_schemes_shape(text: str, valid: bool) -> None:
    assert schema_refuses("Partner", "identifiers", text) is not valid
    assert reader_refuses("Partner", "identifiers", text) is not valid


@pytest.mark.parametrize(
    ("owner", "name", "value"),
    [
        ("LogicModel", "outcomes", []),
        ("Partner", "identifiers", ["GB-SC-SC012345", "GB-SC-SC012345"]),
        ("TenderEnded", "status", "awarded"),
        ("SustainabilityCommitment", "recorded_status", "conditions-met"),
        ("MemberJoined", "roles", ["lead", "lead"]),
    ],
)
def test_what_the_reader_asks_of_one_value_alone_the_schema_says(
    owner: str, name: str, value: Any
) -> None:
    data = psp.to_data(samples()[owner])
    data[name] = value
    assert _problems(data, owner) != ()
    definition = {"$ref": f"#/$defs/{owner}", "$defs": DEFS}
    assert not validator(definition).is_valid(data)


# --- Generated from the schema itself -------------------------------------------------


# hypothesis-jsonschema 0.23.1 (its latest release) draws an object's keys with
# Hypothesis's private ``many(...).more()``, which Hypothesis has since replaced by a
# ``with many(...) as elements: for _ in elements:`` protocol. This gives it ``more()``
# back on top of that protocol, for this module's generation only.
class _Many:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._many = conjecture_utils.many(*args, **kwargs)
        self._many.__enter__()
        self._elements = iter(self._many)

    def more(self) -> bool:
        if next(self._elements, False) is None:
            return True
        self._many.__exit__(None)
        return False

    def reject(self) -> None:
        self._many.reject()


if not hasattr(conjecture_utils.many, "more"):
    _from_schema.cu = types.SimpleNamespace(many=_Many)  # type: ignore[assignment,attr-defined]


def for_generation(schema: Any, defs: dict[str, Any], empty: frozenset[str] = frozenset()) -> Any:
    """The schema rewritten for hypothesis-jsonschema, which resolves no ``$ref`` against
    a URN ``$id``: every reference inlined (psp's definitions never refer to
    themselves), and ``oneOf`` read as ``anyOf`` (the same here, since each branch has
    its own ``type`` constant; ``anyOf`` saves validating every branch). The arrays
    named in ``empty`` (a definition's property: ``"Partnership.history"``) are left
    empty: see ``TestGeneratedFromTheSchema``."""

    def rewrite(node: Any, owner: str = "") -> Any:
        if isinstance(node, list):
            return [rewrite(n, owner) for n in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            name = node["$ref"].removeprefix("#/$defs/")
            return rewrite({**defs[name], **{k: v for k, v in node.items() if k != "$ref"}}, name)
        out = {}
        for key, value in node.items():
            if key in ("$id", "$schema", "$defs"):
                continue
            if key == "properties":
                value = {
                    k: {"type": "array", "maxItems": 0} if f"{owner}.{k}" in empty else v
                    for k, v in value.items()
                }
            out["anyOf" if key == "oneOf" else key] = rewrite(value, owner)
        return out

    return rewrite(schema)


# Why psp may refuse a document the schema accepts: each reason the docs list under
# "Beyond the schema" (docs/conversion.md), and the refusals it covers.
BEYOND_THE_SCHEMA: dict[str, list[str]] = {
    "rules between the fields of one value": [
        r"is in the \w+ sector, so it has no (third-sector|public-body) kind",
        r"is a public body, so it must say which kind",
        r"is only given when the engagement is 'signposted'",
        r"a declined bid is awarded nothing",
        r"must be a whole number no smaller than every \(\d+\) \(got [1-9]",
        r"a chair must be a member of the group",
        r"signs for an organisation that is not a party to the MoU",
        r"is not named as a signatory",
        r"a link joins two different organisations",
        r"structure (has|needs)",
        r"cannot report to itself",
        r"reports to (a strategic group|the Governance Group)",
        r"is not a group of this structure",
        r"proposes group members who are not parties to the MoU",
        r"cannot be part of itself",
        r"is not one of the funders of",
    ],
    "dates in order": [
        r"must be after the start",
        r"before the stream opens",
        r"must not be before",
        r"must be after the day the waiver is granted",
    ],
    "ids and names unique within a list": [
        r"is the id of another",
        r"is already the id of",
        r"is used twice",
        r"lists a person twice",
        r"is named twice",
        r"has another share",
    ],
    "29 February of a year that is not a leap year": [
        r"is not a real calendar date \(got '\d+-02-29'\)"
    ],
}


def beyond_the_schema(problem: psp.Problem) -> str | None:
    """Which listed reason covers a refusal, if any."""
    for reason, patterns in BEYOND_THE_SCHEMA.items():
        if any(re.search(p, problem.reason) for p in patterns):
            return reason
    return None


EXAMPLES = settings(
    max_examples=max(10, settings().max_examples // 5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def strategy(document_type: str) -> st.SearchStrategy[Any]:
    schema = psp.json_schema(document_type)
    if document_type != "event":
        # A history's events are generated one by one, as event documents: a history
        # drawn at random breaks the domain's order at its first event.
        empty = frozenset({"Partnership.history", "Portfolio.links"})
        return from_schema(for_generation(schema, schema["$defs"], empty))
    # One strategy per event class: drawing the union at once costs a validation of
    # every branch for each draw.
    events = [
        from_schema(for_generation(ref, schema["$defs"]))
        for ref in schema["$defs"]["Event"]["oneOf"]
    ]
    return st.one_of(events).map(envelope)


class TestGeneratedFromTheSchema:
    """Documents generated from the schema itself: psp reads each, or refuses it only
    for a reason the docs list as beyond JSON Schema. A partnership's history and a
    portfolio's links are generated empty: their events are generated as event
    documents, and the order of a history (and the organisations a link joins) are
    the domain's rules, beyond the schema."""

    @pytest.mark.parametrize("document_type", list(psp.DOCUMENT_TYPES))
    def test_psp_reads_it_or_refuses_it_for_a_listed_reason(self, document_type: str) -> None:
        schema = validator(psp.json_schema(document_type))

        @EXAMPLES
        @given(strategy(document_type))
        def check(doc: Any) -> None:
            assert schema.is_valid(doc)  # the generator keeps to the schema
            for problem in psp.check_document(doc):
                assert beyond_the_schema(problem) is not None, problem

        check()

    def test_the_docs_list_every_reason_beyond_the_schema(self) -> None:
        page = (ROOT / "docs" / "conversion.md").read_text()
        section = page.split("### Beyond the schema", 1)[1].split("\n## ", 1)[0]
        for reason in BEYOND_THE_SCHEMA:
            assert reason in section, reason


def test_for_generation_keeps_what_the_schema_says(low_moss: psp.Partnership) -> None:
    # The rewriting for generation accepts what the schema does: only the arrays it is
    # told to leave empty change.
    schema = psp.json_schema("partnership")
    rewritten = validator(for_generation(schema, schema["$defs"]))
    doc = psp.to_document(low_moss)
    assert rewritten.is_valid(doc)
    assert not rewritten.is_valid({**doc, "data": {**doc["data"], "id": "a b"}})
    emptied = for_generation(schema, schema["$defs"], frozenset({"Partnership.history"}))
    assert not validator(emptied).is_valid(doc)
    assert validator(emptied).is_valid({**doc, "data": {**doc["data"], "history": []}})


def test_a_fixed_length_tuple_is_an_array_of_exactly_its_items() -> None:
    # No document holds one; a public class does (CadenceCheck.overdue's pairs of dates).
    builder = _Builder()
    builder.ref(psp.CadenceCheck)
    pair = builder.defs["CadenceCheck"]["properties"]["overdue"]["items"]
    assert pair == {
        "type": "array",
        "prefixItems": [{"$ref": "#/$defs/Date"}, {"$ref": "#/$defs/Date"}],
        "minItems": 2,
        "maxItems": 2,
    }
