"""The builder of the table of a relational survey's answers (private): one row per
answer, wave by wave in the order recorded; ``_interchange/tables.py`` lists it in
``_BUILDERS``. Every answer is kept whatever ``on`` (an answer neither opens nor closes)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from psp._aggregate.partnership import Partnership
from psp._interchange.table_rows import RelationalAnswerRow

__all__ = ["relational_answers"]


def relational_answers(p: Partnership, on: date | None) -> Iterator[RelationalAnswerRow]:
    for wave_id in p.relational_waves():
        for r in p.relational_responses(wave_id):
            for a in r.answers:
                yield RelationalAnswerRow(
                    partnership=p.id,
                    wave_id=wave_id,
                    on=r.on,
                    respondent=r.respondent,
                    about=a.about,
                    reliability=a.reliability,
                    mission=a.mission,
                    openness=a.openness,
                    power=a.power,
                    involvement=a.involvement,
                    resources=a.resources,
                    frequency=None if a.frequency is None else a.frequency.value,
                )
