"""Surveys of a partnership: the ``tallies``, ``statements`` and ``surveys`` strategies,
and the respondent-level ``scales``, ``distributions``, ``respondents`` and
``respondent_surveys``."""

from __future__ import annotations

from hypothesis import strategies as st

from psp._base.roles import Role
from psp._network.responses import Reply, Respondent, RespondentSurvey, Wave
from psp._network.scales import Distribution, Scale
from psp._network.survey import Statement, Survey, Tally, Theme
from psp._partners.organisation import Sector
from psp.testing._values import _NAMES, _SLUGS, _TERMS, dates

_ANSWER_COUNTS = st.integers(0, 60)
_DONT_KNOW_COUNTS = st.just(0) | st.integers(0, 6)  # most surveys record none
_TALLIES = st.builds(
    Tally,
    strongly_disagree=_ANSWER_COUNTS,
    disagree=_ANSWER_COUNTS,
    neither=_ANSWER_COUNTS,
    agree=_ANSWER_COUNTS,
    strongly_agree=_ANSWER_COUNTS,
    dont_know=_DONT_KNOW_COUNTS,
)
_THEMES = st.sampled_from(Theme) | _TERMS
_STATEMENTS = st.builds(Statement, _SLUGS, _THEMES, _NAMES, _TALLIES)
_UNTALLIED = st.builds(Statement, _SLUGS, _THEMES, _NAMES)  # a respondent survey's
_SKIPPED = st.none() | st.integers(0, 10)  # respondents who skipped the most-skipped statement


def tallies() -> st.SearchStrategy[Tally]:
    """Tallies of up to 60 answers of each kind, empty ones included."""
    return _TALLIES


def statements() -> st.SearchStrategy[Statement]:
    """Survey statements of any theme, built-in or of your own, each with a tally."""
    return _STATEMENTS


@st.composite
def _survey(draw: st.DrawFn, max_statements: int) -> Survey:
    items = draw(st.lists(_STATEMENTS, max_size=max_statements, unique_by=lambda s: s.id))
    skipped = draw(_SKIPPED)
    most = max((s.tally.respondents for s in items), default=0)
    return Survey(
        draw(_SLUGS),
        draw(_NAMES),
        items,
        respondents=None if skipped is None else max(most + skipped, 1),
    )


def surveys(max_statements: int = 8) -> st.SearchStrategy[Survey]:
    """Valid surveys of up to ``max_statements`` statements with unique ids; when the
    number of respondents is given, no statement has more answers."""
    return _survey(max_statements)


# -- respondent-level surveys (issue 19) --------------------------------------------

#: Labels of points: a fixed pool is far cheaper to draw than slugs, and a scale's
#: labels are any ids (the slugs of statements and surveys test the id grammar).
_POINT_POOL = ("none", "low", "some", "mid", "fair", "good", "high", "top", "a-1", "b.2")
_POINT_LABELS = st.lists(st.sampled_from(_POINT_POOL), min_size=2, max_size=7, unique=True)


@st.composite
def _scale(draw: st.DrawFn) -> Scale:
    points = draw(_POINT_LABELS)
    if draw(st.booleans()):
        return Scale.five_point()
    steps = draw(st.lists(st.integers(1, 3), min_size=len(points), max_size=len(points)))
    start = draw(st.integers(-3, 1))
    scores = [start + sum(steps[:i]) for i in range(len(points))]
    neutral = (
        draw(st.sampled_from(points))
        if len(points) % 2
        else draw(st.none() | st.sampled_from(points))
    )
    dont_know = draw(st.none() | st.just("dont-know"))
    return Scale(points, scores=scores, neutral=neutral, dont_know=dont_know)


def scales() -> st.SearchStrategy[Scale]:
    """Likert scales of 2 to 7 points (the five-point one often), with increasing
    scores, a neutral point (on every odd scale), with or without "don't know"."""
    return _scale()


@st.composite
def _distribution(draw: st.DrawFn) -> Distribution:
    scale = draw(_scale())
    counts = draw(st.lists(_ANSWER_COUNTS, min_size=len(scale.points), max_size=len(scale.points)))
    dont_know = 0 if scale.dont_know is None else draw(_DONT_KNOW_COUNTS)
    return Distribution(scale, counts, dont_know=dont_know)


def distributions() -> st.SearchStrategy[Distribution]:
    """Answers to one statement counted on a drawn scale, empty ones included."""
    return _distribution()


_RESPONDENT_IDS = st.integers(0, 999).map("r{}".format)
_FEW_SLUGS = st.sampled_from(["a", "b", "c"])  # few values, so groups hold several


def respondents(ids: st.SearchStrategy[str] = _RESPONDENT_IDS) -> st.SearchStrategy[Respondent]:
    """Respondents with each attribute given or not (anonymous ones included), drawn
    from few values so that breakdowns have groups of several."""
    return st.builds(
        Respondent,
        ids,
        organisation=st.none() | _FEW_SLUGS,
        sector=st.none() | st.sampled_from(Sector),
        partnership=st.none() | _FEW_SLUGS,
        role=st.none() | st.sampled_from(Role),
    )


@st.composite
def _respondent_survey(
    draw: st.DrawFn, max_statements: int, max_respondents: int, max_waves: int
) -> RespondentSurvey:
    scale = draw(_scale())
    items = draw(
        st.lists(_UNTALLIED, min_size=1, max_size=max_statements, unique_by=lambda s: s.id)
    )
    people = draw(
        st.lists(respondents(), min_size=1, max_size=max_respondents, unique_by=lambda r: r.id)
    )
    days = draw(st.lists(dates(), min_size=1, max_size=max_waves, unique=True))
    rounds = [Wave(f"w{i}", on) for i, on in enumerate(sorted(days))]
    answer = st.sampled_from(scale.answers)
    replies = []
    for w in rounds:
        for r in people:
            if draw(st.integers(0, 4)) == 0:  # some never reply in a wave
                continue
            asked = draw(st.lists(st.sampled_from([s.id for s in items]), unique=True))
            replies.append(Reply(r.id, w.id, {sid: draw(answer) for sid in asked}))
    return RespondentSurvey(
        draw(_SLUGS),
        draw(_NAMES),
        items,
        scale=scale,
        respondents=people,
        waves=rounds,
        replies=replies,
    )


def respondent_surveys(
    max_statements: int = 3, max_respondents: int = 8, max_waves: int = 2
) -> st.SearchStrategy[RespondentSurvey]:
    """Valid respondent-level surveys: a drawn scale, at least one statement,
    respondent and wave; each respondent replies in most waves, to some statements."""
    return _respondent_survey(max_statements, max_respondents, max_waves)
