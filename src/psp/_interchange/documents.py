"""Versioned documents: psp objects wrapped in an envelope that says which schema
version wrote them, and the migrations that read older versions.

A document is plain JSON-ready data::

    {"psp": "document", "schema_version": 3, "type": "partnership", "data": {...}}

A single event is a document too (type ``"event"``), so a store may keep one event a
row, each row saying which version wrote it.

Compatibility promise: psp reads every schema version it ever wrote, migrating old
documents step by step (one small function per version); it refuses, with a clear
error, a document written by a newer psp or one whose version it does not know.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType, UnionType
from typing import Any, Final, TypeVar, cast, overload

from psp._aggregate.events import Event
from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base.errors import ConversionError, InvalidValueError, Problem, _short_repr
from psp._base.identifiers import is_id
from psp._commissioning.funding import Fund
from psp._interchange.conversion import EVENT_TAGS, _read, to_data
from psp._interchange.given_rules import reading_rules, rules_by_code
from psp._interchange.json_gate import json_problems
from psp._lifecycle.policy import Policy, Rule
from psp._partners.organisation import Partner

__all__ = ["DOCUMENT_TYPES", "SCHEMA_VERSION", "check_document", "from_document", "to_document"]

T = TypeVar("T")

#: The schema version psp writes. 1: the first release's shape. 2: partnerships carry
#: their policy. 3: every id is within the id grammar (:data:`psp.ID_PATTERN`); older
#: ids are rewritten on reading (:func:`v3_id`).
SCHEMA_VERSION: Final = 3

#: The top-level document types, by their tag in the envelope. ``"event"`` is the
#: union of events (:data:`psp.Event`): one event, written with its tag.
DOCUMENT_TYPES: Final[Mapping[str, Any]] = MappingProxyType(
    {
        "partnership": Partnership,
        "portfolio": Portfolio,
        "partner": Partner,
        "policy": Policy,
        "fund": Fund,
        "event": Event,
    }
)
_TAGS: Final = {cls: tag for tag, cls in DOCUMENT_TYPES.items() if isinstance(cls, type)}
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


_NOT_ID: Final = re.compile(r"[^A-Za-z0-9._:~-]+")
_LEADING: Final = re.compile(r"^[^A-Za-z0-9]+")


def v3_id(old: str) -> str:
    """What an id written before schema version 3 reads as.

    An id within the grammar stays as it is. Any other is rewritten: accents are
    dropped (``café`` -> ``cafe``: Unicode's compatibility decomposition, without its
    combining marks), each run of characters outside ``A-Z a-z 0-9 . _ : ~ -``
    becomes one ``-``, anything before the first letter or digit is dropped, and the
    result is cut to 100 characters. An id with no letter or digit left becomes
    ``id-`` and the first 16 hex digits of the SHA-256 of its UTF-8 text.

    >>> v3_id("low-moss"), v3_id("Low Moss / HMP"), v3_id("Zoë's Place"), v3_id("社区")
    ('low-moss', 'Low-Moss-HMP', 'Zoe-s-Place', 'id-5bcd0ddcdd694b5c')
    """
    if is_id(old):
        return old
    plain = "".join(c for c in unicodedata.normalize("NFKD", old) if not unicodedata.combining(c))
    new = _LEADING.sub("", _NOT_ID.sub("-", plain))[:100]
    return new or "id-" + hashlib.sha256(old.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# Where ids stand in the data of schema version 2, frozen as that version wrote it (so
# a later change to psp's classes cannot change what an old document reads as;
# tests/test_documents.py checks it against the classes while their shape is version
# 2's): for each record (by class name) and each event (by tag), its fields that hold
# an id ("id"), a list of ids ("ids"), org-ids ("org-ids"), records ("record",
# "records", with the record's name) or events ("events"). The kind of thing an id
# names is its namespace: two old ids of one kind may not become one.
_ORG = "organisation"
_V2_IDS: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {
    "Partnership": {"id": ("id", "partnership"), "history": ("events", "")},
    "Portfolio": {
        "id": ("id", "portfolio"),
        "partnerships": ("records", "Partnership"),
        "links": ("records", "Link"),
    },
    "Link": {"source": ("id", _ORG), "target": ("id", _ORG)},
    "Partner": {"id": ("id", _ORG), "identifiers": ("org-ids", ""), "part_of": ("id", _ORG)},
    "Stream": {"id": ("id", "stream")},
    "Fund": {"id": ("id", "fund"), "funders": ("ids", _ORG), "streams": ("records", "Stream")},
    "Group": {
        "id": ("id", "group"),
        "members": ("ids", _ORG),
        "chairs": ("ids", _ORG),
        "reports_to": ("id", "group"),
    },
    "GovernanceStructure": {"groups": ("records", "Group")},
    "Attendance": {"partner_id": ("id", _ORG)},
    "Meeting": {"attendees": ("records", "Attendance"), "group": ("id", "group")},
    "Signatory": {"partner_id": ("id", _ORG)},
    "MoU": {
        "id": ("id", "mou"),
        "parties": ("ids", _ORG),
        "governance": ("record", "GovernanceStructure"),
        "signatories": ("records", "Signatory"),
    },
    "Endorsement": {"partner_id": ("id", _ORG)},
    "Bid": {
        "id": ("id", "bid"),
        "funder": ("id", _ORG),
        "fund": ("id", "fund"),
        "stream": ("id", "stream"),
        "mous": ("ids", "mou"),
        "endorsements": ("records", "Endorsement"),
    },
    "SustainabilityCommitment": {
        "id": ("id", "commitment"),
        "by": ("id", _ORG),
        "on_behalf_of": ("ids", _ORG),
    },
    "Tender": {
        "id": ("id", "tender"),
        "commissioner": ("id", _ORG),
        "tenderers": ("ids", _ORG),
        "awarded_to": ("id", _ORG),
    },
    "organisation-added": {"partner": ("record", "Partner")},
    "member-joined": {"partner_id": ("id", _ORG), "signposted_by": ("id", _ORG)},
    "roles-changed": {"partner_id": ("id", _ORG)},
    "member-left": {"partner_id": ("id", _ORG)},
    "member-suspended": {"partner_id": ("id", _ORG)},
    "member-reinstated": {"partner_id": ("id", _ORG)},
    "seat-taken": {"partner_id": ("id", _ORG)},
    "seat-left": {"partner_id": ("id", _ORG)},
    "representative-named": {"partner_id": ("id", _ORG)},
    "representative-stood-down": {"partner_id": ("id", _ORG)},
    "link-added": {"source": ("id", _ORG), "target": ("id", _ORG)},
    "link-ended": {"source": ("id", _ORG), "target": ("id", _ORG)},
    "governance-adopted": {"structure": ("record", "GovernanceStructure")},
    "meeting-held": {"meeting": ("record", "Meeting")},
    "reimbursement-recorded": {"partner_id": ("id", _ORG)},
    "mou-drafted": {"mou": ("record", "MoU")},
    "mou-signed": {"mou_id": ("id", "mou")},
    "mou-amended": {"mou": ("record", "MoU")},
    "design-approved": {"funder": ("id", _ORG)},
    "bid-drafted": {"bid": ("record", "Bid")},
    "bid-submitted": {"bid_id": ("id", "bid")},
    "bid-endorsed": {"bid_id": ("id", "bid"), "partner_id": ("id", _ORG)},
    "bid-decided": {"bid_id": ("id", "bid")},
    "bid-withdrawn": {"bid_id": ("id", "bid")},
    "commitment-sought": {"commitment": ("record", "SustainabilityCommitment")},
    "commitment-given": {"commitment_id": ("id", "commitment")},
    "commitment-declined": {"commitment_id": ("id", "commitment")},
    "commitment-lapsed": {"commitment_id": ("id", "commitment")},
    "measure-recorded": {"commitment_id": ("id", "commitment")},
    "condition-resolved": {"commitment_id": ("id", "commitment")},
    "tender-planned": {"tender": ("record", "Tender")},
    "tender-opened": {"tender_id": ("id", "tender")},
    "tender-received": {"tender_id": ("id", "tender"), "tenderer": ("id", _ORG)},
    "tender-awarded": {"tender_id": ("id", "tender"), "provider": ("id", _ORG)},
    "tender-ended": {"tender_id": ("id", "tender")},
}
_V2_ROOTS: Final = {
    "partnership": "Partnership",
    "portfolio": "Portfolio",
    "partner": "Partner",
    "fund": "Fund",
}
_ORG_ID: Final = re.compile(r"(?P<scheme>[A-Z]{2}-[A-Z0-9]{2,})-(?P<identifier>\S+)")


# Kinds whose ids are a partnership's own (two partnerships of a portfolio may each
# have a bid "b1"); organisations, funds and streams are shared by the whole document.
_OWN_KINDS: Final = frozenset({"group", "mou", "bid", "commitment", "tender"})


class _IdRewriter:
    """Rewrites the ids of one version-2 document (:func:`v3_id`), remembering, for
    each kind (in each partnership, for a partnership's own kinds), which old id each
    new one came from and where, to refuse two old ids that would become one."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str, str], tuple[str, str]] = {}
        self.problems: list[Problem] = []
        self.partnership = ""  # the path of the partnership being read

    def id(self, old: Any, kind: str, path: str) -> Any:
        new = v3_id(old) if type(old) is str else old  # the reader refuses a non-text id
        if type(new) is str:
            scope = self.partnership if kind in _OWN_KINDS else ""
            first = self.seen.setdefault((scope, kind, new), (old, path))
            if first[0] != old:
                self.problems.append(
                    Problem(
                        path,
                        f"the {kind} id {_short_repr(old)} would become {new!r} under "
                        f"schema version 3's id rule, as {_short_repr(first[0])} "
                        f"at {first[1]} does: rename one of them",
                    )
                )
        return new

    def org_id(self, old: Any) -> Any:
        match = _ORG_ID.fullmatch(old) if type(old) is str else None
        if match is None:
            return old
        identifier = _NOT_ID.sub("-", match["identifier"])
        return f"{match['scheme']}-{identifier}"

    def record(self, data: Any, name: str, path: str) -> Any:
        fields = _V2_IDS.get(name)
        if type(data) is not dict or fields is None:
            return data
        if name == "Partnership":
            self.partnership = path
        new = dict(data)
        for key, (shape, what) in fields.items():
            if key in data and data[key] is not None:
                new[key] = self.field(data[key], shape, what, f"{path}.{key}")
        return new

    def field(self, value: Any, shape: str, what: str, path: str) -> Any:
        if shape == "id":
            return self.id(value, what, path)
        if shape == "record":
            return self.record(value, what, path)
        if type(value) is not list:
            return value
        items = enumerate(value)
        if shape == "ids":
            return [self.id(v, what, f"{path}[{i}]") for i, v in items]
        if shape == "org-ids":
            return [self.org_id(v) for v in value]
        if shape == "records":
            return [self.record(v, what, f"{path}[{i}]") for i, v in items]
        return [self.event(v, f"{path}[{i}]") for i, v in items]  # "events"

    def event(self, data: Any, path: str) -> Any:
        tag = data.get("type") if type(data) is dict else None
        return self.record(data, tag, path) if type(tag) is str else data


def _v2_to_v3(doc_type: str, data: Any) -> Any:
    """Version 3 took ids into the id grammar: each id outside it is rewritten by
    :func:`v3_id`, wherever it stands, references too (the same old id always becomes
    the same new one). Two different old ids of one kind that would become one are
    refused (a :class:`psp.ConversionError` naming both)."""
    rewriter = _IdRewriter()
    root = "$.data"
    if doc_type == "event":
        new = rewriter.event(data, root)
    else:
        new = rewriter.record(data, _V2_ROOTS.get(doc_type, ""), root)
    if rewriter.problems:
        raise ConversionError(rewriter.problems)
    return new


#: Migration from each version to the next, keyed by the version it reads. Each takes
#: the document's type and its data, and returns the data at the next version, or
#: raises a :class:`psp.ConversionError` whose paths start at ``$.data``.
MIGRATIONS: Final[Mapping[int, Callable[[str, Any], Any]]] = MappingProxyType(
    {1: _v1_to_v2, 2: _v2_to_v3}
)


def to_document(obj: Any) -> dict[str, Any]:
    """Wrap a top-level psp object (a partnership, portfolio, partner, policy or fund)
    or one event (any class of :data:`psp.Event`) in a versioned document.

    >>> from datetime import date
    >>> import psp
    >>> doc = psp.to_document(psp.MemberLeft(on=date(2013, 3, 31), partner_id="tps"))
    >>> doc["type"], doc["data"]
    ('event', {'type': 'member-left', 'on': '2013-03-31', 'partner_id': 'tps', 'reason': ''})
    >>> psp.from_document(doc, psp.Event) == psp.from_document(doc, psp.MemberLeft)
    True
    """
    tag = _TAGS.get(type(obj)) or ("event" if type(obj) in EVENT_TAGS else None)
    if tag is None:
        names = ", ".join(getattr(cls, "__name__", "Event") for cls in DOCUMENT_TYPES.values())
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


def _read_document(
    document: Any, cls: Any, rules: Iterable[Rule] | None
) -> tuple[Any, list[Problem]]:
    """The object a document holds, or every problem found. Never raises."""
    book = rules_by_code(rules)
    if isinstance(book, str):
        return None, [Problem("$", book)]
    problems = json_problems(document)  # the one gate, before anything looks inside
    if problems:
        return None, problems
    version, doc_type, data, problems = _envelope(document)
    if problems:
        return None, problems
    expected = DOCUMENT_TYPES[doc_type]
    if doc_type == "event" and cls in EVENT_TAGS:
        expected = cls  # one kind of event: read as that class, refused if another
    if cls is not None and cls is not expected:
        wanted = "Event" if cls is Event else None
        name = getattr(cls, "__name__", None) if isinstance(cls, type) else wanted
        wanted = name if type(name) is str else _short_repr(cls)
        article = "an" if wanted[:1] in ("A", "E", "I", "O", "U") else "a"
        return None, [Problem("$.type", f"is {doc_type!r}, but {article} {wanted} was expected")]
    try:
        for step in range(version, SCHEMA_VERSION):
            data = MIGRATIONS[step](doc_type, data)
    except ConversionError as e:
        return None, list(e.problems)
    with reading_rules(book):
        found, problems = _read(data, expected)
    return found, _in_data(problems)


@overload
def from_document(document: Any, *, rules: Iterable[Rule] | None = None) -> Any: ...
@overload
def from_document(document: Any, cls: type[T], *, rules: Iterable[Rule] | None = None) -> T: ...
@overload
def from_document(
    document: Any, cls: UnionType, *, rules: Iterable[Rule] | None = None
) -> Event: ...
def from_document(
    document: Any,
    cls: type[Any] | UnionType | None = None,
    *,
    rules: Iterable[Rule] | None = None,
) -> Any:
    """Read a document written by :func:`to_document`, by this psp or an older one.

    Older schema versions are migrated step by step. ``cls``, if given, is the type
    expected; a document of another type is refused. An event document reads as
    :data:`psp.Event` (any event) or as one event class (that kind only). Any problem raises one
    :class:`psp.ConversionError` listing every problem found, with paths into the
    document (``$.data.history[3].roles[0]``); no other exception escapes. ``rules``
    are the fund's own rules a policy in the document names by code, as for
    :func:`psp.from_data`.
    """
    found, problems = _read_document(document, cls, rules)
    if not problems:
        return found
    del document  # raised outside any except clause: the error keeps no document or chain
    raise ConversionError(problems)


def check_document(document: Any, *, rules: Iterable[Rule] | None = None) -> tuple[Problem, ...]:
    """Every problem :func:`from_document` would find, returned rather than raised:
    an empty tuple means the document reads cleanly. For services that answer their
    callers with a list of faults."""
    return tuple(_read_document(document, None, rules)[1])
