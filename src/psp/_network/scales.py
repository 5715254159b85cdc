"""Likert scales of any length and the answers to one statement counted on them.

A :class:`Scale` is its points in order (lowest first), the score of each, which point
is neutral, and the label of "don't know", which is counted but never scored. A
:class:`Distribution` is how many gave each point (and "don't know"): its shares, with
their counts, and its exact mean and median scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from psp._base import checks as _checks
from psp._base.errors import InvalidValueError, RuleViolationError
from psp._network.survey import Response, Share, Tally

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = ["Distribution", "Scale"]

#: The fewest and most points a scale takes (a 0 to 100 scale has 101).
_MIN_POINTS, _MAX_POINTS = 2, 101
#: The five points of psp's agreement scale, lowest first: the values of :class:`Response`.
_FIVE = tuple(r.value for r in Response if r is not Response.DONT_KNOW)


def _sequence(field: str, value: Iterable[Any], what: str) -> tuple[Any, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            field, value, f"must be a sequence of {what}", code="not-a-collection"
        )
    return tuple(value)


def _points(value: Iterable[str]) -> tuple[str, ...]:
    items = tuple(
        _checks.an_id(f"points[{i}]", p) for i, p in enumerate(_sequence("points", value, "labels"))
    )
    if not _MIN_POINTS <= len(items) <= _MAX_POINTS:
        raise InvalidValueError(
            "points",
            len(items),
            f"must hold from {_MIN_POINTS} to {_MAX_POINTS} points",
            code="wrong-length",
        )
    for i, p in enumerate(items):
        if p in items[:i]:
            raise InvalidValueError(
                f"points[{i}]", p, "is already a point of the scale", code="duplicate"
            )
    return items


def _scores(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(
        _checks.whole(f"scores[{i}]", s, -_checks.MAX_COUNT, _checks.MAX_COUNT)
        for i, s in enumerate(_sequence("scores", value, "whole numbers"))
    )


def _default_scores(scale: Scale) -> tuple[int, ...]:
    return tuple(range(1, len(scale.points) + 1))


def _default_neutral(scale: Scale) -> str | None:
    n = len(scale.points)
    return scale.points[n // 2] if n % 2 else None


def _neutral(value: str | None) -> str | None:
    return _checks.optional_id("neutral", value)


def _dont_know(value: str | None) -> str | None:
    return _checks.optional_id("dont_know", value)


@attrs.frozen
class Scale:
    """A Likert scale: its ``points`` in order, lowest first, each a label (an id).

    Scoring: ``scores`` gives each point its score, increasing from the first point
    (1 to the number of points unless given). ``neutral`` is the point that neither
    agrees nor disagrees: the middle point of a scale of odd length unless given, and
    none on a scale of even length. Agreement is every point after the neutral point,
    disagreement every point before it; a scale without one splits into its lower and
    upper halves. ``dont_know`` is the label of "don't know" (``None`` if the survey did
    not offer it): an answer that is counted among the respondents but has no score,
    so it is left out of every mean and median.

    >>> s = Scale(["never", "rarely", "sometimes", "often"], scores=[0, 1, 2, 3])
    >>> s.neutral is None, s.disagreeing, s.agreeing
    (True, ('never', 'rarely'), ('sometimes', 'often'))
    >>> Scale.five_point().points
    ('strongly-disagree', 'disagree', 'neither', 'agree', 'strongly-agree')
    """

    points: tuple[str, ...] = attrs.field(converter=_points)
    scores: tuple[int, ...] = attrs.field(
        default=attrs.Factory(_default_scores, takes_self=True), converter=_scores, kw_only=True
    )
    neutral: str | None = attrs.field(
        default=attrs.Factory(_default_neutral, takes_self=True), converter=_neutral, kw_only=True
    )
    dont_know: str | None = attrs.field(default="dont-know", converter=_dont_know, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if len(self.scores) != len(self.points):
            raise InvalidValueError(
                "scores",
                len(self.scores),
                f"must give one score to each of the {len(self.points)} points",
                code="wrong-length",
            )
        for i in range(1, len(self.scores)):
            if self.scores[i] <= self.scores[i - 1]:
                raise InvalidValueError(
                    f"scores[{i}]",
                    self.scores[i],
                    f"must be more than the score before it ({self.scores[i - 1]})",
                    code="not-increasing",
                )
        if self.neutral is not None and self.neutral not in self.points:
            raise InvalidValueError(
                "neutral", self.neutral, "is not a point of the scale", code="not-listed"
            )
        if self.neutral is None and len(self.points) % 2:
            raise InvalidValueError(
                "neutral",
                None,
                "must name the neutral point of a scale of an odd number of points",
                code="conflicting-fields",
            )
        if self.dont_know is not None and self.dont_know in self.points:
            raise InvalidValueError(
                "dont_know",
                self.dont_know,
                "is a point of the scale, so it would be scored",
                code="conflicting-fields",
            )

    @classmethod
    def five_point(cls) -> Scale:
        """The five-point agreement scale of :class:`psp.Response`, scored 1 to 5,
        ``neither`` neutral, with ``dont-know``: the scale of a :class:`psp.Tally`."""
        return cls(_FIVE)

    @property
    def disagreeing(self) -> tuple[str, ...]:
        """The points before the neutral point (or in the lower half)."""
        return self.points[: self._middle()[0]]

    @property
    def agreeing(self) -> tuple[str, ...]:
        """The points after the neutral point (or in the upper half)."""
        return self.points[self._middle()[1] :]

    @property
    def answers(self) -> tuple[str, ...]:
        """Every answer the scale takes: its points, then "don't know" if offered."""
        return self.points if self.dont_know is None else (*self.points, self.dont_know)

    def _middle(self) -> tuple[int, int]:
        if self.neutral is None:
            half = len(self.points) // 2
            return half, half
        at = self.points.index(self.neutral)
        return at, at + 1

    def score(self, point: str) -> int:
        """The score of ``point``; "don't know" and labels off the scale are refused."""
        if point not in self.points:
            raise InvalidValueError(
                "point", point, "is not a point of the scale", code="not-listed"
            )
        return self.scores[self.points.index(point)]


def _counts(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(
        _checks.whole(f"counts[{i}]", c, 0, _checks.MAX_COUNT)
        for i, c in enumerate(_sequence("counts", value, "whole numbers"))
    )


def _dont_know_count(value: int) -> int:
    return _checks.whole("dont_know", value, 0, _checks.MAX_COUNT)


def _check_scale(instance: Distribution, attribute: attrs.Attribute[Scale], value: Any) -> None:
    if not isinstance(value, Scale):
        raise InvalidValueError("scale", value, "must be a Scale", code="wrong-type")


@attrs.frozen
class Distribution:
    """How many answered one statement with each point of a :class:`Scale`
    (``counts``, in the scale's order) and with "don't know" (``dont_know``).

    Shares are of everyone counted, "don't know" included, unless
    ``exclude_dont_know`` is given, as :meth:`psp.Tally.share` takes them. The mean and
    median are exact, of the scored answers only (never "don't know").

    >>> d = Distribution(Scale.five_point(), [1, 2, 3, 4, 0], dont_know=2)
    >>> d.respondents, str(d.agreement()), d.mean(), d.median()
    (12, '33% (4 of 12)', Fraction(3, 1), Fraction(3, 1))
    """

    scale: Scale = attrs.field(validator=_check_scale)
    counts: tuple[int, ...] = attrs.field(converter=_counts)
    dont_know: int = attrs.field(default=0, converter=_dont_know_count, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if len(self.counts) != len(self.scale.points):
            raise InvalidValueError(
                "counts",
                len(self.counts),
                f"must give a count for each of the scale's {len(self.scale.points)} points",
                code="wrong-length",
            )
        if self.dont_know and self.scale.dont_know is None:
            raise InvalidValueError(
                "dont_know",
                self.dont_know,
                "cannot be counted on a scale without it",
                code="conflicting-fields",
            )

    @property
    def respondents(self) -> int:
        """How many answered, "don't know" included."""
        return sum(self.counts) + self.dont_know

    @property
    def scored(self) -> int:
        """How many gave a point of the scale (everyone but "don't know")."""
        return sum(self.counts)

    def count(self, *answers: str) -> int:
        """How many gave any of ``answers`` (points, or the scale's "don't know")."""
        chosen = set()
        for i, a in enumerate(answers):
            if a not in self.scale.answers:
                raise InvalidValueError(
                    f"answers[{i}]",
                    a,
                    f"is not an answer of the scale: {', '.join(self.scale.answers)}",
                    code="not-listed",
                )
            chosen.add(a)
        total = sum(n for p, n in zip(self.scale.points, self.counts, strict=True) if p in chosen)
        return total + (self.dont_know if self.scale.dont_know in chosen else 0)

    def share(self, *answers: str, exclude_dont_know: bool = False) -> Share:
        """The share who gave any of ``answers``; refused, as :meth:`psp.Tally.share`
        refuses, when nobody is left to take it of."""
        _checks.a_bool("exclude_dont_know", exclude_dont_know)
        count = self.count(*answers)
        if exclude_dont_know and self.scale.dont_know in answers:
            raise InvalidValueError(
                "answers",
                self.scale.dont_know,
                "cannot be counted once it is excluded",
                code="conflicting-fields",
            )
        total = self.scored if exclude_dont_know else self.respondents
        if total == 0:
            raise _nobody("share")
        return Share(count, total)

    def agreement(self, *, exclude_dont_know: bool = False) -> Share:
        """The share who gave a point after the neutral one (:attr:`Scale.agreeing`)."""
        return self.share(*self.scale.agreeing, exclude_dont_know=exclude_dont_know)

    def neutrality(self, *, exclude_dont_know: bool = False) -> Share:
        """The share who gave the neutral point (none, on a scale without one)."""
        neutral = () if self.scale.neutral is None else (self.scale.neutral,)
        return self.share(*neutral, exclude_dont_know=exclude_dont_know)

    def disagreement(self, *, exclude_dont_know: bool = False) -> Share:
        """The share who gave a point before the neutral one (:attr:`Scale.disagreeing`)."""
        return self.share(*self.scale.disagreeing, exclude_dont_know=exclude_dont_know)

    def mean(self) -> Fraction:
        """The exact mean score of the scored answers; refused if there are none."""
        from fractions import Fraction

        if not self.scored:
            raise _nobody("mean")
        total = sum(s * n for s, n in zip(self.scale.scores, self.counts, strict=True))
        return Fraction(total, self.scored)

    def median(self) -> Fraction:
        """The exact median score of the scored answers: the middle one, or the mean of
        the two middle ones when there is an even number; refused if there are none."""
        from fractions import Fraction

        n = self.scored
        if not n:
            raise _nobody("median")
        low, high = (n - 1) // 2, n // 2  # the middle positions, counted from 0
        found: list[int] = []
        seen = 0
        for score, count in zip(self.scale.scores, self.counts, strict=True):
            seen += count
            while len(found) < 2 and seen > (low, high)[len(found)]:
                found.append(score)
        return Fraction(found[0] + found[1], 2)

    def tally(self) -> Tally:
        """The same counts as a :class:`psp.Tally`, on a five-point scale whose
        neutral point is its middle one (points in order: strongly disagree to strongly
        agree); any other scale is refused (:class:`psp.RuleViolationError`)."""
        if len(self.counts) != len(_FIVE) or self.scale.neutral != self.scale.points[2]:
            raise RuleViolationError(
                "scale",
                self.scale.points,
                "a Tally counts a five-point scale whose neutral point is its middle one",
                code="not-five-point",
            )
        sd, d, n, a, sa = self.counts
        return Tally(
            strongly_disagree=sd,
            disagree=d,
            neither=n,
            agree=a,
            strongly_agree=sa,
            dont_know=self.dont_know,
        )


def _nobody(what: str) -> RuleViolationError:
    scored = "" if what == "share" else " with a point of the scale"
    return RuleViolationError(
        "answers",
        None,
        f"nobody answered the statement{scored}; there is no {what} to take",
        code="no-answers",
    )
