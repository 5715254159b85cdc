"""Surveys of a partnership: the ``tallies``, ``statements`` and ``surveys`` strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from psp._network.survey import Statement, Survey, Tally, Theme
from psp.testing._values import _NAMES, _SLUGS, _TERMS

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
