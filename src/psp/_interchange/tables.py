"""Tables of every record: a partnership's or a portfolio's records as rows of plain values.

Each table is a tuple of rows; each row a :class:`typing.TypedDict` of ``str``, ``int``,
``float``, ``bool``, ``None`` and :class:`datetime.date`, so ``pandas.DataFrame(rows)``
takes it as it is (psp never imports pandas). Every row starts with ``partnership``, the id
of the partnership the record belongs to, so the tables of a portfolio are those of its
partnerships concatenated, in portfolio order. A set of ids or roles is one text value,
sorted and joined by single spaces (an id or a role value holds no space): split it with
``str.split()``. A list of free text (a bid's areas, a meeting's agenda and decisions) is
joined by newlines.

Adding a table for a new record: its row type in ``_interchange/table_rows.py`` (exported,
and in docs/reference.md), a function here (or, for issue 18's records, in
``_interchange/practice_tables.py``) building its rows from one partnership, a
field on :class:`Tables` and a line in ``_BUILDERS`` (``Tables(**built)`` fails when the
two disagree), and the record's query in ``records`` in ``tests/test_tables.py``, whose
tests then check the new table as every other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, Final, NamedTuple

import attrs

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError
from psp._base.period import Period
from psp._interchange import budget_tables, fund_tables, payment_tables
from psp._interchange import output_tables as output
from psp._interchange import practice_tables as practice
from psp._interchange import relational_tables as relational
from psp._interchange.conversion import to_data
from psp._interchange.money_rows import (
    BenefitRow,
    BudgetRow,
    ContractPaymentRow,
    FundAwardRow,
    FunderShareRow,
    FundRow,
    OutputRow,
    OutputTargetRow,
    PaymentRow,
    PlannedPaymentRow,
    ReportRow,
    SpendRow,
    StreamRow,
)
from psp._interchange.schema import _IDS, _NOT_IDS
from psp._interchange.table_rows import (
    AttendanceRow,
    BidRow,
    CapabilityRow,
    CommitmentRow,
    ConditionRow,
    ContributionRow,
    DifferenceRow,
    EndorsementRow,
    EventRow,
    InitiatorRow,
    LeadSelectionRow,
    LinkKindRow,
    LinkRow,
    MeasureRow,
    MeetingRow,
    MembershipRow,
    OrganisationRow,
    PostRow,
    RelationalAnswerRow,
    RepresentativeRow,
    RiskRatingRow,
    RiskRow,
    SeatRow,
    StageRow,
    SuspensionRow,
    TenderRow,
    WaiverRow,
)
from psp._partners.links import Link

__all__ = ["Tables", "tables"]


def _joined(values: Iterator[str] | tuple[str, ...] | frozenset[str]) -> str:
    return " ".join(values)


def _sorted(values: frozenset[Any]) -> str:
    return " ".join(sorted(str(v) for v in values))


def _in_force(period: Period, on: date | None) -> bool:
    return on is None or period.contains(on)


def _organisations(p: Partnership, on: date | None) -> Iterator[OrganisationRow]:
    for o in p.organisations.values():
        yield OrganisationRow(
            partnership=p.id,
            id=o.id,
            name=o.name,
            sector=o.sector.value,
            public_body_kind=None if o.public_body_kind is None else o.public_body_kind.value,
            third_sector_kind=None if o.third_sector_kind is None else o.third_sector_kind.value,
            reach=None if o.reach is None else o.reach.value,
            size=None if o.size is None else o.size.value,
            part_of=o.part_of,
            represents_service_users=o.represents_service_users,
        )


def _memberships(p: Partnership, on: date | None) -> Iterator[MembershipRow]:
    records = p.memberships if on is None else p.memberships_on(on)
    for m in records:
        o = p.organisation(m.partner_id)
        yield MembershipRow(
            partnership=p.id,
            partner_id=m.partner_id,
            name=o.name,
            sector=o.sector.value,
            roles=_sorted(frozenset(r.value for r in m.roles)),
            start=m.period.start,
            end=m.period.end,
            engagement=None if m.engagement is None else m.engagement.value,
            signposted_by=m.signposted_by,
        )


def _seats(p: Partnership, on: date | None) -> Iterator[SeatRow]:
    records = p.seats if on is None else p.seats_on(on)
    for s in records:
        yield SeatRow(
            partnership=p.id,
            partner_id=s.partner_id,
            name=p.organisation(s.partner_id).name,
            kind=s.kind.value,
            start=s.period.start,
            end=s.period.end,
        )


def _suspensions(p: Partnership, on: date | None) -> Iterator[SuspensionRow]:
    records = p.suspensions if on is None else p.suspended(on)
    for s in records:
        yield SuspensionRow(
            partnership=p.id,
            partner_id=s.partner_id,
            start=s.period.start,
            end=s.period.end,
            reason=s.reason,
        )


def _representatives(p: Partnership, on: date | None) -> Iterator[RepresentativeRow]:
    for r in p.representatives:
        if _in_force(r.period, on):
            yield RepresentativeRow(
                partnership=p.id,
                partner_id=r.partner_id,
                person=r.person,
                title=r.title,
                can_decide=r.can_decide,
                start=r.period.start,
                end=r.period.end,
            )


def _link(partnership: str | None, k: Link) -> LinkRow:
    return LinkRow(
        partnership=partnership,
        source=k.source,
        target=k.target,
        kind=str(k.kind),
        start=k.period.start,
        end=k.period.end,
        weight=k.weight,
        pre_existing=k.pre_existing,
        note=k.note,
    )


def _links(p: Partnership, on: date | None) -> Iterator[LinkRow]:
    records = p.links if on is None else p.links_on(on)
    return (_link(p.id, k) for k in records)


def _meetings(p: Partnership, on: date | None) -> Iterator[MeetingRow]:
    for n, m in enumerate(p.meetings(), start=1):
        yield MeetingRow(
            partnership=p.id,
            meeting=n,
            on=m.on,
            kind=m.kind.value,
            group=m.group,
            minuted=m.minuted,
            attendees=m.size,
            agenda="\n".join(m.agenda),
            decisions="\n".join(m.decisions),
        )


def _attendance(p: Partnership, on: date | None) -> Iterator[AttendanceRow]:
    for n, m in enumerate(p.meetings(), start=1):
        for a in m.attendees:
            yield AttendanceRow(
                partnership=p.id, meeting=n, on=m.on, person=a.person, partner_id=a.partner_id
            )


def _bids(p: Partnership, on: date | None) -> Iterator[BidRow]:
    for b in p.bids():
        yield BidRow(
            partnership=p.id,
            id=b.id,
            funder=b.funder,
            fund=b.fund,
            stream=b.stream,
            purpose=b.purpose.value,
            status=b.status.value,
            drafted_on=b.drafted_on,
            deadline=b.deadline,
            submitted_on=b.submitted_on,
            decided_on=b.decided_on,
            amount_asked=b.amount_asked,
            amount_awarded=b.amount_awarded,
            areas="\n".join(sorted(b.areas)),
            mous=_sorted(b.mous),
        )


def _endorsements(p: Partnership, on: date | None) -> Iterator[EndorsementRow]:
    for b in p.bids():
        for e in b.endorsements:
            yield EndorsementRow(
                partnership=p.id,
                bid=b.id,
                partner_id=e.partner_id,
                area=e.area,
                given=e.given,
                on=e.on,
            )


def _commitments(p: Partnership, on: date | None) -> Iterator[CommitmentRow]:
    for c in p.commitments():
        yield CommitmentRow(
            partnership=p.id,
            id=c.id,
            by=c.by,
            on_behalf_of=_sorted(c.on_behalf_of),
            what=c.what,
            amount=c.amount,
            start=None if c.period is None else c.period.start,
            end=None if c.period is None else c.period.end,
            status=c.status.value,
            measures=len(c.measures),
            conditions=len(c.conditions),
            conditions_met=c.conditions_met,
        )


def _measures(p: Partnership, on: date | None) -> Iterator[MeasureRow]:
    for c in p.commitments():
        for m in c.measures:
            yield MeasureRow(
                partnership=p.id,
                commitment=c.id,
                name=m.name,
                baseline=m.baseline,
                target=m.target,
                higher_is_better=m.higher_is_better,
                result=m.result,
                met=m.is_met,
            )


def _conditions(p: Partnership, on: date | None) -> Iterator[ConditionRow]:
    for c in p.commitments():
        for x in c.conditions:
            yield ConditionRow(partnership=p.id, commitment=c.id, name=x.name, outcome=x.outcome)


def _tenders(p: Partnership, on: date | None) -> Iterator[TenderRow]:
    for t in p.tenders():
        yield TenderRow(
            partnership=p.id,
            id=t.id,
            commissioner=t.commissioner,
            title=t.title,
            value=t.value,
            status=t.status.value,
            tenderers=_joined(t.tenderers),
            awarded_to=t.awarded_to,
            awarded_value=t.awarded_value,
        )


def _stages(p: Partnership, on: date | None) -> Iterator[StageRow]:
    for day, step, stage in p.stage_history():
        yield StageRow(partnership=p.id, on=day, step=step.value, stage=stage.value)


def _ids_in(obj: attrs.AttrsInstance, found: dict[str, None]) -> None:
    """Collect the ids ``obj`` names, by the field names the JSON schema knows hold ids."""
    cls = type(obj)
    for field in attrs.fields(cls):
        value = getattr(obj, field.name)
        if field.name in _IDS and f"{cls.__name__}.{field.name}" not in _NOT_IDS:
            if isinstance(value, str):
                found[value] = None
            elif isinstance(value, frozenset | tuple):
                found.update(dict.fromkeys(sorted(v for v in value if isinstance(v, str))))
        if attrs.has(type(value)):
            _ids_in(value, found)
        elif isinstance(value, tuple):
            for item in value:
                if attrs.has(type(item)):
                    _ids_in(item, found)


def _events(p: Partnership, on: date | None) -> Iterator[EventRow]:
    for version, e in enumerate(p.history, start=1):
        found: dict[str, None] = {}
        _ids_in(e, found)
        yield EventRow(
            partnership=p.id,
            version=version,
            type=e.TAG,
            on=e.on,
            ids=_joined(tuple(found)),
            data=to_data(e),
        )


_Builder = Callable[[Partnership, "date | None"], Iterator[Any]]

#: Each table's name and how its rows are built from one partnership, in table order.
_BUILDERS: Final[dict[str, _Builder]] = {
    "organisations": _organisations,
    "memberships": _memberships,
    "seats": _seats,
    "suspensions": _suspensions,
    "representatives": _representatives,
    "links": _links,
    "meetings": _meetings,
    "attendance": _attendance,
    "bids": _bids,
    "endorsements": _endorsements,
    "commitments": _commitments,
    "measures": _measures,
    "conditions": _conditions,
    "tenders": _tenders,
    "stages": _stages,
    "initiators": practice.initiators,
    "lead_selections": practice.lead_selections,
    "contributions": practice.contributions,
    "capabilities": practice.capabilities,
    "waivers": practice.waivers,
    "link_kinds": practice.link_kinds,
    "posts": practice.posts,
    "risks": practice.risks,
    "risk_ratings": practice.risk_ratings,
    "differences": practice.differences,
    "output_targets": output.output_targets,
    "outputs": output.outputs,
    "benefits": output.benefits,
    "budgets": budget_tables.budgets,
    "spending": budget_tables.spending,
    # funds and streams in use (issue 17, item 1)
    "funds": fund_tables.funds,
    "fund_shares": fund_tables.fund_shares,
    "streams": fund_tables.streams,
    "fund_awards": fund_tables.fund_awards,
    "relational_answers": relational.relational_answers,
    "planned_payments": payment_tables.planned_payments,
    "payments": payment_tables.payments,
    "reports": payment_tables.reports,
    "contract_payments": payment_tables.contract_payments,
    "events": _events,
}


class Tables(NamedTuple):
    """Every record of a partnership or a portfolio as a table: one attribute per table,
    each a tuple of rows (see the row types), so ``pandas.DataFrame(t.memberships)`` is a
    frame with one column per key. Built by :func:`psp.tables`.

    The tables of records that open and close (``memberships``, ``seats``,
    ``suspensions``, ``representatives``, ``links``, ``waivers``, ``posts``) hold every
    span when built with ``on=None``, and those in force on ``on`` otherwise;
    ``capabilities`` holds each organisation's latest declaration (on ``on``, the one in
    force then); ``budgets`` the budget lines in force (on ``on``, those in force then)
    and ``spending`` every spend (on ``on``, those recorded by then); the others hold
    every record as it stands now.
    """

    organisations: tuple[OrganisationRow, ...]
    memberships: tuple[MembershipRow, ...]
    seats: tuple[SeatRow, ...]
    suspensions: tuple[SuspensionRow, ...]
    representatives: tuple[RepresentativeRow, ...]
    links: tuple[LinkRow, ...]
    meetings: tuple[MeetingRow, ...]
    attendance: tuple[AttendanceRow, ...]
    bids: tuple[BidRow, ...]
    endorsements: tuple[EndorsementRow, ...]
    commitments: tuple[CommitmentRow, ...]
    measures: tuple[MeasureRow, ...]
    conditions: tuple[ConditionRow, ...]
    tenders: tuple[TenderRow, ...]
    stages: tuple[StageRow, ...]
    initiators: tuple[InitiatorRow, ...]
    lead_selections: tuple[LeadSelectionRow, ...]
    contributions: tuple[ContributionRow, ...]
    capabilities: tuple[CapabilityRow, ...]
    waivers: tuple[WaiverRow, ...]
    link_kinds: tuple[LinkKindRow, ...]
    posts: tuple[PostRow, ...]
    risks: tuple[RiskRow, ...]
    risk_ratings: tuple[RiskRatingRow, ...]
    differences: tuple[DifferenceRow, ...]
    output_targets: tuple[OutputTargetRow, ...]
    outputs: tuple[OutputRow, ...]
    benefits: tuple[BenefitRow, ...]
    budgets: tuple[BudgetRow, ...]
    spending: tuple[SpendRow, ...]
    funds: tuple[FundRow, ...]
    fund_shares: tuple[FunderShareRow, ...]
    streams: tuple[StreamRow, ...]
    fund_awards: tuple[FundAwardRow, ...]
    relational_answers: tuple[RelationalAnswerRow, ...]
    planned_payments: tuple[PlannedPaymentRow, ...]
    payments: tuple[PaymentRow, ...]
    reports: tuple[ReportRow, ...]
    contract_payments: tuple[ContractPaymentRow, ...]
    events: tuple[EventRow, ...]

    def as_dict(self) -> dict[str, tuple[Any, ...]]:
        """Every table by name, in the order of ``Tables._fields``."""
        return dict(self._asdict())


def tables(subject: Partnership | Portfolio, *, on: date | None = None) -> Tables:
    """Every record of a partnership or a portfolio as tables of plain rows.

    ``on`` (a date) keeps, in the tables of records that open and close, those in force
    on that day; ``None`` (the default) keeps every span, past and present. For a
    portfolio each table is its partnerships' tables, in portfolio order; its
    ``links`` table ends with the portfolio's own links, with ``partnership`` ``None``.

    >>> from datetime import date
    >>> from psp import Partner, Partnership
    >>> p = Partnership("p", "P").join(
    ...     Partner("a", "A", "third"), roles={"lead"}, on=date(2012, 4, 1)
    ... ).change_roles("a", {"lead", "provider"}, on=date(2012, 6, 1))
    >>> [(r["roles"], str(r["start"]), str(r["end"])) for r in tables(p).memberships]
    [('lead', '2012-04-01', '2012-06-01'), ('lead provider', '2012-06-01', 'None')]
    >>> [r["roles"] for r in tables(p, on=date(2012, 5, 1)).memberships]
    ['lead']
    """
    if on is not None:
        _checks.a_date("on", on)
    if isinstance(subject, Partnership):
        partnerships: tuple[Partnership, ...] = (subject,)
    elif isinstance(subject, Portfolio):
        partnerships = subject.partnerships
    else:
        raise InvalidValueError(
            "subject",
            type(subject).__name__,
            "must be a Partnership or a Portfolio",
            code="wrong-type",
        )
    built = {
        name: tuple(row for p in partnerships for row in build(p, on))
        for name, build in _BUILDERS.items()
    }
    if isinstance(subject, Portfolio):
        built["links"] += tuple(_link(None, k) for k in subject.links if _in_force(k.period, on))
    return Tables(**built)
