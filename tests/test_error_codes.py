"""Error codes: the registry, the codes psp's source raises, ``to_dict()`` and the table
in docs/errors.md (issue 15).

Every refusal the suite makes is checked too, at run time: tests/conftest.py notes each
``PSPError`` made, and fails the session if one carries a code the registry does not
list. tests/test_refusal_messages.py pins each catalogued refusal's code.
"""

from __future__ import annotations

import ast
import copy
import json
import math
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp import (
    ERROR_CODES,
    ConversionError,
    ErrorCode,
    InvalidValueError,
    Problem,
    PSPError,
    RuleViolationError,
    TransitionRefusedError,
    UnknownReferenceError,
    VersionConflictError,
)

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "psp"
ERRORS = {
    cls.__name__: cls
    for cls in (
        PSPError,
        InvalidValueError,
        RuleViolationError,
        UnknownReferenceError,
        TransitionRefusedError,
        ConversionError,
        VersionConflictError,
    )
}
# Private helpers that make an error of a known class from a code they are given.
MAKERS = {"_refuse": InvalidValueError}
# Registered, and raised by code on another branch of issue 15 (the id grammar): drop it
# from here once that code is merged, and the test below holds it to being raised.
RAISED_ELSEWHERE = {"invalid-id"}
KEBAB = re.compile(r"[a-z]+(-[a-z]+)*")


# -- the registry ------------------------------------------------------------------


class TestTheRegistry:
    """``psp.ERROR_CODES`` maps each code to its ``ErrorCode``: kebab-case, one error class
    each, a meaning in a sentence; read-only."""

    def test_each_entry_is_filed_under_its_own_code(self) -> None:
        for code, entry in ERROR_CODES.items():
            assert isinstance(entry, ErrorCode)
            assert entry.code == code

    def test_codes_are_kebab_case(self) -> None:
        assert [c for c in ERROR_CODES if not KEBAB.fullmatch(c)] == []

    def test_each_code_names_one_error_class_of_psp(self) -> None:
        assert {e.error for e in ERROR_CODES.values()} <= set(ERRORS.values()) - {PSPError}

    def test_meanings_are_sentences(self) -> None:
        for entry in ERROR_CODES.values():
            assert entry.meaning[0].isupper(), entry
            assert entry.meaning.endswith("."), entry

    def test_no_code_is_registered_twice(self) -> None:
        from psp._base import error_codes

        assert len(error_codes._CODES) == len(ERROR_CODES)

    def test_the_registry_is_read_only(self) -> None:
        with pytest.raises(TypeError):
            ERROR_CODES["new"] = ErrorCode("new", InvalidValueError, "New.")  # type: ignore[index]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ERROR_CODES["blank"].code = "empty"  # type: ignore[misc]

    def test_the_classes_with_one_code_have_it(self) -> None:
        assert VersionConflictError(1, 2).code == "version-conflict"
        assert ConversionError([Problem("$", "is wrong")]).code == "invalid-document"
        assert ConversionError([]).code == "invalid-document"

    def test_code_is_required(self) -> None:
        with pytest.raises(TypeError, match="code"):
            InvalidValueError("x", 1, "is wrong")  # type: ignore[call-arg]


# -- the source: every code raised is registered, as its class ---------------------


@dataclass(frozen=True)
class Raise:
    """One ``code=`` in psp's source: where, the code, and the class it makes (if the
    source shows it)."""

    where: str
    code: str
    error: type[PSPError] | None


def _class_made(call: ast.Call, enclosing: str | None) -> type[PSPError] | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id in ERRORS:
        return ERRORS[func.id]
    if isinstance(func, ast.Name) and func.id in MAKERS:
        return MAKERS[func.id]
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
        and enclosing in ERRORS
    ):
        return ERRORS[enclosing]
    return None


def _codes_of(node: ast.expr) -> list[str] | None:
    """The codes a ``code=`` argument can be: a literal, or a choice of literals; ``None``
    when it passes on another error's code (``code=e.code``) or a helper's parameter
    (``code=code``: its callers' literals are read)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _codes_of(node.body), _codes_of(node.orelse)
        assert body is not None, ast.dump(node)
        assert orelse is not None, ast.dump(node)
        return body + orelse
    if isinstance(node, ast.Name):
        assert node.id == "code", ast.dump(node)
        return None
    assert isinstance(node, ast.Attribute), ast.dump(node)
    assert node.attr == "code", ast.dump(node)
    return None


def _raises() -> Iterator[Raise]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = {
            id(call): cls.name
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef)
            for call in ast.walk(cls)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            made = _class_made(node, classes.get(id(node)))
            for keyword in node.keywords:
                if keyword.arg == "code":
                    for code in _codes_of(keyword.value) or []:
                        yield Raise(where, code, made)
            if (
                isinstance(node.func, ast.Name)
                and node.func.id in ERRORS
                and node.func.id not in ("ConversionError", "VersionConflictError")
            ):
                # Every other error class takes a code: a call without one is a mistake
                # (mypy says so too).
                assert any(k.arg == "code" for k in node.keywords), where


RAISES = list(_raises())


class TestTheSource:
    """A static read of src/psp: each ``code="..."`` is registered and made as the class
    the registry names; each registered code is raised somewhere."""

    def test_the_scan_finds_the_raises(self) -> None:
        # Over 200 raises of a PSPError, every one with its code (docs/errors.md).
        assert len(RAISES) > 200
        assert all(r.error is not None for r in RAISES)

    def test_every_code_raised_is_registered(self) -> None:
        assert [r for r in RAISES if r.code not in ERROR_CODES] == []

    def test_every_code_is_raised_as_its_registered_class(self) -> None:
        wrong = [r for r in RAISES if r.error is not ERROR_CODES[r.code].error]
        assert wrong == []

    def test_every_registered_code_is_raised(self) -> None:
        unused = set(ERROR_CODES) - {r.code for r in RAISES}
        assert unused <= RAISED_ELSEWHERE

    def test_the_codes_passed_on_keep_their_class(self) -> None:
        # ``code=e.code`` makes a new error from a caught one: of the caught one's class
        # (``type(error)(...)``), or an InvalidValueError from an InvalidValueError.
        passed_on = [
            (path.name, node.lineno)
            for path in sorted(SRC.rglob("*.py"))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)
            and any(k.arg == "code" and isinstance(k.value, ast.Attribute) for k in node.keywords)
        ]
        assert len(passed_on) == 4
        with pytest.raises(InvalidValueError) as raised:
            psp.Partner("a", "A", "third", identifiers=["GB-SC-SC012710", "nonsense"])
        assert raised.value.code == "invalid-org-id"
        with pytest.raises(ConversionError) as read:
            psp.from_data(
                {"id": "a", "name": "A", "sector": "third", "identifiers": ["x"]}, psp.Partner
            )
        assert read.value.code == "invalid-document"
        with pytest.raises(ConversionError) as term:  # a term read, its refusal passed on
            psp.from_data({"id": "s", "theme": "acme:", "text": "T"}, psp.Statement)
        assert "a term of your own is written prefix:name" in term.value.problems[0].reason


# -- to_dict -----------------------------------------------------------------------


def _dumps(error: PSPError) -> str:
    """The error as strict JSON, and its UTF-8 bytes too (a service's response body)."""
    text = json.dumps(error.to_dict(), allow_nan=False, ensure_ascii=False)
    text.encode("utf-8")
    return text


class TestToDict:
    """``error.to_dict()`` is the error as JSON-safe data: code, message, field, value,
    reason, and what each kind of error adds."""

    def test_the_common_keys(self) -> None:
        e = RuleViolationError("roles", "lead", "has one lead", code="second-lead")
        assert e.to_dict() == {
            "code": "second-lead",
            "message": "roles: has one lead (got 'lead')",
            "field": "roles",
            "value": "lead",
            "reason": "has one lead",
        }

    def test_a_conversion_error_adds_its_problems(self) -> None:
        with pytest.raises(ConversionError) as raised:
            psp.from_data({"id": 5, "name": "A"}, psp.Partner)
        data = raised.value.to_dict()
        assert data["code"] == "invalid-document"
        assert data["problems"] == [
            {"path": "$.id", "reason": "must be text (got 5)"},
            {"path": "$.sector", "reason": "is required but missing"},
        ]
        assert data["message"] == str(raised.value)
        assert (data["field"], data["value"]) == ("$.id", None)

    def test_a_refused_step_adds_its_stage_step_and_findings(self) -> None:
        p = psp.Partnership("p", "P")
        with pytest.raises(TransitionRefusedError) as raised:
            p.step("start-design", on=date(2012, 4, 1))
        data = raised.value.to_dict()
        assert data["code"] == "guards-unmet"
        assert (data["stage"], data["step"], data["value"]) == (
            "forming",
            "start-design",
            "start-design",
        )
        assert data["findings"] == [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "message": f.message,
                "subject": f.subject,
            }
            for f in p.blockers("start-design")
        ]
        assert [f["severity"] for f in data["findings"]] == ["breach"] * len(data["findings"])

    def test_a_version_conflict_adds_both_versions(self) -> None:
        data = VersionConflictError(3, 5).to_dict()
        assert (data["code"], data["expected"], data["actual"]) == ("version-conflict", 3, 5)

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            (None, None),
            (True, True),
            (7, 7),
            (2**53 - 1, 2**53 - 1),
            (-(2**53 - 1), -(2**53 - 1)),
            (2.5, 2.5),
            ("Alder Trust", "Alder Trust"),
            ("x" * 1_000, "x" * 1_000),
            (date(2012, 4, 1), "2012-04-01"),
            (datetime(2012, 4, 1, 9, 30, tzinfo=UTC), "2012-04-01T09:30:00+00:00"),
            (psp.Role.LEAD, "lead"),
            (["lead", "provider"], ["lead", "provider"]),
            (("a", 1, None), ["a", 1, None]),
            ([], []),
        ],
        ids=repr,
    )
    def test_a_value_json_holds_exactly_is_given_as_itself(self, value: Any, shown: Any) -> None:
        assert InvalidValueError("f", value, "r", code="wrong-type").to_dict()["value"] == shown

    @pytest.mark.parametrize(
        "value",
        [
            2**53,
            -(2**53),
            10**5000,
            math.nan,
            math.inf,
            "x" * 1_001,
            "a\ud800b",
            b"bytes",
            {"id": "a"},
            {"lead"},
            [["nested"]],
            list(range(21)),
            object(),
            int,
        ],
        ids=lambda v: type(v).__name__,
    )
    def test_anything_else_is_given_as_the_short_repr_of_the_message(self, value: Any) -> None:
        from psp._base.errors import _short_repr

        e = InvalidValueError("f", value, "r", code="wrong-type")
        assert e.to_dict()["value"] == _short_repr(value)
        assert len(e.to_dict()["value"]) <= 80
        _dumps(e)

    def test_subclasses_of_plain_types_are_read_as_their_plain_value(self) -> None:
        class Lying(str):
            def __len__(self) -> int:
                raise AssertionError("not called")

            def __str__(self) -> str:
                raise AssertionError("not called")

        class Huge(int):
            def __int__(self) -> int:
                raise AssertionError("not called")

        data = InvalidValueError("f", [Lying("a"), Huge(3)], "r", code="wrong-type").to_dict()
        assert data["value"] == ["a", 3]
        assert [type(v) for v in data["value"]] == [str, int]

    def test_a_deep_or_cyclic_value_is_cheap(self) -> None:
        deep: list[Any] = []
        for _ in range(100_000):
            deep = [deep]
        cyclic: list[Any] = []
        cyclic.append(cyclic)
        for value in (deep, cyclic, 1 << 1_000_000):
            _dumps(InvalidValueError("f", value, "r", code="wrong-type"))

    def test_text_a_document_brought_is_given_a_utf8_form(self) -> None:
        # A JSON reader gives a lone surrogate for "\ud800"; psp's messages quote keys.
        with pytest.raises(ConversionError) as raised:
            psp.from_data({"id": "a", "name": "A", "sector": "third", "\ud800": 1}, psp.Partner)
        data = json.loads(_dumps(raised.value))
        assert data["reason"] == data["problems"][0]["reason"] == "has unknown keys: \\ud800"
        assert data["message"] == "$: has unknown keys: \\ud800"

    def test_the_message_is_the_errors_own(self) -> None:
        e = UnknownReferenceError("partner_id", "zz", "is unknown", code="unknown-organisation")
        assert e.to_dict()["message"] == str(e) == "partner_id: is unknown (got 'zz')"


class _Raises:
    """An object whose every method a repr or a conversion would call raises."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __str__(self) -> str:
        raise RuntimeError("no str")


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.text().map(lambda s: s + "\udc80")
    | st.binary()
    | st.dates()
    | st.datetimes()
    | st.sampled_from(psp.Role)
    | st.builds(object)
    | st.builds(_Raises)
    | st.integers(900, 1_200).map(lambda n: "é" * n)
    | st.integers(50, 5_000).map(lambda n: 7**n)
)
HOSTILE = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=25)
        | st.lists(inner, max_size=25).map(tuple)
        | st.dictionaries(st.text(max_size=3), inner, max_size=5)
        | st.frozensets(st.integers() | st.text(max_size=3), max_size=5)
    ),
    max_leaves=40,
)


@given(HOSTILE, st.sampled_from(sorted(ERROR_CODES)))
def test_to_dict_is_strict_json_whatever_the_value(value: Any, code: str) -> None:
    cls = ERROR_CODES[code].error
    if cls in (InvalidValueError, RuleViolationError, UnknownReferenceError):
        error: PSPError = cls("field", value, "a reason", code=code)
    else:
        error = InvalidValueError("field", value, "a reason", code="wrong-type")
    text = _dumps(error)
    assert json.loads(text)["code"] == error.code
    assert len(text) < 30_000


TEXT = st.text() | st.text().map(lambda s: s + "\ud800")  # json.loads can give a surrogate
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(TEXT, inner, max_size=5),
    max_leaves=30,
)
PARTNERSHIP_KEYS = ["id", "name", "description", "focus", "scope", "policy", "history", "type"]


@given(
    JSON
    | st.dictionaries(st.sampled_from(PARTNERSHIP_KEYS), JSON, max_size=6)
    | st.fixed_dictionaries(
        {
            "id": JSON,
            "name": JSON,
            "history": st.lists(
                st.dictionaries(st.sampled_from(["type", "on", "partner", "partner_id"]), JSON),
                max_size=3,
            ),
        }
    )
)
def test_errors_reading_any_json_are_strict_json(data: Any) -> None:
    try:
        psp.from_data(data, psp.Partnership)
    except ConversionError as e:
        refused: PSPError = e
    else:
        return
    assert json.loads(_dumps(refused))["code"] == "invalid-document"


# -- pickling and copying ----------------------------------------------------------


def _errors() -> list[PSPError]:
    refused: list[PSPError] = []
    p = psp.Partnership("p", "P")
    for attempt in (
        lambda: p.step("start-pilot", on=date(2012, 4, 1)),
        lambda: p.step("start-design", on=date(2012, 4, 1)),
        lambda: psp.from_data({"id": 5}, psp.Partner),
        lambda: p.join("zz", on=date(2012, 4, 1)),
        lambda: psp.Partner("a", " A", "third"),
    ):
        with pytest.raises(PSPError) as raised:
            attempt()
        refused.append(raised.value)
    refused.append(VersionConflictError(1, 2))
    refused.append(RuleViolationError(None, None, "closed", code="partnership-closed"))
    return refused


@pytest.mark.parametrize("error", _errors(), ids=lambda e: e.code)
def test_an_error_pickles_and_copies_with_its_code(error: PSPError) -> None:
    error.add_note("a note")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(error, protocol))
        assert type(back) is type(error)
        assert back.to_dict() == error.to_dict()
        assert (back.args, str(back), back.__notes__) == (error.args, str(error), ["a note"])
    assert copy.copy(error).to_dict() == error.to_dict()
    assert copy.deepcopy(error).to_dict() == error.to_dict()


# -- docs/errors.md: the table of every code ----------------------------------------


def _table() -> dict[str, tuple[str, str]]:
    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    section = page.split("## Every code", 1)[1]
    rows = re.findall(r"^\| `([^`]+)` \| `(\w+)` \| (.+?) \|$", section, re.MULTILINE)
    table = {code: (error, meaning) for code, error, meaning in rows}
    assert len(table) == len(rows), "a code is listed twice"
    return table


def test_the_errors_page_lists_every_code_and_only_those() -> None:
    table = _table()
    assert sorted(table) == sorted(ERROR_CODES)
    for code, (error, meaning) in table.items():
        assert (error, meaning) == (ERROR_CODES[code].error.__name__, ERROR_CODES[code].meaning)


def test_the_errors_page_lists_the_codes_in_the_registrys_order() -> None:
    assert list(_table()) == list(ERROR_CODES)


# -- UnknownReferenceError names the argument or field that held the id -------------

D0 = date(2012, 4, 1)
_ALDER = psp.Partner("a", "Alder Trust", "third")
_BIRCH = psp.Partner("b", "Birch CJA", "public", public_body_kind="cja", areas={"Fife"})
_SMALL = (
    psp.Partnership("p", "P")
    .join(_ALDER, on=D0, roles={"lead"})
    .join(_BIRCH, on=D0)
    .draft_bid(psp.Bid(id="b1", funder="b", purpose="pilot", drafted_on=D0, areas={"Fife"}))
)
_FUND = psp.Portfolio("f", "F", [_SMALL])
UNKNOWN = [
    # (a call with the unknown id "zz" in one argument, the field the error must name)
    pytest.param(lambda: _SMALL.join("zz", on=D0), "partner", id="join"),
    pytest.param(
        lambda: _SMALL.join(
            psp.Partner("c", "C", "third"), on=D0, engagement="signposted", signposted_by="zz"
        ),
        "signposted_by",
        id="join-signposted-by",
    ),
    pytest.param(lambda: _SMALL.take_seat("zz", on=D0), "partner", id="take-seat"),
    pytest.param(
        lambda: _SMALL.name_representative("zz", "Ann", on=D0), "partner", id="name-representative"
    ),
    pytest.param(
        lambda: _SMALL.endorse_bid("b1", "zz", "Fife", on=D0), "partner", id="endorse-bid"
    ),
    pytest.param(lambda: _SMALL.link("zz", "a", "refers-to", on=D0), "source", id="link-source"),
    pytest.param(lambda: _SMALL.link("a", "zz", "refers-to", on=D0), "target", id="link-target"),
    pytest.param(lambda: _SMALL.approve_design("zz", on=D0), "funder", id="approve-design"),
    pytest.param(lambda: _SMALL.submit_bid("zz", on=D0), "bid_id", id="submit-bid"),
    pytest.param(lambda: _SMALL.organisation("zz"), "partner_id", id="organisation"),
    pytest.param(lambda: _SMALL.mou("zz"), "mou_id", id="mou"),
    pytest.param(
        lambda: _SMALL.record(psp.MemberJoined(on=D0, partner_id="zz", roles=())),
        "history[5].partner_id",
        id="record",
    ),
    pytest.param(
        lambda: _SMALL.extend(
            [
                psp.MemberLeft(on=date(2012, 5, 1), partner_id="a"),
                psp.SeatTaken(on=date(2012, 5, 1), partner_id="zz", kind="critical-friend"),
            ]
        ),
        "events[1].partner_id",
        id="extend",
    ),
    pytest.param(
        lambda: _SMALL.add_organisation(psp.Partner("c", "C", "third", part_of="zz"), on=D0),
        "partner.part_of",
        id="add-organisation-part-of",
    ),
    pytest.param(lambda: _FUND.organisation("zz"), "partner_id", id="portfolio-organisation"),
    pytest.param(lambda: _FUND.partnership("zz"), "partnership_id", id="portfolio-partnership"),
    pytest.param(lambda: _FUND.areas_of("zz"), "partnership", id="portfolio-areas-of"),
    pytest.param(
        lambda: _FUND.roles_by_partnership("zz"), "partner", id="portfolio-roles-by-partnership"
    ),
    pytest.param(
        lambda: _FUND.link("a", "zz", "refers-to", on=D0), "target", id="portfolio-link-target"
    ),
]


@pytest.mark.parametrize(("call", "field"), UNKNOWN)
def test_an_unknown_reference_names_the_argument_that_held_it(call: Any, field: str) -> None:
    with pytest.raises(UnknownReferenceError) as raised:
        call()
    assert (raised.value.field, raised.value.value) == (field, "zz")
    assert raised.value.args[0] == field
    assert str(raised.value).startswith(f"{field}: ")
