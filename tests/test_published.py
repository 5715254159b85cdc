"""Published percentages back to counts (issue 19, item 2): ``counts_from_percentages``.

The percentages in these tests are made by psp's own rounding (:attr:`psp.Share.percent`)
for half up, and by the standard library's exact rounding of a ``Fraction`` for half to
even (``round``) and floor (``math.floor``): never by the arithmetic under test.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Literal

from hypothesis import given
from hypothesis import strategies as st

import psp
from psp import PublishedRow, Response, Share, Tally, counts_from_percentages

Rule = Literal["half-up", "half-even", "floor"]
RULES: dict[Rule, Callable[[int, int], int]] = {
    "half-up": lambda count, n: Share(count, n).percent,
    "half-even": lambda count, n: round(Fraction(100 * count, n)),
    "floor": lambda count, n: math.floor(Fraction(100 * count, n)),
}


def published(counts: tuple[int, ...], rule: Rule = "half-up") -> list[int]:
    """The whole percentages a table rounding by ``rule`` prints for ``counts``."""
    n = sum(counts)
    return [RULES[rule](c, n) for c in counts]


rows = st.lists(st.integers(0, 120), min_size=1, max_size=6).filter(lambda c: sum(c) > 0)


class TestRecovery:
    """Counts -> published percentages -> counts: the original is always found, and
    every tuple found prints the same row."""

    @given(rows, st.sampled_from(sorted(RULES)))
    def test_the_original_counts_are_among_those_recovered(
        self, counts: list[int], rule: Rule
    ) -> None:
        original = tuple(counts)
        row = counts_from_percentages(published(original, rule), sum(counts), rounding=rule)
        assert row.consistent
        assert row.verdict != "misprint"
        assert all(lo <= c <= hi for c, (lo, hi) in zip(original, row.ranges, strict=True))
        if not row.more:
            assert original in row.counts

    @given(rows, st.sampled_from(sorted(RULES)))
    def test_every_tuple_recovered_reproduces_the_percentages(
        self, counts: list[int], rule: Rule
    ) -> None:
        n = sum(counts)
        shown = published(tuple(counts), rule)
        row = counts_from_percentages(shown, n, rounding=rule)
        for found in row.counts:
            assert sum(found) == n
            assert published(found, rule) == shown
        assert list(row.counts) == sorted(set(row.counts))

    @given(
        st.builds(
            Tally,
            strongly_disagree=st.integers(0, 40),
            disagree=st.integers(0, 40),
            neither=st.integers(0, 40),
            agree=st.integers(0, 40),
            strongly_agree=st.integers(0, 40),
        ).filter(lambda t: t.respondents > 0)
    )
    def test_a_tallys_published_likert_row_gives_back_its_counts(self, tally: Tally) -> None:
        """A five-point row as an evaluation prints it, from psp's own shares."""
        scale = [r for r in Response if r is not Response.DONT_KNOW]
        shown = [tally.share(r).percent for r in scale]
        row = counts_from_percentages(shown, tally.respondents, limit=10_000)
        assert tuple(tally.count(r) for r in scale) in row.counts or row.more
        for found in row.counts:
            again = Tally(**{r.name.lower(): c for r, c in zip(scale, found, strict=True)})
            assert [again.share(r).percent for r in scale] == shown

    @given(rows)
    def test_the_ranges_are_the_least_and_most_of_every_category(self, counts: list[int]) -> None:
        row = counts_from_percentages(published(tuple(counts)), sum(counts), limit=10_000)
        if not row.more:
            columns = list(zip(*row.counts, strict=True))
            assert [(min(c), max(c)) for c in columns] == list(row.ranges)

    @given(rows, st.data())
    def test_a_row_altered_by_one_point_is_explained_or_flagged(
        self, counts: list[int], data: st.DataObject
    ) -> None:
        n = sum(counts)
        shown = published(tuple(counts))
        i = data.draw(st.integers(0, len(shown) - 1))
        step = data.draw(st.sampled_from([-1, 1]).filter(lambda d: 0 <= shown[i] + d <= 100))
        shown[i] += step
        row = counts_from_percentages(shown, n)
        if row.consistent:
            assert all(published(found) == shown for found in row.counts)
            assert row.verdict == ("sums-to-100" if sum(shown) == 100 else "rounding")
        else:
            assert row.verdict == "misprint"
            assert row.counts == row.ranges == ()

    @given(st.lists(st.integers(0, 100), min_size=1, max_size=4), st.integers(1, 60))
    def test_any_row_is_consistent_exactly_when_some_counts_print_it(
        self, shown: list[int], n: int
    ) -> None:
        """Against every tuple there is, for small rows: nothing is missed or invented."""
        row = counts_from_percentages(shown, n, limit=10_000)
        every = [c for c in _compositions(n, len(shown)) if published(c) == shown]
        assert list(row.counts) == every


def _compositions(n: int, k: int) -> list[tuple[int, ...]]:
    """Every tuple of ``k`` whole numbers summing to ``n``, ascending."""
    if k == 1:
        return [(n,)]
    return [(c, *rest) for c in range(n + 1) for rest in _compositions(n - c, k - 1)]


class TestPublishedRows:
    """Rows as the evaluation published them: the counts are the seed's, the
    percentages computed from them."""

    def test_signatories_divided_evenly_admit_two_sets_of_counts(self) -> None:
        # 3.5: 111 signatories, "third (50%) and public (50%)".
        shown = published((55, 56))
        assert shown == [50, 50]
        row = counts_from_percentages(shown, 111)
        assert row.counts == ((55, 56), (56, 55))
        assert not row.unique
        assert row.verdict == "sums-to-100"
        assert row.explanation == "50/50 of 111: sums to 100; 2 sets of counts"

    def test_a_statement_of_the_survey_has_one_set_of_counts(self) -> None:
        # 3.3: "the right partners were on the PSP (84%)", 47 of 56 in the example.
        tally = Tally(strongly_agree=20, agree=27, neither=6, disagree=2, strongly_disagree=1)
        agree, rest = tally.agreement(), tally.respondents - tally.agreement().count
        shown = [agree.percent, Share(rest, tally.respondents).percent]
        row = counts_from_percentages(shown, tally.respondents)
        assert row.counts == ((47, 9),)
        assert row.unique
        assert row.explanation == "84/16 of 56: sums to 100; one set of counts"

    def test_a_row_summing_to_101_is_explained_by_rounding(self) -> None:
        # 3.13: meetings were open (88%): 49 of 56 is 87.5%, 7 of 56 is 12.5%, both up.
        shown = published((49, 7))
        assert sum(shown) == 101
        row = counts_from_percentages(shown, 56)
        assert (row.verdict, row.counts, row.sums_to_100) == ("rounding", ((49, 7),), False)
        assert row.explanation == (
            "88/13 of 56: sums to 101, which rounding (half-up, each share on its own) "
            "explains; one set of counts"
        )

    def test_the_rule_decides_whether_a_row_is_a_misprint(self) -> None:
        # The same 49 and 7 of 56 printed half to even: 88 and 12.
        shown = published((49, 7), "half-even")
        assert counts_from_percentages(shown, 56, rounding="half-even").counts == ((49, 7),)
        assert counts_from_percentages(shown, 56).verdict == "misprint"

    def test_a_row_no_counts_give_is_a_misprint(self) -> None:
        # No count of 23 is 69%: 15 of 23 is 65%, 16 of 23 is 70%.
        assert [Share(c, 23).percent for c in (15, 16)] == [65, 70]
        row = counts_from_percentages([69, 31], 23)
        assert (row.counts, row.ranges, row.consistent) == ((), (), False)
        assert row.sums_to_100
        assert row.explanation == (
            "69/31 of 23: no counts of 23 round (half-up) to these percentages, so the row "
            "is a misprint (or has another N or rounding rule)"
        )


class TestBounds:
    """Large rows are answered without enumerating everything: at most ``limit``
    tuples, the ranges over all."""

    def test_more_tuples_than_the_limit_are_cut_and_said(self) -> None:
        row = counts_from_percentages([20] * 5, 10**6, limit=3)
        assert len(row.counts) == 3
        assert row.more
        assert not row.unique
        assert row.ranges == ((195_000, 204_999),) * 5
        assert row.counts[0] == (195_000, 195_000, 200_002, 204_999, 204_999)
        assert (
            row.explanation == "20/20/20/20/20 of 1000000: sums to 100; more than 3 sets of counts"
        )
        assert all(published(c) == [20] * 5 for c in row.counts)

    def test_the_largest_row_is_answered(self) -> None:
        counts = (83_334,) * 6 + (83_333,) * 6
        row = counts_from_percentages(published(counts), 10**6, limit=1)
        assert row.more
        assert all(lo <= 83_333 < 83_334 <= hi for lo, hi in row.ranges)

    def test_the_result_is_a_value(self) -> None:
        row = counts_from_percentages((100,), 7)
        assert row == PublishedRow((100,), 7, "half-up", ((7,),), ((7, 7),))
        assert psp.PublishedRow is PublishedRow
