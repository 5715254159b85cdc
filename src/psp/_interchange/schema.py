"""JSON Schema for psp's documents, generated from the model itself, so a service in
another language can check what psp emits before reading it.

The schema describes the *shape* (types, enum values, required and unknown keys, event
tags); the domain's rules (one lead at a time, dates in order, guards of the
lifecycle) are psp's to check when it reads a document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, cast

from psp._base.errors import InvalidValueError
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
    Record,
    Table,
    Text,
    Whole,
)

__all__ = ["json_schema"]

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
# ASCII classes, not \d and \S: validators that use Python's re read those as Unicode.
_DATE: Final = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_ORG_ID: Final = {"type": "string", "pattern": r"^[A-Z]{2}-[A-Z0-9]{2,}-[!-~]+$"}


class _Builder:
    """Walks the model's types, collecting a definition per attrs class."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, t: Any) -> dict[str, Any]:
        match FIELD_TYPES.describe(t):
            case Text():
                return {"type": "string"}
            case Whole():
                return {"type": "integer"}
            case Number():
                return {"type": "number"}
            case Boolean():
                return {"type": "boolean"}
            case Date():
                return dict(_DATE)
            case Identifier():
                return dict(_ORG_ID)
            case Choice(cls):
                return {"enum": [m.value for m in cls]}
            case Nullable(inner):
                return {"anyOf": [self.ref(inner), {"type": "null"}]}
            case Many(item, build) if build is frozenset:
                return {"type": "array", "items": self.ref(item), "uniqueItems": True}
            case Many(item):
                return {"type": "array", "items": self.ref(item)}
            case Fixed(items):
                n = len(items)
                prefix = [self.ref(a) for a in items]
                return {"type": "array", "prefixItems": prefix, "minItems": n, "maxItems": n}
            case Table(key, value):
                return {
                    "type": "object",
                    "propertyNames": self.ref(key),
                    "additionalProperties": self.ref(value),
                }
            case Record() as record:
                self._define(record.cls.__name__, lambda: self._object(record))
                return {"$ref": f"#/$defs/{record.cls.__name__}"}
            case Events(variants):
                self._define("Event", lambda: self._events(variants))
                return {"$ref": "#/$defs/Event"}
        raise AssertionError(t)  # pragma: no cover - the match covers every description

    def _define(self, name: str, build: Callable[[], dict[str, Any]]) -> None:
        # Each definition is built once, however many fields refer to it.
        if name not in self.defs:
            self.defs[name] = build()

    def _events(self, variants: tuple[tuple[str, type], ...]) -> dict[str, Any]:
        bodies = []
        for tag, cls in variants:
            body = self._object(cast(Record, FIELD_TYPES.describe(cls)))
            body["properties"] = {"type": {"const": tag}, **body["properties"]}
            body["required"] = ["type", *body["required"]]
            bodies.append(body)
        return {"oneOf": bodies}

    def _object(self, record: Record) -> dict[str, Any]:
        cls = record.cls
        description = (cls.__doc__ or "").strip().split("\n\n")[0]
        return {
            "type": "object",
            "title": cls.__name__,
            "description": " ".join(description.split()),
            "properties": {f.name: self.ref(f.type) for f in record.fields},
            "required": [f.name for f in record.fields if f.required],
            "additionalProperties": False,
        }


def json_schema(document_type: str | None = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a psp document: the envelope with any document type
    (``None``), or the envelope of one type (``"partnership"``, ``"portfolio"``,
    ``"partner"``, ``"policy"``, ``"fund"``).

    >>> schema = json_schema("partnership")
    >>> schema["properties"]["schema_version"]
    {'const': 3}
    >>> sorted(schema["$defs"]["Partnership"]["required"])
    ['id', 'name']
    """
    if document_type is not None and document_type not in DOCUMENT_TYPES:
        known = ", ".join(DOCUMENT_TYPES)
        raise InvalidValueError(
            "document_type",
            document_type,
            f"is not a document type; one of: {known}",
            code="unknown-choice",
        )
    chosen = (
        DOCUMENT_TYPES if document_type is None else {document_type: DOCUMENT_TYPES[document_type]}
    )
    builder = _Builder()
    variants = [
        {
            "properties": {"type": {"const": tag}, "data": builder.ref(cls)},
        }
        for tag, cls in chosen.items()
    ]
    title = "psp document" if document_type is None else f"psp {document_type} document"
    return {
        "$schema": _DIALECT,
        "title": title,
        "type": "object",
        "properties": {
            "psp": {"const": "document"},
            "schema_version": {"const": SCHEMA_VERSION},
            "type": {"enum": list(chosen)},
            "data": {},
        },
        "required": ["psp", "schema_version", "type", "data"],
        "additionalProperties": False,
        "oneOf": variants,
        "$defs": dict(sorted(builder.defs.items())),
    }
