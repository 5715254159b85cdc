"""The partnership survey: tallies, exact shares, honest rounding, and indicators below a
threshold (3.3-3.33)."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    InvalidValueError,
    Response,
    RuleViolationError,
    Share,
    Statement,
    Survey,
    Tally,
    Theme,
    UnknownReferenceError,
)
from psp.testing import statements, surveys, tallies

# 3.27, as the example portfolio records it: 56 answered, 36 agreed, 8 disagreed.
EQUALLY = Tally(strongly_agree=10, agree=26, neither=12, disagree=5, strongly_disagree=3)


def survey() -> Survey:
    return Survey(
        "pulse",
        "A pulse survey",
        [
            Statement("equally", "equality", "Partners are treated equally", EQUALLY),
            Statement("trust", Theme.TRUST, "There is trust among partners", Tally(agree=3)),
            Statement("unasked", "learning", "Learning is captured"),
            Statement(
                "vision", "vision", "There is a clear vision", Tally(agree=2, strongly_agree=1)
            ),
        ],
        respondents=60,
    )


class TestShare:
    """A share is a count of a total; its percentage is rounded half up from the exact value."""

    @pytest.mark.parametrize(
        ("count", "total", "percent"),
        [
            (49, 56, 88),  # 87.5: half up (3.13's 88%)
            (5, 8, 63),  # 62.5: half up, where half-to-even would give 62
            (1, 8, 13),  # 12.5
            (55, 111, 50),  # 49.55 (3.5: third-sector signatories)
            (56, 111, 50),  # 50.45 (3.5: public signatories)
            (37, 55, 67),  # 67.27 (3.14)
            (39, 56, 70),  # 69.64
            (1, 200, 1),  # 0.5
            (1, 201, 0),  # 0.497...
            (0, 5, 0),
            (5, 5, 100),
            (2, 3, 67),
            (1, 3, 33),
        ],
    )
    def test_hand_worked_percentages(self, count: int, total: int, percent: int) -> None:
        assert Share(count, total).percent == percent

    def test_the_fraction_is_exact(self) -> None:
        s = Share(49, 56)
        assert s.fraction == Fraction(7, 8)
        assert str(s) == "88% (49 of 56)"

    @pytest.mark.parametrize(
        ("count", "total", "field"),
        [(3, 2, "count"), (-1, 2, "count"), (0, 0, "total"), (True, 2, "count"), (1, 2.0, "total")],
    )
    def test_refuses_what_is_not_a_share(self, count: object, total: object, field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            Share(count, total)  # type: ignore[arg-type]
        assert info.value.field == field

    @settings(max_examples=100)
    @given(st.integers(1, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
    def test_percent_is_the_nearest_whole_number_with_halves_up(
        self, pair: tuple[int, int]
    ) -> None:
        share = Share(*pair)
        exact = 100 * share.fraction
        assert share.percent - Fraction(1, 2) <= exact < share.percent + Fraction(1, 2)


class TestTally:
    """A tally counts each answer; its shares are of everyone who answered."""

    def test_agreement_neutrality_and_disagreement(self) -> None:
        assert EQUALLY.respondents == 56
        assert (EQUALLY.agreement().count, EQUALLY.agreement().total) == (36, 56)
        assert EQUALLY.agreement().percent == 64
        assert EQUALLY.neutrality().percent == 21
        assert EQUALLY.disagreement().count == 8
        assert EQUALLY.disagreement().percent == 14

    def test_rounded_shares_are_not_forced_to_sum_to_100(self) -> None:
        thirds = Tally(agree=1, neither=1, disagree=1)
        assert [
            s.percent for s in (thirds.agreement(), thirds.neutrality(), thirds.disagreement())
        ] == [33, 33, 33]
        eighths = Tally(agree=5, disagree=3)  # 62.5% and 37.5%
        assert (eighths.agreement().percent, eighths.disagreement().percent) == (63, 38)

    def test_counts_individual_answers(self) -> None:
        t = Tally.of(["agree", Response.AGREE, "strongly-disagree", "dont-know"])
        assert t == Tally(agree=2, strongly_disagree=1, dont_know=1)
        assert t.count(Response.AGREE, "dont-know") == 3
        assert t.count() == 0
        assert Tally.of([]) == Tally()

    def test_dont_know_is_counted_unless_excluded(self) -> None:
        t = Tally(agree=3, disagree=1, dont_know=4)
        assert str(t.agreement()) == "38% (3 of 8)"
        assert str(t.agreement(exclude_dont_know=True)) == "75% (3 of 4)"
        assert t.share("dont-know").percent == 50
        with pytest.raises(InvalidValueError) as info:
            t.share(Response.DONT_KNOW, exclude_dont_know=True)
        assert info.value.field == "responses"
        with pytest.raises(InvalidValueError) as info:
            t.agreement(exclude_dont_know="yes")  # type: ignore[arg-type]
        assert info.value.field == "exclude_dont_know"

    def test_no_share_of_no_one(self) -> None:
        with pytest.raises(RuleViolationError):
            Tally().agreement()
        with pytest.raises(RuleViolationError):
            Tally(dont_know=2).agreement(exclude_dont_know=True)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"agree": -1}, "agree"),
            ({"dont_know": 1.0}, "dont_know"),
            ({"neither": True}, "neither"),
        ],
    )
    def test_counts_are_whole_numbers(self, kwargs: dict[str, object], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            Tally(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field

    @pytest.mark.parametrize(
        ("answers", "field"),
        [("agree", "answers"), (["agree", "meh"], "answers[1]"), (3, "answers")],
    )
    def test_refuses_bad_answers(self, answers: object, field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            Tally.of(answers)  # type: ignore[arg-type]
        assert info.value.field == field
        with pytest.raises(InvalidValueError):
            EQUALLY.count("meh")  # type: ignore[arg-type]

    def test_is_frozen(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            EQUALLY.agree = 1  # type: ignore[misc]

    @settings(max_examples=100)
    @given(st.lists(st.sampled_from(Response), max_size=80))
    def test_tally_of_answers_counts_each_answer(self, answers: list[Response]) -> None:
        t = Tally.of(answers)
        counted = Counter(answers)
        assert all(t.count(r) == counted[r] for r in Response)
        assert t.respondents == len(answers)

    @settings(max_examples=100)
    @given(tallies())
    def test_the_counts_always_add_up_and_the_percentages_nearly(self, t: Tally) -> None:
        if t.respondents - t.dont_know == 0:
            return
        parts = (t.agreement(), t.neutrality(), t.disagreement(), t.share(Response.DONT_KNOW))
        assert sum(p.count for p in parts) == t.respondents
        assert all(p.total == t.respondents for p in parts)
        # Four shares, each rounded by at most half a point: never more than 2 off 100.
        assert abs(sum(p.percent for p in parts) - 100) <= 2
        opinions = (
            t.agreement(exclude_dont_know=True),
            t.neutrality(exclude_dont_know=True),
            t.disagreement(exclude_dont_know=True),
        )
        assert sum(p.count for p in opinions) == t.respondents - t.dont_know
        assert abs(sum(p.percent for p in opinions) - 100) <= 1


class TestStatement:
    """A statement is checked when made."""

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            ((" x", "trust", "T"), "id"),
            (("x", "morale", "T"), "theme"),
            (("x", "trust", ""), "text"),
            (("x", "trust", "T", {"agree": 1}), "tally"),
        ],
    )
    def test_refuses_bad_fields(self, args: tuple[object, ...], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            Statement(*args)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_a_theme_given_as_text_becomes_the_enum(self) -> None:
        s = Statement("x", "learning", "T")
        assert s.theme is Theme.LEARNING
        assert s.tally == Tally()


class TestSurvey:
    """A survey's statements, grouped, tabulated and screened against a threshold."""

    def test_statements_by_id_and_by_theme(self) -> None:
        s = survey()
        assert s.statement("trust").tally.agree == 3
        with pytest.raises(UnknownReferenceError) as info:
            s.statement("nope")
        assert info.value.field == "statement_id"
        grouped = s.by_theme()
        assert list(grouped) == list(Theme)
        assert [x.id for x in grouped[Theme.EQUALITY]] == ["equally"]
        assert grouped[Theme.MEETINGS] == ()
        assert repr(s) == "<Survey 'pulse' 'A pulse survey': 4 statements>"

    def test_results_rows(self) -> None:
        rows = survey().results()
        assert rows[0] == {
            "statement": "equally",
            "theme": "equality",
            "text": "Partners are treated equally",
            "respondents": 56,
            "agree": 36,
            "neither": 12,
            "disagree": 8,
            "dont_know": 0,
            "agree_percent": 64,
            "neither_percent": 21,
            "disagree_percent": 14,
        }
        unasked = rows[2]
        assert (unasked["respondents"], unasked["agree_percent"]) == (0, None)

    def test_results_without_dont_know(self) -> None:
        s = Survey("s", "S", [Statement("a", "trust", "T", Tally(agree=1, dont_know=1))])
        assert s.results()[0]["agree_percent"] == 50
        assert s.results(exclude_dont_know=True)[0]["agree_percent"] == 100
        only = Survey("s", "S", [Statement("a", "trust", "T", Tally(dont_know=1))])
        assert only.results(exclude_dont_know=True)[0]["agree_percent"] is None
        assert only.below(1, exclude_dont_know=True) == []

    def test_below_compares_the_exact_share_lowest_first(self) -> None:
        s = survey()
        assert [(x.id, str(share)) for x, share in s.below(Fraction(2, 3))] == [
            ("equally", "64% (36 of 56)")
        ]
        # Agreement of exactly the threshold is not below it; nobody's answers are skipped.
        assert [x.id for x, _ in s.below(1)] == ["equally"]
        assert s.below(0) == []
        assert [x.id for x, _ in s.below(0.65)] == ["equally"]

    def test_a_share_rounding_to_the_threshold_can_still_be_below_it(self) -> None:
        # 39 of 56 is 69.6%: "70%" once rounded, but below 70%.
        s = Survey("s", "S", [Statement("a", "learning", "T", Tally(agree=39, neither=17))])
        ((statement, share),) = s.below(Fraction(7, 10))
        assert (statement.id, share.percent) == ("a", 70)

    @pytest.mark.parametrize("threshold", [-0.1, 1.5, True, "0.5", float("nan"), None])
    def test_below_refuses_a_threshold_outside_0_to_1(self, threshold: object) -> None:
        with pytest.raises(InvalidValueError) as info:
            survey().below(threshold)  # type: ignore[arg-type]
        assert info.value.field == "threshold"

    def test_no_statement_has_more_answers_than_respondents(self) -> None:
        with pytest.raises(RuleViolationError) as info:
            Survey("s", "S", [Statement("a", "trust", "T", Tally(agree=5))], respondents=4)
        assert info.value.field == "statements[0].tally"
        assert info.value.value == 5

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"statements": "abc"}, "statements"),
            ({"statements": [Tally()]}, "statements[0]"),
            (
                {"statements": [Statement("a", "trust", "T"), Statement("a", "roles", "R")]},
                "statements[1].id",
            ),
            ({"respondents": 0}, "respondents"),
            ({"id": ""}, "id"),
            ({"name": " S"}, "name"),
        ],
    )
    def test_refuses_bad_fields(self, kwargs: dict[str, object], field: str) -> None:
        args: dict[str, object] = {"id": "s", "name": "S"}
        args.update(kwargs)
        with pytest.raises(InvalidValueError) as info:
            Survey(**args)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_an_empty_survey_is_allowed(self) -> None:
        empty = Survey("s", "S")
        assert (empty.results(), empty.below(1), empty.respondents) == ([], [], None)

    @settings(max_examples=60)
    @given(surveys(), st.fractions(0, 1))
    def test_below_is_every_answered_statement_under_the_threshold(
        self, s: Survey, threshold: Fraction
    ) -> None:
        found = s.below(threshold)
        expected = {
            x.id
            for x in s.statements
            if x.tally.respondents
            and Fraction(x.tally.count("agree", "strongly-agree"), x.tally.respondents) < threshold
        }
        assert {x.id for x, _ in found} == expected
        fractions = [share.fraction for _, share in found]
        assert fractions == sorted(fractions)

    @settings(max_examples=60)
    @given(surveys())
    def test_rows_match_the_statements(self, s: Survey) -> None:
        rows = s.results()
        assert [r["statement"] for r in rows] == [x.id for x in s.statements]
        for r in rows:
            assert r["agree"] + r["neither"] + r["disagree"] + r["dont_know"] == r["respondents"]
            if s.respondents is not None:
                assert r["respondents"] <= s.respondents


class TestStrategies:
    """psp.testing's survey strategies give valid values, and from_type finds them."""

    @settings(max_examples=30)
    @given(st.from_type(Survey), statements())
    def test_from_type_and_statements(self, s: Survey, x: Statement) -> None:
        assert isinstance(s, Survey)
        assert len({y.id for y in s.statements}) == len(s.statements)
        assert isinstance(x.theme, Theme | psp.Term)  # a theme of your own too

    @settings(max_examples=30)
    @given(surveys(max_statements=2))
    def test_surveys_respect_their_bound(self, s: Survey) -> None:
        assert len(s.statements) <= 2

    def test_round_trip_of_an_example(self) -> None:
        s = survey()
        assert psp.from_data(psp.to_data(s), Survey) == s
        assert psp.to_data(s)["statements"][1]["theme"] == "trust"


class TestOneNamePerAnswer:
    """The answer that neither agrees nor disagrees is called ``neither`` everywhere: the
    response, the tally's field and the results' columns (issue 19); the old response
    text is still read."""

    def test_the_response_is_neither(self) -> None:
        assert Response.NEITHER.value == "neither"
        assert Tally.of(["neither", Response.NEITHER]) == Tally(neither=2)

    def test_the_old_response_text_is_still_read(self) -> None:
        assert Response("neither-agree-nor-disagree") is Response.NEITHER
        assert Tally.of(["neither-agree-nor-disagree"]) == Tally(neither=1)  # type: ignore[list-item]
        assert Tally(neither=1).count("neither-agree-nor-disagree") == 1  # type: ignore[arg-type]

    def test_the_results_columns_are_neither(self) -> None:
        row = survey().results()[0]
        assert (row["neither"], row["neither_percent"]) == (12, 21)
        assert "neutral" not in row
        assert "neutral_percent" not in row
