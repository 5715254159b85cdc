"""Post events and their effects: a post established, filled and vacated (private).

A post is held by one person at a time: filling a post that is held is refused
(``post-held``); the holder is vacated first, on the same day for a handover."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import RuleViolationError, UnknownReferenceError
from psp._base.period import Period
from psp._governing.posts import CHAIRING, Post, PostHolder
from psp._governing.structure import Group

__all__ = ["PostEstablished", "PostFilled", "PostVacated"]


def _post_id(value: str) -> str:
    return _checks.an_id("post_id", value)


def _person(value: str | None) -> str | None:
    return None if value is None else _checks.text("person", value)


def _holder_org(value: str | None) -> str | None:
    return _checks.optional_id("partner_id", value)


def _title(value: str | None) -> str | None:
    return None if value is None else _checks.text("title", value)


def _group_now(state: State, group_id: str) -> Group | None:
    """The group of the governance in force with this id, if there is one."""
    if state.governance:
        for group in state.governance[-1][1].groups:
            if group.id == group_id:
                return group
    return None


def _post(state: State, post_id: str) -> Post:
    found = state.posts.get(post_id)
    if found is None:
        raise UnknownReferenceError(
            "post_id", post_id, "is not a post of this partnership", code="unknown-post"
        )
    return found[1]


def _holder_name(holder: PostHolder) -> str:
    return holder.person if holder.person is not None else "someone not named"


@attrs.frozen(kw_only=True)
class PostEstablished(Recorded):
    """A post was established; it stands vacant until it is filled (a post being
    recruited to)."""

    TAG: ClassVar[str] = "post-established"

    on: date = attrs.field(converter=fields.on_date)
    post: Post

    def __attrs_post_init__(self) -> None:
        fields.instance("post", Post, self.post)

    def _apply(self, state: State) -> None:
        if self.post.id in state.posts:
            raise RuleViolationError(
                "post.id", self.post.id, "is the id of a post already established", code="id-taken"
            )
        if self.post.group is not None and _group_now(state, self.post.group) is None:
            raise UnknownReferenceError(
                "post.group",
                self.post.group,
                "is not a group of the partnership's governance now",
                code="unknown-group",
            )
        state.posts = state.put(state.posts, self.post.id, (self.on, self.post))


@attrs.frozen(kw_only=True)
class PostFilled(Recorded):
    """Someone took up a vacant post: a ``person`` (``None`` when not named) for an
    organisation (``partner_id``, ``None`` when not recorded), with their ``title``."""

    TAG: ClassVar[str] = "post-filled"

    on: date = attrs.field(converter=fields.on_date)
    post_id: str = attrs.field(converter=_post_id)
    person: str | None = attrs.field(default=None, converter=_person)
    partner_id: str | None = attrs.field(default=None, converter=_holder_org)
    title: str | None = attrs.field(default=None, converter=_title)

    def _apply(self, state: State) -> None:
        post = _post(state, self.post_id)
        holder = state.post_holders.get(self.post_id)
        if holder is not None:
            raise RuleViolationError(
                "post_id",
                self.post_id,
                f"is held by {_holder_name(holder)} since {holder.period.start.isoformat()}; "
                "a post is held by one person at a time: vacate it first",
                code="post-held",
            )
        if self.partner_id is not None:
            state.known("partner_id", self.partner_id)
        if post.group is not None:
            group = _group_now(state, post.group)
            if group is None:
                raise UnknownReferenceError(
                    "post_id",
                    self.post_id,
                    f"is a post of {post.group}, which is not a group of the partnership's "
                    "governance now",
                    code="unknown-group",
                )
            if self.partner_id is not None:
                _check_seat(state, post, group, self.partner_id)
        state.post_holders.start(
            self.post_id,
            PostHolder(self.post_id, Period(self.on), self.person, self.partner_id, self.title),
        )


def _check_seat(state: State, post: Post, group: Group, partner_id: str) -> None:
    """A group's post is held for an organisation that sits on the group; a chair's for
    one of the group's chairs, when the group names any."""
    name = state.name_of(partner_id)
    if partner_id not in group.members:
        raise RuleViolationError(
            "partner_id",
            partner_id,
            f"{name} does not sit on {group.name}; a group's post is held for one of its members",
            code="not-on-group",
        )
    if post.kind in CHAIRING and group.chairs and partner_id not in group.chairs:
        raise RuleViolationError(
            "partner_id",
            partner_id,
            f"{name} is not one of the chairs of {group.name} "
            f"({', '.join(sorted(state.name_of(c) for c in group.chairs))}); "
            "its chair is held for one of them",
            code="not-a-chair",
        )


@attrs.frozen(kw_only=True)
class PostVacated(Recorded):
    """The holder of a post left it; the post stands vacant until filled again."""

    TAG: ClassVar[str] = "post-vacated"

    on: date = attrs.field(converter=fields.on_date)
    post_id: str = attrs.field(converter=_post_id)
    reason: str = attrs.field(default="", converter=fields.reason)

    def _apply(self, state: State) -> None:
        _post(state, self.post_id)
        holder = state.post_holders.get(self.post_id)
        if holder is None:
            raise RuleViolationError(
                "post_id", self.post_id, "is vacant now; nobody holds it", code="post-vacant"
            )
        too_soon = "it was filled that day; a post is held for at least one day"
        state.end_span(state.post_holders, self.post_id, holder, self.on, too_soon)
