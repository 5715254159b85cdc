"""Open vocabularies (issue 18, item 6): link kinds, focuses and survey themes take terms
of your own, ``prefix:name``, beside the built-in values; link kinds have labels and
inverse labels; every reader, writer, export and analysis keeps the terms
(docs/vocabularies.md)."""

from __future__ import annotations

import enum
import pickle
import re
from datetime import date
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import (
    LINK_LABELS,
    TERM_PATTERN,
    Focus,
    InvalidValueError,
    LinkKind,
    Partner,
    Partnership,
    Policy,
    Portfolio,
    Statement,
    Survey,
    Tally,
    Term,
    Theme,
)
from psp._base.vocabulary import term_of, terms_of
from psp._interchange.conversion import FIELD_TYPES, _converter, _fast_reader
from psp._interchange.fast_reading import DECLINED
from psp._interchange.field_types import Open
from psp.testing import terms

from .test_exports import assert_valid_hsds

D0, D1, D2 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1)
ALDER = Partner("a", "Alder Trust", "third")
BIRCH = Partner("b", "Birch CJA", "public", public_body_kind="cja")
OPEN: list[type[enum.StrEnum]] = [LinkKind, Focus, Theme]

#: Any text in the form: the grammar, drawn (at most 100 characters).
WELL_FORMED = st.from_regex(
    r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}:[a-z0-9]{1,5}(-[a-z0-9]{1,3}){0,2}", fullmatch=True
)
#: Text with a colon that is not in the form.
MALFORMED = st.text(alphabet="aZ0-: _\n.", min_size=1, max_size=12).filter(
    lambda t: ":" in t and re.fullmatch(TERM_PATTERN[1:-1], t) is None
)


def plain(text: str) -> Any:
    """Text as a document or untyped code passes it: typed code writes ``Term(text)``."""
    return text


def small() -> Partnership:
    return Partnership("p", "P").join(ALDER, on=D0, roles={"lead"}).join(BIRCH, on=D0)


def with_terms(term: Any) -> Partnership:
    """A partnership whose focus, a link's kind and a defined kind are ``term``."""
    return (
        Partnership("p", "P", focus={"women", term})
        .join(ALDER, on=D0, roles={"lead"})
        .join(BIRCH, on=D0)
        .link("b", "a", term, on=D0)
        .define_link_kind(term, label="mentors", inverse_label="is mentored by", on=D1)
    )


class TestTheForm:
    """A built-in value reads as its member, a term as a Term; anything else is refused."""

    @pytest.mark.parametrize("cls", OPEN, ids=lambda c: c.__name__)
    def test_built_in_values_are_unchanged_and_have_no_colon(self, cls: type[enum.Enum]) -> None:
        for member in cls:
            assert ":" not in member.value
            assert term_of(cls, "f", member.value) is member
            assert term_of(cls, "f", member) is member

    def test_a_term_reads_as_a_term_equal_to_its_text(self) -> None:
        found = term_of(LinkKind, "kind", "acme:mentors")
        assert type(found) is Term
        assert found == "acme:mentors"
        assert hash(found) == hash("acme:mentors")
        assert (found.prefix, found.name) == ("acme", "mentors")
        assert term_of(LinkKind, "kind", found) is found
        assert repr(found) == "Term('acme:mentors')"

    def test_text_of_a_str_subclass_is_taken_as_plain_text(self) -> None:
        class Loud(str):
            pass

        found = term_of(Theme, "theme", Loud("evaluation:impact"))
        assert type(found) is Term
        assert type(Term(Loud("acme:x"))) is Term
        # Another enum's member is taken by its value, here not a theme.
        with pytest.raises(InvalidValueError) as refused:
            term_of(Theme, "theme", Focus.OTHER)
        assert refused.value.code == "unknown-choice"

    @pytest.mark.parametrize("value", [7, None, b"acme:x", ["acme:x"]])
    def test_what_is_not_text_is_refused_as_an_unknown_choice(self, value: object) -> None:
        with pytest.raises(InvalidValueError) as refused:
            term_of(LinkKind, "kind", value)
        assert refused.value.code == "unknown-choice"
        with pytest.raises(InvalidValueError) as malformed:
            Term(value)  # type: ignore[arg-type]
        assert malformed.value.code == "malformed-term"

    def test_a_term_longer_than_100_characters_is_refused(self) -> None:
        assert Term("a:" + "b" * 98) == "a:" + "b" * 98
        with pytest.raises(InvalidValueError) as refused:
            Term("a:" + "b" * 99)
        assert refused.value.code == "malformed-term"

    @settings(max_examples=50)
    @given(MALFORMED, st.sampled_from(OPEN))
    def test_a_malformed_term_is_refused_naming_the_field(
        self, text: str, cls: type[enum.Enum]
    ) -> None:
        with pytest.raises(InvalidValueError) as refused:
            term_of(cls, "field", text)
        assert (refused.value.field, refused.value.code) == ("field", "malformed-term")

    @settings(max_examples=50)
    @given(WELL_FORMED)
    def test_every_term_in_the_form_is_taken_and_matches_the_pattern(self, text: str) -> None:
        assert re.fullmatch(TERM_PATTERN[1:-1], text)
        assert term_of(Focus, "focus", text) == text

    def test_malformed_terms_are_refused_by_each_constructor_naming_its_field(self) -> None:
        cases: list[tuple[Any, str]] = [
            (lambda: small().link("a", "b", plain("acme:"), on=D1), "kind"),
            (lambda: Partnership("p", "P", focus=[plain("ok:a"), plain("A:b")]), "focus[1]"),
            (lambda: Statement("s", plain(":impact"), "T"), "theme"),
            (
                lambda: Policy(expected_public_bodies={plain("x:"): ["cja"]}),
                "expected_public_bodies",
            ),
            (lambda: small().links_on(kinds=[plain("acme:x"), plain("a::b")]), "kinds[1]"),
        ]
        for make, field in cases:
            with pytest.raises(InvalidValueError) as refused:
                make()
            assert (refused.value.field, refused.value.code) == (field, "malformed-term")

    def test_sets_of_members_are_shared_sets_with_terms_are_not(self) -> None:
        assert terms_of(Focus, "focus", ["women"]) is terms_of(Focus, "focus", {"women"})
        assert terms_of(Focus, "focus", frozenset({"women"})) is terms_of(Focus, "focus", ["women"])
        assert terms_of(Focus, "focus", frozenset({"acme:x"})) == {"acme:x"}
        own = terms_of(Focus, "focus", ["women", "acme:young"])
        assert own == {Focus.WOMEN, "acme:young"}
        assert own is not terms_of(Focus, "focus", ["women", "acme:young"])
        assert terms_of(Focus, "focus", []) == frozenset()

    @settings(max_examples=25)
    @given(terms())
    def test_the_testing_strategy_draws_terms(self, term: Term) -> None:
        assert type(term) is Term
        assert Term(str(term)) == term


class TestRoundTrips:
    """A term survives every reader and writer, as a link kind, a focus and a theme."""

    @settings(max_examples=25, deadline=None)
    @given(WELL_FORMED)
    def test_any_term_round_trips_through_every_reader(self, text: str) -> None:
        p = with_terms(text)
        data = psp.to_data(p)
        assert data["focus"] == sorted([text, "women"])
        assert psp.from_data(data, Partnership) == p
        fast = _fast_reader().read(data, Partnership)
        assert fast is not DECLINED
        assert fast == p
        slow = _converter().structure(data, Partnership)
        assert slow == p
        assert type(slow.links[0].kind) is Term
        assert psp.from_document(psp.to_document(p)) == p
        assert pickle.loads(pickle.dumps(p)) == p
        for event in p.history:
            assert psp.from_document(psp.to_document(event)) == event
        org = psp.to_org_jsonld(p)  # the export that writes a focus before a pilot
        assert [n["skos:prefLabel"] for n in org["@graph"] if n.get("skos:notation") == text] == [
            text.partition(":")[2].replace("-", " ")
        ]
        statement = Statement("s", text, "T", Tally(agree=1))  # type: ignore[arg-type]
        assert psp.from_data(psp.to_data(statement), Statement) == statement
        assert _converter().structure(psp.to_data(statement), Statement) == statement

    def test_only_an_enum_or_nothing_else_is_opened_by_term(self) -> None:
        assert FIELD_TYPES.describe(LinkKind | Term) == Open(LinkKind)
        assert FIELD_TYPES.describe(Term) == Open(None)
        with pytest.raises(TypeError, match=r"psp reads and writes no int \| "):
            FIELD_TYPES.describe(int | Term)

    def test_the_schema_and_the_openapi_components_take_a_term(self) -> None:
        p = with_terms("acme:mentors")
        schema = jsonschema.Draft202012Validator(psp.json_schema("partnership"))
        doc = psp.to_document(p)
        assert schema.is_valid(doc)
        bad = psp.to_document(p)
        bad["data"]["focus"] = ["Acme:Mentors"]
        assert not schema.is_valid(bad)
        bad["data"]["focus"] = ["mentors"]
        assert not schema.is_valid(bad)
        components = psp.openapi_components()["schemas"]
        assert components["Term"]["pattern"] == TERM_PATTERN
        assert components["LinkKindOrTerm"]["anyOf"][1] == {"$ref": "#/components/schemas/Term"}

    def test_the_readers_refuse_a_malformed_term_with_its_path(self) -> None:
        data = psp.to_data(with_terms("acme:mentors"))
        data["history"][-1]["kind"] = "acme:"
        data["focus"] = ["women", 7]
        with pytest.raises(psp.ConversionError) as refused:
            psp.from_data(data, Partnership)
        found = {(p.path, p.reason.split(" (got")[0]) for p in refused.value.problems}
        assert ("$.history[5].kind", psp._base.vocabulary.TERM_RULE) in found
        assert any(path == "$.focus[1]" and "is not a focus" in r for path, r in found)

    def test_a_portfolio_link_of_a_kind_of_your_own_round_trips(self) -> None:
        q = Partnership("q", "Q").join(Partner("c", "Cedar", "third"), on=D0)
        fund = Portfolio("f", "F", [with_terms("acme:mentors"), q]).link(
            "c", "a", Term("acme:shares-premises"), on=D1
        )
        assert type(fund.links[0].kind) is Term
        assert psp.from_data(psp.to_data(fund), Portfolio) == fund
        as_text = attrs.evolve(fund.links[0], kind=plain("acme:shares-premises"))
        again = Portfolio("f", "F", fund.partnerships, links=[as_text])
        assert type(again.links[0].kind) is Term
        ended = fund.unlink("c", "a", "acme:shares-premises", on=D2)  # type: ignore[arg-type]
        assert ended.links_on(kinds=[Term("acme:shares-premises")]) == ()


class TestLabels:
    """Every link kind reads two ways; a kind of your own is labelled by an event."""

    def test_every_built_in_kind_has_a_label_and_an_inverse_label(self) -> None:
        assert set(LINK_LABELS) == set(LinkKind)
        for kind in LinkKind:
            assert (kind.label, kind.inverse_label) == LINK_LABELS[kind]
            assert kind.label
            assert kind.inverse_label
        assert len({k.label for k in LinkKind}) == len(LinkKind)

    def test_an_undefined_kind_of_your_own_is_labelled_by_its_term(self) -> None:
        p = small().link("a", "b", Term("acme:mentors"), on=D1)
        assert p.link_labels(plain("acme:mentors")) == ("acme:mentors", "inverse of acme:mentors")
        assert p.link_labels(LinkKind.FUNDS) == ("funds", "is funded by")
        assert dict(p.link_kinds_defined) == {}

    def test_a_later_definition_replaces_the_labels(self) -> None:
        p = with_terms("acme:mentors")
        q = p.define_link_kind(
            Term("acme:mentors"), label="coaches", inverse_label="is coached by", on=D2
        )
        assert p.link_labels(plain("acme:mentors")) == ("mentors", "is mentored by")
        assert q.link_labels(plain("acme:mentors")) == ("coaches", "is coached by")
        assert list(q.link_kinds_defined) == ["acme:mentors"]
        # The graph of each partnership shows its own labels, though they share the link.
        assert [d["label"] for _, _, d in psp.partner_graph(p).edges(data=True)] == ["mentors"]
        assert [d["label"] for _, _, d in psp.partner_graph(q).edges(data=True)] == ["coaches"]

    def test_the_graph_carries_labels_on_every_edge(self) -> None:
        p = with_terms("acme:mentors").link("a", "b", "funds", on=D1)
        g = psp.partner_graph(p, include_partnerships=True)
        labels = {
            (u, v, d["kind"]): (d["label"], d["inverse_label"]) for u, v, d in g.edges(data=True)
        }
        assert labels[("b", "a", "acme:mentors")] == ("mentors", "is mentored by")
        assert labels[("a", "b", "funds")] == ("funds", "is funded by")
        assert labels[("a", "partnership:p", "member-of")] == ("member of", "has member")
        assert psp.partner_graph(p, kinds=[plain("acme:mentors")]).graph["kinds"] == (
            "acme:mentors",
        )

    def test_a_portfolio_link_takes_the_first_definition_of_its_kind(self) -> None:
        q = (
            Partnership("q", "Q")
            .join(Partner("c", "Cedar", "third"), on=D0)
            .define_link_kind(
                Term("acme:mentors"), label="guides", inverse_label="is guided by", on=D0
            )
        )
        fund = Portfolio("f", "F", [q, with_terms("acme:mentors")]).link(
            "c", "a", Term("acme:mentors"), on=D1
        )
        assert fund.link_labels(plain("acme:mentors")) == ("guides", "is guided by")
        assert fund.link_labels(plain("acme:other")) == ("acme:other", "inverse of acme:other")
        assert fund.link_labels("funds") == ("funds", "is funded by")
        g = psp.partner_graph(fund)
        portfolio_edge = [d for _, _, d in g.edges(data=True) if d["partnership"] is None]
        assert [d["label"] for d in portfolio_edge] == ["guides"]


class TestConsumers:
    """The analyses, the policy, the survey and the exports keep working with terms."""

    def test_analyses_select_and_list_kinds_of_your_own(self) -> None:
        p = (
            small()
            .join(Partner("c", "Cedar", "third"), on=D0)
            .link("b", "a", Term("acme:refers"), on=D1)
            .link("a", "c", "refers-to", on=D1)
            .link("a", "c", Term("acme:mentors"), on=D1)
        )
        g = psp.partner_graph(p)
        assert psp.referral_path(g, "b", "c") is None  # the default kinds are psp's
        assert psp.referral_path(g, "b", "c", kinds=[plain("acme:refers"), "refers-to"]) == [
            "b",
            "a",
            "c",
        ]
        assert [r["kind"] for r in psp.link_kind_profile(g)] == [
            "refers-to",
            "acme:mentors",
            "acme:refers",
        ]
        ties = psp.tie_graph(g, kinds=[Term("acme:mentors")])
        assert list(ties.edges) == [("a", "c")]
        assert psp.multiplexity(g, "a", "c") == 2

    def test_a_policy_may_name_a_focus_of_your_own(self) -> None:
        policy = Policy(expected_public_bodies={plain("acme:young-adults"): ["local-authority"]})
        assert policy.expected_public_bodies_for([plain("acme:young-adults")]) == {
            "local-authority"
        }
        assert Policy.rrcf().expected_public_bodies_for([plain("acme:young-adults")]) == frozenset()
        p = Partnership("p", "P", focus={plain("acme:young-adults")}, policy=policy)
        assert [r["focus"] for r in psp.missing_public_bodies(p, policy)] == [
            ("acme:young-adults",)
        ]
        assert psp.from_data(psp.to_data(policy), Policy) == policy

    def test_by_theme_has_every_built_in_theme_then_those_used(self) -> None:
        s = Survey(
            "s",
            "S",
            [
                Statement("a", plain("evaluation:impact"), "A"),
                Statement("b", "trust", "B"),
                Statement("c", plain("evaluation:set-up"), "C"),
                Statement("d", plain("evaluation:impact"), "D"),
            ],
        )
        grouped = s.by_theme()
        assert list(grouped) == [*Theme, "evaluation:impact", "evaluation:set-up"]
        assert [x.id for x in grouped[plain("evaluation:impact")]] == ["a", "d"]
        assert [r["theme"] for r in s.results()] == [
            "evaluation:impact",
            "trust",
            "evaluation:set-up",
            "evaluation:impact",
        ]
        assert all(type(r["theme"]) is str for r in s.results())

    def test_the_exports_write_a_focus_of_your_own(self, low_moss: Partnership) -> None:
        p = attrs.evolve(low_moss, focus=low_moss.focus | {plain("acme:young-adults")})
        hsds = psp.to_hsds(p)
        assert hsds["service"]["eligibility_description"] == (
            "For people leaving prison; people held on remand; young adults."
        )
        assert_valid_hsds(hsds)
        org = psp.to_org_jsonld(p, base="https://example.org/")
        own = "https://example.org/focus/acme%3Ayoung-adults"
        assert {"@id": own} in org["@graph"][0]["org:purpose"]
        concept = next(n for n in org["@graph"] if n["@id"] == own)
        assert (concept["skos:prefLabel"], concept["skos:notation"]) == (
            "young adults",
            "acme:young-adults",
        )
        assert psp.to_org_jsonld(low_moss)["@graph"][0]["org:purpose"] == [
            {"@id": "urn:psp:focus/prison-leavers"},
            {"@id": "urn:psp:focus/remand"},
        ]
