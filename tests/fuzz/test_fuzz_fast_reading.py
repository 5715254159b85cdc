"""The fast path of ``from_data`` (``psp._interchange.fast_reading``) against the converter.

Two promises: every valid document is read by the fast path (so it is the path users
get, not a dead branch the fallback hides), and the fast path is never laxer than the
converter: whatever it accepts, the converter accepts and reads to an equal object.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from datetime import date
from typing import Any, get_args, get_origin

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp._aggregate import events as _events
from psp._interchange import conversion as _conversion
from psp._interchange.conversion import _converter, _fast_reader
from psp._interchange.fast_reading import DECLINED, FastReader
from psp.testing import partners, partnerships, policies, portfolios

from .conftest import PUBLIC_CLASSES, fuzz_settings
from .test_fuzz_documents import mutate

REFUSED = object()
D = date(2012, 4, 1)


def fast(data: Any, cls: type) -> Any:
    found = _fast_reader().read(data, cls)  # never raises: it declines
    return REFUSED if found is DECLINED else found


def detailed(data: Any, cls: type) -> Any:
    try:
        return _converter().structure(data, cls)
    except Exception:  # noqa: BLE001 - any exception is a refusal here
        return REFUSED


def check_never_laxer(data: Any, cls: type) -> None:
    quick = fast(copy.deepcopy(data), cls)
    if quick is not REFUSED:
        assert detailed(data, cls) == quick


def test_every_public_class_has_a_fast_reader(corpus: tuple[tuple[type, Any], ...]) -> None:
    # The corpus holds a valid instance of every public attrs class, Low Moss taken to
    # commissioning among them (its history holds every kind of event).
    assert {cls for cls, _ in corpus} >= set(PUBLIC_CLASSES)
    for cls, obj in corpus:
        assert fast(psp.to_data(obj), cls) == obj, cls.__name__


def test_the_fast_path_reads_nearly_every_field_type_itself(
    corpus: tuple[tuple[type, Any], ...],
) -> None:
    # What makes it fast: only a mapping (a policy's expected public bodies) and a
    # fixed-length tuple (a pair of dates) are handed to the converter's hooks; every
    # other type, events and optional values and collections among them, is read by
    # the fast path's own readers, each built once.
    handed_over: list[Any] = []

    def slow(t: Any) -> Any:
        handed_over.append(t)
        return _converter().get_structure_hook(t)

    reader = FastReader(_conversion._TAG_CLASSES, _conversion._parse_date, _events.Event, slow)
    for cls, obj in corpus:
        assert reader.read(psp.to_data(obj), cls) == obj, cls.__name__
        assert reader._reader(cls) is reader._reader(cls)
    assert handed_over
    assert all(
        get_origin(t) is Mapping or (get_origin(t) is tuple and Ellipsis not in get_args(t))
        for t in handed_over
    ), handed_over


def test_the_fast_path_reads_a_document_that_leaves_out_defaults() -> None:
    # Hand-written documents may leave out every field that has a default.
    doc = {"id": "a", "name": "A", "sector": "third"}
    assert fast(doc, psp.Partner) == psp.Partner("a", "A", "third")
    assert fast({"partner_id": "a"}, psp.MemberJoined) is REFUSED  # "on" is required


def test_from_data_reads_a_valid_document_by_the_fast_path(
    corpus: tuple[tuple[type, Any], ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The detailed converter is for documents the fast path declines: a valid one
    # never reaches it.
    docs = [(cls, obj, psp.to_data(obj)) for cls, obj in corpus]
    _fast_reader()

    def no_converter() -> Any:
        raise AssertionError("the detailed converter was asked for")

    monkeypatch.setattr(_conversion, "_converter", no_converter)
    for cls, obj, doc in docs:
        assert psp.from_data(doc, cls) == obj, cls.__name__


@fuzz_settings(100)
@given(obj=st.one_of(partnerships(max_steps=20), portfolios(max_partnerships=2), policies()))
def test_the_fast_path_reads_every_valid_document(obj: Any) -> None:
    assert fast(psp.to_data(obj), type(obj)) == obj


@fuzz_settings(250)
@given(data=st.data())
def test_the_fast_path_is_never_laxer(
    corpus: tuple[tuple[type, Any], ...], data: st.DataObject
) -> None:
    cls, obj = data.draw(st.sampled_from(corpus), label="seed")
    doc = mutate(data, psp.to_data(obj))
    check_never_laxer(doc, cls)
    check_never_laxer(doc, data.draw(st.sampled_from(PUBLIC_CLASSES), label="other class"))


@fuzz_settings(100)
@given(partner=partners(), data=st.data())
def test_a_shared_organisation_is_never_read_laxer(
    partner: psp.Partner, data: st.DataObject
) -> None:
    # Equal copies of an organisation are read once; a copy that differs, even only as
    # 1 differs from true, must be read (and refused) for itself.
    ps = [psp.Partnership(pid, pid).add_organisation(partner, on=D) for pid in ("p", "q")]
    doc = psp.to_data(psp.Portfolio("f", "F", ps))
    for i in (0, 1):
        copied = copy.deepcopy(doc)
        where = copied["partnerships"][i]["history"][0]
        where["partner"] = mutate(data, where["partner"])
        check_never_laxer(copied, psp.Portfolio)


def test_a_reader_used_alone_shares_nothing() -> None:
    # Outside FastReader.read (no document being read) a shared class's reader reads.
    partner = psp.Partner("a", "A", "third")
    reader = _fast_reader()._reader(psp.Partner)
    assert reader is not None
    assert reader(psp.to_data(partner)) == partner
    assert reader(psp.to_data(partner)) is not reader(psp.to_data(partner))


def _reader(shared: dict[type, str]) -> FastReader:
    return FastReader(
        _conversion._TAG_CLASSES,
        _conversion._parse_date,
        _events.Event,
        _converter().get_structure_hook,
        shared=shared,
    )


def test_only_classes_equality_can_vouch_for_are_shared() -> None:
    # A date field: "2012-1-1" == "2012-1-1", but which dates parse is the reader's call.
    # Such a class is not shared (the fast path declines what it cannot do, and never
    # raises): each copy is read for itself.
    reader = _reader({psp.Period: "start", psp.Partner: "id"})
    assert reader._shared == {psp.Partner: "id"}
    doc = {"start": "2012-04-01", "end": None}
    assert reader.read(doc, psp.Period) == psp.Period(D)


@attrs.frozen
class _Kinded:
    id: str
    kind: psp.LinkKind | psp.Term


def test_a_class_of_open_vocabulary_can_be_shared() -> None:
    # A built-in value or a term: equal text is read to equal values, so equality vouches.
    reader = _reader({_Kinded: "id"})
    assert reader._shared == {_Kinded: "id"}
    assert reader.read({"id": "x", "kind": "acme:mentors"}, _Kinded) == _Kinded(
        "x", psp.Term("acme:mentors")
    )


@attrs.frozen
class _First:
    id: str


@attrs.frozen
class _Second:
    id: str


@attrs.frozen
class _Both:
    first: _First
    second: _Second


def test_shared_classes_never_stand_in_for_each_other() -> None:
    # Equal data under the same key, in two shared classes: each is read as itself.
    both = _reader({_First: "id", _Second: "id"}).read(
        {"first": {"id": "x"}, "second": {"id": "x"}}, _Both
    )
    assert both == _Both(_First("x"), _Second("x"))
    assert type(both.second) is _Second


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d["partner"].update(represents_service_users=1), "1 for true"),
        (lambda d: d["partner"].update(areas=["Fife", "Fife"]), "a set listing an item twice"),
        (lambda d: d.update(on="2012-02-30"), "no such day"),
        (lambda d: d.update(on=20120201), "a number for a date"),
        (lambda d: d["partner"].update(sector="Third"), "not an enum value"),
        (lambda d: d["partner"].update(identifiers=["GB-SC-12"]), "a malformed identifier"),
        (lambda d: d.update(extra=None), "an unknown key"),
        (lambda d: d.update(type="member-joined"), "a tag on an event read as itself"),
        (lambda d: d["partner"].pop("name"), "a missing required field"),
        (lambda d: d["partner"].update(identifiers=[5]), "a number for an identifier"),
        (lambda d: d["partner"].update(name=5), "a number for a text field"),
    ],
)
def test_the_fast_path_declines_what_it_must(change: Any, why: str) -> None:
    partner = psp.Partner("a", "A", "third", identifiers=["GB-SC-SC012710"])
    event = psp.OrganisationAdded(on=D, partner=partner)
    doc = psp.to_data(event)
    assert fast(doc, type(event)) == event
    change(doc)
    assert fast(doc, type(event)) is REFUSED, why
    # ... and from_data still answers as the detailed converter does.
    with pytest.raises(psp.ConversionError):
        psp.from_data(doc, type(event))


def test_a_float_field_reads_a_whole_number_as_a_float() -> None:
    # JSON writes 3.0 as 3 in some encoders: both paths give the float, so the object
    # writes back 3.0 and equals the original.
    p = psp.Partnership("p", "P").join(psp.Partner("a", "A", "third"), on=D)
    p = p.add_organisation(psp.Partner("b", "B", "third"), on=D)
    p = p.link("a", "b", "refers-to", on=D, weight=3.0)
    doc = psp.to_data(p)
    event = next(e for e in doc["history"] if e["type"] == "link-added")
    event["weight"] = 3
    read = fast(doc, psp.Partnership)
    assert read == p
    assert type(read.links[0].weight) is float
    for wrong in (math.nan, math.inf, "3", True):
        event["weight"] = wrong
        assert fast(doc, psp.Partnership) is REFUSED
        with pytest.raises(psp.ConversionError):
            psp.from_data(doc, psp.Partnership)


def test_a_tuple_is_refused_by_both_paths() -> None:
    # JSON has no tuples: the fast path declines one, and from_data refuses it.
    partner = psp.Partner("a", "A", "third", areas={"Fife"})
    doc = psp.to_data(partner)
    doc["areas"] = ("Fife",)
    assert fast(doc, psp.Partner) is REFUSED
    with pytest.raises(psp.ConversionError, match=r"\$\.areas: is not JSON data \(got a tuple\)"):
        psp.from_data(doc, psp.Partner)


@pytest.mark.parametrize("tag", [None, ["member-joined"], "member-joined-twice"])
def test_an_event_without_a_known_tag_goes_the_detailed_way(tag: Any) -> None:
    p = psp.Partnership("p", "P").join(psp.Partner("a", "A", "third"), on=D)
    doc = psp.to_data(p)
    doc["history"][0]["type"] = tag
    assert fast(doc, psp.Partnership) is REFUSED
    with pytest.raises(psp.ConversionError, match=r"\$\.history\[0\]"):
        psp.from_data(doc, psp.Partnership)
