"""Versioned documents: psp objects wrapped in an envelope that says which schema
version wrote them, and the migrations that read older versions.

A document is plain JSON-ready data::

    {"psp": "document", "schema_version": 2, "type": "partnership", "data": {...}}

Compatibility promise: psp reads every schema version it ever wrote, migrating old
documents step by step (one small function per version); it refuses, with a clear
error, a document written by a newer psp or one whose version it does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeVar, cast, overload

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base.errors import ConversionError, InvalidValueError, Problem, _short_repr
from psp._commissioning.funding import Fund
from psp._interchange.conversion import _read, to_data
from psp._interchange.json_gate import json_problems
from psp._lifecycle.policy import Policy
from psp._partners.organisation import Partner

__all__ = ["DOCUMENT_TYPES", "SCHEMA_VERSION", "check_document", "from_document", "to_document"]

T = TypeVar("T")

#: The schema version psp writes. 1: the first release's shape. 2: partnerships carry
#: their policy.
SCHEMA_VERSION: Final = 2

#: The top-level document types, by their tag in the envelope.
DOCUMENT_TYPES: Final[Mapping[str, type]] = MappingProxyType(
    {
        "partnership": Partnership,
        "portfolio": Portfolio,
        "partner": Partner,
        "policy": Policy,
        "fund": Fund,
    }
)
_TAGS: Final = {cls: tag for tag, cls in DOCUMENT_TYPES.items()}
_KEYS: Final = ("psp", "schema_version", "type", "data")

# Policy() as schema version 2 writes it: what a version-1 partnership, which had no
# policy, is read with. A literal, so later changes to Policy cannot change old readings.
_V2_GENERAL_POLICY: Final[Mapping[str, Any]] = {
    "name": "PSP",
    "lead_sectors": None,
    "min_public_members": 1,
    "min_third_sector_members": 1,
    "required_roles": ["lead"],
    "expected_public_bodies": {},
    "mou_before_pilot": True,
    "mou_at_launch": True,
    "design_approval_before_pilot": True,
    "pilot_award_before_pilot": True,
    "cja_sign_off": True,
    "sustainability_before_delivery_bid": False,
    "commitment_sectors": None,
    "measures_before_review": True,
    "conditions_before_commissioning": True,
    "tender_before_commissioning": True,
}


def _v1_to_v2(doc_type: str, data: Any) -> Any:
    """Version 2 gave partnerships a policy: version-1 partnerships get the general one."""

    def upgrade(partnership: Any) -> Any:
        if isinstance(partnership, dict) and "policy" not in partnership:
            return {**partnership, "policy": dict(_V2_GENERAL_POLICY)}
        return partnership

    if doc_type == "partnership":
        return upgrade(data)
    if doc_type == "portfolio" and isinstance(data, dict):
        members = data.get("partnerships")
        if isinstance(members, list):
            return {**data, "partnerships": [upgrade(p) for p in members]}
    return data


#: Migration from each version to the next, keyed by the version it reads.
MIGRATIONS: Final[Mapping[int, Callable[[str, Any], Any]]] = MappingProxyType({1: _v1_to_v2})


def to_document(obj: Any) -> dict[str, Any]:
    """Wrap a top-level psp object (a partnership, portfolio, partner, policy or fund)
    in a versioned document."""
    tag = _TAGS.get(type(obj))
    if tag is None:
        names = ", ".join(cls.__name__ for cls in DOCUMENT_TYPES.values())
        raise InvalidValueError(
            None, type(obj).__name__, f"is not a document type; one of: {names}", code="wrong-type"
        )
    return {"psp": "document", "schema_version": SCHEMA_VERSION, "type": tag, "data": to_data(obj)}


def _envelope(document: Any) -> tuple[int, str, Any, list[Problem]]:
    """The envelope's version, type and data, and its problems. ``document`` has passed
    the JSON gate: it holds exact JSON types only, so no caller's code runs here."""
    if type(document) is not dict:
        return 0, "", None, [Problem("$", "must be a psp document (a JSON object)")]
    problems = []
    if document.get("psp") != "document":
        problems.append(Problem("$.psp", "must be the string 'document'"))
    version = document.get("schema_version")
    if type(version) is not int:
        problems.append(Problem("$.schema_version", "must be a whole number"))
    elif version > SCHEMA_VERSION:
        problems.append(
            Problem(
                "$.schema_version",
                f"is {_short_repr(version)}: the document was written by a newer psp; "
                f"this one reads schema versions 1 to {SCHEMA_VERSION}",
            )
        )
    elif version < 1:
        problems.append(
            Problem("$.schema_version", f"is {_short_repr(version)}, which no psp ever wrote")
        )
    doc_type = document.get("type")
    if type(doc_type) is not str or doc_type not in DOCUMENT_TYPES:
        known = ", ".join(DOCUMENT_TYPES)
        shown = _short_repr(doc_type)
        problems.append(Problem("$.type", f"is {shown}, not a document type: {known}"))
    if "data" not in document:
        problems.append(Problem("$.data", "is required but missing"))
    extra = sorted(k for k in document if k not in _KEYS)
    if extra:
        problems.append(Problem("$", f"has unknown keys: {', '.join(extra)}"))
    return cast(int, version), cast(str, doc_type), document.get("data"), problems


def _in_data(problems: list[Problem]) -> list[Problem]:
    return [Problem("$.data" + p.path[1:], p.reason) for p in problems]


def _read_document(document: Any, cls: Any) -> tuple[Any, list[Problem]]:
    """The object a document holds, or every problem found. Never raises."""
    problems = json_problems(document)  # the one gate, before anything looks inside
    if problems:
        return None, problems
    version, doc_type, data, problems = _envelope(document)
    if problems:
        return None, problems
    expected = DOCUMENT_TYPES[doc_type]
    if cls is not None and cls is not expected:
        name = getattr(cls, "__name__", None) if isinstance(cls, type) else None
        wanted = name if type(name) is str else _short_repr(cls)
        return None, [Problem("$.type", f"is {doc_type!r}, but a {wanted} was expected")]
    for step in range(version, SCHEMA_VERSION):
        data = MIGRATIONS[step](doc_type, data)
    found, problems = _read(data, expected)
    return found, _in_data(problems)


@overload
def from_document(document: Any) -> Any: ...
@overload
def from_document(document: Any, cls: type[T]) -> T: ...
def from_document(document: Any, cls: type[Any] | None = None) -> Any:
    """Read a document written by :func:`to_document`, by this psp or an older one.

    Older schema versions are migrated step by step. ``cls``, if given, is the type
    expected; a document of another type is refused. Any problem raises one
    :class:`psp.ConversionError` listing every problem found, with paths into the
    document (``$.data.history[3].roles[0]``); no other exception escapes.
    """
    found, problems = _read_document(document, cls)
    if not problems:
        return found
    del document  # raised outside any except clause: the error keeps no document or chain
    raise ConversionError(problems)


def check_document(document: Any) -> tuple[Problem, ...]:
    """Every problem :func:`from_document` would find, returned rather than raised:
    an empty tuple means the document reads cleanly. For services that answer their
    callers with a list of faults."""
    return tuple(_read_document(document, None)[1])
