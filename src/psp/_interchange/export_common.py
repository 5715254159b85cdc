"""Helpers shared by the exports to data standards (private).

Identifiers, IRIs and dates are built here the same way for every standard, so one
organisation has the same IRI in the W3C ORG export and the same UUID in the HSDS
export, whatever partnership it is exported from. Nothing here reads the clock: every
date comes from the partnership's history or from the caller.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Final, TypeVar

from psp._aggregate.partnership import Partnership
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._base.identifiers import KNOWN_SCHEMES
from psp._base.roles import Role
from psp._lifecycle.stages import Step
from psp._partners.organisation import Partner, PublicBodyKind, Sector

__all__ = [
    "DEFAULT_BASE",
    "check_base",
    "check_partnership",
    "check_prefix",
    "events_of",
    "id_part",
    "joined_id",
    "label",
    "midnight",
    "organisation_iri",
    "organisation_summary",
    "partnership_iri",
    "pilot_started",
    "role_phrase",
    "scheme_name",
    "segment",
    "timestamp",
    "uuid5",
]

#: The base of the IRIs psp mints when the caller gives none. ``urn:psp:`` is a
#: placeholder, not a registered URN namespace: publish with your own base.
DEFAULT_BASE: Final = "urn:psp:"

# RFC 4122, appendix C: the name space for URLs (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
_NAMESPACE_URL: Final = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")
_UNRESERVED: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_BASE_ENDINGS: Final = ("/", "#", ":")
#: What an id keeps in a published identifier (ASCII letters, digits, ``-`` and ``_``);
#: every other character is escaped with ``~``, and ``.`` joins the parts.
_KEPT: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_ESCAPE: Final = "~"
_JOIN: Final = "."

E = TypeVar("E")


def check_partnership(value: object) -> Partnership:
    """Return ``value`` if it is a partnership."""
    if not isinstance(value, Partnership):
        raise InvalidValueError(
            "partnership", value, "must be a psp.Partnership", code="wrong-type"
        )
    return value


def check_base(value: object) -> str:
    """Return ``value`` if it can prefix psp's IRIs: text without white space that ends
    with ``/``, ``#`` or ``:``."""
    base = _checks.text("base", value)
    if any(c.isspace() for c in base) or ":" not in base or not base.endswith(_BASE_ENDINGS):
        raise InvalidValueError(
            "base",
            base,
            "must be an absolute IRI without white space ending with '/', '#' or ':', "
            "like https://data.example.org/psp/",
            code="invalid-prefix",
        )
    return base


def check_prefix(field: str, value: object, shape: re.Pattern[str], reason: str) -> str:
    """Return ``value`` if it is text of the standard's prefix ``shape`` (an ASCII
    pattern), else refuse it with ``reason``."""
    if not isinstance(value, str) or shape.fullmatch(value) is None:
        raise InvalidValueError(field, value, reason, code="invalid-prefix")
    return value


def id_part(text: str) -> str:
    """``text`` as one part of a published identifier: ASCII letters, digits, ``-`` and
    ``_`` are kept; every other character is written ``~XX``, one ``XX`` (upper-case
    hexadecimal) for each byte of its UTF-8 form (``lot#1`` -> ``lot~231``, ``é`` ->
    ``~C3~A9``).

    The result holds RFC 3986 unreserved characters only (so no white space and no
    ``#``) and never a ``.``. The mapping is injective: a ``~`` always starts a
    three-character escape, and UTF-8 reads back one way only.
    """
    return "".join(
        c
        if c in _KEPT
        else "".join(f"{_ESCAPE}{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
        for c in text
    )


def joined_id(prefix: str, *parts: str) -> str:
    """``{prefix}-{part}.{part}...``: a published identifier for a thing that ``parts``
    identify together (a partnership's id and its tender's).

    Each part is written by :func:`id_part`, which never writes a ``.``, so two
    different tuples of parts never give the same identifier: ``("a-b", "c")`` gives
    ``a-b.c`` and ``("a", "b-c")`` gives ``a.b-c``.
    """
    return f"{prefix}-{_JOIN.join(id_part(p) for p in parts)}"


def segment(text: str) -> str:
    """``text`` percent-encoded as one IRI path segment (RFC 3986 unreserved characters
    are kept; every other character is encoded as its UTF-8 bytes)."""
    return "".join(
        c if c in _UNRESERVED else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in text
    )


def partnership_iri(base: str, partnership: Partnership) -> str:
    """The IRI of a partnership: ``{base}partnership/{id}``."""
    return f"{base}partnership/{segment(partnership.id)}"


def organisation_iri(base: str, partner_id: str) -> str:
    """The IRI of an organisation: ``{base}organisation/{id}``. psp's organisation ids are
    the caller's stable keys, shared by every partnership the organisation is in."""
    return f"{base}organisation/{segment(partner_id)}"


def uuid5(name: str) -> str:
    """The version 5 (SHA-1, name-based) UUID of ``name`` in the URL name space, as text:
    the same as ``str(uuid.uuid5(uuid.NAMESPACE_URL, name))``, computed without the
    ``uuid`` module, which psp does not import."""
    import hashlib  # on first use: ``import psp`` does not pay for OpenSSL

    digest = bytearray(
        hashlib.sha1(_NAMESPACE_URL + name.encode("utf-8"), usedforsecurity=False).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def midnight(day: date) -> str:
    """A date as an RFC 3339 date-time: midnight UTC at the start of the day."""
    return f"{day.isoformat()}T00:00:00Z"


def timestamp(field: str, value: object) -> str:
    """An RFC 3339 date-time from a caller's date (midnight UTC) or timezone-aware datetime."""
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise InvalidValueError(
                field,
                value,
                "must be timezone-aware; the standard's date-times carry an offset",
                code="not-a-date",
            )
        return value.isoformat()
    if isinstance(value, date):
        return midnight(value)
    raise InvalidValueError(
        field, value, "must be a date or a timezone-aware datetime", code="not-a-date"
    )


def events_of(partnership: Partnership, kind: type[E]) -> Iterator[E]:
    """The events of one kind in the partnership's history, in order."""
    return (e for e in partnership.history if isinstance(e, kind))


def pilot_started(partnership: Partnership) -> date | None:
    """The day the partnership's pilot started, or ``None`` if it never did."""
    for on, step, _ in partnership.stage_history():
        if step is Step.START_PILOT:
            return on
    return None


def label(member: enum.Enum) -> str:
    """An enum member's value as words: ``prison-service`` -> ``prison service``."""
    return str(member.value).replace("-", " ")


def scheme_name(scheme: str) -> str:
    """The name of an org-id scheme psp knows, or the scheme code itself."""
    known = KNOWN_SCHEMES.get(scheme)
    return scheme if known is None else known[0]


def role_phrase(roles: frozenset[Role]) -> str:
    """Roles in their enum order, as words: ``lead and provider``."""
    words = [r.value for r in Role if r in roles]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def organisation_summary(partner: Partner) -> str:
    """A one-sentence description of an organisation from its sector, kind and reach."""
    if partner.sector is Sector.PUBLIC:
        # A public body always says which kind it is (Partner checks it).
        text = f"Public body ({label(partner.public_body_kind or PublicBodyKind.OTHER)})"
    elif partner.sector is Sector.THIRD:
        third = partner.third_sector_kind
        text = "Third-sector organisation" + ("" if third is None else f" ({label(third)})")
    else:
        text = "Private-sector organisation"
    if partner.reach is not None:
        text += f", {partner.reach.value} reach"
    return text + "."
