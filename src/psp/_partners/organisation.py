"""Organisations that take part in partnerships: sectors, kinds, reach and identifiers."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Literal, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._base.identifiers import OrgId

__all__ = [
    "Partner",
    "PublicBodyKind",
    "PublicBodyKindName",
    "Reach",
    "ReachName",
    "Sector",
    "SectorName",
    "Size",
    "SizeName",
    "ThirdSectorKind",
    "ThirdSectorKindName",
]


class Sector(enum.StrEnum):
    """The sector an organisation belongs to."""

    PUBLIC = "public"
    THIRD = "third"
    #: Rare, e.g. a private company running a prison for the prison service (3.59).
    PRIVATE = "private"


#: The values of :class:`Sector`, for text that names a sector.
SectorName: TypeAlias = Literal["public", "third", "private"]


class PublicBodyKind(enum.StrEnum):
    """Kinds of public body seen in PSPs (docs/glossary.md); ``OTHER`` leaves room for the rest."""

    CJA = "cja"  #: Community Justice Authority (eight covered Scotland)
    LOCAL_AUTHORITY = "local-authority"  #: usually via criminal justice social work (CJSW)
    NHS_BOARD = "nhs-board"
    PRISON_SERVICE = "prison-service"  #: the service's central team or one prison
    POLICE = "police"
    ADP = "adp"  #: Alcohol and Drug Partnership
    EMPLOYMENT_SERVICE = "employment-service"  #: e.g. JobCentrePlus at Low Moss
    HOUSING_SERVICE = "housing-service"
    GOVERNMENT = "government"  #: e.g. the Scottish Government as a funder
    UMBRELLA_BODY = "umbrella-body"  #: e.g. ADSW or COSLA representing CJSWs (3.50)
    OTHER = "other"


#: The values of :class:`PublicBodyKind`, for text that names a public body kind.
PublicBodyKindName: TypeAlias = Literal[
    "cja",
    "local-authority",
    "nhs-board",
    "prison-service",
    "police",
    "adp",
    "employment-service",
    "housing-service",
    "government",
    "umbrella-body",
    "other",
]


class ThirdSectorKind(enum.StrEnum):
    """Kinds of third-sector organisation."""

    CHARITY = "charity"
    VOLUNTARY_ORGANISATION = "voluntary-organisation"
    SOCIAL_ENTERPRISE = "social-enterprise"


#: The values of :class:`ThirdSectorKind`, for text that names a third sector kind.
ThirdSectorKindName: TypeAlias = Literal["charity", "voluntary-organisation", "social-enterprise"]


class Reach(enum.StrEnum):
    """How far an organisation's work reaches (3.3 counts national against regional/local)."""

    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"


#: The values of :class:`Reach`, for text that names a reach.
ReachName: TypeAlias = Literal["national", "regional", "local"]


class Size(enum.StrEnum):
    """An organisation's size (the evaluation describes leads as small, medium or large)."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


#: The values of :class:`Size`, for text that names a size.
SizeName: TypeAlias = Literal["small", "medium", "large"]


def _identifiers(values: Iterable[OrgId | str]) -> tuple[OrgId, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(
            "identifiers",
            values,
            "must be a collection of org-id identifiers",
            code="not-a-collection",
        )
    result = []
    for i, v in enumerate(values):
        if isinstance(v, OrgId):
            result.append(v)
            continue
        try:
            result.append(OrgId.parse(v))
        except InvalidValueError as e:
            raise InvalidValueError(f"identifiers[{i}]", e.value, e.reason, code=e.code) from None
    if len(set(result)) != len(result):
        raise InvalidValueError(
            "identifiers", [str(r) for r in result], "lists an identifier twice", code="duplicate"
        )
    return tuple(result)


def _id(value: str) -> str:
    return _checks.an_id("id", value)


def _name(value: str) -> str:
    return _checks.text("name", value)


def _sector(value: Sector | SectorName) -> Sector:
    return _checks.member_of(Sector, "sector", value)


def _public_body_kind(value: PublicBodyKind | PublicBodyKindName | None) -> PublicBodyKind | None:
    return None if value is None else _checks.member_of(PublicBodyKind, "public_body_kind", value)


def _third_sector_kind(
    value: ThirdSectorKind | ThirdSectorKindName | None,
) -> ThirdSectorKind | None:
    return None if value is None else _checks.member_of(ThirdSectorKind, "third_sector_kind", value)


def _reach(value: Reach | ReachName | None) -> Reach | None:
    return None if value is None else _checks.member_of(Reach, "reach", value)


def _size(value: Size | SizeName | None) -> Size | None:
    return None if value is None else _checks.member_of(Size, "size", value)


def _areas(value: Iterable[str]) -> frozenset[str]:
    return _checks.texts("areas", value)


def _part_of(value: str | None) -> str | None:
    return _checks.optional_id("part_of", value)


@attrs.frozen
class Partner:
    """An organisation that is, was or may be a partner.

    ``id`` is the caller's stable key for the organisation; ``identifiers`` are its
    registered identifiers (``GB-SC-SC012710``). Strings are accepted wherever an
    enum member is expected, and any iterable where a collection is.

    A public body must say what kind it is (``public_body_kind``); third-sector and
    private organisations must not. ``third_sector_kind`` applies to the third
    sector only. ``part_of`` names a parent organisation (an individual prison
    within the prison service, 3.60). ``represents_service_users`` marks a partner
    that speaks for the service users themselves (one RRCF MoU had one, 3.3).

    >>> Partner("tps", "Turning Point Scotland", Sector.THIRD, reach=Reach.NATIONAL,
    ...         identifiers=["GB-SC-SC012710"]).identifiers[0].scheme
    'GB-SC'
    """

    id: str = attrs.field(converter=_id)
    name: str = attrs.field(converter=_name)
    sector: Sector = attrs.field(converter=_sector)
    public_body_kind: PublicBodyKind | None = attrs.field(
        default=None, converter=_public_body_kind, kw_only=True
    )
    third_sector_kind: ThirdSectorKind | None = attrs.field(
        default=None, converter=_third_sector_kind, kw_only=True
    )
    reach: Reach | None = attrs.field(default=None, converter=_reach, kw_only=True)
    size: Size | None = attrs.field(default=None, converter=_size, kw_only=True)
    areas: frozenset[str] = attrs.field(default=frozenset(), converter=_areas, kw_only=True)
    identifiers: tuple[OrgId, ...] = attrs.field(default=(), converter=_identifiers, kw_only=True)
    part_of: str | None = attrs.field(default=None, converter=_part_of, kw_only=True)
    represents_service_users: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.a_bool("represents_service_users", self.represents_service_users)
        if self.sector is Sector.PUBLIC and self.public_body_kind is None:
            raise InvalidValueError(
                "public_body_kind",
                None,
                f"{self.name} is a public body, so it must say which kind ('other' if none fits)",
                code="conflicting-fields",
            )
        if self.sector is not Sector.PUBLIC and self.public_body_kind is not None:
            raise InvalidValueError(
                "public_body_kind",
                self.public_body_kind.value,
                f"{self.name} is in the {self.sector.value} sector, so it has no public-body kind",
                code="conflicting-fields",
            )
        if self.sector is not Sector.THIRD and self.third_sector_kind is not None:
            raise InvalidValueError(
                "third_sector_kind",
                self.third_sector_kind.value,
                f"{self.name} is in the {self.sector.value} sector, so it has no third-sector kind",
                code="conflicting-fields",
            )
        if self.part_of == self.id:
            raise InvalidValueError(
                "part_of",
                self.part_of,
                "an organisation cannot be part of itself",
                code="self-reference",
            )
