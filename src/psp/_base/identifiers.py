"""Ids a URL can carry (:data:`ID_PATTERN`), and organisation identifiers in
org-id.guide form (``GB-SC-SC012710``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from psp._base.errors import InvalidValueError

__all__ = ["ID_CHARACTERS", "ID_PATTERN", "ID_RULE", "KNOWN_SCHEMES", "OrgId", "is_id"]

#: The grammar of every id psp takes (a partnership's, an organisation's, a bid's, ...):
#: 1 to 100 characters from ``A-Z a-z 0-9 . _ : ~ -``, the first a letter or a digit.
#: These are RFC 3986's unreserved characters and ``:``, so an id stands in a URL's
#: path segment as it is, never escaped; a regular expression for JSON Schema and
#: OpenAPI's ``pattern`` (whose ``$`` matches only at the end).
ID_PATTERN: Final = "^[A-Za-z0-9][A-Za-z0-9._:~-]{0,99}$"
#: The characters an id, or the identifier part of an org-id, is written with.
ID_CHARACTERS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:~-"
)
#: The reason an id outside :data:`ID_PATTERN` is refused with.
ID_RULE: Final = (
    "must be an id: 1 to 100 characters from A-Z a-z 0-9 . _ : ~ -, "
    "starting with a letter or a digit"
)
# ASCII only, whatever the flags (no \w, no \d); fullmatch, so no newline slips past $.
_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:~-]{0,99}")


def is_id(value: object) -> bool:
    """Whether ``value`` is an id: text that :data:`ID_PATTERN` matches.

    >>> is_id("GB-SC-SC012710"), is_id("low-moss:2012"), is_id("Low Moss"), is_id("-a")
    (True, True, False, False)
    """
    return type(value) is str and _ID.fullmatch(value) is not None


#: Schemes psp knows, with the shape of their identifiers (regular expressions that match
#: ASCII only, whatever flags they are compiled with: ``[0-9]``, never ``\d``, which
#: would also match other scripts' digits). Any well-formed scheme is accepted; these are
#: also checked for their identifier's shape.
KNOWN_SCHEMES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "GB-SC": ("Scottish Charity Register (OSCR)", r"SC[0-9]{6}"),
        "GB-CHC": ("Charity Commission for England and Wales", r"[0-9]{6,7}(-[0-9]+)?"),
        "GB-COH": ("Companies House", r"([0-9]{8}|[A-Z]{2}[0-9]{6})"),
        "GB-LAS": ("Local authorities in the UK (three-letter ISO 3166-2:GB codes)", r"[A-Z]{3}"),
    }
)

_SCHEME = re.compile(r"[A-Z]{2}-[A-Z0-9]{2,}")
# Any identifier without white space: _check_identifier then says what is wrong with it
# (not ASCII, or not of its scheme's shape) rather than "not in org-id form".
_WHOLE = re.compile(r"(?P<scheme>[A-Z]{2}-[A-Z0-9]{2,})-(?P<identifier>\S+)")
_SHAPES: Final = {k: re.compile(v) for k, (_, v) in KNOWN_SCHEMES.items()}


def _check_scheme(instance: OrgId, attribute: attrs.Attribute[str], scheme: str) -> None:
    if not isinstance(scheme, str) or not _SCHEME.fullmatch(scheme):
        raise InvalidValueError(
            "scheme",
            scheme,
            "is not an org-id scheme: expected a country code and a list code, like GB-SC",
            code="invalid-org-id",
        )


def _check_identifier(instance: OrgId, attribute: attrs.Attribute[str], identifier: str) -> None:
    if not isinstance(identifier, str) or not identifier or any(c.isspace() for c in identifier):
        raise InvalidValueError(
            "identifier", identifier, "must be non-empty text without spaces", code="invalid-org-id"
        )
    if not ID_CHARACTERS.issuperset(identifier):
        raise InvalidValueError(
            "identifier",
            identifier,
            "must be written in A-Z a-z 0-9 . _ : ~ -, the characters of an id: "
            "an org-id stands in a URL as it is",
            code="invalid-org-id",
        )
    shape = _SHAPES.get(instance.scheme)
    if shape is not None and not shape.fullmatch(identifier):
        name, pattern = KNOWN_SCHEMES[instance.scheme]
        raise InvalidValueError(
            "identifier",
            identifier,
            f"does not have the shape of a {name} ({instance.scheme}) identifier: {pattern}",
            code="invalid-org-id",
        )


@attrs.frozen(order=True)
class OrgId:
    """An organisation identifier: an org-id.guide scheme and the identifier in it.

    Both are ASCII: the identifier is written in the characters of an id
    (:data:`ID_CHARACTERS`: letters, digits and ``. _ : ~ -``; another script's digits
    are refused), so its text form stands in a URL unescaped, and in a scheme of
    :data:`KNOWN_SCHEMES` it has that scheme's shape. Its text form is
    ``SCHEME-IDENTIFIER``; :meth:`parse` reads it back.

    >>> OrgId.parse("GB-SC-SC012710")
    OrgId(scheme='GB-SC', identifier='SC012710')
    >>> str(OrgId("GB-LAS", "ORK"))
    'GB-LAS-ORK'
    """

    scheme: str = attrs.field(validator=_check_scheme)
    identifier: str = attrs.field(validator=_check_identifier)

    @classmethod
    def parse(cls, text: str) -> OrgId:
        """Read an identifier in org-id form (``GB-COH-09506232``)."""
        if not isinstance(text, str):
            raise InvalidValueError(
                "identifier",
                text,
                "must be text in org-id form, like GB-SC-SC012710",
                code="invalid-org-id",
            )
        match = _WHOLE.fullmatch(text)
        if match is None:
            raise InvalidValueError(
                "identifier",
                text,
                "is not in org-id form SCHEME-IDENTIFIER, like GB-SC-SC012710",
                code="invalid-org-id",
            )
        return cls(match["scheme"], match["identifier"])

    def __str__(self) -> str:
        return f"{self.scheme}-{self.identifier}"
