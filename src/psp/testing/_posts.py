"""People in posts, the risk register and differences between partners: the steps of a
history that establish, fill and vacate posts, raise, review and close risks, and record
and resolve differences."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._governing.posts import Post, PostKind
from psp._governing.risks import Rating, RiskKind
from psp._partners.organisation import Partner
from psp.testing._values import _REASONS, _TITLES

_PEOPLE = st.none() | st.sampled_from(["Alex Reid", "Morag Kerr", "Sam Patel", "Jo Byrne"])
_RATINGS = st.none() | st.builds(Rating, st.integers(1, 5), st.integers(1, 5))
_RISK_TEXTS = st.sampled_from(["tight timescales", "stakeholder management", "learning the model"])
_MITIGATIONS = st.none() | st.sampled_from(["weekly check-ins", "a shared timetable"])
_CLOSINGS = st.sampled_from(["overcome", "it passed"])


def _post_step(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """Vacate a held post (half the time there is one), or fill a vacant one; with no
    post vacant, establish one (of a group of the governance in force, perhaps) and
    perhaps fill it at once."""
    held = p.holders()
    vacate = draw(st.booleans())
    if held and vacate:
        return p.vacate_post(draw(st.sampled_from(held)).post_id, on=day, reason=draw(_REASONS))
    vacant = p.vacant_posts()
    if not vacant:
        structure = p.governance()
        groups = [g.id for g in structure.groups] if structure else []
        group = draw(st.sampled_from([None, *groups]))
        post = Post(f"post-{len(p.posts()) + 1}", draw(st.sampled_from(PostKind)), group=group)
        p = p.establish_post(post, on=day)
        # Filled at once for nobody in particular, or left vacant for a later step.
        return p.fill_post(post.id, draw(_PEOPLE), on=day) if draw(st.booleans()) else p
    # Any organisation, or none: one that does not sit on the post's group is refused,
    # and the step skipped.
    partner = draw(st.sampled_from([None, *sorted(p.organisations)]))
    post_id = draw(st.sampled_from(vacant)).id
    return p.fill_post(post_id, draw(_PEOPLE), on=day, partner=partner, title=draw(_TITLES))


def _risk_step(draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date) -> Partnership:
    """Review or close an open risk or issue, or raise a new one."""
    someone = st.sampled_from([None, *sorted(p.organisations)])
    open_ = p.open_risks()
    action = draw(st.sampled_from(["review", "close"] * bool(open_) + ["raise"]))
    if action == "review":
        return p.review_risk(
            draw(st.sampled_from(open_)).id,
            on=day,
            rating=draw(_RATINGS),
            owner=draw(someone),
            mitigation=draw(_MITIGATIONS),
            note=draw(_REASONS),
        )
    if action == "close":
        return p.close_risk(draw(st.sampled_from(open_)).id, on=day, reason=draw(_CLOSINGS))
    return p.raise_risk(
        f"risk-{len(p.risks()) + 1}",
        draw(_RISK_TEXTS),
        on=day,
        kind=draw(st.sampled_from(RiskKind)),
        raised_by=draw(someone),
        owner=draw(someone),
        rating=draw(_RATINGS),
    )


def _difference_step(
    draw: st.DrawFn, p: Partnership, orgs: Sequence[Partner], day: date
) -> Partnership:
    """Resolve a difference standing unresolved, or record one between known
    organisations, sometimes talked through and resolved the same day (3.30)."""
    standing = p.unresolved_differences()
    resolve = draw(st.booleans())
    if standing and resolve:
        return p.resolve_difference(draw(st.sampled_from(standing)).id, "a compromise", on=day)
    # Two ids the partnership may not know, so that there are always two to draw: a
    # difference naming them is refused, and the step skipped.
    candidates = [*sorted(p.organisations), "unknown-1", "unknown-2"]
    parties = draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=3, unique=True))
    difference_id = f"difference-{len(p.differences()) + 1}"
    p = p.record_difference(difference_id, draw(_RISK_TEXTS), parties, on=day)
    return p.resolve_difference(difference_id, "talked through", on=day) if resolve else p
