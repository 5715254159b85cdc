"""psp's schemas as OpenAPI 3.1 components, for a service to serve in its OpenAPI
document: every definition of :func:`psp.json_schema`, an envelope per document type
(``PartnershipDocument``, ``EventDocument``, ...), and ``Error``, the shape of
``error.to_dict()``; every reference is ``#/components/schemas/<Name>``.
"""

from __future__ import annotations

from typing import Any, Final, cast

from psp._aggregate.events import Event
from psp._base.error_codes import ERROR_CODES
from psp._interchange.conversion import FIELD_TYPES
from psp._interchange.documents import DOCUMENT_TYPES
from psp._interchange.field_types import Events
from psp._interchange.schema import definitions, document_name
from psp._lifecycle.policy import Finding, Rule, Severity
from psp._lifecycle.stages import Stage, Step

__all__ = ["openapi_components"]

_PREFIX: Final = "#/components/schemas/"
_NULLABLE_TEXT: Final = {"type": ["string", "null"]}


def _error(ref: Any) -> dict[str, Any]:
    """``Error``: what ``error.to_dict()`` returns, for every :class:`psp.PSPError`."""
    problem = {
        "type": "object",
        "properties": {"path": {"type": "string"}, "reason": {"type": "string"}},
        "required": ["path", "reason"],
        "additionalProperties": False,
    }
    finding = {
        "type": "object",
        "properties": {
            "rule": {"$ref": _PREFIX + "Rule"},
            "severity": ref(Severity),
            "message": {"type": "string"},
            "subject": _NULLABLE_TEXT,
        },
        "required": ["rule", "severity", "message", "subject"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "title": "Error",
        "description": (
            "A refusal, as error.to_dict() writes it: always code, message, field, value"
            " and reason; problems for an invalid document; stage, step and findings for"
            " a refused lifecycle step; expected and actual for a version conflict."
        ),
        "properties": {
            "code": {"$ref": _PREFIX + "ErrorCode"},
            "message": {"type": "string"},
            "field": _NULLABLE_TEXT,
            "value": {"description": "The offending value, made JSON-safe (any JSON)."},
            "reason": {"type": "string"},
            "problems": {"type": "array", "items": problem},
            "stage": ref(Stage),
            "step": ref(Step),
            "findings": {"type": "array", "items": finding},
            "expected": {"type": "integer", "minimum": 0},
            "actual": {"type": "integer", "minimum": 0},
        },
        "required": ["code", "message", "field", "value", "reason"],
        "additionalProperties": False,
    }


def openapi_components() -> dict[str, Any]:
    """psp's schemas as OpenAPI 3.1 ``components``: ``{"schemas": {...}}``, every
    reference ``#/components/schemas/<Name>``.

    The schemas are every definition :func:`psp.json_schema` has (``Partnership``,
    ``Partner``, each event class by its name, ``Event``, each enum), an envelope per
    document type named ``<Type>Document`` (``PartnershipDocument``, ``EventDocument``),
    ``Document`` (any of them), and ``Error``, the shape of ``error.to_dict()``, with
    ``ErrorCode`` (every code of :data:`psp.ERROR_CODES`) and ``Rule`` (every rule of
    :attr:`psp.Finding.RULES`, or a fund's own rule's code, ``RuleCode``).
    ``Event`` and ``Document`` carry OpenAPI's ``discriminator`` on ``type``.

    >>> schemas = openapi_components()["schemas"]
    >>> schemas["PartnerDocument"]["properties"]["data"]
    {'$ref': '#/components/schemas/Partner'}
    >>> schemas["Event"]["discriminator"]["mapping"]["member-left"]
    '#/components/schemas/MemberLeft'
    """
    builder, envelopes = definitions(_PREFIX)
    error = _error(builder.ref)  # defines the enums it refers to, if no document did
    schemas: dict[str, Any] = {**builder.defs, **envelopes}
    events = cast(Events, FIELD_TYPES.describe(Event))
    schemas["Event"] = {
        **schemas["Event"],
        "discriminator": {
            "propertyName": "type",
            "mapping": {tag: _PREFIX + cls.__name__ for tag, cls in events.variants},
        },
    }
    schemas["Document"] = {
        "title": "psp document",
        "description": "A psp document of any type.",
        "oneOf": [{"$ref": _PREFIX + name} for name in envelopes],
        "discriminator": {
            "propertyName": "type",
            "mapping": {tag: _PREFIX + document_name(tag) for tag in DOCUMENT_TYPES},
        },
    }
    schemas["Error"] = error
    schemas["ErrorCode"] = {
        "title": "ErrorCode",
        "description": "The code of a refusal, one per rule or problem (psp.ERROR_CODES).",
        "type": "string",
        "enum": sorted(ERROR_CODES),
    }
    builder.ref(Rule)  # a fund's own rule's code, if no document defined it
    schemas["RuleCode"] = builder.defs["RuleCode"]
    schemas["Rule"] = {
        "title": "Rule",
        "description": "A rule psp reports findings of (Finding.RULES), or a fund's own"
        " rule (RuleCode).",
        "anyOf": [
            {"type": "string", "enum": sorted(Finding.RULES)},
            {"$ref": _PREFIX + "RuleCode"},
        ],
    }
    return {"schemas": dict(sorted(schemas.items()))}
