"""JSON Schema for psp's documents, generated from the model itself, so a service in
another language can check what psp emits before reading it.

The schema describes the *shape* (types, enum values, required and unknown keys, event
tags); the domain's rules (one lead at a time, dates in order, guards of the
lifecycle) are psp's to check when it reads a document.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Union

import attrs

from psp._aggregate.events import Event
from psp._base.errors import InvalidValueError
from psp._base.identifiers import OrgId
from psp._interchange.conversion import EVENT_TAGS
from psp._interchange.documents import DOCUMENT_TYPES, SCHEMA_VERSION

__all__ = ["json_schema"]

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
# ASCII classes, not \d and \S: validators that use Python's re read those as Unicode.
_DATE: Final = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_ORG_ID: Final = {"type": "string", "pattern": r"^[A-Z]{2}-[A-Z0-9]{2,}-[!-~]+$"}
_SCALARS: Final[Mapping[Any, Mapping[str, Any]]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    datetime.date: _DATE,
    OrgId: _ORG_ID,
}


class _Builder:
    """Walks the model's types, collecting a definition per attrs class."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, t: Any) -> dict[str, Any]:
        if t in _SCALARS:
            return dict(_SCALARS[t])
        if t == Event:
            self._define("Event", self._events)
            return {"$ref": "#/$defs/Event"}
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if attrs.has(t):
            self._class(t)
            return {"$ref": f"#/$defs/{t.__name__}"}
        origin, args = typing.get_origin(t), typing.get_args(t)
        if origin in (Union, types.UnionType):
            return {"anyOf": [self.ref(a) for a in args]}
        if origin is frozenset:
            return {"type": "array", "items": self.ref(args[0]), "uniqueItems": True}
        if origin is Sequence or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
            return {"type": "array", "items": self.ref(args[0])}
        if origin in (Mapping, dict):
            key = self.ref(args[0])
            return {
                "type": "object",
                "propertyNames": key,
                "additionalProperties": self.ref(args[1]),
            }
        raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover - every model type maps

    def _define(self, name: str, build: Callable[[], dict[str, Any]]) -> None:
        # Each definition is built once; the placeholder stops a type that refers back
        # to itself (through the classes it nests) from being built again.
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = build()

    def _events(self) -> dict[str, Any]:
        variants = []
        for cls, tag in EVENT_TAGS.items():
            body = self._object(cls)
            body["properties"] = {"type": {"const": tag}, **body["properties"]}
            body["required"] = ["type", *body["required"]]
            variants.append(body)
        return {"oneOf": variants}

    def _class(self, cls: type) -> None:
        self._define(cls.__name__, lambda: self._object(cls))

    def _object(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue  # derived state, never written
            properties[field.name] = self.ref(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(field.name)
        description = (cls.__doc__ or "").strip().split("\n\n")[0]
        return {
            "type": "object",
            "title": cls.__name__,
            "description": " ".join(description.split()),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def json_schema(document_type: str | None = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a psp document: the envelope with any document type
    (``None``), or the envelope of one type (``"partnership"``, ``"portfolio"``,
    ``"partner"``, ``"policy"``, ``"fund"``).

    >>> schema = json_schema("partnership")
    >>> schema["properties"]["schema_version"]
    {'const': 2}
    >>> sorted(schema["$defs"]["Partnership"]["required"])
    ['id', 'name']
    """
    if document_type is not None and document_type not in DOCUMENT_TYPES:
        known = ", ".join(DOCUMENT_TYPES)
        raise InvalidValueError(
            "document_type", document_type, f"is not a document type; one of: {known}"
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
