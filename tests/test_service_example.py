"""The example back end (examples/service/, docs/service.md): psp over HTTP and SQLite.

A whole lifecycle over HTTP; a real server killed and restarted on its database file;
two writers at once with no lost update; every malformed or refused request a 4xx with
psp's error code and nothing changed in the database; the OpenAPI document built from
psp's schemas; rows written by an older psp read back upgraded.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from service.app import OWN_CODES, STATUS, create_app, status_of
from service.store import Store

import psp
from psp import Partner, Partnership

ROOT = Path(__file__).resolve().parent.parent
D = date(2012, 4, 1)
LEAD = Partner("lead", "A charity", "third")
CJA = Partner("cja", "A CJA", "public", public_body_kind="cja", areas={"North"})


def journey(p: Partnership) -> Iterator[Partnership]:
    """The partnership at each stage from forming to commissioned, built by psp's
    commands (docs/lifecycle.md's walk, carried on to the end)."""
    p = p.join(LEAD, roles={"lead", "provider"}, on=D)
    yield p.join(CJA, roles={"strategic", "referral"}, on=D)
    p = p.join(CJA, roles={"strategic", "referral"}, on=D).step("start-design", on=D).partnership
    yield p
    p = p.agree_service_design(psp.ServiceDesign("Case workers"), on=date(2012, 9, 1))
    p = p.add_organisation(
        Partner("sg", "Scottish Government", "public", public_body_kind="government"),
        on=date(2012, 9, 1),
    )
    p = p.draft_bid(
        psp.Bid(
            id="pilot",
            funder="sg",
            purpose="pilot",
            amount_asked=120_000,
            drafted_on=date(2012, 9, 1),
            areas={"North"},
        )
    )
    p = p.submit_bid("pilot", on=date(2012, 9, 3))
    p = p.endorse_bid("pilot", "cja", "North", on=date(2012, 9, 10))
    p = p.decide_bid("pilot", on=date(2012, 10, 1), awarded=True, amount=100_000)
    yield p.approve_design("sg", on=date(2012, 10, 1))
    p = p.approve_design("sg", on=date(2012, 10, 1))
    commitment = psp.SustainabilityCommitment(
        id="cja",
        by="cja",
        measures=[psp.Measure("reoffending", baseline=53, target=48, higher_is_better=False)],
        conditions=[psp.ExternalCondition("2014 Spending Review")],
    )
    p = p.seek_commitment(commitment, on=date(2012, 10, 1))
    p = p.give_commitment("cja", on=date(2012, 10, 2))
    p = p.draft_mou(
        psp.MoU(
            id="mou",
            drafted_on=date(2012, 10, 2),
            parties={"lead", "cja"},
            signatories=[psp.Signatory("Al", "lead"), psp.Signatory("Bo", "cja")],
        )
    )
    p = p.sign_mou("mou", "Al", on=date(2012, 11, 1)).sign_mou("mou", "Bo", on=date(2012, 11, 1))
    p = p.step("start-pilot", on=date(2012, 11, 1)).partnership
    yield p
    p = p.record_result("cja", "reoffending", 44, on=date(2014, 6, 1))
    p = p.resolve_condition("cja", "2014 Spending Review", True, on=date(2014, 6, 1))
    p = p.step("start-review", on=date(2014, 6, 1)).partnership
    yield p
    p = p.plan_tender(
        psp.Tender(id="t", commissioner="cja", title="Throughcare"), on=date(2014, 12, 1)
    )
    p = p.open_tender("t", on=date(2015, 1, 5)).receive_tender("t", "lead", on=date(2015, 2, 1))
    p = p.award_tender("t", "lead", on=date(2015, 3, 1), value=250_000)
    yield p.step("commission", on=date(2015, 4, 1)).partnership


def events_of(new: Partnership, old: Partnership) -> Any:
    """What a client posts: the events ``new`` holds beyond ``old``, as psp data."""
    return psp.to_data(new.events_since(old.version))


def etag(p: Partnership) -> str:
    return f'"{p.version}"'


def read(response: httpx.Response) -> Partnership:
    return psp.from_document(response.json(), Partnership)


def dump(database: Path) -> list[str]:
    """Everything in the database file, as SQL."""
    with closing(sqlite3.connect(database)) as db:
        return list(db.iterdump())


FORMED = next(journey(Partnership("p", "P")))
LATER = date(2013, 1, 1)


def refusal(action: Callable[[], object]) -> dict[str, Any]:
    """The body psp's own refusal of ``action`` makes: ``error.to_dict()``, through JSON."""
    with pytest.raises(psp.PSPError) as refused:
        action()
    body: dict[str, Any] = json.loads(json.dumps(refused.value.to_dict(), allow_nan=False))
    return body


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "psp.sqlite3"


@pytest.fixture
def client(database: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(database))) as client:
        yield client


class TestLifecycle:
    """A partnership goes from forming to commissioned over HTTP: the client runs psp's
    commands on its copy and posts the events they recorded, with the version it read."""

    def test_forming_to_commissioned(self, client: TestClient) -> None:
        p = Partnership("throughcare", "A throughcare PSP")
        created = client.post("/partnerships", json=psp.to_document(p))
        assert created.status_code == 201
        assert created.headers["ETag"] == '"0"'
        assert created.headers["Location"] == "/partnerships/throughcare"
        for new in journey(p):
            response = client.post(
                "/partnerships/throughcare/events",
                json=events_of(new, p),
                headers={"If-Match": etag(p)},
            )
            assert response.status_code == 200, response.json()
            assert response.headers["ETag"] == etag(new)
            assert read(response) == new
            p = new
        assert p.stage is psp.Stage.COMMISSIONED
        fetched = client.get("/partnerships/throughcare")
        assert (fetched.headers["ETag"], read(fetched)) == (etag(p), p)

    def test_the_events_since_a_version_are_event_documents(self, client: TestClient) -> None:
        *_, p = journey(Partnership("p", "P"))
        assert client.post("/partnerships", json=psp.to_document(p)).status_code == 201
        for since in (0, 5, p.version):
            response = client.get("/partnerships/p/events", params={"since": since})
            assert response.headers["ETag"] == etag(p)
            events = tuple(psp.from_document(d, psp.Event) for d in response.json())
            assert events == p.events_since(since)

    def test_without_if_match_events_are_checked_against_the_latest_version(
        self, client: TestClient
    ) -> None:
        """Two clients read the same version; the first records that the CJA left. The
        second, without If-Match, is checked against that: adding an organisation is
        recorded after it, changing the CJA's roles is refused by psp's rule."""
        client.post("/partnerships", json=psp.to_document(FORMED))
        left = FORMED.leave("cja", on=LATER, reason="moved")
        assert client.post("/partnerships/p/events", json=events_of(left, FORMED)).is_success
        added = FORMED.add_organisation(Partner("x", "X", "third"), on=LATER)
        response = client.post("/partnerships/p/events", json=events_of(added, FORMED))
        assert read(response) == left.extend(added.events_since(FORMED.version))
        changed = FORMED.change_roles("cja", {"strategic"}, on=LATER)
        stale = changed.events_since(FORMED.version)
        response = client.post("/partnerships/p/events", json=psp.to_data(stale))
        expected = refusal(lambda: read(client.get("/partnerships/p")).extend(stale))
        assert (response.status_code, response.json()) == (409, expected)


@contextmanager
def server(database: Path, listening: socket.socket) -> Iterator[subprocess.Popen[bytes]]:
    """The service in its own process (uvicorn), serving on ``listening``: a socket this
    process holds, so a restarted server answers at the same address."""
    command = [sys.executable, "-m", "uvicorn", "--factory", "service.app:create_app"]
    command += ["--app-dir", str(ROOT / "examples"), "--fd", str(listening.fileno())]
    log = (database.parent / "server.log").open("ab")
    process = subprocess.Popen(
        command,
        env={**os.environ, "PSP_DATABASE": str(database)},
        pass_fds=[listening.fileno()],
        stdout=log,
        stderr=log,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        log.close()


@pytest.fixture
def listening() -> Iterator[socket.socket]:
    with socket.create_server(("127.0.0.1", 0)) as listening:
        yield listening


def http(listening: socket.socket) -> httpx.Client:
    # Connections wait in the socket's queue until the server accepts them: no polling.
    host, port = listening.getsockname()
    return httpx.Client(base_url=f"http://{host}:{port}", timeout=120)


def at_once(
    base: Partnership, writes: list[tuple[socket.socket, Partnership]]
) -> list[httpx.Response]:
    """Post each write's events beyond ``base`` to the server on its socket, each from
    its own thread and client, all at once, each with ``base``'s version in If-Match."""
    start = threading.Barrier(len(writes))
    answers: list[httpx.Response] = []

    def write(listening: socket.socket, new: Partnership) -> None:
        with http(listening) as client:
            start.wait()
            headers = {"If-Match": etag(base)}
            answers.append(
                client.post("/partnerships/p/events", json=events_of(new, base), headers=headers)
            )

    threads = [threading.Thread(target=write, args=write_) for write_ in writes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


class TestARealServer:
    """The service as it runs: uvicorn in its own process on a database file."""

    def test_killed_and_restarted_it_reads_back_an_equal_partnership(
        self, database: Path, listening: socket.socket
    ) -> None:
        p = Partnership("p", "P")
        with server(database, listening) as process, http(listening) as client:
            assert client.post("/partnerships", json=psp.to_document(p)).status_code == 201
            for new in journey(p):
                response = client.post(
                    "/partnerships/p/events", json=events_of(new, p), headers={"If-Match": etag(p)}
                )
                assert response.status_code == 200
                p = new
            process.send_signal(signal.SIGKILL)  # no shutdown: what is committed must last
            assert process.wait() == -signal.SIGKILL
        with server(database, listening), http(listening) as client:
            response = client.get("/partnerships/p")
            assert (response.headers["ETag"], read(response)) == (etag(p), p)

    def test_of_two_writers_at_once_exactly_one_wins_each_race(
        self, database: Path, listening: socket.socket
    ) -> None:
        """Two servers on one database file, and a writer at each: both read the same
        version and post an event based on it, at once. One is recorded, the other is
        refused with version-conflict; nothing is lost, race after race."""
        races = 8
        writers = [[Partner(f"w{r}-{i}", "W", "third") for i in (1, 2)] for r in range(races)]
        recorded: set[str] = set()
        with (
            socket.create_server(("127.0.0.1", 0)) as other,
            server(database, listening),
            server(database, other),
            http(listening) as client,
        ):
            client.post("/partnerships", json=psp.to_document(Partnership("p", "P")))
            for race in range(races):
                base = read(client.get("/partnerships/p"))
                new = [base.add_organisation(writer, on=D) for writer in writers[race]]
                answers = at_once(base, [(listening, new[0]), (other, new[1])])
                assert sorted(a.status_code for a in answers) == [200, 409]
                (won,) = (read(a) for a in answers if a.status_code == 200)
                (refused,) = (a.json() for a in answers if a.status_code == 409)
                assert (refused["code"], refused["expected"]) == ("version-conflict", base.version)
                recorded.update(set(won.organisations) - set(base.organisations))
            final = read(client.get("/partnerships/p"))
        assert (final.version, set(final.organisations)) == (races, recorded)


class TestTheStore:
    """The primary key (partnership, version) is what makes a lost update impossible."""

    def test_a_second_append_on_the_same_version_is_a_version_conflict(
        self, database: Path
    ) -> None:
        store = Store(str(database))
        base = Partnership("p", "P")
        store.create(base)
        store.append(base, base.add_organisation(LEAD, on=D))
        before = dump(database)
        with pytest.raises(psp.VersionConflictError) as conflict:
            store.append(
                base,
                base.add_organisation(CJA, on=D).add_organisation(Partner("x", "X", "third"), on=D),
            )
        assert (conflict.value.expected, conflict.value.actual) == (0, 1)
        assert dump(database) == before
        assert store.load("p") == base.add_organisation(LEAD, on=D)


def event_data(*events: psp.Event) -> Any:
    return psp.to_data(list(events))


LEFT = psp.MemberLeft(on=LATER, partner_id="cja", reason="moved")
SECOND_LEAD = psp.RolesChanged(on=LATER, partner_id="cja", roles={"lead"})
COMMISSION = psp.StepTaken(on=LATER, step=psp.Step.COMMISSION)
GHOST = psp.MemberJoined(on=LATER, partner_id="ghost", roles=set())
WRONG_TYPES = [{"type": "member-left", "on": 5, "partner_id": "cja", "reason": "moved"}]
SLASHED = psp.to_document(Partnership("p", "P"))
SLASHED["data"]["id"] = "a/b"
UNKNOWN_TAG = [{"type": "member-exploded", "on": "2013-01-01"}]

# (method, url, headers, body, status, the body of psp's own refusal of the same thing)
REFUSALS: dict[str, tuple[str, str, dict[str, str], bytes, int, Callable[[], object]]] = {
    "wrong types": (
        "POST", "/partnerships/p/events", {}, json.dumps(WRONG_TYPES).encode(), 422,
        lambda: psp.from_data(WRONG_TYPES, list[psp.Event]),
    ),
    "an unknown event tag": (
        "POST", "/partnerships/p/events", {}, json.dumps(UNKNOWN_TAG).encode(), 422,
        lambda: psp.from_data(UNKNOWN_TAG, list[psp.Event]),
    ),
    "an event, not a list": (
        "POST", "/partnerships/p/events", {}, json.dumps(psp.to_data(LEFT)).encode(), 422,
        lambda: psp.from_data(psp.to_data(LEFT), list[psp.Event]),
    ),
    "a refused rule": (
        "POST", "/partnerships/p/events", {}, json.dumps(event_data(SECOND_LEAD)).encode(), 409,
        lambda: FORMED.extend([SECOND_LEAD]),
    ),
    "a refused step": (
        "POST", "/partnerships/p/events", {}, json.dumps(event_data(COMMISSION)).encode(), 409,
        lambda: FORMED.extend([COMMISSION]),
    ),
    "an unknown organisation": (
        "POST", "/partnerships/p/events", {}, json.dumps(event_data(GHOST)).encode(), 422,
        lambda: FORMED.extend([GHOST]),
    ),
    "a batch refused at its second event": (
        "POST", "/partnerships/p/events", {}, json.dumps(event_data(LEFT, GHOST)).encode(), 422,
        lambda: FORMED.extend([LEFT, GHOST]),
    ),
    "a version overtaken": (
        "POST", "/partnerships/p/events", {"If-Match": '"1"'},
        json.dumps(event_data(LEFT)).encode(), 409,
        lambda: FORMED.extend([LEFT], expected_version=1),
    ),
    "since beyond the version": (
        "GET", f"/partnerships/p/events?since={FORMED.version + 1}", {}, b"", 422,
        lambda: FORMED.events_since(FORMED.version + 1),
    ),
    "an id no URL can carry": (
        "POST", "/partnerships", {}, json.dumps(SLASHED).encode(), 422,
        lambda: psp.from_document(SLASHED, Partnership),
    ),
    "a document that is no partnership": (
        "POST", "/partnerships", {}, json.dumps(psp.to_document(LEAD)).encode(), 422,
        lambda: psp.from_document(psp.to_document(LEAD), Partnership),
    ),
}  # fmt: skip

# The service's own refusals: (method, url, headers, body, status, code, field, value)
OWN_REFUSALS: dict[str, tuple[str, str, dict[str, str], bytes, int, str, str, str]] = {
    "an unknown partnership": (
        "GET", "/partnerships/nope", {}, b"", 404,
        "partnership-not-found", "partnership_id", "nope",
    ),
    "events of an unknown partnership": (
        "POST", "/partnerships/nope/events", {}, b"[]", 404,
        "partnership-not-found", "partnership_id", "nope",
    ),
    "a partnership stored already": (
        "POST", "/partnerships", {}, json.dumps(psp.to_document(FORMED)).encode(), 409,
        "partnership-exists", "id", "p",
    ),
    "If-Match not a version": (
        "POST", "/partnerships/p/events", {"If-Match": "W/abc"}, b"[]", 422,
        "invalid-parameter", "if-match", "W/abc",
    ),
    "no such route": (
        "GET", "/organisations", {}, b"", 404, "no-such-route", "path", "/organisations",
    ),
    "no such method": (
        "DELETE", "/partnerships/p", {}, b"", 405, "no-such-route", "path", "/partnerships/p",
    ),
    "since not a number": (
        "GET", "/partnerships/p/events?since=one", {}, b"", 422,
        "invalid-parameter", "since", "one",
    ),
}  # fmt: skip


class TestRefusals:
    """Every malformed or refused request is a 4xx whose body is psp's ``to_dict()`` of
    the same refusal (or the service's own, in that shape), and the database file is
    unchanged."""

    @pytest.fixture
    def formed(self, client: TestClient, database: Path) -> Iterator[TestClient]:
        assert client.post("/partnerships", json=psp.to_document(FORMED)).status_code == 201
        before = dump(database)
        yield client
        assert dump(database) == before

    @pytest.mark.parametrize("case", REFUSALS)
    def test_psps_refusals(self, formed: TestClient, case: str) -> None:
        method, url, headers, body, status, action = REFUSALS[case]
        response = formed.request(method, url, headers=headers, content=body)
        expected = refusal(action)
        assert (response.status_code, response.json()) == (status, expected)
        assert expected["code"] in psp.ERROR_CODES

    def test_a_body_that_is_not_json_is_an_invalid_document(self, formed: TestClient) -> None:
        response = formed.post("/partnerships/p/events", content=b"[{")
        answer = response.json()
        assert (response.status_code, answer["code"], answer["field"]) == (
            422,
            "invalid-document",
            "$",
        )
        assert answer["reason"].startswith("is not JSON")

    @pytest.mark.parametrize("case", OWN_REFUSALS)
    def test_the_services_own_refusals(self, formed: TestClient, case: str) -> None:
        method, url, headers, body, status, code, field, value = OWN_REFUSALS[case]
        response = formed.request(method, url, headers=headers, content=body)
        assert response.status_code == status
        answer = response.json()
        assert (answer["code"], answer["field"], answer["value"]) == (code, field, value)
        assert set(answer) == {"code", "message", "field", "value", "reason"}
        assert answer["message"] == f"{field}: {answer['reason']} (got {value!r})"
        if status == 405:
            assert response.headers["Allow"] == "GET"

    def test_every_psp_error_code_has_a_4xx_status(self) -> None:
        assert {status_of(code) for code in psp.ERROR_CODES} <= {409, 422}
        assert {entry.error for entry in psp.ERROR_CODES.values()} <= set(STATUS)


def refs(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


class TestOpenAPI:
    """The OpenAPI document describes bodies by psp's own schemas: no copies."""

    @pytest.fixture
    def document(self, client: TestClient) -> dict[str, Any]:
        document: dict[str, Any] = client.get("/openapi.json").json()
        return document

    def test_psps_components_are_served(self, document: dict[str, Any]) -> None:
        assert document["openapi"].startswith("3.1")
        served = document["components"]["schemas"]
        psps = psp.openapi_components()["schemas"]
        # Only psp's: no FastAPI validation-error models describing bodies never sent.
        assert set(served) == set(psps)
        assert {k: v for k, v in served.items() if k != "ErrorCode"} == {
            k: v for k, v in psps.items() if k != "ErrorCode"
        }
        # The codes an Error may have: psp's, and the service's own, apart from psp's.
        assert served["ErrorCode"]["enum"] == [*psps["ErrorCode"]["enum"], *OWN_CODES]
        assert set(OWN_CODES).isdisjoint(psp.ERROR_CODES)

    def test_every_reference_resolves(self, document: dict[str, Any]) -> None:
        names = {re.fullmatch(r"#/components/schemas/(.+)", ref) for ref in set(refs(document))}
        assert None not in names
        assert {m.group(1) for m in names if m} <= set(document["components"]["schemas"])

    def test_the_routes_reference_psps_schemas(self, document: dict[str, Any]) -> None:
        events = document["paths"]["/partnerships/{partnership_id}/events"]
        request = events["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert request == {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}
        for responses in (events["post"]["responses"], events["get"]["responses"]):
            for status in ("404", "409", "422"):
                content = responses[status]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}

    def test_the_answers_are_valid_by_the_schemas_the_routes_name(
        self, client: TestClient, document: dict[str, Any]
    ) -> None:
        registry: Registry[Any] = Registry().with_resource(
            "urn:openapi", DRAFT202012.create_resource(document)
        )

        def check(name: str, instance: object) -> None:
            schema = {"$ref": f"urn:openapi#/components/schemas/{name}"}
            Draft202012Validator(schema, registry=registry).validate(instance)

        *_, whole = journey(Partnership("whole", "A whole lifecycle"))
        for p in (whole, FORMED):
            created = client.post("/partnerships", json=psp.to_document(p))
            check("PartnershipDocument", created.json())
        for event in client.get("/partnerships/whole/events").json():
            check("EventDocument", event)
        requests = [case[:4] for case in REFUSALS.values()]
        requests += [case[:4] for case in OWN_REFUSALS.values()]
        for method, url, headers, body in requests:
            response = client.request(method, url, headers=headers, content=body)
            assert response.status_code >= 400
            check("Error", response.json())


class TestOldRows:
    """Rows written by an older psp are read, upgraded by psp's migrations."""

    def test_a_version_1_identity_row_reads_with_the_default_policy(
        self, client: TestClient, database: Path
    ) -> None:
        client.post("/partnerships", json=psp.to_document(FORMED))
        with closing(sqlite3.connect(database)) as db, db:
            (text,) = db.execute("SELECT document FROM partnerships").fetchone()
            old = json.loads(text)
            del old["data"]["policy"]
            old["schema_version"] = 1
            db.execute("UPDATE partnerships SET document = ?", (json.dumps(old),))
        assert read(client.get("/partnerships/p")) == FORMED

    def test_event_rows_of_older_schema_versions_read(
        self, client: TestClient, database: Path
    ) -> None:
        client.post("/partnerships", json=psp.to_document(FORMED))
        with closing(sqlite3.connect(database)) as db, db:
            rows = db.execute("SELECT version, document FROM events").fetchall()
            for version, text in rows:
                old = {**json.loads(text), "schema_version": 1 + version % (psp.SCHEMA_VERSION - 1)}
                db.execute(
                    "UPDATE events SET document = ? WHERE version = ?", (json.dumps(old), version)
                )
        response = client.get("/partnerships/p/events")
        assert {d["schema_version"] for d in response.json()} == {psp.SCHEMA_VERSION}
        assert read(client.get("/partnerships/p")) == FORMED


class TestTheDocsPage:
    """docs/service.md shows the example's real code: each of its Python blocks is
    found, as it stands, in examples/service/ or in these tests."""

    def test_every_python_block_is_the_examples_code(self) -> None:
        page = (ROOT / "docs" / "service.md").read_text(encoding="utf-8")
        blocks = re.findall(r"^```python\n(.*?)^```$", page, re.MULTILINE | re.DOTALL)
        sources = [*sorted((ROOT / "examples" / "service").glob("*.py")), Path(__file__)]
        code = "\n".join(path.read_text(encoding="utf-8") for path in sources)
        assert len(blocks) >= 10
        assert [block for block in blocks if block not in code] == []
