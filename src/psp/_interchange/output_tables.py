"""The builders of the tables of a service's outputs and benefits (private): the targets
in force, what was delivered, and the bodies that stand to benefit. Each takes one
partnership and ``on`` and yields rows; ``_interchange/tables.py`` lists them in
``_BUILDERS``. A term (``psp.Term``) is written as its text, an enum as its value.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from psp._aggregate.partnership import Partnership
from psp._interchange.money_rows import BenefitRow, OutputRow, OutputTargetRow

__all__ = ["benefits", "output_targets", "outputs"]


def output_targets(p: Partnership, on: date | None) -> Iterator[OutputTargetRow]:
    for t in p.output_targets(on):
        yield OutputTargetRow(
            partnership=p.id,
            output_id=t.output_id,
            kind=str(t.kind),
            unit=t.unit,
            start=t.period.start,
            end=t.period.end,
            target=t.target,
            on=t.on,
            note=t.note,
        )


def outputs(p: Partnership, on: date | None) -> Iterator[OutputRow]:
    for a in p.outputs():
        yield OutputRow(
            partnership=p.id,
            output_id=a.output_id,
            start=a.period.start,
            end=a.period.end,
            value=a.value,
            on=a.on,
            note=a.note,
        )


def benefits(p: Partnership, on: date | None) -> Iterator[BenefitRow]:
    for b in p.benefits():
        o = p.organisation(b.partner_id)
        yield BenefitRow(
            partnership=p.id,
            partner_id=b.partner_id,
            name=o.name,
            sector=o.sector.value,
            cashable=b.cashable,
            estimate=b.estimate,
            basis=b.basis,
            on=b.on,
            source=b.source,
        )
