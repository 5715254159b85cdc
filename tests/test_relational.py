"""Relational surveys (issue 19, item 3): members' answers about each other, stored with
the partnership, and the PARTNER measures computed from them: trust and value scores,
reciprocity, the response rate, density, change between waves and the answers' graph."""

from __future__ import annotations

import contextlib
import itertools
import json
import sys
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    ContactFrequency,
    Partner,
    Partnership,
    PSPError,
    RelationalAnswer,
    Share,
    relational_change,
    relational_graph,
    relational_scores,
    relational_summary,
)
from tests.test_tables import assert_rows

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
import rrcf_portfolio as example

D1, D2, D3 = date(2013, 3, 1), date(2013, 6, 1), date(2014, 3, 1)
A = Partner("a", "Alder Trust", "third")
B = Partner("b", "Birch CJA", "public", public_body_kind="cja")
C = Partner("c", "Cedar Project", "third")
E = Partner("e", "Elm Council", "public", public_body_kind="local-authority")


def three() -> Partnership:
    """Alder, Birch and Cedar, members from D1."""
    return Partnership("p", "P").join(A, on=D1, roles={"lead"}).join(B, on=D1).join(C, on=D1)


def surveyed() -> Partnership:
    """A worked wave: Alder rates Birch (trust 4, 3, 4; value 2) and says it never works
    with Cedar; Birch rates Alder (trust 2; value 3, 3) and Cedar (no ratings, monthly);
    Cedar does not respond."""
    return (
        three()
        .record_relational_response(
            "a",
            [
                RelationalAnswer(about="b", reliability=4, mission=3, openness=4, power=2),
                RelationalAnswer(about="c", frequency="never"),
            ],
            wave_id="y1",
            on=D1,
        )
        .record_relational_response(
            "b",
            [
                RelationalAnswer(about="a", reliability=2, power=3, resources=3),
                RelationalAnswer(about="c", frequency="about-monthly"),
            ],
            wave_id="y1",
            on=D1,
        )
    )


class TestAnswers:
    """An answer holds a rating from 1 to 4 per dimension, each optional."""

    def test_the_scale_runs_from_not_at_all_to_a_great_deal(self) -> None:
        assert dict(psp.RATING_SCALE) == {
            1: "not at all",
            2: "a small amount",
            3: "a fair amount",
            4: "a great deal",
        }
        assert tuple(psp.RelationalDimension) == psp.TRUST_DIMENSIONS + psp.VALUE_DIMENSIONS

    def test_trust_and_value_are_the_means_of_the_ratings_given(self) -> None:
        a = RelationalAnswer(about="b", reliability=4, mission=3, openness=3, resources=1)
        assert (a.trust, a.value) == (Fraction(10, 3), Fraction(1))
        assert a.ratings() == {"reliability": 4, "mission": 3, "openness": 3, "resources": 1}
        assert a.rating("power") is None
        assert RelationalAnswer(about="b").trust is None

    def test_only_an_answer_of_no_contact_reports_no_tie(self) -> None:
        assert [RelationalAnswer(about="b", frequency=f).ties for f in ContactFrequency] == [
            False,
            True,
            True,
            True,
            True,
        ]
        assert RelationalAnswer(about="b").ties


class TestRecording:
    """Responses are kept by wave; a respondent may answer in several responses."""

    def test_waves_and_responses_are_what_was_recorded(self) -> None:
        p = surveyed().record_relational_response(
            "a", [RelationalAnswer(about="b", mission=4)], wave_id="y2", on=D3
        )
        assert p.relational_waves() == {"y1": D1, "y2": D3}
        assert [r.respondent for r in p.relational_responses("y1")] == ["a", "b"]
        (later,) = p.relational_responses("y2")
        assert later.answers == (RelationalAnswer(about="b", mission=4),)

    def test_a_respondent_may_answer_about_others_in_a_second_response(self) -> None:
        p = three().record_relational_response(
            "a", [RelationalAnswer(about="b")], wave_id="y1", on=D1
        )
        p = p.record_relational_response("a", [RelationalAnswer(about="c")], wave_id="y1", on=D1)
        assert relational_summary(p, "y1")["respondents"] == 1
        assert relational_summary(p, "y1")["response_rate"] == Share(1, 3)

    def test_a_member_that_left_after_answering_on_the_waves_day_is_still_asked(self) -> None:
        p = (
            Partnership("p", "P")
            .join(A, on=D1)
            .join(B, on=D1)
            .record_relational_response("b", [RelationalAnswer(about="a")], wave_id="y1", on=D2)
            .leave("b", on=D2)
        )
        assert relational_summary(p, "y1")["response_rate"] == Share(1, 2)


class TestMeasures:
    """The worked wave's measures, worked out by hand."""

    def test_the_network_scores(self) -> None:
        s = relational_summary(surveyed(), "y1")
        # Answers' trust scores: 11/3 (Alder on Birch) and 2 (Birch on Alder).
        assert s["trust"] == Fraction(17, 6)
        # Value scores: 2 (Alder on Birch) and 3 (Birch on Alder).
        assert s["value"] == Fraction(5, 2)
        assert (s["reliability"], s["power"], s["openness"]) == (
            Fraction(3),
            Fraction(5, 2),
            Fraction(4),
        )
        assert s["involvement"] is None
        assert (s["members"], s["respondents"], s["answers"]) == (3, 2, 4)
        assert s["response_rate"] == Share(2, 3)
        # Ties: a-b (both ways) and b-c; Alder says it never works with Cedar.
        assert (s["ties"], s["density"]) == (2, Fraction(2, 3))
        # Degrees a 1, b 2, c 1: (1 + 0 + 1) / (2 * 1).
        assert s["degree_centralisation"] == 1
        # Answered pairs a-b (both ways), a-c and b-c (one way each).
        assert s["reciprocity"] == Fraction(1, 3)

    def test_each_partner_is_scored_by_what_others_said_of_it(self) -> None:
        rows = {r["partner"]: r for r in relational_scores(surveyed(), "y1")}
        assert (rows["a"]["trust"], rows["a"]["value"], rows["a"]["rated_by"]) == (
            Fraction(2),
            Fraction(3),
            1,
        )
        assert (rows["b"]["trust"], rows["b"]["value"]) == (Fraction(11, 3), Fraction(2))
        assert (rows["c"]["trust"], rows["c"]["rated_by"], rows["c"]["responded"]) == (
            None,
            2,
            False,
        )
        assert [r["name"] for r in rows.values()] == ["Alder Trust", "Birch CJA", "Cedar Project"]

    def test_change_compares_the_partners_in_both_waves_only(self) -> None:
        p = (
            surveyed()
            .leave("c", on=D2)
            .join(E, on=D2)
            .record_relational_response(
                "a", [RelationalAnswer(about="b", reliability=2)], wave_id="y2", on=D3
            )
            .record_relational_response(
                "e", [RelationalAnswer(about="a", reliability=4)], wave_id="y2", on=D3
            )
        )
        c = relational_change(p, "y1", "y2")
        assert c["partners"] == ("a", "b")
        # Cedar (gone) and Elm (new) are left out of both waves, and so are answers about
        # them or by them: Birch's answer about Cedar, Elm's about Alder.
        assert (c["before"]["answers"], c["after"]["answers"]) == (2, 1)
        assert (c["before"]["response_rate"], c["after"]["response_rate"]) == (
            Share(2, 2),
            Share(1, 2),
        )
        assert c["scores"] == [
            {
                "partner": "a",
                "trust_before": 2,
                "trust_after": None,
                "value_before": 3,
                "value_after": None,
            },
            {
                "partner": "b",
                "trust_before": Fraction(11, 3),
                "trust_after": 2,
                "value_before": 2,
                "value_after": None,
            },
        ]


class TestGraph:
    """The answers' graph holds ratings, never links; the partner graph never ratings."""

    def test_a_link_and_an_answer_about_the_same_pair_stay_apart(self) -> None:
        p = surveyed().link("a", "b", "refers-to", on=D2, weight=5.0)
        linked = psp.partner_graph(p)
        rated = relational_graph(p, "y1")
        (link,) = linked.get_edge_data("a", "b").values()
        answer = rated.edges["a", "b"]
        assert (link["kind"], answer["kind"]) == ("refers-to", psp.RELATIONAL_ANSWER)
        assert link["weight"] == 5.0
        assert "weight" not in answer
        dimensions = {d.value for d in psp.RelationalDimension} | {"trust", "value", "tie"}
        assert not dimensions & set(link)
        assert dimensions <= set(answer)
        assert answer["trust"] == Fraction(11, 3)
        # The link analyses do not see the answers: the partner graph is as it was.
        assert psp.link_density(linked) == psp.link_density(psp.partner_graph(p))
        assert linked.number_of_edges() == 1

    def test_every_member_then_is_a_node_and_every_answer_an_edge(self) -> None:
        g = relational_graph(surveyed(), "y1")
        assert list(g.nodes) == ["a", "b", "c"]
        assert g.number_of_edges() == 4
        assert (g.nodes["c"]["sector"], g.nodes["c"]["responded"]) == ("third", False)
        assert (g.edges["a", "c"]["frequency"], g.edges["a", "c"]["tie"]) == ("never", False)
        assert g.graph == {"partnership": "p", "wave_id": "y1", "on": D1}


# -- properties -------------------------------------------------------------------------


@st.composite
def waves(draw: st.DrawFn, symmetric: bool = False) -> Partnership:
    """Two to six members, and one wave of answers among some of them (each answer in a
    pair mirrored when ``symmetric``), recorded in one or two responses a respondent."""
    n = draw(st.integers(2, 6))
    ids = [f"m{i}" for i in range(n)]
    p = Partnership("p", "P")
    for i in ids:
        p = p.join(Partner(i, i.upper(), "third"), on=D1)
    rating = st.none() | st.integers(1, 4)
    every = list(itertools.permutations(ids, 2))
    pairs = draw(st.lists(st.sampled_from(every), min_size=1, unique=True))
    if symmetric:
        pairs = sorted({*pairs, *((b, a) for a, b in pairs)})
    by: dict[str, list[RelationalAnswer]] = {}
    for who, about in pairs:
        answer = RelationalAnswer(
            about=about,
            reliability=draw(rating),
            openness=draw(rating),
            power=draw(rating),
            resources=draw(rating),
            frequency=draw(st.none() | st.sampled_from(ContactFrequency)),
        )
        by.setdefault(who, []).append(answer)
    for who, answers in by.items():
        cut = draw(st.integers(0, len(answers)))
        for part in (answers[:cut], answers[cut:]):
            p = p.record_relational_response(who, part, wave_id="w", on=D1)
    return p


class TestProperties:
    @settings(max_examples=40, deadline=None)
    @given(waves())
    def test_every_score_lies_within_the_scale(self, p: Partnership) -> None:
        s = relational_summary(p, "w")
        rows = relational_scores(p, "w")
        keys = ("trust", "value", *(d.value for d in psp.RelationalDimension))
        for found in [s, *rows]:
            for key in keys:
                assert found[key] is None or 1 <= found[key] <= 4, key  # type: ignore[literal-required]
        assert 0 <= s["density"] <= 1
        assert 0 <= s["degree_centralisation"] <= 1

    @settings(max_examples=30, deadline=None)
    @given(waves(symmetric=True))
    def test_a_symmetric_set_of_answers_is_fully_reciprocated(self, p: Partnership) -> None:
        s = relational_summary(p, "w")
        assert s["reciprocity"] == (1 if s["answers"] else None)

    @settings(max_examples=30, deadline=None)
    @given(waves())
    def test_the_response_rate_counts_each_respondent_once(self, p: Partnership) -> None:
        s = relational_summary(p, "w")
        respondents = {r.respondent for r in p.relational_responses("w")}
        assert s["response_rate"] == Share(len(respondents), len(p.members()))
        assert sum(r["responded"] for r in relational_scores(p, "w")) == len(respondents)

    @settings(max_examples=30, deadline=None)
    @given(waves(), st.data())
    def test_a_refused_response_leaves_nothing_behind(
        self, p: Partnership, data: st.DataObject
    ) -> None:
        before = (p.version, p.relational_waves(), p.relational_responses("w"))
        who = data.draw(st.sampled_from([m.id for m in p.members()]))
        about = data.draw(st.sampled_from([who, "nobody", *(m.id for m in p.members())]))
        answers = [RelationalAnswer(about=about)] * data.draw(st.integers(1, 2))
        day = data.draw(st.sampled_from([D1, D2]))
        with contextlib.suppress(PSPError):
            p.record_relational_response(who, answers, wave_id="w", on=day)
        assert (p.version, p.relational_waves(), p.relational_responses("w")) == before

    @settings(max_examples=25, deadline=None)
    @given(waves())
    def test_the_answers_round_trip_through_plain_data_and_documents(self, p: Partnership) -> None:
        plain = json.loads(json.dumps(psp.to_data(p)))
        again = psp.from_data(plain, Partnership)
        assert again == p
        assert again.relational_responses("w") == p.relational_responses("w")
        assert psp.from_document(psp.to_document(p)) == p
        assert_rows(p)


class TestExample:
    """The Change Fund example's illustrative relational survey of PSP 11."""

    def test_two_waves_show_change(self) -> None:
        p = example.build().partnership("psp-11")
        assert p.relational_waves() == {"year-1": example.MOUS_SIGNED, "year-2": date(2014, 1, 14)}
        c = relational_change(p, "year-1", "year-2")
        assert len(c["partners"]) == len(p.members()) == 6
        assert c["before"]["response_rate"] == Share(5, 6)
        assert c["after"]["response_rate"] == Share(6, 6)
        before, after = c["before"]["trust"], c["after"]["trust"]
        assert before is not None
        assert after is not None
        assert after > before
        assert_rows(p)


@pytest.mark.parametrize("days", [0, 1])
def test_a_wave_is_one_dated_round(days: int) -> None:
    """Every response of a wave carries its date: the next day is refused."""
    p = surveyed()
    later = D1 + timedelta(days=days)
    attempt = [RelationalAnswer(about="a")]
    if days:
        with pytest.raises(psp.RuleViolationError) as info:
            p.record_relational_response("c", attempt, wave_id="y1", on=later)
        assert info.value.code == "relational-wave-date"
    else:
        assert p.record_relational_response("c", attempt, wave_id="y1", on=later).version == (
            p.version + 1
        )
