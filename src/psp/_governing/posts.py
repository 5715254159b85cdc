"""Posts: a chair, a co-chair, a secretary, a partnership manager or a case worker, and
the people who hold them (issue 18, item 3)."""

from __future__ import annotations

import enum
from typing import Final, Literal, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base.period import Period

__all__ = ["CHAIRING", "Post", "PostHolder", "PostKind", "PostKindName"]


class PostKind(enum.StrEnum):
    """What a post is (3.54: a CJA Chief Officer co-chaired a PSP; the Low Moss case study:
    "recruiting for key roles such as the partnership manager and case workers")."""

    CHAIR = "chair"  #: chairs a governance group (or the partnership)
    CO_CHAIR = "co-chair"  #: shares the chair
    SECRETARY = "secretary"  #: keeps a group's papers and minutes
    PARTNERSHIP_MANAGER = "partnership-manager"  #: runs the partnership day to day
    CASE_WORKER = "case-worker"  #: works with service users
    OTHER = "other"  #: any other post (say which in its ``title``)


#: The values of :class:`PostKind`, for text that names a post kind.
PostKindName: TypeAlias = Literal[
    "chair", "co-chair", "secretary", "partnership-manager", "case-worker", "other"
]

#: The kinds of post that hold a group's chair: a group's chairs (``Group.chairs``, the
#: organisations) are what the people in these posts sit for.
CHAIRING: Final = frozenset({PostKind.CHAIR, PostKind.CO_CHAIR})


def _post_id(value: str) -> str:
    return _checks.an_id("id", value)


def _kind(value: PostKind | PostKindName) -> PostKind:
    return _checks.member_of(PostKind, "kind", value)


def _group(value: str | None) -> str | None:
    return _checks.optional_id("group", value)


def _title(value: str | None) -> str | None:
    return None if value is None else _checks.text("title", value)


@attrs.frozen
class Post:
    """A post of the partnership: its ``id`` (so that there can be several case
    workers), its ``kind``, the governance ``group`` it is a seat of, if any (a chair's
    group; a partnership manager may have none), and an optional ``title``.

    A post is held by one person at a time (see :class:`PostHolder`); it may stand
    vacant, as a post being recruited to does.

    >>> Post("chair-gg", "chair", group="gg")
    Post(id='chair-gg', kind=<PostKind.CHAIR: 'chair'>, group='gg', title=None)
    """

    id: str = attrs.field(converter=_post_id)
    kind: PostKind = attrs.field(converter=_kind)
    group: str | None = attrs.field(default=None, converter=_group, kw_only=True)
    title: str | None = attrs.field(default=None, converter=_title, kw_only=True)


@attrs.frozen
class PostHolder:
    """Someone holding a post over a ``period``: the ``person`` (plain text, ``None``
    when the source does not name them), the organisation they hold it for
    (``partner_id``, ``None`` when not recorded) and their own ``title`` there
    (3.54: a CJA's "Chief Officer").

    Names of people are personal data: psp keeps them as given and nothing more.
    """

    post_id: str
    period: Period
    person: str | None = None
    partner_id: str | None = None
    title: str | None = None
