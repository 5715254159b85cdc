"""Respondent-level surveys (issue 19, item 1): scales of any length and their scoring,
respondents, waves, breakdowns that sum to the whole, change over the respondents
common to two waves, and the totals-only survey they give."""

from __future__ import annotations

import copy
import json
import pickle
from collections import Counter
from datetime import date
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    Distribution,
    InvalidValueError,
    Reply,
    Respondent,
    RespondentSurvey,
    RuleViolationError,
    Scale,
    Statement,
    Tally,
    UnknownReferenceError,
    Wave,
)
from psp.testing import distributions, respondent_surveys, respondents, scales, tallies

Y1, Y2 = date(2013, 3, 1), date(2014, 3, 1)
FIVE = Scale.five_point()


def pulse() -> RespondentSurvey:
    return RespondentSurvey(
        "pulse",
        "A pulse survey",
        [
            Statement("trust", "trust", "There is trust among partners"),
            Statement("impact", psp.Term("evaluation:impact"), "It made a difference"),
        ],
        respondents=[
            Respondent("r1", organisation="tps", sector="third", partnership="p1", role="lead"),
            Respondent("r2", organisation="glasgow-cc", sector="public", partnership="p1"),
            Respondent("r3", sector="public", partnership="p2", role="provider"),
            Respondent("r4"),  # anonymous
        ],
        waves=[Wave("y1", Y1), Wave("y2", Y2, note="illustrative")],
        replies=[
            Reply("r1", "y1", {"trust": "agree", "impact": "dont-know"}),
            Reply("r2", "y1", {"trust": "disagree"}),
            Reply("r3", "y1", {"trust": "strongly-agree", "impact": "agree"}),
            Reply("r4", "y1", {"trust": "neither"}),
            Reply("r1", "y2", {"trust": "strongly-agree"}),
            Reply("r2", "y2", {"trust": "neither"}),
            # r3 did not reply in y2; r4 replied without answering "trust"
            Reply("r4", "y2", {"impact": "agree"}),
        ],
    )


class TestScale:
    """A scale is its points in order, their scores, its neutral point and "don't know"."""

    def test_the_five_point_scale(self) -> None:
        assert FIVE.points == (
            "strongly-disagree",
            "disagree",
            "neither",
            "agree",
            "strongly-agree",
        )
        assert FIVE.scores == (1, 2, 3, 4, 5)
        assert (FIVE.neutral, FIVE.dont_know) == ("neither", "dont-know")
        assert FIVE.disagreeing == ("strongly-disagree", "disagree")
        assert FIVE.agreeing == ("agree", "strongly-agree")
        assert FIVE.answers[-1] == "dont-know"
        assert FIVE.points == tuple(r.value for r in psp.Response)[:5]

    def test_an_even_scale_splits_in_halves_and_scores_as_given(self) -> None:
        s = Scale(["never", "rarely", "often", "always"], scores=[0, 1, 3, 4], dont_know=None)
        assert (s.neutral, s.disagreeing, s.agreeing) == (
            None,
            ("never", "rarely"),
            ("often", "always"),
        )
        assert s.answers == s.points
        assert s.score("often") == 3

    def test_a_neutral_point_off_the_middle(self) -> None:
        s = Scale(["bad", "ok", "good", "great"], neutral="ok")
        assert (s.disagreeing, s.agreeing) == (("bad",), ("good", "great"))

    @pytest.mark.parametrize(
        ("args", "kwargs", "field", "code"),
        [
            (("abc",), {}, "points", "not-a-collection"),
            ((["one"],), {}, "points", "wrong-length"),
            ((["a", "b", "a"],), {}, "points[2]", "duplicate"),
            ((["a", " b"],), {}, "points[1]", "invalid-id"),
            ((["a", "b"],), {"scores": [1]}, "scores", "wrong-length"),
            ((["a", "b"],), {"scores": [2, 2]}, "scores[1]", "not-increasing"),
            ((["a", "b"],), {"scores": [1, 2.5]}, "scores[1]", "out-of-range"),
            ((["a", "b"],), {"neutral": "c"}, "neutral", "not-listed"),
            ((["a", "b", "c"],), {"neutral": None}, "neutral", "conflicting-fields"),
            ((["a", "b"],), {"dont_know": "a"}, "dont_know", "conflicting-fields"),
        ],
    )
    def test_refuses_what_is_not_a_scale(
        self, args: tuple[object, ...], kwargs: dict[str, object], field: str, code: str
    ) -> None:
        with pytest.raises(InvalidValueError) as info:
            Scale(*args, **kwargs)  # type: ignore[arg-type]
        assert (info.value.field, info.value.code) == (field, code)

    def test_scores_only_points(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            FIVE.score("dont-know")
        assert info.value.code == "not-listed"


class TestDistribution:
    """Shares with their counts, and exact mean and median scores."""

    def test_shares_mean_and_median(self) -> None:
        d = Distribution(FIVE, [3, 5, 12, 26, 10], dont_know=2)
        assert (d.respondents, d.scored) == (58, 56)
        assert str(d.agreement()) == "62% (36 of 58)"
        assert str(d.agreement(exclude_dont_know=True)) == "64% (36 of 56)"
        assert str(d.disagreement(exclude_dont_know=True)) == "14% (8 of 56)"
        assert d.neutrality().count == 12
        assert d.count("dont-know", "agree") == 28
        # 3*1 + 5*2 + 12*3 + 26*4 + 10*5 = 203, over 56 scored answers
        assert d.mean() == Fraction(203, 56)
        assert d.median() == 4  # the 28th and 29th answers are both "agree"

    def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_scores(self) -> None:
        s = Scale(["a", "b", "c", "d"], scores=[0, 1, 3, 10])
        assert Distribution(s, [1, 1, 0, 0]).median() == Fraction(1, 2)
        assert Distribution(s, [0, 1, 1, 0]).median() == 2
        assert Distribution(s, [0, 0, 0, 1]).median() == 10

    def test_no_mean_median_or_share_of_no_one(self) -> None:
        only = Distribution(FIVE, [0] * 5, dont_know=1)
        for ask in (only.mean, only.median, lambda: only.agreement(exclude_dont_know=True)):
            with pytest.raises(RuleViolationError) as info:
                ask()
            assert info.value.code == "no-answers"

    def test_a_scale_without_a_neutral_point_has_no_neutral_answers(self) -> None:
        d = Distribution(Scale(["no", "yes"]), [1, 3])
        assert (d.neutrality().count, d.agreement().count) == (0, 3)

    def test_the_tally_of_a_five_point_scale(self) -> None:
        d = Distribution(FIVE, [3, 5, 12, 26, 10], dont_know=2)
        assert d.tally() == Tally(
            strongly_disagree=3, disagree=5, neither=12, agree=26, strongly_agree=10, dont_know=2
        )
        for scale in (Scale(["a", "b", "c"]), Scale(["a", "b", "c", "d", "e"], neutral="b")):
            with pytest.raises(RuleViolationError) as info:
                Distribution(scale, [0] * len(scale.points)).tally()
            assert info.value.code == "not-five-point"

    @pytest.mark.parametrize(
        ("args", "kwargs", "field"),
        [
            ((FIVE, [1, 2]), {}, "counts"),
            ((FIVE, [1, 2, 3, 4, -1]), {}, "counts[4]"),
            ((FIVE, 5), {}, "counts"),
            (("five", [1] * 5), {}, "scale"),
            ((Scale(["a", "b"], dont_know=None), [1, 1]), {"dont_know": 1}, "dont_know"),
        ],
    )
    def test_refuses_what_is_not_a_distribution(
        self, args: tuple[object, ...], kwargs: dict[str, object], field: str
    ) -> None:
        with pytest.raises(InvalidValueError) as info:
            Distribution(*args, **kwargs)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_refuses_answers_off_the_scale(self) -> None:
        d = Distribution(FIVE, [1] * 5, dont_know=1)
        with pytest.raises(InvalidValueError) as info:
            d.count("agree", "meh")
        assert (info.value.field, info.value.code) == ("answers[1]", "not-listed")
        with pytest.raises(InvalidValueError) as info:
            d.share("dont-know", exclude_dont_know=True)
        assert info.value.code == "conflicting-fields"
        with pytest.raises(InvalidValueError) as info:
            d.share("agree", exclude_dont_know="no")  # type: ignore[arg-type]
        assert info.value.field == "exclude_dont_know"

    @settings(max_examples=50)
    @given(distributions())
    def test_the_mean_and_median_lie_between_the_lowest_and_highest_score(
        self, d: Distribution
    ) -> None:
        if not d.scored:
            return
        given_scores = [s for s, n in zip(d.scale.scores, d.counts, strict=True) if n]
        assert min(given_scores) <= d.mean() <= max(given_scores)
        assert min(given_scores) <= d.median() <= max(given_scores)
        # Half the scored answers lie at or below the median, half at or above it.
        at_or_below = sum(
            n for s, n in zip(d.scale.scores, d.counts, strict=True) if s <= d.median()
        )
        at_or_above = sum(
            n for s, n in zip(d.scale.scores, d.counts, strict=True) if s >= d.median()
        )
        assert 2 * at_or_below >= d.scored
        assert 2 * at_or_above >= d.scored

    @settings(max_examples=50)
    @given(tallies())
    def test_a_tally_through_the_five_point_scale_is_itself(self, t: Tally) -> None:
        counts = [t.strongly_disagree, t.disagree, t.neither, t.agree, t.strongly_agree]
        d = Distribution(FIVE, counts, dont_know=t.dont_know)
        assert d.tally() == t
        if t.respondents:
            assert d.agreement() == t.agreement()
            assert d.disagreement() == t.disagreement()
            assert d.neutrality() == t.neutrality()


class TestRespondentSurvey:
    """Counted from the replies, wave by wave."""

    def test_a_statement_in_each_wave(self) -> None:
        s = pulse()
        assert s.wave().id == "y2"
        assert s.distribution("trust", wave="y1").counts == (0, 1, 1, 1, 1)
        assert s.distribution("trust").counts == (0, 0, 1, 0, 1)
        assert s.distribution("impact", wave="y1").dont_know == 1
        assert s.tally("trust", wave="y1") == Tally(
            disagree=1, neither=1, agree=1, strongly_agree=1
        )
        assert (
            repr(s)
            == "<RespondentSurvey 'pulse' 'A pulse survey': 2 statements, 4 respondents, 2 waves>"
        )

    def test_breakdowns_by_each_attribute(self) -> None:
        s = pulse()
        by_sector = s.breakdown("trust", "sector", wave="y1")
        assert list(by_sector) == ["public", "third", None]
        assert by_sector["public"].counts == (0, 1, 0, 0, 1)
        assert by_sector[None].counts == (0, 0, 1, 0, 0)  # the anonymous respondent
        assert list(s.breakdown("trust", "partnership", wave="y1")) == ["p1", "p2", None]
        assert list(s.breakdown("trust", "organisation", wave="y1")) == ["glasgow-cc", "tps", None]
        assert s.likert_counts("trust", by="role", wave="y1") == {
            "lead": (0, 0, 0, 1, 0),
            "provider": (0, 0, 0, 0, 1),
            "not given": (0, 1, 1, 0, 0),
        }
        with pytest.raises(InvalidValueError) as info:
            s.breakdown("trust", "age")  # type: ignore[arg-type]
        assert (info.value.field, info.value.code) == ("by", "unknown-choice")

    def test_change_between_waves_is_of_the_respondents_in_both(self) -> None:
        before, after = pulse().change("trust", "y1", "y2")
        # r1 (agree -> strongly agree) and r2 (disagree -> neither); r3 and r4 are not in both.
        assert (before.counts, after.counts) == ((0, 1, 0, 1, 0), (0, 0, 1, 0, 1))
        assert after.mean() - before.mean() == 1

    def test_counts_for_pictures(self) -> None:
        s = pulse()
        assert s.likert_counts(wave="y1") == {"trust": (0, 1, 1, 1, 1), "impact": (0, 0, 0, 1, 0)}
        assert s.likert_counts("trust", by="wave") == {"y1": (0, 1, 1, 1, 1), "y2": (0, 0, 1, 0, 1)}
        assert s.likert_counts("trust") == {"trust": (0, 0, 1, 0, 1)}
        with pytest.raises(InvalidValueError) as info:
            s.likert_counts(by="sector")
        assert info.value.field == "by"
        with pytest.raises(InvalidValueError) as info:
            s.likert_counts("trust", by="wave", wave="y1")
        assert info.value.field == "wave"

    def test_the_totals_of_a_wave(self) -> None:
        totals = pulse().totals(wave="y1")
        assert totals.respondents == 4
        assert totals.statement("impact").tally == Tally(agree=1, dont_know=1)
        assert totals.results()[0]["agree"] == 2
        assert (
            RespondentSurvey("s", "S", [Statement("a", "trust", "T")], waves=[Wave("w", Y1)])
            .totals()
            .respondents
            is None
        )

    def test_rows_of_every_answer(self) -> None:
        rows = pulse().rows()
        assert len(rows) == 9
        assert rows[1] == {
            "survey": "pulse",
            "wave": "y1",
            "on": Y1,
            "respondent": "r1",
            "organisation": "tps",
            "sector": "third",
            "partnership": "p1",
            "role": "lead",
            "statement": "impact",
            "theme": "evaluation:impact",
            "answer": "dont-know",
            "score": None,
        }
        assert rows[0]["score"] == 4
        assert rows[-1]["respondent"] == "r4"

    def test_unknown_ids_are_refused(self) -> None:
        s = pulse()
        with pytest.raises(UnknownReferenceError) as info:
            s.distribution("trust", wave="y3")
        assert (info.value.field, info.value.code) == ("wave", "unknown-wave")
        with pytest.raises(UnknownReferenceError) as info:
            s.distribution("nope")
        assert info.value.code == "unknown-statement"
        with pytest.raises(UnknownReferenceError) as info:
            RespondentSurvey("s", "S").wave()
        assert "no waves" in info.value.reason

    @pytest.mark.parametrize(
        ("change", "field", "code"),
        [
            ({"statements": "abc"}, "statements", "not-a-collection"),
            ({"statements": [Tally()]}, "statements[0]", "wrong-type"),
            (
                {"statements": [Statement("a", "trust", "T", Tally(agree=1))]},
                "statements[0].tally",
                "conflicting-fields",
            ),
            ({"scale": "five"}, "scale", "wrong-type"),
            ({"respondents": [Respondent("r1"), Respondent("r1")]}, "respondents[1]", "duplicate"),
            ({"waves": [Wave("y1", Y2), Wave("y2", Y1)]}, "waves[1].on", "not-increasing"),
            ({"waves": [Wave("y1", Y1), Wave("y1", Y2)]}, "waves[1]", "duplicate"),
            (
                {"replies": [Reply("r1", "y1", {}), Reply("r1", "y1", {})]},
                "replies[1]",
                "duplicate",
            ),
            ({"replies": [Reply("r9", "y1", {})]}, "replies[0].respondent", "not-listed"),
            ({"replies": [Reply("r1", "y9", {})]}, "replies[0].wave", "not-listed"),
            (
                {"replies": [Reply("r1", "y1", {"nope": "agree"})]},
                "replies[0].answers",
                "not-listed",
            ),
            (
                {"replies": [Reply("r1", "y1", {"trust": "meh"})]},
                "replies[0].answers['trust']",
                "not-listed",
            ),
        ],
    )
    def test_refuses_what_does_not_add_up(
        self, change: dict[str, object], field: str, code: str
    ) -> None:
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(pulse(), **change)  # type: ignore[arg-type]
        assert (info.value.field, info.value.code) == (field, code)

    @pytest.mark.parametrize(
        ("cls", "args", "kwargs", "field"),
        [
            (Respondent, (" r",), {}, "id"),
            (Respondent, ("r",), {"sector": "charity"}, "sector"),
            (Respondent, ("r",), {"role": "boss"}, "role"),
            (Respondent, ("r",), {"organisation": ""}, "organisation"),
            (Wave, ("w", "2013-01-01"), {}, "on"),
            (Wave, ("w", Y1), {"note": 3}, "note"),
            (Reply, ("r", "w", ["trust"]), {}, "answers"),
            (Reply, ("r", "w", {"trust": 4}), {}, "answers['trust']"),
        ],
    )
    def test_refuses_bad_fields(
        self, cls: type[object], args: tuple[object, ...], kwargs: dict[str, object], field: str
    ) -> None:
        with pytest.raises(InvalidValueError) as info:
            cls(*args, **kwargs)
        assert info.value.field == field

    def test_a_reply_is_frozen(self) -> None:
        reply = Reply("r1", "y1", {"trust": "agree"})
        with pytest.raises(TypeError):
            reply.answers["trust"] = "disagree"  # type: ignore[index]

    def test_a_survey_hashes_copies_and_pickles(self) -> None:
        s = pulse()
        assert pickle.loads(pickle.dumps(s)) == s
        assert copy.deepcopy(s.replies[0]) is s.replies[0]
        assert copy.copy(s.replies[0]) is s.replies[0]
        assert hash(Reply("r1", "y1", {"a": "agree", "b": "disagree"})) == hash(
            Reply("r1", "y1", {"b": "disagree", "a": "agree"})
        )
        assert len({s, pulse()}) == 1


class TestProperties:
    """What holds of every respondent-level survey."""

    @settings(max_examples=25)
    @given(respondent_surveys(), st.sampled_from(["organisation", "sector", "partnership", "role"]))
    def test_breakdowns_sum_to_the_whole(self, s: RespondentSurvey, by: str) -> None:
        for w in s.waves:
            for statement in s.statements:
                whole = s.distribution(statement.id, wave=w.id)
                groups = s.breakdown(statement.id, by, wave=w.id)  # type: ignore[arg-type]
                summed = [
                    sum(d.counts[i] for d in groups.values()) for i in range(len(s.scale.points))
                ]
                assert tuple(summed) == whole.counts
                assert sum(d.dont_know for d in groups.values()) == whole.dont_know
                assert sum(d.respondents for d in groups.values()) == whole.respondents

    @settings(max_examples=25)
    @given(respondent_surveys())
    def test_a_five_point_survey_gives_the_tally_of_its_answers(self, s: RespondentSurvey) -> None:
        if s.scale != FIVE:
            return
        for w in s.waves:
            totals = s.totals(wave=w.id)
            for statement in s.statements:
                answers = [
                    r.answers[statement.id]
                    for r in s.replies
                    if r.wave == w.id and statement.id in r.answers
                ]
                assert totals.statement(statement.id).tally == Tally.of(answers)  # type: ignore[arg-type]

    @settings(max_examples=25)
    @given(respondent_surveys(max_waves=2), respondents(st.just("newcomer")), st.data())
    def test_a_respondent_in_one_wave_only_never_changes_the_change(
        self, s: RespondentSurvey, newcomer: Respondent, data: st.DataObject
    ) -> None:
        if len(s.waves) < 2:
            return
        first, second = s.waves[0].id, s.waves[1].id
        statement = s.statements[0].id
        before = s.change(statement, first, second)
        in_wave = data.draw(st.sampled_from([first, second]))
        answer = data.draw(st.sampled_from(s.scale.answers))
        grown = attrs.evolve(
            s,
            respondents=[*s.respondents, newcomer],
            replies=[*s.replies, Reply("newcomer", in_wave, {statement: answer})],
        )
        assert grown.change(statement, first, second) == before
        a, b = before
        assert a.respondents == b.respondents  # like with like

    @settings(max_examples=30)
    @given(respondent_surveys())
    def test_rows_count_every_answer(self, s: RespondentSurvey) -> None:
        rows = s.rows()
        assert len(rows) == sum(len(r.answers) for r in s.replies)
        assert Counter(r["answer"] for r in rows) == Counter(
            a for r in s.replies for a in r.answers.values()
        )

    @settings(max_examples=30)
    @given(st.one_of(respondent_surveys(), distributions(), scales()))
    def test_round_trip_through_plain_data(self, value: object) -> None:
        # (Not in tests/test_conversion.py's ROUND_TRIPS: 100 drawn surveys cost ~4 s.)
        plain = psp.to_data(value)
        assert psp.from_data(plain, type(value)) == value
        assert psp.from_data(json.loads(json.dumps(plain)), type(value)) == value

    @settings(max_examples=10)
    @given(st.from_type(RespondentSurvey), st.from_type(Scale))
    def test_from_type_finds_the_strategies(self, s: RespondentSurvey, scale: Scale) -> None:
        assert s.waves
        assert s.statements
        assert s.respondents
        assert isinstance(scale, Scale)


class TestTheChangeFundExample:
    """examples/rrcf_portfolio.py enters the survey respondent by respondent: its Year 1
    gives the totals the published figures are checked against, its Year 2 is marked
    illustrative."""

    def test_year_1_gives_the_totals_of_the_published_survey(self) -> None:
        import rrcf_portfolio as example

        by_respondent = example.respondent_survey()
        totals = by_respondent.totals(wave="year-1")
        published = example.survey()
        assert totals.statements == published.statements
        assert totals.respondents == published.respondents == 56
        # 3.27 as tests/test_seed_figures.py checks it: 64% agreed, 14% disagreed
        equally = by_respondent.distribution("treated-equally", wave="year-1")
        assert (equally.agreement().percent, equally.disagreement().percent) == (64, 14)

    def test_year_2_is_illustrative_and_changes_something(self) -> None:
        import rrcf_portfolio as example

        s = example.respondent_survey()
        assert "illustrative" in s.wave("year-2").note
        before, after = s.change("treated-equally", "year-1", "year-2")
        assert before.respondents == after.respondents < 56
        assert before.mean() != after.mean()
