"""The builders of the tables of issue 18's records (private): origins, contributions and
capabilities, waivers, link kinds of one's own, people in posts, the risk register and
differences between partners. Each takes one partnership and ``on`` and yields rows;
``_interchange/tables.py`` lists them in ``_BUILDERS``. A term (``psp.Term``) is written
as its text, an enum as its value, a set of ids sorted and joined by spaces.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from psp._aggregate.contributions import CapabilitiesDeclared
from psp._aggregate.partnership import Partnership
from psp._interchange.table_rows import (
    CapabilityRow,
    ContributionRow,
    DifferenceRow,
    InitiatorRow,
    LeadSelectionRow,
    LinkKindRow,
    PostRow,
    RiskRatingRow,
    RiskRow,
    WaiverRow,
)

__all__ = [
    "capabilities",
    "contributions",
    "differences",
    "initiators",
    "lead_selections",
    "link_kinds",
    "posts",
    "risk_ratings",
    "risks",
    "waivers",
]


def _ids(values: frozenset[str]) -> str:
    return " ".join(sorted(values))


def initiators(p: Partnership, on: date | None) -> Iterator[InitiatorRow]:
    initiation = p.initiation()
    if initiation is None:
        return
    for o in p.initiators():
        yield InitiatorRow(
            partnership=p.id,
            partner_id=o.id,
            name=o.name,
            sector=o.sector.value,
            on=initiation.on,
            note=initiation.note,
        )


def lead_selections(p: Partnership, on: date | None) -> Iterator[LeadSelectionRow]:
    for s in p.lead_selections():
        yield LeadSelectionRow(
            partnership=p.id,
            on=s.on,
            partner_id=s.partner_id,
            name=p.organisation(s.partner_id).name,
            method=s.method.value,
            by=_ids(s.by),
            alternatives=_ids(s.alternatives),
            note=s.note,
        )


def contributions(p: Partnership, on: date | None) -> Iterator[ContributionRow]:
    for c in p.contributions():
        o = p.organisation(c.partner_id)
        yield ContributionRow(
            partnership=p.id,
            on=c.on,
            partner_id=c.partner_id,
            name=o.name,
            sector=o.sector.value,
            kind=str(c.kind),
            value=c.value,
            description=c.description,
        )


def capabilities(p: Partnership, on: date | None) -> Iterator[CapabilityRow]:
    latest: dict[str, CapabilitiesDeclared] = {}
    for e in p.history:
        if isinstance(e, CapabilitiesDeclared) and (on is None or e.on <= on):
            latest[e.partner_id] = e  # a later declaration replaces one, in its place
    for pid, declared in latest.items():
        name = p.organisation(pid).name
        for c in sorted(x.value for x in declared.capabilities):
            yield CapabilityRow(
                partnership=p.id, partner_id=pid, name=name, capability=c, declared_on=declared.on
            )


def waivers(p: Partnership, on: date | None) -> Iterator[WaiverRow]:
    for w in p.waivers(on):
        yield WaiverRow(
            partnership=p.id,
            rule=w.rule,
            granted_by=w.granted_by,
            start=w.period.start,
            end=w.period.end,
            reason=w.reason,
        )


def link_kinds(p: Partnership, on: date | None) -> Iterator[LinkKindRow]:
    for kind, (label, inverse) in p.link_kinds_defined.items():
        yield LinkKindRow(partnership=p.id, kind=str(kind), label=label, inverse_label=inverse)


def posts(p: Partnership, on: date | None) -> Iterator[PostRow]:
    by_id = {post.id: post for post in p.posts()}
    for h in p.post_holders() if on is None else p.holders(on):
        post = by_id[h.post_id]
        yield PostRow(
            partnership=p.id,
            post_id=h.post_id,
            kind=post.kind.value,
            group=post.group,
            post_title=post.title,
            partner_id=h.partner_id,
            person=h.person,
            title=h.title,
            start=h.period.start,
            end=h.period.end,
        )


def risks(p: Partnership, on: date | None) -> Iterator[RiskRow]:
    for r in p.risks():
        rating = r.rating
        yield RiskRow(
            partnership=p.id,
            id=r.id,
            kind=r.kind.value,
            description=r.description,
            raised_on=r.raised_on,
            raised_by=r.raised_by,
            owner=r.owner,
            likelihood=None if rating is None else rating.likelihood,
            impact=None if rating is None else rating.impact,
            score=None if rating is None else rating.score,
            reviews=len(r.reviews),
            closed_on=r.closed_on,
            closed_because=r.closed_because,
        )


def risk_ratings(p: Partnership, on: date | None) -> Iterator[RiskRatingRow]:
    for r in p.risks():
        for day, rating in r.ratings:
            yield RiskRatingRow(
                partnership=p.id,
                risk=r.id,
                on=day,
                likelihood=rating.likelihood,
                impact=rating.impact,
                score=rating.score,
            )


def differences(p: Partnership, on: date | None) -> Iterator[DifferenceRow]:
    for d in p.differences():
        yield DifferenceRow(
            partnership=p.id,
            id=d.id,
            subject=d.subject,
            parties=_ids(d.parties),
            raised_on=d.raised_on,
            resolved_on=d.resolved_on,
            how=d.how,
        )
