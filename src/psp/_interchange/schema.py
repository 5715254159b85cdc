"""JSON Schema for psp's documents, generated from the model itself, so a service in
another language can check what psp emits before reading it.

The schema says everything about a document that JSON Schema can say and psp's reader
checks: types, enum values (each enum a named definition), required and unknown keys,
event tags (each event its own definition), text that is not blank, ids in their
grammar, org-ids in their shape, whole numbers in their ranges, real dates. What it
cannot say (a whole number written ``1.0``, dates in order, the domain's rules) is
listed in ``docs/conversion.md`` ("Beyond the schema"); psp checks it when it reads.

Every schema has an ``$id``, ``urn:psp:schema:<SCHEMA_VERSION>:<document type>``
(``document`` for the envelope of any type): it names the shape of one schema version,
so it changes exactly when the shape may.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Mapping
from typing import Any, Final

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._base.identifiers import ID_PATTERN, KNOWN_SCHEMES, OrgId
from psp._base.vocabulary import MAX_TERM, TERM_PATTERN, Term
from psp._commissioning.commitments import CommitmentStatus
from psp._commissioning.tender import TenderStatus
from psp._interchange.conversion import FIELD_TYPES
from psp._interchange.documents import DOCUMENT_TYPES, SCHEMA_VERSION
from psp._interchange.field_types import (
    Boolean,
    Choice,
    Date,
    Events,
    Fixed,
    Identifier,
    Many,
    Nullable,
    Number,
    Open,
    Record,
    RuleCode,
    Table,
    Text,
    Whole,
)

__all__ = ["json_schema", "schema_id"]

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_DEFS: Final = "#/$defs/"

# Every pattern is written for ECMA-262 (JSON Schema's dialect) and Python's re alike:
# ASCII classes, never \d, \w or \s (Python reads them as Unicode classes, ECMA-262 as
# other ones), and no look-around (many validators' engines, RE2's among them, have none).

# The characters Python's str.strip() removes (str.isspace()), written out: text the
# reader takes must not start or end with one, whatever a validator's \s means. Said as
# what text must not match: "not padded" is exact under Python's re too, whose $ also
# matches before a final newline.
_SPACE: Final = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
_PADDED: Final = f"^[{_SPACE}]|[{_SPACE}]$"

_YEAR: Final = "([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
_MONTH_DAY: Final = (
    "((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
    "|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    "|02-(0[1-9]|1[0-9]|2[0-9]))"
)
# A date the calendar can have, years 1 to 9999; 29 February of a year that is not a
# leap year is past a pattern's reach.
_DATE: Final = {
    "title": "Date",
    "description": "A date, YYYY-MM-DD.",
    "type": "string",
    "format": "date",
    "pattern": f"^{_YEAR}-{_MONTH_DAY}$",
}

_SCHEME: Final = "[A-Z]{2}-[A-Z0-9]{2,}"
# An org-id: a scheme and an identifier written in the characters of an id (so an org-id
# stands in a URL as it is); an identifier in one of KNOWN_SCHEMES has that scheme's shape.
_ORG_ID: Final = {
    "title": "OrgId",
    "description": "An organisation identifier in org-id.guide form, SCHEME-IDENTIFIER.",
    "type": "string",
    "anyOf": [
        {
            "pattern": f"^{_SCHEME}-[A-Za-z0-9._:~-]+$",
            "not": {"pattern": f"^({'|'.join(KNOWN_SCHEMES)})-"},
        },
        *({"pattern": f"^{scheme}-{shape}$"} for scheme, (_, shape) in KNOWN_SCHEMES.items()),
    ],
}


class Id:
    """An id: text in the id grammar (``ID_PATTERN``), named ``Id`` in the schema."""


_ID: Final = {
    "title": "Id",
    "description": "An id: 1 to 100 characters from A-Z a-z 0-9 . _ : ~ -, the first a"
    " letter or a digit.",
    "type": "string",
    "minLength": 1,
    "maxLength": 100,
    "pattern": ID_PATTERN,
}
_RULE_CODE: Final = {
    "title": "RuleCode",
    "description": "The code of a fund's own rule, namespaced prefix:name in the id grammar;"
    " read back as one of the rules the reader is given.",
    "type": "string",
    "minLength": 3,
    "maxLength": 100,
    "pattern": ID_PATTERN,
    "allOf": [{"pattern": ":.*[^:]$"}],
}
_TEXT: Final = {
    "title": "Text",
    "description": "Text that is not blank and does not start or end with white space.",
    "type": "string",
    "minLength": 1,
    "not": {"pattern": _PADDED},
}

_TERM: Final = {
    "title": "Term",
    "description": "A term of your own in an open vocabulary: prefix:name, each part"
    " lower-case letters, digits and single hyphens.",
    "type": "string",
    "maxLength": MAX_TERM,
    "pattern": TERM_PATTERN,
}

# What the reader checks of each text and whole number, by field ("Class.field"). psp
# names a field for what it holds, so text is known by its field's name; the exceptions
# name the class. tests/test_schema.py checks every entry against the reader.
#: Free text: any text, even empty.
_FREE_TEXT: Final = frozenset({"description", "note", "reason", "summary"})
#: Fields that hold ids (or collections of them).
_IDS: Final = frozenset(
    {
        "id",
        "about",
        "alternatives",
        "awarded_to",
        "bid_id",
        "by",
        "chairs",
        "commissioner",
        "commitment_id",
        "decided_by",
        "difference_id",
        "fund",
        "funder",
        "funders",
        "granted_by",
        "group",
        "members",
        "mou_id",
        "mous",
        "on_behalf_of",
        "output_id",
        "owner",
        "part_of",
        "parties",
        "partner_id",
        "payment_id",
        "planned_id",
        "post_id",
        "provider",
        "raised_by",
        "report_id",
        "reports_to",
        "respondent",
        "rule",
        "risk_id",
        "signposted_by",
        "source",
        "stream",
        "target",
        "tender_id",
        "tenderer",
        "tenderers",
        "wave_id",
    }
)
#: Fields named as ids are but holding text.
_NOT_IDS: Final = frozenset({"Baseline.source", "BenefitIdentified.source", "Finding.rule"})
_POUNDS: Final = (0, _checks.MAX_AMOUNT)
_AWARD: Final = (1, _checks.MAX_AMOUNT)
_COUNT: Final = (0, _checks.MAX_COUNT)
_RATING: Final = (1, 4)  # a relational survey's rating (psp.RATING_SCALE)
_WEEKS: Final = (1, 520)  # a cadence, in its unit: up to ten years of weeks
#: The range of every whole number a document holds, as its converter checks it.
_WHOLE_RANGES: Final[Mapping[str, tuple[int, int]]] = {
    "BenefitIdentified.estimate": _POUNDS,
    "Bid.amount_asked": _POUNDS,
    "Bid.amount_awarded": _AWARD,
    "BudgetSet.amount": _POUNDS,
    "BidDecided.amount": _AWARD,
    "Cadence.every": _WEEKS,
    "Cadence.up_to": _WEEKS,
    "Consultation.participants": _COUNT,
    "ContributionRecorded.value": _POUNDS,
    "FunderShare.amount": _POUNDS,
    "Stream.amount": _POUNDS,
    "OutputRecorded.value": _COUNT,
    "OutputTargetSet.target": _COUNT,
    "MoU.version": (1, _checks.MAX_VERSION),
    # payments (issue 17, item 3): whole pounds, at least one
    "PaymentMade.amount": _AWARD,
    "PaymentPlanned.amount": _AWARD,
    "ContractPaymentMade.amount": _AWARD,
    "Policy.min_public_members": _COUNT,
    # relational surveys: psp.RATING_SCALE
    "RelationalAnswer.reliability": _RATING,
    "RelationalAnswer.mission": _RATING,
    "RelationalAnswer.openness": _RATING,
    "RelationalAnswer.power": _RATING,
    "RelationalAnswer.involvement": _RATING,
    "RelationalAnswer.resources": _RATING,
    "Policy.min_third_sector_members": _COUNT,
    "Rating.impact": (1, 5),
    "Rating.likelihood": (1, 5),
    "SpendRecorded.amount": _AWARD,
    "SustainabilityCommitment.amount": _POUNDS,
    "Tender.awarded_value": _POUNDS,
    "Tender.value": _POUNDS,
    "TenderAwarded.value": _POUNDS,
}
#: The least value of a number, where the reader has one.
_NUMBER_MINIMUMS: Final[Mapping[str, int]] = {"Link.weight": 0, "LinkAdded.weight": 0}
#: What else the reader asks of one field's value, alone.
_FIELD_RULES: Final[Mapping[str, Mapping[str, Any]]] = {
    "RuleWaived.reason": {"minLength": 1, "not": {"pattern": _PADDED}},
    "Waiver.reason": {"minLength": 1, "not": {"pattern": _PADDED}},
    "LogicModel.outcomes": {"minItems": 1},
    "PartnershipInitiated.by": {"minItems": 1},
    "Partner.identifiers": {"uniqueItems": True},
    "SustainabilityCommitment.recorded_status": {
        "not": {"const": CommitmentStatus.CONDITIONS_MET.value}
    },
    "TenderEnded.status": {"enum": [TenderStatus.CANCELLED.value, TenderStatus.UNSUCCESSFUL.value]},
}


def schema_id(name: str) -> str:
    """The ``$id`` of the schema of a document type (or ``"document"``, any type):
    ``urn:psp:schema:<SCHEMA_VERSION>:<name>``.

    >>> schema_id("partnership") == f"urn:psp:schema:{SCHEMA_VERSION}:partnership"
    True
    """
    return f"urn:psp:schema:{SCHEMA_VERSION}:{name}"


def _summary(cls: type) -> str:
    """The first paragraph of a class's docstring, on one line."""
    return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())


class _Builder:
    """Walks the model's types, collecting a named definition per attrs class, event
    class and enum; every reference is ``prefix`` and the name."""

    def __init__(self, prefix: str = _DEFS) -> None:
        self.prefix = prefix
        self.defs: dict[str, Any] = {}
        self._owners: dict[str, Any] = {}

    def ref(self, t: Any, where: str = "") -> dict[str, Any]:
        """The schema of a value of type ``t``, held by the field ``where``
        (``"Class.field"``), whose name says what text and whole numbers hold."""
        match FIELD_TYPES.describe(t):
            case Text():
                name = where.rpartition(".")[2]
                if name in _FREE_TEXT:
                    return {"type": "string"}
                if name in _IDS and where not in _NOT_IDS:
                    return self._named(Id, lambda: dict(_ID))
                return self._named(Text, lambda: dict(_TEXT))
            case Whole():
                return _whole(where)
            case Number():
                minimum = _NUMBER_MINIMUMS.get(where)
                return (
                    {"type": "number"}
                    if minimum is None
                    else {"type": "number", "minimum": minimum}
                )
            case Boolean():
                return {"type": "boolean"}
            case Date():
                return self._named(Date, lambda: dict(_DATE))
            case Identifier():
                return self._named(OrgId, lambda: dict(_ORG_ID))
            case Choice(cls):
                return self._named(cls, lambda: _enum(cls))
            case Open(vocabulary):
                if vocabulary is None:
                    return self._named(Term, lambda: dict(_TERM))
                name = f"{vocabulary.__name__}OrTerm"
                return self._named(vocabulary, lambda: self._open(vocabulary), name)
            case Nullable(inner):
                return {"anyOf": [self.ref(inner, where), {"type": "null"}]}
            case Many(item, build) if build is frozenset:
                return {"type": "array", "items": self.ref(item, where), "uniqueItems": True}
            case Many(item):
                return {"type": "array", "items": self.ref(item, where)}
            case Fixed(items):
                n = len(items)
                prefix = [self.ref(a, where) for a in items]
                return {"type": "array", "prefixItems": prefix, "minItems": n, "maxItems": n}
            case Table(key, value):
                return {
                    "type": "object",
                    "propertyNames": self.ref(key, where),
                    "additionalProperties": self.ref(value, where),
                }
            case Record() as record:
                return self._named(record.cls, lambda: self._object(record))
            case Events(variants):
                return self._named(t, lambda: self._events(variants), "Event")
            case RuleCode():
                return self._named(RuleCode, lambda: dict(_RULE_CODE))
        raise AssertionError(t)  # pragma: no cover - the match covers every description

    def _named(self, t: Any, build: Callable[[], dict[str, Any]], name: str = "") -> dict[str, Any]:
        """A reference to the definition of ``t``, built once, however many fields
        refer to it. Two types of one name would share a definition: refused."""
        name = name or t.__name__
        owner = self._owners.setdefault(name, t)
        if owner is not t:  # pragma: no cover - psp's public names are unique
            raise TypeError(f"two types are named {name}: {owner!r} and {t!r}")
        if name not in self.defs:
            self.defs[name] = build()
        return {"$ref": self.prefix + name}

    def _open(self, cls: type[enum.Enum]) -> dict[str, Any]:
        return {
            "title": f"{cls.__name__}OrTerm",
            "description": f"A {cls.__name__} value, or a term of your own, prefix:name.",
            "anyOf": [self.ref(cls), self.ref(Term)],
        }

    def _field(self, owner: str, name: str, t: Any) -> dict[str, Any]:
        where = f"{owner}.{name}"
        return {**self.ref(t, where), **_FIELD_RULES.get(where, {})}

    def _events(self, variants: tuple[tuple[str, type], ...]) -> dict[str, Any]:
        refs = [self.ref(cls) for _, cls in variants]
        return {"title": "Event", "description": "One event of a history.", "oneOf": refs}

    def _object(self, record: Record) -> dict[str, Any]:
        cls = record.cls
        owner = cls.__name__
        properties = {f.name: self._field(owner, f.name, f.type) for f in record.fields}
        required = [f.name for f in record.fields if f.required]
        if record.tag is not None:  # an event: written with its tag
            properties = {"type": {"const": record.tag}, **properties}
            required = ["type", *required]
        return {
            "type": "object",
            "title": owner,
            "description": _summary(cls),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def _enum(cls: type[enum.Enum]) -> dict[str, Any]:
    return {
        "title": cls.__name__,
        "description": _summary(cls),
        "type": "string",
        "enum": [m.value for m in cls],
    }


def _whole(where: str) -> dict[str, Any]:
    # A whole number outside the table (a field of a class no document holds) has the
    # range every reader takes.
    low, high = _WHOLE_RANGES.get(where, (-_checks.MAX_WHOLE, _checks.MAX_WHOLE))
    return {"type": "integer", "minimum": low, "maximum": high}


def envelope(tag: str, data: dict[str, Any]) -> dict[str, Any]:
    """The envelope of a document of type ``tag`` whose data has the schema ``data``."""
    return {
        "type": "object",
        "title": f"psp {tag} document",
        "properties": {
            "psp": {"const": "document"},
            "schema_version": {"const": SCHEMA_VERSION},
            "type": {"const": tag},
            "data": data,
        },
        "required": ["psp", "schema_version", "type", "data"],
        "additionalProperties": False,
    }


def document_name(tag: str) -> str:
    """The name of the definition of a document type's envelope: ``PartnershipDocument``."""
    return tag.title().replace("-", "") + "Document"


def json_schema(document_type: str | None = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a psp document: the envelope of one type
    (``"partnership"``, ``"portfolio"``, ``"partner"``, ``"policy"``, ``"fund"``, or
    ``"event"``, one event), or of any type (``None``).

    Its ``$id`` is ``urn:psp:schema:<SCHEMA_VERSION>:<type>`` (``document`` for any
    type); every class, event class and enum is a definition in ``$defs``, named as in
    Python (``Partner``, ``MemberJoined``, ``Role``), and ``Event`` is the ``oneOf``
    of the event classes.

    >>> schema = json_schema("partnership")
    >>> schema["properties"]["schema_version"]
    {'const': 3}
    >>> sorted(schema["$defs"]["Partnership"]["required"])
    ['id', 'name']

    >>> schema["$id"] == f"urn:psp:schema:{SCHEMA_VERSION}:partnership"
    True
    >>> schema["$defs"]["Partner"]["properties"]["sector"]
    {'$ref': '#/$defs/Sector'}
    """
    if document_type is not None and document_type not in DOCUMENT_TYPES:
        known = ", ".join(DOCUMENT_TYPES)
        raise InvalidValueError(
            "document_type",
            document_type,
            f"is not a document type; one of: {known}",
            code="unknown-choice",
        )
    builder = _Builder()
    header = {"$schema": _DIALECT}
    if document_type is not None:
        body = envelope(document_type, builder.ref(DOCUMENT_TYPES[document_type]))
        header["$id"] = schema_id(document_type)
    else:
        for tag, cls in DOCUMENT_TYPES.items():
            builder.defs[document_name(tag)] = envelope(tag, builder.ref(cls))
        refs = [{"$ref": _DEFS + document_name(tag)} for tag in DOCUMENT_TYPES]
        body = {"title": "psp document", "oneOf": refs}
        header["$id"] = schema_id("document")
    return {**header, **body, "$defs": dict(sorted(builder.defs.items()))}


def definitions(prefix: str) -> tuple[_Builder, dict[str, Any]]:
    """Every definition the documents use, referenced under ``prefix``, and each
    document type's envelope by :func:`document_name`: for :func:`psp.openapi_components`."""
    builder = _Builder(prefix)
    envelopes = {
        document_name(tag): envelope(tag, builder.ref(cls)) for tag, cls in DOCUMENT_TYPES.items()
    }
    return builder, envelopes
