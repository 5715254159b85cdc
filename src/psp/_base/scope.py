"""What a partnership is for and how far it reaches."""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

__all__ = ["Focus", "FocusName", "Scope", "ScopeName"]


class Scope(enum.StrEnum):
    """How far a partnership's service reaches (3.16, 3.49-3.50)."""

    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"


#: The values of :class:`Scope`, for text that names a scope.
ScopeName: TypeAlias = Literal["local", "regional", "national"]


class Focus(enum.StrEnum):
    """Who a partnership's service is for; it shapes which public bodies belong (3.4)."""

    PRISON_LEAVERS = "prison-leavers"  #: throughcare for people leaving prison
    REMAND = "remand"  #: people held on remand
    COMMUNITY_SENTENCES = "community-sentences"  #: people serving community sentences
    WOMEN = "women"  #: women who offend (the national mentoring PSP, 3.54)
    SUBSTANCE_USE = "substance-use"  #: people whose offending links to drugs or alcohol
    OTHER = "other"


#: The values of :class:`Focus`, for text that names a focus.
FocusName: TypeAlias = Literal[
    "prison-leavers",
    "remand",
    "community-sentences",
    "women",
    "substance-use",
    "other",
]
