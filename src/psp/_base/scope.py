"""What a partnership is for and how far it reaches."""

from __future__ import annotations

import enum

__all__ = ["Focus", "Scope"]


class Scope(enum.StrEnum):
    """How far a partnership's service reaches (3.16, 3.49-3.50)."""

    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"


class Focus(enum.StrEnum):
    """Who a partnership's service is for; it shapes which public bodies belong (3.4)."""

    PRISON_LEAVERS = "prison-leavers"  #: throughcare for people leaving prison
    REMAND = "remand"  #: people held on remand
    COMMUNITY_SENTENCES = "community-sentences"  #: people serving community sentences
    WOMEN = "women"  #: women who offend (the national mentoring PSP, 3.54)
    SUBSTANCE_USE = "substance-use"  #: people whose offending links to drugs or alcohol
    OTHER = "other"
