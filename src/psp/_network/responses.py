"""A survey recorded respondent by respondent, in dated waves (issue 19, item 1).

A :class:`RespondentSurvey` holds its statements (as :class:`psp.Survey` does, themes
open), the :class:`psp.Scale` they were answered on, its :class:`Respondent` s (each
attribute optional, so an anonymous answer is allowed), its :class:`Wave` s (dated
rounds) and each respondent's :class:`Reply` in a wave. Every result is counted from
the replies: a :class:`psp.Distribution` per statement, breakdowns by any attribute
of the respondents, change between two waves over the respondents common to both,
and, on a five-point scale, the totals-only :class:`psp.Survey` of a wave.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal, TypeAlias, TypedDict

import attrs

from psp._base import checks as _checks
from psp._base import pickling as _pickling
from psp._base.errors import InvalidValueError, UnknownReferenceError
from psp._base.roles import Role, RoleName
from psp._network.scales import Distribution, Scale, _sequence
from psp._network.survey import Statement, Survey, Tally
from psp._partners.organisation import Sector, SectorName

__all__ = ["Reply", "Respondent", "RespondentSurvey", "ResponseRow", "Wave"]

#: The attributes of a :class:`Respondent` a breakdown groups by.
_Attribute: TypeAlias = Literal["organisation", "sector", "partnership", "role"]
_ATTRIBUTES: tuple[_Attribute, ...] = ("organisation", "sector", "partnership", "role")
#: The key, in :meth:`RespondentSurvey.likert_counts`, of those who did not give the attribute.
NOT_GIVEN = "not given"


def _respondent_id(value: str) -> str:
    return _checks.an_id("id", value)


def _organisation(value: str | None) -> str | None:
    return _checks.optional_id("organisation", value)


def _partnership(value: str | None) -> str | None:
    return _checks.optional_id("partnership", value)


def _sector(value: Sector | SectorName | None) -> Sector | None:
    return None if value is None else _checks.member_of(Sector, "sector", value)


def _role(value: Role | RoleName | None) -> Role | None:
    return None if value is None else _checks.member_of(Role, "role", value)


@attrs.frozen
class Respondent:
    """Someone who answered: an ``id`` (opaque, if the survey is anonymous) and, each
    only if known, their ``organisation`` and its ``sector``, the ``partnership`` they
    answered about, and their ``role`` in it."""

    id: str = attrs.field(converter=_respondent_id)
    organisation: str | None = attrs.field(default=None, converter=_organisation, kw_only=True)
    sector: Sector | None = attrs.field(default=None, converter=_sector, kw_only=True)
    partnership: str | None = attrs.field(default=None, converter=_partnership, kw_only=True)
    role: Role | None = attrs.field(default=None, converter=_role, kw_only=True)


def _wave_id(value: str) -> str:
    return _checks.an_id("id", value)


def _on(value: date) -> date:
    return _checks.a_date("on", value)


def _note(value: str) -> str:
    return _checks.free_text("note", value)


@attrs.frozen
class Wave:
    """A round of the survey: its ``id``, the date it closed (``on``) and a ``note``
    (what the round was, or that it is illustrative)."""

    id: str = attrs.field(converter=_wave_id)
    on: date = attrs.field(converter=_on)
    note: str = attrs.field(default="", converter=_note, kw_only=True)


def _reply_respondent(value: str) -> str:
    return _checks.an_id("respondent", value)


def _reply_wave(value: str) -> str:
    return _checks.an_id("wave", value)


def _answers(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            "answers", value, "must map statement ids to answers", code="not-a-collection"
        )
    return MappingProxyType(
        {_checks.an_id("answers", k): _checks.an_id(f"answers[{k!r}]", v) for k, v in value.items()}
    )


@attrs.frozen
class Reply:
    """One respondent's answers in one wave: each statement they answered, by id, with
    their answer (a point of the survey's scale, or its "don't know")."""

    respondent: str = attrs.field(converter=_reply_respondent)
    wave: str = attrs.field(converter=_reply_wave)
    answers: Mapping[str, str] = attrs.field(converter=_answers)

    def __hash__(self) -> int:
        return hash((self.respondent, self.wave, tuple(sorted(self.answers.items()))))

    __copy__ = _pickling.itself
    __deepcopy__ = _pickling.itself_deep

    def __reduce__(self) -> tuple[Any, ...]:
        # A read-only mapping cannot be pickled: a dict stands in for it.
        return _pickling.by_arguments(self, answers=dict(self.answers))


class ResponseRow(TypedDict):
    """One answer of :meth:`RespondentSurvey.rows`: the wave and its date, the respondent
    and their attributes (``None`` where not given), the statement and its theme, the
    answer and its score (``None`` for "don't know")."""

    survey: str
    wave: str
    on: date
    respondent: str
    organisation: str | None
    sector: str | None
    partnership: str | None
    role: str | None
    statement: str
    theme: str
    answer: str
    score: int | None


def _survey_id(value: str) -> str:
    return _checks.an_id("id", value)


def _survey_name(value: str) -> str:
    return _checks.text("name", value)


def _typed(field: str, cls: type[Any], value: Iterable[Any]) -> tuple[Any, ...]:
    items = _sequence(field, value, f"{cls.__name__} values")
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise InvalidValueError(
                f"{field}[{i}]", item, f"must be a {cls.__name__}", code="wrong-type"
            )
    return items


def _statements(value: Iterable[Statement]) -> tuple[Statement, ...]:
    return _typed("statements", Statement, value)


def _respondents(value: Iterable[Respondent]) -> tuple[Respondent, ...]:
    return _typed("respondents", Respondent, value)


def _waves(value: Iterable[Wave]) -> tuple[Wave, ...]:
    return _typed("waves", Wave, value)


def _replies(value: Iterable[Reply]) -> tuple[Reply, ...]:
    return _typed("replies", Reply, value)


def _check_scale(instance: RespondentSurvey, attribute: attrs.Attribute[Scale], value: Any) -> None:
    if not isinstance(value, Scale):
        raise InvalidValueError("scale", value, "must be a Scale", code="wrong-type")


def _unique(field: str, ids: Iterable[str]) -> None:
    seen: dict[str, int] = {}
    for i, x in enumerate(ids):
        if x in seen:
            raise InvalidValueError(
                f"{field}[{i}]", x, f"is already {field}[{seen[x]}]", code="duplicate"
            )
        seen[x] = i


@attrs.frozen(repr=False)
class RespondentSurvey:
    """A survey recorded by respondent: statements, the scale, respondents, waves and
    every reply. Waves are in date order, no two on one day; each respondent replies
    at most once a wave, to statements of the survey, with answers of its scale.
    Statements carry no tally (the replies give it: :meth:`tally`).

    Where a method takes ``wave``, ``None`` is the latest wave.

    >>> s = RespondentSurvey(
    ...     "pulse",
    ...     "A pulse survey",
    ...     [Statement("trust", "trust", "There is trust among partners")],
    ...     respondents=[Respondent("r1", sector="third"), Respondent("r2", sector="public")],
    ...     waves=[Wave("y1", date(2013, 3, 1))],
    ...     replies=[
    ...         Reply("r1", "y1", {"trust": "agree"}),
    ...         Reply("r2", "y1", {"trust": "neither"}),
    ...     ],
    ... )
    >>> d = s.distribution("trust")
    >>> d.counts, str(d.agreement()), d.mean()
    ((0, 0, 1, 1, 0), '50% (1 of 2)', Fraction(7, 2))
    >>> s.likert_counts("trust", by="sector")
    {'public': (0, 0, 1, 0, 0), 'third': (0, 0, 0, 1, 0)}
    """

    id: str = attrs.field(converter=_survey_id)
    name: str = attrs.field(converter=_survey_name)
    statements: tuple[Statement, ...] = attrs.field(default=(), converter=_statements)
    scale: Scale = attrs.field(factory=Scale.five_point, validator=_check_scale, kw_only=True)
    respondents: tuple[Respondent, ...] = attrs.field(
        default=(), converter=_respondents, kw_only=True
    )
    waves: tuple[Wave, ...] = attrs.field(default=(), converter=_waves, kw_only=True)
    replies: tuple[Reply, ...] = attrs.field(default=(), converter=_replies, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _unique("statements", (s.id for s in self.statements))
        for i, s in enumerate(self.statements):
            if s.tally != Tally():
                raise InvalidValueError(
                    f"statements[{i}].tally",
                    s.tally,
                    "must be empty: the replies give the counts",
                    code="conflicting-fields",
                )
        _unique("respondents", (r.id for r in self.respondents))
        _unique("waves", (w.id for w in self.waves))
        for i in range(1, len(self.waves)):
            if self.waves[i].on <= self.waves[i - 1].on:
                raise InvalidValueError(
                    f"waves[{i}].on",
                    self.waves[i].on,
                    f"must be after the wave before it ({self.waves[i - 1].on})",
                    code="not-increasing",
                )
        first: dict[tuple[str, str], int] = {}
        for i, reply in enumerate(self.replies):
            j = first.setdefault((reply.respondent, reply.wave), i)
            if j != i:
                raise InvalidValueError(
                    f"replies[{i}]",
                    reply.respondent,
                    f"is a second reply of this respondent in wave {reply.wave} (replies[{j}])",
                    code="duplicate",
                )
        lists = {
            "respondent": {r.id for r in self.respondents},
            "wave": {w.id for w in self.waves},
        }
        statements = {s.id for s in self.statements}
        answers = set(self.scale.answers)
        for i, reply in enumerate(self.replies):
            for field, known in lists.items():
                if getattr(reply, field) not in known:
                    raise InvalidValueError(
                        f"replies[{i}].{field}",
                        getattr(reply, field),
                        f"is not a {field} of the survey",
                        code="not-listed",
                    )
            for sid, answer in reply.answers.items():
                if sid not in statements:
                    raise InvalidValueError(
                        f"replies[{i}].answers",
                        sid,
                        "is not a statement of the survey",
                        code="not-listed",
                    )
                if answer not in answers:
                    raise InvalidValueError(
                        f"replies[{i}].answers[{sid!r}]",
                        answer,
                        f"is not an answer of the scale: {', '.join(self.scale.answers)}",
                        code="not-listed",
                    )

    def __repr__(self) -> str:
        return (
            f"<RespondentSurvey {self.id!r} {self.name!r}: {len(self.statements)} statements, "
            f"{len(self.respondents)} respondents, {len(self.waves)} waves>"
        )

    def wave(self, wave_id: str | None = None) -> Wave:
        """The wave with this id (the latest if ``None``); :class:`psp.UnknownReferenceError`
        if there is none."""
        if wave_id is None:
            if self.waves:
                return self.waves[-1]
        else:
            for w in self.waves:
                if w.id == wave_id:
                    return w
        reason = "is not a wave of this survey" if self.waves else "the survey has no waves"
        raise UnknownReferenceError("wave", wave_id, reason, code="unknown-wave")

    def _statement(self, statement_id: str) -> None:
        if not any(s.id == statement_id for s in self.statements):
            raise UnknownReferenceError(
                "statement_id",
                statement_id,
                "is not a statement of this survey",
                code="unknown-statement",
            )

    def _answers(self, statement_id: str, wave_id: str | None) -> dict[str, str]:
        """Each respondent's answer to the statement in the wave, by respondent id."""
        self._statement(statement_id)
        wave = self.wave(wave_id).id
        return {
            r.respondent: r.answers[statement_id]
            for r in self.replies
            if r.wave == wave and statement_id in r.answers
        }

    def _distribution(self, answers: Iterable[str]) -> Distribution:
        counted = dict.fromkeys(self.scale.answers, 0)
        for a in answers:
            counted[a] += 1
        points = tuple(counted[p] for p in self.scale.points)
        return Distribution(self.scale, points, dont_know=sum(counted.values()) - sum(points))

    def distribution(self, statement_id: str, *, wave: str | None = None) -> Distribution:
        """The answers to a statement in a wave, counted on the survey's scale."""
        return self._distribution(self._answers(statement_id, wave).values())

    def tally(self, statement_id: str, *, wave: str | None = None) -> Tally:
        """The :class:`psp.Tally` of a statement in a wave (a five-point scale only)."""
        return self.distribution(statement_id, wave=wave).tally()

    def totals(self, *, wave: str | None = None) -> Survey:
        """The wave as a totals-only :class:`psp.Survey` (a five-point scale only): each
        statement with its tally, and as respondents everyone who replied in the wave,
        so :meth:`psp.Survey.results` and :meth:`psp.Survey.below` follow."""
        on = self.wave(wave).id
        replied = sum(1 for r in self.replies if r.wave == on)
        return Survey(
            self.id,
            self.name,
            [attrs.evolve(s, tally=self.tally(s.id, wave=on)) for s in self.statements],
            respondents=replied or None,
        )

    def _group(self, by: str) -> dict[str, str | None]:
        if by not in _ATTRIBUTES:
            raise InvalidValueError(
                "by",
                by,
                f"is not a respondent attribute; expected one of: {', '.join(_ATTRIBUTES)}",
                code="unknown-choice",
            )
        return {r.id: _plain(getattr(r, by)) for r in self.respondents}

    def breakdown(
        self, statement_id: str, by: _Attribute, *, wave: str | None = None
    ) -> dict[str | None, Distribution]:
        """The answers to a statement in a wave, by a respondent attribute: one
        :class:`psp.Distribution` per value among those who answered (``None`` for
        those who did not give it, last; the others in sorted order). Everyone is in
        one group, so the groups' counts sum to :meth:`distribution`'s."""
        groups = self._group(by)
        found: dict[str | None, list[str]] = {}
        for rid, answer in self._answers(statement_id, wave).items():
            found.setdefault(groups[rid], []).append(answer)
        order = sorted(found, key=lambda k: (k is None, k or ""))
        return {k: self._distribution(found[k]) for k in order}

    def change(
        self, statement_id: str, first: str, second: str
    ) -> tuple[Distribution, Distribution]:
        """A statement's answers in two waves, of the respondents who answered it in
        both (and only them): like is compared with like, so someone who answered in
        one wave only changes neither. Compare their shares, means and medians."""
        before = self._answers(statement_id, first)
        after = self._answers(statement_id, second)
        common = [rid for rid in before if rid in after]
        return (
            self._distribution(before[rid] for rid in common),
            self._distribution(after[rid] for rid in common),
        )

    def likert_counts(
        self,
        statement_id: str | None = None,
        *,
        by: _Attribute | Literal["wave"] | None = None,
        wave: str | None = None,
    ) -> dict[str, tuple[int, ...]]:
        """Counts per point of the scale, in the scale's order ("don't know" left
        out), for a diverging stacked bar (``psp.plotting.draw_likert`` takes them with
        ``scale.points`` as labels): without a statement, one entry per statement of
        the wave; with one, one per group of ``by`` (:meth:`breakdown`; those who did
        not give the attribute under ``"not given"``), or one per wave with
        ``by="wave"`` (``wave`` is then not taken)."""
        if statement_id is None:
            if by is not None:
                raise InvalidValueError(
                    "by", by, "needs a statement to break down", code="conflicting-fields"
                )
            return {s.id: self.distribution(s.id, wave=wave).counts for s in self.statements}
        if by == "wave":
            if wave is not None:
                raise InvalidValueError(
                    "wave", wave, "is not taken with by='wave'", code="conflicting-fields"
                )
            return {w.id: self.distribution(statement_id, wave=w.id).counts for w in self.waves}
        if by is None:
            return {statement_id: self.distribution(statement_id, wave=wave).counts}
        return {
            NOT_GIVEN if k is None else k: d.counts
            for k, d in self.breakdown(statement_id, by, wave=wave).items()
        }

    def rows(self) -> list[ResponseRow]:
        """Every answer as a row of plain values, wave by wave, reply by reply, in
        statement order: ready for ``pandas.DataFrame(rows)``."""
        who = {r.id: r for r in self.respondents}
        rows: list[ResponseRow] = []
        for w in self.waves:
            for reply in self.replies:
                if reply.wave != w.id:
                    continue
                r = who[reply.respondent]
                for s in self.statements:
                    answer = reply.answers.get(s.id)
                    if answer is None:
                        continue
                    rows.append(
                        {
                            "survey": self.id,
                            "wave": w.id,
                            "on": w.on,
                            "respondent": r.id,
                            "organisation": r.organisation,
                            "sector": _plain(r.sector),
                            "partnership": r.partnership,
                            "role": _plain(r.role),
                            "statement": s.id,
                            "theme": str.__str__(s.theme),
                            "answer": answer,
                            "score": self.scale.score(answer)
                            if answer in self.scale.points
                            else None,
                        }
                    )
        return rows


def _plain(value: str | None) -> str | None:
    return None if value is None else str.__str__(value)
