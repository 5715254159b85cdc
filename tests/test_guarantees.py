"""The guarantees of docs/guarantees.md that are not fuzzed: frozen objects, refusals
that change nothing, determinism across processes, no code from data, bounded work,
and a wrong-typed argument refused by the value it was given to, with its field named."""

from __future__ import annotations

import ast
import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import psp
from psp import (
    Cadence,
    GovernanceStructure,
    Group,
    InvalidValueError,
    Meeting,
    MoU,
    OrgId,
    Partner,
    Partnership,
    Policy,
    PSPError,
    RuleViolationError,
    Step,
)
from psp._aggregate import events
from psp._aggregate.state import Recorded, State

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "psp"
D0, D1, D2 = date(2012, 4, 1), date(2012, 6, 1), date(2012, 9, 1)
A = Partner("a", "A", "third")
B = Partner("b", "B", "public", public_body_kind="cja", areas={"Fife"})


def small() -> Partnership:
    return Partnership("p", "P").join(A, on=D0, roles={"lead"}).join(B, on=D0)


class TestImmutability:
    """Objects are frozen; commands return new ones; a refusal changes nothing."""

    def test_objects_are_frozen(self, low_moss: Partnership) -> None:
        for obj in (
            low_moss,
            low_moss.history[0],
            A,
            low_moss.mous()[0],
            low_moss.bids()[0],
            low_moss.policy,
        ):
            field = attrs.fields(type(obj))[0].name
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(obj, field, None)

    def test_collections_handed_out_cannot_change_the_partnership(self) -> None:
        p = small()
        before = psp.to_data(p)
        with pytest.raises(TypeError):
            p.organisations["z"] = A  # type: ignore[index]
        p.reimbursements()["a"] = psp.ReimbursementStatus.ACCEPTED
        p.members_by_role()[psp.Role.LEAD] = ()
        assert psp.to_data(p) == before
        assert p.reimbursements() == {}

    def test_a_refused_command_changes_nothing(self) -> None:
        p = small()
        before, members = psp.to_data(p), p.memberships
        with pytest.raises(RuleViolationError):
            p.change_roles("b", {"lead"}, on=D1)
        assert (psp.to_data(p), p.memberships, p.lead()) == (before, members, A)

    def test_a_refused_record_of_several_events_adds_none(self) -> None:
        p = small()
        good = events.MemberLeft(on=D1, partner_id="b")
        bad = events.MemberLeft(on=D2, partner_id="zz")
        with pytest.raises(PSPError) as info:
            p.record(good, bad)
        assert info.value.field == "history[5].partner_id"
        assert len(p.history) == 4
        assert p.is_member("b")


class TestOneErrorRoot:
    """Every error psp exports is a PSPError, and also the built-in a caller expects."""

    def test_every_exported_error_has_the_one_root(self) -> None:
        errors = [
            obj
            for name in psp.__all__
            if isinstance(obj := getattr(psp, name), type) and issubclass(obj, BaseException)
        ]
        assert len(errors) >= 6
        for error in errors:
            assert issubclass(error, PSPError)
            assert error is PSPError or issubclass(error, ValueError | LookupError)


class TestDeterminism:
    """Same input, same output: in this process and in others with other hash seeds
    (string hashing changes set order from one process to the next)."""

    SCRIPT = (
        "import json, sys; sys.path.insert(0, 'examples'); import low_moss, psp; "
        "p = low_moss.build(); g = psp.partner_graph(p); "
        "print(json.dumps([psp.to_data(p), list(g.nodes), [list(e) for e in g.edges], "
        "[psp.to_data(f) for f in psp.Policy.rrcf().check(p)]]))"
    )

    def run(self, seed: str) -> Any:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", self.SCRIPT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(out.stdout)

    def test_output_is_the_same_under_any_hash_seed(self) -> None:
        first = self.run("0")
        assert self.run("1") == first
        assert self.run("12345") == first

    def test_sets_are_written_as_sorted_lists(self) -> None:
        p = Partnership("p", "P", focus={"women", "remand", "prison-leavers"}, areas={"b", "a"})
        data = psp.to_data(p)
        assert data["focus"] == ["prison-leavers", "remand", "women"]
        assert data["areas"] == ["a", "b"]


class TestNoCodeFromData:
    """Reading data builds only psp's own classes: a tag is looked up in a fixed table,
    never imported, evaluated or unpickled."""

    @pytest.mark.parametrize(
        "tag",
        [
            "os.system",
            "builtins.eval",
            "psp._aggregate.events.MemberJoined",
            "MemberJoined",
            "__class__",
            "!!python/object/apply:os.system",
            "py/object",
        ],
    )
    def test_unknown_tags_are_refused(self, tag: str) -> None:
        doc = psp.to_data(small())
        doc["history"][1]["type"] = tag
        with pytest.raises(psp.ConversionError) as info:
            psp.from_data(doc, Partnership)
        assert [p.path for p in info.value.problems] == ["$.history[1].type"]

    def test_tags_name_only_event_classes(self) -> None:
        from psp._interchange.conversion import EVENT_TAGS

        assert all(issubclass(cls, Recorded) for cls in EVENT_TAGS)

    @pytest.mark.parametrize("cls", ["Partnership", "psp.Partnership", 0])
    def test_a_class_named_by_text_is_not_looked_up(self, cls: Any) -> None:
        with pytest.raises(psp.ConversionError):
            psp.from_data({"id": "p", "name": "P"}, cls)

    def test_source_loads_no_code(self) -> None:
        # tests/test_package.py forbids eval, exec, __import__, pickle and importlib;
        # these are the other ways to run code named by data.
        banned_calls = {"compile", "globals", "vars"}
        banned_modules = {"marshal", "shelve", "dill", "cloudpickle", "jsonpickle", "yaml"}
        found = []
        for path in sorted(SRC.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    names = {node.func.id} & banned_calls
                elif isinstance(node, ast.Import | ast.ImportFrom):
                    modules = (
                        [a.name for a in node.names]
                        if isinstance(node, ast.Import)
                        else [node.module or ""]
                    )
                    names = {m.split(".")[0] for m in modules} & banned_modules
                else:
                    continue
                found += [f"{path.relative_to(SRC).as_posix()}:{node.lineno}: {n}" for n in names]
        assert found == []


class TestBoundedWork:
    """Work grows with the input, never with the history already recorded."""

    def count_applies(self, monkeypatch: pytest.MonkeyPatch) -> list[int]:
        calls = [0]
        original = State.apply

        def counting(self: State, event: Any) -> None:
            calls[0] += 1
            original(self, event)

        monkeypatch.setattr(State, "apply", counting)
        return calls

    def test_a_command_applies_only_its_own_events(
        self, low_moss: Partnership, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        calls = self.count_applies(monkeypatch)
        low_moss.join(Partner("new", "New", "third"), on=date(2012, 12, 1))
        assert calls[0] == 2  # the organisation added, and the member joined

    def test_reading_applies_each_event_once(
        self, low_moss: Partnership, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        doc = psp.to_data(low_moss)
        calls = self.count_applies(monkeypatch)
        psp.from_data(doc, Partnership)
        assert calls[0] == len(low_moss.history)

    def test_problems_are_at_most_the_faults(self) -> None:
        doc = psp.to_data(small())
        doc["history"] = [{"type": "member-joined"}] * 500
        with pytest.raises(psp.ConversionError) as info:
            psp.from_data(doc, Partnership)
        assert len(info.value.problems) <= 500 * 5  # each event lacks its four fields


def refused(make: Callable[[], object]) -> InvalidValueError | RuleViolationError:
    with pytest.raises(PSPError) as info:
        make()
    assert isinstance(info.value, InvalidValueError | RuleViolationError)
    return info.value


GOVERNANCE = GovernanceStructure("single-tier", [Group("g", "G", "governance", members={"a"})])


def W(value: object) -> Any:
    """A value of the wrong type, passed where the signature wants another."""
    return value


WRONG_TYPES: list[tuple[str, Callable[[], object], str]] = [
    (
        "commitment measures",
        lambda: psp.SustainabilityCommitment(id="c", by="a", measures="x"),  # type: ignore[arg-type]
        "measures",
    ),
    ("fund streams", lambda: psp.Fund("f", "F", streams="x"), "streams"),  # type: ignore[arg-type]
    ("org-id scheme", lambda: OrgId(W(5), "x"), "scheme"),
    ("org-id identifier", lambda: OrgId("GB-SC", W(5)), "identifier"),
    ("partner identifiers", lambda: Partner("a", "A", "third", identifiers="x"), "identifiers"),
    ("policy switch", lambda: Policy(mou_before_pilot=W("yes")), "policy"),
    ("cadence up to", lambda: Cadence(1, "weeks", 521), "up_to"),
    ("cadence end", lambda: Cadence(1, "weeks").expected_dates(D1, D0), "end"),
    ("group flag", lambda: Group("g", "G", "governance", minuted=W("x")), "minuted"),
    ("group cadence", lambda: Group("g", "G", "governance", cadence=W("x")), "cadence"),
    ("structure groups", lambda: GovernanceStructure("single-tier", W("x")), "groups"),
    ("structure group", lambda: GovernanceStructure("single-tier", W(["x"])), "groups[0]"),
    ("unknown group", lambda: GOVERNANCE.group("nope"), "group_id"),
    (
        "meeting attendees",
        lambda: Meeting(on=D0, kind="governance-group", attendees="x"),  # type: ignore[arg-type]
        "attendees",
    ),
    (
        "meeting attendee",
        lambda: Meeting(on=D0, kind="governance-group", attendees=["x"]),  # type: ignore[list-item]
        "attendees[0]",
    ),
    ("meeting agenda", lambda: Meeting(on=D0, kind="governance-group", agenda="x"), "agenda"),
    ("meeting minuted", lambda: Meeting(on=D0, kind="governance-group", minuted=W("x")), "minuted"),
    ("mou clauses", lambda: MoU(id="m", drafted_on=D0, parties={"a"}, clauses="x"), "clauses"),  # type: ignore[arg-type]
    ("mou clause", lambda: MoU(id="m", drafted_on=D0, parties={"a"}, clauses=["x"]), "clauses[0]"),  # type: ignore[list-item]
    (
        "mou governance",
        lambda: MoU(id="m", drafted_on=D0, parties={"a"}, governance=W("x")),
        "governance",
    ),
    ("description", lambda: Partnership("p", "P", description=5), "description"),  # type: ignore[arg-type]
    ("policy", lambda: Partnership("p", "P", policy=W("rrcf")), "policy"),
    ("history", lambda: Partnership("p", "P", history=W(5)), "history"),
    ("findings policy", lambda: small().findings(W("rrcf")), "policy"),
    ("organisation", lambda: events.OrganisationAdded(on=D0, partner=W("a")), "partner"),
    ("add organisation", lambda: small().add_organisation(W("a"), on=D1), "partner"),
    ("link note", lambda: small().link("a", "b", "funds", on=D1, note=W(5)), "note"),
    (
        "representative authority",
        lambda: small().name_representative("a", "Ann", on=D1, can_decide=W("yes")),
        "can_decide",
    ),
    ("meeting event", lambda: events.MeetingHeld(meeting=W("x")), "meeting"),
    (
        "endorsement",
        lambda: events.BidEndorsed(
            on=D0,
            bid_id="b",
            partner_id="b",
            area="Fife",
            given="y",  # type: ignore[arg-type]
        ),
        "given",
    ),
    ("decision", lambda: small().decide_bid("x", on=D1, awarded=W("yes")), "awarded"),
    ("award amount", lambda: small().decide_bid("x", on=D1, awarded=True, amount=0), "amount"),
    ("outcome", lambda: small().resolve_condition("c", "x", W("yes"), on=D1), "outcome"),
    ("tender value", lambda: small().award_tender("t", "a", on=D1, value=-1), "value"),
    (
        "signposted by itself",
        lambda: small().join(
            Partner("c", "C", "third"), on=D1, engagement="signposted", signposted_by="c"
        ),
        "signposted_by",
    ),
    (
        "seat left the day taken",
        lambda: small().take_seat(Partner("f", "F", "third"), on=D1).leave_seat("f", on=D1),
        "on",
    ),
    (
        "stood down the day named",
        lambda: (
            small()
            .name_representative("a", "Ann", on=D1)
            .stand_down_representative("a", "Ann", on=D1)
        ),
        "on",
    ),
    (
        "unlinked the day linked",
        lambda: small().link("a", "b", "funds", on=D1).unlink("a", "b", "funds", on=D1),
        "on",
    ),
    (
        "cadence of a group without one",
        lambda: small().adopt_governance(GOVERNANCE, on=D1).cadence_check("g", D1, D2),
        "group_id",
    ),
]


@pytest.mark.parametrize(("case", "make", "field"), WRONG_TYPES, ids=[c for c, _, _ in WRONG_TYPES])
def test_refusals_name_the_field(case: str, make: Callable[[], object], field: str) -> None:
    assert refused(make).field == field


class TestQueriesAtEdges:
    """Queries whose answer is 'nothing yet' or 'not then'."""

    def test_no_meetings_no_size_range(self) -> None:
        assert small().meeting_size_range() is None

    def test_governance_before_it_was_adopted(self) -> None:
        p = small().adopt_governance(GOVERNANCE, on=D1)
        assert p.governance(D0) is None
        assert p.governance(D2) == GOVERNANCE

    def test_a_group_found_after_others(self) -> None:
        two = GovernanceStructure(
            "two-tier",
            [
                Group("s", "S", "strategic", members={"a"}),
                Group("o", "O", "operational", members={"b"}, reports_to="s"),
            ],
        )
        assert two.group("o").name == "O"

    def test_monthly_cadence_as_an_rrule(self) -> None:
        rule = Cadence(2, "months").to_rrule(D0, D2)
        assert [d.date() for d in rule] == [D0, date(2012, 6, 1), date(2012, 8, 1)]

    def test_a_policy_without_cja_sign_off_does_not_warn(self) -> None:
        bid = psp.Bid(id="b1", funder="b", purpose="pilot", drafted_on=D1, areas={"Fife"})
        p = (
            small()
            .step(Step.START_DESIGN, on=D1)
            .partnership.draft_bid(bid)
            .submit_bid("b1", on=D1)
            .decide_bid("b1", on=D2, awarded=True)
        )
        rules = [f.rule for f in p.blockers(Step.START_PILOT)]
        assert "cja-sign-off" in rules
        quiet = Partnership("p", "P", policy=Policy(cja_sign_off=False), history=p.history)
        assert "cja-sign-off" not in [f.rule for f in quiet.blockers(Step.START_PILOT)]

    def test_a_float_field_refuses_infinity(self) -> None:
        with pytest.raises(psp.ConversionError) as info:
            psp.from_data({"name": "x", "value": float("inf")}, psp.Baseline)
        assert info.value.problems[0].path == "$.value"
        assert "finite" in info.value.problems[0].reason


# -- readers under hostile input (issue 20) ------------------------------------------------


def problems_of(read: Callable[[], object]) -> list[str]:
    """The problems a reader reports, as text; any exception but ConversionError fails."""
    try:
        read()
    except psp.ConversionError as e:
        return [str(p) for p in e.problems]
    raise AssertionError("accepted")


class StrLike(str):
    """Text that raises when compared: a caller's object, not JSON."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    def __ne__(self, other: object) -> bool:
        raise RuntimeError("compared")

    __hash__ = str.__hash__


class ClaimsStr:
    """An object whose ``__class__`` says it is text."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return str

    def strip(self) -> str:
        raise RuntimeError("stripped")


class IntLike(int):
    def __lt__(self, other: object) -> bool:
        raise RuntimeError("compared")

    __le__ = __gt__ = __ge__ = __lt__


class RaisesEverywhere:
    """An object that raises in ``__eq__``, ``__hash__`` and ``__repr__``."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        raise RuntimeError("hash")

    def __repr__(self) -> str:
        raise RuntimeError("repr")


class DictLike(dict):  # type: ignore[type-arg]
    def get(self, *args: Any) -> Any:
        raise RuntimeError("looked up")

    def __contains__(self, key: object) -> bool:
        raise RuntimeError("looked up")


class TestRefusalsLeaveNothingBehind:
    """A refused document is gone once its refusal is: no traceback, cache or error keeps
    it or the readers' frames (issue 20, 1)."""

    @staticmethod
    def bad_dates(n: int, start: int) -> list[dict[str, Any]]:
        # Each text a different impossible date: a cache keyed on any text keeps them all.
        return [
            {"on": f"{year:04d}-02-30", "partner_id": "a", "reason": ""}
            for year in range(start, start + n)
        ]

    def growth(self, docs: list[Any], cls: Any) -> int:
        import gc
        import tracemalloc

        def refuse_all(batch: list[Any]) -> None:
            for doc in batch:
                try:
                    psp.from_data(doc, cls)
                except psp.ConversionError:
                    continue
                raise AssertionError("accepted")

        def measure(batch: list[Any]) -> int:
            gc.collect()
            gc.disable()  # reference cycles would hold memory until a collection: none are made
            tracemalloc.start()
            try:
                before = tracemalloc.get_traced_memory()[0]
                refuse_all(batch)
                return tracemalloc.get_traced_memory()[0] - before
            finally:
                tracemalloc.stop()
                gc.enable()

        refuse_all(docs[:50])  # the converter and readers built, caches warm
        # Two fresh batches, each measured: what a refusal keeps grows in both, while
        # something built once on first use (whatever the tests before this one left
        # unbuilt, under pytest-xdist's changing order) grows only the first.
        half = 50 + (len(docs) - 50) // 2
        return min(measure(docs[50:half]), measure(docs[half:]))

    def test_memory_returns_after_many_refused_dates(self) -> None:
        docs = self.bad_dates(3_000, 1000)
        assert self.growth(docs, psp.MemberLeft) < 20_000  # under 14 bytes a refusal

    def test_memory_returns_after_many_refused_partnerships(self) -> None:
        doc = psp.to_data(small())
        docs = []
        for year in range(1000, 2500):
            bad = copy.deepcopy(doc)
            bad["history"][1]["on"] = f"{year:04d}-02-30"
            docs.append(bad)
        assert self.growth(docs, Partnership) < 20_000

    def test_the_error_keeps_neither_the_document_nor_a_chain(self) -> None:
        import tracemalloc

        tracemalloc.start()
        try:
            doc = {"id": "p", "name": "P", "focus": ["x" * 1_000_000]}
            base = tracemalloc.get_traced_memory()[0]
            try:
                psp.from_data(doc, Partnership)
            except psp.ConversionError as e:
                error = e
            del doc
            held = tracemalloc.get_traced_memory()[0] - base
        finally:
            tracemalloc.stop()
        assert error.__context__ is None
        assert error.__cause__ is None
        assert held < -900_000  # the megabyte went with the document


class TestKeysThatAreNotText:
    """A mapping key that is not text is refused at its path, by every reader (issue 20, 2)."""

    @pytest.mark.parametrize(
        ("doc", "expected"),
        [
            ({"id": "p", "name": "P", 5: "x"}, ["$: has a key that is not text (got 5)"]),
            (
                {"id": "p", "name": "P", 5: "x", None: 1, "z": 2},
                ["$: has a key that is not text (got 5)", "$: has a key that is not text"],
            ),
            (
                {"id": "p", "name": "P", "policy": {("a",): 1}},
                ["$.policy: has a key that is not text (got a tuple)"],
            ),
        ],
        ids=["int", "mixed", "nested tuple"],
    )
    def test_from_data(self, doc: dict[Any, Any], expected: list[str]) -> None:
        assert problems_of(lambda: psp.from_data(doc, Partnership)) == expected

    def test_check_document(self) -> None:
        doc: dict[Any, Any] = psp.to_document(small())
        doc["data"]["history"][0][7] = "x"
        doc[8] = "y"
        assert [str(p) for p in psp.check_document(doc)] == [
            "$: has a key that is not text (got 8)",
            "$.data.history[0]: has a key that is not text (got 7)",
        ]
        del doc[8]
        assert [str(p) for p in psp.check_document(doc)] == [
            "$.data.history[0]: has a key that is not text (got 7)"
        ]


class TestNumbersHaveRanges:
    """Every whole number has a documented range, enforced by the constructors and by the
    readers, so whatever is accepted json.dumps can write (issue 20, 3)."""

    @pytest.mark.parametrize(
        "make",
        [
            lambda n: psp.Tally(agree=n),
            lambda n: psp.Survey("s", "S", [], respondents=n),
            lambda n: psp.Tender(id="t", commissioner="c", title="T", value=n),
            lambda n: psp.SustainabilityCommitment(id="c", by="b", amount=n),
            lambda n: psp.Consultation("survey", n, "summary"),
            lambda n: Policy(min_public_members=n),
            lambda n: psp.Share(0, n),
            lambda n: psp.Bid(id="b", funder="f", purpose="pilot", drafted_on=D0, amount_asked=n),
        ],
        ids=[
            "tally",
            "respondents",
            "tender",
            "commitment",
            "participants",
            "policy",
            "share",
            "bid",
        ],
    )
    @pytest.mark.parametrize("n", [2**53, 10**5000], ids=["2**53", "10**5000"])
    def test_constructors_refuse_huge_numbers(self, make: Callable[[int], object], n: int) -> None:
        with pytest.raises(InvalidValueError) as info:
            make(n)
        assert "must be a whole number" in info.value.reason
        assert len(str(info.value)) < 300

    @pytest.mark.parametrize("n", [0, 10_001])
    def test_mou_versions_are_small(self, n: int) -> None:
        with pytest.raises(InvalidValueError) as info:
            MoU(id="m", version=n, drafted_on=D0, parties=["a", "b"])
        assert str(info.value) == f"version: must be a whole number from 1 to 10,000 (got {n})"

    @pytest.mark.parametrize(
        ("doc", "cls", "path"),
        [
            ({"public": 10**5000, "third": 0, "private": 0}, psp.SectorBalance, "$.public"),
            ({"public": 2**53, "third": 0, "private": 0}, psp.SectorBalance, "$.public"),
            ({"name": "x", "value": -(2**53)}, psp.Baseline, "$.value"),
            ({"every": 2, "unit": "weeks", "up_to": 10**400}, Cadence, "$.up_to"),
        ],
        ids=["huge count", "2**53", "huge float from int", "cadence"],
    )
    def test_readers_refuse_numbers_out_of_range(self, doc: Any, cls: Any, path: str) -> None:
        found = problems_of(lambda: psp.from_data(doc, cls))
        assert [p.split(":")[0] for p in found] == [path]

    def test_a_number_too_long_to_show_is_described_by_its_size(self) -> None:
        """Writing a whole number out costs time quadratic in its digits: a refusal
        describes a long one by its size and never writes it (with CPython's limit on
        writing numbers lowered below its length, writing it would fail)."""
        limit = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(640)
        try:
            found = problems_of(
                lambda: psp.from_data([10**1000, -(10**99)], list[psp.SectorBalance])
            )
            with pytest.raises(InvalidValueError) as nested:
                psp.Partner("a", "A", psp.Sector.THIRD, areas=[[10**1000]])  # type: ignore[list-item]
        finally:
            sys.set_int_max_str_digits(limit)
        assert [p.split(" (got ")[1] for p in found] == [
            "<a whole number of about 1,001 digits>)",
            "<a negative whole number of about 100 digits>)",
        ]
        assert str(nested.value) == (
            "areas[0]: must be text (got [<a whole number of about 1,001 digits>])"
        )

    def test_the_largest_exact_number_is_read(self) -> None:
        n = 2**53 - 1
        balance = psp.from_data({"public": n, "third": 0, "private": 0}, psp.SectorBalance)
        assert json.loads(json.dumps(psp.to_data(balance)))["public"] == n


class TestEnvelopeChecksRaiseOnlyConversionError:
    """from_document's envelope checks never run the caller's code (issue 20, 4)."""

    @pytest.mark.parametrize(
        "document",
        [
            lambda: {"psp": StrLike("document"), "schema_version": 2, "type": "partner"},
            lambda: {"psp": "document", "schema_version": 2, "type": StrLike("partner")},
            lambda: {"psp": "document", "schema_version": IntLike(2), "type": "partner"},
            lambda: {"psp": "document", "schema_version": 2, "type": "partner", StrLike("x"): 1},
            lambda: DictLike(psp="document", schema_version=2, type="partner", data={}),
            lambda: [("psp", "document")],
            lambda: ClaimsStr(),
        ],
        ids=["psp", "type", "version", "key", "dict subclass", "list", "claims str"],
    )
    def test_foreign_objects(self, document: Callable[[], Any]) -> None:
        assert problems_of(lambda: psp.from_document(document()))
        assert psp.check_document(document())


class TestToDataWritesOnlyJson:
    """to_data holds only dicts, lists, str, int, float, bool and None (issue 20, 5)."""

    def test_a_cadence_check(self) -> None:
        check = Cadence(2, "weeks", 3).check(
            [date(2013, 1, 1)], date(2013, 1, 1), D2.replace(year=2013)
        )
        assert check.overdue
        data = psp.to_data(check)
        assert all(type(pair) is list for pair in data["overdue"])
        assert psp.from_data(data, type(check)) == check


class TestReadersTakeExactJsonTypes:
    """Text and numbers are read as exact str and int: subclasses and impostors are
    refused, so no caller's code runs later (issue 20, 6)."""

    @pytest.mark.parametrize(
        "value",
        [psp.Sector.THIRD, StrLike("Alder"), ClaimsStr()],
        ids=["enum member", "str subclass", "claims str"],
    )
    def test_text(self, value: Any) -> None:
        doc = {"id": "a", "name": value, "sector": "third"}
        name = type(value).__name__
        assert problems_of(lambda: psp.from_data(doc, Partner)) == [
            f"$.name: is not JSON data (got a {name})"
        ]

    def test_an_enum_value_that_is_a_member(self) -> None:
        doc = {"id": "a", "name": "A", "sector": psp.Sector.THIRD}
        assert problems_of(lambda: psp.from_data(doc, Partner))[0].startswith("$.sector:")

    @pytest.mark.parametrize("value", [IntLike(3), psp.Severity], ids=["int subclass", "class"])
    def test_whole_numbers(self, value: Any) -> None:
        doc = {"public": value, "third": 0, "private": 0}
        assert problems_of(lambda: psp.from_data(doc, psp.SectorBalance))[0].startswith("$.public:")

    def test_a_dict_subclass(self) -> None:
        doc = DictLike(id="a", name="A", sector="third")
        assert problems_of(lambda: psp.from_data(doc, Partner)) == [
            "$: is not JSON data (got a DictLike)"
        ]


class TestOnlyPspTypesAreBuilt:
    """from_data builds psp's own types and the documented plain ones, nothing else,
    and says so before reading (issue 20, 7)."""

    @pytest.mark.parametrize(
        ("data", "cls"),
        [
            ("/etc/passwd", Path),
            (2**40, bytes),
            (5, bytes),
            ({"a": 1}, dict),
            ([1], set),
            (None, None),
            ({}, Any),
            ({}, object),
            ([], list),
            ({"id": "p", "name": "P"}, dict[str, Any]),
            ([], list[Path]),
            ({}, RaisesEverywhere()),
            # psp's registry of error codes is public, but not data: an ErrorCode holds a class.
            ({"code": "blank", "error": "InvalidValueError", "meaning": "m"}, psp.ErrorCode),
        ],
        ids=lambda v: type(v).__name__,
    )
    def test_other_targets_are_refused(self, data: Any, cls: Any) -> None:
        found = problems_of(lambda: psp.from_data(data, cls))
        assert len(found) == 1
        assert found[0].startswith("$: cannot read a ")
        assert "psp's own types" in found[0]

    @pytest.mark.parametrize(
        ("data", "cls", "expected"),
        [
            ("2012-04-01", date, D0),
            ("third", psp.Sector, psp.Sector.THIRD),
            ("GB-SC-SC012710", OrgId, OrgId.parse("GB-SC-SC012710")),
            (["2012-04-01"], list[date], [D0]),
            (["third"], tuple[psp.Sector, ...], (psp.Sector.THIRD,)),
            ("x", str, "x"),
            (1, int, 1),
            (1.5, float, 1.5),
            (True, bool, True),
        ],
        ids=repr,
    )
    def test_documented_targets_are_read(self, data: Any, cls: Any, expected: Any) -> None:
        assert psp.from_data(data, cls) == expected


class TestTheFastPathOnlyDeclines:
    """A class the fast path cannot read, or cannot share by equality, is declined when
    its reader is built, never raised about (issue 20, 8)."""

    def test_a_shared_class_with_a_field_it_cannot_compare(self) -> None:
        from psp._interchange import conversion as _conversion
        from psp._interchange.fast_reading import FastReader

        @attrs.frozen
        class Founded:
            id: str
            founded: date | None = None

        reader = FastReader(
            _conversion._TAG_CLASSES,
            _conversion._parse_date,
            events.Event,
            _conversion._converter().get_structure_hook,
            shared={Founded: "id"},
        )
        doc = {"id": "a", "founded": "2012-04-01"}
        assert reader.read(doc, Founded) == Founded("a", D0)

    def test_a_type_it_cannot_build_a_reader_for(self) -> None:
        from psp._interchange import conversion as _conversion
        from psp._interchange.fast_reading import DECLINED, FastReader

        def no_hook(t: Any) -> Any:
            raise TypeError(f"no hook for {t!r}")

        @attrs.frozen
        class Odd:
            pair: tuple[int, str]

        reader = FastReader(
            _conversion._TAG_CLASSES, _conversion._parse_date, events.Event, no_hook
        )
        assert reader.read({"pair": [1, "a"]}, Odd) is DECLINED


class TestWhatReadersAccept:
    """The rows of docs/guarantees.md's table that no class above holds."""

    @pytest.mark.parametrize(
        ("text", "accepted"),
        [
            ("2012-04-01", True),
            ("0001-01-01", True),
            ("9999-12-31", True),
            ("0000-01-01", False),
            ("2012-02-30", False),
            ("10000-01-01", False),
            ("2012-4-1", False),
            ("20120401", False),
            ("2012-04-01T00:00", False),
            ("\uff12\uff10\uff11\uff12-04-01", False),
            ("2012-04-0\u0661", False),
        ],
    )
    def test_dates(self, text: str, accepted: bool) -> None:
        doc = {"on": text, "partner_id": "a", "reason": ""}
        if accepted:
            assert psp.from_data(doc, psp.MemberLeft).on == date.fromisoformat(text)
        else:
            assert problems_of(lambda: psp.from_data(doc, psp.MemberLeft))[0].startswith("$.on:")

    def test_shared_containers_are_read_at_each_place(self) -> None:
        areas = ["Fife"]
        partner = {"id": "a", "name": "A", "sector": "third", "areas": areas}
        doc = {
            "id": "p",
            "name": "P",
            "history": [
                {"type": "organisation-added", "on": "2012-04-01", "partner": partner},
                {
                    "type": "organisation-added",
                    "on": "2012-04-01",
                    "partner": dict(partner, id="b"),
                },
            ],
        }
        p = psp.from_data(doc, Partnership)
        assert p.organisation("b").areas == frozenset({"Fife"})

    @pytest.mark.parametrize(
        "text", ["\ud800", "a\x00b", "\x1b[31m", "\u202e", "x" * 100_000], ids=repr
    )
    def test_any_text_is_kept_and_written_back(self, text: str) -> None:
        partner = psp.from_data({"id": "a", "name": f"A{text}A", "sector": "third"}, Partner)
        assert psp.from_data(json.loads(json.dumps(psp.to_data(partner))), Partner) == partner

    def test_minus_zero_is_read_as_zero(self) -> None:
        baseline = psp.from_data({"name": "x", "value": -0.0}, psp.Baseline)
        assert baseline.value == 0.0
        assert (
            psp.from_data(json.loads(json.dumps(psp.to_data(baseline))), psp.Baseline) == baseline
        )


class TestConstructorsTakePlainValues:
    """Constructors take text and whole numbers as plain ``str`` and ``int``: a subclass
    is taken as its plain value, and an impostor is refused (issue 20, 6)."""

    def test_text_subclasses_become_plain_text(self) -> None:
        partner = Partner("a", StrLike("Alder"), "third")
        assert type(partner.name) is str
        assert partner.name == "Alder"

    @pytest.mark.parametrize("value", [ClaimsStr(), 5, None], ids=["claims-str", "5", "None"])
    def test_text_impostors_are_refused(self, value: Any) -> None:
        with pytest.raises(InvalidValueError, match="must be text"):
            Partner("a", value, "third")

    def test_int_subclasses_become_plain_numbers(self) -> None:
        tally = psp.Tally(agree=IntLike(3))
        assert type(tally.agree) is int
        assert tally.agree == 3

    @pytest.mark.parametrize("value", ["3", 3.0, True, None], ids=repr)
    def test_other_numbers_are_refused(self, value: Any) -> None:
        with pytest.raises(InvalidValueError, match="must be a whole number from 0 to"):
            psp.Tally(agree=value)

    def test_an_error_shows_a_value_whose_repr_raises(self) -> None:
        error = InvalidValueError("x", RaisesEverywhere(), "is wrong", code="wrong-type")
        assert str(error).startswith("x: is wrong (got <RaisesEverywhere instance at ")


class TestTheGateOnDeepData:
    """The gate's report stays small and cheap: paths stop growing past depth 32, at
    most 100 problems are listed, and a huge number is not turned into text."""

    def test_at_most_a_hundred_problems(self) -> None:
        from psp._interchange.conversion import json_problems

        found = json_problems([(1,)] * 5_000)
        assert len(found) == 101
        assert str(found[-1]) == "$: has more problems: the first 100 are listed"

    def test_a_huge_number_is_described_not_shown(self) -> None:
        from psp._interchange.conversion import json_problems

        [problem] = json_problems({"n": 10**100_000})
        assert problem.reason.endswith("(got <a whole number of about 100,001 digits>)")

    @pytest.mark.parametrize("as_dict", [True, False], ids=["objects", "lists"])
    def test_a_bad_value_deep_down(self, as_dict: bool) -> None:
        from psp._interchange.conversion import json_problems

        value: Any = (1,)
        for _ in range(1_000):
            value = {"k": value} if as_dict else [value]
        [problem] = json_problems(value)
        step = ".k" if as_dict else "[0]"
        assert problem.path == "$" + step * 32 + "..."
        assert problem.reason == "is not JSON data (got a tuple)"


class TestTheGateOnSharedData:
    """Data built in Python may hold one container in two places: that is still JSON
    data (it writes out as two copies). Only a container inside itself is not."""

    def test_a_container_in_two_places_is_json_data(self) -> None:
        from psp._interchange.conversion import json_problems

        shared: dict[str, Any] = {"a": [1, 2]}
        assert json_problems([shared, shared]) == []
        assert json_problems({"x": shared, "y": [shared, shared["a"]]}) == []
        assert psp.from_data([shared["a"], shared["a"]], list[list[int]]) == [[1, 2], [1, 2]]

    def test_a_shared_container_with_a_problem_is_reported_once(self) -> None:
        from psp._interchange.conversion import json_problems

        shared = [(1,)]
        assert [str(p) for p in json_problems([shared, shared])] == [
            "$[0][0]: is not JSON data (got a tuple)"
        ]

    def test_a_container_inside_itself_is_a_cycle(self) -> None:
        from psp._interchange.conversion import json_problems

        loop: list[Any] = [1]
        loop.append([loop])
        assert [str(p) for p in json_problems([loop, loop])] == [
            "$[0][1][0]: holds itself: JSON data has no cycles"
        ]


def test_the_fast_path_names_its_decline() -> None:
    from psp._interchange.fast_reading import DECLINED

    assert repr(DECLINED) == "DECLINED"


def test_a_class_whose_types_cannot_be_resolved_is_not_shared() -> None:
    from psp._interchange import conversion as _conversion
    from psp._interchange.fast_reading import FastReader

    @attrs.frozen
    class Unresolved:
        id: str
        other: NoSuchType  # type: ignore[name-defined]  # noqa: F821

    reader = FastReader(
        _conversion._TAG_CLASSES,
        _conversion._parse_date,
        events.Event,
        _conversion._converter().get_structure_hook,
        shared={Unresolved: "id"},
    )
    assert reader._shared == {}
