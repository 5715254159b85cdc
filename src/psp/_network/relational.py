"""A relational survey's measures: trust and value scores per partner and over the
network, reciprocity, the response rate, the density and centralisation of the ties
reported, change between two waves, and the answers as a graph (docs/relational-surveys.md).

The scoring follows the PARTNER tool (Varda et al.). An answer's trust score is the mean
of the trust ratings it gives (reliability, support for the mission, openness to
discussion), its value score the mean of its value ratings (power and influence,
involvement, resources), each on the scale 1 to 4 (:data:`psp.RATING_SCALE`); a
dimension left unanswered is left out of the mean. A partner's score is the mean of the
scores of the answers about it (each respondent's view counts once); the network's is
the mean over every answer (each rated relationship counts once). Every mean is an exact
:class:`fractions.Fraction`, ``None`` when nothing was rated.

A wave asks the members on its date (the *members then*): the response rate is the
share of them that responded, each respondent counted once however many responses it
sent. A tie is reported when an answer says the two organisations have any contact (an
answer of ``never`` reports none); the network's ties are the pairs of members either
of which reports one, its density their share of all pairs, its degree centralisation
Freeman's over them. Reciprocity is the share of answered pairs (pairs where one
answered about the other) where each answered about the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Final, TypedDict

from psp._aggregate.partnership import Partnership
from psp._aggregate.relational import RelationalResponseRecorded
from psp._base.errors import InvalidValueError
from psp._network.graph import _PARTNER_ATTRS, _cached, _organisation_only
from psp._network.survey import Share
from psp._partners.relational import RelationalAnswer, RelationalDimension, _mean

if TYPE_CHECKING:
    from fractions import Fraction

    import networkx as nx

__all__ = [
    "RELATIONAL_ANSWER",
    "RelationalChange",
    "RelationalScoreChange",
    "RelationalScoreRow",
    "RelationalSummary",
    "relational_change",
    "relational_graph",
    "relational_scores",
    "relational_summary",
]

#: The ``kind`` of an edge of :func:`psp.relational_graph`: an answer, never a link.
RELATIONAL_ANSWER: Final = "relational-answer"


class RelationalSummary(TypedDict):
    """A wave's network-level measures (:func:`psp.relational_summary`).

    ``partnership``, ``wave_id`` and ``on`` (the wave's date); ``members``, the
    organisations the wave asks (the members then); ``respondents``, those that
    responded, and ``response_rate``, their :class:`psp.Share` of ``members``;
    ``answers``, the answers given; ``ties``, the pairs of members with a tie reported
    by either, ``density`` their share of all pairs and ``degree_centralisation``
    Freeman's over them (0 for fewer than three members); ``reciprocity``, the share of
    answered pairs answered both ways (``None``: no answers); ``trust`` and ``value``,
    the means of the answers' trust and value scores, and one mean per
    :class:`psp.RelationalDimension` (``reliability`` to ``resources``) of the ratings
    given on it (``None``: none given). Every share and mean is an exact Fraction.
    """

    partnership: str
    wave_id: str
    on: date
    members: int
    respondents: int
    response_rate: Share | None
    answers: int
    ties: int
    density: Fraction
    degree_centralisation: Fraction
    reciprocity: Fraction | None
    trust: Fraction | None
    value: Fraction | None
    reliability: Fraction | None
    mission: Fraction | None
    openness: Fraction | None
    power: Fraction | None
    involvement: Fraction | None
    resources: Fraction | None


class RelationalScoreRow(TypedDict):
    """One member's row of :func:`psp.relational_scores`: ``partnership``, ``wave_id``,
    ``partner`` (its id), ``name`` and ``sector``; ``responded``, whether it responded
    in the wave; ``rated_by``, how many others answered about it; ``trust`` and
    ``value``, the means of those answers' trust and value scores, and one mean per
    dimension (``reliability`` to ``resources``) of the ratings it was given (``None``:
    none given), exact Fractions."""

    partnership: str
    wave_id: str
    partner: str
    name: str
    sector: str
    responded: bool
    rated_by: int
    trust: Fraction | None
    value: Fraction | None
    reliability: Fraction | None
    mission: Fraction | None
    openness: Fraction | None
    power: Fraction | None
    involvement: Fraction | None
    resources: Fraction | None


class RelationalScoreChange(TypedDict):
    """One partner's scores in two waves (:class:`RelationalChange`'s ``scores``):
    ``partner`` (its id), ``trust_before`` and ``trust_after``, ``value_before`` and
    ``value_after`` (``None``: not rated in that wave), exact Fractions."""

    partner: str
    trust_before: Fraction | None
    trust_after: Fraction | None
    value_before: Fraction | None
    value_after: Fraction | None


class RelationalChange(TypedDict):
    """Two waves compared like with like (:func:`psp.relational_change`): over the
    ``partners`` that were members on both waves' dates (ids, in the earlier wave's
    order) and their answers about each other only. ``before`` and ``after`` are each
    wave's :class:`RelationalSummary` over them; ``scores`` holds, per partner,
    ``partner``, ``trust_before``, ``trust_after``, ``value_before`` and
    ``value_after`` (``None``: not rated in that wave)."""

    partnership: str
    earlier: str
    later: str
    partners: tuple[str, ...]
    before: RelationalSummary
    after: RelationalSummary
    scores: list[RelationalScoreChange]


_Answers = list[tuple[str, RelationalAnswer]]


def _wave(p: Partnership, wave_id: str) -> tuple[date, tuple[RelationalResponseRecorded, ...]]:
    if not isinstance(p, Partnership):
        raise InvalidValueError("p", p, "must be a Partnership", code="wrong-type")
    responses = p.relational_responses(wave_id)
    return responses[0].on, responses


def _asked(p: Partnership, on: date, responses: Iterable[RelationalResponseRecorded]) -> list[str]:
    """The members then: the members on the wave's date, and any respondent or
    organisation answered about that left that same day (after answering)."""
    asked = dict.fromkeys(m.id for m in p.members(on))
    for r in responses:
        asked.setdefault(r.respondent)
        for a in r.answers:
            asked.setdefault(a.about)
    return list(asked)


def _kept(
    responses: Iterable[RelationalResponseRecorded], among: frozenset[str] | None
) -> tuple[list[str], _Answers]:
    """The respondents (each once) and their answers, among ``among`` (``None``: all)."""
    respondents: dict[str, None] = {}
    answers: _Answers = []
    for r in responses:
        if among is not None and r.respondent not in among:
            continue
        respondents.setdefault(r.respondent)
        answers.extend((r.respondent, a) for a in r.answers if among is None or a.about in among)
    return list(respondents), answers


def _centralisation(nodes: list[str], ties: set[frozenset[str]]) -> Fraction:
    from fractions import Fraction  # on first use: ``import psp`` does not pay for it

    n = len(nodes)
    if n < 3:
        return Fraction(0)
    degree = dict.fromkeys(nodes, 0)
    for tie in ties:
        for node in tie:
            degree[node] += 1
    top = max(degree.values())
    return Fraction(sum(top - d for d in degree.values()), (n - 1) * (n - 2))


def _summary(
    p: Partnership,
    wave_id: str,
    on: date,
    nodes: list[str],
    respondents: list[str],
    answers: _Answers,
) -> RelationalSummary:
    from fractions import Fraction

    n = len(nodes)
    ties = {frozenset((who, a.about)) for who, a in answers if a.ties}
    answered = {(who, a.about) for who, a in answers}
    pairs = {frozenset(pair) for pair in answered}
    both = sum(1 for who, about in answered if (about, who) in answered) // 2
    return {
        "partnership": p.id,
        "wave_id": wave_id,
        "on": on,
        "members": n,
        "respondents": len(respondents),
        "response_rate": Share(len(respondents), n) if n else None,
        "answers": len(answers),
        "ties": len(ties),
        "density": Fraction(len(ties), n * (n - 1) // 2) if n > 1 else Fraction(0),
        "degree_centralisation": _centralisation(nodes, ties),
        "reciprocity": Fraction(both, len(pairs)) if pairs else None,
        "trust": _mean(a.trust for _, a in answers),
        "value": _mean(a.value for _, a in answers),
        "reliability": _mean(a.reliability for _, a in answers),
        "mission": _mean(a.mission for _, a in answers),
        "openness": _mean(a.openness for _, a in answers),
        "power": _mean(a.power for _, a in answers),
        "involvement": _mean(a.involvement for _, a in answers),
        "resources": _mean(a.resources for _, a in answers),
    }


def relational_summary(p: Partnership, wave_id: str) -> RelationalSummary:
    """Return the network-level measures of wave ``wave_id`` of ``p``'s relational
    survey: response rate, ties, density, degree centralisation, reciprocity, and the
    trust and value scores (see :class:`psp.RelationalSummary` and the module's notes).

    Examples
    --------
    >>> from datetime import date
    >>> from psp import Partner, Partnership, RelationalAnswer
    >>> day = date(2013, 3, 1)
    >>> p = (
    ...     Partnership("p", "P")
    ...     .join(Partner("a", "A", "third"), on=day)
    ...     .join(Partner("b", "B", "third"), on=day)
    ...     .join(Partner("c", "C", "third"), on=day)
    ...     .record_relational_response(
    ...         "a", [RelationalAnswer(about="b", reliability=4, mission=3)], wave_id="y1", on=day
    ...     )
    ... )
    >>> s = relational_summary(p, "y1")
    >>> str(s["response_rate"]), s["ties"], s["density"], s["trust"]
    ('33% (1 of 3)', 1, Fraction(1, 3), Fraction(7, 2))
    """
    on, responses = _wave(p, wave_id)
    respondents, answers = _kept(responses, None)
    return _summary(p, wave_id, on, _asked(p, on, responses), respondents, answers)


def _scores(
    p: Partnership, wave_id: str, nodes: list[str], respondents: list[str], answers: _Answers
) -> list[RelationalScoreRow]:
    about: dict[str, list[RelationalAnswer]] = {n: [] for n in nodes}
    for _, a in answers:
        about[a.about].append(a)
    responded = set(respondents)
    rows: list[RelationalScoreRow] = []
    for node in nodes:
        partner = p.organisation(node)
        given = about[node]
        rows.append(
            {
                "partnership": p.id,
                "wave_id": wave_id,
                "partner": node,
                "name": partner.name,
                "sector": partner.sector.value,
                "responded": node in responded,
                "rated_by": len(given),
                "trust": _mean(a.trust for a in given),
                "value": _mean(a.value for a in given),
                "reliability": _mean(a.reliability for a in given),
                "mission": _mean(a.mission for a in given),
                "openness": _mean(a.openness for a in given),
                "power": _mean(a.power for a in given),
                "involvement": _mean(a.involvement for a in given),
                "resources": _mean(a.resources for a in given),
            }
        )
    return rows


def relational_scores(p: Partnership, wave_id: str) -> list[RelationalScoreRow]:
    """Return each member's trust and value scores in wave ``wave_id``: one
    :class:`psp.RelationalScoreRow` per member then, in the order they joined, of what
    the others said about it."""
    on, responses = _wave(p, wave_id)
    respondents, answers = _kept(responses, None)
    return _scores(p, wave_id, _asked(p, on, responses), respondents, answers)


def relational_change(p: Partnership, earlier: str, later: str) -> RelationalChange:
    """Compare two waves like with like: over the partners that were members on both
    waves' dates, and only their answers about each other (see
    :class:`psp.RelationalChange`). A partner that joined or left between the waves is
    left out of both, so the change is never a change of who was asked."""
    on_before, first = _wave(p, earlier)
    on_after, second = _wave(p, later)
    after_asked = set(_asked(p, on_after, second))
    common = [n for n in _asked(p, on_before, first) if n in after_asked]
    among = frozenset(common)
    summaries = []
    scores = []
    for wave_id, on, responses in ((earlier, on_before, first), (later, on_after, second)):
        respondents, answers = _kept(responses, among)
        summaries.append(_summary(p, wave_id, on, common, respondents, answers))
        scores.append(_scores(p, wave_id, common, respondents, answers))
    return {
        "partnership": p.id,
        "earlier": earlier,
        "later": later,
        "partners": tuple(common),
        "before": summaries[0],
        "after": summaries[1],
        "scores": [
            {
                "partner": b["partner"],
                "trust_before": b["trust"],
                "trust_after": a["trust"],
                "value_before": b["value"],
                "value_after": a["value"],
            }
            for b, a in zip(scores[0], scores[1], strict=True)
        ],
    }


def relational_graph(p: Partnership, wave_id: str) -> nx.DiGraph[str]:
    """Return wave ``wave_id``'s answers as a directed graph, apart from the recorded
    links (:func:`psp.partner_graph` never holds an answer, and this graph never holds
    a link).

    Nodes are the members then, with the organisation attributes
    :func:`psp.partner_graph` gives them (``kind``, ``name``, ``sector``, ...) and
    ``responded``, ``rated_by``, ``trust`` and ``value`` (their row of
    :func:`psp.relational_scores`). Each answer is an edge from the respondent to the
    organisation it is about, with ``kind`` ``"relational-answer"``
    (:data:`psp.RELATIONAL_ANSWER`), ``wave_id``, the six ratings under the
    dimensions' values (``reliability`` ... ``resources``, ``None`` if not answered),
    ``frequency`` (a :class:`psp.ContactFrequency` value or ``None``), ``tie`` (whether
    it reports one), and ``trust`` and ``value``, the answer's scores (exact Fractions
    or ``None``): draw ties weighted by ``trust``. ``graph.graph`` holds
    ``partnership``, ``wave_id`` and ``on``.

    Examples
    --------
    >>> from datetime import date
    >>> from psp import Partner, Partnership, RelationalAnswer
    >>> day = date(2013, 3, 1)
    >>> p = (
    ...     Partnership("p", "P")
    ...     .join(Partner("a", "A", "third"), on=day)
    ...     .join(Partner("b", "B", "third"), on=day)
    ...     .record_relational_response(
    ...         "a", [RelationalAnswer(about="b", openness=2, power=4)], wave_id="y1", on=day
    ...     )
    ... )
    >>> g = relational_graph(p, "y1")
    >>> d = g.edges["a", "b"]
    >>> d["kind"], d["openness"], d["trust"], d["value"], g.nodes["b"]["rated_by"]
    ('relational-answer', 2, Fraction(2, 1), Fraction(4, 1), 1)
    """
    import networkx as nx

    on, responses = _wave(p, wave_id)
    respondents, answers = _kept(responses, None)
    nodes = _asked(p, on, responses)
    g: nx.DiGraph[str] = nx.DiGraph(partnership=p.id, wave_id=wave_id, on=on)
    for row in _scores(p, wave_id, nodes, respondents, answers):
        node = row["partner"]
        g.add_node(node, **_cached(_PARTNER_ATTRS, p.organisation(node), _organisation_only))
        g.nodes[node].update(
            responded=row["responded"],
            rated_by=row["rated_by"],
            trust=row["trust"],
            value=row["value"],
        )
    for who, a in answers:
        g.add_edge(
            who,
            a.about,
            kind=RELATIONAL_ANSWER,
            wave_id=wave_id,
            **{d.value: a.rating(d) for d in RelationalDimension},
            frequency=None if a.frequency is None else a.frequency.value,
            tie=a.ties,
            trust=a.trust,
            value=a.value,
        )
    return g
