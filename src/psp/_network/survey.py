"""A partnership survey: statements on a Likert scale, tallied, and their shares (3.3-3.33).

The RRCF evaluation's PSP survey asked partners how far they agreed with statements
about the partners, meetings, governance, vision, roles, trust, equality and learning,
and reported each as the share of respondents who agreed ("right partners 84%").
Here a :class:`Survey` holds :class:`Statement` s, each with the :class:`Tally` of its
answers, and every share is computed from the counts.

Shares are exact (:class:`fractions.Fraction`) and come with their counts; a share's
whole percentage is rounded half up from the exact value, each share on its own, so
the percentages of one statement need not sum to 100 while its counts always sum to
its respondents.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError, UnknownReferenceError
from psp._base.shares import Share  # moved to _base (budgets share it); pickles name it here
from psp._base.vocabulary import Term, term_of

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "Response",
    "ResponseName",
    "Share",
    "Statement",
    "Survey",
    "Tally",
    "Theme",
    "ThemeName",
]

Row = dict[str, Any]


class Theme(enum.StrEnum):
    """What a survey statement is about, as chapter 3 of the evaluation groups them.

    A survey whose sections differ ("set up", "impact") gives its statements themes of
    its own, :class:`psp.Term` s such as ``evaluation:set-up`` (docs/vocabularies.md).
    """

    PARTNERS = "partners"  #: the right partners (3.3)
    MEETINGS = "meetings"  #: open meetings, a firm agenda, minutes (3.13-3.14)
    GOVERNANCE = "governance"  #: strong, accountable governance; information shared (3.14)
    VISION = "vision"  #: a clear, shared vision and purpose (3.15)
    ROLES = "roles"  #: clear roles that build on partners' strengths (3.18)
    TRUST = "trust"  #: trust among partners (3.24)
    EQUALITY = "equality"  #: partners treated equally, support for equality (3.27)
    LEARNING = "learning"  #: capturing and applying learning (3.33)


#: The values of :class:`Theme`, for text that names a theme.
ThemeName: TypeAlias = Literal[
    "partners",
    "meetings",
    "governance",
    "vision",
    "roles",
    "trust",
    "equality",
    "learning",
]


class Response(enum.StrEnum):
    """An answer to a statement: a five-point Likert scale, and "don't know".

    The evaluation reports agreement "of respondents" and does not say whether its
    survey offered "don't know"; it is here so a survey that did can be recorded, and
    shares can be taken with or without it (see :meth:`Tally.share`).

    ``neither`` is the answer's one name, as the :class:`Tally` field and the results
    column are named; the text earlier versions gave it, ``neither-agree-nor-disagree``,
    is still read as it.
    """

    STRONGLY_DISAGREE = "strongly-disagree"
    DISAGREE = "disagree"
    NEITHER = "neither"
    AGREE = "agree"
    STRONGLY_AGREE = "strongly-agree"
    DONT_KNOW = "dont-know"

    @classmethod
    def _missing_(cls, value: object) -> Response | None:
        # Read, never written: what psp called "neither" before issue 19.
        return cls.NEITHER if value == "neither-agree-nor-disagree" else None


#: The values of :class:`Response`, for text that names a response.
ResponseName: TypeAlias = Literal[
    "strongly-disagree",
    "disagree",
    "neither",
    "agree",
    "strongly-agree",
    "dont-know",
]


#: The answers counted as agreement, neutrality and disagreement.
_AGREEMENT = (Response.AGREE, Response.STRONGLY_AGREE)
_NEUTRAL = (Response.NEITHER,)
_DISAGREEMENT = (Response.DISAGREE, Response.STRONGLY_DISAGREE)


def _whole(field: str, value: int, smallest: int) -> int:
    return _checks.whole(field, value, smallest, _checks.MAX_COUNT)


def _strongly_disagree(value: int) -> int:
    return _whole("strongly_disagree", value, 0)


def _disagree(value: int) -> int:
    return _whole("disagree", value, 0)


def _neither(value: int) -> int:
    return _whole("neither", value, 0)


def _agree(value: int) -> int:
    return _whole("agree", value, 0)


def _strongly_agree(value: int) -> int:
    return _whole("strongly_agree", value, 0)


def _dont_know(value: int) -> int:
    return _whole("dont_know", value, 0)


@attrs.frozen(kw_only=True)
class Tally:
    """How many respondents gave each answer to one statement.

    Agreement is "agree" or "strongly agree", disagreement "disagree" or "strongly
    disagree" (the evaluation's appendix puts the 14% who disagreed that partners
    were treated equally as "strongly disagree or disagree", 3.27), and "neither"
    is neutral. Shares are of everyone who answered the statement, "don't know"
    included, unless ``exclude_dont_know`` is given.

    >>> t = Tally(strongly_agree=10, agree=26, neither=12, disagree=5, strongly_disagree=3)
    >>> t.respondents, str(t.agreement()), str(t.disagreement())
    (56, '64% (36 of 56)', '14% (8 of 56)')
    """

    strongly_disagree: int = attrs.field(default=0, converter=_strongly_disagree)
    disagree: int = attrs.field(default=0, converter=_disagree)
    neither: int = attrs.field(default=0, converter=_neither)
    agree: int = attrs.field(default=0, converter=_agree)
    strongly_agree: int = attrs.field(default=0, converter=_strongly_agree)
    dont_know: int = attrs.field(default=0, converter=_dont_know)

    @classmethod
    def of(cls, answers: Iterable[Response | ResponseName]) -> Tally:
        """Count individual answers (members of :class:`Response` or their values)."""
        if isinstance(answers, str | bytes | Mapping) or not isinstance(answers, Iterable):
            raise InvalidValueError(
                "answers", answers, "must be a collection of responses", code="not-a-collection"
            )
        counts = dict.fromkeys(Response, 0)
        for i, answer in enumerate(answers):
            counts[_checks.member_of(Response, f"answers[{i}]", answer)] += 1
        return cls(**{r.name.lower(): n for r, n in counts.items()})

    def count(self, *responses: Response | ResponseName) -> int:
        """How many gave any of ``responses``."""
        chosen = {
            _checks.member_of(Response, f"responses[{i}]", r) for i, r in enumerate(responses)
        }
        return sum(int(getattr(self, r.name.lower())) for r in chosen)

    @property
    def respondents(self) -> int:
        """How many answered the statement, "don't know" included."""
        return self.count(*Response)

    def share(self, *responses: Response | ResponseName, exclude_dont_know: bool = False) -> Share:
        """The share of respondents who gave any of ``responses``.

        With ``exclude_dont_know``, "don't know" answers are left out of the total
        (and may not be among ``responses``). Refuses a statement nobody answered
        (:class:`psp.RuleViolationError`): no share can be taken of no one.
        """
        _checks.a_bool("exclude_dont_know", exclude_dont_know)
        count = self.count(*responses)
        total = self.respondents
        if exclude_dont_know:
            if Response.DONT_KNOW in {Response(r) for r in responses}:
                raise InvalidValueError(
                    "responses",
                    "dont-know",
                    "cannot be counted once it is excluded",
                    code="conflicting-fields",
                )
            total -= self.dont_know
        if total == 0:
            raise RuleViolationError(
                "responses",
                None,
                "nobody answered the statement; there is no share to take",
                code="no-answers",
            )
        return Share(count, total)

    def agreement(self, *, exclude_dont_know: bool = False) -> Share:
        """The share who agreed or strongly agreed."""
        return self.share(*_AGREEMENT, exclude_dont_know=exclude_dont_know)

    def neutrality(self, *, exclude_dont_know: bool = False) -> Share:
        """The share who neither agreed nor disagreed."""
        return self.share(*_NEUTRAL, exclude_dont_know=exclude_dont_know)

    def disagreement(self, *, exclude_dont_know: bool = False) -> Share:
        """The share who disagreed or strongly disagreed."""
        return self.share(*_DISAGREEMENT, exclude_dont_know=exclude_dont_know)


def _statement_id(value: str) -> str:
    return _checks.an_id("id", value)


def _theme(value: Theme | ThemeName | Term) -> Theme | Term:
    return term_of(Theme, "theme", value)


def _statement_text(value: str) -> str:
    return _checks.text("text", value)


def _check_tally(instance: Statement, attribute: attrs.Attribute[Tally], value: Any) -> None:
    if not isinstance(value, Tally):
        raise InvalidValueError("tally", value, "must be a Tally", code="wrong-type")


@attrs.frozen
class Statement:
    """A statement respondents were asked to agree or disagree with, and the
    :class:`Tally` of their answers (empty until the survey is run). ``theme`` is a
    :class:`Theme` or a :class:`psp.Term` of your own."""

    id: str = attrs.field(converter=_statement_id)
    theme: Theme | Term = attrs.field(converter=_theme)
    text: str = attrs.field(converter=_statement_text)
    tally: Tally = attrs.field(factory=Tally, validator=_check_tally)


def _survey_id(value: str) -> str:
    return _checks.an_id("id", value)


def _survey_name(value: str) -> str:
    return _checks.text("name", value)


def _statements(value: Iterable[Statement]) -> tuple[Statement, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "statements", value, "must be a sequence of statements", code="not-a-collection"
        )
    items = tuple(value)
    for i, s in enumerate(items):
        if not isinstance(s, Statement):
            raise InvalidValueError(f"statements[{i}]", s, "must be a Statement", code="wrong-type")
    return items


def _respondents(value: int | None) -> int | None:
    return None if value is None else _whole("respondents", value, 1)


@attrs.frozen(repr=False)
class Survey:
    """A survey of partners: its statements, each with its tally of answers.

    ``respondents``, when given, is how many returned the survey; a statement may
    have fewer answers (some skipped it), never more. Every share is of the people
    who answered that statement, so the totals can differ from statement to
    statement, and each share carries its own.

    >>> s = Survey("pulse", "A pulse survey", [
    ...     Statement("trust", "trust", "There is trust among partners",
    ...               Tally(agree=3, neither=1)),
    ...     Statement("equal", "equality", "Partners are treated equally",
    ...               Tally(agree=1, disagree=2)),
    ... ], respondents=4)
    >>> from fractions import Fraction
    >>> [(st.id, str(share)) for st, share in s.below(Fraction(1, 2))]
    [('equal', '33% (1 of 3)')]
    """

    id: str = attrs.field(converter=_survey_id)
    name: str = attrs.field(converter=_survey_name)
    statements: tuple[Statement, ...] = attrs.field(default=(), converter=_statements)
    respondents: int | None = attrs.field(default=None, converter=_respondents, kw_only=True)

    def __attrs_post_init__(self) -> None:
        seen: dict[str, int] = {}
        for i, s in enumerate(self.statements):
            if s.id in seen:
                raise InvalidValueError(
                    f"statements[{i}].id",
                    s.id,
                    f"is already the id of statements[{seen[s.id]}]",
                    code="duplicate",
                )
            seen[s.id] = i
            answered = s.tally.respondents
            if self.respondents is not None and answered > self.respondents:
                raise RuleViolationError(
                    f"statements[{i}].tally",
                    answered,
                    f"more answers than the survey's {self.respondents} respondents",
                    code="too-many-answers",
                )

    def __repr__(self) -> str:
        return f"<Survey {self.id!r} {self.name!r}: {len(self.statements)} statements>"

    def statement(self, statement_id: str) -> Statement:
        """The statement with this id; :class:`psp.UnknownReferenceError` if there is none."""
        for s in self.statements:
            if s.id == statement_id:
                return s
        raise UnknownReferenceError(
            "statement_id",
            statement_id,
            "is not a statement of this survey",
            code="unknown-statement",
        )

    def by_theme(self) -> dict[Theme | Term, tuple[Statement, ...]]:
        """The statements of each theme, in survey order: every built-in theme is a key,
        in :class:`Theme` order, then each theme of your own the survey uses, in the
        order first used.

        >>> s = Survey("s", "S", [Statement("a", "evaluation:impact", "It made a difference")])
        >>> {str(t): len(found) for t, found in s.by_theme().items() if found}
        {'evaluation:impact': 1}
        """
        grouped: dict[Theme | Term, list[Statement]] = {t: [] for t in Theme}
        for s in self.statements:
            grouped.setdefault(s.theme, []).append(s)
        return {t: tuple(found) for t, found in grouped.items()}

    def results(self, *, exclude_dont_know: bool = False) -> list[Row]:
        """One row per statement, in survey order, ready for ``pandas.DataFrame(rows)``.

        Each row has ``statement`` (id), ``theme`` (value), ``text``, ``respondents``
        (who answered it), the counts ``agree``, ``neither``, ``disagree`` and
        ``dont_know``, and the rounded shares ``agree_percent``, ``neither_percent``
        and ``disagree_percent`` (``None`` for a statement nobody answered).
        ``exclude_dont_know`` leaves "don't know" out of the shares' totals.
        """
        rows: list[Row] = []
        for s in self.statements:
            t = s.tally
            answered = t.respondents - (t.dont_know if exclude_dont_know else 0)
            percents: dict[str, int | None] = {}
            for key, share in (
                ("agree_percent", t.agreement),
                ("neither_percent", t.neutrality),
                ("disagree_percent", t.disagreement),
            ):
                percents[key] = (
                    share(exclude_dont_know=exclude_dont_know).percent if answered else None
                )
            rows.append(
                {
                    "statement": s.id,
                    "theme": str.__str__(s.theme),
                    "text": s.text,
                    "respondents": t.respondents,
                    "agree": t.count(*_AGREEMENT),
                    "neither": t.count(*_NEUTRAL),
                    "disagree": t.count(*_DISAGREEMENT),
                    "dont_know": t.dont_know,
                    **percents,
                }
            )
        return rows

    def below(
        self, threshold: float | Fraction, *, exclude_dont_know: bool = False
    ) -> list[tuple[Statement, Share]]:
        """The statements whose agreement is below ``threshold`` (a fraction, 0 to 1),
        each with its agreement share, lowest first (ties in survey order).

        The *exact* share is compared, not the rounded percentage: 69.6% agreement
        (70% rounded) is below 0.7. Pass a :class:`fractions.Fraction` for an exact
        threshold. Statements nobody answered are left out.
        """
        from fractions import Fraction

        if (
            isinstance(threshold, bool)
            or not isinstance(threshold, int | float | Fraction)
            or not 0 <= threshold <= 1
        ):
            raise InvalidValueError(
                "threshold", threshold, "must be a number from 0 to 1", code="out-of-range"
            )
        found = []
        for s in self.statements:
            answered = s.tally.respondents - (s.tally.dont_know if exclude_dont_know else 0)
            if not answered:
                continue
            share = s.tally.agreement(exclude_dont_know=exclude_dont_know)
            if share.fraction < threshold:
                found.append((s, share))
        return sorted(found, key=lambda pair: pair[1].fraction)
