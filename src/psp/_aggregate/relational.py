"""Relational survey events and their effects: a member's answers about the other
members in one wave of a relational survey (``RelationalResponseRecorded``) (private)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

import attrs

from psp._aggregate import fields
from psp._aggregate.state import Recorded, State
from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError
from psp._partners.relational import RelationalAnswer

__all__ = ["RelationalResponseRecorded"]


def _wave_id(value: str) -> str:
    return _checks.an_id("wave_id", value)


def _respondent(value: str) -> str:
    return _checks.an_id("respondent", value)


def _answers(value: Iterable[RelationalAnswer]) -> tuple[RelationalAnswer, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "answers", value, "must be a sequence of psp.RelationalAnswer", code="not-a-collection"
        )
    answers = tuple(value)
    for i, a in enumerate(answers):
        fields.instance(f"answers[{i}]", RelationalAnswer, a)
    return answers


@attrs.frozen(kw_only=True)
class RelationalResponseRecorded(Recorded):
    """One member's response in a wave of a relational survey: its ``answers`` about
    other members (PARTNER's trust and value ratings and frequency of contact).

    A wave is a dated round: ``wave_id`` names it and every response of the wave carries
    its date, ``on``, the day whose members the survey asks (``relational-wave-date``).
    The ``respondent`` is a member on that day; each answer is about another member then
    (``self-rating``, ``not-a-member``), at most one per organisation in a wave from one
    respondent, whose answers may come in several responses
    (``duplicate-relational-answer``).
    """

    TAG: ClassVar[str] = "relational-response-recorded"

    on: date = attrs.field(converter=fields.on_date)
    wave_id: str = attrs.field(converter=_wave_id)
    respondent: str = attrs.field(converter=_respondent)
    answers: tuple[RelationalAnswer, ...] = attrs.field(converter=_answers)

    def _apply(self, state: State) -> None:
        earlier = state.relational_waves.get(self.wave_id, ())
        if earlier and earlier[0].on != self.on:
            raise RuleViolationError(
                "on",
                self.on.isoformat(),
                f"wave {self.wave_id} is dated {earlier[0].on.isoformat()}; every response "
                "of a wave carries its date (record a new wave under a new id)",
                code="relational-wave-date",
            )
        self._member(state, "respondent", self.respondent)
        answered = {a.about for r in earlier if r.respondent == self.respondent for a in r.answers}
        for i, a in enumerate(self.answers):
            field = f"answers[{i}].about"
            if a.about == self.respondent:
                raise RuleViolationError(
                    field,
                    a.about,
                    "is the respondent; a relational survey asks about the other members",
                    code="self-rating",
                )
            self._member(state, field, a.about)
            if a.about in answered:
                raise RuleViolationError(
                    field,
                    a.about,
                    f"{state.name_of(self.respondent)} has already answered about "
                    f"{state.name_of(a.about)} in wave {self.wave_id}; one answer each",
                    code="duplicate-relational-answer",
                )
            answered.add(a.about)
        state.relational_waves = state.put(state.relational_waves, self.wave_id, (*earlier, self))

    @staticmethod
    def _member(state: State, field: str, partner_id: str) -> None:
        state.known(field, partner_id)
        if partner_id not in state.memberships:
            raise RuleViolationError(
                field,
                partner_id,
                f"{state.name_of(partner_id)} is not a member now; a relational survey asks "
                "the members about each other",
                code="not-a-member",
            )
